"""What the words around a candidate say it is, before candidates become actors.

The small model tags an unknown village as a person, a messaging app as an
organisation, a headline's "Agency Warns Of Winter" as one name.  These rules
read the document around each candidate span and retype or drop it; each holds
for any article, none names a place, product or outlet of one story:

- credit lines ("Reporting by ...; Editing by ...") hold no actors;
- a dateline names a place, and its agency tag ("(Harbour Wire) -") an outlet;
- a name used as a product, platform, weapon ("X-3 missiles", "the X messaging
  app") or an event ("the X Crisis") is none of the document's actors;
- a name in a place's context ("near X", "the town of X", "the X valley", a list
  with such a place) is a place throughout the document;
- a name whose demonym the document uses ("Xian forces"), or that owns a
  state's institutions ("X's foreign minister"), is a state;
- a verb ends a name ("Agency Warns Of Winter"), a plural common noun is no name,
  and an acronym glued after a name is the name's end ("Port Alder FC").
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..ingest.header import dateline
from ..ingest.metadata import OUTLET_NOUN
from ..text.columns import doc_text, entities
from .candidate import Cand, written
from .names import INSTITUTION_CUES, abbreviates, fold, is_acronym
from .places import demonym_of, is_state

CREDIT_LINE = re.compile(r"(?i)^\s*(?:(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|translation|"
                         r"translated|produced|research|graphics?|photos?|video|fact-checking)\s+by\b[^;\n]*"
                         r"(?:;|\band\b|$)\s*)+$")
PRODUCT_NOUNS = {"app", "application", "platform", "satellite", "satellites", "messaging", "messenger", "missile",
                 "missiles", "rocket", "rockets", "drone", "drones", "pipeline", "software", "browser",
                 "smartphone", "phone", "tank", "tanks", "jet", "jets", "aircraft", "helicopter", "helicopters",
                 "vaccine", "launcher", "launchers", "howitzer", "howitzers", "submarine", "warship", "console",
                 "chatbot", "interceptor", "interceptors", "system", "systems", "vehicle", "vehicles", "device"}
DESIGNATION = re.compile(r"^[A-Z]{1,4}-?\d+[A-Z]?$")  # "EB-5", "KN-23", "F16": a model or a programme
LAW_OWNER = re.compile(r"\bof the ((?:[A-Z][\w'’-]+)(?: (?:[A-Z][\w'’-]+|of|for|and))*(?: [A-Z][\w'’-]+))")
APPOSED_THING = re.compile(r",\s+(?:its|the|a|an|their|his|her)\s+(?:[\w-]+\s+){0,2}?([a-z]+)\b")
EVENT_WORDS = {"war", "wars", "crisis", "summit", "olympics", "games", "cup", "election", "elections",
               "revolution", "uprising", "offensive", "festival", "championship", "championships", "conference",
               "massacre", "protests", "referendum", "expo", "accords"}
PLACE_PREPS = {"in", "near", "outside", "across", "around", "throughout", "towards", "toward", "into"}
PLACE_BEFORE = {"town", "city", "village", "villages", "region", "province", "district", "port", "capital",
                "county", "island", "hamlet", "suburb", "municipality"}
PLACE_AFTER = {"region", "province", "district", "valley", "river", "ridge", "oblast", "county", "area",
               "border", "coast", "peninsula", "mountains", "hills", "lake", "bay", "basin", "delta", "plain"}
STATE_OWNED = {"state", "government", "army", "navy", "parliament", "embassy", "military", "foreign", "defence", "defense",
               "prime", "armed", "air", "interior", "border"}
BYLINE = re.compile(r"(?i)^\s*by\s+")
_NAME_WORD = r"(?:[A-Z][a-z'’-]+|[A-Z]\.|[A-Z][A-Z'’-]+)"
NAME_IN_BYLINE = re.compile(rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{1,3}}")
DATELINE_BLOCKS = 4  # a dateline opens the story, in one of its first blocks


def retype(doc, cands: list[Cand]) -> list[Cand]:
    text = doc_text(doc)
    cands = [c for c in cands if not _on_credit_line(text, c)]
    cands = _headline_only(text, cands)
    cands = _fuse_acronym_tails(doc, cands)
    cands = [c for c in (_cut_at_verb(doc, c) for c in cands) if c is not None]
    # One word the tagger reads as a plural common noun or an adjective ("Households",
    # "a Mongolic group") is no name.
    cands = [c for c in cands if not (c.tok[1] - c.tok[0] == 1 and doc[c.tok[0]].tag_ in ("NNS", "JJ"))]
    cands += _owners_of_laws(doc, cands)
    placed = _datelines(doc, cands)
    things = {fold(written(doc, c)) for c in cands if _thing(doc, c)}
    cands = [c for c in cands if fold(written(doc, c)) not in things]
    _places(doc, cands, placed)
    _states(doc, cands)
    _defined_acronyms(doc, cands)
    return cands


def _headings(text: str) -> list[tuple[int, int]]:
    """The headline: a short first block with more after it, that either ends
    without a full stop or is written in title case."""
    lead = len(text) - len(text.lstrip())
    end = text.find("\n\n", lead)
    if end < 0 or not text[end:].strip():
        return []
    words = text[lead:end].split()
    long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    title_case = bool(long_words) and sum(w[:1].isupper() for w in long_words) >= 0.8 * len(long_words)
    unstopped = not re.search(r"[.!?][\"'”’)\]]*$", text[lead:end])
    return [(lead, end)] if len(words) <= 25 and (unstopped or title_case) else []


def _headline_only(text: str, cands: list[Cand]) -> list[Cand]:
    """A name in the headline that the article never writes again is a piece of
    the headline ("Small Steps Toward Savings"), not an actor's name."""
    heads = _headings(text)
    if not heads:
        return cands
    body, last = [], 0
    for a, b in heads:
        body.append(text[last:a])
        last = b
    body_text = " ".join(body + [text[last:]]).casefold()
    return [c for c in cands if not any(a <= c.start < b for a, b in heads)
            or text[c.start:c.end].casefold() in body_text]


