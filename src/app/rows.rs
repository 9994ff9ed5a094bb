//! Which offerings each tab shows, in which order: the usual order, or the
//! search ranking, narrowed by the region and time filters.

use std::cmp::Reverse;

use crate::domain::{Kind, Offering};
use crate::filter::RegionFilter;
use crate::search::rank;

use super::order::{OrderKey, compare, usual_order};
use super::state::{App, Catalogue, OfferingsChange, Personal, TabKind};

pub fn load_catalogue(app: &mut App, catalogue: Catalogue) {
    let Catalogue { offerings, regions, places, personal, seat_counts, preview_totals, located } = catalogue;
    // A first look never replaces the whole catalogue.
    if preview_totals.is_some() && app.loaded {
        return;
    }
    app.places = places;
    app.seat_counts = seat_counts;
    app.regions = regions;
    app.personal = personal;
    app.loaded = preview_totals.is_none();
    app.preview_totals = preview_totals;
    replace_offerings(app, Replacement::Whole { offerings, located });
}

/// Splices offerings changed elsewhere into those held, as a full load
/// would have placed them; the places, the regions and one's own stay.
pub fn apply_change(app: &mut App, change: OfferingsChange) {
    replace_offerings(app, Replacement::Change(change));
}

enum Replacement {
    Whole { offerings: Vec<Offering>, located: Vec<Option<crate::geo::LatLon>> },
    Change(OfferingsChange),
}

/// Puts new offerings in place, with everything ordered or counted over
/// them, keeping each tab on its offering and the search's hits on theirs.
fn replace_offerings(app: &mut App, replacement: Replacement) {
    let now = app.now;
    // Each tab stays on the offering it showed, by key: indices change.
    let selected_keys: Vec<Option<String>> = (0..app.tabs.len())
        .map(|slot| {
            let tab = &app.tabs[slot];
            tab.rows.get(tab.selected).map(|&index| app.offerings[index].key.clone())
        })
        .collect();
    let hit_keys: Option<Vec<Option<String>>> = app.search.hits.as_ref().map(|hits| {
        hits.iter().map(|hit| app.offerings.get(hit.entry as usize).map(|offering| offering.key.clone())).collect()
    });
    match replacement {
        Replacement::Whole { offerings, located } => {
            app.offerings = offerings;
            app.located = located;
            recount(app);
        }
        Replacement::Change(change) => splice_in(app, change),
    }
    app.located.resize(app.offerings.len(), None);
    // The hits of a search point into the old catalogue: until the search
    // runs again over the new one, they point to the same offerings there.
    if let (Some(hits), Some(hit_keys)) = (&mut app.search.hits, hit_keys) {
        let new = &app.index_by_key;
        let mut keys = hit_keys.into_iter();
        hits.retain_mut(|hit| {
            let moved = keys.next().flatten().and_then(|key| new.get(&key));
            if let Some(&index) = moved {
                hit.entry = index as u32;
            }
            moved.is_some()
        });
    }
    let mut dated = app.offerings.iter().filter(|offering| offering.starts().is_some()).peekable();
    app.nothing_upcoming = dated.peek().is_some() && dated.all(|offering| offering.is_over(now));
    order_mine(app);
    // Row indices of an earlier catalogue mean nothing in this one.
    for tab in &mut app.tabs {
        tab.rows.clear();
    }
    refresh(app);
    for (tab, key) in app.tabs.iter_mut().zip(selected_keys) {
        let index = key.and_then(|key| app.index_by_key.get(&key).copied());
        if let Some(at) = index.and_then(|index| tab.rows.iter().position(|&row| row == index)) {
            tab.selected = at;
        }
    }
}

/// Each tab's usual order, the index by key and the region counts of every
/// offering, made afresh: what `splice_in` must arrive at.
fn recount(app: &mut App) {
    let (offerings, now) = (&app.offerings, app.now);
    app.usual_order = Kind::ALL
        .into_iter()
        .map(|kind| {
            let of_kind: Vec<usize> = (0..offerings.len()).filter(|&index| offerings[index].kind() == kind).collect();
            let kind_keys: Vec<OrderKey> = of_kind.iter().map(|&index| OrderKey::of(&offerings[index])).collect();
            usual_order(kind, &kind_keys, now, None).into_iter().map(|at| of_kind[at]).collect()
        })
        .collect();
    app.usual_order.push(Vec::new());
    app.index_by_key = offerings.iter().enumerate().map(|(index, offering)| (offering.key.clone(), index)).collect();
    app.region_counts = super::picker::RegionCounts::count(offerings, &app.regions);
}

