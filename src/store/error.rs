use std::path::{Path, PathBuf};

use crate::domain::rules::{Broken, Refusal};
use crate::i18n::Lang;

/// The server a PostgreSQL store is on, as messages name it: never with a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerName {
    pub host: String,
    pub port: u16,
    pub dbname: String,
    pub user: String,
}

impl std::fmt::Display for ServerName {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}@{}:{}/{}", self.user, self.host, self.port, self.dbname)
    }
}

/// Why a connection to the server failed, as far as the user can act on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectFailure {
    Unreachable(String),
    BadPassword,
    NoDatabase,
    Tls(String),
    /// The certificate does not lead to the CA in `sslrootcert`.
    Untrusted,
    /// The certificate is the CA's, but for another host name.
    WrongName,
    Other(String),
}

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
    #[error("cannot connect to {server}: {failure:?}")]
    Connect { server: ServerName, failure: ConnectFailure },
    #[error("invalid connection string: {0}")]
    BadConninfo(String),
    #[error("the connection to {0} was lost")]
    ConnectionLost(ServerName),
    /// Another client held what this change needed for longer than lotse waits.
    #[error("{0} is busy")]
    Busy(ServerName),
    #[error("the schema on {server} is {found}; {user} may not migrate it to {needed}")]
    MigrationDenied { server: ServerName, user: String, found: i64, needed: i64 },
    #[error("server error: {0}")]
    Server(String),
    /// The login's role does not allow the change (row-level security or a missing GRANT).
    #[error("{0}: permission denied")]
    Denied(ServerName),
    /// The login neither organises the offering nor administers the store.
    #[error("{user} does not organise {key}")]
    NotOrganiser { key: String, user: String },
    /// A PostgreSQL error not yet put in the user's terms (see `Server`, `ConnectionLost`).
    #[error("database server error: {0}")]
    Postgres(#[from] postgres::Error),
}

/// Why a registration, cancellation or undo did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RegistrationError {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("no registration of {email} for {key}")]
    NotRegistered { key: String, email: String },
    /// An undo whose change was overtaken by later ones.
    #[error("the change can no longer be undone")]
    Overtaken,
    /// The login's role on a shared server does not allow it.
    #[error("not allowed: {0:?}")]
    Forbidden(Forbidden),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a login's role on a shared server does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forbidden {
    /// Only organisers register other people, and only for their own offerings.
    RegisterOthers,
    /// Only organisers cancel other people's registrations, of their own offerings.
    CancelOthers,
}

impl From<rusqlite::Error> for RegistrationError {
    fn from(error: rusqlite::Error) -> RegistrationError {
        RegistrationError::Store(StoreError::Query(error))
    }
}

impl From<postgres::Error> for RegistrationError {
    fn from(error: postgres::Error) -> RegistrationError {
        RegistrationError::Store(StoreError::Postgres(error))
    }
}

