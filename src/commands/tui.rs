use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers, MouseEventKind};
use ratatui::layout::Rect;

use std::path::Path;

use crate::app::session::LastSession;
use crate::app::{Action, App, Chord, Effect, MouseInput, StatusMessage, Tone};
use crate::clock::Clock;
use crate::runner::{Backend, dispatch_with};
use crate::settings::Settings;
use crate::store::Store;
use crate::terminal::Session;
use crate::ui;

/// How long the loop waits for input before it looks for worker results.
const POLL: Duration = Duration::from_millis(25);
/// How often the loop tells the app that time passed (a lost server's count-down).
const TICK: Duration = Duration::from_secs(1);

pub fn run(settings: Settings, store: Store, clock: &dyn Clock) -> anyhow::Result<()> {
    // The worker gets its own connection: loading and searching there never
    // block the keyboard or a frame here.
    let worker_store = Store::open(&settings.db_path).map_err(|error| anyhow::anyhow!(error.explain(settings.lang)))?;
    let (result_sender, results) = mpsc::channel::<Action>();
    let jobs = start_worker(Backend::new(worker_store).with_lang(settings.lang), clock.now(), result_sender.clone());
    let check_sender = result_sender.clone();
    // What colleagues change arrives like any other result.
    let watching = crate::store::watch(&settings.db_path, move |changed| {
        result_sender.send(Action::StoreChanged(changed)).is_ok()
    });
    let read_only = store.is_read_only();
    // A server that cannot say counts as "may not": the sync would fail anyway.
    let store_may_import = store.may_import().unwrap_or(false);
    // A home place that no longer resolves should not keep the dashboard shut.
    let home = super::home::home(&store, &settings, settings.lang);
    let mut backend = Backend::new(store).with_lang(settings.lang).with_opener(settings.opener.clone());
    let (sync_sender, sync_results) = mpsc::channel::<Action>();
    let (db_path, lang, source_settings) = (settings.db_path.clone(), settings.lang, settings.sources.clone());
    let interval = source_settings.interval;
    let mut session = Session::start()?;
    let size = session.terminal.size()?;
    let mut app =
        App::new(settings.lang, settings.theme, settings.keymap, clock.now(), Rect::new(0, 0, size.width, size.height));
    match watching {
        Ok(()) => app.watched = true,
        Err(error) => app.message = Some(StatusMessage::new(Tone::Warning, error.explain(settings.lang))),
    }
    if let Err(error) = &home {
        app.message = Some(StatusMessage::new(Tone::Warning, format!("{error:#}")));
    }
    app.home = home.ok().flatten();
    app.shared_store = matches!(crate::store::Location::parse(&settings.db_path), crate::store::Location::Postgres(_));
    let conflicts = crate::messages::key_conflicts(&app.keymap.conflicts(), settings.lang);
    if let Some(text) = conflicts {
        // Stays until Esc: the first key must not wipe what explains it.
        app.lasting = Some(StatusMessage::new(Tone::Warning, text));
    }
    if read_only {
        app.read_only = true;
        app.message = Some(StatusMessage::new(Tone::Warning, settings.lang.strings().reg.read_only.to_owned()));
    }
    // Searches go to the worker, whose answers come back through `results`;
    // the long text of one record is a quick lookup done here.
    let perform = |app: &mut App, backend: &mut Backend, action: Action| {
        dispatch_with(app, action, |effect| match effect {
            // Reading every offering again takes a while: the worker does it.
            Effect::Search { .. } | Effect::ReloadCatalogue | Effect::RefreshOfferings { .. } => {
                let _ = jobs.send(effect);
                None
            }
            Effect::SyncSources { now } => {
                sync_in_background(&db_path, lang, &source_settings, now, sync_sender.clone());
                None
            }
            // A server that does not answer at all would hold this thread
            // until the connect timeout: the try runs on one of its own.
            Effect::CheckConnection => {
                check_in_background(&db_path, lang, check_sender.clone());
                None
            }
            // Everything else is one quick query or write on this thread.
            _ => Some(backend.perform(effect)),
        });
        // A call that found the server gone starts the count-down to the next try.
        if backend.connection_lost() && app.connection.is_none() {
            dispatch_with(app, Action::ConnectionLost, |_| None);
        }
    };
    if let Some(file) = &settings.session_file {
        restore_session(&mut app, file);
    }
    perform(&mut app, &mut backend, Action::Resize { width: size.width, height: size.height });
    // A read-only database cannot take what a sync brings.
    // Members of a team store may not sync; their dashboards leave it to the organisers.
    let interval = if store_may_import { interval } else { None };
    perform(&mut app, &mut backend, Action::StartSources { interval });
    let mut next_tick = Instant::now() + TICK;
    while !app.should_quit {
        session.terminal.draw(|frame| ui::draw(frame, &app))?;
        let mut changed = false;
        while !changed {
            if Instant::now() >= next_tick {
                next_tick = Instant::now() + TICK;
                // Only a lost connection counts seconds; otherwise no frame is drawn for nothing.
                if app.connection.is_some() {
                    perform(&mut app, &mut backend, Action::Tick);
                    changed = true;
                }
            }
            while let Ok(action) = results.try_recv() {
                if let Action::SearchDone { generation, hits: Err(message) } = &action {
                    // Without a catalogue there is nothing to show; a failed
                    // search (a server restarting, say) is shown and typing on retries.
                    if *generation == 0 {
                        anyhow::bail!("{message}");
                    }
                    app.message = Some(StatusMessage::new(Tone::Failed, message.clone()));
                }
                perform(&mut app, &mut backend, action);
                changed = true;
            }
            while let Ok(action) = sync_results.try_recv() {
                perform(&mut app, &mut backend, action);
                changed = true;
            }
            // Drain every waiting event before drawing again, so key repeat
            // or wheel bursts never queue up frames.
            while event::poll(if changed { Duration::ZERO } else { POLL })? {
                if let Some(action) = to_action(&app, event::read()?) {
                    perform(&mut app, &mut backend, action);
                }
                changed = true;
            }
        }
    }
    if let Some(file) = &settings.session_file {
        save_session(&app, file);
    }
    Ok(())
}

