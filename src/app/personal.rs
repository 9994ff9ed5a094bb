//! The user's own actions in the dashboard: registering, cancelling,
//! marking interest, undoing, the profile and the calendar export. Pure
//! state changes; every write is an effect the runner performs.

use crate::domain::{Closed, Registration, Status};
use crate::messages;
use crate::store::{Change, Refusal, Registered, Undone};

use super::action::{Action, Effect};
use super::form::{Confirm, ConfirmOutcome, ConfirmQuestion, Form, FormOutcome, FormPurpose};
use super::keymap::Command;
use super::rows;
use super::state::{App, Personal, Popup, StatusMessage, Tone};

/// The home place as the user typed it, for the profile form.
fn home_typed(app: &App) -> &str {
    app.home.as_ref().map_or("", |home| home.typed.as_str())
}

fn say(app: &mut App, tone: Tone, text: String) {
    app.message = Some(StatusMessage::passing(tone, text));
}

/// A change the store made: it becomes what `u` takes back, and its
/// message stays and says so.
fn changed(app: &mut App, tone: Tone, text: String, change: Change, effects: &mut Vec<Effect>) {
    effects.extend([Effect::LoadPersonal, Effect::LoadSeats]);
    app.undo = Some(change);
    app.message = Some(StatusMessage { text, tone, sticky: true, undoable: true });
}

fn title_of(app: &App, key: &str) -> String {
    app.index_by_key.get(key).map_or_else(|| key.to_owned(), |&index| app.offerings[index].title.clone())
}

/// Writing keys on a read-only database say why they do nothing.
fn writable(app: &mut App) -> bool {
    if app.read_only {
        say(app, Tone::Warning, app.lang.strings().reg.read_only.to_owned());
    }
    !app.read_only
}

/// `r`: the form for a new registration, or the offer to cancel an existing one.
pub fn register_selected(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(offering) = app.selected_offering() else { return };
    let key = offering.key.clone();
    // A closed offering is refused before any form; only an own
    // registration still leads on, to the offer to cancel it.
    let own = app.personal.registrations.contains_key(&key);
    match offering.registration_closed(app.now) {
        Some(closed @ Closed::NotRegistrable(_)) => {
            say(app, Tone::Warning, messages::refusal(&Refusal::Closed(closed), &offering.title, app.lang));
            return;
        }
        Some(closed) if !own => {
            say(app, Tone::Warning, messages::refusal(&Refusal::Closed(closed), &offering.title, app.lang));
            return;
        }
        _ => {}
    }
    if !writable(app) {
        return;
    }
    match &app.personal.profile {
        None => app.popup = Some(Popup::Form(Form::profile(None, home_typed(app), Some(key)))),
        Some(profile) => effects.push(Effect::PrepareRegistration { key, email: profile.email.clone() }),
    }
}

pub fn registration_prepared(app: &mut App, key: String, existing: Option<Registration>, seats: crate::domain::Seats) {
    let title = title_of(app, &key);
    if let Some(existing) = existing {
        let status = messages::status_label(&existing, app.lang);
        let question = ConfirmQuestion::CancelRegistration { key, email: existing.email, title, status };
        app.popup = Some(Popup::Confirm(Confirm::new(question)));
        return;
    }
    let Some(&index) = app.index_by_key.get(&key) else { return };
    if let Some(closed) = app.offerings[index].registration_closed(app.now) {
        let text = messages::refusal(&Refusal::Closed(closed), &title, app.lang);
        say(app, Tone::Warning, text);
        return;
    }
    if let Some(profile) = &app.personal.profile {
        app.popup = Some(Popup::Form(Form::registration(key, title, seats, profile)));
    }
}

pub fn form_command(app: &mut App, command: Command, effects: &mut Vec<Effect>) {
    let Some(Popup::Form(form)) = &mut app.popup else { return };
    let then_register = match &form.purpose {
        FormPurpose::Profile { then_register } => then_register.clone(),
        FormPurpose::Register { .. } => None,
    };
    match form.command(command) {
        FormOutcome::Editing => {}
        FormOutcome::Cancelled => app.popup = None,
        FormOutcome::Profile { profile, home_place } => {
            app.popup = None;
            effects.push(Effect::SaveProfile { profile, home_place, then_register });
        }
        FormOutcome::Register { key, applicant } => {
            app.popup = None;
            effects.push(Effect::Register { key, applicant, now: app.now });
        }
    }
}

pub fn confirm_command(app: &mut App, command: Command, effects: &mut Vec<Effect>) {
    let Some(Popup::Confirm(dialog)) = &mut app.popup else { return };
    let outcome = dialog.command(command);
    let ConfirmQuestion::CancelRegistration { key, email, .. } = dialog.question.clone();
    match outcome {
        ConfirmOutcome::Open => {}
        ConfirmOutcome::No => app.popup = None,
        ConfirmOutcome::Yes => {
            app.popup = None;
            effects.push(Effect::Cancel { key, email, now: app.now });
        }
    }
}

pub fn toggle_interest(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(key) = app.selected_offering().map(|offering| offering.key.clone()) else { return };
    if writable(app) {
        effects.push(Effect::ToggleInterest { key, now: app.now });
    }
}

