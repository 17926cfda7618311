"""The command line explains itself: a version, help with an example for every
subcommand and option, and a clear word when there is no database or no terminal."""
from __future__ import annotations

import argparse
import subprocess
from importlib.metadata import version

import pytest

from explorer.arguments import build_parser
from processes import tool
from seed.cli import build_parser as seed_parser


def _run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([tool("claimscope"), *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, **kw)


@pytest.mark.parametrize("args", [["--version"], ["seed", "--version"]])
def test_version(args):
    done = _run(*args)
    assert done.returncode == 0 and done.stdout == f"claimscope {version('claimscope')}\n"


def _parsers():
    top = build_parser()
    subs = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    yield "claimscope", top
    for name, parser in subs.choices.items():
        yield f"claimscope {name}", seed_parser() if name == "seed" else parser


@pytest.mark.parametrize("name, parser", list(_parsers()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_subcommand_and_option_has_help_and_an_example(name, parser):
    assert parser.description, name
    assert "examples:\n" in (parser.epilog or "") and f"\n  {name}" in parser.epilog, name
    for action in parser._actions:
        assert action.help, f"{name} {action.option_strings or action.dest}"
    # Each example names a subcommand that exists.
    commands = {n.split()[1] for n, _ in _parsers() if " " in n}
    for line in parser.epilog.splitlines():
        words = line.strip().split("  ")[0].split()  # the command, before the words saying what it does
        if line.startswith("  claimscope ") and len(words) > 1 and not words[1].startswith("-"):
            assert words[1] in commands, line


def test_each_help_prints_its_examples():
    for name, _ in _parsers():
        done = _run(*name.split()[1:], "--help")
        assert done.returncode == 0 and "examples:" in done.stdout, name


def test_explore_on_a_missing_file_suggests_the_seed_command_for_it(tmp_path):
    missing = tmp_path / "my story.db"
    done = _run("explore", "--db", str(missing))
    assert done.returncode == 2
    assert done.stderr == (f"claimscope: no database at {missing} yet; make it with: "
                           f"claimscope seed PATH --db '{missing}'\n")
    assert not missing.exists()


def test_without_a_terminal_the_explorer_says_it_needs_one_and_writes_no_escape_codes(explorer_db):
    done = _run("explore", "--db", str(explorer_db))
    assert done.returncode == 2
    assert "the explorer needs a terminal" in done.stderr and str(explorer_db) in done.stderr
    assert "\x1b" not in done.stdout + done.stderr and done.stdout == ""


def test_a_db_given_before_the_subcommand_counts(tmp_path):
    done = _run("--db", str(tmp_path / "first.db"), "locate")
    assert done.stdout.strip() == str(tmp_path / "first.db")
