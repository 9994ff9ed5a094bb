//! Registering, cancelling, interest and undo in the dashboard, driven by
//! commands against a real (in-memory) store, with snapshots of the form,
//! the cancel dialog and the "Meine" tab.

mod common;

use common::{press, render, sample_app, type_text};
use insta::assert_snapshot;
use lotse::app::{App, Command, Popup, TabKind, Tone};
use lotse::clock::parse_now;
use lotse::domain::{Applicant, Details, Record, Status};
use lotse::i18n::Lang;
use lotse::runner::Backend;
use lotse::store::{Store, WhenFull};

const NEWSLETTER_DAY: &str = "2020-10-01";
const ROUNDTABLE: &str = "stadtretter-roundtable-leerstand-3";

/// The samples, with `capacity` places at the roundtable.
fn backend(capacity: Option<u32>, colleague_first: bool) -> Backend {
    let mut store = Store::open_in_memory().unwrap();
    let mut record: Record =
        lotse::store::sample_records().into_iter().find(|record| record.offering.key == ROUNDTABLE).unwrap();
    let Details::Roundtable(roundtable) = &mut record.offering.details else { unreachable!("the roundtable's key") };
    roundtable.capacity = capacity;
    store.put_records(&[record]).unwrap();
    if colleague_first {
        let colleague = Applicant::new("Max Muster", "max@hattersheim.de", "Stadt Hattersheim", "", "").unwrap();
        store.register(ROUNDTABLE, &colleague, WhenFull::JoinWaitlist, parse_now(NEWSLETTER_DAY).unwrap()).unwrap();
    }
    Backend::new(store)
}

fn message(app: &App) -> (Tone, String) {
    let message = app.shown_message().expect("a status message");
    (message.tone, message.text.clone())
}

fn fill_profile(app: &mut App, backend: &mut Backend) {
    type_text(app, backend, "Erika Mustermann");
    press(app, backend, &[Command::NextField]);
    type_text(app, backend, "erika@hattersheim.de");
    press(app, backend, &[Command::NextField]);
    type_text(app, backend, "Wirtschaftsförderung Hattersheim");
    // Enter on the last field (the optional home place, after the optional phone) submits.
    press(app, backend, &[Command::NextField, Command::NextField, Command::Confirm]);
}

#[test]
fn on_a_team_server_the_profile_form_says_where_the_profile_is_kept() {
    let mut backend = backend(Some(30), false);
    let mut app = sample_app(&mut backend, 100, 30, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab4, Command::Register]);
    assert!(format!("{:?}", render(&app)).contains("Rechner"), "a file is this computer's");
    press(&mut app, &mut backend, &[Command::Back]);
    app.shared_store = true;
    press(&mut app, &mut backend, &[Command::Register]);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("Teamserver") && !screen.contains("Rechner"), "{screen}");
}

#[test]
fn first_registration_asks_for_the_profile_then_registers() {
    let mut backend = backend(Some(30), false);
    let mut app = sample_app(&mut backend, 100, 30, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab4, Command::Register]);
    assert!(matches!(app.popup, Some(Popup::Form(_))), "the profile form opens first");
    assert_snapshot!("profile_form_empty", render(&app));

    press(&mut app, &mut backend, &[Command::Submit]);
    assert_snapshot!("profile_form_with_errors", render(&app));

    fill_profile(&mut app, &mut backend);
    assert_snapshot!("registration_form_prefilled", render(&app));
    type_text(&mut app, &mut backend, "vegetarisch");
    press(&mut app, &mut backend, &[Command::Submit]);
    assert!(app.popup.is_none());
    let (tone, text) = message(&app);
    assert_eq!(tone, Tone::Done);
    assert!(text.starts_with("Angemeldet: 3. Roundtable"), "{text}");
    assert_eq!(app.personal.registrations[ROUNDTABLE].status, Status::Registered);
    assert_eq!(app.personal.registrations[ROUNDTABLE].note, "vegetarisch");
    assert_snapshot!("roundtable_marked_registered", render(&app));
}

#[test]
fn escape_leaves_the_form_without_writing() {
    let mut backend = backend(None, false);
    let mut app = sample_app(&mut backend, 100, 30, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab4, Command::Register]);
    fill_profile(&mut app, &mut backend);
    press(&mut app, &mut backend, &[Command::Cancel]);
    assert!(app.popup.is_none());
    assert!(app.personal.registrations.is_empty());
    assert!(app.personal.profile.is_some(), "the profile was saved on its own");
}

