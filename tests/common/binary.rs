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
