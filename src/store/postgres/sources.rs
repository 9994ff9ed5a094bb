//! Sources on the server: every statement about them. Organisers add,
//! sync and remove sources; everyone reads them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use postgres::{GenericClient, Row};

use crate::domain::Kind;
use crate::sources::model::{NewSource, SourceRow, SyncCounts};
use crate::store::StoreError;
use crate::store::row::OFFERING_COLUMNS;
use crate::store::sources::{
    FetchState, Previous, Provenance, Removed, SOURCE_COLUMNS, SourceBatch, SourceColumns, dropped_out, item_state,
    judge_item, parse_time, time_text,
};

use super::PgStore;
use super::offerings::{directory, prepare_upsert, record_from_row, upsert};

fn source_from_row(row: &Row) -> Result<SourceRow, postgres::Error> {
    columns_from_row(row).map(SourceColumns::into_source)
}

pub(super) fn columns_from_row(row: &Row) -> Result<SourceColumns, postgres::Error> {
    Ok(SourceColumns {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        url: row.try_get(2)?,
        format: row.try_get(3)?,
        kind: row.try_get(4)?,
        region_code: row.try_get(5)?,
        document_url: row.try_get(6)?,
        etag: row.try_get(7)?,
        last_modified: row.try_get(8)?,
        fetched_at: row.try_get(9)?,
        last_result: row.try_get(10)?,
        failures: row.try_get(11)?,
        next_due: row.try_get(12)?,
        offerings: row.try_get(13)?,
    })
}