#[test]
fn registering_again_offers_to_cancel_with_no_preselected_and_undo_restores() {
    let mut backend = backend(Some(1), false);
    let mut app = sample_app(&mut backend, 100, 30, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab4, Command::Register]);
    fill_profile(&mut app, &mut backend);
    press(&mut app, &mut backend, &[Command::Submit, Command::Register]);
    assert!(matches!(app.popup, Some(Popup::Confirm(_))));
    assert_snapshot!("cancel_dialog", render(&app));

    press(&mut app, &mut backend, &[Command::Confirm]);
    assert!(app.popup.is_none() && app.personal.registrations.contains_key(ROUNDTABLE), "Enter means no");

    press(&mut app, &mut backend, &[Command::Register, Command::ToggleChoice, Command::Confirm]);
    assert!(!app.personal.registrations.contains_key(ROUNDTABLE));
    assert!(message(&app).1.starts_with("Abgemeldet: 3. Roundtable"), "{}", message(&app).1);

    press(&mut app, &mut backend, &[Command::Undo]);
    assert_eq!(app.personal.registrations[ROUNDTABLE].status, Status::Registered);
    assert!(message(&app).1.starts_with("Rückgängig gemacht – Angemeldet"), "{}", message(&app).1);
    press(&mut app, &mut backend, &[Command::Undo]);
    assert_eq!(app.personal.registrations[ROUNDTABLE].status, Status::Registered, "one step only");
    assert_eq!(message(&app), (Tone::Warning, "Nichts rückgängig zu machen.".to_owned()));
}

#[test]
fn a_full_roundtable_puts_the_user_on_the_waitlist() {
    let mut backend = backend(Some(1), true);
    let mut app = sample_app(&mut backend, 100, 30, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab4, Command::Register]);
    fill_profile(&mut app, &mut backend);
    assert_snapshot!("registration_form_full", render(&app));
    press(&mut app, &mut backend, &[Command::Submit]);
    assert_eq!(
        message(&app),
        (Tone::Warning, "Auf der Warteliste (Platz 1): 3. Roundtable \"Leerstandsmanagement und qualitative Nachvermietung\" – Schwerpunktthema BID / ISG".to_owned())
    );
    assert_eq!(app.personal.registrations[ROUNDTABLE].waitlist_position, Some(1));
}

#[test]
fn interest_is_one_key_and_the_meine_tab_lists_everything_upcoming_first() {
    let mut backend = backend(None, false);
    let mut app = sample_app(&mut backend, 120, 30, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab3, Command::ToggleInterest]);
    assert!(message(&app).1.starts_with("Interesse an „"), "{}", message(&app).1);
    assert!(app.popup.is_none());
    press(&mut app, &mut backend, &[Command::Tab4, Command::Register]);
    fill_profile(&mut app, &mut backend);
    press(&mut app, &mut backend, &[Command::Submit]);
    // A past event can only be marked.
    press(&mut app, &mut backend, &[Command::Tab1, Command::Bottom, Command::ToggleInterest]);

    press(&mut app, &mut backend, &[Command::Tab5]);
    assert_eq!(app.tab().kind, TabKind::Mine);
    let titles: Vec<&str> = app.tab().rows.iter().map(|&index| app.offerings[index].title.as_str()).collect();
    assert_eq!(titles.len(), 3);
    assert!(titles[0].starts_with("3. Roundtable"), "upcoming first: {titles:?}");
    assert!(titles[2].starts_with("Zukunft der Städte"), "past last: {titles:?}");
    assert_snapshot!("meine_tab", render(&app));

    press(&mut app, &mut backend, &[Command::Top, Command::Open]);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("Ihre Anmeldung: Angemeldet (01.10.2020)"), "{screen}");
}

#[test]
fn refusals_explain_themselves_without_a_form() {
    let mut backend = backend(None, false);
    let mut app = sample_app(&mut backend, 100, 30, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab3, Command::Register]);
    assert!(app.popup.is_none());
    assert!(message(&app).1.starts_with("Best Practices haben keine Anmeldung"), "{}", message(&app).1);
    press(&mut app, &mut backend, &[Command::Tab4, Command::Register]);
    fill_profile(&mut app, &mut backend);
    press(&mut app, &mut backend, &[Command::Cancel, Command::Tab1, Command::Bottom, Command::Register]);
    assert!(app.popup.is_none());
    assert!(message(&app).1.contains("hat bereits begonnen (21.03.2019, 10:00 Uhr)"), "{}", message(&app).1);
}

