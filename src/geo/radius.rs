//! "Within N km of a place": the distance filter of `lotse search --near`
//! and the dashboard's radius choice.

use crate::domain::{Offering, RegionRef};

use super::distance::{LatLon, great_circle_km};
use super::gazetteer::Gazetteer;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Radius {
    pub centre: LatLon,
    pub km: f64,
}

impl Radius {
    /// Kilometres from the centre to where an offering takes place.
    pub fn distance(&self, gazetteer: &Gazetteer, offering: &Offering) -> Option<f64> {
        gazetteer.locate(offering).map(|at| great_circle_km(self.centre, at))
    }

    /// Within the radius; online offerings only when asked for, as under
    /// the region filter, and nationwide ones never, having no place.
    pub fn admits(&self, gazetteer: &Gazetteer, offering: &Offering, with_online: bool) -> bool {
        if offering.region == RegionRef::Online {
            return with_online;
        }
        self.distance(gazetteer, offering).is_some_and(|km| km <= self.km)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_campus_is_near_hattersheim_and_far_from_berlin() {
        let gazetteer = Gazetteer::shipped();
        let records = crate::store::sample_records();
        let campus = &records.iter().find(|record| record.offering.key == "taunus-innovation-campus").unwrap().offering;
        let around = |place: &str| Radius { centre: gazetteer.resolve(place).unwrap().at, km: 20.0 };
        assert!(around("65795").admits(gazetteer, campus, false));
        assert!(!around("Berlin").admits(gazetteer, campus, false));
        let berlin_km = around("Berlin").distance(gazetteer, campus).unwrap();
        assert!((420.0..450.0).contains(&berlin_km), "{berlin_km}");
        let online = &records.iter().find(|record| record.offering.region == RegionRef::Online).unwrap().offering;
        assert!(!around("65795").admits(gazetteer, online, false));
        assert!(around("65795").admits(gazetteer, online, true));
    }
}
