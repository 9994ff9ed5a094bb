//! Faults around the database, through the real binary: files that are no
//! database, read-only files and directories, a lock held too long, and a
//! process killed in the middle of an import. Each ends in a message that
//! names the file, a non-zero exit, and a database that is unchanged or
//! holds the whole import.

mod common;

use std::fs::{self, Permissions};
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::binary::{BINARY, failed, fixture, lotse, stderr, succeeded};
use common::restricted::Restricted;
use lotse::store::Store;
use rusqlite::Connection;

const SAMPLES: u64 = 15;

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Everything a read-only database must still do, and refuse to do.
fn browses_but_refuses_writes(restricted: &Restricted, db: &Path, input: &Path) {
    let before = fs::read(db).unwrap();
    let found = succeeded(&restricted.run(db, &["search", "leerstand", "--format", "json"]));
    assert!(found.contains("stadtretter-roundtable-leerstand-3"), "{found}");
    succeeded(&restricted.run(db, &["export", "offerings", "--kind", "practice"]));
    let dry = succeeded(&restricted.run(db, &["import", path(input), "--dry-run"]));
    assert!(dry.contains("4 neu"), "a dry run only reads: {dry}");
    for args in [vec!["import", path(input)], vec!["demo-data", "--count", "5"]] {
        let message = failed(&restricted.run(db, &args));
        assert!(message.contains(&db.display().to_string()), "{args:?} names the file: {message}");
        assert!(message.contains("schreibgeschützt") && message.contains("nicht verändert"), "{message}");
    }
    let english = failed(&restricted.run(db, &["--lang", "en", "import", path(input)]));
    assert!(english.contains("is read-only"), "{english}");
    assert_eq!(fs::read(db).unwrap(), before, "the database file is unchanged");
}

fn prepared(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("lotse.db");
    drop(Store::open(&db).unwrap());
    let input = dir.join("programm.json");
    fs::copy(fixture("alle_felder.json"), &input).unwrap();
    fs::set_permissions(&input, Permissions::from_mode(0o644)).unwrap();
    (db, input)
}

#[test]
fn a_write_protected_database_file_opens_for_reading_only() {
    let dir = tempfile::tempdir().unwrap();
    let restricted = Restricted::new(dir.path());
    let (db, input) = prepared(dir.path());
    restricted.give(dir.path());
    fs::set_permissions(&db, Permissions::from_mode(0o444)).unwrap();
    browses_but_refuses_writes(&restricted, &db, &input);
}

