//! Sources: publishers' calendars, feeds and event pages that lotse keeps
//! itself current from. Reading is pure (bytes in, records and problems
//! out); only `fetch` talks HTTP, and `sync` puts the two and the store
//! together.

pub mod detect;
pub mod feed;
pub mod fetch;
mod html;
pub mod ics;
pub mod jsonld;
pub mod model;
pub mod sync;

use chrono::NaiveDateTime;

use crate::domain::{Details, Kind, Record, RegionRef};
use crate::exchange::validate::{DESCRIPTION_MAX, KEY_MAX, LINE_MAX, NOTE_MAX, SUMMARY_MAX, URL_MAX};
use crate::exchange::{self, Incoming, Places, Problem, What};
use crate::store::RegionDirectory;

use model::{ItemStatus, SourceFormat};

/// What a reader needs besides the document.
pub struct Context<'a> {
    /// The source's name: the publisher of what it brings.
    pub name: &'a str,
    /// The address the document came from, for relative links.
    pub url: &'a str,
    /// The kind feed items become; calendars and pages give events.
    pub kind: Option<Kind>,
    /// The region of items without a place.
    pub region: Option<&'a RegionRef>,
    pub now: NaiveDateTime,
    pub places: &'a dyn Places,
    pub regions: &'a RegionDirectory,
}

/// An offering as a reader found it, before it is cleaned and checked.
pub struct Found {
    pub incoming: Incoming,
    pub status: ItemStatus,
}

/// A field that was too long and was cut, so the user hears of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub record: usize,
    pub title: String,
    pub field: &'static str,
    pub max: usize,
}

/// Every usable item of a document, and why the others were left out.
#[derive(Debug, Default)]
pub struct Parsed {
    pub format: Option<SourceFormat>,
    pub items: Vec<(Record, ItemStatus)>,
    pub skipped: Vec<Problem>,
    pub cuts: Vec<Cut>,
}

#[derive(Debug)]
pub enum Reading {
    Parsed(Parsed),
    /// A page without events that names a feed or calendar: read that instead.
    Alternate {
        url: String,
    },
}

/// Reads a fetched document. An error means the document as a whole is
/// unusable, and nothing in the store may change because of it.
pub fn read(bytes: &[u8], content_type: Option<&str>, context: &Context) -> Result<Reading, Problem> {
    let format = detect::format(content_type, bytes)
        .ok_or_else(|| Problem::new(What::UnknownFormat(content_type.unwrap_or("–").to_owned())))?;
    let text = detect::decode(bytes, content_type)?;
    let (found, skipped) = match format {
        SourceFormat::Calendar => ics::read(&text, context)?,
        SourceFormat::Feed => feed::read(&text, context)?,
        SourceFormat::Page => {
            let (found, skipped) = jsonld::read(&text, context);
            if found.is_empty() && skipped.is_empty() {
                return match html::alternate(&text, context.url) {
                    Some(url) => Ok(Reading::Alternate { url }),
                    None => Err(Problem::new(What::NoStructuredData)),
                };
            }
            (found, skipped)
        }
    };
    let mut parsed = finish(found, context);
    parsed.format = Some(format);
    parsed.skipped.splice(0..0, skipped);
    parsed.skipped.sort_by_key(|problem| (problem.record, problem.line));
    Ok(Reading::Parsed(parsed))
}

/// Gives items without a place the source's region, cuts overlong fields
/// (noting each cut), and leaves out the items that fail the import's checks.
fn finish(found: Vec<Found>, context: &Context) -> Parsed {
    let mut cuts = Vec::new();
    let (mut incoming, statuses): (Vec<Incoming>, Vec<ItemStatus>) = found
        .into_iter()
        .map(|mut found| {
            let record = &mut found.incoming.record;
            if let Some(region) = context.region
                && record.offering.region == RegionRef::Unknown
            {
                record.offering.region = region.clone();
            }
            cut_overlong(record, found.incoming.number, &mut cuts);
            (found.incoming, found.status)
        })
        .unzip();
    let refused = exchange::check_each(&mut incoming, context.regions);
    let mut left_out = vec![false; incoming.len()];
    let mut skipped = Vec::with_capacity(refused.len());
    for (index, problem) in refused {
        left_out[index] = true;
        skipped.push(problem);
    }
    let items = incoming
        .into_iter()
        .zip(statuses)
        .zip(left_out)
        .filter(|(_, left_out)| !left_out)
        .map(|((incoming, status), _)| (incoming.record, status))
        .collect();
    Parsed { format: None, items, skipped, cuts }
}

