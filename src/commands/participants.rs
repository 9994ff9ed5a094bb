//! `lotse teilnehmer KEY`: who registered for an offering, for its
//! organisers and the store's admins. The store refuses everyone else.

use std::io::Write;

use serde::Serialize;

use crate::cli::ParticipantsFormat;
use crate::domain::Status;
use crate::exchange::participants_csv::participants_csv;
use crate::i18n::Lang;
use crate::messages;
use crate::sanitize::for_terminal;
use crate::store::{Refusal, Store};

use super::registration::Outcome;

#[derive(Serialize)]
struct Listed<'a> {
    name: &'a str,
    email: &'a str,
    organisation: &'a str,
    phone: Option<&'a str>,
    note: &'a str,
    status: Status,
    waitlist_position: Option<u32>,
    registered_at: String,
}

#[derive(Serialize)]
struct Listing<'a> {
    key: &'a str,
    title: &'a str,
    participants: Vec<Listed<'a>>,
    interested: u32,
}

pub fn run(store: &Store, key: &str, format: ParticipantsFormat, lang: Lang) -> anyhow::Result<Outcome> {
    let Some(offering) = store.offering(key)? else {
        anyhow::bail!(messages::refusal(&Refusal::UnknownOffering(key.to_owned()), key, lang));
    };
    let participants = store.participants(key)?;
    match format {
        ParticipantsFormat::Csv => std::io::stdout().write_all(&participants_csv(&participants, lang)?)?,
        ParticipantsFormat::Json => {
            let listing = Listing {
                key,
                title: &offering.title,
                participants: participants
                    .registrations
                    .iter()
                    .map(|registration| Listed {
                        name: &registration.name,
                        email: &registration.email,
                        organisation: &registration.organisation,
                        phone: registration.phone.as_deref(),
                        note: &registration.note,
                        status: registration.status,
                        waitlist_position: registration.waitlist_position,
                        registered_at: registration.registered_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    })
                    .collect(),
                interested: participants.interested,
            };
            println!("{}", serde_json::to_string_pretty(&listing)?);
        }
        ParticipantsFormat::Text => {
            println!("{}", for_terminal(&offering.title));
            for registration in &participants.registrations {
                println!(
                    "{:<22} {} <{}>, {}",
                    messages::status_label(registration, lang),
                    for_terminal(&registration.name),
                    for_terminal(&registration.email),
                    for_terminal(&registration.organisation),
                );
            }
            println!("{}", messages::participant_totals(&participants, lang));
        }
    }
    Ok(Outcome::Done)
}
