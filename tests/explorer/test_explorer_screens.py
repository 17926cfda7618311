"""Drilling down: claim, document, actor, compare; copying; help and palette."""
from __future__ import annotations

from explorer_helpers import row_id, screen_text, settle
from textual.command import CommandPalette

from explorer.app import ClaimscopeApp
from explorer.commands import ScreenCommands
from explorer.screens.actor import ActorScreen
from explorer.screens.compare import CompareScreen
from explorer.screens.item import ItemScreen
from explorer.screens.reader import ReaderScreen
from explorer.widgets.document_view import DocumentView
from explorer.widgets.help import HelpScreen
from explorer.widgets.passage import Passage
from explorer.widgets.picker import PickerScreen


def _claim(db, like: str) -> int:
    return row_id(db, "SELECT id FROM claims WHERE text LIKE ?", f"%{like}%")


def _doc(db, outlet: str) -> int:
    return row_id(db, "SELECT id FROM documents WHERE outlet = ?", outlet)


async def _open(app, pilot, kind, target_id, **kw):
    await settle(pilot)
    app.open(kind, target_id, **kw)
    await settle(pilot)


async def test_a_claim_shows_its_claimant_source_and_highlighted_span_in_its_paragraph(explorer_db):
    claim_id = _claim(explorer_db, "widened by several centimetres")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "claim", claim_id)
        screen = app.screen
        assert isinstance(screen, ItemScreen)
        item = screen.item
        passage = screen.query_one(Passage)
        start, end = passage.span
        assert passage.paragraph[start:end] == item.text
        rendered = passage.build()
        marked = [s for s in rendered.spans if s.start == start and s.end == end]
        assert marked and (marked[0].style.bold or marked[0].style.underline)
        text = screen_text(app)
        assert "Mara Quist" in text and "Valley Post" in text and "2025-05-12" in text
        assert "said" in text  # the cue


async def test_o_opens_the_document_with_the_span_in_view_and_marked(explorer_db):
    claim_id = _claim(explorer_db, "drained without warning")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 12)) as pilot:  # short, so the span needs scrolling
        await _open(app, pilot, "claim", claim_id)
        item = app.screen.item
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.query_one(DocumentView)
        line = view.line_of(item.start)
        assert view.scroll_y > 0
        assert view.scroll_y <= line < view.scroll_y + view.size.height
        # In the middle, unless the end of the text stops the scroll short of it.
        assert view.scroll_y == min(view.max_scroll_y, line - view.size.height // 2)
        assert view.current == (item.start, item.end)
        assert "drained without warning" in screen_text(app)


async def test_n_and_brackets_step_through_claims_and_quotes(explorer_db):
    doc_id = _doc(explorer_db, "Valley Post")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "doc", doc_id)
        screen = app.screen
        claims = [s for s in screen.spans if s.kind == "claim"]
        await pilot.press("n")
        assert screen.current == claims[0]
        await pilot.press("n")
        assert screen.current == claims[1]
        await pilot.press("N")
        assert screen.current == claims[0]
        await pilot.press("right_square_bracket")
        assert screen.current.kind == "quote"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen) and app.screen.kind == "quote"


async def test_the_document_marks_quotes_claims_and_mentions_in_distinct_styles(explorer_db):
    doc_id = _doc(explorer_db, "Valley Post")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "doc", doc_id)
        view = app.screen.query_one(DocumentView)
        styles = {k: view.get_component_rich_style(f"document-view--{k}", partial=True)
                  for k in ("claim", "quote", "mention")}
        assert len({str(s) for s in styles.values()}) == 3
        used = {str(span.style) for y in range(view.line_count) for span in view._lines[y].spans}
        for kind, style in styles.items():
            assert any(str(style) in u for u in used), kind


async def test_a_to_the_actor_lists_their_claims_and_quotes_newest_first(explorer_db):
    claim_id = _claim(explorer_db, "structurally sound")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "claim", claim_id)
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ActorScreen)
        actor = screen.actor
        assert actor.name == "Piet Halvorsen"
        dates = [i.published for i in actor.items]
        assert dates == sorted(dates, reverse=True) and len(set(dates)) == 2
        assert "spokesman" in screen_text(app)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert app.screen.item.id == actor.items[1].id


async def test_y_copies_the_paragraph_with_a_citation_line(explorer_db):
    claim_id = _claim(explorer_db, "drained without warning")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "claim", claim_id)
        await pilot.press("y")
        assert app.clipboard == (
            "Officials denied that the reservoir had been drained without warning.\n"
            "— Valley Post, 2025-05-12, “Thousands evacuated as Larsby dam cracks”, "
            "https://example.com/larsby-dam"
        )


