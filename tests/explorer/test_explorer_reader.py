"""The document list (ctrl+o from search): list documents, open one, read it;
keyboard only."""
from __future__ import annotations

import sqlite3

from textual.widgets import DataTable

from explorer.app import ClaimscopeApp
from explorer.safe import inert, plain


async def test_the_document_list_opens_a_document_to_read(small_db):
    app = ClaimscopeApp(small_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        titles = {str(table.get_row_at(i)[2]) for i in range(3)}
        assert "Ferry routes cut" in titles
        row = [str(table.get_row_at(i)[2]) for i in range(3)].index("Ferry routes cut")
        for _ in range(row):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one("#doc-view")
        body = "\n".join(view.line_text(y) for y in range(view.line_count))
        assert "Analysts expect more than 40% of passengers to switch to buses." in body
        await pilot.press("escape")
        assert isinstance(app.screen.query_one(DataTable), DataTable)


async def test_the_database_is_opened_read_only(small_db):
    app = ClaimscopeApp(small_db, keymap={})
    async with app.run_test():
        try:
            app.store.con.execute("delete from documents")
        except sqlite3.OperationalError as e:
            assert "readonly" in str(e)
        else:
            raise AssertionError("the explorer's connection could write")


def test_markup_and_escape_sequences_in_text_stay_inert():
    text = plain("[bold red]loud[/] \x1b]52;c;aGk=\x07 [link=http://x]x[/link]")
    assert text.spans == []
    assert "[bold red]loud[/]" in text.plain and "[link=http://x]" in text.plain
    assert "\x1b" not in text.plain and "\x07" not in text.plain
    assert inert("a\x00b") == "a\u2400b"
