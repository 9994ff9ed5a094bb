//! Profile, registrations, waitlist and interests in PostgreSQL. The rules
//! are `domain::rules`; their ledger here locks the offering's row
//! (`SELECT … FOR UPDATE`), so concurrent registrations for one offering
//! queue up and each sees the seats the one before it left. Profile and
//! interests belong to the login (`session_user`).

use chrono::NaiveDateTime;
use postgres::{GenericClient, Row, Transaction};

use crate::domain::registration::email_key;
use crate::domain::rules::{self, Ledger};
use crate::domain::{Applicant, Offering, Participants, Profile, Registration, SeatCounts, Seats, Status, Team};
use crate::store::row::{parse_status, parse_timestamp};
use crate::store::{Forbidden, RegistrationError, StoreError, Whose, stamp};

use super::{PgStore, offerings};

const REGISTRATION_COLUMNS: &str = "id, offering_key, name, email, organisation, phone, note, status, registered_at";

fn registration_from_row(row: &Row) -> Result<Registration, StoreError> {
    let status: &str = row.try_get(7)?;
    let registered_at: &str = row.try_get(8)?;
    Ok(Registration {
        id: row.try_get(0)?,
        offering_key: row.try_get(1)?,
        name: row.try_get(2)?,
        email: row.try_get(3)?,
        organisation: row.try_get(4)?,
        phone: row.try_get(5)?,
        note: row.try_get(6)?,
        status: parse_status(status).map_err(|error| StoreError::Server(error.to_string()))?,
        waitlist_position: None,
        registered_at: parse_timestamp(registered_at).map_err(|error| StoreError::Server(error.to_string()))?,
    })
}

/// A registration as the login may see it: every registration's status
/// and waitlist position, personal data only where the server's policies
/// allow (empty otherwise).
fn load(client: &mut impl GenericClient, id: i64) -> Result<Option<Registration>, StoreError> {
    let row = client
        .query_opt(&format!("SELECT {REGISTRATION_COLUMNS}, waitlist_position FROM lotse_registration($1)"), &[&id])?;
    row.map(|row| {
        let mut registration = registration_from_row(&row)?;
        let position: Option<i64> = row.try_get(9)?;
        registration.waitlist_position = position.map(|position| position as u32);
        Ok(registration)
    })
    .transpose()
}

fn with_position(client: &mut impl GenericClient, registration: Registration) -> Result<Registration, StoreError> {
    if registration.status != Status::Waitlisted {
        return Ok(registration);
    }
    let position = load(client, registration.id)?.and_then(|found| found.waitlist_position);
    Ok(Registration { waitlist_position: position, ..registration })
}

fn active(client: &mut impl GenericClient, key: &str, email_key: &str) -> Result<Option<i64>, StoreError> {
    Ok(client.query_one("SELECT lotse_active($1, $2)", &[&key, &email_key])?.get(0))
}

/// Counted over everyone's registrations, which the login may not all read.
fn seats(client: &mut impl GenericClient, key: &str, capacity: Option<u32>) -> Result<Seats, StoreError> {
    let row = client.query_one("SELECT taken, waiting FROM lotse_seats($1)", &[&key])?;
    let (taken, waiting): (i64, i64) = (row.get(0), row.get(1));
    Ok(Seats { capacity, taken: taken as u32, waiting: waiting as u32 })
}

/// Saves `profile` as the login's own.
/// Sets the login's home place; `db copy` writes it in its own transaction.
pub(super) fn upsert_home_place(client: &mut impl GenericClient, place: &str) -> Result<(), postgres::Error> {
    client.execute(
        "INSERT INTO home_places (place) VALUES ($1) ON CONFLICT (person) DO UPDATE SET place = excluded.place",
        &[&place],
    )?;
    Ok(())
}

pub(super) fn upsert_profile(client: &mut impl GenericClient, profile: &Profile) -> Result<(), postgres::Error> {
    client.execute(
        "INSERT INTO profiles (name, email, organisation, phone) VALUES ($1, $2, $3, $4)
         ON CONFLICT (person) DO UPDATE SET name = excluded.name, email = excluded.email,
             organisation = excluded.organisation, phone = excluded.phone",
        &[&profile.name, &profile.email, &profile.organisation, &profile.phone],
    )?;
    Ok(())
}

/// The server's refusal of a change the login's role does not allow, in
/// the user's terms; any other error as it is.
fn forbidden(error: postgres::Error, what: Forbidden) -> RegistrationError {
    if error.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
        RegistrationError::Forbidden(what)
    } else {
        error.into()
    }
}

/// The rules' view of one transaction on the server.
pub(crate) struct PgLedger<'a> {
    pub(super) tx: Transaction<'a>,
}

