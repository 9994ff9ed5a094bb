//! Values in CSV cells, written the way German offices write them and read
//! back leniently: dates as 2021-03-21 or 21.03.2021, prices as 549,00,
//! yes/no as ja/nein, lists separated by `|`, people as "Name (Organisation)".
//! What the export writes, the import reads back to the same value.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::{Moment, Person, Price, YearMonth};

use super::What;

const LIST_SEPARATOR: char = '|';

pub fn moment(text: &str) -> Result<Moment, What> {
    if let Ok(moment) = text.parse::<Moment>() {
        return Ok(moment);
    }
    let german = text.trim().trim_end_matches("Uhr").trim_end();
    if let Ok(day) = NaiveDate::parse_from_str(german, "%d.%m.%Y") {
        return Ok(Moment::Day(day));
    }
    ["%d.%m.%Y %H:%M", "%d.%m.%Y, %H:%M", "%d.%m.%Y %H:%M:%S"]
        .iter()
        .find_map(|pattern| NaiveDateTime::parse_from_str(german, pattern).ok())
        .map(Moment::At)
        .ok_or_else(|| What::NotADate(text.trim().to_owned()))
}

pub fn date(text: &str) -> Result<NaiveDate, What> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .map_err(|_| What::NotADate(text.to_owned()))
}

pub fn month(text: &str) -> Result<YearMonth, What> {
    let text = text.trim();
    if let Ok(month) = text.parse() {
        return Ok(month);
    }
    text.split_once(['.', '/'])
        .and_then(|(month, year)| YearMonth::new(year.trim().parse().ok()?, month.trim().parse().ok()?))
        .ok_or_else(|| What::NotAMonth(text.to_owned()))
}

pub fn number(text: &str) -> Result<u32, What> {
    text.trim().parse().map_err(|_| What::NotANumber(text.trim().to_owned()))
}

pub fn yes_no(text: &str) -> Result<bool, What> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "wahr" | "1" | "x" => Ok(true),
        "nein" | "n" | "no" | "false" | "falsch" | "0" | "" => Ok(false),
        _ => Err(What::NotAYesNo(text.trim().to_owned())),
    }
}

pub fn format_yes_no(value: bool) -> &'static str {
    if value { "ja" } else { "nein" }
}

/// "549,00", "1.234,50 €", "12.50", "kostenfrei"; empty or "unbekannt" for unknown.
pub fn price(text: &str, plus_vat: bool) -> Result<Price, What> {
    let bad = || What::NotAPrice(text.trim().to_owned());
    let lowered = text.trim().to_lowercase();
    match lowered.as_str() {
        "" | "unbekannt" | "unknown" => return Ok(Price::Unknown),
        "kostenfrei" | "kostenlos" | "gratis" | "frei" | "free" => return Ok(Price::Free),
        _ => {}
    }
    let amount: String = lowered
        .trim_end_matches("euro")
        .trim_end_matches("eur")
        .chars()
        .filter(|ch| !ch.is_whitespace() && *ch != '€')
        .collect();
    // German writing: "." groups thousands and "," marks the cents; a lone
    // "." with three digits after it groups thousands too ("1.500").
    let (whole, cents) = match amount.rsplit_once(',') {
        Some((whole, cents)) => (whole.replace('.', ""), cents.to_owned()),
        None => match amount.rsplit_once('.') {
            Some((whole, cents)) if cents.len() != 3 => (whole.to_owned(), cents.to_owned()),
            _ => (amount.replace('.', ""), String::new()),
        },
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if !digits(&whole) || !(cents.is_empty() || digits(&cents) && cents.len() <= 2) {
        return Err(bad());
    }
    let whole: u64 = whole.parse().map_err(|_| bad())?;
    let cents: u64 = format!("{cents:0<2}").parse().map_err(|_| bad())?;
    let cents = whole.checked_mul(100).and_then(|whole| whole.checked_add(cents)).ok_or_else(bad)?;
    Ok(Price::Fee { cents, plus_vat })
}

/// The price column and the plus-VAT column.
pub fn format_price(price: Price) -> (String, &'static str) {
    match price {
        Price::Free => ("kostenfrei".to_owned(), ""),
        Price::Unknown => (String::new(), ""),
        Price::Fee { cents, plus_vat } => (format!("{},{:02}", cents / 100, cents % 100), format_yes_no(plus_vat)),
    }
}

/// Items separated by `|`; `\|` and `\\` stand for themselves.
pub fn list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => match chars.next() {
                Some(next @ ('\\' | LIST_SEPARATOR)) => item.push(next),
                Some(other) => item.extend(['\\', other]),
                None => item.push('\\'),
            },
            LIST_SEPARATOR => items.push(std::mem::take(&mut item)),
            ch => item.push(ch),
        }
    }
    items.push(item);
    items.into_iter().map(|item| item.trim().to_owned()).filter(|item| !item.is_empty()).collect()
}

