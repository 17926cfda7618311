"""Reading one document: its metadata in a header, its text below."""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..safe import plain


class ReaderScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="reader.back"),
        Binding("j", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("q", "app.pop_screen", "Back", show=False, id="reader.quit"),
    ]

    def __init__(self, doc_id: int):
        super().__init__()
        self.doc_id = doc_id

    def compose(self) -> ComposeResult:
        yield Static(id="doc-meta")
        with VerticalScroll(id="doc-body"):
            yield Static(id="doc-text")
        yield Footer()

    def on_mount(self) -> None:
        self.load_document()

    @work(thread=True, exclusive=True, group="reader", name="load document")
    def load_document(self) -> None:
        doc = self.app.store.document(self.doc_id)
        self.app.call_from_thread(self._show, doc)

    def _show(self, doc) -> None:
        if doc is None:
            self.query_one("#doc-text", Static).update(plain("This document is no longer in the database."))
            return
        meta = Text()
        meta.append_text(plain(doc.title or "(untitled)", "bold"))
        byline = " · ".join(x for x in (doc.outlet, ", ".join(doc.authors), doc.published) if x)
        if byline:
            meta.append("\n")
            meta.append_text(plain(byline, "dim"))
        self.query_one("#doc-meta", Static).update(meta)
        body = Text()
        for i, block in enumerate(doc.blocks):
            if i:
                body.append("\n\n")
            style = "bold" if block.kind == "heading" else ""
            body.append_text(plain(doc.text[block.start:block.end], style))
        self.query_one("#doc-text", Static).update(body)
        self.query_one("#doc-body").focus()

    def action_scroll_down(self) -> None:
        self.query_one("#doc-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#doc-body", VerticalScroll).scroll_up()
