//! The store's side of sources on a temporary database: one sync is one
//! transaction whose counts and marks agree with a plain model of what the
//! source offered, fetch after fetch.

mod common;

use std::collections::HashMap;

use chrono::NaiveDateTime;
use common::backends::Fresh;
use lotse::domain::Record;
use lotse::sources::model::{ItemStatus, NewSource, SourceFormat, SyncCounts, SyncResult};
use lotse::store::{Seen, SourceBatch, Store, sample_records};
use proptest::prelude::*;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn add_source(store: &mut Store) -> i64 {
    let new = NewSource {
        name: "Netzwerk".into(),
        url: "http://127.0.0.1:1/k.ics".into(),
        format: SourceFormat::Calendar,
        kind: None,
        region: None,
    };
    store.add_source(&new, at("2025-03-01 09:00")).unwrap()
}

/// The sample offerings under keys of source 1: a pool to offer from.
fn pool() -> Vec<Record> {
    sample_records()
        .into_iter()
        .take(6)
        .enumerate()
        .map(|(index, mut record)| {
            record.offering.key = format!("quelle-1:{index}");
            record
        })
        .collect()
}

fn sync(store: &mut Store, source: i64, items: &[(Record, ItemStatus)], keep_before: &str) -> SyncCounts {
    let batch = SourceBatch { items, document_url: "http://127.0.0.1:1/k.ics", keep_before: at(keep_before) };
    store.apply_source_sync(source, &batch, &common::fetched(at("2025-03-01 09:00"))).unwrap()
}

/// A new store whose source has brought the whole pool.
fn store_with_pool(fresh: &mut Fresh) -> (Store, i64, Vec<(Record, ItemStatus)>) {
    let mut store = fresh.store();
    let source = add_source(&mut store);
    let items: Vec<(Record, ItemStatus)> = pool().into_iter().map(|record| (record, ItemStatus::Active)).collect();
    assert_eq!(sync(&mut store, source, &items, "2000-01-01 00:00").new, items.len());
    (store, source, items)
}

fn offerings_that_ended_before_the_window_are_not_marked_gone(fresh: &mut Fresh) {
    let (mut store, source, items) = store_with_pool(fresh);
    // The sample events are from 2019 and 2020: out of a calendar's window, not out of the calendar.
    let counts = sync(&mut store, source, &[], "2024-01-01 00:00");
    let provenance = store.provenance().unwrap();
    let gone: Vec<&String> =
        provenance.iter().filter(|(_, found)| found.status == ItemStatus::Gone).map(|(key, _)| key).collect();
    let undated = items.iter().filter(|(record, _)| record.offering.starts().is_none()).count();
    assert!(undated < items.len(), "some of the pool is dated");
    assert_eq!(counts.gone, undated, "only offerings without dates can have left: {gone:?}");
}

fn removing_a_source_keeps_its_offerings_unless_asked(fresh: &mut Fresh) {
    let (mut store, source, items) = store_with_pool(fresh);
    let before = store.count_offerings().unwrap();
    let removed = store.remove_source(source, false).unwrap();
    assert_eq!((removed.deleted, store.count_offerings().unwrap()), (0, before));
    assert!(store.provenance().unwrap().is_empty(), "the offerings no longer name a source");

    let source = add_source(&mut store);
    sync(&mut store, source, &items, "2000-01-01 00:00");
    let removed = store.remove_source(source, true).unwrap();
    assert_eq!(removed.deleted, items.len());
    assert_eq!(store.count_offerings().unwrap(), before - items.len() as u64);
}

