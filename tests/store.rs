//! The store on temporary databases: migrations, seeding once, refusing
//! what it must not touch, and the sample data's facts.

use std::fs;

use lotse::domain::{Details, Kind, Moment, Price, RegionRef};
use lotse::store::{Store, StoreError, Whose, sample_records};
use rusqlite::Connection;

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotse.db");
    (dir, path)
}

#[test]
fn a_new_database_is_migrated_and_seeded() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count_offerings().unwrap(), 15);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0)).unwrap();
    assert_eq!(version, lotse::store::SCHEMA_VERSION);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |row| row.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let kreise: i64 = conn.query_row("SELECT count(*) FROM kreise", [], |row| row.get(0)).unwrap();
    assert_eq!(kreise, 400);
    let laender: i64 = conn.query_row("SELECT count(*) FROM laender", [], |row| row.get(0)).unwrap();
    assert_eq!(laender, 16);
}

#[test]
fn opening_again_never_duplicates() {
    let (_dir, path) = temp_db();
    for _ in 0..3 {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.count_offerings().unwrap(), 15);
        assert_eq!(store.regions().unwrap().kreise.len(), 400);
    }
}

#[test]
fn deleted_samples_stay_deleted() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    Connection::open(&path).unwrap().execute("DELETE FROM offerings WHERE key = 'einbecker-modell'", []).unwrap();
    assert_eq!(Store::open(&path).unwrap().count_offerings().unwrap(), 14);
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let before = fs::read(&path).unwrap();
    let error = Store::open(&path).err().expect("a newer database must be refused");
    assert!(matches!(error, StoreError::TooNew { found: 99, known: lotse::store::SCHEMA_VERSION, .. }), "{error:?}");
    assert!(error.explain(lotse::i18n::Lang::De).contains("neueren lotse-Version"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_unchanged() {
    let (_dir, path) = temp_db();
    let garbage = b"Dies ist keine Datenbank, sondern eine Einkaufsliste.\n".repeat(200);
    fs::write(&path, &garbage).unwrap();
    let error = Store::open(&path).err().expect("garbage must be refused");
    assert!(matches!(error, StoreError::NotADatabase(_)), "{error:?}");
    let message = error.explain(lotse::i18n::Lang::De);
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert_eq!(fs::read(&path).unwrap(), garbage);
    assert!(!path.with_extension("db-wal").exists());
}

#[test]
fn a_directory_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let error = Store::open(dir.path()).err().expect("a directory must be refused");
    assert!(matches!(error, StoreError::IsDirectory(_)));
}

#[test]
fn missing_parent_directories_are_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tief/verschachtelt/lotse.db");
    assert_eq!(Store::open(&path).unwrap().count_offerings().unwrap(), 15);
}

#[test]
fn the_expertrainee_seminar_keeps_its_facts() {
    let store = Store::open_in_memory().unwrap();
    let seminar = store.offering("expertrainee-e287").unwrap().unwrap();
    assert_eq!(
        seminar.title,
        "Zukunft der Städte, Gemeinden und Landkreise - Auf welches Morgen müssen sich Wirtschaftsförderungen einstellen?"
    );
    assert_eq!(seminar.place.as_deref(), Some("Berlin"));
    assert_eq!(seminar.region, RegionRef::Kreis("11000".into()));
    let Details::Event(event) = &seminar.details else { panic!("E 287 is an event") };
    assert_eq!(event.code.as_deref(), Some("E 287"));
    assert_eq!(event.starts, "2019-03-21T10:00".parse::<Moment>().unwrap());
    assert_eq!(event.ends, Some("2019-03-21T16:00".parse().unwrap()));
    assert_eq!(event.venue.as_deref(), Some("InterCityHotel Berlin Hauptbahnhof"));
    assert_eq!(event.price, Price::Fee { cents: 54_900, plus_vat: true });
    let speakers: Vec<&str> = event.speakers.iter().map(|person| person.name.as_str()).collect();
    assert_eq!(speakers, ["Dipl.-Ing. Markus Wessel", "Klaus Burmeister"]);
    let text = store.long_text("expertrainee-e287").unwrap().unwrap();
    assert!(text.summary.len() > 80 && text.description.len() > 300);
}

