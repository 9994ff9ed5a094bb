//! The embedded SQLite backend: opening, migrating and seeding a file,
//! and its SQL. Knows nothing of the UI.

mod exchange;
mod home;
mod migrations;

pub use migrations::LATEST_VERSION;
mod offerings;
mod regions;
pub(crate) mod registrations;
mod seed;
mod sources;
pub(crate) mod watch;

use super::StoreError;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, MAIN_DB, OpenFlags};

/// How long a writer waits for another process's lock before giving up.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub(crate) struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path`, brings its schema
    /// up to date and fills a new database with the sample data. A database
    /// the user may not write (its file or its directory is read-only) opens
    /// for reading only; see [`SqliteStore::is_read_only`].
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsDirectory(path.to_owned()));
        }
        let existed = path.exists();
        if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|source| StoreError::CreateDir { path: parent.to_owned(), source })?;
        }
        create_private(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::PermissionDenied => StoreError::CannotCreate(path.to_owned()),
            _ => StoreError::CreateFile { path: path.to_owned(), source },
        })?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match Connection::open_with_flags(path, flags) {
            Ok(conn) => conn,
            Err(source) if existed && is_access_denied(&source) => return SqliteStore::open_read_only(path),
            Err(source) if !existed && is_access_denied(&source) => {
                return Err(StoreError::CannotCreate(path.to_owned()));
            }
            Err(source) => return Err(StoreError::open(path, source)),
        };
        // SQLite opens a write-protected file for reading without saying so.
        if conn.is_readonly(MAIN_DB).unwrap_or(false) {
            drop(conn);
            return SqliteStore::open_read_only(path);
        }
        match SqliteStore::prepare(conn, Some(path.to_owned())) {
            // A WAL database in a directory the user may not write cannot
            // even be read this way: SQLite would create its -shm file there.
            Err(StoreError::ReadOnly(_)) if existed => SqliteStore::open_read_only(path),
            Err(StoreError::Sqlite { source, .. }) if existed && is_access_denied(&source) => {
                SqliteStore::open_read_only(path)
            }
            other => other,
        }
    }

    /// Opens an existing, up-to-date database for reading only: nothing is
    /// migrated, seeded or written, and every write fails.
    pub fn open_read_only(path: &Path) -> Result<SqliteStore, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsDirectory(path.to_owned()));
        }
        if !path.exists() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let read_only = |uri: &str| -> Result<(Connection, i64), StoreError> {
            let conn = Connection::open_with_flags(uri, flags).map_err(|source| StoreError::open(path, source))?;
            conn.busy_timeout(BUSY_TIMEOUT).map_err(|source| StoreError::open(path, source))?;
            let version = schema_version(&conn).map_err(|source| StoreError::open(path, source))?;
            Ok((conn, version))
        };
        let uri = file_uri(path);
        let (conn, version) = match read_only(&format!("{uri}?mode=ro")) {
            // Without write access to the directory SQLite cannot create the
            // -shm file a WAL database needs; an immutable open reads the
            // file as it is, which is all a read-only browser needs.
            Err(StoreError::ReadOnly(_) | StoreError::Sqlite { .. }) => {
                read_only(&format!("{uri}?mode=ro&immutable=1"))?
            }
            other => other?,
        };
        migrations::check_version(version, path)?;
        if version < migrations::LATEST_VERSION {
            return Err(StoreError::ReadOnlyOutdated {
                path: path.to_owned(),
                found: version,
                needed: migrations::LATEST_VERSION,
            });
        }
        register_functions(&conn).map_err(|source| StoreError::open(path, source))?;
        Ok(SqliteStore { conn, path: Some(path.to_owned()), read_only: true })
    }

    /// Opens (so migrates) the file at `path`: the schema versions before and after.
    pub fn migrate_file(path: &Path) -> Result<(i64, i64), StoreError> {
        let before = match Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) {
            Ok(conn) => schema_version(&conn).map_err(|source| StoreError::open(path, source))?,
            Err(_) => 0,
        };
        let store = SqliteStore::open(path)?;
        store.require_writable()?;
        Ok((before, migrations::LATEST_VERSION))
    }

    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::open(Path::new(":memory:"), source))?;
        SqliteStore::prepare(conn, None)
    }

    fn prepare(conn: Connection, path: Option<PathBuf>) -> Result<SqliteStore, StoreError> {
        let shown_path = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let fail = |source| StoreError::open(&shown_path, source);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        // Reading the version first touches nothing, so a file that is not a
        // database or is too new is refused before anything is written.
        let version = schema_version(&conn).map_err(fail)?;
        migrations::check_version(version, &shown_path)?;
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL").map_err(fail)?;
        }
        conn.pragma_update(None, "foreign_keys", true).map_err(fail)?;
        register_functions(&conn).map_err(fail)?;
        let mut store = SqliteStore { conn, path, read_only: false };
        let migrated_from = migrations::migrate(&mut store.conn).map_err(fail)?;
        seed::seed_once(&mut store.conn).map_err(fail)?;
        // Rows written before migration 0003 lack their folded search fields.
        if (1..migrations::SEARCH_FIELDS_VERSION).contains(&migrated_from) {
            store.backfill_search_fields()?;
        }
        Ok(store)
    }

    /// Whether this store was opened for reading only, because the user may
    /// not write its file or directory. Every write then fails.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The error a write command reports on a read-only store, before it
    /// starts: names the file and says what to do.
    pub fn require_writable(&self) -> Result<(), StoreError> {
        match (&self.path, self.read_only) {
            (Some(path), true) => Err(StoreError::ReadOnly(path.clone())),
            _ => Ok(()),
        }
    }
}

/// Creates a missing database file readable and writable by its owner
/// only: it holds personal data. SQLite gives its -wal and -shm files the
/// same mode.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Whether opening failed for lack of permission rather than a bad file.
fn is_access_denied(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::PermissionDenied)
    )
}

/// A `file:` URI for `path`, so that SQLite takes query parameters; every
/// byte that could end or change the path is percent-encoded.
fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut uri = String::from("file:");
    for byte in path_bytes(&absolute) {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

/// SQLite wants forward slashes and a leading one before a drive letter.
#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    let text = path.to_string_lossy().replace('\\', "/");
    if text.starts_with('/') { text.into_bytes() } else { format!("/{text}").into_bytes() }
}

/// SQL functions the schema's triggers call; every connection needs them
/// before it writes offerings.
fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("lotse_fold", 1, flags, |context| {
        let text: Option<String> = context.get(0)?;
        Ok(text.map(|text| crate::search::fold::fold_text(&text)))
    })
}
