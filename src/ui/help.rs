use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::App;

use super::theme::{Meaning, style};

/// The keys of the screen under the overlay, generated from the keymap so
/// that overridden keys show as the user configured them. The legend of
/// the list's marks comes first, where even a short window shows it.
fn lines(app: &App) -> Vec<Line<'static>> {
    let strings = app.lang.strings();
    let described = app.keymap.describe(app.screen_mode());
    let keys: Vec<String> = described
        .iter()
        .map(|(_, chords)| chords.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
        .collect();
    let key_width = keys.iter().map(|text| text.width()).max().unwrap_or(0);
    let mut lines = vec![Line::raw(format!(" {}", strings.reg.legend)), Line::raw(format!(" {}", strings.help_mouse))];
    lines.push(Line::raw(""));
    lines.extend(described.iter().zip(&keys).map(|((command, _), key_text)| {
        Line::from(vec![
            Span::styled(format!(" {key_text:<key_width$}  "), style(app.theme, Meaning::Label)),
            Span::raw(command.describe(strings)),
        ])
    }));
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {}", strings.attribution), style(app.theme, Meaning::Muted)));
    lines
}

struct HelpLayout {
    popup: Rect,
    inner: Rect,
    paragraph: Paragraph<'static>,
    total: usize,
}

fn help_layout(app: &App, area: Rect) -> HelpLayout {
    let lines = lines(app);
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 4);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    let inner = popup.inner(Margin::new(1, 1));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = paragraph.line_count(inner.width);
    HelpLayout { popup, inner, paragraph, total }
}

/// How far the help scrolls before its end leaves the bottom.
pub fn help_max_scroll(app: &App, area: Rect) -> u16 {
    let layout = help_layout(app, area);
    u16::try_from(layout.total.saturating_sub(layout.inner.height as usize)).unwrap_or(u16::MAX)
}

/// Lines PgDn moves in the help: one window, less a line of context.
pub fn help_page(app: &App, area: Rect) -> u16 {
    help_layout(app, area).inner.height.saturating_sub(1).max(1)
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, scroll: u16) {
    let strings = app.lang.strings();
    let HelpLayout { popup, inner, paragraph, total } = help_layout(app, area);
    let scroll = scroll.min(help_max_scroll(app, area));
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(style(app.theme, Meaning::BorderFocused))
        .title(Line::styled(format!(" {} ", strings.help_title), style(app.theme, Meaning::Heading)))
        .title_bottom(Line::styled(format!(" {} ", strings.help_close), style(app.theme, Meaning::Muted)));
    if total > inner.height as usize {
        // Where in the help the window is, and which way there is more.
        let first = usize::from(scroll) + 1;
        let last = (usize::from(scroll) + inner.height as usize).min(total);
        let up = if first > 1 { "↑" } else { " " };
        let down = if last < total { "↓" } else { " " };
        let position = format!(" {up}{down} {first}–{last}/{total} ");
        block = block.title_bottom(Line::styled(position, style(app.theme, Meaning::Muted)).right_aligned());
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph.block(block).scroll((scroll, 0)), popup);
}
