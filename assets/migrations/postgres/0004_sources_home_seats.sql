-- Sources: publishers' calendars, feeds and event pages that lotse keeps
-- itself current from, as in SQLite's 0007 and 0008. Organisers add, sync
-- and remove them (a sync is an import); everyone reads them. The "neu"
-- and "geändert" marks are the team's: whoever looks first clears them.
ALTER TABLE offerings ADD COLUMN source_url text;

CREATE TABLE sources (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL,
    url           text NOT NULL,
    format        text NOT NULL,
    kind          text,
    region_code   text,
    document_url  text,
    etag          text,
    last_modified text,
    fetched_at    text,
    last_result   text,
    failures      bigint NOT NULL DEFAULT 0,
    next_due      text,
    added_at      text NOT NULL,
    owner         text NOT NULL DEFAULT session_user
);
CREATE UNIQUE INDEX sources_by_name ON sources (lower(name));

CREATE TABLE source_items (
    offering_key text PRIMARY KEY REFERENCES offerings (key) ON DELETE CASCADE,
    source_id    bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    document_url text NOT NULL,
    fetched_at   text NOT NULL,
    status       text NOT NULL CHECK (status IN ('active', 'cancelled', 'postponed', 'rescheduled', 'gone')),
    seen         text NOT NULL CHECK (seen IN ('new', 'changed', 'seen'))
);
CREATE INDEX source_items_by_source ON source_items (source_id, status);

-- Whether anyone ever registered for the offering, cancelled ones
-- included: such offerings stay when their source goes. RLS would show a
-- member only their own registrations.
CREATE FUNCTION lotse_has_registrations(key text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT EXISTS (SELECT 1 FROM registrations WHERE offering_key = lotse_has_registrations.key)
$$;
REVOKE ALL ON FUNCTION lotse_has_registrations(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lotse_has_registrations(text) TO lotse_member;

GRANT SELECT ON sources, source_items TO lotse_member;
GRANT UPDATE (seen) ON source_items TO lotse_member;
GRANT INSERT, UPDATE, DELETE ON sources, source_items TO lotse_organiser;
GRANT USAGE ON SEQUENCE sources_id_seq TO lotse_organiser;

-- The home place is personal like the profile: each login sets and reads
-- only its own.
ALTER TABLE home_places ENABLE ROW LEVEL SECURITY;
CREATE POLICY home_places_own ON home_places FOR ALL
    USING (person = session_user) WITH CHECK (person = session_user);
GRANT SELECT, INSERT, UPDATE, DELETE ON home_places TO lotse_member;

-- Free places for the list: everyone's registrations counted, which RLS
-- would hide from a member.
CREATE FUNCTION lotse_seat_counts()
    RETURNS TABLE (offering_key text, taken bigint, waiting bigint)
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT offering_key, count(*) FILTER (WHERE status = 'registered'), count(*) FILTER (WHERE status = 'waitlisted')
    FROM registrations WHERE status <> 'cancelled' GROUP BY offering_key
$$;
REVOKE ALL ON FUNCTION lotse_seat_counts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lotse_seat_counts() TO lotse_member;
