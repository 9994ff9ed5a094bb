//! Key and mouse handling on the real state, without a terminal.

mod common;

use common::{press, sample_app, sample_backend};
use lotse::app::{Action, Command, MouseInput, Screen};
use lotse::i18n::Lang;
use lotse::runner::dispatch;

const TODAY: &str = "2026-11-22";

#[test]
fn moving_stops_at_both_ends() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Up]);
    assert_eq!(app.tab().selected, 0);
    press(&mut app, &mut backend, &[Command::Down, Command::Down]);
    assert_eq!(app.tab().selected, 2);
    press(&mut app, &mut backend, &[Command::Bottom, Command::Down]);
    assert_eq!(app.tab().selected, 6);
    press(&mut app, &mut backend, &[Command::Top]);
    assert_eq!(app.tab().selected, 0);
    press(&mut app, &mut backend, &[Command::PageDown]);
    assert_eq!(app.tab().selected, 6, "a page is longer than seven rows");
}

#[test]
fn tabs_cycle_and_keep_their_selection() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Down, Command::NextTab]);
    assert_eq!(app.active_tab, 1);
    press(&mut app, &mut backend, &[Command::PrevTab, Command::PrevTab]);
    assert_eq!(app.active_tab, 4, "from the first tab back to the last, Meine");
    press(&mut app, &mut backend, &[Command::Tab1]);
    assert_eq!((app.active_tab, app.tab().selected), (0, 1));
}

#[test]
fn the_selected_record_loads_its_long_text() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Bottom]);
    let selected = app.selected_offering().unwrap().key.clone();
    assert_eq!(selected, "expertrainee-e287");
    let (loaded, text) = app.detail.as_ref().unwrap();
    assert_eq!(loaded, &selected);
    assert!(matches!(text, lotse::app::DetailText::Loaded(_)));
}

#[test]
fn enter_opens_details_and_escape_returns() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 80, 24, TODAY, Lang::De);
    assert!(app.detail.is_none(), "narrow lists load no details they do not show");
    press(&mut app, &mut backend, &[Command::Open]);
    assert_eq!(app.screen, Screen::Detail);
    assert!(app.selected_text().is_some());
    press(&mut app, &mut backend, &[Command::Down, Command::Down]);
    assert_eq!(app.detail_scroll, 2, "in the details, j scrolls the text");
    press(&mut app, &mut backend, &[Command::Bottom]);
    let bottom = app.detail_scroll;
    assert!(bottom > 2 && bottom < 200, "scrolling stops at the end of the text: {bottom}");
    press(&mut app, &mut backend, &[Command::Back]);
    assert_eq!(app.screen, Screen::List);
}

#[test]
fn help_opens_and_closes() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Help]);
    assert!(app.popup.is_some());
    press(&mut app, &mut backend, &[Command::Down]);
    assert_eq!(app.tab().selected, 0, "keys under the help do not move the list");
    press(&mut app, &mut backend, &[Command::Back]);
    assert!(app.popup.is_none());
    press(&mut app, &mut backend, &[Command::Quit]);
    assert!(app.should_quit);
}

#[test]
fn clicks_pick_tabs_and_rows_and_the_wheel_scrolls() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    // " lotse  │ 1 Veranstaltungen (7) │ 2 Projekte (4) │ …": column 35 lies on "Projekte".
    dispatch(&mut app, &mut backend, Action::Mouse(MouseInput::Click { column: 35, row: 0 }));
    assert_eq!(app.active_tab, 1);
    // Row 3 is the first data row (tab bar, top border, column header above it).
    dispatch(&mut app, &mut backend, Action::Mouse(MouseInput::Click { column: 10, row: 5 }));
    assert_eq!(app.tab().selected, 2);
    dispatch(&mut app, &mut backend, Action::Mouse(MouseInput::ScrollUp { column: 10, row: 5 }));
    assert_eq!(app.tab().selected, 0);
    dispatch(&mut app, &mut backend, Action::Mouse(MouseInput::ScrollDown { column: 100, row: 10 }));
    assert_eq!(app.tab().selected, 0, "the wheel over the details scrolls the details");
    assert!(app.detail_scroll > 0);
}

#[test]
fn a_short_window_keeps_the_selection_in_view() {
    let mut store = lotse::store::Store::open_in_memory().unwrap();
    let copies: Vec<_> = (1..5)
        .flat_map(|copy| {
            lotse::store::sample_records().into_iter().map(move |mut record| {
                record.offering.key = format!("{}-{copy}", record.offering.key);
                record
            })
        })
        .collect();
    store.put_records(&copies).unwrap();
    let mut backend = lotse::runner::Backend::new(store);
    let mut app = sample_app(&mut backend, 80, 15, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Bottom]);
    // 15 lines less tab bar, status bar, the "nothing upcoming" line, two
    // borders and the column header.
    let visible = 15 - 3 - 3;
    assert_eq!(app.tab().selected, 34);
    assert_eq!(app.tab().offset, 35 - visible);
    press(&mut app, &mut backend, &[Command::PageUp]);
    assert_eq!(app.tab().selected, 34 - visible);
    assert_eq!(app.tab().offset, 34 - visible);
    dispatch(&mut app, &mut backend, Action::Resize { width: 80, height: 60 });
    assert_eq!(app.tab().offset, 0, "a taller window shows everything from the top");
}
