//! What happens in the coming days: events, roundtables, registration
//! deadlines and project ends, day by day, with the user's own
//! registrations that overlap flagged. Shared by `lotse termine`,
//! `lotse fristen` and the dashboard's calendar and agenda.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::Serialize;

use crate::domain::{Details, Offering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    Event,
    Roundtable,
    Deadline,
    ProjectEnd,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub day: NaiveDate,
    /// The last day an event or roundtable takes; `day` for one that
    /// takes a single day, a deadline or a project end.
    pub last_day: NaiveDate,
    pub time: Option<NaiveTime>,
    pub what: What,
    /// Index into the offerings the agenda was built from.
    pub offering: usize,
    /// The user is registered (or on the waitlist).
    pub mine: bool,
    /// Other own registrations at the same time, as offering indices.
    pub overlaps: Vec<usize>,
}

/// A registration window closing within this many days is called out.
pub const DEADLINE_WARNING_DAYS: i64 = 7;

/// Sources rarely say when a talk ends; an hour is what a WebTalk or a
/// roundtable session takes.
const ASSUMED_LENGTH: TimeDelta = TimeDelta::hours(1);

/// The days `days` long from `from`, `from` included.
pub fn window(from: NaiveDate, days: u32) -> std::ops::Range<NaiveDate> {
    from..from.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX)
}

/// When an offering occupies the user: from its start to its end, a bare
/// date the whole day, a start time without an end an hour.
pub fn busy(offering: &Offering) -> Option<(NaiveDateTime, NaiveDateTime)> {
    if !offering.takes_registrations() {
        return None;
    }
    let starts = offering.starts()?;
    let ends = match (offering.ends(), starts.time()) {
        (Some(ends), _) => ends.latest(),
        (None, Some(_)) => starts.earliest() + ASSUMED_LENGTH,
        (None, None) => starts.latest(),
    };
    Some((starts.earliest(), ends))
}

fn overlapping(a: (NaiveDateTime, NaiveDateTime), b: (NaiveDateTime, NaiveDateTime)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Which dated things a window takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Those that begin in it: the agenda names each thing once, on its first day.
    Starts,
    /// Those that take any of its days: a calendar marks every day of a
    /// conference, also when it began before the month shown.
    Spans,
}

/// Every dated thing that begins in `days` from `from`, soonest first;
/// `mine` says which offerings the user is registered for.
pub fn entries(offerings: &[Offering], mine: impl Fn(&Offering) -> bool, from: NaiveDate, days: u32) -> Vec<Entry> {
    within(offerings, mine, from, days, Reach::Starts)
}

/// The last day an offering takes from `first`: its end's date when that is later.
fn last_day(offering: &Offering, first: NaiveDate) -> NaiveDate {
    offering.ends().map(|ends| ends.date()).filter(|&last| last > first).unwrap_or(first)
}

/// Every dated thing the `days` from `from` take as `reach` says, soonest
/// first (by the day each begins); `mine` says which offerings the user is
/// registered for.
pub fn within(
    offerings: &[Offering],
    mine: impl Fn(&Offering) -> bool,
    from: NaiveDate,
    days: u32,
    reach: Reach,
) -> Vec<Entry> {
    let window = window(from, days);
    let own: Vec<(usize, (NaiveDateTime, NaiveDateTime))> = offerings
        .iter()
        .enumerate()
        .filter(|(_, offering)| mine(offering))
        .filter_map(|(index, offering)| busy(offering).map(|span| (index, span)))
        .collect();
    let mut entries = Vec::new();
    for (index, offering) in offerings.iter().enumerate() {
        let is_mine = mine(offering);
        let mut add = |what: What, moment: crate::domain::Moment, last_day: NaiveDate| {
            let taken = match reach {
                Reach::Starts => window.contains(&moment.date()),
                Reach::Spans => moment.date() < window.end && last_day >= window.start,
            };
            if taken {
                let overlaps = match (what, is_mine, busy(offering)) {
                    (What::Event | What::Roundtable, true, Some(span)) => own
                        .iter()
                        .filter(|(other, other_span)| *other != index && overlapping(span, *other_span))
                        .map(|(other, _)| *other)
                        .collect(),
                    _ => Vec::new(),
                };
                entries.push(Entry {
                    day: moment.date(),
                    last_day,
                    time: moment.time(),
                    what,
                    offering: index,
                    mine: is_mine,
                    overlaps,
                });
            }
        };
        match &offering.details {
            Details::Event(event) => add(What::Event, event.starts, last_day(offering, event.starts.date())),
            Details::Roundtable(roundtable) => {
                add(What::Roundtable, roundtable.starts, last_day(offering, roundtable.starts.date()))
            }
            Details::Project(project) => {
                if let Some(to) = project.period_to {
                    add(What::ProjectEnd, to.last_moment(), to.last_moment().date());
                }
            }
            Details::Practice(_) => {}
        }
        if let Some(deadline) = offering.registration_deadline() {
            add(What::Deadline, deadline, deadline.date());
        }
    }
    entries.sort_by(|a, b| {
        (a.day, a.time, a.what)
            .cmp(&(b.day, b.time, b.what))
            .then_with(|| offerings[a.offering].title.cmp(&offerings[b.offering].title))
    });
    entries
}

