//! An offering as both backends store it: the column values written for a
//! record, and the columns read back into an offering. The SQL differs per
//! backend; what goes into the columns and comes out of them does not.

use chrono::NaiveDateTime;

use crate::domain::{Details, Kind, Offering, Record, RegionRef, Source, Status};
use crate::search;

use super::{ListingRow, RegionDirectory};

/// The values of one offering's row.
pub(crate) struct OfferingRow<'a> {
    pub record: &'a Record,
    pub kind: &'static str,
    /// Stored beside the offering so that a Land filter in SQL finds its Kreise too.
    pub land_code: Option<&'a str>,
    pub topics: String,
    pub source_date: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub details: String,
    pub search_title: String,
    pub search_other: String,
    pub search_topics: String,
}

impl<'a> OfferingRow<'a> {
    pub fn new(record: &'a Record, regions: &'a RegionDirectory) -> OfferingRow<'a> {
        let offering = &record.offering;
        let searchable = super::search_fields::entry(offering, regions);
        OfferingRow {
            record,
            kind: offering.kind().code(),
            land_code: regions.land_of(&offering.region).map(|land| land.code.as_str()),
            topics: serde_json::to_string(&offering.topics).expect("a list of strings always serialises"),
            source_date: offering.source.date.map(|date| date.to_string()),
            starts_at: offering.starts().map(|moment| moment.earliest().to_string()),
            ends_at: offering.ends().map(|moment| moment.latest().to_string()),
            details: serde_json::to_string(&offering.details).expect("domain types always serialise to JSON"),
            search_title: searchable.title.clone(),
            search_other: searchable.other.clone(),
            search_topics: searchable.joined_topics(),
        }
    }

    /// The words of the long texts, folded, as the keyword index holds them.
    pub fn keywords(&self) -> Vec<String> {
        keyword_tokens(&format!("{} {}", self.record.summary, self.record.description))
    }
}

/// The folded words of `text`, split where SQLite's FTS5 tokenizer splits
/// (at every character that is neither a letter nor a digit), each once.
pub(crate) fn keyword_tokens(text: &str) -> Vec<String> {
    let folded = search::fold::fold_text(text);
    let mut tokens: Vec<String> =
        folded.split(|ch: char| !ch.is_alphanumeric()).filter(|token| !token.is_empty()).map(str::to_owned).collect();
    tokens.sort_unstable();
    tokens.dedup();
    tokens
}

/// What writing an offering again replaces in its row, in both dialects'
/// `ON CONFLICT (key) DO UPDATE SET`: every column but the key.
macro_rules! replaced_on_upsert {
    () => {
        "kind = excluded.kind, title = excluded.title, organiser = excluded.organiser,
         place = excluded.place, region_code = excluded.region_code, land_code = excluded.land_code,
         topics = excluded.topics, source_title = excluded.source_title,
         source_publisher = excluded.source_publisher, source_date = excluded.source_date,
         source_url = excluded.source_url, url = excluded.url, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
         details = excluded.details, summary = excluded.summary, description = excluded.description,
         search_title = excluded.search_title, search_other = excluded.search_other,
         search_topics = excluded.search_topics"
    };
}
pub(crate) use replaced_on_upsert;

/// An offering's stored columns, in the order of `OFFERING_COLUMNS`.
pub(crate) struct OfferingColumns {
    pub key: String,
    pub title: String,
    pub organiser: String,
    pub place: Option<String>,
    pub region_code: String,
    pub topics: String,
    pub source_title: String,
    pub source_publisher: String,
    pub source_date: Option<String>,
    pub url: Option<String>,
    pub details: String,
    pub source_url: Option<String>,
}

/// Column names for [`OfferingColumns`], the same in both backends.
pub(crate) const OFFERING_COLUMNS: &str = "key, title, organiser, place, region_code, topics, \
     source_title, source_publisher, source_date, url, details, source_url";

/// Why a stored column could not be read back; names the column.
#[derive(Debug, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct BadColumn {
    pub column: usize,
    pub message: String,
}

impl OfferingColumns {
    pub fn into_offering(self) -> Result<Offering, BadColumn> {
        let bad = |column: usize| move |error: &dyn std::fmt::Display| BadColumn { column, message: error.to_string() };
        let region: RegionRef = self.region_code.parse().map_err(|error| bad(4)(&error))?;
        let topics = serde_json::from_str(&self.topics).map_err(|error| bad(5)(&error))?;
        let date = self.source_date.map(|text| text.parse()).transpose().map_err(|error| bad(8)(&error))?;
        let details: Details = serde_json::from_str(&self.details).map_err(|error| bad(10)(&error))?;
        Ok(Offering {
            key: self.key,
            title: self.title,
            organiser: self.organiser,
            place: self.place,
            region,
            topics,
            source: Source { title: self.source_title, publisher: self.source_publisher, date, url: self.source_url },
            url: self.url,
            details,
        })
    }
}

/// One listing row from its stored columns; `None` for an unknown kind.
pub(crate) fn listing_row(
    key: String,
    kind: &str,
    title: &str,
    starts_at: Option<&str>,
    ends_at: Option<&str>,
) -> Option<ListingRow> {
    Some(ListingRow {
        key,
        kind: Kind::from_code(kind)?,
        sort_title: title.to_lowercase(),
        starts_at: starts_at.and_then(stored_moment),
        ends_at: ends_at.and_then(stored_moment),
    })
}

/// A start or end as `upsert` stores it ("2020-10-02 10:00:00"), read
/// without a format parser: the first look reads 200,000 of them.
pub(crate) fn stored_moment(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = bytes.get(range)?;
        digits.iter().try_fold(0u32, |value, &byte| byte.is_ascii_digit().then(|| value * 10 + u32::from(byte - b'0')))
    };
    let fixed = bytes.len() == 19 && [4, 7].iter().all(|&at| bytes[at] == b'-') && bytes[10] == b' ';
    if !fixed {
        // Another form (fractions of a second): the general parser.
        return NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").ok();
    }
    let date = chrono::NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)?;
    date.and_hms_opt(number(11..13)?, number(14..16)?, number(17..19)?)
}

/// A registration's stored status code, read back.
pub(crate) fn parse_status(code: &str) -> Result<Status, BadColumn> {
    Status::from_code(code).ok_or_else(|| BadColumn { column: 7, message: format!("unknown status {code}") })
}

/// A stored registration or interest time (`TIMESTAMP`), read back.
pub(crate) fn parse_timestamp(text: &str) -> Result<NaiveDateTime, chrono::ParseError> {
    NaiveDateTime::parse_from_str(text, super::TIMESTAMP)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The quick reading against the general parser, on what `upsert` writes.
        #[test]
        fn stored_moments_read_as_the_general_parser_reads_them(seconds in -5_000_000_000i64..5_000_000_000i64) {
            let moment = chrono::DateTime::from_timestamp(seconds, 0).unwrap().naive_utc();
            let text = moment.to_string();
            proptest::prop_assert_eq!(stored_moment(&text), Some(moment));
            proptest::prop_assert_eq!(
                stored_moment(&text),
                NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S%.f").ok()
            );
        }
    }

    #[test]
    fn odd_stored_moments() {
        assert_eq!(
            stored_moment("2020-10-02 10:00:00.5"),
            NaiveDateTime::parse_from_str("2020-10-02 10:00:00.5", "%Y-%m-%d %H:%M:%S%.f").ok()
        );
        assert_eq!(stored_moment("2020-13-02 10:00:00"), None);
        assert_eq!(stored_moment("2020-1x-02 10:00:00"), None);
        assert_eq!(stored_moment(""), None);
    }
}
