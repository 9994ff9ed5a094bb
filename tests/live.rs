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
        assert_eq!(changed, Changed::Registrations(vec![ROUNDTABLE.to_owned()]), "the server names the offering");
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
            dispatch(&mut app, &mut backend, Action::StoreChanged(Changed::Registrations(vec![key.to_owned()])));
        }
        let shown = app.occupancy.as_ref().map(|(_, occupancy)| occupancy.clone());
        assert_eq!(shown, Some(reference(&colleague_store)), "step {step}: {key}");
    }
}

/// Everything heard within `for_how_long`.
fn all_heard(changes: &mpsc::Receiver<Changed>, for_how_long: Duration) -> Vec<Changed> {
    std::thread::sleep(for_how_long);
    changes.try_iter().collect()
}

/// A new roundtable about Leerstand, as a colleague's import brings it.
const IMPORTED: &str = "roundtable-leerstand-quartier";

fn imported_roundtable() -> lotse::domain::Record {
    let mut record = lotse::store::sample_records()
        .into_iter()
        .find(|record| record.offering.key == ROUNDTABLE)
        .expect("the roundtable is a sample");
    record.offering.key = IMPORTED.to_owned();
    record.offering.title = "Leerstand im Quartier: Roundtable der Nachbarstädte".to_owned();
    record
}

fn import(store: &mut Store, records: &[lotse::domain::Record]) {
    store.import_records(records, lotse::store::ImportMode::Write, &mut |_| {}).unwrap();
}

/// Registrations change all day and must not make every dashboard read
/// every offering again; an import or a sync must, and is told apart.
fn a_watcher_tells_an_import_from_a_registration(fresh: &mut Fresh) {
    let location = fresh.location();
    let mut colleague_store = Store::open(Path::new(&location)).unwrap();
    let changes = watching(&location);

    register(&mut colleague_store, 1);
    let changed = heard(&changes, ROUNDTABLE).expect("the registration is heard within 2 s");
    let mut after = vec![changed];
    after.extend(all_heard(&changes, Duration::from_millis(700)));
    assert!(after.iter().all(|changed| !changed.offerings_changed()), "a registration is no import: {after:?}");
    if fresh.is_postgres() {
        assert_eq!(after, [Changed::Registrations(vec![ROUNDTABLE.to_owned()])]);
    }

    import(&mut colleague_store, &[imported_roundtable()]);
    let changed = heard(&changes, IMPORTED).expect("the import is heard within 2 s");
    assert_eq!(changed, Changed::Offerings(vec![IMPORTED.to_owned()]), "the store names the offering");
}

fn selected_key(app: &lotse::app::App, slot: usize) -> Option<String> {
    let tab = &app.tabs[slot];
    tab.rows.get(tab.selected).map(|&index| app.offerings[index].key.clone())
}

fn listed_keys(app: &lotse::app::App, slot: usize) -> Vec<String> {
    app.tabs[slot].rows.iter().map(|&index| app.offerings[index].key.clone()).collect()
}

/// What a colleague imports shows in the lists of an open dashboard, over
/// a search typed before, on the offering selected before; what they
/// register does not read the lists again.
fn an_import_elsewhere_shows_in_the_lists_and_a_registration_reads_no_lists(fresh: &mut Fresh) {
    use lotse::app::{Action, Command, Effect, update};
    use lotse::i18n::Lang;
    use lotse::runner::{Backend, dispatch};

    let location = fresh.location();
    let mut colleague_store = Store::open(Path::new(&location)).unwrap();
    let mut backend = Backend::new(Store::open(Path::new(&location)).unwrap());
    let mut app = common::sample_app(&mut backend, 120, 35, "2020-10-01T09:00:00+02:00", Lang::De);
    let changes = watching(&location);
    common::press(&mut app, &mut backend, &[Command::Tab4, Command::Search]);
    common::type_text(&mut app, &mut backend, "leerstand");
    common::press(&mut app, &mut backend, &[Command::Confirm]);
    let slot = 3;
    assert_eq!(listed_keys(&app, slot), [ROUNDTABLE]);

    register(&mut colleague_store, 1);
    let changed = heard(&changes, ROUNDTABLE).expect("the registration is heard within 2 s");
    let effects = update(&mut app, Action::StoreChanged(changed.clone()));
    assert!(!effects.contains(&Effect::ReloadCatalogue), "{changed:?} asks for {effects:?}");
    dispatch(&mut app, &mut backend, Action::StoreChanged(changed));

    let mut changed_sample = lotse::store::sample_records()
        .into_iter()
        .find(|record| record.offering.key == ROUNDTABLE)
        .expect("the roundtable is a sample");
    changed_sample.offering.title = "Roundtable Leerstand, neuer Titel".to_owned();
    import(&mut colleague_store, &[imported_roundtable(), changed_sample]);
    let changed = heard(&changes, IMPORTED).expect("the import is heard within 2 s");
    assert!(matches!(&changed, Changed::Offerings(keys) if keys.len() == 2), "only these are read: {changed:?}");
    dispatch(&mut app, &mut backend, Action::StoreChanged(changed));

    let mut listed = listed_keys(&app, slot);
    listed.sort();
    assert_eq!(listed, [IMPORTED, ROUNDTABLE], "the import shows, under the same search");
    assert_eq!(app.search.input, "leerstand");
    assert_eq!(selected_key(&app, slot).as_deref(), Some(ROUNDTABLE), "the selection stays");
    let index = app.tabs[slot].rows[app.tabs[slot].selected];
    assert_eq!(app.offerings[index].title, "Roundtable Leerstand, neuer Titel");
}

on_both_backends!(
    a_watcher_hears_what_another_connection_commits,
    the_details_after_a_selective_refresh_equal_a_full_read,
    a_watcher_tells_an_import_from_a_registration,
    an_import_elsewhere_shows_in_the_lists_and_a_registration_reads_no_lists
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
    assert_eq!(heard(&changes, ROUNDTABLE), Some(Changed::Registrations(vec![ROUNDTABLE.to_owned()])));
}
