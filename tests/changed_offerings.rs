//! Live refresh without reading everything (#11): the offerings others
//! wrote or removed are read by key alone, and spliced into an open
//! dashboard's lists and search, which then equal a full load of the store
//! (the slow reference), on both backends.

mod common;

use std::path::Path;

use common::backends::Fresh;
use lotse::app::{Action, App, Effect, update};
use lotse::domain::Record;
use lotse::i18n::Lang;
use lotse::runner::{Backend, dispatch};
use lotse::search::Query;
use lotse::store::{Changed, ImportMode, Searchable, Store};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

const NOW: &str = "2020-10-01T09:00:00+02:00";

/// The offerings of `whole` with these keys, as the by-keys read must return them.
fn expected_subset(whole: &Searchable, keys: &[String]) -> (Vec<i64>, Vec<String>, Vec<String>) {
    let at: Vec<usize> = (0..whole.offerings.len()).filter(|&at| keys.contains(&whole.offerings[at].key)).collect();
    (
        at.iter().map(|&at| whole.rowids[at]).collect(),
        at.iter().map(|&at| whole.offerings[at].key.clone()).collect(),
        at.iter().map(|&at| format!("{:?}", whole.index.entry(at as u32))).collect(),
    )
}

fn read_by_keys(store: &Store, keys: &[String]) -> (Vec<i64>, Vec<String>, Vec<String>) {
    let read = store.searchable_offerings_by_keys(keys).unwrap();
    assert_eq!(read.offerings.len(), read.index.len());
    let whole = store.searchable_offerings().unwrap();
    for offering in &read.offerings {
        assert!(whole.offerings.contains(offering), "{} as the whole read has it", offering.key);
    }
    (
        read.rowids,
        read.offerings.iter().map(|offering| offering.key.clone()).collect(),
        (0..read.index.len()).map(|at| format!("{:?}", read.index.entry(at as u32))).collect(),
    )
}

fn sample(store: &Store, key: &str) -> Record {
    store.records(None).unwrap().into_iter().find(|record| record.offering.key == key).unwrap()
}

fn the_offerings_read_by_key_are_those_of_the_whole_read(fresh: &mut Fresh) {
    let mut store = fresh.store();
    let keys: Vec<String> =
        ["einbecker-modell", "nicht-mehr-da", "stadtretter-roundtable-leerstand-3", "einbecker-modell"]
            .map(str::to_owned)
            .to_vec();
    assert_eq!(read_by_keys(&store, &keys), expected_subset(&store.searchable_offerings().unwrap(), &keys));
    assert!(store.searchable_offerings_by_keys(&[]).unwrap().offerings.is_empty());

    // Changed, new and removed, as a colleague's import and clean-up leave them.
    let mut changed = sample(&store, "einbecker-modell");
    changed.offering.title = "Einbecker Modell, fortgeschrieben".to_owned();
    let mut new = sample(&store, "stadtretter-roundtable-leerstand-3");
    new.offering.key = "roundtable-neu".to_owned();
    store.import_records(&[changed, new], ImportMode::Write, &mut |_| {}).unwrap();
    let publisher = sample(&store, "stadtretter-roundtable-leerstand-3").offering.source.publisher;
    assert!(store.delete_by_publisher(&publisher).unwrap() > 0);
    let keys: Vec<String> =
        ["einbecker-modell", "roundtable-neu", "stadtretter-roundtable-leerstand-3"].map(str::to_owned).to_vec();
    let whole = store.searchable_offerings().unwrap();
    let expected = expected_subset(&whole, &keys);
    assert!(!expected.1.contains(&"stadtretter-roundtable-leerstand-3".to_owned()), "removed with its publisher");
    assert_eq!(read_by_keys(&store, &keys), expected);
}

/// Every hit of `query` as offering keys, best first.
fn hits(app_backend: &mut Backend, offerings: &[lotse::domain::Offering], query: &str) -> Vec<String> {
    match app_backend.perform(Effect::Search { generation: 1, query: Query::parse(query) }) {
        Action::SearchDone { hits: Ok(hits), .. } => {
            hits.iter().map(|hit| offerings[hit.entry as usize].key.clone()).collect()
        }
        other => panic!("{query}: {other:?}"),
    }
}

