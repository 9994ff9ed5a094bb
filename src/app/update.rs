use crate::filter::RegionFilter;
use crate::search::Query;
use crate::store::Changed;
use crate::ui::layout::{ScreenLayout, screen_layout};
use crate::ui::{detail_max_scroll, help_max_scroll, help_page};

use super::action::{Action, Effect, MouseInput};
use super::connection;
use super::keymap::{Command, Mode};
use super::near;
use super::personal;
use super::picker::{RegionPicker, entries};
use super::plan;
use super::rows;
use super::sort;
use super::sources;
use super::state::{App, DetailText, Popup, Screen};

/// Rows the mouse wheel moves at once.
const WHEEL_STEP: u16 = 3;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::User(command) => {
            // A message answers the last key and the next one clears it;
            // a change of data stays until Esc, which then does only that.
            let only_the_change_shows = app.message.is_none() && app.lasting.is_some();
            app.message = None;
            if only_the_change_shows && command == Command::Back && app.popup.is_none() && !app.search.editing {
                app.lasting = None;
            } else {
                run_command(app, command, &mut effects)
            }
        }
        Action::Type(ch) => type_char(app, ch, &mut effects),
        Action::Mouse(input) => mouse(app, input),
        Action::Resize { width, height } => {
            app.viewport = ratatui::layout::Rect::new(0, 0, width, height);
        }
        Action::CatalogueLoaded(catalogue) => {
            let reloaded = app.loaded;
            rows::load_catalogue(app, *catalogue);
            catalogue_replaced(app, reloaded, &mut effects);
        }
        Action::OfferingsChanged(change) => {
            // Spliced into another catalogue than the runner's (one that
            // arrived in between), it would mix offerings up: read them all.
            if app.loaded && change.splice.old_len() == app.offerings.len() {
                rows::apply_change(app, *change);
                catalogue_replaced(app, true, &mut effects);
            } else {
                effects.push(Effect::ReloadCatalogue);
            }
        }
        Action::LongTextLoaded { key, text } => {
            if let Some((loading_key, state)) = &mut app.detail
                && *loading_key == key
            {
                *state = match text {
                    Ok(text) => DetailText::Loaded(text),
                    Err(message) => DetailText::Failed(message),
                };
            }
        }
        Action::OccupancyLoaded { key, occupancy } => match occupancy {
            Ok(occupancy) if app.detail.as_ref().is_some_and(|(shown, _)| *shown == key) => {
                app.occupancy = Some((key, occupancy));
            }
            // Without the numbers the details still show the capacity.
            _ => {}
        },
        Action::StoreChanged(changed) => {
            // Only what is on screen is read again: the shown offering's places and team.
            if let Some((key, _)) = &app.detail
                && changed.touches(key)
            {
                effects.push(Effect::LoadOccupancy { key: key.clone() });
                if changed.offerings_changed() {
                    effects.push(Effect::LoadLongText { key: key.clone() });
                }
            }
            match changed {
                // An import or a sync that says what it wrote: only those
                // offerings are read again, keeping selection and search.
                Changed::Offerings(keys) => effects.push(Effect::RefreshOfferings { keys }),
                // The lists are read again, with the free places and one's own.
                Changed::Unknown => effects.push(Effect::ReloadCatalogue),
                // The list's free places are everyone's too.
                Changed::Registrations(_) | Changed::SomeRegistrations => {
                    effects.extend([Effect::LoadPersonal, Effect::LoadSeats])
                }
            }
        }
        Action::SearchDone { generation, hits } => {
            if generation == app.search.generation {
                app.search.hits = Some(hits.unwrap_or_default());
                rows::refresh(app);
                // A new ranking starts at its best hit, as in fzf or atuin;
                // the same query over a reloaded catalogue stays where the user was.
                if app.search.rerun.take() != Some(generation) {
                    for tab in &mut app.tabs {
                        tab.selected = 0;
                        tab.offset = 0;
                    }
                }
            }
        }
        action @ (Action::StartSources { .. }
        | Action::SourcesLoaded(_)
        | Action::SyncProgress { .. }
        | Action::SyncFinished(_)) => sources::apply(app, action, &mut effects),
        Action::Tick => connection::tick(app, &mut effects),
        Action::ConnectionLost => connection::lost(app),
        Action::ConnectionChecked(result) => connection::checked(app, result, &mut effects),
        other => {
            let changed_here = matches!(
                other,
                Action::RegisterDone { .. }
                    | Action::CancelDone { .. }
                    | Action::InterestDone { .. }
                    | Action::UndoDone(_)
            );
            let written = matches!(
                &other,
                Action::RegisterDone { result: Ok(_), .. }
                    | Action::CancelDone { result: Ok(_), .. }
                    | Action::InterestDone { result: Ok(_), .. }
                    | Action::UndoDone(Ok(_))
            );
            personal::apply(app, other, &mut effects);
            if written {
                connection::answered(app, &mut effects);
            }
            // One's own change shows at once, not only when the watcher hears of it.
            if changed_here && let Some((key, _)) = &app.detail {
                effects.push(Effect::LoadOccupancy { key: key.clone() });
            }
        }
    }
    let layout = screen_layout(app, app.viewport);
    keep_selection_visible(app, &layout);
    clamp_detail_scroll(app, &layout);
    effects.extend(request_detail(app, &layout).into_iter().flatten());
    effects
}

