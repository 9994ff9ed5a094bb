//! What goes wrong with a server: it restarts under an open store, a
//! colleague's transaction holds a row, a client dies in the middle of an
//! import. Nothing hangs, nothing is half done, and work goes on.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::binary::{command, succeeded};
use common::pg::{Cluster, Database, client, skip};
use lotse::domain::Applicant;
use lotse::i18n::Lang;
use lotse::store::{RegistrationError, Store, StoreError, WhenFull, Whose};

const ROUNDTABLE: &str = "stadtretter-roundtable-leerstand-3";

fn before_roundtable() -> chrono::NaiveDateTime {
    lotse::clock::parse_now("2020-10-01T09:00:00+02:00").unwrap()
}

fn person(number: usize) -> Applicant {
    Applicant::new(&format!("Person {number}"), &format!("person{number}@example.de"), "Stadt Einbeck", "", "").unwrap()
}

#[test]
fn a_server_restart_refuses_changes_while_down_and_then_works_again() {
    let Some(cluster) = Cluster::start() else { return skip("a_server_restart") };
    client(&cluster.url("postgres")).batch_execute("CREATE DATABASE lotse").unwrap();
    let url = cluster.url("lotse");
    let mut store = Store::open(Path::new(&url)).unwrap();
    store.register(ROUNDTABLE, &person(1), WhenFull::JoinWaitlist, before_roundtable()).unwrap();

    cluster.stop_server();
    let refused = store.register(ROUNDTABLE, &person(2), WhenFull::JoinWaitlist, before_roundtable()).unwrap_err();
    let RegistrationError::Store(lost @ StoreError::ConnectionLost(_)) = &refused else {
        panic!("expected a lost connection, got {refused:?}")
    };
    let message = lost.explain(Lang::De);
    assert!(message.contains("unterbrochen") && message.contains("nichts wurde gespeichert"), "{message}");
    assert!(matches!(store.regions(), Err(StoreError::ConnectionLost(_))));

    cluster.start_server();
    store.register(ROUNDTABLE, &person(3), WhenFull::JoinWaitlist, before_roundtable()).unwrap();
    let names: Vec<String> =
        store.registrations(Whose::All).unwrap().into_iter().map(|registration| registration.name).collect();
    assert_eq!(names, vec!["Person 1".to_owned(), "Person 3".to_owned()], "the refused one left nothing behind");
    assert!(store.keyword_prefix_rowids("leerstand").unwrap().len() > 1);
    store.cancel(ROUNDTABLE, "person1@example.de", before_roundtable()).unwrap();
}

#[test]
fn a_row_locked_elsewhere_never_hangs_a_registration() {
    let Some(database) = Database::create("a_row_locked_elsewhere_never_hangs_a_registration") else { return };
    let mut store = Store::open(Path::new(&database.url)).unwrap();
    let mut colleague = client(&database.url);
    let mut open_transaction = colleague.transaction().unwrap();
    open_transaction.execute("SELECT 1 FROM offerings WHERE key = $1 FOR UPDATE", &[&ROUNDTABLE]).unwrap();
    let started = Instant::now();
    let refused = store.register(ROUNDTABLE, &person(1), WhenFull::JoinWaitlist, before_roundtable()).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(15), "waited {:?}", started.elapsed());
    let RegistrationError::Store(busy @ StoreError::Busy(_)) = &refused else { panic!("{refused:?}") };
    assert!(busy.explain(Lang::De).contains("nichts wurde gespeichert"));
    open_transaction.rollback().unwrap();
    store.register(ROUNDTABLE, &person(1), WhenFull::JoinWaitlist, before_roundtable()).unwrap();
}

#[test]
fn a_client_killed_during_an_import_leaves_nothing_visible() {
    let Some(database) = Database::create("a_client_killed_during_an_import_leaves_nothing_visible") else { return };
    let dir = tempfile::tempdir().unwrap();
    let scratch = dir.path().join("scratch.db");
    succeeded(&command(&scratch, &["demo-data", "--count", "4000", "--seed", "5"]).output().unwrap());
    let file = dir.path().join("gross.json");
    succeeded(
        &command(&scratch, &["export", "offerings", "--format", "json", "--output", file.to_str().unwrap()])
            .output()
            .unwrap(),
    );
    let url = database.url.clone();
    succeeded(&command(Path::new(&url), &["regions"]).output().unwrap());
    let mut admin = client(&url);
    let count = |admin: &mut postgres::Client| -> i64 {
        admin.query_one("SELECT count(*) FROM offerings", &[]).unwrap().get(0)
    };
    let before = count(&mut admin);

    let mut import = command(Path::new(&url), &["import", file.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once its transaction is writing offerings on the server.
    let started = Instant::now();
    loop {
        let writing: i64 = admin
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'lotse' AND state <> 'idle'
                   AND query LIKE 'INSERT INTO offerings%'",
                &[],
            )
            .unwrap()
            .get(0);
        if writing > 0 {
            break;
        }
        assert!(import.try_wait().unwrap().is_none(), "the import ended before it could be killed");
        assert!(started.elapsed() < Duration::from_secs(60), "the import never started writing");
        std::thread::sleep(Duration::from_millis(20));
    }
    import.kill().unwrap();
    import.wait().unwrap();
    assert_eq!(count(&mut admin), before);
    // The server ended the dead client's transaction: the next import is not blocked.
    succeeded(&command(Path::new(&url), &["import", file.to_str().unwrap()]).output().unwrap());
    assert_eq!(count(&mut admin), before + 4_000);
}
