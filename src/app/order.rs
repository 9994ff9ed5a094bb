use std::cmp::Ordering;

use chrono::NaiveDateTime;

use crate::domain::{Kind, Offering};

/// Row order for a tab: events and roundtables upcoming first (soonest on
/// top), then past ones newest first; projects newest start first; best
/// practices by title.
pub fn compare(kind: Kind, a: &Offering, b: &Offering, now: NaiveDateTime) -> Ordering {
    let by_title = || a.title.to_lowercase().cmp(&b.title.to_lowercase());
    match kind {
        Kind::Event | Kind::Roundtable => {
            let (a_past, b_past) = (a.is_over(now), b.is_over(now));
            let a_start = a.starts().map(|moment| moment.earliest());
            let b_start = b.starts().map(|moment| moment.earliest());
            a_past
                .cmp(&b_past)
                .then_with(|| if a_past { b_start.cmp(&a_start) } else { a_start.cmp(&b_start) })
                .then_with(by_title)
        }
        Kind::Project => {
            let a_start = a.starts().map(|moment| moment.earliest());
            let b_start = b.starts().map(|moment| moment.earliest());
            // Projects without a known start go last, not first.
            b_start.is_some().cmp(&a_start.is_some()).then(b_start.cmp(&a_start)).then_with(by_title)
        }
        Kind::Practice => by_title(),
    }
}
