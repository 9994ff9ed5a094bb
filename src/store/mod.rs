//! The store: offerings, search fields, keyword look-ups, registrations,
//! interests and the profile, behind one interface with two backends. The
//! embedded SQLite file is the default; a PostgreSQL server is shared by a
//! team. SQL and dialects stay inside the backends; the registration rules
//! are `domain::rules`, run by each backend inside its own transaction.

mod copy;
mod error;
mod location;
mod postgres;
pub(crate) mod regions;
pub(crate) mod row;
pub mod search_fields;
mod seed;
mod sources;
mod sqlite;

pub use crate::domain::rules::{Cancelled, Change, Refusal, Registered, Undone, WhenFull};
pub use copy::Copied;
pub use error::{Forbidden, RegistrationError, StoreError};
pub use location::Location;
pub use regions::{Kreis, Land, Place, RegionDirectory};
pub use seed::sample_records;
pub use sources::{FetchState, Provenance, Removed, Seen, SourceBatch};
pub use sqlite::LATEST_VERSION as SCHEMA_VERSION;

use std::path::Path;

use chrono::NaiveDateTime;

use crate::domain::registration::Booking;
use crate::domain::rules;
use crate::domain::{
    Applicant, Kind, LongText, Occupancy, Offering, Participants, Profile, Record, Registration, SeatCounts, Seats,
    Team,
};
use crate::search::{self, SearchIndex};
use crate::sources::model::{NewSource, SourceRow, SyncCounts};

use self::postgres::PgStore;
use self::sqlite::SqliteStore;

/// How registration times are stored, the same in both backends.
pub(crate) const TIMESTAMP: &str = "%Y-%m-%dT%H:%M:%S";

pub(crate) fn stamp(now: NaiveDateTime) -> String {
    now.format(TIMESTAMP).to_string()
}

pub struct Store {
    engine: Engine,
}

enum Engine {
    Sqlite(SqliteStore),
    Postgres(Box<PgStore>),
}

/// Runs the same expression on whichever backend the store has.
macro_rules! on_engine {
    ($engine:expr, $backend:ident => $body:expr) => {
        match $engine {
            Engine::Sqlite($backend) => $body,
            Engine::Postgres($backend) => $body,
        }
    };
}

/// What an import did, or in a dry run would do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
}

impl ImportCounts {
    /// Counts `record` against the stored one of its key; whether it must be written.
    pub(crate) fn tally(&mut self, stored: Option<&Record>, record: &Record) -> bool {
        match stored {
            None => self.new += 1,
            Some(stored) if stored == record => {
                self.unchanged += 1;
                return false;
            }
            Some(_) => self.changed += 1,
        }
        true
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    Write,
    DryRun,
}

/// What a tab's usual order needs of one offering, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingRow {
    pub key: String,
    pub kind: Kind,
    /// The title in lower case, as the tabs sort it.
    pub sort_title: String,
    /// The earliest instant of its start.
    pub starts_at: Option<NaiveDateTime>,
    /// The last instant of its end.
    pub ends_at: Option<NaiveDateTime>,
}

/// Whose registrations to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    All,
    /// The user's own: on SQLite the profile's, on PostgreSQL the login's.
    /// They stay one's own when the profile's address changes.
    Own,
}

/// What a watcher saw change in the store, committed by anyone. Offerings
/// themselves change rarely (an import, a sync) and mean reading those
/// offerings again (all of them, where the store does not say which);
/// registrations and interests change all day and mean only the places and
/// the team of the offerings they belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Registrations or interests of these offerings.
    Registrations(Vec<String>),
    /// These offerings: new, changed or removed.
    Offerings(Vec<String>),
    /// Registrations or interests; the store does not say of which offerings (SQLite).
    SomeRegistrations,
    /// Anything, offerings included; the store does not say what (SQLite
    /// when its log of changed offerings no longer reaches back far enough,
    /// or a server after a lost connection).
    Unknown,
}

impl Changed {
    pub fn touches(&self, key: &str) -> bool {
        match self {
            Changed::Registrations(keys) | Changed::Offerings(keys) => keys.iter().any(|changed| changed == key),
            Changed::SomeRegistrations | Changed::Unknown => true,
        }
    }

    /// Whether offerings may have come, changed or gone: the lists change.
    pub fn offerings_changed(&self) -> bool {
        matches!(self, Changed::Offerings(_) | Changed::Unknown)
    }
}