#[test]
fn english_form_and_messages() {
    let mut backend = backend(None, false);
    let mut app = sample_app(&mut backend, 100, 30, NEWSLETTER_DAY, Lang::En);
    press(&mut app, &mut backend, &[Command::Tab4, Command::Register]);
    fill_profile(&mut app, &mut backend);
    assert_snapshot!("registration_form_english", render(&app));
    press(&mut app, &mut backend, &[Command::Submit]);
    assert!(message(&app).1.starts_with("Registered: 3. Roundtable"), "{}", message(&app).1);
}

#[test]
fn a_short_window_scrolls_the_form_to_the_field_being_edited() {
    let mut backend = backend(None, false);
    let mut app = sample_app(&mut backend, 60, 15, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab4, Command::Register]);
    fill_profile(&mut app, &mut backend);
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("Anmerkung (optional)"), "the focused note field is visible:\n{screen}");
}

#[test]
fn a_read_only_database_explains_why_registration_keys_do_nothing() {
    let mut backend = backend(None, false);
    let mut app = sample_app(&mut backend, 100, 30, NEWSLETTER_DAY, Lang::De);
    app.read_only = true;
    for command in [Command::Register, Command::ToggleInterest, Command::Undo, Command::EditProfile] {
        press(&mut app, &mut backend, &[Command::Tab4, command]);
        assert!(app.popup.is_none(), "{command:?}");
        assert_eq!(message(&app).0, Tone::Warning);
        assert!(message(&app).1.contains("schreibgeschützt"), "{command:?}: {}", message(&app).1);
    }
    assert!(app.personal.registrations.is_empty() && app.personal.interests.is_empty());
}

#[test]
fn a_past_offering_is_refused_before_any_form_even_without_a_profile() {
    let mut backend = backend(Some(30), false);
    let mut app = sample_app(&mut backend, 100, 30, "2026-11-22", Lang::De);
    press(&mut app, &mut backend, &[Command::Tab4, Command::Register]);
    assert!(app.popup.is_none(), "no profile form for an offering that is over");
    assert!(message(&app).1.contains("hat bereits begonnen"), "{}", message(&app).1);
}

#[test]
fn a_change_stays_on_screen_until_esc_and_names_the_way_back() {
    let mut backend = backend(None, false);
    let mut app = sample_app(&mut backend, 120, 30, NEWSLETTER_DAY, Lang::De);
    // A word typed without `/`: the i marks interest, the t changes the time filter.
    press(
        &mut app,
        &mut backend,
        &[Command::Tab3, Command::ToggleInterest, Command::Down, Command::Down, Command::CycleTime],
    );
    let (tone, text) = message(&app);
    assert_eq!(tone, Tone::Done);
    assert!(text.starts_with("Interesse an „"), "{text}");
    let screen = format!("{:?}", render(&app));
    assert!(screen.contains("u nimmt das zurück"), "{screen}");
    press(&mut app, &mut backend, &[Command::Back]);
    assert!(app.shown_message().is_none(), "Esc dismisses it");
    press(&mut app, &mut backend, &[Command::ToggleInterest, Command::Register]);
    assert!(message(&app).1.starts_with("Best Practices haben keine Anmeldung"), "a refusal shows over the change");
    press(&mut app, &mut backend, &[Command::Down]);
    assert!(message(&app).1.starts_with("Interesse an"), "then the change is back: {}", message(&app).1);
}

fn roundtable_status(app: &App) -> String {
    let screen = format!("{:?}", render(app));
    let row = screen.lines().find(|line| line.contains("▶")).unwrap_or_default();
    row.to_owned()
}

