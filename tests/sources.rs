//! Sources end to end: the real binary fetches from a server of the test's
//! own on 127.0.0.1; each case checks what the user sees and what is stored.

mod common;

use std::path::PathBuf;
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use common::binary::{self, fixture, stderr, stdout};
use common::http::{FixtureServer, Route, silent_server, tunnel_proxy};
use lotse::sources::model::ItemStatus;
use lotse::store::Store;

const NOW: &str = "2025-03-01T09:00";

struct Setup {
    _dir: tempfile::TempDir,
    db: PathBuf,
    config: PathBuf,
    server: FixtureServer,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lotse.db");
        let config = dir.path().join("config.toml");
        // Short limits keep the timeout and oversize cases quick.
        std::fs::write(&config, "[fetch]\nconnect_timeout_seconds = 1\ntimeout_seconds = 2\nmax_megabytes = 1\n")
            .unwrap();
        Setup { _dir: dir, db, config, server: FixtureServer::start() }
    }

    fn lotse(&self, args: &[&str]) -> Output {
        binary::command(&self.db, args).env("LOTSE_CONFIG", &self.config).env("LOTSE_NOW", NOW).output().unwrap()
    }

    fn store(&self) -> Store {
        Store::open(&self.db).unwrap()
    }

    /// Every offering from a source with its status, by title and start.
    fn statuses(&self) -> Vec<(String, ItemStatus)> {
        let store = self.store();
        let provenance = store.provenance().unwrap();
        let mut statuses: Vec<(String, ItemStatus)> = store
            .records(None)
            .unwrap()
            .into_iter()
            .filter_map(|record| {
                let status = provenance.get(&record.offering.key)?.status;
                let starts = record.offering.starts().map(|moment| moment.to_string()).unwrap_or_default();
                Some((format!("{} {starts}", record.offering.title), status))
            })
            .collect();
        statuses.sort_by(|one, other| one.0.cmp(&other.0));
        statuses
    }
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(&format!("sources/{name}"))).unwrap()
}

fn ok(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(output), stderr(output));
    stdout(output)
}

fn calendar_with_etag(etag: &str) -> Route {
    Route::Document {
        content_type: "text/calendar; charset=utf-8".into(),
        bytes: bytes("outlook.ics"),
        etag: Some(etag.into()),
    }
}

#[test]
fn a_calendar_is_added_and_a_second_sync_is_answered_with_304() {
    let setup = Setup::new();
    setup.server.serve("/kalender.ics", calendar_with_etag("\"v1\""));
    let url = setup.server.url("/kalender.ics");
    let added = ok(&setup.lotse(&["quellen", "add", &url, "--name", "Netzwerk Innenstadt"]));
    assert!(added.contains("Quelle „Netzwerk Innenstadt“ angelegt (iCalendar"), "{added}");
    assert!(added.contains("Netzwerk Innenstadt: 5 neu, 0 geändert, 0 unverändert, 1 abgesagt"), "{added}");

    let again = ok(&setup.lotse(&["sync"]));
    assert_eq!(again.trim(), "Netzwerk Innenstadt: unverändert (5 Angebote)");
    let seen = setup.server.seen();
    assert_eq!(seen.last().unwrap().if_none_match.as_deref(), Some("\"v1\""));
    assert_eq!(seen[0].user_agent.as_deref(), Some(concat!("lotse/", env!("CARGO_PKG_VERSION"))));

    let statuses = setup.statuses();
    assert_eq!(statuses.len(), 5);
    assert!(statuses.contains(&("Händlerfrühstück 2025-03-27T08:00".to_owned(), ItemStatus::Cancelled)));
    let store = setup.store();
    let keys: Vec<String> = store.records(None).unwrap().into_iter().map(|record| record.offering.key).collect();
    assert!(keys.iter().any(|key| key.starts_with("quelle-1:040000008200E00074C5B7101A82E00800000000E5F60718/")));

    let listed = ok(&setup.lotse(&["--lang", "en", "quellen"]));
    assert!(
        listed.contains("Netzwerk Innenstadt\n") && listed.contains("5 offerings, next fetch: 01.03.2025 15:00"),
        "{listed}"
    );
}

