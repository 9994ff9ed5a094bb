//! Rendered screens as snapshots, with a fixed clock and the sample data.

mod common;

use common::{press, render, sample_app, sample_backend, type_text};
use insta::assert_snapshot;
use lotse::app::{Action, Command};
use lotse::i18n::Lang;
use lotse::runner::dispatch;

const TODAY: &str = "2026-11-22";
/// The newsletter's week: some sample events are still ahead.
const NEWSLETTER_DAY: &str = "2020-10-01";

fn tab_command(tab: usize) -> Command {
    [Command::Tab1, Command::Tab2, Command::Tab3, Command::Tab4][tab]
}

#[test]
fn every_tab_at_120_by_35() {
    let mut backend = sample_backend();
    for tab in 0..4 {
        let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
        press(&mut app, &mut backend, &[tab_command(tab)]);
        assert_snapshot!(format!("tab_{}_120x35", tab + 1), render(&app));
    }
}

#[test]
fn every_tab_at_80_by_24() {
    let mut backend = sample_backend();
    for tab in 0..4 {
        let mut app = sample_app(&mut backend, 80, 24, TODAY, Lang::De);
        press(&mut app, &mut backend, &[tab_command(tab)]);
        assert_snapshot!(format!("tab_{}_80x24", tab + 1), render(&app));
    }
}

#[test]
fn upcoming_events_come_first_on_the_newsletter_day() {
    let mut backend = sample_backend();
    let app = sample_app(&mut backend, 120, 35, NEWSLETTER_DAY, Lang::De);
    assert_snapshot!(render(&app));
}

#[test]
fn detail_full_screen_at_80_by_24() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 80, 24, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Bottom, Command::Open]);
    assert_snapshot!(render(&app));
}

#[test]
fn help_overlay_lists_the_keys() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Help]);
    assert_snapshot!(render(&app));
}

#[test]
fn english_dashboard() {
    let mut backend = sample_backend();
    let app = sample_app(&mut backend, 120, 35, TODAY, Lang::En);
    assert_snapshot!(render(&app));
}

#[test]
fn too_small_window_says_so() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    dispatch(&mut app, &mut backend, Action::Resize { width: 50, height: 12 });
    assert_snapshot!(render(&app));
}

#[test]
fn search_line_with_highlighted_hits() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Search]);
    type_text(&mut app, &mut backend, "staedte");
    let screen = render(&app);
    assert_snapshot!(screen);
    // "Städte" in the E 287 title is marked, although the query spelled it "staedte".
    let buffer = screen.buffer();
    // The top hit is selected: its row carries the selection marker.
    let row = (0..35).find(|&y| buffer[(1, y)].symbol() == "▶").unwrap();
    let marked: String = (0..70u16)
        .filter(|&x| buffer[(x, row)].modifier.contains(ratatui::style::Modifier::UNDERLINED))
        .map(|x| buffer[(x, row)].symbol().to_owned())
        .collect();
    assert_eq!(marked, "Städte");
}

#[test]
fn region_picker_narrowed_to_hessen() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::RegionFilter]);
    assert_snapshot!("region_picker_open", render(&app));
    type_text(&mut app, &mut backend, "hess");
    assert_snapshot!("region_picker_hess", render(&app));
}

#[test]
fn an_empty_result_says_why_and_how_to_widen() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::CycleTime, Command::Search]);
    type_text(&mut app, &mut backend, "einbeck");
    press(&mut app, &mut backend, &[Command::Confirm]);
    assert_snapshot!(render(&app));
}

#[test]
fn a_first_start_today_says_why_everything_is_past() {
    let mut backend = sample_backend();
    let app = sample_app(&mut backend, 80, 24, TODAY, Lang::De);
    let screen = format!("{:?}", render(&app));
    assert!(
        screen.contains("Nichts steht bevor (2019/20) · t · lotse demo-data · lotse quellen add/import"),
        "{screen}"
    );
    let app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("Spielwiese · lotse quellen add: echte Angebote"), "the middle wording fits 120: {screen}");
    let app = sample_app(&mut backend, 200, 50, TODAY, Lang::En);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("Nothing is upcoming: the sample data is from 2019/20."), "{screen}");
    assert!(screen.contains("lotse quellen add or lotse import brings real offerings"), "{screen}");
    let app = sample_app(&mut backend, 120, 35, NEWSLETTER_DAY, Lang::De);
    assert!(!format!("{:?}", render(&app)).contains("Nichts steht bevor"), "the roundtable is ahead");
}

