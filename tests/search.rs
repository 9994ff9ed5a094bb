//! Search over the sample data: folding, ranking, topics, regions, and the
//! keyword index staying in step with the offerings.

mod common;

use common::{press, sample_app, sample_backend, type_text};
use lotse::app::Command;
use lotse::domain::Record;
use lotse::filter::{RegionFilter, TimeFilter};
use lotse::i18n::Lang;
use lotse::runner::StoreKeywords;
use lotse::search::{Query, SearchSession, Tier};
use lotse::store::{Store, sample_records};

const TODAY: &str = "2026-11-22";

/// Keys of the hits for `query`, best first, as `lotse search` ranks them.
fn ranked_keys(store: &Store, query: &str) -> Vec<String> {
    let searchable = store.searchable_offerings().unwrap();
    let offerings = searchable.offerings;
    let mut session = SearchSession::new(searchable.index, &searchable.rowids);
    let mut hits = session.search(&Query::parse(query), &mut StoreKeywords(store)).unwrap();
    hits.sort_by_key(|hit| (hit.tier, std::cmp::Reverse(hit.score), hit.entry));
    hits.iter().map(|hit| offerings[hit.entry as usize].key.clone()).collect()
}

#[test]
fn german_spellings_find_the_same_seminar() {
    let store = Store::open_in_memory().unwrap();
    for query in ["stadte", "staedte", "Städte", "STÄDTE"] {
        assert_eq!(ranked_keys(&store, query).first().map(String::as_str), Some("expertrainee-e287"), "{query}");
    }
    assert!(ranked_keys(&store, "wirtschaftsfoerderung").contains(&"taunus-innovation-campus".to_owned()));
}

#[test]
fn title_matches_rank_before_long_text_matches() {
    let store = Store::open_in_memory().unwrap();
    let keys = ranked_keys(&store, "leerstand");
    assert_eq!(keys[0], "stadtretter-roundtable-leerstand-3", "the title says Leerstandsmanagement");
    // The Vitale-Standorte web talk mentions vacancies only in its texts.
    assert!(keys[1..].contains(&"stadtretter-webtalk-vitale-standorte-2020".to_owned()), "{keys:?}");
}

#[test]
fn compound_words_are_found_by_prefix_in_long_text() {
    let store = Store::open_in_memory().unwrap();
    let rowids = store.keyword_rowids("leerstand").unwrap().unwrap();
    assert!(!rowids.is_empty());
    assert_eq!(store.keyword_rowids("le").unwrap(), None, "two letters are too short to look up");
}

#[test]
fn every_word_must_match_somewhere() {
    let store = Store::open_in_memory().unwrap();
    let keys = ranked_keys(&store, "einbeck marketing");
    assert_eq!(keys, ["einbecker-modell"]);
    assert!(ranked_keys(&store, "einbeck quantenphysik").is_empty());
}

#[test]
fn topics_restrict_with_a_hash() {
    let store = Store::open_in_memory().unwrap();
    let keys = ranked_keys(&store, "#digitalisierung innenstadt");
    assert!(!keys.is_empty());
    let offerings = store.offerings().unwrap();
    for key in keys {
        let offering = offerings.iter().find(|offering| offering.key == key).unwrap();
        assert!(offering.topics.iter().any(|topic| topic == "Digitalisierung"), "{key}");
    }
}

#[test]
fn tiers_order_prefix_literal_and_fuzzy() {
    let store = Store::open_in_memory().unwrap();
    let searchable = store.searchable_offerings().unwrap();
    let offerings = searchable.offerings;
    let mut session = SearchSession::new(searchable.index, &searchable.rowids);
    let tier_of = |session: &mut SearchSession, query: &str, key: &str| {
        let hits = session.search(&Query::parse(query), &mut StoreKeywords(&store)).unwrap();
        hits.iter().find(|hit| offerings[hit.entry as usize].key == key).map(|hit| hit.tier)
    };
    assert_eq!(tier_of(&mut session, "einbecker mod", "einbecker-modell"), Some(Tier::TitleStart));
    assert_eq!(tier_of(&mut session, "modell einbeck", "einbecker-modell"), Some(Tier::TitleWords));
    assert_eq!(tier_of(&mut session, "odell", "einbecker-modell"), Some(Tier::TitleLiteral));
    assert_eq!(tier_of(&mut session, "einbckr", "einbecker-modell"), Some(Tier::TitleFuzzy));
    assert_eq!(tier_of(&mut session, "barlen", "einbecker-modell"), Some(Tier::Elsewhere));
}

