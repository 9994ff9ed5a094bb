//! A search over time: keeps the keyword lookups already made and the last
//! hits, so each keystroke only does the work that is new.

use std::collections::HashMap;

use super::index::SearchIndex;
use super::matcher::{Hit, KeywordSet, find};
use super::query::Query;

/// Where keyword matches come from (the store's full-text index, in practice).
pub trait KeywordLookup {
    /// Row ids whose long text has a word starting with `folded_word`, or
    /// `None` when the word is too short to look up.
    fn rowids(&mut self, folded_word: &str) -> anyhow::Result<Option<Vec<i64>>>;

    /// The indexed words `rowids` would match for `folded_word`: equal lists, equal row ids.
    fn terms(&mut self, folded_word: &str) -> anyhow::Result<Option<Vec<Vec<String>>>>;
}

/// Below this length a prefix matches so many indexed words that listing
/// them costs about as much as the lookup it could save.
const TERM_CHECK_FROM: usize = 4;

pub struct SearchSession {
    index: SearchIndex,
    /// Entry index per row id (u32::MAX where no entry has that row id).
    entry_of_rowid: Vec<u32>,
    keyword_cache: HashMap<String, KeywordSet>,
    /// Keyword hits by the indexed words they stand for: typing "leerstan"
    /// after "leersta" usually matches the same words and needs no new lookup.
    sets_by_terms: HashMap<Vec<Vec<String>>, KeywordSet>,
    last: Option<(Query, Vec<Hit>)>,
    top: usize,
}

impl SearchSession {
    pub fn new(index: SearchIndex, rowids: &[i64], top: usize) -> SearchSession {
        let size = rowids.iter().copied().max().map_or(0, |max| max.max(0) as usize + 1);
        let mut entry_of_rowid = vec![u32::MAX; size];
        for (entry, &rowid) in rowids.iter().enumerate() {
            if rowid >= 0 {
                entry_of_rowid[rowid as usize] = entry as u32;
            }
        }
        SearchSession {
            index,
            entry_of_rowid,
            keyword_cache: HashMap::new(),
            sets_by_terms: HashMap::new(),
            last: None,
            top,
        }
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn search(&mut self, query: &Query, keywords: &mut dyn KeywordLookup) -> anyhow::Result<Vec<Hit>> {
        let mut sets = Vec::with_capacity(query.words.len());
        for word in &query.words {
            if !self.keyword_cache.contains_key(word) {
                let set = self.keyword_set(word, keywords)?;
                self.keyword_cache.insert(word.clone(), set);
            }
            sets.push(self.keyword_cache[word].clone());
        }
        let candidates: Option<Vec<u32>> = match &self.last {
            Some((previous, hits)) if query.narrows(previous) => Some(hits.iter().map(|hit| hit.entry).collect()),
            _ => None,
        };
        let hits = find(&self.index, query, &sets, candidates.as_deref(), self.top);
        self.last = Some((query.clone(), hits.clone()));
        Ok(hits)
    }

    fn keyword_set(&mut self, word: &str, keywords: &mut dyn KeywordLookup) -> anyhow::Result<KeywordSet> {
        let shortest_part = word
            .split(|ch: char| !ch.is_alphanumeric())
            .map(|part| part.chars().count())
            .filter(|&length| length >= 3)
            .min();
        if shortest_part.is_some_and(|length| length >= TERM_CHECK_FROM)
            && let Some(terms) = keywords.terms(word)?
        {
            if let Some(set) = self.sets_by_terms.get(&terms) {
                return Ok(set.clone());
            }
            let set = keywords.rowids(word)?.map(|rowids| self.entries_of(&rowids));
            self.sets_by_terms.insert(terms, set.clone());
            return Ok(set);
        }
        Ok(keywords.rowids(word)?.map(|rowids| self.entries_of(&rowids)))
    }

    fn entries_of(&self, rowids: &[i64]) -> Vec<bool> {
        let mut set = vec![false; self.index.len()];
        for &rowid in rowids {
            if let Some(&entry) = usize::try_from(rowid).ok().and_then(|rowid| self.entry_of_rowid.get(rowid))
                && entry != u32::MAX
            {
                set[entry as usize] = true;
            }
        }
        set
    }
}
