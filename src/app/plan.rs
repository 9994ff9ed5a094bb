//! The planning views over the dashboard's body: month calendar, agenda
//! and map. Their state and how commands move in them; opening an
//! offering hands over to the usual tab and detail.

use std::collections::HashMap;

use chrono::{Days, Months, NaiveDate};

use crate::domain::RegionRef;
use crate::filter::RegionFilter;
use crate::geo::projection::{Point, project};
use crate::geo::{Gazetteer, LatLon};
use crate::plan::{Entry, Reach, weeks, within};

use super::keymap::Command;
use super::rows;
use super::state::{App, Screen, TabKind};

/// How far ahead the dashboard's agenda looks, as `lotse termine` does.
pub const AGENDA_DAYS: u32 = 30;

#[derive(Debug, Clone, PartialEq)]
pub enum PlanView {
    Calendar(CalendarView),
    Agenda(AgendaView),
    Map(MapView),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarView {
    pub cursor: NaiveDate,
    /// Everything dated in the weeks the month grid shows, also what
    /// began before them and still goes on.
    pub entries: Vec<Entry>,
    /// The selected line of the cursor day's list, once Enter opened it.
    pub day_selected: Option<usize>,
}

impl CalendarView {
    /// What takes place on `day`: a conference on each of its days.
    pub fn on_day(&self, day: NaiveDate) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |entry| (entry.day..=entry.last_day).contains(&day))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaView {
    pub from: NaiveDate,
    pub entries: Vec<Entry>,
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapView {
    /// Offerings per Kreis (AGS), where they take place.
    pub counts: HashMap<String, usize>,
    pub selected: Option<String>,
}

/// The admitted offerings' dates in `days` from `from`; own registrations
/// are the user's active ones.
fn dated(app: &App, from: NaiveDate, days: u32, reach: Reach) -> Vec<Entry> {
    let registrations = &app.personal.registrations;
    within(&app.offerings, |offering| registrations.contains_key(&offering.key), from, days, reach)
        .into_iter()
        .filter(|entry| rows::admits(app, entry.offering))
        .collect()
}

fn calendar_at(app: &App, cursor: NaiveDate) -> CalendarView {
    let grid = weeks::month_grid(cursor);
    let first = grid[0][0];
    let days = (grid.len() * 7) as u32;
    CalendarView { cursor, entries: dated(app, first, days, Reach::Spans), day_selected: None }
}

/// `c`, `a`, `m`: opens a view, or closes it when it is the one showing.
pub fn toggle(app: &mut App, command: Command) {
    let today = app.now.date();
    let same = matches!(
        (&app.plan, command),
        (Some(PlanView::Calendar(_)), Command::Calendar)
            | (Some(PlanView::Agenda(_)), Command::Agenda)
            | (Some(PlanView::Map(_)), Command::Map)
    );
    app.plan = match command {
        _ if same => None,
        Command::Calendar => Some(PlanView::Calendar(calendar_at(app, today))),
        Command::Agenda => Some(PlanView::Agenda(AgendaView {
            from: today,
            entries: dated(app, today, AGENDA_DAYS, Reach::Starts),
            selected: 0,
        })),
        Command::Map => Some(PlanView::Map(map_view(app))),
        _ => return,
    };
}

/// Builds the open view again from the current data: a new catalogue
/// numbers the offerings anew, and registrations or filters may have
/// changed while details were open. Where the user was stays.
pub fn reload(app: &mut App) {
    app.plan = match app.plan.take() {
        Some(PlanView::Calendar(view)) => {
            let rebuilt = calendar_at(app, view.cursor);
            let on_day = rebuilt.on_day(rebuilt.cursor).count();
            // Back from details, the day's list is still open where it was.
            let day_selected = view.day_selected.filter(|_| on_day > 0).map(|selected| selected.min(on_day - 1));
            Some(PlanView::Calendar(CalendarView { day_selected, ..rebuilt }))
        }
        Some(PlanView::Agenda(view)) => {
            let entries = dated(app, view.from, AGENDA_DAYS, Reach::Starts);
            let selected = view.selected.min(entries.len().saturating_sub(1));
            Some(PlanView::Agenda(AgendaView { from: view.from, entries, selected }))
        }
        Some(PlanView::Map(view)) => Some(PlanView::Map(MapView { selected: view.selected, ..map_view(app) })),
        None => None,
    };
}

pub fn command(app: &mut App, command: Command) {
    match command {
        Command::Calendar | Command::Agenda | Command::Map => toggle(app, command),
        _ => match app.plan.take() {
            Some(PlanView::Calendar(view)) => calendar_command(app, view, command),
            Some(PlanView::Agenda(view)) => agenda_command(app, view, command),
            Some(PlanView::Map(view)) => map_command(app, view, command),
            None => {}
        },
    }
}

fn calendar_command(app: &mut App, mut view: CalendarView, command: Command) {
    let on_day = view.on_day(view.cursor).count();
    // With the day's list open, up and down choose in it; moving to
    // another day closes it.
    if let Some(selected) = view.day_selected {
        match command {
            Command::Down => view.day_selected = Some((selected + 1).min(on_day.saturating_sub(1))),
            Command::Up => view.day_selected = Some(selected.saturating_sub(1)),
            Command::Back => view.day_selected = None,
            Command::Open => {
                let chosen = view.on_day(view.cursor).nth(selected).map(|entry| entry.offering);
                if let Some(offering) = chosen {
                    app.plan = Some(PlanView::Calendar(view));
                    return open_offering(app, offering);
                }
            }
            _ => return calendar_command(app, CalendarView { day_selected: None, ..view }, command),
        }
        app.plan = Some(PlanView::Calendar(view));
        return;
    }
    let cursor = view.cursor;
    let moved = match command {
        Command::CursorLeft => cursor.checked_sub_days(Days::new(1)),
        Command::CursorRight => cursor.checked_add_days(Days::new(1)),
        Command::Up => cursor.checked_sub_days(Days::new(7)),
        Command::Down => cursor.checked_add_days(Days::new(7)),
        Command::PageUp => cursor.checked_sub_months(Months::new(1)),
        Command::PageDown => cursor.checked_add_months(Months::new(1)),
        Command::Top => Some(app.now.date()),
        Command::Open => {
            if on_day > 0 {
                view.day_selected = Some(0);
            }
            None
        }
        Command::Back => return,
        _ => None,
    };
    app.plan = Some(PlanView::Calendar(match moved {
        Some(day) if weeks::month_grid(day)[0][0] != weeks::month_grid(cursor)[0][0] => calendar_at(app, day),
        Some(day) => CalendarView { cursor: day, ..view },
        None => view,
    }));
}

fn agenda_command(app: &mut App, mut view: AgendaView, command: Command) {
    let last = view.entries.len().saturating_sub(1);
    match command {
        Command::Down => view.selected = (view.selected + 1).min(last),
        Command::Up => view.selected = view.selected.saturating_sub(1),
        Command::PageDown => view.selected = (view.selected + 10).min(last),
        Command::PageUp => view.selected = view.selected.saturating_sub(10),
        Command::Top => view.selected = 0,
        Command::Bottom => view.selected = last,
        Command::Back => return,
        Command::Open => {
            if let Some(offering) = view.entries.get(view.selected).map(|entry| entry.offering) {
                app.plan = Some(PlanView::Agenda(view));
                return open_offering(app, offering);
            }
        }
        _ => {}
    }
    app.plan = Some(PlanView::Agenda(view));
}

/// Shows one offering's details in its tab; the view stays open beneath,
/// so Esc from the details leads back to it.
fn open_offering(app: &mut App, index: usize) {
    let kind = app.offerings[index].kind();
    let Some(slot) = app.tabs.iter().position(|tab| tab.kind == TabKind::Offerings(kind)) else { return };
    if !app.tabs[slot].rows.contains(&index) {
        // A search hides it: the user asked for this offering, not the search.
        // The generation moves on, so a search still under way is ignored.
        let generation = app.search.generation + 1;
        app.search = super::state::SearchState { generation, ..Default::default() };
        rows::refresh(app);
    }
    if let Some(position) = app.tabs[slot].rows.iter().position(|&row| row == index) {
        app.active_tab = slot;
        app.tabs[slot].selected = position;
        app.detail_scroll = 0;
        app.screen = Screen::Detail;
        app.plan_beneath = app.plan.take();
    }
}

/// Where an offering shows on the map: its Kreis, or the Kreis nearest its place.
fn map_kreis(app: &App, index: usize) -> Option<String> {
    match &app.offerings[index].region {
        RegionRef::Kreis(ags) => Some(ags.clone()),
        _ => app.located[index].and_then(|at| Gazetteer::shipped().nearest_kreis(at)).map(|kreis| kreis.ags.clone()),
    }
}

fn by_kreis(app: &App, offerings: impl Iterator<Item = usize>) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for ags in offerings.filter_map(|index| map_kreis(app, index)) {
        *counts.entry(ags).or_default() += 1;
    }
    counts
}

/// Offerings per Kreis, of those the tabs list: the map counts what the
/// list shows with the search and every filter in force, the time filter too.
fn map_counts(app: &App) -> HashMap<String, usize> {
    // "Meine" lists offerings that also stand in their own tab.
    let listed = app.tabs.iter().filter(|tab| matches!(tab.kind, TabKind::Offerings(_)));
    by_kreis(app, listed.flat_map(|tab| tab.rows.iter().copied()))
}

fn map_view(app: &App) -> MapView {
    let counts = map_counts(app);
    let selected = match &app.filters.region {
        RegionFilter::Kreis(ags) => Some(ags.clone()),
        _ => app.home.as_ref().map(|home| home.kreis.clone()),
    };
    MapView { counts, selected }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    North,
    South,
    West,
    East,
}

/// The Kreis to go to from `from` in a direction: the nearest whose centre
/// lies that way, counting a step aside double so the path stays straight.
pub fn step(from: Point, candidates: impl Iterator<Item = (usize, Point)>, direction: Direction) -> Option<usize> {
    candidates
        .filter_map(|(index, to)| {
            let (dx, dy) = (to.x - from.x, to.y - from.y);
            let (ahead, aside) = match direction {
                Direction::North => (dy, dx),
                Direction::South => (-dy, dx),
                Direction::East => (dx, dy),
                Direction::West => (-dx, dy),
            };
            (ahead > 1e-9 && aside.abs() <= ahead * 2.0).then_some((index, ahead + 2.0 * aside.abs()))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(index, _)| index)
}

/// Germany's middle, where the map cursor starts without a home place.
const MIDDLE: LatLon = LatLon::new(51.16, 10.45);

fn map_command(app: &mut App, mut view: MapView, command: Command) {
    let gazetteer = Gazetteer::shipped();
    let direction = match command {
        Command::Up => Some(Direction::North),
        Command::Down => Some(Direction::South),
        Command::CursorLeft => Some(Direction::West),
        Command::CursorRight => Some(Direction::East),
        _ => None,
    };
    match (command, direction) {
        (_, Some(direction)) => {
            let from =
                view.selected.as_deref().and_then(|ags| gazetteer.kreis(ags)).map_or(MIDDLE, |kreis| kreis.centre);
            let kreise = gazetteer.kreise();
            let candidates = kreise.iter().enumerate().map(|(index, kreis)| (index, project(kreis.centre)));
            let next = match &view.selected {
                Some(_) => step(project(from), candidates, direction),
                None => gazetteer.nearest_kreis(from).and_then(|kreis| kreise.iter().position(|k| k.ags == kreis.ags)),
            };
            if let Some(index) = next {
                view.selected = Some(kreise[index].ags.clone());
            }
        }
        (Command::Confirm | Command::Open, _) => {
            if let Some(ags) = view.selected {
                app.filters.region = RegionFilter::Kreis(ags);
                rows::refresh(app);
                return;
            }
        }
        (Command::Back, _) => return,
        _ => {}
    }
    app.plan = Some(PlanView::Map(view));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Catalogue, Keymap, Theme, update};
    use crate::filter::TimeFilter;
    use crate::geo::Radius;
    use crate::i18n::Lang;
    use proptest::prelude::*;
    use proptest::sample::Index;

    thread_local! {
        // Opening a store loads 16,000 places: once per thread, not once per case.
        static CATALOGUE: Catalogue = demo_catalogue();
    }

    fn demo_catalogue() -> Catalogue {
        let mut store = crate::store::Store::open_in_memory().expect("an in-memory store opens");
        let regions = store.regions().expect("the shipped regions load");
        store.put_records(&crate::demo::generate(600, 11, &regions.kreise)).expect("demo records store");
        crate::runner::Backend::new(store).load().expect("the catalogue loads")
    }

    /// The slow reference: the whole catalogue through the filter predicate.
    fn reference_counts(app: &App) -> HashMap<String, usize> {
        by_kreis(app, (0..app.offerings.len()).filter(|&index| rows::admits(app, index)))
    }

    /// One of every kind of region filter, the Land, Kreis and radius picked at random.
    fn region_filter(app: &App, choice: usize, pick: Index, km: u32) -> RegionFilter {
        let home = app.home.as_ref().expect("the test sets a home place");
        match choice {
            0 => RegionFilter::All,
            1 => RegionFilter::Bundesweit,
            2 => RegionFilter::Online,
            3 => RegionFilter::Unknown,
            4 => RegionFilter::Land(pick.get(&app.regions.laender).code.clone()),
            5 => RegionFilter::Kreis(pick.get(&app.regions.kreise).ags.clone()),
            6 => RegionFilter::Around { radius: Radius::new(home.at, km), home: home.label.clone() },
            _ => super::super::near::home_filters(app).pop().expect("Hattersheim's Kreis is shipped"),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn the_map_counts_what_the_filters_let_through(
            choice in 0usize..8,
            pick in any::<Index>(),
            km in 1u32..400,
            with_online in any::<bool>(),
            time in prop::sample::select(vec![TimeFilter::All, TimeFilter::Current, TimeFilter::Past]),
            days in 0u64..5_500,
        ) {
            let now = NaiveDate::from_ymd_opt(2016, 1, 1).and_then(|day| day.checked_add_days(Days::new(days)));
            let now = now.and_then(|day| day.and_hms_opt(9, 0, 0)).expect("a day between 2016 and 2031");
            let mut app = App::new(Lang::De, Theme::Plain, Keymap::defaults(), now, ratatui::layout::Rect::new(0, 0, 120, 35));
            let catalogue = CATALOGUE.with(Catalogue::clone);
            let _ = update(&mut app, Action::CatalogueLoaded(Box::new(catalogue)));
            app.home = Gazetteer::shipped().resolve("65795").ok();
            app.filters.region = region_filter(&app, choice, pick, km);
            app.filters.with_online = with_online;
            app.filters.time = time;
            rows::refresh(&mut app);
            toggle(&mut app, Command::Map);
            let Some(PlanView::Map(view)) = &app.plan else { panic!("m opens the map") };
            prop_assert_eq!(&view.counts, &reference_counts(&app));
        }
    }

    #[test]
    fn the_map_leaves_out_what_the_time_filter_hides() {
        let now = NaiveDate::from_ymd_opt(2024, 6, 1).and_then(|day| day.and_hms_opt(9, 0, 0)).expect("a date");
        let mut app =
            App::new(Lang::De, Theme::Plain, Keymap::defaults(), now, ratatui::layout::Rect::new(0, 0, 120, 35));
        let _ = update(&mut app, Action::CatalogueLoaded(Box::new(CATALOGUE.with(Catalogue::clone))));
        let total = |app: &mut App| {
            toggle(app, Command::Map);
            let Some(PlanView::Map(view)) = app.plan.take() else { panic!("m opens the map") };
            view.counts.values().sum::<usize>()
        };
        let all = total(&mut app);
        app.filters.time = TimeFilter::Past;
        rows::refresh(&mut app);
        let past = total(&mut app);
        assert!(0 < past && past < all, "past {past} of {all}");
    }

    fn point(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    #[test]
    fn a_step_goes_to_the_nearest_centre_that_way() {
        let centres = [point(0.0, 1.0), point(0.0, 3.0), point(1.0, 0.2), point(-2.0, 0.0), point(0.5, -1.0)];
        let from = point(0.0, 0.0);
        let go = |direction| step(from, centres.iter().copied().enumerate(), direction);
        assert_eq!(go(Direction::North), Some(0));
        assert_eq!(go(Direction::East), Some(2));
        assert_eq!(go(Direction::West), Some(3));
        assert_eq!(go(Direction::South), Some(4));
        assert_eq!(step(point(0.0, 3.0), centres.iter().copied().enumerate(), Direction::North), None, "edge");
    }
}
