"""Finding article files, decoding them, and reading their manifest.

Every problem with one file becomes a ``Skipped`` naming the file and the
reason, so the rest of the corpus still seeds; a file of a type Claimscope
does not read becomes a ``NotRead``, which the run's summary counts and names.
Text formats are decoded here; PDF and Word files go through a reader of their
own (``pdf``, ``word``: bytes in, paragraphs out).
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from db.connection import shown

from . import pdf, word
from .manifest import MANIFEST, MANIFESTS, read_manifest

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".pdf": "pdf", ".docx": "docx"}
# Formats stored as bytes, each read by a module of its own into text with one
# paragraph per line; the cleaner then treats that text as a .txt file's.
READERS = {"pdf": pdf.read, "docx": word.read}
# Bigger files are refused rather than parsed: no news article comes near this,
# and past it a text that is one long paragraph costs more than its size
# (extraction and linking grow faster than the text: benchmarks/large_file.py
# measures 1 MB at 3.9x the time of 250 KB, a 4.9 MB one over 25 minutes).
MAX_BYTES = 1024 * 1024
# A PDF or Word file carries its fonts and pictures: the limit is on the file,
# and the text read from it is held to MAX_BYTES characters.
MAX_BINARY_BYTES = 50 * 1024 * 1024
CONTROL_BYTES = set(range(0, 32)) - {9, 10, 12, 13, 27}  # ESC: terminal captures are text
_CONTROL_TABLE = bytes(sorted(CONTROL_BYTES))


@dataclass
class Source:
    path: Path
    format: str  # txt | md | html
    text: str  # decoded, newlines normalised
    sha256: str
    meta: dict = field(default_factory=dict)  # from the folder's manifest, checked


@dataclass
class Skipped:
    path: Path
    reason: str


class NotRead(Skipped):
    """A file in a folder that is of a type Claimscope does not read (a
    spreadsheet, a picture): no problem, but counted and named in the summary."""

    def __init__(self, path: Path):
        super().__init__(path, "a file of another type, not read")


class InputError(Exception):
    """The paths given cannot be seeded at all (missing, or holding no article)."""


def discover(paths: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """Article files under ``paths`` (folders recursively), sorted, deduplicated,
    and what could not be looked at, each with its reason (files of other types
    in a folder as ``NotRead``)."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for p in paths:
        if not p.exists():
            raise InputError(f"{shown(p)}: no such file or folder")
        if p.is_dir():
            found, problems = _walk(p)
            skipped.extend(problems)
            if not found and all(isinstance(x, NotRead) for x in problems):
                others = f" ({_count(len(problems))} of other types)" if problems else ""
                raise InputError(f"{shown(p)}: holds no .txt, .md, .html, .pdf or .docx files{others}")
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


def _walk(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The article files below ``folder``; hidden entries are left out, and a
    sub-folder that cannot be listed, a name that is not UTF-8 or a link out of
    the folder is reported rather than passed over in silence."""
    found: list[Path] = []
    problems: list[Skipped] = []
    root = folder.resolve()

    def unreadable(error: OSError) -> None:
        problems.append(Skipped(Path(error.filename or folder),
                                f"folder cannot be read ({error.strerror}); the files in it are not seeded"))

    for top, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in dirs:
            if (Path(top) / d).is_symlink():  # os.walk does not follow it
                problems.append(Skipped(Path(top) / d, "a link to a folder: not followed (name the folder "
                                                       "itself to seed it)"))
        for name in sorted(names):
            path = Path(top) / name
            if name.startswith(".") or name in MANIFESTS:
                continue
            if path.suffix.lower() not in SUFFIXES:
                problems.append(NotRead(path))
            elif not _utf8(name):
                problems.append(Skipped(path, "the file name is not valid UTF-8; rename it to seed it"))
            elif path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(Skipped(path, f"a link to {shown(path.resolve())}, outside the folder: not "
                                              "followed (name that file itself to seed it)"))
            else:
                found.append(path)
    return sorted(found), problems


def _count(n: int) -> str:
    return f"{n} file{'s' * (n != 1)}"


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")  # undecodable bytes come back as lone surrogates
    except UnicodeEncodeError:
        return False
    return True


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
    control = len(sample) - len(sample.translate(None, _CONTROL_TABLE))  # one pass, not one per byte value
    if control > max(2, len(sample) // 20):
        raise ValueError("binary file (control bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"not valid UTF-8 (byte {e.start}: {data[e.start:e.start + 1]!r}) and no UTF-16 byte-order mark") from e


def read_source(path: Path, manifest: dict[str, dict]) -> Source:
    """Raises ValueError naming the problem."""
    fmt = SUFFIXES[path.suffix.lower()]
    reader = READERS.get(fmt)
    data = _read_bounded(path, MAX_BINARY_BYTES if reader else MAX_BYTES)
    text = (reader(data) if reader else decode(data)).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError("empty")
    if reader and len(text) > MAX_BYTES:
        raise ValueError(f"too much text ({len(text) / 1e6:.1f} million characters; the limit is "
                         f"{MAX_BYTES / 1e6:.0f} million)")
    return Source(
        path=path,
        format=fmt,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        meta=manifest.get(path.name, {}),
    )


def _read_bounded(path: Path, most: int = MAX_BYTES) -> bytes:
    """The file's bytes, if it is a regular file of at most ``most`` bytes.  Opened
    without blocking and checked on the open descriptor: a FIFO would wait for
    a writer forever, and a device or a growing file can outrun its ``st_size``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise ValueError(f"unreadable ({e.strerror or e})") from e
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file (a pipe, device or socket); nothing to read")
        limit = f"the limit is {most / 1e6:.0f} MB"
        if info.st_size > most:
            raise ValueError(f"too large ({info.st_size / 1e6:.1f} MB; {limit}: split it into its articles)")
        try:
            data = fh.read(most + 1)
        except OSError as e:
            raise ValueError(f"unreadable ({e.strerror or e})") from e
    if len(data) > most:  # it grew while being read
        raise ValueError(f"too large (more than {most / 1e6:.0f} MB read; {limit})")
    return data


def _manifest_path(folder: Path) -> Path:
    return next((folder / n for n in MANIFESTS if (folder / n).is_file()), folder / MANIFEST)


def load(paths: list[Path]):
    """Yield a ``Source`` or a ``Skipped`` per file, in a stable order; a
    manifest's problems come as a ``Skipped`` naming the manifest."""
    files, skipped = discover(paths)
    yield from skipped
    manifests: dict[Path, dict] = {}
    for f in files:
        folder = f.parent
        if folder not in manifests:
            manifest, ignored = read_manifest(folder)
            manifests[folder] = manifest.entries
            for problem in ([ignored] if ignored else manifest.problems):
                yield Skipped(_manifest_path(folder), problem)
        try:
            yield read_source(f, manifests[folder])
        except ValueError as e:
            yield Skipped(f, str(e))