impl From<Broken> for RegistrationError {
    fn from(broken: Broken) -> RegistrationError {
        match broken {
            Broken::Refused(refusal) => RegistrationError::Refused(refusal),
            Broken::NotRegistered { key, email } => RegistrationError::NotRegistered { key, email },
            Broken::Overtaken => RegistrationError::Overtaken,
        }
    }
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
            (StoreError::Connect { server, failure }, lang) => explain_connect(server, failure, lang),
            (StoreError::BadConninfo(problem), Lang::De) => format!(
                "Die Verbindungsangabe für den PostgreSQL-Server ist fehlerhaft: {problem}. Erwartet wird eine URL wie postgresql://benutzer@server/datenbank oder eine Angabe wie \"host=server dbname=lotse\"."
            ),
            (StoreError::BadConninfo(problem), Lang::En) => format!(
                "The PostgreSQL connection string is invalid: {problem}. Expected a URL like postgresql://user@server/database or a string like \"host=server dbname=lotse\"."
            ),
            (StoreError::ConnectionLost(server), Lang::De) => format!(
                "Verbindung zum Datenbankserver unterbrochen, nichts wurde gespeichert; lotse verbindet sich beim nächsten Schritt neu, sobald der Server wieder erreichbar ist (Server {}, Port {}, Datenbank {}, Benutzer {}).",
                server.host, server.port, server.dbname, server.user
            ),
            (StoreError::ConnectionLost(server), Lang::En) => format!(
                "Connection to the database server lost, nothing was saved; lotse reconnects with the next step once the server is back (server {}, port {}, database {}, user {}).",
                server.host, server.port, server.dbname, server.user
            ),
            (StoreError::Busy(server), Lang::De) => format!(
                "Der Datenbankserver {} (Datenbank {}) ist gerade mit einer anderen Änderung derselben Daten beschäftigt; nichts wurde gespeichert. Versuchen Sie es gleich noch einmal.",
                server.host, server.dbname
            ),
            (StoreError::Busy(server), Lang::En) => format!(
                "The database server {} (database {}) is busy with another change to the same data; nothing was saved. Please try again in a moment.",
                server.host, server.dbname
            ),
            (StoreError::MigrationDenied { server, user, found, needed }, Lang::De) => format!(
                "Die Datenbank {} auf {} hat Schema {found}, diese lotse-Version braucht {needed}. Der Benutzer {user} darf das Schema nicht ändern; nichts wurde verändert. Bitten Sie die Administration, einmal `lotse --db … db migrate` mit einer Anmeldung der Rolle lotse_admin auszuführen.",
                server.dbname, server.host
            ),
            (StoreError::MigrationDenied { server, user, found, needed }, Lang::En) => format!(
                "The database {} on {} has schema {found}; this lotse needs {needed}. The user {user} may not change the schema, so nothing was changed. Ask your administrator to run `lotse --db … db migrate` once with a login in the role lotse_admin.",
                server.dbname, server.host
            ),
            (StoreError::Denied(server), Lang::De) => format!(
                "Die Anmeldung {} darf das in der Datenbank {} auf {} nicht; nichts wurde geändert. Angebote importieren und ändern dürfen die Rolle lotse_organiser (ihre eigenen Angebote) und lotse_admin. Bitten Sie Ihre IT um die passende Rolle.",
                server.user, server.dbname, server.host
            ),
            (StoreError::Denied(server), Lang::En) => format!(
                "The login {} may not do this in the database {} on {}; nothing was changed. Importing and changing offerings is for the role lotse_organiser (their own offerings) and lotse_admin. Ask your IT for the right role.",
                server.user, server.dbname, server.host
            ),
            (StoreError::NotOrganiser { key, user }, Lang::De) => format!(
                "Die Teilnehmerliste von {key} sehen nur das Organisationsteam dieses Angebots und die Administration; {user} gehört nicht dazu. Wer ein Angebot importiert, organisiert es (Rolle lotse_organiser); alle Listen sieht die Rolle lotse_admin. Bitten Sie Ihre IT um die passende Rolle."
            ),
            (StoreError::NotOrganiser { key, user }, Lang::En) => format!(
                "Only the organisers of {key} and the administrators see its participants; {user} is neither. Whoever imports an offering organises it (role lotse_organiser); the role lotse_admin sees every list. Ask your IT for the right role."
            ),
            (StoreError::Postgres(source), Lang::De) => format!("Fehler des Datenbankservers: {source}"),
            (StoreError::Postgres(source), Lang::En) => format!("Database server error: {source}"),
            (StoreError::Server(message), Lang::De) => format!("Fehler des Datenbankservers: {message}"),
            (StoreError::Server(message), Lang::En) => format!("Database server error: {message}"),
        }
    }
}

