//! iCalendar (.ics, as pretix, Indico or Outlook export it): every VEVENT
//! becomes a Veranstaltung. The crate `icalendar` reads each property (its
//! parameters, escaped text, date values); the file's structure is walked
//! here, line by line, so that every problem can name its line, and so that
//! several calendars in one file and cut-off files are handled.

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use icalendar::parser::{ParseString, Property};
use icalendar::{CalendarDateTime, DatePerhapsTime};

use crate::domain::{Details, Event, Moment, Offering, Price, Record, RegionRef, Source};

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
}

/// An event's property lines, not yet parsed.
struct RawEvent {
    line: usize,
    properties: Vec<(usize, String)>,
}

pub fn parse(text: &str, file_name: &str, places: &dyn Places) -> (Vec<Incoming>, Vec<Problem>, Vec<Note>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut calendar = Calendar::default();
    let mut event: Option<RawEvent> = None;
    let mut events = 0;
    for (line, content) in unfold(text) {
        if let Some(name) = marker(&content, "BEGIN") {
            if stack.len() >= MAX_DEPTH {
                problems.push(Problem::at_line(line, What::TooDeep { max: MAX_DEPTH }));
                return (records, problems, notes);
            }
            if name == "VCALENDAR" && stack.is_empty() {
                calendar = Calendar::default();
            }
            if name == "VEVENT" {
                if event.is_some() {
                    problems.push(Problem::at_line(line, What::NestedEvent));
                    return (records, problems, notes);
                }
                event = Some(RawEvent { line, properties: Vec::new() });
            }
            stack.push((name, line));
        } else if let Some(name) = marker(&content, "END") {
            match stack.pop() {
                Some((open, _)) if open == name => {
                    if let Some(raw) = event.take_if(|_| name == "VEVENT") {
                        events += 1;
                        match convert(raw, events, &calendar, file_name, places) {
                            Ok((incoming, note)) => {
                                records.push(incoming);
                                notes.extend(note);
                            }
                            Err(found) => problems.extend(found),
                        }
                    }
                }
                open => {
                    problems.push(Problem::at_line(line, What::UnexpectedEnd { component: name, open }));
                    return (records, problems, notes);
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
                // Alarms, time zone definitions and the like carry nothing lotse shows.
                Some(_) => {}
                None => {
                    problems.push(Problem::at_line(line, What::OutsideCalendar));
                    return (records, problems, notes);
                }
            }
        }
    }
    if let Some((name, line)) = stack.last() {
        problems.push(Problem::at_line(*line, What::Unclosed { component: name.clone() }));
    } else if events == 0 && problems.is_empty() {
        problems.push(Problem::new(What::NoEvents));
    }
    (records, problems, notes)
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
        _ => {}
    }
}

/// A parsed property with its name in capitals and its line.
struct Line<'a> {
    name: String,
    line: usize,
    property: Property<'a>,
}

