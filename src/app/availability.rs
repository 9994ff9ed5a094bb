//! What the list's status column says about an offering: decided once, then
//! worded in full where the column has room and in a word or two where the
//! window is narrow, so both widths always agree on what they say.

use chrono::NaiveDateTime;

use crate::domain::{Closed, Offering, Seats};
use crate::i18n::Lang;
use crate::sources::model::ItemStatus;

use super::App;

/// The narrow column's width: the longest short texts are "Frist heute",
/// "geschlossen" and "neu datiert"; a date (8) beside it still leaves the
/// title fifty columns in a 120-column window with the details open.
pub const NARROW_WIDTH: u16 = 11;

/// Larger counts of free places read as "999+ frei": beyond that the exact
/// number changes no decision, and it keeps the narrow text within its column.
const MOST_FREE_SHOWN: u32 = 999;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// What the source says: abgesagt, verschoben, neu terminiert, entfällt.
    Source(ItemStatus),
    /// From a source, not yet looked at.
    New,
    /// Changed in its source since the user looked.
    Changed,
    Past,
    /// Begun: registration is over.
    UnderWay,
    /// The registration deadline has passed.
    Closed,
    Full,
    /// The registration deadline is this many days ahead (0 is today).
    DeadlineSoon(i64),
    /// Places left; never 0, that is `Full`.
    Free(u32),
}

/// The list's status for an offering, where several apply the one that
/// matters most:
/// 1. what the source says (abgesagt, entfällt, …): whether the offering
///    takes place at all outranks anything about registering for it;
/// 2. neu / geändert: news the user has not seen, and it goes at first look,
///    when the details show everything else;
/// 3. vergangen, läuft, Anmeldeschluss vorbei: registering is over, so
///    places and deadlines no longer matter;
/// 4. ausgebucht: a near deadline is worth nothing without a place, and
///    registering now only joins the waitlist;
/// 5. the deadline soon: it passes whatever the places, and it is the one
///    that cannot wait;
/// 6. the places left.
pub fn of(app: &App, offering: &Offering) -> Option<Availability> {
    super::sources::list_mark(app, offering)
        .or_else(|| app.is_past(offering).then_some(Availability::Past))
        .or_else(|| registration(offering, &app.seats(offering), app.now))
}

/// Points 3 to 6 of `of`: registration alone, without the sources.
pub fn registration(offering: &Offering, seats: &Seats, now: NaiveDateTime) -> Option<Availability> {
    let state = registration_state(offering, seats, now);
    match state {
        None | Some(Availability::Free(_)) => {
            crate::plan::deadline_soon(offering, now).map(Availability::DeadlineSoon).or(state)
        }
        closed_or_full => closed_or_full,
    }
}

/// Whether one can still register, without the deadline: the details name
/// the deadline on a line of its own.
pub fn registration_state(offering: &Offering, seats: &Seats, now: NaiveDateTime) -> Option<Availability> {
    match offering.registration_closed(now) {
        Some(Closed::NotRegistrable(_)) => None,
        Some(Closed::AlreadyStarted(_)) => Some(Availability::UnderWay),
        Some(Closed::DeadlinePassed(_)) => Some(Availability::Closed),
        None => seats.free().map(|free| if free == 0 { Availability::Full } else { Availability::Free(free) }),
    }
}

