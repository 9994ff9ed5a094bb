//! The calendar, the agenda and the map as rendered screens, with a fixed
//! clock, at both window sizes and in both languages.

mod common;

use common::{press, render, sample_app, sample_backend};
use insta::assert_snapshot;
use lotse::app::Command;
use lotse::geo::Gazetteer;
use lotse::i18n::Lang;

const NEWSLETTER_DAY: &str = "2020-10-01";
const SIZES: [(u16, u16); 2] = [(120, 35), (80, 24)];

fn snapshot_view(name: &str, keys: &[Command]) {
    let mut backend = sample_backend();
    for lang in [Lang::De, Lang::En] {
        for (width, height) in SIZES {
            let mut app = sample_app(&mut backend, width, height, NEWSLETTER_DAY, lang);
            app.home = Gazetteer::shipped().resolve("65795").ok();
            press(&mut app, &mut backend, keys);
            let code = match lang {
                Lang::De => "de",
                Lang::En => "en",
            };
            assert_snapshot!(format!("{name}_{code}_{width}x{height}"), render(&app));
        }
    }
}

#[test]
fn calendar_of_october_2020() {
    // Tuesday the 6th, with its day list open.
    snapshot_view(
        "calendar",
        &[
            Command::Calendar,
            Command::CursorRight,
            Command::Down,
            Command::CursorLeft,
            Command::CursorLeft,
            Command::CursorLeft,
            Command::Open,
        ],
    );
}

#[test]
fn agenda_of_the_next_30_days() {
    snapshot_view("agenda", &[Command::Agenda, Command::Down, Command::Down]);
}

#[test]
fn map_of_germany_with_the_offerings() {
    snapshot_view("map", &[Command::Map]);
}
