//! Property tests: arbitrary and mutated files fed to every importer, and
//! arbitrary text to the cleaning and folding functions. Whatever comes in,
//! nothing panics, and the result is either a clean error or records that
//! are clean and valid.

use std::collections::HashSet;
use std::path::Path;

use lotse::exchange::{self, Batch, Context, Format, Problem};
use lotse::sanitize::{clean_line, clean_text, for_terminal};
use lotse::store::Store;
use proptest::prelude::*;
use serde_json::Value;

thread_local! {
    static STORE: Store = Store::open_in_memory().unwrap();
}

fn read(bytes: &[u8], format: Format) -> Result<Batch, Vec<Problem>> {
    STORE.with(|store| {
        let regions = store.regions().unwrap();
        let context = Context { file_name: "eingabe", regions: &regions, places: store };
        exchange::read(bytes, format, &context)
    })
}

fn is_hostile(ch: char) -> bool {
    ch.is_control() || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// Every string in the value, with the name of the field that holds it.
fn strings<'a>(value: &'a Value, field: &'a str, out: &mut Vec<(&'a str, &'a str)>) {
    match value {
        Value::String(text) => out.push((field, text)),
        Value::Array(items) => items.iter().for_each(|item| strings(item, field, out)),
        Value::Object(fields) => fields.iter().for_each(|(name, value)| strings(value, name, out)),
        _ => {}
    }
}

/// Either problems to show, or records fit for the store.
fn clean_error_or_valid(result: Result<Batch, Vec<Problem>>) -> Result<(), TestCaseError> {
    let batch = match result {
        Err(problems) => {
            prop_assert!(!problems.is_empty());
            for problem in &problems {
                prop_assert!(!problem.explain("eingabe", lotse::i18n::Lang::De).is_empty());
            }
            return Ok(());
        }
        Ok(batch) => batch,
    };
    let mut keys = HashSet::new();
    for incoming in &batch.records {
        let offering = &incoming.record.offering;
        prop_assert!(!offering.key.is_empty() && !offering.title.is_empty());
        prop_assert!(keys.insert(offering.key.clone()), "duplicate key {}", offering.key);
        let value = serde_json::to_value(&incoming.record).unwrap();
        let mut found = Vec::new();
        strings(&value, "", &mut found);
        for (field, text) in found {
            let allowed_break = matches!(field, "summary" | "description");
            prop_assert!(!text.chars().any(|ch| is_hostile(ch) && !(allowed_break && ch == '\n')), "{field}: {text:?}");
            prop_assert!(text.chars().count() <= 50_000, "{field} is too long");
        }
    }
    Ok(())
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Duplicate(usize, usize),
    Replace(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 0..64usize).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (any::<usize>(), 0..128usize).prop_map(|(at, len)| Mutation::Duplicate(at, len)),
        (any::<usize>(), prop::sample::select(b"\0\x1b\n\r\"';,|\\{}[]:0x\xff".to_vec()))
            .prop_map(|(at, byte)| Mutation::Replace(at, byte)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let len = bytes.len().max(1);
        match mutation {
            Mutation::Truncate(at) => bytes.truncate(at % len),
            Mutation::Delete(at, count) => {
                let start = (at % len).min(bytes.len());
                let end = (start + count).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Insert(at, inserted) => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, inserted.iter().copied());
            }
            Mutation::Duplicate(at, count) => {
                let start = (at % len).min(bytes.len());
                let end = (start + count).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Mutation::Replace(at, byte) => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = *byte;
                }
            }
        }
    }
    bytes
}

/// Rows of arbitrary text under a real header, so the CSV reader gets past
/// the header and meets strange cells.
fn csv_file() -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        any::<String>(),
        Just("event".to_owned()),
        Just("06531".to_owned()),
        Just("31.02.2021".to_owned()),
        Just("2021-03-21T10:00".to_owned()),
        "[a-z]{1,8}",
    ];
    let separator = prop::sample::select(vec![";", ","]);
    (separator, prop::collection::vec(prop::collection::vec(cell, 0..9), 0..6)).prop_map(|(separator, rows)| {
        let mut text = ["kind", "key", "title", "organiser", "region", "format", "starts", "price"].join(separator);
        for row in rows {
            text.push('\n');
            text.push_str(&row.join(separator));
        }
        text.into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..1_500), format in prop::sample::select(vec![Format::Json, Format::Csv, Format::Ics])) {
        clean_error_or_valid(read(&bytes, format))?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), format in prop::sample::select(vec![Format::Json, Format::Csv, Format::Ics])) {
        clean_error_or_valid(read(text.as_bytes(), format))?;
    }

    #[test]
    fn mutated_json_gives_a_clean_error_or_valid_records(mutations in prop::collection::vec(mutation(), 1..4)) {
        clean_error_or_valid(read(&mutate(fixture("alle_felder.json"), &mutations), Format::Json))?;
    }

    #[test]
    fn mutated_csv_gives_a_clean_error_or_valid_records(mutations in prop::collection::vec(mutation(), 1..4)) {
        clean_error_or_valid(read(&mutate(fixture("veranstaltungen.csv"), &mutations), Format::Csv))?;
    }

    #[test]
    fn mutated_calendars_give_a_clean_error_or_valid_records(mutations in prop::collection::vec(mutation(), 1..4)) {
        clean_error_or_valid(read(&mutate(fixture("programm.ics"), &mutations), Format::Ics))?;
    }

    #[test]
    fn csv_rows_of_any_text_give_a_clean_error_or_valid_records(bytes in csv_file()) {
        clean_error_or_valid(read(&bytes, Format::Csv))?;
    }

    #[test]
    fn cleaning_leaves_no_control_and_is_idempotent(text in any::<String>()) {
        let line = clean_line(&text);
        prop_assert!(!line.chars().any(is_hostile));
        prop_assert_eq!(clean_line(&line), line.clone());
        let long = clean_text(&text);
        prop_assert!(!long.chars().any(|ch| is_hostile(ch) && ch != '\n'));
        prop_assert_eq!(clean_text(&long), long.clone());
        prop_assert!(!for_terminal(&text).chars().any(is_hostile));
    }

    #[test]
    fn escape_sequences_never_survive_cleaning(prefix in ".{0,8}", sequence in prop::sample::select(vec!["\u{1b}[2J", "\u{1b}]52;c;ZXZpbA==\u{7}", "\u{1b}]0;x\u{1b}\\", "\u{9b}31m", "\u{1b}c", "\u{202e}"]), suffix in ".{0,8}") {
        let text = format!("{prefix}{sequence}{suffix}");
        let cleaned = clean_line(&text);
        let survived = cleaned.contains(['\u{1b}', '\u{9b}', '\u{202e}']);
        prop_assert!(!survived, "{:?}", cleaned);
    }

    #[test]
    fn german_folding_never_panics(text in any::<String>()) {
        let folded = lotse::search::fold::fold_text(&text);
        prop_assert!(folded.chars().count() <= text.chars().count() * 4 + 4);
    }
}
