"""The seeding run: load -> clean -> NLP -> extract -> resolve actors -> write.

A new database, or a ``--rebuild``, is built in a file beside the target and
swapped in when complete, so an interrupted run leaves the previous database
as it was.  Adding to an existing database commits one document at a time.
An unchanged file (same path, same bytes) is skipped, so seeding twice gives
the same rows and ids.
"""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from db.connection import check_database, open_writer, shown
from db.install import install
from db.lock import exclusive_writer
from db.links import needs_relink
from db.search.index import behind as search_index_behind, refresh as refresh_search_index
from db.writer import SeedWriter

from .ingest import Skipped, Source, load
from .report import Progress, Report, WriteError, skip


def _building_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.building-{os.getpid()}")


def _remove_abandoned_builds(target: Path) -> None:
    """Delete partial builds left by runs that were killed (their process is gone)."""
    for partial in target.parent.glob(f".{target.name}.building-*"):
        pid = partial.name.rsplit("-", 1)[-1]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            partial.unlink(missing_ok=True)
        except PermissionError:
            pass  # alive, someone else's


def seed(paths: list[Path], db_path: Path, *, rebuild: bool = False, workers: int = 1,
         progress: Progress | None = None, cluster: str | None = None) -> Report:
    """Seed ``paths`` into ``db_path``.  Raises ``db.connection.DatabaseError`` for a
    foreign database file and ``seed.ingest.files.InputError`` for paths with no articles,
    before anything is written, and ``WriteError`` when the database cannot be
    written.  Waits while another run seeds the same file.  ``cluster``: parse and
    extract on a Dask cluster (a scheduler's address, or ``local[:N]``; see
    ``seed.cluster``), which raises ``ClusterError`` when it cannot be used."""
    progress = progress or Progress()
    began = time.perf_counter()
    db_path = Path(db_path)
    check_database(db_path)
    items = list(load([Path(p) for p in paths]))  # raises InputError first
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_writer(db_path, progress.waiting):
        try:
            report = _seed(items, db_path, rebuild, workers, progress, cluster)
        except sqlite3.Error as e:  # disk full, locked by another program, read-only
            raise WriteError(f"cannot write {shown(db_path)}: {e}") from e
    report.seconds = time.perf_counter() - began
    return report


def _seed(items: list, db_path: Path, rebuild: bool, workers: int, progress: Progress,
          cluster: str | None) -> Report:
    exists = check_database(db_path)  # again: a run we waited for may have made it
    fresh = rebuild or not exists
    target = _building_path(db_path) if fresh else db_path
    _remove_abandoned_builds(db_path)  # whoever runs next cleans up after a killed run
    if fresh:
        target.unlink(missing_ok=True)
    con = open_writer(target, fresh=fresh)
    report = Report(db_path)
    try:
        writer = SeedWriter(con)
        if fresh:
            writer.suspend_text_index()  # a file nobody reads until it is swapped in
        todo = _sort(writer, items, report, progress)
        progress.start(len(todo))
        if todo:
            from .documents import seed_each  # the language model, only when there is work

            seed_each(writer, todo, workers, report, progress, cluster)
        _finish_run(writer, report, fresh)
        report.counts = writer.counts()
    except BaseException:
        con.close()
        if fresh:
            target.unlink(missing_ok=True)
        raise
    if fresh and not report.seeded:
        # Nothing could be seeded: keep whatever was there rather than swap in
        # an empty database.
        con.close()
        target.unlink(missing_ok=True)
    elif fresh:
        con.close()
        install(target, db_path)  # the analyst's annotations come over as it does
    else:
        con.close()
    return report


def _sort(writer: SeedWriter, items: list, report: Report, progress: Progress) -> list[tuple[Source, int | None]]:
    """The sources to seed, with the id of the document each replaces; what is
    unchanged, moved, a duplicate or unreadable is reported (a move is written
    here, in a transaction of its own)."""
    todo: list[tuple[Source, int | None]] = []
    for item in items:
        if isinstance(item, Skipped):
            skip(report, progress, item)
            continue
        decision, doc_id = _plan(writer, item)
        if decision == "unchanged":
            report.unchanged.append(item.path)
        elif decision == "moved":
            with writer.transaction():
                writer.move_document(doc_id, str(item.path.resolve()))
            report.moved.append(item.path)
        elif decision.startswith("duplicate"):
            skip(report, progress, Skipped(item.path, decision))
        else:
            todo.append((item, doc_id))
    return todo


def _finish_run(writer: SeedWriter, report: Report, fresh: bool) -> None:
    """What follows the documents: the full-text tables, pruning, the search
    index and linking across sources.  (A rebuild's notes come over when it is
    installed: ``db.install``.)"""
    if fresh and report.seeded:
        with report.timing("index"), writer.transaction():
            writer.resume_text_index()
    if report.seeded or report.moved or search_index_behind(writer.con) or needs_relink(writer.con):
        # Only then: a run that changed nothing must leave the file as it was
        # (an open explorer would otherwise be told there is new data).  The
        # two checks catch up after a run stopped between writing a document
        # and this final step, whose work the next run would otherwise skip.
        with writer.transaction():
            with report.timing("index"):
                writer.prune_actors()
                refresh_search_index(writer.con)
            with report.timing("link"):
                relink(writer.con)
            writer.set_meta("seeded_at", time.strftime("%Y-%m-%dT%H:%M:%S%z"))


def relink(con: sqlite3.Connection) -> None:
    """``seed.link.relink``, imported (and rapidfuzz with it) only by a run that
    has linking to do."""
    from .link import relink as run

    run(con)


def _plan(writer: SeedWriter, source: Source) -> tuple[str, int | None]:
    path = str(source.path.resolve())
    state = writer.document_state(path)
    if state and state[1] == source.sha256:
        return "unchanged", state[0]
    if state:
        return "changed", state[0]
    for doc_id, other in writer.documents_with_sha(source.sha256):
        if not Path(other).exists():
            return "moved", doc_id
        return f"duplicate: same content as {other}", doc_id
    return "new", None
