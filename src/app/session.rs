//! The filters and search of the last session, for `restore_filters =
//! true`: taken from the state on quit, put back on start. The runner
//! reads and writes the file; this is the pure part.

use serde::{Deserialize, Serialize};

use crate::domain::RegionRef;
use crate::filter::{RegionFilter, TimeFilter};

use super::state::App;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LastSession {
    pub tab: usize,
    /// A region code as `lotse regions` lists it; empty for all regions.
    pub region: String,
    pub with_online: bool,
    /// "all", "current" or "past".
    pub time: String,
    pub search: String,
}

impl LastSession {
    pub fn of(app: &App) -> LastSession {
        let region = match &app.filters.region {
            RegionFilter::All => String::new(),
            RegionFilter::Bundesweit => RegionRef::Bundesweit.code().to_owned(),
            RegionFilter::Online => RegionRef::Online.code().to_owned(),
            RegionFilter::Unknown => RegionRef::Unknown.code().to_owned(),
            RegionFilter::Land(code) | RegionFilter::Kreis(code) => code.clone(),
            // Both follow the home place, which may have changed by the next start.
            RegionFilter::Around { .. } | RegionFilter::LikeHome { .. } => String::new(),
        };
        let time = match app.filters.time {
            TimeFilter::All => "all",
            TimeFilter::Current => "current",
            TimeFilter::Past => "past",
        };
        LastSession {
            tab: app.active_tab,
            region,
            with_online: app.filters.with_online,
            time: time.to_owned(),
            search: app.search.input.clone(),
        }
    }

    /// Puts the filters back before the catalogue arrives; its arrival then
    /// runs the search. What no longer parses is left at its default.
    pub fn restore(&self, app: &mut App) {
        app.active_tab = self.tab.min(app.tabs.len() - 1);
        app.filters.region = match self.region.parse::<RegionRef>() {
            Ok(RegionRef::Bundesweit) => RegionFilter::Bundesweit,
            Ok(RegionRef::Online) => RegionFilter::Online,
            Ok(RegionRef::Unknown) => RegionFilter::Unknown,
            Ok(RegionRef::Land(code)) => RegionFilter::Land(code),
            Ok(RegionRef::Kreis(ags)) => RegionFilter::Kreis(ags),
            Err(_) => RegionFilter::All,
        };
        app.filters.with_online = self.with_online;
        app.filters.time = match self.time.as_str() {
            "current" => TimeFilter::Current,
            "past" => TimeFilter::Past,
            _ => TimeFilter::All,
        };
        app.search.input = self.search.clone();
        app.search.query = crate::search::Query::parse(&self.search);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Keymap, Theme};
    use crate::i18n::Lang;

    fn app() -> App {
        let now = crate::clock::parse_now("2020-10-01").unwrap();
        App::new(Lang::De, Theme::Plain, Keymap::defaults(), now, ratatui::layout::Rect::new(0, 0, 120, 35))
    }

    #[test]
    fn filters_and_search_survive_the_round_trip_through_toml() {
        let mut before = app();
        before.active_tab = 3;
        before.filters.region = RegionFilter::Kreis("06436".into());
        before.filters.with_online = true;
        before.filters.time = TimeFilter::Past;
        before.search.input = "leerstand #innenstadt".into();
        let text = toml::to_string(&LastSession::of(&before)).unwrap();
        let mut after = app();
        toml::from_str::<LastSession>(&text).unwrap().restore(&mut after);
        assert_eq!(after.active_tab, 3);
        assert_eq!(after.filters, before.filters);
        assert_eq!(after.search.input, before.search.input);
        assert_eq!(after.search.query, crate::search::Query::parse("leerstand #innenstadt"));
    }

    #[test]
    fn a_damaged_session_falls_back_to_the_defaults() {
        let mut after = app();
        toml::from_str::<LastSession>("tab = 99\nregion = \"Atlantis\"\ntime = \"gestern\"")
            .unwrap()
            .restore(&mut after);
        assert_eq!(after.active_tab, 4);
        assert_eq!(after.filters.region, RegionFilter::All);
        assert_eq!(after.filters.time, TimeFilter::All);
    }
}
