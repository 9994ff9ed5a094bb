use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use ratatui::layout::Rect;

use crate::domain::{Kind, LongText, Occupancy, Offering, Profile, Registration, SeatCounts, Seats};
use crate::filter::{RegionFilter, TimeFilter};
use crate::i18n::Lang;
use crate::search::{Hit, Query};
use crate::store::Change;
use crate::store::RegionDirectory;

use super::form::{Confirm, Form};
use super::keymap::{Keymap, Mode};
use super::picker::{PlaceIndex, RegionCounts, RegionPicker};
use super::plan::PlanView;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Dark,
    Light,
    /// No colours at all, for `NO_COLOR` and monochrome terminals.
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    List,
    /// The selected record's details over the whole window.
    Detail,
}

#[derive(Debug, Clone)]
pub enum Popup {
    Help {
        scroll: u16,
    },
    Regions(RegionPicker),
    Form(Form),
    Confirm(Confirm),
    /// Each source's state in plain words.
    Sources {
        scroll: u16,
    },
}

/// What a tab lists: one kind of offering, or the user's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabKind {
    Offerings(Kind),
    /// Registrations and interests, upcoming first.
    Mine,
}

/// The user's profile, own active registrations and marked interests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Personal {
    pub profile: Option<Profile>,
    /// By offering key.
    pub registrations: HashMap<String, Registration>,
    pub interests: HashSet<String>,
}

