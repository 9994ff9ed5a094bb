use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::domain::{Applicant, LongText, Occupancy, Profile, Registration, Seats};
use crate::search::{Hit, Query};
use crate::store::{Cancelled, Change, Changed, Registered, Undone};

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
    Exported(Result<PathBuf, String>),
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
    LoadLongText { key: String },
    LoadOccupancy { key: String },
    Search { generation: u64, query: Query },
    PrepareRegistration { key: String, email: String },
    SaveProfile { profile: Profile, then_register: Option<String> },
    Register { key: String, applicant: Applicant, now: NaiveDateTime },
    Cancel { key: String, email: String, now: NaiveDateTime },
    ToggleInterest { key: String, now: NaiveDateTime },
    Undo { change: Change, now: NaiveDateTime },
    LoadPersonal,
    ExportCalendar { now: NaiveDateTime },
}
