"""The app watching its database file: a seed run's changes and a replaced file
are said once, ``ctrl+r`` shows what is there now on every open screen, and a
file that cannot be read is one message, not a crash."""
from __future__ import annotations

import sqlite3

from textual import work

from db.connection import DatabaseError, shown
from db.session import REPLACED


class DatabaseWatch:
    """Mixed into the app, whose ``store`` is the database it shows.  A screen
    that shows data offers ``refresh_data()``: load again, keeping its place."""

    WATCH_SECONDS = 2.0

    def start_watching(self) -> None:
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

