"""Claims: sentences (or clauses) that attribute an assertion to someone.

A sentence is a claim when it carries a reporting cue (a verb such as "said" or
"denied", "according to", an agentless passive such as "is believed to", a
hearsay adverb such as "reportedly", a noun such as "reports that"), when it
carries on the previous claim's source, or when it states figures about people
(troops, casualties) in the writer's own voice.  The outermost cue governs the
sentence: "X wrote, citing Y" is X's claim.

Cues are found in ``cues``, the source behind one chosen in ``sources``, a
claim's stance read in ``stance``; this module makes the claims, sentence by
sentence, and carries a source on to the next sentence.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import Claim, DocActors, Quote
from ..text.columns import column, doc_text
from ..text.sentences import sentences, trim_span
from .context import ClaimContext
from .cues import headline, main_cue, sentence_cues
from .sources import claimants
from .split import split
from .stance import stance
from .syntax import Cue
from .words import PERSON_PRONOUNS

CONTINUERS = re.compile(r"^(for example|for instance|in particular|moreover|furthermore|"
                        r"in addition|he also|she also|they also)\b", re.I)
# What a figure about people counts: troops, casualties, captives ...
PEOPLE = {
    "troop", "soldier", "personnel", "serviceman", "servicemen", "fighter", "force",
    "infantry", "officer", "worker", "laborer", "labourer", "builder", "sapper", "civilian",
    "people", "person", "man", "men", "woman", "women", "child", "children", "casualty",
    "death", "dead", "captive", "prisoner", "pow", "deserter", "refugee", "comrade",
    "adviser", "advisor", "trainer", "pilot", "instructor", "volunteer", "mercenary",
    "recruit", "conscript", "citizen", "victim", "body", "guerrilla", "militant",
    "marine", "commando", "specialist", "engineer", "crew", "member", "loss",
    "sailor", "staff", "employee", "resident", "migrant", "protester", "hostage",
    "detainee", "passenger", "student", "evacuee", "survivor", "firefighter",
    "rescuer", "police", "policeman", "guard", "doctor", "nurse", "journalist",
}
PEOPLE_VERBS = {"kill", "wound", "injure", "capture", "die", "desert", "flee", "deploy",
                "dispatch", "evacuate", "lose", "miss"}
VAGUE_NUMBERS = {"dozens", "hundreds", "thousands", "tens", "millions", "scores"}


def extract_claims(doc, actors: DocActors, quotes: list[Quote], own: str | None) -> list[Claim]:
    """Attributed assertions of ``doc``; ``own`` is the key of its author or outlet."""
    ctx = ClaimContext(doc, actors, quotes, own)
    claims: list[Claim] = []
    prev: Claim | None = None  # the claim of the previous sentence, if it made one
    for s, e in sentences(doc):
        a, b = trim_span(doc, s, e)
        made = _sentence_claims(ctx, s, e, a, b, prev)
        claims.extend(made)
        if made:
            prev = made[-1]
        elif mostly_quote(ctx, a, b) is None:
            prev = None  # a quoted sentence goes on in its source's voice
    return _with_quoted(ctx, _colon_blocks(ctx, claims))


_BLOCK_LONGEST = 3000  # characters: a statement set out below its cue, not the rest of the page


def _colon_blocks(ctx: ClaimContext, claims: list[Claim]) -> list[Claim]:
    """"Lee continued:" closing its paragraph sets out what was said in the
    next one: the claim runs on over that paragraph, which makes no claims of its own."""
    text = doc_text(ctx.doc)
    out: list[Claim] = []
    block = (0, 0)  # the paragraph the last such claim ran on over
    for c in claims:
        if block[0] <= c.start and c.end <= block[1]:
            continue
        if c.cue is not None and c.text.endswith(":") and "\n" in text[c.end:c.end + 3]:
            start = c.end + len(text[c.end:]) - len(text[c.end:].lstrip())
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if start < end and end - start <= _BLOCK_LONGEST:
                qi = next((i for i in ctx.overlapping(start, end) if start <= ctx.quotes[i].start), c.quote)
                c = replace(c, end=end, text=text[c.start:end], quote=qi)
                block = (start, end)
        out.append(c)
    return out


# Quotes whose speaker no cue in their sentence names: a transcript's label, a
# dash and a name, a quote going on from the last.  What they say is a claim too.
QUOTED_RULES = {"quote-label", "quote-dash", "quote-continued"}


def _with_quoted(ctx: ClaimContext, claims: list[Claim]) -> list[Claim]:
    """``claims`` and a claim for each statement quoted under no cue of its own
    (six words or more, no claim over it already), in text order."""
    extra = []
    for i, q in enumerate(ctx.quotes):
        if q.speaker is None or q.rule not in QUOTED_RULES or len(q.text.split()) < 6:
            continue
        if any(c.start < q.end and q.start < c.end for c in claims):
            continue
        span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
        said = stance(ctx.doc, None, span.start, span.end) if span is not None else "asserts"
        extra.append(Claim(q.start, q.end, q.text, q.speaker, q.cue, said, i, "claim-quoted", 0.6))
    return sorted(claims + extra, key=lambda c: c.start) if extra else claims


def _sentence_claims(ctx: ClaimContext, s: int, e: int, a: int, b: int, prev: Claim | None) -> list[Claim]:
    """The claims of the sentence of tokens [s, e), characters [a, b)."""
    doc = ctx.doc
    pos = column(doc, "pos_")
    made: list[Claim] = []
    has_verb = any(p in ("VERB", "AUX") for p in pos[s:e])
    cues = sentence_cues(ctx, s, e) if has_verb else []
    head = headline(ctx, s, e)
    if head is not None:
        cues = [head]
    main_cues = [c for c in cues if c.kind != "secondary"] or cues
    if main_cues:
        main = main_cue(main_cues)
        spans = split(main, main_cues, s, e, lambda c: claimants(ctx, c, prev, s)[0] is not None)
        for (cs, ce), cue in spans:
            ca, cb = trim_span(doc, cs, ce)
            for key in claimants(ctx, cue, prev, s):
                made.append(_claim(ctx, ca, cb, key, cue, cs, ce, f"claim-{cue.kind}"))
    else:
        cont = _continuation(ctx, s, e, prev)
        if cont is not None:
            made.append(_claim(ctx, a, b, cont, None, s, e, "claim-continued", 0.6))
        elif has_people_figure(ctx.toks, s, e) and _factual(ctx.toks, s, e):
            q = mostly_quote(ctx, a, b)
            key = q.speaker if q is not None else ctx.own
            made.append(_claim(ctx, a, b, key, None, s, e, "claim-figure", 0.6))
    return made


def _continuation(ctx: ClaimContext, s: int, e: int, prev: Claim | None) -> str | None:
    """The previous claim's source, for a sentence without a cue that carries it
    on ("For example, ...", "He also ...")."""
    if prev is None or prev.claimant is None:
        return None
    toks = ctx.toks
    first = next((t for t in toks[s:e] if not t.is_space), None)
    if first is None:
        return None
    text = doc_text(ctx.doc)[first.idx:toks[e - 1].idx + len(toks[e - 1].text)]
    if CONTINUERS.match(text):
        return prev.claimant
    root = next((t for t in toks[s:e] if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    if subj is not None and subj.lower_ in PERSON_PRONOUNS and ctx.res.resolve(subj) == prev.claimant:
        return prev.claimant
    return None


def _claim(ctx: ClaimContext, a, b, key, cue, s, e, rule, conf=0.8) -> Claim:
    text = doc_text(ctx.doc)
    for i in ctx.overlapping(a, a + 1):
        q = ctx.quotes[i]
        # a quote of several sentences attributed at its end: the claim is all of it
        if q.start < a < q.end and "\n" not in text[q.start:a]:
            a = q.start - 1
            break
    for i in ctx.overlapping(b - 1, b):
        q = ctx.quotes[i]
        # "X said: 'A. B.'": the quote the claim opens runs on past its first sentence
        if a <= q.start and q.end > b and "\n" not in text[b:q.end]:
            b = q.end + (1 if q.end < len(text) and text[q.end] in "\"”’'»" else 0)
            break
    qi = next((i for i in ctx.overlapping(a, b) if a <= ctx.quotes[i].start and ctx.quotes[i].end <= b), None)
    return Claim(a, b, doc_text(ctx.doc)[a:b], key, cue.text if cue else None,
                 stance(ctx.doc, cue, s, e), qi, rule, conf if key is not None or cue is None else conf - 0.1)


# -- figures in the writer's voice ------------------------------------------------


def has_people_figure(toks, s: int, e: int) -> bool:
    """Does the sentence of tokens [s, e) count people: troops, casualties, captives?"""
    for t in toks[s:e]:
        if t.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY"):
            continue
        if not (t.like_num or t.lower_ in VAGUE_NUMBERS) or t.is_space:
            continue
        if re.fullmatch(r"(1[89]|20)\d\d", t.text):
            continue  # a year
        if t.i > 0 and toks[t.i - 1].lower_ in ("the", "these", "those", "both", "all"):
            continue  # "the two men": a reference, not a count
        for u in toks[t.i + 1:min(e, t.i + 7)]:
            if u.lemma_.lower() in PEOPLE or u.lower_ in PEOPLE or (u.ent_type_ == "NORP" and u.tag_ == "NNPS"):
                return True
            if u.pos_ == "VERB" and u.lemma_ in PEOPLE_VERBS:
                return True
            if u.like_num and u.i > t.i + 2:
                break
    return False


def _factual(toks, s: int, e: int) -> bool:
    """A stated figure, not a hypothesis or a caption."""
    toks = [t for t in toks[s:e] if not t.is_space]
    if not toks or toks[-1].text not in (".", "!", "”", '"', "’", "'", ")"):
        return False
    return not any(t.lower_ in ("would", "if", "could", "might") for t in toks)


def mostly_quote(ctx: ClaimContext, a: int, b: int) -> Quote | None:
    """The quote that makes up most of [a, b), if one does."""
    for i in ctx.overlapping(a, b):
        q = ctx.quotes[i]
        if min(q.end, b) - max(q.start, a) >= 0.6 * (b - a):
            return q
    return None
