//! What import and export need from the store: whole records, and writing
//! a checked batch in one transaction.

use rusqlite::{OptionalExtension, Row, TransactionBehavior};

use crate::domain::{Kind, Record};

use super::offerings::{self, OFFERING_COLUMNS, offering_from_row};
use super::{SqliteStore, StoreError};
use crate::store::{ImportCounts, ImportMode};

/// Page cache sizes in KiB, as SQLite takes them (negative).
const BATCH_CACHE_KIB: i64 = -262_144;
const DEFAULT_CACHE_KIB: i64 = -2_000;

fn record_from_row(row: &Row) -> rusqlite::Result<Record> {
    Ok(Record { offering: offering_from_row(row)?, summary: row.get(11)?, description: row.get(12)? })
}

impl SqliteStore {
    /// Every record with its long texts, ordered by key; of one kind if asked.
    pub fn records(&self, kind: Option<Kind>) -> Result<Vec<Record>, StoreError> {
        let mut query = self.conn.prepare(&format!(
            "SELECT {OFFERING_COLUMNS}, summary, description FROM offerings
             WHERE ?1 IS NULL OR kind = ?1 ORDER BY key"
        ))?;
        let records = query.query_map([kind.map(Kind::code)], record_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(records)
    }

    /// Compares each record with the stored one of the same key, and writes
    /// the new and the changed ones in one transaction: all of them or, on
    /// any failure (or a killed process), none. Never deletes anything, so
    /// offerings missing from the file (and their registrations) stay.
    /// `progress` hears how many records are done.
    pub fn import_records(
        &mut self,
        records: &[Record],
        mode: ImportMode,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportCounts, StoreError> {
        if mode == ImportMode::Write {
            self.require_writable()?;
        }
        let regions = self.regions()?;
        let path = self.path.clone();
        let fail = |source| StoreError::at(path.as_deref(), source);
        // Writing takes the write lock up front, so the comparison and the
        // writes see the same rows; a dry run only reads.
        let behavior = match mode {
            ImportMode::Write => TransactionBehavior::Immediate,
            ImportMode::DryRun => TransactionBehavior::Deferred,
        };
        // A large batch touches many index pages; a bigger page cache keeps
        // them in memory instead of spilling them to the WAL (a quarter faster
        // for 100,000 records). SQLite takes the memory only as it needs it.
        self.conn.pragma_update(None, "cache_size", BATCH_CACHE_KIB).map_err(fail)?;
        let tx = self.conn.transaction_with_behavior(behavior).map_err(fail)?;
        let mut counts = ImportCounts::default();
        {
            let mut stored = tx
                .prepare(&format!("SELECT {OFFERING_COLUMNS}, summary, description FROM offerings WHERE key = ?1"))
                .map_err(fail)?;
            for (done, record) in records.iter().enumerate() {
                let existing = stored.query_row([&record.offering.key], record_from_row).optional().map_err(fail)?;
                let write = match existing {
                    None => {
                        counts.new += 1;
                        true
                    }
                    Some(existing) if existing == *record => {
                        counts.unchanged += 1;
                        false
                    }
                    Some(_) => {
                        counts.changed += 1;
                        true
                    }
                };
                if write && mode == ImportMode::Write {
                    offerings::upsert(&tx, record, &regions).map_err(fail)?;
                }
                progress(done + 1);
            }
        }
        match mode {
            ImportMode::Write => tx.commit().map_err(fail)?,
            ImportMode::DryRun => tx.rollback().map_err(fail)?,
        }
        self.conn.pragma_update(None, "cache_size", DEFAULT_CACHE_KIB).map_err(fail)?;
        Ok(counts)
    }
}