#[test]
fn the_sample_data_covers_every_seed_offering() {
    let store = Store::open_in_memory().unwrap();
    let offerings = store.offerings().unwrap();
    let count = |kind| offerings.iter().filter(|offering| offering.kind() == kind).count();
    assert_eq!(count(Kind::Event), 7);
    assert_eq!(count(Kind::Project), 4);
    assert_eq!(count(Kind::Practice), 3);
    assert_eq!(count(Kind::Roundtable), 1);
    let by_key = |key: &str| offerings.iter().find(|offering| offering.key == key).unwrap();
    let Details::Roundtable(roundtable) = &by_key("stadtretter-roundtable-leerstand-3").details else {
        panic!("the roundtable is a roundtable")
    };
    assert_eq!((roundtable.number, roundtable.focus.as_str()), (3, "BID / ISG"));
    assert_eq!(roundtable.starts.to_string(), "2020-10-06T13:00");
    let Details::Event(conference) = &by_key("kommunen-innovativ-herbstkonferenz-2020").details else {
        panic!("the conference is an event")
    };
    assert_eq!(conference.price, Price::Free);
    assert_eq!(conference.starts.to_string(), "2020-10-28");
    assert_eq!(conference.ends.map(|end| end.to_string()).as_deref(), Some("2020-12-08"));
    // The source gives a rule ("eine Woche vor Veranstaltungsbeginn") for six dates, not one deadline.
    assert_eq!(conference.registration_deadline, None);
    assert!(conference.registration_note.as_deref().unwrap().contains("bis jeweils eine Woche vor"));
    assert_eq!(roundtable.online, None, "the newsletter does not say whether it is online");
    let Details::Project(innenstadt) = &by_key("innenstadt-2030-future-public-space").details else {
        panic!("a project")
    };
    // "auf 2 Jahre angelegt" names no months.
    assert_eq!((innenstadt.period_from, innenstadt.period_to), (None, None));
    assert_eq!(innenstadt.period_note.as_deref(), Some("auf 2 Jahre angelegt"));
    let Details::Project(zukunftswerkstatt) = &by_key("zukunftswerkstatt-kommunen-wirtschaft").details else {
        panic!("a project")
    };
    assert_eq!(zukunftswerkstatt.period_from.map(|month| month.to_string()).as_deref(), Some("2018-06"));
    assert_eq!(zukunftswerkstatt.period_to.map(|month| month.to_string()).as_deref(), Some("2019-05"));
    let Details::Practice(einbeck) = &by_key("einbecker-modell").details else { panic!("a best practice") };
    assert_eq!(einbeck.key_elements, ["Eventmanagement", "Citymanagement", "Standortmarketing"]);
}

#[test]
fn every_sample_region_is_known_and_matches_its_place() {
    let store = Store::open_in_memory().unwrap();
    let regions = store.regions().unwrap();
    for offering in store.offerings().unwrap() {
        assert!(regions.is_known(&offering.region), "{}: {:?}", offering.key, offering.region);
        if let (Some(place), RegionRef::Kreis(ags)) = (&offering.place, &offering.region) {
            assert_eq!(store.kreis_of_place(place).unwrap().as_ref(), Some(ags), "{}", offering.key);
        }
    }
}

#[test]
fn a_database_from_before_the_search_fields_gets_them_filled() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        // Roll the file back to how schema 2 left it: no folded search fields.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER offering_changes_insert;
             DROP TRIGGER offering_changes_update;
             DROP TRIGGER offering_changes_delete;
             DROP TABLE offering_changes;
             DROP TABLE source_items;
             DROP TABLE sources;
             DROP TABLE home_place;
             DROP INDEX offerings_listing;
             DROP TABLE interests;
             DROP TABLE registrations;
             DROP TABLE profile;
             DROP TABLE offerings_fts_terms;
             DROP INDEX offerings_search_fields;
             ALTER TABLE offerings DROP COLUMN search_title;
             ALTER TABLE offerings DROP COLUMN search_other;
             ALTER TABLE offerings DROP COLUMN search_topics;
             ALTER TABLE offerings DROP COLUMN source_url;
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let (_, index) = store.search_index().unwrap();
    assert_eq!(index.len(), 15);
    assert!(index.entries().any(|entry| entry.title.starts_with("zukunft der stadte")));
    assert!(index.entries().all(|entry| !entry.other.is_empty()));
}

