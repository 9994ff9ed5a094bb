use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::sanitize::for_terminal;

use super::theme::{Meaning, style};

/// "Suche: leerstand▏" — the cursor sits at the end while the line has the keyboard.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let strings = app.lang.strings();
    let input = for_terminal(&app.search.input);
    let prompt_style = if app.search.editing { Meaning::Label } else { Meaning::Muted };
    let line = Line::from(vec![
        Span::styled(format!(" {}", strings.search_prompt), style(app.theme, prompt_style)),
        Span::styled(input.clone(), style(app.theme, Meaning::Accent)),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if app.search.editing {
        let column = 1 + strings.search_prompt.width() + input.width();
        let x = area.x.saturating_add(u16::try_from(column).unwrap_or(u16::MAX)).min(area.right().saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
}
