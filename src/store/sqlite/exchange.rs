//! What import and export need from the store: whole records, and writing
//! a checked batch in one transaction.

use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::domain::{Kind, Record};

use super::offerings::{self, OFFERING_COLUMNS, offering_from_row};
use super::registrations;
use super::sources::columns_from_row;
use super::{SqliteStore, StoreError};
use crate::domain::registration::email_key;
use crate::store::copy::{Copied, SOURCE_INSERT_COLUMNS, Snapshot, StoredRegistration, StoredSource, StoredSourceItem};
use crate::store::sources::SOURCE_COLUMNS;
use crate::store::{ImportCounts, ImportMode, RegionDirectory};

/// Page cache sizes in KiB, as SQLite takes them (negative).
const BATCH_CACHE_KIB: i64 = -262_144;
const DEFAULT_CACHE_KIB: i64 = -2_000;

pub(super) fn record_from_row(row: &Row) -> rusqlite::Result<Record> {
    Ok(Record { offering: offering_from_row(row)?, summary: row.get("summary")?, description: row.get("description")? })
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
        let counts = import_into(&tx, records, &regions, mode, progress).map_err(fail)?;
        match mode {
            ImportMode::Write => tx.commit().map_err(fail)?,
            ImportMode::DryRun => tx.rollback().map_err(fail)?,
        }
        self.conn.pragma_update(None, "cache_size", DEFAULT_CACHE_KIB).map_err(fail)?;
        Ok(counts)
    }
}

/// Compares each record with the stored one of the same key and, unless
/// in a dry run, writes the new and the changed ones, inside `tx`.
pub(super) fn import_into(
    tx: &Transaction,
    records: &[Record],
    regions: &RegionDirectory,
    mode: ImportMode,
    progress: &mut dyn FnMut(usize),
) -> rusqlite::Result<ImportCounts> {
    let mut counts = ImportCounts::default();
    let mut stored =
        tx.prepare(&format!("SELECT {OFFERING_COLUMNS}, summary, description FROM offerings WHERE key = ?1"))?;
    for (done, record) in records.iter().enumerate() {
        let existing = stored.query_row([&record.offering.key], record_from_row).optional()?;
        if counts.tally(existing.as_ref(), record) && mode == ImportMode::Write {
            offerings::upsert(tx, record, regions)?;
        }
        progress(done + 1);
    }
    Ok(counts)
}

const STORED_REGISTRATION_COLUMNS: &str =
    "offering_key, name, email, organisation, phone, note, status, registered_at, changed_at, person IS ?1";

impl SqliteStore {
    pub(crate) fn snapshot(&self) -> Result<Snapshot, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let records = self.records(None)?;
        let registrations = tx
            .prepare(&format!("SELECT {STORED_REGISTRATION_COLUMNS} FROM registrations ORDER BY id"))?
            .query_map([registrations::OWN], |row| {
                Ok(StoredRegistration {
                    offering_key: row.get(0)?,
                    name: row.get(1)?,
                    email: row.get(2)?,
                    organisation: row.get(3)?,
                    phone: row.get(4)?,
                    note: row.get(5)?,
                    status: row.get(6)?,
                    registered_at: row.get(7)?,
                    changed_at: row.get(8)?,
                    own: row.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let interests = tx
            .prepare("SELECT offering_key, marked_at FROM interests ORDER BY marked_at, offering_key")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let profile = self.profile()?;
        let home_place = self.home_place()?;
        let sources = tx
            .prepare(&format!("SELECT {SOURCE_COLUMNS}, s.added_at FROM sources s ORDER BY s.id"))?
            .query_map([], |row| Ok(StoredSource { columns: columns_from_row(row)?, added_at: row.get(14)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let source_items = StoredSourceItem::all_of(self.provenance()?);
        tx.commit()?;
        Ok(Snapshot { records, registrations, interests, profile, home_place, sources, source_items })
    }

    /// Adds `snapshot` to this store in one immediate transaction.
    pub(crate) fn merge(&mut self, snapshot: &Snapshot) -> Result<Copied, StoreError> {
        let regions = self.regions()?;
        let path = self.path.clone();
        let fail = |source| StoreError::at(path.as_deref(), source);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        let counts = import_into(&tx, &snapshot.records, &regions, ImportMode::Write, &mut |_| {}).map_err(fail)?;
        let mut copied = Copied {
            offerings: snapshot.records.len(),
            offerings_written: counts.new + counts.changed,
            profile: snapshot.profile.is_some(),
            home_place: snapshot.home_place.is_some(),
            ..Copied::default()
        };
        for registration in &snapshot.registrations {
            copied.registrations_added += tx
                .prepare_cached(
                    "INSERT INTO registrations (offering_key, name, email, email_key, organisation, phone, note,
                                                status, registered_at, changed_at, person)
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11
                     WHERE NOT EXISTS (SELECT 1 FROM registrations
                                       WHERE offering_key = ?1 AND email_key = ?4 AND registered_at = ?9)",
                )
                .and_then(|mut insert| {
                    insert.execute(rusqlite::params![
                        registration.offering_key,
                        registration.name,
                        registration.email,
                        email_key(&registration.email),
                        registration.organisation,
                        registration.phone,
                        registration.note,
                        registration.status,
                        registration.registered_at,
                        registration.changed_at,
                        registration.own.then_some(registrations::OWN),
                    ])
                })
                .map_err(fail)?;
        }
        for (key, marked_at) in &snapshot.interests {
            copied.interests_added += tx
                .execute("INSERT OR IGNORE INTO interests (offering_key, marked_at) VALUES (?1, ?2)", [key, marked_at])
                .map_err(fail)?;
        }
        if let Some(profile) = &snapshot.profile {
            registrations::upsert_profile(&tx, profile).map_err(fail)?;
        }
        if let Some(place) = &snapshot.home_place {
            super::home::upsert_home_place(&tx, place).map_err(fail)?;
        }
        for source in &snapshot.sources {
            copied.sources_added += tx
                .execute(
                    &format!(
                        "INSERT INTO sources ({SOURCE_INSERT_COLUMNS})
                         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13
                         WHERE NOT EXISTS (SELECT 1 FROM sources WHERE lower(name) = lower(?1))"
                    ),
                    rusqlite::params![
                        source.columns.name,
                        source.columns.url,
                        source.columns.format,
                        source.columns.kind,
                        source.columns.region_code,
                        source.columns.document_url,
                        source.columns.etag,
                        source.columns.last_modified,
                        source.columns.fetched_at,
                        source.columns.last_result,
                        source.columns.failures,
                        source.columns.next_due,
                        source.added_at,
                    ],
                )
                .map_err(fail)?;
        }
        for item in &snapshot.source_items {
            tx.execute(
                "INSERT OR IGNORE INTO source_items (offering_key, source_id, document_url, fetched_at, status, seen)
                 SELECT ?1, id, ?3, ?4, ?5, ?6 FROM sources WHERE lower(name) = lower(?2)",
                [&item.offering_key, &item.source_name, &item.document_url, &item.fetched_at, &item.status, &item.seen],
            )
            .map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        Ok(copied)
    }
}
