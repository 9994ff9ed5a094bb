use crate::domain::LongText;

use super::keymap::Command;

/// What can happen to the app: user commands and input on one side,
/// results of effects on the other.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    User(Command),
    Mouse(MouseInput),
    Resize { width: u16, height: u16 },
    LongTextLoaded { key: String, text: Result<LongText, String> },
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
}
