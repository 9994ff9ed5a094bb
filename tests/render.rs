//! Rendered screens as snapshots, with a fixed clock and the sample data.

mod common;

use common::{press, render, sample_app};
use insta::assert_snapshot;
use lotse::app::{Action, Command};
use lotse::i18n::Lang;
use lotse::runner::dispatch;
use lotse::store::Store;

const TODAY: &str = "2026-11-22";
/// The newsletter's week: some sample events are still ahead.
const NEWSLETTER_DAY: &str = "2020-10-01";

fn tab_command(tab: usize) -> Command {
    [Command::Tab1, Command::Tab2, Command::Tab3, Command::Tab4][tab]
}

#[test]
fn every_tab_at_120_by_35() {
    let store = Store::open_in_memory().unwrap();
    for tab in 0..4 {
        let mut app = sample_app(&store, 120, 35, TODAY, Lang::De);
        press(&mut app, &store, &[tab_command(tab)]);
        assert_snapshot!(format!("tab_{}_120x35", tab + 1), render(&app));
    }
}

#[test]
fn every_tab_at_80_by_24() {
    let store = Store::open_in_memory().unwrap();
    for tab in 0..4 {
        let mut app = sample_app(&store, 80, 24, TODAY, Lang::De);
        press(&mut app, &store, &[tab_command(tab)]);
        assert_snapshot!(format!("tab_{}_80x24", tab + 1), render(&app));
    }
}

#[test]
fn upcoming_events_come_first_on_the_newsletter_day() {
    let store = Store::open_in_memory().unwrap();
    let app = sample_app(&store, 120, 35, NEWSLETTER_DAY, Lang::De);
    assert_snapshot!(render(&app));
}

#[test]
fn detail_full_screen_at_80_by_24() {
    let store = Store::open_in_memory().unwrap();
    let mut app = sample_app(&store, 80, 24, TODAY, Lang::De);
    press(&mut app, &store, &[Command::Bottom, Command::Open]);
    assert_snapshot!(render(&app));
}

#[test]
fn help_overlay_lists_the_keys() {
    let store = Store::open_in_memory().unwrap();
    let mut app = sample_app(&store, 120, 35, TODAY, Lang::De);
    press(&mut app, &store, &[Command::Help]);
    assert_snapshot!(render(&app));
}

#[test]
fn english_dashboard() {
    let store = Store::open_in_memory().unwrap();
    let app = sample_app(&store, 120, 35, TODAY, Lang::En);
    assert_snapshot!(render(&app));
}

#[test]
fn too_small_window_says_so() {
    let store = Store::open_in_memory().unwrap();
    let mut app = sample_app(&store, 120, 35, TODAY, Lang::De);
    dispatch(&mut app, &store, Action::Resize { width: 50, height: 12 });
    assert_snapshot!(render(&app));
}