fn listed(app: &App) -> Vec<Vec<String>> {
    app.tabs.iter().map(|tab| tab.rows.iter().map(|&at| app.offerings[at].key.clone()).collect()).collect()
}

/// Random rounds of imports (changed and new offerings) and removals by a
/// colleague, each told to the dashboard by key as the server tells it:
/// the dashboard's offerings, lists and search hits then equal those of a
/// dashboard that loaded everything afresh.
fn a_dashboard_told_the_changed_keys_shows_what_a_full_load_shows(fresh: &mut Fresh) {
    let location = fresh.location();
    let mut colleague = Store::open(Path::new(&location)).unwrap();
    let regions = colleague.regions().unwrap();
    colleague.put_records(&lotse::demo::generate(300, 5, &regions.kreise)).unwrap();
    let mut backend = Backend::new(Store::open(Path::new(&location)).unwrap());
    let mut app = common::sample_app(&mut backend, 120, 35, NOW, Lang::De);
    let mut random = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    let queries = ["leerstand", "stadt", "einbeck marketing", "wirtschaft"];
    for round in 0..6 {
        let records = colleague.records(None).unwrap();
        let mut keys = Vec::new();
        let mut written = Vec::new();
        for record in records.choose_multiple(&mut random, 4) {
            let mut record = record.clone();
            if random.gen_bool(0.5) {
                record.offering.key = format!("{}-neu-{round}", record.offering.key);
            }
            record.offering.title = format!("Stadtmarketing Runde {round}: {}", record.offering.title);
            keys.push(record.offering.key.clone());
            written.push(record);
        }
        colleague.import_records(&written, ImportMode::Write, &mut |_| {}).unwrap();
        if round % 2 == 1 {
            // A publisher of few offerings: reading most of them again would read everything.
            let mut publishers: Vec<&str> =
                records.iter().map(|record| record.offering.source.publisher.as_str()).collect();
            publishers.sort_unstable();
            let fewest = publishers.chunk_by(|a, b| a == b).min_by_key(|same| same.len()).unwrap()[0].to_owned();
            let publisher = fewest;
            let before: Vec<String> = records.iter().map(|record| record.offering.key.clone()).collect();
            colleague.delete_by_publisher(&publisher).unwrap();
            let after: Vec<String> =
                colleague.records(None).unwrap().into_iter().map(|record| record.offering.key).collect();
            keys.extend(before.into_iter().filter(|key| !after.contains(key)));
        }
        for effect in update(&mut app, Action::StoreChanged(Changed::Offerings(keys))) {
            let action = backend.perform(effect.clone());
            if let Effect::RefreshOfferings { .. } = effect {
                assert!(matches!(action, Action::OfferingsChanged(_)), "round {round}: only the changed ones are read");
            }
            dispatch(&mut app, &mut backend, action);
        }

        let mut reference_backend = Backend::new(Store::open(Path::new(&location)).unwrap());
        let reference = common::sample_app(&mut reference_backend, 120, 35, NOW, Lang::De);
        let keys_of = |app: &App| app.offerings.iter().map(|offering| offering.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys_of(&app), keys_of(&reference), "round {round}: the offerings in a full load's order");
        assert_eq!(app.offerings, reference.offerings, "round {round}");
        assert_eq!(app.located, reference.located, "round {round}");
        assert_eq!(listed(&app), listed(&reference), "round {round}");
        for query in queries {
            assert_eq!(
                hits(&mut backend, &app.offerings, query),
                hits(&mut reference_backend, &reference.offerings, query),
                "round {round}: {query}"
            );
        }
    }
}

on_both_backends!(
    the_offerings_read_by_key_are_those_of_the_whole_read,
    a_dashboard_told_the_changed_keys_shows_what_a_full_load_shows,
);
