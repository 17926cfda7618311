"""Finding and reading article files: whatever one file, folder or manifest
entry is like, it is named with its reason and the rest of the corpus seeds."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import query, write_small_corpus
from seed.ingest.files import discover, load
from seed.pipeline import seed

ARTICLE = "Quarry road stays shut\n\nThe council said on Monday that the quarry road would stay closed.\n"


def _reasons(report) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in report.skipped}


def test_a_file_name_that_is_not_utf8_is_named_and_the_rest_seeds(tmp_path):
    folder = write_small_corpus(tmp_path / "corpus")
    bad = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(bad, "wb") as fh:
        fh.write(ARTICLE.encode())
    db = tmp_path / "names.db"
    done = subprocess.run([sys.executable, "-m", "seed", str(folder), "--db", str(db), "--quiet"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr  # seeded, with a file skipped
    assert "Traceback" not in done.stderr + done.stdout
    assert "caf\\udce9.txt" in done.stdout and "not valid UTF-8" in done.stdout
    assert query(db, "select count(*) from documents") == [(3,)]


def test_a_folder_that_cannot_be_listed_is_named(tmp_path, monkeypatch):
    folder = write_small_corpus(tmp_path / "corpus")
    (folder / "locked").mkdir()
    (folder / "locked" / "inside.txt").write_text(ARTICLE)
    real = os.scandir

    def scandir(path="."):
        # chmod does not stop root, who runs CI: refuse the listing as the OS would.
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, skipped = discover([folder])
    assert len(files) == 3
    assert [(s.path.name, "cannot be read" in s.reason) for s in skipped] == [("locked", True)]


def test_pipes_devices_and_links_out_of_the_folder_are_named_not_read(tmp_path):
    folder = write_small_corpus(tmp_path / "corpus")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(ARTICLE)
    (folder / "borrowed.txt").symlink_to(outside)
    reasons = {Path(s.path).name: s.reason for s in load([folder]) if hasattr(s, "reason")}
    assert "not a regular file" in reasons["pipe.txt"]
    assert "outside the folder" in reasons["zero.txt"] and "outside the folder" in reasons["borrowed.txt"]
    # Named on the command line, a link is followed; a device is still not read.
    direct = {Path(s.path).name: s.reason for s in load([folder / "zero.txt"]) if hasattr(s, "reason")}
    assert "not a regular file" in direct["zero.txt"]


@pytest.mark.parametrize("entry, field, expected", [
    ('authors = 5', "authors", None),
    ('authors = "Maria Olsen"', "authors", ["Maria Olsen"]),
    ('published = "2025-13-45"', "published", None),
    ('published = 2025-03-03', "published", "2025-03-03"),
    ('published = "2025-02"', "published", "2025-02"),
    ('title = "Harbour\\u001b]0;owned\\u0007 strike"', "title", "Harbour ]0;owned strike"),
    ('outlet = ["a", "b"]', "outlet", None),
])
def test_each_manifest_field_is_checked_on_its_own(tmp_path, entry, field, expected):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "harbour.txt").write_text(ARTICLE)
    (folder / "sources.toml").write_text(f'["harbour.txt"]\n{entry}\nurl = "https://example.com/h"\n')
    items = list(load([folder]))
    (source,) = [i for i in items if hasattr(i, "meta")]
    problems = [i.reason for i in items if hasattr(i, "reason")]
    assert source.meta.get(field) == expected
    assert source.meta["url"] == "https://example.com/h"  # the entry's other fields still count
    assert bool(problems) == (expected is None)
    assert all(f"{field}:" in p and "ignored" in p for p in problems)


def test_a_manifest_with_wrong_types_never_stops_the_run(tmp_path):
    folder = write_small_corpus(tmp_path / "corpus")
    (folder / "sources.toml").write_text('["harbour.txt"]\nauthors = 5\npublished = "2025-13-45"\n'
                                         'title = "Harbour strike"\npublshed = "2025-03-01"\n'
                                         'license = "CC BY 4.0"\n')
    db = tmp_path / "m.db"
    report = seed([folder], db)
    assert len(report.seeded) == 3
    assert query(db, "select title, published, authors from documents where path like '%harbour.txt'") == [
        ("Harbour strike", "2025-03-03", '["Maria Olsen", "Tom Reyes"]')]  # read from the text instead
    manifest = [s.reason for s in report.skipped if s.path.name == "sources.toml"]
    assert len(manifest) == 3  # a misspelt field is named; a provenance field is not a problem
    assert any("did you mean published" in r for r in manifest)
    assert not any("license" in r for r in manifest)


def test_html_text_keeps_its_underscores_and_stars(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "plan.html").write_text(
        "<html><body><article><h1>The strike_plan debate</h1><p>Union leader Ana Duarte said the "
        "strike_plan was \"a 2*3 step plan for *everyone*\" on Monday, in a statement to the press about "
        "the port and its workers.</p></article></body></html>")
    db = tmp_path / "h.db"
    seed([folder], db)
    (text,) = query(db, "select text from documents")[0]
    assert "strike_plan" in text and "2*3" in text and "\\" not in text
    assert query(db, "select text from quotes") == [("a 2*3 step plan for *everyone*",)]
