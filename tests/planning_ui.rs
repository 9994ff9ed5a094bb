//! Planning in the dashboard's list: deadlines, distances, sorting, the
//! radius and "Kommunen wie wir" filters, and the views' keys.

mod common;

use common::{deadline_backend, press, render, sample_app, type_text};
use insta::assert_snapshot;
use lotse::app::Action;
use lotse::app::plan::PlanView;
use lotse::app::{App, Command, Screen};
use lotse::filter::RegionFilter;
use lotse::geo::Gazetteer;
use lotse::i18n::Lang;
use lotse::runner::{Backend, dispatch};

const NEWSLETTER_DAY: &str = "2020-10-01";

fn at_home(backend: &mut Backend, width: u16, height: u16, now: &str) -> App {
    let mut app = sample_app(backend, width, height, now, Lang::De);
    app.home = Gazetteer::shipped().resolve("65795").ok();
    app
}

fn titles(app: &App) -> Vec<String> {
    app.tab().rows.iter().map(|&index| app.offerings[index].title.chars().take(24).collect()).collect()
}

fn screen_text(app: &App) -> String {
    let buffer = render(app).buffer().clone();
    let width = buffer.area.width as usize;
    buffer.content.chunks(width).map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>() + "\n").collect()
}

#[test]
fn a_deadline_three_days_ahead_shows_in_the_list_and_the_detail() {
    let mut backend = deadline_backend();
    // Wide enough for the list's status column beside a fifty-column title.
    let mut app = sample_app(&mut backend, 200, 35, "2020-10-18", Lang::De);
    let listed = screen_text(&app);
    let row = listed.lines().find(|line| line.contains("28.10.–08.12.2020")).unwrap();
    // The list's frame ends where the detail's begins.
    let in_list = row.split("││").next().unwrap();
    assert!(in_list.contains("Anmeldeschluss in 3 Tagen"), "the list row says it: {row}");
    let conference =
        app.tab().rows.iter().position(|&index| app.offerings[index].key.contains("herbstkonferenz")).unwrap();
    app.tabs[0].selected = conference;
    dispatch(&mut app, &mut backend, Action::Resize { width: 120, height: 35 });
    press(&mut app, &mut backend, &[Command::Open]);
    assert!(screen_text(&app).contains("Anmeldeschluss in 3 Tagen"), "and the detail");
    let mut later = sample_app(&mut backend, 120, 35, "2020-10-10", Lang::De);
    press(&mut later, &mut backend, &[Command::Top]);
    assert!(!screen_text(&later).contains("Anmeldeschluss in"), "eleven days ahead is not yet urgent");
}

#[test]
fn best_practices_sorted_by_distance_from_hattersheim() {
    let mut backend = deadline_backend();
    let mut app = at_home(&mut backend, 120, 35, NEWSLETTER_DAY);
    press(&mut app, &mut backend, &[Command::Tab3]);
    let usual = titles(&app);
    press(&mut app, &mut backend, &[Command::CycleSort]);
    assert_eq!(titles(&app)[0], "Einbecker Modell – Stadt", "Titel sorts by title");
    press(&mut app, &mut backend, &[Command::CycleSort, Command::CycleSort]);
    let by_distance = titles(&app);
    assert_eq!(by_distance[0], "Taunus Innovation Campus", "0 km");
    assert_eq!(by_distance[1], "Stadtretter empfehlen ko", "Hanau, about 35 km");
    press(&mut app, &mut backend, &[Command::CycleSort]);
    assert_eq!(titles(&app), usual, "the cycle ends in the usual order");
    // The sort order holds for every tab: events with a place come first,
    // online ones after; the distance column stays while it is the order.
    press(&mut app, &mut backend, &[Command::CycleSort, Command::CycleSort, Command::CycleSort, Command::Tab1]);
    assert_snapshot!("events_by_distance", render(&app));
}

#[test]
fn relevance_is_an_order_only_while_searching() {
    let mut backend = deadline_backend();
    let mut app = at_home(&mut backend, 120, 35, NEWSLETTER_DAY);
    press(&mut app, &mut backend, &[Command::Search]);
    type_text(&mut app, &mut backend, "zukunft");
    press(&mut app, &mut backend, &[Command::Confirm, Command::CycleSort]);
    assert!(screen_text(&app).contains("Sortierung: Datum"));
    press(&mut app, &mut backend, &[Command::CycleSort, Command::CycleSort, Command::CycleSort, Command::CycleSort]);
    assert!(!screen_text(&app).contains("Sortierung:"), "back to the ranking");
}