#[test]
fn free_places_and_closed_registration_show_in_the_list_and_the_details() {
    let mut backend = backend(Some(2), true);
    let mut app = sample_app(&mut backend, 200, 30, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab4]);
    assert!(roundtable_status(&app).contains("noch 1 Platz"), "{}", roundtable_status(&app));
    press(&mut app, &mut backend, &[Command::Register]);
    fill_profile(&mut app, &mut backend);
    press(&mut app, &mut backend, &[Command::Submit]);
    assert!(roundtable_status(&app).contains("ausgebucht"), "{}", roundtable_status(&app));
    assert!(format!("{:?}", render(&app)).contains("(ausgebucht)"), "the details say it too");

    let mut store = Store::open_in_memory().unwrap();
    let mut record: Record =
        lotse::store::sample_records().into_iter().find(|record| record.offering.key == ROUNDTABLE).unwrap();
    let Details::Roundtable(roundtable) = &mut record.offering.details else { unreachable!("the roundtable's key") };
    roundtable.registration_deadline = Some("2020-09-30".parse().unwrap());
    store.put_records(&[record]).unwrap();
    let mut backend = Backend::new(store);
    let mut app = sample_app(&mut backend, 200, 30, NEWSLETTER_DAY, Lang::En);
    press(&mut app, &mut backend, &[Command::Tab4]);
    assert!(roundtable_status(&app).contains("registration closed"), "{}", roundtable_status(&app));
}

#[test]
fn exporting_without_upcoming_registrations_leaves_an_earlier_calendar_alone() {
    let mut store = Store::open_in_memory().unwrap();
    let me = lotse::domain::Profile::new("Erika Mustermann", "erika@hattersheim.de", "Stadt Hattersheim", "").unwrap();
    store.save_profile(&me).unwrap();
    let applicant = Applicant::new("Erika Mustermann", "erika@hattersheim.de", "Stadt Hattersheim", "", "").unwrap();
    store.register(ROUNDTABLE, &applicant, WhenFull::JoinWaitlist, parse_now(NEWSLETTER_DAY).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("lotse-anmeldungen.ics");
    std::fs::write(&earlier, "BEGIN:VCALENDAR").unwrap();
    let mut backend = Backend::new(store).with_export_dir(dir.path().to_owned());
    let mut app = sample_app(&mut backend, 120, 30, "2026-11-22", Lang::De);
    press(&mut app, &mut backend, &[Command::Export]);
    let (tone, text) = message(&app);
    assert_eq!(tone, Tone::Warning);
    assert!(text.starts_with("Keine kommenden Anmeldungen"), "{text}");
    assert_eq!(std::fs::read_to_string(&earlier).unwrap(), "BEGIN:VCALENDAR");

    let mut backend = backend.with_lang(Lang::En);
    let mut app = sample_app(&mut backend, 120, 30, NEWSLETTER_DAY, Lang::En);
    press(&mut app, &mut backend, &[Command::Export]);
    assert!(message(&app).1.starts_with("Calendar saved"), "{}", message(&app).1);
    assert!(dir.path().join("lotse-registrations.ics").exists(), "the file is named in English too");
}

#[test]
fn the_registration_note_shows_in_the_details_and_meine_and_can_be_changed() {
    let mut backend = backend(None, false);
    let mut app = sample_app(&mut backend, 200, 40, NEWSLETTER_DAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Tab4, Command::EditNote]);
    assert!(message(&app).1.starts_with("Keine eigene Anmeldung"), "{}", message(&app).1);
    press(&mut app, &mut backend, &[Command::Register]);
    fill_profile(&mut app, &mut backend);
    type_text(&mut app, &mut backend, "vegetarisch");
    press(&mut app, &mut backend, &[Command::Submit]);
    assert!(format!("{:?}", render(&app)).contains("Anmerkung: vegetarisch (e ändert)"), "the details show the note");
    press(&mut app, &mut backend, &[Command::Tab5]);
    let screen = format!("{:?}", render(&app));
    let row = screen.lines().find(|line| line.contains("▶")).unwrap();
    assert!(row.contains("vegetarisch"), "Meine shows it: {row}");

    press(&mut app, &mut backend, &[Command::EditNote]);
    assert!(matches!(app.popup, Some(Popup::Form(_))));
    press(&mut app, &mut backend, &[Command::ClearInput]);
    type_text(&mut app, &mut backend, "vegan, Rollstuhlplatz");
    press(&mut app, &mut backend, &[Command::Confirm]);
    assert!(app.popup.is_none());
    assert_eq!(app.personal.registrations[ROUNDTABLE].note, "vegan, Rollstuhlplatz");
    assert!(message(&app).1.starts_with("Anmerkung „vegan, Rollstuhlplatz“ gespeichert"), "{}", message(&app).1);
}
