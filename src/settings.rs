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
    /// The config file's `heimatort`, as written there.
    pub home_place: Option<String>,
    /// The user's data directory, not a path given with --db or LOTSE_DB.
    pub db_is_default: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    BadKey(String),
    #[error("no home directory")]
    NoHome,
    #[error("{} does not exist", .0.display())]
    MissingDbDir(PathBuf),
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
            (SettingsError::MissingDbDir(dir), Lang::De) => format!(
                "Das Verzeichnis {} gibt es nicht. Legen Sie es an (mkdir -p) oder geben Sie mit --db einen Pfad in einem vorhandenen Verzeichnis an.",
                dir.display()
            ),
            (SettingsError::MissingDbDir(dir), Lang::En) => format!(
                "The directory {} does not exist. Create it (mkdir -p) or pass --db a path in an existing directory.",
                dir.display()
            ),
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

/// The config file's `lang`, for texts needed before the arguments are
/// parsed; a broken file is reported once they are.
pub fn configured_lang(explicit: Option<PathBuf>) -> Option<Lang> {
    let path = explicit.or_else(|| project_dirs().map(|dirs| dirs.config_dir().join("config.toml")))?;
    config::load(&path).ok()?.lang
}

pub fn locale_or_default() -> Lang {
    locale_lang().unwrap_or_default()
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
    Ok(Settings { lang, theme, keymap, db_path, db_is_default: cli.db.is_none(), home_place: config.home_place })
}

impl Settings {
    /// The data directory is lotse's to create; a directory named with
    /// --db that does not exist is more likely a typo than a wish, and
    /// creating it would hide the mistake behind an empty database.
    pub fn check_db_directory(&self) -> Result<(), SettingsError> {
        // A server has no directory here (and its URL may hold a password).
        if matches!(crate::store::Location::parse(&self.db_path), crate::store::Location::Postgres(_)) {
            return Ok(());
        }
        let parent = self.db_path.parent().filter(|parent| !parent.as_os_str().is_empty());
        match parent {
            Some(parent) if !self.db_is_default && !parent.is_dir() => {
                Err(SettingsError::MissingDbDir(parent.to_owned()))
            }
            _ => Ok(()),
        }
    }

    /// The command that removes the demo data again, with the database it
    /// was added to.
    pub fn demo_removal_command(&self) -> String {
        let mut command = "lotse demo-data --remove".to_owned();
        if !self.db_is_default {
            // A server's URL shows without its password, which the user gives again.
            let path: std::borrow::Cow<str> = crate::store::Location::parse(&self.db_path).masked().into();
            // A path the shell cannot take (a NUL byte) is shown as it is.
            let quoted = shlex::try_quote(&path).unwrap_or(path.clone());
            command.push_str(&format!(" --db {quoted}"));
        }
        command
    }
}
