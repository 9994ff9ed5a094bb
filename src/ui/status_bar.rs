use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Screen};

use super::layout::tab_name;
use super::theme::{Meaning, style};

/// Tab and position on the left, key hints on the right.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let strings = app.lang.strings();
    let tab = app.tab();
    let position =
        if tab.rows.is_empty() { "0/0".to_owned() } else { format!("{}/{}", tab.selected + 1, tab.rows.len()) };
    let left = format!(" {} · {position} ", tab_name(tab.kind, app.lang));
    let hints = match app.screen {
        Screen::List => strings.hint_list,
        Screen::Detail => strings.hint_detail,
    };
    let room = (area.width as usize).saturating_sub(left.width());
    let right = if hints.width() < room { format!("{hints:>room$}", room = room - 1) + " " } else { " ".repeat(room) };
    let bar_style = style(app.theme, Meaning::StatusBar);
    frame.render_widget(
        Paragraph::new(Line::from(vec![Span::styled(left, bar_style), Span::styled(right, bar_style)]))
            .style(bar_style),
        area,
    );
}
