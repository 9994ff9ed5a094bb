//! Sources and the offerings they bring, as both backends keep them: the
//! fetch state, where each offering came from, and how one fetch is judged
//! against what is stored. The SQL is in each backend's `sources.rs`; a
//! sync writes in one transaction there.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::domain::{Kind, Record};
use crate::sources::model::{ItemStatus, SourceFormat, SourceRow, SyncCounts, SyncResult};

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

pub(crate) fn time_text(at: NaiveDateTime) -> String {
    at.format(TIME_FORMAT).to_string()
}

pub(crate) fn parse_time(text: Option<String>) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(&text?, TIME_FORMAT).ok()
}

/// The fetch state a sync leaves behind, whatever it came to.
#[derive(Debug, Clone)]
pub struct FetchState {
    pub fetched_at: NaiveDateTime,
    pub result: SyncResult,
    pub document_url: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub failures: u32,
    pub next_due: Option<NaiveDateTime>,
}

impl FetchState {
    pub(crate) fn result_json(&self) -> String {
        serde_json::to_string(&self.result).expect("sync results always serialise to JSON")
    }
}

/// Everything a source gave in one fetch, keys already namespaced.
pub struct SourceBatch<'a> {
    pub items: &'a [(Record, ItemStatus)],
    pub document_url: &'a str,
    /// Offerings that ended before this are not marked as gone when they
    /// drop out: a calendar only lists occurrences from a month back.
    pub keep_before: NaiveDateTime,
}

/// Where an offering came from, for the detail and the JSON export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub source_name: String,
    pub document_url: String,
    pub fetched_at: NaiveDateTime,
    pub status: ItemStatus,
    pub seen: Seen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    New,
    Changed,
    Seen,
}

impl Seen {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Seen::New => "new",
            Seen::Changed => "changed",
            Seen::Seen => "seen",
        }
    }

    pub(crate) fn from_code(code: &str) -> Seen {
        match code {
            "new" => Seen::New,
            "changed" => Seen::Changed,
            _ => Seen::Seen,
        }
    }
}

/// What removing a source did to its offerings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    pub deleted: usize,
    /// Offerings kept because someone registered for them.
    pub kept_registered: usize,
}

/// The status and mark each offering of a source has now, by key.
pub(crate) type Previous = HashMap<String, (ItemStatus, Seen)>;

pub(crate) fn item_state(status: &str, seen: &str) -> (ItemStatus, Seen) {
    (ItemStatus::from_code(status).unwrap_or(ItemStatus::Active), Seen::from_code(seen))
}

/// How one fetched item compares with what is stored: the mark it gets,
/// and whether its offering must be written. Counts it in `counts`.
pub(crate) fn judge_item(
    stored: Option<&Record>,
    before: Option<&(ItemStatus, Seen)>,
    record: &Record,
    status: ItemStatus,
    counts: &mut SyncCounts,
) -> (Seen, bool) {
    let seen = match (stored, before) {
        (None, _) => {
            counts.new += 1;
            Seen::New
        }
        (Some(stored), before) if stored == record && before.is_none_or(|(old, _)| *old == status) => {
            counts.unchanged += 1;
            before.map_or(Seen::Seen, |(_, seen)| *seen)
        }
        (Some(_), before) => {
            counts.changed += 1;
            match before {
                Some((_, Seen::New)) => Seen::New,
                _ => Seen::Changed,
            }
        }
    };
    if status == ItemStatus::Cancelled && before.is_none_or(|(old, _)| *old != ItemStatus::Cancelled) {
        counts.cancelled += 1;
    }
    (seen, stored != Some(record))
}

/// The keys of a source's offerings that it no longer offers and that are
/// not yet marked gone.
pub(crate) fn dropped_out<'a>(previous: &'a Previous, batch: &SourceBatch) -> Vec<&'a str> {
    let offered: std::collections::HashSet<&str> =
        batch.items.iter().map(|(record, _)| record.offering.key.as_str()).collect();
    previous
        .iter()
        .filter(|(key, (status, _))| *status != ItemStatus::Gone && !offered.contains(key.as_str()))
        .map(|(key, _)| key.as_str())
        .collect()
}

/// A source's stored columns, in the order both backends select them.
pub(crate) struct SourceColumns {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub format: String,
    pub kind: Option<String>,
    pub region_code: Option<String>,
    pub document_url: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub fetched_at: Option<String>,
    pub last_result: Option<String>,
    pub failures: i64,
    pub next_due: Option<String>,
    pub offerings: i64,
}

/// The columns of a source, and how many of its offerings are still offered.
pub(crate) const SOURCE_COLUMNS: &str = "s.id, s.name, s.url, s.format, s.kind, s.region_code, s.document_url, s.etag,
     s.last_modified, s.fetched_at, s.last_result, s.failures, s.next_due,
     (SELECT count(*) FROM source_items i WHERE i.source_id = s.id AND i.status <> 'gone')";

impl SourceColumns {
    pub fn into_source(self) -> SourceRow {
        SourceRow {
            id: self.id,
            name: self.name,
            url: self.url,
            format: SourceFormat::from_code(&self.format).unwrap_or(SourceFormat::Feed),
            kind: self.kind.as_deref().and_then(Kind::from_code),
            region: self.region_code.and_then(|code| code.parse().ok()),
            document_url: self.document_url,
            etag: self.etag,
            last_modified: self.last_modified,
            fetched_at: parse_time(self.fetched_at),
            // A result this version cannot read is shown as none rather than failing the list.
            last_result: self.last_result.and_then(|text| serde_json::from_str(&text).ok()),
            failures: u32::try_from(self.failures.max(0)).unwrap_or(u32::MAX),
            next_due: parse_time(self.next_due),
            offerings: usize::try_from(self.offerings.max(0)).unwrap_or(usize::MAX),
        }
    }
}