#[test]
fn the_region_picker_offers_radii_and_kommunen_wie_wir_around_home() {
    let mut backend = deadline_backend();
    let mut app = at_home(&mut backend, 120, 35, NEWSLETTER_DAY);
    press(&mut app, &mut backend, &[Command::Tab3, Command::RegionFilter]);
    let picker = screen_text(&app);
    assert!(picker.contains("Umkreis 25 km · 65795 Hattersheim"), "{picker}");
    assert!(picker.contains("aus Kommunen wie meiner (Main-Taunus-Kreis)"), "{picker}");
    // alle Regionen, bundesweit, online, then 25 km.
    press(&mut app, &mut backend, &[Command::Down, Command::Down, Command::Down, Command::Confirm]);
    assert!(matches!(app.filters.region, RegionFilter::Around { radius, .. } if radius.km == 25));
    assert_eq!(titles(&app), vec!["Taunus Innovation Campus"]);
    assert!(screen_text(&app).contains("Region: Umkreis 25 km"));
    press(&mut app, &mut backend, &[Command::RegionFilter, Command::Down, Command::Down, Command::Down, Command::Down]);
    press(&mut app, &mut backend, &[Command::Confirm]);
    assert_eq!(titles(&app).len(), 2, "50 km reaches Hanau: {:?}", titles(&app));
    press(&mut app, &mut backend, &[Command::RegionFilter]);
    press(&mut app, &mut backend, &[Command::Down; 7]);
    press(&mut app, &mut backend, &[Command::Confirm]);
    assert!(matches!(app.filters.region, RegionFilter::LikeHome { .. }));
    let mut like_us = titles(&app);
    like_us.sort();
    // Northeim and the Main-Kinzig-Kreis are districts of similar size; Karlsruhe is a town.
    assert_eq!(like_us, vec!["Einbecker Modell – Stadt", "Stadtretter empfehlen ko", "Taunus Innovation Campus"]);
}

#[test]
fn the_detail_shows_the_kreis_figures_and_how_alike_it_is() {
    let mut backend = deadline_backend();
    let mut app = at_home(&mut backend, 120, 35, NEWSLETTER_DAY);
    press(&mut app, &mut backend, &[Command::Tab3, Command::Top]);
    let einbeck = screen_text(&app);
    assert!(einbeck.contains("Einwohner: 132.765") && einbeck.contains("ähnlich: mittel"), "{einbeck}");
    assert!(einbeck.contains("Kreiszahlen: © Statistisches Bundesamt"), "{einbeck}");
}

#[test]
fn calendar_keys_move_by_day_week_and_month_and_enter_opens_details() {
    let mut backend = deadline_backend();
    let mut app = at_home(&mut backend, 120, 35, NEWSLETTER_DAY);
    let cursor = |app: &App| match &app.plan {
        Some(PlanView::Calendar(view)) => view.cursor.to_string(),
        other => panic!("calendar expected, found {other:?}"),
    };
    press(&mut app, &mut backend, &[Command::Calendar]);
    assert_eq!(cursor(&app), "2020-10-01");
    press(&mut app, &mut backend, &[Command::CursorRight, Command::Down]);
    assert_eq!(cursor(&app), "2020-10-09");
    press(&mut app, &mut backend, &[Command::PageDown]);
    assert_eq!(cursor(&app), "2020-11-09");
    assert!(screen_text(&app).contains("Kalender · November 2020"));
    press(&mut app, &mut backend, &[Command::PageUp, Command::CursorLeft, Command::CursorLeft, Command::CursorLeft]);
    assert_eq!(cursor(&app), "2020-10-06");
    press(&mut app, &mut backend, &[Command::Open, Command::Down, Command::Open]);
    assert_eq!(app.screen, Screen::Detail);
    assert!(app.selected_offering().unwrap().title.starts_with("3. Roundtable"));
    press(&mut app, &mut backend, &[Command::Back]);
    assert_eq!(cursor(&app), "2020-10-06", "Esc leads back to the calendar");
    press(&mut app, &mut backend, &[Command::Back, Command::Calendar]);
    assert!(app.plan.is_none(), "c closes it again");
}

#[test]
fn the_map_walks_to_a_neighbouring_kreis_and_applies_it_as_filter() {
    let mut backend = deadline_backend();
    let mut app = at_home(&mut backend, 120, 35, NEWSLETTER_DAY);
    press(&mut app, &mut backend, &[Command::Map]);
    let selected = |app: &App| match &app.plan {
        Some(PlanView::Map(view)) => view.selected.clone(),
        other => panic!("map expected, found {other:?}"),
    };
    assert_eq!(selected(&app).as_deref(), Some("06436"), "starts at home");
    press(&mut app, &mut backend, &[Command::CursorRight]);
    let east = selected(&app).unwrap();
    assert_ne!(east, "06436");
    let home = Gazetteer::shipped().kreis("06436").unwrap().centre;
    let there = Gazetteer::shipped().kreis(&east).unwrap().centre;
    assert!(there.lon > home.lon, "{east} lies east");
    press(&mut app, &mut backend, &[Command::CursorLeft, Command::Confirm]);
    assert_eq!(app.filters.region, RegionFilter::Kreis("06436".into()));
    assert!(app.plan.is_none());
    press(&mut app, &mut backend, &[Command::Tab3]);
    assert_eq!(titles(&app), vec!["Taunus Innovation Campus"]);
}

