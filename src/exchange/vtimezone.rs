//! VTIMEZONE definitions, for a TZID that is neither an IANA nor a Windows
//! name ("GMT +0100 (Standard) / GMT +0200 (Daylight)"): the calendar says
//! itself when its clocks change, and by how much.

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeDelta};
use icalendar::parser::Property;

/// One STANDARD or DAYLIGHT part: from its onset (and each repetition of
/// it) local time is UTC plus `offset`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Observance {
    onset: Option<NaiveDateTime>,
    offset: Option<TimeDelta>,
    rule: Option<String>,
    extra_onsets: Vec<NaiveDateTime>,
}

/// One VTIMEZONE: its STANDARD and DAYLIGHT parts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Zone {
    observances: Vec<Observance>,
}

/// The definitions of one calendar, by TZID.
#[derive(Debug, Clone, Default)]
pub struct Definitions {
    zones: HashMap<String, Zone>,
    reading: Option<(Option<String>, Vec<Observance>)>,
    observance: Option<Observance>,
}

impl Definitions {
    pub fn begin(&mut self, component: &str) {
        match component {
            "VTIMEZONE" => self.reading = Some((None, Vec::new())),
            "STANDARD" | "DAYLIGHT" if self.reading.is_some() => self.observance = Some(Observance::default()),
            _ => {}
        }
    }

    pub fn end(&mut self, component: &str) {
        match component {
            "STANDARD" | "DAYLIGHT" => {
                if let (Some(observance), Some((_, observances))) = (self.observance.take(), &mut self.reading) {
                    observances.push(observance);
                }
            }
            "VTIMEZONE" => {
                if let Some((Some(tzid), observances)) = self.reading.take() {
                    self.zones.insert(tzid, Zone { observances });
                }
            }
            _ => {}
        }
    }

    /// A property line inside a VTIMEZONE or one of its parts.
    pub fn property(&mut self, content: &str) {
        let Ok(property) = Property::try_from(content) else { return };
        let value = property.val.as_str().trim();
        let name = property.name.as_str().to_ascii_uppercase();
        match (&mut self.observance, &mut self.reading, name.as_str()) {
            (None, Some((tzid, _)), "TZID") => *tzid = Some(value.trim_matches('"').to_owned()),
            (Some(observance), _, "DTSTART") => observance.onset = local_time(value),
            (Some(observance), _, "TZOFFSETTO") => observance.offset = offset(value),
            (Some(observance), _, "RRULE") => observance.rule = Some(value.to_owned()),
            (Some(observance), _, "RDATE") => observance.extra_onsets.extend(value.split(',').filter_map(local_time)),
            _ => {}
        }
    }

    /// The zone the calendar defines as `tzid`.
    pub fn zone(&self, tzid: &str) -> Option<&Zone> {
        self.zones.get(tzid.trim().trim_matches('"'))
    }

    /// How far ahead of UTC the zone `tzid` is at the local time `local`.
    pub fn utc_offset(&self, tzid: &str, local: NaiveDateTime) -> Option<TimeDelta> {
        self.zone(tzid)?.utc_offset(local)
    }
}

impl Zone {
    /// How far ahead of UTC the zone is at the local time `local`: the
    /// offset of the part whose latest onset before `local` is the latest.
    pub fn utc_offset(&self, local: NaiveDateTime) -> Option<TimeDelta> {
        let observances = &self.observances;
        let latest = observances
            .iter()
            .filter_map(|observance| Some((last_onset(observance, local)?, observance.offset?)))
            .max_by_key(|(onset, _)| *onset);
        // Before every onset the earliest part holds.
        latest
            .map(|(_, offset)| offset)
            .or_else(|| observances.iter().filter(|part| part.offset.is_some()).min_by_key(|part| part.onset)?.offset)
    }

    /// The zone's wall-clock time at the instant `utc`: UTC plus the offset
    /// that holds at the time it gives. In the hour the clocks go back no
    /// offset fits exactly, and the first part's is taken.
    pub fn wall(&self, utc: NaiveDateTime) -> Option<NaiveDateTime> {
        let mut offsets = self.observances.iter().filter_map(|part| part.offset);
        let first = offsets.clone().next()?;
        let fitting = offsets.find(|&offset| self.utc_offset(utc + offset) == Some(offset));
        Some(utc + fitting.unwrap_or(first))
    }
}