/// Days left to register when the deadline is near and registration still
/// open: 0 on the last day.
pub fn deadline_soon(offering: &Offering, now: NaiveDateTime) -> Option<i64> {
    let deadline = offering.registration_deadline()?;
    if offering.registration_closed(now).is_some() {
        return None;
    }
    let days = (deadline.date() - now.date()).num_days();
    (0..=DEADLINE_WARNING_DAYS).contains(&days).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sample_records;

    /// The samples, with a registration deadline and a project period the
    /// sources do not state (they give rules and durations in words), so
    /// that every kind of agenda entry has something to show.
    fn samples() -> Vec<Offering> {
        let mut offerings: Vec<Offering> = sample_records().into_iter().map(|record| record.offering).collect();
        for offering in &mut offerings {
            match (offering.key.as_str(), &mut offering.details) {
                ("kommunen-innovativ-herbstkonferenz-2020", Details::Event(event)) => {
                    event.registration_deadline = Some("2020-10-21".parse().unwrap());
                }
                ("innenstadt-2030-future-public-space", Details::Project(project)) => {
                    project.period_from = Some("2020-10".parse().unwrap());
                    project.period_to = Some("2022-09".parse().unwrap());
                }
                _ => {}
            }
        }
        offerings
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn keyed(offerings: &[Offering], entries: &[Entry]) -> Vec<(String, What, String)> {
        entries.iter().map(|entry| (entry.day.to_string(), entry.what, offerings[entry.offering].key.clone())).collect()
    }

    #[test]
    fn october_2020_lists_the_web_talks_the_roundtable_and_a_deadline() {
        let offerings = samples();
        let entries = entries(&offerings, |_| false, day("2020-10-01"), 30);
        let listed = keyed(&offerings, &entries);
        let expected = [
            ("2020-10-02", What::Event, "stadtretter-webtalk-vitale-standorte-2020"),
            ("2020-10-06", What::Event, "stadtretter-webtalk-thinius-2020"),
            ("2020-10-06", What::Roundtable, "stadtretter-roundtable-leerstand-3"),
            ("2020-10-06", What::Event, "stadtretter-webtalk-willkommen-2020"),
            ("2020-10-14", What::Event, "innenstadt-2030-projektauftakt"),
            ("2020-10-21", What::Deadline, "kommunen-innovativ-herbstkonferenz-2020"),
            ("2020-10-28", What::Event, "kommunen-innovativ-herbstkonferenz-2020"),
        ];
        let expected: Vec<(String, What, String)> =
            expected.iter().map(|(day, what, key)| (day.to_string(), *what, key.to_string())).collect();
        assert_eq!(listed, expected);
        assert!(entries.iter().all(|entry| !entry.mine && entry.overlaps.is_empty()));
    }

    #[test]
    fn a_project_ends_on_the_last_day_of_its_last_month() {
        let offerings = samples();
        let listed = keyed(&offerings, &entries(&offerings, |_| false, day("2022-09-01"), 30));
        let end = (String::from("2022-09-30"), What::ProjectEnd, String::from("innenstadt-2030-future-public-space"));
        assert_eq!(listed, vec![end]);
    }

    fn within_spans(offerings: &[Offering], from: NaiveDate, days: u32) -> Vec<Entry> {
        within(offerings, |_| false, from, days, Reach::Spans)
    }

    #[test]
    fn a_conference_spans_every_day_from_its_start_to_its_end() {
        let offerings = samples();
        let conference = |listed: &[Entry]| -> Vec<(String, String)> {
            listed
                .iter()
                .filter(|entry| offerings[entry.offering].key == "kommunen-innovativ-herbstkonferenz-2020")
                .filter(|entry| entry.what == What::Event)
                .map(|entry| (entry.day.to_string(), entry.last_day.to_string()))
                .collect()
        };
        let spans = [("2020-10-28".to_owned(), "2020-12-08".to_owned())];
        // November began after the conference did: only a calendar still has it.
        assert_eq!(conference(&within_spans(&offerings, day("2020-11-01"), 30)), spans);
        assert!(conference(&entries(&offerings, |_| false, day("2020-11-01"), 30)).is_empty());
        assert_eq!(conference(&within_spans(&offerings, day("2020-12-08"), 1)), spans, "its last day");
        assert!(conference(&within_spans(&offerings, day("2020-12-09"), 30)).is_empty(), "over");
        assert!(conference(&within_spans(&offerings, day("2020-10-01"), 27)).is_empty(), "not yet");
        let talk = entries(&offerings, |_| false, day("2020-10-02"), 1);
        assert_eq!(talk[0].last_day, talk[0].day, "a talk takes one day");
    }

    #[test]
    fn the_window_ends_before_its_last_day() {
        let offerings = samples();
        let keys = keyed(&offerings, &entries(&offerings, |_| false, day("2020-10-01"), 1));
        assert!(keys.is_empty(), "nothing on 1 October: {keys:?}");
        let keys = keyed(&offerings, &entries(&offerings, |_| false, day("2020-10-02"), 1));
        assert_eq!(keys.len(), 1);
    }

    #[test]
    fn own_registrations_at_the_same_time_overlap() {
        let offerings = samples();
        let mine = [
            "stadtretter-roundtable-leerstand-3",
            "stadtretter-webtalk-willkommen-2020",
            "stadtretter-webtalk-thinius-2020",
        ];
        let listed = entries(&offerings, |offering| mine.contains(&offering.key.as_str()), day("2020-10-06"), 1);
        // Roundtable 13:00 (an hour assumed), welcome talk 14:30, Thinius 10:00: no clash.
        assert!(listed.iter().all(|entry| entry.mine && entry.overlaps.is_empty()), "{listed:?}");
        let mut clashing = offerings.clone();
        let at = |text: &str| crate::domain::Moment::At(text.parse().unwrap());
        if let Details::Event(event) = &mut clashing.iter_mut().find(|o| o.key == mine[1]).unwrap().details {
            event.starts = at("2020-10-06T13:30:00");
        }
        let listed = entries(&clashing, |offering| mine.contains(&offering.key.as_str()), day("2020-10-06"), 1);
        let roundtable = clashing.iter().position(|o| o.key == mine[0]).unwrap();
        let talk = clashing.iter().position(|o| o.key == mine[1]).unwrap();
        let flagged: Vec<(usize, Vec<usize>)> =
            listed.iter().filter(|e| !e.overlaps.is_empty()).map(|e| (e.offering, e.overlaps.clone())).collect();
        assert_eq!(flagged, vec![(roundtable, vec![talk]), (talk, vec![roundtable])]);
    }

    #[test]
    fn deadlines_are_called_out_in_the_last_week_only() {
        let offerings = samples();
        let conference = offerings.iter().find(|o| o.key == "kommunen-innovativ-herbstkonferenz-2020").unwrap();
        let at = |text: &str| crate::clock::parse_now(text).unwrap();
        assert_eq!(deadline_soon(conference, at("2020-10-13")), None, "eight days ahead");
        assert_eq!(deadline_soon(conference, at("2020-10-14")), Some(7));
        assert_eq!(deadline_soon(conference, at("2020-10-18")), Some(3));
        assert_eq!(deadline_soon(conference, at("2020-10-21T18:00")), Some(0), "a date lasts the whole day");
        assert_eq!(deadline_soon(conference, at("2020-10-22")), None, "passed");
    }
}
