//! The dashboard's state and the pure logic that changes it. No I/O here:
//! `update` returns the effects it wants and a runner performs them.

mod action;
pub mod availability;
pub mod connection;
pub mod form;
mod keymap;
pub mod near;
mod order;
pub use order::{OrderKey, usual_order};
pub mod personal;
pub mod picker;
pub mod plan;
mod rows;
pub mod session;
pub mod sort;
pub mod sources;
mod state;
mod update;

pub use action::{Action, Effect, MouseInput};
pub use keymap::{Chord, Command, Conflict, KeyOverrides, Keymap, Mode, config_name};
pub use state::{
    App, Catalogue, DetailText, Filters, OfferingsChange, Personal, Popup, Screen, SearchState, StatusMessage,
    TAB_KINDS, TabKind, TabState, Theme, Tone,
};
pub use update::update;
