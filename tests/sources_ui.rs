//! The dashboard with offerings from a source: marks in the list, the
//! detail and the status bar, the sources view, and what opening does.

mod common;

use chrono::{NaiveDateTime, TimeDelta};
use common::{press, render, sample_app};
use insta::assert_snapshot;
use lotse::app::{Action, Command, Effect};
use lotse::domain::Kind;
use lotse::i18n::Lang;
use lotse::runner::{Backend, dispatch};
use lotse::sources::model::{NewSource, SourceFormat};
use lotse::sources::sync::{Read, apply};
use lotse::sources::{Context, Reading, fetch::Document, fetch::Validators, read};
use lotse::store::Store;

const NOW: &str = "2025-03-01T09:00";

/// Reads `bytes` as the source `new` says (adding it the first time) and
/// syncs what it brings into the store, as fetched at `fetched`.
fn sync(store: &mut Store, new: &NewSource, bytes: Vec<u8>, content_type: &str, fetched: NaiveDateTime) {
    if store.source_named(&new.name).unwrap().is_none() {
        store.add_source(new, fetched).unwrap();
    }
    let source = store.source_named(&new.name).unwrap().unwrap();
    let regions = store.regions().unwrap();
    let context = Context {
        name: &new.name,
        url: &new.url,
        kind: new.kind,
        region: None,
        now: fetched,
        places: &*store,
        regions: &regions,
    };
    let Ok(Reading::Parsed(parsed)) = read(&bytes, Some(content_type), &context) else { panic!("the document reads") };
    let document = Document { bytes, content_type: None, url: new.url.clone(), validators: Validators::default() };
    let outcome = apply(store, &source, Read { parsed, document }, fetched, Some(TimeDelta::hours(6)));
    assert!(!outcome.failed(), "{outcome:?}");
}

/// A store with the sample data and the event page's three offerings, fetched two hours before `NOW`.
fn store_with_page() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let bytes = std::fs::read(common::binary::fixture("sources/veranstaltungen.html")).unwrap();
    let new = NewSource {
        name: "Netzwerk".into(),
        url: "http://127.0.0.1:1/termine".into(),
        format: SourceFormat::Page,
        kind: None,
        region: None,
    };
    sync(&mut store, &new, bytes, "text/html", now() - TimeDelta::hours(2));
    store
}

fn now() -> NaiveDateTime {
    lotse::clock::parse_now(NOW).unwrap()
}

#[test]
fn new_cancelled_and_fresh_show_in_list_detail_and_status_bar() {
    let mut backend = Backend::new(store_with_page());
    let mut app = sample_app(&mut backend, 160, 30, NOW, Lang::De);
    dispatch(&mut app, &mut backend, Action::StartSources { interval: None });
    let screen = render(&app);
    assert_snapshot!(screen);
    let text = format!("{screen:?}");
    assert!(text.contains("Quellen: vor 2 Std. abgerufen"), "{text}");

    // Opening an offering is looking at it: its "neu" goes.
    press(&mut app, &mut backend, &[Command::Open]);
    let detail = format!("{:?}", render(&app));
    assert!(detail.contains("Abgerufen") && detail.contains("Netzwerk, 01.03.2025 07:00"), "{detail}");
    press(&mut app, &mut backend, &[Command::Back]);
    let unread: Vec<bool> =
        app.tab().rows.iter().map(|&index| lotse::app::sources::is_unread(&app, &app.offerings[index].key)).collect();
    assert_eq!(unread.iter().filter(|unread| **unread).count(), 2, "{unread:?}");

    // The filter for new ones shows the two not yet looked at.
    press(&mut app, &mut backend, &[Command::OnlyNew]);
    assert_eq!(app.tab().rows.len(), 2);
    press(&mut app, &mut backend, &[Command::MarkRead]);
    assert_eq!(app.tab().rows.len(), 1);
}

#[test]
fn the_sources_view_says_each_sources_state() {
    let mut backend = Backend::new(store_with_page());
    let mut app = sample_app(&mut backend, 100, 24, NOW, Lang::En);
    dispatch(&mut app, &mut backend, Action::StartSources { interval: None });
    press(&mut app, &mut backend, &[Command::ShowSources]);
    assert_snapshot!(render(&app));
}

