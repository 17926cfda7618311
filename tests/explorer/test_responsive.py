"""The explorer paints a keystroke's frame promptly: Textual's frame rate is
raised unless the user chose one, and a full garbage collection does not walk
the app's own long-lived objects."""
from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from explorer.responsive import FRAME_RATE, freeze_what_lasts

ROOT = Path(__file__).resolve().parents[2]


def _frame_rate(env: dict[str, str]) -> int:
    code = "import explorer.app, textual.constants as c; print(c.MAX_FPS)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return int(out.stdout)


def test_the_explorer_asks_textual_for_more_frames_unless_the_user_chose():
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    assert _frame_rate(env) == int(FRAME_RATE)
    assert _frame_rate({**env, "TEXTUAL_FPS": "30"}) == 30


def test_what_exists_once_the_screen_is_up_is_left_out_of_later_collections():
    before = gc.get_freeze_count()
    try:
        freeze_what_lasts()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
