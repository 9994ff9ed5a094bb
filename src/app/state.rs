use chrono::NaiveDateTime;
use ratatui::layout::Rect;

use crate::domain::{Kind, LongText, Offering};
use crate::i18n::Lang;
use crate::store::RegionDirectory;

use super::keymap::{Keymap, Mode};
use super::order;

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help { scroll: u16 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailText {
    Loading,
    Loaded(LongText),
    Failed(String),
}

/// One tab's rows (indices into `App::offerings`, in display order) and
/// where the user is in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabState {
    pub kind: Kind,
    pub rows: Vec<usize>,
    pub selected: usize,
    /// First visible row; kept so the selection stays in view.
    pub offset: usize,
}

pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub now: NaiveDateTime,
    pub regions: RegionDirectory,
    pub offerings: Vec<Offering>,
    pub tabs: Vec<TabState>,
    pub active_tab: usize,
    pub screen: Screen,
    pub popup: Option<Popup>,
    /// The long text of the selected record, once loaded.
    pub detail: Option<(String, DetailText)>,
    pub detail_scroll: u16,
    pub viewport: Rect,
    pub should_quit: bool,
}

impl App {
    pub fn new(
        lang: Lang,
        theme: Theme,
        keymap: Keymap,
        now: NaiveDateTime,
        regions: RegionDirectory,
        offerings: Vec<Offering>,
        viewport: Rect,
    ) -> App {
        let tabs = Kind::ALL
            .into_iter()
            .map(|kind| {
                let mut rows: Vec<usize> =
                    (0..offerings.len()).filter(|&index| offerings[index].kind() == kind).collect();
                rows.sort_by(|&a, &b| order::compare(kind, &offerings[a], &offerings[b], now));
                TabState { kind, rows, selected: 0, offset: 0 }
            })
            .collect();
        App {
            lang,
            theme,
            keymap,
            now,
            regions,
            offerings,
            tabs,
            active_tab: 0,
            screen: Screen::List,
            popup: None,
            detail: None,
            detail_scroll: 0,
            viewport,
            should_quit: false,
        }
    }

    pub fn mode(&self) -> Mode {
        match (&self.popup, self.screen) {
            (Some(Popup::Help { .. }), _) => Mode::Help,
            (None, Screen::Detail) => Mode::Detail,
            (None, Screen::List) => Mode::List,
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
        order::is_past(offering, self.now)
    }

    /// The long text for the selected record, if it is the one loaded.
    pub fn selected_text(&self) -> Option<&DetailText> {
        let selected = self.selected_offering()?;
        self.detail.as_ref().filter(|(key, _)| *key == selected.key).map(|(_, text)| text)
    }
}
