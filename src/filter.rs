//! Region and time filters, shared by the dashboard and `lotse search`.

use chrono::NaiveDateTime;

use crate::domain::{Details, Offering, RegionRef};
use crate::format::ProjectStatus;
use crate::geo::Radius;
use crate::search::fold::fold_text;
use crate::store::RegionDirectory;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RegionFilter {
    #[default]
    All,
    Bundesweit,
    Online,
    Land(String),
    Kreis(String),
    /// Offerings not yet assigned to a region, to find and fix them.
    Unknown,
    /// Within a distance of the home place, named for the status bar.
    Around {
        radius: Radius,
        home: String,
    },
    /// In a Kreis like the home Kreis ("Kommunen wie wir"): these Kreise.
    LikeHome {
        kreise: Vec<String>,
        home: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnknownRegion {
    #[error(
        "„{0}“ ist weder ein Regionscode noch der Anfang eines Länder- oder Kreisnamens; `lotse regions` listet alle (z. B. HE, Hessen, 06436, Main-Taunus, online, bundesweit)"
    )]
    Unknown(String),
    #[error("„{input}“ passt auf mehrere Regionen: {}. Geben Sie den Code an oder mehr vom Namen.", .candidates.join(", "))]
    Ambiguous { input: String, candidates: Vec<String> },
}

impl RegionFilter {
    /// Parses a code as `lotse regions` lists it, or a Land's or Kreis's
    /// name as the picker finds it: folded (ä = ae), and a prefix is
    /// enough while only one region starts with it.
    pub fn parse(code: &str, regions: &RegionDirectory) -> Result<RegionFilter, UnknownRegion> {
        let unknown = || UnknownRegion::Unknown(code.to_owned());
        match code.trim().parse::<RegionRef>() {
            Ok(RegionRef::Bundesweit) => Ok(RegionFilter::Bundesweit),
            Ok(RegionRef::Online) => Ok(RegionFilter::Online),
            Ok(RegionRef::Unknown) => Ok(RegionFilter::Unknown),
            Ok(RegionRef::Land(land)) if regions.land(&land).is_some() => Ok(RegionFilter::Land(land)),
            Ok(RegionRef::Kreis(ags)) if regions.kreis(&ags).is_some() => Ok(RegionFilter::Kreis(ags)),
            Ok(RegionRef::Land(_) | RegionRef::Kreis(_)) => Err(unknown()),
            Err(_) => by_name(code, regions).ok_or_else(unknown)?,
        }
    }

    pub fn is_all(&self) -> bool {
        *self == RegionFilter::All
    }

    /// Whether an offering belongs to the region. Offerings for a whole Land
    /// count for each of its Kreise; online offerings count only when the
    /// user asked for them (or filters for online).
    pub fn admits(&self, offering: &Offering, regions: &RegionDirectory, with_online: bool) -> bool {
        let region = &offering.region;
        if *region == RegionRef::Online && with_online {
            return true;
        }
        match self {
            RegionFilter::All => true,
            RegionFilter::Bundesweit => *region == RegionRef::Bundesweit,
            RegionFilter::Online => *region == RegionRef::Online,
            RegionFilter::Unknown => *region == RegionRef::Unknown,
            RegionFilter::Land(code) => regions.land_of(region).is_some_and(|land| land.code == *code),
            RegionFilter::Around { radius, .. } => {
                radius.admits(offering, crate::geo::Gazetteer::shipped().locate(offering), with_online)
            }
            RegionFilter::LikeHome { kreise, .. } => matches!(region, RegionRef::Kreis(ags) if kreise.contains(ags)),
            RegionFilter::Kreis(ags) => match region {
                RegionRef::Kreis(own) => own == ags,
                RegionRef::Land(land) => regions.kreis(ags).is_some_and(|kreis| kreis.land_code == *land),
                RegionRef::Bundesweit | RegionRef::Online | RegionRef::Unknown => false,
            },
        }
    }
}