/// The last session's filters and search, when config.toml asks for them;
/// a missing or damaged file means a fresh start.
fn restore_session(app: &mut App, file: &Path) {
    let last = std::fs::read_to_string(file).ok().and_then(|text| toml::from_str::<LastSession>(&text).ok());
    if let Some(last) = last {
        last.restore(app);
    }
}

/// Best effort: a session that cannot be saved is no reason to fail on quit.
fn save_session(app: &App, file: &Path) {
    if let Ok(text) = toml::to_string(&LastSession::of(app)) {
        let _ = std::fs::write(file, text);
    }
}

/// Rows of each kind the first look holds: a tall window's worth.
const PREVIEW_ROWS: usize = 100;

/// Sends a first look at each tab, loads the catalogue, then answers
/// searches until the dashboard closes. Searches asked for meanwhile wait
/// in the channel, and the dashboard asks again once the catalogue is in.
fn start_worker(mut backend: Backend, now: chrono::NaiveDateTime, result_sender: Sender<Action>) -> Sender<Effect> {
    let (job_sender, jobs) = mpsc::channel::<Effect>();
    thread::spawn(move || {
        // Without a first look the full load still shows everything.
        if let Ok(preview) = backend.preview(now, PREVIEW_ROWS)
            && result_sender.send(Action::CatalogueLoaded(Box::new(preview))).is_err()
        {
            return;
        }
        let catalogue = match backend.load() {
            Ok(catalogue) => catalogue,
            Err(error) => {
                let _ = result_sender.send(Action::SearchDone { generation: 0, hits: Err(format!("{error:#}")) });
                return;
            }
        };
        if result_sender.send(Action::CatalogueLoaded(Box::new(catalogue))).is_err() {
            return;
        }
        while let Ok(job) = jobs.recv() {
            for job in worth_doing(std::iter::once(job).chain(jobs.try_iter())) {
                if result_sender.send(backend.perform(job)).is_err() {
                    return;
                }
            }
            // A search that failed for a lost server says so, as a key here would.
            if backend.connection_lost() && result_sender.send(Action::ConnectionLost).is_err() {
                return;
            }
        }
    });
    job_sender
}

