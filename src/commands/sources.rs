//! `lotse quellen [add|remove]` and `lotse sync`: subscribing to
//! publishers' calendars, feeds and event pages, and keeping in step.

use anyhow::{anyhow, bail};
use chrono::NaiveDateTime;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::domain::{Kind, RegionRef};
use crate::i18n::Lang;
use crate::sanitize::for_terminal;
use crate::settings::SourceSettings;
use crate::sources::fetch::{Fetched, Fetcher, Validators, http_url};
use crate::sources::model::{Failure, NewSource, SourceFormat, SyncResult};
use crate::sources::sync::{self, Outcome};
use crate::sources::{Context, Cut};
use crate::store::{RegionDirectory, Store};

pub struct AddRequest {
    pub url: String,
    pub name: Option<String>,
    pub kind: Option<Kind>,
    pub region: Option<String>,
}

/// Fetches and reads the address first; only a source that works is stored,
/// and its offerings with it.
pub fn add(
    store: &mut Store,
    request: AddRequest,
    settings: &SourceSettings,
    now: NaiveDateTime,
    lang: Lang,
) -> anyhow::Result<()> {
    store.require_writable().map_err(|error| anyhow!(error.explain(lang)))?;
    let nothing_saved = |reason: String| match lang {
        Lang::De => anyhow!("{} ist als Quelle nicht zu gebrauchen: {reason}. Nichts wurde gespeichert.", request.url),
        Lang::En => anyhow!("{} cannot be used as a source: {reason}. Nothing was saved.", request.url),
    };
    let url = http_url(&request.url).map_err(|failure| nothing_saved(failure.explain(lang)))?;
    let name = match &request.name {
        Some(name) if !name.trim().is_empty() => for_terminal(name).trim().to_owned(),
        _ => host_of(&url),
    };
    if store.source_named(&name)?.is_some() {
        bail!(match lang {
            Lang::De => format!("Es gibt schon eine Quelle „{name}“; wählen Sie mit --name einen anderen Namen."),
            Lang::En => format!("There already is a source \"{name}\"; choose another name with --name."),
        });
    }
    let regions = store.regions()?;
    let region = request.region.as_deref().map(|text| region(text, &regions, lang)).transpose()?;
    let fetcher = Fetcher::new(settings.fetch.clone()).map_err(|failure| anyhow!(proxy_problem(&failure, lang)))?;
    let document = match fetcher.fetch(&url, &Validators::default()) {
        Ok(Fetched::Document(document)) => document,
        Ok(Fetched::NotModified) => return Err(nothing_saved(Failure::Status { code: 304 }.explain(lang))),
        Err(error) => return Err(nothing_saved(error.failure.explain(lang))),
    };
    let document_url = document.url.clone();
    let context = Context {
        name: &name,
        url: &document_url,
        kind: request.kind,
        region: region.as_ref(),
        now,
        places: &*store,
        regions: &regions,
    };
    let read =
        sync::read_document(document, &fetcher, &context).map_err(|failure| nothing_saved(failure.explain(lang)))?;
    let format = read.parsed.format.unwrap_or(SourceFormat::Feed);
    if format == SourceFormat::Feed && request.kind.is_none() {
        bail!(match lang {
            Lang::De =>
                "Das ist ein Feed; seine Einträge können alles sein. Geben Sie mit --art an, was sie sind: event, project, practice oder roundtable. Nichts wurde gespeichert.",
            Lang::En =>
                "This is a feed, whose items can be anything. Say what they are with --art: event, project, practice or roundtable. Nothing was saved.",
        });
    }
    let new = NewSource { name: name.clone(), url: url.clone(), format, kind: request.kind, region };
    let id = store.add_source(&new, now)?;
    let source = store.source_named(&name)?.ok_or_else(|| anyhow!("source {id} vanished"))?;
    println!(
        "{}",
        match lang {
            Lang::De => format!("Quelle „{name}“ angelegt ({}, {url}).", format.label(lang)),
            Lang::En => format!("Source \"{name}\" added ({}, {url}).", format.label(lang)),
        }
    );
    let outcome = sync::apply(store, &source, read, now, settings.interval);
    print_outcome(&outcome, lang);
    Ok(())
}

