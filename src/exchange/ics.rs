//! iCalendar (.ics, as pretix, Indico or Outlook export it): every VEVENT
//! becomes a Veranstaltung. The crate `icalendar` reads each property (its
//! parameters, escaped text, date values); the file's structure is walked
//! here, line by line, so that every problem can name its line, and so that
//! several calendars in one file and cut-off files are handled.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use icalendar::parser::{ParseString, Property};
use icalendar::{CalendarDateTime, DatePerhapsTime};

use crate::domain::{Details, Event, Moment, Offering, Record, RegionRef, Source};

use super::vtimezone::Zone;
use super::{Incoming, Note, Origin, Problem, What};

/// Components nest a few levels (VCALENDAR, VEVENT, VALARM); more is not a calendar.
const MAX_DEPTH: usize = 16;

/// The time zone the domain's moments are in.
const GERMAN_TIME: Tz = chrono_tz::Europe::Berlin;

/// Where places are looked up, to give a calendar entry its Kreis.
pub trait Places {
    /// The Kreis (its AGS) a place belongs to, when lotse knows it without
    /// doubt: by postcode where one is given, else by name.
    fn kreis_of(&self, name: &str, postcode: Option<&str>) -> Option<String>;
}

/// The store's directory of 16,476 places.
impl Places for crate::store::Store {
    fn kreis_of(&self, name: &str, postcode: Option<&str>) -> Option<String> {
        // A failed lookup leaves the entry without region, which the import
        // reports; it cannot corrupt anything.
        let by_postcode = postcode.and_then(|postcode| self.kreis_of_postcode(postcode).ok().flatten());
        by_postcode.or_else(|| self.kreis_of_place(name).ok().flatten().filter(|_| !name.is_empty()))
    }
}

/// What the VCALENDAR around an event says about all its events.
#[derive(Default)]
struct Calendar {
    name: Option<String>,
    /// Google writes floating times and names their zone here.
    zone: Option<Tz>,
    /// METHOD:CANCEL: every event in the calendar is called off.
    cancels: bool,
    /// VTIMEZONE definitions, for zones known by neither IANA nor Windows name.
    zones: super::vtimezone::Definitions,
}

/// An event's property lines, not yet parsed.
struct RawEvent {
    line: usize,
    number: usize,
    properties: Vec<(usize, String)>,
}

/// The dates a repeating event's occurrences are taken from: from 30 days
/// back to a year ahead for a calendar source. Without a window (a file
/// import) a series gives its first occurrence only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

impl Window {
    pub fn around(now: NaiveDateTime) -> Window {
        Window { from: now - chrono::TimeDelta::days(30), to: now + chrono::TimeDelta::days(365) }
    }
}

/// An event with what the calendar says about its state.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarEvent {
    pub incoming: Incoming,
    /// STATUS:CANCELLED, or the calendar's METHOD:CANCEL.
    pub cancelled: bool,
}

/// A whole calendar read: the events that could be read, each refused one
/// with its problems, and the problems that make the whole file unusable.
#[derive(Debug, Default)]
pub struct CalendarRead {
    pub events: Vec<CalendarEvent>,
    pub refused: Vec<Vec<Problem>>,
    pub broken: Vec<Problem>,
    pub notes: Vec<Note>,
}

/// Reads a calendar for the file import, which takes all or nothing: every
/// problem, per event or with the file, is one of the file's problems.
pub fn parse(text: &str, file_name: &str, places: &dyn Places) -> (Vec<Incoming>, Vec<Problem>, Vec<Note>) {
    let read = read_calendar(text, file_name, places, None);
    let mut problems = read.refused.into_iter().flatten().collect::<Vec<_>>();
    problems.extend(read.broken);
    let records = read.events.into_iter().map(|event| event.incoming).collect();
    (records, problems, read.notes)
}

/// Reads every event of a calendar; a repeating one becomes one event per
/// occurrence within `window`, each with its own key.
pub fn read_calendar(text: &str, file_name: &str, places: &dyn Places, window: Option<Window>) -> CalendarRead {
    let mut read = CalendarRead::default();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut calendar = Calendar::default();
    let mut event: Option<RawEvent> = None;
    let mut converted = Vec::new();
    let mut events = 0;
    for (line, content) in unfold(text) {
        if let Some(name) = marker(&content, "BEGIN") {
            if stack.len() >= MAX_DEPTH {
                read.broken.push(Problem::at_line(line, What::TooDeep { max: MAX_DEPTH }));
                return read;
            }
            if name == "VCALENDAR" && stack.is_empty() {
                assemble(std::mem::take(&mut converted), window, &mut read);
                calendar = Calendar::default();
            }
            calendar.zones.begin(&name);
            if name == "VEVENT" {
                if event.is_some() {
                    read.broken.push(Problem::at_line(line, What::NestedEvent));
                    return read;
                }
                events += 1;
                event = Some(RawEvent { line, number: events, properties: Vec::new() });
            }
            stack.push((name, line));
        } else if let Some(name) = marker(&content, "END") {
            match stack.pop() {
                Some((open, _)) if open == name => {
                    calendar.zones.end(&name);
                    if let Some(raw) = event.take_if(|_| name == "VEVENT") {
                        match convert(raw, &calendar, file_name, places) {
                            Ok(parsed) => converted.push(parsed),
                            Err(found) => read.refused.push(found),
                        }
                    }
                }
                open => {
                    read.broken.push(Problem::at_line(line, What::UnexpectedEnd { component: name, open }));
                    return read;
                }
            }
        } else {
            match stack.last().map(|(name, _)| name.as_str()) {
                Some("VEVENT") => {
                    if let Some(raw) = &mut event {
                        raw.properties.push((line, content));
                    }
                }
                Some("VCALENDAR") => calendar_property(&mut calendar, &content),
                Some("VTIMEZONE" | "STANDARD" | "DAYLIGHT") => calendar.zones.property(&content),
                // Alarms and the like carry nothing lotse shows.
                Some(_) => {}
                None => {
                    read.broken.push(Problem::at_line(line, What::OutsideCalendar));
                    return read;
                }
            }
        }
    }
    assemble(converted, window, &mut read);
    if let Some((name, line)) = stack.last() {
        read.broken.push(Problem::at_line(*line, What::Unclosed { component: name.clone() }));
    } else if events == 0 && read.broken.is_empty() {
        read.broken.push(Problem::new(What::NoEvents));
    }
    read
}