/// Of the worker's waiting jobs, those worth doing, in order. Only the
/// newest query matters: those typed over meanwhile are skipped. Reading
/// offerings again is never skipped, and goes first: the query runs on what
/// it read. A reload reads every offering; without one, the offerings
/// changed meanwhile are read again together.
fn worth_doing(waiting: impl Iterator<Item = Effect>) -> Vec<Effect> {
    let mut reload = false;
    let mut changed: Vec<String> = Vec::new();
    let mut newest = None;
    for job in waiting {
        match job {
            Effect::ReloadCatalogue => reload = true,
            Effect::RefreshOfferings { keys } => changed.extend(keys),
            job => newest = Some(job),
        }
    }
    let mut jobs = Vec::new();
    if reload {
        jobs.push(Effect::ReloadCatalogue);
    } else if !changed.is_empty() {
        changed.sort_unstable();
        changed.dedup();
        jobs.push(Effect::RefreshOfferings { keys: changed });
    }
    jobs.extend(newest);
    jobs
}

/// Syncs every source on a thread of its own with its own connection: the
/// dashboard stays usable, hears each source's name as it is fetched, and
/// gets the result as an action.
fn sync_in_background(
    db_path: &std::path::Path,
    lang: crate::i18n::Lang,
    settings: &crate::settings::SourceSettings,
    now: chrono::NaiveDateTime,
    sender: Sender<Action>,
) {
    let (db_path, settings) = (db_path.to_owned(), settings.clone());
    thread::spawn(move || {
        let action = match Store::open(&db_path) {
            Ok(store) => {
                let mut backend = Backend::new(store).with_lang(lang).with_sources(settings);
                backend.sync_sources(now, &mut |name| {
                    let _ = sender.send(Action::SyncProgress { name: name.to_owned() });
                })
            }
            Err(error) => Action::SyncFinished(Err(error.explain(lang))),
        };
        let _ = sender.send(action);
    });
}

/// Whether the lost server answers again, on a connection of its own.
fn check_in_background(db_path: &std::path::Path, lang: crate::i18n::Lang, sender: Sender<Action>) {
    let db_path = db_path.to_owned();
    thread::spawn(move || {
        let _ = sender.send(Action::ConnectionChecked(Store::probe(&db_path).map_err(|error| error.explain(lang))));
    });
}

fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => {
            let chord = Chord::from_event(&key)?;
            let mode = app.mode();
            if let Some(command) = app.keymap.command(mode, chord) {
                return Some(Action::User(command));
            }
            match key.code {
                KeyCode::Char(ch)
                    if mode.takes_text() && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::Type(ch))
                }
                _ => None,
            }
        }
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            let input = match mouse.kind {
                MouseEventKind::Down(_) => MouseInput::Click { column, row },
                MouseEventKind::ScrollDown => MouseInput::ScrollDown { column, row },
                MouseEventKind::ScrollUp => MouseInput::ScrollUp { column, row },
                _ => return None,
            };
            Some(Action::Mouse(input))
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Query;

    fn search(text: &str) -> Effect {
        Effect::Search { generation: 1, query: Query::parse(text) }
    }

    fn refresh(keys: &[&str]) -> Effect {
        Effect::RefreshOfferings { keys: keys.iter().map(|key| key.to_string()).collect() }
    }

    #[test]
    fn changed_offerings_are_read_together_before_the_newest_query() {
        let waiting = [search("le"), refresh(&["b", "a"]), search("lee"), refresh(&["a", "c"])];
        assert_eq!(worth_doing(waiting.into_iter()), [refresh(&["a", "b", "c"]), search("lee")]);
    }

    #[test]
    fn a_reload_makes_reading_changed_offerings_needless() {
        let waiting = [refresh(&["a"]), Effect::ReloadCatalogue, refresh(&["b"])];
        assert_eq!(worth_doing(waiting.into_iter()), [Effect::ReloadCatalogue]);
        assert_eq!(worth_doing([search("x")].into_iter()), [search("x")]);
    }
}
