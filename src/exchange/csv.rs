//! CSV: one kind of offering per file, one offering per row, columns named
//! as in docs/austauschformat.md. Reads UTF-8 with or without BOM, separated
//! by commas or semicolons; writes semicolons and a BOM, which is what
//! German Excel reads without asking.

use std::collections::HashMap;
use std::io::Write;

use ::csv::{ReaderBuilder, StringRecord, WriterBuilder};

use crate::domain::{
    Details, Event, Kind, Moment, Offering, Practice, Price, Project, Record, RegionRef, Roundtable, Source,
};

use super::lines::LineIndex;
use super::{Incoming, Origin, Problem, What, cells};

const HEAD: &[&str] = &["kind", "key", "title", "organiser", "place", "region", "topics"];
const TAIL: &[&str] =
    &["url", "source_title", "source_publisher", "source_date", "source_url", "summary", "description"];
const EVENT: &[&str] = &[
    "format",
    "starts",
    "ends",
    "venue",
    "online",
    "price",
    "plus_vat",
    "speakers",
    "code",
    "capacity",
    "registration_deadline",
    "registration_note",
];
const PROJECT: &[&str] = &[
    "period_from",
    "period_to",
    "period_note",
    "goals",
    "project_types",
    "area_scope",
    "partners",
    "funder",
    "contact",
];
const PRACTICE: &[&str] = &["organisation", "municipality", "key_elements", "contact"];
const ROUNDTABLE: &[&str] =
    &["series", "number", "focus", "format", "starts", "ends", "online", "capacity", "registration_deadline"];

/// Every column a file of this kind may have, in the order the export writes them.
pub fn columns(kind: Kind) -> Vec<&'static str> {
    let specific = match kind {
        Kind::Event => EVENT,
        Kind::Project => PROJECT,
        Kind::Practice => PRACTICE,
        Kind::Roundtable => ROUNDTABLE,
    };
    [HEAD, specific, TAIL].concat()
}

/// The `kind` column: the codes, or the German names the dashboard uses.
fn kind_of(text: &str) -> Option<Kind> {
    let lowered = text.trim().to_lowercase();
    Kind::from_code(&lowered).or(match lowered.as_str() {
        "veranstaltung" | "veranstaltungen" => Some(Kind::Event),
        "projekt" | "projekte" => Some(Kind::Project),
        "best practice" | "best practices" | "best-practice" => Some(Kind::Practice),
        "roundtables" | "leerstands-roundtable" => Some(Kind::Roundtable),
        _ => None,
    })
}

/// German Excel separates with semicolons, most other programs with commas:
/// whichever the header line has more of.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |separator| header.matches(separator).count();
    if count(';') > count(',') { b';' } else { b',' }
}

pub fn parse(text: &str, lines: &LineIndex, file_name: &str) -> (Vec<Incoming>, Vec<Problem>) {
    let line_of = |position: Option<&::csv::Position>| line_of(text, lines, position);
    let mut problems = Vec::new();
    let mut reader =
        ReaderBuilder::new().delimiter(delimiter(text)).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        Some(Ok(header)) => header,
        Some(Err(error)) => return (Vec::new(), vec![syntax(&error, line_of(error.position()))]),
        None => return (Vec::new(), vec![Problem::new(What::Empty)]),
    };
    let header_line = line_of(header.position());
    let names: Vec<String> = header.iter().map(|name| name.trim().to_lowercase()).collect();
    let mut index = HashMap::new();
    for (position, name) in names.iter().enumerate() {
        if index.insert(name.as_str(), position).is_some() {
            problems.push(Problem::at_line(header_line, What::DuplicateColumn).in_field(name.clone()));
        }
    }
    if !index.contains_key("kind") {
        problems.push(Problem::at_line(header_line, What::MissingColumn).in_field("kind"));
        return (Vec::new(), problems);
    }
    let mut file_kind: Option<(Kind, usize)> = None;
    let mut records = Vec::new();
    for (number, row) in rows.enumerate() {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                problems.push(syntax(&error, line_of(error.position())));
                continue;
            }
        };
        let line = line_of(row.position());
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if row.len() != names.len() {
            problems.push(Problem::at_line(line, What::FieldCount { found: row.len(), expected: names.len() }));
            continue;
        }
        let cells = Cells { index: &index, row: &row, line, problems: Vec::new() };
        let Some(kind) = cells.get("kind").and_then(kind_of) else {
            let what = cells.get("kind").map_or(What::Missing, |text| What::NotAKind(text.to_owned()));
            problems.push(Problem::at_line(line, what).in_field("kind"));
            continue;
        };
        match file_kind {
            None => {
                file_kind = Some((kind, line));
                problems.extend(unknown_columns(&names, kind, header_line));
            }
            Some((first, first_line)) if first != kind => {
                problems.push(Problem::at_line(line, What::MixedKinds { first, first_line }).in_field("kind"));
                continue;
            }
            Some(_) => {}
        }
        let (record, found) = cells.record(kind, file_name);
        if found.is_empty() {
            records.push(Incoming { record, line, number: number + 1, origin: Origin::Csv });
        }
        problems.extend(found);
    }
    (records, problems)
}

