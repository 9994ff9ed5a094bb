//! The search defined the slow, obvious way: fold every field, test every
//! query word against every record, no index, no masks, no bit sets, no
//! caches. The fast search must find exactly these hits in exactly this
//! order; the differential tests hold it to that.
//!
//! A query word matches a record when it stands
//! - literally in the title (the first place where it begins a word of the
//!   title counts, or else its first place),
//! - fuzzily in the title: its first letter begins a word, and its other
//!   letters follow in order with at most six bytes skipped in all,
//! - literally in one of the other short fields,
//! - as the beginning of words of the long texts: each of its parts (split
//!   where it is not alphanumeric) of three letters or more begins a word
//!   of the summary or the description, or
//! - fuzzily in one of the other short fields.
//!
//! Every `#thema` must begin one of the record's topics.

use std::cmp::Reverse;

use super::fold::fold_text;
use super::index::Fields;
use super::matcher::Tier;
use super::query::Query;

/// One record as the store holds it.
pub struct Record<'a> {
    pub rowid: i64,
    pub fields: Fields<'a>,
    pub summary: &'a str,
    pub description: &'a str,
}

/// A record folded once, so that many queries need not fold it again.
pub struct Folded {
    rowid: i64,
    title: String,
    other: Vec<String>,
    topics: Vec<String>,
    long_words: Vec<String>,
}

