//! The region picker: "alle Regionen", the pseudo-regions, the Länder and,
//! unfolded under a Land, its Kreise. Typing narrows it fuzzily, folded
//! the German way, over every Land and Kreis at once.

use std::collections::HashMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::domain::{Offering, RegionRef};
use crate::filter::RegionFilter;
use crate::i18n::Lang;
use crate::search::fold::fold_text;
use crate::store::{Kreis, Place, RegionDirectory};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionPicker {
    pub input: String,
    pub selected: usize,
    /// The Land whose Kreise are shown beneath it.
    pub expanded: Option<String>,
    pub with_online: bool,
    /// Radius and "Kommunen wie wir" choices around the home place, counted when the picker opened.
    pub home_entries: Vec<PickerEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerEntry {
    pub filter: RegionFilter,
    pub label: String,
    /// 0 for top-level entries, 1 for a Kreis under its Land.
    pub depth: u8,
    pub count: usize,
}

/// The shipped places, folded once, so that a town or a postcode finds
/// its Kreis in the picker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceIndex {
    /// Folded name, name, postcode and Kreis, sorted by folded name.
    places: Vec<(String, Place)>,
}

impl PlaceIndex {
    pub fn new(places: Vec<Place>) -> PlaceIndex {
        let mut places: Vec<(String, Place)> =
            places.into_iter().map(|place| (fold_text(&place.name), place)).collect();
        places.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.postcode.cmp(&b.1.postcode)));
        PlaceIndex { places }
    }

    /// Each Kreis with a place whose name or postcode starts with the
    /// folded query, once, with the first such place.
    fn kreise_of(&self, query: &str) -> Vec<(&str, &Place)> {
        let by_postcode = query.chars().all(|ch| ch.is_ascii_digit());
        let mut found: Vec<(&str, &Place)> = Vec::new();
        for (folded, place) in &self.places {
            let matches = if by_postcode { place.postcode.starts_with(query) } else { folded.starts_with(query) };
            if matches && !found.iter().any(|(ags, _)| *ags == place.kreis_ags) {
                found.push((&place.kreis_ags, place));
            }
        }
        found
    }
}

/// How many offerings each region holds, counted once when the data loads:
/// as many as its filter shows (without online offerings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionCounts {
    pub total: usize,
    pub by_code: HashMap<String, usize>,
    /// Offerings for a whole Land, which its every Kreis shows too.
    pub land_wide: HashMap<String, usize>,
}

impl RegionCounts {
    pub fn count(offerings: &[Offering], regions: &RegionDirectory) -> RegionCounts {
        let mut counts = RegionCounts::default();
        for offering in offerings {
            counts.tally(offering, regions, false);
        }
        counts
    }

    /// Counts one offering more, or with `gone` one less. A code counted
    /// down to none is left out, as `count` leaves it out.
    pub fn tally(&mut self, offering: &Offering, regions: &RegionDirectory, gone: bool) {
        let step = |counts: &mut HashMap<String, usize>, code: &str| {
            if !gone {
                *counts.entry(code.to_owned()).or_default() += 1;
            } else if let Some(count) = counts.get_mut(code) {
                *count -= 1;
                if *count == 0 {
                    counts.remove(code);
                }
            }
        };
        step(&mut self.by_code, offering.region.code());
        match (&offering.region, regions.land_of(&offering.region)) {
            (RegionRef::Kreis(_), Some(land)) => step(&mut self.by_code, &land.code),
            (RegionRef::Land(_), Some(land)) => step(&mut self.land_wide, &land.code),
            _ => {}
        }
        self.total = if gone { self.total - 1 } else { self.total + 1 };
    }

    fn of(&self, code: &str) -> usize {
        self.by_code.get(code).copied().unwrap_or(0)
    }

    fn of_kreis(&self, kreis: &Kreis) -> usize {
        self.of(&kreis.ags) + self.land_wide.get(&kreis.land_code).copied().unwrap_or(0)
    }
}

