#![allow(dead_code)]

pub mod backends;
pub mod binary;
pub mod http;
pub mod pg;
pub mod restricted;
pub mod tmux;

use lotse::app::{Action, App, Command, Keymap, Theme};
use lotse::clock::parse_now;
use lotse::i18n::Lang;
use lotse::runner::{Backend, dispatch};
use lotse::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// A sync's fetch state that says only when it happened.
pub fn fetched(fetched_at: chrono::NaiveDateTime) -> lotse::store::FetchState {
    use lotse::sources::model::{SyncCounts, SyncResult};
    lotse::store::FetchState {
        fetched_at,
        result: SyncResult::Synced { counts: SyncCounts::default() },
        document_url: None,
        etag: None,
        last_modified: None,
        failures: 0,
        next_due: None,
    }
}

/// A path for a new database in a directory that lives as long as the guard.
pub fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotse.db");
    (dir, path)
}

/// The samples state the Herbst-Konferenz's deadline only as a rule (a week
/// before each of six dates); planning tests give it the first one.
pub fn add_conference_deadline(store: &mut Store) {
    let mut record = lotse::store::sample_records()
        .into_iter()
        .find(|record| record.offering.key == "kommunen-innovativ-herbstkonferenz-2020")
        .expect("the conference is a sample");
    if let lotse::domain::Details::Event(event) = &mut record.offering.details {
        event.registration_deadline = Some("2020-10-21".parse().expect("a valid date"));
    }
    store.put_records(&[record]).expect("the sample record stores");
}

/// The sample data plus the conference's deadline, for planning tests.
pub fn deadline_backend() -> Backend {
    let mut store = Store::open_in_memory().unwrap();
    add_conference_deadline(&mut store);
    Backend::new(store)
}

/// A database file with the samples and the conference's deadline.
pub fn deadline_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = temp_db();
    add_conference_deadline(&mut Store::open(&path).unwrap());
    (dir, path)
}

/// A backend over a fresh in-memory store with the sample data.
pub fn sample_backend() -> Backend {
    Backend::new(Store::open_in_memory().unwrap())
}

/// A dashboard over the backend's data, sized and dated as given.
pub fn sample_app(backend: &mut Backend, width: u16, height: u16, now: &str, lang: Lang) -> App {
    let mut app =
        App::new(lang, Theme::Plain, Keymap::defaults(), parse_now(now).unwrap(), Rect::new(0, 0, width, height));
    let catalogue = backend.load().unwrap();
    dispatch(&mut app, backend, Action::CatalogueLoaded(Box::new(catalogue)));
    dispatch(&mut app, backend, Action::Resize { width, height });
    app
}

pub fn press(app: &mut App, backend: &mut Backend, commands: &[Command]) {
    for command in commands {
        dispatch(app, backend, Action::User(*command));
    }
}

pub fn type_text(app: &mut App, backend: &mut Backend, text: &str) {
    for ch in text.chars() {
        dispatch(app, backend, Action::Type(ch));
    }
}

pub fn render(app: &App) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(app.viewport.width, app.viewport.height)).unwrap();
    terminal.draw(|frame| lotse::ui::draw(frame, app)).unwrap();
    terminal.backend().clone()
}