/// The last time the part began on or before `local`; its rule's
/// repetitions are wall-clock dates, expanded as if in UTC.
fn last_onset(observance: &Observance, local: NaiveDateTime) -> Option<NaiveDateTime> {
    let onset = observance.onset?;
    let mut onsets: Vec<NaiveDateTime> = observance.extra_onsets.iter().copied().chain([onset]).collect();
    if let Some(rule) = &observance.rule {
        let utc = rrule::Tz::UTC;
        let start = onset.and_utc().with_timezone(&utc);
        let repeated =
            rule.parse::<rrule::RRule<rrule::Unvalidated>>().ok().and_then(|rule| rule.validate(start).ok()).map(
                |rule| {
                    rrule::RRuleSet::new(start).rrule(rule).before(local.and_utc().with_timezone(&utc)).all(1_000).dates
                },
            );
        onsets.extend(repeated.into_iter().flatten().map(|at| at.naive_utc()));
    }
    onsets.into_iter().filter(|onset| *onset <= local).max()
}

fn local_time(value: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(value.trim().trim_end_matches('Z'), "%Y%m%dT%H%M%S").ok()
}

/// "+0100", "-0500", "+053000".
fn offset(value: &str) -> Option<TimeDelta> {
    let (sign, digits) = match value.trim().split_at_checked(1)? {
        ("+", digits) => (1, digits),
        ("-", digits) => (-1, digits),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let part = |range: std::ops::Range<usize>| digits.get(range).and_then(|text| text.parse::<i64>().ok());
    let seconds = part(0..2)? * 3600 + part(2..4)? * 60 + part(4..6).unwrap_or(0);
    Some(TimeDelta::seconds(sign * seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlook_gmt_plus_one() -> Definitions {
        let mut definitions = Definitions::default();
        definitions.begin("VTIMEZONE");
        definitions.property("TZID:GMT +0100 (Standard) / GMT +0200 (Daylight)");
        for (part, onset, to, rule) in [
            ("STANDARD", "16010101T030000", "+0100", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),
            ("DAYLIGHT", "16010101T020000", "+0200", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"),
        ] {
            definitions.begin(part);
            definitions.property(&format!("DTSTART:{onset}"));
            definitions.property(&format!("TZOFFSETTO:{to}"));
            definitions.property(&format!("RRULE:{rule}"));
            definitions.end(part);
        }
        definitions.end("VTIMEZONE");
        definitions
    }

    #[test]
    fn the_offset_follows_the_definitions_rules() {
        let definitions = outlook_gmt_plus_one();
        let tzid = "GMT +0100 (Standard) / GMT +0200 (Daylight)";
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(definitions.utc_offset(tzid, at("2025-01-15 10:00")), Some(TimeDelta::hours(1)));
        assert_eq!(definitions.utc_offset(tzid, at("2025-07-15 10:00")), Some(TimeDelta::hours(2)));
        assert_eq!(definitions.utc_offset(tzid, at("2025-03-30 03:30")), Some(TimeDelta::hours(2)));
        assert_eq!(definitions.utc_offset(tzid, at("2025-03-29 12:00")), Some(TimeDelta::hours(1)));
        assert_eq!(definitions.utc_offset("Mars/Olymp", at("2025-01-15 10:00")), None);
    }

    #[test]
    fn offsets_are_read_with_sign_and_seconds() {
        assert_eq!(offset("+0100"), Some(TimeDelta::hours(1)));
        assert_eq!(offset("-0530"), Some(TimeDelta::minutes(-330)));
        assert_eq!(offset("+053015"), Some(TimeDelta::seconds(5 * 3600 + 30 * 60 + 15)));
        assert_eq!(offset("0100"), None);
        assert_eq!(offset("+1"), None);
        assert_eq!(offset("+ä"), None);
    }
}
