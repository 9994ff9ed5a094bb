//! Dates, times, prices and periods written the way German offices write
//! them (21.03.2019, 10:00–16:00 Uhr, 549,00 € zzgl. MwSt.), or in English.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::{Details, Moment, Price, Project, YearMonth};
use crate::i18n::Lang;

pub fn date(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::De => day.format("%d.%m.%Y").to_string(),
        Lang::En => day.format("%d %b %Y").to_string(),
    }
}

fn time(at: NaiveTime) -> String {
    at.format("%H:%M").to_string()
}

fn with_o_clock(text: String, lang: Lang) -> String {
    match lang.strings().o_clock {
        "" => text,
        suffix => format!("{text} {suffix}"),
    }
}

/// The date column: one day, or a span of days ("28.10.–08.12.2020").
pub fn date_span(starts: Moment, ends: Option<Moment>, lang: Lang) -> String {
    let first = starts.date();
    match ends.map(Moment::date).filter(|last| *last != first) {
        None => date(first, lang),
        Some(last) if last.year() == first.year() => {
            let without_year = match lang {
                Lang::De => first.format("%d.%m."),
                Lang::En => first.format("%d %b"),
            };
            format!("{without_year}–{}", date(last, lang))
        }
        Some(last) => format!("{}–{}", date(first, lang), date(last, lang)),
    }
}

/// The time column: "10:00–16:00 Uhr", "14:30 Uhr", or empty when only dates are known.
pub fn time_span(starts: Moment, ends: Option<Moment>, lang: Lang) -> String {
    let same_day_end = ends.filter(|end| end.date() == starts.date()).and_then(Moment::time);
    match (starts.time(), same_day_end) {
        (Some(from), Some(to)) if to != from => with_o_clock(format!("{}–{}", time(from), time(to)), lang),
        (Some(from), _) => with_o_clock(time(from), lang),
        (None, _) => String::new(),
    }
}

/// Date and time together, for the detail pane.
pub fn when(starts: Moment, ends: Option<Moment>, lang: Lang) -> String {
    let multi_day = ends.is_some_and(|end| end.date() != starts.date());
    if multi_day {
        let end = ends.expect("multi_day implies an end");
        let part = |moment: Moment| match moment.time() {
            Some(at) => with_o_clock(format!("{}, {}", date(moment.date(), lang), time(at)), lang),
            None => date(moment.date(), lang),
        };
        return format!("{} – {}", part(starts), part(end));
    }
    let times = time_span(starts, ends, lang);
    if times.is_empty() { date(starts.date(), lang) } else { format!("{}, {times}", date(starts.date(), lang)) }
}

pub fn moment(moment: Moment, lang: Lang) -> String {
    when(moment, None, lang)
}

/// "237.735" in German, "237,735" in English.
pub fn whole_number(number: u64, lang: Lang) -> String {
    let digits = number.to_string();
    let group_separator = match lang {
        Lang::De => '.',
        Lang::En => ',',
    };
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(group_separator);
        }
        grouped.push(digit);
    }
    grouped
}

/// "549,00 €" with German digit grouping ("1.234,50 €"), or "€1,234.50".
pub fn euros(cents: u64, lang: Lang) -> String {
    let decimal_separator = match lang {
        Lang::De => ',',
        Lang::En => '.',
    };
    let amount = format!("{}{decimal_separator}{:02}", whole_number(cents / 100, lang), cents % 100);
    match lang {
        Lang::De => format!("{amount} €"),
        Lang::En => format!("€{amount}"),
    }
}

pub fn price(price: Price, lang: Lang) -> String {
    let strings = lang.strings();
    match price {
        Price::Free => strings.free.to_owned(),
        Price::Fee { cents, plus_vat: true } => format!("{} {}", euros(cents, lang), strings.plus_vat),
        Price::Fee { cents, plus_vat: false } => euros(cents, lang),
        Price::Unknown => String::new(),
    }
}

fn month(month: YearMonth) -> String {
    format!("{:02}/{}", month.month(), month.year())
}

/// "06/2018–05/2019", or the source's own words when it gives no dates.
pub fn period(project: &Project, lang: Lang) -> String {
    let (from_word, until_word) = match lang {
        Lang::De => ("ab", "bis"),
        Lang::En => ("from", "until"),
    };
    match (project.period_from, project.period_to) {
        (Some(from), Some(to)) => format!("{}–{}", month(from), month(to)),
        (Some(from), None) => format!("{from_word} {}", month(from)),
        (None, Some(to)) => format!("{until_word} {}", month(to)),
        (None, None) => project.period_note.clone().unwrap_or_default(),
    }
}

/// When an offering happens, as lists show it: the days of an event or
/// roundtable, a project's period; nothing for a best practice.
pub fn schedule(details: &Details, lang: Lang) -> Option<String> {
    match details {
        Details::Event(event) => Some(date_span(event.starts, event.ends, lang)),
        Details::Roundtable(roundtable) => Some(date_span(roundtable.starts, roundtable.ends, lang)),
        Details::Project(project) => Some(period(project, lang)).filter(|period| !period.is_empty()),
        Details::Practice(_) => None,
    }
}

