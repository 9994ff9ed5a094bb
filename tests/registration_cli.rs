//! Registration from the real binary: exit codes, messages, many processes
//! at once on one database, and the calendar and CSV exports against
//! golden files written with a fixed clock.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lotse::clock::parse_now;
use lotse::domain::{Applicant, Details, Record};
use lotse::store::{Store, WhenFull, Whose};

const BINARY: &str = env!("CARGO_BIN_EXE_lotse");
const ROUNDTABLE: &str = "stadtretter-roundtable-leerstand-3";
const NEWSLETTER_DAY: &str = "2020-10-01";

fn lotse(db: &Path, args: &[&str]) -> Output {
    Command::new(BINARY)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", db.parent().unwrap())
        .env("LOTSE_DB", db)
        .env("LOTSE_NOW", NEWSLETTER_DAY)
        .env("LOTSE_CONFIG", "/nonexistent/config.toml")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A database whose sample roundtable has `capacity` places.
fn database(capacity: Option<u32>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotse.db");
    let mut store = Store::open(&path).unwrap();
    let mut record: Record =
        lotse::store::sample_records().into_iter().find(|record| record.offering.key == ROUNDTABLE).unwrap();
    let Details::Roundtable(roundtable) = &mut record.offering.details else { unreachable!("the roundtable's key") };
    roundtable.capacity = capacity;
    store.put_records(&[record]).unwrap();
    (dir, path)
}

const ME: [&str; 8] = [
    "profile",
    "set",
    "--name",
    "Erika Mustermann",
    "--email",
    "erika@hattersheim.de",
    "--org",
    "Wirtschaftsförderung Hattersheim",
];

#[test]
fn register_cancel_and_interest_say_what_happened_in_words_and_exit_codes() {
    let (_dir, db) = database(Some(1));
    let no_profile = lotse(&db, &["register", ROUNDTABLE]);
    assert_eq!(no_profile.status.code(), Some(1));
    assert!(text(&no_profile.stderr).contains("E-Mail (--email): Bitte ausfüllen"), "{}", text(&no_profile.stderr));

    assert!(lotse(&db, &ME).status.success());
    let registered = lotse(&db, &["register", ROUNDTABLE, "--note", "vegetarisch"]);
    assert_eq!(registered.status.code(), Some(0));
    assert!(text(&registered.stdout).starts_with("Angemeldet: 3. Roundtable"), "{}", text(&registered.stdout));

    let again = lotse(&db, &["register", ROUNDTABLE]);
    assert_eq!(again.status.code(), Some(4));
    assert!(
        text(&again.stderr).starts_with("Bereits angemeldet (Angemeldet, seit 01.10.2020"),
        "{}",
        text(&again.stderr)
    );

    let colleague = ["register", ROUNDTABLE, "--name", "Max Muster", "--email", "max@hattersheim.de"];
    let waitlisted = lotse(&db, &colleague);
    assert_eq!(waitlisted.status.code(), Some(3));
    assert!(text(&waitlisted.stdout).starts_with("Auf der Warteliste (Platz 1):"), "{}", text(&waitlisted.stdout));

    let full = lotse(&db, &["register", ROUNDTABLE, "--email", "dritte@hattersheim.de", "--no-waitlist"]);
    assert_eq!(full.status.code(), Some(4));
    assert!(text(&full.stderr).starts_with("Ausgebucht (alle 1 Plätze vergeben)"), "{}", text(&full.stderr));

    let past = lotse(&db, &["register", "expertrainee-e287"]);
    assert_eq!(past.status.code(), Some(4));
    assert!(text(&past.stderr).contains("bereits begonnen (21.03.2019, 10:00 Uhr)"), "{}", text(&past.stderr));

    let cancelled = lotse(&db, &["cancel", ROUNDTABLE]);
    assert_eq!(cancelled.status.code(), Some(0));
    assert!(
        text(&cancelled.stdout).contains("Max Muster rückt von der Warteliste nach"),
        "{}",
        text(&cancelled.stdout)
    );
    assert_eq!(lotse(&db, &["cancel", ROUNDTABLE]).status.code(), Some(4));

    let interest = lotse(&db, &["interest", "einbecker-modell"]);
    assert!(text(&interest.stdout).starts_with("Interesse an „Einbecker Modell"), "{}", text(&interest.stdout));
    let listed = lotse(&db, &["registrations", "--all", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["email"], "max@hattersheim.de");
    assert_eq!(json[0]["status"], "registered");

    let english = Command::new(BINARY)
        .args(["--lang", "en", "register", "nope"])
        .env("LOTSE_DB", &db)
        .env("LOTSE_NOW", NEWSLETTER_DAY)
        .output()
        .unwrap();
    assert_eq!(english.status.code(), Some(4));
    assert!(text(&english.stderr).starts_with("No offering with the key “nope”"), "{}", text(&english.stderr));
}

#[test]
fn forgetting_the_profile_needs_a_confirmation_from_scripts() {
    let (_dir, db) = database(None);
    lotse(&db, &ME);
    lotse(&db, &["register", ROUNDTABLE]);
    let unconfirmed = lotse(&db, &["profile", "forget"]);
    assert_eq!(unconfirmed.status.code(), Some(1));
    assert!(text(&unconfirmed.stderr).contains("--yes"));
    let forgotten = lotse(&db, &["profile", "forget", "--yes"]);
    assert!(forgotten.status.success());
    assert!(text(&forgotten.stdout).contains("1 Anmeldung(en)"), "{}", text(&forgotten.stdout));
    let store = Store::open(&db).unwrap();
    assert_eq!(store.profile().unwrap(), None);
    assert!(store.registrations(Whose::All).unwrap().is_empty());
}

#[test]
fn forgetting_the_profile_forgets_the_home_place_too() {
    let (_dir, db) = database(None);
    lotse(&db, &ME);
    let set = lotse(&db, &["profile", "set", "--heimatort", "65795"]);
    assert!(set.status.success(), "{}", text(&set.stderr));
    assert!(text(&lotse(&db, &["profile", "show"]).stdout).contains("Heimatort: 65795 Hattersheim"));
    let forgotten = lotse(&db, &["profile", "forget", "--yes"]);
    assert!(forgotten.status.success(), "{}", text(&forgotten.stderr));
    assert!(text(&forgotten.stdout).contains("Heimatort"), "{}", text(&forgotten.stdout));
    let shown = lotse(&db, &["profile", "show"]);
    assert!(!text(&shown.stdout).contains("Heimatort"), "{}", text(&shown.stdout));
    // Without a home place, a radius around it has no centre.
    let around = lotse(&db, &["search", "campus", "--km", "20"]);
    assert!(!around.status.success(), "{}", text(&around.stdout));
    assert_eq!(Store::open(&db).unwrap().home_place().unwrap(), None);
}

/// Eight processes register fifty people each for 100 places, all at
/// once: exactly 100 get a place, 300 wait, and no process fails.
#[test]
fn capacity_holds_with_many_processes_at_once() {
    let (_dir, db) = database(Some(100));
    let workers: Vec<_> = (0..8)
        .map(|worker| {
            let db = db.clone();
            std::thread::spawn(move || {
                (0..50)
                    .map(|number| {
                        let name = format!("Person {worker}-{number}");
                        let email = format!("person-{worker}-{number}@example.de");
                        let output =
                            lotse(&db, &["register", ROUNDTABLE, "--name", &name, "--email", &email, "--org", "Test"]);
                        (output.status.code(), text(&output.stderr))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let outcomes: Vec<(Option<i32>, String)> = workers.into_iter().flat_map(|worker| worker.join().unwrap()).collect();
    let failures: Vec<_> = outcomes.iter().filter(|(code, _)| !matches!(code, Some(0 | 3))).collect();
    assert!(failures.is_empty(), "failed: {failures:?}");
    assert_eq!(outcomes.iter().filter(|(code, _)| *code == Some(0)).count(), 100);
    assert_eq!(outcomes.iter().filter(|(code, _)| *code == Some(3)).count(), 300);
    let seats = Store::open(&db).unwrap().seats(ROUNDTABLE).unwrap();
    assert_eq!((seats.taken, seats.waiting), (100, 300));
}

/// Registrations for the golden files: the roundtable, the multi-day
/// conference and a web talk, one waitlisted, all made on the newsletter's day.
fn golden_database() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = database(Some(1));
    let now = parse_now(NEWSLETTER_DAY).unwrap();
    let mut store = Store::open(&db).unwrap();
    let colleague = Applicant::new("Max Muster", "max@hattersheim.de", "Stadt Hattersheim", "", "").unwrap();
    store.register(ROUNDTABLE, &colleague, WhenFull::JoinWaitlist, now).unwrap();
    drop(store);
    lotse(&db, &ME);
    for (key, note) in [
        (ROUNDTABLE, "Ich komme mit einer Kollegin; vegetarisch, bitte."),
        ("kommunen-innovativ-herbstkonferenz-2020", ""),
        ("stadtretter-webtalk-thinius-2020", "Frage: Wie wird \"Arbeit 4.0\" die Innenstadt verändern?"),
    ] {
        let output = lotse(&db, &["register", key, "--note", note]);
        assert!(matches!(output.status.code(), Some(0 | 3)), "{}", text(&output.stderr));
    }
    (dir, db)
}

fn golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden").join(name);
    if std::env::var_os("LOTSE_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected =
        std::fs::read(&path).unwrap_or_else(|_| panic!("{} missing: run with LOTSE_UPDATE_GOLDEN=1", path.display()));
    assert!(expected == actual, "{name} differs from its golden file:\n{}", text(actual));
}

#[test]
fn the_calendar_export_matches_its_golden_file_and_parses_back() {
    let (dir, db) = golden_database();
    let file = dir.path().join("anmeldungen.ics");
    let output = lotse(&db, &["export", "registrations", "--format", "ics", "-o", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let bytes = std::fs::read(&file).unwrap();
    golden("registrations.ics", &bytes);

    // Every line within 75 octets and ended by CRLF, as RFC 5545 demands.
    let content = text(&bytes);
    assert!(content.ends_with("\r\n"));
    assert!(content.split("\r\n").all(|line| line.len() <= 75 && !line.contains('\n')));

    // An independent parser (crate `ical`) reads it back.
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(bytes.as_slice()));
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none());
    // The waitlisted roundtable place is not in the calendar, the two held places are.
    assert_eq!(calendar.events.len(), 2);
    let property = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event.properties.iter().find(|property| property.name == name).and_then(|property| property.value.clone())
    };
    let conference = &calendar.events[1];
    assert_eq!(property(conference, "DTSTART").as_deref(), Some("20201028"));
    assert_eq!(property(conference, "DTEND").as_deref(), Some("20201209"));
    let talk = &calendar.events[0];
    assert_eq!(property(talk, "SUMMARY").as_deref(), Some("Die größte Zukunft aller Zeiten"));
    // 06.10.2020, 10:00 in Berlin (summer time) is 08:00 UTC.
    assert_eq!(property(talk, "DTSTART").as_deref(), Some("20201006T080000Z"));
    assert_eq!(property(talk, "LOCATION").as_deref(), Some("Online"));
    let description = property(talk, "DESCRIPTION").unwrap();
    // The parser unfolds lines but leaves RFC 5545 escapes as they are.
    assert!(
        description.starts_with(r"Besonderes Event der Stadtretter: Der Futurologe Max Thinius zeigt im WebTalk\, wie")
    );
    assert!(description.contains(r#"\n\nIhre Anmerkung: Frage: Wie wird "Arbeit 4.0" die Innenstadt verändern?\n\n"#));
    assert!(description.contains("Hinweis zur Anmeldung: Anmeldung über das Anmeldeformular"));
    let uid = property(talk, "UID").unwrap();
    assert!(uid.starts_with("lotse-registration-") && uid.ends_with("stadtretter-webtalk-thinius-2020"));
    let alarm = &talk.alarms[0];
    let trigger = alarm.properties.iter().find(|property| property.name == "TRIGGER").unwrap();
    assert_eq!(trigger.value.as_deref(), Some("-PT86400S"));

    // The same registrations give the same file: UIDs are stable.
    let again = lotse(&db, &["export", "registrations", "--format", "ics"]);
    assert_eq!(again.stdout, bytes);
}

#[test]
fn the_travel_csv_matches_its_golden_file_and_opens_in_german_excel() {
    let (_dir, db) = golden_database();
    let output = lotse(&db, &["export", "registrations", "--format", "csv"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    golden("registrations.csv", &output.stdout);
    let bytes = output.stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a UTF-8 byte order mark for Excel");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(headers, ["Titel", "Datum", "Uhrzeit", "Ort", "Veranstalter", "Preis", "Status", "Anmeldedatum"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    // Soonest first: the web talk at 10:00, then the roundtable at 13:00, then the conference.
    assert_eq!(&rows[0][0], "Die größte Zukunft aller Zeiten");
    assert_eq!(&rows[1][6], "Warteliste (Platz 1)");
    assert_eq!(&rows[1][1], "06.10.2020");
    assert_eq!(&rows[1][2], "13:00 Uhr");
    assert_eq!(&rows[1][7], "01.10.2020");
    assert_eq!((&rows[2][1], &rows[2][5]), ("28.10.–08.12.2020", "kostenfrei"));
}

#[test]
fn a_cancelled_registration_leaves_the_calendar_as_cancelled_under_the_same_uid() {
    let (_dir, db) = database(Some(30));
    assert!(lotse(&db, &ME).status.success());
    assert!(lotse(&db, &["register", ROUNDTABLE]).status.success());
    let events = |bytes: &[u8]| {
        let calendar = ical::IcalParser::new(std::io::BufReader::new(bytes)).next().unwrap().unwrap();
        calendar
            .events
            .iter()
            .map(|event| {
                let property = |name: &str| {
                    event.properties.iter().find(|property| property.name == name).and_then(|p| p.value.clone())
                };
                (property("UID").unwrap(), property("STATUS"))
            })
            .collect::<Vec<_>>()
    };
    let before = events(&lotse(&db, &["export", "registrations"]).stdout);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].1, None);
    assert!(lotse(&db, &["cancel", ROUNDTABLE]).status.success());
    let after = events(&lotse(&db, &["export", "registrations"]).stdout);
    assert_eq!(after, [(before[0].0.clone(), Some("CANCELLED".to_owned()))]);
    let travel = text(&lotse(&db, &["export", "registrations", "--format", "csv"]).stdout);
    assert!(!travel.contains("Roundtable"), "the travel table lists held places only: {travel}");
}