/// Splices `change` into the offerings, and into their usual orders, index
/// by key and region counts as `recount` would make them, reading only the
/// offerings that go or come: sorting and counting 100,000 again on the
/// drawing thread would hold up frames for a tenth of a second.
fn splice_in(app: &mut App, change: OfferingsChange) {
    let OfferingsChange { splice, offerings: incoming, located } = change;
    let moved = splice.moved();
    for (old, offering) in app.offerings.iter().enumerate() {
        if moved[old].is_none() {
            app.index_by_key.remove(&offering.key);
            app.region_counts.tally(offering, &app.regions, true);
        }
    }
    for index in app.index_by_key.values_mut() {
        *index = moved[*index].expect("the keys of offerings that go were taken out above");
    }
    let offerings = splice.apply(std::mem::take(&mut app.offerings), incoming);
    app.located = splice.apply(std::mem::take(&mut app.located), located);
    for &at in splice.inserted_at() {
        app.index_by_key.insert(offerings[at].key.clone(), at);
        app.region_counts.tally(&offerings[at], &app.regions, false);
    }
    let now = app.now;
    for (order, kind) in app.usual_order.iter_mut().zip(Kind::ALL) {
        // Kept offerings keep their order among themselves; ties go by index, as in `usual_order`.
        let mut spliced: Vec<usize> = order.iter().filter_map(|&old| moved[old]).collect();
        for &new in splice.inserted_at().iter().filter(|&&at| offerings[at].kind() == kind) {
            let key = OrderKey::of(&offerings[new]);
            let at = spliced.partition_point(|&other| {
                compare(kind, &OrderKey::of(&offerings[other]), &key, now).then(other.cmp(&new)).is_lt()
            });
            spliced.insert(at, new);
        }
        *order = spliced;
    }
    app.offerings = offerings;
}

/// Takes in the user's registrations and interests as the store now has them.
pub fn set_personal(app: &mut App, personal: Personal) {
    app.personal = personal;
    order_mine(app);
    refresh(app);
}

/// The "Meine" tab's usual order: upcoming dated offerings soonest first,
/// then those without a date, then past ones, the latest first.
fn order_mine(app: &mut App) {
    let now = app.now;
    let personal = &app.personal;
    let mut mine: Vec<usize> = personal
        .registrations
        .keys()
        .chain(personal.interests.iter().filter(|key| !personal.registrations.contains_key(*key)))
        .filter_map(|key| app.index_by_key.get(key).copied())
        .collect();
    let offerings = &app.offerings;
    mine.sort_by_cached_key(|&index| {
        let offering = &offerings[index];
        let starts = offering.starts().map(|moment| moment.earliest());
        let group = match (offering.is_over(now), starts) {
            (false, Some(_)) => 0,
            (false, None) => 1,
            (true, _) => 2,
        };
        let upcoming = if group == 0 { starts } else { None };
        let past = if group == 2 { starts.map(Reverse) } else { None };
        (group, upcoming, past, offering.title.to_lowercase())
    });
    let slot = app.tabs.iter().position(|tab| tab.kind == TabKind::Mine).expect("the Meine tab always exists");
    app.usual_order[slot] = mine;
}

/// Whether the filters in force let an offering through.
pub fn admits(app: &App, index: usize) -> bool {
    passes(app, &app.filters, index)
}

/// Whether the given filters would let an offering through.
pub fn passes(app: &App, filters: &super::state::Filters, index: usize) -> bool {
    let offering = &app.offerings[index];
    let with_online = filters.with_online;
    let in_region = match &filters.region {
        // The places were located once when the catalogue loaded.
        RegionFilter::Around { radius, .. } => radius.admits(offering, app.located[index], with_online),
        region => region.admits(offering, &app.regions, with_online),
    };
    in_region
        && filters.time.admits(offering, app.now)
        && (!filters.only_new || super::sources::is_unread(app, &offering.key))
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
                rank::within(hits, &app.usual_order[slot], app.offerings.len())
                    .into_iter()
                    .map(|entry| entry as usize)
                    .collect()
            }
            _ => app.usual_order[slot].clone(),
        };
        let unfiltered = app.filters == super::state::Filters::default();
        let mut rows: Vec<usize> = ordered.into_iter().filter(|&index| unfiltered || admits(app, index)).collect();
        if let Some(sort) = app.sort {
            super::sort::apply(app, sort, &mut rows);
        }
        let tab = &mut app.tabs[slot];
        tab.selected = selected.and_then(|selected| rows.iter().position(|&index| index == selected)).unwrap_or(0);
        tab.rows = rows;
        tab.offset = tab.offset.min(tab.selected);
    }
}
