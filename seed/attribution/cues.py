"""Finding the reporting cues of a sentence: a verb such as "said" or "denied",
"according to", an agentless passive such as "is believed to", a hearsay
adverb such as "reportedly", a noun such as "reports that", "no evidence", or a
headline's "Name: statement".  The outermost cue governs the sentence: "X
wrote, citing Y" is X's claim.
"""
from __future__ import annotations

from ..text.columns import column
from ..text.sentences import sentences
from .context import ClaimContext
from .syntax import Cue, according_source, has_complement, is_negated, verb_cue_text
from .words import (CLAIM_NOUNS, HEARSAY_ADVERBS, NEEDS_COMPLEMENT, PASSIVE_HEARSAY, PASSIVE_OWN, POSITION_VERBS,
                    REPORT_VERBS, THAT_ONLY)

# Secondary cues: they name a source's source, never the claimant of the sentence.
SECONDARY = {"cite", "quote", "refer"}
# A negated verb of these is the writer reporting an absence ("has not confirmed").
NEGATABLE = {"confirm", "say", "report", "comment", "announce", "verify", "acknowledge",
             "admit", "disclose", "reveal"}
NO_NOUNS = {"indication", "evidence", "confirmation", "information", "sign", "proof", "word"}
# Between cues equally deep in the parse, the more explicit one names the source.
CUE_RANK = {"headline": 0, "verb": 1, "according": 2, "passive-own": 3, "passive-hearsay": 3,
            "noun": 4, "absence": 5, "adverb": 6, "secondary": 7}


def _cue_depth(tok) -> int:
    d = 0
    while tok.head != tok and d < 50:
        tok, d = tok.head, d + 1
    return d


def main_cue(cues: list[Cue]) -> Cue:
    """The cue that governs the sentence: the outermost, then the most explicit."""
    return min(cues, key=lambda c: (c.depth, CUE_RANK[c.kind]))


def sentence_cues(ctx: ClaimContext, s: int, e: int) -> list[Cue]:
    """The cues among the tokens [s, e), outside quotes."""
    toks, quoted, out = ctx.toks, ctx.quoted, []
    doc = ctx.doc
    # Every token is tested for these three; the rest only on a candidate cue.
    lower, pos, space = column(doc, "lower_"), column(doc, "pos_"), column(doc, "is_space")
    for i in range(s, e):
        if quoted[i] or space[i]:
            continue
        t = toks[i]
        if lower[i] == "according" and i + 1 < e and lower[i + 1] == "to":
            out.append(Cue(t, "according to", "according", according_source(t)))
        elif pos[i] == "VERB" and t.lemma_ in REPORT_VERBS:
            cue = _verb_cue(ctx, t, s, e)
            if cue is not None:
                out.append(cue)
        elif pos[i] == "VERB" and t.lemma_ in POSITION_VERBS:
            cue = _position_cue(ctx, t, s, e)
            if cue is not None:
                out.append(cue)
        elif lower[i] in HEARSAY_ADVERBS:
            out.append(Cue(t, t.text, "adverb"))
        elif pos[i] == "NOUN" and t.lemma_.lower() in CLAIM_NOUNS and _introduces_that(doc, t):
            owner = next((c for c in t.children if c.dep_ in ("poss", "compound")), None)
            if owner is None and t.tag_ != "NNS":
                continue  # "the suggestion that ...": the writer's own framing
            out.append(Cue(t, t.text, "noun", owner))
        elif pos[i] == "NOUN" and t.lemma_.lower() in NO_NOUNS and _absent(doc, t, s, e):
            out.append(Cue(t, f"no {t.text}", "absence"))
    for c in out:
        c.depth = _cue_depth(c.token)
    if any(c.weak for c in out) and not all(c.weak for c in out):
        # a statement outranks a position, unless it goes on from it ("defends A, saying B")
        beside = {c.token.head.i for c in out if not c.weak and c.token.dep_ in ("advcl", "conj")}
        out = [c for c in out if not c.weak or c.token.i in beside]
    return out