/// A region named the way people write it: "hessen", "Main-Taunus-Kreis",
/// "Landkreis Karlsruhe", "Karlsruhe (Stadtkreis)", "main-tau". `None`
/// when nothing starts with the text.
fn by_name(text: &str, regions: &RegionDirectory) -> Option<Result<RegionFilter, UnknownRegion>> {
    let wanted = fold_text(text.trim());
    if wanted.is_empty() {
        return None;
    }
    let mut named: Vec<(RegionFilter, String, Vec<String>)> = regions
        .laender
        .iter()
        .map(|land| {
            (RegionFilter::Land(land.code.clone()), format!("{} ({})", land.name, land.code), vec![land.name.clone()])
        })
        .collect();
    named.extend(regions.kreise.iter().map(|kreis| {
        let spellings = vec![
            kreis.name.clone(),
            format!("{} ({})", kreis.name, kreis.kind),
            format!("{} {}", kreis.kind, kreis.name),
        ];
        (RegionFilter::Kreis(kreis.ags.clone()), format!("{} ({}, {})", kreis.name, kreis.kind, kreis.ags), spellings)
    }));
    let matching = |accept: &dyn Fn(&str) -> bool| -> Vec<&(RegionFilter, String, Vec<String>)> {
        named.iter().filter(|(_, _, spellings)| spellings.iter().any(|spelling| accept(&fold_text(spelling)))).collect()
    };
    let exact = matching(&|spelling| spelling == wanted);
    // A city state is both a Land and its only Kreis: the Land is meant.
    let exact_land: Vec<_> =
        exact.iter().copied().filter(|(filter, _, _)| matches!(filter, RegionFilter::Land(_))).collect();
    let found = match (exact_land.as_slice(), exact.as_slice()) {
        ([land], _) => vec![*land],
        (_, []) => matching(&|spelling| spelling.starts_with(&wanted)),
        _ => exact,
    };
    match found.as_slice() {
        [] => None,
        [(filter, _, _)] => Some(Ok(filter.clone())),
        several => Some(Err(UnknownRegion::Ambiguous {
            input: text.to_owned(),
            candidates: several.iter().map(|(_, label, _)| label.clone()).collect(),
        })),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeFilter {
    /// Everything, upcoming first: the default, so the screen is never empty by surprise.
    #[default]
    All,
    /// Events and roundtables still ahead (or under way); projects running.
    Current,
    /// Events and roundtables over; projects finished.
    Past,
}

impl TimeFilter {
    pub fn next(self) -> TimeFilter {
        match self {
            TimeFilter::All => TimeFilter::Current,
            TimeFilter::Current => TimeFilter::Past,
            TimeFilter::Past => TimeFilter::All,
        }
    }

    /// Best practices are timeless: the time filter leaves them alone.
    pub fn admits(self, offering: &Offering, now: NaiveDateTime) -> bool {
        if self == TimeFilter::All {
            return true;
        }
        let current = match &offering.details {
            Details::Practice(_) => return true,
            Details::Project(project) => match ProjectStatus::of(project, now) {
                ProjectStatus::Running => true,
                ProjectStatus::Finished => false,
                ProjectStatus::Planned | ProjectStatus::Unknown => return false,
            },
            Details::Event(_) | Details::Roundtable(_) => !offering.is_over(now),
        };
        current == (self == TimeFilter::Current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn directory() -> RegionDirectory {
        Store::open_in_memory().unwrap().regions().unwrap()
    }

    #[test]
    fn codes_and_names_both_name_a_region() {
        let regions = directory();
        let parse = |text: &str| RegionFilter::parse(text, &regions);
        assert_eq!(parse("HE"), Ok(RegionFilter::Land("HE".into())));
        assert_eq!(parse("hessen"), Ok(RegionFilter::Land("HE".into())));
        assert_eq!(parse("06436"), Ok(RegionFilter::Kreis("06436".into())));
        assert_eq!(parse("Main-Taunus-Kreis"), Ok(RegionFilter::Kreis("06436".into())));
        assert_eq!(parse("main-taun"), Ok(RegionFilter::Kreis("06436".into())));
        assert!(matches!(parse("main-tau"), Err(UnknownRegion::Ambiguous { .. })), "Main-Tauber too");
        assert_eq!(parse("Muenchen (Landkreis)"), Ok(RegionFilter::Kreis("09184".into())));
        assert_eq!(parse("Landkreis Karlsruhe"), Ok(RegionFilter::Kreis("08215".into())));
        assert_eq!(parse("thüringen"), Ok(RegionFilter::Land("TH".into())));
        assert_eq!(parse("Berlin"), Ok(RegionFilter::Land("BE".into())), "the Land, not its one Kreis");
        assert_eq!(parse("online"), Ok(RegionFilter::Online));
    }

    #[test]
    fn an_ambiguous_name_lists_its_candidates_with_codes() {
        let regions = directory();
        let Err(UnknownRegion::Ambiguous { candidates, .. }) = RegionFilter::parse("karlsruhe", &regions) else {
            panic!("two Kreise are called Karlsruhe");
        };
        assert_eq!(candidates, ["Karlsruhe (Stadtkreis, 08212)", "Karlsruhe (Landkreis, 08215)"]);
        assert!(matches!(RegionFilter::parse("Nord", &regions), Err(UnknownRegion::Ambiguous { .. })));
        assert_eq!(RegionFilter::parse("Atlantis", &regions), Err(UnknownRegion::Unknown("Atlantis".into())));
        assert_eq!(RegionFilter::parse("99999", &regions), Err(UnknownRegion::Unknown("99999".into())));
    }
}
