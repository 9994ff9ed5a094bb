//! The real binary in a real terminal: tmux runs lotse, sends keys and
//! reads the screen back.

mod common;

use common::binary::BINARY;
use common::tmux::Tmux;

#[test]
fn browse_tabs_details_and_help_then_quit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let tmux = Tmux::start(120, 35);
    tmux.start_lotse(&db, "");
    let screen = tmux.wait_for("Veranstaltungen (7)");
    assert!(screen.contains("Herbst-Konferenz 2020"), "{screen}");
    assert!(screen.contains("vergangen"));

    tmux.keys(&["G"]);
    let screen = tmux.wait_for("Veranstaltungen · 7/7");
    assert!(screen.contains("Kennung: E 287"), "the detail pane follows the selection:\n{screen}");
    assert!(screen.contains("549,00 € zzgl. MwSt."));
    tmux.keys(&["k", "g"]);
    tmux.wait_for("Veranstaltungen · 1/7");

    tmux.keys(&["2"]);
    let screen = tmux.wait_for("Projekte · 1/4");
    assert!(screen.contains("Innenstadt 2030+"), "{screen}");
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for("Best Practices · 1/3");
    assert!(screen.contains("Einbecker Modell"), "{screen}");
    tmux.keys(&["BTab", "BTab", "4"]);
    let screen = tmux.wait_for("Roundtables · 1/1");
    assert!(screen.contains("BID / ISG"), "{screen}");

    tmux.keys(&["?"]);
    let screen = tmux.wait_for("Hilfe – Tastenbelegung");
    assert!(screen.contains("nächster Reiter"), "{screen}");
    // The overlay scrolls to the keys and the attribution below the fold.
    tmux.keys(&["j"; 30]);
    let screen = tmux.wait_for("GeoNames");
    assert!(screen.contains("lotse beenden") && screen.contains("Interesse vermerken"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_until("help closed", |screen| !screen.contains("Hilfe – Tastenbelegung"));

    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}

#[test]
fn narrow_window_opens_details_full_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let tmux = Tmux::start(80, 24);
    tmux.start_lotse(&db, "");
    let screen = tmux.wait_for("Veranstaltungen (7)");
    assert!(!screen.contains("┌ Details"), "below 100 columns the list stands alone:\n{screen}");
    tmux.keys(&["End", "Enter"]);
    let screen = tmux.wait_for("Kennung: E 287");
    assert!(screen.contains("InterCityHotel Berlin Hauptbahnhof"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Datum");
    tmux.keys(&["C-c"]);
    tmux.assert_terminal_restored();
}

#[test]
fn restarting_shows_the_same_data_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let tmux = Tmux::start(120, 35);
    for _ in 0..2 {
        tmux.start_lotse(&db, "");
        tmux.wait_for("1 Veranstaltungen (7) │ 2 Projekte (4) │ 3 Best Practices (3) │ 4 Roundtables (1)");
        tmux.keys(&["q"]);
        tmux.wait_until("lotse to quit", |screen| !screen.contains("Veranstaltungen (7)"));
    }
}

#[test]
fn english_on_request_and_too_small_windows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let tmux = Tmux::start(120, 35);
    tmux.start_lotse(&db, "");
    tmux.wait_for("Veranstaltungen (7)");
    tmux.run(&["resize-window", "-x", "50", "-y", "12"]);
    tmux.wait_for("Fenster zu klein");
    tmux.run(&["resize-window", "-x", "120", "-y", "35"]);
    tmux.wait_for("Veranstaltungen (7)");
    tmux.keys(&["q"]);
    tmux.wait_until("lotse to quit", |screen| !screen.contains("Veranstaltungen (7)"));
    tmux.start_lotse(&db, "");
    tmux.keys(&["q"]);
    tmux.wait_until("lotse to quit", |screen| !screen.contains("Veranstaltungen (7)"));
    tmux.type_line(&format!("LOTSE_NOW=2026-11-22 {BINARY} --db {} --lang en", db.display()));
    let screen = tmux.wait_for("Events (7)");
    assert!(screen.contains("Best practices (3)") && screen.contains("past"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}

#[test]
fn search_region_and_time_filters_in_the_real_binary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let tmux = Tmux::start(120, 35);
    tmux.start_lotse(&db, "");
    tmux.wait_for("Veranstaltungen (7)");

    tmux.keys(&["/"]);
    tmux.type_text("stadte");
    tmux.wait_for("Suche: stadte");
    let screen = tmux.wait_for("Veranstaltungen (5)");
    let selected = screen.lines().find(|line| line.contains('▶')).unwrap_or_default();
    // Beside the details the list's date column is the narrow one: the first day, a two-digit year.
    assert!(selected.contains("21.03.19 ") && selected.contains("Zukunft der Städte"), "E 287 ranks first:\n{screen}");
    tmux.keys(&["Enter", "Escape"]);
    tmux.wait_for("Veranstaltungen (7)");

    tmux.keys(&["f"]);
    tmux.wait_for("Region wählen");
    tmux.type_text("hessen");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Region: Hessen");
    assert!(
        screen.contains("1 Veranstaltungen (0) │ 2 Projekte (0) │ 3 Best Practices (2) │ 4 Roundtables (0)"),
        "{screen}"
    );
    assert!(screen.contains("F hebt den Regionsfilter auf"), "an empty tab says which key widens it:\n{screen}");
    tmux.keys(&["3"]);
    let screen = tmux.wait_for("Best Practices · 1/2");
    assert!(screen.contains("Taunus Innovation Campus") && screen.contains("Stadtretter empfehlen"), "{screen}");

    tmux.keys(&["f", "C-o"]);
    tmux.wait_for("Online-Angebote: einbezogen");
    tmux.type_text("hessen");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Region: Hessen + online");
    assert!(screen.contains("1 Veranstaltungen (5)"), "online events join when asked for:\n{screen}");

    tmux.keys(&["1", "t"]);
    let screen = tmux.wait_for("Zeit: kommende");
    assert!(screen.contains("Veranstaltungen (0)") && screen.contains("t wechselt den Zeitraum"), "{screen}");
    tmux.keys(&["t"]);
    tmux.wait_for("Zeit: vergangene");
    tmux.keys(&["t", "F"]);
    let screen = tmux.wait_until("all filters gone", |screen| {
        screen.contains("Veranstaltungen (7)") && !screen.contains("· Region:")
    });
    assert!(!screen.contains("· Zeit:"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}

#[test]
fn register_mark_interest_come_back_and_export_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    // The newsletter's day, when the roundtable is still ahead; HOME is where `x` saves.
    let env = format!("LOTSE_NOW=2020-10-01 HOME={}", dir.path().display());
    let tmux = Tmux::start(120, 35);
    tmux.start_lotse(&db, &env);
    tmux.wait_for("Roundtables (1)");
    tmux.keys(&["4", "r"]);
    tmux.wait_for("Ihr Profil");
    tmux.type_text("Erika Mustermann");
    tmux.keys(&["Tab"]);
    tmux.type_text("erika@hattersheim.de");
    tmux.keys(&["Tab"]);
    tmux.type_text("Wirtschaftsförderung Hattersheim");
    // Past the optional phone and home place, Enter submits.
    tmux.keys(&["Tab", "Tab", "Enter"]);
    let form = tmux.wait_for("Anmerkung (optional)");
    assert!(form.contains("Erika Mustermann") && form.contains("erika@hattersheim.de"), "prefilled:\n{form}");
    tmux.type_text("vegetarisch");
    tmux.keys(&["C-s"]);
    let screen = tmux.wait_for("Angemeldet: 3. Roundtable");
    let selected = screen.lines().find(|line| line.contains('▶')).unwrap_or_default();
    assert!(selected.contains('✓') && selected.contains("06.10.20 "), "the list marks the registration:\n{screen}");

    tmux.keys(&["3", "i"]);
    tmux.wait_for("Interesse an „Einbecker Modell");
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();

    tmux.type_line("clear");
    tmux.start_lotse(&db, &env);
    tmux.wait_for("Meine (2)");
    tmux.keys(&["5"]);
    let screen = tmux.wait_for("Meine · 1/2");
    assert!(screen.contains("Angemeldet") && screen.contains("Interesse"), "{screen}");
    tmux.keys(&["x"]);
    let screen = tmux.wait_for("Kalender gespeichert:");
    assert!(screen.contains("lotse-anmeldungen.ics"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();

    let calendar = std::fs::read(dir.path().join("lotse-anmeldungen.ics")).unwrap();
    let parsed = ical::IcalParser::new(std::io::BufReader::new(calendar.as_slice())).next().unwrap().unwrap();
    assert_eq!(parsed.events.len(), 1);
    let summary = parsed.events[0].properties.iter().find(|property| property.name == "SUMMARY").unwrap();
    assert!(summary.value.as_deref().unwrap().starts_with("3. Roundtable"));
}
