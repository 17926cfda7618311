"""Figures from different sources lined up like for like.

Two figures are comparable only when they count the same thing: the same unit
(troops, killed, wounded, casualties, ...: the extraction stage already tells a
death toll from a deployment), the same kind of people (advisers are not
troops), the same scope (a total, an additional wave, a plan, a first
arrival), read from the words next to the number in its sentence, and the same
order of magnitude (a toll of one strike is not the toll of a war).  Within a
group, two values agree when their ranges, widened by their qualifiers,
overlap.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

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
    r"aims? to|will|would|could|might|may|to be (?:sent|deployed|dispatched))\b|'ll\b")
_ADDITIONAL = re.compile(
    r"\b(another|a further|further|additional|extra|fresh|newly|new|reinforcements?|"
    r"(?:second|third|fourth|next|latest|new) (?:wave|deployment|round|batch|group|contingent|rotation|phase))\b")
_MORE_AFTER = re.compile(r"^\W*more\b")
_FIRST = re.compile(r"\b(first|initial|initially|originally|original)\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s?)\b")

SCOPES = ("total", "additional", "planned", "first", "past")
SCOPE_WORDS = {
    "total": "in total or unspecified",
    "additional": "additional (another wave, newly sent)",
    "planned": "planned or expected",
    "first": "first arrivals",
    "past": "an earlier period",
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
MAGNITUDE_GAP = 8.0  # consecutive values further apart than this count different things
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


@dataclass
class FigureMember:
    figure_id: int
    document_id: int
    lo: float
    hi: float  # math.inf: open-ended
    stated_low: float | None = None  # the figure's own values, for the spread
    stated_high: float | None = None
    conflicts: bool = False


@dataclass
class FigureGroup:
    key: str  # natural key: stable while the same facets exist
    unit: str
    scope: str
    role: str
    label: str
    members: list[FigureMember] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        return any(m.conflicts for m in self.members)

    @property
    def low(self) -> float | None:
        values = [m.stated_low for m in self.members if m.stated_low is not None]
        return min(values) if values else None

    @property
    def high(self) -> float | None:
        values = [m.stated_high if m.stated_high is not None else m.stated_low for m in self.members]
        values = [v for v in values if v is not None]
        return max(values) if values else None

    @property
    def documents(self) -> int:
        return len({m.document_id for m in self.members})


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
    if _FIRST.search(before) or _FIRST.search(after):
        return "first"
    return "total"


def role(f: FigureIn) -> str:
    words = re.findall(r"[a-z]+", (f.subject or "").lower())
    found = [ROLES[w] for w in words if w in ROLES]
    return found[-1] if found else ""


def _head(subject: str | None) -> str:
    words = re.findall(r"[a-z]+", (subject or "").lower())
    return words[-1] if words else ""


def facets(f: FigureIn) -> tuple[str, str, str] | None:
    """(unit, scope, role-or-counted-thing), or None when it cannot be compared."""
    if not f.unit:
        return None
    if f.unit in PEOPLE_UNITS:
        return f.unit, scope(f), role(f)
    head = _head(f.subject)
    if not head:
        return None  # "40 percent" of what?
    return f.unit, scope(f), head


def _who(members: list[FigureIn]) -> str:
    """The qualifier most subjects share ("North Korean"), for a label."""
    runs = Counter()
    for f in members:
        m = re.match(r"((?:[A-Z][\w'-]*\s+)*[A-Z][\w'-]*)\b", (f.subject or "").strip())
        if m:
            runs[m.group(1)] += 1
    if not runs:
        return ""
    who, n = runs.most_common(1)[0]
    return who if n >= 2 else ""


def label(unit: str, scope_: str, role_: str, members: list[FigureIn]) -> str:
    if unit == "troops":
        thing = role_ or "troops"
    elif unit in PEOPLE_UNITS:
        thing = f"{role_} {unit}" if role_ else unit
    else:
        thing = unit if role_ in ("", unit) else f"{unit} · {role_}"
    who = _who(members)
    return f"{thing}{f' · {who}' if who else ''} — {SCOPE_WORDS[scope_]}"


def _magnitude_clusters(items: list[tuple[FigureIn, tuple[float, float]]]):
    """Split values by order of magnitude: sorted by a representative value, a
    jump of more than MAGNITUDE_GAP starts a new cluster."""
    def rep(lo: float, hi: float) -> float:
        if math.isinf(hi):
            return max(lo, 1.0)
        return math.sqrt(max(lo, 1.0) * max(hi, 1.0)) if lo > 0 else max(hi, 1.0)

    ordered = sorted(items, key=lambda it: (rep(it[0].low or 0, it[0].high if it[0].high is not None else math.inf), it[0].id))
    clusters: list[list] = []
    last = None
    for f, iv in ordered:
        r = rep(f.low or 0.0, f.high if f.high is not None else math.inf)
        if last is None or r > last * MAGNITUDE_GAP:
            clusters.append([])
        clusters[-1].append((f, iv))
        last = r
    return clusters


def bucket(f: FigureIn) -> tuple[str, str, str] | None:
    """The facets a figure is compared under, or None when it is compared with
    nothing.  A group depends only on the figures of its bucket, which is what
    lets a re-link redo only the buckets a new document adds to."""
    return None if is_vague(f) else facets(f)


def bucket_prefix(key: tuple[str, str, str]) -> str:
    """The start every group key of the bucket shares (no facet holds a "|")."""
    return "|".join(key) + "|"


def bucket_groups(key: tuple[str, str, str], members: list[FigureIn]) -> list[FigureGroup]:
    """The groups of one bucket, in any order of ``members``."""
    unit, scope_, role_ = key
    groups: list[FigureGroup] = []
    for cluster in _magnitude_clusters([(f, interval(f)) for f in members]):
        if len({f.document_id for f, _ in cluster}) < 2:
            continue
        smallest = min(f.low or 0.0 for f, _ in cluster)
        gkey = f"{bucket_prefix(key)}{int(math.log10(max(smallest, 1)))}"
        g = FigureGroup(gkey, unit, scope_, role_, label(unit, scope_, role_, [f for f, _ in cluster]))
        for f, iv in cluster:
            g.members.append(FigureMember(f.id, f.document_id, iv[0], iv[1], f.low, f.high))
        for m in g.members:
            m.conflicts = any(o.document_id != m.document_id and not overlaps((m.lo, m.hi), (o.lo, o.hi))
                              for o in g.members)
        groups.append(g)
    # Two clusters of one bucket can share a magnitude key; keep keys unique.
    seen: Counter = Counter()
    for g in groups:
        seen[g.key] += 1
        if seen[g.key] > 1:
            g.key = f"{g.key}~{seen[g.key]}"
    return groups


def figure_groups(figures: list[FigureIn]) -> list[FigureGroup]:
    """Groups of comparable figures from at least two documents, each member
    marked when its range misses another source's."""
    buckets: dict[tuple[str, str, str], list[FigureIn]] = {}
    for f in figures:
        key = bucket(f)
        if key is not None:
            buckets.setdefault(key, []).append(f)
    return [g for key, members in sorted(buckets.items()) for g in bucket_groups(key, members)]
