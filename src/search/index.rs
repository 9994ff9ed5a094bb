use std::ops::Range;

use crate::domain::Kind;
use crate::splice::Splice;

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
            pairs.insert(pair[0], pair[1]);
        }
        pairs
    }

    fn insert(&mut self, first: u8, second: u8) {
        let bit = Pairs::bit(first, second);
        self.0[bit / 64] |= 1 << (bit % 64);
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
    /// Masks that rule nothing out, for an index without masks.
    const ADMIT_ALL: Masks = Masks { letters: u64::MAX, starts: u64::MAX, pairs: Pairs([u64::MAX; 4]) };

    /// `letters`, word starts and `Pairs::of` in one pass over the text.
    pub fn of(text: &[u8]) -> Masks {
        let mut masks = Masks::default();
        let mut previous: Option<u8> = None;
        for &byte in text {
            let bit = letter_bit(byte);
            masks.letters |= bit;
            match previous {
                Some(previous) => {
                    if !previous.is_ascii_alphanumeric() {
                        masks.starts |= bit;
                    }
                    masks.pairs.insert(previous, byte);
                }
                None => masks.starts |= bit,
            }
            previous = Some(byte);
        }
        masks
    }
}

/// Where one entry's fields lie in its part's texts.
#[derive(Debug, Clone)]
struct Slot {
    kind: Kind,
    part: usize,
    title: Range<usize>,
    other: Range<usize>,
    topics: Range<usize>,
}

/// The texts of one or more entries' fields, each entry's back to back.
#[derive(Debug, Clone, Default)]
struct Part<T> {
    titles: T,
    others: T,
    topics: T,
}

/// Every offering's searchable fields, one text per field with entries back
/// to back: loading allocates a handful of times instead of three times per
/// offering, and a search reads memory front to back. Parts read side by
/// side are joined without copying their texts.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    parts: Vec<Part<String>>,
    slots: Vec<Slot>,
    /// Title and other fields' masks per entry, once set; an entry
    /// without masks is never ruled out by them.
    masks: Vec<[Masks; 2]>,
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

fn append(text: &mut Vec<u8>, field: &[u8]) -> Range<usize> {
    let start = text.len();
    text.extend_from_slice(field);
    start..text.len()
}

/// Collects entries as raw bytes, as the store hands them out, and checks
/// once at the end that they are text: one pass over all bytes instead of
/// a check per field.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    part: Part<Vec<u8>>,
    slots: Vec<Slot>,
}

impl IndexBuilder {
    /// Appends an entry; `joined_topics` separates the topics by `TOPIC_SEPARATOR`.
    pub fn push(&mut self, kind: Kind, title: &[u8], other: &[u8], joined_topics: &[u8]) {
        let part = &mut self.part;
        self.slots.push(Slot {
            kind,
            part: 0,
            title: append(&mut part.titles, title),
            other: append(&mut part.others, other),
            topics: append(&mut part.topics, joined_topics),
        });
    }

    /// The index, or `None` when a field is not UTF-8.
    pub fn finish(self) -> Option<SearchIndex> {
        let Part { titles, others, topics } = self.part;
        let part = Part {
            titles: String::from_utf8(titles).ok()?,
            others: String::from_utf8(others).ok()?,
            topics: String::from_utf8(topics).ok()?,
        };
        // Valid text as a whole, but a field could still end inside a character.
        let whole =
            |text: &str, range: &Range<usize>| text.is_char_boundary(range.start) && text.is_char_boundary(range.end);
        let whole_fields = self.slots.iter().all(|slot| {
            whole(&part.titles, &slot.title) && whole(&part.others, &slot.other) && whole(&part.topics, &slot.topics)
        });
        whole_fields.then(|| SearchIndex { parts: vec![part], slots: self.slots, masks: Vec::new() })
    }
}

impl SearchIndex {
    /// This index's entries followed by `more`'s, without copying texts,
    /// and without masks (they are set for the whole).
    pub fn joined(mut self, more: SearchIndex) -> SearchIndex {
        let shift = self.parts.len();
        self.parts.extend(more.parts);
        self.slots.extend(more.slots.into_iter().map(|slot| Slot { part: slot.part + shift, ..slot }));
        self.masks.clear();
        self
    }

    /// Every entry's title and other fields' masks: some 25 ms of work per
    /// 100,000 entries that pays off when searches follow each other,
    /// keystroke by keystroke, but not for a single search over entries
    /// read just before.
    pub(super) fn all_masks(&self) -> Vec<[Masks; 2]> {
        (0..self.slots.len() as u32)
            .map(|entry| {
                let fields = self.entry(entry);
                [Masks::of(fields.title.as_bytes()), Masks::of(fields.other.as_bytes())]
            })
            .collect()
    }

    pub(super) fn set_masks(&mut self, masks: Vec<[Masks; 2]>) {
        self.masks = masks;
    }

