//! A search over time: keeps what earlier keystrokes looked up and found,
//! so each keystroke only does the work that is new.

use std::collections::HashMap;
use std::sync::Arc;

use crate::splice::Splice;

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

    /// The same search over this session's entries with `splice` applied,
    /// `incoming` (with `incoming_rowids`) taking their places: what a
    /// session made afresh over the whole new set finds. Only the new
    /// entries' fields are read; the masks, field values and title order
    /// of the kept ones move with them. What earlier searches cached goes.
    pub fn spliced(self, splice: &Splice, incoming: &SearchIndex, incoming_rowids: &[i64]) -> SearchSession {
        let rowids = splice.apply(self.rowids, incoming_rowids.to_vec());
        let mut session = SearchSession::new(self.index.spliced(splice, incoming), &rowids);
        if let (Some(values), Some(order)) = (self.field_values, self.title_order) {
            let moved = splice.moved();
            session.keywords.by_terms();
            session.field_values = Some(values.spliced(&moved, &session.index, splice.inserted_at()));
            let order = order.spliced(&moved, &session.index, &session.rowids, splice.inserted_at());
            session.title_order = Some(order);
        }
        session
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Each entry's row id, by entry.
    pub fn rowids(&self) -> &[i64] {
        &self.rowids
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

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use proptest::prelude::*;

    use super::*;
    use crate::domain::Kind;
    use crate::search::index::{FIELD_SEPARATOR, IndexBuilder, TOPIC_SEPARATOR};

    /// One offering's folded short fields and long-text words.
    #[derive(Debug, Clone)]
    struct Item {
        kind: Kind,
        title: String,
        other: Vec<String>,
        topics: Vec<String>,
        long_words: Vec<String>,
    }

    fn item() -> impl Strategy<Value = Item> {
        (
            0usize..Kind::ALL.len(),
            "[abcde ]{0,12}",
            prop::collection::vec("[abcde ]{0,8}", 0..3),
            prop::collection::vec("[abc]{1,4}", 0..2),
            prop::collection::vec("[abcd]{3,6}", 0..3),
        )
            .prop_map(|(kind, title, other, topics, long_words)| Item {
                kind: Kind::ALL[kind],
                title,
                other,
                topics,
                long_words,
            })
    }

    /// One round of a colleague's changes: offerings written (new or
    /// changed) and offerings removed, by key.
    #[derive(Debug, Clone)]
    struct Round {
        written: Vec<(u8, Item)>,
        removed: Vec<u8>,
        queries: Vec<String>,
    }

    fn round() -> impl Strategy<Value = Round> {
        (
            prop::collection::vec((0u8..24, item()), 0..5),
            prop::collection::vec(0u8..24, 0..4),
            prop::collection::vec("#?[abcde]{1,5}( [abcde]{1,4})?", 1..4),
        )
            .prop_map(|(written, removed, queries)| Round { written, removed, queries })
    }

    /// The store as the test sees it: items by row id, new keys getting
    /// the next row id, written ones keeping theirs.
    #[derive(Default)]
    struct Model {
        by_rowid: BTreeMap<i64, (u8, Item)>,
        next_rowid: i64,
    }

    impl Model {
        fn rowid_of(&self, key: u8) -> Option<i64> {
            self.by_rowid.iter().find(|(_, (stored, _))| *stored == key).map(|(rowid, _)| *rowid)
        }

        fn write(&mut self, key: u8, item: Item) {
            let rowid = self.rowid_of(key).unwrap_or_else(|| {
                self.next_rowid += 1;
                self.next_rowid
            });
            self.by_rowid.insert(rowid, (key, item));
        }

        fn remove(&mut self, key: u8) {
            if let Some(rowid) = self.rowid_of(key) {
                self.by_rowid.remove(&rowid);
            }
        }

        /// The index, row ids and keys of these items, in row id order, as the store reads them.
        fn read(&self, keys: Option<&HashSet<u8>>) -> (SearchIndex, Vec<i64>, Vec<u8>) {
            let mut builder = IndexBuilder::default();
            let (mut rowids, mut found) = (Vec::new(), Vec::new());
            for (&rowid, (key, item)) in &self.by_rowid {
                if keys.is_some_and(|keys| !keys.contains(key)) {
                    continue;
                }
                let other = item.other.join(&char::from(FIELD_SEPARATOR).to_string());
                let topics = item.topics.join(&TOPIC_SEPARATOR.to_string());
                builder.push(item.kind, item.title.as_bytes(), other.as_bytes(), topics.as_bytes());
                rowids.push(rowid);
                found.push(*key);
            }
            (builder.finish().expect("generated fields are text"), rowids, found)
        }
    }

    /// The model's long texts as the store's keyword index answers for them.
    struct LongTexts<'a>(&'a Model);

    impl LongTexts<'_> {
        fn rowids(&self, matches: impl Fn(&str) -> bool) -> Vec<i64> {
            let items = self.0.by_rowid.iter();
            items.filter(|(_, (_, item))| item.long_words.iter().any(|word| matches(word))).map(|(r, _)| *r).collect()
        }
    }

    impl KeywordLookup for LongTexts<'_> {
        fn prefix_rowids(&mut self, part: &str) -> anyhow::Result<Vec<i64>> {
            Ok(self.rowids(|word| word.starts_with(part)))
        }

        fn term_rowids(&mut self, term: &str) -> anyhow::Result<Vec<i64>> {
            Ok(self.rowids(|word| word == term))
        }

        fn terms(&mut self, part: &str) -> anyhow::Result<Vec<String>> {
            let words = self.0.by_rowid.values().flat_map(|(_, item)| item.long_words.iter());
            let mut terms: Vec<String> = words.filter(|word| word.starts_with(part)).cloned().collect();
            terms.sort();
            terms.dedup();
            Ok(terms)
        }
    }

    /// Hits by row id, so that sessions with different entry numbers compare.
    fn by_rowid(session: &mut SearchSession, query: &str, model: &Model) -> Vec<(i64, crate::search::Tier, i64)> {
        let hits = session.search(&Query::parse(query), &mut LongTexts(model)).expect("the model always answers");
        hits.iter().map(|hit| (session.rowids()[hit.entry as usize], hit.tier, hit.score)).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Changes spliced into a session typed in before (its caches
        /// full) find, query for query, what a session made afresh over
        /// the whole new set finds, in the same order.
        #[test]
        fn a_spliced_session_finds_what_a_fresh_one_finds(
            first in prop::collection::vec((0u8..24, item()), 0..20),
            rounds in prop::collection::vec(round(), 1..5),
        ) {
            let mut model = Model::default();
            for (key, item) in first {
                model.write(key, item);
            }
            let (index, rowids, mut keys) = model.read(None);
            let mut session = SearchSession::new(index, &rowids).for_typing();
            for round in rounds {
                for query in &round.queries {
                    by_rowid(&mut session, query, &model);
                }
                let mut changed = HashSet::new();
                for (key, item) in round.written.clone() {
                    changed.insert(key);
                    model.write(key, item);
                }
                for &key in &round.removed {
                    changed.insert(key);
                    model.remove(key);
                }
                let (incoming, incoming_rowids, incoming_keys) = model.read(Some(&changed));
                let splice = Splice::by_rowid(session.rowids(), |at| changed.contains(&keys[at]), &incoming_rowids);
                keys = splice.apply(keys, incoming_keys);
                session = session.spliced(&splice, &incoming, &incoming_rowids);

                let (index, rowids, fresh_keys) = model.read(None);
                prop_assert_eq!(&keys, &fresh_keys);
                prop_assert_eq!(session.rowids(), &rowids[..]);
                let mut fresh = SearchSession::new(index, &rowids).for_typing();
                for query in &round.queries {
                    let spliced_hits = by_rowid(&mut session, query, &model);
                    prop_assert_eq!(&spliced_hits, &by_rowid(&mut fresh, query, &model), "query {:?}", query);
                }
            }
        }
    }
}