pub fn label(filter: &RegionFilter, regions: &RegionDirectory, lang: Lang) -> String {
    let strings = lang.strings();
    match filter {
        RegionFilter::All => strings.all_regions.to_owned(),
        RegionFilter::Bundesweit => strings.nationwide.to_owned(),
        RegionFilter::Online => strings.online.to_owned(),
        RegionFilter::Unknown => strings.unknown.to_owned(),
        RegionFilter::Land(code) => regions.land(code).map_or_else(|| code.clone(), |land| land.name.clone()),
        RegionFilter::Kreis(ags) => {
            regions.kreis(ags).map_or_else(|| ags.clone(), |kreis| kreis_label(kreis, regions, lang))
        }
        RegionFilter::Around { radius, home } => format!("{} {} km · {home}", strings.plan.around_home, radius.km),
        RegionFilter::LikeHome { home, .. } => format!("{} ({home})", strings.plan.like_us),
    }
}

/// A Kreis's name, with its kind where another Kreis has the same name
/// (Karlsruhe the Stadtkreis and the Landkreis), as `lotse regions` shows it.
fn kreis_label(kreis: &Kreis, regions: &RegionDirectory, lang: Lang) -> String {
    let namesakes = regions.kreise.iter().filter(|other| other.name == kreis.name).count();
    if namesakes > 1 { format!("{} ({})", kreis.name, lang.kreis_kind(&kreis.kind)) } else { kreis.name.clone() }
}

