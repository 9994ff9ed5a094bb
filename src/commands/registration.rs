//! Registration from scripts: register, cancel, interest, the list of
//! registrations, the profile and the exports of registrations.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::cli::{ApplicantArgs, OutputFormat, RegistrationFormat};
use crate::domain::registration::Booking;
use crate::domain::registration::{Field, FieldError};
use crate::domain::{Applicant, Moment, Profile, Status};
use crate::exchange::{calendar, travel_csv};
use crate::format;
use crate::i18n::Lang;
use crate::messages;
use crate::sanitize::for_terminal;
use crate::store::{Registered, RegistrationError, Store, WhenFull, Whose};

/// How a command ended, for its exit code: scripts must tell a waitlist
/// place and a refusal from success without parsing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Waitlisted,
    Refused,
    /// `lotse sync`: some sources could not be synced.
    SomeFailed,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::Waitlisted => 3,
            Outcome::Refused => 4,
            Outcome::SomeFailed => 3,
        }
    }
}

fn field_errors(errors: &[FieldError], lang: Lang) -> String {
    let hint = match lang {
        Lang::De => {
            "Geben Sie die Werte mit --name, --email, --org an oder legen Sie ein Profil an: lotse profile set …"
        }
        Lang::En => "Pass the values with --name, --email, --org or create a profile: lotse profile set …",
    };
    let lines: Vec<String> = errors
        .iter()
        .map(|error| {
            format!(
                "{} (--{}): {}",
                messages::field_label(error.field, lang),
                flag(error.field),
                messages::problem(error.problem, lang)
            )
        })
        .collect();
    format!("{}\n{hint}", lines.join("\n"))
}

fn flag(field: Field) -> &'static str {
    match field {
        Field::Organisation => "org",
        other => other.code(),
    }
}

fn store_error(error: RegistrationError, title: &str, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!(messages::registration_error(&error, title, lang))
}

/// Fills what the flags leave open from the profile.
fn with_profile(args: &ApplicantArgs, profile: Option<&Profile>) -> [String; 4] {
    let pick =
        |flag: &Option<String>, stored: Option<&str>| flag.clone().or(stored.map(str::to_owned)).unwrap_or_default();
    [
        pick(&args.name, profile.map(|p| p.name.as_str())),
        pick(&args.email, profile.map(|p| p.email.as_str())),
        pick(&args.org, profile.map(|p| p.organisation.as_str())),
        pick(&args.phone, profile.and_then(|p| p.phone.as_deref())),
    ]
}

pub fn register(
    store: &mut Store,
    key: &str,
    args: &ApplicantArgs,
    note: &str,
    no_waitlist: bool,
    now: NaiveDateTime,
    lang: Lang,
) -> anyhow::Result<Outcome> {
    let profile = store.profile()?;
    let [name, email, organisation, phone] = with_profile(args, profile.as_ref());
    let applicant = Applicant::new(&name, &email, &organisation, &phone, note)
        .map_err(|errors| anyhow::anyhow!(field_errors(&errors, lang)))?;
    let title = store.title_or_key(key)?;
    let when_full = if no_waitlist { WhenFull::Refuse } else { WhenFull::JoinWaitlist };
    match store.register(key, &applicant, when_full, now) {
        Ok((Registered::New(registration), _)) => {
            println!("{}", messages::registered(&registration, &title, lang));
            Ok(if registration.status == Status::Waitlisted { Outcome::Waitlisted } else { Outcome::Done })
        }
        Ok((Registered::Existing(registration), _)) => {
            eprintln!("{}", messages::already_registered(&registration, &title, lang));
            Ok(Outcome::Refused)
        }
        Err(RegistrationError::Refused(refusal)) => {
            eprintln!("{}", messages::refusal(&refusal, &title, lang));
            Ok(Outcome::Refused)
        }
        Err(error) => Err(store_error(error, &title, lang)),
    }
}

