//! How a list of offerings in row id order takes in a few changed ones:
//! the runner's search entries and the dashboard's offerings are spliced by
//! the same plan, so their indices keep pointing at the same offerings, and
//! the result is ordered exactly as a full read of the store would be.

/// Which old items go and where the incoming ones stand in the new list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    old_len: usize,
    /// Positions in the old list that go, ascending.
    removed: Vec<usize>,
    /// Where each incoming item stands in the new list, ascending.
    inserted_at: Vec<usize>,
}

impl Splice {
    /// The plan for a list whose items have `old_rowids` (ascending): the
    /// items `gone` says were changed or removed leave, and the items read
    /// again (`incoming_rowids`, ascending) take their place by row id. An
    /// old item whose row id came back under another key goes as well.
    pub fn by_rowid(old_rowids: &[i64], mut gone: impl FnMut(usize) -> bool, incoming_rowids: &[i64]) -> Splice {
        let removed: Vec<usize> = (0..old_rowids.len())
            .filter(|&at| gone(at) || incoming_rowids.binary_search(&old_rowids[at]).is_ok())
            .collect();
        let mut inserted_at = Vec::with_capacity(incoming_rowids.len());
        let mut removed_so_far = removed.iter().peekable();
        let mut kept_before = 0;
        let mut old = 0;
        for (incoming, &rowid) in incoming_rowids.iter().enumerate() {
            // Kept items with a smaller row id come first.
            while old < old_rowids.len() && old_rowids[old] < rowid {
                if removed_so_far.next_if_eq(&&old).is_none() {
                    kept_before += 1;
                }
                old += 1;
            }
            inserted_at.push(kept_before + incoming);
        }
        Splice { old_len: old_rowids.len(), removed, inserted_at }
    }

    pub fn old_len(&self) -> usize {
        self.old_len
    }

    pub fn new_len(&self) -> usize {
        self.old_len - self.removed.len() + self.inserted_at.len()
    }

    /// Where each incoming item stands in the new list, ascending.
    pub fn inserted_at(&self) -> &[usize] {
        &self.inserted_at
    }

    /// Each old item's position in the new list; `None` for those that go.
    pub fn moved(&self) -> Vec<Option<usize>> {
        let positions: Vec<usize> = (0..self.old_len).collect();
        let placeholders = vec![usize::MAX; self.inserted_at.len()];
        let mut moved = vec![None; self.old_len];
        for (new, old) in self.apply(positions, placeholders).into_iter().enumerate() {
            if old != usize::MAX {
                moved[old] = Some(new);
            }
        }
        moved
    }

    /// The new list: `old` without the removed items, with `incoming` (as
    /// many as the plan was made for, in row id order) in their places.
    pub fn apply<T>(&self, old: Vec<T>, incoming: Vec<T>) -> Vec<T> {
        assert_eq!(old.len(), self.old_len, "a splice applies to the list it was planned for");
        assert_eq!(incoming.len(), self.inserted_at.len(), "a splice inserts what it was planned for");
        let mut removed = self.removed.iter().peekable();
        let mut kept = old.into_iter().enumerate().filter_map(|(at, item)| match removed.next_if_eq(&&at) {
            Some(_) => None,
            None => Some(item),
        });
        let mut inserted = self.inserted_at.iter().zip(incoming).peekable();
        let mut spliced = Vec::with_capacity(self.new_len());
        for at in 0..self.new_len() {
            match inserted.next_if(|(position, _)| **position == at) {
                Some((_, item)) => spliced.push(item),
                None => spliced.extend(kept.next()),
            }
        }
        spliced
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The plan against its obvious meaning: drop the changed items by
        /// key, add those read again, and sort everything by row id.
        #[test]
        fn a_splice_orders_as_a_full_read_does(
            old in prop::collection::btree_map(0i64..60, 0u8..20, 0..30),
            gone in prop::collection::btree_set(0u8..20, 0..8),
            incoming in prop::collection::btree_map(0i64..60, 0u8..20, 0..8),
        ) {
            // Keys are unique in the store, and so is each row id's key.
            let old: BTreeMap<i64, u8> = dedup_keys(old);
            let incoming: BTreeMap<i64, u8> = dedup_keys(incoming);
            let changed: Vec<u8> = gone.iter().copied().chain(incoming.values().copied()).collect();
            let old_items: Vec<(i64, u8)> = old.into_iter().collect();
            let old_rowids: Vec<i64> = old_items.iter().map(|(rowid, _)| *rowid).collect();
            let incoming_items: Vec<(i64, u8)> = incoming.into_iter().collect();
            let incoming_rowids: Vec<i64> = incoming_items.iter().map(|(rowid, _)| *rowid).collect();

            let splice = Splice::by_rowid(&old_rowids, |at| changed.contains(&old_items[at].1), &incoming_rowids);
            let fast = splice.apply(old_items.clone(), incoming_items.clone());


            let mut slow: Vec<(i64, u8)> = old_items
                .iter()
                .filter(|(rowid, key)| !changed.contains(key) && !incoming_rowids.contains(rowid))
                .copied()
                .chain(incoming_items.iter().copied())
                .collect();
            slow.sort();
            prop_assert_eq!(splice.new_len(), slow.len());
            for (old, new) in splice.moved().into_iter().enumerate() {
                let (rowid, key) = old_items[old];
                let stays = !changed.contains(&key) && !incoming_rowids.contains(&rowid);
                let kept = slow.iter().position(|item| *item == old_items[old]).filter(|_| stays);
                prop_assert_eq!(new, kept, "where old item {} went", old);
            }
            for (incoming, &at) in splice.inserted_at().iter().enumerate() {
                prop_assert_eq!(slow[at], incoming_items[incoming]);
            }
            prop_assert_eq!(fast, slow);
        }
    }

    /// Drops later row ids that repeat an earlier one's key.
    fn dedup_keys(items: BTreeMap<i64, u8>) -> BTreeMap<i64, u8> {
        let mut seen = std::collections::HashSet::new();
        items.into_iter().filter(|(_, key)| seen.insert(*key)).collect()
    }

    #[test]
    fn a_row_id_back_under_another_key_replaces_the_old_item() {
        let splice = Splice::by_rowid(&[1, 2, 3], |_| false, &[2]);
        assert_eq!(splice.apply(vec!["a", "b", "c"], vec!["renamed"]), ["a", "renamed", "c"]);
    }

    #[test]
    #[should_panic(expected = "planned for")]
    fn a_splice_refuses_another_list() {
        Splice::by_rowid(&[1, 2], |_| false, &[]).apply(vec![1], vec![]);
    }
}
