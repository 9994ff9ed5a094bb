//! Event pages with schema.org JSON-LD: Event and its subtypes, EventSeries,
//! Course and CourseInstance, also inside @graph and arrays.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
use serde_json::Value;

use crate::domain::{Details, Event, Moment, Offering, Person, Price, Record, RegionRef, Source};
use crate::exchange::{Incoming, Origin, Problem, What};

use super::html::{is_markup, json_ld_blocks, text_of};
use super::model::ItemStatus;
use super::{Context, Found};

/// How deep lotse looks into nested JSON-LD; real pages nest three or four levels.
const MAX_DEPTH: usize = 12;

const EVENT_TYPES: &[&str] = &[
    "Event",
    "BusinessEvent",
    "ChildrensEvent",
    "ComedyEvent",
    "CourseInstance",
    "DanceEvent",
    "DeliveryEvent",
    "EducationEvent",
    "EventSeries",
    "ExhibitionEvent",
    "Festival",
    "FoodEvent",
    "Hackathon",
    "LiteraryEvent",
    "MusicEvent",
    "PublicationEvent",
    "BroadcastEvent",
    "OnDemandEvent",
    "SaleEvent",
    "ScreeningEvent",
    "SocialEvent",
    "SportsEvent",
    "TheaterEvent",
    "VisualArtsEvent",
];

pub fn read(page: &str, context: &Context) -> (Vec<Found>, Vec<Problem>) {
    let mut values = Vec::new();
    let mut problems = Vec::new();
    for (index, block) in json_ld_blocks(page).iter().enumerate() {
        match serde_json::from_str::<Value>(block) {
            Ok(value) => values.push(value),
            Err(error) => {
                let what = What::Syntax(format!("JSON-LD-Block {}: {error}", index + 1));
                problems.push(Problem::new(what));
            }
        }
    }
    let mut nodes = Vec::new();
    for value in &values {
        collect(value, None, 0, &mut nodes);
    }
    let mut found = Vec::new();
    for (index, (node, course)) in nodes.into_iter().enumerate() {
        let number = index + 1;
        match event(node, course, context, number) {
            Ok(item) => found.push(item),
            Err(problem) => problems.push(problem),
        }
    }
    (found, problems)
}

/// Every event node, with the Course it is an instance of.
fn collect<'a>(
    value: &'a Value,
    course: Option<&'a Value>,
    depth: usize,
    nodes: &mut Vec<(&'a Value, Option<&'a Value>)>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Array(values) => values.iter().for_each(|value| collect(value, course, depth + 1, nodes)),
        Value::Object(object) => {
            if let Some(graph) = object.get("@graph") {
                collect(graph, course, depth + 1, nodes);
            }
            if has_type(value, &["Course"]) {
                if let Some(instances) = object.get("hasCourseInstance") {
                    collect(instances, Some(value), depth + 1, nodes);
                }
                return;
            }
            if has_type(value, EVENT_TYPES) {
                let series_without_date = has_type(value, &["EventSeries"]) && object.get("startDate").is_none();
                if !series_without_date {
                    nodes.push((value, course));
                }
                for sub in ["subEvent", "subEvents"] {
                    if let Some(sub) = object.get(sub) {
                        collect(sub, None, depth + 1, nodes);
                    }
                }
            }
        }
        _ => {}
    }
}

fn type_name(text: &str) -> &str {
    text.rsplit(['/', ':']).next().unwrap_or(text)
}

fn has_type(value: &Value, wanted: &[&str]) -> bool {
    let matches = |kind: &Value| kind.as_str().is_some_and(|kind| wanted.contains(&type_name(kind)));
    match value.get("@type") {
        Some(Value::Array(kinds)) => kinds.iter().any(matches),
        Some(kind) => matches(kind),
        None => false,
    }
}

/// A text field: a string, or the first string of an array, as plain text.
fn text(value: Option<&Value>) -> Option<String> {
    let value = match value? {
        Value::Array(values) => values.first()?,
        value => value,
    };
    let raw = match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Object(object) => return text(object.get("name").or_else(|| object.get("@value"))),
        _ => return None,
    };
    let plain = if is_markup(&raw) { text_of(&raw) } else { raw.trim().to_owned() };
    Some(plain).filter(|text| !text.is_empty())
}

fn each(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(values)) => values.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(value) => vec![value],
    }
}

