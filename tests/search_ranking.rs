//! The search's exact results over the samples plus generated demo data,
//! recorded as snapshots: every hit with its tier and score at every
//! keystroke, each tab's order in the dashboard, and `lotse search`'s
//! output. Faster search code must leave all of them unchanged.

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command as Process;

use common::{press, sample_app, type_text};
use lotse::app::Command;
use lotse::runner::{Backend, StoreKeywords};
use lotse::search::keywords::Keywords;
use lotse::search::values::{FieldValues, ValueMatch};
use lotse::search::{Query, SearchSession};
use lotse::store::{Searchable, Store};

const DEMO_COUNT: usize = 3000;
const DEMO_SEED: u64 = 7;
const TODAY: &str = "2026-11-22";

/// Typed one character at a time; `<` deletes the last character.
const TYPED: &[&str] = &[
    "leerstand",
    "innenstadt digital",
    "wirtschaftsfoerderung",
    "einbeck marketing",
    "stadtmarketing",
    "gründung",
    "fachkräfte",
    "klimaanpassung ortskern",
    "Städte",
    "strasse",
    "#digitalisierung innenstadt",
    "#handel le",
    "einbckr",
    "barlen",
    "leerstand<<<<nd",
    "wirtschaft<<<<<<<<<<",
    "a b c",
    "zukunft-der stadt",
    "ü",
];

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let kreise = store.regions().unwrap().kreise;
    store.put_records(&lotse::demo::generate(DEMO_COUNT, DEMO_SEED, &kreise)).unwrap();
    store
}

/// FNV-1a: a short, stable fingerprint of a long list.
fn digest(text: &str) -> String {
    let hash = text
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3));
    format!("{hash:016x}")
}

fn typed_steps(typed: &str) -> Vec<String> {
    let mut input = String::new();
    let mut steps = Vec::new();
    for ch in typed.chars() {
        if ch == '<' {
            input.pop();
        } else {
            input.push(ch);
        }
        steps.push(input.clone());
    }
    steps
}

/// The index read from the store, reordered from the covering index into
/// the offerings' order, holds the fields folded from each offering.
#[test]
fn the_index_holds_each_offerings_fields() {
    let store = demo_store();
    let regions = store.regions().unwrap();
    let searchable = store.searchable_offerings().unwrap();
    assert_eq!(searchable.index.len(), DEMO_COUNT + 16);
    for (offering, stored) in searchable.offerings.iter().zip(searchable.index.entries()) {
        let fresh = lotse::store::search_fields::entry(offering, &regions);
        assert_eq!((stored.kind, stored.title, stored.other), (fresh.kind, fresh.title.as_str(), fresh.other.as_str()));
        assert_eq!(stored.topics().collect::<Vec<_>>(), fresh.topics);
    }
    let (rowids, unordered) = store.search_index().unwrap();
    assert_eq!(unordered.len(), searchable.index.len());
    let at: HashMap<i64, u32> =
        searchable.rowids.iter().enumerate().map(|(entry, &rowid)| (rowid, entry as u32)).collect();
    for (entry, rowid) in rowids.iter().enumerate() {
        assert_eq!(unordered.entry(entry as u32), searchable.index.entry(at[rowid]));
    }
}

/// Every hit with tier and score at every keystroke, one line per keystroke.
fn typed_report(store: &Store, searchable: &Searchable, for_typing: bool) -> String {
    let keys: Vec<&str> = searchable.offerings.iter().map(|offering| offering.key.as_str()).collect();
    let mut report = String::new();
    for typed in TYPED {
        // A fresh session per query, as after Esc in the dashboard.
        let mut session = SearchSession::new(searchable.index.clone(), &searchable.rowids);
        if for_typing {
            session = session.for_typing();
        }
        for input in typed_steps(typed) {
            let query = Query::parse(&input);
            if query.is_empty() {
                writeln!(report, "{input:?}: empty").unwrap();
                continue;
            }
            let hits = session.search(&query, &mut StoreKeywords(store)).unwrap();
            let listed: String =
                hits.iter().map(|hit| format!("{} {:?} {}\n", keys[hit.entry as usize], hit.tier, hit.score)).collect();
            writeln!(report, "{input:?}: {} hits, {}", hits.len(), digest(&listed)).unwrap();
        }
    }
    report
}

#[test]
fn every_hit_tier_and_score_while_typing() {
    let store = demo_store();
    let searchable = store.searchable_offerings().unwrap();
    let report = typed_report(&store, &searchable, false);
    assert_eq!(report, typed_report(&store, &searchable, true), "masks and field values change no hit");
    insta::assert_snapshot!(report);
}

/// The keyword sets a session builds from prefixes, or from terms as a
/// word grows, against one full-text query per word.
#[test]
fn keyword_sets_equal_the_full_text_query_per_word() {
    let store = demo_store();
    let searchable = store.searchable_offerings().unwrap();
    let entry_of: HashMap<i64, usize> =
        searchable.rowids.iter().enumerate().map(|(entry, &rowid)| (rowid, entry)).collect();
    let mut by_prefix = Keywords::new(&searchable.rowids);
    let mut by_terms = Keywords::new(&searchable.rowids);
    by_terms.by_terms();
    let mut words: Vec<String> = TYPED.iter().flat_map(|typed| typed_steps(typed)).collect();
    words.extend(
        ["zukunft-der", "e-mail", "2030", "ελλαδα", "innen stadt", "stadtmarketing-innen", "xyzzy"].map(String::from),
    );
    let mut checked = 0;
    for input in words {
        for word in Query::parse(&input).words {
            let expected = store.keyword_rowids(&word).unwrap().map(|rowids| {
                let mut entries: Vec<usize> = rowids.iter().map(|rowid| entry_of[rowid]).collect();
                entries.sort_unstable();
                entries
            });
            for keywords in [&mut by_prefix, &mut by_terms] {
                let found = keywords.of_word(&word, &mut StoreKeywords(&store)).unwrap();
                assert_eq!(found.map(|set| set.iter().collect::<Vec<_>>()), expected, "{word}");
            }
            checked += 1;
        }
    }
    assert!(checked > 200);
}