/// Logical lines with the number of the physical line each starts on: a line
/// beginning with a space or tab continues the one before (RFC 5545, 3.1).
/// The crate's own unfolding loses the line numbers, which errors need.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (index, physical) in text.split('\n').enumerate() {
        let physical = physical.strip_suffix('\r').unwrap_or(physical);
        match (physical.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(continued), Some((_, logical))) => logical.push_str(continued),
            _ if physical.trim().is_empty() => {}
            _ => lines.push((index + 1, physical.to_owned())),
        }
    }
    lines
}

/// The component name of a `BEGIN:` or `END:` line, in capitals.
fn marker(line: &str, which: &str) -> Option<String> {
    let head = line.get(..which.len() + 1)?;
    if head.eq_ignore_ascii_case(&format!("{which}:")) {
        Some(line[which.len() + 1..].trim().to_ascii_uppercase())
    } else {
        None
    }
}

fn calendar_property(calendar: &mut Calendar, content: &str) {
    let Ok(property) = Property::try_from(content) else { return };
    let value = property.val.as_str().trim();
    match property.name.as_str().to_ascii_uppercase().as_str() {
        "X-WR-CALNAME" if !value.is_empty() => calendar.name = Some(value.to_owned()),
        "X-WR-TIMEZONE" => calendar.zone = zone(value),
        "METHOD" => calendar.cancels = value.eq_ignore_ascii_case("CANCEL"),
        _ => {}
    }
}

/// A parsed property with its name in capitals and its line.
struct Line<'a> {
    name: String,
    line: usize,
    property: Property<'a>,
}

/// A date or time as the calendar wrote it: the local time in its zone,
/// which repeating events need to keep their hour across daylight saving.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Start {
    Day(NaiveDate),
    At {
        local: NaiveDateTime,
        zone: Tz,
    },
    /// No zone given and none declared for the calendar: taken as it is.
    Floating(NaiveDateTime),
}

/// One VEVENT, read but not yet placed in its series.
struct Converted {
    incoming: Incoming,
    cancelled: bool,
    uid: Option<String>,
    starts: Start,
    length: Option<chrono::TimeDelta>,
    /// RECURRENCE-ID: the occurrence of a series this event replaces.
    replaces: Option<Moment>,
    recurrence: Option<Recurrence>,
    /// Where the event's place is unknown, so it is stored without region.
    unplaced: Option<Note>,
}

struct Recurrence {
    rules: Vec<(usize, String)>,
    exceptions: Vec<Start>,
    extra: Vec<Start>,
    /// The calendar's VTIMEZONE for DTSTART's zone, when only it defines
    /// the zone: each occurrence takes the offset of its own date from it.
    zone: Option<Zone>,
}

