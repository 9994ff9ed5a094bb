//! Reading a whole store for `lotse db copy`, and merging one in.

use crate::domain::registration::email_key;
use crate::store::copy::{Copied, SOURCE_INSERT_COLUMNS, Snapshot, StoredRegistration, StoredSource, StoredSourceItem};
use crate::store::sources::SOURCE_COLUMNS;
use crate::store::{ImportMode, StoreError};

use super::PgStore;
use super::offerings::{directory, import_into};
use super::registrations::{upsert_home_place, upsert_profile};
use super::sources::columns_from_row;

impl PgStore {
    pub(crate) fn snapshot(&self) -> Result<Snapshot, StoreError> {
        let records = self.records(None)?;
        let profile = self.profile()?;
        let home_place = self.home_place()?;
        let source_items = StoredSourceItem::all_of(self.provenance()?);
        self.run(|client| {
            let registrations = client
                .query(
                    "SELECT offering_key, name, email, organisation, phone, note, status, registered_at, changed_at,
                            person IS NOT DISTINCT FROM session_user
                     FROM registrations ORDER BY id",
                    &[],
                )?
                .iter()
                .map(|row| StoredRegistration {
                    offering_key: row.get(0),
                    name: row.get(1),
                    email: row.get(2),
                    organisation: row.get(3),
                    phone: row.get(4),
                    note: row.get(5),
                    status: row.get(6),
                    registered_at: row.get(7),
                    changed_at: row.get(8),
                    own: row.get(9),
                })
                .collect();
            let interests = client
                .query(
                    "SELECT offering_key, marked_at FROM interests WHERE person = session_user
                     ORDER BY marked_at, offering_key COLLATE \"C\"",
                    &[],
                )?
                .iter()
                .map(|row| (row.get(0), row.get(1)))
                .collect();
            let sources = client
                .query(&format!("SELECT {SOURCE_COLUMNS}, s.added_at FROM sources s ORDER BY s.id"), &[])?
                .iter()
                .map(|row| Ok(StoredSource { columns: columns_from_row(row)?, added_at: row.try_get(14)? }))
                .collect::<Result<_, postgres::Error>>()?;
            Ok(Snapshot { records, registrations, interests, profile, home_place, sources, source_items })
        })
    }

    /// Adds `snapshot` to this store in one transaction.
    pub(crate) fn merge(&mut self, snapshot: &Snapshot) -> Result<Copied, StoreError> {
        self.run(|client| {
            let mut tx = client.transaction()?;
            let regions = directory(&mut tx)?;
            let counts = import_into(&mut tx, &snapshot.records, &regions, ImportMode::Write, &mut |_| {})?;
            let mut copied = Copied {
                offerings: snapshot.records.len(),
                offerings_written: counts.new + counts.changed,
                profile: snapshot.profile.is_some(),
                home_place: snapshot.home_place.is_some(),
                ..Copied::default()
            };
            let insert = tx.prepare(
                "INSERT INTO registrations (offering_key, name, email, email_key, organisation, phone, note,
                                            status, registered_at, changed_at, person)
                 SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11 THEN session_user END
                 WHERE NOT EXISTS (SELECT 1 FROM registrations
                                   WHERE offering_key = $1 AND email_key = $4 AND registered_at = $9)",
            )?;
            for registration in &snapshot.registrations {
                copied.registrations_added += tx.execute(
                    &insert,
                    &[
                        &registration.offering_key,
                        &registration.name,
                        &registration.email,
                        &email_key(&registration.email),
                        &registration.organisation,
                        &registration.phone,
                        &registration.note,
                        &registration.status,
                        &registration.registered_at,
                        &registration.changed_at,
                        &registration.own,
                    ],
                )? as usize;
            }
            for (key, marked_at) in &snapshot.interests {
                copied.interests_added += tx.execute(
                    "INSERT INTO interests (offering_key, marked_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    &[key, marked_at],
                )? as usize;
            }
            if let Some(profile) = &snapshot.profile {
                upsert_profile(&mut tx, profile)?;
            }
            if let Some(place) = &snapshot.home_place {
                upsert_home_place(&mut tx, place)?;
            }
            for source in &snapshot.sources {
                copied.sources_added += tx.execute(
                    &format!(
                        "INSERT INTO sources ({SOURCE_INSERT_COLUMNS})
                         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
                         WHERE NOT EXISTS (SELECT 1 FROM sources WHERE lower(name) = lower($1))"
                    ),
                    &[
                        &source.columns.name,
                        &source.columns.url,
                        &source.columns.format,
                        &source.columns.kind,
                        &source.columns.region_code,
                        &source.columns.document_url,
                        &source.columns.etag,
                        &source.columns.last_modified,
                        &source.columns.fetched_at,
                        &source.columns.last_result,
                        &source.columns.failures,
                        &source.columns.next_due,
                        &source.added_at,
                    ],
                )? as usize;
            }
            for item in &snapshot.source_items {
                tx.execute(
                    "INSERT INTO source_items (offering_key, source_id, document_url, fetched_at, status, seen)
                     SELECT $1, id, $3, $4, $5, $6 FROM sources WHERE lower(name) = lower($2)
                     ON CONFLICT (offering_key) DO NOTHING",
                    &[
                        &item.offering_key,
                        &item.source_name,
                        &item.document_url,
                        &item.fetched_at,
                        &item.status,
                        &item.seen,
                    ],
                )?;
            }
            tx.commit()?;
            Ok(copied)
        })
    }
}
