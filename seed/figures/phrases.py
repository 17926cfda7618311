"""Figures: the numbers an article reports about people, losses, money, distances,
shares and munitions, each with its value range, unit and counted subject.

Candidates come from the number-phrase expression in ``seed.figures.numbers``; the parse
then rules out what only looks like a figure (dates, years, durations, times,
ordinals, designations, ages, list markers, phone numbers) and reads the unit
from the counted noun and its verb (``seed.figures.units``).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..records import Figure
from ..text.columns import doc_text
from .numbers import CURRENCY_WORDS, PHRASE, PHRASE_STARTS, Amount, combine_range, fraction_percent, parse_amount
from .counts import earlier_count, is_total, named_count, of_them, whole_of_part
from .scan import finditer_at
from .units import (MUNITIONS, NOUN_UNITS, counted_noun, is_people, money_subject, noun_phrase, noun_unit,
                    verb_class, verb_unit)

TIME_NOUNS = {
    "year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "hrs",
    "minute", "minutes", "mins", "second", "seconds", "decade", "decades", "century", "centuries",
    "night", "nights", "morning", "mornings", "weekend", "weekends", "times", "am", "pm", "a.m.", "p.m.",
    "gmt", "utc", "bst", "cet", "est", "edt", "pst", "o'clock", "h", "millennia", "millennium", "fortnight",
    "time",
}
CLOCK_WORDS = {"at", "until", "till", "before", "after", "by", "from", "since"}
CALIBRES = {"mm", "cm", "millimetre", "millimeter", "calibre", "caliber", "-mm", "inch", "in."}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
          "nov", "dec"}
# Words after which a number names a thing rather than counting ("No. 5", "page 12").
LABEL_WORDS = {"no", "no.", "nos", "number", "#", "page", "p.", "pp.", "vol", "vol.", "chapter", "article",
               "section", "paragraph", "clause", "resolution", "flight", "route", "unit", "level", "phase",
               "type", "block", "model", "version", "room", "seat", "platform", "gate", "line", "item",
               "figure", "table", "episode", "season", "grade", "class", "category", "stage", "step", "part",
               "aged", "age", "ages", "verse", "rule", "point", "points", "code", "exit", "district", "ward",
               "magnitude", "size", "channel", "tier", "mark", "squad", "lane", "top"}
ANAPHORIC = {"the", "these", "those", "its", "their", "our", "his", "her", "both", "all", "my", "your"}
# Multi-digit groups split by spaces or dashes: phone numbers, ISO dates, ids.
DIGIT_GROUPS = re.compile(r"(?<![\d,])(?:\+\d{1,3}[\s.-]?)?(?:\(\+?\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s./-]\d{2,5}){2,}(?![\d,])"
                          r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
QUALIFIER_NAMES = {"approx.": "approximately", "ca.": "about", "c.": "about", "circa": "about",
                   "around": "about", "roughly": "about", "some": "about", "almost": "nearly",
                   "over": "more than", "above": "more than", "in excess of": "more than", "upwards of": "more than",
                   "well over": "more than", "just over": "more than", "under": "less than", "below": "less than",
                   "fewer than": "less than", "just under": "less than",
                   "no more than": "at most", "not more than": "at most", "no fewer than": "at least"}


# Every match of DIGIT_GROUPS opens with "+", "(" or the first digit of a run, and
# holds three digit groups with a separator between each (most texts have none).
DIGIT_GROUP_STARTS = re.compile(r"[+(]|(?<!\d)\d")
THREE_GROUPS = re.compile(r"\d[\s./-]\d{1,5}[\s./-]\d")
LINK = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")  # LINK where no "@" can make an e-mail address


def _blocked(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in finditer_at(DIGIT_GROUPS, text, DIGIT_GROUP_STARTS)] if THREE_GROUPS.search(text) else []
    spans += [m.span() for m in (LINK if "@" in text else WEB_ADDRESS).finditer(text)]
    return spans


def _qualifier(qual: str) -> str | None:
    words = re.sub(r"\s+", " ", qual.strip().lower())
    words = re.sub(r"^(?:another|a further|an additional|an extra|a total of|potentially|possibly|perhaps|maybe|"
                   r"reportedly|only|just|an estimated|estimated|from)\s*", "", words)
    if not words:
        return None  # a hedge but no bound: the tail ("or so") may still qualify
    return QUALIFIER_NAMES.get(words, words)


def _is_year(a: Amount, raw: str) -> bool:
    return (re.fullmatch(r"\d{4}", raw.strip()) is not None and 1000 <= a.low <= 2100) or \
        re.fullmatch(r"\d{4}\s*(?:[-–—/]|to|and)\s*\d{2,4}", raw.strip()) is not None


def _next_word(doc: Doc, i: int) -> str:
    """The word after token i, passing over "more" and adjectives ("30 more years")."""
    j = i + 1
    while j < len(doc) and (doc[j].lower_ in ("more", "long", "full", "straight", "consecutive", "whole",
                                               "additional", "other", "of", "-") or doc[j].pos_ == "ADJ"):
        j += 1
    return doc[j].lower_ if j < len(doc) else ""


def _starts_sentence(tok) -> bool:
    # Token.is_sent_start scans the whole Doc on every call; the previous token says as much.
    if tok.i == 0:
        return True
    prev = tok.doc[tok.i - 1]
    return prev.is_space or prev.text in (".", "!", "?", "\"", "“", "‘", "'", ":", ";", "—", "-", "(")


def _countable(noun) -> bool:
    return noun is not None and (is_people(noun) or noun.lower_ in NOUN_UNITS or noun.lower_ in MUNITIONS)


def _excluded(doc: Doc, span: Span, m: re.Match, a: Amount, noun, blocked) -> bool:
    text = m.string  # Doc.text rebuilds the whole string on every access
    s, e = m.span()
    if any(bs <= s < be or bs < e <= be for bs, be in blocked):
        return True
    core_start = m.start("frac") if m.group("frac") else m.start("low")
    line_start = text.rfind("\n", 0, s) + 1
    if text[line_start:s].strip() == "" and re.match(r"[.)]\s", text[e:e + 2]):
        return True  # a list marker ("1. Contents")
    nxt = _next_word(doc, span[-1].i)
    if nxt in TIME_NOUNS or nxt.rstrip("s") in TIME_NOUNS:
        return True  # a duration or a time
    if nxt in CALIBRES:
        return True  # "155 mm shells": a calibre names a kind of shell
    if a.currency or a.percent:
        return False
    if noun is not None and noun.tag_ == "NNP" and noun.ent_type_ != "NORP":
        return True  # part of a name ("10 Downing Street", "Apollo 11")
    raw_low = m.group("low") or ""
    before = text[max(0, s - 16):s].lower()
    dated = re.search(r"\b([a-z]{3,9})\.? \d{1,2}(?:st|nd|rd|th)?,\s*$", before)
    if dated and dated.group(1) in MONTHS and _is_year(a, raw_low) and not m.group("high"):
        return True  # the year of a date ("May 12, 2025"), whatever noun the parser hangs on it
    if _is_year(a, raw_low + (m.group("sep") or "") + (m.group("high") or "")) and not a.scale_word:
        if noun is None or noun.tag_ not in ("NNS", "NNPS") or noun.lower_ in TIME_NOUNS:
            return True
    labels = {t.ent_type_ for t in span}
    if labels & {"DATE", "TIME", "ORDINAL"} and not a.vague and not _countable(noun):
        return True
    if nxt in MONTHS:
        return True  # "3 February"
    first = doc.char_span(s, e, alignment_mode="expand")
    outside = doc[first.start - 1] if first is not None and first.start > 0 else None
    if outside is not None:
        if outside.lower_ in LABEL_WORDS or outside.lower_ in MONTHS:
            return True  # "page 12", "aged between 16 and 65", "June 12"
        if outside.lower_ in CLOCK_WORDS and re.fullmatch(r"\d{1,2}[.:]\d{2}", raw_low.strip()) and noun is None:
            return True  # a clock time ("at 10.30")
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and not m.group("qual"):
        low = before.lower_
        if (before.is_title or before.is_upper) and before.is_alpha and not _starts_sentence(before) \
                and before.pos_ in ("PROPN", "NOUN") and (noun is None or noun.i > span.end + 2):
            return True  # a designation ("Article 51", "Resolution 2231")
        if low == "," and span.start > 1 and doc[span.start - 2].pos_ == "PROPN" and \
                span.end < len(doc) and doc[span.end].text in (",", ")") and a.low < 120:
            return True  # an age after a name ("Jane Doe, 45, said")
        if low in ANAPHORIC and a.words and a.low < 20:
            return True  # "the two men", "these three countries": a reference, not a count
    return False


LOSS_UNITS = {"killed", "wounded", "casualties", "captured", "deserted"}
FORMATIONS = {"brigades", "battalions", "regiments", "divisions", "units", "companies", "squads", "platoons",
              "squadrons", "fleets", "corps", "detachments"}


def _counts(a: Amount, noun, unit: str, m: re.Match) -> bool:
    """Whether a spelled-out small number counts something a figure is about: people,
    arms or formations, or anyone killed, wounded, captured or gone ("two were
    wounded") -- not "two countries" or "one report"."""
    if a.low == 1 and not m.group("sep"):
        return unit in LOSS_UNITS and m.string[m.end():m.end() + 3] != " of"
    if unit in LOSS_UNITS:
        return True
    return noun is not None and (is_people(noun) or noun.lower_ in MUNITIONS or noun.lower_ in FORMATIONS
                                 or noun.lower_ in NOUN_UNITS)


def _value(m: re.Match) -> tuple[Amount | None, float | None, float | None]:
    if m.group("frac"):
        pct = fraction_percent(m.group("frac"))
        if pct is None:
            return None, None, None
        return Amount(pct, pct, percent=True, words=True), pct, pct
    lo = parse_amount(m.group("low"))
    if lo is None:
        return None, None, None
    if m.group("cur"):
        lo.currency = CURRENCY_WORDS.get(m.group("cur").split()[-1].lower(), lo.currency)
    if not m.group("high"):
        return lo, lo.low, lo.high
    hi = parse_amount(m.group("high"))
    if hi is None:
        return lo, lo.low, lo.high
    low, high = combine_range(lo, hi)
    if high < low:
        return None, None, None  # a score or a listing ("3-1"), not a range
    merged = Amount(low, high, lo.currency or hi.currency, lo.percent or hi.percent, lo.vague or hi.vague,
                    hi.scale_word or lo.scale_word, lo.words and hi.words)
    return merged, low, high


def _unit(doc: Doc, span: Span, a: Amount, noun, frac: bool, dist: str | None) -> tuple[str, str | None]:
    """(unit, subject) for one figure."""
    subject = None
    if noun is not None:
        subject = noun_phrase(noun, {t.i for t in span})
    if a.currency:
        return a.currency, subject or money_subject(_root(span))
    if a.percent or frac:
        return "percent", subject
    if dist:
        return NOUN_UNITS.get(dist.split()[-1].lower(), "km"), None
    if noun is None or is_total(noun):
        noun = of_them(span) or (earlier_count(span) if is_total(noun) else None) or noun
    if noun is not None and not is_total(noun):
        low = noun.lower_
        if whole_of_part(noun, span):
            return noun_unit(noun), subject  # "40 of the 600 troops ... killed": the 600 were not
        if low in NOUN_UNITS and NOUN_UNITS[low] in ("km", "miles", "m"):
            return NOUN_UNITS[low], subject
        if low in MUNITIONS:
            return low, subject
        if is_people(noun):
            return verb_unit(noun) or noun_unit(noun), subject
        return noun_unit(noun), subject
    named = named_count(span)
    if named is not None:
        counted, verbs = named
        return verb_class(verbs) or verb_unit(counted) or noun_unit(counted), subject or noun_phrase(counted, set())
    return verb_unit(_root(span)) or ("other" if noun is None or is_total(noun) else noun_unit(noun)), subject


def _root(span: Span):
    return next((t for t in reversed(span) if t.head.i not in range(span.start, span.end) or t.head is t), span[-1])


def _in_caption(text: str, start: int, headline_end: int) -> bool:
    """Whether a position lies in a block that ends without a full stop (a caption, a
    heading), other than the first block (the headline)."""
    if start < headline_end:
        return False
    b_end = text.find("\n\n", start)
    block = text[start:b_end if b_end >= 0 else len(text)].rstrip()
    return not re.search(r"[.!?:;…][\"'”’)\]]*$", block)


def _confidence(a: Amount, unit: str, caption: bool) -> float:
    c = 0.9
    if caption:
        c -= 0.3
    if a.vague:
        c -= 0.15
    if unit == "other":
        c -= 0.25
    if a.words and not a.vague:
        c -= 0.1
    return round(max(c, 0.3), 2)


def extract_figures(doc: Doc) -> list[Figure]:
    """Every figure in the document, in text order."""
    text = doc_text(doc)
    blocked = _blocked(text)
    lead = len(text) - len(text.lstrip())
    headline_end = text.find("\n\n", lead) % (len(text) + 1)
    out: list[Figure] = []
    for m in finditer_at(PHRASE, text, PHRASE_STARTS):
        a, low, high = _value(m)
        if a is None:
            continue
        core_start = m.start("frac") if m.group("frac") else m.start("low")
        core_end = max(m.end(g) for g in ("frac", "low", "high", "dist", "cur"))
        span = doc.char_span(core_start, core_end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        noun = counted_noun(span)
        if _excluded(doc, span, m, a, noun, blocked):
            continue
        frac = bool(m.group("frac"))
        if frac and noun is None and not any(t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr") for t in span):
            continue
        if frac and span.start > 0 and doc[span.start - 1].lower_ in ("the", "a", "and", "first", "second", "latter",
                                                                      "other"):
            continue  # "the second half", "one and a half"
        if a.scale_word == "m" and not a.currency and (noun is None or noun.i != span.end):
            # "100m" before anything but a counted noun is a length, not millions
            a.low = a.high = low = high = (low or 0) / 1e6
            a.scale_word = None
            m_dist = "metres"
        else:
            m_dist = None
        unit, subject = _unit(doc, span, a, noun, frac, m_dist or (m.group("dist") or "").strip())
        if a.words and not a.vague and not frac and a.low < 100 and not a.scale_word and not _counts(a, noun, unit, m):
            continue
        start, end = m.start(), m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        rule = "figure:" + ("fraction" if frac else "vague" if a.vague else "range" if m.group("high") else
                            "money" if a.currency else "percent" if a.percent else "number")
        out.append(Figure(start=start, end=end, text=text[start:end], low=low, high=high, unit=unit,
                          subject=subject, qualifier=_qualifier(m.group("qual") or "") or
                          (m.group("tail") or "").strip() or None,
                          rule=rule, confidence=_confidence(a, unit, _in_caption(text, start, headline_end))))
    return out