impl Ledger for PgLedger<'_> {
    type Error = RegistrationError;

    fn offering(&mut self, key: &str) -> Result<Option<Offering>, RegistrationError> {
        Ok(offerings::find(&mut self.tx, key, true)?)
    }

    fn active(&mut self, key: &str, email_key: &str) -> Result<Option<i64>, RegistrationError> {
        Ok(active(&mut self.tx, key, email_key)?)
    }

    fn registration(&mut self, id: i64) -> Result<Option<Registration>, RegistrationError> {
        Ok(load(&mut self.tx, id)?)
    }

    fn seats(&mut self, key: &str, capacity: Option<u32>) -> Result<Seats, RegistrationError> {
        Ok(seats(&mut self.tx, key, capacity)?)
    }

    fn waitlisted(&mut self, key: &str) -> Result<Vec<i64>, RegistrationError> {
        let rows = self.tx.query("SELECT lotse_waitlist($1)", &[&key])?;
        Ok(rows.iter().map(|row| row.get(0)).collect())
    }

    fn profile_email(&mut self) -> Result<Option<String>, RegistrationError> {
        let row = self.tx.query_opt("SELECT email FROM profiles WHERE person = session_user", &[])?;
        Ok(row.map(|row| row.get(0)))
    }

    fn insert(
        &mut self,
        key: &str,
        applicant: &Applicant,
        status: Status,
        own: bool,
        now: NaiveDateTime,
    ) -> Result<i64, RegistrationError> {
        let row = self
            .tx
            .query_one(
                "INSERT INTO registrations (offering_key, name, email, email_key, organisation, phone, note,
                                        status, registered_at, changed_at, person)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, CASE WHEN $10 THEN session_user END) RETURNING id",
                &[
                    &key,
                    &applicant.name,
                    &applicant.email,
                    &email_key(&applicant.email),
                    &applicant.organisation,
                    &applicant.phone,
                    &applicant.note,
                    &status.code(),
                    &stamp(now),
                    &own,
                ],
            )
            .map_err(|error| forbidden(error, Forbidden::RegisterOthers))?;
        Ok(row.get(0))
    }

    fn set_status(&mut self, id: i64, status: Status, now: NaiveDateTime) -> Result<(), RegistrationError> {
        self.tx.execute("SELECT lotse_set_status($1, $2, $3)", &[&id, &status.code(), &stamp(now)]).map_err(
            |error| match forbidden(error, Forbidden::CancelOthers) {
                // Only an undo moves a seat back to the waitlist: the server keeps
                // a colleague's promotion, so one's own cancellation stands.
                RegistrationError::Forbidden(_) if status == Status::Waitlisted => RegistrationError::Overtaken,
                other => other,
            },
        )?;
        Ok(())
    }

    fn delete(&mut self, id: i64) -> Result<(), RegistrationError> {
        self.tx.execute("DELETE FROM registrations WHERE id = $1", &[&id])?;
        Ok(())
    }

    fn set_note(&mut self, id: i64, note: &str, now: NaiveDateTime) -> Result<(), RegistrationError> {
        // Row-level security lets only those who may see the registration change it.
        let changed = self
            .tx
            .execute("UPDATE registrations SET note = $1, changed_at = $2 WHERE id = $3", &[&note, &stamp(now), &id])?;
        if changed == 0 {
            return Err(RegistrationError::Forbidden(Forbidden::CancelOthers));
        }
        Ok(())
    }

    fn set_interest(&mut self, key: &str, marked: bool, now: NaiveDateTime) -> Result<bool, RegistrationError> {
        let changed = if marked {
            self.tx.execute(
                "INSERT INTO interests (offering_key, marked_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&key, &stamp(now)],
            )?
        } else {
            self.tx.execute("DELETE FROM interests WHERE person = session_user AND offering_key = $1", &[&key])?
        };
        Ok(changed > 0)
    }
}

impl PgStore {
    pub fn profile(&self) -> Result<Option<Profile>, StoreError> {
        self.run(|client| {
            let row = client
                .query_opt("SELECT name, email, organisation, phone FROM profiles WHERE person = session_user", &[])?;
            Ok(row.map(|row| Profile {
                name: row.get(0),
                email: row.get(1),
                organisation: row.get(2),
                phone: row.get(3),
            }))
        })
    }

    pub fn save_profile(&mut self, profile: &Profile) -> Result<(), StoreError> {
        self.run(|client| Ok(upsert_profile(client, profile)?))
    }

    pub fn forget_profile(&mut self, now: NaiveDateTime) -> Result<usize, RegistrationError> {
        self.write(|ledger| {
            let keys: Vec<String> = ledger
                .tx
                .query("SELECT DISTINCT offering_key FROM registrations WHERE person = session_user ORDER BY 1", &[])?
                .iter()
                .map(|row| row.get(0))
                .collect();
            // Locked in one order, so that two people forgetting at once cannot deadlock.
            for key in &keys {
                offerings::find(&mut ledger.tx, key, true)?;
            }
            let deleted = ledger.tx.execute("DELETE FROM registrations WHERE person = session_user", &[])?;
            for key in keys {
                rules::promote(ledger, &key, now)?;
            }
            ledger.tx.execute("DELETE FROM interests WHERE person = session_user", &[])?;
            ledger.tx.execute("DELETE FROM profiles WHERE person = session_user", &[])?;
            // Where the user works is personal data too.
            ledger.tx.execute("DELETE FROM home_places WHERE person = session_user", &[])?;
            Ok(deleted as usize)
        })
    }

