//! `lotse import` and `lotse export offerings` through the real binary:
//! round trips, re-imports, dry runs, every format, and bad files of every
//! kind refused without a partial write.

mod common;

use std::fs;
use std::path::Path;

use common::binary::{HOSTILE_TITLE_CLEANED, failed, fixture, hostile_import, lotse, stderr, succeeded};
use lotse::domain::{Details, Kind, Price, Record, RegionRef};
use lotse::store::{Store, sample_records};

const SAMPLES: u64 = 15;

fn count(db: &Path) -> u64 {
    Store::open(db).unwrap().count_offerings().unwrap()
}

fn stored(db: &Path, key: &str) -> Record {
    Store::open(db).unwrap().records(None).unwrap().into_iter().find(|record| record.offering.key == key).unwrap()
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn an_export_imports_into_a_fresh_database_and_exports_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("erste.db"), dir.path().join("zweite.db"));
    succeeded(&lotse(&first, &["demo-data", "--count", "200", "--seed", "3"]));
    succeeded(&lotse(&first, &["import", path(&fixture("alle_felder.json"))]));
    let export = dir.path().join("export.json");
    succeeded(&lotse(&first, &["export", "offerings", "-o", path(&export)]));

    // The fresh database has the samples already: they come back unchanged.
    let report = succeeded(&lotse(&second, &["import", path(&export)]));
    assert!(report.contains("204 neu, 0 geändert, 15 unverändert"), "{report}");
    let again = succeeded(&lotse(&second, &["export", "offerings"]));
    assert_eq!(again.as_bytes(), fs::read(&export).unwrap(), "the second export equals the first byte for byte");

    let records = Store::open(&second).unwrap().records(None).unwrap();
    for sample in sample_records() {
        assert!(records.contains(&sample), "{} lost a field on the way", sample.offering.key);
    }
    let fixture_records: Vec<Record> = serde_json::from_slice(&fs::read(fixture("alle_felder.json")).unwrap()).unwrap();
    for record in fixture_records {
        assert!(records.contains(&record), "{} lost a field on the way", record.offering.key);
    }
}

#[test]
fn importing_again_changes_nothing_and_an_updated_file_updates_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let file = dir.path().join("programm.json");
    fs::copy(fixture("alle_felder.json"), &file).unwrap();
    assert!(succeeded(&lotse(&db, &["import", path(&file)])).contains("4 neu, 0 geändert, 0 unverändert"));
    assert!(succeeded(&lotse(&db, &["import", path(&file)])).contains("0 neu, 0 geändert, 4 unverändert"));
    assert_eq!(count(&db), SAMPLES + 4);

    let updated = fs::read_to_string(&file).unwrap().replace("Seminar für Wirtschaftsförderungen", "Seminar (verlegt)");
    fs::write(&file, updated).unwrap();
    let dry = succeeded(&lotse(&db, &["import", path(&file), "--dry-run"]));
    assert!(dry.contains("Probelauf, nichts gespeichert): 0 neu, 1 geändert, 3 unverändert"), "{dry}");
    assert_eq!(
        stored(&db, "fixture-event").offering.title,
        "Leerstand als Chance – Seminar für Wirtschaftsförderungen"
    );
    assert!(succeeded(&lotse(&db, &["import", path(&file)])).contains("0 neu, 1 geändert, 3 unverändert"));
    assert_eq!(stored(&db, "fixture-event").offering.title, "Leerstand als Chance – Seminar (verlegt)");
    assert_eq!(count(&db), SAMPLES + 4, "updated in place, the samples missing from the file untouched");
}

#[test]
fn a_german_excel_csv_imports_and_a_filtered_csv_export_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let report = succeeded(&lotse(&db, &["import", path(&fixture("veranstaltungen.csv"))]));
    assert!(report.contains("2 neu, 0 geändert, 0 unverändert"), "{report}");
    let seminar = stored(&db, "ihk-2021-01");
    assert_eq!(seminar.offering.region, RegionRef::Kreis("06531".into()));
    assert_eq!(seminar.summary, "Ein Tag; viele Ideen");
    let Details::Event(event) = &seminar.offering.details else { panic!("an event") };
    assert_eq!(event.price, Price::Fee { cents: 54_900, plus_vat: true });
    assert_eq!(event.starts.to_string(), "2021-03-21T10:00");

    let csv = dir.path().join("hessen.csv");
    let written = lotse(&db, &["export", "offerings", "--kind", "event", "--region", "HE", "-o", path(&csv)]);
    succeeded(&written);
    assert!(stderr(&written).contains("1 Angebote nach"), "{}", stderr(&written));
    let text = fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}kind;key;title;"), "a BOM and semicolons, for German Excel");
    assert_eq!(text.lines().count(), 2, "only the event in Hessen:\n{text}");
    let report = succeeded(&lotse(&db, &["import", path(&csv)]));
    assert!(report.contains("0 neu, 0 geändert, 1 unverändert"), "{report}");

    let all_events = succeeded(&lotse(&db, &["export", "offerings", "--kind", "event", "--format", "csv"]));
    let fresh = dir.path().join("frisch.db");
    fs::write(dir.path().join("alle.csv"), all_events).unwrap();
    let report = succeeded(&lotse(&fresh, &["import", path(&dir.path().join("alle.csv"))]));
    assert!(report.contains("2 neu, 0 geändert, 7 unverändert"), "{report}");
}