#[test]
fn the_keyword_index_follows_inserts_updates_and_deletes() {
    let mut store = Store::open_in_memory().unwrap();
    let mut record: Record = sample_records().into_iter().find(|record| record.offering.key == "mapstar").unwrap();
    record.offering.key = "neu".into();
    record.description = "Ein Quartiersfonds für Zwischennutzungen".into();
    store.put_records(std::slice::from_ref(&record)).unwrap();
    let found = |store: &Store, word: &str| store.keyword_rowids(word).unwrap().unwrap().len();
    assert_eq!(found(&store, "quartiersf"), 1);
    assert_eq!(found(&store, "zwischennutzung"), 1, "folded: Zwischennutzungen");
    record.description = "Jetzt geht es um Leerstandsbörsen".into();
    store.put_records(std::slice::from_ref(&record)).unwrap();
    assert_eq!(found(&store, "quartiersf"), 0);
    assert_eq!(found(&store, "leerstandsborse"), 1, "ö folds to o");
    store.delete_by_publisher(&record.offering.source.publisher).unwrap();
    assert_eq!(found(&store, "leerstandsborse"), 0);
}

#[test]
fn region_filters_admit_their_kreise_and_online_only_on_request() {
    let store = Store::open_in_memory().unwrap();
    let regions = store.regions().unwrap();
    let offerings = store.offerings().unwrap();
    let admitted = |filter: &RegionFilter, with_online: bool| -> Vec<String> {
        let mut keys: Vec<String> = offerings
            .iter()
            .filter(|offering| filter.admits(offering, &regions, with_online))
            .map(|offering| offering.key.clone())
            .collect();
        keys.sort();
        keys
    };
    let hessen = RegionFilter::parse("HE", &regions).unwrap();
    assert_eq!(admitted(&hessen, false), ["stadtretter-massnahmen-innenstaedte", "taunus-innovation-campus"]);
    assert_eq!(admitted(&hessen, true).len(), 2 + 5, "plus the five online events");
    let mittelsachsen = RegionFilter::parse("14522", &regions).unwrap();
    assert!(
        admitted(&mittelsachsen, false).contains(&"zukunftswerkstatt-kommunen-wirtschaft".to_owned()),
        "Land-wide projects count for its Kreise"
    );
    assert!(RegionFilter::parse("XX", &regions).is_err());
    assert!(RegionFilter::parse("99999", &regions).is_err());
}

#[test]
fn the_time_filter_cycles_and_never_hides_practices() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, "2020-10-05", Lang::De);
    assert_eq!(app.tabs[0].rows.len(), 7);
    press(&mut app, &mut backend, &[Command::CycleTime]);
    assert_eq!(app.filters.time, TimeFilter::Current);
    assert_eq!(app.tabs[0].rows.len(), 4, "three web talks on 6 and 14 October and the autumn conference");
    assert_eq!(app.tabs[2].rows.len(), 4);
    press(&mut app, &mut backend, &[Command::CycleTime]);
    assert_eq!(app.tabs[0].rows.len(), 3);
    press(&mut app, &mut backend, &[Command::CycleTime]);
    assert_eq!(app.filters.time, TimeFilter::All);
}

#[test]
fn the_query_stays_across_tabs_and_counts_per_tab() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::Search]);
    type_text(&mut app, &mut backend, "innenstadt");
    press(&mut app, &mut backend, &[Command::Confirm, Command::Tab2]);
    assert_eq!(app.search.input, "innenstadt");
    let counts: Vec<usize> = app.tabs.iter().map(|tab| tab.rows.len()).collect();
    assert!(counts[1] >= 1 && counts.iter().sum::<usize>() < 16, "{counts:?}");
    press(&mut app, &mut backend, &[Command::Back]);
    assert_eq!(app.tabs.iter().map(|tab| tab.rows.len()).sum::<usize>(), 16, "Esc in the list clears the search");
}

#[test]
fn picking_hessen_in_the_picker_filters_every_tab() {
    let mut backend = sample_backend();
    let mut app = sample_app(&mut backend, 120, 35, TODAY, Lang::De);
    press(&mut app, &mut backend, &[Command::RegionFilter]);
    type_text(&mut app, &mut backend, "hessen");
    press(&mut app, &mut backend, &[Command::Confirm]);
    assert_eq!(app.filters.region, RegionFilter::Land("HE".into()));
    let counts: Vec<usize> = app.tabs.iter().map(|tab| tab.rows.len()).collect();
    assert_eq!(counts, [0, 0, 2, 0, 0]);
    press(&mut app, &mut backend, &[Command::RegionFilter, Command::ToggleOnline]);
    type_text(&mut app, &mut backend, "hessen");
    press(&mut app, &mut backend, &[Command::Confirm]);
    assert_eq!(app.tabs[0].rows.len(), 5, "online events come back when asked for");
    press(&mut app, &mut backend, &[Command::ClearRegion]);
    assert_eq!(app.tabs.iter().map(|tab| tab.rows.len()).sum::<usize>(), 16);
}
