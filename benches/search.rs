//! Per-keystroke search latency, start-up and memory at 10k and 100k
//! offerings. Run with `cargo bench --bench search`; the figures in the
//! README come from this program.
//!
//! Each query is typed one character at a time through the dashboard's own
//! update path (the same code the terminal runs), so a keystroke's time
//! covers the fuzzy half, the keyword half over the long texts, the ranking
//! and the filtering into the four tabs.
//!
//! Filling 100k offerings takes most of a minute; with `LOTSE_BENCH_DIR`
//! set, the databases are kept there (`demo-SIZE.db`) and reused by the
//! next run. With `LOTSE_BENCH_PG=postgresql://…/postgres` the same runs on
//! a PostgreSQL server, in databases `lotse_bench_SIZE` made there once.

use std::time::{Duration, Instant};

use lotse::app::{Action, App, Command, Effect, Keymap, Theme, update};
use lotse::clock::parse_now;
use lotse::domain::Record;
use lotse::i18n::Lang;
use lotse::runner::{Backend, dispatch};
use lotse::store::{Changed, ImportMode, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const QUERIES: &[&str] = &[
    "leerstand",
    "innenstadt digital",
    "wirtschaftsfoerderung",
    "einbeck marketing",
    "stadtmarketing",
    "gründung",
    "fachkräfte",
    "klimaanpassung ortskern",
];

fn main() {
    let sizes: Vec<usize> =
        std::env::args().skip(1).filter(|arg| !arg.starts_with('-')).filter_map(|arg| arg.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10_000, 100_000] } else { sizes };
    let each = std::env::args().any(|arg| arg == "--each");
    for size in sizes {
        measure(size, each);
    }
}

/// With `each`, prints every keystroke's search and ranking time as well.
fn measure(size: usize, each: bool) {
    let temporary = tempfile::tempdir().expect("a temporary directory");
    let kept = std::env::var_os("LOTSE_BENCH_DIR").map(std::path::PathBuf::from);
    let mut path = kept.as_deref().unwrap_or(temporary.path()).join(format!("demo-{size}.db"));
    println!("\n## {size} demo offerings (+16 samples)");
    if let Ok(server) = std::env::var("LOTSE_BENCH_PG") {
        path = std::path::PathBuf::from(server_database(&server, size));
        println!("on {}", lotse::store::Location::parse(&path));
    } else if path.exists() {
        println!("reusing {}", path.display());
    } else {
        // Filled under another name, so an interrupted run leaves nothing to reuse.
        let filling = path.with_extension("filling");
        let _ = std::fs::remove_file(&filling);
        let mut store = Store::open(&filling).expect("a fresh database");
        let kreise = store.regions().expect("region data").kreise;
        let started = Instant::now();
        for chunk in lotse::demo::generate(size, 1, &kreise).chunks(10_000) {
            store.put_records(chunk).expect("demo data goes in");
        }
        println!("insert demo data: {:.1} s", started.elapsed().as_secs_f64());
        drop(store);
        std::fs::rename(&filling, &path).expect("the filled database keeps its place");
    }

    // Start-up as the dashboard does it: open, draw the first frame, then load.
    let rss_before = resident_mb();
    let started = Instant::now();
    let store = Store::open(&path).expect("the database opens");
    let now = parse_now("2026-11-22").expect("a fixed date");
    let mut app = App::new(Lang::De, Theme::Dark, Keymap::defaults(), now, Rect::new(0, 0, 120, 35));
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).expect("a test terminal");
    terminal.draw(|frame| lotse::ui::draw(frame, &app)).expect("first frame");
    let first_frame = started.elapsed();
    // Not part of start-up: how much of the first look is reading the listing.
    let listing_started = Instant::now();
    let listed = store.listing().expect("the listing").len();
    let listing = listing_started.elapsed();
    let started = started + listing;
    let mut backend = Backend::new(store);
    // The first look, as the dashboard's worker sends it before the rest.
    let preview = backend.preview(now, 100).expect("first rows");
    dispatch(&mut app, &mut backend, Action::CatalogueLoaded(Box::new(preview)));
    terminal.draw(|frame| lotse::ui::draw(frame, &app)).expect("frame with the first rows");
    let first_rows = started.elapsed();
    let catalogue = backend.load().expect("catalogue");
    dispatch(&mut app, &mut backend, Action::CatalogueLoaded(Box::new(catalogue)));
    dispatch(&mut app, &mut backend, Action::Resize { width: 120, height: 35 });
    terminal.draw(|frame| lotse::ui::draw(frame, &app)).expect("full frame");
    let loaded = started.elapsed();
    println!(
        "first frame: {:.1} ms; first rows drawn: {:.0} ms (of that, reading the listing of {listed}: {:.0} ms); \
         all loaded and drawn: {:.0} ms",
        ms(first_frame),
        ms(first_rows),
        ms(listing),
        ms(loaded)
    );
    println!("resident memory after loading: {:.0} MB (before: {rss_before:.0} MB)", resident_mb());

    let mut keystrokes = Vec::new();
    let (mut searching, mut ranking) = (Vec::new(), Vec::new());
    for query in QUERIES {
        dispatch(&mut app, &mut backend, Action::User(Command::Search));
        for ch in query.chars() {
            // The same steps `dispatch` takes, timed one by one.
            let searched_before = searching.len();
            let started = Instant::now();
            for effect in update(&mut app, Action::Type(ch)) {
                let search_started = Instant::now();
                let done = backend.perform(effect);
                searching.push(search_started.elapsed());
                let rank_started = Instant::now();
                // A finished search asks for nothing more than the detail text, which is not timed here.
                let _detail_request = update(&mut app, done);
                ranking.push(rank_started.elapsed());
            }
            keystrokes.push(started.elapsed());
            if each {
                let new = |times: &[Duration]| times[searched_before..].iter().sum::<Duration>();
                println!(
                    "    {:<24} {:>6.2} ms (search {:.2}, ranking {:.2})",
                    app.search.input,
                    ms(keystrokes[keystrokes.len() - 1]),
                    ms(new(&searching)),
                    ms(new(&ranking))
                );
            }
        }
        let hits: usize = app.tabs.iter().map(|tab| tab.rows.len()).sum();
        println!("  {query:<24} {hits:>6} hits");
        dispatch(&mut app, &mut backend, Action::User(Command::Cancel));
    }
    let frame_started = Instant::now();
    terminal.draw(|frame| lotse::ui::draw(frame, &app)).expect("a frame");
    println!("one frame with results: {:.2} ms", ms(frame_started.elapsed()));
    let summary = |name: &str, mut times: Vec<Duration>| {
        times.sort();
        let percentile = |p: f64| ms(times[((times.len() - 1) as f64 * p).round() as usize]);
        println!(
            "{name} ({} samples): median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            times.len(),
            percentile(0.5),
            percentile(0.95),
            percentile(1.0)
        );
    };
    summary("  search (fuzzy + keyword)", searching);
    summary("  ranking and filtering into tabs", ranking);
    summary("per keystroke, complete", keystrokes);
    live_change(&path, &mut app, &mut backend);
}