fn explain_connect(server: &ServerName, failure: &ConnectFailure, lang: Lang) -> String {
    let ServerName { host, port, dbname, user } = server;
    match (failure, lang) {
        (ConnectFailure::Unreachable(detail), Lang::De) => format!(
            "Der Datenbankserver {host} (Port {port}) ist nicht erreichbar ({detail}); Datenbank {dbname}, Benutzer {user}. Prüfen Sie Servername, Port und Netzwerk, oder fragen Sie Ihre IT, ob der Server läuft."
        ),
        (ConnectFailure::Unreachable(detail), Lang::En) => format!(
            "The database server {host} (port {port}) cannot be reached ({detail}); database {dbname}, user {user}. Check the server name, port and network, or ask your IT whether the server is running."
        ),
        (ConnectFailure::BadPassword, Lang::De) => format!(
            "Der Datenbankserver {host} (Port {port}) hat die Anmeldung als {user} an der Datenbank {dbname} abgelehnt: Benutzer oder Passwort stimmen nicht. Prüfen Sie das Passwort (in der URL, PGPASSWORD oder ~/.pgpass)."
        ),
        (ConnectFailure::BadPassword, Lang::En) => format!(
            "The database server {host} (port {port}) refused the login as {user} to the database {dbname}: wrong user or password. Check the password (in the URL, PGPASSWORD or ~/.pgpass)."
        ),
        (ConnectFailure::NoDatabase, Lang::De) => format!(
            "Auf dem Datenbankserver {host} (Port {port}) gibt es die Datenbank {dbname} nicht (Benutzer {user}). Ihre IT legt sie mit `createdb {dbname}` an."
        ),
        (ConnectFailure::NoDatabase, Lang::En) => format!(
            "The database {dbname} does not exist on the database server {host} (port {port}; user {user}). Your IT creates it with `createdb {dbname}`."
        ),
        (ConnectFailure::Tls(detail), Lang::De) => format!(
            "Die verschlüsselte Verbindung zum Datenbankserver {host} (Port {port}, Datenbank {dbname}, Benutzer {user}) ist gescheitert: {detail}. Prüfen Sie sslmode und das Zertifikat in sslrootcert."
        ),
        (ConnectFailure::Tls(detail), Lang::En) => format!(
            "The encrypted connection to the database server {host} (port {port}, database {dbname}, user {user}) failed: {detail}. Check sslmode and the certificate in sslrootcert."
        ),
        (ConnectFailure::Untrusted, Lang::De) => format!(
            "Die verschlüsselte Verbindung zum Datenbankserver {host} (Port {port}, Datenbank {dbname}, Benutzer {user}) ist gescheitert: Sein Zertifikat ist nicht von der CA in sslrootcert ausgestellt. Prüfen Sie, ob sslrootcert auf das CA-Zertifikat Ihrer IT zeigt."
        ),
        (ConnectFailure::Untrusted, Lang::En) => format!(
            "The encrypted connection to the database server {host} (port {port}, database {dbname}, user {user}) failed: its certificate was not issued by the CA in sslrootcert. Check that sslrootcert points to your IT's CA certificate."
        ),
        (ConnectFailure::WrongName, Lang::De) => format!(
            "Die verschlüsselte Verbindung zum Datenbankserver {host} (Port {port}, Datenbank {dbname}, Benutzer {user}) ist gescheitert: Sein Zertifikat stammt von der CA in sslrootcert, gilt aber nicht für den Namen {host}. Verbinden Sie mit dem Namen aus dem Zertifikat, oder prüfen Sie mit sslmode=verify-ca nur die CA."
        ),
        (ConnectFailure::WrongName, Lang::En) => format!(
            "The encrypted connection to the database server {host} (port {port}, database {dbname}, user {user}) failed: its certificate comes from the CA in sslrootcert but is not valid for the name {host}. Connect with the name in the certificate, or check only the CA with sslmode=verify-ca."
        ),
        (ConnectFailure::Other(detail), Lang::De) => format!(
            "Keine Verbindung zum Datenbankserver {host} (Port {port}, Datenbank {dbname}, Benutzer {user}): {detail}"
        ),
        (ConnectFailure::Other(detail), Lang::En) => format!(
            "Cannot connect to the database server {host} (port {port}, database {dbname}, user {user}): {detail}"
        ),
    }
}
