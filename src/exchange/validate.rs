//! The checks every imported record passes, whatever its format: text is
//! cleaned of control characters and escape sequences, overlong text is
//! refused (never cut short), required fields, regions, date order and
//! unique keys are checked. Cleaning is idempotent, so a record exported
//! and imported again compares equal to the stored one.

use std::collections::HashMap;

use crate::domain::{Details, Event, Moment, Person, Practice, Project, Record, Roundtable};
use crate::sanitize::{clean_line, clean_text};
use crate::store::RegionDirectory;

use super::{Incoming, What};

/// Longest key: calendar UIDs (Outlook's run past 100 characters) fit.
pub const KEY_MAX: usize = 255;
/// Titles, names, places and other one-line fields.
pub const LINE_MAX: usize = 300;
/// Source titles and notes such as the wording of a registration rule.
pub const NOTE_MAX: usize = 1_000;
pub const URL_MAX: usize = 2_000;
pub const SUMMARY_MAX: usize = 2_000;
pub const DESCRIPTION_MAX: usize = 50_000;
/// Entries in one list: topics, speakers, goals, partners …
pub const ITEMS_MAX: usize = 100;

/// A problem with one record, at a path into its JSON form.
pub struct Finding {
    pub index: usize,
    pub path: String,
    pub what: What,
}

pub fn check(records: &mut [Incoming], regions: &RegionDirectory) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut first_line_of_key: HashMap<String, usize> = HashMap::with_capacity(records.len());
    for (index, incoming) in records.iter_mut().enumerate() {
        let mut checker = Checker { found: Vec::new() };
        checker.record(&mut incoming.record);
        if !regions.is_known(&incoming.record.offering.region) {
            let code = incoming.record.offering.region.code().to_owned();
            checker.report("region", What::UnknownRegion(code));
        }
        let key = &incoming.record.offering.key;
        if !key.is_empty() {
            match first_line_of_key.get(key) {
                Some(&first_line) => checker.report("key", What::DuplicateKey { first_line }),
                None => {
                    first_line_of_key.insert(key.clone(), incoming.line);
                }
            }
        }
        findings.extend(checker.found.into_iter().map(|(path, what)| Finding { index, path, what }));
    }
    findings
}

struct Checker {
    found: Vec<(String, What)>,
}

impl Checker {
    fn report(&mut self, path: impl Into<String>, what: What) {
        self.found.push((path.into(), what));
    }

    fn record(&mut self, record: &mut Record) {
        let offering = &mut record.offering;
        self.required_line(&mut offering.key, "key", KEY_MAX);
        self.required_line(&mut offering.title, "title", LINE_MAX);
        self.required_line(&mut offering.organiser, "organiser", LINE_MAX);
        self.optional_line(&mut offering.place, "place", LINE_MAX);
        self.list(&mut offering.topics, "topics");
        self.required_line(&mut offering.source.title, "source.title", NOTE_MAX);
        self.required_line(&mut offering.source.publisher, "source.publisher", LINE_MAX);
        self.optional_line(&mut offering.url, "url", URL_MAX);
        self.optional_line(&mut offering.source.url, "source.url", URL_MAX);
        match &mut offering.details {
            Details::Event(event) => self.event(event),
            Details::Project(project) => self.project(project),
            Details::Practice(practice) => self.practice(practice),
            Details::Roundtable(roundtable) => self.roundtable(roundtable),
        }
        self.text(&mut record.summary, "summary", SUMMARY_MAX);
        self.text(&mut record.description, "description", DESCRIPTION_MAX);
    }

    fn event(&mut self, event: &mut Event) {
        let at = |field: &str| format!("details.event.{field}");
        self.required_line(&mut event.format, &at("format"), LINE_MAX);
        self.optional_line(&mut event.venue, &at("venue"), LINE_MAX);
        self.persons(&mut event.speakers, &at("speakers"));
        self.optional_line(&mut event.code, &at("code"), LINE_MAX);
        self.optional_line(&mut event.registration_note, &at("registration_note"), NOTE_MAX);
        self.schedule(&mut event.starts, &mut event.ends, &mut event.registration_deadline, &at("ends"));
    }

