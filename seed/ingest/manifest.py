"""A folder's manifest (``sources.toml``, ``sources.json`` or ``sources.csv``, the
same fields in each): what it says of each file, field by field.  A value of the
wrong type or shape is reported and left out; the rest of the manifest, and
every article, still counts.  Nothing raw reaches the database: control
characters go, dates must be real dates."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import DamerauLevenshtein

MANIFEST = "sources.toml"
MANIFESTS = (MANIFEST, "sources.json", "sources.csv")  # the first a folder has is read
FILE_COLUMNS = ("file", "filename", "path", "name")  # what a CSV or JSON list calls the article's file
TEXT_FIELDS = ("title", "outlet", "url")
FIELDS = (*TEXT_FIELDS, "authors", "published")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
LONGEST = 2000  # characters: a title or a name, not an article pasted into the manifest


@dataclass
class Manifest:
    entries: dict[str, dict] = field(default_factory=dict)  # file name -> checked fields
    problems: list[str] = field(default_factory=list)  # each names the entry and the field


def read_manifest(folder: Path) -> tuple[Manifest, str | None]:
    """The manifest of ``folder`` (empty if it has none), and why it was ignored
    as a whole, if it was (unreadable, not TOML, JSON or CSV)."""
    path = next((folder / name for name in MANIFESTS if (folder / name).is_file()), None)
    if path is None:
        return Manifest(), None
    try:
        data = _entries(path.suffix, path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, csv.Error) as e:
        return Manifest(), f"manifest ignored: {e}"
    manifest = Manifest()
    for name, entry in data.items():
        if not isinstance(entry, dict):
            manifest.problems.append(f"[{name!r}] is not a table of fields (title, outlet, ...); ignored")
            continue
        manifest.entries[name] = checked(name, entry, manifest.problems)
    others = [n for n in MANIFESTS if n != path.name and (folder / n).is_file()]
    if others:
        manifest.problems.append(f"{', '.join(others)} ignored: {path.name} is read (one manifest a folder)")
    return manifest, None


def _entries(suffix: str, text: str) -> dict:
    """File name -> fields, from a manifest's text: TOML tables; a JSON object of
    objects or a list of objects with a "file"; CSV rows with a "file" column
    (authors separated by ";")."""
    if suffix == ".toml":
        return tomllib.loads(text)
    if suffix == ".json":
        data = json.loads(text)
        if isinstance(data, dict):
            return data
        if not isinstance(data, list):
            raise ValueError("sources.json must hold an object or a list of objects")
        return _by_file([row for row in data if isinstance(row, dict)])
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if v and v.strip()}
        if "authors" in row:
            row["authors"] = [a.strip() for a in row["authors"].split(";") if a.strip()]
        rows.append(row)
    return _by_file(rows)


def _by_file(rows: list[dict]) -> dict:
    out = {}
    for row in rows:
        key = next((k for k in FILE_COLUMNS if isinstance(row.get(k), str)), None)
        if key is None:
            raise ValueError(f"a row without a file name (one of the columns {', '.join(FILE_COLUMNS)})")
        out[row[key]] = {k: v for k, v in row.items() if k != key}
    return out


def checked(name: str, entry: dict, problems: list[str]) -> dict:
    """The fields of one entry that hold what they should, cleaned."""
    out: dict = {}
    for key, value in entry.items():
        where = f"[{name!r}] {key}"
        if key in TEXT_FIELDS:
            text = _text(value)
            if text is None:
                problems.append(f"{where}: must be a line of text, not {_shown(value)}; ignored")
            elif text:
                out[key] = text
        elif key == "authors":
            authors = _authors(value)
            if authors is None:
                problems.append(f"{where}: must be a list of names, not {_shown(value)}; ignored")
            elif authors:
                out[key] = authors
        elif key == "published":
            published = _date(value)
            if published is None:
                problems.append(f"{where}: must be a date, YYYY-MM-DD or YYYY-MM, not {_shown(value)}; ignored")
            else:
                out[key] = published
        elif meant := _misspelt(key):
            problems.append(f"{where}: not a field Claimscope reads; did you mean {meant}? ignored")
        # Any other field is provenance kept for other readers (a licence, how a
        # date was found): not a problem with the file, so not reported.
    return out


def _misspelt(key: str) -> str | None:
    """The field ``key`` is one slip away from (a letter missed, added, changed or
    swapped, or another case), if any: a longer word that contains a field
    ("republished") is a field of its own."""
    for name in FIELDS:
        if DamerauLevenshtein.distance(key.lower(), name) <= 1:
            return name
    return None


def _text(value) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(CONTROL.sub(" ", value).split())
    return text if len(text) <= LONGEST else None


def _authors(value) -> list[str] | None:
    """A list of names; one name alone is taken as a list of one (never one
    author per character)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    names = [_text(v) for v in value]
    return None if None in names else [n for n in names if n]


def _date(value) -> str | None:
    """ISO 8601, as the schema says: a real calendar date or month."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    value = value.strip()
    if m := MONTH.match(value):
        return value if 1 <= int(m.group(2)) <= 12 else None
    try:
        return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else None
    except ValueError:
        return None


def _shown(value) -> str:
    text = repr(value)
    return CONTROL.sub("?", text if len(text) <= 40 else text[:37] + "...")
