//! Profile, registrations, waitlist and interests. Every rule that must hold
//! for all processes sharing one database is checked here, inside one
//! immediate transaction per change, not only in the UI.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, named_params};

use crate::domain::registration::Booking;
use crate::domain::registration::email_key;
use crate::domain::{Applicant, Closed, Profile, Registration, SeatCounts, Seats, Status};

use super::{Store, StoreError, offerings};

/// How long a change keeps retrying while other processes hold the write
/// lock, on top of SQLite's own busy timeout per attempt.
const RETRY_FOR: Duration = Duration::from_secs(30);

const TIMESTAMP: &str = "%Y-%m-%dT%H:%M:%S";

const REGISTRATION_COLUMNS: &str = "id, offering_key, name, email, organisation, phone, note, status, registered_at";

/// Why the store refused a registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    UnknownOffering(String),
    Closed(Closed),
    /// Full, and the caller did not want the waitlist.
    Full(Seats),
}

#[derive(Debug, thiserror::Error)]
pub enum RegistrationError {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("no registration of {email} for {key}")]
    NotRegistered { key: String, email: String },
    /// An undo whose change was overtaken by later ones.
    #[error("the change can no longer be undone")]
    Overtaken,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for RegistrationError {
    fn from(error: rusqlite::Error) -> RegistrationError {
        RegistrationError::Store(StoreError::Query(error))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenFull {
    JoinWaitlist,
    Refuse,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// A new registration: registered or on the waitlist.
    New(Registration),
    /// The person already holds an active registration for the offering.
    Existing(Registration),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancelled {
    pub cancelled: Registration,
    /// The first waitlisted person, who got the freed place.
    pub promoted: Option<Registration>,
}

/// A change of this session that `undo` can take back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Registered { id: i64 },
    Cancelled { id: i64, was: Status, promoted: Option<i64> },
    Interest { key: String, marked: bool },
}

/// What an undo restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undone {
    /// A registration taken back; the offering's key.
    Withdrawn {
        key: String,
    },
    Restored(Registration),
    Interest {
        key: String,
        marked: bool,
    },
}

fn stamp(now: NaiveDateTime) -> String {
    now.format(TIMESTAMP).to_string()
}

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

fn active(conn: &Connection, key: &str, email: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT id FROM registrations WHERE offering_key = ?1 AND email_key = ?2 AND status <> 'cancelled'",
    )?
    .query_row([key, &email_key(email)], |row| row.get(0))
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

fn set_status(conn: &Connection, id: i64, status: Status, now: NaiveDateTime) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE registrations SET status = ?1, changed_at = ?2 WHERE id = ?3")?
        .execute(rusqlite::params![status.code(), stamp(now), id])?;
    Ok(())
}

