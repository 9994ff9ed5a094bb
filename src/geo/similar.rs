//! "Kommunen wie wir": whether another Kreis is like the user's own, by
//! type, population and density (Destatis figures).

use serde::Serialize;

/// Kreisfreie Städte and Stadtkreise (their name in Baden-Württemberg) are
/// towns; Landkreise, Kreise and the Regionalverband Saarbrücken are districts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KreisType {
    Town,
    District,
}

impl KreisType {
    pub fn of(kind: &str) -> KreisType {
        match kind {
            "Kreisfreie Stadt" | "Stadtkreis" => KreisType::Town,
            _ => KreisType::District,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KreisFigures {
    pub kind: KreisType,
    pub population: u64,
    pub area_km2: f64,
}

impl KreisFigures {
    pub fn density(&self) -> f64 {
        if self.area_km2 > 0.0 { self.population as f64 / self.area_km2 } else { 0.0 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Similarity {
    High,
    Medium,
}

/// How far apart two figures may be and still count as alike.
const FACTOR: f64 = 2.0;

/// Alike when of the same type with a population within a factor of two;
/// highly alike when the density is within a factor of two as well.
pub fn similarity(home: &KreisFigures, other: &KreisFigures) -> Option<Similarity> {
    if home.kind != other.kind || !within_factor(home.population as f64, other.population as f64) {
        return None;
    }
    Some(if within_factor(home.density(), other.density()) { Similarity::High } else { Similarity::Medium })
}

fn within_factor(a: f64, b: f64) -> bool {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    low > 0.0 && high <= low * FACTOR
}

#[cfg(test)]
mod tests {
    use super::*;

    fn district(population: u64, area_km2: f64) -> KreisFigures {
        KreisFigures { kind: KreisType::District, population, area_km2 }
    }

    #[test]
    fn towns_and_stadtkreise_are_one_type() {
        assert_eq!(KreisType::of("Kreisfreie Stadt"), KreisType::of("Stadtkreis"));
        assert_eq!(KreisType::of("Landkreis"), KreisType::of("Kreis"));
        assert_ne!(KreisType::of("Kreisfreie Stadt"), KreisType::of("Landkreis"));
    }

    #[test]
    fn same_type_and_population_within_a_factor_of_two_are_alike() {
        let main_taunus = district(237_735, 222.53);
        let dense_neighbour = district(200_000, 300.0);
        assert_eq!(similarity(&main_taunus, &dense_neighbour), Some(Similarity::High));
        let sparse = district(200_000, 2_000.0);
        assert_eq!(similarity(&main_taunus, &sparse), Some(Similarity::Medium), "density ten times lower");
        assert_eq!(similarity(&main_taunus, &district(118_000, 222.0)), None, "just over half the population");
        assert_eq!(similarity(&main_taunus, &district(118_868, 222.0)), Some(Similarity::High), "exactly half");
    }

    #[test]
    fn a_town_is_never_like_a_district() {
        let town = KreisFigures { kind: KreisType::Town, population: 237_735, area_km2: 222.53 };
        assert_eq!(similarity(&district(237_735, 222.53), &town), None);
    }

    #[test]
    fn the_rule_is_symmetric_and_reflexive() {
        let a = district(100_000, 500.0);
        let b = district(150_000, 900.0);
        assert_eq!(similarity(&a, &b), similarity(&b, &a));
        assert_eq!(similarity(&a, &a), Some(Similarity::High));
        assert_eq!(similarity(&district(0, 0.0), &district(0, 0.0)), None, "no figures, no claim");
    }
}
