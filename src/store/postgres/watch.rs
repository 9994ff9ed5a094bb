//! Live refresh on a server: a connection of its own that LISTENs for the
//! keys the triggers send, and makes itself again after a server restart.

use std::time::Duration;

use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;

use crate::store::{Changed, StoreError};

use super::connect::Target;
use super::session;

/// How long the watcher waits for a notification before it checks its connection.
const WAIT: Duration = Duration::from_millis(500);
/// How long it waits before trying a lost server again.
const RETRY: Duration = Duration::from_secs(1);

/// Tells `notify` of every change after `listening` until it returns false.
pub(crate) fn watch(target: Target, listening: Client, mut notify: impl FnMut(Changed) -> bool) {
    let mut connection = Some(listening);
    loop {
        let mut client = match connection.take() {
            Some(client) => client,
            None => match listen(&target) {
                Ok(client) => {
                    // Whatever happened while the connection was down went unheard.
                    if !notify(Changed::Unknown) {
                        return;
                    }
                    client
                }
                Err(_) => {
                    std::thread::sleep(RETRY);
                    continue;
                }
            },
        };
        loop {
            match next_keys(&mut client) {
                Some(keys) if keys.is_empty() => {}
                Some(keys) => {
                    if !notify(Changed::Offerings(keys)) {
                        return;
                    }
                }
                None => break,
            }
        }
    }
}

/// A connection that hears every change committed from now on.
pub(crate) fn listen(target: &Target) -> Result<Client, StoreError> {
    let mut client = session(target)?;
    client.batch_execute("LISTEN lotse_changes")?;
    Ok(client)
}

/// The keys of the notifications that came within `WAIT`, without
/// repeats; `None` once the connection is lost.
fn next_keys(client: &mut Client) -> Option<Vec<String>> {
    let mut keys: Vec<String> = Vec::new();
    let mut add = |payload: &str| {
        if !keys.iter().any(|key| key == payload) {
            keys.push(payload.to_owned());
        }
    };
    {
        let mut notifications = client.notifications();
        let first = notifications.timeout_iter(WAIT).next().ok()?;
        if let Some(notification) = first {
            add(notification.payload());
            // Those that came with it are already here: no more waiting.
            let mut pending = notifications.iter();
            while let Some(notification) = pending.next().ok()? {
                add(notification.payload());
            }
        }
    }
    // A quiet connection may be a dead one: a server gone without a word.
    if client.is_closed() || (keys.is_empty() && client.is_valid(WAIT).is_err()) {
        return None;
    }
    Some(keys)
}
