//! What the program runs with, resolved once from flags, environment and
//! config file, in that order of precedence.

use std::path::PathBuf;

use directories::ProjectDirs;

use crate::app::{Keymap, Theme};
use crate::cli::Cli;
use crate::config::{self, ConfigError};
use crate::desktop::Opener;
use crate::i18n::Lang;
use crate::sources::fetch::FetchConfig;

pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub db_path: PathBuf,
    /// The config file's `heimatort`, as written there.
    pub home_place: Option<String>,
    /// The user's data directory, not a path given with --db or LOTSE_DB.
    pub db_is_default: bool,
    pub opener: Opener,
    /// Where the filters and search of the last session are kept, when
    /// config.toml asks for them to be restored.
    pub session_file: Option<PathBuf>,
    pub sources: SourceSettings,
}

/// How sources are fetched and how often the dashboard syncs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSettings {
    /// None: no sync at start ("off").
    pub interval: Option<chrono::TimeDelta>,
    pub fetch: FetchConfig,
}

impl Default for SourceSettings {
    fn default() -> SourceSettings {
        SourceSettings { interval: Some(chrono::TimeDelta::hours(6)), fetch: FetchConfig::default() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    BadKey(String),
    #[error("no home directory")]
    NoHome,
    #[error("sync_interval {0}")]
    BadInterval(String),
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
            (SettingsError::BadInterval(value), Lang::De) => format!(
                "sync_interval = „{value}“ in der Einstellungsdatei ist keine Dauer; erwartet z. B. \"6h\", \"1d\" oder \"off\""
            ),
            (SettingsError::BadInterval(value), Lang::En) => format!(
                "sync_interval = \"{value}\" in the settings file is not a duration; expected e.g. \"6h\", \"1d\" or \"off\""
            ),
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
    let sources = source_settings(&config)?;
    let opener = std::env::var("LOTSE_OPENER").ok().or(config.opener).map_or(Opener::System, Opener::Command);
    // Beside the database: each database has its own last session.
    let session_file = config.restore_filters.then(|| db_path.with_extension("session.toml"));
    Ok(Settings {
        lang,
        theme,
        keymap,
        db_path,
        db_is_default: cli.db.is_none(),
        home_place: config.home_place,
        sources,
        opener,
        session_file,
    })
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

fn source_settings(config: &config::Config) -> Result<SourceSettings, SettingsError> {
    let defaults = SourceSettings::default();
    let interval = match config.sync_interval.as_deref().map(str::trim) {
        None => defaults.interval,
        Some("off") => None,
        Some(text) => {
            let duration = humantime::parse_duration(text).map_err(|_| SettingsError::BadInterval(text.to_owned()))?;
            Some(chrono::TimeDelta::from_std(duration).map_err(|_| SettingsError::BadInterval(text.to_owned()))?)
        }
    };
    let limits = &config.fetch;
    let seconds = |value: Option<u64>, default: std::time::Duration| {
        value.map_or(default, |seconds| std::time::Duration::from_secs(seconds.max(1)))
    };
    let fetch = FetchConfig {
        connect_timeout: seconds(limits.connect_timeout_seconds, defaults.fetch.connect_timeout),
        total_timeout: seconds(limits.timeout_seconds, defaults.fetch.total_timeout),
        body_limit: limits.max_megabytes.map_or(defaults.fetch.body_limit, |megabytes| megabytes.max(1) * 1_000_000),
        proxy: config.proxy.clone().filter(|proxy| !proxy.trim().is_empty()),
    };
    Ok(SourceSettings { interval, fetch })
}
