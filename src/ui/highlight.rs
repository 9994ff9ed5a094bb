//! Marks the characters a query matched, on the original (unfolded) title.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::theme::{Meaning, style};
use crate::app::Theme;
use crate::search::fold::fold;
use crate::search::{Query, keyword_parts};

/// Character indices of `text` that the query's words match: literal
/// occurrences where there are any, else the fuzzy matcher's choice.
pub fn matched_chars(text: &str, query: &Query) -> Vec<bool> {
    let mut marked = vec![false; text.chars().count()];
    if query.words.is_empty() {
        return marked;
    }
    let folded = fold(text);
    let matcher = SkimMatcherV2::default().respect_case();
    for word in &query.words {
        if let Some(at) = folded.text.find(word.as_str()) {
            for original in folded.original_chars(at..at + word.len()) {
                marked[original] = true;
            }
        } else if let Some((_, indices)) = matcher.fuzzy_indices(&folded.text, word) {
            for folded_char in indices {
                marked[folded.original_char(folded.byte_of_char(folded_char))] = true;
            }
        }
    }
    marked
}

/// Character indices of a long text (summary, description) that show why
/// the query matched it: every literal occurrence of a query word, and
/// wherever a part the keyword search looks up begins a word of the text.
pub fn matched_in_long_text(text: &str, query: &Query) -> Vec<bool> {
    let mut marked = vec![false; text.chars().count()];
    let folded = fold(text);
    let mut mark = |at: usize, length: usize| {
        for original in folded.original_chars(at..at + length) {
            marked[original] = true;
        }
    };
    for word in &query.words {
        for (at, _) in folded.text.match_indices(word.as_str()) {
            mark(at, word.len());
        }
        for part in keyword_parts(word) {
            for (at, _) in folded.text.match_indices(part) {
                let begins_word = folded.text[..at].chars().next_back().is_none_or(|before| !before.is_alphanumeric());
                if begins_word {
                    mark(at, part.len());
                }
            }
        }
    }
    marked
}

/// How matched characters stand out, in the list and in the details alike.
pub fn hit_style(theme: Theme) -> Style {
    style(theme, Meaning::Accent).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// The text as spans, matched characters in `hit` style.
pub fn spans(text: &str, marked: &[bool], normal: Style, hit: Style) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut current = String::new();
    let mut current_hit = false;
    for (index, ch) in text.chars().enumerate() {
        let is_hit = marked.get(index).copied().unwrap_or(false);
        if is_hit != current_hit && !current.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut current), if current_hit { hit } else { normal }));
        }
        current_hit = is_hit;
        current.push(ch);
    }
    if !current.is_empty() {
        spans.push(Span::styled(current, if current_hit { hit } else { normal }));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, query: &str) -> String {
        let marked = matched_chars(text, &Query::parse(query));
        text.chars().zip(marked).map(|(ch, hit)| if hit { ch.to_ascii_uppercase() } else { '.' }).collect()
    }

    #[test]
    fn folded_matches_mark_the_original_letters() {
        assert_eq!(shown("Zukunft der Städte", "staedte"), "............STäDTE");
        assert_eq!(shown("Leerstandsmanagement", "leerstand"), "LEERSTAND...........");
        assert_eq!(shown("Straße", "strasse"), "STRAßE");
    }

    #[test]
    fn long_texts_show_literal_and_keyword_matches() {
        let shown = |text: &str, query: &str| -> String {
            let marked = matched_in_long_text(text, &Query::parse(query));
            text.chars().zip(marked).map(|(ch, hit)| if hit { ch.to_ascii_uppercase() } else { '.' }).collect()
        };
        assert_eq!(shown("Seit der Pandemie, pandemiebedingt", "pandemie"), ".........PANDEMIE..PANDEMIE.......");
        assert_eq!(shown("Zukunft der Städte", "zukunft-stadte"), "ZUKUNFT.....STäDTE");
        assert_eq!(shown("Kommunen, Gemeinden", "meinden"), "............MEINDEN", "literal inside a word");
        assert_eq!(shown("Kommunen", "mmu-x"), "........", "a keyword part counts only at a word start");
        assert_eq!(shown("Kommunen", ""), "........");
    }
}