#[test]
fn a_calendar_file_becomes_events_and_names_what_needs_a_look() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let report = succeeded(&lotse(&db, &["import", path(&fixture("programm.ics"))]));
    assert!(report.contains("4 neu, 0 geändert, 0 unverändert"), "{report}");
    assert!(
        report.contains("1 Termin ohne Region")
            && report.contains(":45: „Herbstkonferenz Kommunen“ – Rathaus Atlantis")
    );
    assert!(report.contains("1 Serientermin;") && report.contains(":53: „Monatlicher Stammtisch“"), "{report}");

    let seminar = stored(&db, "akademie-2021-innenstadt@pretix.example.org");
    assert_eq!(seminar.offering.title, "Innenstadt neu denken: Leerstand, Frequenz und Erlebnis");
    assert_eq!(seminar.offering.place.as_deref(), Some("Gießen"));
    assert!(seminar.description.contains("Besucherinnen und Besucher? Mit Praxisbeispielen aus Hanau, Einbeck"));
    let webtalk = stored(&db, "akademie-2021-webtalk@pretix.example.org");
    assert_eq!(webtalk.offering.region, RegionRef::Online);
    let Details::Event(event) = &webtalk.offering.details else { panic!("an event") };
    assert_eq!(event.starts.to_string(), "2021-04-15T14:00", "UTC noon is two in the afternoon in April");
    let conference = stored(&db, "040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5");
    assert_eq!(conference.offering.region, RegionRef::Unknown);

    let unplaced = succeeded(&lotse(&db, &["export", "offerings", "--region", "unbekannt"]));
    assert!(unplaced.contains("Herbstkonferenz Kommunen") && !unplaced.contains("Stammtisch"), "{unplaced}");
    let again = succeeded(&lotse(&db, &["import", path(&fixture("programm.ics"))]));
    assert!(again.contains("0 neu, 0 geändert, 4 unverändert"), "{again}");
}

#[test]
fn every_error_is_listed_with_file_line_and_field_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let file = dir.path().join("veranstaltungen.csv");
    let mut text = fs::read_to_string(fixture("veranstaltungen.csv")).unwrap();
    text.push_str("Veranstaltung;ihk-2021-03;Gut;IHK;Gießen;06531;Seminar;01.06.2021;;;;;;;\r\n");
    text.push_str("Veranstaltung;ihk-2021-04;Kaputt;IHK;Gießen;99999;Seminar;31.02.2021;;;teuer;;;;\r\n");
    fs::write(&file, text).unwrap();
    let message = failed(&lotse(&db, &["import", path(&file)]));
    let shown = file.display();
    for expected in [
        format!("{shown}:5: Feld \"starts\": \"31.02.2021\" ist kein gültiges Datum"),
        format!("{shown}:5: Feld \"price\": \"teuer\" ist kein Preis"),
        format!("2 Fehler in {shown}; nichts wurde gespeichert"),
    ] {
        assert!(message.contains(&expected), "missing {expected:?} in:\n{message}");
    }
    assert_eq!(count(&db), SAMPLES, "the good rows were not written either");

    let english = failed(&lotse(&db, &["--lang", "en", "import", path(&file)]));
    assert!(english.contains(&format!("{shown}:5: field \"starts\": \"31.02.2021\" is not a valid date")), "{english}");
    assert!(english.contains("nothing was saved"), "{english}");
}

#[test]
fn bad_files_of_every_kind_are_refused_without_a_trace() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    succeeded(&lotse(&db, &["regions"]));
    let before = Store::open(&db).unwrap().records(None).unwrap();
    let valid = fs::read_to_string(fixture("alle_felder.json")).unwrap();
    let ics = fs::read_to_string(fixture("programm.ics")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("leer.json", Vec::new(), "Datei ist leer"),
        ("abgeschnitten.json", valid.as_bytes()[..valid.len() / 2].to_vec(), "EOF while parsing"),
        ("typen.json", valid.replacen("\"capacity\": 40", "\"capacity\": -40", 1).into_bytes(), "capacity"),
        (
            "kodierung.json",
            valid
                .replacen("Gießen", "Gie\u{0}en", 1)
                .into_bytes()
                .into_iter()
                .map(|byte| if byte == 0 { 0xdf } else { byte })
                .collect(),
            "kein gültiges UTF-8",
        ),
        ("latin1.csv", b"kind;key;title\nevent;a;K\xf6ln\n".to_vec(), "kein gültiges UTF-8"),
        ("riesig.json", valid.replacen("Zweitägiges Seminar", &"x".repeat(3_000_000), 1).into_bytes(), "zu lang"),
        ("tief.json", format!("[{}{}]", "[".repeat(200_000), "]".repeat(200_000)).into_bytes(), "verschachtelt"),
        ("kein_objekt.jsonl", b"\"nur ein Text\"\n".to_vec(), "kein Angebot"),
        ("datum.json", valid.replacen("2021-03-21T10:00", "2021-02-31T10:00", 1).into_bytes(), "2021-02-31"),
        ("abgeschnitten.ics", ics.as_bytes()[..ics.len() / 3].to_vec(), "ohne END:"),
        ("binaer.ics", (0..=255u8).cycle().take(5_000).collect(), "UTF-8"),
        ("text.ics", b"Hallo,\nanbei der Kalender.\n".to_vec(), "iCalendar-Datei"),
    ];
    for (name, bytes, expected) in cases {
        let file = dir.path().join(name);
        fs::write(&file, &bytes).unwrap();
        let message = failed(&lotse(&db, &["import", path(&file)]));
        assert!(message.contains(expected), "{name}: {message}");
        assert!(message.contains(&file.display().to_string()), "{name} names the file: {message}");
        assert!(message.lines().count() < 20, "{name}: {message}");
    }
    assert_eq!(Store::open(&db).unwrap().records(None).unwrap(), before);
}

