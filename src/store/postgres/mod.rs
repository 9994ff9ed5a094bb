//! The PostgreSQL backend, for a team sharing one store on a server. One
//! synchronous connection (rust-postgres); a lost connection is noticed and
//! made again on the next use, so a server restart costs only the calls
//! made while it was down, and those fail with a clear error.

mod connect;
mod copy;
mod migrations;
mod offerings;
mod registrations;
mod sources;
mod watch;

use std::sync::{Mutex, MutexGuard, PoisonError};

use postgres::Client;

use crate::store::error::ServerName;
use crate::store::{RegistrationError, StoreError};

use self::connect::Target;
pub(crate) use self::registrations::PgLedger;

/// How long one statement may run, and how long it may wait for a row
/// another client holds: a locked offering never freezes the dashboard.
const SESSION_SETTINGS: &str = "SET statement_timeout = '30s'; SET lock_timeout = '5s'";

/// How often a change is tried again after a deadlock or a serialisation failure.
const RETRIES: usize = 20;

pub(crate) struct PgStore {
    target: Target,
    client: Mutex<Option<Client>>,
}

impl PgStore {
    /// Connects, brings the schema up to date (or refuses a newer one) and
    /// loads the reference and sample data into a new database.
    pub fn open(conninfo: &str) -> Result<PgStore, StoreError> {
        let target = connect::target(conninfo, &|name| std::env::var(name).ok())?;
        let mut client = session(&target)?;
        migrations::migrate(&mut client, &target.server).map_err(|error| named(&target.server, error))?;
        Ok(PgStore { target, client: Mutex::new(Some(client)) })
    }

    /// Starts a thread that tells `notify` which offerings others changed,
    /// on a connection of its own, until `notify` returns false.
    pub fn watch(
        conninfo: &str,
        notify: impl FnMut(crate::store::Changed) -> bool + Send + 'static,
    ) -> Result<(), StoreError> {
        let target = connect::target(conninfo, &|name| std::env::var(name).ok())?;
        let listening = watch::listen(&target).map_err(|error| named(&target.server, error))?;
        std::thread::spawn(move || watch::watch(target, listening, notify));
        Ok(())
    }

    /// `lotse db migrate`: the schema versions before and after.
    pub fn migrate(conninfo: &str) -> Result<(i64, i64), StoreError> {
        let target = connect::target(conninfo, &|name| std::env::var(name).ok())?;
        let mut client = session(&target)?;
        migrations::migrate(&mut client, &target.server).map_err(|error| named(&target.server, error))
    }

    /// Whether the last call found the connection gone (and none made since).
    pub fn connection_lost(&self) -> bool {
        self.client.lock().unwrap_or_else(PoisonError::into_inner).as_ref().is_none_or(Client::is_closed)
    }

    /// One round trip, on a new connection if the last one was lost.
    pub fn check_connection(&self) -> Result<(), StoreError> {
        self.run(|client| Ok(client.batch_execute("SELECT 1")?))
    }

    /// Whether the server answers, on a connection used only for that: the
    /// dashboard asks from a thread of its own, so that a server that does
    /// not answer at all holds up no frame.
    pub fn probe(conninfo: &str) -> Result<(), StoreError> {
        let target = connect::target(conninfo, &|name| std::env::var(name).ok())?;
        session(&target).map(drop).map_err(|_| StoreError::ConnectionLost(target.server.clone()))
    }

    /// The connection, made again if the last one was lost.
    fn connection(&self) -> Result<MutexGuard<'_, Option<Client>>, StoreError> {
        let mut slot = self.client.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.as_ref().is_none_or(Client::is_closed) {
            *slot = None;
            let client = session(&self.target).map_err(|_| StoreError::ConnectionLost(self.target.server.clone()))?;
            *slot = Some(client);
        }
        Ok(slot)
    }

    /// Runs a read (or a write that needs no rules) on the connection.
    fn run<T>(&self, work: impl FnOnce(&mut Client) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut slot = self.connection()?;
        let client = slot.as_mut().expect("connection() leaves a client in the slot");
        work(client).map_err(|error| named(&self.target.server, error))
    }

    /// Runs `change` in one transaction whose ledger locks the offering's
    /// row; a deadlock or serialisation failure is tried again.
    pub(crate) fn write<T>(
        &mut self,
        mut change: impl FnMut(&mut PgLedger) -> Result<T, RegistrationError>,
    ) -> Result<T, RegistrationError> {
        let mut attempt = 0;
        loop {
            let result = (|| {
                let mut slot = self.connection()?;
                let client = slot.as_mut().expect("connection() leaves a client in the slot");
                let mut ledger = PgLedger { tx: client.transaction().map_err(StoreError::from)? };
                let value = change(&mut ledger)?;
                ledger.tx.commit().map_err(StoreError::from)?;
                Ok(value)
            })();
            match result {
                Err(RegistrationError::Store(StoreError::Postgres(error)))
                    if is_retryable(&error) && attempt < RETRIES =>
                {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10 * attempt as u64));
                }
                Err(RegistrationError::Store(error)) => {
                    return Err(RegistrationError::Store(named(&self.target.server, error)));
                }
                other => return other,
            }
        }
    }
}

/// A new connection with lotse's session settings.
fn session(target: &Target) -> Result<Client, StoreError> {
    let mut client = target.connect()?;
    client.batch_execute(SESSION_SETTINGS).map_err(|error| named(&target.server, error.into()))?;
    Ok(client)
}

fn is_retryable(error: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    error
        .code()
        .is_some_and(|code| *code == SqlState::T_R_SERIALIZATION_FAILURE || *code == SqlState::T_R_DEADLOCK_DETECTED)
}

/// A server error as the user should read it: a lost connection names the
/// server; anything else keeps the server's own message.
fn named(server: &ServerName, error: StoreError) -> StoreError {
    match error {
        StoreError::Postgres(error) if error.is_closed() || is_connection_error(&error) => {
            StoreError::ConnectionLost(server.clone())
        }
        StoreError::Postgres(error) if is_timeout(&error) => StoreError::Busy(server.clone()),
        StoreError::Postgres(error) if error.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) => {
            StoreError::Denied(server.clone())
        }
        StoreError::Postgres(error) => StoreError::Server(match error.as_db_error() {
            Some(db) => db.message().to_owned(),
            None => error.to_string(),
        }),
        other => other,
    }
}

/// A lock or statement timeout: someone else held what was needed.
fn is_timeout(error: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    error.code().is_some_and(|code| *code == SqlState::LOCK_NOT_AVAILABLE || *code == SqlState::QUERY_CANCELED)
}

/// Errors that mean the server went away: it shut down or was restarted.
fn is_connection_error(error: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    match error.code() {
        Some(code) => {
            code.code().starts_with("08")
                || *code == SqlState::ADMIN_SHUTDOWN
                || *code == SqlState::CRASH_SHUTDOWN
                || *code == SqlState::CANNOT_CONNECT_NOW
        }
        None => std::error::Error::source(error).is_some_and(|source| source.is::<std::io::Error>()),
    }
}
