use std::path::{Path, PathBuf};

use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} is a directory, not a database file", .0.display())]
    IsDirectory(PathBuf),
    #[error("cannot create {}: {source}", path.display())]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("cannot create {}: {source}", path.display())]
    CreateFile { path: PathBuf, source: std::io::Error },
    #[error("{} is not a lotse database (or it is damaged)", .0.display())]
    NotADatabase(PathBuf),
    #[error("{} was written by a newer lotse (schema {found}, this one knows {known})", path.display())]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{} is locked by another program", .0.display())]
    Locked(PathBuf),
    #[error("{} is read-only", .0.display())]
    ReadOnly(PathBuf),
    #[error("cannot open {}: {source}", path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("database error: {0}")]
    Query(#[from] rusqlite::Error),
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        let path = path.to_owned();
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::NotADatabase(path),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked(path),
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(path),
            _ => StoreError::Sqlite { path, source },
        }
    }

    /// One paragraph for the user: what went wrong, with which file, and what to do.
    pub fn explain(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::IsDirectory(path), Lang::De) => format!(
                "{} ist ein Verzeichnis, keine Datenbankdatei. Geben Sie mit --db oder LOTSE_DB einen Dateipfad an, z. B. {}/lotse.db.",
                path.display(),
                path.display()
            ),
            (StoreError::IsDirectory(path), Lang::En) => format!(
                "{} is a directory, not a database file. Pass a file path with --db or LOTSE_DB, e.g. {}/lotse.db.",
                path.display(),
                path.display()
            ),
            (StoreError::CreateDir { path, source }, Lang::De) => format!(
                "Das Verzeichnis {} kann nicht angelegt werden ({source}). Prüfen Sie die Schreibrechte oder wählen Sie mit --db einen anderen Ort.",
                path.display()
            ),
            (StoreError::CreateDir { path, source }, Lang::En) => format!(
                "Cannot create the directory {} ({source}). Check the permissions or choose another place with --db.",
                path.display()
            ),
            (StoreError::CreateFile { path, source }, Lang::De) => format!(
                "Die Datenbankdatei {} kann nicht angelegt werden ({source}). Prüfen Sie die Schreibrechte im Verzeichnis oder wählen Sie mit --db einen anderen Ort.",
                path.display()
            ),
            (StoreError::CreateFile { path, source }, Lang::En) => format!(
                "Cannot create the database file {} ({source}). Check the directory's permissions or choose another place with --db.",
                path.display()
            ),
            (StoreError::NotADatabase(path), Lang::De) => format!(
                "{} ist keine lotse-Datenbank oder sie ist beschädigt. Die Datei wurde nicht verändert. Sichern oder verschieben Sie sie und starten Sie lotse erneut, oder wählen Sie mit --db eine andere Datei.",
                path.display()
            ),
            (StoreError::NotADatabase(path), Lang::En) => format!(
                "{} is not a lotse database, or it is damaged. The file was left unchanged. Back it up or move it away and start lotse again, or choose another file with --db.",
                path.display()
            ),
            (StoreError::TooNew { path, found, known }, Lang::De) => format!(
                "{} stammt von einer neueren lotse-Version (Schema {found}, diese Version kennt {known}). Die Datei wurde nicht verändert. Bitte aktualisieren Sie lotse.",
                path.display()
            ),
            (StoreError::TooNew { path, found, known }, Lang::En) => format!(
                "{} was written by a newer lotse (schema {found}; this version knows {known}). The file was left unchanged. Please update lotse.",
                path.display()
            ),
            (StoreError::Locked(path), Lang::De) => format!(
                "{} ist von einem anderen Programm gesperrt. Schließen Sie andere lotse-Fenster oder Skripte und versuchen Sie es erneut.",
                path.display()
            ),
            (StoreError::Locked(path), Lang::En) => format!(
                "{} is locked by another program. Close other lotse windows or scripts and try again.",
                path.display()
            ),
            (StoreError::ReadOnly(path), Lang::De) => format!(
                "{} ist schreibgeschützt. Prüfen Sie die Dateirechte oder wählen Sie mit --db eine andere Datei.",
                path.display()
            ),
            (StoreError::ReadOnly(path), Lang::En) => {
                format!("{} is read-only. Check the file permissions or choose another file with --db.", path.display())
            }
            (StoreError::Sqlite { path, source }, Lang::De) => format!(
                "Die Datenbank {} kann nicht geöffnet werden: {source}. Prüfen Sie Pfad und Rechte oder wählen Sie mit --db eine andere Datei.",
                path.display()
            ),
            (StoreError::Sqlite { path, source }, Lang::En) => format!(
                "Cannot open the database {}: {source}. Check the path and permissions, or choose another file with --db.",
                path.display()
            ),
            (StoreError::Query(source), Lang::De) => format!("Datenbankfehler: {source}"),
            (StoreError::Query(source), Lang::En) => format!("Database error: {source}"),
        }
    }
}
