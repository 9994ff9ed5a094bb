-- Live refresh: every committed change to an offering, a registration or
-- an interest tells the listening dashboards which offering it touched.
-- NOTIFY is delivered at commit, so a rolled-back change tells nobody.
CREATE FUNCTION lotse_tell_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
    PERFORM pg_notify('lotse_changes', coalesce(changed ->> 'offering_key', changed ->> 'key'));
    RETURN NULL;
END;
$$;

CREATE TRIGGER offerings_tell_change AFTER INSERT OR UPDATE OR DELETE ON offerings
    FOR EACH ROW EXECUTE FUNCTION lotse_tell_change();
CREATE TRIGGER registrations_tell_change AFTER INSERT OR UPDATE OR DELETE ON registrations
    FOR EACH ROW EXECUTE FUNCTION lotse_tell_change();
CREATE TRIGGER interests_tell_change AFTER INSERT OR UPDATE OR DELETE ON interests
    FOR EACH ROW EXECUTE FUNCTION lotse_tell_change();