def _position_cue(ctx: ClaimContext, t, s: int, e: int) -> Cue | None:
    """A position verb ("wants", "opposes") as a cue: the main verb of a
    statement (not "sent troops to support ...", not a question), with a
    complement, not passive, and a subject that names someone."""
    main = t.dep_ == "ROOT" or (t.dep_ == "conj" and t.head.dep_ == "ROOT")
    last = next((u for u in reversed(ctx.toks[s:e]) if not u.is_space), t)
    if not main or not has_complement(t) or last.text == "?":
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):
        return None
    subj, _ = ctx.res.subject(t)
    if subj is None or ctx.res.resolve(subj) is None:
        return None
    return Cue(t, verb_cue_text(t), "verb", subj, is_negated(t), weak=True)


def _verb_cue(ctx: ClaimContext, t, s: int, e: int) -> Cue | None:
    """The cue a reporting verb makes, or None where it reports nothing here."""
    kids = list(t.children)  # walked up to four times below
    if t.dep_ == "amod" or (t.dep_ in ("acl", "advcl", "prep") and t.tag_ == "VBN" and not any(
            c.dep_ in ("aux", "nsubj", "auxpass", "nsubjpass") for c in kids)):
        return None  # "a signed pact", "the report cited", "compared to last year": no statement here
    if t.dep_ == "xcomp" and t.head.lemma_ in ("decline", "refuse", "want", "try", "plan"):
        return None  # "declined to comment" says nothing
    if t.lemma_ in NEEDS_COMPLEMENT and not has_complement(t):
        return None
    if t.lemma_ in THAT_ONLY and not _that_clause(ctx, t, s, e):
        return None
    if t.dep_ in ("pcomp", "pobj", "csubj") and not any(c.dep_ == "nsubj" for c in kids) and not (
            t.head.lower_ in ("by", "before", "after", "while", "when") and _that_clause(ctx, t, s, e)):
        return None  # "on maintaining ...": a gerund, not a report ("by saying that ..." is one)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
    agent = any(c.dep_ == "agent" for c in kids)
    subj, _ = ctx.res.subject(t)
    if passive and not agent and t.lemma_ in PASSIVE_OWN:
        return Cue(t, verb_cue_text(t), "passive-own")
    if passive and not agent and t.lemma_ in PASSIVE_HEARSAY:
        return Cue(t, verb_cue_text(t), "passive-hearsay", subj)
    if passive and not agent:
        return None
    kind = "secondary" if t.lemma_ in SECONDARY else "verb"
    neg = is_negated(t)
    if neg and t.lemma_ not in NEGATABLE:
        return None  # not expecting something claims nothing
    return Cue(t, verb_cue_text(t), kind, subj, neg)


def _that_clause(ctx: ClaimContext, verb, s: int, e: int) -> bool:
    """A that-clause or a quote as the verb's content."""
    for c in verb.children:
        if c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            return True
    a, b = ctx.doc[s].idx, ctx.doc[e - 1].idx
    return any(a <= ctx.quotes[i].start <= b for i in ctx.overlapping(a, b + 1))


def _absent(doc, noun, s: int, e: int) -> bool:
    """"no evidence", or "any evidence" under a negation ("unable to find any")."""
    dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
    if "no" in dets:
        return True
    return "any" in dets and any(
        t.dep_ == "neg" or t.lower_ in ("unable", "without", "never") for t in doc[s:noun.i])


def _introduces_that(doc, noun) -> bool:
    for t in doc[noun.i + 1:min(len(doc), noun.i + 5)]:
        if (t.lower_ == "that" and t.tag_ == "IN") or t.lower_ == "whether":
            return True
        if t.pos_ == "VERB" or t.is_punct:
            return False
    return False


def headline(ctx: ClaimContext, s: int, e: int) -> Cue | None:
    """"Name: statement", a headline convention, for a person or institution;
    in the body only without a full stop, a title may have one."""
    toks = [t for t in ctx.toks[s:e] if not t.is_space]
    if len(toks) < 4 or (toks[-1].text in ".?!" and sentences(ctx.doc)[0][0] != s):
        return None  # only the first sentence, the title, may end in a full stop
    m = ctx.res.mentions.at(toks[0].idx, toks[0].idx + 1)
    if m is None or m.start != toks[0].idx or ctx.res.kind.get(m.actor) not in ("person", "organization", "media"):
        return None
    colon = next((t for t in toks if t.idx >= m.end), None)
    if colon is None or colon.text != ":" or colon.idx - m.end > 1:
        return None
    return Cue(colon, ":", "headline")
