"""Metadata: what the manifest says, and what the article itself says where it lacks.

A manifest entry wins; a value read from the article only fills a gap and is
listed in ``inferred``.  What is read, and from where:

- title: the first line when it reads as a headline, else the HTML title;
- authors: a byline ("By ...", names beside a date or between bars), else the HTML author;
- published: a "Published"/"Updated" line, a date line, a byline or a dateline with
  its year, else the HTML metadata (its markup only): never a date in a body
  sentence, which tells when something happened, not when the article appeared;
- outlet: the agency in a dateline, a republishing note, a copyright line, a
  "contact the author" address, the HTML site name or publisher, a URL's host.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import header
from .clean import Cleaned
from .dates import date_line, parse_date, stamp_kind

BYLINE = re.compile(r"^\s*by\s+(.+?)\s*(?:\||$)", re.I)
INLINE_BYLINE = re.compile(r"\bby\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})", re.U)
NAME_PART = r"[A-Z][a-z'’.-]+|[A-Z]\.|[A-Z][A-Z'’-]+"
PERSON_NAME = re.compile(rf"^(?:{NAME_PART})(?:\s+(?:{NAME_PART})){{0,3}}$")
# A stamp inside a header line stands after a bracket or separator ("(Date first
# published: ...)", "| Updated ..."), never after a noun ("a report published on").
STAMP_INSIDE = re.compile(r"(?:^|[(|,;–—-]\s*)(?:date\s+)?(?:(?:first|originally|last)\s+)?"
                          r"(published|updated|posted)\b(?:\s+on)?\s*:?\s*", re.I)
HEADER_BLOCKS = 8  # bylines, datelines and date lines sit in the first few blocks
FOOTER_BLOCKS = 6  # copyright and republishing lines in the last few
SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
               "over", "the", "to", "vs", "with", "after", "amid", "says", "say"}


@dataclass
class Meta:
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    inferred: list[str] = field(default_factory=list)


def _normalise_person(name: str) -> str:
    """"OKAFOR Grace" (surname first, in capitals) -> "Grace Okafor"."""
    parts = name.split()
    if len(parts) >= 2 and parts[0].isupper() and len(parts[0]) > 1 and not parts[1].isupper():
        parts = parts[1:] + [parts[0].title()]
    elif len(parts) >= 2 and all(p.isupper() and len(p.rstrip(".")) > 1 for p in parts):
        parts = [p.capitalize() for p in parts]  # "BY LENA VOSS": a byline in capitals
    return " ".join(parts)


# The nouns a publication's name ends in: "By Ann Lee, Valley Daily" names its
# outlet beside its author, and a two-word outlet reads like a name.
OUTLET_NOUN = re.compile(r"\b(?:daily|times|news|herald|post|press|gazette|review|journal|wire|network|media|"
                         r"tribune|chronicle|courier|observer|telegraph|mail|express|standard|record|monitor|"
                         r"weekly|magazine|radio|tv|television|agency|service|online)$", re.I)


def byline_outlet(line: str) -> str | None:
    """The outlet a byline names after its authors ("By Ann Lee, Valley Daily")."""
    if not BYLINE.match(line):
        return None
    for part in re.split(r",\s*|\s*\|\s*|\s+for\s+", re.sub(r"^\s*by\s+", "", line, flags=re.I))[1:]:
        part = part.strip(" .")
        if OUTLET_NOUN.search(part) and part[:1].isupper():
            return part
    return None


def _byline_names(line: str) -> list[str]:
    m = BYLINE.match(line)
    candidates = re.sub(r"^\s*by\s+", "", line, flags=re.I).split("|")
    names = []
    for c in candidates:
        c = re.sub(r"\(.*?\)", "", c).strip(" ,|")
        for part in re.split(r",\s*|\s+and\s+", c):
            part = part.strip()
            if part and PERSON_NAME.match(part) and len(part.split()) <= 4 and not OUTLET_NOUN.search(part):
                names.append(_normalise_person(part))
    # Without "By" or separators, only a line that is nothing but a full name counts.
    bare = len(names) == 1 and 2 <= len(line.split()) <= 4 and names[0] == _normalise_person(line.strip())
    return names if (m or len(candidates) > 1 or bare) else []


def _headline(line: str, first: bool, next_line: str | None) -> bool:
    """Whether a header line reads as a headline: short, no byline, date or
    dateline; one that ends in a full stop only if it is in title case or is
    the article's first line with more after it."""
    words = line.split()
    if not 3 <= len(words) <= 25 or "|" in line or BYLINE.match(line) or parse_date(line) \
            or header.dateline(line) or line.endswith((":", ",")) or line.endswith(";") and not first:
        return False
    if not line.rstrip().endswith("."):
        return len(words) >= 4 or first
    content = [w for w in words[1:] if w.lower().strip("'\"‘“") not in SMALL_WORDS and w[:1].isalpha()]
    title_case = bool(content) and sum(w[:1].isupper() for w in content) / len(content) >= 0.6
    return title_case or (first and len(words) <= 20 and next_line is not None)


