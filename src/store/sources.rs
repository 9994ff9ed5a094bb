//! Sources and the offerings they bring: every SQL statement about sources
//! is here. A sync writes in one transaction: the items, the marks of the
//! ones that went, and the fetch state.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, named_params};

use crate::domain::{Kind, Record};
use crate::sources::model::{ItemStatus, NewSource, SourceFormat, SourceRow, SyncCounts, SyncResult};

use super::exchange::record_from_row;
use super::offerings::{self, OFFERING_COLUMNS};
use super::{Store, StoreError};

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

fn time_text(at: NaiveDateTime) -> String {
    at.format(TIME_FORMAT).to_string()
}

fn parse_time(text: Option<String>) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(&text?, TIME_FORMAT).ok()
}

/// The fetch state a sync leaves behind, whatever it came to.
#[derive(Debug, Clone)]
pub struct FetchState {
    pub fetched_at: NaiveDateTime,
    pub result: SyncResult,
    pub document_url: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub failures: u32,
    pub next_due: Option<NaiveDateTime>,
}

/// Everything a source gave in one fetch, keys already namespaced.
pub struct SourceBatch<'a> {
    pub items: &'a [(Record, ItemStatus)],
    pub document_url: &'a str,
    /// Offerings that ended before this are not marked as gone when they
    /// drop out: a calendar only lists occurrences from a month back.
    pub keep_before: NaiveDateTime,
}

/// Where an offering came from, for the detail and the JSON export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub source_name: String,
    pub document_url: String,
    pub fetched_at: NaiveDateTime,
    pub status: ItemStatus,
    pub seen: Seen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    New,
    Changed,
    Seen,
}

impl Seen {
    fn code(self) -> &'static str {
        match self {
            Seen::New => "new",
            Seen::Changed => "changed",
            Seen::Seen => "seen",
        }
    }

    fn from_code(code: &str) -> Seen {
        match code {
            "new" => Seen::New,
            "changed" => Seen::Changed,
            _ => Seen::Seen,
        }
    }
}

/// What removing a source did to its offerings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    pub deleted: usize,
    /// Offerings kept because someone registered for them.
    pub kept_registered: usize,
}

const SOURCE_COLUMNS: &str = "s.id, s.name, s.url, s.format, s.kind, s.region_code, s.document_url, s.etag,
     s.last_modified, s.fetched_at, s.last_result, s.failures, s.next_due,
     (SELECT count(*) FROM source_items i WHERE i.source_id = s.id AND i.status <> 'gone')";

fn source_from_row(row: &Row) -> rusqlite::Result<SourceRow> {
    let format: String = row.get(3)?;
    let kind: Option<String> = row.get(4)?;
    let region: Option<String> = row.get(5)?;
    let last_result: Option<String> = row.get(10)?;
    let offerings: i64 = row.get(13)?;
    Ok(SourceRow {
        id: row.get(0)?,
        name: row.get(1)?,
        url: row.get(2)?,
        format: SourceFormat::from_code(&format).unwrap_or(SourceFormat::Feed),
        kind: kind.as_deref().and_then(Kind::from_code),
        region: region.and_then(|code| code.parse().ok()),
        document_url: row.get(6)?,
        etag: row.get(7)?,
        last_modified: row.get(8)?,
        fetched_at: parse_time(row.get(9)?),
        // A result this version cannot read is shown as none rather than failing the list.
        last_result: last_result.and_then(|text| serde_json::from_str(&text).ok()),
        failures: row.get(11)?,
        next_due: parse_time(row.get(12)?),
        offerings: offerings.max(0) as usize,
    })
}

