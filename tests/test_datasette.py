"""Datasette as a way in: ``claimscope datasette-metadata`` describes every
table, view and column of the schema, and its canned queries answer from a
seeded file served by a real Datasette process."""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from db.datasette import QUERIES, metadata
from db.notes import Notes
from processes import datasette, tool

ROOT = Path(__file__).resolve().parent.parent


def _schema_objects() -> set[str]:
    sql = (ROOT / "db" / "schema.sql").read_text(encoding="utf-8")
    return set(re.findall(r"CREATE (?:VIRTUAL )?(?:TABLE|VIEW) IF NOT EXISTS (\w+)", sql))


@pytest.fixture(scope="module")
def served_db(explorer_db, tmp_path_factory) -> Path:
    """The explorer's database (a conflict, a claim group, a reused quote) with a verdict saved."""
    db = tmp_path_factory.mktemp("datasette") / "story.db"
    shutil.copy(explorer_db, db)
    con = sqlite3.connect(db)
    (claim_id,) = con.execute("select id from claims where text like '%drained without warning%'").fetchone()
    con.close()
    notes = Notes(db)
    notes.set(notes.key("claim", claim_id), verdict="disputed", note="no second source")
    notes.close()
    return db


def test_every_table_view_and_column_of_the_schema_is_titled_and_described(served_db):
    tables = metadata("story")["databases"]["story"]["tables"]
    assert _schema_objects() <= set(tables), _schema_objects() - set(tables)
    con = sqlite3.connect(served_db)
    names = [r[0] for r in con.execute("select name from sqlite_master where type in ('table', 'view') "
                                       "and name not glob '*_fts_*' and name not glob 'search_*_[a-z]*' "
                                       "or name in ('search_text', 'search_names', 'search_vocab_grams')")]
    for name in names:
        if name.startswith("sqlite_"):
            continue
        assert tables[name]["title"] and tables[name]["description"], name
        for (column,) in con.execute(f"select name from pragma_table_info('{name}')"):
            assert tables[name]["columns"].get(column), f"{name}.{column} has no description"
    con.close()


def test_the_command_prints_the_metadata_for_the_files_name(served_db, tmp_path):
    printed = subprocess.run([tool("claimscope"), "datasette-metadata", "--db", str(served_db)],
                             capture_output=True, text=True, check=True).stdout
    assert json.loads(printed) == metadata("story")
    out = tmp_path / "m.json"
    subprocess.run([tool("claimscope"), "datasette-metadata", "--db", str(served_db), "--out", str(out)], check=True)
    assert json.loads(out.read_text(encoding="utf-8")) == metadata("story")


def test_datasette_serves_the_metadata_and_every_canned_query_answers(served_db, tmp_path):
    meta = tmp_path / "metadata.json"
    subprocess.run([tool("claimscope"), "datasette-metadata", "--db", str(served_db), "--out", str(meta)], check=True)
    params = {"actor_claims": {"actor": "halvorsen"}}
    with datasette(served_db, meta) as get:
        served = get("/-/metadata.json")
        assert served["databases"]["story"]["tables"]["claims"]["columns"]["stance"]
        table = get("/story/claims.json?_shape=objects&_size=1")
        assert table["rows"] and table.get("human_description_en") is not None
        answers = {}
        for name in QUERIES:
            query = urllib.parse.urlencode({"_shape": "array", **params.get(name, {})})
            answers[name] = get(f"/story/{name}.json?{query}")
    assert {r["outlet"] for r in answers["conflicting_figures"]} == {"Valley Post", "North Ledger"}
    assert all(r["verdict"] == "conflict" for r in answers["conflicting_figures"])
    assert len({r["group_id"] for r in answers["claims_several_sources_make"]}) >= 1
    assert answers["quote_reuse"] and "no cause for alarm" in answers["quote_reuse"][0]["origin_text"]
    assert {r["actor"] for r in answers["actor_claims"]} == {"Piet Halvorsen"}
    assert {r["kind"] for r in answers["actor_claims"]} == {"claim", "quote"}
    assert [(r["verdict"], r["note"], r["orphaned"]) for r in answers["your_verdicts"]] == [
        ("disputed", "no second source", 0)]