#[test]
fn a_due_source_is_synced_at_start_and_s_syncs_in_the_background() {
    let mut backend = Backend::new(store_with_page());
    let mut app = sample_app(&mut backend, 100, 24, NOW, Lang::De);
    // Fetched two hours ago: due under a one-hour interval, not under six.
    let effects = lotse::app::update(&mut app, Action::StartSources { interval: Some(TimeDelta::hours(6)) });
    assert_eq!(effects, [Effect::LoadSources]);
    let loaded = backend.perform(Effect::LoadSources);
    assert!(lotse::app::update(&mut app, loaded).is_empty(), "nothing is due");

    let mut app = sample_app(&mut backend, 100, 24, NOW, Lang::De);
    lotse::app::update(&mut app, Action::StartSources { interval: Some(TimeDelta::hours(1)) });
    let loaded = backend.perform(Effect::LoadSources);
    assert_eq!(lotse::app::update(&mut app, loaded), [Effect::SyncSources { now: now() }]);
    assert_eq!(app.sources.syncing.as_deref(), Some(""));

    lotse::app::update(&mut app, Action::SyncProgress { name: "Netzwerk".into() });
    assert!(format!("{:?}", render(&app)).contains("Quellen werden abgerufen: Netzwerk …"));
    let again = lotse::app::update(&mut app, Action::User(Command::SyncSources));
    assert!(again.is_empty(), "one sync at a time");
    let report = lotse::app::sources::SyncReport {
        lines: vec!["Netzwerk: 0 neu, 0 geändert, 3 unverändert".into()],
        failed: 0,
    };
    let effects = lotse::app::update(&mut app, Action::SyncFinished(Ok(report.clone())));
    assert_eq!(effects, [Effect::LoadSources, Effect::ReloadCatalogue]);
    // What a sync changed stays until the next change or Esc.
    assert_eq!(
        app.lasting.as_ref().map(|message| message.text.as_str()),
        Some("Quellen abgerufen: Netzwerk: 0 neu, 0 geändert, 3 unverändert")
    );
    // A watched store names what the sync wrote: nothing is read twice.
    app.watched = true;
    assert_eq!(lotse::app::update(&mut app, Action::SyncFinished(Ok(report))), [Effect::LoadSources]);
}

#[test]
fn registrations_for_cancelled_offerings_are_told_at_start_and_marked_in_mine() {
    let mut store = store_with_page();
    let applicant = lotse::domain::Applicant {
        name: "Erika Muster".into(),
        email: "erika@example.org".into(),
        organisation: "Stadt Gießen".into(),
        phone: None,
        note: String::new(),
    };
    // Made with the profile's address, so it is the user's own ("Meine").
    let profile = lotse::domain::Profile {
        name: applicant.name.clone(),
        email: applicant.email.clone(),
        organisation: applicant.organisation.clone(),
        phone: None,
    };
    store.save_profile(&profile).unwrap();
    let party = "quelle-1:https://netzwerk.example.org/termine/sommerfest#event";
    store.register(party, &applicant, lotse::store::WhenFull::JoinWaitlist, now()).unwrap();
    let mut backend = Backend::new(store);
    let mut app = sample_app(&mut backend, 120, 20, NOW, Lang::De);
    dispatch(&mut app, &mut backend, Action::StartSources { interval: None });
    assert_eq!(
        app.message.as_ref().map(|message| message.text.as_str()),
        Some("Angebote mit Ihrer Anmeldung sind abgesagt oder entfallen: 1 (siehe „Meine“)")
    );
    press(&mut app, &mut backend, &[Command::Tab5]);
    let mine = format!("{:?}", render(&app));
    assert!(mine.contains("abgesagt · Angemeld"), "{mine}");
}

/// Best practices have no status of their own; what a source says about
/// one ("entfällt", "neu") gets a status column, as in the other tabs.
#[test]
fn a_practice_the_source_dropped_says_so_in_the_list() {
    let mut store = Store::open_in_memory().unwrap();
    let new = NewSource {
        name: "Förderticker".into(),
        url: "http://127.0.0.1:1/ticker.xml".into(),
        format: SourceFormat::Feed,
        kind: Some(Kind::Practice),
        region: None,
    };
    let feed = std::fs::read_to_string(common::binary::fixture("sources/atom.xml")).unwrap();
    sync(&mut store, &new, feed.clone().into_bytes(), "application/atom+xml", now() - TimeDelta::days(2));
    // The next fetch no longer has the second entry.
    let second = feed.find("  <entry>\n    <title>Leerstandsmanagement").unwrap();
    let without = format!("{}</feed>\n", &feed[..second]);
    sync(&mut store, &new, without.into_bytes(), "application/atom+xml", now() - TimeDelta::hours(2));
    let mut backend = Backend::new(store);
    let mut app = sample_app(&mut backend, 160, 20, NOW, Lang::De);
    dispatch(&mut app, &mut backend, Action::StartSources { interval: None });
    press(&mut app, &mut backend, &[Command::Tab3]);
    let screen = render(&app);
    assert_snapshot!(screen);
    let text = format!("{screen:?}");
    let row = |title: &str| text.lines().find(|line| line.contains(title)).unwrap_or_default().to_owned();
    assert!(row("Leerstandsmanagement: zweite").contains("entfällt"), "{text}");
    assert!(row("Neues Programm für lebendige").contains("neu"), "{text}");

    // Without a practice from a source, the column stays away.
    let mut plain_backend = Backend::new(Store::open_in_memory().unwrap());
    let mut plain = sample_app(&mut plain_backend, 160, 20, NOW, Lang::De);
    press(&mut plain, &mut plain_backend, &[Command::Tab3]);
    assert!(!format!("{:?}", render(&plain)).contains("Status"), "no status column without a mark");
}
