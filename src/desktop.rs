//! What lotse hands to the world outside the terminal: links to the
//! system's opener, text to the clipboard through the terminal (OSC 52).

use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine;

/// How `o` opens a link.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Opener {
    /// xdg-open, open or start, through the `open` crate.
    #[default]
    System,
    /// A command line of the user's (`LOTSE_OPENER`, `opener` in
    /// config.toml); the link is its last argument. Tests use it so that
    /// no browser starts.
    Command(String),
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("only http and https links are opened")]
    NotWeb,
    #[error("the opener command is empty or unbalanced: {0}")]
    BadCommand(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Opener {
    pub fn open(&self, url: &str) -> Result<(), OpenError> {
        // Data decides the link: nothing but a web address reaches a program
        // (no file paths, no "-option" that an opener would take as a flag).
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(OpenError::NotWeb);
        }
        match self {
            Opener::System => Ok(open::that_detached(url)?),
            Opener::Command(line) => {
                let words = shlex::split(line).filter(|words| !words.is_empty());
                let words = words.ok_or_else(|| OpenError::BadCommand(line.clone()))?;
                let mut child = Command::new(&words[0])
                    .args(&words[1..])
                    .arg(url)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()?;
                // Reaped in the background: a browser may take its time.
                std::thread::spawn(move || child.wait());
                Ok(())
            }
        }
    }
}

/// The OSC 52 sequence that asks the terminal to put `text` on the
/// system clipboard. Only lotse writes it; text from the data never
/// carries one to the terminal (see `sanitize`).
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\u{1b}]52;c;{encoded}\u{7}")
}

/// Writes the clipboard sequence to the terminal.
pub fn copy_to_terminal(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(osc52(text).as_bytes())?;
    stdout.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(osc52("https://example.org/ä"), "\u{1b}]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy/DpA==\u{7}");
        assert_eq!(crate::sanitize::for_terminal(&osc52("x")), "", "and the sanitiser would strip it from data");
    }

    #[test]
    fn only_web_links_reach_the_opener() {
        let opener = Opener::Command("true".into());
        assert!(matches!(opener.open("file:///etc/passwd"), Err(OpenError::NotWeb)));
        assert!(matches!(opener.open("-x https://a.b"), Err(OpenError::NotWeb)));
        assert!(opener.open("https://example.org").is_ok());
        assert!(matches!(Opener::Command("'unbalanced".into()).open("https://a.b"), Err(OpenError::BadCommand(_))));
    }

    #[test]
    fn the_command_gets_the_link_as_its_last_argument() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("opened");
        let opener = Opener::Command(format!("sh -c 'printf %s \"$1\" > {}' opener", file.display()));
        opener.open("https://www.die-stadtretter.de").unwrap();
        let started = std::time::Instant::now();
        while !file.exists() || std::fs::read_to_string(&file).unwrap().is_empty() {
            assert!(started.elapsed().as_secs() < 10, "the opener ran");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "https://www.die-stadtretter.de");
    }
}