impl Personal {
    pub fn concerns(&self, key: &str) -> bool {
        self.registrations.contains_key(key) || self.interests.contains(key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Done,
    Warning,
    Failed,
}

/// A message about what the last action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub tone: Tone,
    /// `u` takes the change back: the status bar says so however long the text.
    pub undoable: bool,
}

impl StatusMessage {
    pub fn new(tone: Tone, text: String) -> StatusMessage {
        StatusMessage { text, tone, undoable: false }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailText {
    Loading,
    Loaded(LongText),
    Failed(String),
}

/// One tab's visible rows (indices into `App::offerings`, in display order)
/// and where the user is in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabState {
    pub kind: TabKind,
    pub rows: Vec<usize>,
    pub selected: usize,
    /// First visible row; kept so the selection stays in view.
    pub offset: usize,
}

/// The offerings and the reference data they were loaded with.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub offerings: Vec<Offering>,
    pub regions: RegionDirectory,
    pub places: PlaceIndex,
    pub personal: Personal,
    /// `Some` for a first look while the rest still loads: then `offerings`
    /// are only the first rows of each kind, and these are the totals per
    /// kind (in `Kind::ALL` order).
    pub preview_totals: Option<Vec<usize>>,
    /// Where each offering takes place (see `Gazetteer::locate`), found off
    /// the drawing thread; a first look leaves it to the full load.
    pub located: Vec<Option<crate::geo::LatLon>>,
    pub seat_counts: SeatCounts,
}

/// Offerings others wrote or removed, read again by themselves and to be
/// spliced into the catalogue held, which the runner spliced alike.
#[derive(Debug, Clone)]
pub struct OfferingsChange {
    pub splice: crate::splice::Splice,
    /// The new and changed offerings, in row id order, as the splice takes them.
    pub offerings: Vec<Offering>,
    /// Where each of them takes place.
    pub located: Vec<Option<crate::geo::LatLon>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub region: RegionFilter,
    /// Online offerings stay visible under a region filter.
    pub with_online: bool,
    pub time: TimeFilter,
    /// Only offerings from sources that are new or changed since the user looked.
    pub only_new: bool,
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// What the user typed, as typed.
    pub input: String,
    /// True while the search line has the keyboard.
    pub editing: bool,
    pub query: Query,
    /// Counts up with every new query, so late results of an old one are ignored.
    pub generation: u64,
    /// The hits of the current query, once the search has answered.
    pub hits: Option<Vec<Hit>>,
    /// The generation that runs the query again over a reloaded catalogue,
    /// whose answer keeps each tab's selection.
    pub rerun: Option<u64>,
}

pub const TAB_KINDS: [TabKind; 5] = [
    TabKind::Offerings(Kind::Event),
    TabKind::Offerings(Kind::Project),
    TabKind::Offerings(Kind::Practice),
    TabKind::Offerings(Kind::Roundtable),
    TabKind::Mine,
];

pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub now: NaiveDateTime,
    /// False until the catalogue has arrived; the first frame does not wait for it.
    pub loaded: bool,
    /// While only a first look has arrived: each kind's total.
    pub preview_totals: Option<Vec<usize>>,
    /// Offerings are loaded but every dated one is past, as the sample
    /// data is on a first start today.
    pub nothing_upcoming: bool,
    pub regions: RegionDirectory,
    pub places: PlaceIndex,
    pub offerings: Vec<Offering>,
    /// Every offering's index per kind in the tab's usual order.
    pub usual_order: Vec<Vec<usize>>,
    pub region_counts: RegionCounts,
    /// Each offering's index by key, to find the user's own.
    pub index_by_key: HashMap<String, usize>,
    pub personal: Personal,
    pub sources: super::sources::SourcesState,
    /// Everyone's registrations per offering, for free places and "ausgebucht".
    pub seat_counts: SeatCounts,
    /// The last change of this session, which `u` takes back. One step
    /// only: undoing a registration can move others on the waitlist, so a
    /// longer chain (or a redo) would replay a state that no longer holds.
    pub undo: Option<Change>,
    /// What the last key did; the next key clears it.
    pub message: Option<StatusMessage>,
    /// What the last change of data did (or a warning at start): it stays,
    /// beneath passing messages, until the next change or Esc, so that a
    /// stray key (a word typed without `/`) cannot change data unseen.
    pub lasting: Option<StatusMessage>,
    /// The database cannot be written: registration keys explain instead of act.
    pub read_only: bool,
    /// A team's server, not a file on this computer: the profile is the login's there.
    pub shared_store: bool,
    /// The store tells of every change, this dashboard's own syncs
    /// included, so that what they wrote arrives without reading it all again.
    pub watched: bool,
    pub tabs: Vec<TabState>,
    pub active_tab: usize,
    pub screen: Screen,
    pub popup: Option<Popup>,
    pub search: SearchState,
    pub filters: Filters,
    /// The long text of the selected record, once loaded.
    pub detail: Option<(String, DetailText)>,
    /// Places and team of the offering in the details, once read.
    pub occupancy: Option<(String, Occupancy)>,
    pub detail_scroll: u16,
    pub viewport: Rect,
    pub should_quit: bool,
    /// Where the user works, resolved: the centre of distances and "Kommunen wie wir".
    pub home: Option<crate::geo::Home>,
    /// Where each offering takes place, by index, when it has a place or a Kreis.
    pub located: Vec<Option<crate::geo::LatLon>>,
    /// Calendar, agenda or map over the body, when open.
    pub plan: Option<PlanView>,
    /// The view to go back to from details opened in it.
    pub plan_beneath: Option<PlanView>,
    /// `s`: an order other than the usual one (or the ranking while searching).
    pub sort: Option<super::sort::Sort>,
    /// Set while the server is gone: the status bar says so until it is back.
    pub connection: Option<super::connection::LostConnection>,
}

