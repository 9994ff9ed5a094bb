-- The team on one server: every person is their own login, and the server
-- itself keeps their personal data apart. IT grants one of three group
-- roles to each login (GRANT lotse_member TO erika):
--   lotse_member     browse, search, register and cancel themselves, interest, own profile;
--   lotse_organiser  a member who also imports offerings (and owns them), registers
--                    others for them and sees their participants and interest;
--   lotse_admin      an organiser who sees every participant.
-- The store's owner (who runs `lotse db migrate`) sees everything too.

-- Roles belong to the whole cluster, not to this database: another lotse
-- database may have created them already, or be creating them right now.
DO $$
DECLARE
    wanted text;
BEGIN
    FOREACH wanted IN ARRAY ARRAY['lotse_member', 'lotse_organiser', 'lotse_admin'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = wanted) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', wanted);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
    IF NOT pg_has_role('lotse_organiser', 'lotse_member', 'MEMBER') THEN
        BEGIN
            GRANT lotse_member TO lotse_organiser;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT pg_has_role('lotse_admin', 'lotse_organiser', 'MEMBER') THEN
        BEGIN
            GRANT lotse_organiser TO lotse_admin;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END
$$;

-- Organisers own what they import; what is here already belongs to the
-- login that migrates.
ALTER TABLE offerings ADD COLUMN owner text NOT NULL DEFAULT session_user;

-- Whether the login sees every person's data: admins and the store's owner.
CREATE FUNCTION lotse_sees_all() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT pg_catalog.pg_has_role(session_user, 'lotse_admin', 'MEMBER')
        OR pg_catalog.pg_has_role(session_user,
               (SELECT relowner FROM pg_catalog.pg_class WHERE oid = 'registrations'::regclass), 'MEMBER')
$$;

