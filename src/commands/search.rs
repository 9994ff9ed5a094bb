use chrono::NaiveDateTime;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::domain::Kind;
use crate::filter::RegionFilter;
use crate::format;
use crate::i18n::Lang;
use crate::runner::StoreKeywords;
use crate::sanitize::for_terminal;
use crate::search::{Hit, Query, SearchSession};
use crate::store::Store;

pub struct Request {
    pub query: Vec<String>,
    pub kind: Option<Kind>,
    pub region: Option<String>,
    pub limit: usize,
    pub format: OutputFormat,
}

#[derive(Serialize)]
struct Found<'a> {
    rank: usize,
    key: &'a str,
    kind: &'a str,
    title: &'a str,
    date: Option<String>,
    place: Option<&'a str>,
    region: &'a str,
    past: bool,
}

/// The dashboard's ranking for scripts: one list over all kinds, best first.
/// Reads only the folded search fields of every offering, and the full
/// record only of the hits it prints.
pub fn run(store: &Store, request: Request, now: NaiveDateTime, lang: Lang) -> anyhow::Result<()> {
    // The region directory only when a filter needs it.
    let region = match &request.region {
        Some(code) => {
            let regions = store.regions()?;
            Some((RegionFilter::parse(code, &regions)?, regions))
        }
        None => None,
    };
    let (rowids, index) = store.search_index()?;
    let mut session = SearchSession::new(index, &rowids);
    let query = Query::parse(&request.query.join(" "));
    let keywords = &mut StoreKeywords(store);
    let hits: Vec<Hit> = match (request.kind, &region) {
        // Without a filter the first `limit` hits are all that print.
        (None, None) => session.search_best(&query, request.limit, keywords)?,
        _ => session.search(&query, keywords)?,
    };
    let index = session.index();
    let mut offerings = Vec::new();
    for hit in hits.iter().filter(|hit| request.kind.is_none_or(|kind| index.kind(hit.entry) == kind)) {
        if offerings.len() == request.limit {
            break;
        }
        let Some(offering) = store.offering_by_rowid(rowids[hit.entry as usize])? else { continue };
        if region.as_ref().is_none_or(|(region, regions)| region.admits(&offering, regions, false)) {
            offerings.push(offering);
        }
    }
    // The process ends right after printing: handing the index's memory
    // back page by page would only make scripts wait.
    std::mem::forget(session);
    let found: Vec<Found> = offerings
        .iter()
        .enumerate()
        .map(|(rank, offering)| {
            let date = format::schedule(&offering.details, lang);
            Found {
                rank: rank + 1,
                key: &offering.key,
                kind: offering.kind().code(),
                title: &offering.title,
                date,
                place: offering.place.as_deref(),
                region: offering.region.code(),
                past: offering.is_over(now),
            }
        })
        .collect();
    match request.format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(&found)?),
        OutputFormat::Text => {
            for item in &found {
                println!(
                    "{:>3}. [{}] {} — {}{} ({})",
                    item.rank,
                    item.kind,
                    for_terminal(item.title),
                    item.date.as_deref().map(|date| format!("{date}, ")).unwrap_or_default(),
                    for_terminal(item.place.unwrap_or(item.region)),
                    item.key
                );
            }
            if found.is_empty() {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::De => "Keine Treffer.",
                        Lang::En => "No matches.",
                    }
                );
            }
        }
    }
    Ok(())
}
