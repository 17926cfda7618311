-- Claimscope's SQLite file is a public interface: this file is its contract.
--
-- Offsets are 0-based, end-exclusive indexes into documents.text in Python
-- string (code point) terms, so for every row of every table that has
-- document_id, start, end, text:
--     substr(d.text, start + 1, end - start) = text
--
-- Every extracted row records the rule that made it and a confidence in 0..1.
-- Each FTS-indexed table has an INTEGER PRIMARY KEY, which sqlite-utils' FTS
-- triggers follow.  Idempotence comes from natural keys (documents.path and
-- documents.sha256, actors.key), never from INSERT OR REPLACE.

PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS claimscope_meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE IF NOT EXISTS documents (
    id        INTEGER PRIMARY KEY,
    path      TEXT UNIQUE NOT NULL,      -- absolute path of the source file when seeded
    title     TEXT,
    outlet    TEXT,
    authors   TEXT,                      -- JSON array of names
    published TEXT,                      -- ISO 8601 date or YYYY-MM
    url       TEXT,
    text      TEXT NOT NULL,             -- the cleaned text every offset points into
    sha256    TEXT NOT NULL,             -- of the raw file bytes
    inferred  TEXT NOT NULL DEFAULT '[]',-- JSON array: metadata fields read from the text, not the manifest
    format    TEXT,                      -- txt | md | html | pdf | docx
    words     INTEGER,
    seeded_at TEXT
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);

CREATE TABLE IF NOT EXISTS passages (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    kind        TEXT NOT NULL CHECK (kind IN ('paragraph', 'sentence', 'heading')),
    parent_id   INTEGER REFERENCES passages(id),  -- a sentence's paragraph or heading
    seq         INTEGER NOT NULL,                 -- order within the document and kind
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_document_id ON passages(document_id, start);
CREATE INDEX IF NOT EXISTS passages_parent_id ON passages(parent_id);

CREATE TABLE IF NOT EXISTS actors (
    id          INTEGER PRIMARY KEY,
    key         TEXT UNIQUE NOT NULL,     -- normalised canonical name: the natural key
    name        TEXT NOT NULL,            -- canonical: the fullest form in the corpus
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'country', 'media', 'group', 'place')),
    description TEXT,                     -- roles and titles split off the written forms
    named       INTEGER NOT NULL DEFAULT 1 -- 0: an unnamed source ("a senior official"), one per
                                          -- document, named by its description; never merged
);

CREATE TABLE IF NOT EXISTS aliases (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    alias    TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
);
CREATE INDEX IF NOT EXISTS aliases_alias ON aliases(alias);

