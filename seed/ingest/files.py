"""Finding article files, decoding them, and reading their manifest.

Every problem with one file becomes a ``Skipped`` naming the file and the
reason, so the rest of the corpus still seeds.
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MANIFEST = "sources.toml"
# Bigger files are refused rather than parsed: spaCy's memory grows with the
# text, and no news article comes near this.
MAX_BYTES = 5 * 1024 * 1024
CONTROL_BYTES = set(range(0, 32)) - {9, 10, 12, 13, 27}  # ESC: terminal captures are text


@dataclass
class Source:
    path: Path
    format: str  # txt | md | html
    text: str  # decoded, newlines normalised
    sha256: str
    meta: dict = field(default_factory=dict)  # from sources.toml


@dataclass
class Skipped:
    path: Path
    reason: str


class InputError(Exception):
    """The paths given cannot be seeded at all (missing, or holding no article)."""


def discover(paths: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """Article files under ``paths`` (folders recursively), sorted, deduplicated."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                raise InputError(f"{p}: holds no .txt, .md or .html files")
            files.extend(found)
        elif p.suffix.lower() in SUFFIXES:
            files.append(p)
        else:
            skipped.append(Skipped(p, f"not an article file (expected {', '.join(sorted(SUFFIXES))})"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, skipped


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else UTF-16 with a BOM.

    Raises ValueError with the reason otherwise; guessing a legacy codepage would
    put wrong characters into quotes an analyst will cite."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ValueError(f"broken UTF-16 at byte {e.start}") from e
    # A stray NUL or escape in scraped text is noise the cleaner removes; a file
    # made mostly of control bytes is not text at all.
    sample = data[:8192]
    control = sum(sample.count(bytes([b])) for b in CONTROL_BYTES)
    if control > max(2, len(sample) // 20):
        raise ValueError("binary file (control bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"not valid UTF-8 (byte {e.start}: {data[e.start:e.start + 1]!r}) and no UTF-16 byte-order mark") from e


def read_source(path: Path, manifest: dict[str, dict]) -> Source:
    """Raises ValueError naming the problem."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValueError(f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as e:
        raise ValueError(f"unreadable ({e.strerror or e})") from e
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError("empty")
    return Source(
        path=path,
        format=SUFFIXES[path.suffix.lower()],
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        meta=manifest.get(path.name, {}),
    )


def read_manifest(folder: Path) -> tuple[dict[str, dict], Skipped | None]:
    """The ``sources.toml`` of a folder: file name -> metadata table."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        return {}, Skipped(path, f"manifest ignored: {e}")
    return {k: v for k, v in data.items() if isinstance(v, dict)}, None


def load(paths: list[Path]):
    """Yield a ``Source`` or a ``Skipped`` per file, in a stable order."""
    files, skipped = discover(paths)
    yield from skipped
    manifests: dict[Path, dict] = {}
    for f in files:
        folder = f.parent
        if folder not in manifests:
            manifests[folder], problem = read_manifest(folder)
            if problem:
                yield problem
        try:
            yield read_source(f, manifests[folder])
        except ValueError as e:
            yield Skipped(f, str(e))
