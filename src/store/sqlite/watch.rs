//! Live refresh on a file: `PRAGMA data_version` on a connection of its own
//! changes whenever another connection (another dashboard, a script)
//! commits. SQLite does not say what changed.

use std::time::Duration;

use crate::store::Changed;

use super::SqliteStore;

/// How often the file is asked; well within the 2 s a colleague may wait.
const POLL: Duration = Duration::from_millis(250);

fn version(store: &SqliteStore) -> Option<i64> {
    store.conn.query_row("PRAGMA data_version", [], |row| row.get(0)).ok()
}

/// A watcher that has read the version: every later commit counts.
pub(crate) struct Watcher {
    store: SqliteStore,
    last: Option<i64>,
}

pub(crate) fn start(store: SqliteStore) -> Watcher {
    let last = version(&store);
    Watcher { store, last }
}

/// Tells `notify` of every commit by another connection until it returns false.
pub(crate) fn watch(watcher: Watcher, mut notify: impl FnMut(Changed) -> bool) {
    let Watcher { store, mut last } = watcher;
    loop {
        std::thread::sleep(POLL);
        let now = version(&store);
        if now != last {
            last = now;
            if !notify(Changed::Unknown) {
                return;
            }
        }
    }
}
