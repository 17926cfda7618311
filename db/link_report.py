"""What benchmarks/link_eval.py reads to score linking against hand labels:
where every claim and figure is, and which group each is in."""
from __future__ import annotations

import sqlite3


def spans_and_groups(con: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Where every claim and figure is, and which group each is in: what
    benchmarks/link_eval.py scores hand labels against."""
    return {
        "documents": con.execute("SELECT id, path FROM documents ORDER BY id").fetchall(),
        "claims": con.execute('SELECT id, document_id, start, "end" FROM claims ORDER BY id').fetchall(),
        "figures": con.execute('SELECT id, document_id, start, "end" FROM figures ORDER BY id').fetchall(),
        "claim_groups": con.execute("SELECT group_id, claim_id, document_id FROM claim_group_members").fetchall(),
        "figure_groups": con.execute("SELECT group_id, figure_id, document_id FROM figure_group_members").fetchall(),
        "figure_status": con.execute("SELECT id, status FROM figure_groups").fetchall(),
    }


def document_texts(con: sqlite3.Connection) -> dict[int, str]:
    return dict(con.execute("SELECT id, text FROM documents"))


def figure_texts(con: sqlite3.Connection) -> dict[int, str]:
    return dict(con.execute("SELECT id, text FROM figures"))
