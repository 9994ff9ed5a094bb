use crate::ui::detail_max_scroll;
use crate::ui::layout::{ScreenLayout, screen_layout};

use super::action::{Action, Effect, MouseInput};
use super::keymap::{Command, Mode};
use super::state::{App, DetailText, Popup, Screen};

/// Rows the mouse wheel moves at once.
const WHEEL_STEP: u16 = 3;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::User(command) => run_command(app, command),
        Action::Mouse(input) => mouse(app, input),
        Action::Resize { width, height } => {
            app.viewport = ratatui::layout::Rect::new(0, 0, width, height);
        }
        Action::LongTextLoaded { key, text } => {
            if let Some((loading_key, state)) = &mut app.detail
                && *loading_key == key
            {
                *state = match text {
                    Ok(text) => DetailText::Loaded(text),
                    Err(message) => DetailText::Failed(message),
                };
            }
        }
    }
    let layout = screen_layout(app, app.viewport);
    keep_selection_visible(app, &layout);
    clamp_detail_scroll(app, &layout);
    request_detail(app, &layout)
}

fn run_command(app: &mut App, command: Command) {
    let mode = app.mode();
    let layout = screen_layout(app, app.viewport);
    let page = layout.visible_rows().max(1);
    let detail_page = layout.detail_inner().map_or(1, |inner| inner.height.max(1));
    match (mode, command) {
        (_, Command::Quit) => app.should_quit = true,
        (Mode::Help, Command::Help | Command::Back) => app.popup = None,
        (Mode::Help, Command::ScrollDown) => scroll_help(app, 1),
        (Mode::Help, Command::ScrollUp) => scroll_help(app, -1),
        (Mode::Help, _) => {}
        (_, Command::Help) => app.popup = Some(Popup::Help { scroll: 0 }),
        (_, Command::NextTab) => switch_tab(app, (app.active_tab + 1) % app.tabs.len()),
        (_, Command::PrevTab) => switch_tab(app, (app.active_tab + app.tabs.len() - 1) % app.tabs.len()),
        (_, Command::Tab1) => switch_tab(app, 0),
        (_, Command::Tab2) => switch_tab(app, 1),
        (_, Command::Tab3) => switch_tab(app, 2),
        (_, Command::Tab4) => switch_tab(app, 3),
        (Mode::List, Command::Down) => move_selection(app, 1),
        (Mode::List, Command::Up) => move_selection(app, -1),
        (Mode::List, Command::PageDown) => move_selection(app, page as isize),
        (Mode::List, Command::PageUp) => move_selection(app, -(page as isize)),
        (Mode::List, Command::Top) => move_selection(app, isize::MIN),
        (Mode::List, Command::Bottom) => move_selection(app, isize::MAX),
        (Mode::List, Command::Open) => {
            if app.selected_offering().is_some() {
                app.screen = Screen::Detail;
            }
        }
        (Mode::List, Command::Back) => {}
        (Mode::Detail, Command::Back) => app.screen = Screen::List,
        (Mode::Detail, Command::Down | Command::ScrollDown) | (Mode::List, Command::ScrollDown) => {
            app.detail_scroll = app.detail_scroll.saturating_add(1)
        }
        (Mode::Detail, Command::Up | Command::ScrollUp) | (Mode::List, Command::ScrollUp) => {
            app.detail_scroll = app.detail_scroll.saturating_sub(1)
        }
        (Mode::Detail, Command::PageDown) => app.detail_scroll = app.detail_scroll.saturating_add(detail_page),
        (Mode::Detail, Command::PageUp) => app.detail_scroll = app.detail_scroll.saturating_sub(detail_page),
        (Mode::Detail, Command::Top) => app.detail_scroll = 0,
        (Mode::Detail, Command::Bottom) => app.detail_scroll = u16::MAX,
        (Mode::Detail, Command::Open) => app.screen = Screen::List,
    }
}

fn scroll_help(app: &mut App, delta: i32) {
    if let Some(Popup::Help { scroll }) = &mut app.popup {
        *scroll = scroll.saturating_add_signed(delta as i16);
    }
}

