//! An offering's participant list as organisers open it in German Excel.

use crate::domain::Participants;
use crate::format;
use crate::i18n::Lang;
use crate::messages::status_label;

use super::spreadsheet::{cell, for_excel};

fn headers(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::De => ["Name", "E-Mail", "Organisation", "Telefon", "Anmerkung", "Status", "Anmeldedatum"],
        Lang::En => ["Name", "E-mail", "Organisation", "Phone", "Note", "Status", "Registered on"],
    }
}

/// One row per registration, first come first; after an empty row, how
/// many marked interest.
pub fn participants_csv(participants: &Participants, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let out = for_excel(|writer| {
        writer.write_record(headers(lang))?;
        for registration in &participants.registrations {
            writer.write_record([
                cell(&registration.name),
                cell(&registration.email),
                cell(&registration.organisation),
                cell(registration.phone.as_deref().unwrap_or_default()),
                cell(&registration.note),
                status_label(registration, lang),
                format::date(registration.registered_at.date(), lang),
            ])?;
        }
        writer.write_record([""; 7])?;
        let interested = match lang {
            Lang::De => "Interessiert",
            Lang::En => "Interested",
        };
        let mut last = [""; 7].map(String::from);
        last[0] = interested.to_owned();
        last[1] = participants.interested.to_string();
        writer.write_record(last)
    })?;
    Ok(out)
}
