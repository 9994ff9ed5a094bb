//! The region picker's counts against their definition: each entry shows
//! as many offerings as choosing it lets through (online ones left out, as
//! the filter does unless asked).

use lotse::app::picker::{PlaceIndex, RegionCounts, RegionPicker, entries};
use lotse::i18n::Lang;
use lotse::store::Store;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn every_count_is_what_its_filter_shows(count in 0usize..400, seed in any::<u64>(), land in 0usize..16) {
        let mut store = Store::open_in_memory().unwrap();
        let regions = store.regions().unwrap();
        store.put_records(&lotse::demo::generate(count, seed, &regions.kreise)).unwrap();
        let offerings = store.searchable_offerings().unwrap().offerings;
        let counts = RegionCounts::count(&offerings, &regions);
        let expanded = RegionPicker { expanded: Some(regions.laender[land].code.clone()), ..RegionPicker::default() };
        let listed = entries(&expanded, &regions, &PlaceIndex::default(), &counts, Lang::De);
        prop_assert!(listed.iter().any(|entry| entry.depth == 1), "the Land's Kreise are listed");
        for entry in listed {
            let shown = offerings.iter().filter(|offering| entry.filter.admits(offering, &regions, false)).count();
            prop_assert_eq!(entry.count, shown, "{}", entry.label);
        }
    }
}