#[test]
fn columns_stand_still_while_paging() {
    let mut store = lotse::store::Store::open_in_memory().unwrap();
    let kreise = store.regions().unwrap().kreise;
    let records: Vec<_> = lotse::demo::records(3, &kreise).take(300).collect();
    store.put_records(&records).unwrap();
    let mut backend = lotse::runner::Backend::new(store);
    let mut app = sample_app(&mut backend, 120, 35, NEWSLETTER_DAY, Lang::De);
    let header_row = |app: &lotse::app::App| {
        let line = format!("{:?}", render(app)).lines().find(|line| line.contains("Datum")).unwrap().to_owned();
        // The list only, not the details beside it.
        line.split("││").next().unwrap().to_owned()
    };
    let first = header_row(&app);
    assert!(first.contains("Titel"), "{first}");
    for _ in 0..5 {
        press(&mut app, &mut backend, &[Command::PageDown]);
        assert_eq!(header_row(&app), first);
    }
    let title_start = first.find("Titel").unwrap() - first.find("Datum").unwrap();
    // Beside the details the date takes its narrow form ("06.10.20"), whatever the rows.
    assert_eq!(title_start, 9, "Datum keeps its 8 columns: {first}");
}

/// The web talk says "Pandemie" only in its description: the details mark
/// the word there, so that the hit is no mystery.
#[test]
fn the_details_mark_why_a_long_text_matched() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 45, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Search]);
    type_text(&mut app, &mut backend, "pandemie");
    press(&mut app, &mut backend, &[Command::Confirm]);
    let buffer = render(&app).buffer().clone();
    let area = buffer.area;
    let underlined_words: Vec<String> = (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| &buffer[(x, y)])
                .map(
                    |cell| {
                        if cell.modifier.contains(ratatui::style::Modifier::UNDERLINED) { cell.symbol() } else { " " }
                    },
                )
                .collect::<String>()
        })
        .flat_map(|line| line.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    assert!(underlined_words.iter().any(|word| word == "Pandemie"), "{underlined_words:?}");
    assert_snapshot!(render(&app));
}

#[test]
fn an_empty_region_says_what_it_hides_and_how_to_bring_it_back() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab4, Command::RegionFilter]);
    type_text(&mut app, &mut backend, "hess");
    press(&mut app, &mut backend, &[Command::Confirm]);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("1 bundesweites Angebot ist ausgeblendet"), "{screen}");
    press(&mut app, &mut backend, &[Command::Tab1]);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("5 Online-Angebote sind ausgeblendet: Strg-O im Regionsfilter (f)"), "{screen}");
}

#[test]
fn the_picker_shows_its_whole_key_hint_at_120_columns() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::RegionFilter]);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("Tippen grenzt ein · → Kreise · Enter wählt · Strg-O online · Esc"), "{screen}");
}

#[test]
fn english_details_leave_no_german_region_words() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::En);
    press(&mut app, &mut backend, &[Command::Tab3]);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("Northeim (rural"), "{screen}");
    let select = |app: &mut lotse::app::App, backend: &mut lotse::runner::Backend, key: &str| {
        press(app, backend, &[Command::Tab2, Command::Top]);
        while app.selected_offering().unwrap().key != key {
            press(app, backend, &[Command::Down]);
        }
    };
    select(&mut app, &mut backend, "innenstadt-2030-future-public-space");
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("Area: nationwide"), "{screen}");
    select(&mut app, &mut backend, "kommunen-innovativ");
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("Area: municipal, regional,"), "{screen}");
}

