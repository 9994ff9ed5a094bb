//! `s`: the list's sort order besides the tab's usual one (and the
//! search ranking while searching).

use std::cmp::Ordering;

use super::near::distance_km;
use super::state::App;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Date,
    Title,
    Deadline,
    Distance,
}

/// The next order: without a search the usual order is by date already,
/// while searching the ranking ("Relevanz") comes first and date is a choice.
pub fn next(current: Option<Sort>, searching: bool) -> Option<Sort> {
    match current {
        None if searching => Some(Sort::Date),
        None | Some(Sort::Date) => Some(Sort::Title),
        Some(Sort::Title) => Some(Sort::Deadline),
        Some(Sort::Deadline) => Some(Sort::Distance),
        Some(Sort::Distance) => None,
    }
}

pub fn label(sort: Option<Sort>, searching: bool, app: &App) -> &'static str {
    let strings = app.lang.strings().plan;
    match sort {
        None if searching => strings.sort_relevance,
        None | Some(Sort::Date) => strings.sort_date,
        Some(Sort::Title) => strings.sort_title,
        Some(Sort::Deadline) => strings.sort_deadline,
        Some(Sort::Distance) => strings.sort_distance,
    }
}

/// Values first, in ascending order; offerings without one keep their
/// order at the end.
fn known_first<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Reorders a tab's rows; a stable sort, so equals stay in the order they came.
pub fn apply(app: &App, sort: Sort, rows: &mut [usize]) {
    let offerings = &app.offerings;
    match sort {
        Sort::Date => rows.sort_by(|&a, &b| {
            known_first(offerings[a].starts().map(|m| m.earliest()), offerings[b].starts().map(|m| m.earliest()))
        }),
        Sort::Title => rows.sort_by_cached_key(|&index| offerings[index].title.to_lowercase()),
        Sort::Deadline => rows.sort_by(|&a, &b| {
            let deadline = |index: usize| offerings[index].registration_deadline().map(|m| m.latest());
            known_first(deadline(a), deadline(b))
        }),
        Sort::Distance => rows.sort_by(|&a, &b| known_first(distance_km(app, a), distance_km(app, b))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cycle_offers_relevance_only_while_searching() {
        let mut seen = vec![None];
        let mut order = next(None, false);
        while order.is_some() {
            seen.push(order);
            order = next(order, false);
        }
        assert_eq!(seen, vec![None, Some(Sort::Title), Some(Sort::Deadline), Some(Sort::Distance)]);
        assert_eq!(next(None, true), Some(Sort::Date), "relevance, then date");
        assert_eq!(next(Some(Sort::Distance), true), None, "back to relevance");
    }

    #[test]
    fn unknown_values_go_last() {
        assert_eq!(known_first(Some(1), None), Ordering::Less);
        assert_eq!(known_first::<i32>(None, None), Ordering::Equal);
        assert_eq!(known_first(Some(2.5), Some(1.0)), Ordering::Greater);
    }
}