/// The narrow date column: the first day with a two-digit year ("28.10.20"),
/// a project's first month; the end of a span is in the details beside it.
pub fn short_schedule(details: &Details, lang: Lang) -> Option<String> {
    let day = |moment: Moment| {
        let pattern = match lang {
            Lang::De => "%d.%m.%y",
            Lang::En => "%d/%m/%y",
        };
        moment.date().format(pattern).to_string()
    };
    match details {
        Details::Event(event) => Some(day(event.starts)),
        Details::Roundtable(roundtable) => Some(day(roundtable.starts)),
        Details::Project(project) => project.period_from.map(month).or_else(|| schedule(details, lang)),
        Details::Practice(_) => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectStatus {
    Planned,
    Running,
    Finished,
    Unknown,
}

impl ProjectStatus {
    pub fn of(project: &Project, now: NaiveDateTime) -> ProjectStatus {
        let started = project.period_from.map(|from| from.first_moment().earliest() <= now);
        let ended = project.period_to.map(|to| to.last_moment().latest() < now);
        match (started, ended) {
            (_, Some(true)) => ProjectStatus::Finished,
            (Some(false), _) => ProjectStatus::Planned,
            (Some(true), _) => ProjectStatus::Running,
            (None, _) => ProjectStatus::Unknown,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let strings = lang.strings();
        match self {
            ProjectStatus::Planned => strings.planned,
            ProjectStatus::Running => strings.running,
            ProjectStatus::Finished => strings.finished,
            ProjectStatus::Unknown => strings.unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Moment {
        text.parse().unwrap()
    }

    #[test]
    fn seminar_dates_read_as_in_a_german_programme() {
        let starts = at("2019-03-21T10:00");
        let ends = Some(at("2019-03-21T16:00"));
        assert_eq!(date_span(starts, ends, Lang::De), "21.03.2019");
        assert_eq!(time_span(starts, ends, Lang::De), "10:00–16:00 Uhr");
        assert_eq!(when(starts, ends, Lang::De), "21.03.2019, 10:00–16:00 Uhr");
        assert_eq!(time_span(starts, ends, Lang::En), "10:00–16:00");
    }

    #[test]
    fn multi_day_spans_name_both_days() {
        let starts = at("2020-10-28");
        let ends = Some(at("2020-12-08"));
        assert_eq!(date_span(starts, ends, Lang::De), "28.10.–08.12.2020");
        assert_eq!(time_span(starts, ends, Lang::De), "");
        assert_eq!(when(starts, ends, Lang::De), "28.10.2020 – 08.12.2020");
        assert_eq!(date_span(at("2020-12-30"), Some(at("2021-01-02")), Lang::De), "30.12.2020–02.01.2021");
        assert_eq!(date_span(starts, ends, Lang::En), "28 Oct–08 Dec 2020");
    }

    #[test]
    fn prices_use_german_separators() {
        assert_eq!(price(Price::Fee { cents: 54_900, plus_vat: true }, Lang::De), "549,00 € zzgl. MwSt.");
        assert_eq!(euros(123_456_789, Lang::De), "1.234.567,89 €");
        assert_eq!(euros(5, Lang::De), "0,05 €");
        assert_eq!(price(Price::Free, Lang::De), "kostenfrei");
        assert_eq!(price(Price::Fee { cents: 54_900, plus_vat: true }, Lang::En), "€549.00 plus VAT");
    }

    #[test]
    fn project_status_follows_the_clock() {
        let project = Project {
            period_from: Some("2018-06".parse().unwrap()),
            period_to: Some("2019-05".parse().unwrap()),
            period_note: None,
            goals: vec![],
            project_types: vec![],
            area_scope: vec![],
            partners: vec![],
            funder: None,
            contact: None,
        };
        let on = |day: &str| crate::clock::parse_now(day).unwrap();
        assert_eq!(ProjectStatus::of(&project, on("2018-01-01")), ProjectStatus::Planned);
        assert_eq!(ProjectStatus::of(&project, on("2019-05-31")), ProjectStatus::Running);
        assert_eq!(ProjectStatus::of(&project, on("2019-06-01")), ProjectStatus::Finished);
        assert_eq!(period(&project, Lang::De), "06/2018–05/2019");
        assert_eq!(short_schedule(&Details::Project(project), Lang::De).unwrap(), "06/2018");
    }

    #[test]
    fn the_narrow_date_column_names_the_first_day_with_a_short_year() {
        let conference = crate::store::sample_records()
            .into_iter()
            .find(|record| record.offering.key == "kommunen-innovativ-herbstkonferenz-2020")
            .unwrap()
            .offering;
        assert_eq!(schedule(&conference.details, Lang::De).unwrap(), "28.10.–08.12.2020");
        assert_eq!(short_schedule(&conference.details, Lang::De).unwrap(), "28.10.20");
        assert_eq!(short_schedule(&conference.details, Lang::En).unwrap(), "28/10/20");
    }
}
