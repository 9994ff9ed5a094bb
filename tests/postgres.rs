//! lotse on a PostgreSQL server, driven as users drive it: the real binary
//! with `--db postgresql://…`, compared line for line with the same commands
//! on a SQLite file. Plus what only a server has: connection errors,
//! passwords that never show, concurrent clients, schema versions, moving
//! a store in and out with `db copy`.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::binary::{command, failed, fixture, stderr, stdout, succeeded};
use common::pg::{Database, client, free_port};

/// The sample roundtable's newsletter day: it is still ahead.
const NEWSLETTER_DAY: &str = "2020-10-01T09:00:00+02:00";
const ROUNDTABLE: &str = "stadtretter-roundtable-leerstand-3";

fn lotse_at(db: &str, args: &[&str]) -> Output {
    lotse_on(NEWSLETTER_DAY, db, args)
}

fn lotse_on(now: &str, db: &str, args: &[&str]) -> Output {
    command(Path::new(db), args).env("LOTSE_NOW", now).output().unwrap()
}

/// A session of a user trying every command, as argument lists.
fn every_command(fixture_file: &str) -> Vec<Vec<String>> {
    let script: &[&[&str]] = &[
        &["regions", "--format", "json"],
        &["search", "leerstand", "--format", "json", "--limit", "50"],
        &["search", "stadt", "--kind", "event"],
        &["search", "zukunft", "innen"],
        &["profile", "show"],
        &["register", ROUNDTABLE, "--name", "Person 21", "--email", "p21@example.de", "--org", "Stadt Hanau"],
        &["registrations", "--format", "json"],
        &["profile", "set", "--name", "Erika Muster", "--email", "erika@example.de", "--org", "Stadt Einbeck"],
        &["profile", "show"],
        &["register", ROUNDTABLE],
        &["register", ROUNDTABLE, "--name", "Person 2", "--email", "p2@example.de", "--org", "Stadt Hanau"],
        &["register", ROUNDTABLE],
        &["interest", "einbecker-modell"],
        &["registrations", "--format", "json"],
        &["registrations", "--all", "--format", "json"],
        &["cancel", ROUNDTABLE],
        &["registrations", "--all"],
        &["export", "registrations", "--format", "ics"],
        &["import", fixture_file, "--dry-run"],
        &["import", fixture_file],
        &["import", fixture_file],
        &["export", "offerings", "--format", "json"],
        &["export", "offerings", "--format", "csv"],
        &["demo-data", "--count", "200", "--seed", "7"],
        &["search", "leerstand", "--format", "json", "--limit", "100"],
        &["search", "stadtmarketing", "kultur", "--limit", "100"],
        &["demo-data", "--remove"],
        &["search", "leerstand", "--limit", "100"],
        &["profile", "forget", "--yes"],
        &["registrations", "--all", "--format", "json"],
    ];
    script.iter().map(|args| args.iter().map(|arg| arg.to_string()).collect()).collect()
}

/// What a command showed, with the database's name replaced.
fn transcript(db: &str, args: &[String]) -> String {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = lotse_at(db, &args);
    let shown =
        format!("$ {}\nexit {:?}\n{}{}", args.join(" "), output.status.code(), stdout(&output), stderr(&output));
    shown.replace(&format!("'{db}'"), "DB").replace(db, "DB")
}

/// Equal texts, or a failure that shows where they part.
fn assert_same(on_postgres: &str, on_sqlite: &str) {
    let (postgres, sqlite): (Vec<&str>, Vec<&str>) = (on_postgres.lines().collect(), on_sqlite.lines().collect());
    if let Some(at) = (0..postgres.len().max(sqlite.len())).find(|&at| postgres.get(at) != sqlite.get(at)) {
        let around = |lines: &[&str]| lines[at.saturating_sub(3)..(at + 3).min(lines.len())].join("\n");
        panic!(
            "{}\n--- line {at} on PostgreSQL:\n{}\n--- on SQLite:\n{}",
            postgres[0],
            around(&postgres),
            around(&sqlite)
        );
    }
}

#[test]
fn every_command_shows_the_same_on_postgresql_as_on_sqlite() {
    let Some(database) = Database::create("every_command_shows_the_same_on_postgresql_as_on_sqlite") else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lotse.db").display().to_string();
    let fixture_file = fixture("alle_felder.json").display().to_string();
    for args in every_command(&fixture_file) {
        let on_sqlite = transcript(&file, &args);
        let on_postgres = transcript(&database.url, &args);
        assert_same(&on_postgres, &on_sqlite);
        assert!(!on_postgres.contains("panicked"), "{on_postgres}");
    }
}

