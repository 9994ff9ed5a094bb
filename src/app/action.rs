use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::domain::{Applicant, LongText, Occupancy, Profile, Registration, SeatCounts, Seats};
use crate::search::{Hit, Query};
use crate::store::{Cancelled, Change, Changed, Registered, Undone};

use super::keymap::Command;
use super::sources::{SourcesView, SyncReport};
use super::state::{Catalogue, OfferingsChange, Personal};

/// What can happen to the app: user commands and input on one side,
/// results of effects on the other.
#[derive(Debug, Clone)]
pub enum Action {
    User(Command),
    /// A printable character typed into the search line or the region picker.
    Type(char),
    Mouse(MouseInput),
    Resize {
        width: u16,
        height: u16,
    },
    CatalogueLoaded(Box<Catalogue>),
    /// Offerings changed elsewhere, read again without the rest.
    OfferingsChanged(Box<OfferingsChange>),
    LongTextLoaded {
        key: String,
        text: Result<LongText, String>,
    },
    OccupancyLoaded {
        key: String,
        occupancy: Result<Occupancy, String>,
    },
    SearchDone {
        generation: u64,
        hits: Result<Vec<Hit>, String>,
    },
    /// The store's view of one offering before its form opens.
    RegistrationPrepared {
        key: String,
        existing: Option<Registration>,
        seats: Seats,
    },
    ProfileSaved {
        profile: Result<Profile, String>,
        home_place: Option<String>,
        then_register: Option<String>,
    },
    /// Failures come as the sentence to show the user.
    RegisterDone {
        key: String,
        result: Result<(Registered, Change), String>,
    },
    CancelDone {
        key: String,
        result: Result<(Cancelled, Change), String>,
    },
    InterestDone {
        key: String,
        result: Result<(bool, Change), String>,
    },
    UndoDone(Result<Undone, String>),
    /// Someone (in this dashboard or another) changed the store.
    StoreChanged(Changed),
    PersonalLoaded(Result<Personal, String>),
    SeatsLoaded(Result<SeatCounts, String>),
    /// The registration's new note, or why it was not saved.
    NoteSaved {
        key: String,
        result: Result<String, String>,
    },
    /// The link opened, or why not.
    LinkOpened(Result<String, String>),
    /// The text handed to the terminal's clipboard, or why not.
    Copied(Result<String, String>),
    /// Where the calendar went; `None` when there was nothing to put in it.
    Exported(Result<Option<PathBuf>, String>),
    /// The dashboard starts: load what is known about sources, and sync
    /// those older than `interval` (None: never at start).
    StartSources {
        interval: Option<chrono::TimeDelta>,
    },
    SourcesLoaded(Result<SourcesView, String>),
    /// A background sync started fetching this source.
    SyncProgress {
        name: String,
    },
    SyncFinished(Result<SyncReport, String>),
    /// A second has passed: a lost connection counts down to its next try.
    Tick,
    /// The store found its server gone.
    ConnectionLost,
    /// Whether the server answered a try; failures as the sentence to show.
    ConnectionChecked(Result<(), String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseInput {
    Click { column: u16, row: u16 },
    ScrollDown { column: u16, row: u16 },
    ScrollUp { column: u16, row: u16 },
}

/// Work `update` asks the runner to do outside the pure state logic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadLongText {
        key: String,
    },
    LoadOccupancy {
        key: String,
    },
    Search {
        generation: u64,
        query: Query,
    },
    PrepareRegistration {
        key: String,
        email: String,
    },
    SaveProfile {
        profile: Profile,
        home_place: Option<String>,
        then_register: Option<String>,
    },
    Register {
        key: String,
        applicant: Applicant,
        now: NaiveDateTime,
    },
    Cancel {
        key: String,
        email: String,
        now: NaiveDateTime,
    },
    ToggleInterest {
        key: String,
        now: NaiveDateTime,
    },
    Undo {
        change: Change,
        now: NaiveDateTime,
    },
    LoadPersonal,
    /// Everyone's registrations per offering, after one of them changed.
    LoadSeats,
    ExportCalendar {
        now: NaiveDateTime,
    },
    LoadSources,
    /// Fetch every source in the background; progress and result come back as actions.
    SyncSources {
        now: NaiveDateTime,
    },
    MarkSeen {
        key: String,
    },
    /// Read the offerings again, after a sync changed them.
    ReloadCatalogue,
    /// Read again only the offerings with these keys, which others wrote or removed.
    RefreshOfferings {
        keys: Vec<String>,
    },
    OpenLink {
        url: String,
    },
    SaveNote {
        key: String,
        email: String,
        note: String,
        now: NaiveDateTime,
    },
    /// To the system clipboard, through the terminal.
    Copy {
        text: String,
    },
    /// Try whether the lost server answers again.
    CheckConnection,
}
