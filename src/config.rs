//! `config.toml` in the user's config directory: language, theme and key
//! overrides. A missing file means the defaults; a broken one is an error
//! that names the file and the line.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::app::{KeyOverrides, Theme};
use crate::i18n::Lang;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub lang: Option<Lang>,
    pub theme: Option<Theme>,
    /// The command `o` opens links with, instead of the system's opener.
    pub opener: Option<String>,
    /// Start with the filters and the search of the last session.
    #[serde(default)]
    pub restore_filters: bool,
    /// The database: a file path or a PostgreSQL URL; `--db` and `LOTSE_DB` win.
    pub db: Option<PathBuf>,
    #[serde(default)]
    pub keys: KeyOverrides,
    /// Postcode or place name; the profile's home place, when set, wins.
    #[serde(rename = "heimatort")]
    pub home_place: Option<String>,
    /// How old a source may get before the dashboard syncs it at start: "6h", "1d" or "off".
    pub sync_interval: Option<String>,
    /// The proxy sources are fetched through, e.g. "http://proxy.stadt.example:3128".
    pub proxy: Option<String>,
    #[serde(default)]
    pub fetch: FetchLimits,
}

/// Limits for fetching sources; tests and slow networks change them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FetchLimits {
    pub connect_timeout_seconds: Option<u64>,
    pub timeout_seconds: Option<u64>,
    pub max_megabytes: Option<u64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: {source}", path.display())]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

impl ConfigError {
    pub fn explain(&self, lang: Lang) -> String {
        match (self, lang) {
            (ConfigError::Unreadable { path, source }, Lang::De) => format!(
                "Die Einstellungsdatei {} kann nicht gelesen werden ({source}). Prüfen Sie die Rechte oder löschen Sie die Datei.",
                path.display()
            ),
            (ConfigError::Unreadable { path, source }, Lang::En) => format!(
                "Cannot read the settings file {} ({source}). Check its permissions or delete it.",
                path.display()
            ),
            (ConfigError::Invalid { path, message }, Lang::De) => format!(
                "Die Einstellungsdatei {} ist fehlerhaft: {message}\nKorrigieren Sie die Stelle oder benennen Sie die Datei um, um mit den Voreinstellungen zu starten.",
                path.display()
            ),
            (ConfigError::Invalid { path, message }, Lang::En) => format!(
                "The settings file {} is invalid: {message}\nFix it, or rename the file to start with the defaults.",
                path.display()
            ),
        }
    }
}

pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(source) => {
            return Err(ConfigError::Unreadable { path: path.to_owned(), source });
        }
    };
    parse(&text).map_err(|message| ConfigError::Invalid { path: path.to_owned(), message })
}

fn parse(text: &str) -> Result<Config, String> {
    toml::from_str(text).map_err(|error| {
        let line = error.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        match line {
            Some(line) => format!("Zeile {line}: {}", error.message()),
            None => error.message().to_owned(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Command, Mode};

    #[test]
    fn a_full_config_parses() {
        let config = parse(
            r#"
lang = "en"
theme = "light"
heimatort = "65795"
[keys.list]
down = ["n", "Down"]
"#,
        )
        .unwrap();
        assert_eq!(config.lang, Some(Lang::En));
        assert_eq!(config.theme, Some(Theme::Light));
        assert_eq!(config.home_place.as_deref(), Some("65795"));
        assert_eq!(config.keys[&Mode::List][&Command::Down], vec!["n", "Down"]);
    }

    #[test]
    fn mistakes_name_their_line() {
        let message = parse("lang = \"de\"\ntheme = \"pink\"\n").unwrap_err();
        assert!(message.starts_with("Zeile 2:"), "{message}");
        assert!(parse("colour = 1").is_err(), "unknown settings are reported, not ignored");
    }

    #[test]
    fn source_settings_parse() {
        let config =
            parse("sync_interval = \"off\"\nproxy = \"http://proxy:3128\"\n[fetch]\ntimeout_seconds = 2\n").unwrap();
        assert_eq!(config.sync_interval.as_deref(), Some("off"));
        assert_eq!(config.fetch.timeout_seconds, Some(2));
        assert!(parse("[fetch]\nzeit = 1\n").is_err());
    }

    #[test]
    fn a_missing_file_means_defaults() {
        let config = load(Path::new("/nonexistent/lotse/config.toml")).unwrap();
        assert!(config.lang.is_none() && config.keys.is_empty());
    }
}
