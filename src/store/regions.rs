use std::collections::HashMap;

use serde::Deserialize;

use crate::domain::RegionRef;

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

/// The shipped Länder, Kreise (with their Land's code) and places, which
/// every new store loads as its reference data.
pub(crate) struct ReferenceData {
    pub laender: Vec<Land>,
    pub kreise: Vec<Kreis>,
    pub orte: Vec<(String, String, String)>,
}

pub(crate) fn reference_data() -> ReferenceData {
    let laender: Vec<Land> = shipped_rows(LAENDER_CSV).collect();
    let land_code_by_ags: HashMap<&str, &str> =
        laender.iter().map(|land| (land.ags.as_str(), land.code.as_str())).collect();
    let kreise = shipped_rows::<KreisRow>(KREISE_CSV)
        .map(|kreis| {
            let land_code = land_code_by_ags[&kreis.ags[..2]].to_owned();
            Kreis { ags: kreis.ags, kind: kreis.kind, name: kreis.name, land_code }
        })
        .collect();
    let orte = shipped_rows::<OrtRow>(ORTE_CSV).map(|ort| (ort.plz, ort.name, ort.ags)).collect();
    ReferenceData { laender, kreise, orte }
}

/// The Kreis a place name belongs to, when the name is unambiguous;
/// `kreise_named` gives the Kreise a stored place name lies in. GeoNames
/// shortens some names ("Hattersheim" for "Hattersheim am Main"), so a
/// known place at the start of the name also counts, the longest first.
pub(crate) fn kreis_of_place<E>(
    place: &str,
    mut kreise_named: impl FnMut(&str) -> Result<Vec<String>, E>,
) -> Result<Option<String>, E> {
    let mut candidates = vec![place.trim().to_owned()];
    let words: Vec<&str> = place.split_whitespace().collect();
    candidates.extend((1..words.len()).rev().map(|n| words[..n].join(" ")));
    for candidate in candidates {
        match kreise_named(&candidate)?.as_slice() {
            [only] => return Ok(Some(only.clone())),
            [] => continue,
            _ => return Ok(None),
        }
    }
    Ok(None)
}

/// The one Kreis among `kreise`, if there is exactly one.
pub(crate) fn only_kreis(kreise: Vec<String>) -> Option<String> {
    let [only] = <[String; 1]>::try_from(kreise).ok()?;
    Some(only)
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
        let store = crate::store::Store::open_in_memory().unwrap();
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
        let store = crate::store::Store::open_in_memory().unwrap();
        assert_eq!(store.kreis_of_place("Ahorn").unwrap(), None);
        assert_eq!(store.kreis_of_place("Atlantis").unwrap(), None);
        assert_eq!(store.kreis_of_postcode("35390").unwrap().as_deref(), Some("06531"));
        assert_eq!(store.kreis_of_postcode("00000").unwrap(), None);
    }

    #[test]
    fn directory_names_kreise_and_their_land() {
        let regions = crate::store::Store::open_in_memory().unwrap().regions().unwrap();
        let main_taunus = RegionRef::Kreis("06436".into());
        assert_eq!(regions.kreis("06436").unwrap().name, "Main-Taunus-Kreis");
        assert_eq!(regions.land_of(&main_taunus).unwrap().name, "Hessen");
        assert!(!regions.is_known(&RegionRef::Kreis("99999".into())));
    }
}
