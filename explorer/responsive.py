"""Keeping the frame after a keystroke prompt.

Two costs sat between a search's results and the screen showing them, both
bigger than the search itself at 100,000 claims (benchmarks/explorer_latency.py):

- Textual paints on a timer, at most ``TEXTUAL_FPS`` times a second (60 by
  default): a change waits up to a frame for it, and a keystroke makes two
  (the box, then the results).  The explorer asks for 120 unless the user
  set the variable; it paints only what changed, so an idle screen costs
  nothing more.
- Python's full garbage collection walks every object alive, most of them the
  app's own widgets, styles and modules, which never become garbage: a pass
  now and then took 30-70 ms in the middle of a keystroke.  Once the first
  screen is up, what exists is frozen (``gc.freeze``), so later passes walk
  only what was made since.
"""
from __future__ import annotations

import gc
import os

FRAME_RATE = "120"


def prefer_prompt_frames() -> None:
    """Ask Textual for FRAME_RATE, unless the user chose; before Textual is imported."""
    os.environ.setdefault("TEXTUAL_FPS", FRAME_RATE)


def freeze_what_lasts() -> None:
    """Collect once, then leave what survives out of later full collections."""
    gc.collect()
    gc.freeze()
