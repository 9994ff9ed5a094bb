//! Offerings in and out of files: JSON, CSV and iCalendar in, JSON and CSV
//! out; registrations out as a calendar and a travel spreadsheet. Every file is untrusted: it is decoded, parsed, cleaned and checked
//! in full here, and only a batch without a single problem goes on to the
//! store. Knows the file formats; knows nothing of SQL or the terminal.

pub mod calendar;
mod cells;
pub mod csv;
pub mod ics;
pub mod json;
mod lines;
pub mod participants_csv;
mod problem;
pub mod spreadsheet;
pub mod travel_csv;
pub(crate) mod validate;
mod vtimezone;

use std::ops::Range;
use std::path::Path;

use crate::domain::{Details, Offering, Record};
use crate::sanitize::for_terminal;
use crate::store::RegionDirectory;

pub use ics::Places;
pub use problem::{Problem, What};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Ics,
}

impl Format {
    /// The format a file name's extension stands for.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "json" | "jsonl" | "ndjson" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "ics" | "ical" | "icalendar" | "ifb" => Some(Format::Ics),
            _ => None,
        }
    }
}

/// Where in the file a record came from, to point at its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The bytes of the record's JSON object.
    Json { span: Range<usize> },
    /// One row; every field is on the record's line.
    Csv,
    /// The line of each property of the VEVENT.
    Ics { properties: Vec<(String, usize)> },
}

/// A record as read from the file, before it is checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub record: Record,
    /// 1-based line where the record starts.
    pub line: usize,
    /// 1-based position of the record in the file.
    pub number: usize,
    pub origin: Origin,
}

/// Something the user should know about an import that went through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A calendar entry whose place lotse does not know: stored without region.
    NoRegion { line: usize, title: String, location: Option<String> },
    /// A repeating calendar entry: only its first date is taken.
    Recurring { line: usize, title: String },
}

/// Every record of a file, cleaned and checked, ready for the store.
#[derive(Debug, Default)]
pub struct Batch {
    pub records: Vec<Incoming>,
    pub notes: Vec<Note>,
}

/// What a reader needs besides the file's bytes.
pub struct Context<'a> {
    /// The file's name, for the source of calendar entries.
    pub file_name: &'a str,
    pub regions: &'a RegionDirectory,
    pub places: &'a dyn Places,
}

/// Reads a whole file: either every record, cleaned and checked, or every
/// problem found, in the order of the file.
pub fn read(bytes: &[u8], format: Format, context: &Context) -> Result<Batch, Vec<Problem>> {
    let text = decode(bytes).map_err(|problem| vec![problem])?;
    let lines = lines::LineIndex::new(text);
    let (mut records, mut problems, notes) = match format {
        Format::Json => {
            let (records, problems) = json::parse(text, &lines);
            (records, problems, Vec::new())
        }
        Format::Csv => {
            let (records, problems) = csv::parse(text, &lines, context.file_name);
            (records, problems, Vec::new())
        }
        Format::Ics => ics::parse(text, context.file_name, context.places),
    };
    for finding in validate::check(&mut records, context.regions) {
        let incoming = &records[finding.index];
        let (line, field) = locate(text, &lines, incoming, &finding.path);
        problems.push(Problem {
            line: Some(line),
            record: Some(incoming.number),
            field: Some(field),
            what: finding.what,
        });
    }
    if problems.is_empty() {
        Ok(Batch { records, notes })
    } else {
        problems.sort_by_key(|problem| (problem.line, problem.record));
        Err(problems)
    }
}

/// Cleans and checks each record on its own, as a source needs: third-party
/// feeds are never perfect, so a record with problems is left out (the
/// caller learns its index and problems) and the others stand.
pub fn check_each(records: &mut [Incoming], regions: &RegionDirectory) -> Vec<(usize, Problem)> {
    validate::check(records, regions)
        .into_iter()
        .map(|finding| {
            let incoming = &records[finding.index];
            let (line, field) = match &incoming.origin {
                Origin::Ics { properties } => ics_field(properties, incoming.line, &finding.path),
                Origin::Json { .. } | Origin::Csv => (None, finding.path),
            };
            let problem = Problem { line, record: Some(incoming.number), field: Some(field), what: finding.what };
            (finding.index, problem)
        })
        .collect()
}

/// The line and name of the calendar property a path into the JSON form comes from.
fn ics_field(properties: &[(String, usize)], event_line: usize, path: &str) -> (Option<usize>, String) {
    let property = ics::property_of(path);
    let line = properties.iter().find(|(name, _)| *name == property).map_or(event_line, |(_, line)| *line);
    (Some(line), property.to_owned())
}

/// A short stable digest of a text, for keys that must stay the same from
/// one reading to the next.
pub fn digest(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes()).iter().take(12).map(|byte| format!("{byte:02x}")).collect()
}

/// The file as text: UTF-8, with a byte order mark dropped.
pub fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::new(What::Empty));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let line = bytes[..error.valid_up_to()].iter().filter(|&&byte| byte == b'\n').count() + 1;
        Problem::at_line(line, What::NotUtf8)
    })
}

/// The line and the name, as the file's format calls it, of the field at
/// `path` (a path into the JSON form such as `details.event.starts`).
fn locate(text: &str, lines: &lines::LineIndex, incoming: &Incoming, path: &str) -> (usize, String) {
    match &incoming.origin {
        Origin::Json { span } => (json::line_of_field(text, span.clone(), path, lines), path.to_owned()),
        Origin::Csv => (incoming.line, csv::column_of(path)),
        Origin::Ics { properties } => {
            let (line, property) = ics_field(properties, incoming.line, path);
            (line.unwrap_or(incoming.line), property)
        }
    }
}

/// Where an offering happens, in one line: venue and place, or online.
pub fn location(offering: &Offering) -> String {
    let (venue, online) = match &offering.details {
        Details::Event(event) => (event.venue.as_deref(), event.online),
        Details::Roundtable(roundtable) => (None, roundtable.online == Some(true)),
        Details::Project(_) | Details::Practice(_) => (None, false),
    };
    let mut parts: Vec<String> = Vec::new();
    if online {
        parts.push("Online".to_owned());
    }
    parts.extend(venue.map(for_terminal));
    if let Some(place) = &offering.place
        && !venue.is_some_and(|venue| venue.contains(place.as_str()))
    {
        parts.push(for_terminal(place));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(Format::from_path(Path::new("programm.JSON")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("a.jsonl")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("veranstaltungen.csv")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("kalender.ics")), Some(Format::Ics));
        assert_eq!(Format::from_path(Path::new("liste.xlsx")), None);
        assert_eq!(Format::from_path(Path::new("ohne_endung")), None);
    }

    #[test]
    fn text_must_be_utf8_and_may_start_with_a_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFkind;key\n").unwrap(), "kind;key\n");
        assert_eq!(decode(b"a\nb\nK\xF6ln\n").unwrap_err(), Problem::at_line(3, What::NotUtf8));
        assert_eq!(decode(b" \n ").unwrap_err(), Problem::new(What::Empty));
    }
}
