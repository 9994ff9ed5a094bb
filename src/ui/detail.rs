use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::{App, DetailText, availability};
use crate::domain::{Details, Occupancy, Offering, Person, RegionRef};
use crate::format::{self, ProjectStatus};
use crate::messages;
use crate::sanitize::{for_terminal, paragraphs_for_terminal};

use super::highlight;
use super::theme::{Meaning, style};

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let strings = app.lang.strings();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(style(app.theme, Meaning::Border))
        .title(Line::styled(format!(" {} ", strings.detail_title), style(app.theme, Meaning::Heading)));
    let inner = block.inner(area);
    let scroll = app.detail_scroll.min(detail_max_scroll(app, inner));
    frame.render_widget(paragraph(app).block(block).scroll((scroll, 0)), area);
}

fn paragraph(app: &App) -> Paragraph<'static> {
    Paragraph::new(lines(app)).wrap(Wrap { trim: false })
}

/// How far the details can scroll in `inner` before their end leaves the top.
pub fn detail_max_scroll(app: &App, inner: Rect) -> u16 {
    if inner.width == 0 {
        return 0;
    }
    let total = paragraph(app).line_count(inner.width);
    u16::try_from(total.saturating_sub(inner.height as usize)).unwrap_or(u16::MAX)
}

struct Builder<'a> {
    app: &'a App,
    lines: Vec<Line<'static>>,
}

impl Builder<'_> {
    fn field(&mut self, label: &str, value: impl AsRef<str>) {
        let value = for_terminal(value.as_ref());
        if value.trim().is_empty() {
            return;
        }
        self.lines.push(Line::from(vec![
            Span::styled(format!("{label}: "), style(self.app.theme, Meaning::Label)),
            Span::raw(value),
        ]));
    }

    fn list(&mut self, label: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.lines.push(Line::styled(format!("{label}:"), style(self.app.theme, Meaning::Label)));
        for item in items {
            self.lines.push(Line::raw(format!("  • {}", for_terminal(item))));
        }
    }

    fn section(&mut self, heading: &str, text: &str) {
        // Calendar and spreadsheet imports often bring no summary.
        if text.trim().is_empty() {
            return;
        }
        self.lines.push(Line::raw(""));
        self.lines.push(Line::styled(heading.to_owned(), style(self.app.theme, Meaning::Label)));
        // While searching, the query's words are marked, so that an
        // offering found through its long text shows why.
        let query = &self.app.search.query;
        let hit = highlight::hit_style(self.app.theme);
        for paragraph in paragraphs_for_terminal(text) {
            if query.words.is_empty() {
                self.lines.push(Line::raw(paragraph));
            } else {
                let marked = highlight::matched_in_long_text(&paragraph, query);
                self.lines.push(highlight::spans(&paragraph, &marked, Style::default(), hit));
            }
        }
    }
}

fn person(person: &Person) -> String {
    match &person.affiliation {
        Some(affiliation) => format!("{} ({affiliation})", person.name),
        None => person.name.clone(),
    }
}

fn region_line(app: &App, region: &RegionRef) -> String {
    let strings = app.lang.strings();
    match region {
        RegionRef::Kreis(ags) => match app.regions.kreis(ags) {
            Some(kreis) => {
                let land = app.regions.land(&kreis.land_code).map_or("", |land| land.name.as_str());
                format!("{} ({}), {land} · {ags}", kreis.name, app.lang.kreis_kind(&kreis.kind))
            }
            None => ags.clone(),
        },
        RegionRef::Land(code) => {
            app.regions.land(code).map_or_else(|| code.clone(), |land| format!("{} · {code}", land.name))
        }
        RegionRef::Bundesweit => strings.nationwide.to_owned(),
        RegionRef::Online => strings.online.to_owned(),
        RegionRef::Unknown => strings.unknown.to_owned(),
    }
}