impl Availability {
    /// In full, for the wide status column and the details.
    pub fn long(self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            Availability::DeadlineSoon(days) => crate::i18n::deadline_in(days, lang),
            Availability::Free(1) if de => "noch 1 Platz".to_owned(),
            Availability::Free(1) => "1 place left".to_owned(),
            Availability::Free(free) if de => format!("noch {free} Plätze"),
            Availability::Free(free) => format!("{free} places left"),
            Availability::Closed if de => "Anmeldeschluss vorbei".to_owned(),
            Availability::Closed => "registration closed".to_owned(),
            Availability::Full if de => "ausgebucht".to_owned(),
            Availability::Full => "fully booked".to_owned(),
            Availability::Source(status) => status.short_mark(lang).unwrap_or_default().to_owned(),
            same => same.word(lang).to_owned(),
        }
    }

    /// At most `NARROW_WIDTH` columns wide, for the narrow status column.
    pub fn short(self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            Availability::DeadlineSoon(0) if de => "Frist heute".to_owned(),
            Availability::DeadlineSoon(0) => "due today".to_owned(),
            Availability::DeadlineSoon(days) if de => format!("Frist {days} T."),
            Availability::DeadlineSoon(days) => format!("due in {days}d"),
            Availability::Free(free) if free > MOST_FREE_SHOWN => free_short(format!("{MOST_FREE_SHOWN}+"), lang),
            Availability::Free(free) => free_short(free.to_string(), lang),
            Availability::Closed if de => "geschlossen".to_owned(),
            Availability::Closed => "closed".to_owned(),
            Availability::Full if de => "ausgebucht".to_owned(),
            Availability::Full => "full".to_owned(),
            Availability::Source(ItemStatus::Rescheduled) if de => "neu datiert".to_owned(),
            Availability::Source(status) => status.short_mark(lang).unwrap_or_default().to_owned(),
            same => same.word(lang).to_owned(),
        }
    }

    /// The states short enough to read the same at either width.
    fn word(self, lang: Lang) -> &'static str {
        let strings = lang.strings();
        match (self, lang) {
            (Availability::New, _) => strings.src.new,
            (Availability::Changed, _) => strings.src.changed,
            (Availability::Past, _) => strings.past,
            (Availability::UnderWay, Lang::De) => "läuft",
            (Availability::UnderWay, Lang::En) => "under way",
            _ => "",
        }
    }

    /// Whether one can still register: the details colour it by this.
    pub fn is_open(self) -> bool {
        matches!(self, Availability::DeadlineSoon(_) | Availability::Free(_))
    }
}

