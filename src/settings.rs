//! What the program runs with, resolved once from flags, environment and
//! config file, in that order of precedence.

use std::path::PathBuf;

use directories::ProjectDirs;

use crate::app::{Keymap, Theme};
use crate::cli::Cli;
use crate::config::{self, ConfigError};
use crate::i18n::Lang;

pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub db_path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    BadKey(String),
    #[error("no home directory")]
    NoHome,
}

impl SettingsError {
    pub fn explain(&self, lang: Lang) -> String {
        match (self, lang) {
            (SettingsError::Config(error), _) => error.explain(lang),
            (SettingsError::BadKey(message), Lang::De) => {
                format!("Die Tastenbelegung in der Einstellungsdatei ist fehlerhaft: {message}")
            }
            (SettingsError::BadKey(message), Lang::En) => {
                format!("The key bindings in the settings file are invalid: {message}")
            }
            (SettingsError::NoHome, Lang::De) => {
                "Kein Benutzerverzeichnis gefunden. Geben Sie die Datenbank mit --db oder LOTSE_DB an.".to_owned()
            }
            (SettingsError::NoHome, Lang::En) => {
                "No home directory found. Pass the database with --db or LOTSE_DB.".to_owned()
            }
        }
    }
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "lotse")
}

/// The language before any config is read: from the flag or the locale.
pub fn early_lang(cli: &Cli) -> Lang {
    cli.lang.or_else(locale_lang).unwrap_or_default()
}

fn locale_lang() -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| Lang::from_locale(&value))
}

pub fn resolve(cli: &Cli) -> Result<Settings, SettingsError> {
    let config_path = match &cli.config {
        Some(path) => Some(path.clone()),
        None => project_dirs().map(|dirs| dirs.config_dir().join("config.toml")),
    };
    let config = match &config_path {
        Some(path) => config::load(path)?,
        None => config::Config::default(),
    };
    let lang = cli.lang.or(config.lang).or_else(locale_lang).unwrap_or_default();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let theme = if no_color { Theme::Plain } else { cli.theme.map(Theme::from).or(config.theme).unwrap_or_default() };
    let keymap = Keymap::with_overrides(&config.keys).map_err(|error| SettingsError::BadKey(error.to_string()))?;
    let db_path = match cli.db.as_ref().or(config.db.as_ref()) {
        Some(path) => path.clone(),
        None => project_dirs().map(|dirs| dirs.data_dir().join("lotse.db")).ok_or(SettingsError::NoHome)?,
    };
    Ok(Settings { lang, theme, keymap, db_path })
}
