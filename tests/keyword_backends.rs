//! The keyword look-ups over the long texts give the same hits on both
//! backends: SQLite's FTS5 index is the reference, PostgreSQL's word
//! table with B-tree prefix ranges the other implementation. Random texts with
//! umlauts, ß, digits and every kind of separator, random prefixes.

mod common;

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use common::pg::Database;
use lotse::domain::Record;
use lotse::search::fold::fold_text;
use lotse::store::Store;
use proptest::prelude::*;

const PUBLISHER: &str = "Zufallstexte";

fn records(texts: &[(String, String)]) -> Vec<Record> {
    let template = lotse::store::sample_records().into_iter().next().unwrap();
    texts
        .iter()
        .enumerate()
        .map(|(number, (summary, description))| {
            let mut record = template.clone();
            record.offering.key = format!("zufall-{number}");
            record.offering.source.publisher = PUBLISHER.to_owned();
            record.summary = summary.clone();
            record.description = description.clone();
            record
        })
        .collect()
}

/// The keys whose long texts have a word beginning with `part`.
fn hits(store: &Store, keys: &HashMap<i64, String>, part: &str) -> BTreeSet<String> {
    store.keyword_prefix_rowids(part).unwrap().into_iter().map(|rowid| keys[&rowid].clone()).collect()
}

fn keys_by_rowid(store: &Store) -> HashMap<i64, String> {
    let searchable = store.searchable_offerings().unwrap();
    searchable.rowids.into_iter().zip(searchable.offerings.into_iter().map(|offering| offering.key)).collect()
}

fn text() -> impl Strategy<Value = String> {
    let word = "[a-zäöüßéA-ZÄÖÜ0-9]{1,9}";
    let separator =
        prop_oneof![Just(" "), Just("-"), Just(". "), Just("/"), Just("'"), Just("’"), Just("_"), Just(", ")];
    prop::collection::vec((word, separator), 0..14)
        .prop_map(|parts| parts.into_iter().map(|(word, separator)| format!("{word}{separator}")).collect())
}

#[test]
fn keyword_hits_are_the_same_on_both_backends() {
    let Some(database) = Database::create("keyword_hits_are_the_same_on_both_backends") else { return };
    // The property runs as a shared closure; the stores change between cases.
    let postgres = RefCell::new(Store::open(Path::new(&database.url)).unwrap());
    let sqlite = RefCell::new(Store::open_in_memory().unwrap());
    let config = ProptestConfig { cases: 40, ..ProptestConfig::default() };
    proptest!(config, |(
        texts in prop::collection::vec((text(), text()), 1..8),
        probes in prop::collection::vec("[a-zäöüß0-9]{1,5}", 1..10),
    )| {
        for store in [&sqlite, &postgres] {
            let mut store = store.borrow_mut();
            store.delete_by_publisher(PUBLISHER).unwrap();
            store.put_records(&records(&texts)).unwrap();
        }
        let (sqlite, postgres) = (sqlite.borrow(), postgres.borrow());
        let (sqlite_keys, postgres_keys) = (keys_by_rowid(&sqlite), keys_by_rowid(&postgres));
        // Prefixes of the words that are there, and random ones.
        let mut parts: Vec<String> = texts
            .iter()
            .flat_map(|(summary, description)| fold_text(&format!("{summary} {description}")).split(|ch: char| !ch.is_alphanumeric()).map(str::to_owned).collect::<Vec<_>>())
            .filter(|word| word.chars().count() >= 3)
            .flat_map(|word| {
                let chars: Vec<char> = word.chars().collect();
                (3..=chars.len()).map(move |length| chars[..length].iter().collect::<String>())
            })
            .collect();
        parts.extend(probes.iter().map(|probe| fold_text(probe)).filter(|probe| probe.chars().count() >= 3));
        for part in &parts {
            prop_assert_eq!(hits(&postgres, &postgres_keys, part), hits(&sqlite, &sqlite_keys, part), "prefix {}", part);
            let terms = |store: &Store, keys: &HashMap<i64, String>| -> BTreeSet<(String, BTreeSet<String>)> {
                store
                    .keyword_terms(part)
                    .unwrap()
                    .into_iter()
                    .map(|term| {
                        let found = store.keyword_term_rowids(&term).unwrap().into_iter().map(|rowid| keys[&rowid].clone()).collect();
                        (term, found)
                    })
                    // A word no offering holds any more matches nothing: the same hits.
                    .filter(|(_, found): &(String, BTreeSet<String>)| !found.is_empty())
                    .collect()
            };
            prop_assert_eq!(terms(&postgres, &postgres_keys), terms(&sqlite, &sqlite_keys), "terms of {}", part);
        }
    });
}
