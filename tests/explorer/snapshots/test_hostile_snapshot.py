"""Text from documents is shown as text: markup stays literal and control characters
show as symbols, even in a database some other tool wrote."""
from __future__ import annotations

import sqlite3

import pytest
from explorer_helpers import screen_text, settle
from textual.widgets import Input

from explorer.app import ClaimscopeApp
from seed.pipeline import seed

HOSTILE = ("Council vote\n\nThe [bold red]mayor[/] said [link=http://evil.example]click here[/link] "
           "that 5 people were hurt.\n\nA spokesman said \"[reverse]no comment[/reverse]\" on Monday.")
TITLE = "Evil \x1b]52;c;SGVsbG8=\x07title \x1b[31m[bold]red[/bold]\x00"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile_corpus")
    (folder / "vote.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path_factory.mktemp("hostile_snap") / "h.db"
    seed([folder], db)
    # Claimscope's seeder strips control characters; another tool writing the file may not.
    con = sqlite3.connect(db)
    con.execute("UPDATE documents SET title = ?", (TITLE,))
    con.commit()
    con.close()
    return db


def _open_reader(pilot_app):
    doc_id = pilot_app.store.documents()[0].id
    pilot_app.open("doc", doc_id)


def test_the_reader_shows_markup_and_escapes_literally(snap_compare, hostile_db):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.screen.query_one(Input).cursor_blink = False
        _open_reader(pilot.app)
        await settle(pilot)

    assert snap_compare(ClaimscopeApp(hostile_db, keymap={}), terminal_size=(80, 24), run_before=run_before)


async def test_no_escape_reaches_the_screen_and_markup_is_not_applied(hostile_db):
    app = ClaimscopeApp(hostile_db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _open_reader(app)
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]mayor[/]" in text and "[link=http://evil.example]click here[/link]" in text
        assert "\x1b" not in text and "\x07" not in text and "\x00" not in text
        assert "\u241b]52;c;SGVsbG8=\u2407title" in text  # ESC and BEL as visible symbols
