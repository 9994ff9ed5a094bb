//! The dashboard's side of sources: which offerings came from where and
//! whether the user has seen them, the sources view, and syncing in the
//! background. Pure state logic: the runner does the fetching.

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeDelta};

use crate::domain::Offering;
use crate::i18n::Lang;
use crate::sources::model::{ItemStatus, SourceRow};
use crate::store::{Provenance, Seen};

use super::action::{Action, Effect};
use super::availability::Availability;
use super::keymap::Command;
use super::rows;
use super::state::{App, Popup, StatusMessage, Tone};

/// What the store says about sources, as the dashboard shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourcesView {
    /// By offering key.
    pub provenance: HashMap<String, Provenance>,
    pub list: Vec<SourceRow>,
}

/// What one background sync came to, worded by the runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub lines: Vec<String>,
    pub failed: usize,
}

#[derive(Debug, Clone, Default)]
pub struct SourcesState {
    pub view: SourcesView,
    /// The source being fetched while a sync runs; empty before the first starts.
    pub syncing: Option<String>,
    /// How old a source may get before it is synced at start; None: never.
    pub interval: Option<TimeDelta>,
    /// Set at start until the sources are known: then due ones are synced.
    pub auto_sync: bool,
    /// Whether the user was told about registrations for cancelled or dropped offerings.
    pub told_about_yours: bool,
}

pub fn command(app: &mut App, command: Command, effects: &mut Vec<Effect>) {
    match command {
        Command::ShowSources => app.popup = Some(Popup::Sources { scroll: 0 }),
        Command::SyncSources => start_sync(app, effects),
        Command::OnlyNew => {
            app.filters.only_new = !app.filters.only_new;
            rows::refresh(app);
        }
        Command::MarkRead => {
            if let Some(key) = app.selected_offering().map(|offering| offering.key.clone()) {
                mark_seen(app, &key, effects);
            }
        }
        _ => {}
    }
}

fn start_sync(app: &mut App, effects: &mut Vec<Effect>) {
    if app.sources.syncing.is_some() {
        app.message = Some(StatusMessage::new(Tone::Warning, app.lang.strings().src.already_syncing.to_owned()));
        return;
    }
    app.sources.syncing = Some(String::new());
    effects.push(Effect::SyncSources { now: app.now });
}

pub fn apply(app: &mut App, action: Action, effects: &mut Vec<Effect>) {
    match action {
        Action::StartSources { interval } => {
            app.sources.interval = interval;
            app.sources.auto_sync = interval.is_some();
            effects.push(Effect::LoadSources);
        }
        Action::SourcesLoaded(Ok(view)) => {
            app.sources.view = view;
            if app.filters.only_new {
                rows::refresh(app);
            }
            if std::mem::take(&mut app.sources.auto_sync)
                && any_due(&app.sources.view.list, app.sources.interval, app.now)
            {
                start_sync(app, effects);
            }
            tell_about_yours(app);
        }
        Action::SourcesLoaded(Err(message)) | Action::SyncFinished(Err(message)) => {
            app.sources.syncing = None;
            app.message = Some(StatusMessage::new(Tone::Failed, message));
        }
        Action::SyncProgress { name } => app.sources.syncing = Some(name),
        Action::SyncFinished(Ok(report)) => {
            app.sources.syncing = None;
            let strings = app.lang.strings().src;
            let (head, tone) = match report.failed {
                0 => (strings.synced, Tone::Done),
                _ => (strings.some_failed, Tone::Warning),
            };
            let text = format!("{head}: {}", report.lines.join(" · "));
            // What a sync changed stays in view until the next change or Esc.
            app.lasting = Some(StatusMessage::new(tone, text));
            effects.push(Effect::LoadSources);
            // A watched store names the offerings the sync wrote, and only
            // those are read again; otherwise everything is.
            if !app.watched {
                effects.push(Effect::ReloadCatalogue);
            }
        }
        _ => {}
    }
}

/// Whether a source was never fetched or is older than `interval`.
pub fn any_due(sources: &[SourceRow], interval: Option<TimeDelta>, now: NaiveDateTime) -> bool {
    let Some(interval) = interval else { return false };
    sources.iter().any(|source| {
        let waiting = source.failures > 0 && source.next_due.is_some_and(|due| due > now);
        !waiting && source.fetched_at.is_none_or(|fetched| fetched + interval <= now)
    })
}

