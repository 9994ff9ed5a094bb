//! JSON: one array of records, or one record after another (JSON Lines), in
//! the schema `lotse export offerings --format json` writes, so an export
//! imports back field for field (docs/austauschformat.md).

use std::io::Write;
use std::ops::Range;

use serde_json::Value;
use serde_json::value::RawValue;

use crate::domain::{Offering, Record};

use super::lines::LineIndex;
use super::{Incoming, Origin, Problem, What};

/// serde_json's own limit on nesting; deeper input is refused, not followed.
const DEPTH_LIMIT: usize = 128;

pub fn parse(text: &str, lines: &LineIndex) -> (Vec<Incoming>, Vec<Problem>) {
    // Each record is first taken as raw text, which checks the syntax without
    // building anything (and without recursing, however deep the nesting);
    // then each is read on its own, so one bad record does not hide the next.
    let raws: Result<Vec<&RawValue>, serde_json::Error> = if text.trim_start().starts_with('[') {
        serde_json::from_str(text)
    } else {
        serde_json::Deserializer::from_str(text).into_iter::<&RawValue>().collect()
    };
    let raws = match raws {
        Ok(raws) => raws,
        Err(error) => return (Vec::new(), vec![Problem::at_line(error.line().max(1), syntax(&error))]),
    };
    let mut records = Vec::with_capacity(raws.len());
    let mut problems = Vec::new();
    for (index, raw) in raws.into_iter().enumerate() {
        // The raw value borrows from `text`, so its place there is its offset.
        let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        let span = start..start + raw.get().len();
        let line = lines.line_of(start);
        match record(raw.get()) {
            Ok(record) => records.push(Incoming { record, line, number: index + 1, origin: Origin::Json { span } }),
            Err((path, what)) => {
                let line = line_of_field(text, span, &path, lines);
                let problem = Problem { line: Some(line), record: Some(index + 1), field: None, what };
                problems.push(if path.is_empty() { problem } else { problem.in_field(path) });
            }
        }
    }
    (records, problems)
}

/// One record, or the path of the field that is wrong and what is wrong with it.
fn record(raw: &str) -> Result<Record, (String, What)> {
    let value: Value = serde_json::from_str(raw).map_err(|error| (String::new(), syntax(&error)))?;
    let Value::Object(mut fields) = value else {
        return Err((String::new(), What::NotARecord));
    };
    let mut text = |name: &str| match fields.remove(name) {
        Some(Value::String(text)) => Ok(text),
        Some(other) => Err((name.to_owned(), What::Invalid(other.to_string().chars().take(60).collect()))),
        None => Err((name.to_owned(), What::Missing)),
    };
    let summary = text("summary")?;
    let description = text("description")?;
    // What an export says about an offering's source: only a sync sets it,
    // so an exported file imports again without it.
    for written_by_export in SOURCE_FIELDS {
        fields.remove(written_by_export);
    }
    let rest = Value::Object(fields);
    let offering: Offering = serde_path_to_error::deserialize(&rest).map_err(|error| explain(&rest, error))?;
    Ok(Record { offering, summary, description })
}

/// Turns serde's account of a failure into a field path and a problem the
/// user can act on: a bad date is named as a bad date, a missing field by
/// its own name.
fn explain(value: &Value, error: serde_path_to_error::Error<serde_json::Error>) -> (String, What) {
    use serde_path_to_error::Segment;
    let mut at = value;
    for segment in error.path().iter() {
        let next = match segment {
            Segment::Seq { index } => at.get(index),
            Segment::Map { key } => at.get(key),
            Segment::Enum { variant } => at.get(variant),
            Segment::Unknown => None,
        };
        match next {
            Some(next) => at = next,
            None => break,
        }
    }
    let path = error.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let message = error.into_inner().to_string();
    let within = |name: &str| if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") };
    if let Some(name) = quoted_after(&message, "missing field ") {
        return (within(name), What::Missing);
    }
    // The path of an unknown field already ends in its name.
    if quoted_after(&message, "unknown field ").is_some() {
        let allowed = message.split_once("expected ").map_or("", |(_, allowed)| allowed).replace('`', "");
        return (path, What::UnknownField { allowed: allowed.trim_start_matches("one of ").to_owned() });
    }
    let last = path.rsplit('.').next().unwrap_or("");
    let what = match (last, at.as_str()) {
        ("starts" | "ends" | "registration_deadline" | "date", Some(text)) => What::NotADate(text.to_owned()),
        ("period_from" | "period_to", Some(text)) => What::NotAMonth(text.to_owned()),
        ("region", Some(text)) => What::NotARegion(text.to_owned()),
        _ => What::Invalid(message),
    };
    (path, what)
}

fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    message.strip_prefix(prefix)?.strip_prefix('`')?.split('`').next()
}

fn syntax(error: &serde_json::Error) -> What {
    let message = error.to_string();
    if message.starts_with("recursion limit exceeded") {
        return What::TooDeep { max: DEPTH_LIMIT };
    }
    // The line is given separately; the column is of little use to a person.
    let message = message.split(" at line ").next().unwrap_or(&message);
    What::Syntax(message.to_owned())
}

