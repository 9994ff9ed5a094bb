use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::App;

use super::theme::{Meaning, style};

/// The keys of the screen under the overlay, generated from the keymap so
/// that overridden keys show as the user configured them.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, scroll: u16) {
    let strings = app.lang.strings();
    let described = app.keymap.describe(app.screen_mode());
    let keys: Vec<String> = described
        .iter()
        .map(|(_, chords)| chords.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
        .collect();
    let key_width = keys.iter().map(|text| text.width()).max().unwrap_or(0);
    let mut lines: Vec<Line> = described
        .iter()
        .zip(&keys)
        .map(|((command, _), key_text)| {
            Line::from(vec![
                Span::styled(format!(" {key_text:<key_width$}  "), style(app.theme, Meaning::Label)),
                Span::raw(command.describe(strings)),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!(" {}", strings.help_mouse)));
    lines.push(Line::raw(format!(" {}", strings.reg.legend)));
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {}", strings.attribution), style(app.theme, Meaning::Muted)));
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 4);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(style(app.theme, Meaning::BorderFocused))
        .title(Line::styled(format!(" {} ", strings.help_title), style(app.theme, Meaning::Heading)))
        .title_bottom(Line::styled(format!(" {} ", strings.help_close), style(app.theme, Meaning::Muted)));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let inner = block.inner(popup);
    let max_scroll = paragraph.line_count(inner.width).saturating_sub(inner.height as usize) as u16;
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph.block(block).scroll((scroll.min(max_scroll), 0)), popup);
}
