"""Thread workers for the database calls of the screens.

Every slow call runs in a named, exclusive thread worker (a newer call of the
same group cancels the older).  A file that is damaged, truncated or missing a
table raises ``sqlite3.DatabaseError`` from whichever query meets it first; that
becomes one clear message from the app, never a crash of the explorer.
"""
from __future__ import annotations

import functools
import sqlite3

from textual import work

from db.connection import DatabaseError


def db_work(*, group: str, name: str, exclusive: bool = True):
    """``@work(thread=True, ...)`` for a screen method that reads the store."""
    def decorate(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except (sqlite3.DatabaseError, DatabaseError) as e:
                if "interrupted" in str(e):  # the store is closing or a newer call took over
                    return None
                self.app.call_from_thread(self.app.database_failed, e)
                return None
        return work(thread=True, exclusive=exclusive, group=group, name=name)(guarded)
    return decorate
