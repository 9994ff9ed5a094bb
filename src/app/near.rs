//! Around the home place: the radius and "Kommunen wie wir" choices of the
//! region picker, and distances for the list.

use crate::filter::RegionFilter;
use crate::geo::{Gazetteer, Radius, great_circle_km, similarity};

use super::picker::{PickerEntry, label};
use super::rows;
use super::state::{App, Filters};

/// The radii the picker offers, in kilometres.
pub const RADII: [u32; 4] = [25, 50, 100, 200];

/// Kilometres from the home place to where an offering takes place.
pub fn distance_km(app: &App, index: usize) -> Option<f64> {
    let home = app.home.as_ref()?;
    app.located.get(index).copied().flatten().map(|at| great_circle_km(home.at, at))
}

/// The radius and "Kommunen wie wir" filters; none without a home place.
pub fn home_filters(app: &App) -> Vec<RegionFilter> {
    let Some(home) = &app.home else { return Vec::new() };
    let gazetteer = Gazetteer::shipped();
    let mut filters: Vec<RegionFilter> = RADII
        .into_iter()
        .map(|km| RegionFilter::Around { radius: Radius::new(home.at, km), home: home.label.clone() })
        .collect();
    if let Some(own) = gazetteer.kreis(&home.kreis) {
        let kreise = gazetteer
            .kreise()
            .iter()
            .filter(|kreis| similarity(&own.figures, &kreis.figures).is_some())
            .map(|kreis| kreis.ags.clone())
            .collect();
        filters.push(RegionFilter::LikeHome { kreise, home: own.name.clone() });
    }
    filters
}

/// The picker's entries for the home filters, each with how many offerings it lets through.
pub fn home_entries(app: &App) -> Vec<PickerEntry> {
    home_filters(app)
        .into_iter()
        .map(|filter| {
            let filters = Filters { region: filter.clone(), ..Filters::default() };
            let count = (0..app.offerings.len()).filter(|&index| rows::passes(app, &filters, index)).count();
            PickerEntry { label: label(&filter, &app.regions, app.lang), filter, depth: 0, count }
        })
        .collect()
}
