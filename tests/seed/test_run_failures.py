"""A run meets trouble: one document that breaks a stage is skipped by name, a
database that cannot be written stops the run with one clear line, and a run
stopped by a signal leaves nothing behind."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import query, write_small_corpus
from seed import parse
from seed.pipeline import seed
from seed.report import WriteError

ARTICLE = ("Ferry strike, day {n}\n\nThe union said on day {n} that {k} crew members had walked out. "
           "\"We sail when the contract is signed,\" organiser Lina Berg said.\n\n") * 3


def _reasons(report) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in report.skipped}


def test_a_document_that_breaks_the_cleaner_is_skipped_and_the_rest_seeds(tmp_path, monkeypatch):
    folder = write_small_corpus(tmp_path / "corpus")
    real = parse.clean

    def clean(raw, fmt="txt"):
        if "Ferry operator" in raw:
            raise RuntimeError("a bug met this file")
        return real(raw, fmt)

    monkeypatch.setattr(parse, "clean", clean)
    report = seed([folder], tmp_path / "c.db")
    assert sorted(p.name for p in report.seeded) == ["council.html", "harbour.txt"]
    assert "cleaning failed: RuntimeError: a bug met this file" in _reasons(report)["ferry.md"]


def test_a_document_that_breaks_the_model_is_found_and_skipped_alone(tmp_path, monkeypatch):
    folder = write_small_corpus(tmp_path / "corpus")
    real = parse.chunks.pipe

    def pipe(nlp, items, **kwargs):
        for doc, item in real(nlp, items, **kwargs):
            if "Ferry operator" in item.cleaned.text:  # the model fails on this one, batched or alone
                raise ValueError("the parser tripped")
            yield doc, item

    monkeypatch.setattr(parse.chunks, "pipe", pipe)
    report = seed([folder], tmp_path / "m.db")
    assert sorted(p.name for p in report.seeded) == ["council.html", "harbour.txt"]
    assert "language model failed on it: ValueError" in _reasons(report)["ferry.md"]


def test_a_database_that_cannot_be_written_stops_the_run_with_one_line(tmp_path, monkeypatch, capsys):
    from db.writer import SeedWriter
    from seed import cli

    folder = write_small_corpus(tmp_path / "corpus")
    db = tmp_path / "full.db"
    seed([folder / "harbour.txt"], db)
    (folder / "extra.txt").write_text(ARTICLE.format(n=1, k=40))

    def full(self, doc_id, rows):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(SeedWriter, "insert_claims", full)
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # leave this process's handlers alone
    code = cli.main([str(folder), "--db", str(db), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert "database or disk is full" in err and "stopped" in err and "extraction failed" not in err
    assert query(db, "select count(*) from documents") == [(1,)]  # what was committed before stays
    with pytest.raises(WriteError):
        seed([folder], db)


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"day{i:03d}.txt").write_text(ARTICLE.format(n=i, k=100 + i), encoding="utf-8")
    return folder


def _leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.glob(f".{db.name}.building-*"))


def test_a_rebuild_stopped_by_sigterm_removes_its_partial_file(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 30)
    db = tmp_path / "term.db"
    seed([corpus / "day000.txt"], db)
    before = query(db, "select count(*) from documents")
    proc = subprocess.Popen([sys.executable, "-m", "seed", str(corpus), "--db", str(db), "--rebuild"],
                            stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if line.startswith("[3/"):
            proc.send_signal(signal.SIGTERM)
            break
    assert proc.wait(timeout=120) == 130
    assert _leftovers(db) == []
    assert query(db, "select count(*) from documents") == before


def test_killing_claimscope_seed_leaves_no_process_that_could_swap_the_file_later(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 30)
    db = tmp_path / "kill.db"
    seed([corpus / "day000.txt"], db)
    claimscope = Path(sys.executable).parent / "claimscope"
    proc = subprocess.Popen([str(claimscope), "seed", str(corpus), "--db", str(db), "--rebuild"],
                            stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if line.startswith("[3/"):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    time.sleep(1)
    seeders = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p).count(str(db))]
    assert seeders == []  # `claimscope seed` became the seeder: nothing of it outlives the kill
    assert query(db, "select count(*) from documents") == [(1,)]
    seed([corpus / "day001.txt"], db)  # the next run, even an incremental one, cleans up
    assert _leftovers(db) == []


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def test_a_database_name_with_escape_sequences_is_printed_inert(tmp_path):
    folder = write_small_corpus(tmp_path / "corpus")
    db = tmp_path / "news\x1b]0;owned\x07.db"
    done = subprocess.run([sys.executable, "-m", "seed", str(folder), "--db", str(db), "--quiet"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr
    assert "news\\x1b]0;owned\\x07.db" in done.stdout
