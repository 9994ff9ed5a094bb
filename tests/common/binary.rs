//! The real binary, run as a user would run it: its own empty home, no
//! config, output captured.

use std::path::Path;
use std::process::{Command, Output};

pub const BINARY: &str = env!("CARGO_BIN_EXE_lotse");

/// `lotse --db DB ARGS…`, with the environment cleared.
pub fn command(db: &Path, args: &[&str]) -> Command {
    command_with(Path::new(BINARY), db, args)
}

/// The same with another copy of the binary.
pub fn command_with(binary: &Path, db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(binary);
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", "/nonexistent")
        .env("LOTSE_CONFIG", "/nonexistent/config.toml");
    command
}

pub fn lotse(db: &Path, args: &[&str]) -> Output {
    command(db, args).output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Its standard output, after checking that it succeeded.
pub fn succeeded(output: &Output) -> String {
    assert!(output.status.success(), "stdout: {}\nstderr: {}", stdout(output), stderr(output));
    stdout(output)
}

/// Its standard error, after checking that it failed cleanly: an exit code
/// of 1 and a message, not a panic.
pub fn failed(output: &Output) -> String {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(1), "stdout: {}\nstderr: {message}", stdout(output));
    assert!(!message.contains("panicked"), "{message}");
    message
}

pub fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A clear screen, a cursor jump, a clipboard write (OSC 52), a window
/// title, a terminal reset and a bidi override, as JSON escapes.
const HOSTILE: &str = "\\u001b[2J\\u001b[H\\u001b]52;c;ZXZpbA==\\u0007\\u001b]0;gekapert\\u0007\\u001bc\\u202e";

/// The title every test sees once the escape sequences are gone.
pub const HOSTILE_TITLE_CLEANED: &str = "Leerstand als Chance – Seminar für Wirtschaftsförderungen";

/// The all-fields fixture with escape sequences in the event's title, in `dir`.
pub fn hostile_import(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("boese.json");
    let json = std::fs::read_to_string(fixture("alle_felder.json")).unwrap().replacen(
        "\"title\": \"Leerstand als Chance",
        &format!("\"title\": \"Leerstand{HOSTILE} als Chance"),
        1,
    );
    std::fs::write(&file, json).unwrap();
    file
}
