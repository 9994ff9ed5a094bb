use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, named_params};

use crate::domain::{Kind, LongText, Offering, Record};
use crate::search::SearchIndex;
use crate::search::index::IndexBuilder;
use crate::store::row::{OfferingColumns, OfferingRow, replaced_on_upsert, stored_moment};
use crate::store::{ListingRow, RegionDirectory, Searchable, search_fields};

use super::{SqliteStore, StoreError};

pub(super) use crate::store::row::OFFERING_COLUMNS;

/// Inserts or replaces the record with the same key.
pub(super) fn upsert(conn: &Connection, record: &Record, regions: &RegionDirectory) -> rusqlite::Result<()> {
    let row = OfferingRow::new(record, regions);
    let offering = &record.offering;
    conn.prepare_cached(concat!(
        "INSERT INTO offerings (key, kind, title, organiser, place, region_code, land_code, topics,
                                source_title, source_publisher, source_date, source_url, url, starts_at, ends_at,
                                details, summary, description, search_title, search_other, search_topics)
         VALUES (:key, :kind, :title, :organiser, :place, :region_code, :land_code, :topics,
                 :source_title, :source_publisher, :source_date, :source_url, :url, :starts_at, :ends_at,
                 :details, :summary, :description, :search_title, :search_other, :search_topics)
         ON CONFLICT (key) DO UPDATE SET ",
        replaced_on_upsert!(),
        ", updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    ))?
    .execute(named_params! {
        ":key": offering.key,
        ":kind": row.kind,
        ":title": offering.title,
        ":organiser": offering.organiser,
        ":place": offering.place,
        ":region_code": offering.region.code(),
        ":land_code": row.land_code,
        ":topics": row.topics,
        ":source_title": offering.source.title,
        ":source_publisher": offering.source.publisher,
        ":source_date": row.source_date,
        ":source_url": offering.source.url,
        ":url": offering.url,
        ":starts_at": row.starts_at,
        ":ends_at": row.ends_at,
        ":details": row.details,
        ":summary": record.summary,
        ":description": record.description,
        ":search_title": row.search_title,
        ":search_other": row.search_other,
        ":search_topics": row.search_topics,
    })?;
    Ok(())
}

pub(super) fn offering_from_row(row: &Row) -> rusqlite::Result<Offering> {
    let columns = OfferingColumns {
        key: row.get(0)?,
        title: row.get(1)?,
        organiser: row.get(2)?,
        place: row.get(3)?,
        region_code: row.get(4)?,
        topics: row.get(5)?,
        source_title: row.get(6)?,
        source_publisher: row.get(7)?,
        source_date: row.get(8)?,
        url: row.get(9)?,
        details: row.get(10)?,
        source_url: row.get(11)?,
    };
    columns.into_offering().map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(error.column, rusqlite::types::Type::Text, Box::new(error))
    })
}

pub(super) fn find(conn: &Connection, key: &str) -> rusqlite::Result<Option<Offering>> {
    conn.prepare_cached(&format!("SELECT {OFFERING_COLUMNS} FROM offerings WHERE key = ?1"))?
        .query_row([key], offering_from_row)
        .optional()
}

impl SqliteStore {
    /// Inserts or updates records in one transaction: all or nothing.
    pub fn put_records(&mut self, records: &[Record]) -> Result<usize, StoreError> {
        let regions = self.regions()?;
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for record in records {
            upsert(&tx, record, &regions)?;
        }
        tx.commit()?;
        Ok(records.len())
    }

    /// Removes every offering whose source was published by `publisher`,
    /// except those someone registered for: a registration is never lost.
    pub fn delete_by_publisher(&mut self, publisher: &str) -> Result<usize, StoreError> {
        let removed = self.conn.execute(
            "DELETE FROM offerings WHERE source_publisher = ?1
               AND key NOT IN (SELECT offering_key FROM registrations)",
            [publisher],
        )?;
        Ok(removed)
    }

