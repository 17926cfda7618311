"""What a figure counts when the noun beside it is not the counted thing.

Four shapes of sentence, each read from the parse, none tied to a word of one story:

- a part and its whole: in "at least N of the M troops sent ... had been
  killed", the verb is said of the N; the M is a count of the troops;
- a count named by its subject: "the number of soldiers killed and wounded
  ... has exceeded N" counts what "the number of" names, with its verbs;
- "N total", "N in all": "total" is no counted noun; the count is of what the
  sentence counted before it ("1,240 people ... and 6,000 total");
- "N of them children": the noun after "of them" says who the N are.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

# Nouns that stand for a count rather than for what is counted.
COUNT_NOUNS = {"number", "total", "count", "tally", "toll", "figure", "sum"}
TOTAL_WORDS = {"total", "overall", "altogether", "combined"}
# Verbs whose object is the value of their subject ("the toll has passed N").
REACH_VERBS = {"exceed", "pass", "reach", "top", "surpass", "hit", "stand", "climb", "rise", "grow", "be",
               "approach", "near", "cross", "total", "amount", "increase", "jump", "soar"}


def _is_number(tok: Token) -> bool:
    return tok.like_num or tok.pos_ == "NUM" or tok.tag_ == "CD"


def whole_of_part(noun: Token, span: Span) -> bool:
    """Whether ``span`` counts the whole that another number takes a part of: the
    600 in "40 of the 600 troops" (its noun hangs from an "of" under that number)."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    part = noun.head.head
    return _is_number(part) and not span.start <= part.i < span.end and part.i < span.start


def _predicate_subject(span: Span) -> Token | None:
    """The subject whose value the figure is: "<subject> has exceeded <figure>",
    "<subject> rose to <figure>", "<subject> is <figure>"."""
    root = next((t for t in reversed(span) if not span.start <= t.head.i < span.end or t.head is t), span[-1])
    verb = root.head
    if root.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif root.dep_ not in ("dobj", "attr", "npadvmod", "advmod"):
        return None
    if verb.lemma_.lower() not in REACH_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def named_count(span: Span) -> tuple[Token, list[Token]] | None:
    """(counted noun, the verbs said of it) when the figure is the value of "the number
    of X ...": the verbs may hang from "number" or from X ("killed and wounded")."""
    subj = _predicate_subject(span)
    if subj is None or subj.lower_ not in COUNT_NOUNS:
        return None
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    verbs = [v for t in (subj, obj) for v in t.children if v.dep_ in ("acl", "relcl") and v.pos_ in ("VERB", "ADJ")]
    verbs += [c for v in verbs for c in v.children if c.dep_ == "conj"]
    return obj, verbs


def is_total(noun: Token | None) -> bool:
    return noun is not None and noun.lower_ in TOTAL_WORDS


def earlier_count(span: Span) -> Token | None:
    """The noun the same sentence counted before ``span`` ("1,240 people")."""
    sent_start = span.sent.start
    for t in reversed(span.doc[sent_start:span.start]):
        if t.pos_ == "NOUN" and t.lower_ not in TOTAL_WORDS and any(
                c.dep_ == "nummod" and _is_number(c) for c in t.children):
            return t
    return None


def of_them(span: Span) -> Token | None:
    """"9,100 of them children": the noun after the pronoun."""
    doc = span.doc
    i = span.end
    if i + 2 < len(doc) and doc[i].lower_ == "of" and doc[i + 1].lower_ in ("them", "these", "those", "whom") \
            and doc[i + 2].pos_ == "NOUN":
        return doc[i + 2]
    return None