impl PgStore {
    pub fn add_source(&mut self, source: &NewSource, now: NaiveDateTime) -> Result<i64, StoreError> {
        self.run(|client| {
            let region = source.region.as_ref().map(|region| region.code().to_owned());
            let row = client.query_one(
                "INSERT INTO sources (name, url, format, kind, region_code, added_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[
                    &source.name,
                    &source.url,
                    &source.format.code(),
                    &source.kind.map(Kind::code),
                    &region,
                    &time_text(now),
                ],
            )?;
            Ok(row.try_get(0)?)
        })
    }

    pub fn sources(&self) -> Result<Vec<SourceRow>, StoreError> {
        self.run(|client| {
            let rows = client.query(&format!("SELECT {SOURCE_COLUMNS} FROM sources s ORDER BY lower(s.name)"), &[])?;
            Ok(rows.iter().map(source_from_row).collect::<Result<_, _>>()?)
        })
    }

    pub fn source_named(&self, name: &str) -> Result<Option<SourceRow>, StoreError> {
        self.run(|client| {
            let row = client.query_opt(
                &format!("SELECT {SOURCE_COLUMNS} FROM sources s WHERE lower(s.name) = lower($1)"),
                &[&name],
            )?;
            Ok(row.as_ref().map(source_from_row).transpose()?)
        })
    }

    pub fn remove_source(&mut self, id: i64, with_offerings: bool) -> Result<Removed, StoreError> {
        self.run(|client| {
            let mut tx = client.transaction()?;
            let mut removed = Removed::default();
            if with_offerings {
                // Counted by a function of the server: a member's view of registrations is only their own.
                let kept: i64 = tx
                    .query_one(
                        "SELECT count(*) FROM source_items i WHERE i.source_id = $1
                         AND lotse_has_registrations(i.offering_key)",
                        &[&id],
                    )?
                    .try_get(0)?;
                let deleted = tx.execute(
                    "DELETE FROM offerings WHERE key IN (
                         SELECT i.offering_key FROM source_items i WHERE i.source_id = $1
                         AND NOT lotse_has_registrations(i.offering_key))",
                    &[&id],
                )?;
                removed = Removed { deleted: deleted as usize, kept_registered: kept as usize };
            }
            tx.execute("DELETE FROM sources WHERE id = $1", &[&id])?;
            tx.commit()?;
            Ok(removed)
        })
    }

    pub fn apply_source_sync(
        &mut self,
        source_id: i64,
        batch: &SourceBatch,
        state: &FetchState,
    ) -> Result<SyncCounts, StoreError> {
        self.run(|client| {
            let mut tx = client.transaction()?;
            // One sync of a source at a time, so two dashboards syncing at once count each change once.
            tx.execute("SELECT id FROM sources WHERE id = $1 FOR UPDATE", &[&source_id])?;
            let regions = directory(&mut tx)?;
            let statements = prepare_upsert(&mut tx)?;
            let previous = statuses(&mut tx, source_id)?;
            let stored =
                tx.prepare(&format!("SELECT {OFFERING_COLUMNS}, summary, description FROM offerings WHERE key = $1"))?;
            let item = tx.prepare(
                "INSERT INTO source_items (offering_key, source_id, document_url, fetched_at, status, seen)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (offering_key) DO UPDATE SET
                    source_id = excluded.source_id, document_url = excluded.document_url,
                    fetched_at = excluded.fetched_at, status = excluded.status, seen = excluded.seen,
                    revision = source_items.revision + CASE WHEN $7 THEN 1 ELSE 0 END",
            )?;
            let mut counts = SyncCounts::default();
            let fetched_at = time_text(state.fetched_at);
            for (record, status) in batch.items {
                let key = &record.offering.key;
                let existing = tx.query_opt(&stored, &[key])?.as_ref().map(record_from_row).transpose()?;
                let before = previous.get(key);
                let (seen, write) = judge_item(existing.as_ref(), before, record, *status, &mut counts);
                if write {
                    upsert(&mut tx, &statements, record, &regions)?;
                }
                // A new finding is news again to whoever looked at the last one.
                let found_anew = write || before.is_none_or(|(old, _)| old != status);
                tx.execute(
                    &item,
                    &[key, &source_id, &batch.document_url, &fetched_at, &status.code(), &seen.code(), &found_anew],
                )?;
            }
            let keep_before = batch.keep_before.to_string();
            for key in dropped_out(&previous, batch) {
                counts.gone += tx.execute(
                    "UPDATE source_items SET status = 'gone', seen = 'changed', revision = revision + 1
                     WHERE offering_key = $1
                     AND EXISTS (SELECT 1 FROM offerings o WHERE o.key = $1
                                 AND coalesce(o.ends_at, o.starts_at, $2) >= $2)",
                    &[&key, &keep_before],
                )? as usize;
            }
            save_state(&mut tx, source_id, state)?;
            tx.commit()?;
            Ok(counts)
        })
    }

    pub fn save_source_state(&mut self, source_id: i64, state: &FetchState) -> Result<(), StoreError> {
        self.run(|client| Ok(save_state(client, source_id, state)?))
    }

    pub fn provenance(&self) -> Result<HashMap<String, Provenance>, StoreError> {
        self.run(|client| {
            let rows = client.query(
                // The marks are each login's own: what it looked at since the last finding is seen.
                "SELECT i.offering_key, s.name, i.document_url, i.fetched_at, i.status,
                        CASE WHEN i.seen = 'seen' OR m.revision >= i.revision THEN 'seen'
                             WHEN m.revision IS NULL THEN i.seen
                             ELSE 'changed' END
                 FROM source_items i JOIN sources s ON s.id = i.source_id
                 LEFT JOIN seen_marks m ON m.offering_key = i.offering_key AND m.login = session_user",
                &[],
            )?;
            let mut provenance = HashMap::with_capacity(rows.len());
            for row in &rows {
                let (status, seen) = item_state(row.try_get(4)?, row.try_get(5)?);
                provenance.insert(
                    row.try_get(0)?,
                    Provenance {
                        source_name: row.try_get(1)?,
                        document_url: row.try_get(2)?,
                        fetched_at: parse_time(row.try_get(3)?).unwrap_or_default(),
                        status,
                        seen,
                    },
                );
            }
            Ok(provenance)
        })
    }

    pub fn may_import(&self) -> Result<bool, StoreError> {
        self.run(|client| Ok(client.query_one("SELECT has_table_privilege('offerings', 'INSERT')", &[])?.try_get(0)?))
    }

    pub fn mark_seen(&mut self, key: &str) -> Result<(), StoreError> {
        self.run(|client| {
            client.execute(
                "INSERT INTO seen_marks (offering_key, revision)
                 SELECT offering_key, revision FROM source_items WHERE offering_key = $1
                 ON CONFLICT (login, offering_key) DO UPDATE SET revision = excluded.revision",
                &[&key],
            )?;
            Ok(())
        })
    }
}

fn statuses(client: &mut impl GenericClient, source_id: i64) -> Result<Previous, postgres::Error> {
    let rows =
        client.query("SELECT offering_key, status, seen FROM source_items WHERE source_id = $1", &[&source_id])?;
    rows.iter().map(|row| Ok((row.try_get(0)?, item_state(row.try_get(1)?, row.try_get(2)?)))).collect()
}

fn save_state(client: &mut impl GenericClient, source_id: i64, state: &FetchState) -> Result<(), postgres::Error> {
    let failures = i64::from(state.failures);
    client.execute(
        "UPDATE sources SET fetched_at = $1, last_result = $2, document_url = coalesce($3, document_url),
            etag = $4, last_modified = $5, failures = $6, next_due = $7
         WHERE id = $8",
        &[
            &time_text(state.fetched_at),
            &state.result_json(),
            &state.document_url,
            &state.etag,
            &state.last_modified,
            &failures,
            &state.next_due.map(time_text),
            &source_id,
        ],
    )?;
    Ok(())
}
