"""Which place names are states, which are cities of a state, and which demonym goes with which
state. The lists come from libraries the project depends on (babel's territory names,
the tz database's city names), so nothing here is tied to one corpus.
"""
from __future__ import annotations

from functools import lru_cache

from .names import STATE_WORDS, fold


@lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    """Folded English territory name -> ISO code, states only (no regions such as 'Europe')."""
    from babel import Locale

    out = {}
    for code, name in Locale("en").territories.items():
        if code.isalpha() and len(code) == 2 and code not in {"EU", "EZ", "UN", "ZZ", "XA", "XB"}:
            out[fold(name)] = code
    return out


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from babel import Locale

    return {code: name for code, name in Locale("en").territories.items()}


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Folded city name -> ISO code for cities the tz database names in exactly one state."""
    import pytz

    seen: dict[str, set[str]] = {}
    for code, zones in pytz.country_timezones.items():
        for zone in zones:
            city = fold(zone.rsplit("/", 1)[-1].replace("_", " "))
            seen.setdefault(city, set()).add(code.upper())
    return {c: next(iter(codes)) for c, codes in seen.items() if len(codes) == 1}


def is_territory(name: str) -> bool:
    """A state's common English name ("North Korea"), not a formal one."""
    return fold(name) in _territories()


def is_state(name: str) -> bool:
    f = fold(name)
    if f in _territories():
        return True
    words = f.split()
    return len(words) >= 2 and any(w in STATE_WORDS for w in words)


def city_country(name: str) -> str | None:
    """The English name of the state a city belongs to ('a city the tz database knows')."""
    f = fold(name)
    if f in _territories():
        return None
    code = _cities().get(f)
    return _country_names().get(code) if code else None


def demonym_of(demonym: str, country: str) -> bool:
    """'South Sudanese' belongs to 'South Sudan', 'Estonian' to 'Estonia', 'German' to 'Germany'."""
    d, c = fold(demonym), fold(country)
    if not d or not c or d == c:
        return False
    dw, cw = d.split(), c.split()
    if len(dw) != len(cw) or dw[:-1] != cw[:-1]:
        return False
    d, c = dw[-1], cw[-1]
    stem = c.rstrip("aeiouy") or c
    return len(stem) >= 3 and d.startswith(stem) and len(d) - len(c) <= 4


@lru_cache(maxsize=4096)
def is_demonym(word: str) -> bool:
    """'Estonian', 'South Sudanese': the adjective of some state."""
    return any(demonym_of(word, name) for name in _country_names().values())
