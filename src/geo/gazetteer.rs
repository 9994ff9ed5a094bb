//! The shipped postal places with coordinates and the Kreise with their
//! figures, read once from the data compiled into the binary. Resolves a
//! home place ("65795", "Hattersheim am Main") and locates offerings.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::domain::{Offering, RegionRef};
use crate::search::fold::fold_text;

use super::distance::{LatLon, great_circle_km};
use super::similar::{KreisFigures, KreisType};

use crate::shipped::{KREISE_CSV, KreisRow, ORTE_CSV, OrtRow, rows};

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub postcode: String,
    pub name: String,
    pub kreis: String,
    pub at: LatLon,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KreisFacts {
    pub ags: String,
    pub name: String,
    pub figures: KreisFigures,
    /// The average of the Kreis's postal places: inside it for all but
    /// oddly shaped Kreise, and never far off.
    pub centre: LatLon,
}

/// Where the user works, resolved to a point and a Kreis.
#[derive(Debug, Clone, PartialEq)]
pub struct Home {
    /// What the user typed, to show it back for editing.
    pub typed: String,
    /// "65795 Hattersheim", as the user may recognise it.
    pub label: String,
    pub at: LatLon,
    pub kreis: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unresolved {
    #[error("empty")]
    Empty,
    #[error("unknown place {0}")]
    Unknown(String),
    /// The name exists in several Kreise; the candidates say which.
    #[error("ambiguous place {text}")]
    Ambiguous { text: String, candidates: Vec<String> },
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    kreise: Vec<KreisFacts>,
    kreis_index: HashMap<String, usize>,
    by_postcode: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
}

static SHIPPED: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::parse(KREISE_CSV, ORTE_CSV));

/// "Hattersheim am Main", then "Hattersheim am", then "Hattersheim": GeoNames
/// shortens some names, so a known place at the start of a name counts.
fn name_candidates(text: &str) -> impl Iterator<Item = String> {
    let words: Vec<String> = fold_text(text).split_whitespace().map(str::to_owned).collect();
    (1..=words.len()).rev().map(move |count| words[..count].join(" "))
}

fn is_postcode(text: &str) -> bool {
    text.len() == 5 && text.bytes().all(|byte| byte.is_ascii_digit())
}

