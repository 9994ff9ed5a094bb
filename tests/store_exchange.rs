//! The store's side of import and export, on temporary databases: reading
//! whole records and writing a batch all or nothing.

mod common;

use common::temp_db;
use lotse::domain::{Details, Kind, Record};
use lotse::store::{ImportCounts, ImportMode, Store, StoreError, sample_records};
use rusqlite::Connection;

fn import(store: &mut Store, records: &[Record], mode: ImportMode) -> Result<ImportCounts, StoreError> {
    store.import_records(records, mode, &mut |_| {})
}

fn new_event(key: &str) -> Record {
    let mut record = sample_records().into_iter().find(|record| record.offering.key == "expertrainee-e287").unwrap();
    record.offering.key = key.to_owned();
    record
}

#[test]
fn records_come_whole_and_ordered_by_key() {
    let store = Store::open_in_memory().unwrap();
    let records = store.records(None).unwrap();
    let mut samples = sample_records();
    samples.sort_by(|a, b| a.offering.key.cmp(&b.offering.key));
    assert_eq!(records, samples);
    let events = store.records(Some(Kind::Event)).unwrap();
    assert_eq!(events.len(), 7);
    assert!(events.iter().all(|record| record.offering.kind() == Kind::Event));
}

#[test]
fn an_import_counts_and_writes_only_what_is_new_or_changed() {
    let mut store = Store::open_in_memory().unwrap();
    let mut changed = sample_records().remove(0);
    changed.offering.title.push_str(" (verschoben)");
    let batch = vec![new_event("neu-1"), changed.clone(), sample_records().remove(1)];
    assert_eq!(
        import(&mut store, &batch, ImportMode::DryRun).unwrap(),
        ImportCounts { new: 1, changed: 1, unchanged: 1 }
    );
    assert_eq!(store.count_offerings().unwrap(), 15, "a dry run writes nothing");
    assert_eq!(
        import(&mut store, &batch, ImportMode::Write).unwrap(),
        ImportCounts { new: 1, changed: 1, unchanged: 1 }
    );
    assert_eq!(store.count_offerings().unwrap(), 16);
    assert_eq!(store.offering(&changed.offering.key).unwrap().unwrap().title, changed.offering.title);
    assert_eq!(
        import(&mut store, &batch, ImportMode::Write).unwrap(),
        ImportCounts { new: 0, changed: 0, unchanged: 3 }
    );
}

#[test]
fn an_import_never_deletes() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &[new_event("nur-dieses")], ImportMode::Write).unwrap();
    assert_eq!(store.count_offerings().unwrap(), 16, "offerings missing from the file stay");
}

#[test]
fn a_failing_batch_leaves_nothing_behind() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    // The schema refuses an unknown kind: the last record fails after the
    // first ones were written inside the transaction.
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse_last BEFORE INSERT ON offerings WHEN new.key = 'kaputt'
             BEGIN SELECT RAISE(ABORT, 'nein'); END;",
        )
        .unwrap();
    let batch = vec![new_event("gut-1"), new_event("gut-2"), new_event("kaputt")];
    assert!(import(&mut store, &batch, ImportMode::Write).is_err());
    assert_eq!(store.count_offerings().unwrap(), 15);
}

#[test]
fn a_read_only_store_counts_but_refuses_to_import() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let mut store = Store::open_read_only(&path).unwrap();
    assert_eq!(import(&mut store, &[new_event("x")], ImportMode::DryRun).unwrap().new, 1);
    let error = import(&mut store, &[new_event("x")], ImportMode::Write).unwrap_err();
    assert!(matches!(&error, StoreError::ReadOnly(shown) if *shown == path), "{error:?}");
}

#[test]
fn stored_records_keep_every_field() {
    let mut store = Store::open_in_memory().unwrap();
    let mut record = new_event("alle-felder");
    if let Details::Event(event) = &mut record.offering.details {
        event.capacity = Some(40);
        event.registration_deadline = Some("2019-03-14T12:00".parse().unwrap());
        event.registration_note = Some("bis eine Woche vorher".into());
    }
    record.offering.source.date = Some("2019-01-15".parse().unwrap());
    import(&mut store, std::slice::from_ref(&record), ImportMode::Write).unwrap();
    let stored =
        store.records(Some(Kind::Event)).unwrap().into_iter().find(|stored| stored.offering.key == "alle-felder");
    assert_eq!(stored, Some(record));
}
