-- Live refresh (#11): a dashboard reads its lists again when offerings
-- come, change or go, and only one offering's places when a registration
-- or an interest changes; the notification says which it was:
-- "offering:KEY" or "registration:KEY" (for interests too).
CREATE OR REPLACE FUNCTION lotse_tell_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
    IF TG_TABLE_NAME = 'offerings' THEN
        PERFORM pg_notify('lotse_changes', 'offering:' || (changed ->> 'key'));
    ELSE
        PERFORM pg_notify('lotse_changes', 'registration:' || (changed ->> 'offering_key'));
    END IF;
    RETURN NULL;
END;
$$;
