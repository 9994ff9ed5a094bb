//! RSS 2.0, Atom and JSON Feed, read by `feed-rs`: each item becomes an
//! offering of the kind the source was given, its HTML turned into plain text.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{Details, Event, Kind, Moment, Offering, Practice, Project, Record, RegionRef, Roundtable, Source};
use crate::exchange::{Incoming, Origin, Problem, What};

use super::html::{is_markup, text_of};
use super::model::ItemStatus;
use super::{Context, Found};

pub fn read(text: &str, context: &Context) -> Result<(Vec<Found>, Vec<Problem>), Problem> {
    refuse_entities(text)?;
    // The text is already UTF-8; a declaration naming its original charset
    // would make the XML reader decode it a second time.
    let body = without_xml_declaration(text);
    let feed =
        feed_rs::parser::parse(body.as_bytes()).map_err(|error| Problem::new(What::NotAFeed(error.to_string())))?;
    let feed_title = feed.title.as_ref().map(plain).filter(|title| !title.is_empty());
    let kind = context.kind.unwrap_or(Kind::Event);
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (index, entry) in feed.entries.into_iter().enumerate() {
        let number = index + 1;
        let title = entry.title.as_ref().map(plain).unwrap_or_default();
        let summary = entry.summary.as_ref().map(plain).unwrap_or_default();
        let content = entry.content.as_ref().and_then(|content| content.body.as_deref()).map(plain_text);
        let description = content.filter(|content| !content.is_empty() && *content != summary).unwrap_or_default();
        let url = entry
            .links
            .iter()
            .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
            .map(|link| link.href.clone());
        let published = entry.published.or(entry.updated).map(german_day);
        let organiser = entry
            .authors
            .first()
            .and_then(|author| author.name.as_deref())
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| context.name.to_owned());
        let dated = |build: &dyn Fn(Moment) -> Details| match published {
            Some(day) => Ok(build(Moment::Day(day))),
            None => Err(Problem { record: Some(number), ..Problem::new(What::NoDate) }.in_field("published")),
        };
        let details = match kind {
            Kind::Event => dated(&|starts| Details::Event(Event::starting("Veranstaltung", starts))),
            Kind::Roundtable => dated(&|starts| {
                Details::Roundtable(Roundtable {
                    series: feed_title.clone().unwrap_or_else(|| context.name.to_owned()),
                    number: 0,
                    focus: title.clone(),
                    format: "Roundtable".to_owned(),
                    starts,
                    ends: None,
                    online: None,
                    capacity: None,
                    registration_deadline: None,
                })
            }),
            Kind::Project => Ok(Details::Project(Project {
                period_from: None,
                period_to: None,
                period_note: None,
                goals: Vec::new(),
                project_types: Vec::new(),
                area_scope: Vec::new(),
                partners: Vec::new(),
                funder: None,
                contact: None,
            })),
            Kind::Practice => Ok(Details::Practice(Practice {
                organisation: organiser.clone(),
                municipality: None,
                key_elements: Vec::new(),
                contact: None,
            })),
        };
        let details = match details {
            Ok(details) => details,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let offering = Offering {
            key: entry.id.trim().to_owned(),
            title,
            organiser,
            place: None,
            region: RegionRef::Unknown,
            topics: entry
                .categories
                .iter()
                .map(|category| category.term.trim().to_owned())
                .filter(|term| !term.is_empty())
                .collect(),
            source: Source {
                title: feed_title.clone().unwrap_or_else(|| context.name.to_owned()),
                publisher: context.name.to_owned(),
                date: published,
                // Where it came from is the source's own record (provenance).
                url: None,
            },
            url,
            details,
        };
        let record = Record { offering, summary, description };
        found.push(Found {
            incoming: Incoming { record, line: 0, number, origin: Origin::Json { span: 0..0 } },
            status: ItemStatus::Active,
        });
    }
    Ok((found, problems))
}

/// A feed that declares entities is refused before any XML reader sees
/// it: that is how "billion laughs" bombs and external entities arrive.
fn refuse_entities(text: &str) -> Result<(), Problem> {
    if text.contains("<!ENTITY") {
        return Err(Problem::new(What::EntityDeclaration));
    }
    Ok(())
}

fn without_xml_declaration(text: &str) -> &str {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    match trimmed.strip_prefix("<?xml").and_then(|rest| rest.find("?>").map(|end| &rest[end + 2..])) {
        Some(rest) => rest,
        None => text,
    }
}

fn plain(text: &feed_rs::model::Text) -> String {
    let html = text.content_type.to_string().contains("html");
    if html || is_markup(&text.content) { text_of(&text.content) } else { text.content.trim().to_owned() }
}

fn plain_text(body: &str) -> String {
    if is_markup(body) { text_of(body) } else { body.trim().to_owned() }
}

fn german_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Berlin).date_naive()
}
