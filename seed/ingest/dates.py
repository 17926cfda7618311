"""Dates as an article's header writes them: a full date anywhere in a line, a
month and day (a dateline's "Feb 5"), and whether a line is a date line at all
(nothing but a date, or "Published"/"Updated" with one).  Only such lines, a
dateline or a byline give a publication date: a date inside a body sentence is
about what the sentence tells, not about the article."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
DATE_PATTERNS = [
    re.compile(rf"\b{MONTH}\s+{DAY},?\s+(\d{{4}})\b", re.I),  # October 19, 2024
    re.compile(rf"\b{DAY}\s+{MONTH},?\s+(\d{{4}})\b", re.I),  # 9 February 2025
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),  # 2025-02-03
]
MONTH_DAY = re.compile(rf"\b{MONTH}\s+{DAY}\b|\b{DAY}\s+{MONTH}", re.I)  # Feb 5, 5 Feb
# "Published: ...", "Updated 3 March 2025", "First published on ...", "Posted ...".
STAMP = re.compile(r"^\W*(?:(?:first|originally|last)\s+)?(published|updated|posted|modified)\b(?:\s+on)?\s*:?\s*", re.I)
# What may stand beside a date on a date line: weekdays, times, zones, "at".
DATE_LINE_WORDS = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b\d{1,2}[:.]\d{2}\b|\b[ap]\.?m\.?\b|"
    r"\b(?:at|on|gmt|utc)\b|[+-]\d{2}:?\d{2}", re.I)
ZONE = re.compile(r"\b[A-Z]{2,4}\b")  # EST, CET: a time zone beside a date


def _found(pattern: re.Pattern, m: re.Match) -> date | None:
    g = m.groups()
    try:
        if pattern is DATE_PATTERNS[2]:
            return date(int(g[0]), int(g[1]), int(g[2]))
        if pattern is DATE_PATTERNS[0]:
            return date(int(g[2]), MONTHS[g[0].lower()[:3]], int(g[1]))
        return date(int(g[2]), MONTHS[g[1].lower()[:3]], int(g[0]))
    except (ValueError, KeyError):
        return None


def dates_in(text: str) -> list[tuple[int, int, date]]:
    """Every full date in ``text``: (start, end, date), in order."""
    found = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            d = _found(pattern, m)
            if d:
                found.append((m.start(), m.end(), d))
    return sorted(found)


def parse_date(text: str) -> str | None:
    """The first full date in ``text`` as ISO 8601, or None."""
    found = dates_in(text)
    return found[0][2].isoformat() if found else None


def month_day(text: str) -> tuple[int, int] | None:
    """A dateline's month and day ("Sept. 28", "5 Feb"), or None."""
    m = MONTH_DAY.search(text)
    if not m:
        return None
    g = [x for x in m.groups() if x]
    month, day = (g[0], g[1]) if not g[0].isdigit() else (g[1], g[0])
    number = MONTHS.get(month.lower()[:3])
    return (number, int(day)) if number and 1 <= int(day) <= 31 else None


def date_line(line: str) -> str | None:
    """The date of a line that is a date line: "Published: ...", "Updated ...",
    or a date with nothing but weekdays, times and zones around it."""
    m = STAMP.match(line)
    rest = line[m.end():] if m else line
    found = dates_in(rest[:60])
    if not found:
        return None
    start, end, d = found[0]
    if m:
        return d.isoformat()
    around = ZONE.sub(" ", DATE_LINE_WORDS.sub(" ", line[:start] + " " + line[end:]))
    return d.isoformat() if not re.search(r"[A-Za-z]{2,}", around) else None


def stamp_kind(line: str) -> str | None:
    """"published", "updated" (and "posted", "modified") for a stamped line."""
    m = STAMP.match(line)
    return m.group(1).lower() if m else None
