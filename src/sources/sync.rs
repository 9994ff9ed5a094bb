//! Keeping in step with sources: fetch each (at most four at a time, one
//! failing never stopping the others), read, and write each source's
//! result in one transaction. A failed fetch or an unreadable document
//! changes no offering.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};

use crate::domain::Record;
use crate::exchange::Problem;
use crate::i18n::Lang;
use crate::store::{FetchState, SourceBatch, Store};

use super::fetch::{Document, FetchError, Fetched, Fetcher, Validators};
use super::model::{Failure, ItemStatus, SourceRow, SyncCounts, SyncResult};
use super::{Context, Cut, Parsed, Reading, stored_key};

/// Sources fetched at the same time.
pub const PARALLEL: usize = 4;
/// The first wait after a failure; it doubles with each further one.
const FIRST_BACKOFF: TimeDelta = TimeDelta::minutes(15);
const LONGEST_BACKOFF: TimeDelta = TimeDelta::hours(24);

/// What one source's sync came to, for the user.
#[derive(Debug)]
pub struct Outcome {
    pub name: String,
    pub result: SyncResult,
    pub skipped: Vec<Problem>,
    pub cuts: Vec<Cut>,
    pub next_due: Option<NaiveDateTime>,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        matches!(self.result, SyncResult::Failed { .. })
    }
}

/// A document read all the way: after following a page's alternate link.
pub struct Read {
    pub parsed: Parsed,
    pub document: Document,
}

/// Reads a fetched document; a page that only points to a feed or
/// calendar is followed once.
pub fn read_document(document: Document, fetcher: &Fetcher, context: &Context) -> Result<Read, Failure> {
    let unreadable = |problem: Problem| Failure::Unreadable {
        de: problem.explain(&document.url, Lang::De),
        en: problem.explain(&document.url, Lang::En),
    };
    let first =
        super::read(&document.bytes, document.content_type.as_deref(), &Context { url: &document.url, ..*context });
    match first.map_err(unreadable)? {
        Reading::Parsed(parsed) => Ok(Read { parsed, document }),
        Reading::Alternate { url } => {
            let alternate = match fetcher.fetch(&url, &Validators::default()).map_err(|error| error.failure)? {
                Fetched::Document(alternate) => alternate,
                // Nothing was asked conditionally, so a 304 is the server's mistake.
                Fetched::NotModified => return Err(Failure::Status { code: 304 }),
            };
            let unreadable = |problem: Problem| Failure::Unreadable {
                de: problem.explain(&alternate.url, Lang::De),
                en: problem.explain(&alternate.url, Lang::En),
            };
            let context = Context { url: &alternate.url, ..*context };
            match super::read(&alternate.bytes, alternate.content_type.as_deref(), &context).map_err(unreadable)? {
                Reading::Parsed(parsed) => Ok(Read { parsed, document: alternate }),
                Reading::Alternate { .. } => Err(unreadable(Problem::new(crate::exchange::What::NoStructuredData))),
            }
        }
    }
}