/// Every field of the selected record, then its long texts once loaded.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let strings = app.lang.strings();
    let Some(offering) = app.selected_offering() else {
        return vec![Line::styled(strings.nothing_selected, style(app.theme, Meaning::Muted))];
    };
    let mut builder = Builder { app, lines: Vec::new() };
    builder.lines.push(Line::styled(for_terminal(&offering.title), style(app.theme, Meaning::Heading)));
    let dated = matches!(offering.details, Details::Event(_) | Details::Roundtable(_));
    if dated && app.is_past(offering) {
        builder.lines.push(Line::styled(format!("({})", strings.past), style(app.theme, Meaning::Past)));
    } else if let Some(state) = availability::registration_state(offering, &app.seats(offering), app.now) {
        let meaning = if state.is_open() { Meaning::Success } else { Meaning::Warning };
        builder.lines.push(Line::styled(format!("({})", state.long(app.lang)), style(app.theme, meaning)));
    }
    if let Some(mark) = app.sources.view.provenance.get(&offering.key).and_then(|found| found.status.mark(app.lang)) {
        builder.lines.push(Line::styled(format!("({mark})"), style(app.theme, Meaning::Warning)));
    }
    let mine = style(app.theme, Meaning::Success);
    if let Some(registration) = app.personal.registrations.get(&offering.key) {
        let status = crate::messages::status_label(registration, app.lang);
        let since = format::date(registration.registered_at.date(), app.lang);
        builder.lines.push(Line::styled(format!("{}: {status} ({since})", strings.reg.label_yours), mine));
        if !registration.note.trim().is_empty() {
            let label = crate::messages::field_label(crate::domain::registration::Field::Note, app.lang);
            let label = label.split(" (").next().unwrap_or(label);
            let change = match app.lang {
                crate::i18n::Lang::De => "e ändert",
                crate::i18n::Lang::En => "e changes it",
            };
            builder.lines.push(Line::styled(format!("{label}: {} ({change})", for_terminal(&registration.note)), mine));
        }
    }
    if let Some(days) = crate::plan::deadline_soon(offering, app.now) {
        builder.lines.push(Line::styled(crate::i18n::deadline_in(days, app.lang), style(app.theme, Meaning::Warning)));
    }
    if app.personal.interests.contains(&offering.key) {
        builder.lines.push(Line::styled(format!("★ {}", strings.reg.interest_noted), mine));
    }
    builder.lines.push(Line::raw(""));
    kind_fields(&mut builder, offering);
    team(&mut builder, offering);
    builder.field(strings.label_organiser, &offering.organiser);
    builder.field(strings.label_place, offering.place.as_deref().unwrap_or_default());
    builder.field(strings.label_region, region_line(app, &offering.region));
    if let RegionRef::Kreis(ags) = &offering.region {
        let figures = super::plan::kreis_figures(app, ags);
        for (label, value) in &figures {
            builder.field(label, value);
        }
        if !figures.is_empty() {
            builder.lines.push(Line::styled(strings.plan.source_destatis, style(app.theme, Meaning::Muted)));
        }
    }
    builder.field(strings.label_topics, offering.topics.join(", "));
    let source = match offering.source.date {
        Some(date) => {
            format!("{} – {}, {}", offering.source.title, offering.source.publisher, format::date(date, app.lang))
        }
        None => format!("{} – {}", offering.source.title, offering.source.publisher),
    };
    builder.field(strings.label_source, source);
    if let Some(found) = app.sources.view.provenance.get(&offering.key) {
        let fetched = format!(
            "{}, {}",
            found.source_name,
            format::date(found.fetched_at.date(), app.lang) + &found.fetched_at.format(" %H:%M").to_string()
        );
        builder.field(strings.src.label_source, fetched);
    }
    builder.field(strings.label_link, offering.url.as_deref().unwrap_or_default());
    builder.field(strings.label_publisher_site, offering.source.url.as_deref().unwrap_or_default());
    match app.selected_text() {
        Some(DetailText::Loaded(text)) => {
            builder.section(strings.label_summary, &text.summary);
            builder.section(strings.label_description, &text.description);
        }
        Some(DetailText::Failed(message)) => {
            builder.lines.push(Line::raw(""));
            builder.lines.push(Line::styled(
                format!("{}: {}", strings.load_failed, for_terminal(message)),
                style(app.theme, Meaning::Warning),
            ));
        }
        Some(DetailText::Loading) | None => {
            builder.lines.push(Line::raw(""));
            builder.lines.push(Line::styled(strings.loading, style(app.theme, Meaning::Muted)));
        }
    }
    builder.lines
}

