//! The local SQLite store: opening, migrating and seeding it, and the
//! queries the rest of lotse needs. Knows SQL; knows nothing of the UI.

mod error;
mod migrations;
mod offerings;
mod regions;
mod registrations;
mod seed;

pub use error::StoreError;
pub use offerings::Searchable;
pub use regions::{Kreis, Land, RegionDirectory};
pub use registrations::{Cancelled, Change, Refusal, Registered, RegistrationError, Undone, WhenFull};
pub use seed::sample_records;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, brings its schema
    /// up to date and fills a new database with the sample data.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsDirectory(path.to_owned()));
        }
        if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|source| StoreError::CreateDir { path: parent.to_owned(), source })?;
        }
        create_private(path).map_err(|source| StoreError::CreateFile { path: path.to_owned(), source })?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::open(path, source))?;
        Store::prepare(conn, Some(path.to_owned()))
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::open(Path::new(":memory:"), source))?;
        Store::prepare(conn, None)
    }

    fn prepare(conn: Connection, path: Option<PathBuf>) -> Result<Store, StoreError> {
        let shown_path = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let fail = |source| StoreError::open(&shown_path, source);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        // Reading the version first touches nothing, so a file that is not a
        // database or is too new is refused before anything is written.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(fail)?;
        migrations::check_version(version, &shown_path)?;
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL").map_err(fail)?;
        }
        conn.pragma_update(None, "foreign_keys", true).map_err(fail)?;
        register_functions(&conn).map_err(fail)?;
        let mut store = Store { conn, path };
        let migrated_from = migrations::migrate(&mut store.conn).map_err(fail)?;
        seed::seed_once(&mut store.conn).map_err(fail)?;
        // Rows written before migration 0003 lack their folded search fields.
        if (1..migrations::SEARCH_FIELDS_VERSION).contains(&migrated_from) {
            store.backfill_search_fields()?;
        }
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
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