-- Whether the login organises the offering `key` (or sees all).
CREATE FUNCTION lotse_organises(key text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT lotse_sees_all()
        OR (pg_catalog.pg_has_role(session_user, 'lotse_organiser', 'MEMBER')
            AND EXISTS (SELECT 1 FROM offerings WHERE offerings.key = lotse_organises.key
                                                  AND offerings.owner = session_user))
$$;

-- Whether the login may read the personal data of a registration or an
-- interest of `person` for the offering `key`.
CREATE FUNCTION lotse_may_see(key text, person text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT person IS NOT DISTINCT FROM session_user OR lotse_organises(key)
$$;

ALTER TABLE registrations ENABLE ROW LEVEL SECURITY;
CREATE POLICY registrations_read ON registrations FOR SELECT
    USING (lotse_may_see(offering_key, person));
-- Members register themselves; organisers anyone for their own offerings.
CREATE POLICY registrations_add ON registrations FOR INSERT
    WITH CHECK (person IS NOT DISTINCT FROM session_user OR lotse_organises(offering_key));
CREATE POLICY registrations_change ON registrations FOR UPDATE
    USING (lotse_may_see(offering_key, person))
    WITH CHECK (lotse_may_see(offering_key, person));
CREATE POLICY registrations_remove ON registrations FOR DELETE
    USING (lotse_may_see(offering_key, person));

ALTER TABLE interests ENABLE ROW LEVEL SECURITY;
CREATE POLICY interests_read ON interests FOR SELECT
    USING (lotse_may_see(offering_key, person));
CREATE POLICY interests_own ON interests FOR ALL
    USING (person = session_user) WITH CHECK (person = session_user);

ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY profiles_read ON profiles FOR SELECT
    USING (person = session_user OR lotse_sees_all());
CREATE POLICY profiles_own ON profiles FOR ALL
    USING (person = session_user) WITH CHECK (person = session_user);

-- Offerings are everyone's to read; organisers change only their own.
ALTER TABLE offerings ENABLE ROW LEVEL SECURITY;
CREATE POLICY offerings_read ON offerings FOR SELECT USING (true);
CREATE POLICY offerings_add ON offerings FOR INSERT
    WITH CHECK (owner = session_user OR lotse_sees_all());
CREATE POLICY offerings_change ON offerings FOR UPDATE
    USING (owner = session_user OR lotse_sees_all());
CREATE POLICY offerings_remove ON offerings FOR DELETE
    USING (owner = session_user OR lotse_sees_all());

-- The registration rules need every registration of an offering (seats,
-- waitlist order, one per person), while RLS shows a member only their
-- own. These functions give them exactly that, and personal data only
-- where lotse_may_see allows.

-- Locks the offering's row for the rest of the transaction without the
-- UPDATE right SELECT … FOR UPDATE would need.
CREATE FUNCTION lotse_lock_offering(key text) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER AS $$
    SELECT FROM offerings WHERE offerings.key = lotse_lock_offering.key FOR UPDATE
$$;

CREATE FUNCTION lotse_seats(key text, OUT taken bigint, OUT waiting bigint)
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT count(*) FILTER (WHERE status = 'registered'), count(*) FILTER (WHERE status = 'waitlisted')
    FROM registrations WHERE offering_key = lotse_seats.key
$$;

CREATE FUNCTION lotse_waitlist(key text) RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT id FROM registrations WHERE offering_key = lotse_waitlist.key AND status = 'waitlisted' ORDER BY id
$$;

CREATE FUNCTION lotse_active(key text, email_key text) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT id FROM registrations
    WHERE offering_key = lotse_active.key AND registrations.email_key = lotse_active.email_key
      AND status <> 'cancelled'
$$;

-- One registration with its waitlist position; name, e-mail, organisation,
-- phone and note stay empty where the login may not see them.
CREATE FUNCTION lotse_registration(wanted bigint)
    RETURNS TABLE (id bigint, offering_key text, name text, email text, organisation text, phone text,
                   note text, status text, registered_at text, waitlist_position bigint)
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT r.id, r.offering_key,
           CASE WHEN visible THEN r.name ELSE '' END,
           CASE WHEN visible THEN r.email ELSE '' END,
           CASE WHEN visible THEN r.organisation ELSE '' END,
           CASE WHEN visible THEN r.phone END,
           CASE WHEN visible THEN r.note ELSE '' END,
           r.status, r.registered_at,
           CASE WHEN r.status = 'waitlisted' THEN
               (SELECT count(*) FROM registrations w
                WHERE w.offering_key = r.offering_key AND w.status = 'waitlisted' AND w.id <= r.id)
           END
    FROM registrations r, LATERAL (SELECT lotse_may_see(r.offering_key, r.person) AS visible) AS may
    WHERE r.id = wanted
$$;

-- A registration's new status. One's own (or, for organisers, their
-- offerings') may change in any way; anyone else's only between waitlist
-- and seat, which is what promotion and its undo do.
CREATE FUNCTION lotse_set_status(wanted bigint, new_status text, changed text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
DECLARE
    target registrations%ROWTYPE;
BEGIN
    SELECT * INTO target FROM registrations WHERE id = wanted;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF NOT lotse_may_see(target.offering_key, target.person)
       AND NOT (target.status IN ('registered', 'waitlisted') AND new_status IN ('registered', 'waitlisted')) THEN
        RAISE EXCEPTION 'lotse: % may not change registration %', session_user, wanted
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE registrations SET status = new_status, changed_at = changed WHERE id = wanted;
END;
$$;

-- What everyone may know of an offering's team: how many logins are
-- registered (or waiting) and interested, and the names the login may see.
CREATE FUNCTION lotse_team(key text)
    RETURNS TABLE (registered bigint, waitlisted bigint, interested bigint,
                   registered_names text[], interested_names text[])
    LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT
        (SELECT count(*) FROM registrations r
         WHERE r.offering_key = lotse_team.key AND r.person IS NOT NULL AND r.status = 'registered'),
        (SELECT count(*) FROM registrations r
         WHERE r.offering_key = lotse_team.key AND r.person IS NOT NULL AND r.status = 'waitlisted'),
        (SELECT count(*) FROM interests i WHERE i.offering_key = lotse_team.key),
        (SELECT coalesce(array_agg(r.name ORDER BY r.id), '{}') FROM registrations r
         WHERE r.offering_key = lotse_team.key AND r.person IS NOT NULL AND r.status <> 'cancelled'
           AND lotse_may_see(r.offering_key, r.person)),
        (SELECT coalesce(array_agg(coalesce(p.name, i.person) ORDER BY i.marked_at, i.person), '{}')
         FROM interests i LEFT JOIN profiles p ON p.person = i.person
         WHERE i.offering_key = lotse_team.key AND lotse_may_see(i.offering_key, i.person))
$$;

-- Functions that run with the owner's rights look up tables in this schema
-- only, never in one a login made (pg_temp comes last, not first).
DO $$
DECLARE
    fn regprocedure;
BEGIN
    FOR fn IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
              WHERE p.pronamespace = current_schema()::regnamespace AND p.prosecdef
                AND p.proname LIKE 'lotse\_%' LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', fn, current_schema());
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', fn);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO lotse_member', fn);
    END LOOP;
END
$$;

GRANT SELECT ON lotse_schema, laender, kreise, orte, offerings, offering_words, meta TO lotse_member;
GRANT SELECT, INSERT, UPDATE, DELETE ON registrations, interests, profiles TO lotse_member;
GRANT INSERT, UPDATE, DELETE ON offerings, meta TO lotse_organiser;
GRANT INSERT, DELETE ON offering_words TO lotse_organiser;
