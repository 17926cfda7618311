"""The search screen: results as you type, stale queries cancelled, keys."""
from __future__ import annotations

import sqlite3

import pytest
from explorer_helpers import screen_text, settle
from textual.widgets import Input

from explorer.app import ClaimscopeApp
from explorer.screens.item import ItemScreen
from explorer.screens.search import SearchScreen
from explorer.widgets.results import ResultList


async def test_the_explorer_opens_on_search_with_the_box_focused_and_recent_documents(explorer_db):
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert isinstance(app.focused, Input)
        hits = app.screen.query_one(ResultList).hits
        assert [h.kind for h in hits[:3]] == ["doc", "doc", "doc"]
        assert "Recent documents" in screen_text(app)


async def test_typing_lists_ranked_results_with_the_matched_characters_highlighted(explorer_db):
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"alarm")
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        assert results.hits, "no results for a word in two claims"
        assert all(h.score >= results.hits[-1].score for h in results.hits)
        top = results.hits[0]
        assert top.kind in ("claim", "quote") and "alarm" in top.snippet
        prompt = results.get_option_at_index(0).prompt
        first_line = prompt.plain.split("\n")[0]
        start = first_line.index("alarm")
        styled = {i for span in prompt.spans if span.style for i in range(span.start, span.end)
                  if i < len(first_line)}
        assert set(range(start, start + 5)) <= styled
        assert "Piet Halvorsen" in prompt.plain.split("\n")[1]
        text = screen_text(app)
        assert f"{len(results.hits)} result" in text and "alarm" in text


async def test_a_new_keystroke_cancels_the_search_in_flight(explorer_db):
    """The first query blocks in SQLite until interrupted; only the final
    query's results ever reach the screen."""
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        store = app.store
        real = store.searcher()
        interrupted = []

        class SlowFirst:
            def search(self, q, limit=50):
                if q == "a":
                    try:
                        # Runs until Store.interrupt() stops it.
                        store._search_con.execute(
                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                            "SELECT count(*) FROM n").fetchone()
                    except sqlite3.OperationalError as e:
                        interrupted.append(str(e))
                        raise
                return real.search(q, limit)

            def home(self, limit=50):
                return real.home(limit)

        store._searcher = SlowFirst()
        screen = app.screen
        before = len(screen.shown)
        await pilot.press("a")
        await pilot.pause(0.2)  # the slow query is now running
        await pilot.press("l")
        await settle(pilot)
        assert interrupted and "interrupt" in interrupted[0]
        assert screen.shown[before:] == ["al"]
        assert screen.results.query == "al"


async def test_enter_drills_into_the_top_result_and_escape_comes_back(explorer_db):
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"cranes")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert "cranes" in app.screen.item.text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert isinstance(app.focused, ResultList)


async def test_q_types_into_the_box_but_quits_from_the_results(explorer_db):
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"quist")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "quist"
        assert app.is_running
        await pilot.press("tab")  # to the results
        assert isinstance(app.focused, ResultList)
        await pilot.press("j", "k", "slash")
        assert isinstance(app.focused, Input)
        await pilot.press("tab", "q")
        await pilot.pause()
        assert not app.is_running


async def test_arrows_move_through_results_while_typing(explorer_db):
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"dam")
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        assert len(results.hits) > 2
        await pilot.press("down", "down", "up")
        assert results.highlighted == 1
        assert isinstance(app.focused, Input)


async def test_escape_in_the_box_clears_the_query(explorer_db):
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"dam", "escape")
        await settle(pilot)
        assert app.screen.query_one(Input).value == ""
        assert "Recent documents" in screen_text(app)


@pytest.mark.slow
async def test_hoax_lists_first_the_kremlin_spokesman_dismissing_the_reports(default_db):
    app = ClaimscopeApp(default_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"hoax")
        await settle(pilot)
        top = app.screen.query_one(ResultList).hits[0]
        assert top.kind == "claim"
        assert "hoax" in top.snippet and "Peskov" in top.snippet and "dismissed" in top.snippet
        await pilot.press("enter")
        await settle(pilot)
        item = app.screen.item
        assert item.stance == "denies" and "Peskov" in item.actor.name
        assert "Kremlin" in (item.actor.description or "")
        await pilot.press("o")
        await settle(pilot)
        view = app.screen.query_one("DocumentView")
        line = view.line_of(item.start)
        assert view.scroll_y <= line < view.scroll_y + view.size.height
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running



async def _back_from_a_claim(pilot, app):
    await settle(pilot)
    await pilot.press(*"dam", "down", "enter")
    await settle(pilot)
    assert isinstance(app.screen, ItemScreen)
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, SearchScreen)


async def test_back_from_a_claim_escape_returns_to_the_query_and_a_second_clears_it(explorer_db):
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _back_from_a_claim(pilot, app)
        assert isinstance(app.focused, ResultList)  # where you left off
        await pilot.press("escape")
        box = app.screen.query_one(Input)
        assert app.focused is box and box.value == "dam"
        await pilot.press("escape")
        assert box.value == ""


async def test_back_in_the_box_typing_extends_the_query_never_replaces_it(explorer_db):
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await _back_from_a_claim(pilot, app)
        await pilot.press("escape", *"fq")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)  # f and q are letters in the box
        assert app.screen.query_one(Input).value == "damfq"