/// Field values answer "literally in another field" exactly, and "fuzzily"
/// with no entry missing, as searching each entry's fields would.
#[test]
fn field_values_agree_with_each_entrys_fields() {
    let store = demo_store();
    let index = store.searchable_offerings().unwrap().index;
    let values = FieldValues::new(&index);
    let words: Vec<String> =
        TYPED.iter().flat_map(|typed| typed_steps(typed)).flat_map(|input| Query::parse(&input).words).collect();
    let mut previous: Option<(String, ValueMatch)> = None;
    for word in words {
        // Typing on searches among the values of the shorter word.
        let within =
            previous.as_ref().filter(|(shorter, _)| word.starts_with(shorter.as_str())).map(|(_, found)| found);
        let found = values.matching(word.as_bytes(), within).unwrap();
        for (entry, fields) in index.entries().enumerate() {
            assert_eq!(
                found.literal.contains(entry),
                fields.other.contains(word.as_str()),
                "{word} in {}",
                fields.other
            );
        }
        previous = Some((word, found));
    }
    assert!(values.matching(b"a\x1fb", None).is_none(), "a word across two fields is for the fields themselves");
}

#[test]
fn every_tab_order_in_the_dashboard() {
    let mut backend = Backend::new(demo_store());
    let mut app = sample_app(&mut backend, 120, 35, TODAY, lotse::i18n::Lang::De);
    let mut report = String::new();
    for typed in TYPED {
        press(&mut app, &mut backend, &[Command::Search]);
        for ch in typed.chars() {
            if ch == '<' {
                press(&mut app, &mut backend, &[Command::DeleteChar]);
            } else {
                type_text(&mut app, &mut backend, &ch.to_string());
            }
            let tabs: Vec<String> = app
                .tabs
                .iter()
                .map(|tab| {
                    let rows: String = tab.rows.iter().map(|&row| format!("{}\n", app.offerings[row].key)).collect();
                    format!("{} {}", tab.rows.len(), digest(&rows))
                })
                .collect();
            writeln!(report, "{:?}: {}", app.search.input, tabs.join(" | ")).unwrap();
        }
        for (slot, tab) in app.tabs.iter().enumerate() {
            let top: Vec<&str> = tab.rows.iter().take(8).map(|&row| app.offerings[row].key.as_str()).collect();
            writeln!(report, "  tab {}: {}", slot + 1, top.join(", ")).unwrap();
        }
        press(&mut app, &mut backend, &[Command::Cancel]);
    }
    insta::assert_snapshot!(report);
}

fn lotse_search(db: &Path, args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let output = Process::new(env!("CARGO_BIN_EXE_lotse"))
        .arg("--db")
        .arg(db)
        .arg("search")
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("LOTSE_CONFIG", "/nonexistent/config.toml")
        .env("LOTSE_NOW", TODAY)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn demo_file(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("lotse.db");
    let mut store = Store::open(&db).unwrap();
    let kreise = store.regions().unwrap().kreise;
    store.put_records(&lotse::demo::generate(DEMO_COUNT, DEMO_SEED, &kreise)).unwrap();
    db
}

/// A database file is read on two connections at once, each reading the
/// offerings of some kinds; together they read every entry once, in the
/// covering index's order (by kind first).
#[test]
fn two_connections_read_every_entry_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&demo_file(dir.path())).unwrap();
    let (rowids, index) = store.search_index().unwrap();
    let searchable = store.searchable_offerings().unwrap();
    let mut sorted = rowids.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, searchable.rowids);
    let at: HashMap<i64, u32> =
        searchable.rowids.iter().enumerate().map(|(entry, &rowid)| (rowid, entry as u32)).collect();
    for (entry, rowid) in rowids.iter().enumerate() {
        assert_eq!(index.entry(entry as u32), searchable.index.entry(at[rowid]));
    }
    let kinds: Vec<_> = index.entries().map(|entry| entry.kind).collect();
    assert!(kinds.is_sorted_by_key(|kind| kind.code()), "kinds in the index's order");
}

#[test]
fn lotse_search_prints_the_same_ranking() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut report = String::new();
    for args in [
        &["leerstand", "--limit", "25"][..],
        &["innenstadt", "digital", "--limit", "25"],
        &["wirtschaftsfoerderung", "--limit", "40"],
        &["einbckr"],
        &["stadtm", "--kind", "practice", "--limit", "15"],
        &["handel", "--region", "HE", "--limit", "15"],
        &["#digitalisierung", "innenstadt", "--limit", "15"],
        &["le", "--limit", "15"],
        &["fachkräfte", "--limit", "10", "--format", "json"],
    ] {
        writeln!(report, "$ lotse search {}\n{}", args.join(" "), lotse_search(&db, args)).unwrap();
    }
    insta::assert_snapshot!(report);
}
