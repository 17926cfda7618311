"""Bad input is reported by name and skipped; the rest still seeds; a database
file that is not Claimscope's is refused and left byte-for-byte untouched."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import query
from db.connection import DatabaseError
from seed.ingest.files import InputError
from seed.pipeline import seed


def _reasons(report) -> dict[str, str]:
    return {s.path.name: s.reason for s in report.skipped}


def test_broken_files_are_skipped_with_their_reason_and_the_rest_seeds(small_corpus, tmp_path):
    (small_corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (small_corpus / "latin1.txt").write_bytes("Caf\xe9 owners say prices rose.".encode("latin-1"))
    (small_corpus / "empty.md").write_text("  \n\n")
    report = seed([small_corpus], tmp_path / "a.db")
    reasons = _reasons(report)
    assert "binary" in reasons["binary.txt"]
    assert "not valid UTF-8" in reasons["latin1.txt"]
    assert reasons["empty.md"] == "empty"
    assert len(report.seeded) == 3


def test_utf16_and_bom_files_are_decoded(small_corpus, tmp_path):
    (small_corpus / "wide.txt").write_bytes("The minister said 40 schools had closed.".encode("utf-16"))
    (small_corpus / "bom.txt").write_bytes("\ufeffThe mayor said 12 bridges were shut.".encode("utf-8"))
    report = seed([small_corpus], tmp_path / "a.db")
    assert _reasons(report) == {}
    texts = [t for (t,) in query(tmp_path / "a.db", "select text from documents")]
    assert "The minister said 40 schools had closed." in texts
    assert "The mayor said 12 bridges were shut." in texts


def test_an_unreadable_file_is_skipped(small_corpus, tmp_path, monkeypatch):
    import os

    secret = small_corpus / "secret.txt"
    secret.write_text("The envoy said talks had stalled.")
    real = os.open

    def refusing_open(path, flags, *args, **kwargs):
        # chmod 0 does not stop root, who runs CI; refuse the read the way the OS would.
        if os.fspath(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    report = seed([small_corpus], tmp_path / "a.db")
    assert "unreadable" in _reasons(report)["secret.txt"]


def test_a_missing_path_or_an_empty_folder_is_an_error_before_anything_is_written(tmp_path):
    db = tmp_path / "a.db"
    with pytest.raises(InputError, match="no such file"):
        seed([tmp_path / "nope"], db)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no"):
        seed([tmp_path / "empty"], db)
    assert not db.exists()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(small_corpus, tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("my precious notes\n")
    before = _digest(db)
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        seed([small_corpus], db)
    assert _digest(db) == before


def test_a_foreign_sqlite_database_is_refused_and_untouched(small_corpus, tmp_path):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("create table invoices (id integer primary key, total real)")
    con.execute("insert into invoices (total) values (12.5)")
    con.commit()
    con.close()
    before = _digest(db)
    with pytest.raises(DatabaseError, match="not Claimscope's"):
        seed([small_corpus], db, rebuild=True)
    assert _digest(db) == before


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "seed", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def test_the_command_exits_2_with_one_line_for_a_missing_path(tmp_path):
    r = _cli(str(tmp_path / "nope"), "--db", str(tmp_path / "a.db"))
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "no such file or folder" in r.stderr


def test_the_command_exits_nonzero_when_nothing_could_be_seeded(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x00\x01\x02")
    r = _cli(str(folder), "--db", str(tmp_path / "a.db"))
    assert r.returncode == 1
    assert "a.txt" in r.stderr and "binary" in r.stderr
    assert not (tmp_path / "a.db").exists()
    # The summary names no file that is not there, and counts no database it did not write.
    assert str(tmp_path / "a.db") not in r.stdout + r.stderr and "database:" not in r.stdout
    assert r.stdout.startswith("0 seeded, 0 unchanged, 0 moved, 1 skipped") and "no database written" in r.stdout


def test_a_run_that_changes_nothing_prints_no_database_counts_and_lists_each_skip_once(tmp_path, small_corpus):
    (small_corpus / "broken.txt").write_bytes(b"\x00\x01\x02")
    db = tmp_path / "a.db"
    first = _cli(str(small_corpus), "--db", str(db))
    assert first.returncode == 3 and "database: 3 documents" in first.stdout
    for args in ([], ["--quiet"]):
        again = _cli(str(small_corpus), "--db", str(db), *args)
        assert again.returncode == 3
        assert again.stdout.startswith(f"{db}: 0 seeded, 3 unchanged") and "database:" not in again.stdout
        said = again.stdout + again.stderr
        assert said.count("broken.txt") == 1, said


def test_the_command_refuses_a_foreign_database_by_name(tmp_path, small_corpus):
    db = tmp_path / "x.db"
    db.write_bytes(b"PK\x03\x04 not a database")
    r = _cli(str(small_corpus), "--db", str(db))
    assert r.returncode == 2 and str(db) in r.stderr
    assert db.read_bytes() == b"PK\x03\x04 not a database"