#[test]
fn a_feed_found_through_a_pages_autodiscovery_is_read_in_its_charset() {
    let setup = Setup::new();
    setup.server.serve("/wfm", Route::document("text/html; charset=utf-8", &bytes("autodiscovery.html")));
    setup
        .server
        .serve("/termine.rss", Route::document("application/rss+xml; charset=ISO-8859-1", &bytes("rss-latin1.xml")));
    let url = setup.server.url("/wfm");

    let without_kind = setup.lotse(&["quellen", "add", &url]);
    assert_eq!(without_kind.status.code(), Some(1));
    assert!(stderr(&without_kind).contains("Geben Sie mit --art an"), "{}", stderr(&without_kind));
    assert!(setup.store().sources().unwrap().is_empty(), "nothing is stored");

    let added = ok(&setup.lotse(&["quellen", "add", &url, "--art", "event", "--region", "Gießen"]));
    assert!(added.contains("2 neu"), "{added}");
    let store = setup.store();
    let source = &store.sources().unwrap()[0];
    assert_eq!(source.name, format!("127.0.0.1:{}", setup.server.port));
    assert_eq!(source.document_url.as_deref(), Some(setup.server.url("/termine.rss").as_str()));
    let records: Vec<_> =
        store.records(None).unwrap().into_iter().filter(|record| record.offering.key.starts_with("quelle-")).collect();
    let titles: Vec<&str> = records.iter().map(|record| record.offering.title.as_str()).collect();
    assert!(titles.contains(&"Gründerstammtisch im März"), "{titles:?}");
    assert!(records.iter().all(|record| record.offering.region.code() == "06531"), "the source's region");

    // The next sync goes straight to the feed.
    ok(&setup.lotse(&["sync"]));
    assert_eq!(setup.server.seen().last().unwrap().path, "/termine.rss");
}

#[test]
fn an_atom_feed_and_an_event_page_with_json_ld() {
    let setup = Setup::new();
    setup.server.serve("/atom", Route::document("application/atom+xml", &bytes("atom.xml")));
    setup.server.serve("/termine", Route::document("text/html", &bytes("veranstaltungen.html")));
    ok(&setup.lotse(&["quellen", "add", &setup.server.url("/atom"), "--name", "Förderticker", "--art", "project"]));
    let page = ok(&setup.lotse(&["quellen", "add", &setup.server.url("/termine"), "--name", "Netzwerk"]));
    assert!(page.contains("Netzwerk: 3 neu, 0 geändert, 0 unverändert, 1 abgesagt"), "{page}");
    let statuses = setup.statuses();
    assert_eq!(
        statuses,
        [
            ("Fachforum Citylogistik 2025-04-08T10:00".to_owned(), ItemStatus::Active),
            ("Leerstandsmanagement: zweite Förderrunde ".to_owned(), ItemStatus::Active),
            ("Neues Programm für lebendige Ortskerne ".to_owned(), ItemStatus::Active),
            ("Sommerfest der Innenstadtakteure 2025-06-27".to_owned(), ItemStatus::Cancelled),
            ("Webinar: Social Media für Innenstadthändler 2025-04-15T14:00".to_owned(), ItemStatus::Active),
        ]
    );
    let webinar = setup
        .store()
        .records(None)
        .unwrap()
        .into_iter()
        .find(|record| record.offering.title.starts_with("Webinar"))
        .unwrap();
    assert_eq!(webinar.offering.region.code(), "online");
}

