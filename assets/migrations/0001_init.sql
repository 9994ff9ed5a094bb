-- Reference data: the Länder, their Kreise and the postal places within them.
CREATE TABLE laender (
    code TEXT PRIMARY KEY,
    ags  TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE kreise (
    ags       TEXT PRIMARY KEY,
    kind      TEXT NOT NULL,
    name      TEXT NOT NULL,
    land_code TEXT NOT NULL REFERENCES laender (code)
);

CREATE TABLE orte (
    plz       TEXT NOT NULL,
    name      TEXT NOT NULL,
    kreis_ags TEXT NOT NULL REFERENCES kreise (ags),
    PRIMARY KEY (plz, name)
);

CREATE INDEX orte_by_name ON orte (name);

-- One row per offering. Columns that lists sort or filter by are real
-- columns; the kind-specific rest lives in `details` as JSON.
CREATE TABLE offerings (
    key              TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('event', 'project', 'practice', 'roundtable')),
    title            TEXT NOT NULL,
    organiser        TEXT NOT NULL,
    place            TEXT,
    region_code      TEXT NOT NULL,
    land_code        TEXT REFERENCES laender (code),
    topics           TEXT NOT NULL DEFAULT '[]',
    source_title     TEXT NOT NULL,
    source_publisher TEXT NOT NULL,
    source_date      TEXT,
    url              TEXT,
    starts_at        TEXT,
    ends_at          TEXT,
    details          TEXT NOT NULL,
    summary          TEXT NOT NULL,
    description      TEXT NOT NULL,
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE INDEX offerings_by_kind_and_start ON offerings (kind, starts_at);
CREATE INDEX offerings_by_land ON offerings (land_code);

-- Facts about this database itself, e.g. when the sample data was loaded.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
