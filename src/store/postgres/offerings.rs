//! Offerings, search fields, keyword look-ups, import and the region
//! reference data in PostgreSQL. Text is ordered with the "C" collation
//! wherever order shows, so that both backends sort alike.

use std::collections::HashMap;

use postgres::{GenericClient, Row, Statement};

use crate::domain::{Kind, LongText, Offering, Record};
use crate::search::SearchIndex;
use crate::search::index::IndexBuilder;
use crate::store::regions::{Kreis, Land, Place, RegionDirectory, kreis_of_place, only_kreis, reference_data};
use crate::store::row::{OFFERING_COLUMNS, OfferingColumns, OfferingRow, listing_row, replaced_on_upsert};
use crate::store::{ImportCounts, ImportMode, ListingRow, Searchable, StoreError};

use super::PgStore;

/// A B-tree entry must fit in a third of a page; FTS5 has no such limit,
/// so a longer "word" (never one a person searches for) is left out.
const LONGEST_WORD_BYTES: usize = 2000;

/// The statements that write an offering and its words.
pub(super) struct Upsert {
    offering: Statement,
    clear_words: Statement,
    words: Statement,
}

pub(super) fn prepare_upsert(client: &mut impl GenericClient) -> Result<Upsert, postgres::Error> {
    let offering = client.prepare(concat!(
        "INSERT INTO offerings (key, kind, title, organiser, place, region_code, land_code, topics,
                                source_title, source_publisher, source_date, source_url, url, starts_at, ends_at,
                                details, summary, description, search_title, search_other, search_topics)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
         ON CONFLICT (key) DO UPDATE SET ",
        replaced_on_upsert!(),
        ", updated_at = now() RETURNING id"
    ))?;
    let clear_words = client.prepare("DELETE FROM offering_words WHERE offering = $1")?;
    let words = client.prepare("INSERT INTO offering_words (word, offering) SELECT unnest($2::text[]), $1")?;
    Ok(Upsert { offering, clear_words, words })
}

/// Inserts or replaces the record with the same key, and its words.
pub(super) fn upsert(
    client: &mut impl GenericClient,
    statements: &Upsert,
    record: &Record,
    regions: &RegionDirectory,
) -> Result<(), postgres::Error> {
    let row = OfferingRow::new(record, regions);
    let offering = &record.offering;
    let mut words = row.keywords();
    words.retain(|word| word.len() <= LONGEST_WORD_BYTES);
    let id: i64 = client
        .query_one(
            &statements.offering,
            &[
                &offering.key,
                &row.kind,
                &offering.title,
                &offering.organiser,
                &offering.place,
                &offering.region.code(),
                &row.land_code,
                &row.topics,
                &offering.source.title,
                &offering.source.publisher,
                &row.source_date,
                &offering.source.url,
                &offering.url,
                &row.starts_at,
                &row.ends_at,
                &row.details,
                &record.summary,
                &record.description,
                &row.search_title,
                &row.search_other,
                &row.search_topics,
            ],
        )?
        .get(0);
    client.execute(&statements.clear_words, &[&id])?;
    client.execute(&statements.words, &[&id, &words])?;
    Ok(())
}

/// The offering in the first twelve columns of `row` (`OFFERING_COLUMNS`).
pub(super) fn offering_from_row(row: &Row) -> Result<Offering, StoreError> {
    let columns = OfferingColumns {
        key: row.try_get(0)?,
        title: row.try_get(1)?,
        organiser: row.try_get(2)?,
        place: row.try_get(3)?,
        region_code: row.try_get(4)?,
        topics: row.try_get(5)?,
        source_title: row.try_get(6)?,
        source_publisher: row.try_get(7)?,
        source_date: row.try_get(8)?,
        url: row.try_get(9)?,
        details: row.try_get(10)?,
        source_url: row.try_get(11)?,
    };
    columns.into_offering().map_err(|error| StoreError::Server(error.to_string()))
}

pub(super) fn record_from_row(row: &Row) -> Result<Record, StoreError> {
    Ok(Record {
        offering: offering_from_row(row)?,
        summary: row.try_get("summary")?,
        description: row.try_get("description")?,
    })
}

