//! Which fields of an offering the search reads: the store folds them when
//! it writes the offering, and the search's reference reads them the same way.

use crate::domain::{Details, Offering, RegionRef};
use crate::search::index::{Entry, Fields};

use super::RegionDirectory;

pub fn fields<'a>(offering: &'a Offering, regions: &'a RegionDirectory) -> Fields<'a> {
    let mut other: Vec<&str> = vec![&offering.organiser];
    other.extend(offering.place.as_deref());
    match &offering.region {
        RegionRef::Kreis(ags) => {
            if let Some(kreis) = regions.kreis(ags) {
                other.push(&kreis.name);
            }
        }
        RegionRef::Land(_) | RegionRef::Bundesweit | RegionRef::Unknown => {}
        RegionRef::Online => other.push("online"),
    }
    if let Some(land) = regions.land_of(&offering.region) {
        other.push(&land.name);
    }
    other.extend(offering.topics.iter().map(String::as_str));
    match &offering.details {
        Details::Event(event) => {
            other.push(&event.format);
            other.extend(event.code.as_deref());
            other.extend(event.venue.as_deref());
            for speaker in &event.speakers {
                other.push(&speaker.name);
                other.extend(speaker.affiliation.as_deref());
            }
        }
        Details::Project(project) => {
            other.extend(project.partners.iter().map(String::as_str));
            other.extend(project.funder.as_deref());
            if let Some(contact) = &project.contact {
                other.push(&contact.name);
            }
        }
        Details::Practice(practice) => {
            other.push(&practice.organisation);
            other.extend(practice.municipality.as_deref());
            if let Some(contact) = &practice.contact {
                other.push(&contact.name);
            }
        }
        Details::Roundtable(roundtable) => {
            other.push(&roundtable.series);
            other.push(&roundtable.focus);
            other.push(&roundtable.format);
        }
    }
    Fields { kind: offering.kind(), title: &offering.title, other, topics: &offering.topics }
}

/// The searchable fields folded, as the store keeps them beside the offering.
pub fn entry(offering: &Offering, regions: &RegionDirectory) -> Entry {
    Entry::fold(&fields(offering, regions))
}