fn convert(
    raw: RawEvent,
    calendar: &Calendar,
    file_name: &str,
    places: &dyn Places,
) -> Result<Converted, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut lines = Vec::with_capacity(raw.properties.len());
    for (line, content) in &raw.properties {
        match Property::try_from(content.as_str()) {
            Ok(property) => {
                lines.push(Line { name: property.name.as_str().to_ascii_uppercase(), line: *line, property })
            }
            Err(_) => problems.push(Problem::at_line(*line, What::BadProperty)),
        }
    }
    let find = |name: &str| lines.iter().find(|line| line.name == name);
    let text = |name: &str| find(name).map(|line| line.property.val.as_str().to_owned());

    let mut start_of = |name: &str| -> Option<Start> {
        let line = find(name)?;
        match start(&line.property, calendar).and_then(|start| in_german_time(start).map(|_| start)) {
            Ok(start) => Some(start),
            Err(what) => {
                problems.push(Problem::at_line(line.line, what).in_field(name));
                None
            }
        }
    };
    let starts = start_of("DTSTART");
    let ends = start_of("DTEND");
    let replaces = start_of("RECURRENCE-ID");
    let mut list_of = |name: &str| -> Vec<Start> {
        let mut found = Vec::new();
        for line in lines.iter().filter(|line| line.name == name) {
            for value in line.property.val.as_str().split(',') {
                let single = Property { val: value.into(), ..line.property.clone() };
                match start(&single, calendar) {
                    Ok(start) => found.push(start),
                    Err(what) => problems.push(Problem::at_line(line.line, what).in_field(name)),
                }
            }
        }
        found
    };
    let exceptions = list_of("EXDATE");
    let extra = list_of("RDATE");
    let duration = find("DURATION").map(|line| {
        let value = line.property.val.as_str().trim();
        duration(value)
            .ok_or_else(|| Problem::at_line(line.line, What::NotADuration(value.to_owned())).in_field("DURATION"))
    });
    let duration = match duration.transpose() {
        Ok(duration) => duration,
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    let Some(starts) = starts else {
        if find("DTSTART").is_none() {
            problems.push(Problem::at_line(raw.line, What::Missing).in_field("DTSTART"));
        }
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let length = match ends {
        Some(ends) => Some(elapsed(starts, ends)),
        None => duration,
    };

    let title = text("SUMMARY").unwrap_or_default();
    let uid = text("UID").map(|uid| uid.trim().to_owned()).filter(|uid| !uid.is_empty());
    let location = text("LOCATION").map(|location| location.replace('\n', ", "));
    let whereabouts = whereabouts(location.as_deref(), places);
    let organiser = find("ORGANIZER")
        .and_then(|line| organiser(&line.property))
        .or_else(|| calendar.name.clone())
        .unwrap_or_else(|| file_name.to_owned());
    let topics = lines
        .iter()
        .filter(|line| line.name == "CATEGORIES")
        .flat_map(|line| text_list(line.property.val.as_str()))
        .collect();
    let rules: Vec<(usize, String)> = lines
        .iter()
        .filter(|line| line.name == "RRULE")
        .map(|line| (line.line, line.property.val.as_str().to_owned()))
        .collect();
    let zone = find("DTSTART").and_then(|line| defined_zone(&line.property, calendar));
    let recurrence = (!rules.is_empty() || !extra.is_empty()).then_some(Recurrence { rules, exceptions, extra, zone });
    let key = uid.clone().unwrap_or_else(|| content_key(&raw.properties));
    let unplaced = (whereabouts.region == RegionRef::Unknown).then(|| Note::NoRegion {
        line: raw.line,
        title: title.clone(),
        location: location.clone(),
    });
    let offering = Offering {
        key,
        title,
        source: Source {
            title: file_name.to_owned(),
            publisher: calendar.name.clone().unwrap_or_else(|| organiser.clone()),
            date: None,
            url: None,
        },
        organiser,
        place: whereabouts.place,
        region: whereabouts.region,
        topics,
        url: text("URL"),
        details: Details::Event(Event {
            venue: whereabouts.venue,
            online: whereabouts.online,
            ..Event::starting("Veranstaltung", moment_of(starts))
        }),
    };
    let record = Record { offering, summary: String::new(), description: text("DESCRIPTION").unwrap_or_default() };
    let cancelled =
        calendar.cancels || text("STATUS").is_some_and(|status| status.trim().eq_ignore_ascii_case("CANCELLED"));
    let properties = lines.into_iter().map(|line| (line.name, line.line)).collect();
    let incoming = Incoming { record, line: raw.line, number: raw.number, origin: Origin::Ics { properties } };
    Ok(Converted { incoming, cancelled, uid, starts, length, replaces: replaces.map(moment_of), recurrence, unplaced })
}

/// Places each event in its series: a series becomes its occurrences (within
/// the window, or its first one), and an event with RECURRENCE-ID takes the
/// place of the occurrence it names instead of doubling it.
fn assemble(converted: Vec<Converted>, window: Option<Window>, read: &mut CalendarRead) {
    let (overrides, events): (Vec<Converted>, Vec<Converted>) =
        converted.into_iter().partition(|event| event.replaces.is_some() && event.uid.is_some());
    let mut overrides: Vec<Option<Converted>> = overrides.into_iter().map(Some).collect();
    let mut take_override = |uid: &str, at: Moment| {
        overrides
            .iter_mut()
            .find(|slot| {
                slot.as_ref().is_some_and(|event| event.uid.as_deref() == Some(uid) && event.replaces == Some(at))
            })
            .and_then(Option::take)
    };
    let mut placed = Vec::new();
    for mut event in events {
        read.notes.extend(event.unplaced.take());
        let Some(recurrence) = &event.recurrence else {
            placed.push(finish(event, None));
            continue;
        };
        let occurrences = match occurrences(event.starts, recurrence, window) {
            Ok(occurrences) => occurrences,
            Err((line, what)) => {
                read.refused.push(vec![Problem::at_line(line, what).in_field("RRULE")]);
                continue;
            }
        };
        if window.is_none() {
            read.notes.push(Note::Recurring {
                line: event.incoming.line,
                title: event.incoming.record.offering.title.clone(),
            });
        }
        let uid = event.uid.clone().unwrap_or_else(|| event.incoming.record.offering.key.clone());
        for at in occurrences {
            let moment = moment_of(at);
            match take_override(&uid, moment) {
                Some(mut replacement) => {
                    read.notes.extend(replacement.unplaced.take());
                    placed.push(finish(replacement, Some((&uid, moment))));
                }
                None => {
                    let occurrence = Converted {
                        incoming: event.incoming.clone(),
                        cancelled: event.cancelled,
                        uid: event.uid.clone(),
                        starts: at,
                        length: event.length,
                        replaces: None,
                        recurrence: None,
                        unplaced: None,
                    };
                    placed.push(finish(occurrence, Some((&uid, moment))));
                }
            }
        }
    }
    // An override whose series lies outside the window, or is not in this file.
    for mut event in overrides.into_iter().flatten() {
        read.notes.extend(event.unplaced.take());
        let starts = moment_of(event.starts);
        if window.is_none_or(|window| starts.latest() >= window.from && starts.earliest() <= window.to) {
            let uid = event.uid.clone().unwrap_or_default();
            let at = event.replaces.unwrap_or(starts);
            placed.push(finish(event, Some((&uid, at))));
        }
    }
    placed.sort_by_key(|event| event.incoming.number);
    read.events.extend(placed);
}

/// The event as it is stored: its dates in German time, and, for an
/// occurrence of a series, a key naming the occurrence.
fn finish(event: Converted, occurrence: Option<(&str, Moment)>) -> CalendarEvent {
    let Converted { mut incoming, cancelled, starts, length, .. } = event;
    if let Some((uid, at)) = occurrence {
        incoming.record.offering.key = format!("{uid}/{at}");
    }
    if let Details::Event(details) = &mut incoming.record.offering.details {
        details.starts = moment_of(starts);
        details.ends = length.and_then(|length| end_of(starts, length));
    }
    CalendarEvent { incoming, cancelled }
}

/// The most occurrences one series gives; a daily series over a year fits.
const MAX_OCCURRENCES: u16 = 400;

/// The clock a series repeats on, so that it keeps its hour across a
/// change to or from summer time.
#[derive(Clone, Copy)]
enum Clock<'a> {
    /// A zone chrono-tz knows, which the rrule crate repeats in itself.
    Known(Tz),
    /// A zone only the calendar's VTIMEZONE defines: its wall-clock times
    /// are repeated as if they were UTC, then each gets the offset of its date.
    Defined(&'a Zone),
}

impl Clock<'_> {
    /// A start as the rrule crate repeats it on this clock; a date or a
    /// floating time is read on the clock itself.
    fn at(self, start: Start) -> Option<chrono::DateTime<rrule::Tz>> {
        let (local, own) = match start {
            Start::Day(day) => (day.and_hms_opt(0, 0, 0)?, None),
            Start::At { local, zone } => (local, Some(zone)),
            Start::Floating(local) => (local, None),
        };
        match (self, own) {
            (Clock::Known(zone), own) => own
                .unwrap_or(zone)
                .from_local_datetime(&local)
                .earliest()
                .map(|at| at.with_timezone(&rrule::Tz::Tz(zone))),
            (Clock::Defined(defined), Some(own)) => {
                let utc = own.from_local_datetime(&local).earliest()?.naive_utc();
                Some(defined.wall(utc)?.and_utc().with_timezone(&rrule::Tz::UTC))
            }
            (Clock::Defined(_), None) => Some(local.and_utc().with_timezone(&rrule::Tz::UTC)),
        }
    }

    /// An occurrence the rrule crate gave, as a start of the kind `like` is.
    fn back(self, at: chrono::DateTime<rrule::Tz>, like: Start) -> Start {
        match (like, self) {
            (Start::Day(_), _) => Start::Day(at.date_naive()),
            (Start::Floating(_), _) => Start::Floating(at.naive_local()),
            (Start::At { .. }, Clock::Known(zone)) => Start::At { local: at.naive_local(), zone },
            (Start::At { .. }, Clock::Defined(defined)) => {
                let wall = at.naive_utc();
                // A zone defined at all has an offset for every time; none would mean UTC.
                let offset = defined.utc_offset(wall).unwrap_or_default();
                Start::At { local: wall - offset, zone: chrono_tz::UTC }
            }
        }
    }
}

