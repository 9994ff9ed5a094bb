use std::io::Write;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::domain::{Details, Kind, Offering};
use crate::filter::RegionFilter;
use crate::format;
use crate::geo::{Gazetteer, Radius};
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
    /// `--near`: only offerings within this distance, which then prints.
    pub near: Option<Radius>,
}

#[derive(Serialize)]
struct Found<'a> {
    rank: usize,
    key: &'a str,
    kind: &'a str,
    title: &'a str,
    /// As the text output shows it; JSON carries `starts` and `ends` instead.
    #[serde(skip)]
    date: Option<String>,
    /// ISO 8601: `2020-10-06T13:00`, `2020-10-06`, or a project's month `2020-10`.
    starts: Option<String>,
    ends: Option<String>,
    place: Option<&'a str>,
    region: &'a str,
    past: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    km: Option<u32>,
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
    let hits: Vec<Hit> = match (request.kind, &region, &request.near) {
        // Without a filter the first `limit` hits are all that print.
        (None, None, None) => session.search_best(&query, request.limit, keywords)?,
        _ => session.search(&query, keywords)?,
    };
    let index = session.index();
    // Without a term every offering is a hit: with `--near` the nearest come first.
    let by_distance = query.is_empty() && request.near.is_some();
    let mut admitted: Vec<(Offering, Option<u32>)> = Vec::new();
    for hit in hits.iter().filter(|hit| request.kind.is_none_or(|kind| index.kind(hit.entry) == kind)) {
        if admitted.len() == request.limit && !by_distance {
            break;
        }
        let Some(offering) = store.offering_by_rowid(rowids[hit.entry as usize])? else { continue };
        let at = Gazetteer::shipped().locate(&offering);
        if region.as_ref().is_none_or(|(region, regions)| region.admits(&offering, regions, false))
            && request.near.as_ref().is_none_or(|radius| radius.admits(&offering, at, false))
        {
            let km = request.near.and_then(|radius| radius.distance(at)).map(|km| km.round() as u32);
            admitted.push((offering, km));
        }
    }
    if by_distance {
        // Stable: among equally near ones the search's order stays.
        admitted.sort_by_key(|(_, km)| km.unwrap_or(u32::MAX));
        admitted.truncate(request.limit);
    }
    // The process ends right after printing: handing the index's memory
    // back page by page would only make scripts wait.
    std::mem::forget(session);
    let found: Vec<Found> = admitted
        .iter()
        .enumerate()
        .map(|(rank, (offering, km))| {
            let date = format::schedule(&offering.details, lang);
            let (starts, ends) = iso_span(&offering.details);
            Found {
                rank: rank + 1,
                key: &offering.key,
                kind: offering.kind().code(),
                title: &offering.title,
                date,
                starts,
                ends,
                place: offering.place.as_deref(),
                region: offering.region.code(),
                past: offering.is_over(now),
                km: *km,
            }
        })
        .collect();
    let mut out = std::io::stdout().lock();
    match request.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&found)?)?,
        OutputFormat::Text => {
            for item in &found {
                writeln!(
                    out,
                    "{:>3}. [{}] {} — {}{}{} ({})",
                    item.rank,
                    item.kind,
                    for_terminal(item.title),
                    item.date.as_deref().map(|date| format!("{date}, ")).unwrap_or_default(),
                    for_terminal(item.place.unwrap_or_else(|| region_name(item.region, lang))),
                    item.km.map(|km| format!(", {km} km")).unwrap_or_default(),
                    item.key
                )?;
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

/// Machine-readable dates: events and roundtables to the minute where the
/// source gives a time, projects to the month their period is known in.
fn iso_span(details: &Details) -> (Option<String>, Option<String>) {
    match details {
        Details::Event(event) => (Some(event.starts.to_string()), event.ends.map(|end| end.to_string())),
        Details::Roundtable(table) => (Some(table.starts.to_string()), table.ends.map(|end| end.to_string())),
        Details::Project(project) => {
            (project.period_from.map(|from| from.to_string()), project.period_to.map(|to| to.to_string()))
        }
        Details::Practice(_) => (None, None),
    }
}

/// The pseudo-regions in the reader's language; Land and Kreis codes as they are.
fn region_name(code: &str, lang: Lang) -> &str {
    match code {
        "bundesweit" => lang.strings().nationwide,
        "online" => lang.strings().online,
        other => other,
    }
}