#[test]
fn a_hundred_thousand_rows_are_checked_and_the_one_bad_row_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let file = dir.path().join("gross.csv");
    let mut text = String::from("kind,key,title,organiser,region,format,starts\n");
    for index in 0..100_000 {
        let day = if index == 99_998 { "31.02.2021".to_owned() } else { format!("2021-05-{:02}", index % 28 + 1) };
        text.push_str(&format!("event,gross-{index},Termin {index},IHK,06531,Seminar,{day}\n"));
    }
    fs::write(&file, text).unwrap();
    let message = failed(&lotse(&db, &["import", path(&file)]));
    assert!(message.contains(":100000: Feld \"starts\": \"31.02.2021\""), "{message}");
    assert!(message.contains("1 Fehler"), "{message}");
    assert_eq!(count(&db), SAMPLES);
}

#[test]
fn escape_sequences_in_imported_text_are_stored_as_harmless_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    succeeded(&lotse(&db, &["import", path(&hostile_import(dir.path()))]));
    assert_eq!(stored(&db, "fixture-event").offering.title, HOSTILE_TITLE_CLEANED);
}

#[test]
fn export_asks_for_a_kind_for_csv_and_names_an_unwritable_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let message = failed(&lotse(&db, &["export", "offerings", "--format", "csv"]));
    assert!(message.contains("--kind"), "{message}");
    let target = dir.path().join("fehlt/export.json");
    let message = failed(&lotse(&db, &["export", "offerings", "-o", path(&target)]));
    assert!(message.contains(&target.display().to_string()) && message.contains("nicht gefunden"), "{message}");
    let message = failed(&lotse(&db, &["export", "offerings", "--region", "Atlantis"]));
    assert!(message.contains("lotse regions"), "{message}");
    let projects = succeeded(&lotse(&db, &["export", "offerings", "--kind", "project", "--region", "bundesweit"]));
    let records: Vec<Record> = serde_json::from_str(&projects).unwrap();
    assert!(!records.is_empty());
    assert!(
        records
            .iter()
            .all(|record| record.offering.kind() == Kind::Project && record.offering.region == RegionRef::Bundesweit)
    );
}

#[test]
fn every_example_in_the_format_description_imports() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/austauschformat.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let mut imported = Vec::new();
    for block in doc.split("```").skip(1).step_by(2) {
        let Some((language, body)) = block.split_once('\n') else { continue };
        if !["json", "csv", "ics"].contains(&language) {
            continue;
        }
        let file = dir.path().join(format!("beispiel-{}.{language}", imported.len()));
        fs::write(&file, body).unwrap();
        let report = succeeded(&lotse(&db, &["import", path(&file)]));
        assert!(report.contains("1 neu") || report.contains("2 neu"), "{language} example:\n{body}\n{report}");
        imported.push(language);
    }
    assert_eq!(imported, ["json", "json", "json", "json", "csv", "csv", "csv", "csv", "ics"]);
}

#[test]
fn messages_quoting_the_file_never_pass_escape_sequences_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let file = dir.path().join("boese.csv");
    fs::write(&file, "kind,key,title,organiser,region,format,starts\nevent,a,A,IHK,06531,Seminar,\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\n").unwrap();
    let message = failed(&lotse(&db, &["import", path(&file)]));
    assert!(message.contains("Feld \"starts\""), "{message}");
    assert!(!message.contains('\u{1b}') && !message.contains('\u{7}'), "{message:?}");

    let calendar = dir.path().join("boese.ics");
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:Titel\\n\u{1b}[2J\nDTSTART:20210301\nLOCATION:Atlantis\u{1b}]0;weg\u{7}\nEND:VEVENT\nEND:VCALENDAR\n";
    fs::write(&calendar, text).unwrap();
    let report = succeeded(&lotse(&db, &["import", path(&calendar)]));
    assert!(report.contains("ohne Region") && report.contains("Atlantis"), "{report}");
    assert!(!report.contains('\u{1b}') && !report.contains('\u{7}'), "{report:?}");
}
