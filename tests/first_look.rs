//! The first look the dashboard shows while the rest loads: each tab's
//! first rows are exactly the first rows of the full catalogue, and the
//! full load keeps the user where they were.

mod common;

use lotse::app::{Action, App, Command, Keymap, Theme};
use lotse::clock::parse_now;
use lotse::i18n::Lang;
use lotse::runner::{Backend, dispatch};
use lotse::store::Store;
use ratatui::layout::Rect;

const ROWS: usize = 40;

fn demo_backend() -> Backend {
    let mut store = Store::open_in_memory().unwrap();
    let kreise = store.regions().unwrap().kreise;
    store.put_records(&lotse::demo::generate(1200, 11, &kreise)).unwrap();
    Backend::new(store)
}

fn keys_per_tab(app: &App, rows: usize) -> Vec<Vec<String>> {
    app.tabs
        .iter()
        .map(|tab| tab.rows.iter().take(rows).map(|&index| app.offerings[index].key.clone()).collect())
        .collect()
}

#[test]
fn the_first_look_shows_the_first_rows_of_every_tab() {
    for today in ["2019-03-01", "2020-10-01", "2026-11-22", "2030-01-01"] {
        let now = parse_now(today).unwrap();
        let mut backend = demo_backend();
        let new_app = || App::new(Lang::De, Theme::Plain, Keymap::defaults(), now, Rect::new(0, 0, 120, 35));
        let mut full = new_app();
        let catalogue = backend.load().unwrap();
        dispatch(&mut full, &mut backend, Action::CatalogueLoaded(Box::new(catalogue)));
        let mut first = new_app();
        let preview = backend.preview(now, ROWS).unwrap();
        assert!(preview.offerings.len() <= 4 * ROWS);
        dispatch(&mut first, &mut backend, Action::CatalogueLoaded(Box::new(preview)));
        assert!(!first.loaded && first.shows_rows());
        assert_eq!(keys_per_tab(&first, ROWS), keys_per_tab(&full, ROWS), "{today}");
        for slot in 0..4 {
            assert_eq!(first.tab_count(slot), full.tab_count(slot), "{today}: the header shows the totals");
        }
    }
}

#[test]
fn the_full_load_keeps_the_selection_and_runs_the_search_typed_meanwhile() {
    let now = parse_now("2020-10-01").unwrap();
    let mut backend = demo_backend();
    let mut app = App::new(Lang::De, Theme::Plain, Keymap::defaults(), now, Rect::new(0, 0, 120, 35));
    let preview = backend.preview(now, ROWS).unwrap();
    dispatch(&mut app, &mut backend, Action::CatalogueLoaded(Box::new(preview)));
    dispatch(&mut app, &mut backend, Action::User(Command::Tab2));
    for _ in 0..5 {
        dispatch(&mut app, &mut backend, Action::User(Command::Down));
    }
    let chosen = app.selected_offering().unwrap().key.clone();
    dispatch(&mut app, &mut backend, Action::User(Command::Search));
    for ch in "leerstand".chars() {
        dispatch(&mut app, &mut backend, Action::Type(ch));
    }
    assert!(app.search.hits.is_none(), "the search waits for the catalogue");
    dispatch(&mut app, &mut backend, Action::User(Command::Confirm));
    dispatch(&mut app, &mut backend, Action::User(Command::Back));
    let catalogue = backend.load().unwrap();
    dispatch(&mut app, &mut backend, Action::CatalogueLoaded(Box::new(catalogue)));
    assert!(app.loaded);
    assert_eq!(app.search.input, "", "Esc cleared the search before the load");
    assert_eq!(app.selected_offering().unwrap().key, chosen, "the same offering stays selected");

    // Typed before the load and kept: every key counts once the index is there.
    let mut app = App::new(Lang::De, Theme::Plain, Keymap::defaults(), now, Rect::new(0, 0, 120, 35));
    let preview = backend.preview(now, ROWS).unwrap();
    dispatch(&mut app, &mut backend, Action::CatalogueLoaded(Box::new(preview)));
    dispatch(&mut app, &mut backend, Action::User(Command::Search));
    for ch in "leerstand".chars() {
        dispatch(&mut app, &mut backend, Action::Type(ch));
    }
    let catalogue = backend.load().unwrap();
    dispatch(&mut app, &mut backend, Action::CatalogueLoaded(Box::new(catalogue)));
    assert_eq!(app.search.input, "leerstand");
    let hits = app.search.hits.as_ref().expect("the search ran after the load");
    assert!(!hits.is_empty());
}
