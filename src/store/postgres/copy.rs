//! Reading a whole store for `lotse db copy`, and merging one in.

use crate::domain::registration::email_key;
use crate::store::copy::{Copied, Snapshot, StoredRegistration};
use crate::store::{ImportMode, StoreError};

use super::PgStore;
use super::offerings::{directory, import_into};
use super::registrations::{upsert_home_place, upsert_profile};

impl PgStore {
    pub(crate) fn snapshot(&self) -> Result<Snapshot, StoreError> {
        let records = self.records(None)?;
        let profile = self.profile()?;
        let home_place = self.home_place()?;
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
            Ok(Snapshot { records, registrations, interests, profile, home_place })
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
            tx.commit()?;
            Ok(copied)
        })
    }
}