    /// Every offering without its long texts, in no particular order.
    pub fn offerings(&self) -> Result<Vec<Offering>, StoreError> {
        let mut query = self.conn.prepare(&format!("SELECT {OFFERING_COLUMNS} FROM offerings"))?;
        let offerings = query.query_map([], offering_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(offerings)
    }

    pub fn offering(&self, key: &str) -> Result<Option<Offering>, StoreError> {
        Ok(find(&self.conn, key)?)
    }

    pub fn long_text(&self, key: &str) -> Result<Option<LongText>, StoreError> {
        let text = self
            .conn
            .prepare_cached("SELECT summary, description FROM offerings WHERE key = ?1")?
            .query_row([key], |row| Ok(LongText { summary: row.get(0)?, description: row.get(1)? }))
            .optional()?;
        Ok(text)
    }

    /// Every offering's key, kind, title and stored start and end: what a
    /// tab's usual order needs, read without the offerings themselves.
    pub fn listing(&self) -> Result<Vec<ListingRow>, StoreError> {
        let mut query = self.conn.prepare_cached("SELECT key, kind, title, starts_at, ends_at FROM offerings")?;
        let mut rows = query.query([])?;
        let mut listing = Vec::new();
        // Borrowed from SQLite's buffer where nothing needs to be kept.
        let text = |row: &Row, column: usize| -> rusqlite::Result<Option<NaiveDateTime>> {
            Ok(row.get_ref(column)?.as_str_or_null()?.and_then(stored_moment))
        };
        while let Some(row) = rows.next()? {
            let Some(kind) = Kind::from_code(row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?) else {
                continue;
            };
            listing.push(ListingRow {
                key: row.get(0)?,
                kind,
                sort_title: row.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?.to_lowercase(),
                starts_at: text(row, 3)?,
                ends_at: text(row, 4)?,
            });
        }
        Ok(listing)
    }

    pub fn count_offerings(&self) -> Result<u64, StoreError> {
        let count = self.conn.query_row("SELECT count(*) FROM offerings", [], |row| row.get(0))?;
        Ok(count)
    }
}

impl SqliteStore {
    /// Every offering without its long texts, with its row id (the key of the
    /// keyword index) and its stored, already folded search fields: all the
    /// dashboard loads, read in one snapshot and aligned by row id.
    pub(crate) fn searchable_offerings(&self) -> Result<Searchable, StoreError> {
        // One read transaction: both scans see the same rows even while another
        // process writes. Unchecked because it only reads and ends here.
        let tx = self.conn.unchecked_transaction()?;
        let with_ids = {
            let mut query = tx.prepare(&format!("SELECT {OFFERING_COLUMNS}, rowid FROM offerings ORDER BY rowid"))?;
            query
                .query_map([], |row| Ok((row.get::<_, i64>("rowid")?, offering_from_row(row)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        let (entry_rowids, index) = read_search_fields(&tx, KindRange::All)?;
        tx.commit()?;
        let (rowids, offerings): (Vec<i64>, Vec<Offering>) = with_ids.into_iter().unzip();
        // The covering index yields the fields in its own order; the search
        // wants them in the offerings' order.
        let mut order: Vec<usize> = (0..entry_rowids.len()).collect();
        order.sort_unstable_by_key(|&at| entry_rowids[at]);
        if order.len() != rowids.len() || order.iter().zip(&rowids).any(|(&at, rowid)| entry_rowids[at] != *rowid) {
            return Err(StoreError::Query(rusqlite::Error::InvalidQuery));
        }
        Ok(Searchable { rowids, offerings, index: index.reordered(&order) })
    }

    /// The offerings with these keys as `searchable_offerings` reads them,
    /// in row id order; keys no longer stored are absent.
    pub(crate) fn searchable_offerings_by_keys(&self, keys: &[String]) -> Result<Searchable, StoreError> {
        let keys: std::collections::BTreeSet<&String> = keys.iter().collect();
        // One snapshot, as for the whole list.
        let tx = self.conn.unchecked_transaction()?;
        let mut found = Vec::with_capacity(keys.len());
        {
            let mut query = tx.prepare_cached(&format!(
                "SELECT {OFFERING_COLUMNS}, rowid, kind, search_title, search_other, search_topics
                 FROM offerings WHERE key = ?1"
            ))?;
            for key in keys {
                let mut rows = query.query([key])?;
                if let Some(row) = rows.next()? {
                    let fields = (13..17)
                        .map(|column| Ok(borrowed_bytes(row, column)?.to_vec()))
                        .collect::<rusqlite::Result<Vec<Vec<u8>>>>()?;
                    found.push((row.get::<_, i64>(12)?, offering_from_row(row)?, fields));
                }
            }
        }
        tx.commit()?;
        found.sort_unstable_by_key(|(rowid, _, _)| *rowid);
        let mut rowids = Vec::with_capacity(found.len());
        let mut offerings = Vec::with_capacity(found.len());
        let mut index = IndexBuilder::default();
        for (rowid, offering, fields) in found {
            let kind = std::str::from_utf8(&fields[0]).ok().and_then(Kind::from_code).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(13, rusqlite::types::Type::Text, "unknown kind".into())
            })?;
            index.push(kind, &fields[1], &fields[2], &fields[3]);
            rowids.push(rowid);
            offerings.push(offering);
        }
        let index = index.finish().ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                14,
                rusqlite::types::Type::Text,
                "a search field is not UTF-8".into(),
            )
        })?;
        Ok(Searchable { rowids, offerings, index })
    }