fn event(node: &Value, course: Option<&Value>, context: &Context, number: usize) -> Result<Found, Problem> {
    let at_record = |what: What, field: &str| Problem { record: Some(number), ..Problem::new(what) }.in_field(field);
    let field = |name: &str| node.get(name).or_else(|| course.and_then(|course| course.get(name)));
    let starts = match node.get("startDate") {
        Some(value) => date(value).ok_or_else(|| at_record(What::NotADate(value_text(value)), "startDate"))?,
        None => return Err(at_record(What::Missing, "startDate")),
    };
    let ends = match node.get("endDate") {
        Some(value) => Some(date(value).ok_or_else(|| at_record(What::NotADate(value_text(value)), "endDate"))?),
        None => None,
    };
    let title = text(field("name")).unwrap_or_default();
    let url = text(field("url")).and_then(|url| absolute(&url, context.url));
    let mut online = false;
    let mut venue = None;
    let mut place = None;
    let mut region = RegionRef::Unknown;
    for location in each(node.get("location")) {
        if has_type(location, &["VirtualLocation"]) {
            online = true;
            continue;
        }
        if let Value::String(text) = location {
            venue.get_or_insert_with(|| text.trim().to_owned());
            continue;
        }
        let address = location.get("address");
        let postcode = address.and_then(|address| text(address.get("postalCode")));
        let locality = address.and_then(|address| text(address.get("addressLocality")));
        let street = address.and_then(|address| text(address.get("streetAddress")));
        let written = address.and_then(|address| address.as_str()).map(str::to_owned);
        let name = text(location.get("name"));
        let parts: Vec<String> = [
            name,
            street,
            written,
            postcode.clone().map(|code| locality.clone().map_or(code.clone(), |locality| format!("{code} {locality}"))),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !parts.is_empty() {
            venue.get_or_insert_with(|| parts.join(", "));
        }
        if let Some(locality) = &locality
            && let Some(ags) = context.places.kreis_of(locality, postcode.as_deref())
        {
            region = RegionRef::Kreis(ags);
            place = Some(locality.clone());
        }
    }
    match node.get("eventAttendanceMode").and_then(Value::as_str).map(type_name) {
        Some("OnlineEventAttendanceMode") => online = true,
        Some("MixedEventAttendanceMode") => online = true,
        _ => {}
    }
    if online && region == RegionRef::Unknown {
        region = RegionRef::Online;
    }
    let status = match node.get("eventStatus").and_then(Value::as_str).map(type_name) {
        Some("EventCancelled") => ItemStatus::Cancelled,
        Some("EventPostponed") => ItemStatus::Postponed,
        Some("EventRescheduled") => ItemStatus::Rescheduled,
        Some("EventMovedOnline") => {
            online = true;
            ItemStatus::Active
        }
        _ => ItemStatus::Active,
    };
    let (price, sold_out) = offers(field("offers"));
    let organiser = each(field("organizer").or_else(|| field("provider")))
        .into_iter()
        .find_map(|organizer| text(Some(organizer)))
        .unwrap_or_else(|| context.name.to_owned());
    let speakers = each(node.get("performer"))
        .into_iter()
        .filter_map(|performer| {
            let name = text(Some(performer))?;
            let affiliation = text(performer.get("worksFor").or_else(|| performer.get("affiliation")));
            Some(Person { name, affiliation })
        })
        .collect();
    let format = if has_type(node, &["CourseInstance"]) || course.is_some() {
        "Kurs"
    } else if has_type(node, &["EducationEvent"]) {
        "Seminar"
    } else if has_type(node, &["EventSeries"]) {
        "Veranstaltungsreihe"
    } else {
        "Veranstaltung"
    };
    let key = text(node.get("@id"))
        .or_else(|| url.clone().map(|url| format!("{url}#{starts}")))
        .unwrap_or_else(|| crate::exchange::digest(&format!("{title}\n{starts}")));
    let offering = Offering {
        key,
        title,
        organiser,
        place,
        region,
        topics: Vec::new(),
        source: Source { title: context.name.to_owned(), publisher: context.name.to_owned(), date: None, url: None },
        url,
        details: Details::Event(Event {
            ends: ends.filter(|ends| *ends != starts),
            venue: venue.filter(|venue| !venue.is_empty()),
            online,
            price,
            speakers,
            registration_note: sold_out.then(|| "ausgebucht (laut Quelle)".to_owned()),
            ..Event::starting(format, starts)
        }),
    };
    let record =
        Record { offering, summary: String::new(), description: text(field("description")).unwrap_or_default() };
    Ok(Found { incoming: Incoming { record, line: 0, number, origin: Origin::Json { span: 0..0 } }, status })
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The first offer's price in euro, and whether any offer is sold out.
fn offers(value: Option<&Value>) -> (Price, bool) {
    let offers = each(value);
    let sold_out = offers.iter().any(|offer| {
        offer
            .get("availability")
            .and_then(Value::as_str)
            .is_some_and(|availability| type_name(availability) == "SoldOut")
    });
    let price = offers.iter().find_map(|offer| {
        let currency = offer.get("priceCurrency").and_then(Value::as_str).unwrap_or("EUR");
        if !currency.eq_ignore_ascii_case("EUR") {
            return None;
        }
        let amount = match offer.get("price")? {
            Value::Number(number) => number.as_f64()?,
            Value::String(text) => text.trim().replace(',', ".").parse::<f64>().ok()?,
            _ => return None,
        };
        if !(0.0..=1_000_000.0).contains(&amount) {
            return None;
        }
        let cents = (amount * 100.0).round() as u64;
        Some(if cents == 0 { Price::Free } else { Price::Fee { cents, plus_vat: false } })
    });
    (price.unwrap_or(Price::Unknown), sold_out)
}

/// ISO 8601 as schema.org writes it: with an offset (converted to German
/// time), as local time, or as a date.
fn date(value: &Value) -> Option<Moment> {
    let text = value.as_str()?.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(Moment::At(at.with_timezone(&chrono_tz::Europe::Berlin).naive_local()));
    }
    // "2025-03-12T09:00+01:00": RFC 3339 wants seconds.
    if let Ok(at) = DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z") {
        return Some(Moment::At(at.with_timezone(&chrono_tz::Europe::Berlin).naive_local()));
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            // A German page's local time; one in the skipped hour is no time at all.
            return chrono_tz::Europe::Berlin.from_local_datetime(&local).earliest().map(|_| Moment::At(local));
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Moment::Day)
}

fn absolute(url: &str, base: &str) -> Option<String> {
    let base = url::Url::parse(base).ok();
    let joined = match base {
        Some(base) => base.join(url).ok()?,
        None => url::Url::parse(url).ok()?,
    };
    matches!(joined.scheme(), "http" | "https").then(|| joined.to_string())
}
