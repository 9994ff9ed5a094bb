//! The search's exact results over the samples plus generated demo data,
//! recorded as snapshots: every hit with its tier and score at every
//! keystroke, each tab's order in the dashboard, and `lotse search`'s
//! output. Faster search code must leave all of them unchanged.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command as Process;

use common::{press, sample_app, type_text};
use lotse::app::{Command, RANKED_PER_TAB};
use lotse::runner::{Backend, StoreKeywords};
use lotse::search::{Query, SearchSession};
use lotse::store::Store;

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

#[test]
fn every_hit_tier_and_score_while_typing() {
    let store = demo_store();
    let searchable = store.searchable_offerings().unwrap();
    let keys: Vec<String> = searchable.offerings.iter().map(|offering| offering.key.clone()).collect();
    let mut report = String::new();
    for typed in TYPED {
        // A fresh session per query, as after Esc in the dashboard.
        let mut session = SearchSession::new(
            lotse::search::SearchIndex::from_entries(searchable.entries.clone()),
            &searchable.rowids,
            RANKED_PER_TAB,
        );
        for input in typed_steps(typed) {
            let query = Query::parse(&input);
            if query.is_empty() {
                writeln!(report, "{input:?}: empty").unwrap();
                continue;
            }
            let hits = session.search(&query, &mut StoreKeywords(&store)).unwrap();
            let listed: String = hits
                .iter()
                .map(|hit| format!("{} {:?} {} {}\n", keys[hit.entry as usize], hit.tier, hit.score, hit.unscored))
                .collect();
            writeln!(report, "{input:?}: {} hits, {}", hits.len(), digest(&listed)).unwrap();
        }
    }
    insta::assert_snapshot!(report);
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

#[test]
fn lotse_search_prints_the_same_ranking() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    {
        let mut store = Store::open(&db).unwrap();
        let kreise = store.regions().unwrap().kreise;
        store.put_records(&lotse::demo::generate(DEMO_COUNT, DEMO_SEED, &kreise)).unwrap();
    }
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
