"""``claimscope seed``: the seeding command line (also ``python -m seed``)."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from db.connection import DatabaseError, default_db_path, shown

from .ingest import InputError, Skipped
from .pipeline import seed
from .report import ClusterError, Progress, WriteError

DEFAULT_CORPUS = Path(__file__).parent / "corpus"


EXAMPLES = """\
examples:
  claimscope seed                              the bundled corpus, into the default database
  claimscope seed ~/articles --db story.db     a folder (recursively) into story.db
  claimscope seed report.pdf notes.docx        two files (.txt .md .html .pdf .docx)
  claimscope seed ~/articles --rebuild         build afresh, swap in when complete
  claimscope seed ~/articles --quiet --timings only the summary, problems and stage times

exit status: 0 seeded (or unchanged), 3 seeded but some files skipped, 1 nothing
seeded or the database could not be written, 2 bad argument, path or database
file, 130 interrupted.
"""


def version() -> str:
    from importlib.metadata import PackageNotFoundError, version as installed

    try:
        return installed("claimscope")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="claimscope seed",
        description="Seed a Claimscope database from article files (.txt, .md, .html, .pdf, .docx) "
                    "and folders of them.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="files or folders (recursively); a sources.toml (or sources.json, sources.csv) in a "
                        "folder gives metadata. "
                        "Default: the bundled corpus")
    p.add_argument("--db", type=Path, metavar="FILE",
                   help="database file (default: $CLAIMSCOPE_DB, else the user data directory), "
                        "e.g. --db story.db")
    p.add_argument("--rebuild", action="store_true", help="build the database afresh and swap it in when complete")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes for the language model (default 1), e.g. --workers 2")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="parse and extract on a Dask cluster: a scheduler's address (tcp://host:8786) or "
                        "local[:N] for N worker processes here; this process still writes the database "
                        "(needs pip install 'claimscope[cluster]'), e.g. --cluster local:2")
    p.add_argument("--quiet", action="store_true", help="print only the summary and problems")
    p.add_argument("--timings", action="store_true",
                   help="also print the seconds spent in each stage (parse, extract, write, index, link)")
    p.add_argument("--version", action="version", version=f"claimscope {version()}")
    return p


class LineProgress(Progress):
    """Plain lines, for logs and pipes."""

    def __init__(self, quiet: bool):
        self.quiet, self.done, self.total = quiet, 0, 0

    def start(self, total: int) -> None:
        self.total = total
        if not self.quiet and total:
            print(f"seeding {total} document{'s' * (total != 1)}", file=sys.stderr)

    def advance(self, path: Path) -> None:
        self.done += 1
        if not self.quiet:
            print(f"[{self.done}/{self.total}] {shown(path)}", file=sys.stderr)

    def skipped(self, item: Skipped) -> None:
        if not self.quiet:  # quiet: listed once, in the summary
            print(f"skipped {shown(item.path)}: {item.reason}", file=sys.stderr)

    def waiting(self, holder: str) -> None:
        print(waiting_message(holder), file=sys.stderr, flush=True)


class BarProgress(Progress):
    """A rich progress bar, for a terminal."""

    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

        self.console = Console(stderr=True)
        self.bar = Bar(TextColumn("seeding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                       TextColumn("{task.fields[name]}", markup=False), console=self.console, transient=True)
        self.task = None

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("seed", total=total, name="")

    def advance(self, path: Path) -> None:
        self.bar.update(self.task, advance=1, name=path.name)

    def skipped(self, item: Skipped) -> None:
        from rich.text import Text

        self.console.print(Text(f"skipped {shown(item.path)}: {item.reason}", style="yellow"))

    def waiting(self, holder: str) -> None:
        self.console.print(waiting_message(holder), markup=False, highlight=False)

    def stop(self) -> None:
        self.bar.stop()


def waiting_message(holder: str) -> str:
    who = f" (process {holder})" if holder.isdigit() else ""
    return (f"claimscope seed: another seed run{who} is writing this database; "
            "waiting for it to finish (ctrl+c stops)")


def summary(report, timings: bool = False, list_skipped: bool = True) -> str:
    """The run in a few lines: counts (and the file, if there is one), stage
    times, what the database holds if the run wrote to it, the files of other
    types, and each skipped file when it was not listed as it happened."""
    c = report.counts
    counts = (f"{len(report.seeded)} seeded, {len(report.unchanged)} unchanged, "
              f"{len(report.moved)} moved, {len(report.skipped)} skipped in {report.seconds:.1f}s")
    if Path(report.db_path).exists():
        lines = [f"{shown(report.db_path)}: {counts}"]
    else:  # nothing could be seeded into a new database: none was made
        lines = [f"{counts}; no database written"]
    if timings and report.stages:
        lines.append("stages: " + ", ".join(f"{name} {seconds:.2f}s" for name, seconds in report.stages.items()))
    if c and (report.seeded or report.moved):
        lines.append("database: " + ", ".join(f"{v} {k}" for k, v in c.items()))
    if report.not_read:
        lines.append(not_read_line(report.not_read))
    if report.no_outlet or report.no_date:
        lines += missing_metadata_lines(report)
    if list_skipped:
        lines += [f"  skipped {shown(s.path)}: {s.reason}" for s in report.skipped]
    return "\n".join(lines)


def missing_metadata_lines(report) -> list[str]:
    """How many seeded documents name no outlet or no date, and how to add them."""
    n = len(report.seeded)
    lacking = [f"{len(report.no_outlet)} no outlet" if report.no_outlet else "",
               f"{len(report.no_date)} no date" if report.no_date else ""]
    example = (report.no_outlet or report.no_date)[0]
    return [f"metadata: of {n} document{'s' * (n != 1)} seeded, {' and '.join(x for x in lacking if x)} "
            "(neither the article nor a manifest says it);",
            f"  add them in a sources.toml (or sources.json, sources.csv) in the folder, e.g. in "
            f"{shown(example.parent / 'sources.toml')}:",
            f'    ["{example.name}"]', '    outlet = "..."', '    published = "YYYY-MM-DD"']


NAMED = 20  # files of other types named in the summary; the rest are counted


def not_read_line(paths: list[Path]) -> str:
    n = len(paths)
    names = ", ".join(shown(p) for p in paths[:NAMED])
    more = f", and {n - NAMED} more" if n > NAMED else ""
    return f"{n} file{'s' * (n != 1)} of other types not read: {names}{more}"


def cluster_problem(args) -> str | None:
    """Why ``--cluster`` cannot be used as given (None when it can, or is not given)."""
    if args.cluster is None:
        return None
    from .cluster import INSTALL, available, local_workers

    if args.workers != 1:
        return "--workers and --cluster do not combine (a cluster's workers are its processes)"
    try:
        local_workers(args.cluster)
    except ValueError as e:
        return str(e)
    if not available():
        return f"--cluster needs Dask, an optional extra: {INSTALL}"
    return None


def main(argv: list[str] | None = None) -> int:
    """Exit status: 0 all seeded (or unchanged), 3 seeded but some files were
    skipped, 1 nothing could be seeded or the database could not be written,
    2 bad arguments, paths or database file, 130 interrupted."""
    args = build_parser().parse_args(argv)
    paths = args.paths or [DEFAULT_CORPUS]
    db_path = args.db or default_db_path()
    if args.workers < 1:
        print("claimscope seed: --workers must be at least 1", file=sys.stderr)
        return 2
    problem = cluster_problem(args)
    if problem:
        print(f"claimscope seed: {problem}", file=sys.stderr)
        return 2
    for stop in (signal.SIGTERM, signal.SIGHUP):
        # Stopped like ctrl+c: a fresh build removes its partial file on the way out.
        signal.signal(stop, signal.default_int_handler)
    progress = BarProgress() if sys.stderr.isatty() and not args.quiet else LineProgress(args.quiet)
    try:
        report = seed(paths, db_path, rebuild=args.rebuild, workers=args.workers, progress=progress,
                      cluster=args.cluster)
    except (InputError, DatabaseError) as e:
        print(f"claimscope seed: {e}", file=sys.stderr)
        return 2
    except ClusterError as e:
        print(f"claimscope seed: {e}" + ("; stopped (the database keeps every document committed before)"
                                         if e.started else ""), file=sys.stderr)
        return 1 if e.started else 2
    except WriteError as e:
        print(f"claimscope seed: {e}; stopped (the database keeps every document committed before)",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("claimscope seed: interrupted; the database holds every document committed before", file=sys.stderr)
        return 130
    finally:
        if isinstance(progress, BarProgress):
            progress.stop()
    print(summary(report, args.timings, list_skipped=args.quiet))
    if not (report.seeded or report.unchanged or report.moved):
        print("claimscope seed: nothing could be seeded", file=sys.stderr)
        return 1
    return 3 if report.skipped else 0
