//! One order for every list of hits, in the dashboard and in `lotse
//! search` alike: tier, then score (higher first), then the folded title,
//! then the row id, so that no two hits ever tie and the order depends on
//! the offerings alone, never on how they were read.

use std::cmp::{Ordering, Reverse};

use super::bits::Bits;
use super::index::SearchIndex;
use super::matcher::Hit;

/// Orders two hits of one index by the definition above.
pub fn compare(a: &Hit, b: &Hit, index: &SearchIndex, rowids: &[i64]) -> Ordering {
    (a.tier, Reverse(a.score))
        .cmp(&(b.tier, Reverse(b.score)))
        .then_with(|| index.title(a.entry).cmp(index.title(b.entry)))
        .then_with(|| rowids[a.entry as usize].cmp(&rowids[b.entry as usize]))
}

/// Each entry's place among all entries by title and row id: the last two
/// steps of `compare` answered once, so that ranking many hits sorts plain
/// numbers instead of comparing titles.
#[derive(Debug, Clone)]
pub struct TitleOrder(Vec<u32>);

impl TitleOrder {
    pub fn new(index: &SearchIndex, rowids: &[i64]) -> TitleOrder {
        let mut entries: Vec<u32> = (0..index.len() as u32).collect();
        entries.sort_unstable_by(|&a, &b| {
            index.title(a).cmp(index.title(b)).then_with(|| rowids[a as usize].cmp(&rowids[b as usize]))
        });
        let mut place = vec![0u32; entries.len()];
        for (at, &entry) in entries.iter().enumerate() {
            place[entry as usize] = at as u32;
        }
        TitleOrder(place)
    }

    /// The order of `index` (with `rowids`), an earlier index of this
    /// order with a splice applied: the kept entries keep their order among
    /// themselves (`moved`, by old entry), and the entries at `inserted_at`
    /// are put in theirs by comparing titles, not every entry.
    pub fn spliced(
        &self,
        moved: &[Option<usize>],
        index: &SearchIndex,
        rowids: &[i64],
        inserted_at: &[usize],
    ) -> TitleOrder {
        let mut by_place = vec![0u32; self.0.len()];
        for (entry, &place) in self.0.iter().enumerate() {
            by_place[place as usize] = entry as u32;
        }
        let mut entries: Vec<u32> =
            by_place.into_iter().filter_map(|old| moved[old as usize].map(|new| new as u32)).collect();
        let before = |a: u32, b: u32| {
            index.title(a).cmp(index.title(b)).then_with(|| rowids[a as usize].cmp(&rowids[b as usize]))
                == Ordering::Less
        };
        for &new in inserted_at {
            let at = entries.partition_point(|&other| before(other, new as u32));
            entries.insert(at, new as u32);
        }
        let mut place = vec![0u32; entries.len()];
        for (at, &entry) in entries.iter().enumerate() {
            place[entry as usize] = at as u32;
        }
        TitleOrder(place)
    }

    /// Sorts `hits` as `compare` would.
    pub fn rank(&self, hits: &mut [Hit]) {
        hits.sort_unstable_by_key(|hit| self.key(hit));
    }

    fn key(&self, hit: &Hit) -> u128 {
        // Higher scores first: flipping the sign bit and inverting keeps the
        // order of i64 as unsigned numbers, reversed.
        let score = !((hit.score as u64) ^ (1 << 63));
        (hit.tier as u128) << 96 | (score as u128) << 32 | u128::from(self.0[hit.entry as usize])
    }
}

/// Sorts the best `limit` hits first, as `compare` orders them, and drops
/// the rest: for a caller that prints only so many.
pub fn best(hits: &mut Vec<Hit>, limit: usize, index: &SearchIndex, rowids: &[i64]) {
    let order = |a: &Hit, b: &Hit| compare(a, b, index, rowids);
    if hits.len() > limit {
        hits.select_nth_unstable_by(limit, order);
        hits.truncate(limit);
    }
    hits.sort_unstable_by(order);
}

/// The entries of one tab among ranked hits, in their rank order.
pub fn within(ranked: &[Hit], tab: &[usize], entry_count: usize) -> Vec<u32> {
    let mut in_tab = Bits::new(entry_count);
    for &entry in tab {
        in_tab.insert(entry);
    }
    ranked.iter().filter(|hit| in_tab.contains(hit.entry as usize)).map(|hit| hit.entry).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::Kind;
    use crate::search::Tier;
    use crate::search::index::IndexBuilder;

    const TIERS: [Tier; 5] =
        [Tier::TitleStart, Tier::TitleWords, Tier::TitleLiteral, Tier::TitleFuzzy, Tier::Elsewhere];

    fn index_of(titles: &[String]) -> SearchIndex {
        let mut builder = IndexBuilder::default();
        for title in titles {
            builder.push(Kind::Practice, title.as_bytes(), b"", b"");
        }
        builder.finish().expect("generated titles are text")
    }

    proptest! {
        /// The packed sort keys against the comparison they stand for,
        /// with few distinct titles and scores so that ties are common.
        #[test]
        fn title_order_ranks_as_compare_does(
            titles in prop::collection::vec("[ab]{0,3}", 0..40),
            picks in prop::collection::vec((0usize..5, -3i64..3, any::<bool>()), 0..40),
            rowid_seed in any::<u64>(),
        ) {
            let index = index_of(&titles);
            // Distinct row ids in an order unrelated to the entries'.
            let rowids: Vec<i64> =
                (0..titles.len() as i64).map(|at| (at * 7919 + rowid_seed as i64 % 1000) % 100_003).collect();
            let hits: Vec<Hit> = picks
                .iter()
                .enumerate()
                .filter(|(entry, (_, _, keep))| *keep && *entry < titles.len())
                .map(|(entry, &(tier, score, _))| Hit { entry: entry as u32, tier: TIERS[tier], score: score * 1000 })
                .collect();
            let mut fast = hits.clone();
            TitleOrder::new(&index, &rowids).rank(&mut fast);
            let mut slow = hits.clone();
            slow.sort_by(|a, b| compare(a, b, &index, &rowids));
            prop_assert_eq!(&fast, &slow);
            for limit in [0, 1, 3, hits.len()] {
                let mut top = hits.clone();
                best(&mut top, limit, &index, &rowids);
                prop_assert_eq!(&top[..], &slow[..limit.min(slow.len())]);
            }
        }
    }

    #[test]
    fn extreme_scores_keep_their_order() {
        let index = index_of(&["a".into(), "a".into(), "a".into()]);
        let order = TitleOrder::new(&index, &[1, 2, 3]);
        let mut hits = vec![
            Hit { entry: 0, tier: Tier::Elsewhere, score: i64::MIN },
            Hit { entry: 1, tier: Tier::Elsewhere, score: i64::MAX },
            Hit { entry: 2, tier: Tier::Elsewhere, score: 0 },
        ];
        order.rank(&mut hits);
        assert_eq!(hits.iter().map(|hit| hit.entry).collect::<Vec<_>>(), [1, 2, 0]);
    }
}
