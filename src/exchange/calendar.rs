//! Registrations as an iCalendar file (RFC 5545) for Outlook, Thunderbird
//! and Google Calendar: one VEVENT per place held at an upcoming offering.

use chrono::{Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};

use crate::domain::registration::Booking;
use crate::domain::{Details, Moment, Status};
use crate::i18n::Lang;
use crate::sanitize::{for_terminal, paragraphs_for_terminal};

/// How long an event lasts in the calendar when the source names no end.
const UNKNOWN_LENGTH: Duration = Duration::hours(1);

/// Local German time as UTC; in the autumn hour that occurs twice the
/// earlier instant is taken, in the spring gap the hour after.
fn utc(local: NaiveDateTime) -> chrono::DateTime<Utc> {
    Berlin
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| Berlin.from_local_datetime(&(local + Duration::hours(1))).earliest())
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// The UID of a registration's event: the same in every export, so that a
/// calendar updates the entry instead of adding a second one.
pub fn uid(booking: &Booking) -> String {
    format!("lotse-registration-{}-{}", booking.registration.id, booking.offering.key)
}

fn description(booking: &Booking, lang: Lang) -> String {
    let mut parts = vec![paragraphs_for_terminal(&booking.summary).join("\n")];
    let registration = &booking.registration;
    let note = for_terminal(&registration.note);
    let registration_note = match &booking.offering.details {
        Details::Event(event) => event.registration_note.as_deref().map(for_terminal),
        _ => None,
    };
    let (your_note, how, registered_as) = match lang {
        Lang::De => ("Ihre Anmerkung", "Hinweis zur Anmeldung", "Angemeldet als"),
        Lang::En => ("Your note", "About registration", "Registered as"),
    };
    if !note.is_empty() {
        parts.push(format!("{your_note}: {note}"));
    }
    if let Some(registration_note) = registration_note {
        parts.push(format!("{how}: {registration_note}"));
    }
    parts.push(format!(
        "{registered_as}: {} <{}>, {}",
        for_terminal(&registration.name),
        for_terminal(&registration.email),
        for_terminal(&registration.organisation)
    ));
    parts.join("\n\n")
}

/// Whether a booking has its event in the calendar: a held place, or a
/// cancelled one (marked so, for calendars that imported it before), of an
/// offering not over at `now`. Waitlist places wait for their promotion.
fn in_calendar(booking: &Booking, now: NaiveDateTime) -> bool {
    matches!(booking.registration.status, Status::Registered | Status::Cancelled)
        && !booking.offering.is_over(now)
        && booking.offering.starts().is_some()
}

/// Whether the calendar would hold any event at all.
pub fn has_events(bookings: &[Booking], now: NaiveDateTime) -> bool {
    bookings.iter().any(|booking| in_calendar(booking, now))
}

/// The calendar of every held or cancelled booking that is not over at `now`.
pub fn calendar(bookings: &[Booking], now: NaiveDateTime, lang: Lang) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//lotse//Anmeldungen//DE"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .name(match lang {
            Lang::De => "lotse – Anmeldungen",
            Lang::En => "lotse – registrations",
        });
    let stamp = utc(now);
    for booking in bookings {
        let offering = &booking.offering;
        let Some(starts) = offering.starts().filter(|_| in_calendar(booking, now)) else { continue };
        let title = for_terminal(&offering.title);
        let mut event = Event::new();
        event.uid(&uid(booking)).timestamp(stamp).summary(&title).description(&description(booking, lang));
        if booking.registration.status == Status::Cancelled {
            // Same UID, a later sequence: the calendar replaces its entry by a cancelled one.
            event.status(icalendar::EventStatus::Cancelled).sequence(1);
        }
        match (starts, offering.ends()) {
            (Moment::Day(first), ends) => {
                let last = ends.map_or(first, Moment::date);
                // All-day events end on the morning after their last day (RFC 5545 3.6.1).
                event.starts(first).ends(last.succ_opt().unwrap_or(last));
            }
            (Moment::At(at), ends) => {
                let until = match ends {
                    Some(Moment::At(end)) if end > at => end,
                    Some(Moment::Day(day)) if day > at.date() => Moment::Day(day).latest(),
                    _ => at + UNKNOWN_LENGTH,
                };
                event.starts(utc(at)).ends(utc(until));
            }
        }
        let location = super::location(offering);
        if !location.is_empty() {
            event.location(&location);
        }
        if let Some(url) = &offering.url {
            event.url(&for_terminal(url));
        }
        let reminder = match lang {
            Lang::De => format!("Morgen: {title}"),
            Lang::En => format!("Tomorrow: {title}"),
        };
        let mut alarm = Alarm::display(&reminder, Trigger::before_start(Duration::days(1)));
        // Without these the crate writes a random UID and the current time,
        // and the same registrations would never give the same file.
        alarm.add_property("UID", format!("{}-alarm", uid(booking)));
        alarm.timestamp(stamp);
        event.alarm(alarm);
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