fn occurrences(starts: Start, recurrence: &Recurrence, window: Option<Window>) -> Result<Vec<Start>, (usize, What)> {
    let clock = match (&recurrence.zone, starts) {
        (Some(defined), _) => Clock::Defined(defined),
        (None, Start::At { zone, .. }) => Clock::Known(zone),
        (None, Start::Day(_) | Start::Floating(_)) => Clock::Known(GERMAN_TIME),
    };
    let line = recurrence.rules.first().map_or(0, |(line, _)| *line);
    let dtstart = clock.at(starts).ok_or((line, What::NotADate(moment_of(starts).to_string())))?;
    let mut set = rrule::RRuleSet::new(dtstart);
    for (line, rule) in &recurrence.rules {
        let parsed: rrule::RRule<rrule::Unvalidated> =
            rule.parse().map_err(|error: rrule::RRuleError| (*line, What::BadRule(error.to_string())))?;
        let valid = parsed.validate(dtstart).map_err(|error| (*line, What::BadRule(error.to_string())))?;
        set = set.rrule(valid);
    }
    for exception in recurrence.exceptions.iter().filter_map(|&exception| clock.at(exception)) {
        set = set.exdate(exception);
    }
    for extra in recurrence.extra.iter().filter_map(|&extra| clock.at(extra)) {
        set = set.rdate(extra);
    }
    let dates = match window {
        Some(window) => {
            let bound = |local: NaiveDateTime| clock.at(Start::At { local, zone: GERMAN_TIME });
            let (Some(from), Some(to)) = (bound(window.from), bound(window.to)) else { return Ok(Vec::new()) };
            set.after(from).before(to).all(MAX_OCCURRENCES).dates
        }
        None => set.all(1).dates,
    };
    Ok(dates.into_iter().map(|at| clock.back(at, starts)).collect())
}

/// How long an event lasts, from DTSTART to DTEND.
fn elapsed(starts: Start, ends: Start) -> chrono::TimeDelta {
    match (starts, ends) {
        (Start::Day(first), Start::Day(after)) => after - first,
        _ => moment_of(ends).earliest() - moment_of(starts).earliest(),
    }
}

/// The end an event of `length` starting at `starts` has, as the domain
/// keeps it: an all-day event's last day, a timed one's end, none when it
/// takes no time or a single day.
fn end_of(starts: Start, length: chrono::TimeDelta) -> Option<Moment> {
    if length <= chrono::TimeDelta::zero() {
        return None;
    }
    let first = moment_of(starts);
    let last = match starts {
        Start::Day(day) => {
            let after = day.checked_add_signed(length)?;
            Moment::Day(after.pred_opt()?)
        }
        Start::At { .. } | Start::Floating(_) => Moment::At(first.earliest().checked_add_signed(length)?),
    };
    (last != first).then_some(last)
}

/// DURATION (RFC 5545, 3.3.6) as the `iso8601` crate reads it: "PT1H30M", "P2D", "P1W".
fn duration(value: &str) -> Option<chrono::TimeDelta> {
    let parsed = iso8601::duration(value.trim_start_matches('+')).ok()?;
    chrono::TimeDelta::from_std(parsed.into()).ok()
}

/// A stable key for an event without UID, from what it says: the same
/// event in the next fetch gets the same key.
fn content_key(properties: &[(usize, String)]) -> String {
    let mut lines: Vec<&str> = properties
        .iter()
        .map(|(_, content)| content.as_str())
        .filter(|content| !content.to_ascii_uppercase().starts_with("DTSTAMP"))
        .collect();
    lines.sort_unstable();
    format!("inhalt-{}", super::digest(&lines.join("\n")))
}

/// DTSTART, DTEND and the like as the calendar wrote them.
fn start(property: &Property, calendar: &Calendar) -> Result<Start, What> {
    let bad = || What::NotADate(property.val.as_str().trim().to_owned());
    match DatePerhapsTime::try_from(property).map_err(|_| bad())? {
        DatePerhapsTime::Date(day) => Ok(Start::Day(day)),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(at)) => {
            Ok(Start::At { local: at.naive_utc(), zone: chrono_tz::UTC })
        }
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(at)) => Ok(match calendar.zone {
            Some(zone) => Start::At { local: at, zone },
            None => Start::Floating(at),
        }),
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            if let Some(zone) = zone(&tzid) {
                return Ok(Start::At { local: date_time, zone });
            }
            // The calendar's own definition gives the instant; a series in
            // such a zone repeats on its wall clock (see `Clock::Defined`).
            let offset = calendar.zones.utc_offset(&tzid, date_time).ok_or(What::UnknownTimezone(tzid))?;
            Ok(Start::At { local: date_time - offset, zone: chrono_tz::UTC })
        }
    }
}

/// The calendar's own definition of the zone a time names, when chrono-tz
/// knows the zone by neither IANA nor Windows name.
fn defined_zone(property: &Property, calendar: &Calendar) -> Option<Zone> {
    match DatePerhapsTime::try_from(property).ok()? {
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { tzid, .. }) if zone(&tzid).is_none() => {
            calendar.zones.zone(&tzid).cloned()
        }
        _ => None,
    }
}

/// The moment in German local time; a local time the clocks skip (the
/// spring-forward hour) is no moment at all and is reported, not moved.
fn in_german_time(start: Start) -> Result<Moment, What> {
    match start {
        Start::Day(day) => Ok(Moment::Day(day)),
        Start::Floating(local) => Ok(Moment::At(local)),
        Start::At { local, zone } => match zone.from_local_datetime(&local).earliest() {
            Some(instant) => Ok(Moment::At(instant.with_timezone(&GERMAN_TIME).naive_local())),
            None => Err(What::SkippedHour(local.format("%Y-%m-%d %H:%M").to_string())),
        },
    }
}

/// For a start already checked by [`in_german_time`], or an occurrence the
/// rrule crate produced (which never lies in a skipped hour): its moment.
fn moment_of(start: Start) -> Moment {
    in_german_time(start).unwrap_or(match start {
        Start::Day(day) => Moment::Day(day),
        Start::At { local, .. } | Start::Floating(local) => Moment::At(local),
    })
}

/// A TZID as IANA names it, as Windows names it (through CLDR's mapping),
/// or as a path ending in an IANA name ("/freeassociation.sourceforge.net/Europe/Berlin").
fn zone(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    if let Ok(windows) = tzid.parse::<windows_timezones::WindowsTimezone>() {
        return Some(windows.into());
    }
    let mut rest = tzid;
    loop {
        if let Ok(zone) = rest.parse::<Tz>() {
            return Some(zone);
        }
        rest = rest.split_once('/')?.1;
    }
}

