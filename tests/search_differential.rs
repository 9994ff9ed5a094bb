//! The search against its slow reference (`lotse::search::reference`):
//! queries drawn from the records' own words are typed key by key through
//! the dashboard's update logic, with backspaces, tab switches and filter
//! changes, and after every keystroke each tab must show exactly the
//! reference's hits, in the reference's order. `lotse search` (in process
//! and as the real binary) must find and rank the same. All of it runs on
//! a SQLite file and on a PostgreSQL database with the same offerings.

mod common;

use std::cell::Cell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use common::binary;
use common::pg::Database;
use lotse::app::{Action, App, Command, Keymap, TabKind, Theme};
use lotse::clock::parse_now;
use lotse::domain::{Offering, Record as LotseRecord};
use lotse::i18n::Lang;
use lotse::runner::{Backend, StoreKeywords, dispatch};
use lotse::search::reference::{self, Folded, Record};
use lotse::search::{Query, SearchSession};
use lotse::store::{RegionDirectory, Store, search_fields};
use proptest::prelude::*;
use proptest::sample::Index;
use ratatui::layout::Rect;

const DEMO_COUNT: usize = 1000;
const DEMO_SEED: u64 = 7;
const NOW: &str = "2020-10-01";

struct Fixture {
    /// Where the store lives, kept until the test process ends.
    _keep: (Option<tempfile::TempDir>, Option<Database>),
    /// A file path or a server URL.
    db: PathBuf,
    /// Full records (with their long texts) in the dashboard's order.
    offerings: Vec<Offering>,
    regions: RegionDirectory,
    folded: Vec<Folded>,
    rowids: Vec<i64>,
    words: Words,
}

/// Words to draw queries from, by where they stand.
#[derive(Default)]
struct Words {
    titles: Vec<String>,
    other: Vec<String>,
    long_text_only: Vec<String>,
    topics: Vec<String>,
}

fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|ch: char| !ch.is_alphanumeric()).filter(|word| !word.is_empty()).map(str::to_owned)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    Sqlite,
    Postgres,
}

thread_local! {
    /// The backend the running test uses; each test runs in a thread of its own.
    static ENGINE: Cell<Engine> = const { Cell::new(Engine::Sqlite) };
}

fn fixture() -> &'static Fixture {
    static SQLITE: OnceLock<Fixture> = OnceLock::new();
    match ENGINE.get() {
        Engine::Sqlite => SQLITE.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("lotse.db");
            build_fixture(db, (Some(dir), None))
        }),
        Engine::Postgres => postgres_fixture().expect("the test checked for a server first"),
    }
}

/// The same offerings on a PostgreSQL database; `None` (said loudly) without a server.
fn postgres_fixture() -> Option<&'static Fixture> {
    static POSTGRES: OnceLock<Option<Fixture>> = OnceLock::new();
    POSTGRES
        .get_or_init(|| {
            let database = Database::create("search_differential")?;
            Some(build_fixture(PathBuf::from(&database.url), (None, Some(database))))
        })
        .as_ref()
}

/// Runs `test` against the PostgreSQL fixture, if there is a server.
fn on_postgres<T>(test: impl FnOnce() -> T) -> Option<T> {
    postgres_fixture()?;
    ENGINE.set(Engine::Postgres);
    Some(test())
}

fn build_fixture(db: PathBuf, keep: (Option<tempfile::TempDir>, Option<Database>)) -> Fixture {
    let mut store = Store::open(&db).unwrap();
    let regions = store.regions().unwrap();
    store.put_records(&lotse::demo::generate(DEMO_COUNT, DEMO_SEED, &regions.kreise)).unwrap();
    let searchable = store.searchable_offerings().unwrap();
    let mut full: HashMap<String, LotseRecord> =
        store.records(None).unwrap().into_iter().map(|record| (record.offering.key.clone(), record)).collect();
    let records: Vec<LotseRecord> =
        searchable.offerings.iter().map(|offering| full.remove(&offering.key).unwrap()).collect();
    let offerings: Vec<Offering> = records.iter().map(|record| record.offering.clone()).collect();
    let folded = records
        .iter()
        .zip(&searchable.rowids)
        .map(|(record, &rowid)| {
            Folded::new(&Record {
                rowid,
                fields: search_fields::fields(&record.offering, &regions),
                summary: &record.summary,
                description: &record.description,
            })
        })
        .collect();
    let mut words = Words::default();
    for LotseRecord { offering, summary, description } in &records {
        let fields = search_fields::fields(offering, &regions);
        let short: Vec<String> = words_of(fields.title).chain(fields.other.iter().flat_map(|f| words_of(f))).collect();
        words.titles.extend(words_of(&offering.title));
        words.other.extend(fields.other.iter().flat_map(|field| words_of(field)));
        words.topics.extend(offering.topics.iter().flat_map(|topic| words_of(topic).take(1)));
        words
            .long_text_only
            .extend(words_of(summary).chain(words_of(description)).filter(|word| !short.contains(word)));
    }
    for list in [&mut words.titles, &mut words.other, &mut words.long_text_only, &mut words.topics] {
        list.sort();
        list.dedup();
    }
    drop(store);
    Fixture { _keep: keep, db, offerings, regions, folded, rowids: searchable.rowids, words }
}