/// Starts a thread that tells `notify` what others change in the store at
/// `location`, within 2 s of their commit, until `notify` returns false. On
/// a server it listens for the triggers' notifications and reconnects
/// after a restart; on a file it polls SQLite's data version.
pub fn watch(location: &Path, notify: impl FnMut(Changed) -> bool + Send + 'static) -> Result<(), StoreError> {
    match Location::parse(location) {
        Location::File(path) => {
            let watcher = sqlite::watch::start(SqliteStore::open(&path)?);
            std::thread::spawn(move || sqlite::watch::watch(watcher, notify));
            Ok(())
        }
        Location::Postgres(conninfo) => PgStore::watch(&conninfo, notify),
    }
}

/// Offerings, their row ids and their folded search fields, index for index.
pub struct Searchable {
    pub rowids: Vec<i64>,
    pub offerings: Vec<Offering>,
    pub index: SearchIndex,
}

impl Store {
    /// Opens the store `location` names: a SQLite file (created, migrated and
    /// seeded as needed; read-only where the user may not write it) or a
    /// PostgreSQL URL or connection string.
    pub fn open(location: &Path) -> Result<Store, StoreError> {
        match Location::parse(location) {
            Location::File(path) => Ok(Store { engine: Engine::Sqlite(SqliteStore::open(&path)?) }),
            Location::Postgres(conninfo) => Ok(Store { engine: Engine::Postgres(Box::new(PgStore::open(&conninfo)?)) }),
        }
    }

