"""Other processes on the same database file, for the tests of what they share:
SQLite's locks are per process, so only a real second process shows whether one
process's connections survive what another does."""
from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """An installed command: the project's own, sqlite-utils, datasette (from the
    test extra, beside this interpreter) or the system's ``sqlite3``."""
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    assert found, f"{name} is not installed: it is part of what these tests check"
    return str(found)


def seed_process(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``claimscope seed ARGS`` as a user runs it, in its own process."""
    done = subprocess.run([tool("claimscope"), "seed", "--quiet", *args], capture_output=True, text=True,
                          timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def integrity(db: Path) -> str:
    """``PRAGMA integrity_check`` from a process of its own, as a user would ask."""
    out = subprocess.run([tool("sqlite3"), str(db), "PRAGMA integrity_check;"], capture_output=True, text=True,
                         timeout=60)
    return (out.stdout + out.stderr).strip()


def read_only_count(db: Path, table: str) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def posix_locks(pid: int, path: Path) -> list[tuple[str, str, str]]:
    """The POSIX locks process ``pid`` holds on ``path`` (from /proc/locks):
    (type, start, end) for each."""
    try:
        inode = os.stat(path).st_ino
    except FileNotFoundError:
        return []
    found = []
    with open("/proc/locks", encoding="ascii") as fh:
        for line in fh:
            fields = line.split()
            if "->" in fields:  # a blocked waiter, listed under the holder
                continue
            kind, access, owner, device = fields[1], fields[3], fields[4], fields[5]
            if kind == "POSIX" and owner == str(pid) and int(device.rsplit(":", 1)[1]) == inode:
                found.append((access, fields[6], fields[7]))
    return sorted(found)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def datasette(db: Path, metadata: Path | None = None):
    """Datasette serving ``db`` on 127.0.0.1 (with ``metadata``, a metadata JSON
    file, if given); yields a function that GETs a path as JSON."""
    import json

    port = free_port()
    extra = ["--metadata", str(metadata)] if metadata is not None else []
    proc = subprocess.Popen([tool("datasette"), "serve", str(db), "--host", "127.0.0.1", "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def get(path: str):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return json.loads(response.read())

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                get("/-/versions.json")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"datasette did not start: {proc.stdout.read()}")
                time.sleep(0.2)
        yield get
    finally:
        proc.terminate()
        proc.wait(timeout=30)
