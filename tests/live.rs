//! Live refresh as the store reports it: a watcher on one connection hears
//! within 2 s what another connection committed, on both backends, and on
//! a server again after it restarted.

mod common;

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::backends::Fresh;
use common::pg::{Cluster, client};
use lotse::clock::parse_now;
use lotse::domain::Applicant;
use lotse::store::{Changed, Store, WhenFull, watch};

const ROUNDTABLE: &str = "stadtretter-roundtable-leerstand-3";
const WITHIN: Duration = Duration::from_secs(2);

fn colleague(number: usize) -> Applicant {
    Applicant::new(&format!("Person {number}"), &format!("p{number}@example.de"), "Stadt Einbeck", "", "").unwrap()
}

fn register(store: &mut Store, number: usize) {
    let now = parse_now("2020-10-01T09:00:00+02:00").unwrap();
    store.register(ROUNDTABLE, &colleague(number), WhenFull::JoinWaitlist, now).unwrap();
}

fn watching(location: &str) -> mpsc::Receiver<Changed> {
    let (sender, changes) = mpsc::channel();
    watch(Path::new(location), move |changed| sender.send(changed).is_ok()).unwrap();
    changes
}

/// The first change heard within `WITHIN` that touches `key`.
fn heard(changes: &mpsc::Receiver<Changed>, key: &str) -> Option<Changed> {
    let deadline = Instant::now() + WITHIN;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match changes.recv_timeout(left) {
            Ok(changed) if changed.touches(key) => return Some(changed),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

fn a_watcher_hears_what_another_connection_commits(fresh: &mut Fresh) {
    let location = fresh.location();
    let mut colleague_store = Store::open(Path::new(&location)).unwrap();
    let changes = watching(&location);
    // Quiet until someone commits.
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(changes.try_recv().ok(), None);

    register(&mut colleague_store, 1);
    let changed = heard(&changes, ROUNDTABLE).expect("the registration is heard within 2 s");
    if fresh.is_postgres() {
        assert_eq!(changed, Changed::Offerings(vec![ROUNDTABLE.to_owned()]), "the server names the offering");
        assert!(!changed.touches("einbecker-modell"));
    }
    colleague_store.toggle_interest("einbecker-modell", parse_now("2020-10-01T09:00:00+02:00").unwrap()).unwrap();
    assert!(heard(&changes, "einbecker-modell").is_some());
}

/// The dashboard reads again only the shown offering, and only when a
/// change touches it. Random changes by a colleague to the shown offering
/// and others, each reported as the server reports it: after each, what
/// the details show equals a full read of the store (the slow reference).
fn the_details_after_a_selective_refresh_equal_a_full_read(fresh: &mut Fresh) {
    use lotse::app::{Action, Command};
    use lotse::i18n::Lang;
    use lotse::runner::{Backend, dispatch};
    use rand::{Rng, SeedableRng};

    let location = fresh.location();
    let mut colleague_store = Store::open(Path::new(&location)).unwrap();
    let mut backend = Backend::new(Store::open(Path::new(&location)).unwrap());
    let mut app = common::sample_app(&mut backend, 120, 35, "2020-10-01T09:00:00+02:00", Lang::De);
    common::press(&mut app, &mut backend, &[Command::Tab4]);
    assert_eq!(app.detail.as_ref().map(|(key, _)| key.as_str()), Some(ROUNDTABLE));
    let reference = |store: &Store| store.occupancy(ROUNDTABLE).unwrap();

    let keys = [ROUNDTABLE, "stadtretter-webtalk-thinius-2020", "einbecker-modell"];
    let now = parse_now("2020-10-01T09:00:00+02:00").unwrap();
    let mut random = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    for step in 0..40 {
        let key = keys[random.gen_range(0..keys.len())];
        let person = random.gen_range(0..4);
        let changed = match random.gen_range(0..3) {
            0 if key != "einbecker-modell" => {
                colleague_store.register(key, &colleague(person), WhenFull::JoinWaitlist, now).is_ok()
            }
            1 => colleague_store.cancel(key, &format!("p{person}@example.de"), now).is_ok(),
            _ => colleague_store.toggle_interest(key, now).is_ok(),
        };
        if changed {
            dispatch(&mut app, &mut backend, Action::StoreChanged(Changed::Offerings(vec![key.to_owned()])));
        }
        let shown = app.occupancy.as_ref().map(|(_, occupancy)| occupancy.clone());
        assert_eq!(shown, Some(reference(&colleague_store)), "step {step}: {key}");
    }
}

on_both_backends!(
    a_watcher_hears_what_another_connection_commits,
    the_details_after_a_selective_refresh_equal_a_full_read
);

#[test]
fn the_watcher_hears_again_after_the_server_restarted() {
    let Some(cluster) = Cluster::start() else {
        common::pg::skip("the_watcher_hears_again_after_the_server_restarted");
        return;
    };
    client(&cluster.url("postgres")).batch_execute("CREATE DATABASE live").unwrap();
    let url = cluster.url("live");
    let mut colleague_store = Store::open(Path::new(&url)).unwrap();
    let changes = watching(&url);
    register(&mut colleague_store, 1);
    assert!(heard(&changes, ROUNDTABLE).is_some());

    cluster.stop_server();
    cluster.start_server();
    // The watcher says that it may have missed something once it is back…
    assert_eq!(changes.recv_timeout(Duration::from_secs(10)).ok(), Some(Changed::Unknown));
    // …and hears the next registration as before. The colleague's own
    // connection died with the server: their first try says so, the next one works.
    let now = parse_now("2020-10-01T09:00:00+02:00").unwrap();
    let first_try = colleague_store.register(ROUNDTABLE, &colleague(2), WhenFull::JoinWaitlist, now);
    if first_try.is_err() {
        register(&mut colleague_store, 2);
    }
    assert_eq!(heard(&changes, ROUNDTABLE), Some(Changed::Offerings(vec![ROUNDTABLE.to_owned()])));
}
