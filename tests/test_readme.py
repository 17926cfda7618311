"""The README's set-up commands are the ones CI runs, and the CLI it documents exists."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```sh\n(python3 -m venv .+?)\n```", README)


def test_readme_gives_two_setup_commands_and_ci_runs_both_as_written():
    install, tests = _commands()
    assert install.endswith(".venv/bin/claimscope")
    assert tests.endswith(".venv/bin/pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # CI finds the lines in the README itself; what it finds must be them, whole.
    picked = subprocess.run(
        ["bash", "-c", "set -e; " + "; ".join(
            line for line in ci.splitlines() if line.startswith(("install_line=", "test_line=")))
         + '; printf "%s\\n%s\\n" "$install_line" "$test_line"'],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    assert picked == [install, tests]
    # The pip that `python3 -m venv` ships is the one a user has: never upgraded.
    assert "--upgrade" not in ci and "-U " not in ci


def test_locate_prints_the_database_path(tmp_path):
    db = tmp_path / "x.db"
    out = subprocess.run([sys.executable, "-c", "from explorer.cli import main; raise SystemExit(main())",
                          "locate", "--db", str(db)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(db)


def test_locate_follows_the_environment(tmp_path, monkeypatch):
    from db.connection import default_db_path

    monkeypatch.setenv("CLAIMSCOPE_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    monkeypatch.delenv("CLAIMSCOPE_DB")
    assert default_db_path().name == "claimscope.db"


def test_the_installed_command_seeds_an_html_file(tmp_path):
    """The HTML stack installs with the README's line: trafilatura's cleaner comes
    with it even from the old pip that `python3 -m venv` ships."""
    from conftest import SMALL_HTML, query
    from processes import tool

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "council.html").write_text(SMALL_HTML, encoding="utf-8")
    db = tmp_path / "html.db"
    done = subprocess.run([tool("claimscope"), "seed", str(folder), "--db", str(db), "--quiet"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    (text,) = query(db, "select text from documents")[0]
    assert "approved a budget of $4 million" in text and "tracking" not in text


def _examples() -> list[str]:
    """Each command of the README's ``sh`` blocks (continued lines joined),
    the set-up lines and comments aside."""
    out = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        command = ""
        for line in block.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            command += ("\n" if command else "") + line
            if command.count('"') % 2 == 0 and command.count("'") % 2 == 0:
                out.append(command)
                command = ""
    return [c for c in out if not c.startswith("python3 -m venv")]


OURS = ("claimscope", "sqlite-utils", "datasette")


def test_every_readme_example_names_an_installed_command_and_a_real_subcommand():
    from explorer.arguments import build_parser
    from processes import BIN

    commands = {name for c in _examples() for name in re.findall(r"(?:^|\$\()([\w-]+)", c)}
    assert {"claimscope", "sqlite3", "sqlite-utils", "datasette"} <= commands
    for name in commands & set(OURS):
        assert (BIN / name).exists(), f"{name}: not in {BIN} after the install"
    sub = next(a for a in build_parser()._actions if a.dest == "command").choices
    for c in _examples():
        for words in re.findall(r"(?:^|\$\()claimscope ([\w-]+)", c):
            assert words in sub, c


def test_the_readme_examples_run_as_written(default_db, tmp_path):
    """Every example but seeding and serving, in a shell with the environment
    activated, on a copy of the default database."""
    import os
    import shutil

    from processes import BIN

    db = tmp_path / "claimscope.db"
    shutil.copy(default_db, db)
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "CLAIMSCOPE_DB": str(db)}
    ran = 0
    for c in _examples():
        if c.startswith(("claimscope seed", "datasette ")) or c == "claimscope":
            continue
        done = subprocess.run(["bash", "-c", c], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{c}\n{done.stderr}"
        ran += 1
    assert ran >= 12
    assert (tmp_path / "metadata.json").exists() and (tmp_path / "figures.md").read_text().startswith("# Figures")
