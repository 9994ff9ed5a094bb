use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, TabKind};
use crate::domain::RegionRef;
use crate::filter::RegionFilter;
use crate::i18n::Lang;
use crate::sanitize::for_terminal;

use super::columns::{self, Column};
use super::highlight;
use super::layout::tab_name;
use super::theme::{Meaning, style};

/// The active tab's table. Only the rows in view are built, so drawing
/// costs the same for ten records as for a hundred thousand.
pub fn draw(frame: &mut Frame, app: &App, area: Rect, focused_alone: bool) {
    let strings = app.lang.strings();
    let tab = app.tab();
    let border = if focused_alone { Meaning::Border } else { Meaning::BorderFocused };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(style(app.theme, border))
        .title(Line::styled(format!(" {} ", tab_name(tab.kind, app.lang)), style(app.theme, Meaning::Heading)));
    let inner = block.inner(area);
    if !app.shows_rows() {
        let loading = Line::styled(strings.still_loading, style(app.theme, Meaning::Muted));
        frame.render_widget(Paragraph::new(loading).block(block), area);
        return;
    }
    if tab.rows.is_empty() {
        frame.render_widget(Paragraph::new(empty_reason(app)).wrap(Wrap { trim: true }).block(block), area);
        return;
    }
    let visible = inner.height.saturating_sub(1) as usize;
    let window = tab.offset..(tab.offset + visible).min(tab.rows.len());
    let all_columns = columns::columns(tab.kind);
    // One column is the selection marker.
    let marker_width = 2;
    let sorted_by = (app.sort == Some(crate::app::sort::Sort::Distance)).then_some(Column::Distance);
    let hidden = columns::hidden(app, tab.kind);
    let fitted = columns::fit(tab.kind, inner.width.saturating_sub(marker_width), &hidden, sorted_by);
    let header = Row::new(fitted.iter().map(|fitted| Cell::from(all_columns[fitted.index].header(strings))))
        .style(style(app.theme, Meaning::ColumnHeader));
    let hit_style = highlight::hit_style(app.theme);
    let rows = tab.rows[window].iter().map(|&index| {
        let offering = &app.offerings[index];
        let row_style =
            if app.is_past(offering) { style(app.theme, Meaning::Past) } else { style(app.theme, Meaning::Text) };
        let cells = fitted.iter().map(|fitted| {
            let column = all_columns[fitted.index];
            let full = column.cell(app, offering, fitted.narrow);
            let text = truncate(&full, fitted.width);
            if column == Column::Title && !app.search.query.words.is_empty() {
                let marked = highlight::matched_chars(&full, &app.search.query);
                Cell::from(highlight::spans(&text, &marked, row_style, hit_style))
            } else {
                Cell::from(text)
            }
        });
        Row::new(cells.collect::<Vec<_>>()).style(row_style)
    });
    let widths: Vec<Constraint> = fitted.iter().map(|fitted| Constraint::Length(fitted.width)).collect();
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .highlight_symbol("▶ ")
        .row_highlight_style(style(app.theme, Meaning::Selected));
    let mut state = TableState::default().with_selected(Some(tab.selected - tab.offset));
    frame.render_stateful_widget(table, area, &mut state);
}

/// Why a tab is empty and which key brings offerings back.
fn empty_reason(app: &App) -> Vec<Line<'static>> {
    let strings = app.lang.strings();
    if !app.is_narrowed() {
        let text = if app.tab().kind == TabKind::Mine { strings.reg.mine_empty } else { strings.nothing_here };
        return vec![Line::styled(text, style(app.theme, Meaning::Muted))];
    }
    let mut reason = strings.no_matches.to_owned();
    if !app.search.input.trim().is_empty() {
        reason.push_str(&format!(" {} {}", strings.for_query, app.lang.quote(&for_terminal(app.search.input.trim()))));
    }
    let filters = super::status_bar::active_filters(app);
    if !filters.is_empty() {
        reason.push_str(&format!(" ({})", filters.join(" · ")));
    }
    let mut lines = vec![Line::styled(reason + ".", style(app.theme, Meaning::Warning)), Line::raw("")];
    if !app.search.input.trim().is_empty() {
        lines.push(Line::raw(format!("• {}", strings.widen_search)));
    }
    if !app.filters.region.is_all() || app.filters.with_online {
        lines.extend(hidden_elsewhere(app).into_iter().map(|line| Line::raw(format!("• {line}"))));
        lines.push(Line::raw(format!("• {}", strings.widen_region)));
    }
    if app.filters.time != crate::filter::TimeFilter::All {
        lines.push(Line::raw(format!("• {}", strings.widen_time)));
    }
    lines
}

/// Under a Land or Kreis filter: how many of this tab's online and
/// nationwide offerings the filter hides, and how to bring them back.
fn hidden_elsewhere(app: &App) -> Vec<String> {
    let TabKind::Offerings(kind) = app.tab().kind else { return Vec::new() };
    if !matches!(app.filters.region, RegionFilter::Land(_) | RegionFilter::Kreis(_)) {
        return Vec::new();
    }
    let count = |region: RegionRef| {
        app.offerings.iter().filter(|offering| offering.kind() == kind && offering.region == region).count()
    };
    let online = if app.filters.with_online { 0 } else { count(RegionRef::Online) };
    let nationwide = count(RegionRef::Bundesweit);
    let mut lines = Vec::new();
    let hidden = |count: usize, de: (&str, &str), en: (&str, &str)| match (app.lang, count) {
        (Lang::De, 1) => format!("1 {} ist ausgeblendet", de.0),
        (Lang::De, _) => format!("{count} {} sind ausgeblendet", de.1),
        (Lang::En, 1) => format!("1 {} is hidden", en.0),
        (Lang::En, _) => format!("{count} {} are hidden", en.1),
    };
    if online > 0 {
        let what = hidden(online, ("Online-Angebot", "Online-Angebote"), ("online offering", "online offerings"));
        lines.push(match app.lang {
            Lang::De => format!("{what}: Strg-O im Regionsfilter (f) holt sie dazu"),
            Lang::En => format!("{what}: Ctrl-O in the region filter (f) brings them back"),
        });
    }
    if nationwide > 0 {
        let what = hidden(
            nationwide,
            ("bundesweites Angebot", "bundesweite Angebote"),
            ("nationwide offering", "nationwide offerings"),
        );
        lines.push(match app.lang {
            Lang::De => format!("{what}: im Regionsfilter (f) „bundesweit“ wählen"),
            Lang::En => format!("{what}: pick “nationwide” in the region filter (f)"),
        });
    }
    lines
}

/// Cuts text to `width` display columns, ending in "…" when cut.
pub fn truncate(text: &str, width: u16) -> String {
    let width = width as usize;
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let ch_width = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + ch_width + 1 > width {
            break;
        }
        out.push(ch);
        used += ch_width;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn truncation_counts_display_width() {
        assert_eq!(truncate("Größe", 5), "Größe");
        assert_eq!(truncate("Zukunft der Städte", 8), "Zukunft…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
    }
}