    fn project(&mut self, project: &mut Project) {
        let at = |field: &str| format!("details.project.{field}");
        self.optional_line(&mut project.period_note, &at("period_note"), NOTE_MAX);
        self.list(&mut project.goals, &at("goals"));
        self.list(&mut project.project_types, &at("project_types"));
        self.list(&mut project.area_scope, &at("area_scope"));
        self.list(&mut project.partners, &at("partners"));
        self.optional_line(&mut project.funder, &at("funder"), LINE_MAX);
        self.contact(&mut project.contact, &at("contact"));
        if let (Some(from), Some(to)) = (project.period_from, project.period_to)
            && to < from
        {
            self.report(at("period_to"), What::EndsBeforeStart);
        }
    }

    fn practice(&mut self, practice: &mut Practice) {
        let at = |field: &str| format!("details.practice.{field}");
        self.required_line(&mut practice.organisation, &at("organisation"), LINE_MAX);
        self.optional_line(&mut practice.municipality, &at("municipality"), LINE_MAX);
        self.list(&mut practice.key_elements, &at("key_elements"));
        self.contact(&mut practice.contact, &at("contact"));
    }

    fn roundtable(&mut self, roundtable: &mut Roundtable) {
        let at = |field: &str| format!("details.roundtable.{field}");
        self.required_line(&mut roundtable.series, &at("series"), LINE_MAX);
        self.required_line(&mut roundtable.focus, &at("focus"), LINE_MAX);
        self.required_line(&mut roundtable.format, &at("format"), LINE_MAX);
        let deadline = &mut roundtable.registration_deadline;
        self.schedule(&mut roundtable.starts, &mut roundtable.ends, deadline, &at("ends"));
    }

    /// Dates to the minute, and the end not before the start.
    fn schedule(&mut self, starts: &mut Moment, ends: &mut Option<Moment>, deadline: &mut Option<Moment>, path: &str) {
        *starts = to_the_minute(*starts);
        *ends = ends.map(to_the_minute);
        *deadline = deadline.map(to_the_minute);
        if ends.is_some_and(|ends| ends.latest() < starts.earliest()) {
            self.report(path, What::EndsBeforeStart);
        }
    }

    fn line(&mut self, value: &mut String, path: &str, max: usize) {
        *value = clean_line(value);
        self.within(value, path, max);
    }

    fn required_line(&mut self, value: &mut String, path: &str, max: usize) {
        self.line(value, path, max);
        if value.is_empty() {
            self.report(path, What::Missing);
        }
    }

    fn optional_line(&mut self, value: &mut Option<String>, path: &str, max: usize) {
        if let Some(text) = value {
            self.line(text, path, max);
            if text.is_empty() {
                *value = None;
            }
        }
    }

    fn text(&mut self, value: &mut String, path: &str, max: usize) {
        *value = clean_text(value);
        self.within(value, path, max);
    }

    fn within(&mut self, value: &str, path: &str, max: usize) {
        // Counting stops early: a field of a million characters is refused
        // as fast as one just over the limit.
        if value.len() > max && value.chars().nth(max).is_some() {
            self.report(path, What::TooLong { chars: value.chars().count(), max });
        }
    }

    fn list(&mut self, items: &mut Vec<String>, path: &str) {
        for (index, item) in items.iter_mut().enumerate() {
            self.line(item, &format!("{path}[{index}]"), LINE_MAX);
        }
        items.retain(|item| !item.is_empty());
        if items.len() > ITEMS_MAX {
            self.report(path, What::TooMany { items: items.len(), max: ITEMS_MAX });
        }
    }

    fn persons(&mut self, persons: &mut Vec<Person>, path: &str) {
        for (index, person) in persons.iter_mut().enumerate() {
            self.person(person, &format!("{path}[{index}]"));
        }
        persons.retain(|person| !person.name.is_empty());
        if persons.len() > ITEMS_MAX {
            self.report(path, What::TooMany { items: persons.len(), max: ITEMS_MAX });
        }
    }