    /// Row ids of the offerings whose long texts have a word starting with
    /// `part` (one word, folded).
    pub fn keyword_prefix_rowids(&self, part: &str) -> Result<Vec<i64>, StoreError> {
        self.keyword_match(&format!("{}*", fts_string(part)))
    }

    /// Row ids of the offerings whose long texts have the word `term` as it
    /// stands in the keyword index.
    pub fn keyword_term_rowids(&self, term: &str) -> Result<Vec<i64>, StoreError> {
        self.keyword_match(&fts_string(term))
    }

    fn keyword_match(&self, expression: &str) -> Result<Vec<i64>, StoreError> {
        let mut query = self.conn.prepare_cached("SELECT rowid FROM offerings_fts WHERE offerings_fts MATCH ?1")?;
        let rowids = query.query_map([expression], |row| row.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(rowids)
    }

    /// The words in the keyword index that begin with `part`.
    pub fn keyword_terms(&self, part: &str) -> Result<Vec<String>, StoreError> {
        let mut query = self
            .conn
            .prepare_cached("SELECT term FROM offerings_fts_terms WHERE term >= ?1 AND term < ?1 || char(1114111)")?;
        let terms = query.query_map([part], |row| row.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(terms)
    }
}

/// A string in an FTS5 query, quoted so that it is one word and no operator.
fn fts_string(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A text column's bytes, borrowed from SQLite's buffer until the next row.
fn borrowed_bytes<'row>(row: &'row Row, column: usize) -> rusqlite::Result<&'row [u8]> {
    row.get_ref(column)?.as_bytes().map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(error))
    })
}

/// Which offerings one read of the search fields covers: the covering index
/// is ordered by kind, so two reads split at the first kind's code cover all
/// in the order of one read.
#[derive(Clone, Copy)]
enum KindRange {
    All,
    UpToFirst,
    AfterFirst,
}

/// The folded search fields with their row ids, in the covering index's
/// order, copied straight from SQLite's buffers.
fn read_search_fields(conn: &Connection, range: KindRange) -> rusqlite::Result<(Vec<i64>, SearchIndex)> {
    const FIELDS: &str = "SELECT rowid, kind, search_title, search_other, search_topics FROM offerings";
    let first = Kind::ALL[0].code();
    let mut query = match range {
        KindRange::All => conn.prepare_cached(FIELDS)?,
        KindRange::UpToFirst => conn.prepare_cached(&format!("{FIELDS} WHERE kind <= ?1"))?,
        KindRange::AfterFirst => conn.prepare_cached(&format!("{FIELDS} WHERE kind > ?1"))?,
    };
    let mut rows = match range {
        KindRange::All => query.query([])?,
        KindRange::UpToFirst | KindRange::AfterFirst => query.query([first])?,
    };
    let mut rowids = Vec::new();
    let mut index = IndexBuilder::default();
    while let Some(row) = rows.next()? {
        let kind = row.get_ref(1)?.as_str()?;
        let kind = Kind::from_code(kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, format!("kind {kind}").into())
        })?;
        rowids.push(row.get(0)?);
        index.push(kind, borrowed_bytes(row, 2)?, borrowed_bytes(row, 3)?, borrowed_bytes(row, 4)?);
    }
    let index = index.finish().ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, "a search field is not UTF-8".into())
    })?;
    Ok((rowids, index))
}