#[test]
fn the_help_shows_its_legend_and_pages_with_pgdn_g_and_shift_g() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Help]);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("✓ angemeldet"), "the legend is in view at 120×35: {screen}");
    assert!(screen.contains("↓ 1–"), "a scroll indicator: {screen}");
    let scroll = |app: &lotse::app::App| match &app.popup {
        Some(lotse::app::Popup::Help { scroll }) => *scroll,
        _ => panic!("the help is open"),
    };
    press(&mut app, &mut backend, &[Command::PageDown]);
    assert!(scroll(&app) > 1, "PgDn moves a page");
    press(&mut app, &mut backend, &[Command::Bottom]);
    let bottom = scroll(&app);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("GeoNames") && screen.contains("↑"), "G shows the end: {screen}");
    press(&mut app, &mut backend, &[Command::ScrollDown]);
    assert_eq!(scroll(&app), bottom, "no scrolling past the end");
    press(&mut app, &mut backend, &[Command::ScrollUp]);
    assert_eq!(scroll(&app), bottom - 1, "one line back from the end, at once");
    press(&mut app, &mut backend, &[Command::Top]);
    assert_eq!(scroll(&app), 0);
}

#[test]
fn the_status_bar_names_enter_for_the_details_at_80_columns() {
    let mut backend = sample_backend();
    let app = sample_app(&mut backend, 80, 24, TODAY, Lang::De);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("Enter Details"), "{screen}");
}

/// The samples on the newsletter day, with one webtalk fully booked, three
/// places left at another and the project launch's deadline three days ahead.
fn seats_and_deadline_backend() -> lotse::runner::Backend {
    use lotse::domain::{Applicant, Details};
    use lotse::store::{Store, WhenFull};
    let mut store = Store::open_in_memory().unwrap();
    let mut records = lotse::store::sample_records();
    for record in &mut records {
        let Details::Event(event) = &mut record.offering.details else { continue };
        match record.offering.key.as_str() {
            "stadtretter-webtalk-willkommen-2020" => event.capacity = Some(1),
            "stadtretter-webtalk-thinius-2020" => event.capacity = Some(3),
            "innenstadt-2030-projektauftakt" => event.registration_deadline = Some("2020-10-04".parse().unwrap()),
            _ => {}
        }
    }
    store.put_records(&records).unwrap();
    let colleague = Applicant::new("Max Muster", "max@hattersheim.de", "Stadt Hattersheim", "", "").unwrap();
    let now = lotse::clock::parse_now(NEWSLETTER_DAY).unwrap();
    store.register("stadtretter-webtalk-willkommen-2020", &colleague, WhenFull::JoinWaitlist, now).unwrap();
    lotse::runner::Backend::new(store)
}

#[test]
fn at_120_columns_beside_the_details_the_list_says_full_places_left_and_a_deadline_soon() {
    let mut backend = seats_and_deadline_backend();
    let app = sample_app(&mut backend, 120, 35, NEWSLETTER_DAY, Lang::De);
    let screen = render(&app);
    assert_snapshot!("seats_and_deadline_120x35_de", screen);
    let text = format!("{screen:?}");
    let list_row = |title: &str| {
        let row = text.lines().find(|line| line.contains(title)).unwrap_or_default();
        row.split("││").next().unwrap_or_default().to_owned()
    };
    assert!(list_row("Willkommen bei den Stadtrettern").contains("ausgebucht"), "{text}");
    assert!(list_row("Die größte Zukunft aller Zeiten").contains("3 frei"), "{text}");
    assert!(list_row("Innenstadt 2030+").contains("Frist 3 T."), "{text}");

    let app = sample_app(&mut backend, 120, 35, NEWSLETTER_DAY, Lang::En);
    assert_snapshot!("seats_and_deadline_120x35_en", render(&app));

    let app = sample_app(&mut backend, 200, 35, NEWSLETTER_DAY, Lang::De);
    let wide = format!("{:?}", render(&app));
    for long in ["ausgebucht", "noch 3 Plätze", "Anmeldeschluss in 3 Tagen", "28.10.–08.12.2020"] {
        assert!(wide.contains(long), "at 200 columns the long form: {long} in {wide}");
    }
}