fn run_command(app: &mut App, command: Command, effects: &mut Vec<Effect>) {
    let mode = app.mode();
    let layout = screen_layout(app, app.viewport);
    let page = layout.visible_rows().max(1);
    let detail_page = layout.detail_inner().map_or(1, |inner| inner.height.max(1));
    match (mode, command) {
        (_, Command::Quit) => app.should_quit = true,
        (Mode::Help, Command::Help | Command::Back) => app.popup = None,
        (Mode::Help, Command::SyncSources) => sources::command(app, command, effects),
        (Mode::Help, Command::ScrollDown) => scroll_help(app, 1),
        (Mode::Help, Command::ScrollUp) => scroll_help(app, -1),
        (Mode::Help, Command::PageDown) => scroll_help(app, help_page(app, app.viewport) as i32),
        (Mode::Help, Command::PageUp) => scroll_help(app, -(help_page(app, app.viewport) as i32)),
        (Mode::Help, Command::Top) => scroll_help(app, i32::MIN),
        (Mode::Help, Command::Bottom) => scroll_help(app, i32::MAX),
        (Mode::Help, _) => {}
        (Mode::Picker, command) => picker_command(app, command),
        (Mode::Form, command) => personal::form_command(app, command, effects),
        (Mode::Confirm, command) => personal::confirm_command(app, command, effects),
        (Mode::Calendar | Mode::Agenda | Mode::Map, Command::Help) => app.popup = Some(Popup::Help { scroll: 0 }),
        (Mode::Calendar | Mode::Agenda | Mode::Map, command) => plan::command(app, command),
        (Mode::List, Command::Calendar | Command::Agenda | Command::Map) => plan::toggle(app, command),
        (Mode::List, Command::CycleSort) => {
            app.sort = sort::next(app.sort, !app.search.query.is_empty());
            rows::refresh(app);
        }
        (Mode::Search, Command::Confirm) => app.search.editing = false,
        (Mode::Search, Command::Cancel) => {
            app.search.editing = false;
            set_query(app, String::new(), effects);
        }
        (Mode::Search, Command::DeleteChar) => {
            let mut input = app.search.input.clone();
            input.pop();
            set_query(app, input, effects);
        }
        (Mode::Search, Command::DeleteWord) => {
            let input = app.search.input.trim_end();
            let cut = input.rfind(char::is_whitespace).map_or(0, |at| at + 1);
            set_query(app, input[..cut].to_owned(), effects);
        }
        (Mode::Search, Command::ClearInput) => set_query(app, String::new(), effects),
        (_, Command::Help) => app.popup = Some(Popup::Help { scroll: 0 }),
        (_, Command::Search) => {
            app.search.editing = true;
            app.screen = Screen::List;
        }
        (_, Command::RegionFilter) => {
            let with_online = app.filters.with_online;
            let home_entries = near::home_entries(app);
            app.popup = Some(Popup::Regions(RegionPicker { with_online, home_entries, ..RegionPicker::default() }));
        }
        (_, Command::ClearRegion) => {
            app.filters.region = RegionFilter::All;
            app.filters.with_online = false;
            rows::refresh(app);
        }
        (_, Command::CycleTime) => {
            app.filters.time = app.filters.time.next();
            rows::refresh(app);
        }
        (_, Command::NextTab) => switch_tab(app, (app.active_tab + 1) % app.tabs.len()),
        (_, Command::PrevTab) => switch_tab(app, (app.active_tab + app.tabs.len() - 1) % app.tabs.len()),
        (_, Command::Tab1) => switch_tab(app, 0),
        (_, Command::Tab2) => switch_tab(app, 1),
        (_, Command::Tab3) => switch_tab(app, 2),
        (_, Command::Tab4) => switch_tab(app, 3),
        (_, Command::Tab5) => switch_tab(app, 4),
        (Mode::List | Mode::Detail, Command::Register) => personal::register_selected(app, effects),
        (Mode::List | Mode::Detail, Command::ToggleInterest) => personal::toggle_interest(app, effects),
        (Mode::List | Mode::Detail, Command::Undo) => personal::undo(app, effects),
        (Mode::List | Mode::Detail, Command::EditProfile) => personal::edit_profile(app),
        (Mode::List | Mode::Detail, Command::Export) => personal::export(app, effects),
        (
            Mode::List | Mode::Detail,
            Command::ShowSources | Command::SyncSources | Command::OnlyNew | Command::MarkRead,
        ) => sources::command(app, command, effects),
        (Mode::List | Mode::Detail, Command::EditNote) => personal::edit_note(app),
        (Mode::List | Mode::Detail, Command::OpenLink) => personal::open_link(app, effects),
        (Mode::List | Mode::Detail, Command::CopyLink) => personal::copy(app, true, effects),
        (Mode::List | Mode::Detail, Command::CopyKey) => personal::copy(app, false, effects),
        (Mode::Detail, Command::NextOffering) => move_selection(app, 1),
        (Mode::Detail, Command::PrevOffering) => move_selection(app, -1),
        (Mode::List | Mode::Search, Command::Down) => move_selection(app, 1),
        (Mode::List | Mode::Search, Command::Up) => move_selection(app, -1),
        (Mode::List, Command::PageDown) => move_selection(app, page as isize),
        (Mode::List, Command::PageUp) => move_selection(app, -(page as isize)),
        (Mode::List, Command::Top) => move_selection(app, isize::MIN),
        (Mode::List, Command::Bottom) => move_selection(app, isize::MAX),
        (Mode::List, Command::Open) => {
            if let Some(key) = app.selected_offering().map(|offering| offering.key.clone()) {
                app.screen = Screen::Detail;
                // Opened is seen: the "neu"/"geändert" mark goes.
                sources::mark_seen(app, &key, effects);
            }
        }
        (Mode::Detail, Command::Back | Command::Open) => {
            app.screen = Screen::List;
            app.plan = app.plan_beneath.take();
            plan::reload(app);
        }
        (Mode::List, Command::Back) => set_query(app, String::new(), effects),
        (Mode::Detail, Command::Down | Command::ScrollDown) | (Mode::List, Command::ScrollDown) => {
            app.detail_scroll = app.detail_scroll.saturating_add(1)
        }
        (Mode::Detail, Command::Up | Command::ScrollUp) | (Mode::List, Command::ScrollUp) => {
            app.detail_scroll = app.detail_scroll.saturating_sub(1)
        }
        (Mode::Detail, Command::PageDown) => app.detail_scroll = app.detail_scroll.saturating_add(detail_page),
        (Mode::Detail, Command::PageUp) => app.detail_scroll = app.detail_scroll.saturating_sub(detail_page),
        (Mode::Detail, Command::Top) => app.detail_scroll = 0,
        (Mode::Detail, Command::Bottom) => app.detail_scroll = u16::MAX,
        // Keys that mean nothing where they were pressed.
        (_, _) => {}
    }
}

