//! The columns each tab shows, with a priority that decides which ones give
//! way first when the window is narrow: the title always stays.

use crate::app::{App, TabKind, personal};
use crate::domain::{Details, Kind, Offering, RegionRef};
use crate::format::{self, ProjectStatus};
use crate::i18n::Strings;
use crate::sanitize::for_terminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// ✓ registered, ◔ waitlisted, ★ interest.
    Mark,
    /// The user's status in the "Meine" tab, in words.
    Mine,
    /// The note of the user's registration, in "Meine".
    Note,
    KindName,
    Date,
    Time,
    Title,
    Where,
    Format,
    Price,
    /// A project's status: planned, running, finished; for any offering
    /// first what its source says (abgesagt, entfällt) or "neu".
    Status,
    /// Whether one can still register: past, under way, closed, full, places left.
    Availability,
    Period,
    Funder,
    Organisation,
    Topics,
    Number,
    Focus,
    /// Kilometres from the home place; shown only when there is one.
    Distance,
}

/// Narrowest the title may get before other columns are dropped: enough
/// for the words a search matched to stay in view. Event titles run
/// longest; "Meine" needs its date and status beside the title.
fn title_min_width(tab: TabKind) -> u16 {
    match tab {
        TabKind::Offerings(Kind::Event | Kind::Roundtable) => 50,
        TabKind::Offerings(Kind::Project | Kind::Practice) => 40,
        TabKind::Mine => 30,
    }
}

pub fn columns(tab: TabKind) -> &'static [Column] {
    use Column::*;
    match tab {
        TabKind::Offerings(Kind::Event) => &[Mark, Date, Time, Title, Where, Distance, Format, Price, Availability],
        TabKind::Offerings(Kind::Project) => &[Mark, Period, Title, Where, Distance, Funder, Status],
        TabKind::Offerings(Kind::Practice) => &[Mark, Title, Organisation, Where, Distance, Topics, Status],
        TabKind::Offerings(Kind::Roundtable) => {
            &[Mark, Date, Time, Number, Title, Focus, Where, Distance, Availability]
        }
        TabKind::Mine => &[Mine, Date, Time, Title, Note, Where, Distance, KindName],
    }
}

impl Column {
    /// Higher stays longer when space runs out.
    fn priority(self) -> u8 {
        match self {
            Column::Title => u8::MAX,
            Column::Mark => u8::MAX - 1,
            Column::Mine => 11,
            Column::Note => 9,
            Column::KindName => 3,
            Column::Date | Column::Period => 10,
            Column::Status | Column::Availability => 9,
            Column::Where => 8,
            Column::Organisation => 8,
            Column::Focus => 7,
            Column::Distance => 7,
            Column::Price => 6,
            Column::Time | Column::Funder | Column::Topics => 5,
            Column::Format | Column::Number => 4,
        }
    }

    /// A column's width, whatever rows are in view, so that columns stand
    /// still while paging; longer values are cut with "…".
    fn width(self) -> u16 {
        match self {
            Column::Mark => 2,
            Column::Mine => 20,
            Column::Note => 18,
            Column::KindName => 15,
            Column::Date => 18,
            Column::Time => 15,
            Column::Where => 18,
            Column::Format => 10,
            Column::Price => 12,
            Column::Status => 13,
            // "Anmeldeschluss in 3 Tagen", "Anmeldeschluss vorbei", "noch 12 Plätze".
            Column::Availability => 25,
            Column::Period => 15,
            Column::Funder => 12,
            Column::Organisation => 24,
            Column::Topics => 28,
            Column::Number => 3,
            Column::Focus => 14,
            Column::Distance => 7,
            Column::Title => u16::MAX,
        }
    }

