//! The binary's command line: flags, `db path`, and the errors a user sees
//! before the dashboard starts.

use std::fs;
use std::process::{Command, Output};

const BINARY: &str = env!("CARGO_BIN_EXE_lotse");

fn lotse(args: &[&str], env: &[(&str, &str)]) -> Output {
    let home = tempfile::tempdir().unwrap();
    let mut command = Command::new(BINARY);
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("LOTSE_CONFIG", "/nonexistent/config.toml");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn version_and_help() {
    let version = lotse(&["--version"], &[]);
    assert!(version.status.success());
    assert_eq!(stdout(&version).trim(), format!("lotse {}", env!("CARGO_PKG_VERSION")));
    let help = lotse(&["--help"], &[]);
    assert!(help.status.success());
    let text = stdout(&help);
    assert!(text.contains("Wirtschaftsförderung") && text.contains("--db") && text.contains("GeoNames"), "{text}");
}

#[test]
fn db_path_follows_flag_then_environment_then_xdg() {
    let from_flag = lotse(&["--db", "/tmp/a.db", "db", "path"], &[("LOTSE_DB", "/tmp/b.db")]);
    assert_eq!(stdout(&from_flag).trim(), "/tmp/a.db");
    let from_env = lotse(&["db", "path"], &[("LOTSE_DB", "/tmp/b.db")]);
    assert_eq!(stdout(&from_env).trim(), "/tmp/b.db");
    let default = lotse(&["db", "path"], &[("XDG_DATA_HOME", "/srv/daten")]);
    assert_eq!(stdout(&default).trim(), "/srv/daten/lotse/lotse.db");
}

#[test]
fn a_corrupt_database_is_named_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaputt.db");
    let junk = "SQLite format 3\0 aber danach nur Unsinn ".repeat(300);
    fs::write(&path, &junk).unwrap();
    let output = lotse(&["--db", path.to_str().unwrap()], &[]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains(path.to_str().unwrap()), "{message}");
    assert!(message.contains("keine lotse-Datenbank") && message.contains("nicht verändert"), "{message}");
    assert_eq!(fs::read_to_string(&path).unwrap(), junk);
}

#[test]
fn errors_speak_english_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let output = lotse(&["--db", dir.path().to_str().unwrap(), "--lang", "en"], &[]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("is a directory, not a database file"), "{}", stderr(&output));
    let output = lotse(&["--db", dir.path().to_str().unwrap()], &[("LANG", "en_GB.UTF-8")]);
    assert!(stderr(&output).contains("is a directory"), "LANG picks English too");
}

#[test]
fn a_broken_config_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "lang = \"de\"\ntheme = \"knallbunt\"\n").unwrap();
    let output = lotse(&["db", "path"], &[("LOTSE_CONFIG", config.to_str().unwrap())]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("config.toml") && message.contains("Zeile 2"), "{message}");
}

#[test]
fn a_config_can_switch_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "lang = \"en\"\n").unwrap();
    let output = lotse(&["--db", dir.path().to_str().unwrap()], &[("LOTSE_CONFIG", config.to_str().unwrap())]);
    assert!(stderr(&output).contains("is a directory"), "{}", stderr(&output));
}

#[test]
fn a_bad_lotse_now_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let output = lotse(&["--db", db.to_str().unwrap()], &[("LOTSE_NOW", "übermorgen")]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("LOTSE_NOW"), "{}", stderr(&output));
    assert!(!db.exists(), "nothing is created before the settings are valid");
}

#[test]
fn search_prints_the_dashboard_ranking() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let db = db.to_str().unwrap();
    let output = lotse(&["--db", db, "search", "staedte"], &[("LOTSE_NOW", "2026-11-22")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.lines().next().unwrap().contains("Zukunft der Städte"), "{text}");
    assert!(text.contains("expertrainee-e287"));

    let output = lotse(&["--db", db, "search", "leerstand", "--kind", "roundtable", "--format", "json"], &[]);
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["key"], "stadtretter-roundtable-leerstand-3");
    assert_eq!(found[0]["kind"], "roundtable");
    assert_eq!(found[0]["rank"], 1);

    let output = lotse(&["--db", db, "search", "wirtschaftsfoerderung", "--region", "HE", "--format", "json"], &[]);
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let keys: Vec<&str> = found.as_array().unwrap().iter().map(|item| item["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["taunus-innovation-campus"]);

    let output = lotse(&["--db", db, "search", "innenstadt", "--limit", "2", "--format", "json"], &[]);
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 2);
}

#[test]
fn search_refuses_unknown_regions_and_says_where_to_look() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let output = lotse(&["--db", db.to_str().unwrap(), "search", "x", "--region", "Atlantis"], &[]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("lotse regions"), "{}", stderr(&output));
}

#[test]
fn regions_lists_every_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let output = lotse(&["--db", db.to_str().unwrap(), "regions", "--format", "json"], &[]);
    let codes: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes = codes.as_array().unwrap();
    assert_eq!(codes.len(), 2 + 16 + 400);
    assert!(codes.iter().any(|code| code["code"] == "06436" && code["kind"] == "kreis"));
    let text = stdout(&lotse(&["--db", db.to_str().unwrap(), "regions"], &[]));
    assert!(text.contains("HE         Hessen"), "{text}");
}

