//! The planning views: month calendar, agenda and map.

mod agenda;
mod calendar;
mod map;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use crate::app::App;
use crate::app::plan::PlanView;
use crate::plan::text::{entry_line, overlap_note};
use crate::plan::{Entry, What};

use super::list::truncate;
use super::theme::{Meaning, style};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, view: &PlanView) {
    match view {
        PlanView::Calendar(calendar) => calendar::draw(frame, app, area, calendar),
        PlanView::Agenda(agenda) => agenda::draw(frame, app, area, agenda),
        PlanView::Map(map) => map::draw(frame, app, area, map),
    }
}

fn framed(app: &App, title: String) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(style(app.theme, Meaning::BorderFocused))
        .title(Line::styled(format!(" {title} "), style(app.theme, Meaning::Heading)))
}

/// One agenda entry, and its overlap warning, cut to `width`.
fn entry_lines(app: &App, entry: &Entry, selected: bool, indent: &str, width: u16) -> Vec<Line<'static>> {
    let marker = if selected { "▶ " } else { "  " };
    let text = truncate(&format!("{indent}{marker}{}", entry_line(entry, &app.offerings, app.lang)), width);
    let meaning = match entry.what {
        _ if selected => Meaning::Selected,
        _ if entry.mine => Meaning::Success,
        What::Deadline => Meaning::Accent,
        _ => Meaning::Text,
    };
    let mut lines = vec![Line::styled(text, style(app.theme, meaning))];
    if let Some(note) = overlap_note(entry, &app.offerings, app.lang) {
        lines.push(Line::styled(truncate(&format!("{indent}    ! {note}"), width), style(app.theme, Meaning::Warning)));
    }
    lines
}

/// A Kreis's Destatis figures in words, and how alike it is to the home
/// Kreis: "Einwohner: 237.735", "Einwohner je km²: 1.068", "ähnlich: hoch".
pub fn kreis_figures(app: &App, ags: &str) -> Vec<(&'static str, String)> {
    let strings = app.lang.strings().plan;
    let gazetteer = crate::geo::Gazetteer::shipped();
    let Some(kreis) = gazetteer.kreis(ags) else { return Vec::new() };
    let lang = app.lang;
    let mut figures = vec![
        (strings.label_population, crate::format::whole_number(kreis.figures.population, lang)),
        (strings.label_density, crate::format::whole_number(kreis.figures.density().round() as u64, lang)),
    ];
    let home = app.home.as_ref().and_then(|home| gazetteer.kreis(&home.kreis));
    if let Some(home) = home.filter(|home| home.ags != ags) {
        let level = match crate::geo::similarity(&home.figures, &kreis.figures) {
            Some(crate::geo::Similarity::High) => strings.similar_high,
            Some(crate::geo::Similarity::Medium) => strings.similar_medium,
            None => lang.strings().no,
        };
        figures.push((strings.label_similar, level.to_owned()));
    }
    figures
}