#[test]
fn a_busy_day_keeps_the_chosen_offering_in_view() {
    let mut store = lotse::store::Store::open_in_memory().unwrap();
    let kreise = store.regions().unwrap().kreise;
    store.put_records(&lotse::demo::generate(3000, 7, &kreise)).unwrap();
    let mut backend = Backend::new(store);
    // The smallest window: room for two lines of the day's list.
    let mut app = sample_app(&mut backend, 80, 16, "2026-12-01", Lang::De);
    press(&mut app, &mut backend, &[Command::Calendar]);
    let Some(PlanView::Calendar(view)) = &app.plan else { panic!("calendar") };
    let busiest = view.entries.iter().map(|entry| entry.day).max_by_key(|day| view.on_day(*day).count()).unwrap();
    let count = view.on_day(busiest).count();
    assert!(count > 3, "a day busier than the window: {count}");
    let days_ahead = (busiest - app.now.date()).num_days();
    let step = if days_ahead < 0 { Command::CursorLeft } else { Command::CursorRight };
    press(&mut app, &mut backend, &vec![step; days_ahead.unsigned_abs() as usize]);
    press(&mut app, &mut backend, &[Command::Open]);
    press(&mut app, &mut backend, &vec![Command::Down; count - 1]);
    let Some(PlanView::Calendar(view)) = &app.plan else { panic!("calendar") };
    let last = view.on_day(busiest).last().unwrap();
    let title: String = app.offerings[last.offering].title.chars().take(20).collect();
    let screen = screen_text(&app);
    assert!(screen.contains(&title), "the last offering of the day is in view:\n{screen}");
}

#[test]
fn a_view_opened_on_the_first_look_follows_the_full_catalogue() {
    let mut backend = deadline_backend();
    let now = lotse::clock::parse_now(NEWSLETTER_DAY).unwrap();
    let mut app = App::new(
        Lang::De,
        lotse::app::Theme::Plain,
        lotse::app::Keymap::defaults(),
        now,
        ratatui::layout::Rect::new(0, 0, 120, 35),
    );
    let first_look = backend.preview(now, 1).unwrap();
    lotse::runner::dispatch(&mut app, &mut backend, lotse::app::Action::CatalogueLoaded(Box::new(first_look)));
    press(&mut app, &mut backend, &[Command::Calendar]);
    let full = backend.load().unwrap();
    lotse::runner::dispatch(&mut app, &mut backend, lotse::app::Action::CatalogueLoaded(Box::new(full)));
    press(&mut app, &mut backend, &[Command::CursorRight, Command::Down, Command::CursorLeft, Command::CursorLeft]);
    press(&mut app, &mut backend, &[Command::CursorLeft, Command::Open, Command::Down, Command::Open]);
    assert_eq!(app.screen, Screen::Detail);
    assert!(app.selected_offering().unwrap().title.starts_with("3. Roundtable"), "{:?}", app.selected_offering());
}

#[test]
fn a_conference_is_marked_on_every_day_it_takes() {
    let mut backend = deadline_backend();
    let mut app = at_home(&mut backend, 120, 35, NEWSLETTER_DAY);
    // November 2020: the conference began on 28 October and ends on 8 December.
    press(&mut app, &mut backend, &[Command::Calendar, Command::PageDown]);
    let Some(PlanView::Calendar(view)) = &app.plan else { panic!("calendar") };
    let conference_on = |day: &str| {
        view.on_day(day.parse().unwrap()).any(|entry| app.offerings[entry.offering].key.contains("herbstkonferenz"))
    };
    for day in ["2020-10-26", "2020-11-01", "2020-11-18", "2020-12-06"] {
        assert_eq!(conference_on(day), day != "2020-10-26", "{day}");
    }
    let screen = screen_text(&app);
    let marks: Vec<(String, usize)> = screen
        .lines()
        .filter_map(|line| line.strip_prefix("│ "))
        .filter(|line| line.starts_with(['4', '5']))
        .map(|line| (line[..2].to_owned(), line.matches('●').count()))
        .collect();
    let expected = [("44", 5), ("45", 7), ("46", 7), ("47", 7), ("48", 7), ("49", 7)];
    assert_eq!(marks, expected.map(|(week, count)| (week.to_owned(), count)), "{screen}");
}
