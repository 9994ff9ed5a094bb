//! Which offerings each tab shows, in which order: the usual order, or the
//! search ranking, narrowed by the region and time filters.

use crate::domain::Kind;
use crate::search::order;

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
    // Row indices of an earlier catalogue mean nothing in this one.
    for tab in &mut app.tabs {
        tab.rows.clear();
    }
    refresh(app);
}

/// Recomputes every tab's rows and keeps each tab's selection on the same
/// offering where it is still shown.
pub fn refresh(app: &mut App) {
    for slot in 0..app.tabs.len() {
        // Offerings keep their index until the catalogue is reloaded, so the
        // index identifies the selection without comparing keys.
        let selected = app.tabs[slot].rows.get(app.tabs[slot].selected).copied();
        let ordered: Vec<usize> = match &app.search.hits {
            Some(hits) if !app.search.query.is_empty() => {
                order(hits, &app.usual_order[slot], RANKED_PER_TAB, &app.usual_position)
                    .into_iter()
                    .map(|entry| entry as usize)
                    .collect()
            }
            _ => app.usual_order[slot].clone(),
        };
        let unfiltered = app.filters == super::state::Filters::default();
        let rows: Vec<usize> = ordered
            .into_iter()
            .filter(|&index| {
                if unfiltered {
                    return true;
                }
                let offering = &app.offerings[index];
                app.filters.region.admits(offering, &app.regions, app.filters.with_online)
                    && app.filters.time.admits(offering, app.now)
            })
            .collect();
        let tab = &mut app.tabs[slot];
        tab.selected = selected.and_then(|selected| rows.iter().position(|&index| index == selected)).unwrap_or(0);
        tab.rows = rows;
        tab.offset = tab.offset.min(tab.selected);
    }
}