    pub(super) fn has_masks(&self) -> bool {
        self.masks.len() == self.slots.len()
    }

    /// This index with `splice` applied, `incoming`'s entries taking their
    /// places, in one part. Masks set here are kept, and made for the
    /// incoming entries only.
    pub fn spliced(self, splice: &Splice, incoming: &SearchIndex) -> SearchIndex {
        let entries = splice.apply(self.entries().collect(), incoming.entries().collect());
        let mut builder = IndexBuilder::default();
        for fields in entries {
            builder.push(
                fields.kind,
                fields.title.as_bytes(),
                fields.other.as_bytes(),
                fields.joined_topics.as_bytes(),
            );
        }
        let mut index = builder.finish().expect("fields copied from an index are whole UTF-8 texts");
        if self.has_masks() {
            index.masks = splice.apply(self.masks, incoming.all_masks());
        }
        index
    }

    /// The same entries in another order, in one part and without masks:
    /// entry `order[i]` becomes entry `i`.
    pub fn reordered(&self, order: &[usize]) -> SearchIndex {
        let mut builder = IndexBuilder::default();
        for &at in order {
            let fields = self.entry(at as u32);
            builder.push(
                fields.kind,
                fields.title.as_bytes(),
                fields.other.as_bytes(),
                fields.joined_topics.as_bytes(),
            );
        }
        builder.finish().expect("fields copied from an index are whole UTF-8 texts")
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
        let slot = &self.slots[entry as usize];
        &self.parts[slot.part].titles[slot.title.clone()]
    }

    pub fn entry(&self, entry: u32) -> EntryRef<'_> {
        let slot = &self.slots[entry as usize];
        let part = &self.parts[slot.part];
        EntryRef {
            kind: slot.kind,
            title: &part.titles[slot.title.clone()],
            other: &part.others[slot.other.clone()],
            joined_topics: &part.topics[slot.topics.clone()],
        }
    }

    pub fn entries(&self) -> impl Iterator<Item = EntryRef<'_>> {
        (0..self.slots.len() as u32).map(|entry| self.entry(entry))
    }

    pub fn haystack(&self, entry: u32) -> Haystack<'_> {
        let slot = &self.slots[entry as usize];
        let part = &self.parts[slot.part];
        let [title_masks, other_masks] = self.masks.get(entry as usize).unwrap_or(&[Masks::ADMIT_ALL; 2]);
        Haystack {
            // Byte slices: a search never needs to check for character boundaries.
            title: &part.titles.as_bytes()[slot.title.clone()],
            other: &part.others.as_bytes()[slot.other.clone()],
            joined_topics: &part.topics.as_bytes()[slot.topics.clone()],
            title_masks,
            other_masks,
        }
    }
}

/// An offering's searchable short fields as it states them: the title,
/// the other fields (place, region names, organiser, topics, speakers …)
/// and the topics on their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields<'a> {
    pub kind: Kind,
    pub title: &'a str,
    pub other: Vec<&'a str>,
    pub topics: &'a [String],
}

impl Entry {
    /// The fields folded, as the store keeps them and the search reads them.
    pub fn fold(fields: &Fields) -> Entry {
        let separator = char::from(FIELD_SEPARATOR).to_string();
        Entry {
            kind: fields.kind,
            title: fold_text(fields.title),
            other: fields.other.iter().map(|field| fold_text(field)).collect::<Vec<_>>().join(&separator),
            topics: fields.topics.iter().map(|topic| fold_text(topic)).collect(),
        }
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
        let mut first = IndexBuilder::default();
        first.push(Kind::Event, b"eins", b"a\x1fb", b"x\x1fy");
        let mut more = IndexBuilder::default();
        more.push(Kind::Project, b"zwei", b"", b"");
        more.push(Kind::Practice, b"drei", b"c", b"z");
        let index = first.finish().unwrap().joined(more.finish().unwrap());
        let reordered = index.reordered(&[2, 0, 1]);
        assert_eq!(reordered.len(), 3);
        for (new, old) in [(0, 2), (1, 0), (2, 1)] {
            assert_eq!(reordered.entry(new), index.entry(old));
        }
        assert_eq!(reordered.entry(1).topics().collect::<Vec<_>>(), ["x", "y"]);
        assert_eq!(reordered.haystack(0).title, b"drei");
    }

    #[test]
    fn fields_must_be_whole_characters() {
        let mut split = IndexBuilder::default();
        split.push(Kind::Event, "Köln".as_bytes(), b"", b"");
        assert!(split.finish().is_some());
        // "ö" cut in two across title and other: valid together, not apart.
        let mut split = IndexBuilder::default();
        split.push(Kind::Event, b"K\xc3", b"\xb6ln", b"");
        assert!(split.finish().is_none());
        let mut broken = IndexBuilder::default();
        broken.push(Kind::Event, b"\xff", b"", b"");
        assert!(broken.finish().is_none());
    }
}