pub fn entries(
    picker: &RegionPicker,
    regions: &RegionDirectory,
    places: &PlaceIndex,
    counts: &RegionCounts,
    lang: Lang,
) -> Vec<PickerEntry> {
    let entry = |filter: RegionFilter, depth: u8, count: usize| PickerEntry {
        label: label(&filter, regions, lang),
        filter,
        depth,
        count,
    };
    let query = fold_text(picker.input.trim());
    if query.is_empty() {
        let mut entries = vec![
            entry(RegionFilter::All, 0, counts.total),
            entry(RegionFilter::Bundesweit, 0, counts.of("bundesweit")),
            entry(RegionFilter::Online, 0, counts.of("online")),
        ];
        entries.extend(picker.home_entries.iter().cloned());
        for land in &regions.laender {
            entries.push(entry(RegionFilter::Land(land.code.clone()), 0, counts.of(&land.code)));
            if picker.expanded.as_deref() == Some(land.code.as_str()) {
                for kreis in regions.kreise.iter().filter(|kreis| kreis.land_code == land.code) {
                    entries.push(entry(RegionFilter::Kreis(kreis.ags.clone()), 1, counts.of_kreis(kreis)));
                }
            }
        }
        return entries;
    }
    let mut candidates: Vec<(RegionFilter, String, usize)> = Vec::new();
    for pseudo in [RegionFilter::Bundesweit, RegionFilter::Online] {
        let count = counts.of(if pseudo == RegionFilter::Online { "online" } else { "bundesweit" });
        candidates.push((pseudo.clone(), label(&pseudo, regions, lang), count));
    }
    for land in &regions.laender {
        candidates.push((
            RegionFilter::Land(land.code.clone()),
            format!("{} {}", land.name, land.code),
            counts.of(&land.code),
        ));
    }
    for kreis in &regions.kreise {
        candidates.push((
            RegionFilter::Kreis(kreis.ags.clone()),
            format!("{} {}", kreis.name, kreis.ags),
            counts.of_kreis(kreis),
        ));
    }
    // Where the typed text occurs as it stands, those places are what the
    // user means; letters strewn over other names would only be noise.
    let literal: Vec<(i64, PickerEntry)> = candidates
        .iter()
        .filter_map(|(filter, haystack, count)| {
            let folded = fold_text(haystack);
            let at = folded.find(&query)?;
            let word_start = at == 0 || !folded.as_bytes()[at - 1].is_ascii_alphanumeric();
            Some((if word_start { 2 } else { 1 }, entry(filter.clone(), 0, *count)))
        })
        .collect();
    // A town or a postcode leads to its Kreis, after the regions named so.
    let mut literal = literal;
    if query.chars().count() >= 3 {
        for (ags, place) in places.kreise_of(&query) {
            let filter = RegionFilter::Kreis(ags.to_owned());
            if literal.iter().any(|(_, entry)| entry.filter == filter) {
                continue;
            }
            let mut found = entry(filter, 0, counts.of(ags));
            found.label = format!("{} – {} {}", found.label, place.postcode, place.name);
            literal.push((0, found));
        }
    }
    let mut scored = if literal.is_empty() {
        let matcher = SkimMatcherV2::default().respect_case();
        candidates
            .into_iter()
            .filter_map(|(filter, haystack, count)| {
                matcher.fuzzy_match(&fold_text(&haystack), &query).map(|score| (score, entry(filter, 0, count)))
            })
            .collect()
    } else {
        literal
    };
    // Best match first; among equals the region with more offerings, then by name.
    scored.sort_by(|(a_score, a), (b_score, b)| {
        b_score.cmp(a_score).then(b.count.cmp(&a.count)).then_with(|| a.label.cmp(&b.label))
    });
    scored.into_iter().map(|(_, entry)| entry).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn directory() -> RegionDirectory {
        Store::open_in_memory().unwrap().regions().unwrap()
    }

    #[test]
    fn unnarrowed_it_lists_pseudo_regions_and_laender() {
        let regions = directory();
        let picker = RegionPicker::default();
        let listed = entries(&picker, &regions, &PlaceIndex::default(), &RegionCounts::default(), Lang::De);
        assert_eq!(listed.len(), 3 + 16);
        assert_eq!(listed[0].label, "alle Regionen");
        let hessen = RegionPicker { expanded: Some("HE".into()), ..picker };
        let listed = entries(&hessen, &regions, &PlaceIndex::default(), &RegionCounts::default(), Lang::De);
        assert!(listed.iter().any(|entry| entry.label == "Main-Taunus-Kreis" && entry.depth == 1));
    }

    #[test]
    fn typing_narrows_with_german_folding() {
        let regions = directory();
        let picker = RegionPicker { input: "muenchen".into(), ..RegionPicker::default() };
        let listed = entries(&picker, &regions, &PlaceIndex::default(), &RegionCounts::default(), Lang::De);
        assert!(listed[0].label.starts_with("München"), "{:?}", listed.first());
        let picker = RegionPicker { input: "hess".into(), ..RegionPicker::default() };
        assert_eq!(
            entries(&picker, &regions, &PlaceIndex::default(), &RegionCounts::default(), Lang::De)[0].filter,
            RegionFilter::Land("HE".into())
        );
    }

    #[test]
    fn namesake_kreise_carry_their_kind() {
        let regions = directory();
        let picker = RegionPicker { input: "karlsruhe".into(), ..RegionPicker::default() };
        let labels: Vec<String> =
            entries(&picker, &regions, &PlaceIndex::default(), &RegionCounts::default(), Lang::De)
                .into_iter()
                .map(|entry| entry.label)
                .collect();
        assert!(labels.contains(&"Karlsruhe (Stadtkreis)".to_owned()), "{labels:?}");
        assert!(labels.contains(&"Karlsruhe (Landkreis)".to_owned()), "{labels:?}");
        let english = label(&RegionFilter::Kreis("08215".into()), &regions, Lang::En);
        assert_eq!(english, "Karlsruhe (rural district)");
        assert_eq!(label(&RegionFilter::Kreis("06436".into()), &regions, Lang::De), "Main-Taunus-Kreis");
    }

    #[test]
    fn a_town_or_a_postcode_finds_its_kreis() {
        let store = Store::open_in_memory().unwrap();
        let regions = store.regions().unwrap();
        let places = PlaceIndex::new(store.places().unwrap());
        for typed in ["hattersheim", "65795"] {
            let picker = RegionPicker { input: typed.into(), ..RegionPicker::default() };
            let listed = entries(&picker, &regions, &places, &RegionCounts::default(), Lang::De);
            assert_eq!(listed[0].filter, RegionFilter::Kreis("06436".into()), "{typed}: {listed:?}");
            assert!(listed[0].label.starts_with("Main-Taunus-Kreis – 65795 Hattersheim"), "{}", listed[0].label);
        }
    }
}