async def test_c_compares_two_reports_marking_what_both_say_and_both_figures(explorer_db):
    claim_id = _claim(explorer_db, "Engineer Mara Quist")
    other = _doc(explorer_db, "North Ledger")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "claim", claim_id)
        await pilot.press("c")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        # The report on the same story comes first.
        assert picker.choices[0].id == other
        await pilot.press(*"ledger")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert {screen.left_id, screen.right_id} == {_doc(explorer_db, "Valley Post"), other}
        kinds = sorted(p[0].kind for p in screen.pairs)
        assert kinds == ["claim", "claim", "quote"]
        left, right = screen.query_one("#left-view", DocumentView), screen.query_one("#right-view", DocumentView)
        for view, side in ((left, 0), (right, 1)):
            shared = [m for m in view.marks if m.kind == "shared"]
            assert len(shared) == 3
            assert any("structurally sound" in view.text[m.start:m.end] for m in shared)
        figures = screen_text(app)
        assert "residents" in figures and "3,000" in figures and "5,000" in figures
        # The claim compared from is in view on the left, its partner on the right.
        assert "Engineer Mara Quist" in left.text[left.current[0]:left.current[1]]
        for view in (left, right):
            line = view.line_of(view.current[0])
            assert view.scroll_y <= line < view.scroll_y + view.size.height
        assert "an engineer who inspected" in right.text[right.current[0]:right.current[1]]
        assert left.has_focus
        await pilot.press("tab")
        assert right.has_focus
        await pilot.press("n")
        assert screen.sub_title.startswith("shared 1/3")


async def test_compare_stacks_the_panes_below_100_columns(explorer_db):
    a, b = _doc(explorer_db, "Valley Post"), _doc(explorer_db, "North Ledger")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        app.compare(a, b)
        await settle(pilot)
        panes = app.screen.query_one("#panes")
        assert panes.has_class("-stacked")
        left, right = app.screen.query_one("#left-view"), app.screen.query_one("#right-view")
        assert left.region.y < right.region.y
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert not panes.has_class("-stacked")
        assert left.region.x < right.region.x and left.region.y == right.region.y


async def test_help_lists_the_screen_keys_with_their_ids(explorer_db):
    claim_id = _claim(explorer_db, "structurally sound")
    app = ClaimscopeApp(explorer_db, keymap={"claim.copy": "ctrl+y"})
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "claim", claim_id)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "claim.open_document" in text and "claim.compare" in text
        assert "^y" in text  # the user's keymap shows
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen)
        await pilot.press("ctrl+y")
        assert "structurally sound" in app.clipboard


async def test_the_command_palette_offers_the_screen_actions_by_name(explorer_db):
    claim_id = _claim(explorer_db, "structurally sound")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "claim", claim_id)
        item_screen = app.screen
        provider = ScreenCommands(item_screen)
        titles = [t for t, _, _ in provider._commands()]
        assert "Claim: open the document at this passage" in titles
        assert "Claim: copy the passage with a citation line" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"copy the passage")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is item_screen
        assert "structurally sound" in app.clipboard


async def test_document_text_with_markup_and_escapes_shows_literally(tmp_path):
    from conftest import seed

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "odd.txt").write_text(
        "Odd article\n\nThe minister said [bold red]nothing[/] and [link=http://x]this[/link] today.\n\n"
        "A line with an escape \x1b]52;c;aGk=\x07 in it.\n", encoding="utf-8")
    db = tmp_path / "odd.db"
    seed([folder], db)
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 24)) as pilot:
        await _open(app, pilot, "doc", 1)
        text = screen_text(app)
        assert "[bold red]nothing[/]" in text and "[link=http://x]this[/link]" in text
        assert "\x1b" not in text and "\x07" not in text


async def test_r_with_nothing_linked_says_so_and_stays(explorer_db):
    claim_id = _claim(explorer_db, "drained without warning")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "claim", claim_id)
        assert app.screen.item.related == ()
        screen = app.screen
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen
        assert [n.message for n in app._notifications] == ["Nothing linked: no quote behind this claim was found."]


async def test_r_opens_the_quote_a_claim_is_made_of(explorer_db):
    claim_id = row_id(explorer_db, "SELECT id FROM claims WHERE quote_id IS NOT NULL ORDER BY id")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, "claim", claim_id)
        quote_id = app.screen.item.related[0][1]
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen) and app.screen.kind == "quote"
        assert app.screen.item.id == quote_id and not list(app._notifications)
