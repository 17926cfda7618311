"""A fuzzy picker: type to rank choices by title and outlet, enter to take one."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from db.matching import rank_choices

from ..safe import plain


@dataclass(frozen=True)
class Choice:
    id: int
    label: str  # what ranking reads
    hint: str = ""  # shown dim after the label


class PickerScreen(ModalScreen[int | None]):
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Next", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker.up"),
        Binding("enter", "choose", "Choose", id="picker.choose"),
    ]

    def __init__(self, title: str, choices: list[Choice]):
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.by_id = {c.id: c for c in choices}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(plain(self.title_text, "bold"), id="picker-title")
            yield Input(placeholder="type to filter by title or outlet", id="picker-input")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self.refill("")
        self.query_one(Input).focus()

    def refill(self, query: str) -> None:
        ranked = rank_choices(query, [(c.id, c.label) for c in self.choices])
        options = self.query_one(OptionList)
        options.clear_options()
        for cid, _ in ranked:
            c = self.by_id[cid]
            prompt = plain(c.label)
            if c.hint:
                prompt.append_text(Text("  "))
                prompt.append_text(plain(c.hint, "dim"))
            options.add_option(Option(prompt, id=str(cid)))
        if ranked:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_choose(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        self.dismiss(int(options.get_option_at_index(options.highlighted).id))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
