"""Number phrases in running text: where they are and what they are worth.

One regular expression finds candidate phrases ("as many as 40,000", "between
2,000-5,000", "five or six", "$1.2bn", "potentially thousands", "about half");
``value`` turns the matched parts into a (low, high) pair.  Whether a candidate
is a figure at all (not a date, a duration, a designation) is decided by the
caller, which has the parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .scan import alternation

UNITS_W = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
           "fourteen fifteen sixteen seventeen eighteen nineteen").split()
TENS_W = "twenty thirty forty fifty sixty seventy eighty ninety".split()
SMALL = {w: i for i, w in enumerate(UNITS_W)} | {w: 20 + 10 * i for i, w in enumerate(TENS_W)}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "dozen": 12, "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
# Vague plurals: the bounds the annotation conventions give them.
VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
         "millions": (2e6, 9_999_999), "billions": (2e9, 9_999_999_999)}
# A fraction of a whole is reported as a percentage.
FRACTIONS = {"half": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0,
             "fifth": 20.0, "fifths": 20.0, "tenth": 10.0, "tenths": 10.0}

CURRENCY_SIGNS = {"$": "usd", "us$": "usd", "usd": "usd", "€": "eur", "eur": "eur", "£": "gbp",
                  "gbp": "gbp", "¥": "jpy", "₩": "krw", "₽": "rub", "₴": "uah", "₹": "inr",
                  "a$": "aud", "c$": "cad", "hk$": "hkd"}
CURRENCY_WORDS = {"dollar": "usd", "dollars": "usd", "euro": "eur", "euros": "eur",
                  "pounds sterling": "gbp", "rubles": "rub", "roubles": "rub", "ruble": "rub",
                  "rouble": "rub", "yuan": "cny", "yen": "jpy", "won": "krw", "hryvnias": "uah",
                  "hryvnia": "uah", "rupees": "inr", "lira": "try", "liras": "try", "pesos": "mxn",
                  "shekels": "ils", "francs": "chf", "rand": "zar", "naira": "ngn", "yuan renminbi": "cny"}

_SCALE_W = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_CUR = r"(?:US\$|A\$|C\$|HK\$|USD\s?|EUR\s?|GBP\s?|[$€£¥₩₽₴₹])"
_W1 = rf"(?:(?:{'|'.join(TENS_W)})(?:[-\s](?:{'|'.join(UNITS_W[1:10])}))?|{'|'.join(sorted(UNITS_W, key=len, reverse=True))})"
_FRACTION = (rf"(?:(?:one|1)\s+in\s+(?:every\s+)?(?:{_W1}|\d{{1,3}})\b"
             r"|(?:a|one|two|three|four)[-\s](?:half|thirds?|quarters?|fifths?|tenths?)"
             r"|half(?!\s+(?:an?\s+)?(?:hour|day|week|month|year|decade|century|mile|way|million|billion|dozen)))"
             r"(?!-[a-z])")
_VAGUE = (r"(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
          r"|dozens|hundreds|thousands|millions|billions|scores(?=\s+of\b)"
          r"|(?:several|a\s+few|a\s+couple\s+of|many|a)\s+(?:dozen|hundred|thousand|million|billion)(?!s))")
_AMOUNT = (
    rf"(?:{_CUR})?(?:"
    rf"(?:{_DIGITS})(?:\s?(?:{_SCALE_W})s?\b|(?:bn|mn|mln|tn|[kmb])\b)?"
    rf"|{_VAGUE}"
    rf"|half\s+an?\s+(?:million|billion|dozen)"
    rf"|(?:{_W1}|an?)(?:[\s-]+{_SCALE_W}(?:[\s-]+(?:and\s+)?{_W1})?)+"
    rf"|{_W1}"
    rf")"
    rf"(?:\s?(?:%|percent\b|per\s+cent\b|pct\b|percentage\s+points?\b))?"
)
QUALIFIERS = (
    "approximately", "approx.", "about", "around", "roughly", "some", "nearly", "almost",
    "close to", "more than", "over", "well over", "just over", "at least", "up to", "as many as",
    "as much as", "as few as", "as little as", "less than", "fewer than", "under", "just under",
    "at most", "no more than", "no fewer than", "not more than", "upwards of", "in excess of",
    "an estimated", "estimated", "ca.", "c.", "circa", "potentially", "possibly", "perhaps",
    "maybe", "reportedly", "only", "just", "another", "a further", "an additional", "an extra",
    "a total of", "a mere", "almost exactly", "exactly", "precisely", "below", "above", "over",
    "from",
)
_QUAL = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(set(QUALIFIERS), key=len, reverse=True))
# "and" joins a range only after "between" ("between 5 and 10"), never a list.
_SEP = r"\s*(?:-|–|—|to|or|(?(btw)and|(?!)))\s*"
_BEFORE = r"(?<![\w$€£¥₩₽₴₹.,/@#:-])(?<![A-Za-z]-)"
PHRASE = re.compile(
    rf"{_BEFORE}"
    rf"(?P<qual>(?:(?:{_QUAL})\s+)*(?P<btw>between\s+)?)"
    rf"(?P<frac>{_FRACTION})?"
    rf"(?(frac)|(?P<low>{_AMOUNT})(?:(?P<sep>{_SEP})(?P<high>{_AMOUNT}))?)"
    rf"(?P<tail>\s+or\s+so\b|\s+or\s+more\b|\+|-plus\b|\s+plus\b|-odd\b)?"
    rf"(?P<dist>\s?(?:km|kms|kilomet(?:re|er)s?|miles?|nautical\s+miles)\b)?"
    rf"(?P<cur>\s+(?:US\s+)?(?:{'|'.join(sorted(CURRENCY_WORDS, key=len, reverse=True))})\b)?"
    # A hyphenated word after a number makes a compound modifier ("30-year", "9-storey",
    # "XR-7"); only the few that describe a count of people keep it a figure.
    rf"(?![\w$€£%/@])(?!-(?!(?:strong|odd|man|men|member|person|people|troop|soldier|kilomet(?:re|er)|km|mile)\b)[A-Za-z])"
    rf"(?![.,:]\d)",
    re.IGNORECASE,
)
# Where a match of PHRASE can begin (see seed.figures.scan), read off its alternatives.
# Every qualifier, and "between", is followed by whitespace inside a match, as is
# "a"/"an" (or by a hyphen: "a-half"); a number word, a fraction, a vague amount
# or a currency code may be followed by anything, so those count as prefixes.
# A digit, a point or a currency sign may open an amount.  A word left out here
# would lose its figures; a word too many only costs a try.
_PREFIX_OPENERS = set(UNITS_W) | set(TENS_W) | {
    "one", "two", "three", "four", "half",  # fractions
    "us$", "a$", "c$", "hk$", "usd", "eur", "gbp",  # currency before an amount
    "tens", "hundreds", "dozens", "thousands", "millions", "billions", "scores", "several", "many",  # vague
}
_PREFIX_OPENERS = {w for w in _PREFIX_OPENERS if not any(o != w and w.startswith(o) for o in _PREFIX_OPENERS)}
_WORD_OPENERS = ({q.split()[0] for q in QUALIFIERS} | {"between"}) - {"a", "an"}
PHRASE_STARTS = re.compile(
    rf"{_BEFORE}(?=[\d.$€£¥₩₽₴₹]|an?[\s-]|(?:{alternation(_WORD_OPENERS)})\s|{alternation(_PREFIX_OPENERS)})",
    re.IGNORECASE)


@dataclass
class Amount:
    low: float
    high: float
    currency: str | None = None
    percent: bool = False
    vague: bool = False
    scale_word: str | None = None  # "m", "million" ... as written
    words: bool = False  # spelled out ("three"), which needs a counted noun to be a figure


def _parse_words(s: str) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[\s-]+", s.lower()):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = max(current, 1)
            continue
        if w in SMALL:
            current += SMALL[w]
            seen = True
        elif w in ("hundred", "dozen"):
            current = max(current, 1) * SCALES[w]
            seen = True
        elif w in SCALES:
            total += max(current, 1) * SCALES[w]
            current, seen = 0.0, True
        else:
            return None
    return total + current if seen else None


def parse_amount(s: str) -> Amount | None:
    """The value of one amount as the regex matched it ("$1.2bn", "2.5 million", "dozens")."""
    s = s.strip()
    low = s.lower()
    currency = None
    m = re.match(_CUR, s, re.IGNORECASE)
    if m:
        currency = CURRENCY_SIGNS.get(m.group(0).strip().lower())
        s = s[m.end():].strip()
        low = s.lower()
    pct = re.search(r"\s?(?:%|percent|per\s+cent|pct|percentage\s+points?)$", low)
    if pct:
        s = s[: pct.start()].strip()
        low = s.lower()
    key = re.sub(r"\s+", " ", low)
    for word, (lo, hi) in VAGUE.items():
        if key == word or key.endswith(" " + word) and key.split()[0] in ("tens", "hundreds"):
            if key != word:  # "tens of thousands", "hundreds of millions"
                mult = 10 if key.startswith("tens") else 100
                base = VAGUE[word][0] / 2
                lo, hi = base * mult * 2, base * mult * 10 - 1
            return Amount(lo, hi, currency, bool(pct), vague=True)
    hm = re.match(r"half an? (million|billion|dozen)$", key)
    if hm:
        v = SCALES[hm.group(1)] / 2
        return Amount(v, v, currency, bool(pct), scale_word=hm.group(1), words=True)
    vm = re.match(r"(several|a few|a couple of|many|a) (dozen|hundred|thousand|million|billion)$", key)
    if vm:
        unit = SCALES[vm.group(2)]
        if vm.group(1) == "a":
            return Amount(unit, unit, currency, bool(pct), scale_word=vm.group(2), words=True)
        lo, hi = (2 * unit, 10 * unit - 1) if unit > 12 else (24, 99)
        return Amount(lo, hi, currency, bool(pct), vague=True)
    dm = re.match(rf"({_DIGITS})\s?([a-z]+)?$", key)
    if dm:
        v = float(dm.group(1).replace(",", ""))
        scale = dm.group(2)
        if scale:
            scale = scale.rstrip("s") if scale.rstrip("s") in SCALES else scale
            if scale not in SCALES:
                return None
            v *= SCALES[scale]
        return Amount(v, v, currency, bool(pct), scale_word=scale)
    v = _parse_words(key)
    if v is None:
        return None
    scale = next((w for w in reversed(re.split(r"[\s-]+", key)) if w in SCALES), None)
    return Amount(v, v, currency, bool(pct), scale_word=scale, words=True)


def fraction_percent(s: str) -> float | None:
    """"half" -> 50, "a third" -> 33.3, "two-thirds" -> 66.7 (percent of a whole)."""
    one_in = re.fullmatch(r"(?:one|1)\s+in\s+(?:every\s+)?(\S+)", s.lower().strip())
    if one_in:  # "one in five" -> 20
        n = SMALL.get(one_in.group(1)) or (int(one_in.group(1)) if one_in.group(1).isdigit() else 0)
        return round(100 / n, 1) if n else None
    parts = re.split(r"[\s-]+", s.lower().strip())
    if not parts or parts[-1] not in FRACTIONS:
        return None
    n = 1 if len(parts) == 1 or parts[0] in ("a", "one") else SMALL.get(parts[0], 1)
    return round(n * FRACTIONS[parts[-1]], 1)


def combine_range(lo: Amount, hi: Amount) -> tuple[float, float]:
    """Ends of "two to three thousand", "$1-2bn", "10-15%": the high end's scale and
    currency apply to a bare low end."""
    a, b = lo.low, hi.high
    if hi.scale_word and not lo.scale_word and lo.low * SCALES.get(hi.scale_word, 1) <= hi.high:
        a = lo.low * SCALES.get(hi.scale_word, 1)
    return a, b