/// Whose registration for `key` to cancel: the given address, else the
/// user's own registration (made perhaps under an earlier address of the
/// profile), else the profile's address.
fn own_email(store: &Store, key: &str, email: Option<String>, lang: Lang) -> anyhow::Result<String> {
    if let Some(email) = email {
        return Ok(email);
    }
    let own = store.registrations(Whose::Own)?.into_iter().find(|registration| registration.offering_key == key);
    if let Some(own) = own {
        return Ok(own.email);
    }
    match store.profile()? {
        Some(profile) => Ok(profile.email),
        None => anyhow::bail!(match lang {
            Lang::De => "Kein Profil angelegt: Geben Sie mit --email an, wessen Anmeldung storniert werden soll.",
            Lang::En => "No profile yet: say whose registration to cancel with --email.",
        }),
    }
}

pub fn cancel(
    store: &mut Store,
    key: &str,
    email: Option<String>,
    now: NaiveDateTime,
    lang: Lang,
) -> anyhow::Result<Outcome> {
    let email = own_email(store, key, email, lang)?;
    let title = store.title_or_key(key)?;
    match store.cancel(key, &email, now) {
        Ok((cancelled, _)) => {
            println!("{}", messages::cancelled(&title, cancelled.promoted.as_ref(), lang));
            Ok(Outcome::Done)
        }
        Err(error @ RegistrationError::NotRegistered { .. }) => {
            eprintln!("{}", messages::registration_error(&error, &title, lang));
            Ok(Outcome::Refused)
        }
        Err(error) => Err(store_error(error, &title, lang)),
    }
}

pub fn interest(store: &mut Store, key: &str, now: NaiveDateTime, lang: Lang) -> anyhow::Result<Outcome> {
    let title = store.title_or_key(key)?;
    match store.toggle_interest(key, now) {
        Ok((marked, _)) => {
            println!("{}", messages::interest(marked, &title, lang));
            Ok(Outcome::Done)
        }
        Err(RegistrationError::Refused(refusal)) => {
            eprintln!("{}", messages::refusal(&refusal, &title, lang));
            Ok(Outcome::Refused)
        }
        Err(error) => Err(store_error(error, &title, lang)),
    }
}

/// Whose registrations a listing or export shows: the user's own, or all
/// of this database when `all` is asked for.
fn whose(all: bool) -> Whose {
    if all { Whose::All } else { Whose::Own }
}

#[derive(Serialize)]
struct Listed<'a> {
    key: &'a str,
    title: &'a str,
    starts: Option<String>,
    place: String,
    status: Status,
    waitlist_position: Option<u32>,
    name: &'a str,
    email: &'a str,
    organisation: &'a str,
    note: &'a str,
    registered_at: String,
}

pub fn list(store: &Store, output: OutputFormat, all: bool, lang: Lang) -> anyhow::Result<Outcome> {
    let bookings = store.bookings(whose(all))?;
    match output {
        OutputFormat::Json => {
            let listed: Vec<Listed> = bookings
                .iter()
                .map(|booking| Listed {
                    key: &booking.offering.key,
                    title: &booking.offering.title,
                    starts: booking.offering.starts().map(|starts| starts.to_string()),
                    place: crate::exchange::location(&booking.offering),
                    status: booking.registration.status,
                    waitlist_position: booking.registration.waitlist_position,
                    name: &booking.registration.name,
                    email: &booking.registration.email,
                    organisation: &booking.registration.organisation,
                    note: &booking.registration.note,
                    registered_at: booking.registration.registered_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                })
                .collect();
            writeln!(std::io::stdout(), "{}", serde_json::to_string_pretty(&listed)?)?;
        }
        OutputFormat::Text => {
            let mut out = std::io::stdout().lock();
            for booking in &bookings {
                let when = booking
                    .offering
                    .starts()
                    .map(|starts| format::when(starts, booking.offering.ends(), lang))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{:<22} {:<28} {} — {} <{}> ({})",
                    messages::status_label(&booking.registration, lang),
                    when,
                    for_terminal(&booking.offering.title),
                    for_terminal(&booking.registration.name),
                    for_terminal(&booking.registration.email),
                    booking.offering.key
                )?;
            }
            if bookings.is_empty() {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::De => "Keine Anmeldungen.",
                        Lang::En => "No registrations.",
                    }
                );
            }
        }
    }
    Ok(Outcome::Done)
}

