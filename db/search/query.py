"""What a search box query means: words, phrases and filters, parsed without SQL.

Syntax: free words (fuzzy, typo-tolerant), "exact phrase", and filters
``by:NAME`` (claimant or speaker), ``in:OUTLET``, ``kind:quote|claim|actor|doc|
figure`` (repeatable) and ``verdict:unverified|corroborated|disputed|false``
(the analyst's verdict on a claim or quote), combined with AND.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS = ("claim", "quote", "actor", "doc", "figure")
VERDICTS = ("unverified", "corroborated", "disputed", "false")

_KIND_WORDS = {
    "claim": "claim", "claims": "claim", "quote": "quote", "quotes": "quote",
    "actor": "actor", "actors": "actor", "doc": "doc", "docs": "doc", "document": "doc",
    "documents": "doc", "figure": "figure", "figures": "figure",
}

MAX_QUERY_CHARS = 300  # a paste longer than this is cut, with a message
MAX_WORDS = 8
MAX_GRAMS = 12  # trigrams per word in a fuzzy query, spread along the word

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_TOKEN = re.compile(
    r'(?P<key>by|in|kind|verdict):(?:"(?P<qval>[^"]*)"?|(?P<val>[^\s"]*))'
    r'|"(?P<phrase>[^"]*)"?'
    r'|(?P<word>[^\s"]+)', re.IGNORECASE)
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def fold(s: str) -> str:
    """Lowercase without changing length, so offsets in the folded text are
    offsets in the original ("İ".lower() is two code points)."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


def one_line(s: str) -> str:
    return _CONTROL.sub(" ", s)


def fts_term(term: str) -> str:
    """A term quoted for FTS5, so that no input is ever FTS syntax."""
    return '"' + term.replace('"', '""') + '"'


def trigrams(word: str, most: int = MAX_GRAMS) -> list[str]:
    grams = list(dict.fromkeys(word[i:i + 3] for i in range(len(word) - 2)))
    if len(grams) > most:
        step = (len(grams) - 1) / (most - 1)
        grams = [grams[round(i * step)] for i in range(most)]
    return grams


@dataclass
class Query:
    words: list[str] = field(default_factory=list)  # folded
    phrases: list[str] = field(default_factory=list)  # folded
    by: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)  # empty: every kind
    verdicts: set[str] = field(default_factory=set)  # empty: any, annotated or not
    notes: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        """What the trigram index can look up: 3+ characters."""
        return [t for t in self.words + self.phrases if len(t) >= 3]


def parse(text: str) -> Query:
    q = Query()
    text = one_line(text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        q.notes.append(f"query shortened to its first {MAX_QUERY_CHARS} characters")
    for m in _TOKEN.finditer(text):
        if m.group("key"):
            key, value = m.group("key").lower(), (m.group("qval") or m.group("val") or "").strip()
            if not value:
                example = {"kind": "claim", "verdict": "disputed"}.get(key, "name")
                q.notes.append(f"{key}: needs a value, e.g. {key}:{example}")
            elif key == "kind":
                kind = _KIND_WORDS.get(value.lower())
                if kind:
                    q.kinds.add(kind)
                else:
                    q.notes.append(f"unknown kind:{value} (try claim, quote, actor, doc or figure)")
            elif key == "verdict":
                if value.lower() in VERDICTS:
                    q.verdicts.add(value.lower())
                else:
                    q.notes.append(f"unknown verdict:{value} (try {', '.join(VERDICTS)})")
            else:
                (q.by if key == "by" else q.outlets).append(fold(value))
        elif m.group("word") is not None:
            word = fold(_EDGE_PUNCT.sub("", m.group("word")))
            if word and word not in q.words:
                q.words.append(word)
        else:
            phrase = fold(" ".join(m.group("phrase").split()))
            if phrase and phrase not in q.phrases:
                q.phrases.append(phrase)
    if len(q.words) > MAX_WORDS:
        q.notes.append(f"searched for the first {MAX_WORDS} words only")
        del q.words[MAX_WORDS:]
    return q