def _title(lines: list[tuple[str, str]], html: dict) -> str | None:
    for i, (kind, line) in enumerate(lines):
        if _headline(line, i == 0, lines[i + 1][1] if i + 1 < len(lines) else None):
            return line[:-1] if line.endswith((".", ";")) and not line.endswith("..") else line
        if kind == "paragraph" and len(line.split()) >= 12:
            break  # the article has begun: a headline comes before it
    return html.get("title")


def _authors(lines: list[tuple[str, str]], html: dict) -> list[str]:
    for i, (_, line) in enumerate(lines):
        names = _byline_names(line)
        near_date = any(date_line(t) or parse_date(t) and len(t.split()) <= 12 for _, t in lines[max(0, i - 1):i + 2])
        if names and (BYLINE.match(line) or "|" in line or near_date):
            return names
        m = INLINE_BYLINE.search(line)
        if m and parse_date(line) and len(line.split()) <= 14:
            return [_normalise_person(m.group(1))]
    if html.get("author"):
        return [a.strip() for a in re.split(r";|,| and ", html["author"]) if a.strip()]
    return []


def _published(blocks: list[str], lines: list[tuple[str, str]], html: dict) -> str | None:
    stamped = {}
    for i, line in enumerate(blocks):
        # In a short header line the stamp may sit anywhere ("Sunday 9 February,
        # by X (first published: 3 February 2025)"); further down only at a
        # line's start, where it is a stamp and not a sentence's "published on".
        m = STAMP_INSIDE.search(line) if i < HEADER_BLOCKS and len(line.split()) <= 25 else None
        kind, found = (m.group(1).lower(), parse_date(line[m.end():m.end() + 40])) if m else \
            (stamp_kind(line), date_line(line))
        if kind and kind not in stamped and found:
            stamped[kind] = found
    if stamped:
        return stamped.get("published") or stamped.get("posted") or next(iter(stamped.values()))
    for _, line in lines:
        if found := date_line(line):
            return found
        short = len(line.split()) <= 14
        if short and (_byline_names(line) or BYLINE.match(line) or INLINE_BYLINE.search(line)) and parse_date(line):
            return parse_date(line)
        d = header.dateline(line)
        if d and d.date_text and parse_date(d.date_text):
            return parse_date(d.date_text)
    return html.get("date")


def _outlet(text: str, blocks: list[str], lines: list[tuple[str, str]], html: dict, url: str | None) -> str | None:
    for _, line in lines:
        d = header.dateline(line)
        if d and d.agency:
            return d.agency
    for _, line in lines:
        if outlet := byline_outlet(line):
            return outlet
    found = header.republished_by(text)
    for line in [*blocks[-FOOTER_BLOCKS:], *blocks[:HEADER_BLOCKS]]:
        found = found or header.copyright_holder(line)
    return (found or header.contact_host(text) or html.get("sitename") or html.get("publisher")
            or header.url_host(url))


def infer(cleaned: Cleaned, manifest: dict) -> Meta:
    text = cleaned.text
    blocks = [text[b.start:b.end] for b in cleaned.blocks]
    lines = [(b.kind, text[b.start:b.end]) for b in cleaned.blocks[:HEADER_BLOCKS]]
    html = cleaned.html_meta
    url = html.get("url") or manifest.get("url")
    found = {"title": _title(lines, html), "authors": _authors(lines, html),
             "published": _published(blocks, lines, html),
             "outlet": _outlet(text, blocks, lines, html, url), "url": html.get("url")}
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
