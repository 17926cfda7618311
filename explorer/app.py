"""The Textual application: opens the store, applies the user's keymap, and
routes between screens, which own their own bindings and handlers."""
from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from db.queries import Store

from .commands import ScreenCommands
from .config import load_keymap
from .responsive import freeze_what_lasts
from .theme import CLAIMSCOPE
from .watching import DatabaseWatch


class ClaimscopeApp(DatabaseWatch, App):
    CSS_PATH = "claimscope.tcss"
    TITLE = "Claimscope"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit", tooltip="quit Claimscope"),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="keys of this screen"),
        Binding("ctrl+r", "refresh", "Refresh", show=False, id="app.refresh",
                tooltip="show what a seed run changed, keeping your place; reopen a replaced file"),
    ]
    def __init__(self, db_path: Path, keymap: dict[str, str] | None = None):
        super().__init__()
        self.store = Store(db_path)
        self._keymap_problem = None
        if keymap is None:
            keymap, self._keymap_problem = load_keymap()
        self._user_keymap = keymap
        self.register_theme(CLAIMSCOPE)
        self.theme = CLAIMSCOPE.name

    def on_mount(self) -> None:
        if self._user_keymap:
            self.set_keymap(self._user_keymap)
        if self._keymap_problem:
            self.notify(self._keymap_problem, severity="warning", markup=False)
        from .screens.search import SearchScreen

        self.push_screen(SearchScreen())
        self.start_watching()
        self.call_after_refresh(freeze_what_lasts)

    def on_unmount(self) -> None:
        self.store.close()

    # -- routing -----------------------------------------------------------------

    def open(self, kind: str, target_id: int, *, document_id: int | None = None,
             span: tuple[int, int] | None = None) -> None:
        """Show a search hit or a drill-down target on its screen."""
        screen = screen_for(kind, target_id, document_id=document_id, span=span)
        if screen is not None:
            self.push_screen(screen)

    def compare(self, left_id: int, right_id: int, span: tuple[int, int] | None = None) -> None:
        from .screens.compare import CompareScreen

        self.push_screen(CompareScreen(left_id, right_id, span=span))

    def action_help(self) -> None:
        from .widgets.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))


def screen_for(kind: str, target_id: int, *, document_id: int | None = None,
               span: tuple[int, int] | None = None):
    """The screen a search hit or a drill-down target of ``kind`` opens on."""
    from .screens.actor import ActorScreen
    from .screens.documents import DocumentsScreen
    from .screens.item import ItemScreen
    from .screens.reader import ReaderScreen

    if kind in ("claim", "quote"):
        return ItemScreen(kind, target_id)
    if kind == "actor":
        return ActorScreen(target_id)
    if kind == "doc":
        return ReaderScreen(target_id, span=span)
    if kind == "figure":
        return ReaderScreen(document_id, figure_id=target_id)
    if kind == "documents":
        return DocumentsScreen()
    return None