pub(super) fn find(client: &mut impl GenericClient, key: &str, lock: bool) -> Result<Option<Offering>, StoreError> {
    if lock {
        // Through the server's function: a member may lock without the
        // UPDATE right that SELECT … FOR UPDATE needs.
        client.execute("SELECT lotse_lock_offering($1)", &[&key])?;
    }
    client
        .query_opt(&format!("SELECT {OFFERING_COLUMNS} FROM offerings WHERE key = $1"), &[&key])?
        .map(|row| offering_from_row(&row))
        .transpose()
}

pub(super) fn load_reference_data(client: &mut impl GenericClient) -> Result<(), postgres::Error> {
    let data = reference_data();
    let column = |values: Vec<&String>| values.into_iter().cloned().collect::<Vec<String>>();
    client.execute(
        "INSERT INTO laender (code, ags, name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])",
        &[
            &column(data.laender.iter().map(|land| &land.code).collect()),
            &column(data.laender.iter().map(|land| &land.ags).collect()),
            &column(data.laender.iter().map(|land| &land.name).collect()),
        ],
    )?;
    client.execute(
        "INSERT INTO kreise (ags, kind, name, land_code)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])",
        &[
            &column(data.kreise.iter().map(|kreis| &kreis.ags).collect()),
            &column(data.kreise.iter().map(|kreis| &kreis.kind).collect()),
            &column(data.kreise.iter().map(|kreis| &kreis.name).collect()),
            &column(data.kreise.iter().map(|kreis| &kreis.land_code).collect()),
        ],
    )?;
    client.execute(
        "INSERT INTO orte (plz, name, kreis_ags) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])",
        &[
            &column(data.orte.iter().map(|(plz, _, _)| plz).collect()),
            &column(data.orte.iter().map(|(_, name, _)| name).collect()),
            &column(data.orte.iter().map(|(_, _, ags)| ags).collect()),
        ],
    )?;
    Ok(())
}

pub(super) fn directory(client: &mut impl GenericClient) -> Result<RegionDirectory, postgres::Error> {
    let laender = client
        .query("SELECT ags, code, name FROM laender ORDER BY name COLLATE \"C\"", &[])?
        .iter()
        .map(|row| Land { ags: row.get(0), code: row.get(1), name: row.get(2) })
        .collect();
    let kreise = client
        .query("SELECT ags, kind, name, land_code FROM kreise ORDER BY name COLLATE \"C\", ags COLLATE \"C\"", &[])?
        .iter()
        .map(|row| Kreis { ags: row.get(0), kind: row.get(1), name: row.get(2), land_code: row.get(3) })
        .collect();
    Ok(RegionDirectory::new(laender, kreise))
}

impl PgStore {
    pub fn regions(&self) -> Result<RegionDirectory, StoreError> {
        self.run(|client| Ok(directory(client)?))
    }

    pub fn kreis_of_place(&self, place: &str) -> Result<Option<String>, StoreError> {
        self.run(|client| {
            let query = client.prepare("SELECT DISTINCT kreis_ags FROM orte WHERE name = $1 LIMIT 2")?;
            Ok(kreis_of_place(place, |candidate| {
                Ok::<_, postgres::Error>(client.query(&query, &[&candidate])?.iter().map(|row| row.get(0)).collect())
            })?)
        })
    }

    pub fn places(&self) -> Result<Vec<Place>, StoreError> {
        self.run(|client| {
            let rows = client
                .query("SELECT plz, name, kreis_ags FROM orte ORDER BY name COLLATE \"C\", plz COLLATE \"C\"", &[])?;
            Ok(rows.iter().map(|row| Place { postcode: row.get(0), name: row.get(1), kreis_ags: row.get(2) }).collect())
        })
    }

    pub fn kreis_of_postcode(&self, postcode: &str) -> Result<Option<String>, StoreError> {
        self.run(|client| {
            let kreise = client
                .query("SELECT DISTINCT kreis_ags FROM orte WHERE plz = $1 LIMIT 2", &[&postcode])?
                .iter()
                .map(|row| row.get(0))
                .collect();
            Ok(only_kreis(kreise))
        })
    }

    pub fn put_records(&mut self, records: &[Record]) -> Result<usize, StoreError> {
        self.run(|client| {
            let mut tx = client.transaction()?;
            let regions = directory(&mut tx)?;
            let statement = prepare_upsert(&mut tx)?;
            for record in records {
                upsert(&mut tx, &statement, record, &regions)?;
            }
            tx.commit()?;
            Ok(records.len())
        })
    }

