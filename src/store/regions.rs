use std::collections::HashMap;

use rusqlite::{Connection, params};
use serde::Deserialize;

use crate::domain::RegionRef;

use super::{Store, StoreError};

use crate::shipped::{KREISE_CSV, KreisRow, LAENDER_CSV, ORTE_CSV, OrtRow, rows as shipped_rows};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Land {
    pub ags: String,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kreis {
    pub ags: String,
    pub kind: String,
    pub name: String,
    pub land_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub postcode: String,
    pub name: String,
    pub kreis_ags: String,
}

/// Loads the shipped Länder, Kreise and places into a new database.
pub(super) fn load_reference_data(conn: &Connection) -> rusqlite::Result<()> {
    let mut insert_land = conn.prepare("INSERT INTO laender (code, ags, name) VALUES (?1, ?2, ?3)")?;
    let laender: Vec<Land> = shipped_rows(LAENDER_CSV).collect();
    for land in &laender {
        insert_land.execute(params![land.code, land.ags, land.name])?;
    }
    let land_code_by_ags: HashMap<&str, &str> =
        laender.iter().map(|land| (land.ags.as_str(), land.code.as_str())).collect();
    let mut insert_kreis = conn.prepare("INSERT INTO kreise (ags, kind, name, land_code) VALUES (?1, ?2, ?3, ?4)")?;
    for kreis in shipped_rows::<KreisRow>(KREISE_CSV) {
        let land_code = land_code_by_ags[&kreis.ags[..2]];
        insert_kreis.execute(params![kreis.ags, kreis.kind, kreis.name, land_code])?;
    }
    let mut insert_ort = conn.prepare("INSERT INTO orte (plz, name, kreis_ags) VALUES (?1, ?2, ?3)")?;
    for ort in shipped_rows::<OrtRow>(ORTE_CSV) {
        insert_ort.execute(params![ort.plz, ort.name, ort.ags])?;
    }
    Ok(())
}

/// The Länder and Kreise by code, for naming regions and checking codes.
#[derive(Debug, Clone, Default)]
pub struct RegionDirectory {
    pub laender: Vec<Land>,
    pub kreise: Vec<Kreis>,
    land_index: HashMap<String, usize>,
    kreis_index: HashMap<String, usize>,
}

impl RegionDirectory {
    pub fn new(laender: Vec<Land>, kreise: Vec<Kreis>) -> RegionDirectory {
        let land_index = laender.iter().enumerate().map(|(i, land)| (land.code.clone(), i)).collect();
        let kreis_index = kreise.iter().enumerate().map(|(i, kreis)| (kreis.ags.clone(), i)).collect();
        RegionDirectory { laender, kreise, land_index, kreis_index }
    }

    pub fn land(&self, code: &str) -> Option<&Land> {
        self.land_index.get(code).map(|&i| &self.laender[i])
    }

    pub fn kreis(&self, ags: &str) -> Option<&Kreis> {
        self.kreis_index.get(ags).map(|&i| &self.kreise[i])
    }

    /// The Land a region lies in, if it lies in one.
    pub fn land_of(&self, region: &RegionRef) -> Option<&Land> {
        match region {
            RegionRef::Kreis(ags) => self.kreis(ags).and_then(|kreis| self.land(&kreis.land_code)),
            RegionRef::Land(code) => self.land(code),
            RegionRef::Bundesweit | RegionRef::Online | RegionRef::Unknown => None,
        }
    }

    pub fn is_known(&self, region: &RegionRef) -> bool {
        match region {
            RegionRef::Kreis(ags) => self.kreis(ags).is_some(),
            RegionRef::Land(code) => self.land(code).is_some(),
            RegionRef::Bundesweit | RegionRef::Online | RegionRef::Unknown => true,
        }
    }
}

/// The Länder and Kreise as stored, for naming regions.
pub(super) fn directory(conn: &Connection) -> rusqlite::Result<RegionDirectory> {
    let mut laender_query = conn.prepare("SELECT ags, code, name FROM laender ORDER BY name")?;
    let laender = laender_query
        .query_map([], |row| Ok(Land { ags: row.get(0)?, code: row.get(1)?, name: row.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut kreise_query = conn.prepare("SELECT ags, kind, name, land_code FROM kreise ORDER BY name")?;
    let kreise = kreise_query
        .query_map([], |row| {
            Ok(Kreis { ags: row.get(0)?, kind: row.get(1)?, name: row.get(2)?, land_code: row.get(3)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(RegionDirectory::new(laender, kreise))
}

impl Store {
    pub fn regions(&self) -> Result<RegionDirectory, StoreError> {
        Ok(directory(&self.conn)?)
    }

    /// The Kreis a place name belongs to, when the name is unambiguous.
    /// GeoNames shortens some names ("Hattersheim" for "Hattersheim am
    /// Main"), so a known place at the start of the name also counts.
    pub fn kreis_of_place(&self, place: &str) -> Result<Option<String>, StoreError> {
        let mut candidates = vec![place.trim().to_owned()];
        let words: Vec<&str> = place.split_whitespace().collect();
        candidates.extend((1..words.len()).rev().map(|n| words[..n].join(" ")));
        let mut query = self.conn.prepare_cached("SELECT DISTINCT kreis_ags FROM orte WHERE name = ?1 LIMIT 2")?;
        for candidate in candidates {
            let kreise =
                query.query_map([&candidate], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
            match kreise.as_slice() {
                [only] => return Ok(Some(only.clone())),
                [] => continue,
                _ => return Ok(None),
            }
        }
        Ok(None)
    }

    /// Every shipped place with its postcode and Kreis, for finding a Kreis
    /// by a town's name or postcode.
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
        Ok(match kreise.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_region_files_parse_completely() {
        assert_eq!(shipped_rows::<Land>(LAENDER_CSV).count(), 16);
        assert_eq!(shipped_rows::<KreisRow>(KREISE_CSV).count(), 400);
        assert_eq!(shipped_rows::<OrtRow>(ORTE_CSV).count(), 16_476);
    }

    #[test]
    fn seed_places_map_to_their_kreise() {
        let store = Store::open_in_memory().unwrap();
        for (place, ags) in [
            ("Berlin", "11000"),
            ("Burgstädt", "14522"),
            ("Bottrop", "05512"),
            ("Hanau", "06435"),
            ("Hattersheim am Main", "06436"),
            ("Einbeck", "03155"),
            ("Karlsruhe", "08212"),
        ] {
            assert_eq!(store.kreis_of_place(place).unwrap().as_deref(), Some(ags), "{place}");
        }
    }

    #[test]
    fn ambiguous_and_unknown_places_stay_unmapped() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.kreis_of_place("Ahorn").unwrap(), None);
        assert_eq!(store.kreis_of_place("Atlantis").unwrap(), None);
        assert_eq!(store.kreis_of_postcode("35390").unwrap().as_deref(), Some("06531"));
        assert_eq!(store.kreis_of_postcode("00000").unwrap(), None);
    }

    #[test]
    fn directory_names_kreise_and_their_land() {
        let regions = Store::open_in_memory().unwrap().regions().unwrap();
        let main_taunus = RegionRef::Kreis("06436".into());
        assert_eq!(regions.kreis("06436").unwrap().name, "Main-Taunus-Kreis");
        assert_eq!(regions.land_of(&main_taunus).unwrap().name, "Hessen");
        assert!(!regions.is_known(&RegionRef::Kreis("99999".into())));
    }
}
