"""Claims: sentences (or clauses) that attribute an assertion to someone.

A sentence is a claim when it carries a reporting cue (a verb such as "said" or
"denied", "according to", an agentless passive such as "is believed to", a
hearsay adverb such as "reportedly", a noun such as "reports that"), when it
carries on the previous claim's source, or when it states figures about people
(troops, casualties) in the writer's own voice.  The outermost cue governs the
sentence: "X wrote, citing Y" is X's claim.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..records import Claim, DocActors, Quote
from ..text.columns import column, doc_text, tokens
from ..text.sentences import sentences, trim_span
from .resolver import (
    Cue,
    Resolver,
    according_source,
    has_complement,
    is_negated,
    verb_cue_text,
)
from .words import (
    CLAIM_NOUNS,
    HEARSAY_ADVERBS,
    NEEDS_COMPLEMENT,
    PASSIVE_HEARSAY,
    PASSIVE_OWN,
    PERSON_PRONOUNS,
    REPORT_VERBS,
    THAT_ONLY,
)

# Secondary cues: they name a source's source, never the claimant of the sentence.
SECONDARY = {"cite", "quote", "refer"}
# A negated verb of these is the writer reporting an absence ("has not confirmed").
NEGATABLE = {"confirm", "say", "report", "comment", "announce", "verify", "acknowledge",
             "admit", "disclose", "reveal"}
SPECULATIVE_CUES = {"expect", "believe", "think", "estimate", "predict", "speculate",
                    "forecast", "project", "suggest", "anticipate", "fear", "assess", "expectation",
                    "speculation", "prediction", "apparently", "seemingly"}
DENIAL_CUES = {"deny", "dismiss", "reject", "refute", "rebut", "disavow", "dispute"}
DENIAL_WORDS = re.compile(
    r"\b(hoax|fake|false|fabricat\w*|untrue|baseless|groundless|nonsense|lies?|propaganda|"
    r"no (?:confirmed )?(?:indication|evidence|proof|sign|confirmation)|not true|dubious)\b", re.I)
MODALS = {"may", "might", "could"}
HEDGES = {"likely", "possibly", "probably", "perhaps", "potentially", "plausible",
          "possibility", "unlikely", "apparently"}
NO_NOUNS = {"indication", "evidence", "confirmation", "information", "sign", "proof", "word"}
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
# Between cues equally deep in the parse, the more explicit one names the source.
CUE_RANK = {"headline": 0, "verb": 1, "according": 2, "passive-own": 3, "passive-hearsay": 3,
            "noun": 4, "absence": 5, "adverb": 6, "secondary": 7}
VAGUE_NUMBERS = {"dozens", "hundreds", "thousands", "tens", "millions", "scores"}


def _cue_depth(tok) -> int:
    d = 0
    while tok.head != tok and d < 50:
        tok, d = tok.head, d + 1
    return d


class _Claims:
    def __init__(self, doc, actors: DocActors, quotes: list[Quote], own: str | None):
        self.doc = doc
        self.actors = actors
        self.quotes = quotes
        self._quote_ends = [q.end for q in quotes]  # quotes are disjoint and in text order
        self.own = own
        self.res = Resolver(doc, actors, [(q.start, q.end) for q in quotes], own)
        self.toks = tokens(doc)
        self.quoted = self.res.token_quoted

    def _overlapping(self, a: int, b: int):
        """Indexes of the quotes that overlap [a, b)."""
        i = bisect_right(self._quote_ends, a)
        while i < len(self.quotes) and self.quotes[i].start < b:
            yield i
            i += 1

    def in_quote(self, tok) -> bool:
        return self.quoted[tok.i]

    # -- cues -----------------------------------------------------------------

    def cues(self, s: int, e: int) -> list[Cue]:
        toks, quoted, out = self.toks, self.quoted, []
        doc = self.doc
        # Every token is tested for these three; the rest only on a candidate cue.
        lower, pos, space = column(doc, "lower_"), column(doc, "pos_"), column(doc, "is_space")
        for i in range(s, e):
            if quoted[i] or space[i]:
                continue
            t = toks[i]
            if lower[i] == "according" and i + 1 < e and lower[i + 1] == "to":
                out.append(Cue(t, "according to", "according", according_source(t)))
            elif pos[i] == "VERB" and t.lemma_ in REPORT_VERBS:
                kids = list(t.children)  # walked up to four times below
                if t.dep_ == "amod" or (t.dep_ == "acl" and t.tag_ == "VBN" and not any(
                        c.dep_ in ("aux", "nsubj") for c in kids)):
                    continue  # "a signed pact", "the report cited": not a statement here
                if t.dep_ == "xcomp" and t.head.lemma_ in ("decline", "refuse", "want", "try", "plan"):
                    continue  # "declined to comment" says nothing
                if t.lemma_ in NEEDS_COMPLEMENT and not has_complement(t):
                    continue
                if t.lemma_ in THAT_ONLY and not self._that_clause(t, s, e):
                    continue
                if t.dep_ in ("pcomp", "pobj", "csubj") and not any(c.dep_ == "nsubj" for c in kids):
                    continue  # "on maintaining ...": a gerund, not a report
                passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
                agent = any(c.dep_ == "agent" for c in kids)
                subj, _ = self.res.subject(t)
                if passive and not agent and t.lemma_ in PASSIVE_OWN:
                    out.append(Cue(t, verb_cue_text(t), "passive-own"))
                elif passive and not agent and t.lemma_ in PASSIVE_HEARSAY:
                    out.append(Cue(t, verb_cue_text(t), "passive-hearsay", subj))
                elif passive and not agent:
                    continue
                else:
                    kind = "secondary" if t.lemma_ in SECONDARY else "verb"
                    neg = is_negated(t)
                    if neg and t.lemma_ not in NEGATABLE:
                        continue  # not expecting something claims nothing
                    out.append(Cue(t, verb_cue_text(t), kind, subj, neg))
            elif lower[i] in HEARSAY_ADVERBS:
                out.append(Cue(t, t.text, "adverb"))
            elif pos[i] == "NOUN" and t.lemma_.lower() in CLAIM_NOUNS and self._introduces_that(t):
                owner = next((c for c in t.children if c.dep_ in ("poss", "compound")), None)
                if owner is None and t.tag_ != "NNS":
                    continue  # "the suggestion that ...": the writer's own framing
                out.append(Cue(t, t.text, "noun", owner))
            elif pos[i] == "NOUN" and t.lemma_.lower() in NO_NOUNS and self._absent(t, s, e):
                out.append(Cue(t, f"no {t.text}", "absence"))
        for c in out:
            c.depth = _cue_depth(c.token)
        return out

    def _that_clause(self, verb, s: int, e: int) -> bool:
        """A that-clause or a quote as the verb's content."""
        for c in verb.children:
            if c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                return True
        a, b = self.doc[s].idx, self.doc[e - 1].idx
        return any(a <= self.quotes[i].start <= b for i in self._overlapping(a, b + 1))

    def _absent(self, noun, s: int, e: int) -> bool:
        """"no evidence", or "any evidence" under a negation ("unable to find any")."""
        dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
        if "no" in dets:
            return True
        return "any" in dets and any(
            t.dep_ == "neg" or t.lower_ in ("unable", "without", "never") for t in self.doc[s:noun.i])

    def _introduces_that(self, noun) -> bool:
        doc = self.doc
        for t in doc[noun.i + 1:min(len(doc), noun.i + 5)]:
            if (t.lower_ == "that" and t.tag_ == "IN") or t.lower_ == "whether":
                return True
            if t.pos_ == "VERB" or t.is_punct:
                return False
        return False

    def headline(self, s: int, e: int) -> Cue | None:
        """"Name: statement", a headline convention, for a person or institution."""
        toks = [t for t in self.toks[s:e] if not t.is_space]
        if len(toks) < 4 or toks[-1].text in ".?!":
            return None
        m = self.res.mention_at(toks[0].idx, toks[0].idx + 1)
        if m is None or m.start != toks[0].idx or self.res.kind.get(m.actor) not in ("person", "organization", "media"):
            return None
        colon = next((t for t in toks if t.idx >= m.end), None)
        if colon is None or colon.text != ":" or colon.idx - m.end > 1:
            return None
        return Cue(colon, ":", "headline")

    # -- claimants ----------------------------------------------------------------

    def claimants(self, cue: Cue, prev: Claim | None, s: int) -> list[str | None]:
        t = cue.token
        if cue.kind in ("passive-own", "absence"):
            return [self.own]
        if cue.kind == "headline":
            m = self.res.mention_at(self.doc[s].idx, self.doc[s].idx + 1)
            return [m.actor if m else None]
        if cue.kind == "passive-hearsay":
            if t.lemma_ in ("tell", "inform", "brief") and cue.subject is not None:
                k = self.res.resolve(cue.subject)  # "The Paper has been told that ..."
                if k is not None and self.res.kind.get(k) in ("media", "organization"):
                    return [k]
            return [prev.claimant if prev is not None else None]
        if cue.kind == "adverb":
            subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if prev is not None and subj is not None and subj.pos_ == "PRON":
                return [prev.claimant]
            return [None]
        if cue.kind == "noun":
            return [self.res.resolve(cue.subject) if cue.subject is not None else None]
        if cue.kind == "according":
            return [self.res.resolve(cue.subject)]
        if cue.negated and t.lemma_ in NEGATABLE:
            return [self.own]
        subj = cue.subject
        if subj is None:
            return [None]
        if (t.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
                and t.head.lemma_ not in REPORT_VERBS and prev is not None):
            return [prev.claimant]  # "..., hinting that": the previous source goes on
        keys = [self.res.resolve(subj)]
        for c in subj.children:  # "A and B have indicated": a claim each
            if c.dep_ == "conj" and not self.in_quote(c):
                k = self.res.mention_over(c)
                if k is not None and k not in keys:
                    keys.append(k)
        if keys[0] is None and t.lemma_ == "tell":
            # "a source told The Paper": the outlet is who stands behind it
            for c in t.children:
                if c.dep_ in ("dative", "dobj"):
                    k = self.res.resolve(c)
                    if k is not None and self.res.kind.get(k) in ("media", "organization"):
                        return [k]
        if keys[0] is None and subj.lower_ in ("some", "others", "many") and prev is not None:
            return [prev.claimant]
        return keys

    # -- stance ---------------------------------------------------------------------

    def stance(self, cue: Cue | None, s: int, e: int) -> str:
        toks = self.toks[s:e]
        lemma = cue.token.lemma_.lower() if cue is not None else ""
        said = doc_text(self.doc)[toks[0].idx:toks[-1].idx + len(toks[-1].text)] if toks else ""
        if lemma in DENIAL_CUES or DENIAL_WORDS.search(said):
            return "denies"
        if lemma in SPECULATIVE_CUES or (cue is not None and cue.token.lower_ in SPECULATIVE_CUES):
            return "speculates"
        for t in toks:
            if (t.lower_ in MODALS and t.tag_ == "MD") or t.lower_ in HEDGES:
                return "speculates"
        return "asserts"

    # -- figures ------------------------------------------------------------------

    def has_people_figure(self, s: int, e: int) -> bool:
        toks = self.toks
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

    def _factual(self, s: int, e: int) -> bool:
        """A stated figure, not a hypothesis or a caption."""
        toks = [t for t in self.toks[s:e] if not t.is_space]
        if not toks or toks[-1].text not in (".", "!", "”", '"', "’", "'", ")"):
            return False
        return not any(t.lower_ in ("would", "if", "could", "might") for t in toks)

    def mostly_quote(self, a: int, b: int) -> Quote | None:
        for i in self._overlapping(a, b):
            q = self.quotes[i]
            if min(q.end, b) - max(q.start, a) >= 0.6 * (b - a):
                return q
        return None

    # -- main ------------------------------------------------------------------------

    def run(self) -> list[Claim]:
        doc = self.doc
        pos = column(doc, "pos_")
        claims: list[Claim] = []
        prev: Claim | None = None  # the claim of the previous sentence, if it made one
        for s, e in sentences(doc):
            a, b = trim_span(doc, s, e)
            made: list[Claim] = []
            has_verb = any(p in ("VERB", "AUX") for p in pos[s:e])
            cues = self.cues(s, e) if has_verb else []
            head = self.headline(s, e)
            if head is not None:
                cues = [head]
            main_cues = [c for c in cues if c.kind != "secondary"] or cues
            if main_cues:
                main = min(main_cues, key=lambda c: (c.depth, CUE_RANK[c.kind]))
                spans = self._split(main, main_cues, s, e, prev)
                for (cs, ce), cue in spans:
                    ca, cb = trim_span(doc, cs, ce)
                    for key in self.claimants(cue, prev, s):
                        made.append(self._claim(ca, cb, key, cue, cs, ce, f"claim-{cue.kind}"))
            else:
                cont = self._continuation(s, e, prev)
                if cont is not None:
                    made.append(self._claim(a, b, cont, None, s, e, "claim-continued", 0.6))
                elif self.has_people_figure(s, e) and self._factual(s, e):
                    q = self.mostly_quote(a, b)
                    key = q.speaker if q is not None else self.own
                    made.append(self._claim(a, b, key, None, s, e, "claim-figure", 0.6))
            claims.extend(made)
            if made:
                prev = made[-1]
            elif self.mostly_quote(a, b) is None:
                prev = None  # a quoted sentence goes on in its source's voice
        return claims

    def _split(self, main: Cue, cues: list[Cue], s: int, e: int, prev):
        """A "while X dismissed ..., Y insisted ..." sentence holds two claims: the
        subordinate clause and the rest."""
        for c in cues:
            if c is main or c.kind != "verb":
                continue
            clause = c.token
            if clause.dep_ != "advcl" or not any(m.dep_ == "mark" for m in clause.children):
                continue
            k_sub = self.claimants(c, prev, s)[0]
            k_main = self.claimants(main, prev, s)[0]
            if k_sub is None or k_main is None or k_sub == k_main:
                continue
            sub = list(clause.subtree)
            lo, hi = sub[0].i, sub[-1].i + 1
            while hi < e and (self.doc[hi].is_punct or self.doc[hi].is_space) and hi - sub[-1].i < 4:
                hi += 1
            if lo == s and hi < e:
                return [((lo, hi), c), ((hi, e), main)]
            if lo > s and hi >= e - 1:
                return [((s, lo), main), ((lo, e), c)]
        return [((s, e), main)]

    def _continuation(self, s: int, e: int, prev: Claim | None) -> str | None:
        if prev is None or prev.claimant is None:
            return None
        toks = self.toks
        first = next((t for t in toks[s:e] if not t.is_space), None)
        if first is None:
            return None
        text = doc_text(self.doc)[first.idx:toks[e - 1].idx + len(toks[e - 1].text)]
        if CONTINUERS.match(text):
            return prev.claimant
        root = next((t for t in toks[s:e] if t.dep_ == "ROOT"), None)
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
        if subj is not None and subj.lower_ in PERSON_PRONOUNS and self.res.resolve(subj) == prev.claimant:
            return prev.claimant
        return None

    def _claim(self, a, b, key, cue, s, e, rule, conf=0.8) -> Claim:
        text = doc_text(self.doc)
        for i in self._overlapping(a, a + 1):
            q = self.quotes[i]
            # a quote of several sentences attributed at its end: the claim is all of it
            if q.start < a < q.end and "\n" not in text[q.start:a]:
                a = q.start - 1
                break
        for i in self._overlapping(b - 1, b):
            q = self.quotes[i]
            # "X said: 'A. B.'": the quote the claim opens runs on past its first sentence
            if a <= q.start and q.end > b and "\n" not in text[b:q.end]:
                b = q.end + (1 if q.end < len(text) and text[q.end] in "\"”’'»" else 0)
                break
        qi = next((i for i in self._overlapping(a, b) if a <= self.quotes[i].start and self.quotes[i].end <= b), None)
        return Claim(a, b, doc_text(self.doc)[a:b], key, cue.text if cue else None,
                     self.stance(cue, s, e), qi, rule, conf if key is not None or cue is None else conf - 0.1)


def extract_claims(doc, actors: DocActors, quotes: list[Quote], own: str | None) -> list[Claim]:
    """Attributed assertions of ``doc``; ``own`` is the key of its author or outlet."""
    return _Claims(doc, actors, quotes, own).run()