/// The host of an address, without "www.", as a source's default name.
fn host_of(url: &str) -> String {
    let host = url::Url::parse(url).ok().and_then(|url| {
        let host = url.host_str()?.trim_start_matches("www.").to_owned();
        Some(match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host,
        })
    });
    host.unwrap_or_else(|| url.to_owned())
}

/// A region by its code, or a Kreis or Land by its name.
fn region(text: &str, regions: &RegionDirectory, lang: Lang) -> anyhow::Result<RegionRef> {
    if let Ok(filter) = crate::filter::RegionFilter::parse(text, regions)
        && let Ok(region) = text.trim().parse::<RegionRef>()
        && !filter.is_all()
    {
        return Ok(region);
    }
    let wanted = text.trim().to_lowercase();
    let kreis = regions.kreise.iter().filter(|kreis| kreis.name.to_lowercase() == wanted).collect::<Vec<_>>();
    if let [kreis] = kreis.as_slice() {
        return Ok(RegionRef::Kreis(kreis.ags.clone()));
    }
    if let Some(land) = regions.laender.iter().find(|land| land.name.to_lowercase() == wanted) {
        return Ok(RegionRef::Land(land.code.clone()));
    }
    bail!(match (lang, kreis.len()) {
        (Lang::De, 0) => format!(
            "„{text}“ ist weder ein Regionscode noch der Name eines Kreises oder Landes; `lotse regions` listet alle."
        ),
        (Lang::En, 0) => format!(
            "\"{text}\" is neither a region code nor the name of a Kreis or Land; `lotse regions` lists them all."
        ),
        (Lang::De, _) => format!("Mehrere Kreise heißen „{text}“; geben Sie den Kreisschlüssel an (`lotse regions`)."),
        (Lang::En, _) => format!("Several Kreise are called \"{text}\"; give the Kreis code (`lotse regions`)."),
    })
}

fn proxy_problem(failure: &Failure, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Der Proxy in der Einstellungsdatei ist ungültig: {}", failure.explain(lang)),
        Lang::En => format!("The proxy in the settings file is invalid: {}", failure.explain(lang)),
    }
}

#[derive(Serialize)]
struct Listed<'a> {
    name: &'a str,
    url: &'a str,
    format: &'a str,
    document_url: Option<&'a str>,
    kind: Option<&'a str>,
    region: Option<&'a str>,
    fetched_at: Option<String>,
    last_result: Option<&'a SyncResult>,
    last_result_text: Option<String>,
    offerings: usize,
    next_due: Option<String>,
}

pub fn list(store: &Store, format: OutputFormat, lang: Lang) -> anyhow::Result<()> {
    let sources = store.sources()?;
    match format {
        OutputFormat::Json => {
            let listed: Vec<Listed> = sources
                .iter()
                .map(|source| Listed {
                    name: &source.name,
                    url: &source.url,
                    format: source.format.code(),
                    document_url: source.document_url.as_deref(),
                    kind: source.kind.map(Kind::code),
                    region: source.region.as_ref().map(RegionRef::code),
                    fetched_at: source.fetched_at.map(|at| at.format("%Y-%m-%dT%H:%M:%S").to_string()),
                    last_result: source.last_result.as_ref(),
                    last_result_text: source.last_result.as_ref().map(|result| sync::result_text(result, lang)),
                    offerings: source.offerings,
                    next_due: source.next_due.map(|at| at.format("%Y-%m-%dT%H:%M:%S").to_string()),
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&listed)?);
        }
        OutputFormat::Text if sources.is_empty() => println!(
            "{}",
            match lang {
                Lang::De => "Noch keine Quellen. Hinzufügen mit: lotse quellen add URL",
                Lang::En => "No sources yet. Add one with: lotse quellen add URL",
            }
        ),
        OutputFormat::Text => {
            for source in &sources {
                // Names and addresses come from the user and the web: through the terminal gate, line by line.
                for line in crate::sanitize::paragraphs_for_terminal(&sync::describe(source, lang)) {
                    println!("{line}");
                }
            }
        }
    }
    Ok(())
}

