-- The "neu" and "geändert" marks are each person's, as unread items are in
-- a feed reader: before, whoever looked first cleared them for the whole
-- team. The item keeps what the last sync found (`seen`, with a revision
-- that each new or changed finding raises); each login notes the revision
-- it has looked at, and only its own notes are visible to it.
--
-- Safe to run again, as every migration since 0006 is.
ALTER TABLE source_items ADD COLUMN IF NOT EXISTS revision bigint NOT NULL DEFAULT 1;

CREATE TABLE IF NOT EXISTS seen_marks (
    login        text NOT NULL DEFAULT session_user,
    offering_key text NOT NULL REFERENCES source_items (offering_key) ON DELETE CASCADE,
    revision     bigint NOT NULL,
    PRIMARY KEY (login, offering_key)
);

ALTER TABLE seen_marks ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS seen_marks_own ON seen_marks;
CREATE POLICY seen_marks_own ON seen_marks FOR ALL
    USING (login = session_user) WITH CHECK (login = session_user);
GRANT SELECT, INSERT, UPDATE, DELETE ON seen_marks TO lotse_member;

-- Members no longer write the item's own mark.
REVOKE UPDATE (seen) ON source_items FROM lotse_member;
