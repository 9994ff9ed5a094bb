use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in local German time (Europe/Berlin), with or without a time of
/// day: many sources give only the date of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Moment {
    Day(NaiveDate),
    At(NaiveDateTime),
}

impl Moment {
    pub fn date(self) -> NaiveDate {
        match self {
            Moment::Day(day) => day,
            Moment::At(at) => at.date(),
        }
    }

    pub fn time(self) -> Option<NaiveTime> {
        match self {
            Moment::Day(_) => None,
            Moment::At(at) => Some(at.time()),
        }
    }

    /// The earliest instant the moment covers: midnight for a bare date.
    pub fn earliest(self) -> NaiveDateTime {
        match self {
            Moment::Day(day) => day.and_time(NaiveTime::MIN),
            Moment::At(at) => at,
        }
    }

    /// The last instant the moment covers: a bare date lasts the whole day.
    pub fn latest(self) -> NaiveDateTime {
        match self {
            Moment::Day(day) => day.and_hms_opt(23, 59, 59).expect("23:59:59 is a valid time on every day"),
            Moment::At(at) => at,
        }
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Moment::Day(day) => write!(f, "{}", day.format("%Y-%m-%d")),
            Moment::At(at) => write!(f, "{}", at.format("%Y-%m-%dT%H:%M")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("„{0}“ ist weder ein Datum (JJJJ-MM-TT) noch Datum mit Uhrzeit (JJJJ-MM-TTTHH:MM)")]
pub struct BadMoment(pub String);

impl FromStr for Moment {
    type Err = BadMoment;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(Moment::Day(day));
        }
        ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|pattern| NaiveDateTime::parse_from_str(text, pattern).ok())
            .map(Moment::At)
            .ok_or_else(|| BadMoment(text.to_owned()))
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A month, for project periods that sources give as "Juni 2018 bis Mai 2019".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    first_day: NaiveDate,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|first_day| YearMonth { first_day })
    }

    pub fn year(self) -> i32 {
        self.first_day.year()
    }

    pub fn month(self) -> u32 {
        self.first_day.month()
    }

    pub fn first_moment(self) -> Moment {
        Moment::Day(self.first_day)
    }

    pub fn last_moment(self) -> Moment {
        let next_month = self
            .first_day
            .checked_add_months(chrono::Months::new(1))
            .expect("months within chrono's range have a successor");
        Moment::Day(next_month.pred_opt().expect("the first of a month has a day before it"))
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("„{0}“ ist kein Monat (JJJJ-MM)")]
pub struct BadYearMonth(pub String);

impl FromStr for YearMonth {
    type Err = BadYearMonth;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || BadYearMonth(text.to_owned());
        let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
        let year = year.parse().map_err(|_| bad())?;
        let month = month.parse().map_err(|_| bad())?;
        YearMonth::new(year, month).ok_or_else(bad)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_round_trip_through_text() {
        for text in ["2019-03-21", "2019-03-21T10:00"] {
            let moment: Moment = text.parse().unwrap();
            assert_eq!(moment.to_string(), text);
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!("2021-02-31".parse::<Moment>().is_err());
        assert!("2021-13".parse::<YearMonth>().is_err());
        assert!("gestern".parse::<Moment>().is_err());
    }

    #[test]
    fn a_month_spans_from_its_first_to_its_last_day() {
        let february: YearMonth = "2020-02".parse().unwrap();
        assert_eq!(february.first_moment().to_string(), "2020-02-01");
        assert_eq!(february.last_moment().to_string(), "2020-02-29");
    }

    #[test]
    fn a_bare_date_lasts_the_whole_day() {
        let day: Moment = "2019-05-22".parse().unwrap();
        assert_eq!(day.earliest().to_string(), "2019-05-22 00:00:00");
        assert_eq!(day.latest().to_string(), "2019-05-22 23:59:59");
    }
}
