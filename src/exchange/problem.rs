//! What can be wrong with an import file, where, and how to say it:
//! `FILE:LINE: Feld "x": …`, in German or English.

use crate::domain::Kind;
use crate::i18n::Lang;

/// One thing wrong with the file. Every problem is collected before the
/// import gives up, so the user can fix them all in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file, where the format has lines to point at.
    pub line: Option<usize>,
    /// 1-based number of the record, where no line is known.
    pub record: Option<usize>,
    /// The field or column as the file names it.
    pub field: Option<String>,
    pub what: What,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    Empty,
    NotUtf8,
    /// The file's structure is broken; the parser's own words.
    Syntax(String),
    TooDeep {
        max: usize,
    },
    /// A value has the wrong type or shape; the parser's own words.
    Invalid(String),
    Missing,
    NotARecord,
    NotADate(String),
    NotAMonth(String),
    NotANumber(String),
    NotAYesNo(String),
    NotAPrice(String),
    NotARegion(String),
    UnknownRegion(String),
    UnknownTimezone(String),
    NotAKind(String),
    MixedKinds {
        first: Kind,
        first_line: usize,
    },
    UnknownColumn {
        allowed: String,
    },
    UnknownField {
        allowed: String,
    },
    DuplicateColumn,
    MissingColumn,
    FieldCount {
        found: usize,
        expected: usize,
    },
    TooLong {
        chars: usize,
        max: usize,
    },
    TooMany {
        items: usize,
        max: usize,
    },
    DuplicateKey {
        first_line: usize,
    },
    EndsBeforeStart,
    Unclosed {
        component: String,
    },
    UnexpectedEnd {
        component: String,
        open: Option<(String, usize)>,
    },
    NestedEvent,
    OutsideCalendar,
    BadProperty,
    NoEvents,
    NotADuration(String),
    /// An RRULE the rrule crate refuses; its own words.
    BadRule(String),
    /// A local time in the hour the clocks skip when summer time begins.
    SkippedHour(String),
    /// Bytes that are not valid in the charset the document is said to have.
    NotInCharset(String),
    /// An XML document that declares its own entities (a "billion laughs" bomb, or an external one).
    EntityDeclaration,
    /// A feed the feed reader cannot read; its own words.
    NotAFeed(String),
    /// A web page with neither events in JSON-LD nor a link to a feed or calendar.
    NoStructuredData,
    /// A document that is neither calendar, feed nor web page; its Content-Type.
    UnknownFormat(String),
    /// A feed item with no date to place it by (an event or roundtable needs one).
    NoDate,
}

impl Problem {
    pub fn new(what: What) -> Problem {
        Problem { line: None, record: None, field: None, what }
    }

    pub fn at_line(line: usize, what: What) -> Problem {
        Problem { line: Some(line), ..Problem::new(what) }
    }

    pub fn in_field(mut self, field: impl Into<String>) -> Problem {
        self.field = Some(field.into());
        self
    }

    /// `veranstaltungen.csv:14: Feld "starts": „31.02.2021“ ist kein gültiges Datum`
    pub fn explain(&self, file: &str, lang: Lang) -> String {
        let mut out = String::from(file);
        match (self.line, self.record) {
            (Some(line), _) => out.push_str(&format!(":{line}")),
            (None, Some(record)) => out.push_str(&match lang {
                Lang::De => format!(": Datensatz {record}"),
                Lang::En => format!(": record {record}"),
            }),
            (None, None) => {}
        }
        out.push_str(": ");
        if let Some(field) = &self.field {
            out.push_str(&match lang {
                Lang::De => format!("Feld \"{field}\": "),
                Lang::En => format!("field \"{field}\": "),
            });
        }
        out.push_str(&self.what.explain(lang));
        out
    }
}

