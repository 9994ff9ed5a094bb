use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;

use super::layout::ScreenLayout;
use super::theme::{Meaning, style};

/// The tab bar: brand, then one label per tab at the positions the layout
/// computed (the same ones mouse clicks are tested against).
pub fn draw(frame: &mut Frame, app: &App, layout: &ScreenLayout) {
    let mut spans = Vec::new();
    let mut x = 0u16;
    if layout.brand {
        spans.push(Span::styled(" lotse ", style(app.theme, Meaning::Brand)));
        x += 7;
    }
    for label in &layout.tabs {
        let gap = label.x.saturating_sub(x);
        let separator = if x == 0 { " ".repeat(gap as usize) } else { centred_bar(gap) };
        spans.push(Span::styled(separator, style(app.theme, Meaning::Border)));
        let meaning = if label.index == app.active_tab { Meaning::TabActive } else { Meaning::TabInactive };
        spans.push(Span::styled(label.text.clone(), style(app.theme, meaning)));
        x = label.x + label.width;
    }
    let area = Rect { height: 1, ..layout.header };
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn centred_bar(width: u16) -> String {
    match width {
        0 => String::new(),
        1 => "│".to_owned(),
        n => {
            let left = (n - 1) / 2;
            format!("{}│{}", " ".repeat(left as usize), " ".repeat((n - 1 - left) as usize))
        }
    }
}
