"""The Textual application: opens the store, applies the user's keymap, and
hands over to the screens, which own their own bindings and handlers."""
from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from db.queries import Store

from .config import load_keymap
from .screens.documents import DocumentsScreen


class ClaimscopeApp(App):
    CSS_PATH = "claimscope.tcss"
    TITLE = "Claimscope"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit"),
    ]

    def __init__(self, db_path: Path, keymap: dict[str, str] | None = None):
        super().__init__()
        self.store = Store(db_path)
        self._keymap_problem = None
        if keymap is None:
            keymap, self._keymap_problem = load_keymap()
        self._user_keymap = keymap

    def on_mount(self) -> None:
        if self._user_keymap:
            self.set_keymap(self._user_keymap)
        if self._keymap_problem:
            self.notify(self._keymap_problem, severity="warning", markup=False)
        self.push_screen(DocumentsScreen())

    def on_unmount(self) -> None:
        self.store.close()