impl What {
    fn explain(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            What::Empty if de => "die Datei ist leer".to_owned(),
            What::Empty => "the file is empty".to_owned(),
            What::NotUtf8 if de => {
                "kein gültiges UTF-8; speichern Sie die Datei als UTF-8 (in Excel: „CSV UTF-8“)".to_owned()
            }
            What::NotUtf8 => "not valid UTF-8; save the file as UTF-8 (in Excel: \"CSV UTF-8\")".to_owned(),
            What::Syntax(message) if de => format!("Aufbau der Datei fehlerhaft: {message}"),
            What::Syntax(message) => format!("the file is malformed: {message}"),
            What::TooDeep { max } if de => format!("zu tief verschachtelt (höchstens {max} Ebenen)"),
            What::TooDeep { max } => format!("nested too deeply (at most {max} levels)"),
            What::Invalid(message) if de => format!("ungültiger Wert: {message}"),
            What::Invalid(message) => format!("invalid value: {message}"),
            What::NotARecord if de => "kein Angebot: erwartet wird ein Objekt { \"key\": …, \"title\": … }".to_owned(),
            What::NotARecord => "not an offering: expected an object { \"key\": …, \"title\": … }".to_owned(),
            What::Missing if de => "fehlt oder ist leer".to_owned(),
            What::Missing => "is missing or empty".to_owned(),
            What::NotADate(value) if de => format!(
                "\"{value}\" ist kein gültiges Datum (erwartet: 2021-03-21, 21.03.2021 oder mit Uhrzeit 2021-03-21T10:00)"
            ),
            What::NotADate(value) => format!(
                "\"{value}\" is not a valid date (expected: 2021-03-21, 21.03.2021, or with a time 2021-03-21T10:00)"
            ),
            What::NotAMonth(value) if de => format!("\"{value}\" ist kein gültiger Monat (erwartet: 2021-03)"),
            What::NotAMonth(value) => format!("\"{value}\" is not a valid month (expected: 2021-03)"),
            What::NotANumber(value) if de => format!("\"{value}\" ist keine ganze Zahl ≥ 0"),
            What::NotANumber(value) => format!("\"{value}\" is not a whole number ≥ 0"),
            What::NotAYesNo(value) if de => format!("\"{value}\" ist weder ja noch nein"),
            What::NotAYesNo(value) => format!("\"{value}\" is neither yes nor no"),
            What::NotAPrice(value) if de => {
                format!("\"{value}\" ist kein Preis (erwartet: 549,00 oder kostenfrei, leer für unbekannt)")
            }
            What::NotAPrice(value) => {
                format!("\"{value}\" is not a price (expected: 549,00 or kostenfrei; empty for unknown)")
            }
            What::NotARegion(value) if de => format!(
                "\"{value}\" ist kein Regionscode (Kreisschlüssel wie 06436, Länderkürzel wie HE, bundesweit, online oder unbekannt)"
            ),
            What::NotARegion(value) => format!(
                "\"{value}\" is not a region code (a Kreis key such as 06436, a Land such as HE, bundesweit, online or unbekannt)"
            ),
            What::UnknownRegion(value) if de => {
                format!("die Region \"{value}\" gibt es nicht; `lotse regions` listet alle Codes")
            }
            What::UnknownRegion(value) => format!("there is no region \"{value}\"; `lotse regions` lists every code"),
            What::UnknownTimezone(value) if de => {
                format!("unbekannte Zeitzone \"{value}\" (erwartet z. B. Europe/Berlin)")
            }
            What::UnknownTimezone(value) => format!("unknown time zone \"{value}\" (expected e.g. Europe/Berlin)"),
            What::NotAKind(value) if de => {
                format!("\"{value}\" ist keine Angebotsart (event, project, practice oder roundtable)")
            }
            What::NotAKind(value) => {
                format!("\"{value}\" is not a kind of offering (event, project, practice or roundtable)")
            }
            What::MixedKinds { first, first_line } if de => format!(
                "eine CSV-Datei enthält nur eine Angebotsart; Zeile {first_line} legt \"{}\" fest",
                first.code()
            ),
            What::MixedKinds { first, first_line } => {
                format!("a CSV file holds one kind of offering; line {first_line} set \"{}\"", first.code())
            }
            What::UnknownColumn { allowed } if de => format!("unbekannte Spalte; erlaubt sind: {allowed}"),
            What::UnknownColumn { allowed } => format!("unknown column; allowed are: {allowed}"),
            What::UnknownField { allowed } if de => format!("unbekanntes Feld; erlaubt sind: {allowed}"),
            What::UnknownField { allowed } => format!("unknown field; allowed are: {allowed}"),
            What::DuplicateColumn if de => "Spalte kommt doppelt vor".to_owned(),
            What::DuplicateColumn => "the column appears twice".to_owned(),
            What::MissingColumn if de => "Spalte fehlt in der Kopfzeile".to_owned(),
            What::MissingColumn => "the header lacks this column".to_owned(),
            What::FieldCount { found, expected } if de => {
                format!(
                    "{found} Felder statt {expected} wie in der Kopfzeile (Trennzeichen oder Anführungszeichen prüfen)"
                )
            }
            What::FieldCount { found, expected } => {
                format!("{found} fields instead of {expected} as in the header (check separators and quotes)")
            }
            What::TooLong { chars, max } if de => {
                format!("{chars} Zeichen sind zu lang, erlaubt sind höchstens {max}; bitte kürzen")
            }
            What::TooLong { chars, max } => {
                format!("{chars} characters are too long, at most {max} allowed; shorten it")
            }
            What::TooMany { items, max } if de => format!("{items} Einträge sind zu viele, höchstens {max}"),
            What::TooMany { items, max } => format!("{items} entries are too many, at most {max}"),
            What::DuplicateKey { first_line } if de => {
                format!("dieselbe Kennung steht schon in Zeile {first_line}; jede Kennung darf nur einmal vorkommen")
            }
            What::DuplicateKey { first_line } => {
                format!("the same key already appears on line {first_line}; each key may appear only once")
            }
            What::EndsBeforeStart if de => "das Ende liegt vor dem Beginn".to_owned(),
            What::EndsBeforeStart => "the end lies before the start".to_owned(),
            What::Unclosed { component } if de => {
                format!("BEGIN:{component} ohne END:{component} (Datei abgeschnitten?)")
            }
            What::Unclosed { component } => format!("BEGIN:{component} without END:{component} (file cut short?)"),
            What::UnexpectedEnd { component, open: Some((open, line)) } if de => {
                format!("END:{component}, obwohl BEGIN:{open} aus Zeile {line} noch offen ist")
            }
            What::UnexpectedEnd { component, open: Some((open, line)) } => {
                format!("END:{component} while BEGIN:{open} from line {line} is still open")
            }
            What::UnexpectedEnd { component, open: None } if de => format!("END:{component} ohne passendes BEGIN"),
            What::UnexpectedEnd { component, open: None } => format!("END:{component} without a matching BEGIN"),
            What::NestedEvent if de => "BEGIN:VEVENT innerhalb eines anderen VEVENT".to_owned(),
            What::NestedEvent => "BEGIN:VEVENT inside another VEVENT".to_owned(),
            What::OutsideCalendar if de => {
                "Zeile steht außerhalb von BEGIN:VCALENDAR … END:VCALENDAR; ist das eine iCalendar-Datei?".to_owned()
            }
            What::OutsideCalendar => {
                "line outside BEGIN:VCALENDAR … END:VCALENDAR; is this an iCalendar file?".to_owned()
            }
            What::BadProperty if de => "keine gültige iCalendar-Zeile (erwartet NAME;PARAMETER=…:WERT)".to_owned(),
            What::BadProperty => "not a valid iCalendar line (expected NAME;PARAMETER=…:VALUE)".to_owned(),
            What::NoEvents if de => "die Datei enthält keinen Termin (BEGIN:VEVENT)".to_owned(),
            What::NoEvents => "the file holds no event (BEGIN:VEVENT)".to_owned(),
            What::NotADuration(value) if de => format!("\"{value}\" ist keine Dauer (erwartet z. B. PT1H30M oder P1D)"),
            What::NotADuration(value) => format!("\"{value}\" is not a duration (expected e.g. PT1H30M or P1D)"),
            What::BadRule(message) if de => format!("Wiederholungsregel nicht lesbar: {message}"),
            What::BadRule(message) => format!("cannot read the repetition rule: {message}"),
            What::SkippedHour(value) if de => format!(
                "{value} gibt es nicht: die Uhr springt in dieser Nacht von 2 auf 3 Uhr; bitte beim Anbieter die Uhrzeit erfragen"
            ),
            What::NotInCharset(charset) if de => format!(
                "der Inhalt ist kein gültiges {charset}; der Anbieter muss den Zeichensatz (charset) richtig angeben"
            ),
            What::NotInCharset(charset) => {
                format!("the content is not valid {charset}; the publisher must declare the right charset")
            }
            What::EntityDeclaration if de => {
                "das Dokument erklärt eigene XML-Entitäten (<!ENTITY>); lotse liest so etwas nicht, zum Schutz vor Entity-Bomben"
                    .to_owned()
            }
            What::EntityDeclaration => {
                "the document declares its own XML entities (<!ENTITY>); lotse refuses them, as a guard against entity bombs"
                    .to_owned()
            }
            What::NotAFeed(message) if de => format!("kein lesbarer RSS-, Atom- oder JSON-Feed: {message}"),
            What::NotAFeed(message) => format!("not a readable RSS, Atom or JSON feed: {message}"),
            What::NoStructuredData if de => "die Seite enthält weder Veranstaltungen in JSON-LD (schema.org) noch einen Verweis auf einen Feed oder Kalender (<link rel=\"alternate\">)".to_owned(),
            What::NoStructuredData => "the page holds neither events in JSON-LD (schema.org) nor a link to a feed or calendar (<link rel=\"alternate\">)".to_owned(),
            What::UnknownFormat(content_type) if de => format!(
                "weder Kalender (iCalendar) noch Feed (RSS, Atom, JSON Feed) noch Web-Seite (Content-Type: {content_type})"
            ),
            What::UnknownFormat(content_type) => format!(
                "neither a calendar (iCalendar), a feed (RSS, Atom, JSON Feed) nor a web page (Content-Type: {content_type})"
            ),
            What::NoDate if de => "kein Datum (pubDate, published oder updated), nach dem es sich einordnen ließe".to_owned(),
            What::NoDate => "no date (pubDate, published or updated) to place it by".to_owned(),
            What::SkippedHour(value) => {
                format!("{value} does not exist: the clocks jump from 2 to 3 that night; ask the publisher for the time")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_file_line_and_field() {
        let problem = Problem::at_line(14, What::NotADate("31.02.2021".into())).in_field("starts");
        let german = problem.explain("veranstaltungen.csv", Lang::De);
        assert!(german.starts_with("veranstaltungen.csv:14: Feld \"starts\": \"31.02.2021\" ist kein gültiges Datum"));
        let english = problem.explain("veranstaltungen.csv", Lang::En);
        assert!(english.starts_with("veranstaltungen.csv:14: field \"starts\": \"31.02.2021\" is not a valid date"));
        let by_record = Problem { record: Some(3), ..Problem::new(What::Missing) }.in_field("title");
        assert_eq!(by_record.explain("a.json", Lang::De), "a.json: Datensatz 3: Feld \"title\": fehlt oder ist leer");
    }
}
