"""Running a costly pattern only where one of its matches can begin.

``re`` tries a pattern at every character.  A pattern that opens with a
lookbehind and a long alternation (the number phrase, the phone-number shape)
gets no help from the engine's quick scan for a first character, so each try
runs the whole alternation.  A cheap pattern that finds every position a match
can start at (a superset is fine) lets the costly one be tried there alone.
"""
from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_at(pattern: re.Pattern, text: str, starts: re.Pattern) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(text)``, trying ``pattern`` only where
    ``starts`` matches.  The same matches, in order, provided every match of
    ``pattern`` begins where ``starts`` matches.  ``pattern.match(text, p)`` sees
    the text before ``p``, so lookbehinds and ``\\b`` behave as in ``finditer``."""
    end = 0
    match = pattern.match
    for c in starts.finditer(text):
        p = c.start()
        if p < end:
            continue
        m = match(text, p)
        if m is not None:
            yield m
            end = max(m.end(), p + 1)


def alternation(words) -> str:
    """A regex source matching any of ``words``, grouped by first character:
    ``re`` tries the alternatives of a group one by one, so sharing the first
    character rejects most of them in one step."""
    words = set(words)
    by_first: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        by_first.setdefault(w[:1], []).append(w[1:])
    parts = []
    for first, rests in sorted(by_first.items()):
        if "" in rests and len(rests) == 1:
            parts.append(re.escape(first))
        else:
            parts.append(re.escape(first) + "(?:" + "|".join(re.escape(r) for r in rests) + ")")
    return "|".join(parts)
