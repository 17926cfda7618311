"""One actor: who they are, the names they go by, and everything they are
quoted or reported as saying, newest first."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from db.records import ActorDetail, ActorItem

from ..export import save_list
from ..safe import plain
from ..widgets.lists import refill
from ..workers import db_work


def item_label(item: ActorItem) -> str:
    return item.kind + (f" {item.stance}" if item.stance and item.stance != "asserts" else "")


def item_prompt(item: ActorItem, width: int, label_width: int = 6) -> Text:
    width = max(20, width)
    first = Text(no_wrap=True, overflow="ellipsis", end="")
    first.append(f"{item_label(item):<{label_width}} ", style="bold")
    first.append_text(plain(" ".join(item.text.split())))
    first.truncate(width, overflow="ellipsis")
    second = Text(" " * (label_width + 1), no_wrap=True, overflow="ellipsis", end="", style="dim")
    if item.verdict:
        second.append(f"[{item.verdict}] ", style="bold")
    second.append_text(plain(" · ".join(x for x in (item.published, item.outlet, item.title) if x)))
    second.truncate(width, overflow="ellipsis")
    return Text("\n").join([first, second])


def actor_head(actor: ActorDetail) -> Text:
    """Who they are, what else they are called, and how much they say."""
    head = Text()
    head.append_text(plain(actor.name, "bold"))
    head.append(f"  {actor.kind}", style="dim")
    if actor.description:
        head.append("\n")
        head.append_text(plain(actor.description, "italic"))
    others = [a for a in actor.aliases if a != actor.name]
    if others:
        head.append("\naka ", style="dim")
        head.append_text(plain("; ".join(others)))
    claims = sum(1 for i in actor.items if i.kind == "claim")
    quotes = len(actor.items) - claims
    head.append(f"\n{claims} claims · {quotes} quotes · {actor.mentions} mentions in "
                f"{actor.documents} document{'s' if actor.documents != 1 else ''}", style="dim")
    return head


class ActorScreen(Screen):
    PALETTE_NAME = "Actor"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="actor.back", tooltip="back"),
        Binding("enter", "open", "Open", id="actor.open", tooltip="open the highlighted claim or quote"),
        Binding("j", "cursor(1)", "Down", show=False, id="actor.down", tooltip="next item"),
        Binding("k", "cursor(-1)", "Up", show=False, id="actor.up", tooltip="previous item"),
        Binding("ctrl+s", "save", "Save", show=False, id="actor.save",
                tooltip="save their claims and quotes to a CSV file in the current directory"),
    ]

    def __init__(self, actor_id: int):
        super().__init__()
        self.actor_id = actor_id
        self.actor: ActorDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="actor-meta")
        yield OptionList(id="actor-items")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Actor"
        self.query_one(OptionList).focus()
        self.load()

    @db_work(group="actor", name="load actor")
    def load(self) -> None:
        actor = self.app.store.actor(self.actor_id)
        if self.actor is not None and (actor is None or actor.name != self.actor.name):
            # Re-seeding may give the same actor another id: find them by name.
            found = self.app.store.actor_named(self.actor.name)
            if found is not None:
                self.actor_id = found
                actor = self.app.store.actor(found)
        self.app.call_from_thread(self._show, actor)

    def refresh_data(self) -> None:
        self.load()

    def _show(self, actor: ActorDetail | None) -> None:
        self.actor = actor
        meta = self.query_one("#actor-meta", Static)
        if actor is None:
            meta.update(plain("This actor is no longer in the database."))
            return
        self.sub_title = plain(actor.name).plain
        meta.update(actor_head(actor))
        options = self.query_one(OptionList)
        width = (options.scrollable_content_region.width or self.app.size.width) - 2
        label_width = max((len(item_label(i)) for i in actor.items), default=5)
        refill(options, [Option(item_prompt(i, width, label_width), id=str(n)) for n, i in enumerate(actor.items)])

    def action_open(self) -> None:
        options = self.query_one(OptionList)
        if self.actor and options.highlighted is not None and self.actor.items:
            item = self.actor.items[options.highlighted]
            self.app.open(item.kind, item.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_save(self) -> None:
        if self.actor is not None:
            save_list(self, self.actor.name, None, [(i.kind, i.id) for i in self.actor.items])

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()
