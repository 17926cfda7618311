"""The Textual application: opens the store, applies the user's keymap, and
routes between screens, which own their own bindings and handlers."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from db.connection import DatabaseError, shown
from db.queries import Store
from db.session import REPLACED

from .commands import ScreenCommands
from .config import load_keymap
from .theme import CLAIMSCOPE


class ClaimscopeApp(App):
    CSS_PATH = "claimscope.tcss"
    TITLE = "Claimscope"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit", tooltip="quit Claimscope"),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="keys of this screen"),
        Binding("ctrl+r", "refresh", "Refresh", show=False, id="app.refresh",
                tooltip="show what a seed run changed, keeping your place; reopen a replaced file"),
    ]
    WATCH_SECONDS = 2.0

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
        self._told: str | None = None  # the change the user has been told of
        self._database_problem: str | None = None
        self.set_interval(self.WATCH_SECONDS, self._watch_database)

    def _watch_database(self) -> None:
        """A seed run may add documents while the explorer is open (WAL lets both
        work), or the file may be replaced; say so once, and let the user choose
        when to refresh.  The explorer's own notes are not news."""
        try:
            change = self.store.changed()
        except sqlite3.Error:
            change = REPLACED  # the file went away under the watch connection
        if change is None or change == self._told:
            return
        self._told = change
        if change == REPLACED:
            self.notify("The database file was replaced or removed since the explorer opened it. "
                        "Press ctrl+r to reopen it; notes cannot be saved until then.",
                        title="File replaced", severity="warning", timeout=30, markup=False)
        else:
            self.notify("A seed run has changed the database. Press ctrl+r to refresh.",
                        title="New data", timeout=15, markup=False)

    def action_refresh(self) -> None:
        """Show what is in the file now, every screen where it was (the stack and
        each cursor kept); a replaced file is reopened first."""
        self._reload_store(self.store.replaced())

    @work(thread=True, exclusive=True, group="refresh", name="refresh")
    def _reload_store(self, reopen: bool) -> None:
        if reopen:
            try:
                self.store.reopen()  # waits for the queries in flight
            except (DatabaseError, sqlite3.Error) as e:
                self.call_from_thread(self.database_failed, e)
                return
        self.store.mark_seen()
        self.call_from_thread(self._refresh_screens)

    def _refresh_screens(self) -> None:
        self._told = None
        self._database_problem = None
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if refresh is not None:
                refresh()

    def database_failed(self, error: Exception) -> None:
        """One message for a file that cannot be read, whichever screen met it."""
        message = str(error)
        if message == self._database_problem:
            return
        self._database_problem = message
        self.notify(f"The database cannot be read: {message}. It may be damaged, truncated or from an "
                    f"older Claimscope; rebuild it with `claimscope seed --rebuild --db {shown(self.store.path)}`, "
                    "then ctrl+r.", title="Database problem", severity="error", timeout=30, markup=False)

    def on_unmount(self) -> None:
        self.store.close()

    # -- routing -----------------------------------------------------------------

    def open(self, kind: str, target_id: int, *, document_id: int | None = None,
             span: tuple[int, int] | None = None) -> None:
        """Show a search hit or a drill-down target on its screen."""
        from .screens.actor import ActorScreen
        from .screens.documents import DocumentsScreen
        from .screens.item import ItemScreen
        from .screens.reader import ReaderScreen

        if kind in ("claim", "quote"):
            self.push_screen(ItemScreen(kind, target_id))
        elif kind == "actor":
            self.push_screen(ActorScreen(target_id))
        elif kind == "doc":
            self.push_screen(ReaderScreen(target_id, span=span))
        elif kind == "figure":
            self.push_screen(ReaderScreen(document_id, figure_id=target_id))
        elif kind == "documents":
            self.push_screen(DocumentsScreen())

    def compare(self, left_id: int, right_id: int, span: tuple[int, int] | None = None) -> None:
        from .screens.compare import CompareScreen

        self.push_screen(CompareScreen(left_id, right_id, span=span))

    def action_help(self) -> None:
        from .widgets.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))