    pub fn header(self, strings: &Strings) -> &'static str {
        match self {
            Column::Mark => "",
            Column::Mine => strings.reg.col_mine,
            Column::Note => strings.col_note,
            Column::KindName => strings.reg.col_kind,
            Column::Date => strings.col_date,
            Column::Time => strings.col_time,
            Column::Title => strings.col_title,
            Column::Where => strings.col_where,
            Column::Format => strings.col_format,
            Column::Price => strings.col_price,
            Column::Status | Column::Availability => strings.col_status,
            Column::Period => strings.col_period,
            Column::Funder => strings.col_funder,
            Column::Organisation => strings.col_organisation,
            Column::Topics => strings.col_topics,
            Column::Number => strings.col_number,
            Column::Focus => strings.col_focus,
            Column::Distance => strings.plan.col_distance,
        }
    }

    pub fn cell(self, app: &App, offering: &Offering) -> String {
        let lang = app.lang;
        // What the source says (abgesagt, entfällt) or what is unread (neu, geändert) comes first.
        if matches!(self, Column::Status | Column::Availability)
            && let Some(mark) = crate::app::sources::list_mark(app, offering)
        {
            return mark.to_owned();
        }
        let strings = lang.strings();
        let text = match (self, &offering.details) {
            // Where the status column has no room, a dot still says "neu" or "geändert".
            (Column::Mark, _) => match personal::marker(&app.personal, &offering.key) {
                "" if crate::app::sources::is_unread(app, &offering.key) => "•".to_owned(),
                marker => marker.to_owned(),
            },
            (Column::Mine, _) => {
                let mine = match app.personal.registrations.get(&offering.key) {
                    Some(registration) => crate::messages::status_label(registration, lang),
                    None => strings.reg.interest.to_owned(),
                };
                let source = app.sources.view.provenance.get(&offering.key);
                match source.and_then(|found| found.status.short_mark(lang)) {
                    // The source's word first: the column is narrow and it is the news.
                    Some(mark) => format!("{mark} · {mine}"),
                    None => mine,
                }
            }
            (Column::Note, _) => app
                .personal
                .registrations
                .get(&offering.key)
                .map(|registration| registration.note.clone())
                .unwrap_or_default(),
            (Column::KindName, _) => super::layout::tab_name(TabKind::Offerings(offering.kind()), lang).to_owned(),
            (Column::Title, _) => offering.title.clone(),
            (Column::Where, _) => place_and_region(app, offering),
            (Column::Date | Column::Period, details) => format::schedule(details, lang).unwrap_or_default(),
            (Column::Time, Details::Event(event)) => format::time_span(event.starts, event.ends, lang),
            (Column::Time, Details::Roundtable(roundtable)) => {
                format::time_span(roundtable.starts, roundtable.ends, lang)
            }
            (Column::Format, Details::Event(event)) => event.format.clone(),
            (Column::Price, Details::Event(event)) => format::price(event.price, lang),
            (Column::Status, Details::Project(project)) => ProjectStatus::of(project, app.now).label(lang).to_owned(),
            (Column::Availability, _) if app.is_past(offering) => strings.past.to_owned(),
            (Column::Availability, _) => {
                let seats = app.seats(offering);
                // A closing deadline matters more than the places left, unless there are none.
                crate::plan::deadline_soon(offering, app.now)
                    .filter(|_| seats.free() != Some(0))
                    .map(|days| crate::i18n::deadline_in(days, lang))
                    .or_else(|| crate::messages::availability(offering, &seats, app.now, lang))
                    .unwrap_or_default()
            }
            (Column::Funder, Details::Project(project)) => {
                project.funder.as_deref().map(short_name).unwrap_or_default()
            }
            (Column::Organisation, Details::Practice(practice)) => practice.organisation.clone(),
            (Column::Topics, _) => offering.topics.join(", "),
            (Column::Number, Details::Roundtable(roundtable)) => roundtable.number.to_string(),
            (Column::Focus, Details::Roundtable(roundtable)) => roundtable.focus.clone(),
            (Column::Distance, _) => app
                .index_by_key
                .get(&offering.key)
                .and_then(|&index| crate::app::near::distance_km(app, index))
                .map(crate::i18n::kilometres)
                .unwrap_or_default(),
            _ => String::new(),
        };
        for_terminal(&text)
    }
}

/// "Bundesministerium für Bildung und Forschung (BMBF)" → "BMBF".
fn short_name(name: &str) -> String {
    name.trim_end()
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .map(|(_, short)| short.to_owned())
        .filter(|short| !short.is_empty())
        .unwrap_or_else(|| name.to_owned())
}

/// "Burgstädt (SN)", "Mittelsachsen", "Sachsen", "online", "bundesweit".
pub fn place_and_region(app: &App, offering: &Offering) -> String {
    let strings = app.lang.strings();
    let land_code = app.regions.land_of(&offering.region).map(|land| land.code.as_str());
    match (&offering.place, &offering.region) {
        (_, RegionRef::Online) => strings.online.to_owned(),
        (Some(place), _) => match land_code {
            Some(code) => format!("{place} ({code})"),
            None => place.clone(),
        },
        (None, RegionRef::Kreis(ags)) => app.regions.kreis(ags).map_or_else(|| ags.clone(), |kreis| kreis.name.clone()),
        (None, RegionRef::Land(code)) => app.regions.land(code).map_or_else(|| code.clone(), |land| land.name.clone()),
        (None, RegionRef::Bundesweit) => strings.nationwide.to_owned(),
        (None, RegionRef::Unknown) => strings.unknown.to_owned(),
    }
}

