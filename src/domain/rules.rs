//! The registration rules: deadline, start, capacity, waitlist order,
//! promotion on cancel, one active registration per person and offering,
//! and undo. Written once; each store backend runs them inside one of its
//! transactions through [`Ledger`], which holds the offering's lock.

use chrono::NaiveDateTime;

use super::registration::email_key;
use super::{Applicant, Closed, Offering, Registration, Seats, Status};

/// Why a registration was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    UnknownOffering(String),
    Closed(Closed),
    /// Full, and the caller did not want the waitlist.
    Full(Seats),
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

/// A rule that stopped a change; the backend turns it into its own error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    Refused(Refusal),
    NotRegistered {
        key: String,
        email: String,
    },
    /// An undo whose change was overtaken by later ones.
    Overtaken,
}

/// One write transaction of a store, as the rules see it. Every method
/// works inside that transaction; `offering` also locks the offering
/// against other writers until it ends, so counting seats and inserting
/// see no other registration in between.
pub trait Ledger {
    type Error: From<Broken>;

    /// The offering, locked for the rest of the transaction.
    fn offering(&mut self, key: &str) -> Result<Option<Offering>, Self::Error>;
    /// The active (not cancelled) registration of `email_key` for `key`.
    fn active(&mut self, key: &str, email_key: &str) -> Result<Option<i64>, Self::Error>;
    /// A registration with its waitlist position.
    fn registration(&mut self, id: i64) -> Result<Option<Registration>, Self::Error>;
    fn seats(&mut self, key: &str, capacity: Option<u32>) -> Result<Seats, Self::Error>;
    /// Waitlisted registrations of `key`, first come first.
    fn waitlisted(&mut self, key: &str) -> Result<Vec<i64>, Self::Error>;
    /// The e-mail address of the person this ledger acts for, from their profile.
    fn profile_email(&mut self) -> Result<Option<String>, Self::Error>;
    /// A new registration; `own` when it is the acting person's own.
    fn insert(
        &mut self,
        key: &str,
        applicant: &Applicant,
        status: Status,
        own: bool,
        now: NaiveDateTime,
    ) -> Result<i64, Self::Error>;
    fn set_status(&mut self, id: i64, status: Status, now: NaiveDateTime) -> Result<(), Self::Error>;
    fn delete(&mut self, id: i64) -> Result<(), Self::Error>;
    fn set_note(&mut self, id: i64, note: &str, now: NaiveDateTime) -> Result<(), Self::Error>;
    /// Marks or unmarks interest; whether anything changed.
    fn set_interest(&mut self, key: &str, marked: bool, now: NaiveDateTime) -> Result<bool, Self::Error>;
}

fn offering<L: Ledger>(ledger: &mut L, key: &str) -> Result<Offering, L::Error> {
    ledger.offering(key)?.ok_or_else(|| Broken::Refused(Refusal::UnknownOffering(key.to_owned())).into())
}

fn registration<L: Ledger>(ledger: &mut L, id: i64) -> Result<Registration, L::Error> {
    ledger.registration(id)?.ok_or_else(|| Broken::Overtaken.into())
}

/// Registers `applicant` for the offering `key`, or puts them on its
/// waitlist when it is full and `when_full` allows it.
pub fn register<L: Ledger>(
    ledger: &mut L,
    key: &str,
    applicant: &Applicant,
    when_full: WhenFull,
    now: NaiveDateTime,
) -> Result<(Registered, Change), L::Error> {
    let offering = offering(ledger, key)?;
    if let Some(existing) = ledger.active(key, &email_key(&applicant.email))? {
        let existing = registration(ledger, existing)?;
        let id = existing.id;
        return Ok((Registered::Existing(existing), Change::Registered { id }));
    }
    if let Some(closed) = offering.registration_closed(now) {
        return Err(Broken::Refused(Refusal::Closed(closed)).into());
    }
    let seats = ledger.seats(key, offering.capacity())?;
    let status = match (seats.is_full(), when_full) {
        (false, _) => Status::Registered,
        (true, WhenFull::JoinWaitlist) => Status::Waitlisted,
        (true, WhenFull::Refuse) => return Err(Broken::Refused(Refusal::Full(seats)).into()),
    };
    // One's own registration is one made with one's own address; from then
    // on it stays one's own, whatever the profile's address becomes.
    let own = ledger.profile_email()?.is_some_and(|email| email_key(&email) == email_key(&applicant.email));
    let id = ledger.insert(key, applicant, status, own, now)?;
    Ok((Registered::New(registration(ledger, id)?), Change::Registered { id }))
}

