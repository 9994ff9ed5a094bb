//! Key and mouse handling on the real state, without a terminal.

mod common;

use common::{press, sample_app};
use lotse::app::{Action, Command, MouseInput, Screen};
use lotse::i18n::Lang;
use lotse::runner::dispatch;
use lotse::store::Store;

const TODAY: &str = "2026-11-22";

#[test]
fn moving_stops_at_both_ends() {
    let store = Store::open_in_memory().unwrap();
    let mut app = sample_app(&store, 120, 35, TODAY, Lang::De);
    press(&mut app, &store, &[Command::Up]);
    assert_eq!(app.tab().selected, 0);
    press(&mut app, &store, &[Command::Down, Command::Down]);
    assert_eq!(app.tab().selected, 2);
    press(&mut app, &store, &[Command::Bottom, Command::Down]);
    assert_eq!(app.tab().selected, 6);
    press(&mut app, &store, &[Command::Top]);
    assert_eq!(app.tab().selected, 0);
    press(&mut app, &store, &[Command::PageDown]);
    assert_eq!(app.tab().selected, 6, "a page is longer than seven rows");
}

#[test]
fn tabs_cycle_and_keep_their_selection() {
    let store = Store::open_in_memory().unwrap();
    let mut app = sample_app(&store, 120, 35, TODAY, Lang::De);
    press(&mut app, &store, &[Command::Down, Command::NextTab]);
    assert_eq!(app.active_tab, 1);
    press(&mut app, &store, &[Command::PrevTab, Command::PrevTab]);
    assert_eq!(app.active_tab, 3);
    press(&mut app, &store, &[Command::Tab1]);
    assert_eq!((app.active_tab, app.tab().selected), (0, 1));
}

#[test]
fn the_selected_record_loads_its_long_text() {
    let store = Store::open_in_memory().unwrap();
    let mut app = sample_app(&store, 120, 35, TODAY, Lang::De);
    press(&mut app, &store, &[Command::Bottom]);
    let selected = app.selected_offering().unwrap().key.clone();
    assert_eq!(selected, "expertrainee-e287");
    let (loaded, text) = app.detail.as_ref().unwrap();
    assert_eq!(loaded, &selected);
    assert!(matches!(text, lotse::app::DetailText::Loaded(_)));
}

#[test]
fn enter_opens_details_and_escape_returns() {
    let store = Store::open_in_memory().unwrap();
    let mut app = sample_app(&store, 80, 24, TODAY, Lang::De);
    assert!(app.detail.is_none(), "narrow lists load no details they do not show");
    press(&mut app, &store, &[Command::Open]);
    assert_eq!(app.screen, Screen::Detail);
    assert!(app.selected_text().is_some());
    press(&mut app, &store, &[Command::Down, Command::Down]);
    assert_eq!(app.detail_scroll, 2, "in the details, j scrolls the text");
    press(&mut app, &store, &[Command::Bottom]);
    let bottom = app.detail_scroll;
    assert!(bottom > 2 && bottom < 200, "scrolling stops at the end of the text: {bottom}");
    press(&mut app, &store, &[Command::Back]);
    assert_eq!(app.screen, Screen::List);
}

#[test]
fn help_opens_and_closes() {
    let store = Store::open_in_memory().unwrap();
    let mut app = sample_app(&store, 120, 35, TODAY, Lang::De);
    press(&mut app, &store, &[Command::Help]);
    assert!(app.popup.is_some());
    press(&mut app, &store, &[Command::Down]);
    assert_eq!(app.tab().selected, 0, "keys under the help do not move the list");
    press(&mut app, &store, &[Command::Back]);
    assert!(app.popup.is_none());
    press(&mut app, &store, &[Command::Quit]);
    assert!(app.should_quit);
}

#[test]
fn clicks_pick_tabs_and_rows_and_the_wheel_scrolls() {
    let store = Store::open_in_memory().unwrap();
    let mut app = sample_app(&store, 120, 35, TODAY, Lang::De);
    // " lotse  │ 1 Veranstaltungen (7) │ 2 Projekte (4) │ …": column 35 lies on "Projekte".
    dispatch(&mut app, &store, Action::Mouse(MouseInput::Click { column: 35, row: 0 }));
    assert_eq!(app.active_tab, 1);
    // Row 3 is the first data row (tab bar, top border, column header above it).
    dispatch(&mut app, &store, Action::Mouse(MouseInput::Click { column: 10, row: 5 }));
    assert_eq!(app.tab().selected, 2);
    dispatch(&mut app, &store, Action::Mouse(MouseInput::ScrollUp { column: 10, row: 5 }));
    assert_eq!(app.tab().selected, 0);
    dispatch(&mut app, &store, Action::Mouse(MouseInput::ScrollDown { column: 100, row: 10 }));
    assert_eq!(app.tab().selected, 0, "the wheel over the details scrolls the details");
    assert!(app.detail_scroll > 0);
}

#[test]
fn a_short_window_keeps_the_selection_in_view() {
    let store = Store::open_in_memory().unwrap();
    let offerings: Vec<_> = (0..5)
        .flat_map(|copy| {
            store.offerings().unwrap().into_iter().map(move |mut offering| {
                offering.key = format!("{}-{copy}", offering.key);
                offering
            })
        })
        .collect();
    let mut app = lotse::app::App::new(
        Lang::De,
        lotse::app::Theme::Plain,
        lotse::app::Keymap::defaults(),
        lotse::clock::parse_now(TODAY).unwrap(),
        store.regions().unwrap(),
        offerings,
        ratatui::layout::Rect::new(0, 0, 80, 15),
    );
    dispatch(&mut app, &store, Action::Resize { width: 80, height: 15 });
    press(&mut app, &store, &[Command::Bottom]);
    // 15 lines less tab bar, status bar, two borders and the column header.
    let visible = 15 - 2 - 3;
    assert_eq!(app.tab().selected, 34);
    assert_eq!(app.tab().offset, 35 - visible);
    press(&mut app, &store, &[Command::PageUp]);
    assert_eq!(app.tab().selected, 34 - visible);
    assert_eq!(app.tab().offset, 34 - visible);
    dispatch(&mut app, &store, Action::Resize { width: 80, height: 60 });
    assert_eq!(app.tab().offset, 0, "a taller window shows everything from the top");
}