/// Syncs the given sources and reports each as it finishes; `progress`
/// hears the name of each source as its fetch starts.
pub fn sync(
    store: &mut Store,
    sources: Vec<SourceRow>,
    fetcher: &Fetcher,
    now: NaiveDateTime,
    interval: Option<TimeDelta>,
    progress: &mut dyn FnMut(&str),
) -> Vec<Outcome> {
    let queue: Mutex<VecDeque<usize>> = Mutex::new((0..sources.len()).collect());
    let (sender, receiver) = mpsc::channel::<(usize, Result<Fetched, FetchError>)>();
    let (started_sender, started) = mpsc::channel::<usize>();
    let mut outcomes: Vec<Option<Outcome>> = sources.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL.min(sources.len()) {
            let sender = sender.clone();
            let started_sender = started_sender.clone();
            let queue = &queue;
            let sources = &sources;
            scope.spawn(move || {
                loop {
                    // A worker that panicked cannot leave the queue half-changed: pop is one step.
                    let next = queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).pop_front();
                    let Some(index) = next else { break };
                    let source = &sources[index];
                    let _ = started_sender.send(index);
                    let validators =
                        Validators { etag: source.etag.clone(), last_modified: source.last_modified.clone() };
                    let fetched = fetcher.fetch(fetch_url(source), &validators);
                    if sender.send((index, fetched)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        drop(started_sender);
        loop {
            while let Ok(index) = started.try_recv() {
                progress(&sources[index].name);
            }
            match receiver.recv_timeout(Duration::from_millis(50)) {
                Ok((index, fetched)) => {
                    let outcome = settle(store, &sources[index], fetched, fetcher, now, interval);
                    outcomes[index] = Some(outcome);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    });
    outcomes.into_iter().flatten().collect()
}

/// The address a source is fetched from: the feed or calendar its page pointed to, if any.
pub fn fetch_url(source: &SourceRow) -> &str {
    source.document_url.as_deref().unwrap_or(&source.url)
}

/// Writes what one fetch came to.
pub fn settle(
    store: &mut Store,
    source: &SourceRow,
    fetched: Result<Fetched, FetchError>,
    fetcher: &Fetcher,
    now: NaiveDateTime,
    interval: Option<TimeDelta>,
) -> Outcome {
    let due_after_success = interval.map(|interval| now + interval);
    let mut outcome = Outcome {
        name: source.name.clone(),
        result: SyncResult::Unchanged { unchanged: source.offerings },
        skipped: Vec::new(),
        cuts: Vec::new(),
        next_due: due_after_success,
    };
    let regions = match store.regions() {
        Ok(regions) => regions,
        Err(error) => return fail(store, source, &mut outcome, now, storage_failure(&error), None),
    };
    let document = match fetched {
        Err(error) => return fail(store, source, &mut outcome, now, error.failure, error.retry_after),
        Ok(Fetched::NotModified) => {
            let state = FetchState {
                fetched_at: now,
                result: outcome.result.clone(),
                document_url: None,
                etag: source.etag.clone(),
                last_modified: source.last_modified.clone(),
                failures: 0,
                next_due: due_after_success,
            };
            if let Err(error) = store.save_source_state(source.id, &state) {
                return fail(store, source, &mut outcome, now, storage_failure(&error), None);
            }
            return outcome;
        }
        Ok(Fetched::Document(document)) => document,
    };
    let region = source.region.clone();
    let url = document.url.clone();
    let context = Context {
        name: &source.name,
        url: &url,
        kind: source.kind,
        region: region.as_ref(),
        now,
        places: &*store,
        regions: &regions,
    };
    match read_document(document, fetcher, &context) {
        Ok(read) => apply(store, source, read, now, interval),
        Err(failure) => fail(store, source, &mut outcome, now, failure, None),
    }
}

/// Writes a document that was read: its items, the marks of the ones that
/// went, and the new fetch state, in one transaction.
pub fn apply(
    store: &mut Store,
    source: &SourceRow,
    read: Read,
    now: NaiveDateTime,
    interval: Option<TimeDelta>,
) -> Outcome {
    let Read { parsed, document } = read;
    let items: Vec<(Record, ItemStatus)> = parsed
        .items
        .into_iter()
        .map(|(mut record, status)| {
            record.offering.key = stored_key(source.id, &record.offering.key);
            (record, status)
        })
        .collect();
    let batch = SourceBatch { items: &items, document_url: &document.url, keep_before: now - TimeDelta::days(30) };
    let skipped = parsed.skipped.len();
    let mut state = FetchState {
        fetched_at: now,
        result: SyncResult::Synced { counts: SyncCounts { skipped, ..SyncCounts::default() } },
        document_url: (document.url != source.url).then(|| document.url.clone()),
        etag: document.validators.etag.clone(),
        last_modified: document.validators.last_modified.clone(),
        failures: 0,
        next_due: interval.map(|interval| now + interval),
    };
    let mut outcome = Outcome {
        name: source.name.clone(),
        result: state.result.clone(),
        skipped: Vec::new(),
        cuts: Vec::new(),
        next_due: state.next_due,
    };
    match store.apply_source_sync(source.id, &batch, &state) {
        Ok(counts) => {
            let counts = SyncCounts { skipped, ..counts };
            state.result = SyncResult::Synced { counts };
            // The counts are known only now; the rest of the state is already saved.
            let _ = store.save_source_state(source.id, &state);
            outcome.result = state.result;
            outcome.skipped = parsed.skipped;
            outcome.cuts = parsed.cuts;
            outcome
        }
        Err(error) => fail(store, source, &mut outcome, now, storage_failure(&error), None),
    }
}

fn storage_failure(error: &crate::store::StoreError) -> Failure {
    Failure::Unreadable { de: error.explain(Lang::De), en: error.explain(Lang::En) }
}

/// Records a failure and when to try again: after the server's
/// Retry-After, or after a wait that doubles with every failure in a row.
fn fail(
    store: &mut Store,
    source: &SourceRow,
    outcome: &mut Outcome,
    now: NaiveDateTime,
    failure: Failure,
    retry_after: Option<Duration>,
) -> Outcome {
    let failures = source.failures.saturating_add(1);
    let retry_at = now + backoff(failures, retry_after);
    let state = FetchState {
        fetched_at: now,
        result: SyncResult::Failed { failure, retry_at: Some(retry_at) },
        document_url: None,
        etag: source.etag.clone(),
        last_modified: source.last_modified.clone(),
        failures,
        next_due: Some(retry_at),
    };
    // The failure is reported either way; a store that cannot even note it has its own message.
    let _ = store.save_source_state(source.id, &state);
    Outcome {
        name: std::mem::take(&mut outcome.name),
        result: state.result,
        skipped: Vec::new(),
        cuts: Vec::new(),
        next_due: Some(retry_at),
    }
}

/// How long to wait after the `failures`-th failure in a row.
pub fn backoff(failures: u32, retry_after: Option<Duration>) -> TimeDelta {
    let doubled = FIRST_BACKOFF.checked_mul(1 << failures.saturating_sub(1).min(10)).unwrap_or(LONGEST_BACKOFF);
    let wait = doubled.min(LONGEST_BACKOFF);
    let asked = retry_after.and_then(|asked| TimeDelta::from_std(asked).ok()).map(|asked| asked.min(LONGEST_BACKOFF));
    asked.map_or(wait, |asked| asked.max(wait))
}

/// The line `lotse sync` prints for a source.
pub fn line(outcome: &Outcome, lang: Lang) -> String {
    let name = &outcome.name;
    match &outcome.result {
        SyncResult::Synced { counts } => format!("{name}: {}", counts_text(counts, lang)),
        SyncResult::Unchanged { unchanged } => match lang {
            Lang::De => format!("{name}: unverändert ({unchanged} Angebote)"),
            Lang::En => format!("{name}: unchanged ({unchanged} offerings)"),
        },
        SyncResult::Failed { failure, retry_at } => {
            let reason = failure.explain(lang);
            let next = retry_at.map(|at| match lang {
                Lang::De => format!(", nächster Versuch {}", at.format("%H:%M")),
                Lang::En => format!(", next attempt {}", at.format("%H:%M")),
            });
            format!("{name}: {reason}{}", next.unwrap_or_default())
        }
    }
}

pub fn counts_text(counts: &SyncCounts, lang: Lang) -> String {
    let SyncCounts { new, changed, unchanged, cancelled, gone, skipped } = *counts;
    let mut parts = match lang {
        Lang::De => vec![format!("{new} neu"), format!("{changed} geändert"), format!("{unchanged} unverändert")],
        Lang::En => vec![format!("{new} new"), format!("{changed} changed"), format!("{unchanged} unchanged")],
    };
    let extra = match lang {
        Lang::De => [(cancelled, "abgesagt"), (gone, "entfällt"), (skipped, "übersprungen")],
        Lang::En => [(cancelled, "cancelled"), (gone, "dropped"), (skipped, "skipped")],
    };
    parts.extend(extra.into_iter().filter(|(count, _)| *count > 0).map(|(count, word)| format!("{count} {word}")));
    parts.join(", ")
}

/// A source in plain words: name, address, format, last fetch and its result, offerings, next due.
pub fn describe(source: &SourceRow, lang: Lang) -> String {
    let never = match lang {
        Lang::De => "nie",
        Lang::En => "never",
    };
    let when =
        |at: Option<NaiveDateTime>| at.map_or_else(|| never.to_owned(), |at| at.format("%d.%m.%Y %H:%M").to_string());
    let result = source.last_result.as_ref().map_or_else(|| "–".to_owned(), |result| result_text(result, lang));
    let (fetched, offerings, next) = match lang {
        Lang::De => ("zuletzt abgerufen", "Angebote", "nächster Abruf"),
        Lang::En => ("last fetched", "offerings", "next fetch"),
    };
    format!(
        "{}\n  {} ({})\n  {fetched}: {}, {result}\n  {} {offerings}, {next}: {}",
        source.name,
        source.url,
        source.format.label(lang),
        when(source.fetched_at),
        source.offerings,
        when(source.next_due),
    )
}

pub fn result_text(result: &SyncResult, lang: Lang) -> String {
    match result {
        SyncResult::Synced { counts } => counts_text(counts, lang),
        SyncResult::Unchanged { .. } => match lang {
            Lang::De => "unverändert".to_owned(),
            Lang::En => "unchanged".to_owned(),
        },
        SyncResult::Failed { failure, .. } => failure.explain(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_day_and_honours_retry_after() {
        assert_eq!(backoff(1, None), TimeDelta::minutes(15));
        assert_eq!(backoff(2, None), TimeDelta::minutes(30));
        assert_eq!(backoff(4, None), TimeDelta::hours(2));
        assert_eq!(backoff(40, None), TimeDelta::hours(24));
        assert_eq!(backoff(1, Some(Duration::from_secs(3600))), TimeDelta::hours(1));
        assert_eq!(backoff(1, Some(Duration::from_secs(60))), TimeDelta::minutes(15));
    }

    #[test]
    fn counts_name_only_what_happened() {
        let counts = SyncCounts { new: 3, changed: 1, unchanged: 12, cancelled: 1, gone: 1, skipped: 0 };
        assert_eq!(counts_text(&counts, Lang::De), "3 neu, 1 geändert, 12 unverändert, 1 abgesagt, 1 entfällt");
        assert_eq!(counts_text(&SyncCounts::default(), Lang::En), "0 new, 0 changed, 0 unchanged");
    }
}
