"""The list of documents: title, outlet, date; ``enter`` opens one to read."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from db.connection import shown

from ..labels import untitled
from ..export import save_list
from ..safe import plain
from ..workers import db_work
from .comparison_picker import pick_comparison


class DocumentsScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="documents.back", tooltip="back"),
        Binding("enter", "open", "Open", id="documents.open", tooltip="read the highlighted document"),
        Binding("c", "compare", "Compare", id="documents.compare",
                tooltip="compare the highlighted document with another"),
        Binding("j", "cursor_down", "Down", show=False, id="documents.down", tooltip="next document"),
        Binding("k", "cursor_up", "Up", show=False, id="documents.up", tooltip="previous document"),
        Binding("ctrl+s", "save", "Save", show=False, id="documents.save",
                tooltip="save the list of documents to a CSV file in the current directory"),
    ]
    PALETTE_NAME = "Documents"

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Documents"
        self.sub_title = shown(self.app.store.path.name)
        table = self.query_one(DataTable)
        table.add_columns("Published", "Outlet", "Title")
        table.loading = True
        self.load_documents()

    @db_work(group="documents", name="load documents")
    def load_documents(self) -> None:
        docs = self.app.store.documents()
        self.app.call_from_thread(self._show, docs)

    def refresh_data(self) -> None:
        self.load_documents()

    def _show(self, docs) -> None:
        table = self.query_one(DataTable)
        keep = self._current()
        table.loading = False
        table.clear()
        for d in docs:
            title = plain(d.title) if d.title else plain(untitled(), "italic dim")
            table.add_row(plain(d.published or "—"), plain(d.outlet or "—"), title, key=str(d.id))
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        table.focus()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def _current(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_save(self) -> None:
        table = self.query_one(DataTable)
        ids = [int(row.key.value) for row in table.ordered_rows]
        save_list(self, "documents", "documents", [("doc", i) for i in ids])

    def action_open(self) -> None:
        doc_id = self._current()
        if doc_id is not None:
            self.app.open("doc", doc_id)

    def action_compare(self) -> None:
        doc_id = self._current()
        if doc_id is not None:
            pick_comparison(self, doc_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
