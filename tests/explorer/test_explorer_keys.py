"""Every key of every screen can be pressed without error; every binding has an
id and a description; footers fit in 80 columns."""
from __future__ import annotations

import pytest
from explorer_helpers import row_id, screen_text, settle
from textual.widgets import Footer

from explorer.app import ClaimscopeApp
from explorer.keys import screen_actions
from explorer.screens.actor import ActorScreen
from explorer.screens.compare import CompareScreen
from explorer.screens.comparison_picker import pick_comparison
from explorer.screens.documents import DocumentsScreen
from explorer.screens.item import ItemScreen
from explorer.screens.reader import ReaderScreen
from explorer.screens.search import SearchScreen
from explorer.widgets.document_view import DocumentView
from explorer.widgets.help import HelpScreen
from explorer.widgets.picker import PickerScreen
from explorer.widgets.results import ResultList

QUITS = {"app.quit", "search.quit"}


def _openers(db):
    claim = row_id(db, "SELECT id FROM claims WHERE text LIKE '%structurally sound%'")
    quote = row_id(db, "SELECT id FROM quotes WHERE text LIKE '%structurally sound%'")
    actor = row_id(db, "SELECT id FROM actors WHERE name = 'Piet Halvorsen'")
    a = row_id(db, "SELECT id FROM documents WHERE outlet = 'Valley Post'")
    b = row_id(db, "SELECT id FROM documents WHERE outlet = 'North Ledger'")
    return {
        "search": lambda app: None,
        "claim": lambda app: app.open("claim", claim),
        "quote": lambda app: app.open("quote", quote),
        "actor": lambda app: app.open("actor", actor),
        "document": lambda app: app.open("doc", a, span=(0, 5)),
        "documents": lambda app: app.open("documents", 0),
        "compare": lambda app: app.compare(a, b),
        "help": lambda app: app.action_help(),
        "picker": lambda app: pick_comparison(app.screen, a),
    }


@pytest.mark.parametrize("name", ["search", "claim", "quote", "actor", "document", "documents",
                                  "compare", "help", "picker"])
async def test_every_key_of_the_screen_can_be_pressed(explorer_db, name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # ctrl+s saves the list here
    open_screen = _openers(explorer_db)[name]
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        async def reopen():
            while len(app.screen_stack) > 2:
                app.pop_screen()
                await settle(pilot)
            open_screen(app)
            await settle(pilot)
            return app.screen, len(app.screen_stack)

        target, depth = await reopen()
        actions = screen_actions(target)
        assert actions
        pressed = 0
        for action in actions:
            if action.id in QUITS:
                continue
            for key in action.keys:
                if app.screen is not target:
                    target, depth = await reopen()
                await pilot.press(key)
                await settle(pilot)
                assert app.is_running, f"{action.id} ({key}) ended the app"
                pressed += 1
                while len(app.screen_stack) > depth:
                    app.pop_screen()
                    await settle(pilot)
        assert pressed >= 3


def _all_screen_classes():
    return [SearchScreen, ItemScreen, ReaderScreen, ActorScreen, CompareScreen, DocumentsScreen,
            HelpScreen, PickerScreen, DocumentView, ResultList, ClaimscopeApp]


@pytest.mark.parametrize("cls", _all_screen_classes(), ids=lambda c: c.__name__)
def test_every_binding_has_an_id_and_a_description(cls):
    for binding in cls.BINDINGS:
        assert binding.id, binding
        assert binding.description, binding
        assert "." in binding.id


def test_binding_ids_are_unique_across_screens():
    seen = {}
    for cls in _all_screen_classes():
        for binding in cls.BINDINGS:
            assert seen.setdefault(binding.id, cls) is cls, binding.id


@pytest.mark.parametrize("name", ["search", "claim", "document", "actor", "compare", "documents"])
async def test_footer_hints_fit_in_80_columns(explorer_db, name):
    open_screen = _openers(explorer_db)[name]
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        open_screen(app)
        await settle(pilot)
        if name == "search":
            await pilot.press("tab")  # the results list shows the most keys
        footer = app.screen.query_one(Footer)
        shown = [b for b in footer.query("FooterKey")]
        assert shown
        assert all(k.region.right <= 80 and k.region.width > 0 for k in shown)
        assert "palette" in screen_text(app).splitlines()[-1]
        # The palette hint is docked right: no key may run in under it.
        palette = [k for k in shown if k.has_class("-command-palette")]
        keys = [k for k in shown if k not in palette]
        if palette:
            assert max(k.region.right for k in keys) <= palette[0].region.x