fn occupancy<'a>(app: &'a App, offering: &Offering) -> Option<&'a Occupancy> {
    app.occupancy.as_ref().filter(|(key, _)| *key == offering.key).map(|(_, occupancy)| occupancy)
}

/// The places as numbers once the store has counted them, the capacity until then.
fn places(builder: &mut Builder, offering: &Offering, capacity: Option<u32>) {
    let app = builder.app;
    let strings = app.lang.strings();
    match (
        occupancy(app, offering).and_then(|occupancy| messages::seats_in_numbers(&occupancy.seats, app.lang)),
        capacity,
    ) {
        (Some(numbers), _) => builder.field(strings.label_capacity, numbers),
        (None, Some(capacity)) => {
            builder.field(strings.label_capacity, format!("{capacity} {}", strings.places_suffix))
        }
        (None, None) => {}
    }
}

/// Who of the team registered or is interested, of any kind of offering.
fn team(builder: &mut Builder, offering: &Offering) {
    let app = builder.app;
    if let Some(occupancy) = occupancy(app, offering).filter(|occupancy| !occupancy.team.is_empty()) {
        builder.field(app.lang.strings().label_team, messages::team_line(&occupancy.team, app.lang));
    }
}

fn kind_fields(builder: &mut Builder, offering: &Offering) {
    let app = builder.app;
    let lang = app.lang;
    let strings = lang.strings();
    let yes_no = |flag: bool| if flag { strings.yes } else { strings.no };
    match &offering.details {
        Details::Event(event) => {
            builder.field(strings.label_when, format::when(event.starts, event.ends, lang));
            builder.field(strings.label_format, &event.format);
            builder.field(strings.label_code, event.code.as_deref().unwrap_or_default());
            builder.field(strings.label_venue, event.venue.as_deref().unwrap_or_default());
            builder.field(strings.label_online, yes_no(event.online));
            builder.field(strings.label_price, format::price(event.price, lang));
            let speakers: Vec<String> = event.speakers.iter().map(person).collect();
            builder.list(strings.label_speakers, &speakers);
            places(builder, offering, event.capacity);
            if let Some(deadline) = event.registration_deadline {
                builder.field(strings.label_deadline, format::moment(deadline, lang));
            }
            builder.field(strings.label_registration, event.registration_note.as_deref().unwrap_or_default());
        }
        Details::Roundtable(roundtable) => {
            builder.field(strings.label_when, format::when(roundtable.starts, roundtable.ends, lang));
            builder.field(strings.label_series, format!("{} · Nr. {}", roundtable.series, roundtable.number));
            builder.field(strings.label_focus, &roundtable.focus);
            builder.field(strings.label_format, &roundtable.format);
            let online = roundtable.online.map_or(strings.not_stated, yes_no);
            builder.field(strings.label_online, online);
            places(builder, offering, roundtable.capacity);
            if let Some(deadline) = roundtable.registration_deadline {
                builder.field(strings.label_deadline, format::moment(deadline, lang));
            }
        }
        Details::Project(project) => {
            let period = match (&project.period_note, project.period_from) {
                (Some(note), Some(_)) => format!("{} ({note})", format::period(project, lang)),
                _ => format::period(project, lang),
            };
            builder.field(strings.label_period, period);
            builder.field(strings.label_status, ProjectStatus::of(project, app.now).label(lang));
            builder.field(strings.label_funder, project.funder.as_deref().unwrap_or_default());
            builder.list(strings.label_goals, &project.goals);
            builder.list(strings.label_project_types, &project.project_types);
            let areas: Vec<&str> = project.area_scope.iter().map(|area| app.lang.area_scope(area)).collect();
            builder.field(strings.label_area_scope, areas.join(", "));
            builder.list(strings.label_partners, &project.partners);
            builder.field(strings.label_contact, project.contact.as_ref().map(person).unwrap_or_default());
        }
        Details::Practice(practice) => {
            builder.field(strings.label_organisation, &practice.organisation);
            builder.field(strings.label_municipality, practice.municipality.as_deref().unwrap_or_default());
            builder.list(strings.label_key_elements, &practice.key_elements);
            builder.field(strings.label_contact, practice.contact.as_ref().map(person).unwrap_or_default());
        }
    }
}