/// The longest key an item may have in its source; the namespace takes the rest.
const ITEM_KEY_MAX: usize = KEY_MAX - 32;

fn cut_overlong(record: &mut Record, number: usize, cuts: &mut Vec<Cut>) {
    let title = record.offering.title.chars().take(60).collect::<String>();
    let mut cut = |text: &mut String, field: &'static str, max: usize| {
        if text.chars().count() > max {
            let mut shortened: String = text.chars().take(max - 1).collect();
            shortened.push('…');
            *text = shortened;
            cuts.push(Cut { record: number, title: title.clone(), field, max });
        }
    };
    let offering = &mut record.offering;
    cut(&mut offering.title, "title", LINE_MAX);
    cut(&mut offering.organiser, "organiser", LINE_MAX);
    if let Some(place) = &mut offering.place {
        cut(place, "place", LINE_MAX);
    }
    cut(&mut offering.source.title, "source.title", NOTE_MAX);
    cut(&mut offering.source.publisher, "source.publisher", LINE_MAX);
    if let Details::Event(event) = &mut offering.details
        && let Some(venue) = &mut event.venue
    {
        cut(venue, "venue", LINE_MAX);
    }
    cut(&mut record.summary, "summary", SUMMARY_MAX);
    cut(&mut record.description, "description", DESCRIPTION_MAX);
    // A cut address leads nowhere: it is dropped instead.
    if offering.url.as_ref().is_some_and(|url| url.chars().count() > URL_MAX) {
        offering.url = None;
        cuts.push(Cut { record: number, title, field: "url", max: URL_MAX });
    }
    if offering.key.chars().count() > ITEM_KEY_MAX {
        offering.key = format!("lang-{}", exchange::digest(&offering.key));
    }
}

