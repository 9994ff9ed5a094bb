//! Databases the user may only read, and databases another process is
//! writing: both open for browsing, neither is changed.

mod common;

use std::fs;
use std::time::{Duration, Instant};

use common::temp_db;
use lotse::store::{Store, StoreError, sample_records};
use rusqlite::Connection;

#[test]
fn a_read_only_store_browses_but_refuses_writes() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let before = fs::read(&path).unwrap();
    let mut store = Store::open_read_only(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.count_offerings().unwrap(), 16);
    assert_eq!(store.searchable_offerings().unwrap().offerings.len(), 16);
    assert!(store.keyword_rowids("leerstand").unwrap().is_some_and(|rowids| !rowids.is_empty()));
    assert!(store.put_records(&sample_records()[..1]).is_err());
    let error = store.require_writable().unwrap_err();
    assert!(matches!(&error, StoreError::ReadOnly(shown) if *shown == path), "{error:?}");
    assert!(error.explain(lotse::i18n::Lang::De).contains("schreibgeschützt"));
    drop(store);
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(!Store::open(&path).unwrap().is_read_only());
}

#[test]
fn a_read_only_open_refuses_an_older_schema_and_a_missing_file() {
    let (_dir, path) = temp_db();
    assert!(matches!(Store::open_read_only(&path), Err(StoreError::Missing(_))));
    assert!(!path.exists(), "nothing is created");
    drop(Store::open(&path).unwrap());
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 2).unwrap();
    let before = fs::read(&path).unwrap();
    let error = Store::open_read_only(&path).err().unwrap();
    assert!(matches!(error, StoreError::ReadOnlyOutdated { found: 2, needed: 5, .. }), "{error:?}");
    assert!(error.explain(lotse::i18n::Lang::En).contains("cannot update without write access"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn opening_an_up_to_date_database_does_not_wait_for_a_writer() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let writer = Connection::open(&path).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE; DELETE FROM offerings WHERE key = 'mapstar';").unwrap();
    let started = Instant::now();
    let store = Store::open(&path).unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "open waited {:?}", started.elapsed());
    assert_eq!(store.count_offerings().unwrap(), 16, "the reader sees the last commit");
    writer.execute_batch("ROLLBACK").unwrap();
}