pub fn format_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|item| item.replace('\\', "\\\\").replace(LIST_SEPARATOR, "\\|"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// "Name (Organisation)": the organisation is the last bracketed part, so
/// an organisation may hold brackets of its own ("Netzwerk e. V. (ddn)").
pub fn person(text: &str) -> Person {
    let text = text.trim();
    if let Some(inner) = text.strip_suffix(')') {
        let mut depth = 0usize;
        for (index, ch) in inner.char_indices().rev() {
            match ch {
                ')' => depth += 1,
                '(' if depth > 0 => depth -= 1,
                '(' => {
                    let name = inner[..index].trim();
                    if name.is_empty() {
                        break;
                    }
                    return Person {
                        name: name.to_owned(),
                        affiliation: Some(inner[index + 1..].trim().to_owned()).filter(|text| !text.is_empty()),
                    };
                }
                _ => {}
            }
        }
    }
    Person { name: text.to_owned(), affiliation: None }
}

pub fn format_person(person: &Person) -> String {
    match &person.affiliation {
        Some(affiliation) => format!("{} ({affiliation})", person.name),
        None => person.name.clone(),
    }
}

pub fn persons(text: &str) -> Vec<Person> {
    list(text).iter().map(|item| person(item)).collect()
}

pub fn format_persons(persons: &[Person]) -> String {
    let items: Vec<String> = persons.iter().map(format_person).collect();
    format_list(items.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_iso_and_german_writing() {
        assert_eq!(moment("2021-03-21").unwrap().to_string(), "2021-03-21");
        assert_eq!(moment("21.03.2021").unwrap().to_string(), "2021-03-21");
        assert_eq!(moment("21.03.2021 10:00").unwrap().to_string(), "2021-03-21T10:00");
        assert_eq!(moment("21.03.2021, 10:00 Uhr").unwrap().to_string(), "2021-03-21T10:00");
        assert_eq!(moment("31.02.2021"), Err(What::NotADate("31.02.2021".into())));
        assert_eq!(date(" 01.10.2020 ").unwrap().to_string(), "2020-10-01");
        assert_eq!(month("06.2018").unwrap().to_string(), "2018-06");
        assert_eq!(month("2018-06").unwrap().to_string(), "2018-06");
        assert_eq!(month("13/2018"), Err(What::NotAMonth("13/2018".into())));
    }

    #[test]
    fn prices_read_the_german_way() {
        let fee = |cents| Price::Fee { cents, plus_vat: false };
        assert_eq!(price("549,00", false), Ok(fee(54_900)));
        assert_eq!(price("1.234,5 €", true), Ok(Price::Fee { cents: 123_450, plus_vat: true }));
        assert_eq!(price("12.50", false), Ok(fee(1_250)));
        assert_eq!(price("1.500", false), Ok(fee(150_000)));
        assert_eq!(price("49 EUR", false), Ok(fee(4_900)));
        assert_eq!(price("Kostenfrei", false), Ok(Price::Free));
        assert_eq!(price("", false), Ok(Price::Unknown));
        assert!(price("teuer", false).is_err());
        assert!(price("1,234", false).is_err());
        assert!(price("99999999999999999999", false).is_err());
        for value in [fee(54_900), fee(5), Price::Free, Price::Unknown, Price::Fee { cents: 0, plus_vat: true }] {
            let (text, plus_vat) = format_price(value);
            assert_eq!(price(&text, yes_no(plus_vat).unwrap()), Ok(value), "{text}");
        }
    }

    #[test]
    fn lists_and_people_round_trip() {
        let items = ["Innenstadt", "A|B", "C:\\Pfad\\", "x \\| y"];
        assert_eq!(list(&format_list(items)), items);
        assert_eq!(list(" a |  | b "), ["a", "b"]);
        let people = [
            Person { name: "Max Thinius".into(), affiliation: Some("Futurologe".into()) },
            Person { name: "Petra Muster".into(), affiliation: Some("Demografie Netzwerk e. V. (ddn)".into()) },
            Person { name: "Klaus Burmeister".into(), affiliation: None },
        ];
        assert_eq!(persons(&format_persons(&people)), people);
        assert_eq!(person("(nur Klammer)").name, "(nur Klammer)");
    }

    #[test]
    fn yes_and_no_in_either_language() {
        assert_eq!(yes_no("Ja"), Ok(true));
        assert_eq!(yes_no("false"), Ok(false));
        assert_eq!(yes_no(""), Ok(false));
        assert!(yes_no("vielleicht").is_err());
    }
}