/// The line a record starts on. The csv crate counts lines wrongly after
/// `\r\n` and puts a record's start on the line break before it, so the
/// line is found from the byte offset, past any line breaks.
fn line_of(text: &str, lines: &LineIndex, position: Option<&::csv::Position>) -> usize {
    let Some(position) = position else { return 1 };
    let offset = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(text.len());
    let skipped = text.as_bytes()[offset..].iter().take_while(|byte| matches!(byte, b'\r' | b'\n')).count();
    lines.line_of(offset + skipped)
}

fn syntax(error: &::csv::Error, line: usize) -> Problem {
    Problem::at_line(line, What::Syntax(error.to_string()))
}

fn unknown_columns(names: &[String], kind: Kind, header_line: usize) -> Vec<Problem> {
    let allowed = columns(kind);
    names
        .iter()
        .filter(|name| !name.is_empty() && !allowed.contains(&name.as_str()))
        .map(|name| {
            Problem::at_line(header_line, What::UnknownColumn { allowed: allowed.join(", ") }).in_field(name.clone())
        })
        .collect()
}

/// One row's cells by column name, and the problems found reading them.
struct Cells<'a> {
    index: &'a HashMap<&'a str, usize>,
    row: &'a StringRecord,
    line: usize,
    problems: Vec<Problem>,
}