fn convert(
    raw: RawEvent,
    number: usize,
    calendar: &Calendar,
    file_name: &str,
    places: &dyn Places,
) -> Result<(Incoming, Vec<Note>), Vec<Problem>> {
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

    let mut moment_of = |name: &str| -> Option<Moment> {
        let line = find(name)?;
        match moment(&line.property, calendar.zone) {
            Ok(moment) => Some(moment),
            Err(what) => {
                problems.push(Problem::at_line(line.line, what).in_field(name));
                None
            }
        }
    };
    let starts = moment_of("DTSTART");
    let ends = moment_of("DTEND");
    let Some(starts) = starts else {
        if find("DTSTART").is_none() {
            problems.push(Problem::at_line(raw.line, What::Missing).in_field("DTSTART"));
        }
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    let title = text("SUMMARY").unwrap_or_default();
    let key = match (text("UID"), text("RECURRENCE-ID")) {
        // A changed instance of a series shares the series' UID.
        (Some(uid), Some(instance)) => format!("{uid}/{instance}"),
        (uid, _) => uid.unwrap_or_default(),
    };
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
    let mut notes = Vec::new();
    if whereabouts.region == RegionRef::Unknown {
        notes.push(Note::NoRegion { line: raw.line, title: title.clone(), location: location.clone() });
    }
    if find("RRULE").is_some() || find("RDATE").is_some() {
        notes.push(Note::Recurring { line: raw.line, title: title.clone() });
    }
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
            format: "Veranstaltung".to_owned(),
            starts,
            ends: ends.and_then(|ends| end_of(starts, ends)),
            venue: whereabouts.venue,
            online: whereabouts.online,
            price: Price::Unknown,
            speakers: Vec::new(),
            code: None,
            capacity: None,
            registration_deadline: None,
            registration_note: None,
        }),
    };
    let record = Record { offering, summary: String::new(), description: text("DESCRIPTION").unwrap_or_default() };
    let properties = lines.into_iter().map(|line| (line.name, line.line)).collect();
    Ok((Incoming { record, line: raw.line, number, origin: Origin::Ics { properties } }, notes))
}

/// An all-day event's DTEND is the day after it ends; a timed one's is its end.
fn end_of(starts: Moment, ends: Moment) -> Option<Moment> {
    match (starts, ends) {
        (Moment::Day(first), Moment::Day(after)) if after > first => {
            after.pred_opt().filter(|last| *last > first).map(Moment::Day)
        }
        _ if ends == starts => None,
        _ => Some(ends),
    }
}

/// DTSTART and DTEND in German local time: UTC and zoned times converted,
/// floating times taken as they are (or in the calendar's declared zone).
fn moment(property: &Property, calendar_zone: Option<Tz>) -> Result<Moment, What> {
    let bad = || What::NotADate(property.val.as_str().trim().to_owned());
    match DatePerhapsTime::try_from(property).map_err(|_| bad())? {
        DatePerhapsTime::Date(day) => Ok(Moment::Day(day)),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(at)) => {
            Ok(Moment::At(at.with_timezone(&GERMAN_TIME).naive_local()))
        }
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(at)) => Ok(match calendar_zone {
            Some(zone) => in_german_time(at, zone),
            None => Moment::At(at),
        }),
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            let zone = zone(&tzid).ok_or(What::UnknownTimezone(tzid))?;
            Ok(in_german_time(date_time, zone))
        }
    }
}

fn in_german_time(local: NaiveDateTime, zone: Tz) -> Moment {
    // A local time in the hour the clocks skip is taken an hour later.
    let instant = zone.from_local_datetime(&local).earliest().or_else(|| {
        let later = local.checked_add_signed(chrono::TimeDelta::hours(1))?;
        zone.from_local_datetime(&later).earliest()
    });
    Moment::At(instant.map_or(local, |instant| instant.with_timezone(&GERMAN_TIME).naive_local()))
}

/// A TZID as IANA names it, as Outlook names it on Windows, or as a path
/// ending in an IANA name ("/freeassociation.sourceforge.net/Europe/Berlin").
fn zone(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    let windows = match tzid {
        "W. Europe Standard Time" => Some(chrono_tz::Europe::Berlin),
        "Central Europe Standard Time" => Some(chrono_tz::Europe::Budapest),
        "Central European Standard Time" => Some(chrono_tz::Europe::Warsaw),
        "Romance Standard Time" => Some(chrono_tz::Europe::Paris),
        "GMT Standard Time" => Some(chrono_tz::Europe::London),
        "UTC" | "Coordinated Universal Time" => Some(chrono_tz::UTC),
        _ => None,
    };
    windows.or_else(|| {
        let mut rest = tzid;
        loop {
            if let Ok(zone) = rest.parse::<Tz>() {
                return Some(zone);
            }
            rest = rest.split_once('/')?.1;
        }
    })
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
}
