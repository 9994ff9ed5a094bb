//! `lotse demo-data`: adding synthetic offerings through the real binary,
//! upserting them on a second run, and removing them again.

use std::path::Path;
use std::process::{Command, Output};

use lotse::store::Store;
use rusqlite::Connection;

const BINARY: &str = env!("CARGO_BIN_EXE_lotse");
const SAMPLES: i64 = 16;

fn lotse(db: &Path, args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(BINARY)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("LOTSE_CONFIG", "/nonexistent/config.toml")
        .output()
        .unwrap()
}

fn succeeded(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "stdout: {stdout}\nstderr: {}", String::from_utf8_lossy(&output.stderr));
    stdout
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db).unwrap().query_row(sql, [], |row| row.get(0)).unwrap()
}

fn offerings(db: &Path) -> i64 {
    count(db, "SELECT count(*) FROM offerings")
}

#[test]
fn demo_data_is_added_upserted_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");

    let added = succeeded(&lotse(&db, &["demo-data", "--count", "500", "--seed", "7"]));
    assert!(added.contains("500 Demo-Angebote hinzugefügt (Seed 7)"), "{added}");
    let removal = format!("lotse demo-data --remove --db {}", db.display());
    assert!(added.contains(&removal), "names the database it was run with: {added}");
    assert_eq!(offerings(&db), SAMPLES + 500);
    let demo = count(&db, "SELECT count(*) FROM offerings WHERE source_publisher = 'lotse demo-data'");
    assert_eq!(demo, 500);
    let kinds = count(&db, "SELECT count(DISTINCT kind) FROM offerings WHERE key LIKE 'demo-7-%'");
    assert_eq!(kinds, 4);

    // The same seed writes the same keys again: nothing is duplicated.
    succeeded(&lotse(&db, &["demo-data", "--count", "500", "--seed", "7"]));
    assert_eq!(offerings(&db), SAMPLES + 500);

    // Another seed adds its own records.
    succeeded(&lotse(&db, &["demo-data", "--count", "200", "--seed", "8"]));
    assert_eq!(offerings(&db), SAMPLES + 700);

    let removed = succeeded(&lotse(&db, &["demo-data", "--remove"]));
    assert_eq!(removed.trim(), "700 Demo-Angebote entfernt.");
    assert_eq!(offerings(&db), SAMPLES);

    let again = succeeded(&lotse(&db, &["demo-data", "--remove"]));
    assert_eq!(again.trim(), "0 Demo-Angebote entfernt.");
}

#[test]
fn demo_data_speaks_english_and_accepts_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let none = succeeded(&lotse(&db, &["--lang", "en", "demo-data", "--count", "0"]));
    assert!(none.contains("Added 0 demo offerings (seed 1)"), "{none}");
    assert_eq!(offerings(&db), SAMPLES);
    succeeded(&lotse(&db, &["demo-data", "--count", "30", "--seed", "2"]));
    let removed = succeeded(&lotse(&db, &["--lang", "en", "demo-data", "--remove"]));
    assert_eq!(removed.trim(), "Removed 30 demo offerings.");
    assert_eq!(offerings(&db), SAMPLES);
}

#[test]
fn demo_records_load_back_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    succeeded(&lotse(&db, &["demo-data", "--count", "300", "--seed", "3"]));
    let store = Store::open(&db).unwrap();
    assert_eq!(store.count_offerings().unwrap(), 316);
    let regions = store.regions().unwrap();
    let stored: Vec<_> =
        store.offerings().unwrap().into_iter().filter(|offering| offering.key.starts_with("demo-")).collect();
    assert_eq!(stored.len(), 300);
    assert!(stored.iter().all(|offering| regions.is_known(&offering.region)));
    let expected = lotse::demo::generate(300, 3, &regions.kreise);
    let first = expected.iter().find(|record| record.offering.key == "demo-3-0").unwrap();
    assert_eq!(store.offering("demo-3-0").unwrap().as_ref(), Some(&first.offering));
    let text = store.long_text("demo-3-0").unwrap().unwrap();
    assert_eq!(text.summary, first.summary);
}

#[test]
fn generation_is_deterministic_through_the_library() {
    let store = Store::open_in_memory().unwrap();
    let kreise = store.regions().unwrap().kreise;
    assert_eq!(lotse::demo::generate(50, 3, &kreise), lotse::demo::generate(50, 3, &kreise));
    assert_ne!(lotse::demo::generate(50, 3, &kreise), lotse::demo::generate(50, 4, &kreise));
}

#[test]
fn the_removal_command_quotes_a_path_with_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mein Test.db");
    let added = succeeded(&lotse(&db, &["demo-data", "--count", "3"]));
    assert!(added.contains(&format!("--db '{}'", db.display())), "{added}");
}