fn free_short(count: String, lang: Lang) -> String {
    match lang {
        Lang::De => format!("{count} frei"),
        Lang::En => format!("{count} left"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Details, Moment};
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthStr;

    fn every_state() -> Vec<Availability> {
        use Availability::*;
        let sources = [ItemStatus::Cancelled, ItemStatus::Postponed, ItemStatus::Rescheduled, ItemStatus::Gone];
        let mut states: Vec<Availability> = sources.into_iter().map(Source).collect();
        states.extend([New, Changed, Past, UnderWay, Closed, Full, DeadlineSoon(0), DeadlineSoon(1)]);
        states.extend([DeadlineSoon(3), DeadlineSoon(7), Free(1), Free(3), Free(999), Free(u32::MAX)]);
        states
    }

    #[test]
    fn short_texts_in_german() {
        use Availability::*;
        let short = |state: Availability| state.short(Lang::De);
        assert_eq!(short(Source(ItemStatus::Cancelled)), "abgesagt");
        assert_eq!(short(Source(ItemStatus::Gone)), "entfällt");
        assert_eq!(short(Source(ItemStatus::Postponed)), "verschoben");
        assert_eq!(short(Source(ItemStatus::Rescheduled)), "neu datiert");
        assert_eq!(short(New), "neu");
        assert_eq!(short(Changed), "geändert");
        assert_eq!(short(Past), "vergangen");
        assert_eq!(short(UnderWay), "läuft");
        assert_eq!(short(Closed), "geschlossen");
        assert_eq!(short(Full), "ausgebucht");
        assert_eq!(short(DeadlineSoon(0)), "Frist heute");
        assert_eq!(short(DeadlineSoon(1)), "Frist 1 T.");
        assert_eq!(short(DeadlineSoon(3)), "Frist 3 T.");
        assert_eq!(short(Free(3)), "3 frei");
        assert_eq!(short(Free(12_345)), "999+ frei");
    }

    #[test]
    fn short_texts_in_english() {
        use Availability::*;
        let short = |state: Availability| state.short(Lang::En);
        assert_eq!(short(Source(ItemStatus::Cancelled)), "cancelled");
        assert_eq!(short(Source(ItemStatus::Gone)), "dropped");
        assert_eq!(short(Source(ItemStatus::Postponed)), "postponed");
        assert_eq!(short(Source(ItemStatus::Rescheduled)), "rescheduled");
        assert_eq!(short(New), "new");
        assert_eq!(short(Changed), "changed");
        assert_eq!(short(Past), "past");
        assert_eq!(short(UnderWay), "under way");
        assert_eq!(short(Closed), "closed");
        assert_eq!(short(Full), "full");
        assert_eq!(short(DeadlineSoon(0)), "due today");
        assert_eq!(short(DeadlineSoon(3)), "due in 3d");
        assert_eq!(short(Free(3)), "3 left");
        assert_eq!(short(Free(12_345)), "999+ left");
    }

    #[test]
    fn long_texts_say_the_same_in_full() {
        use Availability::*;
        assert_eq!(Full.long(Lang::De), "ausgebucht");
        assert_eq!(Full.long(Lang::En), "fully booked");
        assert_eq!(Free(1).long(Lang::De), "noch 1 Platz");
        assert_eq!(Free(3).long(Lang::De), "noch 3 Plätze");
        assert_eq!(Free(3).long(Lang::En), "3 places left");
        assert_eq!(DeadlineSoon(3).long(Lang::De), "Anmeldeschluss in 3 Tagen");
        assert_eq!(Closed.long(Lang::De), "Anmeldeschluss vorbei");
        assert_eq!(Source(ItemStatus::Rescheduled).long(Lang::De), "neu terminiert");
        for state in every_state() {
            for lang in [Lang::De, Lang::En] {
                assert!(!state.long(lang).is_empty() && !state.short(lang).is_empty(), "{state:?} {lang:?}");
            }
        }
    }

    /// The roundtable of the samples, on 10.10.2020, with a deadline and places as given.
    fn roundtable(deadline: Option<&str>, capacity: Option<u32>) -> Offering {
        let mut offering = crate::store::sample_records()
            .into_iter()
            .map(|record| record.offering)
            .find(|offering| matches!(offering.details, Details::Roundtable(_)))
            .expect("the samples have a roundtable");
        let Details::Roundtable(roundtable) = &mut offering.details else { unreachable!("found as a roundtable") };
        roundtable.starts = "2020-10-10".parse().expect("a valid date");
        roundtable.ends = None;
        roundtable.registration_deadline = deadline.map(|day| day.parse::<Moment>().expect("a valid date"));
        roundtable.capacity = capacity;
        offering
    }

    fn at(day: &str) -> NaiveDateTime {
        crate::clock::parse_now(day).expect("a valid date")
    }

    #[test]
    fn fully_booked_outranks_a_near_deadline_which_outranks_the_places_left() {
        let seats = |capacity, taken| Seats { capacity, taken, waiting: 0 };
        let offering = roundtable(Some("2020-10-05"), Some(20));
        let now = at("2020-10-02");
        assert_eq!(registration(&offering, &seats(Some(20), 20), now), Some(Availability::Full));
        assert_eq!(registration(&offering, &seats(Some(20), 17), now), Some(Availability::DeadlineSoon(3)));
        assert_eq!(registration(&offering, &seats(None, 0), now), Some(Availability::DeadlineSoon(3)));
        assert_eq!(registration(&offering, &seats(Some(20), 17), at("2020-09-20")), Some(Availability::Free(3)));
        assert_eq!(registration(&offering, &seats(Some(20), 20), at("2020-10-06")), Some(Availability::Closed));
        assert_eq!(registration(&offering, &seats(Some(20), 0), at("2020-10-10T12:00")), Some(Availability::UnderWay));
        assert_eq!(
            registration_state(&offering, &seats(Some(20), 17), now),
            Some(Availability::Free(3)),
            "the details name the deadline on a line of their own"
        );
    }

    proptest! {
        #[test]
        fn the_short_text_always_fits_the_narrow_column(
            capacity in proptest::option::of(0u32..=u32::MAX),
            taken in 0u32..=u32::MAX,
            waiting in 0u32..=50,
            deadline_offset in proptest::option::of(-30i64..=30),
            now_offset in -40i64..=12,
        ) {
            let start = at("2020-10-10");
            let deadline = deadline_offset.map(|days| (start + chrono::TimeDelta::days(days)).date().to_string());
            let offering = roundtable(deadline.as_deref(), capacity);
            let now = start + chrono::TimeDelta::days(now_offset);
            let seats = Seats { capacity, taken, waiting };
            let states = registration(&offering, &seats, now).into_iter().chain(every_state());
            for state in states {
                for lang in [Lang::De, Lang::En] {
                    let short = state.short(lang);
                    prop_assert!(short.width() <= NARROW_WIDTH as usize, "{state:?}: {short}");
                }
            }
        }
    }
}
