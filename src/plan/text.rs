//! The agenda in words, the same in `lotse termine` and the dashboard.

use chrono::{Datelike, Days, NaiveDate};

use crate::domain::{Details, Offering};
use crate::i18n::Lang;
use crate::sanitize::for_terminal;

use super::agenda::{Entry, What};
use super::weeks::week_label;

/// "KW 41 · 05.10.–11.10.2020".
pub fn week_heading(day: NaiveDate, lang: Lang) -> String {
    let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
    let sunday = monday + Days::new(6);
    let span =
        crate::format::date_span(crate::domain::Moment::Day(monday), Some(crate::domain::Moment::Day(sunday)), lang);
    format!("{} · {span}", week_label(day, lang))
}

/// "10:00 Uhr  WebTalk: Die größte Zukunft aller Zeiten", "Anmeldeschluss: …".
pub fn entry_line(entry: &Entry, offerings: &[Offering], lang: Lang) -> String {
    let strings = lang.strings().plan;
    let offering = &offerings[entry.offering];
    let title = for_terminal(&offering.title);
    let label = match (&offering.details, entry.what) {
        (_, What::Deadline) => strings.deadline.to_owned(),
        (_, What::ProjectEnd) => strings.project_end.to_owned(),
        (Details::Event(event), _) => for_terminal(&event.format),
        // The word is the same in German and English.
        (_, What::Roundtable) => "Roundtable".to_owned(),
        (_, What::Event) => String::new(),
    };
    let time = match entry.time {
        Some(time) if entry.what != What::Deadline => {
            let clock = time.format("%H:%M").to_string();
            match lang.strings().o_clock {
                "" => format!("{clock} "),
                suffix => format!("{clock} {suffix} "),
            }
        }
        _ => String::new(),
    };
    let mark = if entry.mine { "✓ " } else { "" };
    // Titles such as "Webinar: Neue Wege …" already say what they are.
    let says_it = title.to_lowercase().starts_with(&format!("{}:", label.to_lowercase()));
    if label.is_empty() || says_it { format!("{mark}{time}{title}") } else { format!("{mark}{time}{label}: {title}") }
}

/// "überschneidet sich mit „Willkommen bei den Stadtrettern“".
pub fn overlap_note(entry: &Entry, offerings: &[Offering], lang: Lang) -> Option<String> {
    if entry.overlaps.is_empty() {
        return None;
    }
    let titles: Vec<String> =
        entry.overlaps.iter().map(|&other| format!("„{}“", for_terminal(&offerings[other].title))).collect();
    Some(format!("{} {}", lang.strings().plan.overlaps_with, titles.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_that_names_its_format_is_not_prefixed_twice() {
        let records = crate::store::sample_records();
        let mut offering =
            records.into_iter().map(|record| record.offering).find(|o| o.kind() == crate::domain::Kind::Event).unwrap();
        offering.title = "Webinar: Neue Wege".into();
        let Details::Event(event) = &mut offering.details else { unreachable!("found as an event") };
        event.format = "Webinar".into();
        let day: NaiveDate = "2020-10-06".parse().unwrap();
        let entry =
            Entry { day, last_day: day, time: None, what: What::Event, offering: 0, mine: false, overlaps: Vec::new() };
        assert_eq!(entry_line(&entry, &[offering.clone()], Lang::De), "Webinar: Neue Wege");
        let deadline = Entry { what: What::Deadline, ..entry };
        assert_eq!(entry_line(&deadline, &[offering], Lang::De), "Anmeldeschluss: Webinar: Neue Wege");
    }

    #[test]
    fn weeks_are_headed_by_number_and_span() {
        let day: NaiveDate = "2020-10-06".parse().unwrap();
        assert_eq!(week_heading(day, Lang::De), "KW 41 · 05.10.–11.10.2020");
        assert_eq!(week_heading(day, Lang::En), "Week 41 · 05 Oct–11 Oct 2020");
    }
}
