"""Shared by the explorer's tests: waiting for workers, finding rows by text."""
from __future__ import annotations

import sqlite3
from pathlib import Path


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and their results reach the screen."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def row_id(db: Path, sql: str, *args) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute(sql, args).fetchone()
    finally:
        con.close()
    assert row is not None, sql
    return row[0]


def screen_text(app) -> str:
    """The characters on screen, one line per row (the top screen, modals included)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)
