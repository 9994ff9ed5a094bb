//! A newcomer's first hour in the real binary under tmux: the stumbles of
//! issue #14, each shown not to happen again.

mod common;

use common::tmux::Tmux;

#[test]
fn typing_a_word_without_slash_leaves_the_change_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let tmux = Tmux::start(80, 24);
    tmux.start_lotse(&db, "");
    let screen = tmux.wait_for("Nichts steht bevor");
    assert!(screen.contains("Enter Details"), "{screen}");
    // A word typed without `/`: t, r, i, k and e are keys of their own.
    tmux.keys(&["3"]);
    tmux.type_text("trinkt");
    let screen = tmux.wait_for("u nimmt das zurück");
    assert!(screen.contains("Interesse an"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_until("the message gone", |screen| !screen.contains("u nimmt das zurück"));
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}

#[test]
fn o_opens_with_the_configured_opener_and_y_copies_through_osc_52() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let opened = dir.path().join("opened");
    let tmux = Tmux::start(120, 35);
    // tmux keeps what an application copies with OSC 52 in its paste buffer.
    tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
    let opener = format!("LOTSE_OPENER=\"sh -c 'printf %s \\\"\\$1\\\" > {}' opener\"", opened.display());
    tmux.start_lotse(&db, &opener);
    tmux.wait_for("Veranstaltungen (7)");
    tmux.keys(&["4", "o"]);
    tmux.wait_for("Geöffnet: https://");
    let url = std::fs::read_to_string(&opened).unwrap();
    assert_eq!(url, "https://www.die-stadtretter.de", "the publisher's site, for want of the roundtable's own");
    // The roundtable links only the publisher's site: y copies its key.
    tmux.keys(&["y"]);
    tmux.wait_for("In die Zwischenablage");
    let buffer = tmux.run(&["show-buffer"]);
    assert_eq!(String::from_utf8_lossy(&buffer.stdout), "stadtretter-roundtable-leerstand-3", "the terminal got it");
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}

#[test]
fn config_warns_about_a_key_bound_twice_and_restores_the_last_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "restore_filters = true\n[keys.list]\ndown = [\"r\", \"Down\"]\nup = [\"Strg-p\", \"Up\"]\n",
    )
    .unwrap();
    let env = format!("LOTSE_NOW=2020-10-01 LOTSE_CONFIG={}", config.display());
    let tmux = Tmux::start(120, 35);
    tmux.start_lotse(&db, &env);
    let screen = tmux.wait_for("doppelt belegt");
    assert!(screen.contains("Taste r in [keys.list] doppelt belegt: down und register"), "{screen}");
    tmux.keys(&["Escape", "2", "/"]);
    tmux.type_text("kommunen");
    tmux.keys(&["Enter", "t"]);
    tmux.wait_for("Zeit: laufende");
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();

    tmux.type_line("clear");
    tmux.start_lotse(&db, &env);
    tmux.wait_for("doppelt belegt");
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("Zeit: laufende");
    assert!(
        screen.contains("Projekte ·") && screen.contains("Suche: kommunen"),
        "tab, search and filter are back:\n{screen}"
    );
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}
