"""One claim or quote: its words, who said them and how, the source, and the
paragraph it stands in with the span highlighted."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from db.links import OtherSource
from db.notes import Annotation, ItemKey
from db.records import Item

from ..labels import untitled
from ..safe import inert, plain
from ..widgets.passage import Passage
from ..workers import db_work
from .annotating import Annotating
from .comparison_picker import pick_comparison


def citation(item: Item) -> str:
    """The passage as an analyst pastes it: the paragraph, then where it is from."""
    doc = item.document
    source = ", ".join(x for x in (doc.outlet, doc.published) if x)
    parts = [p for p in (source, f"“{doc.title}”" if doc.title else "", doc.url or "") if p]
    cite = "— " + ", ".join(parts) if parts else "— (unknown source)"
    return f"{inert(item.paragraph_text)}\n{inert(cite)}"


def other_sources(others: list[OtherSource]) -> Text:
    """The same claim as other documents say it, earliest first."""
    if not others:
        return Text()
    out = Text("The same claim in other sources (s opens)\n", style="dim")
    for o in others:
        source = " · ".join(x for x in (o.outlet or o.title or "(unknown source)", o.published) if x)
        out.append_text(plain(source, "bold"))
        if o.claimant:
            out.append_text(plain(f" — {o.claimant}", "italic"))
        out.append("\n  ")
        out.append_text(plain(" ".join(o.text.split())))
        out.append("\n")
    return out


def item_head(item: Item) -> Text:
    """The kind and stance above the words themselves."""
    head = Text()
    label = item.kind.upper() + (f" · {item.stance}" if item.stance else "")
    head.append(label + "\n", style="bold reverse")
    head.append_text(plain(f"“{item.text}”" if item.kind == "quote" else item.text, "bold"))
    return head


def item_meta(item: Item, annotation: Annotation | None) -> Text:
    """Who said it and how, where it is from, the analyst's verdict, what it relates to."""
    meta = Text()
    who = "Claimant" if item.kind == "claim" else "Speaker"
    meta.append(f"{who:<9}", style="dim")
    if item.actor:
        meta.append_text(plain(item.actor.name, "bold"))
        role = ", ".join(x for x in (item.actor.description, item.actor.kind) if x)
        meta.append_text(plain(f" — {role}" if role else ""))
    else:
        meta.append("unattributed", style="italic")
    meta.append("\n")
    meta.append(f"{'Cue':<9}", style="dim")
    meta.append_text(plain(item.cue or "—"))
    doc = item.document
    meta.append("\n")
    meta.append(f"{'Source':<9}", style="dim")
    meta.append_text(plain(" · ".join(x for x in (doc.outlet, doc.published) if x) or "—"))
    meta.append("\n")
    meta.append(f"{'Title':<9}", style="dim")
    meta.append_text(plain(doc.title or untitled(), "italic" if not doc.title else ""))
    if annotation:
        meta.append("\n")
        meta.append(f"{'Verdict':<9}", style="dim")
        meta.append(annotation.verdict, style="bold")
        if annotation.note:
            meta.append_text(plain(f" — {annotation.note}", "italic"))
    if item.related:
        kinds = sorted({k for k, _ in item.related})
        meta.append("\n")
        meta.append(f"{'Related':<9}", style="dim")
        meta.append(f"{len(item.related)} {' and '.join(kinds)} (r opens)")
    return meta


class _Leads:
    """Where one claim or quote leads: its document at the passage, its claimant
    or speaker, a comparison, the related quote or claim, the same claim in other
    sources, and the passage copied with its citation."""

    item: Item | None
    others: list[OtherSource]
    _other_at: int

    def action_open_document(self) -> None:
        if self.item:
            self.app.open("doc", self.item.document.id, span=(self.item.start, self.item.end))

    def action_open_actor(self) -> None:
        if self.item is None:
            return
        if self.item.actor is None:
            self.notify("No claimant or speaker recorded for this one.", markup=False)
            return
        self.app.open("actor", self.item.actor.id)

    def action_compare(self) -> None:
        if self.item:
            pick_comparison(self, self.item.document.id, span=(self.item.start, self.item.end))

    def action_copy(self) -> None:
        if self.item:
            self.app.copy_to_clipboard(citation(self.item))
            self.notify("Passage and citation copied", markup=False)

    def action_related(self) -> None:
        if self.item is None:
            return
        if not self.item.related:
            other = "quote behind this claim" if self.item.kind == "claim" else "claim made of this quote"
            self.notify(f"Nothing linked: no {other} was found.", markup=False)
            return
        kind, item_id = self.item.related[0]
        self.app.open(kind, item_id)

    def action_same_claim(self) -> None:
        if not self.others:
            self.notify("No other source found saying this.", markup=False)
            return
        self._other_at = (self._other_at + 1) % len(self.others)
        self.app.open("claim", self.others[self._other_at].claim_id)


