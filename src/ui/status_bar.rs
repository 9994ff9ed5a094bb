use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::plan::PlanView;
use crate::app::{App, Screen, StatusMessage, TabKind, Tone};
use crate::domain::Kind;
use crate::filter::TimeFilter;

use super::layout::tab_name;
use super::theme::{Meaning, style};

/// Tab and position on the left, key hints on the right.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    if let Some(message) = &app.message {
        draw_message(frame, app, area, message);
        return;
    }
    let strings = app.lang.strings();
    let tab = app.tab();
    let count = app.tab_count(app.active_tab);
    let position = if tab.rows.is_empty() { "0/0".to_owned() } else { format!("{}/{count}", tab.selected + 1) };
    let mut left = format!(" {} · {position} ", tab_name(tab.kind, app.lang));
    for filter in active_filters(app) {
        left.push_str(&format!("· {filter} "));
    }
    if app.sort.is_some() {
        let searching = !app.search.query.is_empty();
        let order = crate::app::sort::label(app.sort, searching, app);
        left.push_str(&format!("· {}: {order} ", strings.plan.sort_label));
    }
    let room = (area.width as usize).saturating_sub(left.width());
    let hints = match (&app.plan, app.screen) {
        (Some(PlanView::Calendar(_)), _) => strings.plan.calendar_hint,
        (Some(PlanView::Agenda(_)), _) => strings.plan.agenda_hint,
        (Some(PlanView::Map(_)), _) => strings.plan.map_hint,
        (None, Screen::List) => {
            strings.hint_list.iter().copied().find(|hints| hints.width() < room).unwrap_or(strings.hint_list[1])
        }
        (None, Screen::Detail) => strings.hint_detail,
    };
    let right = if hints.width() < room { format!("{hints:>room$}", room = room - 1) + " " } else { " ".repeat(room) };
    let bar_style = style(app.theme, Meaning::StatusBar);
    frame.render_widget(
        Paragraph::new(Line::from(vec![Span::styled(left, bar_style), Span::styled(right, bar_style)]))
            .style(bar_style),
        area,
    );
}

/// What the last action did, over the whole bar; a change keeps the way
/// back in view at the right, however long its text.
fn draw_message(frame: &mut Frame, app: &App, area: Rect, message: &StatusMessage) {
    let (symbol, meaning) = match message.tone {
        Tone::Done => ("✓", Meaning::Success),
        Tone::Warning => ("!", Meaning::Warning),
        Tone::Failed => ("✗", Meaning::Warning),
    };
    let hint = if message.undoable { format!(" {} ", crate::messages::undo_hint(app.lang)) } else { String::new() };
    let room = area.width.saturating_sub(u16::try_from(hint.width()).unwrap_or(u16::MAX));
    let text = super::list::truncate(&format!(" {symbol} {}", message.text), room);
    let padding = " ".repeat((area.width as usize).saturating_sub(text.width() + hint.width()));
    let bar_style = style(app.theme, Meaning::StatusBar);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(text, bar_style.patch(style(app.theme, meaning))),
            Span::styled(padding, bar_style),
            Span::styled(hint, bar_style),
        ]))
        .style(bar_style),
        area,
    );
}

/// Why the lists hold only past offerings and where real ones come from,
/// in the widest wording that fits.
pub fn draw_notice(frame: &mut Frame, app: &App, area: Rect) {
    let wordings = app.lang.strings().nothing_upcoming;
    let room = usize::from(area.width.saturating_sub(2));
    let text = wordings.iter().find(|text| text.width() <= room).unwrap_or(&wordings[wordings.len() - 1]);
    let line = Line::styled(
        format!(" {}", super::list::truncate(text, area.width.saturating_sub(1))),
        style(app.theme, Meaning::Warning),
    );
    frame.render_widget(Paragraph::new(line), area);
}

/// The filters in force, named for the status bar: "Region: Hessen + online", "Zeit: kommende".
pub fn active_filters(app: &App) -> Vec<String> {
    let strings = app.lang.strings();
    let mut filters = Vec::new();
    if !app.filters.region.is_all() || app.filters.with_online {
        let mut region = format!(
            "{}: {}",
            strings.region_label,
            crate::app::picker::label(&app.filters.region, &app.regions, app.lang)
        );
        if app.filters.with_online && app.filters.region != crate::filter::RegionFilter::Online {
            region.push_str(&format!(" {}", strings.with_online));
        }
        filters.push(region);
    }
    if app.filters.time != TimeFilter::All {
        let word = match (app.tab().kind, app.filters.time) {
            (TabKind::Offerings(Kind::Project), TimeFilter::Current) => strings.time_running,
            (TabKind::Offerings(Kind::Project), TimeFilter::Past) => strings.time_finished,
            (_, TimeFilter::Current) => strings.time_upcoming,
            (_, TimeFilter::Past) => strings.time_past,
            (_, TimeFilter::All) => strings.time_all,
        };
        filters.push(format!("{}: {word}", strings.time_label));
    }
    filters
}
