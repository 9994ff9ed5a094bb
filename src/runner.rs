//! Where effects requested by `update` meet the store and the search.
//! `Backend` does the work; the dashboard runs a second one on a worker
//! thread so that loading and searching never hold up a frame.

use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::app::{Action, App, Catalogue, Effect, OrderKey, Personal, personal, update, usual_order};
use crate::cli::RegistrationFormat;
use crate::domain::Kind;
use crate::i18n::Lang;
use crate::messages;
use crate::search::{KeywordLookup, SearchSession};
use crate::store::{ListingRow, RegistrationError, Store, StoreError, WhenFull, Whose};

/// The calendar file `x` writes in the dashboard.
const CALENDAR_FILE: &str = "lotse-anmeldungen.ics";

pub struct Backend {
    store: Store,
    search: Option<SearchSession>,
    lang: Lang,
    export_dir: Option<PathBuf>,
}

impl Backend {
    pub fn new(store: Store) -> Backend {
        Backend { store, search: None, lang: Lang::De, export_dir: None }
    }

    /// The language of the messages the backend words itself.
    pub fn with_lang(mut self, lang: Lang) -> Backend {
        self.lang = lang;
        self
    }

    /// Where `x` saves the calendar; the user's download folder when not set.
    pub fn with_export_dir(mut self, directory: PathBuf) -> Backend {
        self.export_dir = Some(directory);
        self
    }

    /// The profile, its active registrations and the marked interests.
    fn personal(&self) -> anyhow::Result<Personal> {
        let profile = self.store.profile()?;
        let registrations = self.store.registrations(Whose::Own)?;
        let interests = self.store.interests()?.into_iter().map(|(key, _)| key);
        Ok(personal::personal(profile, registrations, interests))
    }

    fn export_dir(&self) -> PathBuf {
        self.export_dir.clone().unwrap_or_else(|| {
            directories::UserDirs::new()
                .and_then(|dirs| dirs.download_dir().map(PathBuf::from).or_else(|| Some(dirs.home_dir().to_owned())))
                .unwrap_or_else(|| PathBuf::from("."))
        })
    }

    fn failed(&self, error: RegistrationError, key: &str) -> String {
        let title = self.store.title_or_key(key).unwrap_or_else(|_| key.to_owned());
        messages::registration_error(&error, &title, self.lang)
    }

    /// Reads every offering and prepares the search over them, from the
    /// search fields folded when the offerings were written.
    pub fn load(&mut self) -> anyhow::Result<Catalogue> {
        let regions = self.store.regions()?;
        let searchable = self.store.searchable_offerings()?;
        self.search = Some(SearchSession::new(searchable.index, &searchable.rowids).for_typing());
        Ok(Catalogue { offerings: searchable.offerings, regions, personal: self.personal()?, preview_totals: None })
    }

    /// A first look: the first `rows` offerings of each kind in their tab's
    /// usual order at `now`, and the user's own, read from a few stored
    /// columns in a fraction of the time `load` takes.
    pub fn preview(&self, now: NaiveDateTime, rows: usize) -> anyhow::Result<Catalogue> {
        let listing = self.store.listing()?;
        let personal = self.personal()?;
        let mut keys: Vec<String> = personal.registrations.keys().chain(personal.interests.iter()).cloned().collect();
        let mut totals = Vec::with_capacity(Kind::ALL.len());
        for kind in Kind::ALL {
            let of_kind: Vec<&ListingRow> = listing.iter().filter(|row| row.kind == kind).collect();
            totals.push(of_kind.len());
            let order_keys: Vec<OrderKey> = of_kind
                .iter()
                .map(|row| OrderKey {
                    title: row.title.to_lowercase(),
                    starts: row.starts_at,
                    // A start stored without its end is as late as it is early,
                    // unless it was a whole day; the full load corrects that rarity.
                    last: row.ends_at.or(row.starts_at),
                })
                .collect();
            keys.extend(usual_order(kind, &order_keys, now, Some(rows)).into_iter().map(|at| of_kind[at].key.clone()));
        }
        keys.sort_unstable();
        keys.dedup();
        Ok(Catalogue {
            offerings: self.store.offerings_by_keys(&keys)?,
            regions: self.store.regions()?,
            personal,
            preview_totals: Some(totals),
        })
    }

    pub fn perform(&mut self, effect: Effect) -> Action {
        match effect {
            Effect::LoadLongText { key } => {
                let text = match self.store.long_text(&key) {
                    Ok(Some(text)) => Ok(text),
                    Ok(None) => Err(format!("„{key}“ ist nicht mehr in der Datenbank")),
                    Err(error) => Err(error.explain(self.lang)),
                };
                Action::LongTextLoaded { key, text }
            }
            Effect::LoadOccupancy { key } => {
                let occupancy = self.store.occupancy(&key).map_err(|error| error.explain(self.lang));
                Action::OccupancyLoaded { key, occupancy }
            }
            Effect::Search { generation, query } => {
                let hits = match &mut self.search {
                    Some(session) => {
                        session.search(&query, &mut StoreKeywords(&self.store)).map_err(|error| {
                            // A lost server connection is worded for the user, as elsewhere.
                            match error.downcast_ref::<StoreError>() {
                                Some(store_error) => store_error.explain(self.lang),
                                None => error.to_string(),
                            }
                        })
                    }
                    None => Err("Die Suche ist noch nicht bereit.".to_owned()),
                };
                Action::SearchDone { generation, hits }
            }
            Effect::PrepareRegistration { key, email } => {
                let prepared =
                    self.store.registration(&key, &email).and_then(|existing| Ok((existing, self.store.seats(&key)?)));
                match prepared {
                    Ok((existing, seats)) => Action::RegistrationPrepared { key, existing, seats },
                    Err(error) => Action::RegisterDone { key, result: Err(error.explain(self.lang)) },
                }
            }
            Effect::SaveProfile { profile, then_register } => {
                let saved =
                    self.store.save_profile(&profile).map(|()| profile).map_err(|error| error.explain(self.lang));
                Action::ProfileSaved { profile: saved, then_register }
            }
            Effect::Register { key, applicant, now } => {
                let result = self.store.register(&key, &applicant, WhenFull::JoinWaitlist, now);
                Action::RegisterDone { result: result.map_err(|error| self.failed(error, &key)), key }
            }
            Effect::Cancel { key, email, now } => {
                let result = self.store.cancel(&key, &email, now);
                Action::CancelDone { result: result.map_err(|error| self.failed(error, &key)), key }
            }
            Effect::ToggleInterest { key, now } => {
                let result = self.store.toggle_interest(&key, now);
                Action::InterestDone { result: result.map_err(|error| self.failed(error, &key)), key }
            }
            Effect::Undo { change, now } => {
                Action::UndoDone(self.store.undo(&change, now).map_err(|error| self.failed(error, "")))
            }
            Effect::LoadPersonal => Action::PersonalLoaded(self.personal().map_err(|error| format!("{error:#}"))),
            Effect::ExportCalendar { now } => {
                let path = self.export_dir().join(CALENDAR_FILE);
                let written =
                    crate::commands::registration::render_export(&self.store, RegistrationFormat::Ics, now, self.lang)
                        .and_then(|bytes| crate::commands::files::write_output(&path, &bytes, self.lang));
                Action::Exported(written.map(|()| path).map_err(|error| format!("{error:#}")))
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
