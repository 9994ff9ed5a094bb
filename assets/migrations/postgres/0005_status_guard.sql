-- A registration's new status, #11. 0002 let anyone move anyone's
-- registration between waitlist and seat, because the rules promote a
-- colleague when someone cancels; a member could thus take a colleague's
-- seat away or give a colleague a seat out of turn. Now a registration the
-- login may not see changes only as a promotion would change it: the first
-- on the waitlist gets a seat, and only while one is free. That is all a
-- cancellation by anyone needs; taking a colleague's promotion back (an
-- undo) is refused.
CREATE OR REPLACE FUNCTION lotse_set_status(wanted bigint, new_status text, changed text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
DECLARE
    target registrations%ROWTYPE;
    capacity bigint;
    taken bigint;
BEGIN
    SELECT * INTO target FROM registrations WHERE id = wanted;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF NOT lotse_may_see(target.offering_key, target.person) THEN
        -- The offering's details say how many seats it has, as the rules read them.
        SELECT (o.details::jsonb -> o.kind ->> 'capacity')::bigint INTO capacity
        FROM offerings o WHERE o.key = target.offering_key;
        SELECT count(*) INTO taken FROM registrations r
        WHERE r.offering_key = target.offering_key AND r.status = 'registered';
        IF NOT (target.status = 'waitlisted' AND new_status = 'registered'
                AND target.id = (SELECT min(w.id) FROM registrations w
                                 WHERE w.offering_key = target.offering_key AND w.status = 'waitlisted')
                AND (capacity IS NULL OR taken < capacity)) THEN
            RAISE EXCEPTION 'lotse: % may not change registration %', session_user, wanted
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    UPDATE registrations SET status = new_status, changed_at = changed WHERE id = wanted;
END;
$$;

-- Replacing the function dropped its settings (not its owner or grants):
-- it looks up tables in this schema only, as 0002 made every such function.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION lotse_set_status(bigint, text, text) SET search_path = %I, pg_temp',
                   current_schema());
END
$$;
