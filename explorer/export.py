"""Writing exported rows: CSV, JSON, JSON lines, or a Markdown report, one row
at a time (``claimscope export`` and the explorer's save key both write
through here; the rows come from ``db.export``).

Markdown is for pasting: figure groups side by side with their sources (the
conflicts first), claim groups as what each source says, other kinds as a
list of citations.  Text from documents is escaped there so that it never
becomes markup.
"""
from __future__ import annotations

import csv
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

FORMATS = ("csv", "json", "jsonl", "md")
TITLES = {"claims": "Claims", "quotes": "Quotes", "figures": "Figures", "figure-groups": "Figures across sources",
          "claim-groups": "Claims several sources make", "actors": "Actors", "documents": "Documents",
          "items": "Items"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def write(out: TextIO, kind: str, columns: list[str], rows: Iterable[dict], fmt: str, about: str = "") -> int:
    """Write ``rows`` to ``out`` in ``fmt``; the number of rows written."""
    writer = {"csv": _csv, "json": _json, "jsonl": _jsonl, "md": _markdown}[fmt]
    return writer(out, kind, columns, rows, about)


def _csv(out: TextIO, kind: str, columns: list[str], rows: Iterable[dict], about: str) -> int:
    w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    n = 0
    for n, row in enumerate(rows, 1):
        w.writerow(row)
    return n


def _jsonl(out: TextIO, kind: str, columns: list[str], rows: Iterable[dict], about: str) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


def _json(out: TextIO, kind: str, columns: list[str], rows: Iterable[dict], about: str) -> int:
    out.write("[")
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(("\n" if n == 1 else ",\n") + json.dumps(row, ensure_ascii=False))
    out.write("\n]\n" if n else "]\n")
    return n


def md(text) -> str:
    """``text`` on one line, every Markdown mark in it escaped."""
    if text is None or text == "":
        return "—"
    if isinstance(text, float):
        text = f"{text:,.0f}" if text == int(text) else f"{text:,}"
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _source(row: dict) -> str:
    title = f"“{md(row['document_title'])}”" if row.get("document_title") else md(row.get("document_path"))
    return ", ".join(x for x in (md(row.get("outlet")), md(row.get("published")), title) if x != "—")


def _verdict(row: dict) -> str:
    if not row.get("verdict"):
        return ""
    return f" · verdict: **{md(row['verdict'])}**" + (f" — {md(row['note'])}" if row.get("note") else "")


def _markdown(out: TextIO, kind: str, columns: list[str], rows: Iterable[dict], about: str) -> int:
    out.write(f"# {TITLES.get(kind, kind)}\n\n")
    if about:
        out.write(f"{md(about)}\n\n")
    section = {"figure-groups": _figure_group, "claim-groups": _claim_group}.get(kind)
    n = 0
    group = None
    for n, row in enumerate(rows, 1):
        if section is not None:
            if row["group_id"] != group:
                group = row["group_id"]
                section(out, row, header=True)
            section(out, row, header=False)
        elif kind in ("actors", "documents"):
            _table_row(out, kind, row, header=n == 1)
        else:
            _citation(out, row)
    if not n:
        out.write("Nothing matched.\n")
    return n


def _number(low, high) -> str:
    if low is None:
        return "?"
    return md(low) if high in (None, low) else f"{md(low)}–{md(high)}"


def _figure_group(out: TextIO, row: dict, header: bool) -> None:
    if header:
        status = "**CONFLICT**" if row["status"] == "conflict" else "agree"
        out.write(f"\n## {md(row['group_label'])}\n\n{status} · spread {_number(row['group_low'], row['group_high'])}"
                  f" · {md(row['group_unit'])}, {md(row['scope'])}\n\n"
                  "| | Source | Figure | Claimant | Passage |\n|---|---|---|---|---|\n")
        return
    mark = "✗" if row["conflicts"] else "✓"
    out.write(f"| {mark} | {_source(row)} | {md(row['text'])} | {md(row['claimant'])} | {md(row['sentence'])} |\n")


def _claim_group(out: TextIO, row: dict, header: bool) -> None:
    if header:
        out.write(f"\n## {md(row['group_label'])}\n\n")
        return
    who = f"{md(row['claimant'])}: " if row.get("claimant") else ""
    out.write(f"- {_source(row)} — {who}{md(row['text'])}{_verdict(row)}\n")


def _citation(out: TextIO, row: dict) -> None:
    who = row.get("claimant") or row.get("speaker")
    out.write(f"> {md(row['text'])}\n\n— {md(who) + ', ' if who else ''}{_source(row)}{_verdict(row)}\n\n")


_TABLES = {"actors": ("name", "kind", "description", "claims", "quotes", "documents"),
           "documents": ("published", "outlet", "title", "claims", "quotes", "figures", "path")}


def _table_row(out: TextIO, kind: str, row: dict, header: bool) -> None:
    fields = _TABLES[kind]
    if header:
        out.write("| " + " | ".join(fields) + " |\n|" + "---|" * len(fields) + "\n")
    out.write("| " + " | ".join(md(row.get(f)) for f in fields) + " |\n")


@contextmanager
def output(path: Path | None) -> Iterator[TextIO]:
    """Where to write: ``path``, written whole or not at all (a file beside it,
    renamed into place when complete), or standard output for None.  A path
    that is not a regular file (``/dev/stdout``, a named pipe) is written as it
    is: renaming a file over ``/dev/null`` would replace the device."""
    if path is None:
        import sys

        yield sys.stdout
        return
    path = Path(path)
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def mixed(parts: list[tuple[str, list[str], list[dict]]], order: list[tuple[str, int]]) -> tuple[list[str], list[dict]]:
    """Rows of several kinds as one list, in ``order`` ((kind, id) pairs): an
    ``item_kind`` column first (claim, quote, figure, doc, actor), then every
    kind's columns (each once, in order)."""
    columns = ["item_kind"]
    by_key = {}
    for kind, cols, rows in parts:
        columns += [c for c in cols if c not in columns]
        for row in rows:
            by_key[(kind, row["id"])] = {"item_kind": kind, **row}
    return columns, [by_key[k] for k in order if k in by_key]


def save_path(name: str, folder: Path | None = None, now: Callable[[], float] = time.time) -> Path:
    """A new file for a saved list: ``claimscope-NAME-YYYYmmdd-HHMMSS.csv`` in the
    current directory (a number added rather than overwrite anything)."""
    folder = Path.cwd() if folder is None else folder
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now()))
    slug = re.sub(r"[^\w.-]+", "-", name).strip("-").lower() or "list"
    path = folder / f"claimscope-{slug}-{stamp}.csv"
    n = 2
    while path.exists():
        path = folder / f"claimscope-{slug}-{stamp}-{n}.csv"
        n += 1
    return path


