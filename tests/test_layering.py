"""seed -> db <- explorer: one way, no back edges, no Textual below the explorer."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(package: str) -> set[tuple[str, str]]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {(str(path.relative_to(ROOT)), a.name.split(".")[0]) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add((str(path.relative_to(ROOT)), node.module.split(".")[0]))
    return found


@pytest.mark.parametrize("package, forbidden", [
    ("db", {"seed", "explorer", "textual"}),
    ("seed", {"explorer", "textual"}),
    ("explorer", {"seed"}),
])
def test_package_does_not_import(package, forbidden):
    assert sorted((f, m) for f, m in _imports(package) if m in forbidden) == []


def test_sql_lives_only_in_db():
    offenders = []
    for package in ("seed", "explorer"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if any(k in text for k in ("SELECT ", "INSERT INTO", "DELETE FROM", "CREATE TABLE", ".execute(")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