fn type_char(app: &mut App, ch: char, effects: &mut Vec<Effect>) {
    match app.mode() {
        Mode::Search => {
            let mut input = app.search.input.clone();
            input.push(ch);
            set_query(app, input, effects);
        }
        Mode::Picker => {
            if let Some(Popup::Regions(picker)) = &mut app.popup {
                picker.input.push(ch);
                picker.selected = 0;
            }
        }
        Mode::Form => {
            if let Some(Popup::Form(form)) = &mut app.popup {
                form.type_char(ch);
            }
        }
        Mode::List | Mode::Detail | Mode::Help | Mode::Confirm | Mode::Calendar | Mode::Agenda | Mode::Map => {}
    }
}

/// Changes the query and starts a search for it; an empty query shows everything at once.
fn set_query(app: &mut App, input: String, effects: &mut Vec<Effect>) {
    if input == app.search.input {
        return;
    }
    app.search.input = input;
    let query = Query::parse(&app.search.input);
    if query == app.search.query {
        return;
    }
    app.search.query = query;
    if app.search.query.is_empty() {
        app.search.generation += 1;
        app.search.hits = None;
        // Clearing the search keeps the user on the offering they found.
        rows::refresh(app);
    } else if app.loaded {
        effects.push(start_search(app));
    }
}

