//! The profile and registration forms: one labelled line per field, the
//! reason beside a field the form cannot accept, the cursor in the field
//! being edited.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::app::form::{Form, FormPurpose};
use crate::messages;
use crate::sanitize::for_terminal;

use super::theme::{Meaning, style};

/// Space before a field's text: the focus marker and a blank.
const INPUT_INDENT: u16 = 2;

fn heading(app: &App, form: &Form) -> (String, Vec<Line<'static>>) {
    let reg = app.lang.strings().reg;
    match &form.purpose {
        FormPurpose::Profile { then_register } => {
            let mut lines = Vec::new();
            if then_register.is_some() {
                let once = if app.shared_store { reg.form_profile_once_shared } else { reg.form_profile_once };
                lines.push(Line::styled(once, style(app.theme, Meaning::Muted)));
            }
            (reg.form_profile_title.to_owned(), lines)
        }
        FormPurpose::Register { key, title, seats } => {
            let offering = app.index_by_key.get(key).map(|&index| &app.offerings[index]);
            let mut lines = vec![Line::styled(for_terminal(title), style(app.theme, Meaning::Heading))];
            if let Some(starts) = offering.and_then(|offering| offering.starts()) {
                let when = crate::format::when(starts, offering.and_then(|offering| offering.ends()), app.lang);
                lines.push(Line::raw(when));
            }
            let notice =
                messages::seats_notice(seats, offering.and_then(|offering| offering.registration_deadline()), app.lang);
            if !notice.is_empty() {
                let meaning = if seats.is_full() { Meaning::Warning } else { Meaning::Muted };
                lines.push(Line::styled(notice, style(app.theme, meaning)));
            }
            (reg.form_register_title.to_owned(), lines)
        }
        FormPurpose::Note { title, .. } => {
            let lines = vec![Line::styled(for_terminal(title), style(app.theme, Meaning::Heading))];
            (messages::note_form_title(app.lang).to_owned(), lines)
        }
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, form: &Form) {
    let reg = app.lang.strings().reg;
    let (title, intro) = heading(app, form);
    let errors = form.errors();
    let width = area.width.saturating_sub(4).min(76);
    let inner_width = width.saturating_sub(2);
    let intro_height: u16 =
        intro.iter().map(|line| (line.width() as u16).div_ceil(inner_width.max(1)).max(1)).sum::<u16>() + 1;
    let fields_height: u16 =
        form.fields.iter().map(|entry| 2 + u16::from(errors.iter().any(|error| error.field == entry.field))).sum();
    let height = (intro_height + fields_height + 2).min(area.height);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(style(app.theme, Meaning::BorderFocused))
        .title(Line::styled(format!(" {title} "), style(app.theme, Meaning::Heading)))
        .title_bottom(Line::styled(format!(" {} ", reg.form_hint), style(app.theme, Meaning::Muted)));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [intro_area, fields_area] =
        Layout::vertical([Constraint::Length(intro_height), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(Paragraph::new(intro).wrap(Wrap { trim: true }), intro_area);

    // In a short window the fields scroll so that the one being edited stays in view.
    let rows_of =
        |entry: &crate::app::form::FormField| 2 + u16::from(errors.iter().any(|error| error.field == entry.field));
    let mut first = 0;
    while first < form.focus && form.fields[first..=form.focus].iter().map(rows_of).sum::<u16>() > fields_area.height {
        first += 1;
    }
    let mut y = fields_area.y;
    for (position, entry) in form.fields.iter().enumerate().skip(first) {
        if y + 1 >= fields_area.bottom() {
            break;
        }
        let focused = position == form.focus;
        let label = messages::field_label(entry.field, app.lang);
        frame.render_widget(
            Paragraph::new(Line::styled(label, style(app.theme, Meaning::Label))),
            Rect::new(fields_area.x, y, fields_area.width, 1),
        );
        let input_area = Rect::new(fields_area.x, y + 1, fields_area.width, 1);
        let text_width = input_area.width.saturating_sub(INPUT_INDENT + 1) as usize;
        let scroll = entry.input.visual_scroll(text_width);
        let value = for_terminal(entry.input.value());
        let visible: String = value.chars().skip(scroll).collect();
        let visible = super::list::truncate(&visible, text_width as u16);
        let padding = " ".repeat(text_width.saturating_sub(visible.width()));
        let marker = if focused { "› " } else { "  " };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(marker, style(app.theme, Meaning::Accent)),
                Span::styled(format!("{visible}{padding}"), style(app.theme, Meaning::Input)),
            ])),
            input_area,
        );
        if focused {
            let cursor = entry.input.visual_cursor().saturating_sub(scroll) as u16;
            frame.set_cursor_position(Position::new(
                (input_area.x + INPUT_INDENT + cursor).min(input_area.right().saturating_sub(1)),
                input_area.y,
            ));
        }
        y += 2;
        if let Some(error) = errors.iter().find(|error| error.field == entry.field) {
            if y < fields_area.bottom() {
                let text = format!("  ✗ {}", messages::problem(error.problem, app.lang));
                frame.render_widget(
                    Paragraph::new(Line::styled(text, style(app.theme, Meaning::Warning))),
                    Rect::new(fields_area.x, y, fields_area.width, 1),
                );
            }
            y += 1;
        }
    }
}
