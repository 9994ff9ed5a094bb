-- Who may change the schema, #11: the login that first migrated owned
-- every table, so only that one login could run `lotse db migrate`. Now a
-- group role without login owns them, lotse_owner, and `db migrate` takes
-- it on (SET ROLE) when the login is a member. lotse_admin becomes one,
-- through lotse_migrator, a role that does not inherit: an admin's
-- everyday session keeps the rights of lotse_admin and stays under
-- row-level security (a table's owner would bypass it and read every
-- home place); only the migration acts as the owner.
--
-- Safe to run again as lotse_owner: every step checks first.

DO $$
DECLARE
    schema_owner oid := (SELECT relowner FROM pg_catalog.pg_class WHERE oid = 'lotse_schema'::regclass);
    object record;
BEGIN
    -- Roles belong to the cluster; another lotse database may be making them right now.
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'lotse_owner') THEN
        BEGIN
            CREATE ROLE lotse_owner NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'lotse_migrator') THEN
        BEGIN
            CREATE ROLE lotse_migrator NOLOGIN NOINHERIT;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT pg_has_role('lotse_migrator', 'lotse_owner', 'MEMBER') THEN
        BEGIN
            GRANT lotse_owner TO lotse_migrator;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT pg_has_role('lotse_admin', 'lotse_migrator', 'MEMBER') THEN
        BEGIN
            GRANT lotse_migrator TO lotse_admin;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    -- The login that owned the schema keeps what it had: it may migrate,
    -- sees everything and works with lotse as before. It becomes an admin,
    -- and like every admin's its rights hold in every lotse database of
    -- the cluster; roles are the cluster's. (A superuser needs nothing.)
    IF NOT pg_has_role(schema_owner, 'lotse_owner', 'MEMBER') THEN
        BEGIN
            EXECUTE format('GRANT lotse_admin TO %I', pg_catalog.pg_get_userbyid(schema_owner));
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT has_schema_privilege('lotse_owner', current_schema(), 'CREATE') THEN
        EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO lotse_owner', current_schema());
    END IF;
    -- Sequences, indexes, policies and triggers go with their tables.
    FOR object IN SELECT c.oid::regclass AS name FROM pg_catalog.pg_class c
                  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
                    AND c.relowner = schema_owner AND schema_owner <> 'lotse_owner'::regrole LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO lotse_owner', object.name);
    END LOOP;
    FOR object IN SELECT p.oid::regprocedure AS name FROM pg_catalog.pg_proc p
                  WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'lotse\_%'
                    AND p.proowner = schema_owner AND schema_owner <> 'lotse_owner'::regrole LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO lotse_owner', object.name);
    END LOOP;
END
$$;