#[test]
fn a_database_in_a_write_protected_directory_opens_for_reading_only() {
    let dir = tempfile::tempdir().unwrap();
    let restricted = Restricted::new(dir.path());
    let inner = dir.path().join("daten");
    fs::create_dir(&inner).unwrap();
    let (db, input) = prepared(&inner);
    restricted.give(&db);
    fs::set_permissions(&inner, Permissions::from_mode(0o555)).unwrap();
    browses_but_refuses_writes(&restricted, &db, &input);

    let new = inner.join("neu.db");
    let message = failed(&restricted.run(&new, &["regions"]));
    assert!(
        message.contains(&new.display().to_string()) && message.contains("kann nicht angelegt werden"),
        "{message}"
    );
    assert!(!new.exists());
    fs::set_permissions(&inner, Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn files_that_are_no_database_are_named_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture("alle_felder.json");
    let not_sqlite = dir.path().join("notizen.db");
    fs::write(&not_sqlite, "Einkaufsliste: Milch, Brot\n".repeat(100)).unwrap();
    let directory = dir.path().join("ordner.db");
    fs::create_dir(&directory).unwrap();
    let damaged = dir.path().join("beschaedigt.db");
    drop(Store::open(&damaged).unwrap());
    let mut bytes = fs::read(&damaged).unwrap();
    let half = bytes.len() / 2;
    bytes[half..].iter_mut().for_each(|byte| *byte = 0x5a);
    fs::write(&damaged, &bytes).unwrap();

    for (db, expected) in
        [(&not_sqlite, "keine lotse-Datenbank"), (&directory, "ist ein Verzeichnis"), (&damaged, "beschädigt")]
    {
        let before = fs::read(db).ok();
        for args in [vec!["import", path(&input)], vec!["search", "leerstand"], vec!["export", "offerings"]] {
            let message = failed(&lotse(db, &args));
            assert!(message.contains(&db.display().to_string()), "{args:?} names {}: {message}", db.display());
            assert!(message.contains(expected), "{args:?} on {}: {message}", db.display());
        }
        assert_eq!(fs::read(db).ok(), before, "{} is unchanged", db.display());
    }
}

#[test]
fn a_lock_held_past_the_busy_timeout_ends_in_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let writing = dir.path().join("schreibt.db");
    let reading = dir.path().join("exklusiv.db");
    drop(Store::open(&writing).unwrap());
    drop(Store::open(&reading).unwrap());
    // Another program in the middle of a write, and one that holds the
    // database exclusively, so that not even reading is possible.
    let writer = Connection::open(&writing).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE offerings SET title = title WHERE key = 'einbecker-modell';")
        .unwrap();
    let exclusive = Connection::open(&reading).unwrap();
    exclusive.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;").unwrap();

    let input = fixture("alle_felder.json");
    let started = Instant::now();
    let (import, search) = std::thread::scope(|scope| {
        let import = scope.spawn(|| lotse(&writing, &["import", path(&input)]));
        let search = scope.spawn(|| lotse(&reading, &["search", "leerstand"]));
        (import.join().unwrap(), search.join().unwrap())
    });
    assert!(started.elapsed() < Duration::from_secs(30), "no hang: {:?}", started.elapsed());
    for (db, output) in [(&writing, &import), (&reading, &search)] {
        let message = failed(output);
        assert!(message.contains(&db.display().to_string()) && message.contains("gesperrt"), "{message}");
    }
    assert!(stderr(&import).contains("nicht gespeichert"), "{}", stderr(&import));
    writer.execute_batch("ROLLBACK").unwrap();
    drop(exclusive);
    assert_eq!(Store::open(&writing).unwrap().count_offerings().unwrap(), SAMPLES);
}

#[test]
fn an_import_killed_midway_leaves_all_or_nothing() {
    const COUNT: usize = 5_000;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let kreise = Store::open(&db).unwrap().regions().unwrap().kreise;
    let records = lotse::demo::generate(COUNT, 5, &kreise);
    let input = dir.path().join("gross.json");
    let mut bytes = Vec::new();
    lotse::exchange::json::write(&records, &mut bytes).unwrap();
    fs::write(&input, bytes).unwrap();

    let mut child = Command::new(BINARY)
        .args(["--db", path(&db), "import", path(&input)])
        .env("LOTSE_CONFIG", "/nonexistent/config.toml")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Progress lines come from inside the transaction: the first one shows
    // the import has started writing and is not yet done.
    let progress = BufReader::new(child.stderr.take().unwrap());
    let mut seen = Vec::new();
    for line in progress.lines() {
        let line = line.unwrap();
        let writing = line.contains("verarbeitet");
        seen.push(line);
        if writing {
            break;
        }
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed before it finished; it said: {seen:?}");
    assert!(seen.last().is_some_and(|line| line.contains("verarbeitet")), "{seen:?}");

    let store = Store::open(&db).unwrap();
    let count = store.count_offerings().unwrap();
    assert!(count == SAMPLES || count == SAMPLES + COUNT as u64, "all or nothing, not {count}");
    drop(store);
    let check: String =
        Connection::open(&db).unwrap().query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(check, "ok");
    let report = succeeded(&lotse(&db, &["import", path(&fixture("alle_felder.json"))]));
    assert!(report.contains("4 neu"), "the database works as before: {report}");
}
