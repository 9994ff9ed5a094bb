-- The user's own details, which prefill every registration form: one row at most.
CREATE TABLE profile (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    name         TEXT NOT NULL,
    email        TEXT NOT NULL,
    organisation TEXT NOT NULL,
    phone        TEXT
);

-- Registrations for events and roundtables. Cancelled rows stay, so that an
-- undo can restore them; the waitlist is served in id order.
CREATE TABLE registrations (
    id            INTEGER PRIMARY KEY,
    offering_key  TEXT NOT NULL REFERENCES offerings (key),
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    email_key     TEXT NOT NULL,
    organisation  TEXT NOT NULL,
    phone         TEXT,
    note          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
    registered_at TEXT NOT NULL,
    changed_at    TEXT NOT NULL
);

-- One active registration per person and offering, whatever the UI does.
CREATE UNIQUE INDEX registrations_one_active ON registrations (offering_key, email_key)
    WHERE status <> 'cancelled';
CREATE INDEX registrations_by_offering ON registrations (offering_key, status, id);
CREATE INDEX registrations_by_person ON registrations (email_key, status);

-- Offerings the user marked with "Interesse".
CREATE TABLE interests (
    offering_key TEXT PRIMARY KEY REFERENCES offerings (key) ON DELETE CASCADE,
    marked_at    TEXT NOT NULL
);
