//! Imported data in a real terminal (tmux): hostile titles stay harmless
//! text, and a read-only database opens for browsing.

mod common;

use std::fs::{self, Permissions};
use std::os::unix::fs::PermissionsExt;

use common::binary::{HOSTILE_TITLE_CLEANED, hostile_import, lotse, succeeded};
use common::restricted::Restricted;
use common::tmux::Tmux;
use rusqlite::Connection;

#[test]
fn an_imported_title_with_escape_sequences_leaves_the_screen_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let file = hostile_import(dir.path());
    succeeded(&lotse(&db, &["import", file.to_str().unwrap()]));
    // A row written past the import, to show that drawing guards on its own.
    let raw_title = "Roh\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}geschrieben\u{202e}";
    Connection::open(&db)
        .unwrap()
        .execute("UPDATE offerings SET title = ?1 WHERE key = 'fixture-roundtable'", [raw_title])
        .unwrap();

    let tmux = Tmux::start(120, 35);
    // With this on, an OSC 52 that reached tmux would land in a paste buffer.
    tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
    tmux.start_lotse(&db, "");
    let screen = tmux.wait_for("1 Veranstaltungen (8) │ 2 Projekte (5) │ 3 Best Practices (5) │ 4 Roundtables (2)");
    assert!(screen.contains(&HOSTILE_TITLE_CLEANED[..20]), "the title shows as plain text:\n{screen}");
    tmux.keys(&["4"]);
    let screen = tmux.wait_for("Rohgeschrieben");
    assert!(screen.contains("lotse") && screen.contains("┌ Roundtables"), "the frame is intact:\n{screen}");
    assert!(screen.lines().next().is_some_and(|line| line.contains("1 Veranstaltungen")), "{screen}");
    let buffers = tmux.run(&["list-buffers"]);
    assert!(String::from_utf8_lossy(&buffers.stdout).trim().is_empty(), "no clipboard write got through");
    let title = tmux.run(&["display-message", "-p", "#{pane_title}"]);
    assert!(!String::from_utf8_lossy(&title.stdout).contains("gekapert"), "the window title is untouched");
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}

#[test]
fn a_read_only_database_opens_for_browsing() {
    let dir = tempfile::tempdir().unwrap();
    let restricted = Restricted::new(dir.path());
    let db = dir.path().join("lotse.db");
    succeeded(&lotse(&db, &["regions"]));
    fs::set_permissions(&db, Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&db).unwrap();

    let tmux = Tmux::start(120, 35);
    // On the newsletter's day the roundtable is still ahead: r meets only the read-only store.
    tmux.type_line(&format!(
        "LOTSE_NOW=2020-10-01 LOTSE_CONFIG=/nonexistent/config.toml {} --db {}",
        restricted.shell_command(),
        db.display()
    ));
    let screen = tmux.wait_for("Veranstaltungen (7)");
    assert!(screen.contains("Herbst-Konferenz 2020"), "{screen}");
    assert!(screen.contains("Die Datenbank ist schreibgeschützt"), "said at the start:\n{screen}");
    // Registration keys explain instead of failing.
    tmux.keys(&["4", "r"]);
    tmux.wait_for("schreibgeschützt: Anmelden, Interesse und Profil sind abgeschaltet");
    tmux.keys(&["i"]);
    tmux.wait_for("schreibgeschützt: Anmelden, Interesse und Profil sind abgeschaltet");
    tmux.keys(&["1", "G"]);
    tmux.wait_for("Kennung: E 287");
    tmux.keys(&["/"]);
    tmux.type_text("leerstand");
    tmux.wait_for("Roundtables (1)");
    tmux.keys(&["Enter", "q"]);
    tmux.assert_terminal_restored();
    assert_eq!(fs::read(&db).unwrap(), before);
}
