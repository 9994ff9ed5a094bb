//! Germany drawn from the 16,000 postal places, with a mark per Kreis
//! whose size shows how many offerings take place there, the home place
//! and the Kreis the arrows chose. Shapes carry the meaning, so it reads
//! without colour too.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Points};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::App;
use crate::app::plan::MapView;
use crate::filter::RegionFilter;
use crate::geo::Gazetteer;
use crate::geo::projection::{Bounds, project};

use super::super::theme::{Meaning, style};
use super::{framed, kreis_figures};

const HOME: &str = "⌂";
const CHOSEN: &str = "▣";
/// Marks from one offering to many, smallest first.
const MARKS: [(usize, &str); 3] = [(1, "•"), (2, "●"), (4, "◉")];
const PANEL_WIDTH: u16 = 30;

fn mark(count: usize) -> &'static str {
    MARKS.iter().rev().find(|(least, _)| count >= *least).map_or(MARKS[0].1, |(_, mark)| mark)
}

fn colour(app: &App, meaning: Meaning) -> Color {
    style(app.theme, meaning).fg.unwrap_or(Color::Reset)
}

fn in_filter(app: &App, kreis: &str) -> bool {
    match &app.filters.region {
        RegionFilter::Kreis(ags) => ags == kreis,
        RegionFilter::Land(code) => app.regions.kreis(kreis).is_some_and(|found| found.land_code == *code),
        _ => false,
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, view: &MapView) {
    let strings = app.lang.strings();
    let block = framed(app, strings.plan.map_title.to_owned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [map_area, panel] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(PANEL_WIDTH)]).areas(inner);
    let gazetteer = Gazetteer::shipped();
    let bounds = Bounds::germany().fit(map_area.width, map_area.height);
    let (highlighted, outline): (Vec<_>, Vec<_>) =
        gazetteer.places().iter().partition(|place| in_filter(app, &place.kreis));
    let points = |places: Vec<&crate::geo::Place>| -> Vec<(f64, f64)> {
        places.into_iter().map(|place| project(place.at)).map(|point| (point.x, point.y)).collect()
    };
    let (outline, highlighted) = (points(outline), points(highlighted));
    let mut marks: Vec<(&String, &usize)> = view.counts.iter().collect();
    // Fixed order, so equal frames draw equal screens.
    marks.sort();
    let canvas = Canvas::default().x_bounds(bounds.x).y_bounds(bounds.y).marker(Marker::Braille).paint(|ctx| {
        ctx.draw(&Points { coords: &outline, color: colour(app, Meaning::Border) });
        ctx.draw(&Points { coords: &highlighted, color: colour(app, Meaning::Accent) });
        ctx.layer();
        for &(ags, &count) in &marks {
            let Some(kreis) = gazetteer.kreis(ags) else { continue };
            let at = project(kreis.centre);
            let mut mark_style = style(app.theme, Meaning::Warning);
            if in_filter(app, ags) {
                mark_style = mark_style.add_modifier(Modifier::UNDERLINED);
            }
            ctx.print(at.x, at.y, Span::styled(mark(count), mark_style));
        }
        if let Some(home) = &app.home {
            let at = project(home.at);
            ctx.print(at.x, at.y, Span::styled(HOME, style(app.theme, Meaning::Success)));
        }
        if let Some(kreis) = view.selected.as_deref().and_then(|ags| gazetteer.kreis(ags)) {
            let at = project(kreis.centre);
            ctx.print(at.x, at.y, Span::styled(CHOSEN, style(app.theme, Meaning::Selected)));
        }
    });
    frame.render_widget(canvas, map_area);
    frame.render_widget(Paragraph::new(panel_lines(app, view)).wrap(Wrap { trim: false }), panel);
}

/// The chosen Kreis with its counts and figures, the home place, the legend.
fn panel_lines(app: &App, view: &MapView) -> Vec<Line<'static>> {
    let strings = app.lang.strings();
    let plan = strings.plan;
    let label = style(app.theme, Meaning::Label);
    let muted = style(app.theme, Meaning::Muted);
    let mut lines = Vec::new();
    match view.selected.as_deref().and_then(|ags| app.regions.kreis(ags)) {
        Some(kreis) => {
            lines.push(Line::styled(kreis.name.clone(), style(app.theme, Meaning::Heading)));
            lines.push(Line::raw(kreis.kind.clone()));
            let count = view.counts.get(&kreis.ags).copied().unwrap_or(0);
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", plan.offerings_label), label),
                Span::raw(count.to_string()),
            ]));
            for (name, value) in kreis_figures(app, &kreis.ags) {
                lines.push(Line::from(vec![Span::styled(format!("{name}: "), label), Span::raw(value)]));
            }
        }
        None => lines.push(Line::styled(plan.map_no_kreis, muted)),
    }
    lines.push(Line::raw(""));
    match &app.home {
        Some(home) => lines.push(Line::raw(format!("{HOME} {}: {}", plan.map_home, home.label))),
        None => lines.push(Line::styled(format!("{HOME} {}", plan.no_home), muted)),
    }
    lines.push(Line::raw(""));
    let legend: Vec<String> =
        MARKS.iter().zip(["1", "2–3", "4+"]).map(|((_, mark), range)| format!("{mark} {range}")).collect();
    lines.push(Line::raw(format!("{} {}", legend.join("  "), plan.offerings)));
    lines.push(Line::raw(format!("{CHOSEN} {}", strings.region_label)));
    lines.push(Line::raw(""));
    lines.push(Line::styled(strings.attribution, muted));
    lines
}

#[cfg(test)]
mod tests {
    use super::mark;

    #[test]
    fn marks_grow_with_the_count() {
        assert_eq!([mark(1), mark(2), mark(3), mark(4), mark(40)], ["•", "●", "●", "◉", "◉"]);
    }
}