    pub fn delete_by_publisher(&mut self, publisher: &str) -> Result<usize, StoreError> {
        self.run(|client| {
            let removed = client.execute(
                "DELETE FROM offerings WHERE source_publisher = $1
                   AND key NOT IN (SELECT offering_key FROM registrations)",
                &[&publisher],
            )?;
            Ok(removed as usize)
        })
    }

    pub fn offerings(&self) -> Result<Vec<Offering>, StoreError> {
        self.run(|client| {
            client
                .query(&format!("SELECT {OFFERING_COLUMNS} FROM offerings"), &[])?
                .iter()
                .map(offering_from_row)
                .collect()
        })
    }

    pub fn offering(&self, key: &str) -> Result<Option<Offering>, StoreError> {
        self.run(|client| find(client, key, false))
    }

    pub fn long_text(&self, key: &str) -> Result<Option<LongText>, StoreError> {
        self.run(|client| {
            let row = client.query_opt("SELECT summary, description FROM offerings WHERE key = $1", &[&key])?;
            Ok(row.map(|row| LongText { summary: row.get(0), description: row.get(1) }))
        })
    }

    pub fn listing(&self) -> Result<Vec<ListingRow>, StoreError> {
        self.run(|client| {
            let rows = client.query("SELECT key, kind, title, starts_at, ends_at FROM offerings", &[])?;
            Ok(rows
                .iter()
                .filter_map(|row| listing_row(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4)))
                .collect())
        })
    }

    pub fn count_offerings(&self) -> Result<u64, StoreError> {
        self.run(|client| {
            let count: i64 = client.query_one("SELECT count(*) FROM offerings", &[])?.get(0);
            Ok(count as u64)
        })
    }

    pub fn records(&self, kind: Option<Kind>) -> Result<Vec<Record>, StoreError> {
        self.run(|client| {
            client
                .query(
                    &format!(
                        "SELECT {OFFERING_COLUMNS}, summary, description FROM offerings
                         WHERE $1::text IS NULL OR kind = $1 ORDER BY key COLLATE \"C\""
                    ),
                    &[&kind.map(Kind::code)],
                )?
                .iter()
                .map(record_from_row)
                .collect()
        })
    }

    pub fn import_records(
        &mut self,
        records: &[Record],
        mode: ImportMode,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportCounts, StoreError> {
        self.run(|client| {
            let mut tx = client.transaction()?;
            let regions = directory(&mut tx)?;
            let counts = import_into(&mut tx, records, &regions, mode, progress)?;
            match mode {
                ImportMode::Write => tx.commit()?,
                ImportMode::DryRun => tx.rollback()?,
            }
            Ok(counts)
        })
    }

    /// Every offering with its row id and folded search fields, in row id
    /// order, read in one snapshot.
    pub fn searchable_offerings(&self) -> Result<Searchable, StoreError> {
        self.run(|client| {
            let rows = client.query(
                &format!(
                    "SELECT {OFFERING_COLUMNS}, id, kind, search_title, search_other, search_topics
                     FROM offerings ORDER BY id"
                ),
                &[],
            )?;
            searchable(&rows)
        })
    }

    /// The offerings with these keys as `searchable_offerings` reads them,
    /// in row id order; keys no longer stored are absent.
    pub fn searchable_offerings_by_keys(&self, keys: &[String]) -> Result<Searchable, StoreError> {
        self.run(|client| {
            let rows = client.query(
                &format!(
                    "SELECT {OFFERING_COLUMNS}, id, kind, search_title, search_other, search_topics
                     FROM offerings WHERE key = ANY($1) ORDER BY id"
                ),
                &[&keys],
            )?;
            searchable(&rows)
        })
    }

    pub fn search_index(&self) -> Result<(Vec<i64>, SearchIndex), StoreError> {
        self.run(|client| {
            let rows =
                client.query("SELECT id, kind, search_title, search_other, search_topics FROM offerings", &[])?;
            let mut rowids = Vec::with_capacity(rows.len());
            let mut index = IndexBuilder::default();
            for row in &rows {
                rowids.push(row.try_get(0)?);
                push_fields(&mut index, row, 1)?;
            }
            let index = index.finish().ok_or_else(|| StoreError::Server("a search field is not UTF-8".into()))?;
            Ok((rowids, index))
        })
    }

    pub fn offering_by_rowid(&self, rowid: i64) -> Result<Option<Offering>, StoreError> {
        self.run(|client| {
            client
                .query_opt(&format!("SELECT {OFFERING_COLUMNS} FROM offerings WHERE id = $1"), &[&rowid])?
                .map(|row| offering_from_row(&row))
                .transpose()
        })
    }

    // Both answer in one row, an array: a short prefix matches most
    // offerings, and tens of thousands of rows cost more to send and read
    // than the lookup itself (and a sorted distinct beats a hashed one here).
    pub fn keyword_prefix_rowids(&self, part: &str) -> Result<Vec<i64>, StoreError> {
        self.run(|client| {
            let row = client.query_one(
                "SELECT coalesce(array_agg(DISTINCT offering ORDER BY offering), '{}') FROM offering_words
                 WHERE word >= $1 AND word < $1 || chr(1114111)",
                &[&part],
            )?;
            Ok(row.try_get(0)?)
        })
    }

    pub fn keyword_term_rowids(&self, term: &str) -> Result<Vec<i64>, StoreError> {
        self.run(|client| {
            let row = client.query_one(
                "SELECT coalesce(array_agg(offering ORDER BY offering), '{}') FROM offering_words WHERE word = $1",
                &[&term],
            )?;
            Ok(row.try_get(0)?)
        })
    }

    pub fn keyword_terms(&self, part: &str) -> Result<Vec<String>, StoreError> {
        self.run(|client| {
            let rows = client.query(
                "SELECT DISTINCT word FROM offering_words WHERE word >= $1 AND word < $1 || chr(1114111) ORDER BY word",
                &[&part],
            )?;
            Ok(rows.iter().map(|row| row.get(0)).collect())
        })
    }
}