class _Loading:
    """Loading the claim or quote and showing it; after a refresh, the same one
    again, found by its stable key."""

    kind: str
    item_id: int
    item: Item | None
    key: ItemKey | None
    annotation: Annotation | None
    others: list[OtherSource]

    @db_work(group="item", name="load item")
    def load(self) -> None:
        notes = self.app.store.notes()
        if self.key is not None:
            # A refresh: ids are reused when a document is seeded again, so the
            # item is found again by its stable key, not by the id it had.
            self.item_id = notes.current(self.key) or -1
        item = self.app.store.item(self.kind, self.item_id)
        others = self.app.store.same_claim(self.item_id) if self.kind == "claim" and item else []
        key = notes.key(self.kind, self.item_id) if item else None
        annotation = notes.get(key) if key else None
        self.app.call_from_thread(self._show, item, others, annotation, key)

    def refresh_data(self) -> None:
        self.load()

    def _show(self, item: Item | None, others: list[OtherSource] | None = None,
              annotation: Annotation | None = None, key: ItemKey | None = None) -> None:
        self.item = item
        self.annotation = annotation
        self.key = key or self.key
        self.others = list(others or [])
        self.query_one("#item-others", Static).update(other_sources(self.others))
        if item is None:
            self.query_one("#item-text", Static).update(plain(
                f"This {self.kind} is no longer in the database: its document was seeded again and no "
                "longer says it. Your verdict and note on it, if any, are kept (annotation_status)."))
            self.query_one("#item-meta", Static).update("")
            self.query_one(Passage).show("", (0, 0))
            return
        self.query_one("#item-text", Static).update(item_head(item))
        self.show_meta()
        self.query_one(Passage).show(item.paragraph_text,
                                     (item.start - item.paragraph_start, item.end - item.paragraph_start))
        doc = item.document
        self.sub_title = inert(" · ".join(x for x in (doc.outlet, doc.published) if x))

    def show_meta(self) -> None:
        self.query_one("#item-meta", Static).update(item_meta(self.item, self.annotation))


class ItemScreen(_Leads, _Loading, Annotating, Screen):
    PALETTE_NAME = "Claim"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="claim.back", tooltip="back"),
        Binding("o", "open_document", "Doc", id="claim.open_document",
                tooltip="open the document at this passage"),
        Binding("a", "open_actor", "Actor", id="claim.open_actor", tooltip="open the claimant or speaker"),
        Binding("c", "compare", "Compare", id="claim.compare",
                tooltip="compare this source with another on the same story"),
        Binding("y", "copy", "Copy", id="claim.copy", tooltip="copy the passage with a citation line"),
        Binding("r", "related", "Related", show=False, id="claim.related",
                tooltip="open the quote behind this claim, or the claim made of this quote"),
        Binding("s", "same_claim", "Others", show=False, id="claim.same_claim",
                tooltip="open the same claim in the next other source"),
        Binding("v", "verdict", "Verdict", id="claim.verdict",
                tooltip="set your verdict: unverified, corroborated, disputed, false"),
        Binding("e", "edit_note", "Note", show=False, id="claim.note", tooltip="write or edit your note on this"),
        Binding("j", "scroll(1)", "Down", show=False, id="claim.down", tooltip="scroll down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="claim.up", tooltip="scroll up"),
    ]

    def __init__(self, kind: str, item_id: int):
        super().__init__()
        self.kind = kind
        self.item_id = item_id
        self.PALETTE_NAME = kind.capitalize()
        self.item: Item | None = None
        self.others: list[OtherSource] = []
        self._other_at = -1
        self.annotation: Annotation | None = None
        self.key: ItemKey | None = None  # what the item is, as it stays through re-seeding

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="item-body"):
            yield Static(id="item-text")
            yield Static(id="item-meta")
            yield Static(Text("In its paragraph", style="dim"), id="item-passage-label")
            yield Passage(id="item-passage")
            yield Static(id="item-others")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.kind.capitalize()
        self.sub_title = ""
        self.query_one("#item-body").focus()
        self.load()

    # -- actions -------------------------------------------------------------

    def action_scroll(self, step: int) -> None:
        body = self.query_one("#item-body", VerticalScroll)
        body.scroll_down() if step > 0 else body.scroll_up()
