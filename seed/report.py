"""What a seed run reports as it goes and when it ends: what was seeded,
unchanged, moved or skipped (with why), the files of other types it did not
read, and the seconds of each stage."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .ingest import NotRead, Skipped


@dataclass
class Report:
    db_path: Path
    seeded: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    moved: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    not_read: list[Path] = field(default_factory=list)  # files of other types in the folders given
    counts: dict[str, int] = field(default_factory=dict)
    # Documents seeded whose manifest and text name no outlet, or no date of
    # publication: what the summary tells the user to add by hand.
    no_outlet: list[Path] = field(default_factory=list)
    no_date: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    # Seconds in each stage: parse (cleaning, metadata, the language model),
    # extract, write (with actor resolution), index (search and full-text
    # indexes), link (across sources).  What a user tuning --workers, and the
    # throughput benchmark, need to see.  On a cluster (--cluster), parse and
    # extract are the workers' seconds added up, "wait" the writer's idle time
    # for the next record in order, and "cluster start" connecting (and
    # starting a local cluster).
    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        began = time.perf_counter()
        try:
            yield
        finally:
            self.stages[stage] = self.stages.get(stage, 0.0) + time.perf_counter() - began


class WriteError(Exception):
    """The database could not be written (disk full, locked by another program,
    read-only): the run stops; every document committed before is kept."""


class ClusterError(Exception):
    """The Dask cluster a run was sent to cannot be used (unreachable, no
    workers, workers without this Claimscope) or was lost mid-run: the run
    stops; every document committed before is kept.  ``started``: whether any
    document had been sent."""

    def __init__(self, message: str, started: bool = False):
        super().__init__(message)
        self.started = started


class Progress:
    """What a run tells its caller; the CLI draws a bar or prints lines."""

    def start(self, total: int) -> None: ...
    def advance(self, path: Path) -> None: ...
    def skipped(self, item: Skipped) -> None: ...
    def waiting(self, holder: str) -> None: ...  # another run holds the database (see db.lock)


def skip(report: Report, progress: Progress, item: Skipped) -> None:
    """``item`` was not seeded: a problem, told as it happens and in the summary;
    or a file of another type, which only the summary counts and names."""
    if isinstance(item, NotRead):
        report.not_read.append(item.path)
        return
    report.skipped.append(item)
    progress.skipped(item)