/// The columns a tab leaves out because they would stay empty: the
/// distance without a home place to measure from; a practice's status
/// (practices have none of their own) unless a source marked a practice.
/// The whole catalogue decides, not the rows a search or filter leaves, so
/// that columns stand still while the list narrows.
pub fn hidden(app: &App, kind: TabKind) -> Vec<Column> {
    let mut hidden = Vec::new();
    if app.home.is_none() {
        hidden.push(Column::Distance);
    }
    if kind == TabKind::Offerings(Kind::Practice) && !source_marked(app, Kind::Practice) {
        hidden.push(Column::Status);
    }
    hidden
}

/// Whether a source says something about an offering of `kind`; only
/// offerings from sources can, and they are few, so those are asked.
fn source_marked(app: &App, kind: Kind) -> bool {
    app.sources.view.provenance.keys().filter_map(|key| app.index_by_key.get(key)).any(|&index| {
        let offering = &app.offerings[index];
        offering.kind() == kind && crate::app::sources::list_mark(app, offering).is_some()
    })
}

/// Picks the columns that fit `width` and their widths; the title takes
/// what is left. Only the window's width decides, never the rows in view;
/// and the `hidden` columns, and the column the list is sorted by, which
/// stays as long as the title does.
pub fn fit(kind: TabKind, width: u16, hidden: &[Column], keep: Option<Column>) -> Vec<(usize, u16)> {
    let all = columns(kind);
    let mut kept: Vec<usize> = (0..all.len()).filter(|&index| !hidden.contains(&all[index])).collect();
    let fixed = |kept: &[usize]| -> u16 {
        let spacing = kept.len().saturating_sub(1) as u16;
        kept.iter().filter(|&&index| all[index] != Column::Title).map(|&index| all[index].width()).sum::<u16>()
            + spacing
    };
    while fixed(&kept) + title_min_width(kind) > width {
        let Some(drop) = kept
            .iter()
            .enumerate()
            .filter(|(_, index)| all[**index] != Column::Title && Some(all[**index]) != keep)
            .min_by_key(|(position, index)| (all[**index].priority(), std::cmp::Reverse(*position)))
            .map(|(position, _)| position)
        else {
            break;
        };
        kept.remove(drop);
    }
    let fixed = fixed(&kept);
    kept.into_iter()
        .map(|index| {
            let column = all[index];
            (index, if column == Column::Title { width.saturating_sub(fixed) } else { column.width() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn funders_show_their_abbreviation() {
        assert_eq!(short_name("Bundesministerium für Bildung und Forschung (BMBF)"), "BMBF");
        assert_eq!(short_name("Stadt Bottrop"), "Stadt Bottrop");
    }

    #[test]
    fn narrow_lists_drop_low_priority_columns_first() {
        let events = TabKind::Offerings(Kind::Event);
        let wide: Vec<usize> = fit(events, 200, &[Column::Distance], None).iter().map(|(i, _)| *i).collect();
        assert_eq!(wide, vec![0, 1, 2, 3, 4, 6, 7, 8], "no distance without a home place");
        let narrow = fit(events, 100, &[Column::Distance], None);
        let kept: Vec<Column> = narrow.iter().map(|(i, _)| columns(events)[*i]).collect();
        assert_eq!(
            kept,
            [Column::Mark, Column::Date, Column::Title, Column::Availability],
            "format, price, time go first"
        );
        for width in [60, 76, 100, 120, 200] {
            let fitted = fit(events, width, &[], None);
            let total: u16 = fitted.iter().map(|(_, w)| *w).sum::<u16>() + fitted.len() as u16 - 1;
            assert_eq!(total, width, "columns fill the width exactly");
        }
    }

    #[test]
    fn the_distance_shows_with_a_home_place_and_stays_while_it_is_the_order() {
        let events = TabKind::Offerings(Kind::Event);
        let distance = |fitted: Vec<(usize, u16)>| fitted.iter().any(|&(i, _)| columns(events)[i] == Column::Distance);
        assert!(distance(fit(events, 200, &[], None)));
        assert!(!distance(fit(events, 200, &[Column::Distance], None)));
        assert!(!distance(fit(events, 100, &[], None)), "it gives way in a narrow list");
        assert!(distance(fit(events, 100, &[], Some(Column::Distance))), "unless the list is sorted by it");
    }

    #[test]
    fn the_title_keeps_fifty_columns_wherever_the_window_allows() {
        for tab in crate::app::TAB_KINDS {
            // 120 columns side by side with the details leave the list 74 for its columns.
            for width in [74, 76, 120, 196] {
                let fitted = fit(tab, width, &[], None);
                let title = fitted.iter().find(|(index, _)| columns(tab)[*index] == Column::Title).unwrap().1;
                assert!(title >= title_min_width(tab), "{tab:?} at {width}: title {title}");
            }
        }
    }
}
