//! Which offerings each tab shows, in which order: the usual order, or the
//! search ranking, narrowed by the region and time filters.

use crate::domain::Kind;
use crate::search::{Hit, order};

use super::order::compare;
use super::state::{App, Catalogue};

/// How many hits per tab are fully ranked; the rest follow in the usual order.
pub const RANKED_PER_TAB: usize = 200;

pub fn load_catalogue(app: &mut App, catalogue: Catalogue) {
    let Catalogue { offerings, regions } = catalogue;
    let now = app.now;
    app.usual_order = Kind::ALL
        .into_iter()
        .map(|kind| {
            let mut rows: Vec<usize> = (0..offerings.len()).filter(|&index| offerings[index].kind() == kind).collect();
            rows.sort_by(|&a, &b| compare(kind, &offerings[a], &offerings[b], now));
            rows
        })
        .collect();
    app.usual_position = vec![0; offerings.len()];
    for rows in &app.usual_order {
        for (position, &index) in rows.iter().enumerate() {
            app.usual_position[index] = position as u32;
        }
    }
    app.region_counts = super::picker::RegionCounts::count(&offerings, &regions);
    app.offerings = offerings;
    app.regions = regions;
    app.loaded = true;
    refresh(app);
}

/// Recomputes every tab's rows and keeps each tab's selection on the same
/// offering where it is still shown.
pub fn refresh(app: &mut App) {
    for slot in 0..app.tabs.len() {
        let kind = app.tabs[slot].kind;
        let selected_key =
            app.tabs[slot].rows.get(app.tabs[slot].selected).map(|&index| app.offerings[index].key.clone());
        let ordered: Vec<usize> = match &app.search.hits {
            Some(hits) if !app.search.query.is_empty() => ranked(app, hits, kind),
            _ => app.usual_order[slot].clone(),
        };
        let rows: Vec<usize> = ordered
            .into_iter()
            .filter(|&index| {
                let offering = &app.offerings[index];
                app.filters.region.admits(offering, &app.regions, app.filters.with_online)
                    && app.filters.time.admits(offering, app.now)
            })
            .collect();
        let tab = &mut app.tabs[slot];
        tab.selected =
            selected_key.and_then(|key| rows.iter().position(|&index| app.offerings[index].key == key)).unwrap_or(0);
        tab.rows = rows;
        tab.offset = tab.offset.min(tab.selected);
    }
}

fn ranked(app: &App, hits: &[Hit], kind: Kind) -> Vec<usize> {
    let of_kind = |entry: u32| app.offerings[entry as usize].kind() == kind;
    order(hits, of_kind, RANKED_PER_TAB, &app.usual_position).into_iter().map(|entry| entry as usize).collect()
}