# The explorer's kinds of item, and the kind of export each is.
EXPORT_KINDS = {"claim": "claims", "quote": "quotes", "figure": "figures", "doc": "documents", "actor": "actors"}


def save_list(screen, name: str, kind: str | None, picks: list[tuple[str, int]]) -> None:
    """Save a list on screen as a CSV file in the current directory, in a thread
    worker, and say where (or why not).  ``picks`` are (item kind, id) pairs in
    the list's order; with ``kind`` (an export kind: every pick is of it) the
    file has that kind's columns, else an ``item_kind`` column and every kind's."""
    app = screen.app
    if not picks:
        screen.notify("Nothing to save: the list is empty.", markup=False)
        return

    def run() -> None:
        import sqlite3

        from db.connection import DatabaseError, shown

        try:
            if kind is not None:
                columns, rows = app.store.export_rows(kind, [i for _, i in picks])
            else:
                parts = [(k, *app.store.export_rows(EXPORT_KINDS[k], [i for kk, i in picks if kk == k]))
                         for k in dict.fromkeys(k for k, _ in picks)]
                columns, rows = mixed(parts, picks)
            path = save_path(name)
            with output(path) as out:
                n = write(out, kind or "items", columns, rows, "csv")
        except (sqlite3.Error, DatabaseError, OSError) as e:
            reason = getattr(e, "strerror", None) or str(e)
            app.call_from_thread(screen.notify, f"Not saved: {reason}", severity="error", markup=False)
            return
        app.call_from_thread(screen.notify, f"Saved {n} row{'s' * (n != 1)} to {shown(path)}", markup=False)

    screen.run_worker(run, thread=True, group="save", name="save list", exclusive=False)