#[test]
fn gone_and_cancelled_follow_the_source_and_registrations_stay() {
    let setup = Setup::new();
    setup.server.serve("/k.ics", Route::document("text/calendar", &bytes("outlook.ics")));
    ok(&setup.lotse(&["quellen", "add", &setup.server.url("/k.ics"), "--name", "Kalender"]));
    let key = "quelle-1:040000008200E00074C5B7101A82E00800000000A1B2C3D4";
    ok(&setup.lotse(&[
        "register",
        key,
        "--name",
        "Erika Muster",
        "--email",
        "erika@example.org",
        "--org",
        "Stadt Gießen",
    ]));

    let calendar = String::from_utf8(bytes("outlook.ics")).unwrap();
    let start = calendar.find("BEGIN:VEVENT").unwrap();
    let end = calendar.find("END:VEVENT").unwrap() + "END:VEVENT\n".len();
    let without_first = format!("{}{}", &calendar[..start], &calendar[end..]);
    let uncancelled = without_first.replace("STATUS:CANCELLED", "STATUS:CONFIRMED");
    setup.server.serve("/k.ics", Route::document("text/calendar", uncancelled.as_bytes()));
    let synced = ok(&setup.lotse(&["sync"]));
    assert_eq!(synced.trim(), "Kalender: 0 neu, 1 geändert, 3 unverändert, 1 entfällt");
    let statuses = setup.statuses();
    assert!(statuses.contains(&("Werkstattgespräch Leerstand 2025-03-18T14:00".to_owned(), ItemStatus::Gone)));
    assert!(statuses.contains(&("Händlerfrühstück 2025-03-27T08:00".to_owned(), ItemStatus::Active)), "undone");
    let registrations = ok(&setup.lotse(&["registrations", "--all"]));
    assert!(registrations.contains("Werkstattgespräch Leerstand"), "{registrations}");

    let exported: serde_json::Value = serde_json::from_str(&ok(&setup.lotse(&["export", "offerings"]))).unwrap();
    let gone = exported.as_array().unwrap().iter().find(|record| record["key"] == key).unwrap();
    assert_eq!(gone["status"], "gone");
    assert_eq!(gone["source_url"], setup.server.url("/k.ics"));
    assert_eq!(gone["fetched_at"], "2025-03-01T09:00:00");
    let sample =
        exported.as_array().unwrap().iter().find(|record| !record["key"].as_str().unwrap().starts_with("quelle-"));
    assert!(sample.unwrap().get("status").is_none(), "offerings from files carry no source fields");
    let file = setup.db.with_file_name("export.json");
    std::fs::write(&file, exported.to_string()).unwrap();
    ok(&setup.lotse(&["import", file.to_str().unwrap(), "--dry-run"]));

    setup.server.serve("/k.ics", Route::document("text/calendar", &bytes("outlook.ics")));
    let back = ok(&setup.lotse(&["sync"]));
    assert_eq!(back.trim(), "Kalender: 0 neu, 2 geändert, 3 unverändert, 1 abgesagt");
    assert!(
        setup.statuses().contains(&("Werkstattgespräch Leerstand 2025-03-18T14:00".to_owned(), ItemStatus::Active))
    );

    let removed = ok(&setup.lotse(&["quellen", "remove", "Kalender", "--mit-angeboten"]));
    assert_eq!(removed.trim(), "Quelle „Kalender“ mit 4 Angeboten entfernt; 1 mit Anmeldungen bleiben.");
    let left: Vec<String> =
        setup.store().records(None).unwrap().into_iter().map(|record| record.offering.key).collect();
    assert!(left.contains(&key.to_owned()));
    assert!(!left.iter().any(|key| key.starts_with("quelle-1:") && !key.ends_with("A1B2C3D4")));
}

#[test]
fn one_broken_item_is_skipped_and_the_rest_applied() {
    let setup = Setup::new();
    setup.server.serve("/feed", Route::document("application/rss+xml", &bytes("ein-kaputter-eintrag.xml")));
    let added = ok(&setup.lotse(&["quellen", "add", &setup.server.url("/feed"), "--name", "WFM", "--art", "event"]));
    assert!(added.contains("WFM: 1 neu, 0 geändert, 0 unverändert, 1 übersprungen"), "{added}");
    assert!(added.contains("  übersprungen: WFM: Datensatz 2: Feld \"title\": fehlt oder ist leer"), "{added}");
    assert_eq!(setup.statuses().len(), 1);
}