pub fn undo(app: &mut App, effects: &mut Vec<Effect>) {
    if !writable(app) {
        return;
    }
    match app.undo.take() {
        Some(change) => effects.push(Effect::Undo { change, now: app.now }),
        None => say(app, Tone::Warning, app.lang.strings().reg.nothing_to_undo.to_owned()),
    }
}

pub fn edit_profile(app: &mut App) {
    if writable(app) {
        app.popup = Some(Popup::Form(Form::profile(app.personal.profile.as_ref(), home_typed(app), None)));
    }
}

pub fn export(app: &mut App, effects: &mut Vec<Effect>) {
    effects.push(Effect::ExportCalendar { now: app.now });
}

/// The answers of the runner to the effects above.
pub fn apply(app: &mut App, action: Action, effects: &mut Vec<Effect>) {
    let lang = app.lang;
    match action {
        Action::RegistrationPrepared { key, existing, seats } => registration_prepared(app, key, existing, seats),
        Action::ProfileSaved { profile: Ok(profile), home_place, then_register } => {
            app.personal.profile = Some(profile.clone());
            app.home = home_place.and_then(|typed| crate::geo::Gazetteer::shipped().resolve(&typed).ok());
            say(app, Tone::Done, lang.strings().reg.profile_saved.to_owned());
            // Which registrations are the user's own follows the profile's e-mail address.
            effects.push(Effect::LoadPersonal);
            if let Some(key) = then_register {
                effects.push(Effect::PrepareRegistration { key, email: profile.email });
            }
        }
        Action::RegisterDone { key, result } => {
            let title = title_of(app, &key);
            match result {
                Ok((Registered::New(registration), change)) => {
                    let tone = if registration.status == Status::Waitlisted { Tone::Warning } else { Tone::Done };
                    changed(app, tone, messages::registered(&registration, &title, lang), change, effects);
                }
                Ok((Registered::Existing(registration), _)) => {
                    say(app, Tone::Warning, messages::already_registered(&registration, &title, lang))
                }
                Err(text) => say(app, Tone::Failed, text),
            }
        }
        Action::CancelDone { key, result } => match result {
            Ok((cancelled, change)) => {
                let text = messages::cancelled(&title_of(app, &key), cancelled.promoted.as_ref(), lang);
                changed(app, Tone::Done, text, change, effects);
            }
            Err(text) => say(app, Tone::Failed, text),
        },
        Action::InterestDone { key, result } => match result {
            Ok((marked, change)) => {
                changed(app, Tone::Done, messages::interest(marked, &title_of(app, &key), lang), change, effects);
            }
            Err(text) => say(app, Tone::Failed, text),
        },
        Action::UndoDone(result) => match result {
            Ok(undone) => {
                let text = match &undone {
                    Undone::Withdrawn { key } => messages::undone_registration(&title_of(app, key), lang),
                    Undone::Restored(registration) => {
                        messages::registered(registration, &title_of(app, &registration.offering_key), lang)
                    }
                    Undone::Interest { key, marked } => messages::interest(*marked, &title_of(app, key), lang),
                };
                let text = messages::undone(&text, lang);
                app.message = Some(StatusMessage { text, tone: Tone::Done, sticky: true, undoable: false });
                effects.extend([Effect::LoadPersonal, Effect::LoadSeats]);
            }
            Err(text) => say(app, Tone::Failed, text),
        },
        Action::PersonalLoaded(Ok(personal)) => rows::set_personal(app, personal),
        Action::SeatsLoaded(Ok(counts)) => app.seat_counts = counts,
        Action::Exported(Ok(Some(path))) => say(app, Tone::Done, messages::exported(&path, lang)),
        Action::Exported(Ok(None)) => say(app, Tone::Warning, messages::nothing_to_export(lang).to_owned()),
        Action::ProfileSaved { profile: Err(text), .. }
        | Action::PersonalLoaded(Err(text))
        | Action::SeatsLoaded(Err(text))
        | Action::Exported(Err(text)) => say(app, Tone::Failed, text),
        _ => {}
    }
}

/// Own registrations by offering key, as the store lists them.
pub fn personal(
    profile: Option<crate::domain::Profile>,
    registrations: Vec<Registration>,
    interests: impl IntoIterator<Item = String>,
) -> Personal {
    Personal {
        profile,
        registrations: registrations
            .into_iter()
            .map(|registration| (registration.offering_key.clone(), registration))
            .collect(),
        interests: interests.into_iter().collect(),
    }
}

/// The list marker of an offering: ✓ registered, ◔ waitlisted, ★ interest.
pub fn marker(personal: &Personal, key: &str) -> &'static str {
    let interest = personal.interests.contains(key);
    match (personal.registrations.get(key).map(|registration| registration.status), interest) {
        (Some(Status::Registered), true) => "✓★",
        (Some(Status::Registered), false) => "✓",
        (Some(Status::Waitlisted), true) => "◔★",
        (Some(Status::Waitlisted), false) => "◔",
        (_, true) => "★",
        _ => "",
    }
}
