use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::app::picker::{RegionPicker, entries};
use crate::sanitize::for_terminal;

use super::theme::{Meaning, style};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, picker: &RegionPicker) {
    let strings = app.lang.strings();
    let listed = entries(picker, &app.regions, &app.places, &app.region_counts, app.lang);
    // Wide enough for the key hint on its border, where the window allows.
    let width = area.width.saturating_sub(4).min(64.max(strings.picker_hint.width() as u16 + 4));
    let height = area.height.saturating_sub(2).min(30);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    let online = if picker.with_online { strings.picker_online_on } else { strings.picker_online_off };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(style(app.theme, Meaning::BorderFocused))
        .title(Line::styled(format!(" {} ", strings.picker_title), style(app.theme, Meaning::Heading)))
        .title_bottom(Line::styled(format!(" {} ", strings.picker_hint), style(app.theme, Meaning::Muted)));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [input_row, online_row, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let input = for_terminal(&picker.input);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("› ", style(app.theme, Meaning::Label)),
            Span::styled(input.clone(), style(app.theme, Meaning::Accent)),
        ])),
        input_row,
    );
    frame.set_cursor_position(Position::new(
        (input_row.x + 2 + input.width() as u16).min(input_row.right().saturating_sub(1)),
        input_row.y,
    ));
    frame.render_widget(Paragraph::new(Line::styled(online, style(app.theme, Meaning::Muted))), online_row);
    let count_width = listed.iter().map(|entry| entry.count.to_string().len()).max().unwrap_or(1);
    let items: Vec<ListItem> = listed
        .iter()
        .map(|entry| {
            let indent = if entry.depth > 0 { "   " } else { "" };
            let marker = if entry.filter == app.filters.region { "● " } else { "  " };
            let label_width = (list_area.width as usize).saturating_sub(indent.len() + 2 + count_width + 4);
            let label = super::list::truncate(&entry.label, label_width as u16);
            let padding = label_width.saturating_sub(label.width());
            let count_style = if entry.count == 0 { Meaning::Past } else { Meaning::Muted };
            ListItem::new(Line::from(vec![
                Span::raw(format!("{marker}{indent}{label}{}", " ".repeat(padding))),
                Span::styled(format!(" {:>count_width$}", entry.count), style(app.theme, count_style)),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(picker.selected.min(listed.len().saturating_sub(1))));
    frame.render_stateful_widget(
        List::new(items).highlight_style(style(app.theme, Meaning::Selected)).highlight_symbol("▶ "),
        list_area,
        &mut state,
    );
}