/// Every bad case: the sync says what went wrong, exits with 3, and the
/// offerings stay as they were.
#[test]
fn bad_servers_and_documents_leave_the_store_intact() {
    let setup = Setup::new();
    setup.server.serve("/k.ics", Route::document("text/calendar", &bytes("outlook.ics")));
    setup.server.serve("/gut.ics", Route::document("text/calendar", &bytes("outlook.ics").replace_all_uids()));
    ok(&setup.lotse(&["quellen", "add", &setup.server.url("/k.ics"), "--name", "Kalender"]));
    ok(&setup.lotse(&["quellen", "add", &setup.server.url("/gut.ics"), "--name", "Zweiter"]));
    let before = setup.statuses();
    let sent = Arc::new(AtomicU64::new(0));
    let silent = silent_server();
    let cases: Vec<(Route, &str)> = vec![
        (
            Route::Status { code: 500, headers: Vec::new() },
            "Kalender: der Server antwortet mit Fehler 500, nächster Versuch",
        ),
        (
            Route::Status { code: 429, headers: vec![("Retry-After".into(), "7200".into())] },
            "Kalender: der Server bittet zu warten (429), nächster Versuch 11:00",
        ),
        (Route::Redirect { to: "/k.ics".into() }, "Kalender: die Weiterleitungen drehen sich im Kreis"),
        (
            Route::Redirect { to: format!("http://127.0.0.1:{silent}/") },
            "Kalender: nicht erreichbar (Zeitüberschreitung nach 2 s)",
        ),
        (Route::Endless { sent: sent.clone() }, "Kalender: das Dokument ist größer als 1 MB; abgebrochen"),
        (Route::document("application/rss+xml", &bytes("entity-bombe.xml")), "Entity-Bomben"),
        (Route::document("text/calendar; charset=utf-8", &bytes("kaputtes-utf8.ics")), "kein gültiges UTF-8"),
    ];
    for (route, expected) in cases {
        setup.server.serve("/k.ics", route);
        let output = setup.lotse(&["sync", "Kalender", "Zweiter"]);
        let printed = stdout(&output);
        assert_eq!(output.status.code(), Some(3), "{printed}\n{}", stderr(&output));
        assert!(printed.contains(expected), "expected {expected:?} in:\n{printed}");
        assert!(printed.contains("Zweiter: 0 neu, 0 geändert, 5 unverändert"), "the other source goes on: {printed}");
        assert_eq!(setup.statuses(), before, "after {expected}");
    }
    let taken = sent.load(Ordering::SeqCst);
    assert!(taken < 16_000_000, "the oversize body was cut off while streaming, not read whole: {taken} bytes");
    let store = setup.store();
    let kalender = store.source_named("Kalender").unwrap().unwrap();
    assert_eq!(kalender.failures, 7);
    assert_eq!(kalender.offerings, 5);

    // Without names, a source that keeps failing waits for its next attempt.
    let waiting = stdout(&setup.lotse(&["sync"]));
    assert!(waiting.contains("Kalender: wartet nach 7 Fehlversuchen bis"), "{waiting}");
}

#[test]
fn an_address_that_does_not_work_is_not_stored() {
    let setup = Setup::new();
    setup.server.serve("/leer", Route::document("text/html", b"<html><body>Hallo</body></html>"));
    for (url, expected) in [
        (setup.server.url("/fehlt"), "der Server antwortet mit Fehler 404"),
        (setup.server.url("/leer"), "weder Veranstaltungen in JSON-LD"),
        ("ftp://example.org/kalender.ics".to_owned(), "keine http(s)- oder webcal-Adresse"),
    ] {
        let message = binary::failed(&setup.lotse(&["quellen", "add", &url]));
        assert!(message.contains(expected) && message.contains("Nichts wurde gespeichert"), "{message}");
    }
    assert!(setup.store().sources().unwrap().is_empty());
}

#[test]
fn a_gzipped_calendar_is_unpacked() {
    use std::io::Write;
    let setup = Setup::new();
    let mut packer = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    packer.write_all(&bytes("outlook.ics")).unwrap();
    let headers = vec![
        ("Content-Type".to_owned(), "text/calendar".to_owned()),
        ("Content-Encoding".to_owned(), "gzip".to_owned()),
    ];
    setup.server.serve("/k.ics.gz", Route::Raw { headers, bytes: packer.finish().unwrap() });
    let added = ok(&setup.lotse(&["quellen", "add", &setup.server.url("/k.ics.gz"), "--name", "Gepackt"]));
    assert!(added.contains("Gepackt: 5 neu"), "{added}");
}

