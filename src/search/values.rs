//! The distinct values of the short fields other than the title (place,
//! organiser, region names, topics, speakers …), each with the entries that
//! have it. 100,000 offerings share some 20,000 such values, so "which
//! entries have this word in another field" is answered by searching the
//! values once instead of every entry's fields.

use std::collections::HashMap;

use memchr::memmem::Finder;

use super::bits::Bits;
use super::index::{FIELD_SEPARATOR, Masks, SearchIndex, letter_bit, letters, starts_word};
use super::matcher::compact_match;

#[derive(Debug, Clone, Default)]
pub struct FieldValues {
    /// The distinct values, each followed by `FIELD_SEPARATOR`.
    text: Vec<u8>,
    /// Where each value ends in `text`, ascending.
    ends: Vec<usize>,
    masks: Vec<Masks>,
    /// The entries of value `v`: `entries[first[v]..first[v + 1]]`.
    first: Vec<usize>,
    entries: Vec<u32>,
    entry_count: usize,
}

/// The values that contain one word, and the entries that have any of them.
#[derive(Debug, Clone)]
pub struct ValueMatch {
    values: Vec<usize>,
    /// Values with the word's letters in order after a word start with its
    /// first letter: no fuzzy match lies elsewhere, and a longer word's
    /// letters are in order in fewer values.
    in_order: Vec<usize>,
    /// Entries with the word literally in one of their values.
    pub literal: Bits,
    /// Entries with a value the word matches fuzzily: all those whose
    /// fields it matches fuzzily, and a few more (the limit of word starts
    /// a fuzzy match tries counts over all fields of an entry).
    pub fuzzy: Bits,
}

impl FieldValues {
    pub fn new(index: &SearchIndex) -> FieldValues {
        // Every entry added to no values at all: one way of reading fields serves both.
        let every_entry: Vec<usize> = (0..index.len()).collect();
        FieldValues::default().spliced(&[], index, &every_entry)
    }

    /// The values of `index`, an earlier index of these values with a
    /// splice applied: the kept entries' values moved to their new places
    /// (`moved`, by old entry), those of the entries at `inserted_at` added.
    /// Only the added entries' fields are read. A value no entry has any
    /// more stays, and matches no entry.
    pub fn spliced(&self, moved: &[Option<usize>], index: &SearchIndex, inserted_at: &[usize]) -> FieldValues {
        // (value, entry) pairs, an entry's values in the order of its fields;
        // value ids count fields, so they fit where entry ids do.
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(self.entries.len());
        for value in 0..self.ends.len() {
            for &entry in &self.entries[self.first[value]..self.first[value + 1]] {
                if let Some(new) = moved[entry as usize] {
                    pairs.push((value as u32, new as u32));
                }
            }
        }
        let (mut text, mut ends, mut masks) = (self.text.clone(), self.ends.clone(), self.masks.clone());
        let mut id_of: HashMap<&[u8], usize> = (0..self.ends.len()).map(|value| (self.value(value), value)).collect();
        for &entry in inserted_at {
            for value in index.haystack(entry as u32).other.split(|&byte| byte == FIELD_SEPARATOR) {
                let id = *id_of.entry(value).or_insert_with(|| {
                    text.extend_from_slice(value);
                    text.push(FIELD_SEPARATOR);
                    ends.push(text.len() - 1);
                    masks.push(Masks::of(value));
                    ends.len() - 1
                });
                pairs.push((id as u32, entry as u32));
            }
        }
        FieldValues::from_pairs(text, ends, masks, pairs, index.len())
    }

    fn from_pairs(
        text: Vec<u8>,
        ends: Vec<usize>,
        masks: Vec<Masks>,
        pairs: Vec<(u32, u32)>,
        entry_count: usize,
    ) -> FieldValues {
        // Counting sort by value; an entry listed twice under one value is harmless.
        let mut first = vec![0; ends.len() + 1];
        for &(value, _) in &pairs {
            first[value as usize + 1] += 1;
        }
        for at in 1..first.len() {
            first[at] += first[at - 1];
        }
        let mut next = first.clone();
        let mut entries = vec![0u32; pairs.len()];
        for (value, entry) in pairs {
            entries[next[value as usize]] = entry;
            next[value as usize] += 1;
        }
        FieldValues { text, ends, masks, first, entries, entry_count }
    }

    /// The values containing `word`, and those it may match fuzzily. With
    /// `within`, the match of a word that `word` begins with, only that
    /// word's values are searched: a longer word is in fewer values. `None`
    /// when the values cannot tell: a word with a field separator may span
    /// two fields.
    pub fn matching(&self, word: &[u8], within: Option<&ValueMatch>) -> Option<ValueMatch> {
        if word.is_empty() || word.contains(&FIELD_SEPARATOR) {
            return None;
        }
        let finder = Finder::new(word);
        let values: Vec<usize> = match within {
            Some(within) => {
                within.values.iter().copied().filter(|&value| finder.find(self.value(value)).is_some()).collect()
            }
            None => {
                let mut values = Vec::new();
                for at in finder.find_iter(&self.text) {
                    let value = self.ends.partition_point(|&end| end < at);
                    if values.last() != Some(&value) {
                        values.push(value);
                    }
                }
                values
            }
        };
        let (letters, first) = (letters(word), letter_bit(word[0]));
        let in_order = |value: &usize| {
            let masks = &self.masks[*value];
            masks.letters & letters == letters
                && masks.starts & first != 0
                && in_order_from_a_start(word, self.value(*value))
        };
        let in_order: Vec<usize> = match within {
            Some(within) => within.in_order.iter().copied().filter(in_order).collect(),
            None => (0..self.ends.len()).filter(in_order).collect(),
        };
        let fuzzy =
            self.entries_of(in_order.iter().copied().filter(|&value| compact_match(word, self.value(value)).is_some()));
        Some(ValueMatch { literal: self.entries_of(values.iter().copied()), fuzzy, values, in_order })
    }

    fn entries_of(&self, values: impl Iterator<Item = usize>) -> Bits {
        let mut entries = Bits::new(self.entry_count);
        for value in values {
            for &entry in &self.entries[self.first[value]..self.first[value + 1]] {
                entries.insert(entry as usize);
            }
        }
        entries
    }

    fn value(&self, value: usize) -> &[u8] {
        let start = match value {
            0 => 0,
            _ => self.ends[value - 1] + 1,
        };
        &self.text[start..self.ends[value]]
    }
}

/// Whether `word`'s letters occur in order in `value` from a word that
/// begins with its first letter, however far apart: what every fuzzy match
/// needs, and what stays true of a shorter word.
fn in_order_from_a_start(word: &[u8], value: &[u8]) -> bool {
    // The earliest start leaves the most text for the other letters.
    let Some(start) = (0..value.len()).find(|&at| value[at] == word[0] && starts_word(value, at)) else {
        return false;
    };
    let mut rest = value[start + 1..].iter();
    word[1..].iter().all(|letter| rest.any(|byte| byte == letter))
}