    fn contact(&mut self, contact: &mut Option<Person>, path: &str) {
        if let Some(person) = contact {
            self.person(person, path);
            if person.name.is_empty() {
                *contact = None;
            }
        }
    }

    fn person(&mut self, person: &mut Person, path: &str) {
        self.line(&mut person.name, &format!("{path}.name"), LINE_MAX);
        self.optional_line(&mut person.affiliation, &format!("{path}.affiliation"), LINE_MAX);
    }
}

/// Moments are stored to the minute; seconds would make every re-import of
/// the same calendar look like a change.
fn to_the_minute(moment: Moment) -> Moment {
    use chrono::Timelike;
    match moment {
        Moment::Day(day) => Moment::Day(day),
        Moment::At(at) => Moment::At(at.with_second(0).and_then(|at| at.with_nanosecond(0)).unwrap_or(at)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::Origin;
    use crate::store::Store;

    fn incoming(record: Record, line: usize) -> Incoming {
        Incoming { record, line, number: line, origin: Origin::Csv }
    }

    fn sample(key: &str) -> Record {
        crate::store::sample_records().into_iter().find(|record| record.offering.key == key).unwrap()
    }

    fn paths(findings: &[Finding]) -> Vec<(&str, &What)> {
        findings.iter().map(|finding| (finding.path.as_str(), &finding.what)).collect()
    }

    #[test]
    fn the_sample_records_pass_unchanged() {
        let regions = Store::open_in_memory().unwrap().regions().unwrap();
        let samples = crate::store::sample_records();
        let mut records: Vec<Incoming> =
            samples.iter().cloned().enumerate().map(|(index, record)| incoming(record, index + 1)).collect();
        assert!(check(&mut records, &regions).is_empty());
        let cleaned: Vec<Record> = records.into_iter().map(|incoming| incoming.record).collect();
        assert_eq!(cleaned, samples);
    }

    #[test]
    fn text_is_cleaned_and_overlong_text_refused() {
        let regions = Store::open_in_memory().unwrap().regions().unwrap();
        let mut record = sample("expertrainee-e287");
        record.offering.title = "Titel\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7} \u{202e}gespiegelt".into();
        record.offering.topics = vec!["  ".into(), "Innenstadt\t".into()];
        record.description = "x".repeat(DESCRIPTION_MAX + 1);
        let mut records = vec![incoming(record, 4)];
        let findings = check(&mut records, &regions);
        assert_eq!(
            paths(&findings),
            [("description", &What::TooLong { chars: DESCRIPTION_MAX + 1, max: DESCRIPTION_MAX })]
        );
        let offering = &records[0].record.offering;
        assert_eq!(offering.title, "Titel gespiegelt");
        assert_eq!(offering.topics, ["Innenstadt"]);
    }

    #[test]
    fn required_fields_regions_order_and_keys_are_checked() {
        let regions = Store::open_in_memory().unwrap().regions().unwrap();
        let mut broken = sample("expertrainee-e287");
        broken.offering.title = "\u{1b}[0m".into();
        broken.offering.region = crate::domain::RegionRef::Kreis("99999".into());
        if let Details::Event(event) = &mut broken.offering.details {
            event.ends = Some("2019-03-20".parse().unwrap());
        }
        let mut records = vec![incoming(sample("expertrainee-e287"), 2), incoming(broken, 9)];
        let findings = check(&mut records, &regions);
        assert_eq!(
            paths(&findings),
            [
                ("title", &What::Missing),
                ("details.event.ends", &What::EndsBeforeStart),
                ("region", &What::UnknownRegion("99999".into())),
                ("key", &What::DuplicateKey { first_line: 2 }),
            ]
        );
        assert!(findings.iter().all(|finding| finding.index == 1));
    }

    #[test]
    fn seconds_are_dropped() {
        let moment: Moment = "2021-03-21T10:00:42".parse().unwrap();
        assert_eq!(to_the_minute(moment).to_string(), "2021-03-21T10:00");
        assert_eq!(to_the_minute(moment), "2021-03-21T10:00".parse().unwrap());
    }
}