/// A status message at start when one of the user's registrations is for
/// an offering its source cancelled or dropped.
fn tell_about_yours(app: &mut App) {
    if app.sources.told_about_yours || app.message.is_some() {
        return;
    }
    let affected = app
        .personal
        .registrations
        .keys()
        .filter(|key| {
            app.sources
                .view
                .provenance
                .get(*key)
                .is_some_and(|found| matches!(found.status, ItemStatus::Cancelled | ItemStatus::Gone))
        })
        .count();
    if affected > 0 {
        app.sources.told_about_yours = true;
        let text = app.lang.strings().src.affects_yours.replace("{}", &affected.to_string());
        app.message = Some(StatusMessage::new(Tone::Warning, text));
    }
}

/// When the user has looked at an offering, its "neu"/"geändert" mark goes.
pub fn mark_seen(app: &mut App, key: &str, effects: &mut Vec<Effect>) {
    if let Some(found) = app.sources.view.provenance.get_mut(key)
        && found.seen != Seen::Seen
    {
        found.seen = Seen::Seen;
        effects.push(Effect::MarkSeen { key: key.to_owned() });
        if app.filters.only_new {
            rows::refresh(app);
        }
    }
}

pub fn is_unread(app: &App, key: &str) -> bool {
    app.sources.view.provenance.get(key).is_some_and(|found| found.seen != Seen::Seen)
}

/// The mark in the list's status column: what the source says about the
/// offering, else whether it is new or changed since the user looked.
pub fn list_mark(app: &App, offering: &Offering) -> Option<Availability> {
    let found = app.sources.view.provenance.get(&offering.key)?;
    match (found.status, found.seen) {
        (ItemStatus::Active, Seen::New) => Some(Availability::New),
        (ItemStatus::Active, Seen::Changed) => Some(Availability::Changed),
        (ItemStatus::Active, Seen::Seen) => None,
        (status, _) => Some(Availability::Source(status)),
    }
}

/// "Quellen: vor 3 Std. abgerufen", from the latest fetch of any source.
pub fn freshness(app: &App) -> Option<String> {
    let strings = app.lang.strings().src;
    if let Some(name) = &app.sources.syncing {
        return Some(format!("{}: {name} …", strings.syncing));
    }
    let list = &app.sources.view.list;
    if list.is_empty() {
        return None;
    }
    let latest = list.iter().filter_map(|source| source.fetched_at).max();
    Some(match latest {
        Some(at) => format!("{}: {}", strings.fresh_label, ago(app.now - at, app.lang)),
        None => format!("{}: {}", strings.fresh_label, strings.never),
    })
}

/// "vor 3 Std. abgerufen" / "fetched 3 h ago".
pub fn ago(elapsed: TimeDelta, lang: Lang) -> String {
    let minutes = elapsed.num_minutes().max(0);
    let (count, unit_de, unit_en) = match minutes {
        0..60 => (minutes, "Min.", "min"),
        60..2880 => (minutes / 60, "Std.", "h"),
        _ => (minutes / 1440, "Tagen", "days"),
    };
    match lang {
        Lang::De => format!("vor {count} {unit_de} abgerufen"),
        Lang::En => format!("fetched {count} {unit_en} ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freshness_is_said_in_rounded_units() {
        assert_eq!(ago(TimeDelta::minutes(5), Lang::De), "vor 5 Min. abgerufen");
        assert_eq!(ago(TimeDelta::minutes(190), Lang::De), "vor 3 Std. abgerufen");
        assert_eq!(ago(TimeDelta::days(3), Lang::En), "fetched 3 days ago");
    }

    fn source(fetched_at: Option<&str>, failures: u32, next_due: Option<&str>) -> SourceRow {
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        SourceRow {
            id: 1,
            name: "Q".into(),
            url: "http://127.0.0.1/".into(),
            format: crate::sources::model::SourceFormat::Calendar,
            kind: None,
            region: None,
            document_url: None,
            etag: None,
            last_modified: None,
            fetched_at: fetched_at.map(at),
            last_result: None,
            failures,
            next_due: next_due.map(at),
            offerings: 0,
        }
    }

    #[test]
    fn sources_are_due_when_older_than_the_interval_and_not_waiting() {
        let now = NaiveDateTime::parse_from_str("2025-03-01 12:00", "%Y-%m-%d %H:%M").unwrap();
        let six_hours = Some(TimeDelta::hours(6));
        assert!(any_due(&[source(None, 0, None)], six_hours, now));
        assert!(any_due(&[source(Some("2025-03-01 05:00"), 0, None)], six_hours, now));
        assert!(!any_due(&[source(Some("2025-03-01 07:00"), 0, None)], six_hours, now));
        assert!(!any_due(&[source(Some("2025-02-01 07:00"), 2, Some("2025-03-01 13:00"))], six_hours, now));
        assert!(!any_due(&[source(None, 0, None)], None, now), "off");
    }
}
