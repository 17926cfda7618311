"""An explorer left open while a seed run writes keeps working (WAL, read-only
connections), says so once, and ctrl+r refreshes every screen in place; its own
verdicts and notes are not news."""
from __future__ import annotations

from conftest import query, write_small_corpus
from explorer.app import ClaimscopeApp
from explorer.screens.item import ItemScreen
from explorer.screens.search import SearchScreen
from explorer_helpers import row_id, screen_text, settle
from seed.pipeline import seed

LIGHTHOUSE = "Lighthouse keepers return\n\nThe coast guard said 14 lighthouse keepers were rehired on Tuesday."


def _notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def _wait_for(pilot, condition, rounds: int = 60) -> bool:
    for _ in range(rounds):
        await pilot.pause(0.05)
        if condition():
            return True
    return False


async def test_a_seed_run_while_the_explorer_is_open_is_noticed_and_refresh_shows_it(tmp_path):
    corpus = write_small_corpus(tmp_path / "corpus")
    extra = tmp_path / "extra"
    extra.mkdir()
    db = tmp_path / "live.db"
    seed([corpus], db)
    app = ClaimscopeApp(db, keymap={})
    app.WATCH_SECONDS = 0.1
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        (extra / "lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
        seed([extra], db)  # a second writer while the explorer reads
        assert query(db, "select count(*) from documents") == [(4,)]
        assert await _wait_for(pilot, lambda: any("ctrl+r" in n for n in _notices(app)))
        assert sum("seed run" in n for n in _notices(app)) == 1  # said once, not every tick
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press(*"lighthouse")
        await settle(pilot)
        assert any("lighthouse" in h.snippet.lower() for h in app.screen.results.hits)


async def test_your_own_verdict_is_not_news_and_refresh_keeps_the_screens_where_they_were(tmp_path):
    corpus = write_small_corpus(tmp_path / "corpus")
    db = tmp_path / "own.db"
    seed([corpus], db)
    claim = row_id(db, "select id from claims where text like '%dockworkers%'")
    app = ClaimscopeApp(db, keymap={})
    app.WATCH_SECONDS = 0.1
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"dockworkers")
        await settle(pilot)
        app.open("claim", claim)
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "Saved: corroborated" in _notices(app)
        assert not await _wait_for(pilot, lambda: any("New data" in n or "ctrl+r" in n for n in _notices(app)),
                                   rounds=10)
        stack = [type(s) for s in app.screen_stack]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert [type(s) for s in app.screen_stack] == stack
        assert isinstance(app.screen, ItemScreen) and app.screen.item_id == claim
        assert "corroborated" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, SearchScreen) and search.query_one("Input").value == "dockworkers"


async def test_refresh_finds_an_open_claim_again_when_a_reseed_renumbers_it(tmp_path):
    corpus = write_small_corpus(tmp_path / "corpus")
    db = tmp_path / "renumber.db"
    seed([corpus], db)
    claim = row_id(db, "select id from claims where text like '%120 new teachers%'")
    app = ClaimscopeApp(db, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open("claim", claim)
        await settle(pilot)
        f = corpus / "council.html"
        f.write_text(f.read_text().replace("Opposition members", "Several opposition members"))
        seed([corpus], db)  # the document's rows are written again, after the others'
        moved = row_id(db, "select id from claims where text like '%120 new teachers%'")
        assert moved != claim
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen.item_id == moved and "120 new teachers" in screen_text(app)
