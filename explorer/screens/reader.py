"""Reading one document: its metadata in a header, its text below with quotes,
claims and actor mentions marked; ``n``/``N`` step through claims, ``]``/``[``
through quotes."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from db.records import Document, Span

from ..labels import untitled
from ..safe import plain
from ..workers import db_work
from ..widgets.document_view import Block, DocumentView, Mark
from .comparison_picker import pick_comparison


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def document_header(doc: Document, extra: str = "") -> Text:
    meta = Text(no_wrap=True, overflow="ellipsis")
    meta.append_text(plain(doc.title or untitled(), "bold" if doc.title else "bold italic"))
    byline = " · ".join(x for x in (doc.outlet, ", ".join(doc.authors), doc.published, extra) if x)
    if byline:
        meta.append("\n")
        meta.append_text(plain(byline, "dim"))
    return meta


def view_content(doc: Document, spans: list[Span]) -> tuple[list[Block], list[Mark]]:
    blocks = [Block(b.kind, b.start, b.end) for b in doc.blocks]
    marks = [Mark(s.kind, s.start, s.end, s.id) for s in spans
             if s.kind in ("mention", "claim", "quote", "figure")]
    return blocks, marks


def legend(spans: list[Span], style_of) -> Text:
    """What each kind of mark looks like, and how many claims and quotes there are."""
    out = Text(no_wrap=True, overflow="ellipsis")
    for kind in ("claim", "quote", "mention", "figure"):
        out.append(kind, style=style_of(kind))
        out.append("  ")
    counts = {k: sum(1 for s in spans if s.kind == k) for k in ("claim", "quote")}
    out.append(f"{plural(counts['claim'], 'claim')} · {plural(counts['quote'], 'quote')}", style="dim")
    return out


def position(current: Span | None, spans: list[Span]) -> str:
    """"claim 3/12 · disputed": where the current claim or quote stands among its kind."""
    if current and current.kind in ("claim", "quote"):
        same = [s for s in spans if s.kind == current.kind]
        index = next((i for i, s in enumerate(same) if s.id == current.id), 0)
        verdict = f" · {current.verdict}" if current.verdict else ""
        return f"{current.kind} {index + 1}/{len(same)}{verdict}"
    return ""


def next_span(same: list[Span], anchor: int, direction: int) -> Span:
    """The first of ``same`` (in text order) after ``anchor`` going forward (1),
    or before it going back (-1), coming round at either end."""
    starts = [s.start for s in same]
    if direction > 0:
        i = bisect_right(starts, anchor)
        return same[i] if i < len(same) else same[0]
    i = bisect_left(starts, anchor) - 1
    return same[i] if i >= 0 else same[-1]


class _MarkCursor:
    """The current claim or quote of a document on screen: stepped to with n/N and
    ]/[ (from the top of the screen when none is current), opened with enter."""

    doc: Document | None
    spans: list[Span]
    current: Span | None

    def _update_position(self) -> None:
        self.sub_title = position(self.current, self.spans)

    def action_step(self, kind: str, direction: int) -> None:
        """Move to the next (1) or previous (-1) claim or quote after the
        current one, or after the top of the screen when none is current."""
        if self.doc is None:
            return
        view = self.query_one(DocumentView)
        same = [s for s in self.spans if s.kind == kind]
        if not same:
            self.notify(f"No {kind}s marked in this document.", markup=False)
            return
        anchor = self.current.start if self.current else view.top_offset() - (1 if direction > 0 else 0)
        self.current = next_span(same, anchor, direction)
        view.show_span(self.current.start, self.current.end)
        self._update_position()

    def action_open_current(self) -> None:
        if self.current and self.current.kind in ("claim", "quote"):
            self.app.open(self.current.kind, self.current.id)


class ReaderScreen(_MarkCursor, Screen):
    PALETTE_NAME = "Document"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="document.back", tooltip="back"),
        Binding("n", "step('claim', 1)", "Claim", id="document.next_claim", tooltip="next claim"),
        Binding("N", "step('claim', -1)", "Prev claim", show=False, id="document.previous_claim",
                tooltip="previous claim"),
        Binding("right_square_bracket", "step('quote', 1)", "Quote", id="document.next_quote",
                tooltip="next quote", key_display="]"),
        Binding("left_square_bracket", "step('quote', -1)", "Prev quote", show=False,
                id="document.previous_quote", tooltip="previous quote", key_display="["),
        Binding("enter", "open_current", "Open", id="document.open",
                tooltip="open the marked claim or quote"),
        Binding("c", "compare", "Compare", id="document.compare",
                tooltip="compare this document with another"),
    ]

    def __init__(self, doc_id: int | None, span: tuple[int, int] | None = None, figure_id: int | None = None):
        super().__init__()
        self.doc_id, self.span, self.figure_id = doc_id, span, figure_id
        self.doc: Document | None = None
        self.spans: list[Span] = []
        self.current: Span | None = None
        self._top: int | None = None  # the offset to scroll back to after a refresh

    def compose(self) -> ComposeResult:
        yield Static(id="doc-meta")
        yield Static(id="doc-legend")
        yield DocumentView(id="doc-view")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DocumentView).focus()
        self.load_document()

    def refresh_data(self) -> None:
        """Load the document again, at the mark or the line where the reader is."""
        if self.doc is not None:
            self.span = (self.current.start, self.current.end) if self.current else None
            self._top = None if self.span else self.query_one(DocumentView).top_offset()
        self.load_document()

    @db_work(group="reader", name="load document")
    def load_document(self) -> None:
        store = self.app.store
        if self.figure_id is not None and self.doc is None:
            figure = store.figure(self.figure_id)
            if figure is not None:
                self.doc_id, self.span = figure.document_id, (figure.start, figure.end)
        doc = (store.document_again(self.doc_id, self.doc.path) if self.doc is not None
               else store.document(self.doc_id) if self.doc_id is not None else None)
        self.app.call_from_thread(self._show, doc, store.spans(doc.id) if doc else [])

    def _show(self, doc: Document | None, spans: list[Span]) -> None:
        view = self.query_one(DocumentView)
        if doc is None:
            self.query_one("#doc-meta", Static).update(plain("This document is no longer in the database."))
            return
        self.doc, self.spans, self.doc_id = doc, spans, doc.id
        self.query_one("#doc-meta", Static).update(document_header(doc))
        self.query_one("#doc-legend", Static).update(
            legend(spans, lambda kind: view.get_component_rich_style(f"document-view--{kind}", partial=True)))
        blocks, marks = view_content(doc, spans)
        view.load(doc.text, blocks, marks)
        if self.span:
            self.current = next((s for s in spans if (s.start, s.end) == self.span and s.kind != "mention"),
                                Span("span", 0, *self.span))
            view.show_span(*self.span)
        elif self._top is not None:
            view.scroll_to_offset(self._top)
            self._top = None
        self._update_position()

    # -- actions -------------------------------------------------------------

    def action_compare(self) -> None:
        if self.doc:
            span = (self.current.start, self.current.end) if self.current else None
            pick_comparison(self, self.doc.id, span=span)