/// What follows new offerings, loaded or spliced in: the plan views and a
/// search typed over the first look run over them; after a reload (or a
/// change) the search runs again, to find what came, keeping the selection.
fn catalogue_replaced(app: &mut App, reloaded: bool, effects: &mut Vec<Effect>) {
    plan::reload(app);
    if app.loaded && !app.search.query.is_empty() {
        effects.push(start_search(app));
        app.search.rerun = reloaded.then_some(app.search.generation);
    }
}

fn start_search(app: &mut App) -> Effect {
    app.search.generation += 1;
    Effect::Search { generation: app.search.generation, query: app.search.query.clone() }
}

fn picker_command(app: &mut App, command: Command) {
    let Some(Popup::Regions(picker)) = &mut app.popup else { return };
    let listed = entries(picker, &app.regions, &app.places, &app.region_counts, app.lang);
    let last = listed.len().saturating_sub(1);
    match command {
        Command::Cancel => app.popup = None,
        Command::Down => picker.selected = (picker.selected + 1).min(last),
        Command::Up => picker.selected = picker.selected.saturating_sub(1),
        Command::PageDown => picker.selected = (picker.selected + 10).min(last),
        Command::PageUp => picker.selected = picker.selected.saturating_sub(10),
        Command::ToggleOnline => picker.with_online = !picker.with_online,
        Command::DeleteChar => {
            picker.input.pop();
            picker.selected = 0;
        }
        Command::ClearInput => {
            picker.input.clear();
            picker.selected = 0;
        }
        Command::Expand | Command::Collapse => {
            let land = match listed.get(picker.selected).map(|entry| &entry.filter) {
                Some(RegionFilter::Land(code)) => Some(code.clone()),
                Some(RegionFilter::Kreis(ags)) => app.regions.kreis(ags).map(|kreis| kreis.land_code.clone()),
                _ => None,
            };
            if let Some(land) = land {
                picker.expanded = (command == Command::Expand).then(|| land.clone());
                let reopened = entries(picker, &app.regions, &app.places, &app.region_counts, app.lang);
                picker.selected = reopened
                    .iter()
                    .position(|entry| entry.filter == RegionFilter::Land(land.clone()))
                    .map_or(picker.selected, |at| {
                        if command == Command::Expand { (at + 1).min(reopened.len() - 1) } else { at }
                    });
            }
        }
        Command::Confirm => {
            if let Some(entry) = listed.get(picker.selected) {
                app.filters.region = entry.filter.clone();
                app.filters.with_online = picker.with_online;
                app.popup = None;
                rows::refresh(app);
            }
        }
        _ => {}
    }
}

/// Scrolls the help by `delta` lines, within its length.
fn scroll_help(app: &mut App, delta: i32) {
    let max = help_max_scroll(app, app.viewport);
    if let Some(Popup::Sources { scroll }) = &mut app.popup {
        // The sources view holds its scroll within its text when drawn.
        *scroll = scroll.saturating_add_signed(delta as i16);
    }
    if let Some(Popup::Help { scroll }) = &mut app.popup {
        *scroll = (i32::from(*scroll).saturating_add(delta)).clamp(0, i32::from(max)) as u16;
    }
}

fn switch_tab(app: &mut App, index: usize) {
    if index != app.active_tab {
        app.active_tab = index;
        app.detail_scroll = 0;
    }
}

/// Moves the selection by `delta` rows, stopping at the ends.
fn move_selection(app: &mut App, delta: isize) {
    let tab = &mut app.tabs[app.active_tab];
    if tab.rows.is_empty() {
        return;
    }
    let last = tab.rows.len() - 1;
    let target = (tab.selected as isize).saturating_add(delta).clamp(0, last as isize) as usize;
    if target != tab.selected {
        tab.selected = target;
        app.detail_scroll = 0;
    }
}

