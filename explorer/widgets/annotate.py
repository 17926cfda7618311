"""The analyst's own judgement on a claim or quote: pick a verdict, write a note."""
from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from db.notes import VERDICTS

from ..safe import plain

VERDICT_HELP = {
    "unverified": "not checked yet",
    "corroborated": "other evidence supports it",
    "disputed": "other evidence contradicts it",
    "false": "shown to be untrue",
}


class VerdictPicker(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="verdict.cancel", tooltip="keep the verdict as it is"),
    ]

    def __init__(self, current: str | None):
        super().__init__()
        self.current = current or "unverified"

    def compose(self) -> ComposeResult:
        with Vertical(id="verdict-box", classes="modal-box"):
            yield Static(plain("Verdict", "bold"))
            yield OptionList(*(Option(f"{v:<13} {VERDICT_HELP[v]}", id=v) for v in VERDICTS), id="verdict-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = VERDICTS.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class NoteEditor(ModalScreen[None]):
    """Writing a note.  ``ctrl+s`` hands the text to ``save``, which answers with
    ``dismiss`` once it is stored or ``status`` with why not: until then the
    editor stays open and the text stays in it."""
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save", tooltip="save the note"),
        Binding("escape", "dismiss_none", "Cancel", id="note.cancel", tooltip="leave the note as it was"),
    ]

    def __init__(self, note: str | None, save: Callable[[str, NoteEditor], None]):
        super().__init__()
        self.note = note or ""
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="modal-box"):
            yield Static(plain("Note (ctrl+s saves, escape cancels)", "bold"))
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(id="note-status")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.status("Saving…")
        self._save(self.query_one(TextArea).text.strip(), self)

    def status(self, message: str, *, error: bool = False) -> None:
        self.query_one("#note-status", Static).update(plain(message, "bold red" if error else "dim"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