impl App {
    pub fn new(lang: Lang, theme: Theme, keymap: Keymap, now: NaiveDateTime, viewport: Rect) -> App {
        App {
            lang,
            theme,
            keymap,
            now,
            loaded: false,
            preview_totals: None,
            nothing_upcoming: false,
            regions: RegionDirectory::default(),
            places: PlaceIndex::default(),
            offerings: Vec::new(),
            usual_order: vec![Vec::new(); TAB_KINDS.len()],
            region_counts: RegionCounts::default(),
            index_by_key: HashMap::new(),
            personal: Personal::default(),
            sources: super::sources::SourcesState::default(),
            seat_counts: SeatCounts::default(),
            undo: None,
            message: None,
            lasting: None,
            read_only: false,
            shared_store: false,
            watched: false,
            tabs: TAB_KINDS
                .into_iter()
                .map(|kind| TabState { kind, rows: Vec::new(), selected: 0, offset: 0 })
                .collect(),
            active_tab: 0,
            screen: Screen::List,
            popup: None,
            search: SearchState::default(),
            filters: Filters::default(),
            detail: None,
            occupancy: None,
            detail_scroll: 0,
            viewport,
            should_quit: false,
            home: None,
            located: Vec::new(),
            plan: None,
            plan_beneath: None,
            sort: None,
            connection: None,
        }
    }

    pub fn mode(&self) -> Mode {
        match (&self.popup, self.screen) {
            // The sources view is read and closed like the help.
            (Some(Popup::Help { .. } | Popup::Sources { .. }), _) => Mode::Help,
            (Some(Popup::Regions(_)), _) => Mode::Picker,
            (Some(Popup::Form(_)), _) => Mode::Form,
            (Some(Popup::Confirm(_)), _) => Mode::Confirm,
            (None, _) if self.plan.is_some() => self.plan_mode(),
            (None, _) if self.search.editing => Mode::Search,
            (None, Screen::Detail) => Mode::Detail,
            (None, Screen::List) => Mode::List,
        }
    }

    /// The mode of the screen beneath any popup, for the help overlay.
    pub fn screen_mode(&self) -> Mode {
        match (&self.plan, self.screen) {
            (Some(_), _) => self.plan_mode(),
            (None, Screen::List) => Mode::List,
            (None, Screen::Detail) => Mode::Detail,
        }
    }

    fn plan_mode(&self) -> Mode {
        match self.plan {
            Some(PlanView::Calendar(_)) => Mode::Calendar,
            Some(PlanView::Agenda(_)) => Mode::Agenda,
            Some(PlanView::Map(_)) => Mode::Map,
            None => Mode::List,
        }
    }

    pub fn tab(&self) -> &TabState {
        &self.tabs[self.active_tab]
    }

    pub fn selected_offering(&self) -> Option<&Offering> {
        let tab = self.tab();
        tab.rows.get(tab.selected).map(|&index| &self.offerings[index])
    }

    pub fn is_past(&self, offering: &Offering) -> bool {
        offering.is_over(self.now)
    }

    pub fn seats(&self, offering: &Offering) -> Seats {
        Seats::of(offering.capacity(), &self.seat_counts, &offering.key)
    }

    /// The long text for the selected record, if it is the one loaded.
    pub fn selected_text(&self) -> Option<&DetailText> {
        let selected = self.selected_offering()?;
        self.detail.as_ref().filter(|(key, _)| *key == selected.key).map(|(_, text)| text)
    }

    /// How many offerings tab `slot` holds: while only the first rows are
    /// loaded and nothing narrows them, the store's total.
    pub fn tab_count(&self, slot: usize) -> usize {
        let tab = &self.tabs[slot];
        match (&self.preview_totals, tab.kind) {
            (Some(totals), TabKind::Offerings(kind)) if !self.is_narrowed() => totals[kind.slot()],
            _ => tab.rows.len(),
        }
    }

    /// Whether the tabs show offerings yet, all of them or a first look.
    pub fn shows_rows(&self) -> bool {
        self.loaded || self.preview_totals.is_some()
    }

    /// The message the status bar shows: a lost server above all (every
    /// failure then has that cause), the last key's, else the last change's.
    pub fn shown_message(&self) -> Option<&StatusMessage> {
        self.connection.as_ref().map(|lost| &lost.banner).or(self.message.as_ref()).or(self.lasting.as_ref())
    }

    /// Whether a search or filter narrows what the tabs show.
    pub fn is_narrowed(&self) -> bool {
        !self.search.query.is_empty() || self.filters != Filters::default()
    }
}
