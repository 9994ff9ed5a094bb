-- Publishers' calendars, feeds and event pages that lotse keeps itself
-- current from. `kind` is the kind given to feed items; `region_code` the
-- region of items without a place. The fetch state (validators, last
-- result, failures, next due) lives here so that a sync can resume it.
CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    url           TEXT NOT NULL,
    format        TEXT NOT NULL,
    kind          TEXT,
    region_code   TEXT,
    document_url  TEXT,
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT,
    last_result   TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,
    next_due      TEXT,
    added_at      TEXT NOT NULL
);

-- Which source each offering came from and how it stands there. An
-- offering no longer in its source keeps its row with status 'gone'; it is
-- never deleted, so registrations for it stay. `seen` drives the "neu" and
-- "geändert" marks until the user looks.
CREATE TABLE source_items (
    offering_key TEXT PRIMARY KEY REFERENCES offerings (key) ON DELETE CASCADE,
    source_id    INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    document_url TEXT NOT NULL,
    fetched_at   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('active', 'cancelled', 'postponed', 'rescheduled', 'gone')),
    seen         TEXT NOT NULL CHECK (seen IN ('new', 'changed', 'seen'))
);

CREATE INDEX source_items_by_source ON source_items (source_id, status);