/// CATEGORIES: items separated by unescaped commas, each then unescaped.
fn text_list(raw: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut escaped = false;
    for ch in raw.chars() {
        match ch {
            ',' if !escaped => items.push(std::mem::take(&mut item)),
            ch => {
                escaped = ch == '\\' && !escaped;
                item.push(ch);
            }
        }
    }
    items.push(item);
    items
        .into_iter()
        .map(|item| ParseString::from(item.as_str()).unescape_text().as_str().trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// ORGANIZER;CN="Stadt Gießen":mailto:…: the name, else the address.
fn organiser(property: &Property) -> Option<String> {
    let name = property
        .params
        .iter()
        .find(|parameter| parameter.key.as_str().eq_ignore_ascii_case("CN"))
        .and_then(|parameter| parameter.val.as_ref())
        .map(|name| name.as_str().trim().to_owned());
    let address = property.val.as_str().trim();
    let address =
        address.get(..7).filter(|scheme| scheme.eq_ignore_ascii_case("mailto:")).map_or(address, |_| &address[7..]);
    name.filter(|name| !name.is_empty()).or_else(|| Some(address.to_owned()).filter(|address| !address.is_empty()))
}

#[derive(Debug, PartialEq, Eq)]
struct Whereabouts {
    venue: Option<String>,
    place: Option<String>,
    region: RegionRef,
    online: bool,
}

/// LOCATION, read for its place: "Stadthalle, Berliner Platz 2, 35390
/// Gießen" is in Gießen; "https://…" or "Online via Zoom" is online. The
/// whole text stays the venue.
fn whereabouts(location: Option<&str>, places: &dyn Places) -> Whereabouts {
    let location = location.map(str::trim).filter(|location| !location.is_empty());
    let Some(location) = location else {
        return Whereabouts { venue: None, place: None, region: RegionRef::Unknown, online: false };
    };
    let lowered = location.to_lowercase();
    let online_words = ["online", "zoom", "webex", "teams", "webinar", "livestream", "jitsi", "bigbluebutton"];
    if lowered.starts_with("http://")
        || lowered.starts_with("https://")
        || lowered.split(|ch: char| !ch.is_alphanumeric()).any(|word| online_words.contains(&word))
    {
        let venue = Some(location.to_owned()).filter(|_| !lowered.starts_with("http"));
        return Whereabouts { venue, place: None, region: RegionRef::Online, online: true };
    }
    let parts: Vec<&str> = location.split([',', ';']).map(str::trim).filter(|part| !part.is_empty()).collect();
    let by_postcode = parts.iter().rev().find_map(|part| {
        let (postcode, name) = postcode(part)?;
        places.kreis_of(name, Some(postcode)).map(|ags| (name, ags))
    });
    let found =
        by_postcode.or_else(|| parts.iter().rev().find_map(|part| places.kreis_of(part, None).map(|ags| (*part, ags))));
    match found {
        Some((place, ags)) => Whereabouts {
            venue: Some(location.to_owned()).filter(|venue| venue != place),
            place: Some(place.to_owned()).filter(|place| !place.is_empty()),
            region: RegionRef::Kreis(ags),
            online: false,
        },
        None => {
            Whereabouts { venue: Some(location.to_owned()), place: None, region: RegionRef::Unknown, online: false }
        }
    }
}

/// "35390 Gießen" or "D-35390 Gießen": the postcode and the name after it.
fn postcode(part: &str) -> Option<(&str, &str)> {
    let part = part.strip_prefix("D-").or_else(|| part.strip_prefix("D ")).unwrap_or(part);
    let code = part.get(..5)?;
    let rest = &part[5..];
    let separated = rest.is_empty() || rest.starts_with(char::is_whitespace);
    (code.bytes().all(|byte| byte.is_ascii_digit()) && separated).then(|| (code, rest.trim()))
}

/// The property a path into the JSON form comes from, for pointing at it.
pub fn property_of(path: &str) -> &'static str {
    match path {
        "key" => "UID",
        "title" => "SUMMARY",
        "organiser" | "source.publisher" => "ORGANIZER",
        "place" | "region" | "details.event.venue" => "LOCATION",
        "summary" | "description" => "DESCRIPTION",
        "url" => "URL",
        "details.event.starts" => "DTSTART",
        "details.event.ends" => "DTEND",
        path if path.starts_with("topics") => "CATEGORIES",
        _ => "VEVENT",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Places as a fixed list, standing in for the store's directory.
    struct Known;

    impl Places for Known {
        fn kreis_of(&self, name: &str, postcode: Option<&str>) -> Option<String> {
            match (name, postcode) {
                (_, Some("35390")) | ("Gießen", None) => Some("06531".into()),
                ("Berlin", None) => Some("11000".into()),
                _ => None,
            }
        }
    }

    fn read(text: &str) -> (Vec<Incoming>, Vec<String>, Vec<Note>) {
        let (records, problems, notes) = parse(text, "programm.ics", &Known);
        (records, problems.iter().map(|problem| problem.explain("programm.ics", Lang::De)).collect(), notes)
    }

    fn event(incoming: &Incoming) -> &Event {
        match &incoming.record.offering.details {
            Details::Event(event) => event,
            _ => panic!("calendar entries are events"),
        }
    }

    const PRETIX: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pretix//pretix//EN\r\nX-WR-CALNAME:Stadtmarketing-Akademie\r\n\
BEGIN:VEVENT\r\nUID:pretix-akademie-1@example.org\r\nSUMMARY:Innenstadt neu denken\\, gemeinsam\r\n\
DTSTART;TZID=Europe/Berlin:20210321T100000\r\nDTEND;TZID=Europe/Berlin:20210321T160000\r\n\
LOCATION:Stadthalle\\, Berliner Platz 2\\, 35390 Gießen\r\n\
DESCRIPTION:Erste Zeile\\nzweite Zeile mit einem sehr langen Text\\, der über die 75 Zeichen hin\r\n aus gefaltet wird.\r\n\
URL:https://pretix.example.org/akademie/1/\r\nCATEGORIES:Innenstadt,Handel\\, lokal\r\n\
ORGANIZER;CN=\"Stadt Gießen, Wirtschaftsförderung\":mailto:wf@giessen.example\r\n\
BEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn a_pretix_event_becomes_a_veranstaltung() {
        let (records, problems, notes) = read(PRETIX);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(notes.is_empty());
        let incoming = &records[0];
        let offering = &incoming.record.offering;
        assert_eq!(offering.key, "pretix-akademie-1@example.org");
        assert_eq!(offering.title, "Innenstadt neu denken, gemeinsam");
        assert_eq!(offering.place.as_deref(), Some("Gießen"));
        assert_eq!(offering.region, RegionRef::Kreis("06531".into()));
        assert_eq!(offering.organiser, "Stadt Gießen, Wirtschaftsförderung");
        assert_eq!(offering.source.publisher, "Stadtmarketing-Akademie");
        assert_eq!(offering.topics, ["Innenstadt", "Handel, lokal"]);
        assert_eq!(offering.url.as_deref(), Some("https://pretix.example.org/akademie/1/"));
        let event = event(incoming);
        assert_eq!(event.starts.to_string(), "2021-03-21T10:00");
        assert_eq!(event.ends.map(|ends| ends.to_string()).as_deref(), Some("2021-03-21T16:00"));
        assert_eq!(event.venue.as_deref(), Some("Stadthalle, Berliner Platz 2, 35390 Gießen"));
        assert!(!event.online);
        assert_eq!(
            incoming.record.description,
            "Erste Zeile\nzweite Zeile mit einem sehr langen Text, der über die 75 Zeichen hinaus gefaltet wird."
        );
        assert_eq!(incoming.line, 5);
    }

    #[test]
    fn utc_floating_and_all_day_times_land_in_german_time() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:Sommer\nDTSTART:20210701T080000Z\nDTEND:20210701T100000Z\nLOCATION:Berlin\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:b\nSUMMARY:Winter\nDTSTART:20211201T080000Z\nLOCATION:online\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:c\nSUMMARY:Tagung\nDTSTART;VALUE=DATE:20211028\nDTEND;VALUE=DATE:20211030\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:d\nSUMMARY:Ein Tag\nDTSTART;VALUE=DATE:20211028\nDTEND;VALUE=DATE:20211029\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:e\nSUMMARY:Schwebend\nDTSTART:20211028T093000\nDTEND;TZID=W. Europe Standard Time:20211028T113000\nEND:VEVENT\nEND:VCALENDAR\n";
        let (records, problems, notes) = read(text);
        assert!(problems.is_empty(), "{problems:?}");
        let when: Vec<(String, Option<String>)> = records
            .iter()
            .map(|incoming| {
                let event = event(incoming);
                (event.starts.to_string(), event.ends.map(|ends| ends.to_string()))
            })
            .collect();
        assert_eq!(
            when,
            [
                ("2021-07-01T10:00".into(), Some("2021-07-01T12:00".into())),
                ("2021-12-01T09:00".into(), None),
                ("2021-10-28".into(), Some("2021-10-29".into())),
                ("2021-10-28".into(), None),
                ("2021-10-28T09:30".into(), Some("2021-10-28T11:30".into())),
            ]
        );
        assert_eq!(records[1].record.offering.region, RegionRef::Online);
        assert!(event(&records[1]).online);
        let unplaced: Vec<usize> = notes
            .iter()
            .filter_map(|note| match note {
                Note::NoRegion { line, .. } => Some(*line),
                Note::Recurring { .. } => None,
            })
            .collect();
        assert_eq!(unplaced, [15, 21, 27]);
    }

    #[test]
    fn several_calendars_in_one_file_all_count() {
        let one = PRETIX.to_owned();
        let two = PRETIX.replace("pretix-akademie-1", "pretix-akademie-2");
        let (records, problems, _) = read(&(one + &two));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].line, 25);
    }

    #[test]
    fn broken_calendars_name_their_line() {
        let cut = &PRETIX[..PRETIX.find("URL:").unwrap()];
        let (_, problems, _) = read(cut);
        assert_eq!(problems, ["programm.ics:5: BEGIN:VEVENT ohne END:VEVENT (Datei abgeschnitten?)"]);

        let bad_date = PRETIX
            .replace("20210321T100000", "20210231T100000")
            .replace("Europe/Berlin:20210321T16", "Mars/Olymp:20210321T16");
        let (_, problems, _) = read(&bad_date);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("programm.ics:8: Feld \"DTSTART\": \"20210231T100000\" ist kein gültiges Datum")
        );
        assert!(problems[1].starts_with("programm.ics:9: Feld \"DTEND\": unbekannte Zeitzone \"Mars/Olymp\""));

        let (_, problems, _) = read("Liebe Kolleginnen,\nanbei der Kalender.\n");
        assert_eq!(
            problems,
            [
                "programm.ics:1: Zeile steht außerhalb von BEGIN:VCALENDAR … END:VCALENDAR; ist das eine iCalendar-Datei?"
            ]
        );
        let (_, problems, _) = read("BEGIN:VCALENDAR\nEND:VCALENDAR\n");
        assert!(problems[0].contains("keinen Termin"));
        let (_, problems, _) = read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nEND:VCALENDAR\n");
        assert_eq!(problems, ["programm.ics:4: END:VCALENDAR, obwohl BEGIN:VEVENT aus Zeile 2 noch offen ist"]);
        let (_, problems, _) = read("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VEVENT\n");
        assert_eq!(problems, ["programm.ics:3: END:VEVENT ohne passendes BEGIN"]);
    }

    #[test]
    fn places_are_found_by_postcode_or_name() {
        let known = |location: &str| whereabouts(Some(location), &Known);
        assert_eq!(known("35390 Gießen").region, RegionRef::Kreis("06531".into()));
        assert_eq!(known("Rathaus, Berlin").place.as_deref(), Some("Berlin"));
        assert_eq!(known("Berlin").venue, None, "a bare place is no venue");
        assert_eq!(known("https://zoom.us/j/1").venue, None);
        assert_eq!(known("Online via Zoom").region, RegionRef::Online);
        let unknown = known("Rathaus Atlantis");
        assert_eq!(
            (unknown.region, unknown.place, unknown.venue.as_deref()),
            (RegionRef::Unknown, None, Some("Rathaus Atlantis"))
        );
        assert_eq!(postcode("D-35390 Gießen"), Some(("35390", "Gießen")));
        assert_eq!(postcode("353901 Gießen"), None);
    }

    /// Folds a content line as RFC 5545 asks: 75 octets, then a break and a space.
    fn fold(line: &str) -> String {
        let mut folded = String::new();
        let mut width = 0;
        for ch in line.chars() {
            if width + ch.len_utf8() > 75 {
                folded.push_str("\r\n ");
                width = 1;
            }
            folded.push(ch);
            width += ch.len_utf8();
        }
        folded
    }

    proptest::proptest! {
        #[test]
        fn folded_lines_unfold_to_themselves(lines in proptest::collection::vec("[A-Z][^\r\n]{0,300}", 1..5)) {
            let text: String = lines.iter().map(|line| fold(line) + "\r\n").collect();
            let unfolded: Vec<String> = unfold(&text).into_iter().map(|(_, line)| line).collect();
            let expected: Vec<String> = lines.iter().filter(|line| !line.trim().is_empty()).cloned().collect();
            proptest::prop_assert_eq!(unfolded, expected);
        }

        #[test]
        fn unfolding_keeps_line_numbers_in_order(text in proptest::prelude::any::<String>()) {
            let physical = text.split('\n').count();
            let lines = unfold(&text);
            proptest::prop_assert!(lines.windows(2).all(|pair| pair[0].0 < pair[1].0));
            proptest::prop_assert!(lines.iter().all(|(line, _)| (1..=physical).contains(line)));
        }
    }

    #[test]
    fn zones_by_every_name_outlook_and_friends_use() {
        assert_eq!(zone("Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(zone("\"W. Europe Standard Time\""), Some(chrono_tz::Europe::Berlin));
        assert_eq!(zone("/freeassociation.sourceforge.net/Tzfile/Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(zone("Mars/Olymp"), None);
    }

    fn calendar(events: &str) -> String {
        format!("BEGIN:VCALENDAR\nVERSION:2.0\n{events}END:VCALENDAR\n")
    }

    fn window() -> Option<Window> {
        let now = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
        Some(Window::around(now))
    }

    fn starts_and_keys(read: &CalendarRead) -> Vec<(String, String)> {
        read.events
            .iter()
            .map(|event| {
                (event.incoming.record.offering.key.clone(), super::tests::event(&event.incoming).starts.to_string())
            })
            .collect()
    }

    #[test]
    fn duration_stands_in_for_dtend() {
        let text = calendar(
            "BEGIN:VEVENT\nUID:d\nSUMMARY:Dauer\nDTSTART;TZID=Europe/Berlin:20250312T090000\nDURATION:PT1H30M\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:t\nSUMMARY:Zwei Tage\nDTSTART;VALUE=DATE:20250312\nDURATION:P2D\nEND:VEVENT\n",
        );
        let (records, problems, _) = read(&text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(event(&records[0]).ends.map(|ends| ends.to_string()).as_deref(), Some("2025-03-12T10:30"));
        assert_eq!(event(&records[1]).ends.map(|ends| ends.to_string()).as_deref(), Some("2025-03-13"));
    }

    #[test]
    fn windows_zone_names_come_from_cldr() {
        assert_eq!(zone("Eastern Standard Time"), Some(chrono_tz::America::New_York));
        assert_eq!(zone("Tokyo Standard Time"), Some(chrono_tz::Asia::Tokyo));
        let text = calendar(
            "BEGIN:VEVENT\nUID:ny\nSUMMARY:Call\nDTSTART;TZID=Eastern Standard Time:20250312T090000\nEND:VEVENT\n",
        );
        let (records, problems, _) = read(&text);
        assert!(problems.is_empty(), "{problems:?}");
        // New York is on summer time from 9 March, Germany not yet: five hours apart.
        assert_eq!(event(&records[0]).starts.to_string(), "2025-03-12T14:00");
    }

    #[test]
    fn a_series_becomes_its_occurrences_in_the_window_without_exdates() {
        let text = calendar(
            "BEGIN:VEVENT\nUID:stammtisch\nSUMMARY:Stammtisch\nDTSTART;TZID=Europe/Berlin:20250305T180000\n\
DTEND;TZID=Europe/Berlin:20250305T200000\nRRULE:FREQ=WEEKLY;COUNT=4\nEXDATE;TZID=Europe/Berlin:20250305T180000\n\
RDATE;TZID=Europe/Berlin:20250401T180000\nEND:VEVENT\n",
        );
        let read = read_calendar(&text, "k.ics", &Known, window());
        assert!(read.refused.is_empty(), "{:?}", read.refused);
        assert_eq!(
            starts_and_keys(&read),
            [
                ("stammtisch/2025-03-12T18:00".to_owned(), "2025-03-12T18:00".to_owned()),
                ("stammtisch/2025-03-19T18:00".to_owned(), "2025-03-19T18:00".to_owned()),
                ("stammtisch/2025-03-26T18:00".to_owned(), "2025-03-26T18:00".to_owned()),
                ("stammtisch/2025-04-01T18:00".to_owned(), "2025-04-01T18:00".to_owned()),
            ]
        );
        // Across the change to summer time the hour stays 18:00 and the length two hours.
        assert_eq!(
            super::tests::event(&read.events[2].incoming).ends.map(|ends| ends.to_string()).as_deref(),
            Some("2025-03-26T20:00")
        );
        // The import takes the first occurrence EXDATE leaves, not DTSTART.
        let (records, _, notes) = parse(&text, "k.ics", &Known);
        assert_eq!(event(&records[0]).starts.to_string(), "2025-03-12T18:00");
        assert!(notes.iter().any(|note| matches!(note, Note::Recurring { .. })));
    }

    #[test]
    fn an_override_replaces_its_occurrence_and_cancellations_are_kept() {
        let text = calendar(
            "BEGIN:VEVENT\nUID:r\nSUMMARY:Runde\nDTSTART:20250310T090000Z\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:r\nRECURRENCE-ID:20250311T090000Z\nSUMMARY:Runde (verlegt)\nDTSTART:20250311T130000Z\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:r\nRECURRENCE-ID:20250312T090000Z\nSUMMARY:Runde\nSTATUS:CANCELLED\nDTSTART:20250312T090000Z\nEND:VEVENT\n",
        );
        let read = read_calendar(&text, "k.ics", &Known, window());
        let titles: Vec<(&str, &str, bool)> = read
            .events
            .iter()
            .map(|event| {
                (
                    event.incoming.record.offering.key.as_str(),
                    event.incoming.record.offering.title.as_str(),
                    event.cancelled,
                )
            })
            .collect();
        assert_eq!(
            titles,
            [
                ("r/2025-03-10T10:00", "Runde", false),
                ("r/2025-03-11T10:00", "Runde (verlegt)", false),
                ("r/2025-03-12T10:00", "Runde", true),
            ]
        );
        let cancelled = "METHOD:CANCEL\nBEGIN:VEVENT\nUID:x\nSUMMARY:Weg\nDTSTART:20250310T090000Z\nEND:VEVENT\n";
        assert!(read_calendar(&calendar(cancelled), "k.ics", &Known, window()).events[0].cancelled);
    }

    #[test]
    fn events_without_uid_get_a_key_from_their_content() {
        let one = "BEGIN:VEVENT\nSUMMARY:Ohne UID\nDTSTAMP:20250101T000000Z\nDTSTART:20250310T090000Z\nEND:VEVENT\n";
        let again = one.replace("20250101", "20250202");
        let other = one.replace("Ohne UID", "Anderes");
        let key = |text: &str| {
            read_calendar(&calendar(text), "k.ics", &Known, None).events[0].incoming.record.offering.key.clone()
        };
        assert!(key(one).starts_with("inhalt-"));
        assert_eq!(key(one), key(&again), "a new DTSTAMP is the same event");
        assert_ne!(key(one), key(&other));
    }

    /// Outlook's definition of German time under a name chrono-tz does not know.
    const OUTLOOK_ZONE: &str = "BEGIN:VTIMEZONE\nTZID:GMT +0100 (Standard) / GMT +0200 (Daylight)\n\
BEGIN:STANDARD\nDTSTART:16010101T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\n\
BEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\n\
END:VTIMEZONE\n";

    #[test]
    fn a_series_in_a_zone_known_only_from_its_vtimezone_keeps_its_hour_across_summer_time() {
        let text = calendar(&format!(
            "{OUTLOOK_ZONE}BEGIN:VEVENT\nUID:jf\nSUMMARY:Jour fixe\n\
DTSTART;TZID=\"GMT +0100 (Standard) / GMT +0200 (Daylight)\":20250319T100000\n\
DTEND;TZID=\"GMT +0100 (Standard) / GMT +0200 (Daylight)\":20250319T113000\n\
RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=5\n\
EXDATE;TZID=\"GMT +0100 (Standard) / GMT +0200 (Daylight)\":20250402T100000\nEND:VEVENT\n"
        ));
        let read = read_calendar(&text, "k.ics", &Known, window());
        assert!(read.refused.is_empty(), "{:?}", read.refused);
        // The clocks go forward on Sunday, 30 March; the meeting stays at ten.
        assert_eq!(
            starts_and_keys(&read),
            [
                ("jf/2025-03-19T10:00".to_owned(), "2025-03-19T10:00".to_owned()),
                ("jf/2025-03-26T10:00".to_owned(), "2025-03-26T10:00".to_owned()),
                ("jf/2025-04-09T10:00".to_owned(), "2025-04-09T10:00".to_owned()),
                ("jf/2025-04-16T10:00".to_owned(), "2025-04-16T10:00".to_owned()),
            ]
        );
        let ends = super::tests::event(&read.events[2].incoming).ends.map(|ends| ends.to_string());
        assert_eq!(ends.as_deref(), Some("2025-04-09T11:30"));
    }

    #[test]
    fn a_zone_known_only_from_its_vtimezone_is_read_from_it() {
        let text = calendar(&format!(
            "{OUTLOOK_ZONE}BEGIN:VEVENT\nUID:w\nSUMMARY:Winter\nDTSTART;TZID=\"GMT +0100 (Standard) / GMT +0200 (Daylight)\":20250115T100000\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:s\nSUMMARY:Sommer\nDTSTART;TZID=\"GMT +0100 (Standard) / GMT +0200 (Daylight)\":20250715T100000\nEND:VEVENT\n"
        ));
        let (records, problems, _) = read(&text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(event(&records[0]).starts.to_string(), "2025-01-15T10:00");
        assert_eq!(event(&records[1]).starts.to_string(), "2025-07-15T10:00");
    }

    #[test]
    fn a_time_in_the_spring_forward_gap_is_reported() {
        let text = calendar(
            "BEGIN:VEVENT\nUID:g\nSUMMARY:Nachts\nDTSTART;TZID=Europe/Berlin:20250330T023000\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:ok\nSUMMARY:Tags\nDTSTART;TZID=Europe/Berlin:20250330T103000\nEND:VEVENT\n",
        );
        let read = read_calendar(&text, "k.ics", &Known, window());
        assert_eq!(read.events.len(), 1, "the good event stands");
        let problem = &read.refused[0][0];
        assert_eq!(problem.what, What::SkippedHour("2025-03-30 02:30".into()));
        assert_eq!(problem.line, Some(6));
    }

    #[test]
    fn one_bad_event_leaves_the_others_standing() {
        let text = calendar(
            "BEGIN:VEVENT\nUID:a\nSUMMARY:Gut\nDTSTART:20250310T090000Z\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:b\nSUMMARY:Schlecht\nDTSTART:20250231T090000Z\nEND:VEVENT\n",
        );
        let read = read_calendar(&text, "k.ics", &Known, window());
        assert_eq!(read.events.len(), 1);
        assert_eq!(read.refused.len(), 1);
        assert!(read.broken.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panic(lines in proptest::collection::vec(
            "(BEGIN:VCALENDAR|END:VCALENDAR|BEGIN:VEVENT|END:VEVENT|UID:[a-z]{1,3}|SUMMARY:[a-zä ]{0,8}|\
    DTSTART(;TZID=[A-Za-z/ .]{1,20}|;VALUE=DATE)?:[0-9TZ]{0,16}|DTEND:[0-9TZ]{0,16}|DURATION:[PTHMDW0-9+-]{0,8}|\
    RRULE:[A-Z=;0-9,-]{0,40}|EXDATE:[0-9TZ,]{0,30}|RDATE:[0-9TZ,]{0,30}|RECURRENCE-ID:[0-9TZ]{0,16}|\
    STATUS:CANCELLED|METHOD:CANCEL|BEGIN:VTIMEZONE|END:VTIMEZONE|BEGIN:STANDARD|END:STANDARD|\
    BEGIN:DAYLIGHT|END:DAYLIGHT|TZID:[A-Z ]{0,4}|TZOFFSETTO:[+0-9-]{0,7}|DTSTART;TZID=[A-Z ]{0,4}:[0-9T]{0,16}|[^\r\n]{0,20})", 0..25)) {
            let text = lines.join("\r\n");
            let read = read_calendar(&text, "k.ics", &Known, window());
            let _ = read_calendar(&text, "k.ics", &Known, None);
            proptest::prop_assert!(read.events.len() <= 25 * usize::from(MAX_OCCURRENCES));
        }
    }
}