pub fn remove(store: &mut Store, name: &str, with_offerings: bool, lang: Lang) -> anyhow::Result<()> {
    store.require_writable().map_err(|error| anyhow!(error.explain(lang)))?;
    let source = store.source_named(name)?.ok_or_else(|| unknown_source(name, lang))?;
    let removed = store.remove_source(source.id, with_offerings)?;
    let kept = source.offerings.saturating_sub(removed.deleted);
    println!(
        "{}",
        match (lang, with_offerings) {
            (Lang::De, false) => format!("Quelle „{}“ entfernt; ihre {kept} Angebote bleiben.", source.name),
            (Lang::En, false) => format!("Source \"{}\" removed; its {kept} offerings stay.", source.name),
            (Lang::De, true) => format!(
                "Quelle „{}“ mit {} Angeboten entfernt; {} mit Anmeldungen bleiben.",
                source.name, removed.deleted, removed.kept_registered
            ),
            (Lang::En, true) => format!(
                "Source \"{}\" removed with {} offerings; {} with registrations stay.",
                source.name, removed.deleted, removed.kept_registered
            ),
        }
    );
    Ok(())
}

fn unknown_source(name: &str, lang: Lang) -> anyhow::Error {
    match lang {
        Lang::De => anyhow!("Es gibt keine Quelle „{name}“; `lotse quellen` listet alle."),
        Lang::En => anyhow!("There is no source \"{name}\"; `lotse quellen` lists them all."),
    }
}

/// Syncs all sources or the named ones. Sources that failed lately wait for
/// their next attempt unless named. Returns whether every source succeeded.
pub fn run_sync(
    store: &mut Store,
    names: &[String],
    settings: &SourceSettings,
    now: NaiveDateTime,
    lang: Lang,
) -> anyhow::Result<bool> {
    store.require_writable().map_err(|error| anyhow!(error.explain(lang)))?;
    let all = store.sources()?;
    if all.is_empty() {
        println!(
            "{}",
            match lang {
                Lang::De => "Keine Quellen. Hinzufügen mit: lotse quellen add URL",
                Lang::En => "No sources. Add one with: lotse quellen add URL",
            }
        );
        return Ok(true);
    }
    let mut chosen = Vec::new();
    for name in names {
        let source = all.iter().find(|source| source.name.eq_ignore_ascii_case(name) || source.name == *name);
        chosen.push(source.cloned().ok_or_else(|| unknown_source(name, lang))?);
    }
    let mut waiting = Vec::new();
    if names.is_empty() {
        for source in all {
            match source.next_due {
                Some(due) if source.failures > 0 && due > now => waiting.push(source),
                _ => chosen.push(source),
            }
        }
    }
    let fetcher = Fetcher::new(settings.fetch.clone()).map_err(|failure| anyhow!(proxy_problem(&failure, lang)))?;
    let outcomes = sync::sync(store, chosen, &fetcher, now, settings.interval, &mut |_| {});
    for outcome in &outcomes {
        print_outcome(outcome, lang);
    }
    for source in &waiting {
        let due = source.next_due.map(|at| at.format("%H:%M").to_string()).unwrap_or_default();
        println!(
            "{}",
            for_terminal(&match lang {
                Lang::De => format!(
                    "{}: wartet nach {} Fehlversuchen bis {due} (sofort: lotse sync \"{}\")",
                    source.name, source.failures, source.name
                ),
                Lang::En => format!(
                    "{}: waits after {} failures until {due} (now: lotse sync \"{}\")",
                    source.name, source.failures, source.name
                ),
            })
        );
    }
    Ok(outcomes.iter().all(|outcome| !outcome.failed()))
}

/// The source's line, then each skipped item and each cut field.
fn print_outcome(outcome: &Outcome, lang: Lang) {
    println!("{}", for_terminal(&sync::line(outcome, lang)));
    for problem in &outcome.skipped {
        let line = match lang {
            Lang::De => format!("  übersprungen: {}", problem.explain(&outcome.name, lang)),
            Lang::En => format!("  skipped: {}", problem.explain(&outcome.name, lang)),
        };
        println!("{}", for_terminal(&line));
    }
    for Cut { record, title, field, max } in &outcome.cuts {
        let line = match lang {
            Lang::De => format!("  gekürzt: Eintrag {record} „{title}“: Feld \"{field}\" auf {max} Zeichen"),
            Lang::En => format!("  cut: item {record} \"{title}\": field \"{field}\" to {max} characters"),
        };
        println!("{}", for_terminal(&line));
    }
}
