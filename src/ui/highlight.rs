//! Marks the characters a query matched, on the original (unfolded) title.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::search::Query;
use crate::search::fold::fold;

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
}
