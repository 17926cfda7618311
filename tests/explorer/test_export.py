"""``claimscope export``: every format read back with the standard readers is
the database's rows; the query chooses them as the search syntax says; every
row points at its exact words; bad input gets one line and no partial file."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from db.export import KINDS, ExportError, columns, rows
from db.notes import Notes
from processes import tool


@pytest.fixture(scope="module")
def noted_db(explorer_db, tmp_path_factory) -> Path:
    """The explorer's database with a verdict and a note on two claims."""
    db = tmp_path_factory.mktemp("export") / "noted.db"
    shutil.copy(explorer_db, db)
    notes = Notes(db)
    con = sqlite3.connect(db)
    for like, verdict, note in (("%drained without warning%", "disputed", "no source for it | *bold*"),
                                ("%widened by several%", "corroborated", None)):
        (claim_id,) = con.execute("select id from claims where text like ? order by id", (like,)).fetchone()
        notes.set(notes.key("claim", claim_id), verdict=verdict, note=note)
    con.close()
    notes.close()
    return db


def export(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([tool("claimscope"), "export", *args, "--db", str(db)], capture_output=True, text=True,
                          timeout=120)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def expected_claims(db: Path) -> list[dict]:
    """What the export must say of each claim, asked of the database directly."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    out = [dict(r) for r in con.execute("""
        select c.id, c.text, a.name as claimant, c.stance, n.verdict, n.note, d.outlet, d.published,
               d.title as document_title, d.path as document_path, c.start, c."end", p.text as paragraph,
               p.start as paragraph_start
        from claims c join documents d on d.id = c.document_id left join actors a on a.id = c.claimant_id
        left join passages p on p.id = c.passage_id
        left join annotations n on n.kind = 'claim' and n.document_path = d.path and n.text_key = c.text_key
        order by c.document_id, c.start""")]
    con.close()
    return out


def test_csv_json_and_jsonl_read_back_as_the_databases_claims(noted_db):
    expected = expected_claims(noted_db)
    assert any(e["verdict"] == "disputed" and e["note"] for e in expected)
    as_csv = list(csv.DictReader(io.StringIO(export(noted_db, "claims").stdout)))
    as_json = json.loads(export(noted_db, "claims", "--format", "json").stdout)
    as_jsonl = [json.loads(line) for line in export(noted_db, "claims", "--format", "jsonl").stdout.splitlines()]
    assert as_json == as_jsonl and len(as_json) == len(expected) == len(as_csv)
    for want, got_json, got_csv in zip(expected, as_json, as_csv):
        assert {k: got_json[k] for k in want} == want
        assert {k: got_csv[k] for k in want} == {k: "" if v is None else str(v) for k, v in want.items()}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_exports_with_its_columns_and_exact_offsets(noted_db, kind):
    got = json.loads(export(noted_db, kind, "--format", "json").stdout)
    con = sqlite3.connect(noted_db)
    assert got and list(got[0]) == columns(con, kind)
    texts = dict(con.execute("select path, text from documents"))
    for row in got:
        if "start" in row:  # a claim, quote or figure: its words and its paragraph, exactly
            text = texts[row["document_path"]]
            assert text[row["start"]:row["end"]] == row["text"]
            assert text[row["paragraph_start"]:row["paragraph_end"]] == row["paragraph"]
            assert row["paragraph_start"] <= row["start"] and row["end"] <= row["paragraph_end"]
            assert row["outlet"] and row["published"] and row["document_title"]
    con.close()


def test_the_query_chooses_rows_as_the_search_syntax_says(noted_db):
    def ids(kind, query):
        return [r["id"] for r in json.loads(export(noted_db, kind, *query.split(" "), "--format", "json").stdout)]

    con = sqlite3.connect(noted_db)

    def sql(q, *a):
        return [r[0] for r in con.execute(q, a)]

    by = sql("select c.id from claims c join actors a on a.id = c.claimant_id where a.name = 'Piet Halvorsen' "
             "order by c.document_id, c.start")
    assert len(by) == 2 and ids("claims", "by:halvorsen") == by
    assert ids("claims", "by:halvorsen in:north") == sql(
        "select c.id from claims c join documents d on d.id = c.document_id join actors a on a.id = c.claimant_id "
        "where a.name = 'Piet Halvorsen' and d.outlet = 'North Ledger'")
    assert ids("claims", "verdict:disputed") == sql("select id from claims where text like '%drained%'")
    assert ids("claims", "centimet overnight") == sql(
        "select id from claims where text like '%centimetres overnight%' order by document_id, start")
    assert ids("quotes", '"no cause for alarm"') == sql("select id from quotes where text like '%no cause for alarm%' "
                                                        "order by document_id, start")
    assert ids("claims", '"alarm no cause"') == []  # a phrase is the words in that order
    assert ids("figures", "residents in:valley") == sql(
        "select f.id from figures f join documents d on d.id = f.document_id "
        "where d.outlet = 'Valley Post' and f.unit = 'residents'")
    # A group comes whole: one member chose it.
    group = sql("select figure_id from figure_group_members order by figure_id")
    assert sorted(ids("figure-groups", "in:valley")) == group and len(group) == 2
    assert ids("actors", "by:quist") == sql("select id from actors where name = 'Mara Quist'")
    assert ids("documents", "by:brandt") == sql("select id from documents where outlet = 'City Ledger'")
    con.close()


def test_a_query_that_cannot_be_applied_is_one_line_and_exit_2(noted_db, tmp_path):
    for query, said in (("verdict:maybe", "unknown verdict:maybe"), ("kind:quote", "does not agree"),
                        ("by:", "needs a value")):
        done = export(noted_db, "claims", query, "--out", str(tmp_path / "x.csv"), check=False)
        assert done.returncode == 2 and said in done.stderr and done.stderr.count("\n") == 1
        assert not list(tmp_path.iterdir())  # no file, not even a partial one
    missing = tmp_path / "none.db"
    done = export(missing, "claims", check=False)
    assert done.returncode == 2 and f"claimscope seed PATH --db {missing}" in done.stderr
    with pytest.raises(ExportError, match="unknown kind"):
        rows(sqlite3.connect(noted_db), "verdicts")


def test_out_writes_the_file_and_says_how_many_rows(noted_db, tmp_path):
    out = tmp_path / "claims.json"
    done = export(noted_db, "claims", "by:halvorsen", "--format", "json", "--out", str(out))
    assert done.stdout == "" and f"2 claims rows written to {out}" in done.stderr
    assert [r["claimant"] for r in json.loads(out.read_text(encoding="utf-8"))] == ["Piet Halvorsen"] * 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.json"]


def test_markdown_puts_conflicting_figures_side_by_side_and_escapes_document_text(noted_db):
    report = export(noted_db, "figure-groups", "--format", "md").stdout
    assert report.startswith("# Figures across sources\n")
    assert "**CONFLICT** · spread 3,000–5,000" in report
    lines = [line for line in report.splitlines() if line.startswith("| ✗")]
    assert len(lines) == 2
    assert "Valley Post, 2025-05-12" in lines[0] and "| About 3,000 |" in lines[0]
    assert "North Ledger, 2025-05-13" in lines[1] and "| Around 5,000 |" in lines[1]
    claims = export(noted_db, "claims", "verdict:disputed", "--format", "md").stdout
    assert r"verdict: **disputed** — no source for it \| \*bold\*" in claims


def test_export_streams_off_a_cursor(noted_db):
    """A generator over the cursor: nothing is read before the first row is
    asked for, and rows come one by one (bounded memory is measured on a
    large database in BENCHMARKS.md)."""
    con = sqlite3.connect(noted_db)
    it = rows(con, "claims")
    first = next(it)
    assert first["id"] == expected_claims(noted_db)[0]["id"]
    assert sum(1 for _ in it) == len(expected_claims(noted_db)) - 1
    con.close()


def test_out_to_a_device_or_pipe_writes_through_it(noted_db, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    export(noted_db, "claims", "by:halvorsen", "--out", str(fifo))
    assert len(list(csv.DictReader(io.StringIO(reader.communicate(timeout=30)[0])))) == 2
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
