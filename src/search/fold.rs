//! German folding: one function for texts and queries alike, so that
//! "Städte", "staedte" and "stadte" meet, as do "Straße" and "strasse".
//! Each folded character remembers which original character it came from,
//! so matches can be highlighted on the text the user reads.

use unicode_normalization::char::decompose_canonical;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`, the index of the original character it came from.
    origin: Vec<u32>,
}

impl Folded {
    /// The original character index behind a byte offset of the folded text.
    pub fn original_char(&self, folded_byte: usize) -> usize {
        self.origin[folded_byte] as usize
    }

    /// The original character indices behind a folded byte range.
    pub fn original_chars(&self, folded_bytes: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let mut last = None;
        folded_bytes.filter_map(move |byte| {
            let original = self.origin[byte] as usize;
            (last.replace(original) != Some(original)).then_some(original)
        })
    }

    /// The byte offset of a folded character index (fuzzy matchers count characters).
    pub fn byte_of_char(&self, folded_char: usize) -> usize {
        if self.text.is_ascii() {
            folded_char
        } else {
            self.text.char_indices().nth(folded_char).map_or(self.text.len(), |(byte, _)| byte)
        }
    }
}

/// Lower-cases, drops diacritics (ä → a, é → e), spells ß as ss and
/// collapses the umlaut spellings ae, oe, ue to a, o, u.
pub fn fold(text: &str) -> Folded {
    let mut folded = Folded { text: String::with_capacity(text.len()), origin: Vec::with_capacity(text.len()) };
    let push = |folded: &mut Folded, ch: char, original: usize| {
        let before = folded.text.len();
        folded.text.push(ch);
        folded.origin.extend(std::iter::repeat_n(original as u32, folded.text.len() - before));
    };
    for (original, ch) in text.chars().enumerate() {
        for lower in ch.to_lowercase() {
            if lower == 'ß' {
                push(&mut folded, 's', original);
                push(&mut folded, 's', original);
                continue;
            }
            let mut base = None;
            decompose_canonical(lower, |part| {
                // Combining marks (the dots of ä, the accent of é) are dropped.
                if base.is_none() && !('\u{300}'..='\u{36f}').contains(&part) {
                    base = Some(part);
                }
            });
            let Some(base) = base else { continue };
            // "ae" after an a/o/u folds onto the vowel, like the umlaut it spells.
            if base == 'e' && matches!(folded.text.as_bytes().last(), Some(b'a' | b'o' | b'u')) {
                continue;
            }
            push(&mut folded, base, original);
        }
    }
    folded
}

/// Just the folded text, for queries and index entries.
pub fn fold_text(text: &str) -> String {
    fold(text).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_spellings_meet() {
        for (a, b) in [
            ("Städte", "stadte"),
            ("Städte", "staedte"),
            ("Wirtschaftsförderung", "wirtschaftsfoerderung"),
            ("Straße", "strasse"),
            ("München", "muenchen"),
            ("MÜNCHEN", "Muenchen"),
            ("Café", "cafe"),
        ] {
            assert_eq!(fold_text(a), fold_text(b), "{a} ~ {b}");
        }
        assert_eq!(fold_text("Zukunft der Städte"), "zukunft der stadte");
        assert_eq!(fold_text("Straße"), "strasse");
    }

    #[test]
    fn folded_offsets_lead_back_to_the_original() {
        let original = "Große Städte";
        let folded = fold(original);
        assert_eq!(folded.text, "grosse stadte");
        let start = folded.text.find("stadte").unwrap();
        let chars: Vec<usize> = folded.original_chars(start..start + "stadte".len()).collect();
        let highlighted: String = chars.iter().map(|&i| original.chars().nth(i).unwrap()).collect();
        assert_eq!(highlighted, "Städte");
        // Both s of "ss" point at the one ß.
        assert_eq!(folded.original_char(3), 3);
        assert_eq!(folded.original_char(4), 3);
    }

    #[test]
    fn spelled_umlauts_point_at_their_first_letter() {
        let folded = fold("Staedte");
        assert_eq!(folded.text, "stadte");
        assert_eq!(folded.original_char(3), 4, "the d follows the absorbed e");
    }

    #[test]
    fn other_scripts_and_symbols_survive() {
        assert_eq!(fold_text("Ελλάδα 🚀 Köln"), "ελλαδα 🚀 koln");
        let folded = fold("🚀ö");
        assert_eq!(folded.byte_of_char(1), 4);
    }
}
