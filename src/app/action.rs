use crate::domain::LongText;
use crate::search::{Hit, Query};

use super::keymap::Command;
use super::state::Catalogue;

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
    Search { generation: u64, query: Query },
}
