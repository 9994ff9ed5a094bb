//! Live refresh on a file: `PRAGMA data_version` on a connection of its own
//! changes whenever another connection (another dashboard, a script)
//! commits. SQLite does not say what changed; a counter the offerings'
//! triggers keep says whether offerings were among it, and is read only
//! after a commit, not on every poll.

use std::time::Duration;

use crate::store::Changed;

use super::SqliteStore;

/// How often the file is asked; well within the 2 s a colleague may wait.
const POLL: Duration = Duration::from_millis(250);

fn data_version(store: &SqliteStore) -> Option<i64> {
    store.conn.query_row("PRAGMA data_version", [], |row| row.get(0)).ok()
}

fn offerings_version(store: &SqliteStore) -> Option<i64> {
    store.conn.query_row("SELECT version FROM offerings_version", [], |row| row.get(0)).ok()
}

/// A watcher that has read the versions: every later commit counts.
pub(crate) struct Watcher {
    store: SqliteStore,
    last: Option<i64>,
    offerings: Option<i64>,
}

pub(crate) fn start(store: SqliteStore) -> Watcher {
    let last = data_version(&store);
    let offerings = offerings_version(&store);
    Watcher { store, last, offerings }
}

/// Tells `notify` of every commit by another connection until it returns false.
pub(crate) fn watch(watcher: Watcher, mut notify: impl FnMut(Changed) -> bool) {
    let Watcher { store, mut last, offerings: mut last_offerings } = watcher;
    loop {
        std::thread::sleep(POLL);
        let now = data_version(&store);
        if now == last {
            continue;
        }
        last = now;
        let offerings = offerings_version(&store);
        // A counter that cannot be read says nothing: assume the worst.
        let changed = if offerings.is_none() || offerings != last_offerings {
            Changed::Unknown
        } else {
            Changed::SomeRegistrations
        };
        last_offerings = offerings;
        if !notify(changed) {
            return;
        }
    }
}