fn dashboard() -> (App, Backend) {
    let fixture = fixture();
    let mut backend = Backend::new(Store::open(&fixture.db).unwrap());
    let mut app =
        App::new(Lang::De, Theme::Plain, Keymap::defaults(), parse_now(NOW).unwrap(), Rect::new(0, 0, 120, 35));
    let catalogue = backend.load().unwrap();
    dispatch(&mut app, &mut backend, Action::CatalogueLoaded(Box::new(catalogue)));
    assert_eq!(
        app.offerings.iter().map(|offering| &offering.key).collect::<Vec<_>>(),
        fixture.offerings.iter().map(|offering| &offering.key).collect::<Vec<_>>(),
        "the dashboard lists the offerings in the fixture's order"
    );
    dispatch(&mut app, &mut backend, Action::User(Command::Search));
    (app, backend)
}

/// The reference's hits for the current input as each tab must show them.
fn expected_tabs(app: &App) -> Vec<Vec<usize>> {
    let fixture = fixture();
    let hits = reference::search(&fixture.folded, &app.search.input);
    app.tabs
        .iter()
        .map(|tab| {
            hits.iter()
                .map(|hit| hit.record)
                .filter(|&at| {
                    let offering = &fixture.offerings[at];
                    let in_tab = match tab.kind {
                        TabKind::Offerings(kind) => offering.kind() == kind,
                        TabKind::Mine => app.personal.concerns(&offering.key),
                    };
                    in_tab
                        && app.filters.region.admits(offering, &fixture.regions, app.filters.with_online)
                        && app.filters.time.admits(offering, app.now)
                })
                .collect()
        })
        .collect()
}

fn check(app: &App, context: &str) -> Result<(), TestCaseError> {
    if Query::parse(&app.search.input).is_empty() {
        return Ok(());
    }
    let expected = expected_tabs(app);
    for (tab, expected) in app.tabs.iter().zip(expected) {
        if tab.rows != expected {
            let keys = |rows: &[usize]| -> Vec<String> {
                rows.iter().take(12).map(|&at| fixture().offerings[at].key.clone()).collect()
            };
            return Err(TestCaseError::fail(format!(
                "{context}: input {:?}, tab {:?}: {} rows {:?}…, reference {} {:?}…",
                app.search.input,
                tab.kind,
                tab.rows.len(),
                keys(&tab.rows),
                expected.len(),
                keys(&expected)
            )));
        }
    }
    Ok(())
}

/// `lotse search`'s way, in process: a session without the typing aids.
fn check_single_search(input: &str) -> Result<(), TestCaseError> {
    let fixture = fixture();
    let query = Query::parse(input);
    if query.is_empty() {
        return Ok(());
    }
    let store = Store::open(&fixture.db).unwrap();
    let (rowids, index) = store.search_index().unwrap();
    let mut session = SearchSession::new(index, &rowids);
    let limit = 25;
    let found: Vec<i64> = session
        .search_best(&query, limit, &mut StoreKeywords(&store))
        .unwrap()
        .iter()
        .map(|hit| rowids[hit.entry as usize])
        .collect();
    let expected: Vec<i64> =
        reference::search(&fixture.folded, input).iter().take(limit).map(|hit| fixture.rowids[hit.record]).collect();
    prop_assert_eq!(found, expected, "single search for {:?}", input);
    Ok(())
}

#[derive(Debug, Clone)]
enum Step {
    Type(String),
    Backspace(usize),
    NextTab,
    CycleTime,
    /// Types this into the region picker and takes the first entry.
    Region(&'static str),
    ClearRegion,
}

fn spelled_umlauts(word: &str) -> String {
    word.replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('Ä', "Ae")
        .replace('Ö', "Oe")
        .replace('Ü', "Ue")
        .replace('ß', "ss")
}

/// A word drawn from the records, changed the way people type it.
fn typed_word() -> impl Strategy<Value = String> {
    (0usize..4, any::<Index>(), 0usize..6, any::<Index>(), any::<Index>()).prop_map(|(from, pick, how, cut, at)| {
        let words = &fixture().words;
        let list = [&words.titles, &words.other, &words.long_text_only, &words.topics][from];
        let word = pick.get(list).clone();
        let chars: Vec<char> = word.chars().collect();
        let typed = match how {
            0 => word,
            1 => chars[..1 + cut.index(chars.len())].iter().collect(),
            2 => spelled_umlauts(&word),
            3 => spelled_umlauts(&word).to_lowercase(),
            4 => {
                // A typo: one letter left out or two swapped.
                let mut chars = chars;
                let at = at.index(chars.len());
                if cut.index(2) == 0 || at + 1 >= chars.len() {
                    chars.remove(at);
                } else {
                    chars.swap(at, at + 1);
                }
                chars.into_iter().collect()
            }
            _ => format!("#{}", &chars[..1 + cut.index(chars.len())].iter().collect::<String>().to_lowercase()),
        };
        if typed.is_empty() { "x".to_owned() } else { typed }
    })
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => typed_word().prop_map(Step::Type),
        3 => (1usize..6).prop_map(Step::Backspace),
        2 => Just(Step::NextTab),
        1 => Just(Step::CycleTime),
        1 => prop::sample::select(vec!["hessen", "bayern", "online", "nieders", "bundesweit"]).prop_map(Step::Region),
        1 => Just(Step::ClearRegion),
    ]
}

