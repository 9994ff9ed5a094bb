use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

/// Append-only: a landed migration is never edited, only followed by a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../../assets/migrations/0001_init.sql"),
    include_str!("../../../assets/migrations/0002_keyword_search.sql"),
    include_str!("../../../assets/migrations/0003_search_fields.sql"),
    include_str!("../../../assets/migrations/0004_registrations.sql"),
    include_str!("../../../assets/migrations/0005_listing_index.sql"),
    include_str!("../../../assets/migrations/0006_home_place.sql"),
    include_str!("../../../assets/migrations/0007_sources.sql"),
    include_str!("../../../assets/migrations/0008_sample_corrections.sql"),
    include_str!("../../../assets/migrations/0009_registration_owner.sql"),
    include_str!("../../../assets/migrations/0010_offerings_version.sql"),
    include_str!("../../../assets/migrations/0011_offering_changes.sql"),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn check_version(found: i64, path: &Path) -> Result<(), StoreError> {
    if found > LATEST_VERSION {
        return Err(StoreError::TooNew { path: path.to_owned(), found, known: LATEST_VERSION });
    }
    Ok(())
}

/// The schema version from which the folded search fields exist (0003).
pub const SEARCH_FIELDS_VERSION: i64 = 3;

/// Applies every migration the database lacks, all in one transaction so a
/// failure leaves the schema as it was. Returns the version it started from.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<i64> {
    // An up-to-date database needs no write lock, so opening it never waits
    // for another process that is writing (a long import, say).
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found >= LATEST_VERSION {
        return Ok(found);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(current)
}
