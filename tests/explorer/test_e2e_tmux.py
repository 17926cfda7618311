"""The installed ``claimscope`` in a real pseudo-terminal: tmux at 80x24 with
TERM=xterm-256color, driven by keystrokes as a new user would."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

CLAIMSCOPE = Path(sys.executable).parent / "claimscope"


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def _wait_for(session: str, *texts: str, timeout: float = 15.0) -> str:
    """The screen once every one of ``texts`` is on it."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if all(t in screen for t in texts):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{texts!r} never all appeared; the screen was:\n{screen}")


def test_hoax_drill_down_and_back_in_tmux(default_db, tmp_path):
    """The issue's "done when": type hoax, enter, o, escape twice, q."""
    # No skip: the check is worthless if it can quietly not run.
    assert shutil.which("tmux"), "tmux is required for the end-to-end test"
    assert CLAIMSCOPE.exists(), f"{CLAIMSCOPE} is not installed"
    session = f"claimscope-{uuid.uuid4().hex[:8]}"
    command = (f"cd {tmp_path} && XDG_CONFIG_HOME={tmp_path} "
               f"{CLAIMSCOPE} explore --db {default_db}; echo EXITED $? > {tmp_path}/exit; sleep 30")
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24",
                    f"TERM=xterm-256color sh -c '{command}'"], check=True, env=env)
    try:
        screen = _wait_for(session, "Recent documents")
        assert "Search" in screen
        _tmux("send-keys", "-t", session, "-l", "hoax")
        screen = _wait_for(session, "results")
        first = [line for line in screen.splitlines() if line.startswith(("claim ", "quote "))][0]
        assert first.startswith("claim ") and "hoax" in first
        _tmux("send-keys", "-t", session, "Enter")
        screen = _wait_for(session, "In its paragraph", "Claimant")
        assert "Peskov" in screen and "dismissed" in screen and "denies" in screen
        _tmux("send-keys", "-t", session, "o")
        screen = _wait_for(session, "n Claim", "claims ·", "hoax")
        assert "hoax" in screen and "Peskov" in screen
        _tmux("send-keys", "-t", session, "Escape")
        _wait_for(session, "In its paragraph", "Claimant")
        _tmux("send-keys", "-t", session, "Escape")
        screen = _wait_for(session, "results", "Search")
        assert "hoax" in screen
        _tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 10
        while not (tmp_path / "exit").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (tmp_path / "exit").read_text().strip() == "EXITED 0"
        assert "Traceback" not in _tmux("capture-pane", "-p", "-t", session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
