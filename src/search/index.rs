use std::ops::Range;

use crate::domain::{Details, Kind, Offering, RegionRef};
use crate::store::RegionDirectory;

use super::fold::fold_text;

/// Separates the short fields in `Entry::other`; a fuzzy match may not span two fields.
pub const FIELD_SEPARATOR: u8 = b'\x1f';

/// Separates the folded topics where they are kept as one text.
pub const TOPIC_SEPARATOR: char = '\x1f';

/// One offering's searchable short fields, folded: what the store writes
/// beside the offering, so that loading the search folds nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    pub title: String,
    /// Place, region names, organiser, topics, speakers, partners, code and
    /// the like, folded and joined by `FIELD_SEPARATOR`.
    pub other: String,
    pub topics: Vec<String>,
}

impl Entry {
    /// The topics as one text, as they are stored and indexed.
    pub fn joined_topics(&self) -> String {
        self.topics.join(&TOPIC_SEPARATOR.to_string())
    }
}

/// One bit per letter or digit (other bytes share the rest), set where it occurs.
pub fn letters(text: &[u8]) -> u64 {
    text.iter().fold(0, |mask, &byte| mask | letter_bit(byte))
}

pub fn letter_bit(byte: u8) -> u64 {
    let bit = match byte {
        b'a'..=b'z' => byte - b'a',
        b'0'..=b'9' => 26 + byte - b'0',
        _ => 36 + byte % 28,
    };
    1 << bit
}

/// Whether a word may begin at `at`: fuzzy matches must.
pub fn starts_word(text: &[u8], at: usize) -> bool {
    at == 0 || !text[at - 1].is_ascii_alphanumeric()
}

/// Which pairs of adjacent bytes occur in a text, hashed onto 256 bits. A
/// word stands literally in a text only if all its pairs do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pairs([u64; 4]);

impl Pairs {
    pub fn of(text: &[u8]) -> Pairs {
        let mut pairs = Pairs::default();
        for pair in text.windows(2) {
            let bit = Pairs::bit(pair[0], pair[1]);
            pairs.0[bit / 64] |= 1 << (bit % 64);
        }
        pairs
    }

    /// Whether every pair of `word` may occur here (false only when one surely does not).
    pub fn admit(&self, word: &Pairs) -> bool {
        self.0.iter().zip(&word.0).all(|(have, want)| have & want == *want)
    }

    fn bit(first: u8, second: u8) -> usize {
        // Fibonacci hashing: the top byte of the product spreads the pairs evenly.
        ((u32::from(first) << 8 | u32::from(second)).wrapping_mul(0x9E37_79B1) >> 24) as usize
    }
}

/// What a field contains, coarsely: enough to rule most entries out for a
/// word without reading the field. Each mask only ever says "surely not".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Masks {
    /// `letters` of the field.
    pub letters: u64,
    /// `letter_bit` of every byte that begins a word.
    pub starts: u64,
    pub pairs: Pairs,
}

impl Masks {
    pub fn of(text: &[u8]) -> Masks {
        let starts =
            (0..text.len()).filter(|&at| starts_word(text, at)).fold(0, |mask, at| mask | letter_bit(text[at]));
        Masks { letters: letters(text), starts, pairs: Pairs::of(text) }
    }
}

/// Where one entry's fields lie in the index's texts.
#[derive(Debug, Clone)]
struct Slot {
    kind: Kind,
    title: Range<usize>,
    other: Range<usize>,
    topics: Range<usize>,
    title_masks: Masks,
    other_masks: Masks,
}

/// Every offering's searchable fields, one text per field with all entries
/// back to back: loading allocates a handful of times instead of three
/// times per offering, and a search reads memory front to back.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    titles: String,
    others: String,
    topics: String,
    slots: Vec<Slot>,
}

/// One entry of a `SearchIndex`, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRef<'a> {
    pub kind: Kind,
    pub title: &'a str,
    pub other: &'a str,
    /// The folded topics joined by `TOPIC_SEPARATOR`.
    pub joined_topics: &'a str,
}

impl<'a> EntryRef<'a> {
    pub fn topics(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.joined_topics.split(TOPIC_SEPARATOR).filter(|topic| !topic.is_empty())
    }
}

/// What the match test reads of one entry: its fields as bytes and their masks.
pub struct Haystack<'a> {
    pub title: &'a [u8],
    pub other: &'a [u8],
    pub joined_topics: &'a [u8],
    pub title_masks: &'a Masks,
    pub other_masks: &'a Masks,
}

fn append(text: &mut String, field: &str) -> Range<usize> {
    let start = text.len();
    text.push_str(field);
    start..text.len()
}