pub fn show_profile(store: &Store, lang: Lang) -> anyhow::Result<Outcome> {
    match store.profile()? {
        Some(profile) => {
            for (field, value) in [
                (Field::Name, Some(&profile.name)),
                (Field::Email, Some(&profile.email)),
                (Field::Organisation, Some(&profile.organisation)),
                (Field::Phone, profile.phone.as_ref()),
            ] {
                println!(
                    "{}: {}",
                    messages::field_label(field, lang),
                    value.map(|value| for_terminal(value)).unwrap_or_default()
                );
            }
        }
        None => eprintln!(
            "{}",
            match lang {
                Lang::De => "Noch kein Profil. Anlegen mit: lotse profile set --name … --email … --org …",
                Lang::En => "No profile yet. Create one with: lotse profile set --name … --email … --org …",
            }
        ),
    }
    Ok(Outcome::Done)
}

pub fn set_profile(store: &mut Store, args: &ApplicantArgs, lang: Lang) -> anyhow::Result<Outcome> {
    let [name, email, organisation, phone] = with_profile(args, store.profile()?.as_ref());
    let profile = Profile::new(&name, &email, &organisation, &phone)
        .map_err(|errors| anyhow::anyhow!(field_errors(&errors, lang)))?;
    store.save_profile(&profile)?;
    show_profile(store, lang)
}

pub fn forget_profile(store: &mut Store, yes: bool, now: NaiveDateTime, lang: Lang) -> anyhow::Result<Outcome> {
    let own = store.registrations(Whose::Own)?.len();
    if !yes {
        if !std::io::stdin().is_terminal() {
            anyhow::bail!(match lang {
                Lang::De => "Zum Löschen ohne Rückfrage --yes angeben.",
                Lang::En => "Pass --yes to delete without asking.",
            });
        }
        match lang {
            Lang::De => {
                print!(
                    "Profil, Heimatort, {own} eigene Anmeldung(en) und alle vermerkten Interessen endgültig löschen? [j/N] "
                )
            }
            Lang::En => {
                print!(
                    "Delete the profile, home place, {own} own registration(s) and all marked interests for good? [y/N] "
                )
            }
        }
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_lowercase().as_str(), "j" | "ja" | "y" | "yes") {
            println!(
                "{}",
                match lang {
                    Lang::De => "Nichts gelöscht.",
                    Lang::En => "Nothing deleted.",
                }
            );
            return Ok(Outcome::Refused);
        }
    }
    let deleted = store.forget_profile(now).map_err(|error| store_error(error, "", lang))?;
    match lang {
        Lang::De => println!("Profil, Heimatort, {deleted} Anmeldung(en) und vermerkte Interessen gelöscht."),
        Lang::En => println!("Deleted the profile, home place, {deleted} registration(s) and marked interests."),
    }
    Ok(Outcome::Done)
}

/// The registration export in the asked format, as bytes.
pub fn render_export(
    store: &Store,
    format: RegistrationFormat,
    now: NaiveDateTime,
    lang: Lang,
) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        RegistrationFormat::Ics => calendar::calendar(&calendar_bookings(store)?, now, lang).into_bytes(),
        RegistrationFormat::Csv => travel_csv::travel_csv(&store.bookings(whose(false))?, lang)?,
    })
}

/// The own bookings a calendar shows, soonest first: held places, and
/// cancelled ones so that calendars which imported them remove them.
pub fn calendar_bookings(store: &Store) -> anyhow::Result<Vec<Booking>> {
    let mut bookings = store.bookings(Whose::Own)?;
    bookings.extend(store.cancelled_bookings(Whose::Own)?);
    bookings.sort_by_key(|booking| (booking.offering.starts().map(Moment::earliest), booking.registration.id));
    Ok(bookings)
}

pub fn export(
    store: &Store,
    format: RegistrationFormat,
    output: Option<&Path>,
    now: NaiveDateTime,
    lang: Lang,
) -> anyhow::Result<Outcome> {
    let bytes = render_export(store, format, now, lang)?;
    match output {
        Some(path) => {
            super::files::write_output(path, &bytes, lang)?;
            eprintln!("{}", path.display());
        }
        None => std::io::stdout().write_all(&bytes)?,
    }
    Ok(Outcome::Done)
}
