//! The agenda: the next weeks by calendar week and day, as `lotse termine`
//! prints them, with a selection that opens details.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::plan::{AGENDA_DAYS, AgendaView};
use crate::i18n::nothing_ahead;
use crate::plan::text::week_heading;
use crate::plan::weeks::{day_heading, iso_week};

use super::super::theme::{Meaning, style};
use super::{entry_lines, framed};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, view: &AgendaView) {
    let strings = app.lang.strings();
    let block = framed(app, strings.plan.agenda_title.to_owned());
    let inner = block.inner(area);
    if view.entries.is_empty() {
        let empty =
            Line::styled(format!(" {}", nothing_ahead(AGENDA_DAYS, app.lang)), style(app.theme, Meaning::Muted));
        frame.render_widget(Paragraph::new(empty).block(block), area);
        return;
    }
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let (mut week, mut day) = (None, None);
    for (position, entry) in view.entries.iter().enumerate() {
        if week != Some(iso_week(entry.day)) {
            week = Some(iso_week(entry.day));
            lines.push(Line::styled(
                format!(" {}", week_heading(entry.day, app.lang)),
                style(app.theme, Meaning::Heading),
            ));
        }
        if day != Some(entry.day) {
            day = Some(entry.day);
            lines.push(Line::styled(
                format!("   {}", day_heading(entry.day, app.lang)),
                style(app.theme, Meaning::Label),
            ));
        }
        if position == view.selected {
            selected_line = lines.len();
        }
        lines.extend(entry_lines(app, entry, position == view.selected, "   ", inner.width));
    }
    // Keep the selection in view with a line of context below it.
    let scroll = (selected_line + 2).saturating_sub(inner.height as usize) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
