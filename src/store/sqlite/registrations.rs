//! Profile, registrations, waitlist and interests in SQLite. The rules
//! live in `domain::rules`; this supplies their ledger inside one
//! immediate transaction per change, which holds the write lock.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, named_params};

use crate::domain::registration::email_key;
use crate::domain::rules::{self, Ledger};
use crate::domain::{Applicant, Offering, Participants, Profile, Registration, SeatCounts, Seats, Status, Team};
use crate::store::{RegistrationError, TIMESTAMP, Whose, stamp};

use super::{SqliteStore, StoreError, offerings};

/// How long a change keeps retrying while other processes hold the write
/// lock, on top of SQLite's own busy timeout per attempt.
const RETRY_FOR: Duration = Duration::from_secs(30);

/// The `person` of the user's own registrations: SQLite has one person, the profile.
pub(super) const OWN: &str = "profile";

const REGISTRATION_COLUMNS: &str = "id, offering_key, name, email, organisation, phone, note, status, registered_at";

fn bad_column(index: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, message.into())
}

fn timestamp_column(row: &Row, index: usize) -> rusqlite::Result<NaiveDateTime> {
    let text: String = row.get(index)?;
    NaiveDateTime::parse_from_str(&text, TIMESTAMP).map_err(|error| bad_column(index, error.to_string()))
}

fn registration_from_row(row: &Row) -> rusqlite::Result<Registration> {
    let status: String = row.get(7)?;
    Ok(Registration {
        id: row.get(0)?,
        offering_key: row.get(1)?,
        name: row.get(2)?,
        email: row.get(3)?,
        organisation: row.get(4)?,
        phone: row.get(5)?,
        note: row.get(6)?,
        status: Status::from_code(&status).ok_or_else(|| bad_column(7, format!("unknown status {status}")))?,
        waitlist_position: None,
        registered_at: timestamp_column(row, 8)?,
    })
}

/// A registration with its waitlist position filled in.
fn load(conn: &Connection, id: i64) -> rusqlite::Result<Registration> {
    let mut registration = conn
        .prepare_cached(&format!("SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE id = ?1"))?
        .query_row([id], registration_from_row)?;
    registration.waitlist_position = waitlist_position(conn, &registration)?;
    Ok(registration)
}

fn waitlist_position(conn: &Connection, registration: &Registration) -> rusqlite::Result<Option<u32>> {
    if registration.status != Status::Waitlisted {
        return Ok(None);
    }
    conn.prepare_cached(
        "SELECT count(*) FROM registrations WHERE offering_key = ?1 AND status = 'waitlisted' AND id <= ?2",
    )?
    .query_row(rusqlite::params![registration.offering_key, registration.id], |row| row.get(0))
    .map(Some)
}

fn active(conn: &Connection, key: &str, email_key: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT id FROM registrations WHERE offering_key = ?1 AND email_key = ?2 AND status <> 'cancelled'",
    )?
    .query_row([key, email_key], |row| row.get(0))
    .optional()
}

