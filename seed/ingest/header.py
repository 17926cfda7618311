"""What an article's own header and footer say of where it comes from: the
dateline ("KYIV, Feb 5 (Harbour Wire) -": place, month and day, agency), a
copyright or republishing line, and a URL's host.  Each reader takes one line
and returns None when the line is not of its kind."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .dates import MONTH, DAY, month_day

_CAPS_PLACE = r"[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
_TITLE_PLACE = r"[A-Z][\w.'’-]+(?:[ ][A-Z][\w.'’-]+){0,2}"
_REGION = r"(?:,[ ][A-Z][\w.'’-]+(?:[ ][A-Z][\w.'’-]+){0,2})?"
_DATE = rf"(?:{MONTH}\s+{DAY}|{DAY}\s+{MONTH})(?:,?\s+\d{{4}})?"
_AGENCY = r"\((?P<agency>[A-Z][\w&.'’-]*(?:[ ][A-Z&][\w&.'’-]*){0,4})\)"
_DASH = r"\s*(?:--|[-—–])\s+"
# A capitalised place may stand alone before the dash ("WASHINGTON -- ..."); a
# place in title case only with a date or an agency after it, or a sentence
# opening "Kyiv - the ..." would be taken for a dateline.
DATELINE = re.compile(
    rf"^(?P<place>{_CAPS_PLACE}{_REGION})(?:,\s*(?P<date>{_DATE}))?\s*(?:{_AGENCY})?{_DASH}"
    rf"|^(?P<place2>{_TITLE_PLACE}{_REGION})(?:(?:,\s*(?P<date2>{_DATE}))\s*(?:{_AGENCY.replace('agency', 'agency2')})?"
    rf"|\s*{_AGENCY.replace('agency', 'agency3')}){_DASH}")
COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
                       r"(?P<name>(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z&][\w&'’.-]*){0,4})", re.I)
# "published in" names a language as often as an outlet ("originally published in
# Russian"): only "by", "on", "at", and "appeared in", name a publisher.
REPUBLISHED = re.compile(r"\b(?:republished from|(?:originally|first) published (?:by|on|at)|"
                         r"this (?:article|story) (?:first )?appeared (?:in|on)) "
                         r"((?:The )?[A-Z][\w&'’.-]*(?:[ ][A-Z][\w&'’.-]*){0,4})")
CONTACT = re.compile(r"contact the (?:author|writer|reporter)s?\s*:?\s*\S+@([\w.-]+\.\w+)", re.I)
# Words a copyright line goes on with that are not the holder's name.
_NOT_NAME = re.compile(r"\s+(?:All|Inc|Ltd|LLC|Limited|Rights)\b.*$")


@dataclass
class Dateline:
    place: str
    agency: str | None
    month_day: tuple[int, int] | None  # the dateline's date: rarely with a year
    date_text: str | None


def dateline(line: str) -> Dateline | None:
    m = DATELINE.match(line)
    if not m:
        return None
    place = m.group("place") or m.group("place2")
    agency = m.group("agency") or m.group("agency2") or m.group("agency3")
    when = m.group("date") or m.group("date2")
    return Dateline(place.strip(), agency, month_day(when) if when else None, when)


def copyright_holder(line: str) -> str | None:
    m = COPYRIGHT.match(line.strip())
    if not m:
        return None
    name = _NOT_NAME.sub("", m.group("name")).strip(" .,")
    return name if len(name) > 1 and not name.lower().startswith(("all ", "by ")) else None


def republished_by(text: str) -> str | None:
    m = REPUBLISHED.search(text)
    return m.group(1).rstrip(".") if m else None


def contact_host(text: str) -> str | None:
    m = CONTACT.search(text)
    return m.group(1).lower().removeprefix("www.") if m else None


def url_host(url: str | None) -> str | None:
    """The site a URL names: "https://www.valley-courier.example/a/b" ->
    "valley-courier.example"; through a proxy that carries the address in its
    path ("https://proxy.example/https/news.example/a") the inner site; a
    subdomain ("p.news.example") goes, a country's second level ("co.uk") stays."""
    if not url:
        return None
    inner = re.search(r"/(?:https?)(?::/)?/+([\w-]+(?:\.[\w-]+)+)", urlsplit(url if "//" in url else "//" + url).path)
    host = inner.group(1) if inner else urlsplit(url if "//" in url else "//" + url).hostname or ""
    labels = host.lower().split(".")
    if len(labels) < 2:
        return None
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])
