//! The injectable "now": the app is given a clock instead of asking the
//! system, so tests and demos can pin the date.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Europe::Berlin;

pub trait Clock {
    /// The current local time in Germany.
    fn now(&self) -> NaiveDateTime;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        Utc::now().with_timezone(&Berlin).naive_local()
    }
}

pub struct FixedClock(pub NaiveDateTime);

impl Clock for FixedClock {
    fn now(&self) -> NaiveDateTime {
        self.0
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("LOTSE_NOW=„{0}“ ist weder RFC 3339 (2020-10-01T09:00:00+02:00) noch ein Datum (2020-10-01)")]
pub struct BadNow(pub String);

/// Parses `LOTSE_NOW`: an RFC 3339 instant, a local date-time, or a date (taken as 09:00 local time,
/// the start of an office day).
pub fn parse_now(text: &str) -> Result<NaiveDateTime, BadNow> {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant.with_timezone(&Berlin).naive_local());
    }
    if let Ok(local) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M") {
        return Ok(local);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|day| day.and_hms_opt(9, 0, 0))
        .ok_or_else(|| BadNow(text.to_owned()))
}

/// The clock the program runs with: `LOTSE_NOW` when set, else the system's.
pub fn from_env() -> Result<Box<dyn Clock>, BadNow> {
    match std::env::var("LOTSE_NOW") {
        Ok(text) if !text.trim().is_empty() => Ok(Box::new(FixedClock(parse_now(&text)?))),
        _ => Ok(Box::new(SystemClock)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_accepts_rfc3339_and_plain_dates() {
        assert_eq!(parse_now("2020-10-01").unwrap().to_string(), "2020-10-01 09:00:00");
        assert_eq!(
            parse_now("2020-10-01T08:00:00Z").unwrap().to_string(),
            "2020-10-01 10:00:00",
            "UTC is shown in German summer time"
        );
        assert_eq!(parse_now("2020-10-01T14:30").unwrap().to_string(), "2020-10-01 14:30:00");
        assert!(parse_now("morgen").is_err());
    }
}
