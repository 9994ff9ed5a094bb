//! `lotse db copy`: a whole store read from one backend and merged into
//! another in one transaction there. Merging, not replacing: copying a
//! laptop's store into the team's server adds to it and never deletes a
//! colleague's registration. Copying again finds everything in place and
//! changes nothing. The profile and home place travel with the person:
//! one the source lacks leaves the target's as it is. Sources travel too,
//! with their fetch state and what each of their offerings came from.

use crate::domain::{Profile, Record};

use std::collections::HashMap;

use super::sources::{Provenance, SourceColumns, time_text};
use super::{Engine, Store, StoreError};

/// One registration as stored, cancelled ones included, so that a copy
/// keeps the history an undo or an export relies on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredRegistration {
    pub offering_key: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub phone: Option<String>,
    pub note: String,
    pub status: String,
    pub registered_at: String,
    pub changed_at: String,
    /// The copying person's own, which stays theirs in the target.
    pub own: bool,
}

/// A source as stored, its fetch state included, so that the first sync
/// in the target asks with the same validators and keeps the same rhythm.
pub(crate) struct StoredSource {
    pub columns: SourceColumns,
    pub added_at: String,
}

/// The columns a copied source is written to, in the order of the values.
pub(crate) const SOURCE_INSERT_COLUMNS: &str = "name, url, format, kind, region_code, document_url, etag, \
                                                last_modified, fetched_at, last_result, failures, next_due, added_at";

/// Which source an offering came from and how it stood there, with the
/// source named, as ids differ between stores. `seen` is the copying
/// person's mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredSourceItem {
    pub offering_key: String,
    pub source_name: String,
    pub document_url: String,
    pub fetched_at: String,
    pub status: String,
    pub seen: String,
}

impl StoredSourceItem {
    /// The items as a store's provenance shows them, in key order.
    pub fn all_of(provenance: HashMap<String, Provenance>) -> Vec<StoredSourceItem> {
        let mut items: Vec<StoredSourceItem> = provenance
            .into_iter()
            .map(|(offering_key, found)| StoredSourceItem {
                offering_key,
                source_name: found.source_name,
                document_url: found.document_url,
                fetched_at: time_text(found.fetched_at),
                status: found.status.code().to_owned(),
                seen: found.seen.code().to_owned(),
            })
            .collect();
        items.sort_unstable_by(|a, b| a.offering_key.cmp(&b.offering_key));
        items
    }
}

/// Everything a copy carries: the offerings, all registrations (oldest
/// first, so the waitlist keeps its order), the sources and where each
/// offering came from, and the interests and profile and home place of the
/// person copying.
pub(crate) struct Snapshot {
    pub records: Vec<Record>,
    pub registrations: Vec<StoredRegistration>,
    pub interests: Vec<(String, String)>,
    pub profile: Option<Profile>,
    pub home_place: Option<String>,
    pub sources: Vec<StoredSource>,
    pub source_items: Vec<StoredSourceItem>,
}

/// What a copy changed in the target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Copied {
    pub offerings: usize,
    pub offerings_written: usize,
    pub registrations_added: usize,
    pub interests_added: usize,
    /// Sources the target did not have by that name; one it has stays as it is.
    pub sources_added: usize,
    pub profile: bool,
    pub home_place: bool,
}

impl Store {
    /// Merges this whole store into `target` in one transaction there: all
    /// of it or, on any failure, nothing.
    pub fn copy_to(&self, target: &mut Store) -> Result<Copied, StoreError> {
        let snapshot = match &self.engine {
            Engine::Sqlite(store) => store.snapshot()?,
            Engine::Postgres(store) => store.snapshot()?,
        };
        match &mut target.engine {
            Engine::Sqlite(store) => store.merge(&snapshot),
            Engine::Postgres(store) => store.merge(&snapshot),
        }
    }
}
