//! The columns each tab shows, with a priority that decides which ones give
//! way first when the window is narrow: the title always stays.

use crate::app::{App, TabKind, availability, personal};
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
            Column::Mine => 110,
            Column::Date | Column::Period => 100,
            // Above a wide date: whether one can still register is worth
            // more than the date's year and end (#14.6).
            Column::Availability => 97,
            Column::Status | Column::Note => 90,
            Column::Where | Column::Organisation => 80,
            // Above the roundtable's focus, which its title mostly names too.
            Column::Distance => 75,
            Column::Focus => 70,
            Column::Price => 60,
            Column::Time | Column::Funder | Column::Topics => 50,
            Column::Format | Column::Number => 40,
            Column::KindName => 30,
        }
    }

    /// The narrower form a column takes before it gives way entirely, and
    /// how long its wide form stays.
    fn narrow(self) -> Option<Narrow> {
        match self {
            // The short status says the same in fewer letters, so the long
            // one gives way before the distance and the place do; after the
            // focus, so that 200 columns still read it in full.
            Column::Availability => Some(Narrow { width: availability::NARROW_WIDTH, wide_priority: 72 }),
            // "28.10.20" leaves the status beside a fifty-column title at
            // 120 columns with the details open; the details say the rest.
            // After the note, which "Meine" keeps beside a full date.
            Column::Date => Some(Narrow { width: 8, wide_priority: 95 }),
            _ => None,
        }
    }

    /// The priority of a column's current form giving way.
    fn giving_way(self, narrow: bool) -> u8 {
        match self.narrow() {
            Some(form) if !narrow => form.wide_priority,
            _ => self.priority(),
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

    /// The text of a column for an offering, in the column's narrow form
    /// where `fit` chose it.
    pub fn cell(self, app: &App, offering: &Offering, narrow: bool) -> String {
        let lang = app.lang;
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
            (Column::Date, details) if narrow => format::short_schedule(details, lang).unwrap_or_default(),
            (Column::Date | Column::Period, details) => format::schedule(details, lang).unwrap_or_default(),
            (Column::Time, Details::Event(event)) => format::time_span(event.starts, event.ends, lang),
            (Column::Time, Details::Roundtable(roundtable)) => {
                format::time_span(roundtable.starts, roundtable.ends, lang)
            }
            (Column::Format, Details::Event(event)) => event.format.clone(),
            (Column::Price, Details::Event(event)) => format::price(event.price, lang),
            // What the source says (abgesagt, entfällt) or what is unread (neu, geändert) comes first.
            (Column::Status, details) => crate::app::sources::list_mark(app, offering)
                .map(|mark| mark.long(lang))
                .or_else(|| match details {
                    Details::Project(project) => Some(ProjectStatus::of(project, app.now).label(lang).to_owned()),
                    _ => None,
                })
                .unwrap_or_default(),
            (Column::Availability, _) => availability::of(app, offering)
                .map(|state| if narrow { state.short(lang) } else { state.long(lang) })
                .unwrap_or_default(),
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

/// A narrower form of a column, and the priority of keeping the wide one.
struct Narrow {
    width: u16,
    wide_priority: u8,
}

/// A column `fit` keeps: its place in `columns`, its width, its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fitted {
    pub index: usize,
    pub width: u16,
    pub narrow: bool,
}

/// Picks the columns that fit `width`, their widths and forms; the title
/// takes what is left. Whatever gives way first, a wide form narrowing or
/// a column going, goes by priority. Only the window's width decides,
/// never the rows in view; and the `hidden` columns, and the column the
/// list is sorted by, which stays as long as the title does.
pub fn fit(kind: TabKind, width: u16, hidden: &[Column], keep: Option<Column>) -> Vec<Fitted> {
    let all = columns(kind);
    let mut kept: Vec<Fitted> = (0..all.len())
        .filter(|&index| !hidden.contains(&all[index]))
        .map(|index| Fitted { index, width: all[index].width(), narrow: false })
        .collect();
    while fixed_width(all, &kept) + title_min_width(kind) > width {
        let Some(position) = kept
            .iter()
            .enumerate()
            .filter(|(_, fitted)| all[fitted.index] != Column::Title && Some(all[fitted.index]) != keep)
            .min_by_key(|(position, fitted)| {
                (all[fitted.index].giving_way(fitted.narrow), std::cmp::Reverse(*position))
            })
            .map(|(position, _)| position)
        else {
            break;
        };
        let fitted = &mut kept[position];
        match all[fitted.index].narrow().filter(|_| !fitted.narrow) {
            Some(form) => *fitted = Fitted { width: form.width, narrow: true, ..*fitted },
            None => _ = kept.remove(position),
        }
    }
    widen_again(all, &mut kept, width.saturating_sub(title_min_width(kind)));
    let title = width.saturating_sub(fixed_width(all, &kept));
    kept.into_iter()
        .map(|fitted| if all[fitted.index] == Column::Title { Fitted { width: title, ..fitted } } else { fitted })
        .collect()
}

/// A column that narrowed before a later one went may have room for its
/// wide form again; the one whose wide form ranks highest gets it first.
fn widen_again(all: &[Column], kept: &mut [Fitted], room: u16) {
    let mut narrowed: Vec<usize> = (0..kept.len()).filter(|&position| kept[position].narrow).collect();
    narrowed.sort_by_key(|&position| std::cmp::Reverse(all[kept[position].index].giving_way(false)));
    for position in narrowed {
        let narrow = kept[position];
        kept[position] = Fitted { width: all[narrow.index].width(), narrow: false, ..narrow };
        if fixed_width(all, kept) > room {
            kept[position] = narrow;
        }
    }
}

/// The width the columns other than the title take, with the spaces between all.
fn fixed_width(all: &[Column], kept: &[Fitted]) -> u16 {
    let spacing = kept.len().saturating_sub(1) as u16;
    kept.iter().filter(|fitted| all[fitted.index] != Column::Title).map(|fitted| fitted.width).sum::<u16>() + spacing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn funders_show_their_abbreviation() {
        assert_eq!(short_name("Bundesministerium für Bildung und Forschung (BMBF)"), "BMBF");
        assert_eq!(short_name("Stadt Bottrop"), "Stadt Bottrop");
    }

    fn kept(tab: TabKind, fitted: &[Fitted]) -> Vec<(Column, bool)> {
        fitted.iter().map(|fitted| (columns(tab)[fitted.index], fitted.narrow)).collect()
    }

    #[test]
    fn narrow_lists_drop_low_priority_columns_first() {
        let events = TabKind::Offerings(Kind::Event);
        let wide: Vec<usize> = fit(events, 200, &[Column::Distance], None).iter().map(|f| f.index).collect();
        assert_eq!(wide, vec![0, 1, 2, 3, 4, 6, 7, 8], "no distance without a home place");
        let narrow = fit(events, 100, &[Column::Distance], None);
        use Column::*;
        assert_eq!(
            kept(events, &narrow),
            [(Mark, false), (Date, false), (Title, false), (Availability, false)],
            "format, price, time go first; the status, narrowed before the place went, widens again"
        );
        for width in [60, 74, 76, 100, 116, 120, 126, 200] {
            let fitted = fit(events, width, &[], None);
            let total: u16 = fitted.iter().map(|f| f.width).sum::<u16>() + fitted.len() as u16 - 1;
            assert_eq!(total, width, "columns fill the width exactly");
        }
    }

    /// The list's inner width less the selection marker, in a window this wide.
    fn list_width(window: u16, details_beside: bool) -> u16 {
        let list = if details_beside { window * 65 / 100 } else { window };
        list - 2 - 2
    }

    #[test]
    fn at_120_columns_with_the_details_the_status_stays_in_short() {
        use Column::*;
        let width = list_width(120, true);
        assert_eq!(width, 74);
        for tab in [TabKind::Offerings(Kind::Event), TabKind::Offerings(Kind::Roundtable)] {
            for hidden in [&[][..], &[Distance][..]] {
                let fitted = fit(tab, width, hidden, None);
                assert_eq!(
                    kept(tab, &fitted),
                    [(Mark, false), (Date, true), (Title, false), (Availability, true)],
                    "{tab:?}, hiding {hidden:?}"
                );
            }
        }
    }

    #[test]
    fn a_list_with_the_whole_width_shows_the_distance_too() {
        use Column::*;
        let events = TabKind::Offerings(Kind::Event);
        let fitted = kept(events, &fit(events, list_width(120, false), &[], None));
        for column in [(Date, false), (Title, false), (Where, false), (Distance, false), (Availability, true)] {
            assert!(fitted.contains(&column), "{column:?} in {fitted:?}");
        }
        let wide = kept(events, &fit(events, list_width(200, true), &[], None));
        for column in [(Date, false), (Where, false), (Distance, false), (Availability, false)] {
            assert!(wide.contains(&column), "at 200 columns {column:?} in {wide:?}");
        }
    }

    #[test]
    fn meine_keeps_its_note_beside_a_full_date_as_before() {
        use Column::*;
        let mine = kept(TabKind::Mine, &fit(TabKind::Mine, list_width(120, true), &[], None));
        assert_eq!(mine, [(Mine, false), (Date, false), (Title, false)]);
    }

    #[test]
    fn the_distance_shows_with_a_home_place_and_stays_while_it_is_the_order() {
        let events = TabKind::Offerings(Kind::Event);
        let distance = |fitted: Vec<Fitted>| fitted.iter().any(|f| columns(events)[f.index] == Column::Distance);
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
                let title = fitted.iter().find(|f| columns(tab)[f.index] == Column::Title).unwrap().width;
                assert!(title >= title_min_width(tab), "{tab:?} at {width}: title {title}");
            }
        }
    }
}