impl Store {
    pub fn add_source(&mut self, source: &NewSource, now: NaiveDateTime) -> Result<i64, StoreError> {
        self.require_writable()?;
        self.conn.execute(
            "INSERT INTO sources (name, url, format, kind, region_code, added_at)
             VALUES (:name, :url, :format, :kind, :region, :added_at)",
            named_params! {
                ":name": source.name,
                ":url": source.url,
                ":format": source.format.code(),
                ":kind": source.kind.map(Kind::code),
                ":region": source.region.as_ref().map(|region| region.code().to_owned()),
                ":added_at": time_text(now),
            },
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every source, by name.
    pub fn sources(&self) -> Result<Vec<SourceRow>, StoreError> {
        let mut query =
            self.conn.prepare(&format!("SELECT {SOURCE_COLUMNS} FROM sources s ORDER BY s.name COLLATE NOCASE"))?;
        let rows = query.query_map([], source_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The source of that name, compared without regard to case.
    pub fn source_named(&self, name: &str) -> Result<Option<SourceRow>, StoreError> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.name = ?1 COLLATE NOCASE"),
                [name],
                source_from_row,
            )
            .optional()?;
        Ok(row)
    }

    /// Removes a source. Its offerings stay unless `with_offerings`; those
    /// with registrations always stay.
    pub fn remove_source(&mut self, id: i64, with_offerings: bool) -> Result<Removed, StoreError> {
        self.require_writable()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut removed = Removed::default();
        if with_offerings {
            removed.kept_registered = tx.query_row(
                "SELECT count(*) FROM source_items i WHERE i.source_id = ?1
                 AND EXISTS (SELECT 1 FROM registrations r WHERE r.offering_key = i.offering_key)",
                [id],
                |row| row.get(0),
            )?;
            removed.deleted = tx.execute(
                "DELETE FROM offerings WHERE key IN (
                     SELECT i.offering_key FROM source_items i WHERE i.source_id = ?1
                     AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.offering_key = i.offering_key))",
                [id],
            )?;
        }
        tx.execute("DELETE FROM sources WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(removed)
    }

    /// Applies one fetch of a source: new and changed items are written,
    /// statuses set (which undoes an earlier "gone" or "cancelled"), items
    /// no longer offered are marked gone, and the fetch state is saved, all
    /// in one transaction.
    pub fn apply_source_sync(
        &mut self,
        source_id: i64,
        batch: &SourceBatch,
        state: &FetchState,
    ) -> Result<SyncCounts, StoreError> {
        self.require_writable()?;
        let regions = self.regions()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut counts = SyncCounts::default();
        let fetched_at = time_text(state.fetched_at);
        {
            let previous = statuses(&tx, source_id)?;
            let mut stored =
                tx.prepare(&format!("SELECT {OFFERING_COLUMNS}, summary, description FROM offerings WHERE key = ?1"))?;
            let mut item = tx.prepare(
                "INSERT INTO source_items (offering_key, source_id, document_url, fetched_at, status, seen)
                 VALUES (:key, :source, :document, :fetched_at, :status, :seen)
                 ON CONFLICT (offering_key) DO UPDATE SET
                    source_id = excluded.source_id, document_url = excluded.document_url,
                    fetched_at = excluded.fetched_at, status = excluded.status, seen = excluded.seen",
            )?;
            let mut offered = HashSet::with_capacity(batch.items.len());
            for (record, status) in batch.items {
                let key = &record.offering.key;
                offered.insert(key.clone());
                let existing = stored.query_row([key], record_from_row).optional()?;
                let before = previous.get(key);
                let seen = match (&existing, before) {
                    (None, _) => {
                        counts.new += 1;
                        Seen::New
                    }
                    (Some(existing), before) if existing == record && before.is_none_or(|(old, _)| old == status) => {
                        counts.unchanged += 1;
                        before.map_or(Seen::Seen, |(_, seen)| *seen)
                    }
                    (Some(_), before) => {
                        counts.changed += 1;
                        match before {
                            Some((_, Seen::New)) => Seen::New,
                            _ => Seen::Changed,
                        }
                    }
                };
                if *status == ItemStatus::Cancelled && before.is_none_or(|(old, _)| *old != ItemStatus::Cancelled) {
                    counts.cancelled += 1;
                }
                if existing.as_ref() != Some(record) {
                    offerings::upsert(&tx, record, &regions)?;
                }
                item.execute(named_params! {
                    ":key": key,
                    ":source": source_id,
                    ":document": batch.document_url,
                    ":fetched_at": fetched_at,
                    ":status": status.code(),
                    ":seen": seen.code(),
                })?;
            }
            let mut mark_gone = tx.prepare(
                "UPDATE source_items SET status = 'gone', seen = 'changed'
                 WHERE offering_key = ?1
                 AND EXISTS (SELECT 1 FROM offerings o WHERE o.key = ?1
                             AND coalesce(o.ends_at, o.starts_at, ?2) >= ?2)",
            )?;
            let keep_before = batch.keep_before.to_string();
            for (key, (status, _)) in &previous {
                if *status != ItemStatus::Gone && !offered.contains(key) {
                    counts.gone += mark_gone.execute(rusqlite::params![key, keep_before])?;
                }
            }
        }
        save_state(&tx, source_id, state)?;
        tx.commit()?;
        Ok(counts)
    }

    /// Saves the fetch state of a sync that wrote nothing: a 304 or a failure.
    pub fn save_source_state(&mut self, source_id: i64, state: &FetchState) -> Result<(), StoreError> {
        self.require_writable()?;
        save_state(&self.conn, source_id, state)?;
        Ok(())
    }

    /// Where each offering from a source came from, by offering key.
    pub fn provenance(&self) -> Result<HashMap<String, Provenance>, StoreError> {
        let mut query = self.conn.prepare(
            "SELECT i.offering_key, s.name, i.document_url, i.fetched_at, i.status, i.seen
             FROM source_items i JOIN sources s ON s.id = i.source_id",
        )?;
        let rows = query
            .query_map([], |row| {
                let status: String = row.get(4)?;
                let seen: String = row.get(5)?;
                Ok((
                    row.get::<_, String>(0)?,
                    Provenance {
                        source_name: row.get(1)?,
                        document_url: row.get(2)?,
                        fetched_at: parse_time(row.get(3)?).unwrap_or_default(),
                        status: ItemStatus::from_code(&status).unwrap_or(ItemStatus::Active),
                        seen: Seen::from_code(&seen),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Clears the "neu"/"geändert" mark of an offering the user has looked at.
    pub fn mark_seen(&mut self, key: &str) -> Result<(), StoreError> {
        self.require_writable()?;
        self.conn.execute("UPDATE source_items SET seen = 'seen' WHERE offering_key = ?1", [key])?;
        Ok(())
    }
}

/// The status and mark each offering of the source has now.
fn statuses(conn: &Connection, source_id: i64) -> rusqlite::Result<HashMap<String, (ItemStatus, Seen)>> {
    let mut query = conn.prepare("SELECT offering_key, status, seen FROM source_items WHERE source_id = ?1")?;
    query
        .query_map([source_id], |row| {
            let status: String = row.get(1)?;
            let seen: String = row.get(2)?;
            Ok((row.get(0)?, (ItemStatus::from_code(&status).unwrap_or(ItemStatus::Active), Seen::from_code(&seen))))
        })?
        .collect()
}

fn save_state(conn: &Connection, source_id: i64, state: &FetchState) -> rusqlite::Result<()> {
    let result = serde_json::to_string(&state.result).expect("sync results always serialise to JSON");
    conn.execute(
        "UPDATE sources SET fetched_at = :fetched_at, last_result = :result,
            document_url = coalesce(:document_url, document_url),
            etag = :etag, last_modified = :last_modified, failures = :failures, next_due = :next_due
         WHERE id = :id",
        named_params! {
            ":fetched_at": time_text(state.fetched_at),
            ":result": result,
            ":document_url": state.document_url,
            ":etag": state.etag,
            ":last_modified": state.last_modified,
            ":failures": state.failures,
            ":next_due": state.next_due.map(time_text),
            ":id": source_id,
        },
    )?;
    Ok(())
}
