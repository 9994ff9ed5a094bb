//! The team on one server: personal logins in the three lotse roles, and
//! row-level security that the server enforces whatever client connects.
//! People act through the real binary; what a login can read is checked
//! with plain SQL, as someone with psql would try.

mod common;

use std::path::Path;
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::binary::{command, stderr, succeeded};
use common::pg::{Database, client};

/// The sample roundtable's newsletter day: it is still ahead.
const NEWSLETTER_DAY: &str = "2020-10-01T09:00:00+02:00";
const ROUNDTABLE: &str = "stadtretter-roundtable-leerstand-3";
/// An event the organiser Olaf does not own.
const OTHER_EVENT: &str = "stadtretter-webtalk-thinius-2020";

/// Logins are cluster-wide: each test run names its own and drops them.
struct Logins {
    admin_url: String,
    names: Vec<String>,
}

impl Logins {
    fn create(admin_url: &str, people: &[(&str, &str)]) -> Logins {
        static STORES: AtomicUsize = AtomicUsize::new(0);
        let store = STORES.fetch_add(1, Ordering::Relaxed);
        let mut admin = client(admin_url);
        let mut names = Vec::new();
        for (person, role) in people {
            let login = format!("{person}_{}_{store}", std::process::id());
            admin.batch_execute(&format!("CREATE ROLE {login} LOGIN; GRANT {role} TO {login}")).unwrap();
            names.push(login);
        }
        Logins { admin_url: admin_url.to_owned(), names }
    }

    fn login(&self, person: &str) -> &str {
        self.names.iter().find(|name| name.starts_with(&format!("{person}_"))).unwrap()
    }

    /// The store's URL with `person`'s login instead of the superuser.
    fn url(&self, person: &str) -> String {
        self.admin_url.replacen("postgres@", &format!("{}@", self.login(person)), 1)
    }
}

impl Drop for Logins {
    fn drop(&mut self) {
        let mut admin = client(&self.admin_url);
        for name in &self.names {
            let _ = admin.batch_execute(&format!("DROP OWNED BY {name}; DROP ROLE IF EXISTS {name}"));
        }
    }
}

fn lotse_as(url: &str, args: &[&str]) -> Output {
    command(Path::new(url), args).env("LOTSE_NOW", NEWSLETTER_DAY).output().unwrap()
}