/// The line of the field at `path` within the record at `span`: each part
/// of the path is looked for after the one before it.
pub fn line_of_field(text: &str, span: Range<usize>, path: &str, lines: &LineIndex) -> usize {
    let raw = &text[span.clone()];
    let mut from = 0;
    for name in path.split(['.', '[']).filter(|part| !part.is_empty() && !part.ends_with(']')) {
        match raw[from..].find(&format!("\"{name}\"")) {
            Some(found) => from += found,
            None => break,
        }
    }
    lines.line_of(span.start + from)
}

/// The fields an export adds to an offering from a source.
const SOURCE_FIELDS: [&str; 3] = ["source_url", "fetched_at", "status"];

/// Where an offering from a source came from, as the export writes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceFields {
    /// The document the offering came from.
    pub source_url: String,
    pub fetched_at: String,
    /// `active`, `cancelled` or `gone`.
    pub status: &'static str,
}

#[derive(serde::Serialize)]
struct Exported<'a> {
    #[serde(flatten)]
    record: &'a Record,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    source: Option<SourceFields>,
}

/// All records as one pretty-printed array, ending with a newline.
pub fn write(records: &[Record], out: impl Write) -> std::io::Result<()> {
    write_with_sources(records, &|_| None, out)
}

/// The same, with `source_url`, `fetched_at` and `status` for each
/// offering that came from a source.
pub fn write_with_sources(
    records: &[Record],
    source_of: &dyn Fn(&Record) -> Option<SourceFields>,
    mut out: impl Write,
) -> std::io::Result<()> {
    let exported: Vec<Exported> = records.iter().map(|record| Exported { record, source: source_of(record) }).collect();
    serde_json::to_writer_pretty(&mut out, &exported)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn read(text: &str) -> (Vec<Incoming>, Vec<String>) {
        let (records, problems) = parse(text, &LineIndex::new(text));
        (records, problems.iter().map(|problem| problem.explain("p.json", Lang::De)).collect())
    }

    fn exported() -> String {
        let mut out = Vec::new();
        write(&crate::store::sample_records(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_export_reads_back_record_for_record() {
        let text = exported();
        let (records, problems) = read(&text);
        assert!(problems.is_empty(), "{problems:?}");
        let read: Vec<Record> = records.iter().map(|incoming| incoming.record.clone()).collect();
        assert_eq!(read, crate::store::sample_records());
        assert_eq!(records[0].line, 2);
        assert!(records.windows(2).all(|pair| pair[0].line < pair[1].line));
    }

    #[test]
    fn json_lines_work_too() {
        let lines: Vec<String> = crate::store::sample_records()
            .iter()
            .take(3)
            .map(|record| serde_json::to_string(record).unwrap())
            .collect();
        let (records, problems) = read(&(lines.join("\n") + "\n"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records.iter().map(|incoming| incoming.line).collect::<Vec<_>>(), [1, 2, 3]);
    }

    #[test]
    fn each_bad_record_is_named_with_its_field_and_line() {
        let replace_after = |text: String, anchor: &str, from: &str, to: &str| {
            let at = text.find(anchor).unwrap();
            format!("{}{}", &text[..at], text[at..].replacen(from, to, 1))
        };
        let text = exported().replacen("\"starts\": \"2019-03-21T10:00\"", "\"starts\": \"2019-02-31\"", 1).replacen(
            "\"title\": \"Einbecker Modell",
            "\"titel\": \"Einbecker Modell",
            1,
        );
        let text =
            replace_after(text, "zukunftswerkstatt-burgstaedt-2019", "\"online\": false", "\"online\": \"nein\"");
        let (records, problems) = read(&text);
        assert_eq!(records.len(), crate::store::sample_records().len() - problems.len());
        assert_eq!(problems.len(), 3, "{problems:#?}");
        let line_of = |needle: &str| text.lines().position(|line| line.contains(needle)).unwrap() + 1;
        assert!(problems.iter().any(|problem| problem.starts_with(&format!(
            "p.json:{}: Feld \"details.event.starts\": \"2019-02-31\" ist kein gültiges Datum",
            line_of("2019-02-31")
        ))));
        assert!(problems.iter().any(|problem| problem.starts_with(&format!(
            "p.json:{}: Feld \"details.event.online\": ungültiger Wert: invalid type: string \"nein\"",
            line_of("\"nein\"")
        ))));
        assert!(problems.iter().any(|problem| problem.contains("Feld \"titel\": unbekanntes Feld")), "{problems:#?}");
    }

    #[test]
    fn broken_syntax_and_deep_nesting_are_refused_cleanly() {
        let (_, problems) = read("[\n{\"key\": \"a\",\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("p.json:3: Aufbau der Datei fehlerhaft: EOF while parsing"), "{problems:?}");
        let deep = format!("[{}{}]", "[".repeat(100_000), "]".repeat(100_000));
        let (_, problems) = read(&deep);
        assert!(problems[0].contains("zu tief verschachtelt"), "{problems:?}");
        let (_, problems) = read("[1, \"zwei\"]");
        assert_eq!(problems.len(), 2);
    }
}
