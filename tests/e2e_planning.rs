//! The calendar, the map and the radius filter in the real binary, in a
//! real terminal, on the sample data's newsletter day.

mod common;

use common::tmux::Tmux;

/// The sample data's dates lie around this day; the home place is Hattersheim.
fn start(tmux: &Tmux, dir: &std::path::Path, extra: &str) {
    let config = dir.join("config.toml");
    std::fs::write(&config, "heimatort = \"65795\"\n").unwrap();
    tmux.start_lotse(&dir.join("lotse.db"), &format!("LOTSE_NOW=2020-10-01 LOTSE_CONFIG={} {extra}", config.display()));
    tmux.wait_for("Veranstaltungen (7)");
}

#[test]
fn c_shows_october_2020_by_week_and_opens_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(120, 35);
    start(&tmux, dir.path(), "");
    tmux.keys(&["c"]);
    let screen = tmux.wait_for("Kalender · Oktober 2020");
    assert!(screen.contains("KW  Mo      Di      Mi      Do      Fr      Sa      So"), "{screen}");
    assert!(
        screen.contains(" 40  28      29      30     [ 1]      2 ●"),
        "today in brackets, a date marked:\n{screen}"
    );
    assert!(screen.contains("21 ◆"), "the deadline has its own mark:\n{screen}");
    tmux.keys(&["Right", "Down", "Left", "Left", "Left"]);
    let screen = tmux.wait_for("Dienstag, 06.10.2020");
    assert!(screen.contains("13:00 Uhr Roundtable"), "{screen}");
    tmux.keys(&["Enter", "Enter"]);
    let screen = tmux.wait_for("┌ Details");
    assert!(screen.contains("Die größte Zukunft aller Zeiten") && screen.contains("Max Thinius"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Kalender · Oktober 2020");
    tmux.keys(&["PgDn"]);
    tmux.wait_for("Kalender · November 2020");
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}

#[test]
fn m_draws_germany_with_the_offerings_and_sets_a_kreis_as_filter() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(120, 35);
    start(&tmux, dir.path(), "NO_COLOR=1");
    tmux.keys(&["m"]);
    let screen = tmux.wait_for("┌ Karte");
    let braille = screen.chars().filter(|ch| ('\u{2801}'..='\u{28ff}').contains(ch)).count();
    assert!(braille > 500, "the places draw the country ({braille} Braille cells):\n{screen}");
    assert!(screen.contains("Main-Taunus-Kreis") && screen.contains("⌂ Heimatort: 65795 Hattersheim"), "{screen}");
    assert!(screen.contains('▣') && screen.contains('•'), "the chosen Kreis and the offerings are shapes:\n{screen}");
    tmux.keys(&["Right"]);
    tmux.wait_until("another Kreis", |screen| !screen.contains("Main-Taunus-Kreis"));
    tmux.keys(&["Left"]);
    tmux.wait_for("Main-Taunus-Kreis");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Region: Main-Taunus-Kreis");
    assert!(screen.contains("3 Best Practices (1)"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}

#[test]
fn the_region_picker_narrows_to_25_km_around_home() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(120, 35);
    start(&tmux, dir.path(), "");
    tmux.keys(&["3", "f"]);
    let screen = tmux.wait_for("Umkreis 25 km · 65795 Hattersheim");
    assert!(screen.contains("Umkreis 200 km") && screen.contains("aus Kommunen wie meiner"), "{screen}");
    tmux.keys(&["Down", "Down", "Down", "Enter"]);
    let screen = tmux.wait_for("Region: Umkreis 25 km");
    assert!(screen.contains("3 Best Practices (1)") && screen.contains("Taunus Innovation Campus"), "{screen}");
    assert!(!screen.contains("Mapstar"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}