impl SearchIndex {
    /// Appends an entry; `joined_topics` separates the topics by `TOPIC_SEPARATOR`.
    pub fn push(&mut self, kind: Kind, title: &str, other: &str, joined_topics: &str) {
        self.slots.push(Slot {
            kind,
            title: append(&mut self.titles, title),
            other: append(&mut self.others, other),
            topics: append(&mut self.topics, joined_topics),
            title_masks: Masks::of(title.as_bytes()),
            other_masks: Masks::of(other.as_bytes()),
        });
    }

    /// The same entries in another order: entry `order[i]` becomes entry `i`.
    pub fn reordered(&self, order: &[usize]) -> SearchIndex {
        let mut reordered = SearchIndex {
            titles: String::with_capacity(self.titles.len()),
            others: String::with_capacity(self.others.len()),
            topics: String::with_capacity(self.topics.len()),
            slots: Vec::with_capacity(order.len()),
        };
        for &at in order {
            let slot = &self.slots[at];
            reordered.slots.push(Slot {
                title: append(&mut reordered.titles, &self.titles[slot.title.clone()]),
                other: append(&mut reordered.others, &self.others[slot.other.clone()]),
                topics: append(&mut reordered.topics, &self.topics[slot.topics.clone()]),
                ..slot.clone()
            });
        }
        reordered
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn kind(&self, entry: u32) -> Kind {
        self.slots[entry as usize].kind
    }

    pub fn title(&self, entry: u32) -> &str {
        &self.titles[self.slots[entry as usize].title.clone()]
    }

    pub fn entry(&self, entry: u32) -> EntryRef<'_> {
        let slot = &self.slots[entry as usize];
        EntryRef {
            kind: slot.kind,
            title: &self.titles[slot.title.clone()],
            other: &self.others[slot.other.clone()],
            joined_topics: &self.topics[slot.topics.clone()],
        }
    }

    pub fn entries(&self) -> impl Iterator<Item = EntryRef<'_>> {
        (0..self.slots.len() as u32).map(|entry| self.entry(entry))
    }

    pub fn haystack(&self, entry: u32) -> Haystack<'_> {
        let slot = &self.slots[entry as usize];
        Haystack {
            // Byte slices: a search never needs to check for character boundaries.
            title: &self.titles.as_bytes()[slot.title.clone()],
            other: &self.others.as_bytes()[slot.other.clone()],
            joined_topics: &self.topics.as_bytes()[slot.topics.clone()],
            title_masks: &slot.title_masks,
            other_masks: &slot.other_masks,
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
        RegionRef::Land(_) | RegionRef::Bundesweit => {}
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
    Entry {
        kind: offering.kind(),
        title: fold_text(&offering.title),
        other: fields.iter().map(|field| fold_text(field)).collect::<Vec<_>>().join(&separator),
        topics: offering.topics.iter().map(|topic| fold_text(topic)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_never_rule_out_what_a_field_contains() {
        let texts = [
            "leerstandsmanagement kompakt: wer macht was?",
            "stadtmarketing\x1fbad schwalbach\x1fhessen",
            "ελλαδα 🚀 koln",
            "",
        ];
        for text in texts {
            let masks = Masks::of(text.as_bytes());
            let bytes = text.as_bytes();
            for start in 0..bytes.len() {
                for end in start + 1..=bytes.len() {
                    let word = &bytes[start..end];
                    assert!(masks.pairs.admit(&Pairs::of(word)), "{text:?} {start}..{end}");
                    assert_eq!(masks.letters & letters(word), letters(word));
                }
                if starts_word(bytes, start) {
                    assert_ne!(masks.starts & letter_bit(bytes[start]), 0);
                }
            }
        }
        assert!(!Masks::of(b"stadt").pairs.admit(&Pairs::of(b"leer")), "pairs do rule out");
    }

    #[test]
    fn reordering_moves_whole_entries() {
        let mut index = SearchIndex::default();
        index.push(Kind::Event, "eins", "a\x1fb", "x\x1fy");
        index.push(Kind::Project, "zwei", "", "");
        index.push(Kind::Practice, "drei", "c", "z");
        let reordered = index.reordered(&[2, 0, 1]);
        assert_eq!(reordered.len(), 3);
        for (new, old) in [(0, 2), (1, 0), (2, 1)] {
            assert_eq!(reordered.entry(new), index.entry(old));
        }
        assert_eq!(reordered.entry(1).topics().collect::<Vec<_>>(), ["x", "y"]);
        assert_eq!(reordered.haystack(0).title, b"drei");
    }
}