/// The key an offering from a source is stored under: its key in the
/// source, behind the source's number, so two sources never collide.
pub fn stored_key(source_id: i64, item_key: &str) -> String {
    format!("quelle-{source_id}:{item_key}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Moment, Price};
    use crate::i18n::Lang;
    use crate::store::Store;

    #[test]
    fn stored_keys_fit_the_import_limit() {
        let longest = stored_key(i64::MAX, &"x".repeat(ITEM_KEY_MAX));
        assert!(longest.chars().count() <= KEY_MAX, "{}", longest.len());
    }

    fn now() -> NaiveDateTime {
        NaiveDateTime::parse_from_str("2025-03-01 09:00", "%Y-%m-%d %H:%M").unwrap()
    }

    fn reading(bytes: &[u8], content_type: Option<&str>, kind: Option<Kind>) -> Result<Reading, String> {
        let store = Store::open_in_memory().unwrap();
        let regions = store.regions().unwrap();
        let context = Context {
            name: "Netzwerk",
            url: "http://127.0.0.1:1/seite/",
            kind,
            region: None,
            now: now(),
            places: &store,
            regions: &regions,
        };
        read(bytes, content_type, &context).map_err(|problem| problem.explain("quelle", Lang::De))
    }

    fn parsed(bytes: &[u8], content_type: Option<&str>, kind: Option<Kind>) -> Parsed {
        match reading(bytes, content_type, kind) {
            Ok(Reading::Parsed(parsed)) => parsed,
            other => panic!("expected items, got {other:?}"),
        }
    }

    fn event(record: &Record) -> &crate::domain::Event {
        match &record.offering.details {
            Details::Event(event) => event,
            other => panic!("expected an event, got {other:?}"),
        }
    }

    #[test]
    fn an_outlook_calendar_gives_occurrences_and_a_cancelled_event() {
        let parsed = parsed(include_bytes!("../../tests/fixtures/sources/outlook.ics"), Some("text/calendar"), None);
        assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        let items: Vec<(&str, String, ItemStatus)> = parsed
            .items
            .iter()
            .map(|(record, status)| (record.offering.title.as_str(), event(record).starts.to_string(), *status))
            .collect();
        assert_eq!(
            items,
            [
                ("Werkstattgespräch Leerstand", "2025-03-18T14:00".to_owned(), ItemStatus::Active),
                ("Sprechstunde Förderprogramme", "2025-03-05T10:00".to_owned(), ItemStatus::Active),
                ("Sprechstunde Förderprogramme", "2025-03-12T10:00".to_owned(), ItemStatus::Active),
                ("Sprechstunde Förderprogramme", "2025-03-19T10:00".to_owned(), ItemStatus::Active),
                ("Händlerfrühstück", "2025-03-27T08:00".to_owned(), ItemStatus::Cancelled),
            ]
        );
        assert_eq!(parsed.items[0].0.offering.region, RegionRef::Kreis("06531".into()));
        assert_eq!(parsed.items[1].0.offering.region, RegionRef::Online);
        assert_eq!(
            event(&parsed.items[1].0).ends,
            Some(Moment::At(now().date().and_hms_opt(11, 0, 0).unwrap() + chrono::TimeDelta::days(4)))
        );
    }

    #[test]
    fn a_latin1_rss_feed_is_read_as_plain_text() {
        let bytes = include_bytes!("../../tests/fixtures/sources/rss-latin1.xml");
        let parsed = parsed(bytes, Some("application/rss+xml"), Some(Kind::Event));
        assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        let (first, _) = &parsed.items[0];
        assert_eq!(first.offering.key, "wfm-2025-031");
        assert_eq!(first.offering.title, "Gründerstammtisch im März");
        assert_eq!(first.offering.source.title, "Wirtschaftsförderung Mittelhessen - Termine");
        assert_eq!(first.summary, "Offener Austausch für Gründerinnen und Gründer & alle, die es werden wollen.");
        assert_eq!(first.offering.source.date, chrono::NaiveDate::from_ymd_opt(2025, 3, 10));
        assert_eq!(parsed.items[1].0.summary, "Praxisnahe Tipps für den Einzelhandel; Größe der Gruppe begrenzt.");
    }

    #[test]
    fn an_atom_feed_gives_projects_when_asked() {
        let parsed = parsed(include_bytes!("../../tests/fixtures/sources/atom.xml"), None, Some(Kind::Project));
        assert_eq!(parsed.items.len(), 2);
        let (first, _) = &parsed.items[0];
        assert_eq!(first.offering.kind(), Kind::Project);
        assert_eq!(first.summary, "Kommunen können ab sofort Zuschüsse beantragen.");
        assert_eq!(first.offering.url.as_deref(), Some("https://foerderung.example.org/ortskerne"));
        assert_eq!(parsed.items[1].0.description, "Anträge bis Ende April.");
    }

    #[test]
    fn a_page_with_json_ld_gives_its_events() {
        let parsed =
            parsed(include_bytes!("../../tests/fixtures/sources/veranstaltungen.html"), Some("text/html"), None);
        assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        assert_eq!(parsed.items.len(), 3);
        let (forum, status) = &parsed.items[0];
        assert_eq!(*status, ItemStatus::Active);
        assert_eq!(forum.offering.title, "Fachforum Citylogistik");
        assert_eq!(forum.offering.url.as_deref(), Some("http://127.0.0.1:1/termine/citylogistik"));
        assert_eq!(forum.offering.organiser, "Stadtmarketing-Netzwerk Mittelhessen");
        assert_eq!(forum.offering.region, RegionRef::Kreis("06531".into()));
        assert_eq!(forum.description, "Wie kommen Waren ohne Stau in die Innenstadt?");
        let details = event(forum);
        assert_eq!(details.starts.to_string(), "2025-04-08T10:00");
        assert_eq!(details.price, Price::Fee { cents: 4900, plus_vat: false });
        assert_eq!(details.speakers[0].affiliation.as_deref(), Some("Hochschule Mittelhessen"));
        assert_eq!(details.venue.as_deref(), Some("Kongresshalle, Berliner Platz 2, 35390 Gießen"));
        let (webinar, _) = &parsed.items[1];
        assert_eq!(webinar.offering.region, RegionRef::Online);
        assert!(event(webinar).online);
        assert_eq!(event(webinar).price, Price::Free);
        assert_eq!(event(webinar).registration_note.as_deref(), Some("ausgebucht (laut Quelle)"));
        assert_eq!(parsed.items[2].1, ItemStatus::Cancelled);
    }

    #[test]
    fn a_page_without_events_points_to_its_feed() {
        let page = include_bytes!("../../tests/fixtures/sources/autodiscovery.html");
        match reading(page, Some("text/html; charset=utf-8"), None) {
            Ok(Reading::Alternate { url }) => assert_eq!(url, "http://127.0.0.1:1/termine.rss"),
            other => panic!("{other:?}"),
        }
        let nothing = reading(b"<html><body>Hallo</body></html>", Some("text/html"), None).unwrap_err();
        assert!(nothing.contains("weder Veranstaltungen in JSON-LD"), "{nothing}");
    }

    #[test]
    fn untrusted_documents_are_refused_whole() {
        let bomb = reading(include_bytes!("../../tests/fixtures/sources/entity-bombe.xml"), None, Some(Kind::Event));
        assert!(bomb.unwrap_err().contains("Entity-Bomben"));
        let bad =
            reading(include_bytes!("../../tests/fixtures/sources/kaputtes-utf8.ics"), Some("text/calendar"), None);
        assert!(bad.unwrap_err().contains("kein gültiges UTF-8"));
        let png = reading(b"\x89PNG\r\n", Some("image/png"), None);
        assert!(png.unwrap_err().contains("image/png"));
    }

    #[test]
    fn one_broken_item_is_skipped_with_its_position() {
        let bytes = include_bytes!("../../tests/fixtures/sources/ein-kaputter-eintrag.xml");
        let parsed = parsed(bytes, None, Some(Kind::Event));
        assert_eq!(parsed.items.len(), 1);
        let problems: Vec<String> = parsed.skipped.iter().map(|problem| problem.explain("feed", Lang::De)).collect();
        assert_eq!(problems, ["feed: Datensatz 2: Feld \"title\": fehlt oder ist leer"]);
    }

    #[test]
    fn overlong_fields_are_cut_with_a_note() {
        let title = "Sehr ".repeat(100);
        let feed = format!(
            "<rss version=\"2.0\"><channel><title>T</title><item><title>{title}</title><guid>g</guid>\
             <pubDate>Mon, 10 Mar 2025 18:00:00 +0100</pubDate></item></channel></rss>"
        );
        let parsed = parsed(feed.as_bytes(), None, Some(Kind::Event));
        assert_eq!(parsed.items[0].0.offering.title.chars().count(), LINE_MAX);
        assert_eq!(parsed.cuts[0].field, "title");
    }

    thread_local! {
        // Opening a store loads 16,000 places: once per thread, not once per case.
        static STORE: Store = Store::open_in_memory().unwrap();
    }

    proptest::proptest! {
        #[test]
        fn any_document_is_read_or_refused_without_panic(
            body in "(<rss version=\"2.0\"><channel>|<feed xmlns=\"http://www.w3.org/2005/Atom\">|<html><script type=\"application/ld\\+json\">|BEGIN:VCALENDAR\n)?[ -~äöü<>/\n]{0,200}",
            content_type in "(text/html|text/calendar|application/rss\\+xml|application/json)?",
        ) {
            STORE.with(|store| {
                let regions = store.regions().unwrap();
                let context = Context {
                    name: "N", url: "http://127.0.0.1:1/", kind: Some(Kind::Practice), region: None,
                    now: now(), places: store, regions: &regions,
                };
                let content_type = Some(content_type.as_str()).filter(|text| !text.is_empty());
                let _ = read(body.as_bytes(), content_type, &context);
            });
        }
    }
}
