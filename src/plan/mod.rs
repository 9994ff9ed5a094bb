//! Planning ahead: calendar weeks and month grids, the agenda of coming
//! dates and deadlines. Pure functions of offerings and a date.

pub mod agenda;
pub mod text;
pub mod weeks;

pub use agenda::{DEADLINE_WARNING_DAYS, Entry, Reach, What, deadline_soon, entries, within};
