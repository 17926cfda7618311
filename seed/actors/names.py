"""Name handling shared by the actors and resolve stages.

Everything here is a generic word list or a string rule: which words are titles,
how two spellings of one name compare, when an acronym abbreviates a name.
"""
from __future__ import annotations

from functools import lru_cache

import re
import unicodedata

from rapidfuzz import fuzz

# Words that make a role, not a name: split off into the description.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "ministers", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "spokespeople", "leader", "leaders", "dictator", "chairman", "chairwoman", "chair",
    "chief", "head", "director", "commander", "general", "gen", "gen.", "lt", "lt.", "col", "col.",
    "maj", "maj.", "capt", "capt.", "sgt", "sgt.", "adm", "adm.", "admiral", "colonel", "major",
    "captain", "sergeant", "lieutenant", "marshal", "officer", "official", "ambassador", "envoy",
    "lawmaker", "legislator", "senator", "sen", "sen.", "rep", "rep.", "representative", "congressman",
    "congresswoman", "mp", "governor", "gov", "gov.", "mayor", "king", "queen", "prince", "princess",
    "emperor", "chancellor", "premier", "deputy", "acting", "former", "supreme", "top", "senior",
    "foreign", "defense", "defence", "interior", "finance", "justice", "state", "national", "security",
    "intelligence", "military", "army", "navy", "analyst", "expert", "researcher", "professor", "prof",
    "prof.", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir", "dame", "lord", "judge",
    "prosecutor", "attorney", "correspondent", "journalist", "reporter", "editor", "columnist",
    "anchor", "host", "founder", "ceo", "cfo", "coo", "executive", "manager", "adviser", "advisor",
    "aide", "counselor", "councillor", "pope", "cardinal", "bishop", "archbishop", "rabbi", "imam",
    "cleric", "commissioner", "inspector", "police", "press", "assistant", "associate", "lecturer",
    "fellow", "economist", "scholar", "historian", "diplomat", "negotiator", "coach", "striker",
    "politician", "activist", "blogger", "broadcaster", "ruler", "monarch", "strongman", "warlord",
    "first", "lady", "speaker", "whip", "deputy", "undersecretary", "assembly", "party",
    "opposition", "regional", "federal", "general's", "staff", "joint", "chiefs", "dictator's",
}
# Words that open or link a title run without being titles themselves.
TITLE_GLUE = {"of", "the", "and", "for", "'s", "’s", "-"}

# An outlet's name or the noun describing it.
MEDIA_NAME_CUES = {"news", "media", "post", "times", "tv", "radio", "broadcaster", "broadcasting",
                   "newspaper", "press", "tribune", "herald", "journal", "gazette", "daily", "weekly",
                   "magazine", "channel", "television", "telegraph", "chronicle", "observer",
                   "dispatch", "wire", "agency"}
MEDIA_NOUNS = {"outlet", "outlets", "newspaper", "newspapers", "broadcaster", "broadcasters", "daily",
               "tabloid", "magazine", "channel", "network", "website", "site", "agency", "publication",
               "paper", "weekly", "station", "bloggers", "media", "press"}
# Names that make an ORG an institution rather than an outlet, whatever verbs it takes.
INSTITUTION_CUES = {"intelligence", "service", "ministry", "department", "council", "committee",
                    "army", "forces", "force", "navy", "command", "directorate", "office", "agency's",
                    "university", "institute", "center", "centre", "court", "parliament", "assembly",
                    "police", "bank", "fund", "commission", "bureau", "party", "battalion", "brigade",
                    "regiment", "division", "corps", "guard", "organization", "organisation", "union",
                    "school", "college", "foundation", "association", "group"}
# Words in a state's formal name.
STATE_WORDS = {"republic", "kingdom", "federation", "emirates", "states", "confederation",
               "commonwealth", "principality", "sultanate", "emirate", "union"}
# Academic degrees and similar bio chrome the small model tags as ORG.
DEGREE_WORDS = {"ba", "bsc", "ma", "msc", "mphil", "dphil", "phd", "mba", "llb", "llm", "md", "jd", "bs", "ms"}
# Time-zone and other all-caps chrome.
CHROME_WORDS = {"gmt", "utc", "bst", "est", "edt", "pst", "pdt", "cet", "cest", "kst", "msk", "p.s.", "ps",
                "am", "pm", "faq", "rss", "pdf", "html", "url", "ap photo", "image", "photo", "video",
                "getty images", "reuters/", "copyright"}
CREDIT_CUES = re.compile(r"(?i)(image|photo|picture|credit|source|courtesy|illustration)s?\s*:|getty images|/\s*(afp|ap|reuters|epa)\b")
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "his", "hers",
            "their", "its", "our", "who", "whom"}
LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
STOPWORDS = {"of", "the", "and", "for", "in", "on", "at", "de", "du", "la", "le", "&"}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A comparison key: casefolded, without diacritics, hyphens, dots, quotes or a leading 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[-‐‑–—_/]", " ", text)
    text = re.sub(r"[.'\"“”(),]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return LEADING.sub("", text)


def tokens(text: str) -> list[str]:
    return fold(text).split()


def is_acronym(text: str) -> bool:
    t = text.replace(".", "")
    return 2 <= len(t) <= 7 and t.isupper() and t.isalpha()


@lru_cache(maxsize=65536)  # pure, and asked again for each pair of forms compared
def initials(name: str, *, skip_stop: bool = True) -> str:
    words = re.findall(r"[A-Za-z][\w'’]*", name)
    return "".join(w[0] for w in words if not (skip_stop and w.lower() in STOPWORDS)).upper()


@lru_cache(maxsize=65536)  # pure, and asked again for each pair of forms compared
def abbreviates(acronym: str, name: str) -> bool:
    """'NATO' abbreviates 'North Atlantic Treaty Organization'; a trailing 'of <place>' may be left out."""
    a = acronym.replace(".", "").upper()
    if len(a) < 2 or not is_acronym(acronym):
        return False
    full = initials(name)
    if a == full or a == initials(name, skip_stop=False):
        return True
    head = re.split(r"\s+of\s+", name)[0]
    return len(head.split()) >= 2 and a == initials(head)


@lru_cache(maxsize=65536)  # pure, and asked again for each pair of forms compared
def given_names_compatible(a: str, b: str) -> bool:
    """'Jenny'/'Jennifer', 'J'/'John', 'Mikhail'/'Mikhael' may be one person; 'Min'/'Lin' may not."""
    a, b = fold(a).replace(" ", ""), fold(b).replace(" ", "")
    if not a or not b:
        return True
    if a == b or (min(len(a), len(b)) == 1 and a[0] == b[0]):
        return True
    if a[0] != b[0]:
        return False
    if a.startswith(b) or b.startswith(a):
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    if common >= 4 and min(len(a), len(b)) <= 5:
        return True
    return fuzz.ratio(a, b) >= 80


@lru_cache(maxsize=65536)  # pure, and asked again for each pair of forms compared
def family_names_match(a: str, b: str) -> bool:
    """Transliteration variants of one family name ('Tymoshenko'/'Tymoshenkko', 'Shevchuk'/'Shevchukk'), not merely similar ones."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    return fuzz.ratio(a, b) >= 85


@lru_cache(maxsize=65536)  # pure, and asked again for each pair of forms compared
def same_person_name(a: str, b: str) -> bool:
    """Two multi-word person names that denote one person: family names match and the given names
    are compatible. Names are compared as written order (given ... family) and as family-first."""
    ta, tb = tokens(a), tokens(b)
    if len(ta) < 2 or len(tb) < 2:
        return False
    if " ".join(ta) == " ".join(tb):
        return True
    if "".join(ta) == "".join(tb):  # 'Park Jiwon' / 'Park Ji Won'
        return True
    if len(ta) == len(tb) and all(family_names_match(x, y) or (len(x) <= 2 and x == y) for x, y in zip(ta, tb)):
        return True
    if family_names_match(ta[-1], tb[-1]) and given_names_compatible(ta[0], tb[0]):
        # Middle tokens must not contradict: 'Park Ji Won' vs 'Park Ki Won' differ in a middle name.
        mid_a, mid_b = ta[1:-1], tb[1:-1]
        if mid_a and mid_b and not given_names_compatible(" ".join(mid_a), " ".join(mid_b)):
            return False
        return len(ta[-1]) > 2 or ta[-1] == tb[-1]
    return False


@lru_cache(maxsize=65536)  # pure, and asked again for each pair of forms compared
def carries(short: str, full: str) -> bool:
    """Does the one-word form ``short`` name the person ``full`` (its family name, written first
    or last)?"""
    s, t = fold(short), tokens(full)
    if len(t) < 2 or " " in s:
        return False
    return family_names_match(s, t[-1]) or family_names_match(s, t[0]) and len(s) >= 3 or s == t[0] == t[-1]


@lru_cache(maxsize=65536)  # pure, and asked again for each pair of forms compared
def fullness(name: str) -> tuple:
    """Sort key: a proper name (every word capitalised) beats a description, then more words,
    then more letters. The fullest form becomes the canonical name."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    proper = all(w[:1].isupper() or w.lower() in STOPWORDS or not w[:1].isalpha() for w in words)
    acronym = is_acronym(name)
    return (proper and not acronym, len(words), len(name))


def clean_name(text: str) -> str:
    """Strip a leading article, a trailing possessive and trailing punctuation."""
    text = text.strip()
    text = LEADING.sub("", text)
    text = POSSESSIVE.sub("", text) if re.search(r"['’]s$", text) else text
    return text.rstrip(" .,;:!?\"'“”’)(-").strip()