/// Every row of every table `url`'s login may read, as text.
fn everything_readable(url: &str) -> String {
    let mut reader = client(url);
    let tables: Vec<String> = reader
        .query(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
               AND has_table_privilege(format('%I.%I', schemaname, tablename), 'SELECT') ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert!(tables.iter().any(|table| table == "registrations"), "{tables:?}");
    let mut seen = String::new();
    for table in tables {
        let rows = reader.simple_query(&format!("SELECT * FROM {table}")).unwrap();
        for message in rows {
            if let postgres::SimpleQueryMessage::Row(row) = message {
                let values: Vec<&str> = (0..row.len()).map(|at| row.get(at).unwrap_or("")).collect();
                seen.push_str(&format!("{table}: {}\n", values.join(" | ")));
            }
        }
    }
    seen
}

/// A store whose roundtable belongs to the organiser Olaf, with Erika and
/// Max (members) registered and Max interested.
fn team_store(db: &Database) -> Logins {
    succeeded(&lotse_as(&db.url, &["db", "migrate"]));
    let logins = Logins::create(
        &db.url,
        &[("erika", "lotse_member"), ("max", "lotse_member"), ("olaf", "lotse_organiser"), ("ada", "lotse_admin")],
    );
    client(&db.url)
        .execute("UPDATE offerings SET owner = $1 WHERE key = $2", &[&logins.login("olaf"), &ROUNDTABLE])
        .unwrap();
    for (person, name, phone, note) in [
        ("erika", "Erika Muster", "0555 1111", "vegetarisch"),
        ("max", "Max Geheim", "0555 2222", "rollstuhlgerecht bitte"),
    ] {
        let url = logins.url(person);
        let email = format!("{person}@example.de");
        succeeded(&lotse_as(
            &url,
            &["profile", "set", "--name", name, "--email", &email, "--org", "Stadt Einbeck", "--phone", phone],
        ));
        succeeded(&lotse_as(&url, &["register", ROUNDTABLE, "--note", note]));
    }
    succeeded(&lotse_as(&logins.url("max"), &["interest", ROUNDTABLE]));
    logins
}

#[test]
fn a_member_with_plain_sql_reads_no_colleagues_personal_data() {
    let Some(db) = Database::create("a_member_with_plain_sql_reads_no_colleagues_personal_data") else { return };
    let logins = team_store(&db);

    let seen_by_erika = everything_readable(&logins.url("erika"));
    for own in ["Erika Muster", "erika@example.de", "0555 1111", "vegetarisch"] {
        assert!(seen_by_erika.contains(own), "Erika misses her own {own}:\n{seen_by_erika}");
    }
    for colleagues in ["Max Geheim", "max@example.de", "0555 2222", "rollstuhlgerecht", logins.login("max")] {
        assert!(!seen_by_erika.contains(colleagues), "Erika reads {colleagues}:\n{seen_by_erika}");
    }

    let mut erika = client(&logins.url("erika"));
    let touched = erika.execute("UPDATE registrations SET note = 'geändert'", &[]).unwrap();
    assert_eq!(touched, 1, "Erika's update reaches only her own row");
    let max_id: i64 =
        client(&db.url).query_one("SELECT id FROM registrations WHERE email = 'max@example.de'", &[]).unwrap().get(0);
    let refused = erika.execute("SELECT lotse_set_status($1, 'cancelled', 'x')", &[&max_id]).unwrap_err();
    assert_eq!(refused.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{refused}");
    let max_row: (String, String) = client(&db.url)
        .query_one("SELECT note, status FROM registrations WHERE id = $1", &[&max_id])
        .map(|row| (row.get(0), row.get(1)))
        .unwrap();
    assert_eq!(max_row, ("rollstuhlgerecht bitte".to_owned(), "registered".to_owned()));
}

#[test]
fn organisers_read_their_offerings_participants_and_admins_everyone() {
    let Some(db) = Database::create("organisers_read_their_offerings_participants_and_admins_everyone") else { return };
    let logins = team_store(&db);
    succeeded(&lotse_as(&logins.url("erika"), &["register", OTHER_EVENT]));

    let seen_by_olaf = everything_readable(&logins.url("olaf"));
    let registrations: Vec<&str> = seen_by_olaf.lines().filter(|line| line.starts_with("registrations:")).collect();
    assert_eq!(registrations.len(), 2, "Olaf sees his roundtable's two registrations only:\n{seen_by_olaf}");
    assert!(registrations.iter().all(|line| line.contains(ROUNDTABLE)), "{registrations:?}");
    assert!(seen_by_olaf.contains("rollstuhlgerecht") && seen_by_olaf.contains("vegetarisch"));
    assert!(!seen_by_olaf.contains("profiles:"), "profiles stay private:\n{seen_by_olaf}");

    let seen_by_ada = everything_readable(&logins.url("ada"));
    let registrations = seen_by_ada.lines().filter(|line| line.starts_with("registrations:")).count();
    assert_eq!(registrations, 3, "{seen_by_ada}");
}

#[test]
fn counts_are_everyones_and_names_only_where_the_policies_allow() {
    let Some(db) = Database::create("counts_are_everyones_and_names_only_where_the_policies_allow") else { return };
    let logins = team_store(&db);
    let team = |person: &str| {
        let row = client(&logins.url(person)).query_one("SELECT * FROM lotse_team($1)", &[&ROUNDTABLE]).unwrap();
        let counts: (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
        let names: (Vec<String>, Vec<String>) = (row.get(3), row.get(4));
        (counts, names)
    };
    assert_eq!(team("erika"), ((2, 0, 1), (vec!["Erika Muster".to_owned()], vec![])));
    assert_eq!(team("max"), ((2, 0, 1), (vec!["Max Geheim".to_owned()], vec!["Max Geheim".to_owned()])));
    let everyone = (vec!["Erika Muster".to_owned(), "Max Geheim".to_owned()], vec!["Max Geheim".to_owned()]);
    assert_eq!(team("olaf"), ((2, 0, 1), everyone.clone()));
    assert_eq!(team("ada"), ((2, 0, 1), everyone));
}

#[test]
fn members_register_and_cancel_only_themselves_organisers_others_for_their_offerings() {
    let Some(db) = Database::create("members_register_and_cancel_only_themselves") else { return };
    let logins = team_store(&db);
    let someone = ["--name", "Fremde Person", "--email", "fremd@example.de", "--org", "Stadt Hanau"];

    let refused = lotse_as(&logins.url("erika"), &[&["register", ROUNDTABLE][..], &someone[..]].concat());
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("Sie können nur sich selbst anmelden"), "{}", stderr(&refused));
    let refused = lotse_as(&logins.url("erika"), &["cancel", ROUNDTABLE, "--email", "max@example.de"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("nur Ihre eigenen Anmeldungen"), "{}", stderr(&refused));
    let refused = lotse_as(&logins.url("erika"), &["--lang", "en", "cancel", ROUNDTABLE, "--email", "max@example.de"]);
    assert!(stderr(&refused).contains("you may only cancel your own registrations"), "{}", stderr(&refused));

    succeeded(&lotse_as(&logins.url("olaf"), &[&["register", ROUNDTABLE][..], &someone[..]].concat()));
    succeeded(&lotse_as(&logins.url("olaf"), &["cancel", ROUNDTABLE, "--email", "max@example.de"]));
    let refused = lotse_as(&logins.url("olaf"), &[&["register", OTHER_EVENT][..], &someone[..]].concat());
    assert!(stderr(&refused).contains("Sie können nur sich selbst anmelden"), "{}", stderr(&refused));
    succeeded(&lotse_as(&logins.url("erika"), &["cancel", ROUNDTABLE]));

    let mut admin = client(&db.url);
    let statuses: Vec<(String, String)> = admin
        .query("SELECT email, status FROM registrations WHERE offering_key = $1 ORDER BY id", &[&ROUNDTABLE])
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let expected =
        [("erika@example.de", "cancelled"), ("max@example.de", "cancelled"), ("fremd@example.de", "registered")];
    assert_eq!(statuses, expected.map(|(email, status)| (email.to_owned(), status.to_owned())));
}

#[test]
fn teilnehmer_lists_for_organisers_and_admins_and_refuses_members() {
    let Some(db) = Database::create("teilnehmer_lists_for_organisers_and_admins_and_refuses_members") else { return };
    let logins = team_store(&db);
    succeeded(&lotse_as(&logins.url("erika"), &["cancel", ROUNDTABLE]));

    let listed = succeeded(&lotse_as(&logins.url("olaf"), &["teilnehmer", ROUNDTABLE]));
    assert!(listed.contains("Storniert") && listed.contains("Erika Muster <erika@example.de>"), "{listed}");
    assert!(listed.contains("Angemeldet") && listed.contains("Max Geheim <max@example.de>"), "{listed}");
    assert!(listed.contains("1 angemeldet, 0 auf der Warteliste, 1 storniert; 1 interessiert"), "{listed}");
    let as_admin = succeeded(&lotse_as(&logins.url("ada"), &["teilnehmer", ROUNDTABLE]));
    assert_eq!(as_admin, listed);

    let csv = lotse_as(&logins.url("olaf"), &["teilnehmer", ROUNDTABLE, "--format", "csv"]).stdout;
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("\u{feff}Name;E-Mail;Organisation;Telefon;Anmerkung;Status;Anmeldedatum\r\n"), "{csv}");
    assert!(
        csv.contains(
            "Max Geheim;max@example.de;Stadt Einbeck;0555 2222;rollstuhlgerecht bitte;Angemeldet;01.10.2020\r\n"
        ),
        "{csv}"
    );
    assert!(csv.ends_with("Interessiert;1;;;;;\r\n"), "{csv}");

    for (person, key) in [("erika", ROUNDTABLE), ("olaf", OTHER_EVENT)] {
        let refused = lotse_as(&logins.url(person), &["teilnehmer", key]);
        assert_eq!(refused.status.code(), Some(1));
        let message = stderr(&refused);
        assert!(message.contains("sehen nur das Organisationsteam dieses Angebots"), "{message}");
        assert!(message.contains(logins.login(person)) && !message.contains("Max"), "{message}");
    }
    let refused = lotse_as(&logins.url("max"), &["--lang", "en", "teilnehmer", ROUNDTABLE, "--format", "json"]);
    assert!(stderr(&refused).contains("Only the organisers of"), "{}", stderr(&refused));
    assert!(refused.stdout.is_empty());
}

#[test]
fn organisers_own_what_they_import_and_members_may_not_import() {
    let Some(db) = Database::create("organisers_own_what_they_import_and_members_may_not_import") else { return };
    let logins = team_store(&db);
    let fixture = common::binary::fixture("alle_felder.json");
    let fixture = fixture.to_str().unwrap();

    let refused = lotse_as(&logins.url("erika"), &["import", fixture]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("lotse_organiser"), "{}", stderr(&refused));

    succeeded(&lotse_as(&logins.url("olaf"), &["import", fixture]));
    let owner: String =
        client(&db.url).query_one("SELECT owner FROM offerings WHERE key = 'fixture-roundtable'", &[]).unwrap().get(0);
    assert_eq!(owner, logins.login("olaf"));
    succeeded(&lotse_as(&logins.url("erika"), &["register", "fixture-roundtable"]));
    let listed = succeeded(&lotse_as(&logins.url("olaf"), &["teilnehmer", "fixture-roundtable"]));
    assert!(listed.contains("Erika Muster <erika@example.de>"), "{listed}");
    let found =
        succeeded(&lotse_as(&logins.url("erika"), &["search", "leerstand", "--format", "json", "--limit", "50"]));
    assert!(found.contains("fixture-roundtable"), "a member finds what an organiser imported: {found}");
}

#[test]
fn sources_are_the_organisers_and_everyone_counts_all_places() {
    let Some(db) = Database::create("sources_are_the_organisers_and_everyone_counts_all_places") else { return };
    let logins = team_store(&db);
    let open = |person: &str| lotse::store::Store::open(Path::new(&logins.url(person))).unwrap();
    let (mut erika, mut olaf) = (open("erika"), open("olaf"));
    assert_eq!(
        (erika.may_import().unwrap(), olaf.may_import().unwrap(), open("ada").may_import().unwrap()),
        (false, true, true),
        "only organisers and admins import and sync, so a member's dashboard does not sync at start"
    );
    // Erika reads only her own registration, yet the list's places count Max's too.
    assert_eq!(erika.seat_counts().unwrap().get(ROUNDTABLE), Some(&(2, 0)));

    let source = lotse::sources::model::NewSource {
        name: "Netzwerk".into(),
        url: "http://127.0.0.1:1/termine.ics".into(),
        format: lotse::sources::model::SourceFormat::Calendar,
        kind: None,
        region: None,
    };
    let now = chrono::NaiveDate::from_ymd_opt(2020, 10, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    assert!(matches!(erika.add_source(&source, now), Err(lotse::store::StoreError::Denied(_))));
    olaf.add_source(&source, now).unwrap();
    let listed: Vec<String> = erika.sources().unwrap().into_iter().map(|source| source.name).collect();
    assert_eq!(listed, ["Netzwerk"], "members see the team's sources");
}

/// The "neu" and "geändert" marks are each person's, like unread items:
/// what Erika has looked at stays new for Max, and a later change to it is
/// news to Erika again. Nobody reads a colleague's marks.
#[test]
fn each_login_has_its_own_new_and_changed_marks() {
    use lotse::sources::model::{ItemStatus, NewSource, SourceFormat};
    use lotse::store::{Seen, SourceBatch, Store};

    let Some(db) = Database::create("each_login_has_its_own_new_and_changed_marks") else { return };
    let logins = team_store(&db);
    let open = |person: &str| Store::open(Path::new(&logins.url(person))).unwrap();
    let (mut erika, max, mut olaf) = (open("erika"), open("max"), open("olaf"));
    let now = chrono::NaiveDate::from_ymd_opt(2020, 10, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let source = NewSource {
        name: "Netzwerk".into(),
        url: "http://127.0.0.1:1/termine.ics".into(),
        format: SourceFormat::Calendar,
        kind: None,
        region: None,
    };
    let source = olaf.add_source(&source, now).unwrap();
    let mut records = lotse::store::sample_records();
    records.truncate(2);
    for (at, record) in records.iter_mut().enumerate() {
        record.offering.key = format!("netzwerk:{at}");
    }
    let mut sync = |items: Vec<(lotse::domain::Record, ItemStatus)>| {
        let batch = SourceBatch { items: &items, document_url: "http://127.0.0.1:1/termine.ics", keep_before: now };
        olaf.apply_source_sync(source, &batch, &common::fetched(now)).unwrap()
    };
    let active = |records: &[lotse::domain::Record]| -> Vec<_> {
        records.iter().cloned().map(|record| (record, ItemStatus::Active)).collect()
    };
    assert_eq!(sync(active(&records)).new, 2);
    let marks = |store: &Store| -> Vec<Seen> {
        let provenance = store.provenance().unwrap();
        (0..2).map(|at| provenance[&format!("netzwerk:{at}")].seen).collect()
    };
    erika.mark_seen("netzwerk:0").unwrap();
    assert_eq!(marks(&erika), [Seen::Seen, Seen::New]);
    assert_eq!(marks(&max), [Seen::New, Seen::New], "Erika's look clears nothing for Max");

    assert_eq!(sync(active(&records)).unchanged, 2, "the same again");
    assert_eq!(marks(&erika), [Seen::Seen, Seen::New], "an unchanged item stays seen");
    records[0].offering.title.push_str(" (verlegt)");
    assert_eq!(sync(active(&records)).changed, 1);
    assert_eq!(marks(&erika), [Seen::Changed, Seen::New], "news to Erika again");
    assert_eq!(marks(&max), [Seen::New, Seen::New]);
    erika.mark_seen("netzwerk:0").unwrap();
    assert_eq!(marks(&erika), [Seen::Seen, Seen::New]);

    let readable: i64 = client(&logins.url("max")).query_one("SELECT count(*) FROM seen_marks", &[]).unwrap().get(0);
    assert_eq!(readable, 0, "Max reads none of Erika's marks");
    let refused = client(&logins.url("max"))
        .execute("UPDATE source_items SET seen = 'seen'", &[])
        .expect_err("members no longer clear the team's marks");
    assert_eq!(refused.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{refused}");
}

/// The roundtable gets one seat: Erika has it, Max waits first in line.
fn one_seat_for_erika_max_waiting(owner: &mut postgres::Client) {
    owner
        .batch_execute(&format!(
            "UPDATE offerings SET details = jsonb_set(details::jsonb, '{{roundtable,capacity}}', '1')::text
               WHERE key = '{ROUNDTABLE}';
             UPDATE registrations SET status = 'waitlisted' WHERE email = 'max@example.de';"
        ))
        .unwrap();
}

/// A member may not move a colleague's registration between waitlist and
/// seat with plain SQL; cancelling their own seat still promotes the first
/// colleague waiting, through the same function.
#[test]
fn a_member_moves_no_colleague_between_waitlist_and_seat_but_cancelling_still_promotes() {
    let Some(db) = Database::create("a_member_moves_no_colleague_between_waitlist_and_seat") else { return };
    let logins = team_store(&db);
    let mut owner = client(&db.url);
    one_seat_for_erika_max_waiting(&mut owner);
    let id_of = |owner: &mut postgres::Client, email: &str| -> i64 {
        owner.query_one("SELECT id FROM registrations WHERE email = $1", &[&email]).unwrap().get(0)
    };
    let status_of = |owner: &mut postgres::Client, email: &str| -> String {
        owner.query_one("SELECT status FROM registrations WHERE email = $1", &[&email]).unwrap().get(0)
    };
    let max_id = id_of(&mut owner, "max@example.de");
    let erika_id = id_of(&mut owner, "erika@example.de");

    let mut erika = client(&logins.url("erika"));
    let refused = erika.execute("SELECT lotse_set_status($1, 'registered', 'x')", &[&max_id]).unwrap_err();
    assert_eq!(refused.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{refused}");
    let mut max = client(&logins.url("max"));
    let refused = max.execute("SELECT lotse_set_status($1, 'waitlisted', 'x')", &[&erika_id]).unwrap_err();
    assert_eq!(refused.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{refused}");
    assert_eq!((status_of(&mut owner, "erika@example.de"), status_of(&mut owner, "max@example.de")), {
        ("registered".to_owned(), "waitlisted".to_owned())
    });

    succeeded(&lotse_as(&logins.url("erika"), &["cancel", ROUNDTABLE]));
    assert_eq!(status_of(&mut owner, "erika@example.de"), "cancelled");
    assert_eq!(status_of(&mut owner, "max@example.de"), "registered", "the freed seat goes to Max");
    // A promotion once made stays Max's: Erika cannot send him back.
    let refused = erika.execute("SELECT lotse_set_status($1, 'waitlisted', 'x')", &[&max_id]).unwrap_err();
    assert_eq!(refused.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{refused}");
    assert_eq!(status_of(&mut owner, "max@example.de"), "registered");
}

/// Undoing one's cancellation would take the seat back from the colleague
/// it went to: on the server that is refused as no longer undoable, and
/// nothing changes.
#[test]
fn a_members_undo_does_not_take_back_a_colleagues_promotion() {
    use lotse::store::{Change, RegistrationError, Store};

    let Some(db) = Database::create("a_members_undo_does_not_take_back_a_colleagues_promotion") else { return };
    let logins = team_store(&db);
    let mut owner = client(&db.url);
    one_seat_for_erika_max_waiting(&mut owner);
    let now = lotse::clock::parse_now(NEWSLETTER_DAY).unwrap();
    let mut erika = Store::open(Path::new(&logins.url("erika"))).unwrap();
    let (_, change) = erika.cancel(ROUNDTABLE, "erika@example.de", now).unwrap();
    assert!(matches!(change, Change::Cancelled { promoted: Some(_), .. }), "{change:?}");
    let refused = erika.undo(&change, now).unwrap_err();
    assert!(matches!(refused, RegistrationError::Overtaken), "{refused:?}");
    let statuses: Vec<(String, String)> = owner
        .query("SELECT email, status FROM registrations ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let expected = [("erika@example.de", "cancelled"), ("max@example.de", "registered")];
    assert_eq!(statuses, expected.map(|(email, status)| (email.to_owned(), status.to_owned())));
}

/// `lotse db migrate` is lotse_admin's as well as the first owner's: the
/// schema belongs to the group lotse_owner, which the migration takes on.
/// A member is refused and told whom to ask; an admin's everyday session
/// stays under row-level security all the same.
#[test]
fn an_admin_migrates_an_outdated_schema_and_a_member_is_refused() {
    let Some(db) = Database::create("an_admin_migrates_an_outdated_schema") else { return };
    let logins = team_store(&db);
    let mut owner = client(&db.url);
    let version = |owner: &mut postgres::Client| -> i32 {
        owner.query_one("SELECT version FROM lotse_schema", &[]).unwrap().get(0)
    };
    let latest = version(&mut owner);
    // Outdated by one migration, as after installing a new lotse; every
    // migration since the owner group came can run again.
    owner.execute("UPDATE lotse_schema SET version = $1", &[&(latest - 1)]).unwrap();

    let refused = lotse_as(&logins.url("erika"), &["db", "migrate"]);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(message.contains(logins.login("erika")) && message.contains("lotse_admin"), "{message}");
    assert_eq!(version(&mut owner), latest - 1, "nothing changed");

    succeeded(&lotse_as(&logins.url("ada"), &["db", "migrate"]));
    assert_eq!(version(&mut owner), latest);
    let not_the_groups: i64 = owner
        .query_one(
            "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace
               AND relkind = 'r' AND relowner <> 'lotse_owner'::regrole",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(not_the_groups, 0, "every table belongs to lotse_owner");

    client(&logins.url("erika")).batch_execute("INSERT INTO home_places (place) VALUES ('Einbeck')").unwrap();
    let places: i64 = client(&logins.url("ada")).query_one("SELECT count(*) FROM home_places", &[]).unwrap().get(0);
    assert_eq!(places, 0, "Ada does not own the tables in her everyday session");
}

/// The login that made the schema, without being a superuser (`createdb
/// --owner`, with CREATEROLE for the group roles), becomes an admin when
/// the schema goes to lotse_owner: it migrates and uses lotse as before.
#[test]
fn the_first_owner_without_superuser_rights_still_migrates() {
    let Some(db) = Database::create("the_first_owner_without_superuser_rights_still_migrates") else { return };
    let login = format!("erste_{}", std::process::id());
    let mut superuser = client(&db.url);
    let dbname: String = superuser.query_one("SELECT current_database()", &[]).unwrap().get(0);
    superuser
        .batch_execute(&format!("CREATE ROLE {login} LOGIN CREATEROLE; ALTER DATABASE {dbname} OWNER TO {login}"))
        .unwrap();
    let url = db.url.replacen("postgres@", &format!("{login}@"), 1);
    succeeded(&lotse_as(&url, &["db", "migrate"]));
    let latest: i32 = superuser.query_one("SELECT version FROM lotse_schema", &[]).unwrap().get(0);
    superuser.execute("UPDATE lotse_schema SET version = $1", &[&(latest - 1)]).unwrap();
    succeeded(&lotse_as(&url, &["db", "migrate"]));
    let version: i32 = superuser.query_one("SELECT version FROM lotse_schema", &[]).unwrap().get(0);
    assert_eq!(version, latest);
    succeeded(&lotse_as(
        &url,
        &["register", ROUNDTABLE, "--name", "Erste", "--email", "e@example.de", "--org", "Stadt"],
    ));
    // Logins are the cluster's: this one goes with its database.
    let maintenance = common::pg::with_dbname(&db.url, "postgres");
    drop(superuser);
    drop(db);
    client(&maintenance).batch_execute(&format!("DROP ROLE IF EXISTS {login}")).unwrap();
}
