//! Sources in the real dashboard: tmux runs lotse against a server of the
//! test's own on 127.0.0.1.

mod common;

use common::binary::{self, fixture};
use common::http::{FixtureServer, Route};
use common::tmux::Tmux;

#[test]
fn add_a_source_press_s_and_the_new_offerings_appear_marked_neu() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "sync_interval = \"off\"\n").unwrap();
    let page = std::fs::read_to_string(fixture("sources/veranstaltungen.html")).unwrap();
    // First only the page's second block (the cancelled summer party), later all of it.
    let first_block = page.find("<script type=\"application/ld+json\">").unwrap();
    let first_end = page[first_block..].find("</script>").unwrap() + first_block + "</script>".len();
    let early = format!("{}{}", &page[..first_block], &page[first_end..]);
    let server = FixtureServer::start();
    server.serve("/termine", Route::document("text/html; charset=utf-8", early.as_bytes()));
    let url = server.url("/termine");
    let added = binary::command(&db, &["quellen", "add", &url, "--name", "Netzwerk"])
        .env("LOTSE_CONFIG", &config)
        .env("LOTSE_NOW", "2026-11-22")
        .output()
        .unwrap();
    assert!(binary::succeeded(&added).contains("Netzwerk: 1 neu"));
    server.serve("/termine", Route::document("text/html; charset=utf-8", page.as_bytes()));

    let tmux = Tmux::start(160, 35);
    tmux.start_lotse(&db, &format!("LOTSE_CONFIG={}", config.display()));
    let screen = tmux.wait_for("Veranstaltungen (8)");
    assert!(!screen.contains("Fachforum Citylogistik"), "{screen}");
    assert!(screen.contains("Quellen: vor "), "freshness in the status bar:\n{screen}");

    tmux.keys(&["S"]);
    tmux.wait_for("Quellen abgerufen: Netzwerk: 2 neu");
    // The lists update in place once the worker has read the offerings again.
    let screen = tmux.wait_for("Veranstaltungen (10)");
    let row = screen.lines().find(|line| line.contains("Fachforum Citylogistik")).unwrap_or_default();
    assert!(row.contains("neu"), "the new offering is marked:\n{screen}");
    let party = screen.lines().find(|line| line.contains("27.06.2025")).unwrap_or_default();
    assert!(party.contains("abgesagt"), "{screen}");

    tmux.keys(&["Q"]);
    let screen = tmux.wait_for("zuletzt abgerufen");
    assert!(screen.contains("2 neu, 0 geändert, 1 unverändert"), "{screen}");
    tmux.keys(&["Escape", "q"]);
    tmux.assert_terminal_restored();
}
