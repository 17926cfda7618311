"""One seed run at a time per database file.

Two writers interleaving their documents would each be safe under SQLite's own
lock, but a ``--rebuild`` builds beside the target and installs its copy at the
end: an incremental run in between would have its documents overwritten, and
two first builds would race for the same path.  So every run holds an exclusive
lock on a small file beside the database for as long as it runs.

The lock is ``flock`` on a file of its own, never a lock on the database file:
opening and closing a descriptor of the database outside SQLite would drop the
POSIX locks SQLite holds on it.  The file is left in place (deleting a lock file
while another process waits on it would let a third one in beside it).
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(f".{db_path.name}.lock")


@contextmanager
def exclusive_writer(db_path: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the seed lock of ``db_path``.  When another run holds it,
    ``waiting(holder)`` is called (``holder``: what that run wrote into the lock
    file, its process id) and then the lock is waited for; ``waiting`` may raise
    to give up instead."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            if waiting is not None:
                waiting(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)
