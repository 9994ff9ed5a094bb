//! The columns each tab shows, with a priority that decides which ones give
//! way first when the window is narrow: the title always stays.

use unicode_width::UnicodeWidthStr;

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
    KindName,
    Date,
    Time,
    Title,
    Where,
    Format,
    Price,
    Status,
    Period,
    Funder,
    Organisation,
    Topics,
    Number,
    Focus,
}

/// Narrowest the title may get before other columns are dropped.
pub const TITLE_MIN_WIDTH: u16 = 22;

pub fn columns(tab: TabKind) -> &'static [Column] {
    use Column::*;
    match tab {
        TabKind::Offerings(Kind::Event) => &[Mark, Date, Time, Title, Where, Format, Price, Status],
        TabKind::Offerings(Kind::Project) => &[Mark, Period, Title, Where, Funder, Status],
        TabKind::Offerings(Kind::Practice) => &[Mark, Title, Organisation, Where, Topics],
        TabKind::Offerings(Kind::Roundtable) => &[Mark, Date, Time, Number, Title, Focus, Where, Status],
        TabKind::Mine => &[Mine, Date, Time, Title, Where, KindName],
    }
}

impl Column {
    /// Higher stays longer when space runs out.
    fn priority(self) -> u8 {
        match self {
            Column::Title => u8::MAX,
            Column::Mark => u8::MAX - 1,
            Column::Mine => 11,
            Column::KindName => 3,
            Column::Date | Column::Period => 10,
            Column::Status => 9,
            Column::Where => 8,
            Column::Organisation => 8,
            Column::Focus => 7,
            Column::Price => 6,
            Column::Time | Column::Funder | Column::Topics => 5,
            Column::Format | Column::Number => 4,
        }
    }

    /// The widest a column grows; longer values are cut with "…".
    fn max_width(self) -> u16 {
        match self {
            Column::Mark => 2,
            Column::Mine => 22,
            Column::KindName => 16,
            Column::Date => 18,
            Column::Time => 15,
            Column::Where => 18,
            Column::Format => 14,
            Column::Price => 20,
            Column::Status => 13,
            Column::Period => 15,
            Column::Funder => 12,
            Column::Organisation => 26,
            Column::Topics => 28,
            Column::Number => 3,
            Column::Focus => 14,
            Column::Title => u16::MAX,
        }
    }

    pub fn header(self, strings: &Strings) -> &'static str {
        match self {
            Column::Mark => "",
            Column::Mine => strings.reg.col_mine,
            Column::KindName => strings.reg.col_kind,
            Column::Date => strings.col_date,
            Column::Time => strings.col_time,
            Column::Title => strings.col_title,
            Column::Where => strings.col_where,
            Column::Format => strings.col_format,
            Column::Price => strings.col_price,
            Column::Status => strings.col_status,
            Column::Period => strings.col_period,
            Column::Funder => strings.col_funder,
            Column::Organisation => strings.col_organisation,
            Column::Topics => strings.col_topics,
            Column::Number => strings.col_number,
            Column::Focus => strings.col_focus,
        }
    }

    pub fn cell(self, app: &App, offering: &Offering) -> String {
        let lang = app.lang;
        // What the source says (abgesagt, entfällt) or what is unread (neu, geändert) comes first.
        if self == Column::Status
            && let Some(mark) = crate::app::sources::list_mark(app, offering)
        {
            return mark.to_owned();
        }
        let strings = lang.strings();
        let text = match (self, &offering.details) {
            (Column::Mark, _) => personal::marker(&app.personal, &offering.key).to_owned(),
            (Column::Mine, _) => {
                let mine = match app.personal.registrations.get(&offering.key) {
                    Some(registration) => crate::messages::status_label(registration, lang),
                    None => strings.reg.interest.to_owned(),
                };
                let source = app.sources.view.provenance.get(&offering.key);
                match source.and_then(|found| found.status.short_mark(lang)) {
                    Some(mark) => format!("{mine} · {mark}"),
                    None => mine,
                }
            }
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
            (Column::Status, _) if app.is_past(offering) => strings.past.to_owned(),
            (Column::Funder, Details::Project(project)) => {
                project.funder.as_deref().map(short_name).unwrap_or_default()
            }
            (Column::Organisation, Details::Practice(practice)) => practice.organisation.clone(),
            (Column::Topics, _) => offering.topics.join(", "),
            (Column::Number, Details::Roundtable(roundtable)) => roundtable.number.to_string(),
            (Column::Focus, Details::Roundtable(roundtable)) => roundtable.focus.clone(),
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

/// Picks the columns that fit `width` and their widths; the title takes what is left.
pub fn fit(kind: TabKind, cells: &[Vec<String>], headers: &[&str], width: u16) -> Vec<(usize, u16)> {
    let all = columns(kind);
    let natural: Vec<u16> = all
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let widest_cell = cells.iter().map(|row| row[index].width()).max().unwrap_or(0);
            let natural = widest_cell.max(headers[index].width()) as u16;
            natural.min(column.max_width())
        })
        .collect();
    // A column with nothing to show in view (the marks, mostly) takes no room.
    let mut kept: Vec<usize> =
        (0..all.len()).filter(|&index| natural[index] > 0 || all[index] == Column::Title).collect();
    let needed = |kept: &[usize]| -> u16 {
        let spacing = kept.len().saturating_sub(1) as u16;
        kept.iter()
            .map(|&index| if all[index] == Column::Title { TITLE_MIN_WIDTH } else { natural[index] })
            .sum::<u16>()
            + spacing
    };
    while needed(&kept) > width {
        let Some(drop) = kept
            .iter()
            .enumerate()
            .filter(|(_, index)| all[**index] != Column::Title)
            .min_by_key(|(position, index)| (all[**index].priority(), std::cmp::Reverse(*position)))
            .map(|(position, _)| position)
        else {
            break;
        };
        kept.remove(drop);
    }
    let fixed: u16 =
        kept.iter().filter(|&&index| all[index] != Column::Title).map(|&index| natural[index]).sum::<u16>()
            + kept.len().saturating_sub(1) as u16;
    kept.into_iter()
        .map(|index| {
            let column_width = if all[index] == Column::Title { width.saturating_sub(fixed) } else { natural[index] };
            (index, column_width)
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
        let headers = ["", "Datum", "Uhrzeit", "Titel", "Ort / Region", "Format", "Preis", "Status"];
        let cells = vec![vec![
            "✓".to_owned(),
            "21.03.2019".to_owned(),
            "10:00–16:00 Uhr".to_owned(),
            "Zukunft der Städte".to_owned(),
            "Berlin (BE)".to_owned(),
            "Seminar".to_owned(),
            "549,00 € zzgl. MwSt.".to_owned(),
            "vergangen".to_owned(),
        ]];
        let events = TabKind::Offerings(Kind::Event);
        let wide: Vec<usize> = fit(events, &cells, &headers, 200).iter().map(|(i, _)| *i).collect();
        assert_eq!(wide, vec![0, 1, 2, 3, 4, 5, 6, 7]);
        let narrow = fit(events, &cells, &headers, 60);
        let kept: Vec<usize> = narrow.iter().map(|(i, _)| *i).collect();
        assert!(kept.contains(&0) && kept.contains(&1) && kept.contains(&3) && kept.contains(&7), "{kept:?}");
        assert!(!kept.contains(&5), "format gives way before date and status");
        let total: u16 = narrow.iter().map(|(_, w)| *w).sum::<u16>() + narrow.len() as u16 - 1;
        assert_eq!(total, 60, "columns fill the width exactly");
    }
}
