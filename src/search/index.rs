use crate::domain::{Details, Kind, Offering, RegionRef};
use crate::store::RegionDirectory;

use super::fold::fold_text;

/// Separates the short fields in `Entry::other`; a fuzzy match may not span two fields.
pub const FIELD_SEPARATOR: u8 = b'\x1f';

/// One offering prepared for searching: folded once when loaded, not per keystroke.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    /// The folded title (highlighting folds the original again for positions).
    pub title: String,
    /// Place, region names, organiser, topics, speakers, partners, code and
    /// the like, folded and joined by `FIELD_SEPARATOR`.
    pub other: String,
    pub topics: Vec<String>,
    /// Which letters occur in the title and in the other fields, so most
    /// entries are ruled out for a word without looking at their text.
    pub title_letters: u64,
    pub other_letters: u64,
}

/// One bit per letter or digit (other bytes share the rest), set where it occurs.
pub fn letters(text: &[u8]) -> u64 {
    text.iter().fold(0, |mask, &byte| mask | letter_bit(byte))
}

fn letter_bit(byte: u8) -> u64 {
    let bit = match byte {
        b'a'..=b'z' => byte - b'a',
        b'0'..=b'9' => 26 + byte - b'0',
        _ => 36 + byte % 28,
    };
    1 << bit
}

#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    pub entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn from_entries(entries: Vec<Entry>) -> SearchIndex {
        SearchIndex { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Entry {
    /// An entry from its stored, already folded fields.
    pub fn from_folded(kind: Kind, title: String, other: String, topics: Vec<String>) -> Entry {
        Entry {
            kind,
            title_letters: letters(title.as_bytes()),
            other_letters: letters(other.as_bytes()),
            title,
            other,
            topics,
        }
    }
}

/// The searchable short fields of an offering, folded.
pub fn entry(offering: &Offering, regions: &RegionDirectory) -> Entry {
    let mut fields: Vec<&str> = vec![&offering.organiser];
    fields.extend(offering.place.as_deref());
    match &offering.region {
        RegionRef::Kreis(ags) => {
            if let Some(kreis) = regions.kreis(ags) {
                fields.push(&kreis.name);
            }
        }
        RegionRef::Land(_) | RegionRef::Bundesweit | RegionRef::Unknown => {}
        RegionRef::Online => fields.push("online"),
    }
    if let Some(land) = regions.land_of(&offering.region) {
        fields.push(&land.name);
    }
    fields.extend(offering.topics.iter().map(String::as_str));
    match &offering.details {
        Details::Event(event) => {
            fields.push(&event.format);
            fields.extend(event.code.as_deref());
            fields.extend(event.venue.as_deref());
            for speaker in &event.speakers {
                fields.push(&speaker.name);
                fields.extend(speaker.affiliation.as_deref());
            }
        }
        Details::Project(project) => {
            fields.extend(project.partners.iter().map(String::as_str));
            fields.extend(project.funder.as_deref());
            if let Some(contact) = &project.contact {
                fields.push(&contact.name);
            }
        }
        Details::Practice(practice) => {
            fields.push(&practice.organisation);
            fields.extend(practice.municipality.as_deref());
            if let Some(contact) = &practice.contact {
                fields.push(&contact.name);
            }
        }
        Details::Roundtable(roundtable) => {
            fields.push(&roundtable.series);
            fields.push(&roundtable.focus);
            fields.push(&roundtable.format);
        }
    }
    let separator = char::from(FIELD_SEPARATOR).to_string();
    Entry::from_folded(
        offering.kind(),
        fold_text(&offering.title),
        fields.iter().map(|field| fold_text(field)).collect::<Vec<_>>().join(&separator),
        offering.topics.iter().map(|topic| fold_text(topic)).collect(),
    )
}
