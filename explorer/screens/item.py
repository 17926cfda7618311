"""One claim or quote: its words, who said them and how, the source, and the
paragraph it stands in with the span highlighted."""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from db.queries import Item

from ..safe import inert, plain
from ..widgets.passage import Passage
from .reader import untitled


def citation(item: Item) -> str:
    """The passage as an analyst pastes it: the paragraph, then where it is from."""
    doc = item.document
    source = ", ".join(x for x in (doc.outlet, doc.published) if x)
    parts = [p for p in (source, f"“{doc.title}”" if doc.title else "", doc.url or "") if p]
    cite = "— " + ", ".join(parts) if parts else "— (unknown source)"
    return f"{inert(item.paragraph_text)}\n{inert(cite)}"


class ItemScreen(Screen):
    PALETTE_NAME = "Claim"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="claim.back", tooltip="back"),
        Binding("o", "open_document", "Document", id="claim.open_document",
                tooltip="open the document at this passage"),
        Binding("a", "open_actor", "Actor", id="claim.open_actor", tooltip="open the claimant or speaker"),
        Binding("c", "compare", "Compare", id="claim.compare",
                tooltip="compare this source with another on the same story"),
        Binding("y", "copy", "Copy", id="claim.copy", tooltip="copy the passage with a citation line"),
        Binding("r", "related", "Related", show=False, id="claim.related",
                tooltip="open the quote behind this claim, or the claim made of this quote"),
        Binding("j", "scroll(1)", "Down", show=False, id="claim.down", tooltip="scroll down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="claim.up", tooltip="scroll up"),
    ]

    def __init__(self, kind: str, item_id: int):
        super().__init__()
        self.kind = kind
        self.item_id = item_id
        self.PALETTE_NAME = kind.capitalize()
        self.item: Item | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="item-body"):
            yield Static(id="item-text")
            yield Static(id="item-meta")
            yield Static(Text("In its paragraph", style="dim"), id="item-passage-label")
            yield Passage(id="item-passage")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.kind.capitalize()
        self.sub_title = ""
        self.query_one("#item-body").focus()
        self.load()

    @work(thread=True, exclusive=True, group="item", name="load item")
    def load(self) -> None:
        item = self.app.store.item(self.kind, self.item_id)
        self.app.call_from_thread(self._show, item)

    def _show(self, item: Item | None) -> None:
        self.item = item
        if item is None:
            self.query_one("#item-text", Static).update(plain("This item is no longer in the database."))
            return
        head = Text()
        label = item.kind.upper() + (f" · {item.stance}" if item.stance else "")
        head.append(label + "\n", style="bold reverse")
        head.append_text(plain(f"“{item.text}”" if item.kind == "quote" else item.text, "bold"))
        self.query_one("#item-text", Static).update(head)
        self.query_one("#item-meta", Static).update(self._meta(item))
        self.query_one(Passage).show(item.paragraph_text,
                                     (item.start - item.paragraph_start, item.end - item.paragraph_start))
        doc = item.document
        self.sub_title = inert(" · ".join(x for x in (doc.outlet, doc.published) if x))

    def _meta(self, item: Item) -> Text:
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
        meta.append_text(plain(doc.title or untitled(doc.lead), "italic" if not doc.title else ""))
        if item.related:
            kinds = sorted({k for k, _ in item.related})
            meta.append("\n")
            meta.append(f"{'Related':<9}", style="dim")
            meta.append(f"{len(item.related)} {' and '.join(kinds)} (r opens)")
        return meta

    # -- actions -------------------------------------------------------------

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
            self.app.pick_comparison(self.item.document.id, span=(self.item.start, self.item.end))

    def action_copy(self) -> None:
        if self.item:
            self.app.copy_to_clipboard(citation(self.item))
            self.notify("Passage and citation copied", markup=False)

    def action_related(self) -> None:
        if self.item and self.item.related:
            kind, item_id = self.item.related[0]
            self.app.open(kind, item_id)

    def action_scroll(self, step: int) -> None:
        body = self.query_one("#item-body", VerticalScroll)
        body.scroll_down() if step > 0 else body.scroll_up()
