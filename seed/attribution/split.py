"""A sentence holding several attributions side by side: "X said A, adding B",
"X denied A and warned B", "X said A, and Y insisted B", "while X dismissed A,
Y insisted B".  Each is a claim of its own, so the sentence is cut between
them; a cue nested in another's content ("X said Y denied B") is not cut out,
as its content is part of the outer claim.

A sentence whose governing cue stands in a clause beside the writer's own
("The bill passed, but X said B", "A, though X notes B", "Y, who told Z B,
...") claims only that clause: the rest is the writer's, not X's.  A clause
that points at the sentence's content instead ("as X said, B"; "B, X said")
keeps the sentence.
"""
from __future__ import annotations

from dataclasses import replace

from .syntax import Cue


def _peer(tok, heads: set[int]) -> bool:
    """A cue side by side with one of ``heads``: a coordinated verb, a
    participle ("..., adding"), or a subordinate clause ("while X ...")."""
    if tok.head.i not in heads or tok.head == tok:
        return False
    if tok.dep_ == "conj":
        return True
    return tok.dep_ == "advcl" and (tok.tag_ == "VBG" or any(m.dep_ == "mark" for m in tok.children))


def _hung_in_content(tok, main: Cue) -> bool:
    """A cue the parser hung inside ``main``'s content that goes on from
    ``main`` itself: "X said A would fall, arguing B" (a participle after a
    comma) or "X said he would order A and warned B" (a verb in ``main``'s
    tense, not its head's).  Neither has a subject of its own."""
    verb = main.token
    if tok.head.head != verb or tok.head.dep_ not in ("ccomp", "xcomp") or tok.head.i < verb.i:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
        return False
    if tok.dep_ == "advcl" and tok.tag_ == "VBG":
        return tok.i > 0 and tok.doc[tok.i - 1].text == ","
    return tok.dep_ == "conj" and tok.tag_ == verb.tag_ != tok.head.tag_


def peers(main: Cue, cues: list[Cue]) -> list[Cue]:
    """The verb cues side by side with ``main``, in text order; a peer's peer
    counts.  A peer hung in ``main``'s content borrows ``main``'s subject."""
    heads, out = {main.token.i}, []
    for c in sorted(cues, key=lambda c: c.depth):
        if c is main or c.kind not in ("verb", "secondary"):
            continue
        if _peer(c.token, heads):
            heads.add(c.token.i)
            out.append(c)
        elif not c.weak and main.subject is not None and _hung_in_content(c.token, main):
            heads.add(c.token.i)
            out.append(replace(c, subject=main.subject, borrowed=True))
    return sorted(out, key=lambda c: c.token.i)


def _beside(verb) -> bool:
    """The verb heads a clause set beside its head's (coordinated, relative,
    or subordinate with a conjunction other than "as")."""
    if verb.dep_ in ("conj", "relcl"):
        return True
    marks = [m.lower_ for m in verb.children if m.dep_ == "mark"]
    return verb.dep_ == "advcl" and bool(marks) and "as" not in marks


def clause(main: Cue, s: int, e: int) -> tuple[int, int]:
    """The token range of [s, e) that ``main``'s claim can cover."""
    verb = main.token
    if main.kind not in ("verb", "secondary") or not _beside(verb):
        return s, e
    lo, hi = max(s, verb.left_edge.i), min(e, verb.right_edge.i + 1)
    doc = verb.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or (doc[lo].dep_ == "mark" and doc[lo].head == verb)):
        lo += 1  # "although" ties the clause to the writer's; it is not the source's word
    while hi < e and (doc[hi].is_punct or doc[hi].is_space):
        hi += 1
    return (lo, hi) if lo < hi else (s, e)


def split(main: Cue, cues: list[Cue], s: int, e: int, sourced) -> list[tuple[tuple[int, int], Cue]]:
    """Token ranges of the sentence [s, e), each with the cue it is the claim
    of: the main cue's and one per peer with a source (``sourced(cue)``; "while
    the loan suggests ..." stays in the main claim), covering the sentence, or
    the clause beside the writer's that ``main`` stands in (``clause``)."""
    s, e = clause(main, s, e)
    pieces: list[tuple[int, int, Cue]] = []
    for c in peers(main, cues):
        if not sourced(c):
            continue
        sub = list(c.token.subtree)
        lo, hi = max(s, sub[0].i), min(e, sub[-1].i + 1)
        if not lo <= main.token.i < hi and not any(a < hi and lo < b for a, b, _ in pieces):
            pieces.append((lo, hi, c))
    before = sorted((p for p in pieces if p[1] <= main.token.i), key=lambda p: p[0])
    after = sorted((p for p in pieces if p[0] > main.token.i), key=lambda p: p[0])
    if before and before[0][0] != s:
        before = []  # words ahead of the first peer would belong to no one
    doc, out, start = main.token.doc, [], s
    for k, (_, hi, c) in enumerate(before):
        end = before[k + 1][0] if k + 1 < len(before) else hi
        while end < main.token.i and (doc[end].is_punct or doc[end].is_space):
            end += 1  # the comma closing a clause is its own
        out.append(((start, end), c))
        start = end
    bounds = [lo for lo, _, _ in after] + [e]
    out.append(((start, bounds[0]), main))
    for (lo, _, c), end in zip(after, bounds[1:]):
        out.append(((lo, end), c))
    return out
