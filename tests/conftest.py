"""Shared fixtures: small corpora the tests write, and seeded databases."""
from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

import pytest

from seed.cli import DEFAULT_CORPUS
from seed.pipeline import seed

SMALL_TXT = """\
Harbour strike enters its second week

By Maria Olsen | Tom Reyes
March 3, 2025

The port authority said on Monday that about 2,000 dockworkers had joined the strike. "We will not return until the contract is signed," union leader Ana Duarte told reporters.

Officials denied that cargo was being diverted to other ports.
"""

SMALL_MD = """\
# Ferry operator cuts routes after fuel prices rise

Share this article

The operator said it would cut [three routes](https://example.com/routes) from April, citing **fuel costs**.

Analysts expect more than 40% of passengers to switch to buses.

Do you like this article?
"""

SMALL_HTML = """\
<!doctype html>
<html><head><title>Council approves new budget | City Ledger</title>
<script>document.write("tracking")</script><style>p { color: red }</style></head>
<body><nav>Home | News | Sport</nav>
<article><h1>Council approves new budget</h1>
<p>The city council approved a budget of $4 million on Tuesday, the mayor's office said in a statement released to the press.</p>
<p>Councillor Jane Whitfield said the plan would fund 120 new teachers across the district over the next two years.</p>
<p>Opposition members called the vote rushed and said they would ask for an independent review of the figures.</p>
</article><footer>Copyright City Ledger</footer></body></html>
"""

SMALL_MANIFEST = """\
["harbour.txt"]
outlet = "Coastal Times"
published = "2025-03-03"
url = "https://example.com/harbour"

["ferry.md"]
title = "Ferry routes cut"
outlet = "Island Weekly"
authors = ["Lee Park"]
published = "2025-04"
"""


def write_small_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "harbour.txt").write_text(SMALL_TXT, encoding="utf-8")
    (folder / "ferry.md").write_text(SMALL_MD, encoding="utf-8")
    (folder / "council.html").write_text(SMALL_HTML, encoding="utf-8")
    (folder / "sources.toml").write_text(SMALL_MANIFEST, encoding="utf-8")
    return folder


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    return write_small_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def small_db(tmp_path_factory) -> Path:
    """A database of the small corpus, seeded once; tests must not write to it."""
    root = tmp_path_factory.mktemp("small")
    db = root / "small.db"
    seed([write_small_corpus(root / "corpus")], db)
    return db


@pytest.fixture(scope="session")
def default_db(tmp_path_factory) -> Path:
    """The bundled corpus, seeded once; tests must not write to it."""
    db = tmp_path_factory.mktemp("default") / "default.db"
    report = seed([DEFAULT_CORPUS], db)
    assert len(report.seeded) == 5, report.skipped
    return db


def query(db: Path, sql: str, *args) -> list[tuple]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()
