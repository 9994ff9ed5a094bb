//! Live refresh on a file: `PRAGMA data_version` on a connection of its own
//! changes whenever another connection (another dashboard, a script)
//! commits. SQLite does not say what changed; the log the offerings'
//! triggers keep says which offerings were written or removed, and is read
//! only after a commit, not on every poll.

use std::collections::HashSet;
use std::time::Duration;

use crate::store::Changed;

use super::SqliteStore;

/// How often the file is asked; well within the 2 s a colleague may wait.
const POLL: Duration = Duration::from_millis(250);

fn data_version(store: &SqliteStore) -> Option<i64> {
    store.conn.query_row("PRAGMA data_version", [], |row| row.get(0)).ok()
}

/// The number of the newest logged change of an offering; 0 before any.
fn latest_change(store: &SqliteStore) -> Option<i64> {
    store.conn.query_row("SELECT coalesce(max(seq), 0) FROM offering_changes", [], |row| row.get(0)).ok()
}

/// What the log of offering changes says since change `since`.
#[derive(Debug, PartialEq, Eq)]
enum Logged {
    /// These offerings, each once in the order first changed; `newest` is the last change.
    Offerings { keys: Vec<String>, newest: i64 },
    /// No offering changed: the commit was about something else.
    NoOffering,
    /// The log cannot say: it dropped changes not yet read, or there is none.
    Unknown,
}

fn logged_since(store: &SqliteStore, since: Option<i64>) -> Logged {
    let Some(since) = since else { return Logged::Unknown };
    let read = || -> rusqlite::Result<Vec<(i64, String)>> {
        let mut query =
            store.conn.prepare_cached("SELECT seq, key FROM offering_changes WHERE seq > ?1 ORDER BY seq")?;
        query.query_map([since], |row| Ok((row.get(0)?, row.get(1)?)))?.collect()
    };
    let Ok(changes) = read() else { return Logged::Unknown };
    let Some(&(first, _)) = changes.first() else {
        // Nothing after `since`; unless the log lost `since` itself as well.
        return if latest_change(store) == Some(since) { Logged::NoOffering } else { Logged::Unknown };
    };
    // Numbers are never skipped: a gap is changes the log no longer keeps.
    if first != since + 1 {
        return Logged::Unknown;
    }
    let newest = changes.last().map_or(since, |(seq, _)| *seq);
    let mut seen = HashSet::new();
    let keys = changes.into_iter().map(|(_, key)| key).filter(|key| seen.insert(key.clone())).collect();
    Logged::Offerings { keys, newest }
}

/// A watcher that has read the versions: every later commit counts.
pub(crate) struct Watcher {
    store: SqliteStore,
    last: Option<i64>,
    last_change: Option<i64>,
}

pub(crate) fn start(store: SqliteStore) -> Watcher {
    let last = data_version(&store);
    let last_change = latest_change(&store);
    Watcher { store, last, last_change }
}

/// Tells `notify` of every commit by another connection until it returns false.
pub(crate) fn watch(watcher: Watcher, mut notify: impl FnMut(Changed) -> bool) {
    let Watcher { store, mut last, mut last_change } = watcher;
    loop {
        std::thread::sleep(POLL);
        let now = data_version(&store);
        if now == last {
            continue;
        }
        last = now;
        // Registrations keep no log, and may have come in the same poll as offerings.
        let changes = match logged_since(&store, last_change) {
            Logged::Offerings { keys, newest } => {
                last_change = Some(newest);
                vec![Changed::Offerings(keys), Changed::SomeRegistrations]
            }
            Logged::NoOffering => vec![Changed::SomeRegistrations],
            Logged::Unknown => {
                last_change = latest_change(&store);
                vec![Changed::Unknown]
            }
        };
        for changed in changes {
            if !notify(changed) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sample_records;

    fn written(store: &mut SqliteStore, keys: &[&str]) {
        let sample = sample_records().remove(0);
        let records: Vec<_> = keys
            .iter()
            .map(|key| {
                let mut record = sample.clone();
                record.offering.key = (*key).to_owned();
                record
            })
            .collect();
        store.put_records(&records).unwrap();
    }

    #[test]
    fn the_log_names_each_offering_written_or_removed_once() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let since = latest_change(&store);
        assert_eq!(logged_since(&store, since), Logged::NoOffering);
        written(&mut store, &["a", "b"]);
        written(&mut store, &["a"]);
        store.conn.execute("DELETE FROM offerings WHERE key = 'b'", []).unwrap();
        store.conn.execute("UPDATE offerings SET key = 'c' WHERE key = 'a'", []).unwrap();
        let newest = latest_change(&store).unwrap();
        let keys = ["a", "b", "c"].map(str::to_owned).to_vec();
        assert_eq!(logged_since(&store, since), Logged::Offerings { keys, newest });
        assert_eq!(logged_since(&store, Some(newest)), Logged::NoOffering);
        assert_eq!(logged_since(&store, None), Logged::Unknown);
    }

    #[test]
    fn changes_the_log_dropped_are_unknown() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let since = latest_change(&store);
        written(&mut store, &["a", "b", "c"]);
        let newest = latest_change(&store).unwrap();
        store.conn.execute("DELETE FROM offering_changes WHERE seq < ?1", [newest]).unwrap();
        assert_eq!(logged_since(&store, since), Logged::Unknown);
        store.conn.execute("DELETE FROM offering_changes", []).unwrap();
        assert_eq!(logged_since(&store, Some(newest)), Logged::Unknown, "the last one read is gone too");
    }

    #[test]
    fn the_log_keeps_the_newest_ten_thousand() {
        let store = SqliteStore::open_in_memory().unwrap();
        store
            .conn
            .execute_batch(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10050)
                 INSERT INTO offering_changes (key) SELECT 'k' || i FROM n",
            )
            .unwrap();
        let (count, oldest, newest): (i64, i64, i64) = store
            .conn
            .query_row("SELECT count(*), min(seq), max(seq) FROM offering_changes", [], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .unwrap();
        assert_eq!((count, newest - oldest + 1), (10_000, 10_000));
    }
}
