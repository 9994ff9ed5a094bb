//! Where everything goes on screen, as a pure function of the state and the
//! window size. Drawing and mouse hit-testing both use it, so a click
//! always lands on what the user sees.

use ratatui::layout::{Constraint, Layout, Rect};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Screen, TabKind};
use crate::domain::Kind;
use crate::i18n::Lang;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;
/// From this width on, list and details stand side by side.
pub const SIDE_BY_SIDE_WIDTH: u16 = 100;
const BRAND: &str = " lotse ";
const SEPARATOR: &str = " │ ";

pub struct TabLabel {
    pub index: usize,
    pub text: String,
    pub x: u16,
    pub width: u16,
}

pub struct ScreenLayout {
    pub too_small: bool,
    pub header: Rect,
    pub brand: bool,
    pub tabs: Vec<TabLabel>,
    /// The list's frame (borders included), when the list is shown.
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    /// Calendar, agenda or map, which take the whole body when open.
    pub plan: Option<Rect>,
    /// The search line, while searching or while a query is kept.
    pub search: Option<Rect>,
    /// One line saying why nothing is upcoming and what to do.
    pub notice: Option<Rect>,
    pub status: Rect,
}

impl ScreenLayout {
    /// How many rows of the list fit between its borders below the header row.
    pub fn visible_rows(&self) -> usize {
        self.list.map_or(0, |list| list.height.saturating_sub(3) as usize)
    }

    /// The inner text area of the detail frame.
    pub fn detail_inner(&self) -> Option<Rect> {
        self.detail.map(|detail| detail.inner(ratatui::layout::Margin::new(1, 1)))
    }
}

pub fn tab_name(tab: TabKind, lang: Lang) -> &'static str {
    let strings = lang.strings();
    match tab {
        TabKind::Offerings(Kind::Event) => strings.tab_events,
        TabKind::Offerings(Kind::Project) => strings.tab_projects,
        TabKind::Offerings(Kind::Practice) => strings.tab_practices,
        TabKind::Offerings(Kind::Roundtable) => strings.tab_roundtables,
        TabKind::Mine => strings.reg.tab_mine,
    }
}

fn text_width(text: &str) -> u16 {
    u16::try_from(text.width()).unwrap_or(u16::MAX)
}

/// Full labels when they fit; otherwise the active tab in full and the
/// others as number and count, so every tab stays clickable.
fn tab_labels(app: &App, width: u16) -> (bool, Vec<TabLabel>) {
    let full: Vec<String> = app
        .tabs
        .iter()
        .enumerate()
        .map(|(index, tab)| format!("{} {} ({})", index + 1, tab_name(tab.kind, app.lang), app.tab_count(index)))
        .collect();
    let compact: Vec<String> = app
        .tabs
        .iter()
        .enumerate()
        .map(|(index, _)| {
            if index == app.active_tab {
                full[index].clone()
            } else {
                format!("{} ({})", index + 1, app.tab_count(index))
            }
        })
        .collect();
    let total = |labels: &[String], brand: bool| {
        let brand_width = if brand { text_width(BRAND) + text_width(SEPARATOR) } else { 1 };
        brand_width
            + labels.iter().map(|label| text_width(label)).sum::<u16>()
            + text_width(SEPARATOR) * (labels.len() as u16 - 1)
    };
    let (brand, labels) = [(true, &full), (false, &full), (false, &compact)]
        .into_iter()
        .find(|(brand, labels)| total(labels, *brand) <= width)
        .unwrap_or((false, &compact));
    let mut x = if brand { text_width(BRAND) + text_width(SEPARATOR) } else { 1 };
    let placed = labels
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let label = TabLabel { index, text: text.clone(), x, width: text_width(text) };
            x += label.width + text_width(SEPARATOR);
            label
        })
        .collect();
    (brand, placed)
}

pub fn screen_layout(app: &App, area: Rect) -> ScreenLayout {
    let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
    let search_shown = app.search.editing || !app.search.input.is_empty();
    let notice_shown = app.loaded && app.nothing_upcoming;
    let [header, body, notice, search, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::from(notice_shown)),
        Constraint::Length(u16::from(search_shown)),
        Constraint::Length(1),
    ])
    .areas(area);
    let (brand, tabs) = tab_labels(app, area.width);
    let (list, detail) = match app.screen {
        _ if app.plan.is_some() => (None, None),
        Screen::Detail => (None, Some(body)),
        Screen::List if area.width >= SIDE_BY_SIDE_WIDTH => {
            let [list, detail] =
                Layout::horizontal([Constraint::Percentage(65), Constraint::Percentage(35)]).areas(body);
            (Some(list), Some(detail))
        }
        Screen::List => (Some(body), None),
    };
    let plan = app.plan.is_some().then_some(body);
    ScreenLayout {
        too_small,
        header,
        brand,
        tabs,
        list,
        detail,
        plan,
        search: search_shown.then_some(search),
        notice: notice_shown.then_some(notice),
        status,
    }
}
