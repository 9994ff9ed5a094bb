#![allow(dead_code)]

use lotse::app::{Action, App, Command, Keymap, Theme};
use lotse::clock::parse_now;
use lotse::i18n::Lang;
use lotse::runner::dispatch;
use lotse::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// A dashboard over the sample data, sized and dated as given.
pub fn sample_app(store: &Store, width: u16, height: u16, now: &str, lang: Lang) -> App {
    let mut app = App::new(
        lang,
        Theme::Plain,
        Keymap::defaults(),
        parse_now(now).unwrap(),
        store.regions().unwrap(),
        store.offerings().unwrap(),
        Rect::new(0, 0, width, height),
    );
    dispatch(&mut app, store, Action::Resize { width, height });
    app
}

pub fn press(app: &mut App, store: &Store, commands: &[Command]) {
    for command in commands {
        dispatch(app, store, Action::User(*command));
    }
}

pub fn render(app: &App) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(app.viewport.width, app.viewport.height)).unwrap();
    terminal.draw(|frame| lotse::ui::draw(frame, app)).unwrap();
    terminal.backend().clone()
}