/// An offering someone registered for stays when its source goes with its
/// offerings, even after the registration was cancelled.
fn removing_a_source_keeps_what_someone_registered_for(fresh: &mut Fresh) {
    let (mut store, source, items) = store_with_pool(fresh);
    let key = items
        .iter()
        .map(|(record, _)| record)
        .find(|record| record.offering.registration_closed(at("2000-01-01 00:00")).is_none())
        .map(|record| record.offering.key.clone())
        .expect("the pool has an offering one can register for");
    let applicant = lotse::domain::Applicant {
        name: "Erika Muster".into(),
        email: "erika@example.org".into(),
        organisation: "Stadt Einbeck".into(),
        phone: None,
        note: String::new(),
    };
    store.register(&key, &applicant, lotse::store::WhenFull::JoinWaitlist, at("2000-01-01 00:00")).unwrap();
    store.cancel(&key, "erika@example.org", at("2000-01-01 00:01")).unwrap();
    let before = store.count_offerings().unwrap();
    let removed = store.remove_source(source, true).unwrap();
    assert_eq!((removed.deleted, removed.kept_registered), (items.len() - 1, 1));
    assert_eq!(store.count_offerings().unwrap(), before - items.len() as u64 + 1);
    assert!(store.sources().unwrap().is_empty());
}

fn sources_are_listed_and_found_by_name_whatever_the_case(fresh: &mut Fresh) {
    let (mut store, source, items) = store_with_pool(fresh);
    let mut failed = common::fetched(at("2025-03-02 10:00"));
    failed.result = SyncResult::Unchanged { unchanged: 3 };
    failed.failures = 2;
    failed.etag = Some("\"v1\"".into());
    failed.next_due = Some(at("2025-03-02 14:30"));
    store.save_source_state(source, &failed).unwrap();
    let found = store.source_named("NETZWERK").unwrap().expect("found without regard to case");
    assert_eq!(found.id, source);
    assert_eq!((found.failures, found.etag.as_deref()), (2, Some("\"v1\"")));
    assert_eq!((found.fetched_at, found.next_due), (Some(at("2025-03-02 10:00")), Some(at("2025-03-02 14:30"))));
    assert_eq!(found.last_result, Some(failed.result.clone()));
    assert_eq!(found.offerings, items.len());
    assert_eq!(store.sources().unwrap(), vec![found]);
    assert_eq!(store.source_named("anderes").unwrap(), None);
    let key = &items[0].0.offering.key;
    assert_eq!(store.provenance().unwrap()[key].seen, Seen::New);
    store.mark_seen(key).unwrap();
    assert_eq!(store.provenance().unwrap()[key].seen, Seen::Seen);
}

/// `db copy` takes the sources with their fetch state and where each
/// offering came from, to a file and back; copying again adds nothing, and
/// the next sync in the copy finds everything as it was.
fn a_copy_takes_the_sources_and_their_offerings_marks(fresh: &mut Fresh) {
    let (mut store, source, items) = store_with_pool(fresh);
    let mut fetched = common::fetched(at("2025-03-02 10:00"));
    fetched.etag = Some("\"v7\"".into());
    fetched.next_due = Some(at("2025-03-02 16:00"));
    store.save_source_state(source, &fetched).unwrap();
    store.mark_seen(&items[1].0.offering.key).unwrap();
    let without_ids = |store: &Store| -> Vec<_> {
        let mut sources = store.sources().unwrap();
        sources.iter_mut().for_each(|source| source.id = 0);
        sources
    };

    let dir = tempfile::tempdir().unwrap();
    let mut file = Store::open(&dir.path().join("kopie.db")).unwrap();
    assert_eq!(store.copy_to(&mut file).unwrap().sources_added, 1);
    assert_eq!(without_ids(&file), without_ids(&store));
    assert_eq!(file.provenance().unwrap(), store.provenance().unwrap(), "status and marks travel");
    assert_eq!(store.copy_to(&mut file).unwrap().sources_added, 0, "copying again adds nothing");
    assert_eq!(without_ids(&file), without_ids(&store));

    let copied_source = file.source_named("Netzwerk").unwrap().unwrap().id;
    let counts = sync(&mut file, copied_source, &items, "2000-01-01 00:00");
    assert_eq!((counts.new, counts.unchanged), (0, items.len()), "the copy's sync knows every item");

    let mut back = fresh.store();
    assert_eq!(file.copy_to(&mut back).unwrap().sources_added, 1);
    assert_eq!(without_ids(&back), without_ids(&file));
    assert_eq!(back.provenance().unwrap(), file.provenance().unwrap());
}

