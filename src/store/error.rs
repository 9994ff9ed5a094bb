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
    #[error("{} does not exist", .0.display())]
    Missing(PathBuf),
    #[error("cannot create {}: the directory is not writable", .0.display())]
    CannotCreate(PathBuf),
    #[error("{} is read-only and its schema is out of date ({found}, needs {needed})", path.display())]
    ReadOnlyOutdated { path: PathBuf, found: i64, needed: i64 },
    #[error("cannot open {}: {source}", path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("database error: {0}")]
    Query(#[from] rusqlite::Error),
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> StoreError {
        StoreError::known(path, &source).unwrap_or_else(|| StoreError::Sqlite { path: path.to_owned(), source })
    }

    /// A failed write or query on the database at `path`, named for the user
    /// where the cause is one they can act on.
    pub(crate) fn at(path: Option<&Path>, source: rusqlite::Error) -> StoreError {
        path.and_then(|path| StoreError::known(path, &source)).unwrap_or(StoreError::Query(source))
    }

    /// Like [`StoreError::explain`], and names `path` for a failed query
    /// whose cause the user can act on (a damaged or locked file).
    pub fn explain_for(&self, path: &Path, lang: Lang) -> String {
        if let StoreError::Query(source) = self
            && let Some(known) = StoreError::known(path, source)
        {
            return known.explain(lang);
        }
        self.explain(lang)
    }

    fn known(path: &Path, source: &rusqlite::Error) -> Option<StoreError> {
        use rusqlite::ErrorCode;
        let path = path.to_owned();
        match source.sqlite_error_code()? {
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => Some(StoreError::NotADatabase(path)),
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Some(StoreError::Locked(path)),
            ErrorCode::ReadOnly => Some(StoreError::ReadOnly(path)),
            _ => None,
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
                "{} ist schreibgeschützt (die Datei oder ihr Verzeichnis), daher wurde nichts gespeichert und die Datei nicht verändert. Das Dashboard zeigt sie trotzdem an. Zum Ändern: Schreibrechte für Datei und Verzeichnis geben, oder mit --db eine andere Datei wählen.",
                path.display()
            ),
            (StoreError::ReadOnly(path), Lang::En) => format!(
                "{} is read-only (the file or its directory), so nothing was saved and the file was left unchanged. The dashboard still shows it. To change it, grant write access to the file and its directory, or choose another file with --db.",
                path.display()
            ),
            (StoreError::Missing(path), Lang::De) => {
                format!(
                    "{} gibt es nicht. Prüfen Sie den Pfad oder wählen Sie mit --db eine andere Datei.",
                    path.display()
                )
            }
            (StoreError::Missing(path), Lang::En) => {
                format!("{} does not exist. Check the path or choose another file with --db.", path.display())
            }
            (StoreError::CannotCreate(path), Lang::De) => format!(
                "Die Datenbank {} kann nicht angelegt werden: Das Verzeichnis ist schreibgeschützt. Geben Sie Schreibrechte oder wählen Sie mit --db einen anderen Ort.",
                path.display()
            ),
            (StoreError::CannotCreate(path), Lang::En) => format!(
                "Cannot create the database {}: its directory is read-only. Grant write access or choose another place with --db.",
                path.display()
            ),
            (StoreError::ReadOnlyOutdated { path, found, needed }, Lang::De) => format!(
                "{} ist schreibgeschützt und hat ein älteres Schema ({found}, diese Version braucht {needed}); lotse kann es ohne Schreibrechte nicht aktualisieren. Die Datei wurde nicht verändert. Öffnen Sie sie einmal mit Schreibrechten, dann lässt sie sich auch schreibgeschützt ansehen.",
                path.display()
            ),
            (StoreError::ReadOnlyOutdated { path, found, needed }, Lang::En) => format!(
                "{} is read-only and has an older schema ({found}; this version needs {needed}), which lotse cannot update without write access. The file was left unchanged. Open it once with write access; after that it can be browsed read-only too.",
                path.display()
            ),
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