#[test]
fn stored_search_fields_line_up_with_their_offerings() {
    let store = Store::open_in_memory().unwrap();
    let regions = store.regions().unwrap();
    let searchable = store.searchable_offerings().unwrap();
    assert_eq!(searchable.offerings.len(), 15);
    assert_eq!(searchable.index.len(), 15);
    assert!(searchable.rowids.windows(2).all(|pair| pair[0] < pair[1]));
    for (offering, stored) in searchable.offerings.iter().zip(searchable.index.entries()) {
        let fresh = lotse::store::search_fields::entry(offering, &regions);
        assert_eq!((stored.title, stored.other), (fresh.title.as_str(), fresh.other.as_str()));
        assert!(stored.topics().eq(fresh.topics.iter().map(String::as_str)));
        assert_eq!(stored.kind, offering.kind());
    }
}

#[test]
fn an_older_database_gets_the_sample_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotse.db");
    let publisher_site = |store: &Store| {
        let offerings = store.offerings().unwrap();
        let roundtable =
            offerings.iter().find(|offering| offering.key == "stadtretter-roundtable-leerstand-3").unwrap();
        (roundtable.url.clone(), roundtable.source.url.clone())
    };
    let expected = (None, Some("https://www.die-stadtretter.de".to_owned()));
    assert_eq!(publisher_site(&Store::open(&path).unwrap()), expected);
    // A database seeded before migration 0008 carried the home page as the offering's link.
    let mut mapstar = sample_records()[0].clone();
    mapstar.offering.key = "mapstar".into();
    mapstar.offering.source.publisher = "Die Stadtretter".into();
    Store::open(&path).unwrap().put_records(&[mapstar]).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER offering_changes_insert;
             DROP TRIGGER offering_changes_update;
             DROP TRIGGER offering_changes_delete;
             DROP TABLE offering_changes;
             UPDATE offerings SET url = source_url WHERE source_url IS NOT NULL;
             ALTER TABLE offerings DROP COLUMN source_url;
             DROP INDEX registrations_by_owner;
             ALTER TABLE registrations DROP COLUMN person;
             PRAGMA user_version = 7;",
        )
        .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(publisher_site(&store), expected);
    assert_eq!(store.count_offerings().unwrap(), 15, "the Mapstar sample is gone: a partner, not a best practice");
}

#[test]
fn registrations_from_before_owners_count_as_the_profiles_own() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        // The schema as version 8 left it, with a profile and two registrations.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER offering_changes_insert;
             DROP TRIGGER offering_changes_update;
             DROP TRIGGER offering_changes_delete;
             DROP TABLE offering_changes;
             DROP INDEX registrations_by_owner;
             ALTER TABLE registrations DROP COLUMN person;
             PRAGMA user_version = 8;
             INSERT INTO profile (id, name, email, organisation) VALUES (1, 'Erika', 'Erika@Example.de', 'Stadt');
             INSERT INTO registrations (offering_key, name, email, email_key, organisation, status, registered_at, changed_at)
             VALUES ('stadtretter-roundtable-leerstand-3', 'Erika', 'erika@example.de', 'erika@example.de', 'Stadt',
                     'registered', '2020-10-01T09:00:00', '2020-10-01T09:00:00'),
                    ('stadtretter-roundtable-leerstand-3', 'Max', 'max@example.de', 'max@example.de', 'Stadt',
                     'registered', '2020-10-01T09:00:00', '2020-10-01T09:00:00');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let own: Vec<String> = store.registrations(Whose::Own).unwrap().into_iter().map(|r| r.name).collect();
    assert_eq!(own, vec!["Erika".to_owned()]);
    assert_eq!(store.registrations(Whose::All).unwrap().len(), 2);
}
