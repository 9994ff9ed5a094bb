//! A yes/no question over the dashboard, "Nein" preselected.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::App;
use crate::app::form::{Confirm, ConfirmQuestion};
use crate::messages;
use crate::sanitize::for_terminal;

use super::theme::{Meaning, style};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, dialog: &Confirm) {
    let strings = app.lang.strings();
    let ConfirmQuestion::CancelRegistration { title, status, email, .. } = &dialog.question;
    let width = area.width.saturating_sub(4).min(64);
    let height = 9.min(area.height);
    let [popup] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(popup);
    let hint = match app.lang {
        crate::i18n::Lang::De => " y stornieren · n/Esc behalten · ←/→ wählen, Enter bestätigt ",
        crate::i18n::Lang::En => " y cancel it · n/Esc keep it · ←/→ choose, Enter confirms ",
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(style(app.theme, Meaning::Warning))
        .title(Line::styled(format!(" {} ", strings.reg.confirm_title), style(app.theme, Meaning::Heading)))
        .title_bottom(Line::styled(hint, style(app.theme, Meaning::Muted)));
    let button = |label: &str, selected: bool| {
        let meaning = if selected { Meaning::Selected } else { Meaning::Text };
        Span::styled(format!("[ {label} ]"), style(app.theme, meaning))
    };
    let yes = strings.reg.cmd_yes;
    let no = strings.reg.cmd_no;
    let capitalised = |word: &str| word[..1].to_uppercase() + &word[1..];
    let lines = vec![
        Line::styled(messages::cancel_question(app.lang), style(app.theme, Meaning::Heading)),
        Line::raw(app.lang.quote(&for_terminal(title))),
        Line::styled(format!("{status} · {}", for_terminal(email)), style(app.theme, Meaning::Muted)),
        Line::raw(""),
        Line::from(vec![
            button(&capitalised(yes), dialog.yes_selected),
            Span::raw("   "),
            button(&capitalised(no), !dialog.yes_selected),
        ])
        .alignment(Alignment::Center),
    ];
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), popup);
}
