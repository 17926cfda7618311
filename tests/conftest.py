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


# Two reports of one event that share a quote and two claims and disagree on a
# figure, and one unrelated article: what the explorer's screens are tested on.
EXPLORER_DAM_A = """\
Thousands evacuated as Larsby dam cracks

By Erin Vale
May 12, 2025

About 3,000 residents were evacuated from the valley below the Larsby dam on Sunday, the regional water authority said.

"The dam is structurally sound and there is no cause for alarm," said Piet Halvorsen, a spokesman for the water authority.

Engineer Mara Quist said the crack in the eastern wall had widened by several centimetres overnight.

Officials denied that the reservoir had been drained without warning.
"""

EXPLORER_DAM_B = """\
# Larsby dam: residents question official account

Share this article

Around 5,000 residents left their homes near the Larsby dam, according to local volunteers.

"The dam is structurally sound and there is no cause for alarm," water authority spokesman Piet Halvorsen told reporters on Sunday.

Mara Quist, an engineer who inspected the wall, said the crack in the eastern wall had widened by several centimetres overnight.

Residents said they had received no warning before the sirens sounded.
"""

EXPLORER_BUDGET = """\
Council delays vote on harbour budget

The city council postponed a vote on the harbour budget of $12 million, the mayor's office said on Tuesday.

Councillor Ines Brandt said the plan would "waste money on cranes nobody needs".
"""

EXPLORER_MANIFEST = """\
["dam-a.txt"]
outlet = "Valley Post"
published = "2025-05-12"
url = "https://example.com/larsby-dam"

["dam-b.md"]
outlet = "North Ledger"
published = "2025-05-13"
authors = ["Sam Oduya"]
url = "https://example.org/dam"

["budget.txt"]
outlet = "City Ledger"
published = "2025-04-01"
"""


@pytest.fixture(scope="session")
def explorer_db(tmp_path_factory) -> Path:
    """Three articles for the explorer's tests; tests must not write to it."""
    root = tmp_path_factory.mktemp("explorer")
    folder = root / "corpus"
    folder.mkdir()
    (folder / "dam-a.txt").write_text(EXPLORER_DAM_A, encoding="utf-8")
    (folder / "dam-b.md").write_text(EXPLORER_DAM_B, encoding="utf-8")
    (folder / "budget.txt").write_text(EXPLORER_BUDGET, encoding="utf-8")
    (folder / "sources.toml").write_text(EXPLORER_MANIFEST, encoding="utf-8")
    db = root / "explorer.db"
    report = seed([folder], db)
    assert len(report.seeded) == 3, report.skipped
    return db


@pytest.fixture(scope="session")
def pdf_docx_db(tmp_path_factory) -> Path:
    """A PDF and a Word file the tests make (tests/made_files.py), seeded once
    beside a scanned PDF and files of other types; tests must not write to it."""
    from made_files import make_docx, make_pdf, make_scanned_pdf

    root = tmp_path_factory.mktemp("binary")
    folder = root / "corpus"
    folder.mkdir()
    make_pdf(folder / "harbour.pdf")
    make_docx(folder / "ferry.docx")
    make_scanned_pdf(folder / "scan.pdf")
    (folder / "figures.xlsx").write_bytes(b"PK\x03\x04 not really a spreadsheet")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a picture")
    (folder / "sources.toml").write_text('["harbour.pdf"]\noutlet = "Coastal Times"\npublished = "2025-03-03"\n\n'
                                         '["ferry.docx"]\noutlet = "Island Weekly"\n', encoding="utf-8")
    db = root / "binary.db"
    report = seed([folder], db)
    assert sorted(p.name for p in report.seeded) == ["ferry.docx", "harbour.pdf"], report.skipped
    return db


# -- a synthetic database per search test module ------------------------------------------------


@pytest.fixture(scope="module")
def synth(tmp_path_factory, request) -> Path:
    """``benchmarks.synthetic``'s 3,000 claims, built from the module's own ``SYNTH_SEED``."""
    from benchmarks.synthetic import build

    db = tmp_path_factory.mktemp("synth") / "s.db"
    build(db, 3000, seed=request.module.SYNTH_SEED)
    return db


@pytest.fixture(scope="module")
def con(synth):
    """A read-only connection to ``synth``."""
    from db.connection import open_readonly

    con = open_readonly(synth)
    yield con
    con.close()