def _owners_of_laws(doc, cands: list[Cand]) -> list[Cand]:
    """"the Charter of the United Nations": the organisation a law or treaty
    belongs to, which the model leaves inside the law's name."""
    out = []
    for e in entities(doc):
        if e.label_ != "LAW":
            continue
        m = LAW_OWNER.search(doc_text(doc), e.start_char, e.end_char)
        if m and m.end() == e.end_char and not any(c.start < m.end(1) and m.start(1) < c.end for c in cands):
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if span is not None:
                out.append(Cand(m.start(1), m.end(1), "organization", "law-owner", 0.8, tok=(span.start, span.end)))
    return out


def _on_credit_line(text: str, c: Cand) -> bool:
    a = text.rfind("\n", 0, c.start) + 1
    b = text.find("\n", c.end)
    return bool(CREDIT_LINE.match(text[a:b if b >= 0 else len(text)]))


def _fuse_acronym_tails(doc, cands: list[Cand]) -> list[Cand]:
    text = doc_text(doc)
    ordered = sorted(cands, key=lambda c: c.start)
    out: list[Cand] = []
    for c in ordered:
        prev = out[-1] if out else None
        if prev is not None and text[prev.end:c.start] == " " and is_acronym(written(doc, c)) \
                and len(written(doc, c)) <= 4 and not is_acronym(written(doc, prev)) and prev.kind != "media":
            out[-1] = Cand(prev.start, c.end, "organization", "fused-acronym-tail", min(prev.confidence, c.confidence),
                           tok=(prev.tok[0], c.tok[1]))
            continue
        out.append(c)
    return out


