"""A seed run with nothing to do stays cheap: it imports neither the language
model, nor sqlite-utils (and numpy with it), nor linking, nor Dask, and leaves
the file as it was.  (``benchmarks/noop_seed.py`` measures the time.)"""
from __future__ import annotations

import subprocess
import sys

from conftest import query, write_small_corpus
from seed.pipeline import seed

HEAVY = ("spacy", "thinc", "numpy", "sqlite_utils", "trafilatura", "distributed", "dask",
         "seed.documents", "seed.analyse", "seed.extract", "seed.link", "seed.cluster.run")

RUN = """
import sys
from seed.cli import main
code = main([{folder!r}, "--db", {db!r}, "--quiet"])
heavy = {heavy!r}
print(code, sorted(m for m in sys.modules if m in heavy))
"""


def test_a_run_with_nothing_to_do_loads_nothing_heavy_and_changes_nothing(tmp_path):
    folder = write_small_corpus(tmp_path / "corpus")
    db = tmp_path / "a.db"
    seed([folder], db)
    meta = query(db, "select key, value from claimscope_meta order by key")
    done = subprocess.run([sys.executable, "-c", RUN.format(folder=str(folder), db=str(db), heavy=HEAVY)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0 []"
    assert "0 seeded, 3 unchanged" in done.stdout
    assert query(db, "select key, value from claimscope_meta order by key") == meta  # not even a new generation


def test_sqlite_utils_still_makes_the_full_text_tables_of_a_new_file(tmp_path):
    import sqlite_utils

    db = tmp_path / "new.db"
    seed([write_small_corpus(tmp_path / "corpus")], db)
    tables = sqlite_utils.Database(db)
    assert [tables[t].detect_fts() for t in ("documents", "passages", "quotes", "claims", "actors")] == \
        ["documents_fts", "passages_fts", "quotes_fts", "claims_fts", "actors_fts"]
