use rusqlite::{Connection, OptionalExtension};

use crate::store::seed::{SEEDED_MARKER, sample_records};

use super::{offerings, regions};

/// Fills a new database with the region reference data and the sample
/// offerings, exactly once: the marker row keeps a second open (or a user
/// who deleted samples) from getting them again.
pub fn seed_once(conn: &mut Connection) -> rusqlite::Result<()> {
    // Checked once without a write lock, so that opening a seeded database
    // never waits for another writer; checked again under the lock.
    if is_seeded(conn)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    if is_seeded(&tx)? {
        return Ok(());
    }
    regions::load_reference_data(&tx)?;
    let directory = regions::directory(&tx)?;
    for record in sample_records() {
        offerings::upsert(&tx, &record, &directory)?;
    }
    tx.execute("INSERT INTO meta (key, value) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", [SEEDED_MARKER])?;
    tx.commit()
}

fn is_seeded(conn: &Connection) -> rusqlite::Result<bool> {
    let seeded: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [SEEDED_MARKER], |row| row.get(0)).optional()?;
    Ok(seeded.is_some())
}
