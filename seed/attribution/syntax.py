"""Reporting cues in the parse: the subject of a verb (climbing through
participles, conjoined verbs and relative clauses), the source of "according
to", a cue's words as written, negation and complements.

Plain functions over spaCy tokens; generic English newswriting, shared by the
quotes and claims stages.
"""
from __future__ import annotations

from dataclasses import dataclass


# What someone issues that then "says" something: a statement saying "...".
ISSUED = {"statement", "tweet", "memo", "post", "letter", "release", "message", "note",
          "video", "ad", "advertisement", "email", "report", "filing", "document", "communique"}


@dataclass
class Cue:
    """A reporting cue found in a sentence: the token, who it points to, how."""

    token: object  # spaCy Token of the verb / "according" / noun / adverb
    text: str  # the cue as written ("said", "according to", "is believed")
    kind: str  # "verb", "passive-own", "passive-hearsay", "according", "noun", "adverb", "headline"
    subject: object | None = None  # head token of the source phrase, if any
    negated: bool = False
    depth: int = 0  # distance from the sentence root: the outermost cue governs
    weak: bool = False  # a position taken ("wants", "opposes"), not a statement
    borrowed: bool = False  # its subject is another cue's, whose content the parser hung it in


def is_negated(verb) -> bool:
    kids = list(verb.children)
    if any(c.dep_ == "neg" for c in kids):
        return True
    for c in kids:
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if c.lower_ in ("none", "nobody", "neither", "nothing"):
            return True
        if any(x.dep_ in ("det", "preconj") and x.lower_ in ("no", "neither") for x in c.children):
            return True  # "No official has confirmed", "Neither A nor B has confirmed"
    return False


def _within(tok, bounds):
    """``tok`` if it lies in the token range ``bounds``; else the part of its subtree
    that does (a heading parsed into the next sentence drags its subject along)."""
    if tok is None or bounds is None or bounds[0] <= tok.i < bounds[1]:
        return tok
    for t in tok.subtree:
        if bounds[0] <= t.i < bounds[1] and not bounds[0] <= t.head.i < bounds[1] and not t.is_space:
            return t
    return None


def subject_of(verb, bounds=None, quoted=None):
    """The head token of the verb's subject (or agent), climbing through participles,
    conjoined verbs and relative clauses.  Returns (token or None, passive).
    ``bounds`` is the sentence's token range: a subject outside it is cut back;
    ``quoted`` (by token index) marks quoted words, which are never the subject
    ('"Full panic mode," said X': the parser may take "mode" for one)."""
    tok, passive = _subject_of(verb, quoted)
    if quoted is not None and (tok is None or tok.i > verb.i) and not passive:
        # '"...," Name, a title, said': the parse lost the name or took a later one
        tok = _after_quote(verb, quoted) or tok
    return _within(tok, bounds), passive


_CLOSING = {'"', "”", "’", "'", "''", "»"}


def _after_quote(verb, quoted):
    """The name between a closing quote (and its comma) and ``verb``: the head
    of the first run of nouns there, or None."""
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and verb.i - i <= 12 and not quoted[i] and doc[i].text not in _CLOSING:
        i -= 1
    if i < 0 or verb.i - i > 12 or i == verb.i - 1:
        return None
    run = []
    for t in doc[i + 1:verb.i]:
        if (t.pos_ in ("PROPN", "NOUN") or t.text[:1].isupper()) and t.is_alpha:  # a name the tagger took for a verb too
            run.append(t)
        elif run or not (t.is_punct or t.is_space):
            break
    # the quote ends in a comma (inside its marks or after them): "...," Name said
    comma = doc[i + 1].text == "," or doc[i].text == "," or (i > 0 and doc[i - 1].text in (",", "?", "!"))
    return run[-1] if run and comma else None


def _subject_of(verb, quoted=None):
    seen = 0
    v = verb
    while v is not None and seen < 6:
        seen += 1
        kids = list(v.children)  # each walk of Token.children builds every child again
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
        for c in kids:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p, False
        for c in kids:
            if c.dep_ in ("nsubj", "nsubjpass") and not (quoted is not None and quoted[c.i]):
                if c.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                    return v.head, passive
                return c, passive
        # "said Smith" sometimes comes out as an object of the verb
        if v.lemma_ == "say":
            nxt = v.doc[v.i + 1] if v.i + 1 < len(v.doc) else None
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.head == v and nxt.ent_type_ not in ("DATE", "TIME"):
                return nxt, False
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ == "PROPN":
            return v.head, False  # "footage of X asking ...": X asks
        if v.dep_ == "acl" and v.head.lemma_.lower() in ISSUED and v.head.head != v.head:
            v = v.head.head  # "issued a statement saying ...": whoever issued it
            continue
        if v.dep_ in ("pcomp", "pobj") and v.tag_ == "VBG" and v.head.dep_ == "prep" and v.head.head != v.head:
            v = v.head.head  # "before noting", "by saying": the subject of the main verb
            continue
        if v.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "ccomp", "acomp") and v.head != v:
            if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
                return None, passive
            v = v.head
            continue
        return None, passive
    return None, False


def according_source(tok):
    """For an "according" token, the head of what follows "according to"."""
    for c in tok.children:
        if c.lower_ == "to":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    nxt = tok.doc[tok.i + 1:tok.i + 2]
    if len(nxt) and nxt[0].lower_ == "to":
        for p in nxt[0].children:
            if p.dep_ == "pobj":
                return p
    return None


def verb_cue_text(verb) -> str:
    parts = [verb]
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass") and c.i < verb.i and c.lower_ not in ("to",):
            parts.append(c)
        if c.dep_ == "prt":
            parts.append(c)
        if c.dep_ == "neg":
            parts.append(c)
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def has_complement(verb) -> bool:
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd", "dative", "parataxis"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("as", "on", "about", "for", "against", "of", "with", "to"):
            return True
    return verb.dep_ in ("parataxis",) or (verb.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in verb.children))