#[test]
fn registrations_of_strangers_are_not_ones_own() {
    let Some(database) = Database::create("registrations_of_strangers_are_not_ones_own") else { return };
    succeeded(&lotse_at(
        &database.url,
        &["register", ROUNDTABLE, "--name", "Person 21", "--email", "p21@example.de", "--org", "X"],
    ));
    assert_eq!(succeeded(&lotse_at(&database.url, &["registrations", "--format", "json"])).trim(), "[]");
    assert!(succeeded(&lotse_at(&database.url, &["registrations", "--all"])).contains("Person 21"));
}

#[test]
fn db_path_hides_the_password() {
    let url = "postgresql://erika:streng-geheim@db.example:5432/lotse?sslmode=require";
    let shown = succeeded(&lotse_at(url, &["db", "path"]));
    assert_eq!(shown.trim(), "postgresql://erika:***@db.example:5432/lotse?sslmode=require");
}

#[test]
fn config_toml_names_the_server_and_db_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "db = \"postgresql://erika:streng-geheim@db.example/lotse\"\n").unwrap();
    let db_path = |extra: &[&str]| {
        let output = std::process::Command::new(common::binary::BINARY)
            .args(extra)
            .args(["db", "path"])
            .env_clear()
            .env("HOME", dir.path())
            .env("LOTSE_CONFIG", &config)
            .output()
            .unwrap();
        succeeded(&output).trim().to_owned()
    };
    assert_eq!(db_path(&[]), "postgresql://erika:***@db.example/lotse");
    assert_eq!(db_path(&["--db", "/tmp/eigene.db"]), "/tmp/eigene.db");
}

#[test]
fn an_unreachable_server_is_named_within_ten_seconds_and_without_the_password() {
    let port = free_port();
    let url = format!("postgresql://erika:streng-geheim@127.0.0.1:{port}/teamdb");
    let started = Instant::now();
    let message = failed(&lotse_at(&url, &["search", "leerstand"]));
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    for named in ["127.0.0.1", &port.to_string(), "teamdb", "erika", "nicht erreichbar"] {
        assert!(message.contains(named), "{named} missing in: {message}");
    }
    assert!(!message.contains("streng-geheim"), "{message}");
    let english = failed(&command(Path::new(&url), &["--lang", "en", "regions"]).output().unwrap());
    assert!(english.contains("cannot be reached") && !english.contains("streng-geheim"), "{english}");
}

#[test]
fn a_missing_database_says_what_it_takes() {
    let Some(database) = Database::create("a_missing_database_says_what_it_takes") else { return };
    let url = common::pg::with_dbname(&database.url, "gibt_es_nicht");
    let message = failed(&lotse_at(&url, &["regions"]));
    assert!(message.contains("gibt_es_nicht") && message.contains("createdb"), "{message}");
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let Some(database) = Database::create("a_newer_schema_is_refused_and_left_untouched") else { return };
    succeeded(&lotse_at(&database.url, &["db", "migrate"]));
    let mut admin = client(&database.url);
    admin.batch_execute("UPDATE lotse_schema SET version = 99").unwrap();
    let count = |admin: &mut postgres::Client| admin.query_one("SELECT count(*) FROM offerings", &[]).unwrap();
    let before: i64 = count(&mut admin).get(0);
    let message = failed(&lotse_at(&database.url, &["db", "migrate"]));
    assert!(message.contains("neueren lotse-Version"), "{message}");
    failed(&lotse_at(&database.url, &["regions"]));
    let version: i32 = admin.query_one("SELECT version FROM lotse_schema", &[]).unwrap().get(0);
    assert_eq!(version, 99);
    assert_eq!(count(&mut admin).get::<_, i64>(0), before);
}

#[test]
fn a_login_that_may_not_migrate_is_told_what_the_admin_runs() {
    let Some(database) = Database::create("a_login_that_may_not_migrate") else { return };
    let mut admin = client(&database.url);
    // A role of this test only; PostgreSQL 15 lets nobody but the owner create in `public`.
    let role = format!("mitglied_{}", std::process::id());
    admin.batch_execute(&format!("DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN")).unwrap();
    let as_member = database.url.replacen("postgres@", &format!("{role}@"), 1);
    let message = failed(&lotse_at(&as_member, &["regions"]));
    assert!(message.contains(&role) && message.contains("db migrate"), "{message}");
    let tables: i64 =
        admin.query_one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", &[]).unwrap().get(0);
    assert_eq!(tables, 0, "nothing was created");
    admin.batch_execute(&format!("DROP ROLE {role}")).unwrap();
}

