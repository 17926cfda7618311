"""Two documents side by side (stacked in a narrow terminal), each scrolled on
its own; what both say is marked in both, figures the other contradicts are
marked apart, and their figures on the same unit are listed with both values."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from db.records import Comparison, Document, Figure, Span

from ..safe import plain
from ..workers import db_work
from ..widgets.document_view import DocumentView, Mark
from .comparison_picker import pick_comparison
from .reader import document_header, view_content

STACK_BELOW = 100  # columns: narrower than this, one pane above the other


def figure_value(f: Figure) -> str:
    return " ".join(f.text.split())


def figures_table(comparison: Comparison, groups=(), figures: dict[int, Figure] | None = None) -> Text:
    """Figure groups both share first (conflicts marked), then figures on a common unit."""
    out = Text()
    figures = figures or {}
    for label, status, left, right in sorted(groups, key=lambda g: g[1] != "conflict"):
        out.append("CONFLICT " if status == "conflict" else "agree    ",
                   style="bold red" if status == "conflict" else "green")
        out.append_text(plain(f"{label}: ", "bold"))
        out.append_text(plain(", ".join(figure_value(figures[i]) for i in left if i in figures) or "—"))
        out.append("  │  ", style="dim")
        out.append_text(plain(", ".join(figure_value(figures[i]) for i in right if i in figures) or "—"))
        out.append("\n")
    if not comparison.figures:
        out.append("No figures on a common unit.", style="dim")
        return out
    for n, pair in enumerate(comparison.figures):
        if n:
            out.append("\n")
        out.append_text(plain(f"{pair.unit}: ", "bold"))
        out.append_text(plain(", ".join(figure_value(f) for f in pair.left) or "—"))
        out.append("  │  ", style="dim")
        out.append_text(plain(", ".join(figure_value(f) for f in pair.right) or "—"))
    return out


def shared_pairs(comparison: Comparison, left_spans: list[Span], right_spans: list[Span]) -> list[tuple[Span, Span]]:
    """The spans of each side that say the same, in the left document's order."""
    by_key_l = {(s.kind, s.id): s for s in left_spans}
    by_key_r = {(s.kind, s.id): s for s in right_spans}
    pairs = [(by_key_l[(p.kind, p.left_id)], by_key_r[(p.kind, p.right_id)])
             for p in comparison.shared
             if (p.kind, p.left_id) in by_key_l and (p.kind, p.right_id) in by_key_r]
    pairs.sort(key=lambda p: p[0].start)
    return pairs


def conflicting_figures(figure_groups: list, figure_rows: dict[int, Figure], side: str) -> list[Figure]:
    """The figures of one pane in a figure group both documents share and
    disagree on: the values an analyst has to check against each other."""
    at = 2 if side == "left" else 3
    ids = {i for g in figure_groups if g[1] == "conflict" for i in g[at]}
    return sorted((figure_rows[i] for i in ids if i in figure_rows), key=lambda f: f.start)


class _PaneActions:
    """Moving between the two panes and through what both say, and picking
    another document to compare with."""

    left_id: int
    pairs: list[tuple[Span, Span]]
    at: int

    def action_switch(self) -> None:
        left = self.query_one("#left-view")
        (self.query_one("#right-view") if left.has_focus else left).focus()

    def action_shared(self, step: int) -> None:
        if not self.pairs:
            self.notify("Nothing found said in both.", markup=False)
            return
        self.at = (self.at + step) % len(self.pairs)
        l, r = self.pairs[self.at]
        self.query_one("#left-view", DocumentView).show_span(l.start, l.end)
        self.query_one("#right-view", DocumentView).show_span(r.start, r.end)
        self.sub_title = f"shared {self.at + 1}/{len(self.pairs)}"

    def action_pick(self) -> None:
        pick_comparison(self, self.left_id, open_chosen=self._compare_with)

    def _compare_with(self, right_id: int) -> None:
        """This screen gives way to the new comparison, unless another screen
        came on top while the picker was open."""
        if self is self.app.screen:
            self.app.switch_screen(CompareScreen(self.left_id, right_id))
        else:
            self.app.compare(self.left_id, right_id, None)


