//! The PostgreSQL schema, versioned in `lotse_schema` and applied in one
//! transaction under an advisory lock: two clients starting at once never
//! migrate twice, and a schema newer than this binary is left untouched.

use postgres::{Client, GenericClient};

use crate::store::StoreError;
use crate::store::error::ServerName;
use crate::store::seed::{SEEDED_MARKER, sample_records};

use super::offerings;

/// Append-only: a landed migration is never edited, only followed by a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../../assets/migrations/postgres/0001_init.sql"),
    include_str!("../../../assets/migrations/postgres/0002_team.sql"),
    include_str!("../../../assets/migrations/postgres/0003_live.sql"),
    include_str!("../../../assets/migrations/postgres/0004_sources_home_seats.sql"),
    include_str!("../../../assets/migrations/postgres/0005_status_guard.sql"),
    include_str!("../../../assets/migrations/postgres/0006_owner_role.sql"),
    include_str!("../../../assets/migrations/postgres/0007_change_kinds.sql"),
    include_str!("../../../assets/migrations/postgres/0008_seen_per_login.sql"),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// The advisory lock every migrating client takes ("lotse" in ASCII).
const MIGRATION_LOCK: i64 = 0x006c_6f74_7365;

fn version(client: &mut impl GenericClient) -> Result<i64, postgres::Error> {
    // A plain catalog query, not to_regclass(): it sees a table another
    // client created while this one waited for the migration lock.
    let exists: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables
                            WHERE schemaname = current_schema() AND tablename = 'lotse_schema')",
            &[],
        )?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let version: i32 = client.query_one("SELECT version FROM lotse_schema", &[])?.get(0);
    Ok(i64::from(version))
}

fn is_seeded(client: &mut impl GenericClient) -> Result<bool, postgres::Error> {
    Ok(client.query_opt("SELECT 1 FROM meta WHERE key = $1", &[&SEEDED_MARKER])?.is_some())
}

/// Whether the schema belongs to the group lotse_owner (0006 on) and the
/// login may act as it: an admin, through lotse_migrator, or whoever owned
/// the schema before. Everyone else migrates as themselves, and is refused.
fn acts_as_owner_group(client: &mut impl GenericClient) -> Result<bool, postgres::Error> {
    let row = client.query_opt(
        "SELECT pg_has_role(session_user, r.oid, 'MEMBER')
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_catalog.pg_roles r ON r.oid = c.relowner
         WHERE n.nspname = current_schema() AND c.relname = 'lotse_schema' AND r.rolname = 'lotse_owner'",
        &[],
    )?;
    Ok(row.is_some_and(|row| row.get(0)))
}

/// Takes on lotse_owner for the rest of the transaction once the login
/// may. Tables made from then on belong to the group too, so the next
/// admin can change them. A migration that needs rights the group lacks
/// (making roles) has to RESET ROLE for that step.
fn become_owner_group(tx: &mut postgres::Transaction<'_>, done: &mut bool) -> Result<(), postgres::Error> {
    if !*done && acts_as_owner_group(tx)? {
        tx.batch_execute("SET LOCAL ROLE lotse_owner")?;
        *done = true;
    }
    Ok(())
}

/// Applies every migration the database lacks and loads the reference and
/// sample data once. Returns the versions before and after.
pub fn migrate(client: &mut Client, server: &ServerName) -> Result<(i64, i64), StoreError> {
    let too_new = |found| StoreError::TooNew {
        path: format!("{} ({server})", server.dbname).into(),
        found,
        known: LATEST_VERSION,
    };
    let found = version(client)?;
    if found > LATEST_VERSION {
        return Err(too_new(found));
    }
    // An up-to-date, seeded database needs no lock: opening never waits.
    if found == LATEST_VERSION && is_seeded(client)? {
        return Ok((found, found));
    }
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    let current = version(&mut tx)?;
    if current > LATEST_VERSION {
        return Err(too_new(current));
    }
    let denied = |error: postgres::Error| match error.code() {
        Some(code) if *code == postgres::error::SqlState::INSUFFICIENT_PRIVILEGE => StoreError::MigrationDenied {
            server: server.clone(),
            user: server.user.clone(),
            found: current,
            needed: LATEST_VERSION,
        },
        _ => StoreError::Postgres(error),
    };
    let mut as_owner_group = false;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        become_owner_group(&mut tx, &mut as_owner_group)?;
        tx.batch_execute(sql).map_err(denied)?;
        // The migration may just have handed the schema to the group.
        become_owner_group(&mut tx, &mut as_owner_group)?;
        tx.execute("UPDATE lotse_schema SET version = $1", &[&(index as i32 + 1)]).map_err(denied)?;
    }
    become_owner_group(&mut tx, &mut as_owner_group)?;
    if !is_seeded(&mut tx)? {
        offerings::load_reference_data(&mut tx)?;
        let regions = offerings::directory(&mut tx)?;
        let statement = offerings::prepare_upsert(&mut tx)?;
        for record in sample_records() {
            offerings::upsert(&mut tx, &statement, &record, &regions)?;
        }
        tx.execute("INSERT INTO meta (key, value) VALUES ($1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))", &[&SEEDED_MARKER])?;
    }
    tx.commit()?;
    Ok((current, LATEST_VERSION))
}