#[test]
fn clients_starting_at_once_migrate_and_seed_once() {
    let Some(database) = Database::create("clients_starting_at_once_migrate_and_seed_once") else { return };
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut lotse = command(Path::new(&database.url), &["regions"]);
            lotse.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
            lotse.spawn().unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let mut admin = client(&database.url);
    let offerings: i64 = admin.query_one("SELECT count(*) FROM offerings", &[]).unwrap().get(0);
    let kreise: i64 = admin.query_one("SELECT count(*) FROM kreise", &[]).unwrap().get(0);
    assert_eq!((offerings, kreise), (lotse::store::sample_records().len() as i64, 400));
    let migrated = succeeded(&lotse_at(&database.url, &["db", "migrate"]));
    assert!(migrated.contains("ist aktuell"), "{migrated}");
}

#[test]
fn db_copy_moves_a_store_to_the_server_and_back_and_again_changes_nothing() {
    let Some(database) = Database::create("db_copy_moves_a_store") else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("laptop.db").display().to_string();
    succeeded(&lotse_at(&file, &["demo-data", "--count", "30", "--seed", "2"]));
    succeeded(&lotse_at(
        &file,
        &["profile", "set", "--name", "Erika Muster", "--email", "erika@example.de", "--org", "Stadt Einbeck"],
    ));
    succeeded(&lotse_at(&file, &["register", ROUNDTABLE]));
    succeeded(&lotse_at(&file, &["register", ROUNDTABLE, "--name", "Max", "--email", "max@example.de", "--org", "X"]));
    succeeded(&lotse_at(&file, &["cancel", ROUNDTABLE, "--email", "max@example.de"]));
    succeeded(&lotse_at(&file, &["interest", "einbecker-modell"]));

    let copied = succeeded(&lotse_at(&file, &["db", "copy", "--to", &database.url]));
    assert!(copied.contains("2 Anmeldungen neu") && copied.contains("1 Interessen neu"), "{copied}");
    let again = succeeded(&lotse_at(&file, &["db", "copy", "--to", &database.url]));
    assert!(again.contains("(0 neu oder geändert), 0 Anmeldungen neu, 0 Interessen neu"), "{again}");
    assert!(!copied.contains("***") || !copied.contains("geheim"));

    for args in [
        &["registrations", "--all", "--format", "json"][..],
        &["registrations", "--format", "json"],
        &["export", "offerings", "--format", "json"],
        &["profile", "show"],
        &["search", "leerstand", "--limit", "100"],
    ] {
        assert_eq!(stdout(&lotse_at(&database.url, args)), stdout(&lotse_at(&file, args)), "{args:?}");
    }

    let back = dir.path().join("zurueck.db").display().to_string();
    succeeded(&lotse_at(&database.url, &["db", "copy", "--to", &back]));
    for args in [
        &["registrations", "--all", "--format", "json"][..],
        &["registrations", "--format", "json"],
        &["export", "offerings", "--format", "json"],
    ] {
        assert_eq!(stdout(&lotse_at(&back, args)), stdout(&lotse_at(&file, args)), "{args:?}");
    }
}

#[test]
fn a_failed_copy_leaves_the_target_as_it_was() {
    let Some(database) = Database::create("a_failed_copy_leaves_the_target_as_it_was") else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("laptop.db").display().to_string();
    succeeded(&lotse_at(&file, &["demo-data", "--count", "20", "--seed", "4"]));
    succeeded(&lotse_at(&file, &["register", ROUNDTABLE, "--name", "Max", "--email", "max@example.de", "--org", "X"]));
    // The server already has another active registration of the same person:
    // the copy's would be a second one, which the rules forbid.
    succeeded(&lotse_on(
        "2020-10-02T10:00:00+02:00",
        &database.url,
        &["register", ROUNDTABLE, "--name", "Max", "--email", "max@example.de", "--org", "Y"],
    ));
    let before = stdout(&lotse_at(&database.url, &["export", "offerings", "--format", "json"]));
    failed(&lotse_at(&file, &["db", "copy", "--to", &database.url]));
    assert_eq!(stdout(&lotse_at(&database.url, &["export", "offerings", "--format", "json"])), before);
}
