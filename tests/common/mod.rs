#![allow(dead_code)]

pub mod backends;
pub mod binary;
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

/// A path for a new database in a directory that lives as long as the guard.
pub fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotse.db");
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