impl Folded {
    pub fn new(record: &Record) -> Folded {
        let long_words = [record.summary, record.description]
            .iter()
            .flat_map(|text| {
                fold_text(text)
                    .split(|ch: char| !ch.is_alphanumeric())
                    .filter(|word| !word.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        Folded {
            rowid: record.rowid,
            title: fold_text(record.fields.title),
            other: record.fields.other.iter().map(|field| fold_text(field)).collect(),
            topics: record.fields.topics.iter().map(|topic| fold_text(topic)).collect(),
            long_words,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferenceHit {
    /// The record's place in the slice searched.
    pub record: usize,
    pub tier: Tier,
    pub score: i64,
}

/// Every record that matches `raw_query`, best first: tier, then score
/// (higher first), then folded title, then row id.
pub fn search(records: &[Folded], raw_query: &str) -> Vec<ReferenceHit> {
    let query = Query::parse(raw_query);
    let mut hits: Vec<ReferenceHit> = records
        .iter()
        .enumerate()
        .filter_map(|(at, record)| {
            let (tier, score) = judge(record, &query)?;
            Some(ReferenceHit { record: at, tier, score })
        })
        .collect();
    hits.sort_by(|a, b| {
        let (ra, rb) = (&records[a.record], &records[b.record]);
        (a.tier, Reverse(a.score), &ra.title, ra.rowid).cmp(&(b.tier, Reverse(b.score), &rb.title, rb.rowid))
    });
    hits
}

enum Found {
    TitleAt(usize),
    TitleFuzzy { start: usize, span: usize },
    OtherLiteral,
    Keyword,
    OtherFuzzy,
}

fn judge(record: &Folded, query: &Query) -> Option<(Tier, i64)> {
    let topics_ok = query
        .topics
        .iter()
        .all(|wanted| record.topics.iter().any(|topic| !topic.is_empty() && topic.starts_with(wanted)));
    if !topics_ok {
        return None;
    }
    let title = record.title.as_bytes();
    let mut found = Vec::new();
    for word in &query.words {
        found.push(find_word(record, word)?);
    }
    let score: i64 = query
        .words
        .iter()
        .zip(&found)
        .map(|(word, found)| match *found {
            Found::TitleAt(at) => 200 - at.min(150) as i64,
            Found::TitleFuzzy { start, span } => 100 - (span - word.len()) as i64 * 8 - start.min(60) as i64 / 4,
            Found::OtherLiteral => 60,
            Found::Keyword => 40,
            Found::OtherFuzzy => 20,
        })
        .sum::<i64>()
        - (title.len() / 8) as i64;
    let at_word_start = |found: &Found| matches!(*found, Found::TitleAt(at) if begins_word(title, at));
    let tier = if !query.phrase.is_empty() && record.title.starts_with(&query.phrase) {
        Tier::TitleStart
    } else if query.words.is_empty() {
        Tier::Elsewhere
    } else if found.iter().all(at_word_start) {
        Tier::TitleWords
    } else if found.iter().all(|found| matches!(found, Found::TitleAt(_))) {
        Tier::TitleLiteral
    } else if found.iter().all(|found| matches!(found, Found::TitleAt(_) | Found::TitleFuzzy { .. })) {
        Tier::TitleFuzzy
    } else {
        Tier::Elsewhere
    };
    Some((tier, score))
}

fn find_word(record: &Folded, word: &str) -> Option<Found> {
    let title = record.title.as_bytes();
    let word_bytes = word.as_bytes();
    let places: Vec<usize> = (0..title.len()).filter(|&at| title[at..].starts_with(word_bytes)).collect();
    if let Some(&first) = places.first() {
        let at = places.iter().copied().find(|&at| begins_word(title, at)).unwrap_or(first);
        return Some(Found::TitleAt(at));
    }
    if let Some((start, span)) = fuzzy(word_bytes, title) {
        return Some(Found::TitleFuzzy { start, span });
    }
    if record.other.iter().any(|field| field.contains(word)) {
        return Some(Found::OtherLiteral);
    }
    let parts: Vec<&str> =
        word.split(|ch: char| !ch.is_alphanumeric()).filter(|part| part.chars().count() >= 3).collect();
    if !parts.is_empty()
        && parts.iter().all(|part| record.long_words.iter().any(|long_word| long_word.starts_with(part)))
    {
        return Some(Found::Keyword);
    }
    if record.other.iter().any(|field| fuzzy(word_bytes, field.as_bytes()).is_some()) {
        return Some(Found::OtherFuzzy);
    }
    None
}

/// The tightest fuzzy match of `word` in one field: the start and span of
/// the shortest stretch that begins a word with its first letter and holds
/// its other letters in order, at most six bytes longer than the word; the
/// earliest start among equally short ones.
fn fuzzy(word: &[u8], field: &[u8]) -> Option<(usize, usize)> {
    let (&first, rest) = word.split_first()?;
    let longest = word.len() + 6;
    let mut best: Option<(usize, usize)> = None;
    for start in (0..field.len()).filter(|&at| field[at] == first && begins_word(field, at)) {
        let span =
            (1..=longest.min(field.len() - start)).find(|&span| is_subsequence(rest, &field[start + 1..start + span]));
        if let Some(span) = span
            && best.is_none_or(|(_, shortest)| span < shortest)
        {
            best = Some((start, span));
        }
    }
    best
}

fn is_subsequence(wanted: &[u8], text: &[u8]) -> bool {
    let mut text = text.iter();
    wanted.iter().all(|letter| text.any(|byte| byte == letter))
}

fn begins_word(text: &[u8], at: usize) -> bool {
    at == 0 || !text[at - 1].is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    fn record<'a>(title: &'a str, other: Vec<&'a str>, description: &'a str) -> Folded {
        let fields = Fields { kind: Kind::Practice, title, other, topics: &[] };
        Folded::new(&Record { rowid: 1, fields, summary: "", description })
    }

    #[test]
    fn each_way_of_matching() {
        let leerstand =
            record("Leerstandsmanagement kompakt", vec!["Einbeck", "Niedersachsen"], "Während der Pandemie …");
        let tier = |query: &str| search(std::slice::from_ref(&leerstand), query).first().map(|hit| hit.tier);
        assert_eq!(tier("leerstand"), Some(Tier::TitleStart));
        assert_eq!(tier("kompakt"), Some(Tier::TitleWords));
        assert_eq!(tier("stand"), Some(Tier::TitleLiteral));
        assert_eq!(tier("lstdm"), Some(Tier::TitleFuzzy));
        assert_eq!(tier("einbeck"), Some(Tier::Elsewhere), "another field");
        assert_eq!(tier("pandem"), Some(Tier::Elsewhere), "the long text from three letters on");
        assert_eq!(tier("wa"), None, "two letters are too few for the long text");
        assert_eq!(tier("sachsen"), Some(Tier::Elsewhere), "literally inside another field");
        assert_eq!(tier("ndsa"), Some(Tier::Elsewhere), "fuzzily in another field");
        assert_eq!(tier("andemie"), None, "long-text words match from their start");
        assert_eq!(tier("wahrend"), Some(Tier::Elsewhere));
        assert_eq!(tier("waehrend"), Some(Tier::Elsewhere));
    }

    #[test]
    fn a_fuzzy_match_skips_six_bytes_at_most() {
        assert_eq!(fuzzy(b"pan", b"pxxxxxxxan"), None, "seven skipped");
        assert_eq!(fuzzy(b"pan", b"pxxxxxxan"), Some((0, 9)));
        assert_eq!(fuzzy(b"pand", b"pxxxxxxand"), Some((0, 10)));
        assert_eq!(fuzzy(b"ste", b"stadte"), Some((0, 6)));
        assert_eq!(fuzzy(b"bb", b"b xxxxxx b"), None, "the second b does not follow within reach");
        assert_eq!(fuzzy(b"bb", b"b x b"), Some((0, 5)));
    }

    proptest::proptest! {
        /// What a word matches fuzzily, the word it grew from matches too.
        #[test]
        fn a_longer_word_matches_fuzzily_only_where_its_beginning_does(
            word in "[ab ]{1,6}",
            field in "[ab x]{0,30}",
        ) {
            for end in 1..word.len() {
                if fuzzy(word.as_bytes(), field.as_bytes()).is_some() {
                    proptest::prop_assert!(fuzzy(&word.as_bytes()[..end], field.as_bytes()).is_some());
                }
            }
        }
    }
}