fn seats(conn: &Connection, key: &str, capacity: Option<u32>) -> rusqlite::Result<Seats> {
    let (taken, waiting) = conn
        .prepare_cached(
            "SELECT count(*) FILTER (WHERE status = 'registered'), count(*) FILTER (WHERE status = 'waitlisted')
             FROM registrations WHERE offering_key = ?1",
        )?
        .query_row([key], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(Seats { capacity, taken, waiting })
}

fn capacity_of(conn: &Connection, key: &str) -> rusqlite::Result<Option<u32>> {
    Ok(offerings::find(conn, key)?.and_then(|offering| offering.capacity()))
}

fn is_busy(error: &RegistrationError) -> bool {
    let source = match error {
        RegistrationError::Store(StoreError::Query(source)) => source,
        _ => return false,
    };
    matches!(source.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

pub(super) fn upsert_profile(conn: &Connection, profile: &Profile) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO profile (id, name, email, organisation, phone) VALUES (1, :name, :email, :organisation, :phone)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email,
             organisation = excluded.organisation, phone = excluded.phone",
        named_params! {
            ":name": profile.name,
            ":email": profile.email,
            ":organisation": profile.organisation,
            ":phone": profile.phone,
        },
    )?;
    Ok(())
}

/// The rules' view of one immediate transaction; SQLite's write lock
/// covers the whole database, so reading an offering needs no lock of its own.
pub(crate) struct SqliteLedger<'a>(&'a Transaction<'a>);

impl Ledger for SqliteLedger<'_> {
    type Error = RegistrationError;

    fn offering(&mut self, key: &str) -> Result<Option<Offering>, RegistrationError> {
        Ok(offerings::find(self.0, key)?)
    }

    fn active(&mut self, key: &str, email_key: &str) -> Result<Option<i64>, RegistrationError> {
        Ok(active(self.0, key, email_key)?)
    }

    fn registration(&mut self, id: i64) -> Result<Option<Registration>, RegistrationError> {
        Ok(load(self.0, id).optional()?)
    }

    fn seats(&mut self, key: &str, capacity: Option<u32>) -> Result<Seats, RegistrationError> {
        Ok(seats(self.0, key, capacity)?)
    }

    fn waitlisted(&mut self, key: &str) -> Result<Vec<i64>, RegistrationError> {
        let ids = self
            .0
            .prepare_cached(
                "SELECT id FROM registrations WHERE offering_key = ?1 AND status = 'waitlisted' ORDER BY id",
            )?
            .query_map([key], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    fn profile_email(&mut self) -> Result<Option<String>, RegistrationError> {
        Ok(self.0.query_row("SELECT email FROM profile WHERE id = 1", [], |row| row.get(0)).optional()?)
    }

    fn insert(
        &mut self,
        key: &str,
        applicant: &Applicant,
        status: Status,
        own: bool,
        now: NaiveDateTime,
    ) -> Result<i64, RegistrationError> {
        self.0
            .prepare_cached(
                "INSERT INTO registrations (offering_key, person, name, email, email_key, organisation, phone, note,
                                            status, registered_at, changed_at)
                 VALUES (:key, :person, :name, :email, :email_key, :organisation, :phone, :note, :status, :now, :now)",
            )?
            .execute(named_params! {
                ":key": key,
                ":person": own.then_some(OWN),
                ":name": applicant.name,
                ":email": applicant.email,
                ":email_key": email_key(&applicant.email),
                ":organisation": applicant.organisation,
                ":phone": applicant.phone,
                ":note": applicant.note,
                ":status": status.code(),
                ":now": stamp(now),
            })?;
        Ok(self.0.last_insert_rowid())
    }

    fn set_status(&mut self, id: i64, status: Status, now: NaiveDateTime) -> Result<(), RegistrationError> {
        self.0
            .prepare_cached("UPDATE registrations SET status = ?1, changed_at = ?2 WHERE id = ?3")?
            .execute(rusqlite::params![status.code(), stamp(now), id])?;
        Ok(())
    }

    fn delete(&mut self, id: i64) -> Result<(), RegistrationError> {
        self.0.prepare_cached("DELETE FROM registrations WHERE id = ?1")?.execute([id])?;
        Ok(())
    }

    fn set_note(&mut self, id: i64, note: &str, now: NaiveDateTime) -> Result<(), RegistrationError> {
        self.0
            .prepare_cached("UPDATE registrations SET note = ?1, changed_at = ?2 WHERE id = ?3")?
            .execute(rusqlite::params![note, stamp(now), id])?;
        Ok(())
    }

    fn set_interest(&mut self, key: &str, marked: bool, now: NaiveDateTime) -> Result<bool, RegistrationError> {
        let changed = if marked {
            self.0
                .prepare_cached("INSERT OR IGNORE INTO interests (offering_key, marked_at) VALUES (?1, ?2)")?
                .execute([key, &stamp(now)])?
        } else {
            self.0.prepare_cached("DELETE FROM interests WHERE offering_key = ?1")?.execute([key])?
        };
        Ok(changed > 0)
    }
}

impl SqliteStore {
    /// Runs `change` in one immediate transaction, so that its checks and its
    /// writes see no other writer in between. Other processes' locks are
    /// waited for and retried, never reported as an error.
    pub(crate) fn write<T>(
        &mut self,
        mut change: impl FnMut(&mut SqliteLedger) -> Result<T, RegistrationError>,
    ) -> Result<T, RegistrationError> {
        let started = Instant::now();
        loop {
            let attempt = (|| {
                let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let value = change(&mut SqliteLedger(&tx))?;
                tx.commit()?;
                Ok(value)
            })();
            match attempt {
                Err(error) if is_busy(&error) && started.elapsed() < RETRY_FOR => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    pub fn profile(&self) -> Result<Option<Profile>, StoreError> {
        let profile = self
            .conn
            .query_row("SELECT name, email, organisation, phone FROM profile WHERE id = 1", [], |row| {
                Ok(Profile { name: row.get(0)?, email: row.get(1)?, organisation: row.get(2)?, phone: row.get(3)? })
            })
            .optional()?;
        Ok(profile)
    }

    pub fn save_profile(&mut self, profile: &Profile) -> Result<(), StoreError> {
        Ok(upsert_profile(&self.conn, profile)?)
    }

    /// Deletes the profile, the user's own registrations (freed places go
    /// to the waitlist) and all marked interests. Returns how many
    /// registrations were deleted.
    pub fn forget_profile(&mut self, now: NaiveDateTime) -> Result<usize, RegistrationError> {
        self.write(|ledger| {
            let tx = ledger.0;
            let keys: Vec<String> = tx
                .prepare("SELECT DISTINCT offering_key FROM registrations WHERE person = ?1")?
                .query_map([OWN], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let deleted = tx.execute("DELETE FROM registrations WHERE person = ?1", [OWN])?;
            for key in keys {
                rules::promote(ledger, &key, now)?;
            }
            tx.execute("DELETE FROM interests", [])?;
            tx.execute("DELETE FROM profile", [])?;
            // Where the user works is personal data too.
            tx.execute("DELETE FROM home_place", [])?;
            Ok(deleted)
        })
    }

    /// Active (registered or waitlisted) registrations, of one person if
    /// `email` is given, oldest first.
    pub fn registrations(&self, whose: Whose) -> Result<Vec<Registration>, StoreError> {
        let mut query = self.conn.prepare_cached(&format!(
            "SELECT {REGISTRATION_COLUMNS} FROM registrations
             WHERE status <> 'cancelled' AND (?1 IS NULL OR person = ?1) ORDER BY id"
        ))?;
        let person = match whose {
            Whose::All => None,
            Whose::Own => Some(OWN),
        };
        let mut registrations =
            query.query_map([person], registration_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        for registration in &mut registrations {
            registration.waitlist_position = waitlist_position(&self.conn, registration)?;
        }
        Ok(registrations)
    }

    /// Cancelled registrations, oldest first.
    pub fn cancelled_registrations(&self, whose: Whose) -> Result<Vec<Registration>, StoreError> {
        let mut query = self.conn.prepare_cached(&format!(
            "SELECT {REGISTRATION_COLUMNS} FROM registrations
             WHERE status = 'cancelled' AND (?1 IS NULL OR person = ?1) ORDER BY id"
        ))?;
        let person = match whose {
            Whose::All => None,
            Whose::Own => Some(OWN),
        };
        let cancelled = query.query_map([person], registration_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(cancelled)
    }

    /// Registered and waitlisted people per offering; offerings nobody registered for are absent.
    pub fn seat_counts(&self) -> Result<SeatCounts, StoreError> {
        let mut query = self.conn.prepare_cached(
            "SELECT offering_key, count(*) FILTER (WHERE status = 'registered'),
                    count(*) FILTER (WHERE status = 'waitlisted')
             FROM registrations WHERE status <> 'cancelled' GROUP BY offering_key",
        )?;
        let counts = query
            .query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?
            .collect::<rusqlite::Result<SeatCounts>>()?;
        Ok(counts)
    }

    pub fn registration(&self, key: &str, email: &str) -> Result<Option<Registration>, StoreError> {
        Ok(active(&self.conn, key, &email_key(email))?.map(|id| load(&self.conn, id)).transpose()?)
    }

    /// Keys of the offerings marked with interest, with when.
    pub fn interests(&self) -> Result<Vec<(String, NaiveDateTime)>, StoreError> {
        let mut query = self.conn.prepare_cached("SELECT offering_key, marked_at FROM interests ORDER BY marked_at")?;
        let interests = query
            .query_map([], |row| Ok((row.get(0)?, timestamp_column(row, 1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(interests)
    }

    pub fn seats(&self, key: &str) -> Result<Seats, StoreError> {
        let capacity = capacity_of(&self.conn, key)?;
        Ok(seats(&self.conn, key, capacity)?)
    }

    /// The one person of a SQLite store is the profile: their own
    /// registration and interest are the team's, under the profile's name.
    pub fn team(&self, key: &str) -> Result<Team, StoreError> {
        let name = self.profile()?.map(|profile| profile.name);
        let status: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT status FROM registrations WHERE offering_key = ?1 AND person = ?2 AND status <> 'cancelled'",
            )?
            .query_row([key, OWN], |row| row.get(0))
            .optional()?;
        let interested: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM interests WHERE offering_key = ?1)")?
            .query_row([key], |row| row.get(0))?;
        let names = |present: bool| name.iter().filter(|_| present).cloned().collect::<Vec<_>>();
        Ok(Team {
            registered: u32::from(status.as_deref() == Some("registered")),
            waitlisted: u32::from(status.as_deref() == Some("waitlisted")),
            interested: u32::from(interested),
            registered_names: names(status.is_some()),
            interested_names: names(interested),
        })
    }

    /// Everyone registered for `key`: the single local user sees them all.
    pub fn participants(&self, key: &str) -> Result<Participants, StoreError> {
        let mut query = self.conn.prepare_cached(&format!(
            "SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE offering_key = ?1 ORDER BY id"
        ))?;
        let mut registrations = query.query_map([key], registration_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        for registration in &mut registrations {
            registration.waitlist_position = waitlist_position(&self.conn, registration)?;
        }
        let interested: u32 = self
            .conn
            .prepare_cached("SELECT count(*) FROM interests WHERE offering_key = ?1")?
            .query_row([key], |row| row.get(0))?;
        Ok(Participants { registrations, interested })
    }
}