fn mouse(app: &mut App, input: MouseInput) {
    let layout = screen_layout(app, app.viewport);
    match &mut app.popup {
        Some(Popup::Help { .. } | Popup::Sources { .. }) => {
            match input {
                MouseInput::ScrollDown { .. } => scroll_help(app, WHEEL_STEP as i32),
                MouseInput::ScrollUp { .. } => scroll_help(app, -(WHEEL_STEP as i32)),
                MouseInput::Click { .. } => app.popup = None,
            }
            return;
        }
        Some(Popup::Form(_) | Popup::Confirm(_)) => return,
        Some(Popup::Regions(picker)) => {
            match input {
                MouseInput::ScrollDown { .. } => picker.selected += WHEEL_STEP as usize,
                MouseInput::ScrollUp { .. } => picker.selected = picker.selected.saturating_sub(WHEEL_STEP as usize),
                MouseInput::Click { .. } => {}
            }
            let count = entries(picker, &app.regions, &app.places, &app.region_counts, app.lang).len();
            picker.selected = picker.selected.min(count.saturating_sub(1));
            return;
        }
        None => {}
    }
    let inside = |area: Option<ratatui::layout::Rect>, column: u16, row: u16| {
        area.is_some_and(|area| area.contains(ratatui::layout::Position::new(column, row)))
    };
    match input {
        MouseInput::Click { column, row } if row == layout.header.y => {
            if let Some(label) = layout.tabs.iter().find(|label| (label.x..label.x + label.width).contains(&column)) {
                switch_tab(app, label.index);
            }
        }
        MouseInput::Click { column, row } if inside(layout.list, column, row) => {
            let list = layout.list.expect("inside() checked the list is shown");
            // The first data row sits below the top border and the column header.
            let first_row = list.y + 2;
            if row >= first_row && row < list.bottom() - 1 {
                let tab = &app.tabs[app.active_tab];
                let clicked = tab.offset + usize::from(row - first_row);
                if clicked < tab.rows.len() && clicked != tab.selected {
                    app.tabs[app.active_tab].selected = clicked;
                    app.detail_scroll = 0;
                }
            }
        }
        MouseInput::ScrollDown { column, row } if inside(layout.list, column, row) => {
            move_selection(app, WHEEL_STEP as isize)
        }
        MouseInput::ScrollUp { column, row } if inside(layout.list, column, row) => {
            move_selection(app, -(WHEEL_STEP as isize))
        }
        MouseInput::ScrollDown { column, row } if inside(layout.detail, column, row) => {
            app.detail_scroll = app.detail_scroll.saturating_add(WHEEL_STEP)
        }
        MouseInput::ScrollUp { column, row } if inside(layout.detail, column, row) => {
            app.detail_scroll = app.detail_scroll.saturating_sub(WHEEL_STEP)
        }
        _ => {}
    }
}

fn keep_selection_visible(app: &mut App, layout: &ScreenLayout) {
    let visible = layout.visible_rows();
    if visible == 0 {
        return;
    }
    let tab = &mut app.tabs[app.active_tab];
    if tab.selected < tab.offset {
        tab.offset = tab.selected;
    } else if tab.selected >= tab.offset + visible {
        tab.offset = tab.selected + 1 - visible;
    }
    // After a resize the list may fit more rows than lie below the offset.
    let max_offset = tab.rows.len().saturating_sub(visible);
    tab.offset = tab.offset.min(max_offset);
}

fn clamp_detail_scroll(app: &mut App, layout: &ScreenLayout) {
    if let Some(inner) = layout.detail_inner() {
        app.detail_scroll = app.detail_scroll.min(detail_max_scroll(app, inner));
    }
}

