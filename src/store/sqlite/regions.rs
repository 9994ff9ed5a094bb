//! Reference data in SQLite: loading it, and the region look-ups.

use rusqlite::{Connection, params};

use crate::store::regions::{Kreis, Land, Place, RegionDirectory, kreis_of_place, only_kreis, reference_data};

use super::{SqliteStore, StoreError};

/// Loads the shipped Länder, Kreise and places into a new database.
pub(super) fn load_reference_data(conn: &Connection) -> rusqlite::Result<()> {
    let data = reference_data();
    let mut insert_land = conn.prepare("INSERT INTO laender (code, ags, name) VALUES (?1, ?2, ?3)")?;
    for land in &data.laender {
        insert_land.execute(params![land.code, land.ags, land.name])?;
    }
    let mut insert_kreis = conn.prepare("INSERT INTO kreise (ags, kind, name, land_code) VALUES (?1, ?2, ?3, ?4)")?;
    for kreis in &data.kreise {
        insert_kreis.execute(params![kreis.ags, kreis.kind, kreis.name, kreis.land_code])?;
    }
    let mut insert_ort = conn.prepare("INSERT INTO orte (plz, name, kreis_ags) VALUES (?1, ?2, ?3)")?;
    for (plz, name, ags) in &data.orte {
        insert_ort.execute(params![plz, name, ags])?;
    }
    Ok(())
}

/// The Länder and Kreise as stored, for naming regions.
pub(super) fn directory(conn: &Connection) -> rusqlite::Result<RegionDirectory> {
    let mut laender_query = conn.prepare("SELECT ags, code, name FROM laender ORDER BY name")?;
    let laender = laender_query
        .query_map([], |row| Ok(Land { ags: row.get(0)?, code: row.get(1)?, name: row.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut kreise_query = conn.prepare("SELECT ags, kind, name, land_code FROM kreise ORDER BY name, ags")?;
    let kreise = kreise_query
        .query_map([], |row| {
            Ok(Kreis { ags: row.get(0)?, kind: row.get(1)?, name: row.get(2)?, land_code: row.get(3)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(RegionDirectory::new(laender, kreise))
}

impl SqliteStore {
    pub fn regions(&self) -> Result<RegionDirectory, StoreError> {
        Ok(directory(&self.conn)?)
    }

    /// The Kreis a place name belongs to, when the name is unambiguous.
    /// GeoNames shortens some names ("Hattersheim" for "Hattersheim am
    /// Main"), so a known place at the start of the name also counts.
    pub fn kreis_of_place(&self, place: &str) -> Result<Option<String>, StoreError> {
        let mut query = self.conn.prepare_cached("SELECT DISTINCT kreis_ags FROM orte WHERE name = ?1 LIMIT 2")?;
        Ok(kreis_of_place(place, |candidate| {
            query.query_map([candidate], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()
        })?)
    }

    pub fn places(&self) -> Result<Vec<Place>, StoreError> {
        let mut query = self.conn.prepare_cached("SELECT plz, name, kreis_ags FROM orte ORDER BY name, plz")?;
        let places = query
            .query_map([], |row| Ok(Place { postcode: row.get(0)?, name: row.get(1)?, kreis_ags: row.get(2)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(places)
    }

    /// The Kreis a postcode belongs to, when it lies in just one.
    pub fn kreis_of_postcode(&self, postcode: &str) -> Result<Option<String>, StoreError> {
        let mut query = self.conn.prepare_cached("SELECT DISTINCT kreis_ags FROM orte WHERE plz = ?1 LIMIT 2")?;
        let kreise =
            query.query_map([postcode], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(only_kreis(kreise))
    }
}
