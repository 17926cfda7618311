"""Choosing the source a cue names: who a claim is attributed to.

The writer's own voice for an agentless "is believed" or a reported absence,
the subject of a reporting verb (one claim each for "A and B have said"), the
outlet told something, the previous sentence's source for hearsay and for a
pronoun that carries it on.
"""
from __future__ import annotations

from ..records import Claim
from .context import ClaimContext
from .cues import NEGATABLE
from .syntax import Cue
from .words import REPORT_VERBS


def claimants(ctx: ClaimContext, cue: Cue, prev: Claim | None, s: int) -> list[str | None]:
    """The keys of who stands behind ``cue`` in the sentence starting at token
    ``s`` (None: a vague source); ``prev`` is the previous sentence's claim."""
    t = cue.token
    if cue.kind in ("passive-own", "absence"):
        return [ctx.own]
    if cue.kind == "headline":
        m = ctx.res.mentions.at(ctx.doc[s].idx, ctx.doc[s].idx + 1)
        return [m.actor if m else None]
    if cue.kind == "passive-hearsay":
        if t.lemma_ in ("tell", "inform", "brief") and cue.subject is not None:
            k = ctx.res.resolve(cue.subject)  # "The Paper has been told that ..."
            if k is not None and ctx.res.kind.get(k) in ("media", "organization"):
                return [k]
        return [prev.claimant if prev is not None else None]
    if cue.kind == "adverb":
        subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if prev is not None and subj is not None and subj.pos_ == "PRON":
            return [prev.claimant]
        return [None]
    if cue.kind == "noun":
        return [ctx.res.resolve(cue.subject) if cue.subject is not None else None]
    if cue.kind == "according":
        return [ctx.res.resolve(cue.subject)]
    if cue.negated and t.lemma_ in NEGATABLE:
        return [ctx.own]
    return _verb_claimants(ctx, cue, prev)


def _verb_claimants(ctx: ClaimContext, cue: Cue, prev: Claim | None) -> list[str | None]:
    t, subj = cue.token, cue.subject
    if subj is None:
        return [None]
    if (t.tag_ == "VBG" and not cue.borrowed and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            and t.head.lemma_ not in REPORT_VERBS and prev is not None):
        return [prev.claimant]  # "..., hinting that": the previous source goes on
    keys = [ctx.res.resolve(subj)]
    for c in subj.children:  # "A and B have indicated": a claim each
        if c.dep_ == "conj" and not ctx.in_quote(c):
            k = ctx.res.mentions.over(c)
            if k is not None and k not in keys:
                keys.append(k)
    if keys[0] is None and t.lemma_ == "tell":
        # "a source told The Paper": the outlet is who stands behind it
        for c in t.children:
            if c.dep_ in ("dative", "dobj"):
                k = ctx.res.resolve(c)
                if k is not None and ctx.res.kind.get(k) in ("media", "organization"):
                    return [k]
    if keys[0] is None and subj.lower_ in ("some", "others", "many") and prev is not None:
        return [prev.claimant]
    return keys