fn press(app: &mut App, backend: &mut Backend, command: Command) {
    dispatch(app, backend, Action::User(command));
}

fn type_in(app: &mut App, backend: &mut Backend, text: &str, checked: bool) -> Result<(), TestCaseError> {
    for ch in text.chars() {
        dispatch(app, backend, Action::Type(ch));
        if checked {
            check(app, "typed")?;
        }
    }
    Ok(())
}

fn run_steps(steps: &[Step]) -> Result<(), TestCaseError> {
    let (mut app, mut backend) = dashboard();
    for step in steps {
        match step {
            Step::Type(word) => {
                if !app.search.input.is_empty() && !app.search.input.ends_with(' ') {
                    type_in(&mut app, &mut backend, " ", true)?;
                }
                type_in(&mut app, &mut backend, word, true)?;
            }
            Step::Backspace(count) => {
                for _ in 0..*count {
                    press(&mut app, &mut backend, Command::DeleteChar);
                    check(&app, "backspace")?;
                }
            }
            Step::NextTab => {
                press(&mut app, &mut backend, Command::NextTab);
                check(&app, "tab switch")?;
            }
            Step::CycleTime => {
                press(&mut app, &mut backend, Command::CycleTime);
                check(&app, "time filter")?;
            }
            Step::Region(name) => {
                press(&mut app, &mut backend, Command::RegionFilter);
                type_in(&mut app, &mut backend, name, false)?;
                press(&mut app, &mut backend, Command::Confirm);
                press(&mut app, &mut backend, Command::Search);
                check(&app, "region filter")?;
            }
            Step::ClearRegion => {
                press(&mut app, &mut backend, Command::ClearRegion);
                check(&app, "region cleared")?;
            }
        }
    }
    check_single_search(&app.search.input)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_keystroke_shows_the_reference_hits(steps in prop::collection::vec(step(), 1..6)) {
        run_steps(&steps)?;
    }
}

proptest! {
    // Fewer cases: every keyword look-up is a query to the server.
    #![proptest_config(ProptestConfig { cases: 16, max_shrink_iters: 100, ..ProptestConfig::default() })]

    #[test]
    fn every_keystroke_shows_the_reference_hits_on_postgres(steps in prop::collection::vec(step(), 1..6)) {
        on_postgres(|| run_steps(&steps)).unwrap_or(Ok(()))?;
    }
}

/// The queries a user found wrong, typed key by key: each keystroke shows
/// the reference's hits, and the final query the real `lotse search`'s.
#[test]
fn the_reported_queries_typed_key_by_key() {
    reported_queries();
}

#[test]
fn the_reported_queries_typed_key_by_key_on_postgres() {
    on_postgres(reported_queries);
}

fn reported_queries() {
    for query in ["pandemie", "wirtschaftsfoerderung", "kommunen", "parkraumkonzept", "sitzgelegenheiten"]
        .into_iter()
        .chain(["wirtschaftsfoerd", "wirtschaftsförd", "Wirtschaftsförderung Pandemie"])
    {
        let (mut app, mut backend) = dashboard();
        type_in(&mut app, &mut backend, query, true).unwrap_or_else(|error| panic!("{error}"));
        let shown: usize = app.tabs.iter().filter(|tab| tab.kind != TabKind::Mine).map(|tab| tab.rows.len()).sum();
        let fixture = fixture();
        let output = binary::lotse(&fixture.db, &["search", query, "--limit", "100000", "--format", "json"]);
        assert!(output.status.success(), "{}", binary::stderr(&output));
        let found: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        let keys: Vec<&str> = found.iter().map(|hit| hit["key"].as_str().unwrap()).collect();
        let expected: Vec<&str> = reference::search(&fixture.folded, query)
            .iter()
            .map(|hit| fixture.offerings[hit.record].key.as_str())
            .collect();
        assert_eq!(keys, expected, "lotse search {query:?} against the reference");
        assert_eq!(shown, keys.len(), "{query:?}: the dashboard's tabs hold as many hits as lotse search prints");
    }
    // Spelled either way, the same offerings.
    let fixture = fixture();
    assert_eq!(
        reference::search(&fixture.folded, "wirtschaftsfoerd"),
        reference::search(&fixture.folded, "wirtschaftsförd")
    );
    // The two samples that speak of the pandemic only in their descriptions.
    let pandemie: Vec<&str> = reference::search(&fixture.folded, "pandemie")
        .iter()
        .map(|hit| fixture.offerings[hit.record].key.as_str())
        .filter(|key| !key.starts_with("demo-"))
        .collect();
    assert_eq!(pandemie.len(), 2, "{pandemie:?}");
    assert!(pandemie.contains(&"stadtretter-roundtable-leerstand-3"), "{pandemie:?}");
}
