"""An explorer left open while seed adds documents keeps working (WAL, read-only
connection) and offers to refresh."""
from __future__ import annotations


from conftest import query, write_small_corpus
from explorer.app import ClaimscopeApp
from seed.pipeline import seed
from explorer_helpers import settle


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
        (extra / "lighthouse.txt").write_text(
            "Lighthouse keepers return\n\nThe coast guard said 14 lighthouse keepers were rehired on Tuesday.",
            encoding="utf-8")
        seed([extra], db)  # a second writer while the explorer reads
        assert query(db, "select count(*) from documents") == [(4,)]
        for _ in range(50):
            await pilot.pause(0.05)
            if app._offered_refresh:
                break
        assert app._offered_refresh
        assert any("ctrl+r" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+r")
        await pilot.press(*"lighthouse")
        await settle(pilot)
        assert any("lighthouse" in h.snippet.lower() for h in app.screen.results.hits)
