"""Words that mark attribution in English news prose: reporting verbs and nouns,
hearsay adverbs, vague sources, titles and institution nouns, pronouns.

Generic lexicon only; nothing here names a particular actor or story.
"""
from __future__ import annotations

from .verbs import NEEDS_COMPLEMENT, POSITION_VERBS, REPORT_VERBS, SPEAKER_VERBS, THAT_ONLY  # noqa: F401  (the lexicon's verbs, by class)

# Passives whose agent is left out: the writer vouches for a belief ...
PASSIVE_OWN = {"believe", "expect", "think", "estimate", "consider", "understand",
               "presume", "assume", "fear", "project", "predict", "calculate", "observe"}
# ... or passes on hearsay from an unnamed source.
PASSIVE_HEARSAY = {"report", "say", "allege", "claim", "rumor", "rumour", "tell",
                   "describe", "cite", "quote", "state", "announce"}
HEARSAY_ADVERBS = {"reportedly", "allegedly", "apparently", "purportedly",
                   "supposedly", "ostensibly", "seemingly"}
# Nouns that introduce a that-clause someone holds ("reports that ...").
CLAIM_NOUNS = {
    "report", "claim", "expectation", "suggestion", "indication", "speculation",
    "rumor", "rumour", "fear", "impression", "assessment", "belief", "estimate",
    "allegation", "assertion", "view", "statement", "warning", "prediction",
    "account", "sign", "evidence", "hope",
}
# Heads of a subject that name no one in particular.
VAGUE_HEADS = {
    "report", "source", "official", "analyst", "expert", "observer", "critic",
    "resident", "people", "media", "account", "estimate", "some", "other", "many",
    "insider", "diplomat", "commentator", "witness", "blogger", "intelligence",
    "assessment", "rumor", "rumour", "post", "someone", "person", "one", "man",
    "woman", "agreement", "document", "statement", "study", "survey", "data",
    "poll", "observation", "estimation",
}
# Heads that stand for people speaking: "a party source" is not the party.
SOURCE_PEOPLE = {
    "source", "official", "analyst", "expert", "observer", "critic", "resident", "people",
    "insider", "diplomat", "commentator", "witness", "blogger", "someone", "person", "man",
    "woman", "aide", "staffer", "supporter", "opponent", "voter", "activist", "police",
}
# Roles that speak for whoever they belong to: "the ministry's spokesman" is the ministry.
SPEAKS_FOR = {"spokesman", "spokeswoman", "spokesperson", "representative", "envoy",
              "ambassador", "mouthpiece", "press"}
PERSON_TITLES = {
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "analyst",
    "professor", "expert", "commander", "general", "lawmaker", "leader", "ambassador",
    "envoy", "chief", "head", "director", "secretary", "chancellor", "premier",
    "senator", "governor", "mayor", "researcher", "author", "scholar", "lecturer",
    "adviser", "advisor", "king", "queen", "dictator", "prosecutor", "judge",
    "chairman", "chairwoman", "chair", "deputy", "representative", "official",
    "journalist", "correspondent", "reporter", "economist", "historian",
}
ORG_NOUNS = {
    "ministry", "agency", "department", "government", "publication", "outlet",
    "newspaper", "paper", "broadcaster", "service", "office", "army", "military",
    "council", "committee", "company", "group", "organization", "organisation",
    "institute", "university", "channel", "network", "site", "website", "daily",
    "administration", "cabinet", "parliament", "command", "directorate",
    "regime", "country", "state", "nation", "firm", "bank", "embassy", "court",
    "party", "union", "alliance", "bloc", "magazine", "tabloid", "station", "portal",
    "think-tank", "center", "centre", "watchdog", "authority", "authorities",
}
MEDIA_NOUNS = {"publication", "outlet", "newspaper", "paper", "broadcaster", "channel",
               "network", "site", "website", "daily", "magazine", "tabloid", "station",
               "portal", "agency"}
GENERIC_ORG_NOUNS = {"organization", "organisation", "group", "body", "institute", "company",
                     "firm", "charity"}
STATE_NOUNS = {"government", "country", "state", "nation", "regime", "authorities", "authority",
               "administration"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it", "its"}
GROUP_PRONOUNS = {"they", "them", "some", "others", "many", "both"}
# A quantifier standing for people ("Some believe", "many of his supporters say")
# introduces a group; it does not point back to the last subject as "both" does.
QUANTIFIERS = {"some", "others", "many", "several", "most", "few"}
SELF_PRONOUNS = {"we", "i", "us"}
NON_PERSON_KINDS = ("organization", "media", "country", "group")