CREATE TABLE IF NOT EXISTS mentions (
    id          INTEGER PRIMARY KEY,
    actor_id    INTEGER NOT NULL REFERENCES actors(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    rule        TEXT,
    confidence  REAL
);
CREATE INDEX IF NOT EXISTS mentions_document_id ON mentions(document_id, start);
CREATE INDEX IF NOT EXISTS mentions_actor_id ON mentions(actor_id);

CREATE TABLE IF NOT EXISTS quotes (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    passage_id  INTEGER REFERENCES passages(id),   -- the paragraph it stands in
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,                     -- what stands inside the quotation marks
    speaker_id  INTEGER REFERENCES actors(id),
    cue         TEXT,
    rule        TEXT,
    confidence  REAL,
    text_key    TEXT                               -- hash of the normalised text: what annotations key on
);
CREATE INDEX IF NOT EXISTS quotes_document_id ON quotes(document_id, start);
CREATE INDEX IF NOT EXISTS quotes_passage_id ON quotes(passage_id);
CREATE INDEX IF NOT EXISTS quotes_speaker_id ON quotes(speaker_id);
CREATE INDEX IF NOT EXISTS quotes_text_key ON quotes(text_key);

CREATE TABLE IF NOT EXISTS claims (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    passage_id  INTEGER REFERENCES passages(id),   -- the paragraph it stands in
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    claimant_id INTEGER REFERENCES actors(id),
    cue         TEXT,
    stance      TEXT NOT NULL CHECK (stance IN ('asserts', 'denies', 'speculates')),
    quote_id    INTEGER REFERENCES quotes(id),
    rule        TEXT,
    confidence  REAL,
    text_key    TEXT                               -- hash of the normalised text: what annotations key on
);
CREATE INDEX IF NOT EXISTS claims_document_id ON claims(document_id, start);
CREATE INDEX IF NOT EXISTS claims_passage_id ON claims(passage_id);
CREATE INDEX IF NOT EXISTS claims_claimant_id ON claims(claimant_id);
CREATE INDEX IF NOT EXISTS claims_quote_id ON claims(quote_id);
CREATE INDEX IF NOT EXISTS claims_text_key ON claims(text_key);

CREATE TABLE IF NOT EXISTS figures (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    claim_id    INTEGER REFERENCES claims(id),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,                     -- the number phrase with its qualifier
    low         REAL,
    high        REAL,                              -- NULL: open-ended
    unit        TEXT,
    subject     TEXT,
    qualifier   TEXT,
    claimant_id INTEGER REFERENCES actors(id),
    rule        TEXT,
    confidence  REAL
);
CREATE INDEX IF NOT EXISTS figures_document_id ON figures(document_id, start);
CREATE INDEX IF NOT EXISTS figures_claim_id ON figures(claim_id);
CREATE INDEX IF NOT EXISTS figures_claimant_id ON figures(claimant_id);
CREATE INDEX IF NOT EXISTS figures_unit ON figures(unit);

-- Search index (db/search/index.py keeps it; db/search/ reads it).  A word
-- FTS5 table over the text rows and a trigram one over actor names narrow
-- candidates; search_vocab maps partial and misspelt words to the words that
-- hold them; search_items says what each FTS row is and carries the filter
-- columns.  Derived data: safe to drop, the next seed run rebuilds it.
CREATE TABLE IF NOT EXISTS search_items (
    id          INTEGER PRIMARY KEY,   -- rowid in search_text or search_names
    kind        TEXT NOT NULL,         -- claim | quote | figure | doc | actor
    ref_id      INTEGER NOT NULL,      -- id in its own table (documents.id for doc)
    document_id INTEGER,               -- NULL for actors
    actor_id    INTEGER,               -- claimant or speaker; the actor itself for kind actor
    outlet      TEXT,                  -- of its document
    weight      INTEGER NOT NULL DEFAULT 0, -- actors: claims + quotes attributed
    body        TEXT NOT NULL DEFAULT ''    -- the text indexed, on one line (the FTS tables' content)
);
CREATE UNIQUE INDEX IF NOT EXISTS search_items_ref ON search_items(kind, ref_id);
CREATE INDEX IF NOT EXISTS search_items_document_id ON search_items(document_id);
CREATE INDEX IF NOT EXISTS search_items_actor_id ON search_items(actor_id);
CREATE INDEX IF NOT EXISTS search_items_outlet ON search_items(outlet);
CREATE INDEX IF NOT EXISTS search_items_kind ON search_items(kind, outlet);
CREATE INDEX IF NOT EXISTS search_items_weight ON search_items(kind, weight);
-- A kind's rows in id order (SQLite appends the rowid): "kind:claim" alone
-- lists the newest claims in a few index steps; without it SQLite sorts every
-- claim (seconds at a million).
CREATE INDEX IF NOT EXISTS search_items_kind_id ON search_items(kind);
-- kind is also an FTS column so that a kind: filter is a doclist intersection
-- (cheap for the rarer kinds) rather than a test on every text match.  It is
-- indexed as "kindclaim", "kindquote" ...: FTS5 keeps one term list for all
-- columns, so a kind indexed as "claim" gave the word "claim" (or "figure",
-- "quote") a million-row doclist to walk, 0.3 s a query at a million claims.  Words,
-- not trigrams: a common word's doclist is a fraction of its trigrams' (at a
-- million rows, 1 ms against 40), and the vocabulary supplies the substrings.
-- Neither keeps a copy of a body: each reads its rows of search_items through
-- a view (external content), so 'rebuild' and 'integrity-check' see just those.
CREATE VIEW IF NOT EXISTS search_text_rows AS
    SELECT id, body, 'kind' || kind AS kind FROM search_items WHERE kind <> 'actor';
CREATE VIEW IF NOT EXISTS search_name_rows AS
    SELECT id, body FROM search_items WHERE kind = 'actor';
CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
    body, kind, content = 'search_text_rows', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS search_names USING fts5(
    body, content = 'search_name_rows', content_rowid = 'id', tokenize = 'trigram');
-- The words of search_text (3+ characters, lowercased) and how many rows hold
-- each; a misspelt query word is matched here first (see db/search/index.py).
CREATE TABLE IF NOT EXISTS search_vocab (
    id   INTEGER PRIMARY KEY,   -- rowid in search_vocab_grams
    word TEXT UNIQUE NOT NULL,
    rows INTEGER NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_vocab_grams USING fts5(word, tokenize = 'trigram');
CREATE TABLE IF NOT EXISTS search_index_docs (
    document_id INTEGER PRIMARY KEY,   -- indexed at this sha256; a different one means stale
    sha256      TEXT NOT NULL
);

-- Across sources (db/links.py keeps them; seed/link/ decides them).  Derived
-- data, recomputed at the end of a seed run when a document was added or
-- changed; a group keeps its id while its natural key (key) is unchanged.
-- Members go with the claims, figures and quotes they point at (ON DELETE).

-- Claims from different documents that say the same thing.
CREATE TABLE IF NOT EXISTS claim_groups (
    id                INTEGER PRIMARY KEY,
    key               TEXT UNIQUE NOT NULL,   -- hash of the members' document:start:end
    label             TEXT NOT NULL,          -- the member closest to the others, shortened
    first_claim_id    INTEGER REFERENCES claims(id) ON DELETE SET NULL,
    first_document_id INTEGER REFERENCES documents(id),
    first_published   TEXT,                   -- the earliest member's document date
    documents         INTEGER NOT NULL,
    claims            INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_groups_first_document_id ON claim_groups(first_document_id);
CREATE TABLE IF NOT EXISTS claim_group_members (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES claim_groups(id) ON DELETE CASCADE,
    claim_id    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    score       REAL,                         -- its best pair score in the group
    UNIQUE (group_id, claim_id)
);
CREATE INDEX IF NOT EXISTS claim_group_members_claim_id ON claim_group_members(claim_id);
CREATE INDEX IF NOT EXISTS claim_group_members_document_id ON claim_group_members(document_id);

-- Figures from different documents counting the same thing: the same unit,
-- kind of people (counted), scope and order of magnitude.
CREATE TABLE IF NOT EXISTS figure_groups (
    id        INTEGER PRIMARY KEY,
    key       TEXT UNIQUE NOT NULL,           -- unit|scope|counted|magnitude
    label     TEXT NOT NULL,
    unit      TEXT NOT NULL,
    scope     TEXT NOT NULL CHECK (scope IN ('total', 'additional', 'planned', 'first', 'past')),
    counted   TEXT NOT NULL DEFAULT '',       -- a kind of people (advisers, workers...) or a subject noun
    status    TEXT NOT NULL CHECK (status IN ('agree', 'conflict')),
    documents INTEGER NOT NULL,
    figures   INTEGER NOT NULL,
    low       REAL,                           -- the spread: smallest stated value
    high      REAL                            -- largest stated value
);
CREATE TABLE IF NOT EXISTS figure_group_members (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES figure_groups(id) ON DELETE CASCADE,
    figure_id   INTEGER NOT NULL REFERENCES figures(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    range_low   REAL,                         -- the values the figure admits, qualifier applied
    range_high  REAL,                         -- NULL: open-ended ("at least 600")
    conflicts   INTEGER NOT NULL DEFAULT 0,   -- 1: its range misses another source's
    UNIQUE (group_id, figure_id)
);
CREATE INDEX IF NOT EXISTS figure_group_members_figure_id ON figure_group_members(figure_id);
CREATE INDEX IF NOT EXISTS figure_group_members_document_id ON figure_group_members(document_id);

-- The same quoted words in two documents; origin is the earlier document.
CREATE TABLE IF NOT EXISTS quote_links (
    id                 INTEGER PRIMARY KEY,
    key                TEXT UNIQUE NOT NULL,  -- origin doc:start:end>reuse doc:start:end
    origin_document_id INTEGER NOT NULL REFERENCES documents(id),
    origin_start       INTEGER NOT NULL,
    origin_end         INTEGER NOT NULL,
    origin_text        TEXT NOT NULL,
    origin_quote_id    INTEGER REFERENCES quotes(id) ON DELETE SET NULL,  -- NULL: unquoted there
    reuse_document_id  INTEGER NOT NULL REFERENCES documents(id),
    reuse_start        INTEGER NOT NULL,
    reuse_end          INTEGER NOT NULL,
    reuse_text         TEXT NOT NULL,
    reuse_quote_id     INTEGER REFERENCES quotes(id) ON DELETE SET NULL,
    score              REAL NOT NULL          -- rapidfuzz partial ratio, 0..100
);
CREATE INDEX IF NOT EXISTS quote_links_origin ON quote_links(origin_document_id);
CREATE INDEX IF NOT EXISTS quote_links_reuse ON quote_links(reuse_document_id);
CREATE INDEX IF NOT EXISTS quote_links_origin_quote_id ON quote_links(origin_quote_id);
CREATE INDEX IF NOT EXISTS quote_links_reuse_quote_id ON quote_links(reuse_quote_id);

-- What linking remembers between seed runs so that adding one article redoes
-- only what it touches (seed/link/incremental.py).  Derived data, like the
-- tables above: emptied and rebuilt whenever a re-link cannot be incremental.
-- No foreign keys on purpose: the rows of a removed document are how the next
-- re-link learns which pairs and figure buckets it was in.
CREATE TABLE IF NOT EXISTS link_claims (
    claim_id    INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    length      INTEGER NOT NULL,         -- of the claim's text (a tie-break of group labels)
    terms       TEXT NOT NULL,            -- JSON [[term, count], ...] in text order
    actors      TEXT NOT NULL,            -- JSON ids: claimant and actors named in it
    figures     TEXT NOT NULL,            -- JSON ids of the figures inside it
    extra       REAL NOT NULL DEFAULT 0   -- how far its rare words' idf moved it since the last full scoring
);
CREATE INDEX IF NOT EXISTS link_claims_document_id ON link_claims(document_id);
-- Claims of different documents sharing enough content words to be scored.
CREATE TABLE IF NOT EXISTS link_claim_pairs (
    a          INTEGER NOT NULL,          -- the smaller claim id
    b          INTEGER NOT NULL,
    similarity REAL,                      -- rapidfuzz on the two texts; NULL: not needed yet
    cos        REAL,                      -- cosine x 100 when last scored
    score      REAL,                      -- the combined score then; NULL: apart or conflicting figures
    linked     INTEGER NOT NULL DEFAULT 0, -- 1: score >= SAME_CLAIM
    due        REAL,                      -- accumulated idf drift at which it must be scored again (seed/link/drift.py)
    ra         REAL,                      -- |counts| / |weights| of claim a when scored
    rb         REAL,                      -- the same of claim b
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS link_claim_pairs_b ON link_claim_pairs(b);
CREATE INDEX IF NOT EXISTS link_claim_pairs_due ON link_claim_pairs(due);
-- The linked pairs alone, for walking a group's component without reading every pair of its claims.
CREATE INDEX IF NOT EXISTS link_claim_pairs_linked_a ON link_claim_pairs(a) WHERE linked = 1;
CREATE INDEX IF NOT EXISTS link_claim_pairs_linked_b ON link_claim_pairs(b) WHERE linked = 1;
CREATE TABLE IF NOT EXISTS link_figures (
    figure_id   INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    bucket      TEXT                      -- JSON [unit, scope, counted]; NULL: compared with nothing
);
CREATE INDEX IF NOT EXISTS link_figures_document_id ON link_figures(document_id);
CREATE INDEX IF NOT EXISTS link_figures_bucket ON link_figures(bucket);
-- Each term's number of claims (df) and the claims holding it, so that a
-- re-link reads the postings of the new claims' words only, never every bag.
CREATE TABLE IF NOT EXISTS link_terms (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS link_terms_df ON link_terms(df);
CREATE TABLE IF NOT EXISTS link_postings (
    term        TEXT NOT NULL,
    claim_id    INTEGER NOT NULL,
    document_id INTEGER NOT NULL,
    PRIMARY KEY (term, claim_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS link_postings_claim_id ON link_postings(claim_id);
-- Each document's story signature and named places (seed/link/stories.py),
-- which depend on the document alone.
CREATE TABLE IF NOT EXISTS link_documents (
    document_id INTEGER PRIMARY KEY,
    signature   TEXT NOT NULL,            -- JSON {key: share}
    places      TEXT NOT NULL             -- JSON [[start, end, key], ...]
);
-- The word shingles of every paragraph and long quote (a 64-bit hash each),
-- so quote reuse reads only the paragraphs and quotes a touched document shares one with.
CREATE TABLE IF NOT EXISTS link_shingles (
    shingle     INTEGER NOT NULL,
    kind        TEXT NOT NULL,            -- 'p' paragraph (item = its start) | 'q' quote (item = quotes.id)
    document_id INTEGER NOT NULL,
    item        INTEGER NOT NULL,
    PRIMARY KEY (shingle, kind, document_id, item)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS link_shingles_document_id ON link_shingles(document_id);
-- Replaced by link_claim_pairs.similarity.
DROP TABLE IF EXISTS claim_similarity;

-- Each claim with its claimant, outlet, date, passage and group (if any).
CREATE VIEW IF NOT EXISTS claim_sources AS
SELECT c.id AS claim_id, m.group_id, g.label AS group_label, c.document_id, d.outlet, d.published,
       d.title, a.name AS claimant, c.stance, c.text AS claim, p.text AS passage, c.start, c."end"
FROM claims c
JOIN documents d ON d.id = c.document_id
LEFT JOIN actors a ON a.id = c.claimant_id
LEFT JOIN passages p ON p.id = c.passage_id
LEFT JOIN claim_group_members m ON m.claim_id = c.id
LEFT JOIN claim_groups g ON g.id = m.group_id;

-- One row per figure group and source figure.
CREATE VIEW IF NOT EXISTS figure_comparison AS
SELECT g.id AS group_id, g.label, g.unit, g.scope, g.counted, g.status, m.figure_id, f.document_id,
       d.outlet, d.published, d.title, f.text AS figure, f.low, f.high, f.qualifier,
       a.name AS claimant, CASE m.conflicts WHEN 1 THEN 'conflict' ELSE 'agree' END AS verdict,
       (SELECT s.text FROM passages s WHERE s.document_id = f.document_id AND s.kind = 'sentence'
          AND s.start <= f.start AND s."end" >= f."end" ORDER BY s.start DESC LIMIT 1) AS passage
FROM figure_groups g
JOIN figure_group_members m ON m.group_id = g.id
JOIN figures f ON f.id = m.figure_id
JOIN documents d ON d.id = f.document_id
LEFT JOIN actors a ON a.id = f.claimant_id;

-- Quoted words reused: where they first appeared and where again.
CREATE VIEW IF NOT EXISTS quote_reuse AS
SELECT l.id, l.score,
       l.origin_document_id, od.outlet AS origin_outlet, od.published AS origin_published,
       od.title AS origin_title, l.origin_text, l.origin_quote_id, osp.name AS origin_speaker,
       l.reuse_document_id, rd.outlet AS reuse_outlet, rd.published AS reuse_published,
       rd.title AS reuse_title, l.reuse_text, l.reuse_quote_id, rsp.name AS reuse_speaker
FROM quote_links l
JOIN documents od ON od.id = l.origin_document_id
JOIN documents rd ON rd.id = l.reuse_document_id
LEFT JOIN quotes oq ON oq.id = l.origin_quote_id
LEFT JOIN actors osp ON osp.id = oq.speaker_id
LEFT JOIN quotes rq ON rq.id = l.reuse_quote_id
LEFT JOIN actors rsp ON rsp.id = rq.speaker_id;

-- Analyst verdicts and notes: written by the explorer, never by the seeder, and
-- carried into a --rebuild.  Keyed by what they are about (kind, document path,
-- normalised text), not by row ids, so they survive re-seeding and rule changes.
CREATE TABLE IF NOT EXISTS annotations (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('claim', 'quote')),
    document_path TEXT NOT NULL,
    text_key      TEXT NOT NULL,
    text          TEXT NOT NULL,   -- the words when last annotated, to show an orphan
    verdict       TEXT NOT NULL DEFAULT 'unverified'
                  CHECK (verdict IN ('unverified', 'corroborated', 'disputed', 'false')),
    note          TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (kind, document_path, text_key)
);

-- Each annotation with the claim or quote it is about now; item_id NULL: orphaned.
CREATE VIEW IF NOT EXISTS annotation_status AS
SELECT a.*,
       CASE a.kind
         WHEN 'claim' THEN (SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id
                            WHERE d.path = a.document_path AND c.text_key = a.text_key ORDER BY c.id LIMIT 1)
         ELSE (SELECT q.id FROM quotes q JOIN documents d ON d.id = q.document_id
               WHERE d.path = a.document_path AND q.text_key = a.text_key ORDER BY q.id LIMIT 1)
       END AS item_id
FROM annotations a;
