use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::domain::{Applicant, LongText, Profile, Registration, SeatCounts, Seats};
use crate::search::{Hit, Query};
use crate::store::{Cancelled, Change, Registered, Undone};

use super::keymap::Command;
use super::state::{Catalogue, Personal};

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
    LongTextLoaded {
        key: String,
        text: Result<LongText, String>,
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
    PersonalLoaded(Result<Personal, String>),
    SeatsLoaded(Result<SeatCounts, String>),
    /// Where the calendar went; `None` when there was nothing to put in it.
    Exported(Result<Option<PathBuf>, String>),
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
}
