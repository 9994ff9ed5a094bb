//! Where effects requested by `update` meet the store and the search.
//! `Backend` does the work; the dashboard runs a second one on a worker
//! thread so that loading and searching never hold up a frame.

use crate::app::{Action, App, Catalogue, Effect, update};
use crate::search::{KeywordLookup, SearchSession};
use crate::store::Store;

/// How many hits per tab the search scores fully (see `app::RANKED_PER_TAB`).
const SCORED_PER_TAB: usize = crate::app::RANKED_PER_TAB;

pub struct Backend {
    store: Store,
    search: Option<SearchSession>,
}

impl Backend {
    pub fn new(store: Store) -> Backend {
        Backend { store, search: None }
    }

    /// Reads every offering and prepares the search over them, from the
    /// search fields folded when the offerings were written.
    pub fn load(&mut self) -> anyhow::Result<Catalogue> {
        let regions = self.store.regions()?;
        let searchable = self.store.searchable_offerings()?;
        self.search = Some(SearchSession::new(searchable.index, &searchable.rowids, SCORED_PER_TAB).for_typing());
        Ok(Catalogue { offerings: searchable.offerings, regions })
    }

    pub fn perform(&mut self, effect: Effect) -> Action {
        match effect {
            Effect::LoadLongText { key } => {
                let text = match self.store.long_text(&key) {
                    Ok(Some(text)) => Ok(text),
                    Ok(None) => Err(format!("„{key}“ ist nicht mehr in der Datenbank")),
                    Err(error) => Err(error.to_string()),
                };
                Action::LongTextLoaded { key, text }
            }
            Effect::Search { generation, query } => {
                let hits = match &mut self.search {
                    Some(session) => {
                        session.search(&query, &mut StoreKeywords(&self.store)).map_err(|error| error.to_string())
                    }
                    None => Err("Die Suche ist noch nicht bereit.".to_owned()),
                };
                Action::SearchDone { generation, hits }
            }
        }
    }
}

/// Applies an action and every action its effects lead to, all on this thread.
pub fn dispatch(app: &mut App, backend: &mut Backend, action: Action) {
    dispatch_with(app, action, |effect| Some(backend.perform(effect)));
}

/// Applies an action, hands each effect to `perform`, and applies the
/// actions it answers with at once; effects it sends elsewhere answer `None`.
pub fn dispatch_with(app: &mut App, action: Action, mut perform: impl FnMut(Effect) -> Option<Action>) {
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        for effect in update(app, action) {
            pending.extend(perform(effect));
        }
    }
}

/// The store's full-text index as the search's keyword source.
pub struct StoreKeywords<'a>(pub &'a Store);

impl KeywordLookup for StoreKeywords<'_> {
    fn prefix_rowids(&mut self, part: &str) -> anyhow::Result<Vec<i64>> {
        Ok(self.0.keyword_prefix_rowids(part)?)
    }

    fn term_rowids(&mut self, term: &str) -> anyhow::Result<Vec<i64>> {
        Ok(self.0.keyword_term_rowids(term)?)
    }

    fn terms(&mut self, part: &str) -> anyhow::Result<Vec<String>> {
        Ok(self.0.keyword_terms(part)?)
    }
}
