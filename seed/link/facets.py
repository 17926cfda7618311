"""What a figure counts, read from the figure and the words around it: its
unit, the kind of people or the thing it counts, its scope, whether it is a
count per side, and the values its qualifier lets it take.  Two figures are
compared only when these facets are the same (``figures`` groups them).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Units whose figures count people; other units also need a matching subject.
PEOPLE_UNITS = {"troops", "killed", "wounded", "casualties", "captured", "deserted", "missing"}

# A kind of personnel that is not interchangeable with troops in general.
ROLES = {
    "adviser": "advisers", "advisers": "advisers", "advisor": "advisers", "advisors": "advisers",
    "trainer": "advisers", "trainers": "advisers", "instructor": "advisers", "instructors": "advisers",
    "construction": "workers", "builder": "workers", "builders": "workers", "worker": "workers",
    "workers": "workers", "laborer": "workers", "laborers": "workers", "labourer": "workers",
    "labourers": "workers", "engineer": "workers", "engineers": "workers", "engineering": "workers",
    "sapper": "workers", "sappers": "workers",
    "officer": "officers", "officers": "officers", "general": "officers", "generals": "officers",
    "commander": "officers", "commanders": "officers",
    "pilot": "pilots", "pilots": "pilots",
    "civilian": "civilians", "civilians": "civilians", "children": "civilians", "women": "civilians",
}

# The scope of a count, from the words around the number.  Checked in this
# order: a plan is not yet a deployment, and "a second wave" said after
# "already" is still a second wave.
_PLANNED = re.compile(
    r"\b(prepar\w* to|plan\w* to|plans to|expect\w* to|intend\w* to|set to|poised to|ready to|"
    r"aims? to|agreed to|decided to|voted to|will|would|could|might|may|to be (?:sent|deployed|dispatched))\b|'ll\b")
_ADDITIONAL = re.compile(
    r"\b(another|a further|further|additional|extra|fresh|newly|new|reinforcements?|"
    r"(?:second|third|fourth|next|latest|new) (?:wave|deployment|round|batch|group|contingent|rotation|phase))\b")
_MORE_AFTER = re.compile(r"^\W*more\b")
_FIRST = re.compile(r"\b(first|initial|initially|originally|original)\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s?)\b")

# "built for 2,000 prisoners" is a capacity and "holds 3,500 prisoners" a
# population, neither the count of those doing something (on strike, killed).
_CAPACITY = re.compile(r"\b(built for|designed for|meant for|capacity (?:of|for)|room for|space for)\s*$")
_HELD = re.compile(r"\b(holds?|holding|held|houses?|housing|is home to|home to)\s*$")
# "150 prisoners each", "500 on each side": a count per side, half a two-sided total.
_PER_SIDE = re.compile(r"^\W*(?:\w+\W+){0,2}?(each|apiece|on each side|on either side|per side|a side|from each side)\b")
PER_SIDE_FACTOR = 2  # an exchange, a battle, a match: two sides

SCOPES = ("total", "additional", "planned", "first", "past", "capacity", "held")
SCOPE_WORDS = {
    "total": "in total or unspecified",
    "additional": "additional (another wave, newly sent)",
    "planned": "planned or expected",
    "first": "first arrivals",
    "past": "an earlier period",
    "capacity": "capacity (built for, room for)",
    "held": "held (a population)",
}

# Qualifier -> how far the stated value may stretch.
_ABOUT = {"about", "approximately", "around", "roughly", "some", "or so", "estimated", "ca", "ca.",
          "circa", "an estimated", "almost", "nearly", "close to", "just under", "just over"}
_AT_LEAST = {"at least", "more than", "over", "upwards of", "in excess of", "above", "no fewer than",
             "no less than", "just over"}
_AT_MOST = {"up to", "as many as", "at most", "less than", "fewer than", "under", "no more than",
            "below", "as much as", "just under", "nearly", "almost"}
ABOUT_MARGIN = 0.05  # "about 11,000" covers 10,450..11,550
AT_MOST_FLOOR = 0.5  # "up to 3,000" covers 1,500..3,000
_WORD_NUMBER_ONLY = re.compile(r"^[^\d]*$")


@dataclass(frozen=True)
class FigureIn:
    """A stored figure with what linking needs to read around it."""
    id: int
    document_id: int
    text: str
    low: float | None
    high: float | None
    unit: str | None
    subject: str | None
    qualifier: str | None
    before: str  # the sentence's words before the number, from the previous figure on
    after: str  # the sentence's words after it, up to the next figure
    published: str | None = None
    sentence: tuple[int, int] | None = None  # the sentence's span in the document


def is_vague(f: FigureIn) -> bool:
    """"thousands", "dozens": an order of magnitude, not a value to compare."""
    if f.low is None:
        return True
    if f.high is None:
        return False
    return bool(_WORD_NUMBER_ONLY.match(f.text)) and f.high >= 4 * max(f.low, 1)


def interval(f: FigureIn) -> tuple[float, float]:
    """The values a figure admits, its qualifier taken at its word."""
    lo = f.low if f.low is not None else 0.0
    hi = f.high if f.high is not None else math.inf
    q = " ".join((f.qualifier or "").lower().split())
    if q in _ABOUT:
        lo, hi = lo * (1 - ABOUT_MARGIN), hi * (1 + ABOUT_MARGIN)
    if q in _AT_LEAST:
        hi = math.inf
    if q in _AT_MOST:
        # "as many as 10,000" is an estimate near its ceiling, not "anything
        # up to": it conflicts with "as many as 30,000".
        lo = hi * AT_MOST_FLOOR
    if per_side(f):
        # Taken as the two-sided total it implies: "150 prisoners each" agrees
        # with "300 prisoners in total".
        lo, hi = lo * PER_SIDE_FACTOR, hi * PER_SIDE_FACTOR
    return lo, hi


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _last_words(text: str, n: int) -> str:
    return " ".join(text.split()[-n:])


def _first_words(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


_TOTAL = re.compile(r"\b(already|now|so far|to date|in total|in all|altogether|overall|currently)\b")
_NEW_AFTER = re.compile(r"\b(additional|newly|new|fresh|extra|more)\b")


def scope(f: FigureIn) -> str:
    before = _last_words(re.split(r"[;:]", f.before)[-1], 8).lower()
    after = _first_words(re.split(r"[;:]", f.after)[0], 12).lower()
    near_after = _first_words(after, 6)
    own = f.text.lower()
    year = f.published[:4] if f.published and f.published[:4].isdigit() else None
    if year:
        for m in _YEAR.finditer(f"{before} {after}"):
            if int(year) - int(m.group(1)) >= 5:
                return "past"
    if f.unit in MONEY_UNITS and _COST.search(before):
        return "total"  # a price: "the new bridge will cost" is neither a plan nor an additional wave
    if _CAPACITY.search(before):
        return "capacity"
    if _HELD.search(before):
        return "held"
    if _PLANNED.search(before):
        return "planned"
    # Words next to the number say more about it than words further off:
    # "joined by another 10,000", "10,000 more", "1,000 troops were newly
    # deployed" but "reinforcements join 11,000 soldiers already fighting".
    if _ADDITIONAL.search(own) or _MORE_AFTER.match(after) or _NEW_AFTER.search(near_after):
        return "additional"
    if _TOTAL.search(near_after):
        return "total"
    if _ADDITIONAL.search(before):
        return "additional"
    # "1,500 special forces arrived in the port city, initially for training":
    # the first arrivals, said anywhere in the rest of the clause.
    if _FIRST.search(before) or _FIRST.search(re.split(r"[;:]", f.after)[0].lower()):
        return "first"
    return "total"


def role(f: FigureIn) -> str:
    words = re.findall(r"[a-z]+", (f.subject or "").lower())
    found = [ROLES[w] for w in words if w in ROLES]
    return found[-1] if found else ""


def per_side(f: FigureIn) -> bool:
    return bool(_PER_SIDE.match(_first_words(f.after, 5).lower()))


MONEY_UNITS = {"usd", "eur", "gbp", "jpy", "cny", "rub", "inr", "chf"}
# A price is a price, whatever the subject the parse hangs it on.
_COST = re.compile(r"\b(costs?|costing|priced at|price of|price tag of|budget of|budgeted at)(?:\s+\w+){0,2}\s*$")
# What one person weighs, measures or earns is not a count across sources.
_PERSONAL = re.compile(r"\b(weighs?|weighed|weighing|lost|gained|put on|stands|measures?|aged)(?:\s+\w+)?\s*$")
_DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those", "new",
                "some", "all", "other", "own"}
_BEFORE_NUMBER = re.compile(r"((?:[a-z][\w-]*\s+){1,3})(?:to|of|at|by|from|is|was|were|are)\s*$")


def _words(text: str | None) -> list[str]:
    return [w for w in re.findall(r"[a-z][\w-]*", (text or "").lower()) if w not in _DETERMINERS]


def counted(f: FigureIn) -> str:
    """What a figure other than a count of people counts: the last two words
    of its subject ("exclamation points" is not "points", "minimum wage" is
    not "bus drivers"), "cost" for a price, or the words just before it ("the
    minimum wage to $12"); "" when nothing says."""
    before = _last_words(re.split(r"[;:]", f.before)[-1], 8).lower()
    if _PERSONAL.search(before):
        return ""
    if f.unit in MONEY_UNITS and _COST.search(before):
        return "cost"
    words = _words(f.subject)
    if not words:
        m = _BEFORE_NUMBER.search(before)
        words = _words(m.group(1)) if m else []
    return " ".join(words[-2:])


def facets(f: FigureIn) -> tuple[str, str, str] | None:
    """(unit, scope, role-or-counted-thing), or None when it cannot be compared."""
    if not f.unit:
        return None
    if f.unit in PEOPLE_UNITS:
        return f.unit, scope(f), role(f)
    thing = counted(f)
    if not thing:
        return None  # "40 percent" of what?
    return f.unit, scope(f), thing
