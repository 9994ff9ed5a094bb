//! A search over time: keeps what earlier keystrokes looked up and found,
//! so each keystroke only does the work that is new.

use std::collections::HashMap;
use std::sync::Arc;

use super::bits::Bits;
use super::index::SearchIndex;
use super::keywords::{KeywordLookup, Keywords, keyword_parts};
use super::matcher::{Hit, WordSets, find};
use super::query::Query;
use super::rank::{self, TitleOrder};
use super::values::{FieldValues, ValueMatch};

/// Cached words before the cache of field-value matches starts afresh.
const CACHED_WORDS: usize = 1000;

pub struct SearchSession {
    index: SearchIndex,
    keywords: Keywords,
    /// Set up `for_typing`, not for a single search.
    field_values: Option<FieldValues>,
    /// Per word, the entries with it in another field than the title.
    value_cache: HashMap<String, Option<Arc<ValueMatch>>>,
    rowids: Vec<i64>,
    /// The last query searched and the entries it found, in entry order:
    /// where a query typed on from it starts.
    last: Option<(Query, Vec<u32>)>,
    /// Set up `for_typing`: ranks many hits without comparing titles.
    title_order: Option<TitleOrder>,
}

impl SearchSession {
    pub fn new(index: SearchIndex, rowids: &[i64]) -> SearchSession {
        SearchSession {
            index,
            keywords: Keywords::new(rowids),
            field_values: None,
            value_cache: HashMap::new(),
            rowids: rowids.to_vec(),
            last: None,
            title_order: None,
        }
    }

    /// Prepares the index's masks, the distinct field values and the
    /// title order (some 100 ms for 100,000 entries) and builds keyword
    /// hits from terms, which pay off when searches follow each other
    /// keystroke by keystroke; a single search does without.
    pub fn for_typing(mut self) -> SearchSession {
        self.keywords.by_terms();
        // Independent passes over the fields, spread over the cores.
        let (index, rowids) = (&self.index, &self.rowids);
        let (masks, values, title_order) = std::thread::scope(|scope| {
            let values = scope.spawn(|| FieldValues::new(index));
            let title_order = scope.spawn(|| TitleOrder::new(index, rowids));
            let masks = index.all_masks();
            let values = values.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (masks, values, title_order.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        self.index.set_masks(masks);
        self.field_values = Some(values);
        self.title_order = Some(title_order);
        self
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Every hit of `query`, best first (see `rank`).
    pub fn search(&mut self, query: &Query, lookup: &mut dyn KeywordLookup) -> anyhow::Result<Vec<Hit>> {
        let mut hits = self.unranked(query, lookup)?;
        match &self.title_order {
            Some(order) => order.rank(&mut hits),
            None => hits.sort_unstable_by(|a, b| rank::compare(a, b, &self.index, &self.rowids)),
        }
        Ok(hits)
    }

    /// The best `limit` hits of `query`, best first.
    pub fn search_best(
        &mut self,
        query: &Query,
        limit: usize,
        lookup: &mut dyn KeywordLookup,
    ) -> anyhow::Result<Vec<Hit>> {
        let mut hits = self.unranked(query, lookup)?;
        rank::best(&mut hits, limit, &self.index, &self.rowids);
        Ok(hits)
    }

    /// Every hit of `query` in entry order. A query typed on from the last
    /// one is looked for among the last one's hits only, and among the
    /// keyword hits of a word that has just grown long enough for them.
    fn unranked(&mut self, query: &Query, lookup: &mut dyn KeywordLookup) -> anyhow::Result<Vec<Hit>> {
        if self.value_cache.len() > CACHED_WORDS {
            self.value_cache.clear();
        }
        let mut keyword_sets = Vec::with_capacity(query.words.len());
        for word in &query.words {
            keyword_sets.push(self.keywords.of_word(word, lookup)?);
            if self.field_values.is_some() && !self.value_cache.contains_key(word) {
                let found = self.values_matching(word);
                self.value_cache.insert(word.clone(), found);
            }
        }
        let sets: Vec<WordSets> = query
            .words
            .iter()
            .zip(&keyword_sets)
            .map(|(word, keywords)| {
                let values = self.value_cache.get(word).and_then(|found| found.as_deref());
                WordSets {
                    keywords: keywords.as_deref(),
                    in_other: values.map(|found| &found.literal),
                    maybe_fuzzy_in_other: values.map(|found| &found.fuzzy),
                }
            })
            .collect();
        let candidates = self.last.take().and_then(|last| candidates(last, query, &keyword_sets));
        let hits = find(&self.index, query, &sets, candidates.as_deref());
        self.last = Some((query.clone(), hits.iter().map(|hit| hit.entry).collect()));
        Ok(hits)
    }

    /// The field values containing `word`, searched among those of its
    /// longest cached prefix (typed a keystroke earlier) where there is one.
    /// Not for a single letter: it stands in most values, and the masks
    /// alone tell whether a field has it.
    fn values_matching(&self, word: &str) -> Option<Arc<ValueMatch>> {
        if word.len() < 2 {
            return None;
        }
        let values = self.field_values.as_ref()?;
        let within = word
            .char_indices()
            .rev()
            .filter(|&(at, _)| at > 0)
            .find_map(|(at, _)| self.value_cache.get(&word[..at]).map(Option::as_deref))
            .flatten();
        values.matching(word.as_bytes(), within).map(Arc::new)
    }
}

/// Where a search for `query` must look when `last` was searched before:
/// among its hits, if `query` only typed on from it, and among the keyword
/// hits of a word that has just grown long enough for them.
fn candidates(last: (Query, Vec<u32>), query: &Query, keyword_sets: &[Option<Arc<Bits>>]) -> Option<Vec<u32>> {
    let (previous, found) = last;
    let grown = query.typed_on(&previous)?;
    let newly_keyword = grown.and_then(|at| {
        let reaches_keywords = keyword_parts(&previous.words[at]).is_empty();
        keyword_sets[at].as_deref().filter(|_| reaches_keywords)
    });
    Some(match newly_keyword {
        None => found,
        Some(keyword_hits) => {
            let mut union = keyword_hits.clone();
            for entry in found {
                union.insert(entry as usize);
            }
            union.iter().map(|entry| entry as u32).collect()
        }
    })
}
