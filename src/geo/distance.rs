//! Great-circle distance between two points on the earth.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub const fn new(lat: f64, lon: f64) -> LatLon {
        LatLon { lat, lon }
    }

    /// The plain average of points: good enough for the centre of a Kreis
    /// or a postcode, which span a few kilometres at most.
    pub fn centre(points: impl IntoIterator<Item = LatLon>) -> Option<LatLon> {
        let (count, lat, lon) = points
            .into_iter()
            .fold((0usize, 0.0, 0.0), |(count, lat, lon), point| (count + 1, lat + point.lat, lon + point.lon));
        (count > 0).then(|| LatLon::new(lat / count as f64, lon / count as f64))
    }
}

/// The earth's mean radius (IUGG).
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Haversine distance in kilometres; stable for the short distances that
/// matter here, where the law of cosines loses precision.
pub fn great_circle_km(a: LatLon, b: LatLon) -> f64 {
    let (lat_a, lat_b) = (a.lat.to_radians(), b.lat.to_radians());
    let half_dlat = (lat_b - lat_a) / 2.0;
    let half_dlon = (b.lon - a.lon).to_radians() / 2.0;
    let h = half_dlat.sin().powi(2) + lat_a.cos() * lat_b.cos() * half_dlon.sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BERLIN: LatLon = LatLon::new(52.5200, 13.4050);
    const HAMBURG: LatLon = LatLon::new(53.5511, 9.9937);
    const MUNICH: LatLon = LatLon::new(48.1351, 11.5820);

    #[test]
    fn known_pairs_are_as_far_apart_as_an_atlas_says() {
        let berlin_hamburg = great_circle_km(BERLIN, HAMBURG);
        assert!((berlin_hamburg - 255.0).abs() < 3.0, "Berlin–Hamburg: {berlin_hamburg:.1} km");
        let berlin_munich = great_circle_km(BERLIN, MUNICH);
        assert!((berlin_munich - 504.0).abs() < 4.0, "Berlin–München: {berlin_munich:.1} km");
    }

    #[test]
    fn distance_is_symmetric_and_zero_at_the_same_place() {
        assert_eq!(great_circle_km(BERLIN, BERLIN), 0.0);
        assert!((great_circle_km(BERLIN, HAMBURG) - great_circle_km(HAMBURG, BERLIN)).abs() < 1e-9);
    }

    #[test]
    fn antipodes_are_half_the_circumference_apart() {
        let far = great_circle_km(LatLon::new(0.0, 0.0), LatLon::new(0.0, 180.0));
        assert!((far - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-6);
    }

    #[test]
    fn the_centre_of_points_is_their_average() {
        let centre = LatLon::centre([LatLon::new(50.0, 8.0), LatLon::new(52.0, 10.0)]).unwrap();
        assert_eq!(centre, LatLon::new(51.0, 9.0));
        assert_eq!(LatLon::centre([]), None);
    }
}