/// Cancels the active registration of `email` for `key`; a freed place
/// goes to the first person on the waitlist.
pub fn cancel<L: Ledger>(
    ledger: &mut L,
    key: &str,
    email: &str,
    now: NaiveDateTime,
) -> Result<(Cancelled, Change), L::Error> {
    // Locks the offering first, so the promotion sees every registration.
    ledger.offering(key)?;
    let id = ledger
        .active(key, &email_key(email))?
        .ok_or_else(|| Broken::NotRegistered { key: key.to_owned(), email: email.to_owned() })?;
    let was = registration(ledger, id)?.status;
    ledger.set_status(id, Status::Cancelled, now)?;
    let promoted = if was == Status::Registered { promote(ledger, key, now)? } else { None };
    let cancelled = registration(ledger, id)?;
    let promoted_registration = promoted.map(|id| registration(ledger, id)).transpose()?;
    Ok((Cancelled { cancelled, promoted: promoted_registration }, Change::Cancelled { id, was, promoted }))
}

/// Replaces the note of the active registration of `email` for `key`.
pub fn set_note<L: Ledger>(
    ledger: &mut L,
    key: &str,
    email: &str,
    note: &str,
    now: NaiveDateTime,
) -> Result<(), L::Error> {
    let id = ledger
        .active(key, &email_key(email))?
        .ok_or_else(|| Broken::NotRegistered { key: key.to_owned(), email: email.to_owned() })?;
    ledger.set_note(id, note, now)
}

/// Gives freed places to the waitlist, first come first served, and
/// returns the first person promoted. The caller holds the offering's lock.
pub fn promote<L: Ledger>(ledger: &mut L, key: &str, now: NaiveDateTime) -> Result<Option<i64>, L::Error> {
    let capacity = ledger.offering(key)?.and_then(|offering| offering.capacity());
    let waiting = ledger.waitlisted(key)?;
    let free = match capacity {
        // Without a limit nobody waits; promote everyone left over from a limit removed by an import.
        None => waiting.len(),
        Some(capacity) => ledger.seats(key, Some(capacity))?.free().unwrap_or(0) as usize,
    };
    for &id in waiting.iter().take(free) {
        ledger.set_status(id, Status::Registered, now)?;
    }
    Ok(waiting.first().copied().filter(|_| free > 0))
}

/// Marks or unmarks interest in an offering; returns whether it is now marked.
pub fn toggle_interest<L: Ledger>(ledger: &mut L, key: &str, now: NaiveDateTime) -> Result<(bool, Change), L::Error> {
    offering(ledger, key)?;
    let marked = !ledger.set_interest(key, false, now)?;
    if marked {
        ledger.set_interest(key, true, now)?;
    }
    Ok((marked, Change::Interest { key: key.to_owned(), marked }))
}

/// Takes back one change of this session, if nothing since has built on it.
pub fn undo<L: Ledger>(ledger: &mut L, change: &Change, now: NaiveDateTime) -> Result<Undone, L::Error> {
    match change {
        Change::Registered { id } => {
            let registration = registration(ledger, *id)?;
            ledger.offering(&registration.offering_key)?;
            if registration.status == Status::Cancelled {
                return Err(Broken::Overtaken.into());
            }
            ledger.delete(*id)?;
            if registration.status == Status::Registered {
                promote(ledger, &registration.offering_key, now)?;
            }
            Ok(Undone::Withdrawn { key: registration.offering_key })
        }
        Change::Cancelled { id, was, promoted } => {
            let cancelled = registration(ledger, *id)?;
            let key = cancelled.offering_key;
            let capacity = ledger.offering(&key)?.and_then(|offering| offering.capacity());
            if cancelled.status != Status::Cancelled {
                return Err(Broken::Overtaken.into());
            }
            if ledger.active(&key, &email_key(&cancelled.email))?.is_some() {
                // Registered again since: the newer registration stands.
                return Err(Broken::Overtaken.into());
            }
            // The person promoted into the freed place goes back to the
            // head of the waitlist, where their id puts them.
            if let Some(promoted) = promoted
                && ledger.registration(*promoted)?.is_some_and(|promoted| promoted.status == Status::Registered)
            {
                ledger.set_status(*promoted, Status::Waitlisted, now)?;
            }
            let restored = if *was == Status::Registered && ledger.seats(&key, capacity)?.is_full() {
                Status::Waitlisted
            } else {
                *was
            };
            ledger.set_status(*id, restored, now)?;
            promote(ledger, &key, now)?;
            registration(ledger, *id).map(Undone::Restored)
        }
        Change::Interest { key, marked } => {
            ledger.set_interest(key, !marked, now)?;
            Ok(Undone::Interest { key: key.clone(), marked: !marked })
        }
    }
}