/// Asks for the long text of the selected record when the details are on
/// screen and it is not loaded yet.
fn request_detail(app: &mut App, layout: &ScreenLayout) -> Option<Vec<Effect>> {
    layout.detail?;
    let offering = app.selected_offering()?;
    let key = offering.key.clone();
    if app.detail.as_ref().is_some_and(|(loaded, _)| *loaded == key) {
        return None;
    }
    app.detail = Some((key.clone(), DetailText::Loading));
    app.occupancy = None;
    Some(vec![Effect::LoadLongText { key: key.clone() }, Effect::LoadOccupancy { key }])
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use proptest::sample::Index;

    use super::*;
    use crate::app::{Catalogue, Keymap, OfferingsChange, Theme};
    use crate::domain::Offering;
    use crate::geo::LatLon;
    use crate::i18n::Lang;
    use crate::search::{Hit, Tier};
    use crate::splice::Splice;

    fn app() -> App {
        let now = NaiveDate::from_ymd_opt(2020, 10, 1).and_then(|day| day.and_hms_opt(9, 0, 0)).expect("a date");
        App::new(Lang::De, Theme::Plain, Keymap::defaults(), now, ratatui::layout::Rect::new(0, 0, 120, 35))
    }

    /// The shipped samples, each with a row id in the order read.
    fn samples() -> Vec<(i64, Offering)> {
        crate::store::sample_records().into_iter().map(|record| record.offering).zip(1..).map(|(o, r)| (r, o)).collect()
    }

    /// Somewhere made up from the offering itself, so that both ways of
    /// loading agree on it and a misplaced one shows.
    fn place_of(offering: &Offering) -> Option<LatLon> {
        Some(LatLon::new(offering.title.len() as f64, offering.key.len() as f64))
    }

    fn loaded(offerings: &[(i64, Offering)]) -> App {
        let mut app = app();
        let offerings: Vec<Offering> = offerings.iter().map(|(_, offering)| offering.clone()).collect();
        let located = offerings.iter().map(place_of).collect();
        let _ = update(
            &mut app,
            Action::CatalogueLoaded(Box::new(Catalogue { offerings, located, ..Catalogue::default() })),
        );
        app
    }

    /// The change the runner would send for `changed` keys, the store now holding `after`.
    fn change(before: &[(i64, Offering)], after: &[(i64, Offering)], changed: &[String]) -> OfferingsChange {
        let rowids: Vec<i64> = before.iter().map(|(rowid, _)| *rowid).collect();
        let read: Vec<&(i64, Offering)> =
            after.iter().filter(|(_, offering)| changed.contains(&offering.key)).collect();
        let read_rowids: Vec<i64> = read.iter().map(|(rowid, _)| *rowid).collect();
        let splice = Splice::by_rowid(&rowids, |at| changed.contains(&before[at].1.key), &read_rowids);
        let offerings: Vec<Offering> = read.iter().map(|(_, offering)| offering.clone()).collect();
        let located = offerings.iter().map(place_of).collect();
        OfferingsChange { splice, offerings, located }
    }

    fn selected_key(app: &App, slot: usize) -> Option<&str> {
        let tab = &app.tabs[slot];
        tab.rows.get(tab.selected).map(|&index| app.offerings[index].key.as_str())
    }

    proptest! {
        /// Random offerings removed, changed and added elsewhere: spliced
        /// in, the lists are those a full load of the new offerings shows,
        /// and each tab stays on its offering where it is still listed.
        #[test]
        fn a_spliced_change_shows_what_a_full_load_shows(
            removed in prop::collection::vec(any::<Index>(), 0..4),
            retitled in prop::collection::vec(any::<Index>(), 0..4),
            added in prop::collection::vec(any::<Index>(), 0..3),
            selections in prop::collection::vec(any::<Index>(), 4),
        ) {
            let before = samples();
            let mut app = loaded(&before);
            for (slot, pick) in selections.iter().enumerate() {
                let rows = app.tabs[slot].rows.len();
                app.tabs[slot].selected = if rows == 0 { 0 } else { pick.index(rows) };
            }
            let selected_before: Vec<Option<String>> =
                (0..4).map(|slot| selected_key(&app, slot).map(str::to_owned)).collect();

            let mut after = before.clone();
            let mut changed = Vec::new();
            for pick in &retitled {
                let (_, offering) = &mut after[pick.index(before.len())];
                offering.title = format!("{} (geändert)", offering.title);
                changed.push(offering.key.clone());
            }
            for (number, pick) in added.iter().enumerate() {
                let mut offering = before[pick.index(before.len())].1.clone();
                offering.key = format!("neu-{number}");
                changed.push(offering.key.clone());
                after.push((100 + number as i64, offering));
            }
            for pick in &removed {
                let key = before[pick.index(before.len())].1.key.clone();
                after.retain(|(_, offering)| offering.key != key);
                changed.push(key);
            }

            let effects = update(&mut app, Action::OfferingsChanged(Box::new(change(&before, &after, &changed))));
            prop_assert!(!effects.contains(&Effect::ReloadCatalogue), "{:?}", effects);
            let reference = loaded(&after);
            prop_assert_eq!(&app.offerings, &reference.offerings);
            prop_assert_eq!(&app.located, &reference.located);
            prop_assert_eq!(&app.usual_order, &reference.usual_order);
            prop_assert_eq!(&app.index_by_key, &reference.index_by_key);
            prop_assert_eq!(&app.region_counts, &reference.region_counts);
            for (slot, selected) in selected_before.iter().enumerate() {
                prop_assert_eq!(&app.tabs[slot].rows, &reference.tabs[slot].rows);
                let still_listed = selected
                    .as_ref()
                    .filter(|key| reference.tabs[slot].rows.iter().any(|&at| reference.offerings[at].key == **key));
                if let Some(key) = still_listed {
                    prop_assert_eq!(selected_key(&app, slot), Some(key.as_str()));
                }
            }
        }
    }

    #[test]
    fn offerings_named_by_the_store_are_read_again_alone() {
        let mut app = loaded(&samples());
        let key = "einbecker-modell".to_owned();
        let effects = update(&mut app, Action::StoreChanged(Changed::Offerings(vec![key.clone()])));
        assert!(effects.contains(&Effect::RefreshOfferings { keys: vec![key.clone()] }), "{effects:?}");
        assert!(!effects.contains(&Effect::ReloadCatalogue), "{effects:?}");
        let effects = update(&mut app, Action::StoreChanged(Changed::Unknown));
        assert!(effects.contains(&Effect::ReloadCatalogue), "{effects:?}");
        let effects = update(&mut app, Action::StoreChanged(Changed::Registrations(vec![key])));
        assert!(effects.contains(&Effect::LoadSeats), "{effects:?}");
        assert!(
            !effects.iter().any(|effect| matches!(effect, Effect::ReloadCatalogue | Effect::RefreshOfferings { .. }))
        );
    }

    #[test]
    fn a_change_keeps_the_search_and_runs_it_again_where_the_user_was() {
        let before = samples();
        let mut app = loaded(&before);
        let _ = update(&mut app, Action::User(Command::Search));
        for ch in "leerstand".chars() {
            let _ = update(&mut app, Action::Type(ch));
        }
        let generation = app.search.generation;
        // Every offering a hit, in reverse order of the catalogue.
        let hits = (0..app.offerings.len() as u32).rev().map(|entry| Hit { entry, tier: Tier::Elsewhere, score: 0 });
        let _ = update(&mut app, Action::SearchDone { generation, hits: Ok(hits.collect()) });
        let slot = app.active_tab;
        app.tabs[slot].selected = 1;
        let selected = selected_key(&app, slot).map(str::to_owned);
        let first = before[0].1.key.clone();

        let after: Vec<(i64, Offering)> = before[1..].to_vec();
        let effects =
            update(&mut app, Action::OfferingsChanged(Box::new(change(&before, &after, std::slice::from_ref(&first)))));

        let rerun = app.search.generation;
        assert!(effects.contains(&Effect::Search { generation: rerun, query: app.search.query.clone() }));
        assert!(!effects.contains(&Effect::ReloadCatalogue), "{effects:?}");
        assert_eq!(app.search.rerun, Some(rerun));
        let hit_keys: Vec<&str> =
            app.search.hits.iter().flatten().map(|hit| app.offerings[hit.entry as usize].key.as_str()).collect();
        let expected: Vec<&str> = after.iter().rev().map(|(_, offering)| offering.key.as_str()).collect();
        assert_eq!(hit_keys, expected, "the old hits point to the same offerings until the search answers");
        assert_eq!(selected_key(&app, slot).map(str::to_owned), selected);
        assert_eq!(app.search.input, "leerstand");
    }

    #[test]
    fn a_change_made_for_another_catalogue_reads_everything() {
        let before = samples();
        let mut app = loaded(&before[1..]);
        let held = app.offerings.clone();
        let effects = update(&mut app, Action::OfferingsChanged(Box::new(change(&before, &before, &[]))));
        assert!(effects.contains(&Effect::ReloadCatalogue), "{effects:?}");
        assert_eq!(app.offerings, held);
    }
}