impl<'a> Cells<'a> {
    fn get(&self, column: &str) -> Option<&'a str> {
        let row: &'a StringRecord = self.row;
        self.index.get(column).and_then(|&position| row.get(position)).map(str::trim).filter(|text| !text.is_empty())
    }

    fn text(&self, column: &str) -> Option<String> {
        self.get(column).map(str::to_owned)
    }

    fn required(&mut self, column: &str) -> String {
        let text = self.text(column);
        if text.is_none() {
            self.problems.push(Problem::at_line(self.line, What::Missing).in_field(column));
        }
        text.unwrap_or_default()
    }

    fn parsed<T>(&mut self, column: &str, parse: impl Fn(&str) -> Result<T, What>) -> Option<T> {
        let text = self.get(column)?;
        match parse(text) {
            Ok(value) => Some(value),
            Err(what) => {
                self.problems.push(Problem::at_line(self.line, what).in_field(column));
                None
            }
        }
    }

    fn required_moment(&mut self, column: &str) -> Moment {
        if self.get(column).is_none() {
            self.problems.push(Problem::at_line(self.line, What::Missing).in_field(column));
        }
        // The placeholder never reaches the store: a row with problems is dropped.
        self.parsed(column, cells::moment).unwrap_or(Moment::Day(chrono::NaiveDate::MIN))
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.get(column).map(cells::list).unwrap_or_default()
    }

    fn online(&mut self, region: &RegionRef) -> bool {
        self.parsed("online", cells::yes_no).unwrap_or(*region == RegionRef::Online)
    }

    fn price(&mut self) -> Price {
        let plus_vat = self.parsed("plus_vat", cells::yes_no).unwrap_or(false);
        self.parsed("price", |text| cells::price(text, plus_vat)).unwrap_or(Price::Unknown)
    }

    fn record(mut self, kind: Kind, file_name: &str) -> (Record, Vec<Problem>) {
        let region = match self.get("region") {
            Some(_) => self.parsed("region", |code| code.parse().map_err(|_| What::NotARegion(code.to_owned()))),
            None => {
                self.problems.push(Problem::at_line(self.line, What::Missing).in_field("region"));
                None
            }
        }
        .unwrap_or(RegionRef::Unknown);
        let details = match kind {
            Kind::Event => Details::Event(Event {
                format: self.required("format"),
                starts: self.required_moment("starts"),
                ends: self.parsed("ends", cells::moment),
                venue: self.text("venue"),
                online: self.online(&region),
                price: self.price(),
                speakers: self.get("speakers").map(cells::persons).unwrap_or_default(),
                code: self.text("code"),
                capacity: self.parsed("capacity", cells::number),
                registration_deadline: self.parsed("registration_deadline", cells::moment),
                registration_note: self.text("registration_note"),
            }),
            Kind::Project => Details::Project(Project {
                period_from: self.parsed("period_from", cells::month),
                period_to: self.parsed("period_to", cells::month),
                period_note: self.text("period_note"),
                goals: self.list("goals"),
                project_types: self.list("project_types"),
                area_scope: self.list("area_scope"),
                partners: self.list("partners"),
                funder: self.text("funder"),
                contact: self.get("contact").map(cells::person),
            }),
            Kind::Practice => Details::Practice(Practice {
                organisation: self.required("organisation"),
                municipality: self.text("municipality"),
                key_elements: self.list("key_elements"),
                contact: self.get("contact").map(cells::person),
            }),
            Kind::Roundtable => Details::Roundtable(Roundtable {
                series: self.required("series"),
                number: self.parsed("number", cells::number).unwrap_or_else(|| {
                    if self.get("number").is_none() {
                        self.problems.push(Problem::at_line(self.line, What::Missing).in_field("number"));
                    }
                    0
                }),
                focus: self.required("focus"),
                format: self.required("format"),
                starts: self.required_moment("starts"),
                ends: self.parsed("ends", cells::moment),
                // Left empty, it stays unknown unless the region says online.
                online: self.parsed("online", cells::yes_no).or((region == RegionRef::Online).then_some(true)),
                capacity: self.parsed("capacity", cells::number),
                registration_deadline: self.parsed("registration_deadline", cells::moment),
            }),
        };
        let organiser = self.required("organiser");
        let offering = Offering {
            key: self.required("key"),
            title: self.required("title"),
            // Sources are easy to forget in a spreadsheet: the file and the
            // organiser stand in for them.
            source: Source {
                title: self.text("source_title").unwrap_or_else(|| file_name.to_owned()),
                publisher: self.text("source_publisher").unwrap_or_else(|| organiser.clone()),
                date: self.parsed("source_date", cells::date),
                url: self.text("source_url"),
            },
            organiser,
            place: self.text("place"),
            region,
            topics: self.list("topics"),
            url: self.text("url"),
            details,
        };
        let record = Record {
            offering,
            summary: self.text("summary").unwrap_or_default(),
            description: self.text("description").unwrap_or_default(),
        };
        (record, self.problems)
    }
}

/// The column a path into the JSON form is read from.
pub fn column_of(path: &str) -> String {
    if let Some(field) = path.strip_prefix("source.") {
        return format!("source_{field}");
    }
    let path = path.strip_prefix("details.").map_or(path, |rest| rest.split_once('.').map_or(rest, |(_, field)| field));
    path.split(['.', '[']).next().unwrap_or(path).to_owned()
}

/// Writes the records of `kind` with a header row; others are skipped.
pub fn write(records: &[Record], kind: Kind, mut out: impl Write) -> Result<(), ::csv::Error> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = WriterBuilder::new().delimiter(b';').from_writer(out);
    let columns = columns(kind);
    writer.write_record(&columns)?;
    for record in records.iter().filter(|record| record.offering.kind() == kind) {
        let mut values = row(record);
        writer.write_record(columns.iter().map(|column| values.remove(column).unwrap_or_default()))?;
    }
    writer.flush()?;
    Ok(())
}