/// Compares each record with the stored one of the same key and, unless
/// in a dry run, writes the new and the changed ones, inside `tx`.
pub(super) fn import_into(
    tx: &mut impl GenericClient,
    records: &[Record],
    regions: &RegionDirectory,
    mode: ImportMode,
    progress: &mut dyn FnMut(usize),
) -> Result<ImportCounts, StoreError> {
    let keys: Vec<&str> = records.iter().map(|record| record.offering.key.as_str()).collect();
    let stored: HashMap<String, Record> = tx
        .query(
            &format!("SELECT {OFFERING_COLUMNS}, summary, description FROM offerings WHERE key = ANY($1)"),
            &[&keys],
        )?
        .iter()
        .map(|row| record_from_row(row).map(|record| (record.offering.key.clone(), record)))
        .collect::<Result<_, StoreError>>()?;
    let statement = prepare_upsert(tx)?;
    let mut counts = ImportCounts::default();
    for (done, record) in records.iter().enumerate() {
        if counts.tally(stored.get(&record.offering.key), record) && mode == ImportMode::Write {
            upsert(tx, &statement, record, regions)?;
        }
        progress(done + 1);
    }
    Ok(counts)
}

/// Offerings with their row ids and search fields, from rows of
/// `OFFERING_COLUMNS` followed by id, kind and the three search fields.
fn searchable(rows: &[Row]) -> Result<Searchable, StoreError> {
    let mut rowids = Vec::with_capacity(rows.len());
    let mut offerings = Vec::with_capacity(rows.len());
    let mut index = IndexBuilder::default();
    for row in rows {
        rowids.push(row.try_get("id")?);
        offerings.push(offering_from_row(row)?);
        push_fields(&mut index, row, 13)?;
    }
    let index = index.finish().ok_or_else(|| StoreError::Server("a search field is not UTF-8".into()))?;
    Ok(Searchable { rowids, offerings, index })
}

/// Appends the kind and the three search fields starting at column `first`.
fn push_fields(index: &mut IndexBuilder, row: &Row, first: usize) -> Result<(), StoreError> {
    let kind: &str = row.try_get(first)?;
    let kind = Kind::from_code(kind).ok_or_else(|| StoreError::Server(format!("unknown kind {kind}")))?;
    let title: &str = row.try_get(first + 1)?;
    let other: &str = row.try_get(first + 2)?;
    let topics: &str = row.try_get(first + 3)?;
    index.push(kind, title.as_bytes(), other.as_bytes(), topics.as_bytes());
    Ok(())
}
