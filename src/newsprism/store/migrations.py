"""Schema versions of the SQLite store.

Each entry of ``MIGRATIONS`` takes the store from version ``i`` to ``i + 1`` and is applied in
one transaction. ``PRAGMA user_version`` records the version reached. Never edit a migration that
has shipped: append a new one.
"""

from __future__ import annotations

V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    byline TEXT,
    published_at TEXT,
    published_precision TEXT,
    published_source TEXT NOT NULL DEFAULT 'unknown',
    language TEXT,
    text TEXT NOT NULL,
    story_id TEXT,
    ingested_at TEXT NOT NULL,
    updated_at TEXT
);
CREATE INDEX reports_outlet ON reports(outlet);
CREATE INDEX reports_published ON reports(published_at);
CREATE INDEX reports_story ON reports(story_id);
CREATE INDEX reports_url ON reports(url);

-- Every raw input that produced a report: re-ingesting identical bytes skips normalizing.
CREATE TABLE raw_inputs (
    raw_sha TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE
);
CREATE INDEX raw_inputs_report ON raw_inputs(report_id);

CREATE TABLE notices (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    original_outlet TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (report_id, idx)
);

CREATE VIRTUAL TABLE reports_fts USING fts5(
    title, text, outlet, content='reports', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER reports_ai AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts(rowid, title, text, outlet)
    VALUES (new.rowid, new.title, new.text, new.outlet);
END;
CREATE TRIGGER reports_ad AFTER DELETE ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, text, outlet)
    VALUES ('delete', old.rowid, old.title, old.text, old.outlet);
END;
CREATE TRIGGER reports_au AFTER UPDATE OF title, text, outlet ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, text, outlet)
    VALUES ('delete', old.rowid, old.title, old.text, old.outlet);
    INSERT INTO reports_fts(rowid, title, text, outlet)
    VALUES (new.rowid, new.title, new.text, new.outlet);
END;

-- One row per analysed report: its presence means every annotation row below is complete,
-- because all of them are written in the same transaction.
CREATE TABLE analyses (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    sentences TEXT NOT NULL,
    analyzed_at TEXT NOT NULL
);

CREATE TABLE mentions (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    type_source TEXT NOT NULL,
    role TEXT,
    entity_id TEXT,
    PRIMARY KEY (report_id, idx)
);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT,
    speaker_text TEXT,
    speaker_start INTEGER NOT NULL,
    speaker_end INTEGER NOT NULL,
    speaker_entity_id TEXT,
    via TEXT,
    group_id TEXT,
    source_start INTEGER NOT NULL DEFAULT -1,
    source_end INTEGER NOT NULL DEFAULT -1,
    cue_start INTEGER NOT NULL DEFAULT -1,
    cue_end INTEGER NOT NULL DEFAULT -1
);
CREATE INDEX quotes_report ON quotes(report_id);

CREATE TABLE numbers (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    unit TEXT,
    kind TEXT NOT NULL,
    low REAL,
    high REAL,
    qualifier TEXT,
    PRIMARY KEY (report_id, idx)
);

CREATE TABLE times (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    precision TEXT,
    anchor TEXT NOT NULL,
    kind TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (report_id, idx)
);

CREATE TABLE events (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    trigger TEXT NOT NULL,
    source_text TEXT,
    target_text TEXT,
    source_entity_id TEXT,
    target_entity_id TEXT,
    time TEXT,
    place TEXT,
    quantity REAL,
    negated INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, idx)
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    stance TEXT NOT NULL,
    attribution TEXT NOT NULL,
    hedges TEXT NOT NULL,
    "values" TEXT NOT NULL,
    group_id TEXT
);
CREATE INDEX claims_report ON claims(report_id);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);

CREATE TABLE reuse (
    from_report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    to_report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    shared_chars INTEGER NOT NULL,
    passages TEXT NOT NULL,
    share_from REAL NOT NULL,
    share_to REAL NOT NULL,
    kind TEXT NOT NULL,
    direction_basis TEXT NOT NULL,
    PRIMARY KEY (from_report_id, to_report_id)
);
CREATE INDEX reuse_to ON reuse(to_report_id);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL,
    roles TEXT NOT NULL,
    country TEXT,
    latitude REAL,
    longitude REAL
);

-- Triangulation results per story, kept as JSON documents: they are rebuilt whole for a story
-- whenever one of its reports changes.
CREATE TABLE claim_groups (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX claim_groups_story ON claim_groups(story_id);

CREATE TABLE quote_groups (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    speaker_entity_id TEXT,
    quote_ids TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX quote_groups_story ON quote_groups(story_id);

-- Opaque state of global stages (the story clusterer's index, ...), keyed by stage name.
CREATE TABLE stage_state (name TEXT PRIMARY KEY, data BLOB NOT NULL, updated_at TEXT NOT NULL);

-- Input files fully ingested, so that --resume skips them.
CREATE TABLE ingested_files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    done_at TEXT NOT NULL
);
"""

# Version 2: what the user told us about outlets (from a sources file): country, language,
# owner, home page; shown in dossiers next to what each outlet says.
V2 = """
CREATE TABLE outlets (
    name TEXT PRIMARY KEY,
    country TEXT,
    language TEXT,
    owner TEXT,
    homepage TEXT,
    meta TEXT NOT NULL DEFAULT '{}'
);
"""

# Version 3: sentence embeddings by model and text hash (sha256 of the text), so that a story
# re-triangulated in a later run does not encode its old sentences again. Vectors are float32.
V3 = """
CREATE TABLE embeddings (
    model TEXT NOT NULL,
    text_sha TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text_sha)
) WITHOUT ROWID;
"""

# Version 4: claims and quotes by group, so that re-triangulating one story releases its
# members from their old groups without scanning every stored claim (that scan made storing a
# day's groups quadratic in the store's size).
V4 = """
CREATE INDEX claims_group ON claims(group_id);
CREATE INDEX quotes_group ON quotes(group_id);
"""

MIGRATIONS: tuple[str, ...] = (V1, V2, V3, V4)
SCHEMA_VERSION = len(MIGRATIONS)