#[test]
fn the_dashboard_without_a_terminal_points_to_the_script_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let output = lotse(&["--db", db.to_str().unwrap()], &[]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("braucht ein Terminal"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "no escape sequences go to a pipe");
}

/// `lotse … | head -1`: the reader goes away before lotse has written a line.
fn with_closed_stdout(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(BINARY)
        .args(args)
        .env_clear()
        .env("HOME", home.path())
        .env("LOTSE_CONFIG", "/nonexistent/config.toml")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let db = db.to_str().unwrap();
    drop(lotse(
        &[
            "--db",
            db,
            "register",
            "stadtretter-roundtable-leerstand-3",
            "--name",
            "Person 21",
            "--email",
            "p21@example.org",
            "--org",
            "Stadt",
        ],
        &[("LOTSE_NOW", "2020-10-01")],
    ));
    for args in [
        vec!["--db", db, "search", "stadt"],
        vec!["--db", db, "search", "stadt", "--format", "json"],
        vec!["--db", db, "regions"],
        vec!["--db", db, "registrations", "--all"],
        vec!["--db", db, "db", "path"],
    ] {
        let output = with_closed_stdout(&args);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).is_empty(), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn regions_can_be_named_as_the_picker_finds_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let db = db.to_str().unwrap();
    let keys = |region: &str| -> Vec<String> {
        let output =
            lotse(&["--db", db, "search", "wirtschaftsfoerderung", "--region", region, "--format", "json"], &[]);
        assert!(output.status.success(), "{region}: {}", stderr(&output));
        let found: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        found.as_array().unwrap().iter().map(|item| item["key"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(keys("hessen"), ["taunus-innovation-campus"]);
    assert_eq!(keys("Main-Taunus-Kreis"), ["taunus-innovation-campus"]);
    let output = lotse(&["--db", db, "search", "x", "--region", "karlsruhe"], &[]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("08212") && stderr(&output).contains("08215"), "{}", stderr(&output));
}

#[test]
fn json_dates_are_iso_8601_in_search_and_registrations() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let db = db.to_str().unwrap();
    let now = [("LOTSE_NOW", "2020-10-01")];
    let output = lotse(&["--db", db, "search", "leerstand", "--kind", "roundtable", "--format", "json"], &now);
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(found[0]["starts"], "2020-10-06T13:00");
    assert!(found[0].get("date").is_none(), "the display form stays in the text output");
    let registered = ["--name", "Person 21", "--email", "p21@example.org", "--org", "Stadt"];
    let mut args = vec!["--db", db, "register", "stadtretter-roundtable-leerstand-3"];
    args.extend(registered);
    assert!(lotse(&args, &now).status.success());
    let output = lotse(&["--db", db, "registrations", "--all", "--format", "json"], &now);
    let listed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(listed[0]["starts"], "2020-10-06T13:00");
}

#[test]
fn an_explicit_db_in_a_missing_directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gibt/es/nicht/x.db");
    let output = lotse(&["--db", db.to_str().unwrap(), "regions"], &[]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("gibt es nicht"), "{}", stderr(&output));
    assert!(!dir.path().join("gibt").exists(), "no directories appear");
    let output = lotse(&["--db", db.to_str().unwrap(), "--lang", "en", "regions"], &[]);
    assert!(stderr(&output).contains("does not exist"), "{}", stderr(&output));

    let data_home = dir.path().join("frisch");
    let output = lotse(&["regions"], &[("XDG_DATA_HOME", data_home.to_str().unwrap())]);
    assert!(output.status.success(), "the default location is created: {}", stderr(&output));
    assert!(data_home.join("lotse/lotse.db").exists());
}

#[test]
fn clap_speaks_the_chosen_language() {
    let english = lotse(&["--lang", "en", "--help"], &[]);
    assert!(english.status.success());
    let text = stdout(&english);
    assert!(text.contains("Usage: lotse") && text.contains("Print help") && text.contains("Database file"), "{text}");
    assert!(!text.contains("Datenbank") && !text.contains("Aufruf"), "{text}");
    let german = stdout(&lotse(&["search", "--help"], &[]));
    assert!(german.contains("Aufruf: lotse search [OPTIONEN]") && german.contains("Hilfe anzeigen"), "{german}");
    let wrong = lotse(&["search", "x", "--kind", "kurs"], &[]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).starts_with("lotse: Fehler: „kurs“ ist kein gültiger Wert"), "{}", stderr(&wrong));
    let wrong = lotse(&["serch"], &[("LANG", "en_US.UTF-8")]);
    assert!(stderr(&wrong).contains("unrecognized subcommand 'serch'"), "the locale counts: {}", stderr(&wrong));
}

#[test]
fn english_output_names_regions_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let db = db.to_str().unwrap();
    let found = stdout(&lotse(&["--db", db, "--lang", "en", "search", "roundtable"], &[]));
    assert!(found.contains(", nationwide (stadtretter-roundtable-leerstand-3)"), "{found}");
    let regions = stdout(&lotse(&["--db", db, "--lang", "en", "regions"], &[]));
    assert!(regions.contains("bundesweit nationwide") && regions.contains("Northeim (rural district)"), "{regions}");
}