#[test]
fn a_deflated_calendar_is_unpacked_and_a_deflate_bomb_refused() {
    use std::io::Write;
    let setup = Setup::new();
    let packed = |bytes: &[u8]| {
        let mut packer = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        packer.write_all(bytes).unwrap();
        packer.finish().unwrap()
    };
    let headers = vec![
        ("Content-Type".to_owned(), "text/calendar".to_owned()),
        ("Content-Encoding".to_owned(), "deflate".to_owned()),
    ];
    setup.server.serve("/k.ics", Route::Raw { headers: headers.clone(), bytes: packed(&bytes("outlook.ics")) });
    let added = ok(&setup.lotse(&["quellen", "add", &setup.server.url("/k.ics"), "--name", "Gepackt"]));
    assert!(added.contains("Gepackt: 5 neu"), "{added}");
    // Small on the wire, far over the limit unpacked.
    let bomb = packed(&vec![b' '; 64 * 1024 * 1024]);
    assert!(bomb.len() < 1024 * 1024);
    setup.server.serve("/bombe.ics", Route::Raw { headers, bytes: bomb });
    let output = setup.lotse(&["quellen", "add", &setup.server.url("/bombe.ics"), "--name", "Bombe"]);
    assert!(!output.status.success());
    let listed = ok(&setup.lotse(&["quellen"]));
    assert!(!listed.contains("Bombe"), "nothing stored:\n{listed}");
}

#[test]
fn redirects_are_followed_a_few_times_and_a_loop_is_named() {
    let setup = Setup::new();
    setup.server.serve("/ziel.ics", Route::document("text/calendar", &bytes("outlook.ics")));
    setup.server.serve("/alt.ics", Route::Redirect { to: "/ziel.ics".into() });
    let added = ok(&setup.lotse(&["quellen", "add", &setup.server.url("/alt.ics"), "--name", "Umgezogen"]));
    assert!(added.contains("Umgezogen: 5 neu"), "{added}");
    for hop in 0..7 {
        setup.server.serve(&format!("/kette{hop}"), Route::Redirect { to: format!("/kette{}", hop + 1) });
    }
    let output = setup.lotse(&["quellen", "add", &setup.server.url("/kette0"), "--name", "Kette"]);
    assert!(!output.status.success());
    let said = format!("{}{}", stdout(&output), stderr(&output));
    assert!(said.contains("mehr als 5 Weiterleitungen"), "{said}");
    setup.server.serve("/hin", Route::Redirect { to: "/her".into() });
    setup.server.serve("/her", Route::Redirect { to: "/hin".into() });
    let output = setup.lotse(&["quellen", "add", &setup.server.url("/hin"), "--name", "Kreis"]);
    let said = format!("{}{}", stdout(&output), stderr(&output));
    assert!(said.contains("drehen sich im Kreis"), "{said}");
}

/// A proxy of the test's own tunnels to its server: the calendar's own
/// host is never contacted.
#[test]
fn a_proxy_from_the_config_or_the_environment_is_used() {
    let setup = Setup::new();
    setup.server.serve("/kalender.ics", Route::document("text/calendar", &bytes("outlook.ics")));
    let (proxy_port, asked) = tunnel_proxy(setup.server.port);
    let proxy = format!("http://127.0.0.1:{proxy_port}");
    let limits = std::fs::read_to_string(&setup.config).unwrap();
    std::fs::write(&setup.config, format!("proxy = \"{proxy}\"\n{limits}")).unwrap();
    let address = "http://quelle.test/kalender.ics";
    let added = ok(&setup.lotse(&["quellen", "add", address, "--name", "Hinter dem Proxy"]));
    assert!(added.contains("Hinter dem Proxy: 5 neu"), "{added}");
    assert_eq!(*asked.lock().unwrap(), ["quelle.test:80"]);

    std::fs::write(&setup.config, limits).unwrap();
    let output = binary::command(&setup.db, &["sync"])
        .env("LOTSE_CONFIG", &setup.config)
        .env("LOTSE_NOW", NOW)
        .env("HTTP_PROXY", &proxy)
        .output()
        .unwrap();
    assert_eq!(ok(&output).trim(), "Hinter dem Proxy: 0 neu, 0 geändert, 5 unverändert");
    assert_eq!(asked.lock().unwrap().len(), 2, "the environment's proxy was asked too");
}

trait ReplaceUids {
    fn replace_all_uids(self) -> Vec<u8>;
}

impl ReplaceUids for Vec<u8> {
    /// The same calendar under other UIDs, as a second publisher's.
    fn replace_all_uids(self) -> Vec<u8> {
        String::from_utf8(self).unwrap().replace("UID:0400", "UID:zweiter-0400").into_bytes()
    }
}