def _cut_at_verb(doc, c: Cand) -> Cand | None:
    a, b = c.tok
    cut = next((i for i in range(a + 1, b) if doc[i].tag_ in ("VBZ", "VBD", "VBP") and doc[i].text[:1].isupper()), None)
    if cut is None:
        return c
    while cut > a and not doc[cut - 1].text[:1].isupper():
        cut -= 1
    if cut == a:
        return None
    c.end, c.tok = doc[cut - 1].idx + len(doc[cut - 1].text), (a, cut)
    if c.title_form:
        c.title_form = None
    return c


def _datelines(doc, cands: list[Cand]) -> set[str]:
    """Retypes the dateline's place and agency and the byline's names (adding the
    ones the model missed); returns the dateline's place names."""
    text = doc_text(doc)
    pos = len(text) - len(text.lstrip())
    placed: set[str] = set()
    for _ in range(DATELINE_BLOCKS):
        end = text.find("\n", pos)
        line = text[pos:end if end >= 0 else len(text)]
        d = dateline(line)
        _byline(doc, cands, pos, line)
        if d is not None:
            _mark(cands, pos, pos + len(d.place), "place")
            placed |= {fold(p) for p in d.place.split(",")}
            if d.agency:
                a = pos + line.index(f"({d.agency})") + 1
                if not _mark(cands, a, a + len(d.agency), "media"):
                    span = doc.char_span(a, a + len(d.agency), alignment_mode="expand")
                    if span is not None:
                        cands.append(Cand(a, a + len(d.agency), "media", "dateline-agency", 0.9,
                                          tok=(span.start, span.end), media_cue=True))
        if end < 0:
            break
        pos = end + 1
        while pos < len(text) and text[pos] == "\n":
            pos += 1
    return placed


def _byline(doc, cands: list[Cand], pos: int, line: str) -> None:
    """"By Ann Lee and OLE BERG": each name a person, in capitals or not."""
    m = BYLINE.match(line)
    if not m:
        return
    for part in NAME_IN_BYLINE.finditer(line, m.end()):
        a, b = pos + part.start(), pos + part.end()
        name = " ".join(w.capitalize() if w.isupper() else w for w in part.group().split())
        if OUTLET_NOUN.search(name):
            continue
        hit = [c for c in cands if c.start < b and a < c.end]
        for c in hit:
            c.start, c.end, c.kind, c.rule, c.name = a, b, "person", "byline", name
        span = doc.char_span(a, b, alignment_mode="expand")
        if hit:
            hit[0].tok = (span.start, span.end) if span is not None else hit[0].tok
            for extra in hit[1:]:
                cands.remove(extra)
        elif span is not None:
            cands.append(Cand(a, b, "person", "byline", 0.9, name=name, tok=(span.start, span.end)))


def _mark(cands: list[Cand], start: int, end: int, kind: str) -> bool:
    hit = False
    for c in cands:
        if c.start < end and start < c.end:
            c.kind, c.rule, c.name = kind, f"dateline-{kind}", None
            # "CITY (Agency) -": the agency in brackets abbreviates nothing
            c.acronym_for = None
            hit = True
    return hit


def _thing(doc, c: Cand) -> bool:
    """A product, platform, weapon or event named like an actor."""
    text = doc_text(doc)
    words = fold(written(doc, c)).split()
    while words and words[-1] in ("of", "the", "and"):
        words.pop()
    if words and words[-1] in EVENT_WORDS and len(words) > 1 and not set(words) & INSTITUTION_CUES:
        return True
    if DESIGNATION.match(written(doc, c)) or _designated(text, written(doc, c)):
        return True  # a model designation ("X-3"), wherever the document writes one
    root = doc[c.tok[1] - 1]
    head = root
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    chain = [head] + [t for t in head.children if t.dep_ in ("compound", "amod") and t.i > root.i]
    if head is not root and any(t.is_lower and t.lemma_.lower() in PRODUCT_NOUNS for t in chain):
        return True
    if any(t.dep_ == "appos" and t.lemma_.lower() in PRODUCT_NOUNS for t in root.children):
        return True
    # "X, its messaging app," whatever the parser hangs the apposition on
    m = APPOSED_THING.match(text, c.end)
    return bool(m) and m.group(1).lower() in PRODUCT_NOUNS