def pane_content(doc: Document, spans: list[Span], shared: list[Span], conflicts: list[Figure]):
    """One pane's blocks and marks: the document's own, what both say, and the
    figures the other document contradicts."""
    blocks, marks = view_content(doc, spans)
    marks += [Mark("shared", s.start, s.end, s.id) for s in shared]
    marks += [Mark("conflict", f.start, f.end, f.id) for f in conflicts]
    return blocks, marks


class CompareScreen(_PaneActions, Screen):
    PALETTE_NAME = "Compare"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="compare.back", tooltip="back"),
        Binding("tab", "switch", "Switch", id="compare.switch", tooltip="switch to the other pane"),
        Binding("n", "shared(1)", "Shared", id="compare.next_shared",
                tooltip="next passage both say, in both panes"),
        Binding("N", "shared(-1)", "Prev shared", show=False, id="compare.previous_shared",
                tooltip="previous passage both say"),
        Binding("p", "pick", "Pick", id="compare.pick", tooltip="pick another document to compare with"),
    ]

    def __init__(self, left_id: int, right_id: int, span: tuple[int, int] | None = None):
        super().__init__()
        self.left_id, self.right_id = left_id, right_id
        self.span = span  # where to open the left pane
        self.comparison: Comparison | None = None
        self.pairs: list[tuple[Span, Span]] = []
        self.at = -1
        self.figure_groups: list = []
        self.figure_rows: dict[int, Figure] = {}
        self._paths: tuple[str, str] | None = None  # of the documents shown

    def compose(self) -> ComposeResult:
        with Container(id="panes"):
            with Vertical(classes="pane"):
                yield Static(classes="pane-title", id="left-title")
                yield DocumentView(id="left-view")
            with Vertical(classes="pane"):
                yield Static(classes="pane-title", id="right-title")
                yield DocumentView(id="right-view")
        with VerticalScroll(id="compare-figures"):
            yield Static(id="figures-table")
        yield Footer()

    def on_mount(self) -> None:
        self.on_resize()
        self.query_one("#left-view").focus()
        self.load()

    def on_resize(self) -> None:
        self.query_one("#panes").set_class(self.size.width < STACK_BELOW, "-stacked")

    @db_work(group="compare", name="load comparison")
    def load(self) -> None:
        store = self.app.store
        if self._paths:  # a refresh: a rebuild may renumber documents, their paths stay
            left, right = (store.document_again(i, p) for i, p in zip((self.left_id, self.right_id), self._paths))
        else:
            left, right = store.document(self.left_id), store.document(self.right_id)
        if left and right:
            self.left_id, self.right_id, self._paths = left.id, right.id, (left.path, right.path)
        comparison = store.compare(self.left_id, self.right_id)
        left_spans = store.spans(self.left_id) if left else []
        right_spans = store.spans(self.right_id) if right else []
        self.figure_groups = store.shared_figure_groups(self.left_id, self.right_id)
        self.figure_rows = {f.id: f for d in (self.left_id, self.right_id) for f in store.figures(d)}
        self.app.call_from_thread(self._show, left, right, left_spans, right_spans, comparison)

    refresh_data = load  # the paths of the documents shown find them again

    def _show(self, left: Document | None, right: Document | None,
              left_spans: list[Span], right_spans: list[Span], comparison: Comparison | None) -> None:
        if left is None or right is None or comparison is None:
            self.query_one("#figures-table", Static).update(plain("A document is no longer in the database."))
            return
        self.comparison = comparison
        self.pairs = shared_pairs(comparison, left_spans, right_spans)
        for side, doc, spans, shared in (("left", left, left_spans, [p[0] for p in self.pairs]),
                                         ("right", right, right_spans, [p[1] for p in self.pairs])):
            self.query_one(f"#{side}-title", Static).update(document_header(doc, f"{len(shared)} shared"))
            conflicts = conflicting_figures(self.figure_groups, self.figure_rows, side)
            self.query_one(f"#{side}-view", DocumentView).load(doc.text, *pane_content(doc, spans, shared, conflicts))
        self.query_one("#figures-table", Static).update(
            figures_table(comparison, self.figure_groups, self.figure_rows))
        if self.span:
            self.query_one("#left-view", DocumentView).show_span(*self.span)
            partner = next((r for l, r in self.pairs if l.start <= self.span[0] < l.end), None)
            if partner:
                self.query_one("#right-view", DocumentView).show_span(partner.start, partner.end)
