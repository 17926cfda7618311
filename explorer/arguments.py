"""The ``claimscope`` command line: every subcommand and option, each with its
help and an example (``claimscope seed`` has its own, in ``seed/cli.py``)."""
from __future__ import annotations

import argparse
import textwrap
from importlib.metadata import PackageNotFoundError, version as installed
from pathlib import Path

from db.export import KINDS

from .export import FORMATS

DB_HELP = "database file (default: $CLAIMSCOPE_DB, else claimscope.db in the user data directory)"
RAW = argparse.RawDescriptionHelpFormatter


def _wrapped(text: str) -> str:
    return textwrap.fill(text, 79)

MAIN = """\
examples:
  claimscope                               open the explorer (seeding the bundled corpus first if needed)
  claimscope seed ~/articles --db story.db seed a folder into story.db (claimscope seed --help)
  claimscope explore --db story.db         open the explorer on story.db
  claimscope export claims by:olsen        Maria Olsen's claims as CSV
  claimscope datasette-metadata --out m.json   titles, descriptions and canned queries for Datasette
  claimscope locate                        print where the default database is

Each subcommand has its own --help.
"""
EXPLORE = """\
examples:
  claimscope explore                       the default database
  claimscope explore --db story.db         another one

Keyboard only; ? on any screen lists its keys.  Needs a terminal.
"""
LOCATE = """\
examples:
  claimscope locate
  sqlite3 "$(claimscope locate)" "select title from documents"
"""
EXPORT = """\
QUERY is the explorer's search syntax: words (each must be there, as a word or
the start of one), "exact phrase", by:NAME (claimant or speaker), in:OUTLET,
verdict:unverified|corroborated|disputed|false, kind: (must agree with KIND);
they combine with AND.  Nothing is fuzzy or ranked: rows come in document order,
groups conflicts first, and a group comes whole when one of its members matches.

examples:
  claimscope export claims by:olsen                          CSV on standard output
  claimscope export quotes '"no cause for alarm"' --format json --out quotes.json
  claimscope export figure-groups troops --format md --out figures.md
  claimscope export claims verdict:disputed in:ledger --format jsonl
  claimscope export documents --db story.db --out documents.csv
"""
METADATA = """\
Titles and describes every table, view and column, and adds canned queries
(conflicting figures, claims several sources make, quote reuse, everything an
actor claimed, your verdicts).  The database name in it is the file's name
without its suffix, as Datasette names it.

examples:
  claimscope datasette-metadata --out metadata.json
  datasette "$(claimscope locate)" --metadata metadata.json
"""


def version() -> str:
    try:
        return installed("claimscope")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimscope", formatter_class=RAW, epilog=MAIN,
        description=_wrapped("Who claims what across news sources: seed a database from articles, explore "
                             "it in the terminal, export what you find, or serve it with Datasette."))
    parser.add_argument("--version", action="version", version=f"claimscope {version()}")
    parser.add_argument("--db", type=Path, metavar="FILE", help=DB_HELP + ", e.g. --db story.db")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND",
                                help="what to do (none: open the explorer, seeding the bundled corpus first "
                                     "if there is no database yet)")
    sub.add_parser("seed", help="seed a database from article files and folders (see claimscope seed --help)",
                   add_help=False)
    explore = sub.add_parser("explore", help="open the explorer on a database", epilog=EXPLORE,
                             formatter_class=RAW, description="Open the explorer on a database.")
    # SUPPRESS: a --db given before the subcommand is not reset by the subcommand's default.
    explore.add_argument("--db", type=Path, metavar="FILE", help=DB_HELP, default=argparse.SUPPRESS)
    locate = sub.add_parser("locate", help="print the path of the database", epilog=LOCATE, formatter_class=RAW,
                            description="Print the path of the database the other commands use.")
    locate.add_argument("--db", type=Path, metavar="FILE", help=DB_HELP, default=argparse.SUPPRESS)
    _export(sub)
    meta = sub.add_parser("datasette-metadata", help="print metadata for Datasette: titles, descriptions, "
                          "canned queries", epilog=METADATA, formatter_class=RAW,
                          description="Print a metadata JSON for Datasette 0.65 (datasette --metadata FILE).")
    meta.add_argument("--db", type=Path, metavar="FILE", help=DB_HELP + " (only its name is used)",
                      default=argparse.SUPPRESS)
    meta.add_argument("--out", type=Path, metavar="FILE", help="write it to FILE, e.g. --out metadata.json "
                      "(default: standard output)")
    return parser


def _export(sub) -> None:
    export = sub.add_parser("export", help="write claims, quotes, figures, groups, actors or documents to a file",
                            epilog=EXPORT, formatter_class=RAW,
                            description=_wrapped("Write the rows of one kind that a query chooses, each with "
                                                 "its document, outlet, date, claimant or speaker, your verdict "
                                                 "and note, and its exact passage and offsets."))
    export.add_argument("kind", choices=KINDS, metavar="KIND", help=f"one of {', '.join(KINDS)}")
    export.add_argument("query", nargs="*", metavar="QUERY",
                        help="search syntax choosing the rows (default: every row), e.g. by:olsen troops")
    export.add_argument("--format", choices=FORMATS, default="csv",
                        help="csv (default), json (one array), jsonl (one object a line) or md (a report to "
                             "paste), e.g. --format md")
    export.add_argument("--out", type=Path, metavar="FILE",
                        help="write to FILE, complete or not at all (default: standard output), e.g. --out claims.csv")
    export.add_argument("--db", type=Path, metavar="FILE", help=DB_HELP, default=argparse.SUPPRESS)