fn switch_tab(app: &mut App, index: usize) {
    if index != app.active_tab {
        app.active_tab = index;
        app.detail_scroll = 0;
    }
}

/// Moves the selection by `delta` rows, stopping at the ends.
fn move_selection(app: &mut App, delta: isize) {
    let tab = &mut app.tabs[app.active_tab];
    if tab.rows.is_empty() {
        return;
    }
    let last = tab.rows.len() - 1;
    let target = (tab.selected as isize).saturating_add(delta).clamp(0, last as isize) as usize;
    if target != tab.selected {
        tab.selected = target;
        app.detail_scroll = 0;
    }
}

fn mouse(app: &mut App, input: MouseInput) {
    let layout = screen_layout(app, app.viewport);
    if let Some(Popup::Help { .. }) = app.popup {
        match input {
            MouseInput::ScrollDown { .. } => scroll_help(app, WHEEL_STEP as i32),
            MouseInput::ScrollUp { .. } => scroll_help(app, -(WHEEL_STEP as i32)),
            MouseInput::Click { .. } => app.popup = None,
        }
        return;
    }
    let inside = |area: Option<ratatui::layout::Rect>, column: u16, row: u16| {
        area.is_some_and(|area| area.contains(ratatui::layout::Position::new(column, row)))
    };
    match input {
        MouseInput::Click { column, row } if row == layout.header.y => {
            if let Some(label) = layout.tabs.iter().find(|label| (label.x..label.x + label.width).contains(&column)) {
                switch_tab(app, label.index);
            }
        }
        MouseInput::Click { column, row } if inside(layout.list, column, row) => {
            let list = layout.list.expect("inside() checked the list is shown");
            // The first data row sits below the top border and the column header.
            let first_row = list.y + 2;
            if row >= first_row && row < list.bottom() - 1 {
                let tab = &app.tabs[app.active_tab];
                let clicked = tab.offset + usize::from(row - first_row);
                if clicked < tab.rows.len() && clicked != tab.selected {
                    app.tabs[app.active_tab].selected = clicked;
                    app.detail_scroll = 0;
                }
            }
        }
        MouseInput::ScrollDown { column, row } if inside(layout.list, column, row) => {
            move_selection(app, WHEEL_STEP as isize)
        }
        MouseInput::ScrollUp { column, row } if inside(layout.list, column, row) => {
            move_selection(app, -(WHEEL_STEP as isize))
        }
        MouseInput::ScrollDown { column, row } if inside(layout.detail, column, row) => {
            app.detail_scroll = app.detail_scroll.saturating_add(WHEEL_STEP)
        }
        MouseInput::ScrollUp { column, row } if inside(layout.detail, column, row) => {
            app.detail_scroll = app.detail_scroll.saturating_sub(WHEEL_STEP)
        }
        _ => {}
    }
}

fn keep_selection_visible(app: &mut App, layout: &ScreenLayout) {
    let visible = layout.visible_rows();
    if visible == 0 {
        return;
    }
    let tab = &mut app.tabs[app.active_tab];
    if tab.selected < tab.offset {
        tab.offset = tab.selected;
    } else if tab.selected >= tab.offset + visible {
        tab.offset = tab.selected + 1 - visible;
    }
    // After a resize the list may fit more rows than lie below the offset.
    let max_offset = tab.rows.len().saturating_sub(visible);
    tab.offset = tab.offset.min(max_offset);
}

fn clamp_detail_scroll(app: &mut App, layout: &ScreenLayout) {
    if let Some(inner) = layout.detail_inner() {
        app.detail_scroll = app.detail_scroll.min(detail_max_scroll(app, inner));
    }
}

/// Asks for the long text of the selected record when the details are on
/// screen and it is not loaded yet.
fn request_detail(app: &mut App, layout: &ScreenLayout) -> Vec<Effect> {
    if layout.detail.is_none() {
        return Vec::new();
    }
    let Some(key) = app.selected_offering().map(|offering| offering.key.clone()) else {
        return Vec::new();
    };
    if app.detail.as_ref().is_some_and(|(loaded, _)| *loaded == key) {
        return Vec::new();
    }
    app.detail = Some((key.clone(), DetailText::Loading));
    vec![Effect::LoadLongText { key }]
}
