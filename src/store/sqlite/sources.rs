//! Sources in SQLite: every statement about them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, named_params};

use crate::domain::Kind;
use crate::sources::model::{NewSource, SourceRow, SyncCounts};
use crate::store::sources::{
    FetchState, Previous, Provenance, Removed, SOURCE_COLUMNS, SourceBatch, SourceColumns, dropped_out, item_state,
    judge_item, parse_time, time_text,
};

use super::exchange::record_from_row;
use super::offerings::{self, OFFERING_COLUMNS};
use super::{SqliteStore, StoreError};

fn source_from_row(row: &Row) -> rusqlite::Result<SourceRow> {
    columns_from_row(row).map(SourceColumns::into_source)
}

pub(super) fn columns_from_row(row: &Row) -> rusqlite::Result<SourceColumns> {
    Ok(SourceColumns {
        id: row.get(0)?,
        name: row.get(1)?,
        url: row.get(2)?,
        format: row.get(3)?,
        kind: row.get(4)?,
        region_code: row.get(5)?,
        document_url: row.get(6)?,
        etag: row.get(7)?,
        last_modified: row.get(8)?,
        fetched_at: row.get(9)?,
        last_result: row.get(10)?,
        failures: row.get(11)?,
        next_due: row.get(12)?,
        offerings: row.get(13)?,
    })
}

impl SqliteStore {
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

    pub fn sources(&self) -> Result<Vec<SourceRow>, StoreError> {
        let mut query =
            self.conn.prepare(&format!("SELECT {SOURCE_COLUMNS} FROM sources s ORDER BY s.name COLLATE NOCASE"))?;
        let rows = query.query_map([], source_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

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
            for (record, status) in batch.items {
                let key = &record.offering.key;
                let existing = stored.query_row([key], record_from_row).optional()?;
                let (seen, write) = judge_item(existing.as_ref(), previous.get(key), record, *status, &mut counts);
                if write {
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
            for key in dropped_out(&previous, batch) {
                counts.gone += mark_gone.execute(rusqlite::params![key, keep_before])?;
            }
        }
        save_state(&tx, source_id, state)?;
        tx.commit()?;
        Ok(counts)
    }

    pub fn save_source_state(&mut self, source_id: i64, state: &FetchState) -> Result<(), StoreError> {
        self.require_writable()?;
        save_state(&self.conn, source_id, state)?;
        Ok(())
    }

    pub fn provenance(&self) -> Result<HashMap<String, Provenance>, StoreError> {
        let mut query = self.conn.prepare(
            "SELECT i.offering_key, s.name, i.document_url, i.fetched_at, i.status, i.seen
             FROM source_items i JOIN sources s ON s.id = i.source_id",
        )?;
        let rows = query
            .query_map([], |row| {
                let (status, seen) = item_state(&row.get::<_, String>(4)?, &row.get::<_, String>(5)?);
                let provenance = Provenance {
                    source_name: row.get(1)?,
                    document_url: row.get(2)?,
                    fetched_at: parse_time(row.get(3)?).unwrap_or_default(),
                    status,
                    seen,
                };
                Ok((row.get::<_, String>(0)?, provenance))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn mark_seen(&mut self, key: &str) -> Result<(), StoreError> {
        self.require_writable()?;
        self.conn.execute("UPDATE source_items SET seen = 'seen' WHERE offering_key = ?1", [key])?;
        Ok(())
    }
}

fn statuses(conn: &Connection, source_id: i64) -> rusqlite::Result<Previous> {
    let mut query = conn.prepare("SELECT offering_key, status, seen FROM source_items WHERE source_id = ?1")?;
    query
        .query_map([source_id], |row| {
            Ok((row.get(0)?, item_state(&row.get::<_, String>(1)?, &row.get::<_, String>(2)?)))
        })?
        .collect()
}

fn save_state(conn: &Connection, source_id: i64, state: &FetchState) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sources SET fetched_at = :fetched_at, last_result = :result,
            document_url = coalesce(:document_url, document_url),
            etag = :etag, last_modified = :last_modified, failures = :failures, next_due = :next_due
         WHERE id = :id",
        named_params! {
            ":fetched_at": time_text(state.fetched_at),
            ":result": state.result_json(),
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
