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
    format    TEXT,                      -- txt | md | html
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
    description TEXT                      -- roles and titles split off the written forms
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
    confidence  REAL
);
CREATE INDEX IF NOT EXISTS quotes_document_id ON quotes(document_id, start);
CREATE INDEX IF NOT EXISTS quotes_passage_id ON quotes(passage_id);
CREATE INDEX IF NOT EXISTS quotes_speaker_id ON quotes(speaker_id);

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
    confidence  REAL
);
CREATE INDEX IF NOT EXISTS claims_document_id ON claims(document_id, start);
CREATE INDEX IF NOT EXISTS claims_passage_id ON claims(passage_id);
CREATE INDEX IF NOT EXISTS claims_claimant_id ON claims(claimant_id);
CREATE INDEX IF NOT EXISTS claims_quote_id ON claims(quote_id);

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

-- Search index (db/search_index.py keeps it; db/search.py reads it).  Trigram
-- FTS5 narrows candidates for any substring of 3+ characters; search_items says
-- what each FTS row is and carries the filter columns.  Derived data: safe to
-- drop, the next seed run rebuilds it.
CREATE TABLE IF NOT EXISTS search_items (
    id          INTEGER PRIMARY KEY,   -- rowid in search_text or search_names
    kind        TEXT NOT NULL,         -- claim | quote | figure | doc | actor
    ref_id      INTEGER NOT NULL,      -- id in its own table (documents.id for doc)
    document_id INTEGER,               -- NULL for actors
    actor_id    INTEGER,               -- claimant or speaker; the actor itself for kind actor
    outlet      TEXT,                  -- of its document
    weight      INTEGER NOT NULL DEFAULT 0  -- actors: claims + quotes attributed
);
CREATE UNIQUE INDEX IF NOT EXISTS search_items_ref ON search_items(kind, ref_id);
CREATE INDEX IF NOT EXISTS search_items_document_id ON search_items(document_id);
CREATE INDEX IF NOT EXISTS search_items_actor_id ON search_items(actor_id);
CREATE INDEX IF NOT EXISTS search_items_outlet ON search_items(outlet);
CREATE INDEX IF NOT EXISTS search_items_kind ON search_items(kind, outlet);
CREATE INDEX IF NOT EXISTS search_items_weight ON search_items(kind, weight);
-- kind is also an FTS column so that a kind: filter is a doclist intersection
-- (cheap for the rarer kinds) rather than a test on every text match.
CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(body, kind, tokenize = 'trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS search_names USING fts5(body, tokenize = 'trigram');
CREATE TABLE IF NOT EXISTS search_index_docs (
    document_id INTEGER PRIMARY KEY,   -- indexed at this sha256; a different one means stale
    sha256      TEXT NOT NULL
);
