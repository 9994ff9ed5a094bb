//! The dashboard on a PostgreSQL server in a real terminal: browse,
//! search, register; the server restarts under it; the dashboard says so,
//! refuses what cannot be saved, tries again on its own, says when the
//! server is back, and works on.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pg::{Cluster, client, skip};
use common::tmux::Tmux;

#[test]
fn browse_search_register_survive_a_server_restart_and_go_on() {
    let Some(cluster) = Cluster::start() else { return skip("browse_search_register_survive_a_server_restart") };
    client(&cluster.url("postgres")).batch_execute("CREATE DATABASE team").unwrap();
    let url = cluster.shell_safe_url("postgres", "team");
    let tmux = Tmux::start(120, 35);
    tmux.start_lotse(Path::new(&url), "LOTSE_NOW=2020-10-01");
    tmux.wait_for("Roundtables (1)");

    tmux.keys(&["/"]);
    tmux.type_text("stadte");
    let screen = tmux.wait_for("Veranstaltungen (5)");
    let first = screen.lines().find(|line| line.contains('▶')).unwrap_or_default();
    // Beside the details the list's date column is the narrow one: the first day, a two-digit year.
    assert!(first.contains("21.03.19 ") && first.contains("Zukunft der Städte"), "E 287 ranks first:\n{screen}");
    tmux.keys(&["Enter", "Escape"]);
    tmux.wait_for("Veranstaltungen (7)");

    tmux.keys(&["4", "r"]);
    tmux.wait_for("Ihr Profil");
    tmux.type_text("Erika Mustermann");
    tmux.keys(&["Tab"]);
    tmux.type_text("erika@hattersheim.de");
    tmux.keys(&["Tab"]);
    tmux.type_text("Wirtschaftsförderung Hattersheim");
    // Past the optional phone and home place, Enter submits.
    tmux.keys(&["Tab", "Tab", "Enter"]);
    tmux.wait_for("Anmerkung (optional)");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Angemeldet: 3. Roundtable");

    cluster.stop_server();
    tmux.keys(&["3", "i"]);
    let screen = tmux.wait_for("Verbindung zum Datenbankserver verloren");
    assert!(screen.contains("nichts wird gespeichert – neuer Versuch"), "{screen}");
    tmux.keys(&["/"]);
    tmux.type_text("leerstand");
    tmux.wait_for("verloren");
    tmux.keys(&["Escape", "Escape"]);
    // It counts down and tries again by itself, still without the server:
    // after the last second the count starts afresh. (The try itself is
    // over in milliseconds, too quick to catch on screen.)
    tmux.wait_for("neuer Versuch in 1 s");
    tmux.wait_for("neuer Versuch in 5 s");

    cluster.start_server();
    let back = Instant::now();
    // No key pressed: the timer's next try finds the server.
    tmux.wait_for("Verbindung zum Datenbankserver wieder da");
    assert!(back.elapsed() < Duration::from_secs(10), "back after {:?}", back.elapsed());
    tmux.keys(&["3", "i"]);
    tmux.wait_for("Interesse an „Einbecker Modell");
    tmux.keys(&["/"]);
    tmux.type_text("leerstand");
    tmux.wait_until("keyword hits again", |screen| {
        screen.contains("Suche: leerstand") && screen.contains("Roundtables (1)")
    });
    tmux.keys(&["Escape", "Escape", "q"]);
    tmux.assert_terminal_restored();

    let mut admin = client(&cluster.url("team"));
    let registered: i64 =
        admin.query_one("SELECT count(*) FROM registrations WHERE person = 'postgres'", &[]).unwrap().get(0);
    let interests: i64 = admin.query_one("SELECT count(*) FROM interests", &[]).unwrap().get(0);
    assert_eq!((registered, interests), (1, 1), "one registration and one interest, nothing from the refused key");
}