impl SqliteStore {
    /// The folded short fields of every offering with its row id: all a
    /// search needs, read from a covering index without touching the long
    /// texts, in the index's order.
    pub fn search_index(&self) -> Result<(Vec<i64>, SearchIndex), StoreError> {
        match self.search_fields_on_two_connections()? {
            Some(found) => Ok(found),
            None => Ok(read_search_fields(&self.conn, KindRange::All)?),
        }
    }

    /// Reads the search fields in two halves at once, on this connection and
    /// a second one: SQLite spends most of a search's time stepping through
    /// the index, and two cores do that in about half the time. `None` for
    /// a database in memory, or when a write came between the two reads,
    /// which then may not have seen the same offerings.
    fn search_fields_on_two_connections(&self) -> Result<Option<(Vec<i64>, SearchIndex)>, StoreError> {
        let Some(path) = &self.path else { return Ok(None) };
        // A read-only store may sit where SQLite cannot create the files a
        // second reader needs; one connection is enough there.
        if self.is_read_only() {
            return Ok(None);
        }
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let Ok(second) = Connection::open_with_flags(path, flags) else { return Ok(None) };
        second.busy_timeout(super::BUSY_TIMEOUT)?;
        let data_version = || self.conn.query_row("PRAGMA data_version", [], |row| row.get::<_, i64>(0));
        let before = data_version()?;
        let (first, rest) = std::thread::scope(|scope| {
            let first = scope.spawn(move || read_search_fields(&second, KindRange::UpToFirst));
            let rest = read_search_fields(&self.conn, KindRange::AfterFirst);
            (first.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), rest)
        });
        // The second reader failing (no shared memory file, say) only costs the speed-up.
        let Ok((mut rowids, index)) = first else { return Ok(None) };
        let (more_rowids, more) = rest?;
        // Another connection's commit since `before` changes the version.
        if data_version()? != before {
            return Ok(None);
        }
        rowids.extend(more_rowids);
        Ok(Some((rowids, index.joined(more))))
    }

    pub fn offering_by_rowid(&self, rowid: i64) -> Result<Option<Offering>, StoreError> {
        let offering = self
            .conn
            .prepare_cached(&format!("SELECT {OFFERING_COLUMNS} FROM offerings WHERE rowid = ?1"))?
            .query_row([rowid], offering_from_row)
            .optional()?;
        Ok(offering)
    }

    /// Fills the folded search fields where a migration left them empty.
    pub(super) fn backfill_search_fields(&mut self) -> Result<(), StoreError> {
        let regions = self.regions()?;
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut select =
                tx.prepare(&format!("SELECT {OFFERING_COLUMNS}, rowid FROM offerings WHERE search_title IS NULL"))?;
            let pending = select
                .query_map([], |row| Ok((row.get::<_, i64>("rowid")?, offering_from_row(row)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut update = tx.prepare(
                "UPDATE offerings SET search_title = ?2, search_other = ?3, search_topics = ?4 WHERE rowid = ?1",
            )?;
            for (rowid, offering) in pending {
                let searchable = search_fields::entry(&offering, &regions);
                update.execute(rusqlite::params![
                    rowid,
                    searchable.title,
                    searchable.other,
                    searchable.joined_topics()
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first look reads narrow index pages, never the wide rows.
    #[test]
    fn the_listing_reads_only_its_index() {
        let store = SqliteStore::open_in_memory().unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare("EXPLAIN QUERY PLAN SELECT key, kind, title, starts_at, ends_at FROM offerings")
            .unwrap()
            .query_map([], |row| row.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(plan.iter().any(|step| step.contains("COVERING INDEX offerings_listing")), "{plan:?}");
        assert_eq!(store.listing().unwrap().len(), 15);
    }
}
