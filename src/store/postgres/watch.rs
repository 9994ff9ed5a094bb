//! Live refresh on a server: a connection of its own that LISTENs for the
//! keys the triggers send (an offering's own, or one of its registrations
//! or interests), and makes itself again after a server restart.

use std::collections::HashSet;
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
        while let Some(changes) = next_changes(&mut client) {
            for changed in changes {
                if !notify(changed) {
                    return;
                }
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

/// The offerings and the registrations the notifications within `WAIT`
/// name, each key once, offerings first; `None` once the connection is lost.
fn next_changes(client: &mut Client) -> Option<Vec<Changed>> {
    let mut heard = Heard::default();
    {
        let mut notifications = client.notifications();
        let first = notifications.timeout_iter(WAIT).next().ok()?;
        if let Some(notification) = first {
            heard.add(notification.payload());
            // Those that came with it are already here: no more waiting.
            let mut pending = notifications.iter();
            while let Some(notification) = pending.next().ok()? {
                heard.add(notification.payload());
            }
        }
    }
    let changes = heard.changes();
    // A quiet connection may be a dead one: a server gone without a word.
    if client.is_closed() || (changes.is_empty() && client.is_valid(WAIT).is_err()) {
        return None;
    }
    Some(changes)
}

/// Keys in the order first heard, without repeats: an import of thousands
/// of offerings sends thousands of notifications at once.
#[derive(Default)]
struct Heard {
    offerings: Vec<String>,
    registrations: Vec<String>,
    seen: HashSet<String>,
}

impl Heard {
    fn add(&mut self, payload: &str) {
        if !self.seen.insert(payload.to_owned()) {
            return;
        }
        match payload.split_once(':') {
            Some(("registration", key)) => self.registrations.push(key.to_owned()),
            Some(("offering", key)) => self.offerings.push(key.to_owned()),
            // Not lotse's own form: read everything touched again, to be safe.
            _ => self.offerings.push(payload.to_owned()),
        }
    }

    fn changes(self) -> Vec<Changed> {
        let mut changes = Vec::new();
        if !self.offerings.is_empty() {
            changes.push(Changed::Offerings(self.offerings));
        }
        if !self.registrations.is_empty() {
            changes.push(Changed::Registrations(self.registrations));
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_are_told_apart_and_counted_once() {
        let mut heard = Heard::default();
        for payload in ["registration:a", "offering:b", "registration:a", "offering:b", "registration:b", "c"] {
            heard.add(payload);
        }
        assert_eq!(
            heard.changes(),
            vec![
                Changed::Offerings(vec!["b".to_owned(), "c".to_owned()]),
                Changed::Registrations(vec!["a".to_owned(), "b".to_owned()])
            ]
        );
    }
}
