"""``?`` / ``f1``: the keys of the screen in focus, with the ids a keymap uses."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..keys import key_label, screen_actions


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close", id="help.close"),
        Binding("j", "scroll_down", "Down", show=False, id="help.down"),
        Binding("k", "scroll_up", "Up", show=False, id="help.up"),
    ]

    def __init__(self, screen: Screen):
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        name = getattr(self.target, "PALETTE_NAME", type(self.target).__name__)
        with Vertical(id="help-box"):
            yield Static(Text(f"Keys: {name}", style="bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(self.table(), id="help-table")
            yield Static(Text("escape closes · ctrl+p runs any of these by name · "
                              "remap by id in config.toml [keymap]", style="dim"), id="help-hint")

    def table(self) -> Text:
        out = Text()
        rows = [(key_label(self.app, b), b.description, b.id or "") for b in screen_actions(self.target)]
        width = max((len(k) for k, _, _ in rows), default=4)
        for key, description, binding_id in rows:
            out.append(f"{key:<{width}}  ", style="bold")
            out.append(f"{description:<14} ")
            out.append(binding_id, style="dim")
            out.append("\n")
        out.rstrip()
        return out

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()
