//! Calendar arithmetic: ISO weeks (KW), Monday-first month grids and the
//! German and English names of months and weekdays.

use chrono::{Datelike, Days, NaiveDate};

use crate::i18n::Lang;

/// The ISO 8601 week a day belongs to, with the year that week counts in
/// (1 January 2021 lies in KW 53 of 2020).
pub fn iso_week(day: NaiveDate) -> (i32, u32) {
    let week = day.iso_week();
    (week.year(), week.week())
}

/// "KW 41" in German, "Week 41" in English.
pub fn week_label(day: NaiveDate, lang: Lang) -> String {
    let (_, week) = iso_week(day);
    match lang {
        Lang::De => format!("KW {week}"),
        Lang::En => format!("Week {week}"),
    }
}

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Oktober" for a day in October.
pub fn month_name(day: NaiveDate, lang: Lang) -> &'static str {
    let names = match lang {
        Lang::De => &MONTHS_DE,
        Lang::En => &MONTHS_EN,
    };
    names[day.month0() as usize]
}

/// "Oktober 2020".
pub fn month_title(day: NaiveDate, lang: Lang) -> String {
    format!("{} {}", month_name(day, lang), day.year())
}

/// Two-letter weekday names, Monday first.
pub fn weekdays(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::De => ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
        Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
    }
}

/// "Dienstag".
pub fn weekday_name(day: NaiveDate, lang: Lang) -> &'static str {
    let names = match lang {
        Lang::De => ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        Lang::En => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    };
    names[day.weekday().num_days_from_monday() as usize]
}

/// "Dienstag, 06.10.2020" or "Tuesday, 06 Oct 2020".
pub fn day_heading(day: NaiveDate, lang: Lang) -> String {
    format!("{}, {}", weekday_name(day, lang), crate::format::date(day, lang))
}

/// The weeks that show a day's month, each from Monday to Sunday; days of
/// the neighbouring months fill the first and last week.
pub fn month_grid(day: NaiveDate) -> Vec<[NaiveDate; 7]> {
    let first = day.with_day(1).expect("every month has a first day");
    let monday = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    let mut weeks = Vec::new();
    let mut start = monday;
    while start.month() == first.month() || start < first {
        weeks.push(std::array::from_fn(|offset| start + Days::new(offset as u64)));
        start = start + Days::new(7);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn weeks_at_the_turn_of_the_year() {
        assert_eq!(iso_week(day("2020-12-31")), (2020, 53), "2020 has 53 ISO weeks");
        assert_eq!(iso_week(day("2021-01-03")), (2020, 53), "a Sunday still ends KW 53");
        assert_eq!(iso_week(day("2021-01-04")), (2021, 1), "KW 1 of 2021 starts on Monday the 4th");
        assert_eq!(iso_week(day("2019-12-30")), (2020, 1), "30 December 2019 already counts for 2020");
        assert_eq!(week_label(day("2020-10-06"), Lang::De), "KW 41");
        assert_eq!(week_label(day("2020-10-01"), Lang::En), "Week 40");
    }

    #[test]
    fn a_month_grid_starts_on_monday_and_covers_the_month() {
        let october = month_grid(day("2020-10-15"));
        assert_eq!(october.len(), 5);
        assert_eq!(october[0][0], day("2020-09-28"), "the Monday before the 1st");
        assert_eq!(october[4][6], day("2020-11-01"));
        let february = month_grid(day("2021-02-10"));
        assert_eq!(february.len(), 4, "February 2021 starts on a Monday and has 28 days");
        for weeks in [october, february] {
            assert!(weeks.iter().all(|week| week[0].weekday() == chrono::Weekday::Mon));
        }
    }

    #[test]
    fn names_in_both_languages() {
        assert_eq!(month_title(day("2020-10-01"), Lang::De), "Oktober 2020");
        assert_eq!(month_title(day("2020-03-01"), Lang::De), "März 2020");
        assert_eq!(month_title(day("2020-10-01"), Lang::En), "October 2020");
        assert_eq!(day_heading(day("2020-10-06"), Lang::De), "Dienstag, 06.10.2020");
        assert_eq!(weekdays(Lang::De)[6], "So");
    }
}
