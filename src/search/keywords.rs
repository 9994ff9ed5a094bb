//! Keyword hits as bit sets, assembled so that typing on rarely asks the
//! full-text index again. A word's hits are those of its parts, intersected
//! (the index tokenizes "zukunft-der" into two words, and both must occur).
//! A part of three letters is one lookup in the index's prefix table. A
//! longer part stands for the indexed words (terms) that begin with it, and
//! its hits are the union of theirs: the term list of "stad" is asked once,
//! "stadt" and "stadtm" filter it in memory, and each term's hits are
//! fetched once and then only combined.

use std::collections::HashMap;
use std::sync::Arc;

use super::bits::Bits;

/// Where keyword matches come from (the store's full-text index, in practice).
pub trait KeywordLookup {
    /// Row ids whose long text has a word starting with `part`, one word
    /// of at least three letters without separators (`keyword_parts`).
    fn prefix_rowids(&mut self, part: &str) -> anyhow::Result<Vec<i64>>;

    /// Row ids whose long text has the word `term` itself.
    fn term_rowids(&mut self, term: &str) -> anyhow::Result<Vec<i64>>;

    /// The indexed words that begin with `part`.
    fn terms(&mut self, part: &str) -> anyhow::Result<Vec<String>>;
}

/// The shortest part the keyword index looks up.
const SHORTEST_PART: usize = 3;

/// The parts of a folded word that the keyword index can look up: split
/// where its tokenizer splits, three letters at least.
pub fn keyword_parts(folded_word: &str) -> Vec<&str> {
    folded_word.split(|ch: char| !ch.is_alphanumeric()).filter(|part| part.chars().count() >= SHORTEST_PART).collect()
}

/// Cached sets before the caches start afresh: a long session of typing,
/// at 12.5 kB per set for 100,000 entries.
const CACHED_SETS: usize = 2000;

pub struct Keywords {
    /// Whether longer parts are built from their terms, which pays off only
    /// when longer words follow; otherwise every part is one lookup.
    by_terms: bool,
    /// Entry index per row id (u32::MAX where no entry has that row id).
    entry_of_rowid: Vec<u32>,
    entry_count: usize,
    words: HashMap<String, Option<Arc<Bits>>>,
    parts: HashMap<String, Arc<Bits>>,
    /// The terms beginning with a part, for parts whose hits are built from terms.
    terms_of: HashMap<String, Arc<Vec<String>>>,
    terms: HashMap<String, Arc<Bits>>,
}

impl Keywords {
    pub fn new(rowids: &[i64]) -> Keywords {
        let size = rowids.iter().copied().max().map_or(0, |max| max.max(0) as usize + 1);
        let mut entry_of_rowid = vec![u32::MAX; size];
        for (entry, &rowid) in rowids.iter().enumerate() {
            if rowid >= 0 {
                entry_of_rowid[rowid as usize] = entry as u32;
            }
        }
        Keywords {
            by_terms: false,
            entry_of_rowid,
            entry_count: rowids.len(),
            words: HashMap::new(),
            parts: HashMap::new(),
            terms_of: HashMap::new(),
            terms: HashMap::new(),
        }
    }

    /// Builds the hits of longer parts from their terms' hits from now on.
    pub fn by_terms(&mut self) {
        self.by_terms = true;
    }

    /// Entries whose long text has a word starting with each part of
    /// `word`; `None` when no part is long enough to look up.
    pub fn of_word(&mut self, word: &str, lookup: &mut dyn KeywordLookup) -> anyhow::Result<Option<Arc<Bits>>> {
        if let Some(set) = self.words.get(word) {
            return Ok(set.clone());
        }
        if self.words.len() + self.parts.len() + self.terms.len() > CACHED_SETS {
            self.words.clear();
            self.parts.clear();
            self.terms_of.clear();
            self.terms.clear();
        }
        let mut set: Option<Arc<Bits>> = None;
        for part in keyword_parts(word) {
            let hits = self.of_part(part, lookup)?;
            set = Some(match set {
                None => hits,
                Some(so_far) => Arc::new(so_far.intersection(&hits)),
            });
        }
        self.words.insert(word.to_owned(), set.clone());
        Ok(set)
    }

    fn of_part(&mut self, part: &str, lookup: &mut dyn KeywordLookup) -> anyhow::Result<Arc<Bits>> {
        if let Some(set) = self.parts.get(part) {
            return Ok(set.clone());
        }
        // Three letters have their own table in the index; other scripts
        // than ASCII keep the index's own prefix matching.
        let set = if !self.by_terms || part.len() == SHORTEST_PART || !part.is_ascii() {
            Arc::new(self.entries_of(&lookup.prefix_rowids(part)?))
        } else {
            let terms = self.terms_of(part, lookup)?;
            let mut set = Bits::new(self.entry_count);
            for term in terms.iter() {
                set.union_with(&*self.of_term(term, lookup)?);
            }
            Arc::new(set)
        };
        self.parts.insert(part.to_owned(), set.clone());
        Ok(set)
    }

    /// The terms beginning with `part`, filtered from those of its longest
    /// known prefix where there is one: a longer part matches fewer terms.
    fn terms_of(&mut self, part: &str, lookup: &mut dyn KeywordLookup) -> anyhow::Result<Arc<Vec<String>>> {
        let known = (SHORTEST_PART + 1..part.len()).rev().find_map(|length| self.terms_of.get(&part[..length]));
        let terms = match known {
            Some(wider) => Arc::new(wider.iter().filter(|term| term.starts_with(part)).cloned().collect()),
            None => Arc::new(lookup.terms(part)?),
        };
        self.terms_of.insert(part.to_owned(), terms.clone());
        Ok(terms)
    }

    fn of_term(&mut self, term: &str, lookup: &mut dyn KeywordLookup) -> anyhow::Result<Arc<Bits>> {
        if let Some(set) = self.terms.get(term) {
            return Ok(set.clone());
        }
        let set = Arc::new(self.entries_of(&lookup.term_rowids(term)?));
        self.terms.insert(term.to_owned(), set.clone());
        Ok(set)
    }

    fn entries_of(&self, rowids: &[i64]) -> Bits {
        let mut set = Bits::new(self.entry_count);
        for &rowid in rowids {
            if let Some(&entry) = usize::try_from(rowid).ok().and_then(|rowid| self.entry_of_rowid.get(rowid))
                && entry != u32::MAX
            {
                set.insert(entry as usize);
            }
        }
        set
    }
}
