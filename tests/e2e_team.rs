//! Two people on one PostgreSQL store, each in their own dashboard and
//! their own login: what one registers shows in the other's details within
//! 2 s, what an organiser imports in both lists, and again after the
//! server restarted under both.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::binary::{command, succeeded};
use common::pg::{Cluster, client, skip};
use common::tmux::Tmux;

const WITHIN: Duration = Duration::from_secs(2);

/// A dashboard of `login`, with the details of the fixture's roundtable
/// (25 places), the second on its tab.
fn dashboard(url: &str) -> Tmux {
    let tmux = Tmux::start(120, 35);
    tmux.start_lotse(Path::new(url), "LOTSE_NOW=2020-10-01");
    tmux.wait_for("Roundtables (2)");
    tmux.keys(&["4", "Down"]);
    tmux.wait_for("Plätze: 25 von 25 frei");
    tmux
}

/// Registers the login with the dashboard's own form; the profile form
/// comes first, as for everyone's first registration.
fn register(tmux: &Tmux, name: &str, email: &str) -> Instant {
    tmux.keys(&["r"]);
    tmux.wait_for("Ihr Profil");
    tmux.type_text(name);
    tmux.keys(&["Tab"]);
    tmux.type_text(email);
    tmux.keys(&["Tab"]);
    tmux.type_text("Wirtschaftsförderung Hattersheim");
    tmux.keys(&["Tab", "Tab", "Enter"]);
    tmux.wait_for("Anmerkung (optional)");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Angemeldet: Roundtable Leerstand #4");
    Instant::now()
}

fn shows_within(tmux: &Tmux, since: Instant, text: &str) {
    let screen = tmux.wait_for(text);
    assert!(since.elapsed() < WITHIN, "{text:?} took {:?}:\n{screen}", since.elapsed());
}

/// A file with one new roundtable, made from the fixture's.
fn another_roundtable(fixture: &Path, dir: &Path) -> std::path::PathBuf {
    let records: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    let mut roundtable = records.into_iter().find(|record| record["key"] == "fixture-roundtable").unwrap();
    roundtable["key"] = "roundtable-frisch-importiert".into();
    roundtable["title"] = "Frisch importierter Roundtable Innenstadt".into();
    let file = dir.join("neu.json");
    std::fs::write(&file, serde_json::to_string(&[roundtable]).unwrap()).unwrap();
    file
}

#[test]
fn a_registration_in_one_dashboard_shows_in_a_colleagues_within_two_seconds() {
    let Some(cluster) = Cluster::start() else { return skip("a_registration_in_one_dashboard_shows") };
    client(&cluster.url("postgres")).batch_execute("CREATE DATABASE team").unwrap();
    let fixture = common::binary::fixture("alle_felder.json");
    succeeded(&command(Path::new(&cluster.url("team")), &["import", fixture.to_str().unwrap()]).output().unwrap());
    client(&cluster.url("team"))
        .batch_execute(
            "CREATE ROLE erika LOGIN; GRANT lotse_member TO erika;
             CREATE ROLE max LOGIN; GRANT lotse_member TO max;
             CREATE ROLE olaf LOGIN; GRANT lotse_organiser TO olaf;",
        )
        .unwrap();
    let erika = dashboard(&cluster.shell_safe_url("erika", "team"));
    let max = dashboard(&cluster.shell_safe_url("max", "team"));

    let registered = register(&erika, "Erika Mustermann", "erika@hattersheim.de");
    shows_within(&max, registered, "Plätze: 24 von 25 frei");
    let screen = max.wait_for("Aus Ihrem Team: 1 angemeldet");
    assert!(!screen.contains("Erika"), "a member sees no colleague's name:\n{screen}");
    assert!(erika.screen().contains("Aus Ihrem Team: 1 angemeldet (Erika"), "{}", erika.screen());

    // An organiser's import lands in both open dashboards' lists.
    let dir = tempfile::tempdir().unwrap();
    let file = another_roundtable(&fixture, dir.path());
    let olaf = Path::new(&cluster.shell_safe_url("olaf", "team")).to_owned();
    succeeded(&command(&olaf, &["import", file.to_str().unwrap()]).output().unwrap());
    let imported = Instant::now();
    shows_within(&max, imported, "Roundtables (3)");
    shows_within(&erika, imported, "Roundtables (3)");
    assert!(erika.screen().contains("Plätze: 24 von 25 frei"), "the details stay: {}", erika.screen());

    cluster.stop_server();
    cluster.start_server();
    let registered = register(&max, "Max Muster", "max@hattersheim.de");
    shows_within(&erika, registered, "Plätze: 23 von 25 frei");
    erika.wait_for("Aus Ihrem Team: 2 angemeldet (Erika");

    for tmux in [&erika, &max] {
        tmux.keys(&["q"]);
        tmux.assert_terminal_restored();
    }
}