/// How long an open dashboard takes to show one offering a colleague
/// changed: read alone and spliced in, against reading everything again.
fn live_change(path: &std::path::Path, app: &mut App, backend: &mut Backend) {
    let mut colleague = Store::open(path).expect("a second connection");
    let key = app.offerings[app.offerings.len() / 2].key.clone();
    let offering = colleague.offering(&key).expect("a read").expect("the offering is stored");
    let text = colleague.long_text(&key).expect("a read").expect("its long text is stored");
    let mut record = Record { offering, summary: text.summary, description: text.description };
    let (mut spliced, mut runner_part, mut reloaded) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..5 {
        for (changed, times) in
            [(Changed::Offerings(vec![key.clone()]), &mut spliced), (Changed::Unknown, &mut reloaded)]
        {
            record.offering.title = format!("Leerstand im Quartier, Fassung {round} ({})", times.len());
            colleague.import_records(std::slice::from_ref(&record), ImportMode::Write, &mut |_| {}).expect("import");
            let started = Instant::now();
            let mut pending = vec![Action::StoreChanged(changed)];
            while let Some(action) = pending.pop() {
                for effect in update(app, action) {
                    let refresh = matches!(effect, Effect::RefreshOfferings { .. });
                    let effect_started = Instant::now();
                    pending.push(backend.perform(effect));
                    if refresh {
                        runner_part.push(effect_started.elapsed());
                    }
                }
            }
            times.push(started.elapsed());
            let shown = &app.offerings[app.index_by_key[&key]].title;
            assert_eq!(shown, &record.offering.title, "the change shows");
        }
    }
    let median = |mut times: Vec<Duration>| {
        times.sort();
        ms(times[times.len() / 2])
    };
    println!(
        "one offering changed elsewhere: read alone and spliced in {:.0} ms (of that, reading and splicing \
         in the runner {:.0} ms), everything read again {:.0} ms (medians of 5)",
        median(spliced),
        median(runner_part),
        median(reloaded)
    );
}

/// A database on the server holding `size` demo offerings, filled once.
fn server_database(server: &str, size: usize) -> String {
    let name = format!("lotse_bench_{size}");
    let (before_path, query) = server.split_once('?').map_or((server, None), |(before, query)| (before, Some(query)));
    let base = before_path.rsplit_once('/').map_or(before_path, |(base, _)| base);
    let url = match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    };
    let mut admin: postgres::Client =
        server.parse::<postgres::Config>().expect("a URL").connect(postgres::NoTls).expect("the server");
    let exists = admin.query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name]).expect("a query").is_some();
    if !exists {
        admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("a new database");
        let mut store = Store::open(std::path::Path::new(&url)).expect("a fresh database");
        let kreise = store.regions().expect("region data").kreise;
        let started = Instant::now();
        for chunk in lotse::demo::generate(size, 1, &kreise).chunks(10_000) {
            store.put_records(chunk).expect("demo data goes in");
        }
        println!("insert demo data: {:.1} s", started.elapsed().as_secs_f64());
    }
    url
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Resident set size from /proc (Linux); 0 where that is not available.
fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
