"""What each table, view and column of the schema holds, in words: the titles
and descriptions Datasette shows (``db.datasette``), kept beside the schema so
a test can check that every table and column of ``schema.sql`` is described."""
from __future__ import annotations

_SPAN = {
    "document_id": "the document it is in (documents.id)",
    "start": "where it starts in documents.text: a 0-based code point offset",
    "end": "where it ends in documents.text (exclusive): substr(text, start + 1, end - start) is its text",
    "rule": "the extraction rule that made the row",
    "confidence": "how sure that rule is, 0 to 1",
}
_FTS = "Full-text index (FTS5, made by sqlite-utils, porter stemming) over {what}; Datasette's search box uses it."
_KEY = "hash of the normalised words (case, spacing and quotation marks aside): what annotations key on"

# table or view -> (title, description, {column: description}); tables in
# schema order: extracted, derived (search, links), the analyst's.
TABLES: dict[str, tuple[str, str, dict[str, str]]] = {
    "claimscope_meta": ("Run state", "Claimscope's own bookkeeping: when the file was last seeded, the link "
                        "fingerprint, a token that changes with each seed commit.",
                        {"key": "name of the setting", "value": "its value"}),
    "documents": ("Documents", "One row per article, with its cleaned text: every offset in the file points into "
                  "documents.text.  Extracted: rebuilt from the articles.", {
        "id": "document id", "path": "absolute path of the source file when seeded (the natural key)",
        "title": "headline, from sources.toml or the text", "outlet": "publication",
        "authors": "JSON array of author names", "published": "publication date, ISO 8601 (YYYY-MM-DD) or YYYY-MM",
        "url": "where it was published", "text": "the cleaned text every offset points into",
        "sha256": "hash of the raw file bytes: an unchanged file is not seeded again",
        "inferred": "JSON array: metadata fields read from the text rather than sources.toml",
        "format": "what the source file was: txt, md, html, pdf or docx", "words": "number of words",
        "seeded_at": "when this version was seeded"}),
    "passages": ("Passages", "Paragraphs, headings and sentences of each document, with their offsets.", {
        "id": "passage id", "document_id": _SPAN["document_id"], "kind": "paragraph, heading or sentence",
        "parent_id": "a sentence's paragraph or heading (passages.id)", "seq": "order within the document and kind",
        "start": _SPAN["start"], "end": _SPAN["end"], "text": "the passage's words"}),
    "actors": ("Actors", "People, organisations, countries, media, groups and places, merged across documents "
               "under one canonical name.", {
        "id": "actor id", "key": "normalised canonical name: the natural key",
        "name": "canonical name: the fullest form in the corpus",
        "kind": "person, organization, country, media, group or place",
        "description": "roles and titles split off the written forms (e.g. a spokesman for the ministry)",
        "named": "1: a named actor; 0: an unnamed source kept as its description (\"a senior official "
                 "(unnamed)\"), one per document, never merged with anyone"}),
    "aliases": ("Aliases", "Every distinct written form of an actor.", {
        "actor_id": "the actor (actors.id)", "alias": "one way the articles write their name"}),
    "mentions": ("Mentions", "Each occurrence of an actor in a document.", {
        "id": "mention id", "actor_id": "the actor (actors.id)", **_SPAN, "text": "the words as written there"}),
    "quotes": ("Quotes", "Words inside quotation marks, with who is quoted.", {
        "id": "quote id", "passage_id": "the paragraph it stands in (passages.id)", **_SPAN,
        "text": "what stands inside the quotation marks", "speaker_id": "who is quoted (actors.id); empty: unknown",
        "cue": "the reporting words that attribute it (said, told reporters)", "text_key": _KEY}),
    "claims": ("Claims", "Attributed assertions: what a source says someone claims, denies or speculates.", {
        "id": "claim id", "passage_id": "the paragraph it stands in (passages.id)", **_SPAN,
        "text": "the claim's words", "claimant_id": "who makes the claim (actors.id); empty: unattributed",
        "cue": "the reporting words that attribute it", "stance": "asserts, denies or speculates",
        "quote_id": "the quote it is made of, if any (quotes.id)", "text_key": _KEY}),
    "figures": ("Figures", "Number phrases with their values and unit (\"1,000 to 3,000 troops\": low 1000, "
                "high 3000, unit troops).", {
        "id": "figure id", "claim_id": "the claim it stands in, if any (claims.id)", **_SPAN,
        "text": "the number phrase with its qualifier", "low": "smallest value it states",
        "high": "largest value it states; empty: open-ended (at least, more than)",
        "unit": "what is counted (troops, killed, wounded, casualties, ...)", "subject": "the noun it counts",
        "qualifier": "about, at least, up to, as many as, ...", "claimant_id": "who states it (actors.id)"}),
    "search_items": ("Search items", "Derived: one row per searchable claim, quote, figure, document title and actor, "
                     "behind the explorer's search.  Safe to ignore; rebuilt by each seed run.", {
        "id": "rowid in search_text or search_names", "kind": "claim, quote, figure, doc or actor",
        "ref_id": "id in its own table (documents.id for doc)", "document_id": "its document; empty for actors",
        "actor_id": "claimant or speaker; the actor itself for an actor", "outlet": "its document's outlet",
        "weight": "for actors: claims and quotes attributed", "body": "the text indexed, on one line"}),
    "search_text_rows": ("Search text rows", "Derived: the rows of search_items that search_text indexes.", {
        "id": "search_items.id", "body": "the text indexed", "kind": "claim, quote, figure or doc"}),
    "search_name_rows": ("Search name rows", "Derived: the actor rows of search_items that search_names indexes.", {
        "id": "search_items.id", "body": "an actor's names"}),
    "search_text": ("Search word index", "Derived: FTS5 word index over search_items' text rows.", {
        "body": "the text indexed", "kind": "claim, quote, figure or doc (a column, so kind: is a doclist)"}),
    "search_names": ("Search name index", "Derived: FTS5 trigram index over actor names.", {
        "body": "an actor's canonical name and aliases"}),
    "search_vocab": ("Search vocabulary", "Derived: each word of search_text and how many rows hold it; how a "
                     "partial or misspelt word finds its rows.", {
        "id": "rowid in search_vocab_grams", "word": "a word of 3+ characters, lowercased",
        "rows": "how many rows hold it"}),
    "search_vocab_grams": ("Search vocabulary trigrams", "Derived: FTS5 trigram index over search_vocab's words.", {
        "word": "the word"}),
    "search_index_docs": ("Search index coverage", "Derived: which document versions the search index covers.", {
        "document_id": "documents.id", "sha256": "the version indexed; a different one means stale"}),
    "claim_groups": ("Claim groups", "Derived: claims from two or more documents that say the same thing.", {
        "id": "group id", "key": "hash of the members' document:start:end (the natural key)",
        "label": "the member closest to the others, shortened", "first_claim_id": "the earliest claim (claims.id)",
        "first_document_id": "its document (documents.id)", "first_published": "the earliest member's date",
        "documents": "how many documents", "claims": "how many claims"}),
    "claim_group_members": ("Claim group members", "Derived: the claims of each claim group.", {
        "id": "member id", "group_id": "claim_groups.id", "claim_id": "claims.id", "document_id": "documents.id",
        "score": "its best pair score in the group (TF-IDF cosine x 100 plus bonuses)"}),
    "figure_groups": ("Figure groups", "Derived: figures from two or more documents that count the same thing: same "
                      "unit, kind of people, scope and order of magnitude.", {
        "id": "group id", "key": "unit|scope|counted|magnitude (the natural key)", "label": "what it counts",
        "unit": "what is counted", "scope": "total, additional, planned, first or past",
        "counted": "a kind of people (advisers, workers) or a subject noun", "status": "agree or conflict",
        "documents": "how many documents", "figures": "how many figures", "low": "smallest stated value",
        "high": "largest stated value"}),
    "figure_group_members": ("Figure group members", "Derived: the figures of each figure group.", {
        "id": "member id", "group_id": "figure_groups.id", "figure_id": "figures.id", "document_id": "documents.id",
        "range_low": "smallest value the figure admits once its qualifier is applied",
        "range_high": "largest value it admits; empty: open-ended",
        "conflicts": "1 when its range misses another source's"}),
    "quote_links": ("Quote links", "Derived: the same quoted words in two documents; origin is the earlier one.", {
        "id": "link id", "key": "origin doc:start:end>reuse doc:start:end (the natural key)",
        "origin_document_id": "documents.id of the earlier document", "origin_start": "offset in its text",
        "origin_end": "end offset in its text", "origin_text": "the words there",
        "origin_quote_id": "the quote there (quotes.id); empty: unquoted there",
        "reuse_document_id": "documents.id of the later document", "reuse_start": "offset in its text",
        "reuse_end": "end offset in its text", "reuse_text": "the words there",
        "reuse_quote_id": "the quote there (quotes.id)", "score": "rapidfuzz partial ratio, 0 to 100"}),
    "link_claims": ("Link state: claims", "Derived: what re-linking remembers of each claim.", {
        "claim_id": "claims.id", "document_id": "documents.id", "start": "offset", "end": "end offset",
        "length": "length of its text", "terms": "JSON [[term, count], ...] in text order",
        "actors": "JSON ids of its claimant and the actors named in it", "figures": "JSON ids of its figures",
        "extra": "how far its rare words' idf moved it since the last full scoring"}),
    "link_claim_pairs": ("Link state: claim pairs", "Derived: claims of different documents sharing enough content "
                         "words to be scored.", {
        "a": "the smaller claim id", "b": "the larger claim id",
        "similarity": "rapidfuzz on the two texts; empty: not needed yet",
        "cos": "cosine x 100 when last scored", "score": "combined score then; empty: apart or conflicting figures",
        "linked": "1 when the score reaches SAME_CLAIM",
        "due": "accumulated idf drift at which the pair is scored again",
        "ra": "claim a's term counts over its weights (norms) when scored", "rb": "the same of claim b"}),
    "link_terms": ("Link state: terms", "Derived: the number of claims holding each term.", {
        "term": "a content word, state or figure term", "df": "claims holding it"}),
    "link_postings": ("Link state: postings", "Derived: the claims holding each term.", {
        "term": "link_terms.term", "claim_id": "claims.id", "document_id": "documents.id"}),
    "link_documents": ("Link state: stories", "Derived: each document's story signature and named places.", {
        "document_id": "documents.id", "signature": "JSON {name key: share of name mentions}",
        "places": "JSON [[start, end, key], ...]"}),
    "link_shingles": ("Link state: shingles", "Derived: hashed four-word shingles of paragraphs and long quotes.", {
        "shingle": "64-bit hash of four words", "kind": "p: paragraph, q: quote", "document_id": "documents.id",
        "item": "the paragraph's start offset, or quotes.id"}),
    "link_figures": ("Link state: figures", "Derived: each figure's facet bucket.", {
        "figure_id": "figures.id", "document_id": "documents.id",
        "bucket": "JSON [unit, scope, counted]; empty: compared with nothing"}),
    "claim_sources": ("Claims with their sources", "View: each claim with its group, claimant, outlet, date and "
                      "paragraph.", {
        "claim_id": "claims.id", "group_id": "its claim group, if any", "group_label": "the group's label",
        "document_id": "documents.id", "outlet": "publication", "published": "date", "title": "headline",
        "claimant": "who makes it", "stance": "asserts, denies or speculates", "claim": "the claim's words",
        "passage": "the paragraph it stands in", "start": "offset in documents.text", "end": "end offset"}),
    "figure_comparison": ("Figures compared", "View: one row per figure group and source figure.", {
        "group_id": "figure_groups.id", "label": "what the group counts", "unit": "what is counted",
        "scope": "total, additional, planned, first or past", "counted": "kind of people or subject noun",
        "status": "the group's: agree or conflict", "figure_id": "figures.id", "document_id": "documents.id",
        "outlet": "publication", "published": "date", "title": "headline", "figure": "the number phrase",
        "low": "smallest value", "high": "largest value", "qualifier": "about, at least, ...",
        "claimant": "who states it", "verdict": "conflict when this figure's range misses another source's, "
        "else agree", "passage": "the sentence it stands in"}),
    "quote_reuse": ("Quotes reused", "View: each reuse of quoted words with both outlets, dates, texts and speakers.", {
        "id": "quote_links.id", "score": "match score, 0 to 100", "origin_document_id": "the earlier document",
        "origin_outlet": "its outlet", "origin_published": "its date", "origin_title": "its headline",
        "origin_text": "the words there", "origin_quote_id": "the quote there", "origin_speaker": "who is quoted there",
        "reuse_document_id": "the later document", "reuse_outlet": "its outlet", "reuse_published": "its date",
        "reuse_title": "its headline", "reuse_text": "the words there", "reuse_quote_id": "the quote there",
        "reuse_speaker": "who is quoted there"}),
    "annotations": ("Your verdicts and notes", "The analyst's: written by the explorer (v, e), never by a seed run, "
                    "and kept through --rebuild.  Keyed by document path and text_key, not by row id.", {
        "id": "annotation id", "kind": "claim or quote", "document_path": "documents.path of its document",
        "text_key": "the claim's or quote's text_key", "text": "its words when last annotated",
        "verdict": "unverified, corroborated, disputed or false", "note": "your note",
        "created_at": "when first saved", "updated_at": "when last saved"}),
    "annotation_status": ("Verdicts and what they are about", "View: each annotation with the claim or quote it is "
                          "about now; item_id empty: that claim is gone (orphaned), the note is kept.", {
        "id": "annotation id", "kind": "claim or quote", "document_path": "documents.path",
        "text_key": "the text_key", "text": "its words when last annotated", "verdict": "your verdict",
        "note": "your note", "created_at": "when first saved", "updated_at": "when last saved",
        "item_id": "claims.id or quotes.id now; empty: orphaned"}),
}

# The full-text tables sqlite-utils adds for Datasette's search box.
FTS_TABLES = {
    "documents_fts": ("title", "text"), "passages_fts": ("text",), "quotes_fts": ("text",),
    "claims_fts": ("text",), "actors_fts": ("name", "description"),
}
for _table, _columns in FTS_TABLES.items():
    _source = _table[:-len("_fts")]
    TABLES[_table] = (f"Full-text index: {_source}", _FTS.format(what=_source),
                      {c: f"{_source}.{c}" for c in _columns})
