use std::cmp::Ordering;

use chrono::NaiveDateTime;

use crate::domain::{Kind, Offering};

/// What a tab's usual order reads of an offering, so that it can also be
/// taken from a few stored columns before the offerings themselves are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderKey {
    pub title: String,
    /// The earliest instant of its start.
    pub starts: Option<NaiveDateTime>,
    /// The last instant it covers (of its end, else of its start): past after that.
    pub last: Option<NaiveDateTime>,
}

impl OrderKey {
    pub fn of(offering: &Offering) -> OrderKey {
        OrderKey {
            title: offering.title.to_lowercase(),
            starts: offering.starts().map(|moment| moment.earliest()),
            last: offering.ends().or_else(|| offering.starts()).map(|moment| moment.latest()),
        }
    }

    fn is_over(&self, now: NaiveDateTime) -> bool {
        self.last.is_some_and(|last| last < now)
    }
}

/// Row order for a tab: events and roundtables upcoming first (soonest on
/// top), then past ones newest first; projects newest start first; best
/// practices by title.
pub fn compare(kind: Kind, a: &OrderKey, b: &OrderKey, now: NaiveDateTime) -> Ordering {
    let by_title = || a.title.cmp(&b.title);
    match kind {
        Kind::Event | Kind::Roundtable => {
            let (a_past, b_past) = (a.is_over(now), b.is_over(now));
            a_past
                .cmp(&b_past)
                .then_with(|| if a_past { b.starts.cmp(&a.starts) } else { a.starts.cmp(&b.starts) })
                .then_with(by_title)
        }
        // Projects without a known start go last, not first.
        Kind::Project => b.starts.is_some().cmp(&a.starts.is_some()).then(b.starts.cmp(&a.starts)).then_with(by_title),
        Kind::Practice => by_title(),
    }
}

/// The positions of `keys` in their usual order (all of one kind); with
/// `first`, only that many, found without sorting the rest.
pub fn usual_order(kind: Kind, keys: &[OrderKey], now: NaiveDateTime, first: Option<usize>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    let by_key = |a: &usize, b: &usize| compare(kind, &keys[*a], &keys[*b], now).then(a.cmp(b));
    if let Some(first) = first
        && first < order.len()
    {
        order.select_nth_unstable_by(first, by_key);
        order.truncate(first);
    }
    order.sort_unstable_by(by_key);
    order
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn moment(day: u32, hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2020, 10, day).unwrap().and_hms_opt(hour, 0, 0).unwrap()
    }

    proptest! {
        /// The first rows found by selection against the whole list sorted.
        #[test]
        fn the_first_rows_are_those_of_the_whole_order(
            keys in prop::collection::vec(
                ("[ab]{0,2}", prop::option::of((1u32..20, 0u32..24)), prop::option::of((1u32..20, 0u32..24))),
                0..40,
            ),
            kind in 0usize..4,
            first in 0usize..45,
        ) {
            let keys: Vec<OrderKey> = keys
                .into_iter()
                .map(|(title, starts, last)| OrderKey {
                    title,
                    starts: starts.map(|(day, hour)| moment(day, hour)),
                    last: last.map(|(day, hour)| moment(day, hour)),
                })
                .collect();
            let kind = Kind::ALL[kind];
            let now = moment(10, 12);
            let whole = usual_order(kind, &keys, now, None);
            let mut sorted: Vec<usize> = (0..keys.len()).collect();
            sorted.sort_by(|a, b| compare(kind, &keys[*a], &keys[*b], now));
            prop_assert_eq!(&whole, &sorted, "a stable sort ties by position as the selection does");
            prop_assert_eq!(usual_order(kind, &keys, now, Some(first)), whole[..first.min(keys.len())].to_vec());
        }
    }
}
