"""A synthetic database per test module (``benchmarks.synthetic``, 3,000 claims),
built from the module's own ``SYNTH_SEED``, and a read-only connection to it."""
from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import build
from db.connection import open_readonly


@pytest.fixture(scope="module")
def synth(tmp_path_factory, request) -> Path:
    db = tmp_path_factory.mktemp("synth") / "s.db"
    build(db, 3000, seed=request.module.SYNTH_SEED)
    return db


@pytest.fixture(scope="module")
def con(synth):
    con = open_readonly(synth)
    yield con
    con.close()
