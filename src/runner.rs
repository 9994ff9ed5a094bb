//! Where effects requested by `update` meet the store and the search.
//! `Backend` does the work; the dashboard runs a second one on a worker
//! thread so that loading and searching never hold up a frame.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::app::picker::PlaceIndex;
use crate::app::sources::{SourcesView, SyncReport};
use crate::app::{Action, App, Catalogue, Effect, OfferingsChange, OrderKey, Personal, personal, update, usual_order};
use crate::desktop::Opener;
use crate::domain::Kind;
use crate::exchange::calendar;
use crate::i18n::Lang;
use crate::messages;
use crate::search::{KeywordLookup, SearchSession};
use crate::settings::SourceSettings;
use crate::sources::fetch::Fetcher;
use crate::sources::sync;
use crate::splice::Splice;
use crate::store::{RegistrationError, Store, StoreError, WhenFull, Whose};

/// The calendar file `x` writes in the dashboard.
fn calendar_file(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "lotse-anmeldungen.ics",
        Lang::En => "lotse-registrations.ics",
    }
}

/// What reading changed offerings again brought.
pub enum Refreshed {
    /// Only those offerings, to splice in.
    Changed(OfferingsChange),
    /// Every offering.
    Reloaded(Box<Catalogue>),
}

/// Where each offering takes place (see `Gazetteer::locate`), worked out
/// here, off the drawing thread.
fn locate_all(offerings: &[crate::domain::Offering]) -> Vec<Option<crate::geo::LatLon>> {
    let gazetteer = crate::geo::Gazetteer::shipped();
    offerings.iter().map(|offering| gazetteer.locate(offering)).collect()
}

/// Hands text to the system clipboard; the terminal's OSC 52 unless replaced.
pub type Clipboard = Box<dyn FnMut(&str) -> std::io::Result<()> + Send>;

pub struct Backend {
    store: Store,
    search: Option<SearchSession>,
    /// The keys of the offerings handed out last, by entry of `search`:
    /// where offerings read again are spliced in.
    keys: Vec<String>,
    lang: Lang,
    export_dir: Option<PathBuf>,
    /// How sources are fetched; without it the backend syncs none.
    sources: Option<SourceSettings>,
    opener: Opener,
    clipboard: Clipboard,
}

impl Backend {
    pub fn new(store: Store) -> Backend {
        Backend {
            store,
            search: None,
            keys: Vec::new(),
            lang: Lang::De,
            export_dir: None,
            sources: None,
            opener: Opener::System,
            clipboard: Box::new(crate::desktop::copy_to_terminal),
        }
    }

    /// The language of the messages the backend words itself.
    pub fn with_lang(mut self, lang: Lang) -> Backend {
        self.lang = lang;
        self
    }

    pub fn with_sources(mut self, settings: SourceSettings) -> Backend {
        self.sources = Some(settings);
        self
    }

    fn sources_view(&self) -> anyhow::Result<SourcesView> {
        Ok(SourcesView { provenance: self.store.provenance()?, list: self.store.sources()? })
    }

    /// Fetches every source and writes what changed; `progress` hears the
    /// name of each source as its fetch starts.
    pub fn sync_sources(&mut self, now: NaiveDateTime, progress: &mut dyn FnMut(&str)) -> Action {
        let Some(settings) = self.sources.clone() else {
            return Action::SyncFinished(Err("no source settings".to_owned()));
        };
        let fetcher = match Fetcher::new(settings.fetch) {
            Ok(fetcher) => fetcher,
            Err(failure) => return Action::SyncFinished(Err(failure.explain(self.lang))),
        };
        let sources = match self.store.sources() {
            Ok(sources) => sources,
            Err(error) => return Action::SyncFinished(Err(error.explain(self.lang))),
        };
        let outcomes = sync::sync(&mut self.store, sources, &fetcher, now, settings.interval, progress);
        let failed = outcomes.iter().filter(|outcome| outcome.failed()).count();
        let lines = outcomes.iter().map(|outcome| sync::line(outcome, self.lang)).collect();
        Action::SyncFinished(Ok(SyncReport { lines, failed }))
    }

    /// Whether the store's server was found gone; asks nobody.
    pub fn connection_lost(&self) -> bool {
        self.store.connection_lost()
    }

    pub fn with_opener(mut self, opener: Opener) -> Backend {
        self.opener = opener;
        self
    }

    pub fn with_clipboard(mut self, clipboard: Clipboard) -> Backend {
        self.clipboard = clipboard;
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
        let search = SearchSession::new(searchable.index, &searchable.rowids).for_typing();
        let located = locate_all(&searchable.offerings);
        let catalogue = Catalogue {
            offerings: searchable.offerings,
            regions,
            places: PlaceIndex::new(self.store.places()?),
            personal: self.personal()?,
            seat_counts: self.store.seat_counts()?,
            preview_totals: None,
            located,
        };
        // Only a catalogue handed out may be spliced into: a failed load keeps the last.
        self.keys = catalogue.offerings.iter().map(|offering| offering.key.clone()).collect();
        self.search = Some(search);
        Ok(catalogue)
    }

