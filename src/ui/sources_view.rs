//! The sources view (`Q`): each source's state in plain words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::App;
use crate::sanitize::paragraphs_for_terminal;
use crate::sources::sync::describe;

use super::theme::{Meaning, style};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, scroll: u16) {
    let strings = app.lang.strings().src;
    let mut lines: Vec<Line> = Vec::new();
    for source in &app.sources.view.list {
        // Names and addresses come from the user and the web: through the terminal gate.
        let described = paragraphs_for_terminal(&describe(source, app.lang));
        for (index, line) in described.into_iter().enumerate() {
            lines.push(if index == 0 { Line::styled(line, style(app.theme, Meaning::Label)) } else { Line::raw(line) });
        }
        lines.push(Line::raw(""));
    }
    if lines.is_empty() {
        lines.push(Line::styled(strings.none, style(app.theme, Meaning::Muted)));
    }
    let width = area.width.saturating_sub(4).min(96);
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(style(app.theme, Meaning::BorderFocused))
        .title(Line::styled(format!(" {} ", strings.title), style(app.theme, Meaning::Heading)))
        .title_bottom(Line::styled(format!(" {} ", strings.close_hint), style(app.theme, Meaning::Muted)));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let inner = block.inner(popup);
    let max_scroll = paragraph.line_count(inner.width).saturating_sub(inner.height as usize) as u16;
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph.block(block).scroll((scroll.min(max_scroll), 0)), popup);
}
