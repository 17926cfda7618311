"""seed -> db <- explorer: one way, no back edges, no cycles, stages in order;
and no function, class or module too long to read as one thing.

Every check reads the source with ``ast``: the imports of every module of
seed/, db/ and explorer/, at module level and inside functions alike (a lazy
import is still a dependency; it only runs later).  ``from pkg import name``
is an import of the submodule ``pkg.name`` when there is one, else of
``pkg``.  Importing ``a.b.c`` does run ``a/__init__`` and ``a/b/__init__``
first, but those edges are left out: Python finishes a package's
``__init__`` before its submodules run, so a package exporting its own
modules' names is no cycle.
"""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("seed", "db", "explorer")

# The seeding stages, lowest first: a module may import its own stage and the
# stages below it, never one above.  records.py is what the stages pass on;
# extract.py runs actors, attribution and figures for one document; link runs
# across documents once they are written; pipeline.py runs them all.
SEED_STAGES = ("records", "ingest", "report", "text", "actors", "attribution", "figures", "extract", "link",
               "parse", "analyse", "cluster", "documents", "pipeline", "cli", "__main__", "seed")
# The explorer's layers, lowest first: helpers, widgets, screens, the app.
# export writes exported rows (the export command and the screens' save key);
# arguments is the command line's parser; responsive sets how promptly frames are painted.
EXPLORER_LAYERS = (("safe", "labels", "theme", "config", "keys", "workers", "export", "responsive"), ("widgets",),
                   ("screens",), ("commands", "watching"), ("app",), ("arguments", "cli"), ("explorer",))

MAX_BLOCK_LINES = 80  # a function or class, from its def or class line to its last
MAX_MODULE_LINES = 400


@cache
def _modules() -> dict[str, Path]:
    """Module name -> file, for every module of the three packages."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_package(name: str) -> bool:
    return _modules()[name].name == "__init__.py"


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if _is_package(module) else module.split(".")[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


@cache
def _imports(module: str) -> tuple[tuple[str, int], ...]:
    """(imported module, line) for every import in ``module``; names outside
    the project are kept as written, to check what a package may import."""
    tree = ast.parse(_modules()[module].read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((sub if sub in _modules() else target, node.lineno))
    return tuple(found)


def _project_edges() -> dict[str, set[str]]:
    modules = _modules()
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for m in modules:
        for target, _ in _imports(m):
            while target and target not in modules:  # "import a.b" of a name inside a.b
                target = target.rpartition(".")[0]
            if target and target != m:
                edges[m].add(target)
    return edges


@pytest.mark.parametrize("package, forbidden", [
    ("db", {"seed", "explorer", "textual"}),
    ("seed", {"explorer", "textual"}),
    ("explorer", {"seed"}),
])
def test_package_does_not_import(package, forbidden):
    offenders = sorted((m, target, line) for m in _modules() if m.split(".")[0] == package
                       for target, line in _imports(m) if target.split(".")[0] in forbidden)
    assert offenders == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    assert _cycles(_project_edges()) == []


def test_the_cycle_check_sees_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _rank(module: str, package: str, layers) -> int:
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else parts[0]
    for rank, layer in enumerate(layers):
        if name in (layer if isinstance(layer, tuple) else (layer,)):
            return rank
    raise AssertionError(f"{module}: not in the layer order of {package} (tests/test_layering.py)")


@pytest.mark.parametrize("package, layers", [("seed", SEED_STAGES), ("explorer", EXPLORER_LAYERS)])
def test_no_module_imports_a_later_stage(package, layers):
    edges = _project_edges()
    upward = sorted((m, t) for m in edges if m.split(".")[0] == package for t in edges[m]
                    if t.split(".")[0] == package and _rank(t, package, layers) > _rank(m, package, layers))
    assert upward == []


def test_sql_lives_only_in_db():
    offenders = []
    for package in ("seed", "explorer"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if any(k in text for k in ("SELECT ", "INSERT INTO", "DELETE FROM", "CREATE TABLE", ".execute(")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_no_function_or_class_is_long_and_no_module():
    long = []
    for module, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(ROOT)}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_BLOCK_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {lines} lines")
    assert long == []
