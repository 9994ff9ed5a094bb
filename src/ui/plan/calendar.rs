//! The month calendar: ISO weeks down the side, Monday first, today in
//! brackets, a mark for dates and another for deadlines, own registrations
//! highlighted; the cursor day's offerings beneath.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::plan::CalendarView;
use crate::plan::What;
use crate::plan::weeks::{day_heading, iso_week, month_grid, month_title, weekdays};

use super::super::theme::{Meaning, style};
use super::{entry_lines, framed};

/// " 6 " plus up to three marks: seven columns a day, one between days.
const DAY_WIDTH: usize = 7;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, view: &CalendarView) {
    let strings = app.lang.strings();
    let block = framed(app, format!("{} · {}", strings.plan.calendar_title, month_title(view.cursor, app.lang)));
    let inner = block.inner(area);
    let muted = style(app.theme, Meaning::Muted);
    let mut lines = Vec::new();
    let mut header = vec![Span::styled(" KW ", style(app.theme, Meaning::ColumnHeader))];
    header.extend(
        weekdays(app.lang)
            .iter()
            .map(|name| Span::styled(format!(" {name:<DAY_WIDTH$}"), style(app.theme, Meaning::ColumnHeader))),
    );
    lines.push(Line::from(header));
    for week in month_grid(view.cursor) {
        let mut spans = vec![Span::styled(format!(" {:>2} ", iso_week(week[0]).1), muted)];
        spans.extend(week.iter().map(|&day| day_cell(app, view, day)));
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {}", strings.plan.calendar_legend), muted));
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {}", day_heading(view.cursor, app.lang)), style(app.theme, Meaning::Label)));
    let mut on_day = view.on_day(view.cursor).enumerate().peekable();
    if on_day.peek().is_none() {
        lines.push(Line::styled(format!("   {}", strings.plan.day_empty), muted));
    }
    // A busy day lists more than fits: keep the chosen line in view.
    let room = (inner.height as usize).saturating_sub(lines.len()).max(1);
    let skipped = view.day_selected.map_or(0, |selected| (selected + 1).saturating_sub(room));
    for (position, entry) in on_day.skip(skipped) {
        lines.extend(entry_lines(app, entry, view.day_selected == Some(position), " ", inner.width));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn day_cell(app: &App, view: &CalendarView, day: NaiveDate) -> Span<'static> {
    let entries: Vec<_> = view.on_day(day).collect();
    let today = day == app.now.date();
    let (open, close) = if today { ("[", "]") } else { (" ", " ") };
    let mut marks = String::new();
    if entries.iter().any(|entry| entry.what != What::Deadline) {
        marks.push('●');
    }
    if entries.iter().any(|entry| entry.what == What::Deadline) {
        marks.push('◆');
    }
    let mine = entries.iter().any(|entry| entry.mine);
    if mine {
        marks.push('✓');
    }
    let text = format!("{open}{:>2}{close}{marks:<3} ", day.day());
    let meaning = if day == view.cursor {
        Meaning::Selected
    } else if mine {
        Meaning::Success
    } else if day.month() != view.cursor.month() {
        Meaning::Past
    } else if today {
        Meaning::Heading
    } else if !entries.is_empty() {
        Meaning::Accent
    } else {
        Meaning::Text
    };
    debug_assert_eq!(unicode_width::UnicodeWidthStr::width(text.as_str()), DAY_WIDTH + 1);
    Span::styled(text, style(app.theme, meaning))
}
