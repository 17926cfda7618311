"""The results list builds only the rows that fit, and more as the cursor or the scroll comes near them."""
from __future__ import annotations

from pathlib import Path

import pytest
from explorer_helpers import settle
from textual.widgets import Input

from benchmarks.synthetic import build
from explorer.app import ClaimscopeApp
from explorer.widgets.results import ResultList


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("many") / "m.db"
    build(db, 400, seed=2)
    return db


async def test_only_the_rows_that_fit_are_built_and_moving_down_builds_the_rest(many):
    app = ClaimscopeApp(many, keymap={})
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(Input).value = "kind:claim"
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        assert len(results.hits) == 50
        assert results.option_count < 20  # about ten two-line rows fit in 24 lines
        results.focus()
        for _ in range(40):
            await pilot.press("down")
        await settle(pilot)
        assert results.highlighted == 40 and results.option_count > 40
        assert results.current() == results.hits[40]


async def test_scrolling_to_the_end_builds_more_rows(many):
    app = ClaimscopeApp(many, keymap={})
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(Input).value = "kind:claim"
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        before = results.option_count
        results.scroll_end(animate=False)
        await settle(pilot)
        assert results.option_count > before