fn status_of(conn: &Connection, id: i64) -> rusqlite::Result<Option<Status>> {
    let code: Option<String> = conn
        .prepare_cached("SELECT status FROM registrations WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?;
    Ok(code.and_then(|code| Status::from_code(&code)))
}

fn capacity_of(conn: &Connection, key: &str) -> rusqlite::Result<Option<u32>> {
    Ok(offerings::find(conn, key)?.and_then(|offering| offering.capacity()))
}

/// Gives freed places to the waitlist, first come first served, and
/// returns the first person promoted.
fn promote(conn: &Connection, key: &str, now: NaiveDateTime) -> rusqlite::Result<Option<i64>> {
    let Some(capacity) = capacity_of(conn, key)? else {
        // Without a limit nobody waits; promote everyone left over from a limit removed by an import.
        let waiting: Vec<i64> = conn
            .prepare_cached(
                "SELECT id FROM registrations WHERE offering_key = ?1 AND status = 'waitlisted' ORDER BY id",
            )?
            .query_map([key], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for &id in &waiting {
            set_status(conn, id, Status::Registered, now)?;
        }
        return Ok(waiting.first().copied());
    };
    let mut first = None;
    while seats(conn, key, Some(capacity))?.taken < capacity {
        let next: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM registrations WHERE offering_key = ?1 AND status = 'waitlisted' ORDER BY id LIMIT 1",
            )?
            .query_row([key], |row| row.get(0))
            .optional()?;
        let Some(next) = next else { break };
        set_status(conn, next, Status::Registered, now)?;
        first = first.or(Some(next));
    }
    Ok(first)
}

fn is_busy(error: &RegistrationError) -> bool {
    let source = match error {
        RegistrationError::Store(StoreError::Query(source)) => source,
        _ => return false,
    };
    matches!(source.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

impl Store {
    /// Runs `change` in one immediate transaction, so that its checks and its
    /// writes see no other writer in between. Other processes' locks are
    /// waited for and retried, never reported as an error.
    fn write<T>(
        &mut self,
        change: impl Fn(&Transaction) -> Result<T, RegistrationError>,
    ) -> Result<T, RegistrationError> {
        let started = Instant::now();
        loop {
            let attempt = (|| {
                let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let value = change(&tx)?;
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
        self.conn.execute(
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

    /// Deletes the profile, every registration made with its e-mail address
    /// (freed places go to the waitlist), all marked interests and the home
    /// place (where the user works is personal data too). Returns
    /// how many registrations were deleted.
    pub fn forget_profile(&mut self, now: NaiveDateTime) -> Result<usize, RegistrationError> {
        self.write(|tx| {
            let email: Option<String> =
                tx.query_row("SELECT email FROM profile WHERE id = 1", [], |row| row.get(0)).optional()?;
            let mut deleted = 0;
            if let Some(email) = email {
                let keys: Vec<String> = tx
                    .prepare("SELECT DISTINCT offering_key FROM registrations WHERE email_key = ?1")?
                    .query_map([email_key(&email)], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                deleted = tx.execute("DELETE FROM registrations WHERE email_key = ?1", [email_key(&email)])?;
                for key in keys {
                    promote(tx, &key, now)?;
                }
            }
            tx.execute("DELETE FROM interests", [])?;
            tx.execute("DELETE FROM profile", [])?;
            tx.execute("DELETE FROM home_place", [])?;
            Ok(deleted)
        })
    }

    /// Registers `applicant` for the offering `key`, or puts them on its
    /// waitlist when it is full and `when_full` allows it.
    pub fn register(
        &mut self,
        key: &str,
        applicant: &Applicant,
        when_full: WhenFull,
        now: NaiveDateTime,
    ) -> Result<(Registered, Change), RegistrationError> {
        self.write(|tx| {
            let offering = offerings::find(tx, key)?
                .ok_or_else(|| RegistrationError::Refused(Refusal::UnknownOffering(key.to_owned())))?;
            if let Some(existing) = active(tx, key, &applicant.email)? {
                let existing = load(tx, existing)?;
                return Ok((Registered::Existing(existing.clone()), Change::Registered { id: existing.id }));
            }
            if let Some(closed) = offering.registration_closed(now) {
                return Err(RegistrationError::Refused(Refusal::Closed(closed)));
            }
            let seats = seats(tx, key, offering.capacity())?;
            let status = match (seats.is_full(), when_full) {
                (false, _) => Status::Registered,
                (true, WhenFull::JoinWaitlist) => Status::Waitlisted,
                (true, WhenFull::Refuse) => return Err(RegistrationError::Refused(Refusal::Full(seats))),
            };
            tx.prepare_cached(
                "INSERT INTO registrations (offering_key, name, email, email_key, organisation, phone, note,
                                            status, registered_at, changed_at)
                 VALUES (:key, :name, :email, :email_key, :organisation, :phone, :note, :status, :now, :now)",
            )?
            .execute(named_params! {
                ":key": key,
                ":name": applicant.name,
                ":email": applicant.email,
                ":email_key": email_key(&applicant.email),
                ":organisation": applicant.organisation,
                ":phone": applicant.phone,
                ":note": applicant.note,
                ":status": status.code(),
                ":now": stamp(now),
            })?;
            let registration = load(tx, tx.last_insert_rowid())?;
            Ok((Registered::New(registration.clone()), Change::Registered { id: registration.id }))
        })
    }

    /// Cancels the active registration of `email` for `key`; a freed place
    /// goes to the first person on the waitlist.
    pub fn cancel(
        &mut self,
        key: &str,
        email: &str,
        now: NaiveDateTime,
    ) -> Result<(Cancelled, Change), RegistrationError> {
        self.write(|tx| {
            let id = active(tx, key, email)?
                .ok_or_else(|| RegistrationError::NotRegistered { key: key.to_owned(), email: email.to_owned() })?;
            let was = load(tx, id)?.status;
            set_status(tx, id, Status::Cancelled, now)?;
            let promoted = if was == Status::Registered { promote(tx, key, now)? } else { None };
            let cancelled = load(tx, id)?;
            let promoted_registration = promoted.map(|id| load(tx, id)).transpose()?;
            Ok((Cancelled { cancelled, promoted: promoted_registration }, Change::Cancelled { id, was, promoted }))
        })
    }

    /// Replaces the note of the active registration of `email` for `key`.
    pub fn set_note(
        &mut self,
        key: &str,
        email: &str,
        note: &str,
        now: NaiveDateTime,
    ) -> Result<(), RegistrationError> {
        self.write(|tx| {
            let id = active(tx, key, email)?
                .ok_or_else(|| RegistrationError::NotRegistered { key: key.to_owned(), email: email.to_owned() })?;
            tx.prepare_cached("UPDATE registrations SET note = ?1, changed_at = ?2 WHERE id = ?3")?
                .execute(rusqlite::params![note, stamp(now), id])?;
            Ok(())
        })
    }

    /// Marks or unmarks interest in an offering; returns whether it is now marked.
    pub fn toggle_interest(&mut self, key: &str, now: NaiveDateTime) -> Result<(bool, Change), RegistrationError> {
        self.write(|tx| {
            if offerings::find(tx, key)?.is_none() {
                return Err(RegistrationError::Refused(Refusal::UnknownOffering(key.to_owned())));
            }
            let removed = tx.execute("DELETE FROM interests WHERE offering_key = ?1", [key])?;
            let marked = removed == 0;
            if marked {
                tx.execute("INSERT INTO interests (offering_key, marked_at) VALUES (?1, ?2)", [key, &stamp(now)])?;
            }
            Ok((marked, Change::Interest { key: key.to_owned(), marked }))
        })
    }

    /// Takes back one change of this session, if nothing since has built on it.
    pub fn undo(&mut self, change: &Change, now: NaiveDateTime) -> Result<Undone, RegistrationError> {
        self.write(|tx| match change {
            Change::Registered { id } => {
                let registration = load(tx, *id).optional()?.ok_or(RegistrationError::Overtaken)?;
                if registration.status == Status::Cancelled {
                    return Err(RegistrationError::Overtaken);
                }
                tx.execute("DELETE FROM registrations WHERE id = ?1", [id])?;
                if registration.status == Status::Registered {
                    promote(tx, &registration.offering_key, now)?;
                }
                Ok(Undone::Withdrawn { key: registration.offering_key })
            }
            Change::Cancelled { id, was, promoted } => {
                if status_of(tx, *id)? != Some(Status::Cancelled) {
                    return Err(RegistrationError::Overtaken);
                }
                let (key, email): (String, String) =
                    tx.query_row("SELECT offering_key, email_key FROM registrations WHERE id = ?1", [id], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })?;
                if active(tx, &key, &email)?.is_some() {
                    // Registered again since: the newer registration stands.
                    return Err(RegistrationError::Overtaken);
                }
                // The person promoted into the freed place goes back to the
                // head of the waitlist, where their id puts them.
                if let Some(promoted) = promoted
                    && status_of(tx, *promoted)? == Some(Status::Registered)
                {
                    set_status(tx, *promoted, Status::Waitlisted, now)?;
                }
                let restored = if *was == Status::Registered && seats(tx, &key, capacity_of(tx, &key)?)?.is_full() {
                    Status::Waitlisted
                } else {
                    *was
                };
                set_status(tx, *id, restored, now)?;
                promote(tx, &key, now)?;
                Ok(Undone::Restored(load(tx, *id)?))
            }
            Change::Interest { key, marked } => {
                if *marked {
                    tx.execute("DELETE FROM interests WHERE offering_key = ?1", [key])?;
                } else {
                    tx.execute(
                        "INSERT OR IGNORE INTO interests (offering_key, marked_at) VALUES (?1, ?2)",
                        [key.as_str(), &stamp(now)],
                    )?;
                }
                Ok(Undone::Interest { key: key.clone(), marked: !marked })
            }
        })
    }

    /// Active (registered or waitlisted) registrations, of one person if
    /// `email` is given, oldest first.
    pub fn registrations(&self, email: Option<&str>) -> Result<Vec<Registration>, StoreError> {
        let mut query = self.conn.prepare_cached(&format!(
            "SELECT {REGISTRATION_COLUMNS} FROM registrations
             WHERE status <> 'cancelled' AND (?1 IS NULL OR email_key = ?1) ORDER BY id"
        ))?;
        let mut registrations =
            query.query_map([email.map(email_key)], registration_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        for registration in &mut registrations {
            registration.waitlist_position = waitlist_position(&self.conn, registration)?;
        }
        Ok(registrations)
    }

    /// Active registrations with their offerings, soonest first.
    pub fn bookings(&self, email: Option<&str>) -> Result<Vec<Booking>, StoreError> {
        self.with_offerings(self.registrations(email)?)
    }

    /// Cancelled registrations with their offerings, soonest first: a
    /// calendar that imported them learns to remove them.
    pub fn cancelled_bookings(&self, email: Option<&str>) -> Result<Vec<Booking>, StoreError> {
        let mut query = self.conn.prepare_cached(&format!(
            "SELECT {REGISTRATION_COLUMNS} FROM registrations
             WHERE status = 'cancelled' AND (?1 IS NULL OR email_key = ?1) ORDER BY id"
        ))?;
        let cancelled =
            query.query_map([email.map(email_key)], registration_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        self.with_offerings(cancelled)
    }

    fn with_offerings(&self, registrations: Vec<Registration>) -> Result<Vec<Booking>, StoreError> {
        let mut bookings = Vec::new();
        for registration in registrations {
            let Some(offering) = offerings::find(&self.conn, &registration.offering_key)? else { continue };
            let summary = self.long_text(&offering.key)?.map(|text| text.summary).unwrap_or_default();
            bookings.push(Booking { registration, offering, summary });
        }
        bookings.sort_by_key(|booking| {
            (booking.offering.starts().map(|starts| starts.earliest()), booking.registration.id)
        });
        Ok(bookings)
    }

    pub fn registration(&self, key: &str, email: &str) -> Result<Option<Registration>, StoreError> {
        Ok(active(&self.conn, key, email)?.map(|id| load(&self.conn, id)).transpose()?)
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

    /// Registered and waitlisted people per offering, in one query for the
    /// whole list; offerings nobody registered for are absent.
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
}
