//! Calendar sources: the file import's iCalendar reader, with repeating
//! events expanded from 30 days back to a year ahead.

use crate::exchange::Problem;
use crate::exchange::ics::{Window, read_calendar};

use super::model::ItemStatus;
use super::{Context, Found};

pub fn read(text: &str, context: &Context) -> Result<(Vec<Found>, Vec<Problem>), Problem> {
    let read = read_calendar(text, context.name, context.places, Some(Window::around(context.now)));
    if let Some(problem) = read.broken.into_iter().next() {
        return Err(problem);
    }
    let found = read
        .events
        .into_iter()
        .map(|event| Found {
            status: if event.cancelled { ItemStatus::Cancelled } else { ItemStatus::Active },
            incoming: event.incoming,
        })
        .collect();
    Ok((found, read.refused.into_iter().flatten().collect()))
}