    pub fn registrations(&self, whose: Whose) -> Result<Vec<Registration>, StoreError> {
        let own = whose == Whose::Own;
        self.run(|client| {
            let rows = client.query(
                &format!(
                    "SELECT {REGISTRATION_COLUMNS} FROM registrations
                     WHERE status <> 'cancelled' AND (NOT $1 OR person = session_user) ORDER BY id"
                ),
                &[&own],
            )?;
            rows.iter().map(|row| registration_from_row(row).and_then(|found| with_position(client, found))).collect()
        })
    }

    /// Cancelled registrations, oldest first.
    pub fn cancelled_registrations(&self, whose: Whose) -> Result<Vec<Registration>, StoreError> {
        let own = whose == Whose::Own;
        self.run(|client| {
            let rows = client.query(
                &format!(
                    "SELECT {REGISTRATION_COLUMNS} FROM registrations
                     WHERE status = 'cancelled' AND (NOT $1 OR person = session_user) ORDER BY id"
                ),
                &[&own],
            )?;
            rows.iter().map(registration_from_row).collect()
        })
    }

    /// Registered and waitlisted people per offering; offerings nobody registered for are absent.
    pub fn seat_counts(&self) -> Result<SeatCounts, StoreError> {
        self.run(|client| {
            let rows = client.query("SELECT offering_key, taken, waiting FROM lotse_seat_counts()", &[])?;
            Ok(rows
                .iter()
                .map(|row| (row.get(0), (row.get::<_, i64>(1) as u32, row.get::<_, i64>(2) as u32)))
                .collect())
        })
    }

    /// The login's home place, as typed.
    pub fn home_place(&self) -> Result<Option<String>, StoreError> {
        self.run(|client| {
            Ok(client
                .query_opt("SELECT place FROM home_places WHERE person = session_user", &[])?
                .map(|row| row.get(0)))
        })
    }

    pub fn set_home_place(&mut self, place: Option<&str>) -> Result<(), StoreError> {
        self.run(|client| {
            match place {
                Some(place) => upsert_home_place(client, place)?,
                None => {
                    client.execute("DELETE FROM home_places WHERE person = session_user", &[])?;
                }
            };
            Ok(())
        })
    }

    pub fn registration(&self, key: &str, email: &str) -> Result<Option<Registration>, StoreError> {
        self.run(|client| match active(client, key, &email_key(email))? {
            Some(id) => load(client, id),
            None => Ok(None),
        })
    }

    pub fn interests(&self) -> Result<Vec<(String, NaiveDateTime)>, StoreError> {
        self.run(|client| {
            let rows = client.query(
                "SELECT offering_key, marked_at FROM interests WHERE person = session_user ORDER BY marked_at, offering_key COLLATE \"C\"",
                &[],
            )?;
            rows.iter()
                .map(|row| {
                    let marked_at: &str = row.try_get(1)?;
                    let marked_at = parse_timestamp(marked_at).map_err(|error| StoreError::Server(error.to_string()))?;
                    Ok((row.try_get(0)?, marked_at))
                })
                .collect()
        })
    }

    pub fn seats(&self, key: &str) -> Result<Seats, StoreError> {
        self.run(|client| {
            let capacity = offerings::find(client, key, false)?.and_then(|offering| offering.capacity());
            seats(client, key, capacity)
        })
    }

    pub fn team(&self, key: &str) -> Result<Team, StoreError> {
        self.run(|client| {
            let row = client.query_one("SELECT * FROM lotse_team($1)", &[&key])?;
            let count = |at: usize| row.try_get::<_, i64>(at).map(|count| count as u32);
            Ok(Team {
                registered: count(0)?,
                waitlisted: count(1)?,
                interested: count(2)?,
                registered_names: row.try_get(3)?,
                interested_names: row.try_get(4)?,
            })
        })
    }

    pub fn participants(&self, key: &str) -> Result<Participants, StoreError> {
        self.run(|client| {
            let row = client.query_one("SELECT lotse_organises($1), session_user::text", &[&key])?;
            if !row.try_get::<_, bool>(0)? {
                return Err(StoreError::NotOrganiser { key: key.to_owned(), user: row.try_get(1)? });
            }
            let rows = client.query(
                &format!("SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE offering_key = $1 ORDER BY id"),
                &[&key],
            )?;
            let registrations = rows
                .iter()
                .map(|row| registration_from_row(row).and_then(|found| with_position(client, found)))
                .collect::<Result<Vec<_>, _>>()?;
            let interested: i64 = client.query_one("SELECT interested FROM lotse_team($1)", &[&key])?.try_get(0)?;
            Ok(Participants { registrations, interested: interested as u32 })
        })
    }
}
