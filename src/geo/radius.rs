//! "Within N km of a place": the distance filter of `lotse search --near`
//! and the dashboard's radius choice.

use crate::domain::{Offering, RegionRef};

use super::distance::{LatLon, great_circle_km};

/// A centre and a whole number of kilometres. The centre is kept in
/// millionths of a degree (a tenth of a metre), so a radius can be
/// compared and stored in a filter like any other value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Radius {
    lat_e6: i32,
    lon_e6: i32,
    pub km: u32,
}

impl Radius {
    pub fn new(centre: LatLon, km: u32) -> Radius {
        let micro = |degrees: f64| (degrees * 1e6).round() as i32;
        Radius { lat_e6: micro(centre.lat), lon_e6: micro(centre.lon), km }
    }

    pub fn centre(&self) -> LatLon {
        LatLon::new(f64::from(self.lat_e6) / 1e6, f64::from(self.lon_e6) / 1e6)
    }

    /// Kilometres from the centre to where an offering takes place.
    pub fn distance(&self, at: Option<LatLon>) -> Option<f64> {
        at.map(|at| great_circle_km(self.centre(), at))
    }

    /// Within the radius, for an offering located at `at` (see
    /// `Gazetteer::locate`); online offerings only when asked for, as under
    /// the region filter, and nationwide ones never, having no place.
    pub fn admits(&self, offering: &Offering, at: Option<LatLon>, with_online: bool) -> bool {
        if offering.region == RegionRef::Online {
            return with_online;
        }
        self.distance(at).is_some_and(|km| km <= f64::from(self.km))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::Gazetteer;

    #[test]
    fn the_campus_is_near_hattersheim_and_far_from_berlin() {
        let gazetteer = Gazetteer::shipped();
        let records = crate::store::sample_records();
        let campus = &records.iter().find(|record| record.offering.key == "taunus-innovation-campus").unwrap().offering;
        let at = gazetteer.locate(campus);
        let around = |place: &str| Radius::new(gazetteer.resolve(place).unwrap().at, 20);
        assert!(around("65795").admits(campus, at, false));
        assert!(!around("Berlin").admits(campus, at, false));
        let berlin_km = around("Berlin").distance(at).unwrap();
        assert!((420.0..450.0).contains(&berlin_km), "{berlin_km}");
        let online = &records.iter().find(|record| record.offering.region == RegionRef::Online).unwrap().offering;
        assert!(!around("65795").admits(online, None, false));
        assert!(around("65795").admits(online, None, true));
    }

    #[test]
    fn the_centre_survives_the_round_trip_to_a_tenth_of_a_metre() {
        let hattersheim = LatLon::new(50.0785, 8.4755);
        let radius = Radius::new(hattersheim, 25);
        assert!(great_circle_km(radius.centre(), hattersheim) < 0.0002);
    }
}