@lru_cache(maxsize=4)
def _dash_digits(text: str) -> tuple[int, ...]:
    """Where the text writes a hyphen before a digit: a search of the whole text
    per candidate cost a fifth of extraction on a long article."""
    return tuple(m.start() for m in re.finditer(r"-\d", text))


def _designated(text: str, name: str) -> bool:
    """The document writes ``name`` as a model designation somewhere ("X-3")."""
    n = len(name)
    return any(text[i - n:i] == name and (i == n or not (text[i - n - 1].isalnum() or text[i - n - 1] in "-_"))
               for i in _dash_digits(text) if i >= n)


def _person_surnames(doc, cands: list[Cand]) -> set[str]:
    full = [written(doc, c) for c in cands if c.kind == "person" and len(written(doc, c).split()) >= 2]
    return {fold(n.split()[-1]) for n in full}


def _place_context(doc, c: Cand) -> bool:
    a, b = c.tok
    text = doc_text(doc)
    if text[c.end:c.end + 2] in ("'s", "’s"):
        return False
    before = doc[a - 1].lower_ if a > 0 else ""
    if before in PLACE_PREPS:
        return True
    if a > 1 and before == "of" and doc[a - 2].lower_ in PLACE_BEFORE:
        return True
    return b < len(doc) and doc[b].is_lower and doc[b].lower_ in PLACE_AFTER


def _places(doc, cands: list[Cand], placed: set[str]) -> None:
    surnames = _person_surnames(doc, cands)
    open_ = [c for c in cands if c.kind in ("person", "organization", "place") and c.tok[1] - c.tok[0] <= 2
             and fold(written(doc, c)) not in surnames and not is_state(written(doc, c))
             and not (c.kind == "person" and c.tok[1] - c.tok[0] == 2)
             and not set(fold(written(doc, c)).split()) & INSTITUTION_CUES]
    names = placed | {fold(written(doc, c)) for c in open_ if _place_context(doc, c)}
    # A list of places ("reached Oster, Valby and Krennet", "in Valby or Krennet"):
    # every item is a place when one is, or when the list stands where a place does.
    lists: dict[int, set[str]] = {}
    for c in open_:
        head = doc[c.tok[1] - 1]
        while head.dep_ in ("conj", "appos") and head.head.i < head.i:
            head = head.head
        lists.setdefault(head.i, set()).add(fold(written(doc, c)))
    for head, items in lists.items():
        before = doc[head - 1].lower_ if head > 0 else ""
        if len(items) > 1 and (items & names or before in PLACE_PREPS):
            names |= items
    for c in open_:
        if fold(written(doc, c)) in names:
            c.kind, c.rule, c.name = "place", "context-place", None


def _states(doc, cands: list[Cand]) -> None:
    norps = [e.text for e in entities(doc) if e.label_ == "NORP"]
    text = doc_text(doc)
    owners = set()
    for c in cands:
        b = c.tok[1]
        if text[c.end:c.end + 2] in ("'s", "’s") and b + 1 < len(doc) and doc[b + 1].lower_ in STATE_OWNED:
            owners.add(fold(written(doc, c)))
    for c in cands:
        n = written(doc, c)
        if c.kind in ("person", "organization", "place") and len(n.split()) == 1 and (
                fold(n) in owners or any(demonym_of(d, n) for d in norps)):
            c.kind, c.rule = "country", "context-state"


def _defined_acronyms(doc, cands: list[Cand]) -> None:
    """An acronym the model typed as a place or person that abbreviates a name the
    document gives is that organisation's."""
    names = [written(doc, c) for c in cands if c.kind in ("organization", "media") and " " in written(doc, c)]
    for c in cands:
        n = written(doc, c)
        if c.kind in ("place", "country", "person") and is_acronym(n) and not is_state(n) \
                and any(abbreviates(n, m) for m in names):
            c.kind, c.rule = "organization", "acronym-defined"
