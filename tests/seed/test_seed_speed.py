"""The shortcuts that make seeding cheaper must not change what it produces: a
pattern tried only where a match can begin finds what a full scan finds, and a
fresh build's full-text tables, filled in one pass, equal row-by-row indexing."""
from __future__ import annotations

import re
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from seed.ingest.clean import clean_line
from seed.figures.phrases import DIGIT_GROUP_STARTS, DIGIT_GROUPS, LINK, _blocked
from seed.figures.numbers import PHRASE, PHRASE_STARTS, QUALIFIERS, TENS_W, UNITS_W
from seed.pipeline import seed
from seed.figures.scan import alternation, finditer_at

from db.writer import FTS

# Pieces that number phrases are made of, and things that sit around them.
PIECES = sorted({*QUALIFIERS, *UNITS_W, *TENS_W, "between", "and", "to", "or", "half", "a", "an", "one in",
                 "dozens", "hundreds of thousands", "scores of", "several thousand", "per cent", "%", "bn",
                 "m", "k", "$", "US$", "€", "£", "HK$", "USD", "euros", "km", "miles", "-", "–", "+", ",",
                 ".", ":", "/", "(", ")", "@", "#", "'", "\n", " ", "  ", "1", "12", "2,000", "3.5", "2024",
                 "07", "+44", "(020)", "x", "Anna", "soldiers", "-strong", "-year", "or so", "ſome", "Five",
                 "a-half", "A", "an", "In excess of", "\t", "percent", "pct", "kms", "fivepercent", "asks", "nowhere"})
texts = st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join) | \
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=600, deadline=None)
@given(texts)
def test_number_phrases_found_at_candidate_starts_equal_a_full_scan(text):
    assert _spans(finditer_at(PHRASE, text, PHRASE_STARTS)) == _spans(PHRASE.finditer(text))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_digit_groups_found_at_candidate_starts_equal_a_full_scan(text):
    assert _spans(finditer_at(DIGIT_GROUPS, text, DIGIT_GROUP_STARTS)) == _spans(DIGIT_GROUPS.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["2024-10-19", "03/04/2024", "+44 20 7946 0958", "(020) 7946-0958",
                                          "12 34 56", "ops@example.org", "www.example.org/a"]), max_size=20).map(" ".join))
def test_blocked_spans_equal_a_full_scan_of_both_patterns(text):
    want = [m.span() for m in DIGIT_GROUPS.finditer(text)] + [m.span() for m in LINK.finditer(text)]
    assert _blocked(text) == want


def test_a_phone_number_and_an_address_are_blocked_but_a_plain_count_is_not():
    text = "Call +44 20 7946 0958 or write to desk@example.org; 300 people came."
    blocked = _blocked(text)
    assert (text.index("+44"), text.index(" or")) in blocked
    assert any(text[a:b] == "desk@example.org" for a, b in blocked)
    assert not any(a <= text.index("300") < b for a, b in blocked)


def test_a_phrase_opening_with_a_qualifier_word_is_found_after_a_bracket():
    text = "(roughly 300 volunteers) and Approximately 12 boats; nearly half"
    found = [m.group(0).strip() for m in finditer_at(PHRASE, text, PHRASE_STARTS)]
    assert found == [m.group(0).strip() for m in PHRASE.finditer(text)]
    assert "roughly 300" in found and "Approximately 12" in found


def test_alternation_matches_exactly_the_words_given():
    rx = re.compile(f"(?:{alternation(['ten', 'twelve', 'two', 'a', 'about'])})$")
    assert all(rx.match(w) for w in ("ten", "twelve", "two", "a", "about"))
    assert not any(rx.match(w) for w in ("t", "tw", "ab", "twelv"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["**", "*", "__", "[", "](", ")", "!", "<", ">", "https://x", "Image:", " ", "\t",
                                 "-", "—", "#", "word", "\u00a0", "1."]), max_size=25).map("".join))
def test_a_line_without_markup_characters_comes_back_only_trimmed(line):
    # The guards skip patterns whose characters are absent; a line with none of
    # them must come out as whitespace-collapsed text, whatever else it holds.
    if not re.search(r"[*_\[\]()<>!#]|Image:|^\s*(?:[-+•]|\d{1,2}[.)])\s|[—-]>", line):
        assert clean_line(line)[0] == re.sub(r"[ \t]+", " ", line.replace("\u00a0", " ")).strip()


ARTICLE = ("Bridge repairs delayed, day {n}\n\nThe transport office said on day {n} that {k} engineers were "
           "reassigned. \"We need another month,\" site manager Petra Vance said.\n")


def _fts_ok(con: sqlite3.Connection) -> None:
    """Each full-text table holds, token for token, what indexing its content table
    row by row into a new table gives."""
    for table, columns in FTS.items():
        cols = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"CREATE VIRTUAL TABLE temp.ref USING fts5({cols}, tokenize = 'porter')")
        con.execute(f"INSERT INTO temp.ref (rowid, {cols}) SELECT rowid, {cols} FROM {table} ORDER BY rowid")
        con.execute(f"CREATE VIRTUAL TABLE temp.got_v USING fts5vocab(main, {table}_fts, instance)")
        con.execute("CREATE VIRTUAL TABLE temp.ref_v USING fts5vocab(temp, ref, instance)")
        got = con.execute("SELECT * FROM temp.got_v ORDER BY 1, 2, 3, 4").fetchall()
        want = con.execute("SELECT * FROM temp.ref_v ORDER BY 1, 2, 3, 4").fetchall()
        assert got == want and want, table
        for t in ("got_v", "ref_v", "ref"):
            con.execute(f"DROP TABLE temp.{t}")


def test_a_fresh_build_fills_text_search_in_one_pass_and_keeps_the_triggers(tmp_path):
    corpus = tmp_path / "first"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"d{i}.txt").write_text(ARTICLE.format(n=i, k=10 + i), encoding="utf-8")
    db = tmp_path / "c.db"
    seed([corpus], db)
    con = sqlite3.connect(db)
    try:
        triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {f"{t}_{op}" for t in FTS for op in ("ai", "ad", "au")} <= triggers
        _fts_ok(con)
        assert con.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'reassigned'").fetchone()[0] == 3
        assert con.execute("SELECT count(*) FROM actors_fts WHERE actors_fts MATCH 'Vance'").fetchone()[0] == 1
    finally:
        con.close()
    # An incremental run into the built file indexes row by row again.
    more = tmp_path / "more"
    more.mkdir()
    (more / "d9.txt").write_text(ARTICLE.format(n=9, k=99).replace("reassigned", "redeployed"), encoding="utf-8")
    seed([more], db)
    con = sqlite3.connect(db)
    try:
        _fts_ok(con)
        assert con.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'redeployed'").fetchone()[0] == 1
    finally:
        con.close()
