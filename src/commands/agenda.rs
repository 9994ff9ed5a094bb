//! `lotse termine` and `lotse fristen`: the coming days by calendar week,
//! and the registration deadlines among them.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::domain::Offering;
use crate::i18n::{Lang, nothing_ahead};
use crate::plan::text::{entry_line, overlap_note, week_heading};
use crate::plan::weeks::{day_heading, iso_week};
use crate::plan::{Entry, What, entries};
use crate::store::{Store, Whose};

pub struct Request {
    pub days: u32,
    pub only_mine: bool,
    pub only_deadlines: bool,
    pub format: OutputFormat,
}

#[derive(Serialize)]
struct Listed<'a> {
    week: u32,
    date: String,
    time: Option<String>,
    what: What,
    key: &'a str,
    title: &'a str,
    mine: bool,
    overlaps: Vec<&'a str>,
}

pub fn run(store: &Store, request: Request, now: NaiveDateTime, lang: Lang) -> anyhow::Result<()> {
    let offerings = store.offerings()?;
    let registered: HashSet<String> =
        store.registrations(Whose::Own)?.into_iter().map(|registration| registration.offering_key).collect();
    let interests: HashSet<String> = store.interests()?.into_iter().map(|(key, _)| key).collect();
    let listed: Vec<Entry> =
        entries(&offerings, |offering| registered.contains(&offering.key), now.date(), request.days)
            .into_iter()
            .filter(|entry| !request.only_deadlines || entry.what == What::Deadline)
            .filter(|entry| {
                let key = &offerings[entry.offering].key;
                !request.only_mine || registered.contains(key) || interests.contains(key)
            })
            .collect();
    match request.format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&as_json(&listed, &offerings))?),
        OutputFormat::Text if listed.is_empty() => eprintln!("{}", nothing_ahead(request.days, lang)),
        OutputFormat::Text => print!("{}", as_text(&listed, &offerings, lang)),
    }
    Ok(())
}

fn as_json<'a>(listed: &[Entry], offerings: &'a [Offering]) -> Vec<Listed<'a>> {
    listed
        .iter()
        .map(|entry| Listed {
            week: iso_week(entry.day).1,
            date: entry.day.to_string(),
            time: entry.time.map(|time| time.format("%H:%M").to_string()),
            what: entry.what,
            key: &offerings[entry.offering].key,
            title: &offerings[entry.offering].title,
            mine: entry.mine,
            overlaps: entry.overlaps.iter().map(|&other| offerings[other].key.as_str()).collect(),
        })
        .collect()
}

/// Weeks, then days, then one line per entry; an overlap on a line of its own.
pub fn as_text(listed: &[Entry], offerings: &[Offering], lang: Lang) -> String {
    let mut text = String::new();
    let mut week = None;
    let mut day = None;
    for entry in listed {
        if week != Some(iso_week(entry.day)) {
            week = Some(iso_week(entry.day));
            if day.is_some() {
                text.push('\n');
            }
            text.push_str(&format!("{}\n", week_heading(entry.day, lang)));
        }
        if day != Some(entry.day) {
            day = Some(entry.day);
            text.push_str(&format!("  {}\n", day_heading(entry.day, lang)));
        }
        text.push_str(&format!("    {}\n", entry_line(entry, offerings, lang)));
        if let Some(note) = overlap_note(entry, offerings, lang) {
            text.push_str(&format!("      ! {note}\n"));
        }
    }
    text
}
