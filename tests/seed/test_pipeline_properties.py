"""Property: whatever text comes in, extraction never raises and every span it
returns slices the cleaned text exactly (the offsets contract)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seed.ingest.clean import clean
from seed.extract import extract
from seed.text.model import load_model
from seed.text.passages import passages

FRAGMENTS = [
    "said", "told reporters", "according to", "denied", "might", "is believed to",
    "Maria Olsen", "Olsen", "the Ministry of Ports", "MoP", "Harbour Times", "he", "she", "it",
    "1,000", "about 2,000", "40%", "$3 million", "three or four", "dozens of", "workers",
    "killed", "wounded", "in 2024", "on March 3", "Article 12", "'", '"', "“", "”", "‘", "’",
    ":", ",", ".", "(", ")", "[bold]", "\n", "\n\n", "# ", "**", "[a](http://x)", "-",
]
texts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map(" ".join),
    st.text(max_size=200),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["txt", "md"]))
def test_any_text_extracts_without_error_and_every_span_slices_the_text(raw, fmt):
    cleaned = clean(raw, fmt)
    text = cleaned.text
    doc = load_model()(text)
    assert doc.text == text
    ex = extract(doc, ["Maria Olsen"], "Harbour Times")
    records = [*ex.actors.mentions, *ex.quotes, *ex.claims, *ex.figures]
    for r in records:
        assert 0 <= r.start <= r.end <= len(text)
        assert text[r.start:r.end] == r.text, r
    for row in passages(text, cleaned.blocks, doc):
        assert text[row["start"]:row["end"]] == row["text"]
    for f in ex.figures:
        assert f.low is None or f.high is None or f.low <= f.high
    for c in ex.claims:
        assert c.claimant is None or c.claimant in ex.actors.actors
        assert c.quote is None or 0 <= c.quote < len(ex.quotes)
        assert c.stance in ("asserts", "denies", "speculates")
    for q in ex.quotes:
        assert q.speaker is None or q.speaker in ex.actors.actors