    /// Reads again only the offerings with these keys (new, changed or
    /// removed) and splices them into the search and into what was handed
    /// out. Everything is read when nothing was loaded yet, or when most
    /// offerings changed, which reading them all does no slower.
    pub fn refresh(&mut self, keys: &[String]) -> anyhow::Result<Refreshed> {
        if self.search.is_none() || keys.len() * 2 > self.keys.len() {
            return Ok(Refreshed::Reloaded(Box::new(self.load()?)));
        }
        let read = self.store.searchable_offerings_by_keys(keys)?;
        let changed: HashSet<&str> = keys.iter().map(String::as_str).collect();
        let search = self.search.take().expect("checked at the start, and only a load sets it");
        let splice = Splice::by_rowid(search.rowids(), |at| changed.contains(self.keys[at].as_str()), &read.rowids);
        self.search = Some(search.spliced(&splice, &read.index, &read.rowids));
        let read_keys = read.offerings.iter().map(|offering| offering.key.clone()).collect();
        self.keys = splice.apply(std::mem::take(&mut self.keys), read_keys);
        let located = locate_all(&read.offerings);
        Ok(Refreshed::Changed(OfferingsChange { splice, offerings: read.offerings, located }))
    }

    /// A first look: the first `rows` offerings of each kind in their tab's
    /// usual order at `now`, and the user's own, read from a few stored
    /// columns in a fraction of the time `load` takes.
    pub fn preview(&self, now: NaiveDateTime, rows: usize) -> anyhow::Result<Catalogue> {
        let listing = self.store.listing()?;
        let personal = self.personal()?;
        let mut keys: Vec<String> = personal.registrations.keys().chain(personal.interests.iter()).cloned().collect();
        let mut per_kind: Vec<(Vec<String>, Vec<OrderKey>)> = vec![Default::default(); Kind::ALL.len()];
        for row in listing {
            let (kind_keys, order_keys) = &mut per_kind[row.kind.slot()];
            kind_keys.push(row.key);
            order_keys.push(OrderKey {
                title: row.sort_title,
                starts: row.starts_at,
                // A start stored without its end is as late as it is early,
                // unless it was a whole day; the full load corrects that rarity.
                last: row.ends_at.or(row.starts_at),
            });
        }
        let mut totals = Vec::with_capacity(Kind::ALL.len());
        for (kind, (kind_keys, order_keys)) in Kind::ALL.into_iter().zip(per_kind) {
            totals.push(kind_keys.len());
            keys.extend(usual_order(kind, &order_keys, now, Some(rows)).into_iter().map(|at| kind_keys[at].clone()));
        }
        keys.sort_unstable();
        keys.dedup();
        Ok(Catalogue {
            offerings: self.store.offerings_by_keys(&keys)?,
            regions: self.store.regions()?,
            // The picker's places come with the full load.
            places: PlaceIndex::default(),
            personal,
            seat_counts: self.store.seat_counts()?,
            preview_totals: Some(totals),
            located: Vec::new(),
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
            Effect::SaveProfile { profile, home_place, then_register } => {
                let saved = self
                    .store
                    .save_profile(&profile)
                    .and_then(|()| self.store.set_home_place(home_place.as_deref()))
                    .map(|()| profile)
                    .map_err(|error| error.explain(self.lang));
                Action::ProfileSaved { profile: saved, home_place, then_register }
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
            Effect::LoadSources => Action::SourcesLoaded(self.sources_view().map_err(|error| format!("{error:#}"))),
            Effect::MarkSeen { key } => match self.store.mark_seen(&key) {
                Ok(()) => Action::SourcesLoaded(self.sources_view().map_err(|error| format!("{error:#}"))),
                Err(error) => Action::SourcesLoaded(Err(error.explain(self.lang))),
            },
            Effect::SyncSources { now } => self.sync_sources(now, &mut |_| {}),
            Effect::ReloadCatalogue => match self.load() {
                Ok(catalogue) => Action::CatalogueLoaded(Box::new(catalogue)),
                Err(error) => Action::SourcesLoaded(Err(format!("{error:#}"))),
            },
            Effect::RefreshOfferings { keys } => match self.refresh(&keys) {
                Ok(Refreshed::Changed(change)) => Action::OfferingsChanged(Box::new(change)),
                Ok(Refreshed::Reloaded(catalogue)) => Action::CatalogueLoaded(catalogue),
                Err(error) => Action::SourcesLoaded(Err(format!("{error:#}"))),
            },
            Effect::LoadSeats => {
                Action::SeatsLoaded(self.store.seat_counts().map_err(|error| error.explain(self.lang)))
            }
            Effect::ExportCalendar { now } => {
                let path = self.export_dir().join(calendar_file(self.lang));
                // Without an event to show, an earlier file stays as it is.
                let written = crate::commands::registration::calendar_bookings(&self.store).and_then(|bookings| {
                    if !calendar::has_events(&bookings, now) {
                        return Ok(None);
                    }
                    let bytes = calendar::calendar(&bookings, now, self.lang).into_bytes();
                    crate::commands::files::write_output(&path, &bytes, self.lang).map(|()| Some(path))
                });
                Action::Exported(written.map_err(|error| format!("{error:#}")))
            }
            Effect::SaveNote { key, email, note, now } => {
                let saved = self.store.set_note(&key, &email, &note, now).map(|()| note);
                Action::NoteSaved { result: saved.map_err(|error| self.failed(error, &key)), key }
            }
            Effect::OpenLink { url } => Action::LinkOpened(
                self.opener.open(&url).map(|()| url).map_err(|error| messages::open_failed(&error, self.lang)),
            ),
            Effect::Copy { text } => Action::Copied(
                (self.clipboard)(&text).map(|()| text).map_err(|error| messages::copy_failed(&error, self.lang)),
            ),
            Effect::CheckConnection => {
                Action::ConnectionChecked(self.store.check_connection().map_err(|error| error.explain(self.lang)))
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
