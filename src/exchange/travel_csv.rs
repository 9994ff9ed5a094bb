//! Registrations as the spreadsheet a travel request needs: semicolons and
//! a UTF-8 byte order mark, so that German Excel opens it correctly.

use crate::domain::registration::Booking;
use crate::format;
use crate::i18n::Lang;
use crate::messages::status_label;

use super::spreadsheet::{cell, for_excel};

fn headers(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::De => ["Titel", "Datum", "Uhrzeit", "Ort", "Veranstalter", "Preis", "Status", "Anmeldedatum"],
        Lang::En => ["Title", "Date", "Time", "Place", "Organiser", "Price", "Status", "Registered on"],
    }
}

pub fn travel_csv(bookings: &[Booking], lang: Lang) -> anyhow::Result<Vec<u8>> {
    let out = for_excel(|writer| {
        writer.write_record(headers(lang))?;
        for booking in bookings {
            let offering = &booking.offering;
            let (date, time) = match offering.starts() {
                Some(starts) => {
                    (format::date_span(starts, offering.ends(), lang), format::time_span(starts, offering.ends(), lang))
                }
                None => (String::new(), String::new()),
            };
            let price = match &offering.details {
                crate::domain::Details::Event(event) => format::price(event.price, lang),
                _ => String::new(),
            };
            writer.write_record([
                cell(&offering.title),
                date,
                time,
                cell(&super::location(offering)),
                cell(&offering.organiser),
                price,
                status_label(&booking.registration, lang),
                format::date(booking.registration.registered_at.date(), lang),
            ])?;
        }
        Ok(())
    })?;
    Ok(out)
}
