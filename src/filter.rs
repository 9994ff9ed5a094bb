//! Region and time filters, shared by the dashboard and `lotse search`.

use chrono::NaiveDateTime;

use crate::domain::{Details, Offering, RegionRef};
use crate::format::ProjectStatus;
use crate::geo::Radius;
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
#[error("„{0}“ ist kein bekannter Regionscode; `lotse regions` listet alle (z. B. HE, 06436, online, bundesweit)")]
pub struct UnknownRegion(pub String);

impl RegionFilter {
    /// Parses a code as `lotse regions` lists it and checks that it exists.
    pub fn parse(code: &str, regions: &RegionDirectory) -> Result<RegionFilter, UnknownRegion> {
        let unknown = || UnknownRegion(code.to_owned());
        match code.trim().parse::<RegionRef>().map_err(|_| unknown())? {
            RegionRef::Bundesweit => Ok(RegionFilter::Bundesweit),
            RegionRef::Online => Ok(RegionFilter::Online),
            RegionRef::Unknown => Ok(RegionFilter::Unknown),
            RegionRef::Land(land) if regions.land(&land).is_some() => Ok(RegionFilter::Land(land)),
            RegionRef::Kreis(ags) if regions.kreis(&ags).is_some() => Ok(RegionFilter::Kreis(ags)),
            _ => Err(unknown()),
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