fn row(record: &Record) -> HashMap<&'static str, String> {
    let offering = &record.offering;
    let moment = |moment: Option<Moment>| moment.map(|moment| moment.to_string()).unwrap_or_default();
    let mut values: HashMap<&'static str, String> = HashMap::from([
        ("kind", offering.kind().code().to_owned()),
        ("key", offering.key.clone()),
        ("title", offering.title.clone()),
        ("organiser", offering.organiser.clone()),
        ("place", offering.place.clone().unwrap_or_default()),
        ("region", offering.region.code().to_owned()),
        ("topics", cells::format_list(offering.topics.iter().map(String::as_str))),
        ("url", offering.url.clone().unwrap_or_default()),
        ("source_title", offering.source.title.clone()),
        ("source_publisher", offering.source.publisher.clone()),
        ("source_date", offering.source.date.map(|date| date.to_string()).unwrap_or_default()),
        ("source_url", offering.source.url.clone().unwrap_or_default()),
        ("summary", record.summary.clone()),
        ("description", record.description.clone()),
    ]);
    let list = |items: &[String]| cells::format_list(items.iter().map(String::as_str));
    let contact =
        |person: &Option<crate::domain::Person>| person.as_ref().map(cells::format_person).unwrap_or_default();
    match &offering.details {
        Details::Event(event) => {
            let (price, plus_vat) = cells::format_price(event.price);
            values.extend([
                ("format", event.format.clone()),
                ("starts", event.starts.to_string()),
                ("ends", moment(event.ends)),
                ("venue", event.venue.clone().unwrap_or_default()),
                ("online", cells::format_yes_no(event.online).to_owned()),
                ("price", price),
                ("plus_vat", plus_vat.to_owned()),
                ("speakers", cells::format_persons(&event.speakers)),
                ("code", event.code.clone().unwrap_or_default()),
                ("capacity", event.capacity.map(|capacity| capacity.to_string()).unwrap_or_default()),
                ("registration_deadline", moment(event.registration_deadline)),
                ("registration_note", event.registration_note.clone().unwrap_or_default()),
            ]);
        }
        Details::Project(project) => values.extend([
            ("period_from", project.period_from.map(|month| month.to_string()).unwrap_or_default()),
            ("period_to", project.period_to.map(|month| month.to_string()).unwrap_or_default()),
            ("period_note", project.period_note.clone().unwrap_or_default()),
            ("goals", list(&project.goals)),
            ("project_types", list(&project.project_types)),
            ("area_scope", list(&project.area_scope)),
            ("partners", list(&project.partners)),
            ("funder", project.funder.clone().unwrap_or_default()),
            ("contact", contact(&project.contact)),
        ]),
        Details::Practice(practice) => values.extend([
            ("organisation", practice.organisation.clone()),
            ("municipality", practice.municipality.clone().unwrap_or_default()),
            ("key_elements", list(&practice.key_elements)),
            ("contact", contact(&practice.contact)),
        ]),
        Details::Roundtable(roundtable) => values.extend([
            ("series", roundtable.series.clone()),
            ("number", roundtable.number.to_string()),
            ("focus", roundtable.focus.clone()),
            ("format", roundtable.format.clone()),
            ("starts", roundtable.starts.to_string()),
            ("ends", moment(roundtable.ends)),
            ("online", roundtable.online.map(cells::format_yes_no).unwrap_or_default().to_owned()),
            ("capacity", roundtable.capacity.map(|capacity| capacity.to_string()).unwrap_or_default()),
            ("registration_deadline", moment(roundtable.registration_deadline)),
        ]),
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENTS: &str = "\u{feff}kind;key;title;organiser;region;format;starts;ends;price;plus_vat;speakers\n\
        Veranstaltung;e1;Seminar Innenstadt;IHK;06436;Seminar;21.03.2021 10:00;2021-03-21T16:00;549,00;ja;Max Thinius (Futurologe) | Eva Muster\n\
        event;e2;\"Tagung; zwei Tage\";IHK;HE;Tagung;2021-04-01;02.04.2021;kostenfrei;;\n";

    #[test]
    fn semicolon_files_with_german_values_are_read() {
        let (records, problems) = parse(EVENTS, &LineIndex::new(EVENTS), "veranstaltungen.csv");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!((first.line, first.number), (2, 1));
        let Details::Event(event) = &first.record.offering.details else { panic!("an event") };
        assert_eq!(event.starts.to_string(), "2021-03-21T10:00");
        assert_eq!(event.price, Price::Fee { cents: 54_900, plus_vat: true });
        assert_eq!(event.speakers[0].affiliation.as_deref(), Some("Futurologe"));
        assert_eq!(first.record.offering.source.title, "veranstaltungen.csv");
        assert_eq!(first.record.offering.source.publisher, "IHK");
        assert_eq!(records[1].record.offering.title, "Tagung; zwei Tage");
    }

    #[test]
    fn comma_files_work_too() {
        let text = "kind,key,title,organiser,region,format,starts,price\r\n\
                    event,e1,\"Seminar, Teil 1\",IHK,06436,Seminar,2021-03-21,\"549,00\"\r\n\
                    \r\n\
                    event,e2,Teil 2,IHK,06436,Seminar,2021-03-22,\r\n";
        let (records, problems) = parse(text, &LineIndex::new(text), "v.csv");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records[0].record.offering.title, "Seminar, Teil 1");
        let lines: Vec<usize> = records.iter().map(|incoming| incoming.line).collect();
        assert_eq!(lines, [2, 4], "lines count right after \\r\\n and blank lines");
        let Details::Event(event) = &records[0].record.offering.details else { panic!("an event") };
        assert_eq!(event.price, Price::Fee { cents: 54_900, plus_vat: false });
    }

    #[test]
    fn every_bad_cell_is_reported_with_line_and_column() {
        let text = "kind,key,title,organiser,region,format,starts,capacity,titel\n\
                    event,a,A,IHK,06436,Seminar,31.02.2021,zehn,x\n\
                    project,b,B,IHK,HE,,,,\n\
                    event,c,,IHK,Atlantis,Seminar,2021-01-01,,\n\
                    event,d,D\n";
        let (records, problems) = parse(text, &LineIndex::new(text), "v.csv");
        assert!(records.is_empty());
        let shown: Vec<String> =
            problems.iter().map(|problem| problem.explain("v.csv", crate::i18n::Lang::De)).collect();
        let expected_starts = [
            "v.csv:1: Feld \"titel\": unbekannte Spalte",
            "v.csv:2: Feld \"starts\": \"31.02.2021\" ist kein gültiges Datum",
            "v.csv:2: Feld \"capacity\": \"zehn\" ist keine ganze Zahl",
            "v.csv:3: Feld \"kind\": eine CSV-Datei enthält nur eine Angebotsart",
            "v.csv:4: Feld \"region\": \"Atlantis\" ist kein Regionscode",
            "v.csv:4: Feld \"title\": fehlt oder ist leer",
            "v.csv:5: 3 Felder statt 9 wie in der Kopfzeile",
        ];
        assert_eq!(shown.len(), expected_starts.len(), "{shown:#?}");
        for (line, start) in shown.iter().zip(expected_starts) {
            assert!(line.starts_with(start), "{line} should start with {start}");
        }
    }

    #[test]
    fn a_file_without_kind_column_is_refused() {
        let text = "key,title\na,b\n";
        let (_, problems) = parse(text, &LineIndex::new(text), "v.csv");
        assert_eq!(problems, [Problem::at_line(1, What::MissingColumn).in_field("kind")]);
    }

    #[test]
    fn columns_of_json_paths() {
        assert_eq!(column_of("source.title"), "source_title");
        assert_eq!(column_of("details.event.speakers[1].name"), "speakers");
        assert_eq!(column_of("details.project.contact.affiliation"), "contact");
        assert_eq!(column_of("topics[3]"), "topics");
        assert_eq!(column_of("title"), "title");
    }

    #[test]
    fn written_rows_read_back_to_the_same_records() {
        for kind in Kind::ALL {
            let samples: Vec<Record> =
                crate::store::sample_records().into_iter().filter(|record| record.offering.kind() == kind).collect();
            let mut out = Vec::new();
            write(&samples, kind, &mut out).unwrap();
            let text = super::super::decode(&out).unwrap();
            let (records, problems) = parse(text, &LineIndex::new(text), "export.csv");
            assert!(problems.is_empty(), "{kind:?}: {problems:?}");
            let read: Vec<Record> = records.into_iter().map(|incoming| incoming.record).collect();
            assert_eq!(read, samples, "{kind:?}");
        }
    }
}
