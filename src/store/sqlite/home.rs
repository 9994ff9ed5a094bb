//! The user's home place, as typed; resolving it is the gazetteer's job.

use rusqlite::{Connection, OptionalExtension};

use super::{SqliteStore, StoreError};

impl SqliteStore {
    pub fn home_place(&self) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row("SELECT place FROM home_place WHERE id = 1", [], |row| row.get(0)).optional()?)
    }

    /// Sets the home place, or forgets it with `None`.
    pub fn set_home_place(&mut self, place: Option<&str>) -> Result<(), StoreError> {
        match place {
            Some(place) => upsert_home_place(&self.conn, place)?,
            None => {
                self.conn.execute("DELETE FROM home_place", [])?;
            }
        };
        Ok(())
    }
}

/// Sets the home place; `db copy` writes it in its own transaction.
pub(super) fn upsert_home_place(conn: &Connection, place: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO home_place (id, place) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET place = excluded.place",
        [place],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_place_is_set_changed_and_forgotten() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        assert_eq!(store.home_place().unwrap(), None);
        store.set_home_place(Some("65795")).unwrap();
        store.set_home_place(Some("Hattersheim am Main")).unwrap();
        assert_eq!(store.home_place().unwrap().as_deref(), Some("Hattersheim am Main"));
        store.set_home_place(None).unwrap();
        assert_eq!(store.home_place().unwrap(), None);
    }
}
