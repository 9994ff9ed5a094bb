//! Drawing: a pure function of `&App`. Every text from the database passes
//! through `sanitize::for_terminal` before it reaches a widget.

mod columns;
mod confirm;
pub mod detail;
mod form;
mod header;
mod help;
mod highlight;
pub mod layout;
mod list;
mod plan;
mod region_picker;
mod search_bar;
mod status_bar;
pub mod theme;

pub use detail::detail_max_scroll;
pub use help::{help_max_scroll, help_page};

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::app::{App, Popup};
use layout::screen_layout;
use theme::{Meaning, style};

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let layout = screen_layout(app, area);
    if layout.too_small {
        draw_too_small(frame, app, area);
        return;
    }
    header::draw(frame, app, &layout);
    if let Some(list_area) = layout.list {
        list::draw(frame, app, list_area, layout.detail.is_none());
    }
    if let Some(detail_area) = layout.detail {
        detail::draw(frame, app, detail_area);
    }
    if let (Some(plan_area), Some(view)) = (layout.plan, &app.plan) {
        plan::draw(frame, app, plan_area, view);
    }
    if let Some(notice_area) = layout.notice {
        status_bar::draw_notice(frame, app, notice_area);
    }
    if let Some(search_area) = layout.search {
        search_bar::draw(frame, app, search_area);
    }
    status_bar::draw(frame, app, layout.status);
    match &app.popup {
        Some(Popup::Help { scroll }) => help::draw(frame, app, area, *scroll),
        Some(Popup::Regions(picker)) => region_picker::draw(frame, app, area, picker),
        Some(Popup::Form(form)) => form::draw(frame, app, area, form),
        Some(Popup::Confirm(dialog)) => confirm::draw(frame, app, area, dialog),
        None => {}
    }
}

fn draw_too_small(frame: &mut Frame, app: &App, area: Rect) {
    let strings = app.lang.strings();
    let lines = vec![
        Line::styled(strings.too_small, style(app.theme, Meaning::Warning)),
        Line::raw(strings.too_small_hint),
        Line::raw(format!("{} × {}", area.width, area.height)),
    ];
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let text_area = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(Block::new()),
        text_area,
    );
}
