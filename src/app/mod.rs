//! The dashboard's state and the pure logic that changes it. No I/O here:
//! `update` returns the effects it wants and a runner performs them.

mod action;
mod keymap;
mod order;
mod state;
mod update;

pub use action::{Action, Effect, MouseInput};
pub use keymap::{Chord, Command, KeyOverrides, Keymap, Mode};
pub use state::{App, DetailText, Popup, Screen, TabState, Theme};
pub use update::update;
