//! Files lotse writes for other programs: calendars and spreadsheets.

pub mod calendar;
pub mod travel_csv;

use crate::domain::{Details, Offering};
use crate::sanitize::for_terminal;

/// Where an offering happens, in one line: venue and place, or online.
pub fn location(offering: &Offering) -> String {
    let (venue, online) = match &offering.details {
        Details::Event(event) => (event.venue.as_deref(), event.online),
        Details::Roundtable(roundtable) => (None, roundtable.online),
        Details::Project(_) | Details::Practice(_) => (None, false),
    };
    let mut parts: Vec<String> = Vec::new();
    if online {
        parts.push("Online".to_owned());
    }
    parts.extend(venue.map(for_terminal));
    if let Some(place) = &offering.place
        && !venue.is_some_and(|venue| venue.contains(place.as_str()))
    {
        parts.push(for_terminal(place));
    }
    parts.join(", ")
}
