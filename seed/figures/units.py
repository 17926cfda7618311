"""What a figure counts: its unit and subject, read from the dependency parse.

The counted noun gives the unit ("9,500 personnel" -> troops), and for people
the verb that governs them overrides it ("45 soldiers ... were killed" ->
killed, "27 had fled" -> deserted), since that verb says what the figure is a
count of.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..text.columns import tokens

TROOP_NOUNS = {
    "troop", "troops", "soldier", "soldiers", "personnel", "serviceman", "servicemen", "servicemembers",
    "fighter", "fighters", "force", "forces", "infantry", "infantrymen", "officer", "officers", "worker",
    "workers", "laborer", "laborers", "labourer", "labourers", "builder", "builders", "adviser", "advisers",
    "advisor", "advisors", "trainer", "trainers", "instructor", "instructors", "sapper", "sappers",
    "mercenary", "mercenaries", "conscript", "conscripts", "recruit", "recruits", "reservist", "reservists",
    "commando", "commandos", "marine", "marines", "paratrooper", "paratroopers", "sailor", "sailors",
    "pilot", "pilots", "guard", "guards", "comrade", "comrades", "men", "servicemembers", "militants",
    "militant", "combatant", "combatants", "gunmen", "volunteers", "engineers",
}
# People who can be counted as killed, wounded, captured or fled.
PEOPLE_NOUNS = TROOP_NOUNS | {
    "people", "persons", "person", "civilians", "civilian", "women", "children", "residents", "refugees",
    "migrants", "citizens", "villagers", "patients", "journalists", "members", "prisoners", "hostages",
    "individuals", "victims", "men", "boys", "girls", "police", "policemen", "officials", "employees",
    "nationals", "inhabitants", "others", "bodies", "crew", "crews", "staff", "contractors", "specialists",
    "passengers", "protesters", "demonstrators", "students", "teachers", "doctors", "nurses",
}
# Plural nouns that end like agent nouns but name things.
THING_NOUNS = {
    "powers", "papers", "numbers", "orders", "borders", "letters", "matters", "centers", "centres", "quarters",
    "headquarters", "layers", "towers", "waters", "chambers", "banners", "corners", "markers", "meters",
    "liters", "litres", "computers", "containers", "tankers", "bombers", "launchers", "carriers", "helicopters",
    "rivers", "shelters", "servers", "answers", "parameters", "chapters", "offers", "covers", "filters",
    "flowers", "theaters", "theatres", "barriers", "fingers", "dangers", "cancers", "posters", "trailers",
    "lasers", "transfers", "tiers", "clusters", "sliders", "stickers", "boulders", "shoulders",
    "transporters", "destroyers", "cruisers", "frigates", "interceptors", "jets", "fighter-bombers",
    "semesters", "registers", "folders", "chambers", "hangars", "bunkers", "silos", "counters", "blockbusters",
    "specimens", "regimens", "abdomens", "omens",
    "fees", "degrees", "trees", "committees", "guarantees", "jamborees",
}
NOUN_UNITS = {
    "casualties": "casualties", "casualty": "casualties", "losses": "casualties", "loss": "casualties",
    "deaths": "killed", "bodies": "killed", "death": "killed", "dead": "killed", "fatalities": "killed", "killed": "killed",
    "wounded": "wounded", "injured": "wounded", "injuries": "wounded",
    "prisoners": "captured", "pows": "captured", "pow": "captured", "captives": "captured", "captured": "captured",
    "deserters": "deserted", "defectors": "deserted",
    "km": "km", "kms": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "miles", "mile": "miles", "metres": "m", "meters": "m",
    "percent": "percent", "%": "percent",
    "dollars": "usd", "euros": "eur",
}
MUNITIONS = {"shells", "rounds", "missiles", "rockets", "drones", "bombs", "mines", "grenades",
             "cartridges", "munitions", "warheads", "projectiles", "bullets", "artillery"}
VERB_UNITS = {
    "kill": "killed", "die": "killed", "slay": "killed", "perish": "killed", "execute": "killed",
    "murder": "killed", "dead": "killed",
    "wound": "wounded", "injure": "wounded", "hurt": "wounded", "wounded": "wounded", "injured": "wounded",
    "capture": "captured", "detain": "captured", "surrender": "captured", "imprison": "captured",
    "desert": "deserted", "flee": "deserted", "defect": "deserted", "escape": "deserted",
    "missing": "missing", "lose": "lost",
}
# Troop nouns that name civilians as often (a campaign's volunteers, a firm's
# engineers): troops only in a text about armed conflict.  Workers and builders
# sent abroad by a state stay troops, as the annotation conventions count them.
CIVILIAN_TOO = {"volunteers", "engineers", "men", "guards", "guard", "pilots", "sailors", "recruits",
                "comrades", "trainers", "instructors"}
MILITARY_CONTEXT = {"troops", "soldiers", "army", "military", "forces", "battalion", "brigade", "front",
                    "combat", "war", "battle", "battlefield", "deploy", "deployed", "fighting", "frontline"}


def verb_class(verbs: list[Token], as_object: bool = False) -> str | None:
    """The unit a set of coordinated verbs gives ("killed and wounded" -> casualties)."""
    found = set()
    for v in verbs:
        u = VERB_UNITS.get(v.lemma_.lower()) or VERB_UNITS.get(v.text.lower())
        if u == "lost":
            u = "killed" if as_object else None
        if u:
            found.add(u)
    # More than one kind of loss ("killed, injured, missing or captured") is casualties.
    if len(found & {"killed", "wounded", "captured", "missing"}) > 1:
        return "casualties"
    found.discard("missing")
    return min(found) if found else None


def _with_conj(v: Token, objects: bool = False) -> list[Token]:
    own = ("nsubj", "nsubjpass", "dobj") if objects else ("nsubj", "nsubjpass")
    out, stack = [], [v]
    while stack and len(out) < 8:
        t = stack.pop()
        out.append(t)
        # A coordinated verb with a subject of its own counts something else
        # ("700 have been killed and thousands more wounded").
        stack.extend(c for c in t.children if c.dep_ == "conj" and not any(
            g.dep_ in own for g in c.children))
    return out


def _chain(v: Token, depth: int = 3) -> list[Token]:
    """A verb with the infinitives and clauses it heads ("are reported to have been killed")."""
    out = [v]
    for c in v.children:
        if depth and c.dep_ in ("xcomp", "ccomp", "acl", "acomp") and c.pos_ in ("VERB", "AUX", "ADJ"):
            out.extend(_chain(c, depth - 1))
    return out


def verb_unit(anchor: Token) -> str | None:
    """The unit a people count takes from its verb, looking from the counted word."""
    for c in anchor.children:  # "troops killed and wounded", "soldiers who have died"
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "ADJ", "AUX"):
            u = verb_class([x for v in _chain(c, 1) for x in _with_conj(v)], False)
            if u:
                return u
    tok = anchor
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.lower_ in ("including", "among", "of") and tok.head.head is not tok.head:
            tok = tok.head.head
            if tok.lower_ in NOUN_UNITS and NOUN_UNITS[tok.lower_] in ("casualties", "killed"):
                return NOUN_UNITS[tok.lower_]  # "the loss of 700 troops"
            continue
        if tok.dep_ in ("conj", "appos") and tok.head is not tok:
            tok = tok.head
            continue
        break
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head  # "the toll could rise above 2,500"
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "toll" for c in verb.children):
            return "killed"
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "nummod", "attr") and head is not tok:
        verbs = [x for v in _chain(head) for x in _with_conj(v, tok.dep_ == "dobj")]
        u = verb_class(verbs, tok.dep_ == "dobj")
        if u:
            return u
    return None


def noun_phrase(noun: Token, skip: set[int]) -> str:
    """The counted noun with the modifiers written before it ("Ruritanian special forces")."""
    left = [t for t in noun.lefts if t.i not in skip and t.dep_ in ("compound", "amod", "nmod", "npadvmod")
            and t.i > max(skip, default=-1)]
    start = min([noun.i] + [min(x.i for x in t.subtree) for t in left])
    toks = [t for t in noun.doc[start:noun.i + 1] if t.i not in skip and not t.is_punct or t.text == "-"]
    while toks[:-1] and toks[0].lower_ in ("more", "additional", "other", "further", "extra", "the", "-", "strong"):
        toks = toks[1:]
    return " ".join(t.text for t in toks).replace(" - ", "-").strip() or noun.text


def counted_noun(span: Span) -> Token | None:
    """The noun a number phrase counts: its head ("2,500 soldiers"), the object of "of"
    ("thousands of troops", "5,000 of these troops"), or the noun right after it."""
    inside = {t.i for t in span}
    root = next((t for t in reversed(span) if t.head.i not in inside or t.head is t), span[-1])
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det") and root.head.i not in inside \
            and root.head.pos_ in ("NOUN", "PROPN") and root.head.i > root.i:
        noun = root.head
        while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head  # "three engineer brigades": the count is of brigades
        return noun
    for t in span:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i >= span.end:
                obj = next((o for o in c.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")), None)
                if obj is not None:
                    return obj
    # A parse that misattaches the number still leaves the noun next to it.
    j = span.end
    doc = span.doc
    while j < len(doc) and j < span.end + 4 and (doc[j].pos_ in ("ADJ", "PROPN") or doc[j].dep_ in ("compound", "amod")
                                                  or doc[j].lower_ in ("more", "additional", "other", "-", "strong", "man")):
        if doc[j].pos_ == "PROPN" and doc[j].tag_ == "NNPS":
            return doc[j]
        j += 1
    if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].tag_ in ("NNS", "NN") and j > span.end - 1:
        return doc[j] if doc[j].tag_ == "NNS" or doc[j].lower_ in NOUN_UNITS or doc[j].lower_ in PEOPLE_NOUNS else None
    return None


def is_people(noun: Token) -> bool:
    low = noun.lower_
    if low in PEOPLE_NOUNS or noun.ent_type_ == "NORP" or (noun.tag_ == "NNPS" and low.endswith(("ans", "ese", "is"))):
        return True
    # Agent and member nouns ("ministers", "activists", "civilians", "employees"):
    # most plural nouns with these endings name people.
    return noun.tag_ == "NNS" and low.endswith(("ers", "ists", "ians", "men", "ees")) and low not in THING_NOUNS


def military(doc) -> bool:
    """Whether a text is about armed conflict, where a people count ("dozens of
    Ruritanians") is a count of soldiers."""
    cached = doc.user_data.get("claimscope_military")
    if cached is None:
        cached = doc.user_data["claimscope_military"] = sum(
            1 for t in tokens(doc) if t.lower_ in MILITARY_CONTEXT) >= 3
    return cached


def noun_unit(noun: Token) -> str:
    low = noun.lower_
    if low in NOUN_UNITS:
        return NOUN_UNITS[low]
    if low in TROOP_NOUNS:
        return "troops" if low not in CIVILIAN_TOO or military(noun.doc) else low
    if noun.ent_type_ == "NORP" or noun.tag_ == "NNPS":
        return "troops" if military(noun.doc) else "people"
    if low in MUNITIONS:
        return low
    if noun.pos_ == "NOUN":
        return low
    return "other"


def money_subject(root: Token) -> str | None:
    """What a sum is paid for: the noun a clause about it hangs from ("a bonus that can
    be as much as $15,000") or the subject of "cost"/"worth" ("the deal is worth $2bn")."""
    verb = root.head
    if root.dep_ in ("attr", "dobj", "pobj") and verb is not root:
        if verb.dep_ == "pobj" or verb.pos_ == "ADJ" or verb.dep_ == "prep":
            verb = verb.head
        if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN":
            return noun_phrase(verb.head, set())
        if verb.lemma_ not in ("be", "cost", "total", "amount", "reach", "equal", "rise", "fall", "grow", "stand"):
            return None  # the subject of "pledged" or "paid" is the payer
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
        if subj is not None:
            return noun_phrase(subj, set())
    return None
