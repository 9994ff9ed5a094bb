//! What lotse keeps about a source and what a sync did, shared by the
//! sync, the store and the commands that show it.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::{Kind, RegionRef};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Calendar,
    Feed,
    Page,
}

impl SourceFormat {
    pub fn code(self) -> &'static str {
        match self {
            SourceFormat::Calendar => "calendar",
            SourceFormat::Feed => "feed",
            SourceFormat::Page => "page",
        }
    }

    pub fn from_code(code: &str) -> Option<SourceFormat> {
        [SourceFormat::Calendar, SourceFormat::Feed, SourceFormat::Page]
            .into_iter()
            .find(|format| format.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SourceFormat::Calendar, _) => "iCalendar",
            (SourceFormat::Feed, _) => "RSS/Atom/JSON Feed",
            (SourceFormat::Page, Lang::De) => "Seite mit JSON-LD",
            (SourceFormat::Page, Lang::En) => "page with JSON-LD",
        }
    }
}

/// How an offering stands in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Active,
    Cancelled,
    Postponed,
    Rescheduled,
    /// No longer in the source: kept, never deleted.
    Gone,
}

impl ItemStatus {
    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Active => "active",
            ItemStatus::Cancelled => "cancelled",
            ItemStatus::Postponed => "postponed",
            ItemStatus::Rescheduled => "rescheduled",
            ItemStatus::Gone => "gone",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemStatus> {
        [ItemStatus::Active, ItemStatus::Cancelled, ItemStatus::Postponed, ItemStatus::Rescheduled, ItemStatus::Gone]
            .into_iter()
            .find(|status| status.code() == code)
    }

    /// The mark in the list's narrow status column.
    pub fn short_mark(self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (ItemStatus::Gone, Lang::De) => Some("entfällt"),
            (ItemStatus::Gone, Lang::En) => Some("dropped"),
            (status, lang) => status.mark(lang),
        }
    }

    /// The mark shown in the detail; none for an active offering.
    pub fn mark(self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (ItemStatus::Active, _) => None,
            (ItemStatus::Cancelled, Lang::De) => Some("abgesagt"),
            (ItemStatus::Cancelled, Lang::En) => Some("cancelled"),
            (ItemStatus::Postponed, Lang::De) => Some("verschoben"),
            (ItemStatus::Postponed, Lang::En) => Some("postponed"),
            (ItemStatus::Rescheduled, Lang::De) => Some("neu terminiert"),
            (ItemStatus::Rescheduled, Lang::En) => Some("rescheduled"),
            (ItemStatus::Gone, Lang::De) => Some("entfällt (nicht mehr in der Quelle)"),
            (ItemStatus::Gone, Lang::En) => Some("dropped (no longer in the source)"),
        }
    }
}

/// A source as the user added it, with its fetch state.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub format: SourceFormat,
    pub kind: Option<Kind>,
    pub region: Option<RegionRef>,
    /// Where the offerings actually come from: the alternate a page pointed to.
    pub document_url: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub fetched_at: Option<NaiveDateTime>,
    pub last_result: Option<SyncResult>,
    pub failures: u32,
    pub next_due: Option<NaiveDateTime>,
    pub offerings: usize,
}

#[derive(Debug, Clone)]
pub struct NewSource {
    pub name: String,
    pub url: String,
    pub format: SourceFormat,
    pub kind: Option<Kind>,
    pub region: Option<RegionRef>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncCounts {
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub cancelled: usize,
    pub gone: usize,
    /// Items the source offered that could not be taken.
    pub skipped: usize,
}

/// What the last sync of a source came to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum SyncResult {
    Synced {
        counts: SyncCounts,
    },
    /// 304: the source says nothing changed.
    Unchanged {
        unchanged: usize,
    },
    Failed {
        failure: Failure,
        retry_at: Option<NaiveDateTime>,
    },
}

/// Why a source could not be synced. Stored, so it is shown in either language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Failure {
    Timeout {
        seconds: u64,
    },
    Unreachable {
        detail: String,
    },
    Status {
        code: u16,
    },
    Throttled {
        code: u16,
    },
    TooLarge {
        limit: u64,
    },
    TooManyRedirects {
        max: u32,
    },
    RedirectLoop {
        url: String,
    },
    BadUrl {
        url: String,
    },
    /// The document was fetched but could not be read: the reader's words.
    Unreadable {
        de: String,
        en: String,
    },
}

impl Failure {
    pub fn explain(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            Failure::Timeout { seconds } if de => format!("nicht erreichbar (Zeitüberschreitung nach {seconds} s)"),
            Failure::Timeout { seconds } => format!("not reachable (timed out after {seconds} s)"),
            Failure::Unreachable { detail } if de => format!("nicht erreichbar ({detail})"),
            Failure::Unreachable { detail } => format!("not reachable ({detail})"),
            Failure::Status { code } if de => format!("der Server antwortet mit Fehler {code}"),
            Failure::Status { code } => format!("the server answers with error {code}"),
            Failure::Throttled { code } if de => format!("der Server bittet zu warten ({code})"),
            Failure::Throttled { code } => format!("the server asks to wait ({code})"),
            Failure::TooLarge { limit } if de => {
                format!("das Dokument ist größer als {} MB; abgebrochen", limit / 1_000_000)
            }
            Failure::TooLarge { limit } => format!("the document is larger than {} MB; stopped", limit / 1_000_000),
            Failure::TooManyRedirects { max } if de => {
                format!("mehr als {max} Weiterleitungen; prüfen Sie die Adresse")
            }
            Failure::TooManyRedirects { max } => format!("more than {max} redirects; check the address"),
            Failure::RedirectLoop { url } if de => {
                format!("die Weiterleitungen drehen sich im Kreis (zurück zu {url}); prüfen Sie die Adresse")
            }
            Failure::RedirectLoop { url } => {
                format!("the redirects go round in a loop (back to {url}); check the address")
            }
            Failure::BadUrl { url } if de => format!("„{url}“ ist keine http(s)- oder webcal-Adresse"),
            Failure::BadUrl { url } => format!("\"{url}\" is not an http(s) or webcal address"),
            Failure::Unreadable { de: text, .. } if de => text.clone(),
            Failure::Unreadable { en, .. } => en.clone(),
        }
    }
}
