//! Two people on one PostgreSQL store, each in their own dashboard and
//! their own login: what one registers shows in the other's details within
//! 2 s, and again after the server restarted under both.

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

#[test]
fn a_registration_in_one_dashboard_shows_in_a_colleagues_within_two_seconds() {
    let Some(cluster) = Cluster::start() else { return skip("a_registration_in_one_dashboard_shows") };
    client(&cluster.url("postgres")).batch_execute("CREATE DATABASE team").unwrap();
    let fixture = common::binary::fixture("alle_felder.json");
    succeeded(&command(Path::new(&cluster.url("team")), &["import", fixture.to_str().unwrap()]).output().unwrap());
    client(&cluster.url("team"))
        .batch_execute(
            "CREATE ROLE erika LOGIN; GRANT lotse_member TO erika;
             CREATE ROLE max LOGIN; GRANT lotse_member TO max;",
        )
        .unwrap();
    let erika = dashboard(&cluster.shell_safe_url("erika", "team"));
    let max = dashboard(&cluster.shell_safe_url("max", "team"));

    let registered = register(&erika, "Erika Mustermann", "erika@hattersheim.de");
    shows_within(&max, registered, "Plätze: 24 von 25 frei");
    let screen = max.wait_for("Aus Ihrem Team: 1 angemeldet");
    assert!(!screen.contains("Erika"), "a member sees no colleague's name:\n{screen}");
    assert!(erika.screen().contains("Aus Ihrem Team: 1 angemeldet (Erika"), "{}", erika.screen());

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