impl Gazetteer {
    /// The data shipped with lotse, parsed on first use.
    pub fn shipped() -> &'static Gazetteer {
        &SHIPPED
    }

    fn parse(kreise_csv: &'static str, orte_csv: &'static str) -> Gazetteer {
        let places: Vec<Place> = rows::<OrtRow>(orte_csv)
            .map(|row| Place { postcode: row.plz, name: row.name, kreis: row.ags, at: LatLon::new(row.lat, row.lon) })
            .collect();
        let mut by_postcode: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut points_by_kreis: HashMap<&str, Vec<LatLon>> = HashMap::new();
        for (index, place) in places.iter().enumerate() {
            by_postcode.entry(place.postcode.clone()).or_default().push(index);
            by_name.entry(fold_text(&place.name)).or_default().push(index);
            points_by_kreis.entry(&place.kreis).or_default().push(place.at);
        }
        let kreise: Vec<KreisFacts> = rows::<KreisRow>(kreise_csv)
            .filter_map(|row| {
                // A Kreis without postal places (none in the shipped data) has no centre to show.
                let centre = LatLon::centre(points_by_kreis.get(row.ags.as_str())?.iter().copied())?;
                let figures =
                    KreisFigures { kind: KreisType::of(&row.kind), population: row.population, area_km2: row.area_km2 };
                Some(KreisFacts { ags: row.ags, name: row.name, figures, centre })
            })
            .collect();
        let kreis_index = kreise.iter().enumerate().map(|(index, kreis)| (kreis.ags.clone(), index)).collect();
        Gazetteer { places, kreise, kreis_index, by_postcode, by_name }
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn kreise(&self) -> &[KreisFacts] {
        &self.kreise
    }

    pub fn kreis(&self, ags: &str) -> Option<&KreisFacts> {
        self.kreis_index.get(ags).map(|&index| &self.kreise[index])
    }

    /// A postcode or a place name, folded the German way (ä = ae, ß = ss).
    pub fn resolve(&self, text: &str) -> Result<Home, Unresolved> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Unresolved::Empty);
        }
        if is_postcode(text) {
            return match self.by_postcode.get(text) {
                Some(found) => self.home(text, found),
                None => Err(Unresolved::Unknown(text.to_owned())),
            };
        }
        name_candidates(text)
            .find_map(|candidate| self.by_name.get(&candidate))
            .map_or_else(|| Err(Unresolved::Unknown(text.to_owned())), |found| self.home(text, found))
    }

    /// Places that share a postcode or a name: one Kreis, or a question back.
    fn home(&self, text: &str, found: &[usize]) -> Result<Home, Unresolved> {
        let places: Vec<&Place> = found.iter().map(|&index| &self.places[index]).collect();
        let mut kreise: Vec<&str> = places.iter().map(|place| place.kreis.as_str()).collect();
        kreise.sort_unstable();
        kreise.dedup();
        let first = places[0];
        let kreis = match kreise.as_slice() {
            [only] => only.to_string(),
            // A postcode across a Kreis border: its first place decides.
            _ if is_postcode(text) => first.kreis.clone(),
            _ => {
                let candidates = kreise
                    .iter()
                    .filter_map(|ags| places.iter().find(|place| place.kreis == *ags))
                    .map(|place| {
                        let kreis = self.kreis(&place.kreis).map_or(place.kreis.as_str(), |kreis| kreis.name.as_str());
                        format!("{} {} ({kreis})", place.postcode, place.name)
                    })
                    .collect();
                return Err(Unresolved::Ambiguous { text: text.to_owned(), candidates });
            }
        };
        let at = LatLon::centre(places.iter().map(|place| place.at)).expect("an index entry lists at least one place");
        let label = if is_postcode(text) { format!("{text} {}", first.name) } else { first.name.clone() };
        Ok(Home { typed: text.to_owned(), label, at, kreis })
    }

    /// Where an offering takes place: its place when the gazetteer knows it
    /// (in the offering's Kreis, if it names one), else its Kreis's centre.
    /// Online, nationwide and Land-wide offerings without a place have none.
    pub fn locate(&self, offering: &Offering) -> Option<LatLon> {
        let in_kreis = match &offering.region {
            RegionRef::Online | RegionRef::Bundesweit | RegionRef::Unknown => return None,
            RegionRef::Kreis(ags) => Some(ags.as_str()),
            RegionRef::Land(_) => None,
        };
        let at_place = offering.place.as_deref().and_then(|place| {
            let found = name_candidates(place).find_map(|candidate| self.by_name.get(&candidate))?;
            let places: Vec<LatLon> = found
                .iter()
                .map(|&index| &self.places[index])
                .filter(|place| in_kreis.is_none_or(|ags| place.kreis == ags))
                .map(|place| place.at)
                .collect();
            LatLon::centre(places)
        });
        at_place.or_else(|| in_kreis.and_then(|ags| self.kreis(ags)).map(|kreis| kreis.centre))
    }

    /// The Kreis whose centre lies closest to a point.
    pub fn nearest_kreis(&self, at: LatLon) -> Option<&KreisFacts> {
        self.kreise.iter().min_by(|a, b| great_circle_km(at, a.centre).total_cmp(&great_circle_km(at, b.centre)))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The obvious way to resolve: look at every place, in file order.
    fn resolve_by_scan(gazetteer: &Gazetteer, text: &str) -> Result<Home, Unresolved> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Unresolved::Empty);
        }
        let matching = |wanted: &dyn Fn(&Place) -> bool| -> Vec<usize> {
            (0..gazetteer.places.len()).filter(|&index| wanted(&gazetteer.places[index])).collect()
        };
        if is_postcode(text) {
            let found = matching(&|place| place.postcode == text);
            return if found.is_empty() {
                Err(Unresolved::Unknown(text.to_owned()))
            } else {
                gazetteer.home(text, &found)
            };
        }
        for candidate in name_candidates(text) {
            let found = matching(&|place| fold_text(&place.name) == candidate);
            if !found.is_empty() {
                return gazetteer.home(text, &found);
            }
        }
        Err(Unresolved::Unknown(text.to_owned()))
    }

    fn shipped() -> &'static Gazetteer {
        Gazetteer::shipped()
    }

    #[test]
    fn every_shipped_kreis_has_figures_and_a_centre_in_germany() {
        let gazetteer = shipped();
        assert_eq!(gazetteer.kreise().len(), 400);
        assert_eq!(gazetteer.places().len(), 16_476);
        for kreis in gazetteer.kreise() {
            assert!(kreis.figures.population > 0 && kreis.figures.area_km2 > 0.0, "{}", kreis.name);
            assert!(
                (47.0..55.2).contains(&kreis.centre.lat) && (5.8..15.1).contains(&kreis.centre.lon),
                "{}",
                kreis.name
            );
        }
    }

    #[test]
    fn a_postcode_resolves_to_its_place_and_kreis() {
        let home = shipped().resolve(" 65795 ").unwrap();
        assert_eq!(home.label, "65795 Hattersheim");
        assert_eq!(home.kreis, "06436");
        assert!(great_circle_km(home.at, LatLon::new(50.0785, 8.4755)) < 0.01);
    }

    #[test]
    fn names_resolve_folded_and_by_their_known_start() {
        let gazetteer = shipped();
        assert_eq!(gazetteer.resolve("Hattersheim am Main").unwrap().kreis, "06436");
        assert_eq!(gazetteer.resolve("KOELN").unwrap().kreis, "05315");
        assert_eq!(gazetteer.resolve("einbeck").unwrap().kreis, "03155");
        let berlin = gazetteer.resolve("berlin").unwrap();
        assert_eq!((berlin.label.as_str(), berlin.kreis.as_str()), ("Berlin", "11000"));
        assert_eq!(gazetteer.resolve("Atlantis"), Err(Unresolved::Unknown("Atlantis".into())));
        assert_eq!(gazetteer.resolve("99999"), Err(Unresolved::Unknown("99999".into())));
        assert_eq!(gazetteer.resolve("  "), Err(Unresolved::Empty));
    }

    #[test]
    fn a_name_in_several_kreise_asks_which() {
        let Err(Unresolved::Ambiguous { candidates, .. }) = shipped().resolve("Neuenkirchen") else {
            panic!("Neuenkirchen exists in several Kreise")
        };
        assert!(candidates.len() > 1, "{candidates:?}");
        assert!(candidates.iter().all(|candidate| fold_text(candidate).contains("neunkirchen")), "{candidates:?}");
    }

    #[test]
    fn offerings_are_located_at_their_place_or_their_kreis() {
        let gazetteer = shipped();
        let records = crate::store::sample_records();
        let locate = |key: &str| {
            let record = records.iter().find(|record| record.offering.key == key).unwrap();
            gazetteer.locate(&record.offering)
        };
        let campus = locate("taunus-innovation-campus").unwrap();
        let hattersheim = gazetteer.resolve("65795").unwrap().at;
        assert!(great_circle_km(campus, hattersheim) < 1.0);
        assert_eq!(locate("stadtretter-webtalk-thinius-2020"), None, "online");
        assert_eq!(locate("kommunen-innovativ"), None, "nationwide");
    }

    #[test]
    fn the_nearest_kreis_of_a_kreis_centre_is_that_kreis() {
        let gazetteer = shipped();
        for kreis in gazetteer.kreise() {
            assert_eq!(gazetteer.nearest_kreis(kreis.centre).unwrap().ags, kreis.ags);
        }
    }

    /// Names and postcodes from the data, re-spelled the ways people type them.
    fn typed_place() -> impl Strategy<Value = String> {
        let places = shipped().places().len();
        (0..places, 0..6u8, "[a-zäöüß ]{0,6}").prop_map(|(index, spelling, noise)| {
            let place = &shipped().places()[index];
            match spelling {
                0 => place.postcode.clone(),
                1 => place.name.to_uppercase(),
                2 => place.name.replace('ä', "ae").replace('ö', "oe").replace('ü', "ue"),
                3 => format!("{} am Main", place.name),
                4 => format!("{} {noise}", place.name),
                _ => noise,
            }
        })
    }

    proptest! {
        // Each case scans all 16k places; 64 cases cover every spelling often.
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn the_index_resolves_like_a_scan_of_every_place(text in typed_place()) {
            prop_assert_eq!(shipped().resolve(&text), resolve_by_scan(shipped(), &text));
        }
    }
}
