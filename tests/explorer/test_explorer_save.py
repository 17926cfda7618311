"""ctrl+s on a list saves it as ``claimscope export`` would, to a CSV file in
the current directory, and says where; the key has an id and can be remapped."""
from __future__ import annotations

import csv

from explorer_helpers import row_id, settle

from explorer.app import ClaimscopeApp
from explorer.screens.actor import ActorScreen
from explorer.screens.documents import DocumentsScreen
from explorer.screens.figures import FigureGroupScreen
from explorer.widgets.results import ResultList


def _saved(tmp_path) -> list[dict]:
    (path,) = tmp_path.glob("claimscope-*.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_ctrl_s_saves_the_search_results_in_their_order_and_says_where(explorer_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"dam")
        await settle(pilot)
        hits = app.screen.query_one(ResultList).hits
        assert len({h.kind for h in hits}) >= 2  # a mixed list
        await pilot.press("ctrl+s")
        await settle(pilot)
        rows = _saved(tmp_path)
        assert [(r["item_kind"], int(r["id"])) for r in rows] == [(h.kind, h.id) for h in hits]
        (path,) = tmp_path.glob("claimscope-results-*.csv")
        assert _said(app) == [f"Saved {len(hits)} rows to {path}"]
        claim = next(r for r in rows if r["item_kind"] == "claim")
        assert claim["paragraph"] and claim["outlet"] and claim["document_path"]


async def test_ctrl_s_saves_an_actors_claims_and_quotes(explorer_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    actor_id = row_id(explorer_db, "SELECT id FROM actors WHERE name = 'Piet Halvorsen'")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ActorScreen(actor_id))
        await settle(pilot)
        items = app.screen.actor.items
        await pilot.press("ctrl+s")
        await settle(pilot)
        rows = _saved(tmp_path)
        assert [(r["item_kind"], int(r["id"])) for r in rows] == [(i.kind, i.id) for i in items]
        assert {r["claimant"] or r["speaker"] for r in rows} == {"Piet Halvorsen"}
        assert tmp_path.glob("claimscope-piet-halvorsen-*.csv")


async def test_ctrl_s_saves_a_figure_group_side_by_side(explorer_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    group_id = row_id(explorer_db, "SELECT id FROM figure_groups")
    app = ClaimscopeApp(explorer_db, keymap={})
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.push_screen(FigureGroupScreen(group_id))
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        rows = _saved(tmp_path)
        assert [r["text"] for r in rows] == [s.text for s in app.screen.detail.sources]
        assert {r["group_id"] for r in rows} == {str(group_id)} and {r["status"] for r in rows} == {"conflict"}


async def test_the_save_key_is_remappable_and_a_failure_to_write_is_said(explorer_db, tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # the directory the explorer was started in is no more
    app = ClaimscopeApp(explorer_db, keymap={"documents.save": "ctrl+e"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(DocumentsScreen())
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        said = _said(app)
        assert len(said) == 1 and said[0].startswith("Not saved: "), said
    monkeypatch.chdir(tmp_path)
    app = ClaimscopeApp(explorer_db, keymap={"documents.save": "ctrl+e"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(DocumentsScreen())
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        rows = _saved(tmp_path)
        assert [int(r["id"]) for r in rows] == [d.id for d in app.store.documents()]