    /// Opens an existing, up-to-date SQLite file for reading only.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        Ok(Store { engine: Engine::Sqlite(SqliteStore::open_read_only(path)?) })
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        Ok(Store { engine: Engine::Sqlite(SqliteStore::open_in_memory()?) })
    }

    /// Brings the schema of the store at `location` up to date, and says
    /// from which version to which.
    pub fn migrate(location: &Path) -> Result<(i64, i64), StoreError> {
        match Location::parse(location) {
            Location::File(path) => SqliteStore::migrate_file(&path),
            Location::Postgres(conninfo) => PgStore::migrate(&conninfo),
        }
    }

    /// Whether the connection to the server is known to be gone: the last
    /// call failed for it. Asks nobody; a file is never lost.
    pub fn connection_lost(&self) -> bool {
        match &self.engine {
            Engine::Sqlite(_) => false,
            Engine::Postgres(store) => store.connection_lost(),
        }
    }

    /// Reaches the server once more, connecting again if need be.
    pub fn check_connection(&self) -> Result<(), StoreError> {
        match &self.engine {
            Engine::Sqlite(_) => Ok(()),
            Engine::Postgres(store) => store.check_connection(),
        }
    }

    /// Whether the server `location` names answers, on a connection of its
    /// own made for the question (a file always answers).
    pub fn probe(location: &Path) -> Result<(), StoreError> {
        match Location::parse(location) {
            Location::File(_) => Ok(()),
            Location::Postgres(conninfo) => PgStore::probe(&conninfo),
        }
    }

    /// Whether this store was opened for reading only, because the user may
    /// not write its file or directory. Every write then fails.
    pub fn is_read_only(&self) -> bool {
        match &self.engine {
            Engine::Sqlite(store) => store.is_read_only(),
            Engine::Postgres(_) => false,
        }
    }

    /// Whether this user may write offerings: import, sync sources. On a
    /// server only organisers and admins may; a file needs only to be writable.
    pub fn may_import(&self) -> Result<bool, StoreError> {
        match &self.engine {
            Engine::Sqlite(store) => Ok(!store.is_read_only()),
            Engine::Postgres(store) => store.may_import(),
        }
    }

    /// The error a write command reports on a read-only store, before it
    /// starts: names the file and says what to do.
    pub fn require_writable(&self) -> Result<(), StoreError> {
        match &self.engine {
            Engine::Sqlite(store) => store.require_writable(),
            Engine::Postgres(_) => Ok(()),
        }
    }

    /// Whether the store lives on a PostgreSQL server.
    pub fn is_shared(&self) -> bool {
        matches!(self.engine, Engine::Postgres(_))
    }

    pub fn regions(&self) -> Result<RegionDirectory, StoreError> {
        on_engine!(&self.engine, store => store.regions())
    }

    /// The Kreis a place name belongs to, when the name is unambiguous.
    pub fn kreis_of_place(&self, place: &str) -> Result<Option<String>, StoreError> {
        on_engine!(&self.engine, store => store.kreis_of_place(place))
    }

    /// The Kreis a postcode belongs to, when it lies in just one.
    pub fn kreis_of_postcode(&self, postcode: &str) -> Result<Option<String>, StoreError> {
        on_engine!(&self.engine, store => store.kreis_of_postcode(postcode))
    }

    /// Inserts or updates records in one transaction: all or nothing.
    pub fn put_records(&mut self, records: &[Record]) -> Result<usize, StoreError> {
        on_engine!(&mut self.engine, store => store.put_records(records))
    }

    /// Removes every offering whose source was published by `publisher`,
    /// except those someone registered for: a registration is never lost.
    pub fn delete_by_publisher(&mut self, publisher: &str) -> Result<usize, StoreError> {
        on_engine!(&mut self.engine, store => store.delete_by_publisher(publisher))
    }

    /// Every offering without its long texts, in no particular order.
    pub fn offerings(&self) -> Result<Vec<Offering>, StoreError> {
        on_engine!(&self.engine, store => store.offerings())
    }

    pub fn offering(&self, key: &str) -> Result<Option<Offering>, StoreError> {
        on_engine!(&self.engine, store => store.offering(key))
    }

    /// The offering's title for messages about it; the key itself when it is not (or no longer) stored.
    pub fn title_or_key(&self, key: &str) -> Result<String, StoreError> {
        Ok(self.offering(key)?.map_or_else(|| key.to_owned(), |offering| offering.title))
    }

    pub fn long_text(&self, key: &str) -> Result<Option<LongText>, StoreError> {
        on_engine!(&self.engine, store => store.long_text(key))
    }

    /// Every shipped place with its postcode and Kreis, for finding a Kreis
    /// by a town's name or postcode.
    pub fn places(&self) -> Result<Vec<Place>, StoreError> {
        on_engine!(&self.engine, store => store.places())
    }

    /// The user's home place, as typed; resolving it is the gazetteer's job.
    pub fn home_place(&self) -> Result<Option<String>, StoreError> {
        on_engine!(&self.engine, store => store.home_place())
    }

    /// Sets the home place, or forgets it with `None`.
    pub fn set_home_place(&mut self, place: Option<&str>) -> Result<(), StoreError> {
        on_engine!(&mut self.engine, store => store.set_home_place(place))
    }

    /// Every offering's key, kind, title and stored start and end: what a
    /// tab's usual order needs, read without the offerings themselves.
    pub fn listing(&self) -> Result<Vec<ListingRow>, StoreError> {
        on_engine!(&self.engine, store => store.listing())
    }

    /// The offerings with these keys, in no particular order.
    pub fn offerings_by_keys(&self, keys: &[String]) -> Result<Vec<Offering>, StoreError> {
        let mut found = Vec::with_capacity(keys.len());
        for key in keys {
            found.extend(self.offering(key)?);
        }
        Ok(found)
    }

    pub fn count_offerings(&self) -> Result<u64, StoreError> {
        on_engine!(&self.engine, store => store.count_offerings())
    }

    /// Every record with its long texts, ordered by key; of one kind if asked.
    pub fn records(&self, kind: Option<Kind>) -> Result<Vec<Record>, StoreError> {
        on_engine!(&self.engine, store => store.records(kind))
    }

    /// Compares each record with the stored one of the same key, and writes
    /// the new and the changed ones in one transaction: all of them or, on
    /// any failure (or a killed process), none. Never deletes anything.
    /// `progress` hears how many records are done.
    pub fn import_records(
        &mut self,
        records: &[Record],
        mode: ImportMode,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportCounts, StoreError> {
        on_engine!(&mut self.engine, store => store.import_records(records, mode, progress))
    }

    /// Every offering without its long texts, with its row id (the key of the
    /// keyword index) and its stored, already folded search fields: all the
    /// dashboard loads, read in one snapshot and aligned by row id.
    pub fn searchable_offerings(&self) -> Result<Searchable, StoreError> {
        on_engine!(&self.engine, store => store.searchable_offerings())
    }

    /// The offerings with these keys as `searchable_offerings` reads them,
    /// in row id order, in one snapshot; keys no longer stored (removed
    /// offerings) are absent. What a live refresh reads instead of everything.
    pub fn searchable_offerings_by_keys(&self, keys: &[String]) -> Result<Searchable, StoreError> {
        on_engine!(&self.engine, store => store.searchable_offerings_by_keys(keys))
    }

    /// The folded short fields of every offering with its row id: all a
    /// search needs, without the long texts.
    pub fn search_index(&self) -> Result<(Vec<i64>, SearchIndex), StoreError> {
        on_engine!(&self.engine, store => store.search_index())
    }

    pub fn offering_by_rowid(&self, rowid: i64) -> Result<Option<Offering>, StoreError> {
        on_engine!(&self.engine, store => store.offering_by_rowid(rowid))
    }

    /// Row ids of the offerings whose summary or description has a word
    /// starting with every part of `folded_word` (already folded), in
    /// ascending order. `None` when no part is long enough (three letters)
    /// to be worth looking up.
    pub fn keyword_rowids(&self, folded_word: &str) -> Result<Option<Vec<i64>>, StoreError> {
        let mut found: Option<Vec<i64>> = None;
        for part in search::keyword_parts(folded_word) {
            let mut hits = self.keyword_prefix_rowids(part)?;
            hits.sort_unstable();
            found = Some(match found {
                None => hits,
                Some(so_far) => so_far.into_iter().filter(|rowid| hits.binary_search(rowid).is_ok()).collect(),
            });
        }
        Ok(found)
    }

    /// Row ids of the offerings whose long texts have a word starting with
    /// `part` (one word, folded).
    pub fn keyword_prefix_rowids(&self, part: &str) -> Result<Vec<i64>, StoreError> {
        on_engine!(&self.engine, store => store.keyword_prefix_rowids(part))
    }

    /// Row ids of the offerings whose long texts have the word `term`.
    pub fn keyword_term_rowids(&self, term: &str) -> Result<Vec<i64>, StoreError> {
        on_engine!(&self.engine, store => store.keyword_term_rowids(term))
    }

    /// The words in the keyword index that begin with `part`.
    pub fn keyword_terms(&self, part: &str) -> Result<Vec<String>, StoreError> {
        on_engine!(&self.engine, store => store.keyword_terms(part))
    }

    pub fn profile(&self) -> Result<Option<Profile>, StoreError> {
        on_engine!(&self.engine, store => store.profile())
    }

    pub fn save_profile(&mut self, profile: &Profile) -> Result<(), StoreError> {
        on_engine!(&mut self.engine, store => store.save_profile(profile))
    }

    /// Deletes the profile, the user's own registrations (freed places go to
    /// the waitlist), their marked interests and their home place. Returns
    /// how many registrations were deleted.
    pub fn forget_profile(&mut self, now: NaiveDateTime) -> Result<usize, RegistrationError> {
        on_engine!(&mut self.engine, store => store.forget_profile(now))
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
        on_engine!(&mut self.engine, store => store.write(|ledger| rules::register(ledger, key, applicant, when_full, now)))
    }

    /// Cancels the active registration of `email` for `key`; a freed place
    /// goes to the first person on the waitlist.
    pub fn cancel(
        &mut self,
        key: &str,
        email: &str,
        now: NaiveDateTime,
    ) -> Result<(Cancelled, Change), RegistrationError> {
        on_engine!(&mut self.engine, store => store.write(|ledger| rules::cancel(ledger, key, email, now)))
    }

    /// Replaces the note of the active registration of `email` for `key`.
    pub fn set_note(
        &mut self,
        key: &str,
        email: &str,
        note: &str,
        now: NaiveDateTime,
    ) -> Result<(), RegistrationError> {
        on_engine!(&mut self.engine, store => store.write(|ledger| rules::set_note(ledger, key, email, note, now)))
    }

    /// Marks or unmarks interest in an offering; returns whether it is now marked.
    pub fn toggle_interest(&mut self, key: &str, now: NaiveDateTime) -> Result<(bool, Change), RegistrationError> {
        on_engine!(&mut self.engine, store => store.write(|ledger| rules::toggle_interest(ledger, key, now)))
    }

    /// Takes back one change of this session, if nothing since has built on it.
    pub fn undo(&mut self, change: &Change, now: NaiveDateTime) -> Result<Undone, RegistrationError> {
        on_engine!(&mut self.engine, store => store.write(|ledger| rules::undo(ledger, change, now)))
    }

    /// Active (registered or waitlisted) registrations, oldest first: all,
    /// or the user's own.
    pub fn registrations(&self, whose: Whose) -> Result<Vec<Registration>, StoreError> {
        on_engine!(&self.engine, store => store.registrations(whose))
    }

    /// Active registrations with their offerings, soonest first.
    pub fn bookings(&self, whose: Whose) -> Result<Vec<Booking>, StoreError> {
        self.with_offerings(self.registrations(whose)?)
    }

    /// Cancelled registrations with their offerings, soonest first: a
    /// calendar that imported them learns to remove them.
    pub fn cancelled_bookings(&self, whose: Whose) -> Result<Vec<Booking>, StoreError> {
        self.with_offerings(on_engine!(&self.engine, store => store.cancelled_registrations(whose))?)
    }

    /// Registered and waitlisted people per offering, in one query for the
    /// whole list; offerings nobody registered for are absent.
    pub fn seat_counts(&self) -> Result<SeatCounts, StoreError> {
        on_engine!(&self.engine, store => store.seat_counts())
    }

    fn with_offerings(&self, registrations: Vec<Registration>) -> Result<Vec<Booking>, StoreError> {
        let mut bookings = Vec::new();
        for registration in registrations {
            let Some(offering) = self.offering(&registration.offering_key)? else { continue };
            let summary = self.long_text(&offering.key)?.map(|text| text.summary).unwrap_or_default();
            bookings.push(Booking { registration, offering, summary });
        }
        bookings.sort_by_key(|booking| {
            (booking.offering.starts().map(|starts| starts.earliest()), booking.registration.id)
        });
        Ok(bookings)
    }

    pub fn registration(&self, key: &str, email: &str) -> Result<Option<Registration>, StoreError> {
        on_engine!(&self.engine, store => store.registration(key, email))
    }

    /// Keys of the offerings marked with interest, with when.
    pub fn interests(&self) -> Result<Vec<(String, NaiveDateTime)>, StoreError> {
        on_engine!(&self.engine, store => store.interests())
    }

    pub fn seats(&self, key: &str) -> Result<Seats, StoreError> {
        on_engine!(&self.engine, store => store.seats(key))
    }

    /// Who of the team registered for or marked interest in `key`: counts
    /// of everyone, names where the viewer may see them.
    pub fn team(&self, key: &str) -> Result<Team, StoreError> {
        on_engine!(&self.engine, store => store.team(key))
    }

    /// The offering's places and what the team did about it.
    pub fn occupancy(&self, key: &str) -> Result<Occupancy, StoreError> {
        Ok(Occupancy { seats: self.seats(key)?, team: self.team(key)? })
    }

    /// Everyone registered for `key`, for its organisers and admins; on
    /// SQLite for its one user. Others are refused with `NotOrganiser`.
    pub fn participants(&self, key: &str) -> Result<Participants, StoreError> {
        on_engine!(&self.engine, store => store.participants(key))
    }

    pub fn add_source(&mut self, source: &NewSource, now: NaiveDateTime) -> Result<i64, StoreError> {
        on_engine!(&mut self.engine, store => store.add_source(source, now))
    }

    /// Every source, by name.
    pub fn sources(&self) -> Result<Vec<SourceRow>, StoreError> {
        on_engine!(&self.engine, store => store.sources())
    }

    /// The source of that name, compared without regard to case.
    pub fn source_named(&self, name: &str) -> Result<Option<SourceRow>, StoreError> {
        on_engine!(&self.engine, store => store.source_named(name))
    }

    /// Removes a source. Its offerings stay unless `with_offerings`; those
    /// with registrations always stay.
    pub fn remove_source(&mut self, id: i64, with_offerings: bool) -> Result<Removed, StoreError> {
        on_engine!(&mut self.engine, store => store.remove_source(id, with_offerings))
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
        on_engine!(&mut self.engine, store => store.apply_source_sync(source_id, batch, state))
    }

    /// Saves the fetch state of a sync that wrote nothing: a 304 or a failure.
    pub fn save_source_state(&mut self, source_id: i64, state: &FetchState) -> Result<(), StoreError> {
        on_engine!(&mut self.engine, store => store.save_source_state(source_id, state))
    }

    /// Where each offering from a source came from, by offering key.
    pub fn provenance(&self) -> Result<std::collections::HashMap<String, Provenance>, StoreError> {
        on_engine!(&self.engine, store => store.provenance())
    }

    /// Clears the "neu"/"geändert" mark of an offering the user has looked at.
    pub fn mark_seen(&mut self, key: &str) -> Result<(), StoreError> {
        on_engine!(&mut self.engine, store => store.mark_seen(key))
    }
}
