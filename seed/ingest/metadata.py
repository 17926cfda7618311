"""Metadata: what the manifest says, and what the text itself says where it lacks.

A ``sources.toml`` entry wins; a value read from the text (headline, byline,
dateline, "Published:" and "Contact the author" lines, republishing notes, the
HTML extractor's metadata) only fills a gap and is listed in ``inferred``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .clean import Cleaned

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I),  # October 19, 2024
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b", re.I),  # 9 February 2025
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),  # 2025-02-03
]
PUBLISHED_CUE = re.compile(r"\b(?:first\s+)?published(?:\s+on)?\s*:?\s*", re.I)
BYLINE = re.compile(r"^\s*by\s+(.+?)\s*(?:\||$)", re.I)
INLINE_BYLINE = re.compile(r"\bby\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})", re.U)
CONTACT = re.compile(r"contact the (?:author|writer|reporter)s?\s*:?\s*\S+@([\w.-]+\.\w+)", re.I)
REPUBLISHED = re.compile(r"\b(?:republished from|(?:originally|first) published (?:by|on|at)) ((?:The )?[A-Z][\w&'’.-]*(?:[ ][A-Z][\w&'’.-]*){0,4})")
NAME_PART = r"[A-Z][a-z'’.-]+|[A-Z]\.|[A-Z][A-Z'’-]+"
PERSON_NAME = re.compile(rf"^(?:{NAME_PART})(?:\s+(?:{NAME_PART})){{0,3}}$")


@dataclass
class Meta:
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    inferred: list[str] = field(default_factory=list)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO 8601, or None."""
    found = []
    for pattern in DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groups()
        try:
            if pattern is DATE_PATTERNS[2]:
                d = date(int(g[0]), int(g[1]), int(g[2]))
            elif pattern is DATE_PATTERNS[0]:
                d = date(int(g[2]), MONTHS[g[0].lower()[:3]], int(g[1]))
            else:
                d = date(int(g[2]), MONTHS[g[1].lower()[:3]], int(g[0]))
        except (ValueError, KeyError):
            continue
        found.append((m.start(), d.isoformat()))
    return min(found)[1] if found else None


def _normalise_person(name: str) -> str:
    """"OKAFOR Grace" (surname first, in capitals) -> "Grace Okafor"."""
    parts = name.split()
    if len(parts) >= 2 and parts[0].isupper() and len(parts[0]) > 1 and not parts[1].isupper():
        parts = parts[1:] + [parts[0].title()]
    return " ".join(parts)


def _byline_names(line: str) -> list[str]:
    m = BYLINE.match(line)
    candidates = re.sub(r"^\s*by\s+", "", line, flags=re.I).split("|")
    names = []
    for c in candidates:
        c = re.sub(r"\(.*?\)", "", c).strip(" ,|")
        for part in re.split(r",\s*|\s+and\s+", c):
            part = part.strip()
            if part and PERSON_NAME.match(part) and len(part.split()) <= 4:
                names.append(_normalise_person(part))
    # Without "By" or separators, only a line that is nothing but a full name counts.
    bare = len(names) == 1 and 2 <= len(line.split()) <= 4 and names[0] == _normalise_person(line.strip())
    return names if (m or len(candidates) > 1 or bare) else []


def infer(cleaned: Cleaned, manifest: dict) -> Meta:
    text = cleaned.text
    blocks = [(b.kind, text[b.start:b.end]) for b in cleaned.blocks]
    # Bylines and datelines sit in the first few blocks; a headline comes before
    # the first real paragraph.
    header = blocks[:8]
    html = cleaned.html_meta

    title = None
    for kind, line in header:
        words = len(line.split())
        if kind == "paragraph" and words >= 12:
            break
        if 4 <= words <= 25 and not line.rstrip().endswith(".") and not BYLINE.match(line) \
                and not parse_date(line) and "|" not in line:
            title = line
            break
    title = title or html.get("title")

    authors: list[str] = []
    for i, (_, line) in enumerate(header):
        authors = _byline_names(line)
        near_date = any(parse_date(t) for _, t in header[max(0, i - 1):i + 2])
        if authors and (BYLINE.match(line) or "|" in line or near_date):
            break
        authors = []
        m = INLINE_BYLINE.search(line)
        if m and parse_date(line):
            authors = [_normalise_person(m.group(1))]
            break
    if not authors and html.get("author"):
        authors = [a.strip() for a in re.split(r";|,| and ", html["author"]) if a.strip()]

    published = None
    for m in PUBLISHED_CUE.finditer(text):
        published = parse_date(text[m.end():m.end() + 40])
        if published:
            break
    if not published:
        for _, line in header:
            published = parse_date(line)
            if published:
                break
    published = published or html.get("date")

    outlet = None
    m = REPUBLISHED.search(text)
    if m:
        outlet = m.group(1).rstrip(".")
    m = CONTACT.search(text)
    if not outlet and m:
        outlet = m.group(1).lower().removeprefix("www.")
    outlet = outlet or html.get("sitename")

    url = html.get("url")

    found = {"title": title, "outlet": outlet, "authors": authors, "published": published, "url": url}
    result = Meta()
    for key, value in found.items():
        given = manifest.get(key)
        if given:
            setattr(result, key, list(given) if key == "authors" else str(given))
        elif value:
            setattr(result, key, value)
            result.inferred.append(key)
    if manifest.get("published_inferred") and "published" not in result.inferred and result.published:
        result.inferred.append("published")
    return result
