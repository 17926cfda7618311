"""What each screen looks like at 80x24 and 120x40, at 256 colours and with
NO_COLOR.  Baselines: tests/explorer/snapshots/__snapshots__/; regenerate with
``pytest tests/explorer/snapshots --snapshot-update`` and look at the SVGs."""
from __future__ import annotations

import pytest
from explorer_helpers import row_id, settle
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.filter import LineFilter, Monochrome
from textual.widgets import Input

from explorer.app import ClaimscopeApp


class EightBit(LineFilter):
    """What a 256-colour terminal shows: every colour cut down to the xterm palette."""

    def apply(self, segments, background):
        out = []
        for text, style, control in segments:
            if style and (style.color or style.bgcolor):
                style = style + Style(
                    color=style.color.downgrade(ColorSystem.EIGHT_BIT) if style.color else None,
                    bgcolor=style.bgcolor.downgrade(ColorSystem.EIGHT_BIT) if style.bgcolor else None,
                )
            out.append(Segment(text, style, control))
        return out


def _steps(db):
    claim = row_id(db, "SELECT id FROM claims WHERE text LIKE '%Engineer Mara Quist%'")
    actor = row_id(db, "SELECT id FROM actors WHERE name = 'Piet Halvorsen'")
    a = row_id(db, "SELECT id FROM documents WHERE outlet = 'Valley Post'")
    b = row_id(db, "SELECT id FROM documents WHERE outlet = 'North Ledger'")
    span = (row_id(db, "SELECT start FROM claims WHERE id = ?", claim),
            row_id(db, 'SELECT "end" FROM claims WHERE id = ?', claim))
    return {
        "home": (lambda app: None, []),
        "results": (lambda app: None, list("alarm")),
        "claim": (lambda app: app.open("claim", claim), []),
        "document": (lambda app: app.open("doc", a, span=span), []),
        "actor": (lambda app: app.open("actor", actor), []),
        "compare": (lambda app: app.compare(a, b, span=span), []),
        "help": (lambda app: app.open("claim", claim), ["f1"]),
    }


def _run_before(open_screen, keys, filters=()):
    async def run_before(pilot):
        app = pilot.app
        app._filters.extend(filters)
        await settle(pilot)
        app.screen.query_one(Input).cursor_blink = False
        open_screen(app)
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
        await settle(pilot)
    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("name", ["home", "results", "claim", "document", "actor", "compare", "help"])
def test_screen_looks_right(snap_compare, explorer_db, name, size):
    open_screen, keys = _steps(explorer_db)[name]
    app = ClaimscopeApp(explorer_db, keymap={})
    assert snap_compare(app, terminal_size=size, run_before=_run_before(open_screen, keys))


@pytest.mark.parametrize("name", ["results", "document", "compare"])
def test_screen_reads_at_256_colours(snap_compare, explorer_db, name):
    open_screen, keys = _steps(explorer_db)[name]
    app = ClaimscopeApp(explorer_db, keymap={})
    assert snap_compare(app, terminal_size=(80, 24), run_before=_run_before(open_screen, keys, [EightBit()]))


def test_document_reads_without_colour(snap_compare, explorer_db):
    open_screen, keys = _steps(explorer_db)["document"]
    app = ClaimscopeApp(explorer_db, keymap={})
    assert snap_compare(app, terminal_size=(80, 24),
                        run_before=_run_before(open_screen, keys, [Monochrome()]))