/// What one fetch offers: for each item of the pool, whether it is in the
/// document, cancelled there, and whether its text was edited.
fn fetches() -> impl Strategy<Value = Vec<Vec<(bool, bool, bool)>>> {
    proptest::collection::vec(proptest::collection::vec((any::<bool>(), any::<bool>(), any::<bool>()), 6), 1..6)
}

/// Fetch after fetch, the counts and marks of each sync agree with a plain
/// model of what the source offered; nothing is ever deleted.
fn counts_and_marks_agree_with_a_plain_model(fresh: &mut Fresh) {
    // A new database on the server costs more than a file: fewer cases there.
    let cases = if fresh.is_postgres() { 8 } else { 24 };
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
    // The runner wants a shared closure; each case takes a new store.
    let fresh = std::cell::RefCell::new(fresh);
    runner.run(&fetches(), |fetches| check_against_the_model(fresh.borrow_mut().store(), &fetches)).unwrap();
}

fn check_against_the_model(mut store: Store, fetches: &[Vec<(bool, bool, bool)>]) -> Result<(), TestCaseError> {
    let source = add_source(&mut store);
    let pool = pool();
    // The model: each key's record and status as the store should have them.
    let mut model: HashMap<String, (Record, ItemStatus)> = HashMap::new();
    for (round, fetch) in fetches.iter().enumerate() {
        let mut items = Vec::new();
        for (record, &(offered, cancelled, edited)) in pool.iter().zip(fetch) {
            if !offered {
                continue;
            }
            let mut record = record.clone();
            if edited {
                record.offering.title = format!("{} (Fassung {round})", record.offering.title);
            }
            let status = if cancelled { ItemStatus::Cancelled } else { ItemStatus::Active };
            items.push((record, status));
        }
        let mut expected = SyncCounts::default();
        for (record, status) in &items {
            match model.get(&record.offering.key) {
                None => expected.new += 1,
                Some((old, old_status)) if old == record && old_status == status => expected.unchanged += 1,
                Some(_) => expected.changed += 1,
            }
            let was_cancelled = model.get(&record.offering.key).is_some_and(|(_, old)| *old == ItemStatus::Cancelled);
            if *status == ItemStatus::Cancelled && !was_cancelled {
                expected.cancelled += 1;
            }
        }
        for (key, (_, status)) in model.iter_mut() {
            if *status != ItemStatus::Gone && !items.iter().any(|(record, _)| record.offering.key == *key) {
                *status = ItemStatus::Gone;
                expected.gone += 1;
            }
        }
        for (record, status) in &items {
            model.insert(record.offering.key.clone(), (record.clone(), *status));
        }
        let counts = sync(&mut store, source, &items, "2000-01-01 00:00");
        prop_assert_eq!(counts, expected);
        let provenance = store.provenance().unwrap();
        let stored = store.records(None).unwrap();
        for (key, (record, status)) in &model {
            prop_assert_eq!(provenance[key].status, *status);
            let found = stored.iter().find(|stored| stored.offering.key == *key);
            prop_assert_eq!(found, Some(record), "kept, never deleted");
        }
        prop_assert!(provenance.values().all(|found| found.seen != Seen::Seen), "nothing was looked at");
    }
    Ok(())
}

on_both_backends!(
    offerings_that_ended_before_the_window_are_not_marked_gone,
    removing_a_source_keeps_its_offerings_unless_asked,
    removing_a_source_keeps_what_someone_registered_for,
    sources_are_listed_and_found_by_name_whatever_the_case,
    counts_and_marks_agree_with_a_plain_model,
    a_copy_takes_the_sources_and_their_offerings_marks,
);
