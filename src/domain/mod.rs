//! The offerings lotse shows, independent of storage and UI.

mod region;
pub mod registration;
pub mod rules;
mod team;
mod when;

pub use region::RegionRef;
pub use registration::{Applicant, Profile, Registration, SeatCounts, Seats, Status};
pub use team::{Occupancy, Participants, Team};
pub use when::{Moment, YearMonth};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Event,
    Project,
    Practice,
    Roundtable,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Event, Kind::Project, Kind::Practice, Kind::Roundtable];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Event => "event",
            Kind::Project => "project",
            Kind::Practice => "practice",
            Kind::Roundtable => "roundtable",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// Its place in `Kind::ALL`, for tables with one entry per kind.
    pub fn slot(self) -> usize {
        match self {
            Kind::Event => 0,
            Kind::Project => 1,
            Kind::Practice => 2,
            Kind::Roundtable => 3,
        }
    }
}

/// Everything about an offering except its long texts, which are loaded
/// only for the record a user looks at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offering {
    pub key: String,
    pub title: String,
    pub organiser: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub region: RegionRef,
    #[serde(default)]
    pub topics: Vec<String>,
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub details: Details,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LongText {
    pub summary: String,
    pub description: String,
}

/// An offering with its long texts: the unit of seed files, import and export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    #[serde(flatten)]
    pub offering: Offering,
    pub summary: String,
    pub description: String,
}

impl Record {
    pub fn long_text(&self) -> LongText {
        LongText { summary: self.summary.clone(), description: self.description.clone() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    /// Publication date where the document states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<chrono::NaiveDate>,
    /// The publisher's own site, where the document links no page of the
    /// offering itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Details {
    Event(Event),
    Project(Project),
    Practice(Practice),
    Roundtable(Roundtable),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub format: String,
    pub starts: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<Moment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    pub online: bool,
    pub price: Price,
    #[serde(default)]
    pub speakers: Vec<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_deadline: Option<Moment>,
    /// Registration rules the source states in words ("bis eine Woche vorher").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_note: Option<String>,
}

impl Event {
    /// An event of which only its kind of format and its start are known yet.
    pub fn starting(format: &str, starts: Moment) -> Event {
        Event {
            format: format.to_owned(),
            starts,
            ends: None,
            venue: None,
            online: false,
            price: Price::Unknown,
            speakers: Vec::new(),
            code: None,
            capacity: None,
            registration_deadline: None,
            registration_note: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_from: Option<YearMonth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_to: Option<YearMonth>,
    /// The running time as the source words it when it gives no exact dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_note: Option<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub project_types: Vec<String>,
    #[serde(default)]
    pub area_scope: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Person>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default)]
    pub key_elements: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Person>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roundtable {
    pub series: String,
    pub number: u32,
    pub focus: String,
    pub format: String,
    pub starts: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<Moment>,
    /// Whether it takes place online; `None` where the source does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_deadline: Option<Moment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Price {
    Free,
    /// Amount in euro cents; `plus_vat` marks a net price ("zzgl. MwSt.").
    Fee {
        cents: u64,
        plus_vat: bool,
    },
    Unknown,
}

impl Offering {
    pub fn kind(&self) -> Kind {
        match self.details {
            Details::Event(_) => Kind::Event,
            Details::Project(_) => Kind::Project,
            Details::Practice(_) => Kind::Practice,
            Details::Roundtable(_) => Kind::Roundtable,
        }
    }

    /// When the offering takes place or begins, for sorting and time filters.
    pub fn starts(&self) -> Option<Moment> {
        match &self.details {
            Details::Event(event) => Some(event.starts),
            Details::Roundtable(roundtable) => Some(roundtable.starts),
            Details::Project(project) => project.period_from.map(YearMonth::first_moment),
            Details::Practice(_) => None,
        }
    }

    /// Whether the offering lies wholly in the past at `now`.
    pub fn is_over(&self, now: chrono::NaiveDateTime) -> bool {
        let last = self.ends().or_else(|| self.starts());
        last.is_some_and(|moment| moment.latest() < now)
    }

    pub fn ends(&self) -> Option<Moment> {
        match &self.details {
            Details::Event(event) => event.ends,
            Details::Roundtable(roundtable) => roundtable.ends,
            Details::Project(project) => project.period_to.map(YearMonth::last_moment),
            Details::Practice(_) => None,
        }
    }
}

/// Why an offering takes no registration at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// Only events and roundtables take registrations.
    NotRegistrable(Kind),
    DeadlinePassed(Moment),
    AlreadyStarted(Moment),
}

impl Offering {
    pub fn capacity(&self) -> Option<u32> {
        match &self.details {
            Details::Event(event) => event.capacity,
            Details::Roundtable(roundtable) => roundtable.capacity,
            Details::Project(_) | Details::Practice(_) => None,
        }
    }

    pub fn registration_deadline(&self) -> Option<Moment> {
        match &self.details {
            Details::Event(event) => event.registration_deadline,
            Details::Roundtable(roundtable) => roundtable.registration_deadline,
            Details::Project(_) | Details::Practice(_) => None,
        }
    }

    pub fn takes_registrations(&self) -> bool {
        matches!(self.kind(), Kind::Event | Kind::Roundtable)
    }

    /// Whether registration is closed at `now`, and why. A deadline given as
    /// a date lasts to the end of that day.
    pub fn registration_closed(&self, now: chrono::NaiveDateTime) -> Option<Closed> {
        if !self.takes_registrations() {
            return Some(Closed::NotRegistrable(self.kind()));
        }
        if let Some(starts) = self.starts()
            && starts.earliest() <= now
        {
            return Some(Closed::AlreadyStarted(starts));
        }
        match self.registration_deadline() {
            Some(deadline) if deadline.latest() < now => Some(Closed::DeadlinePassed(deadline)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_knows_its_place_in_the_list_of_all() {
        for (at, kind) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(kind.slot(), at, "{kind:?}");
        }
    }
}
