use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;

use crate::domain::Record;

use super::{offerings, regions};

/// The shipped sample offerings, one file per kind (see assets/seed/).
const SEED_FILES: [(&str, &str); 4] = [
    ("veranstaltungen.toml", include_str!("../../assets/seed/veranstaltungen.toml")),
    ("projekte.toml", include_str!("../../assets/seed/projekte.toml")),
    ("best_practices.toml", include_str!("../../assets/seed/best_practices.toml")),
    ("roundtables.toml", include_str!("../../assets/seed/roundtables.toml")),
];

const SEEDED_MARKER: &str = "sample_data_loaded_at";

#[derive(Deserialize)]
struct SeedFile {
    offering: Vec<Record>,
}

pub fn sample_records() -> Vec<Record> {
    SEED_FILES
        .iter()
        .flat_map(|(name, text)| {
            let file: SeedFile = toml::from_str(text)
                // The seed files are parsed by the tests, so this cannot fail in a release.
                .unwrap_or_else(|error| panic!("shipped seed file {name} is invalid: {error}"));
            file.offering
        })
        .collect()
}

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
