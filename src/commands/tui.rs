use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers, MouseEventKind};
use ratatui::layout::Rect;

use crate::app::{Action, App, Chord, Effect, MouseInput, StatusMessage, Tone};
use crate::clock::Clock;
use crate::runner::{Backend, dispatch_with};
use crate::settings::Settings;
use crate::store::Store;
use crate::terminal::Session;
use crate::ui;

/// How long the loop waits for input before it looks for worker results.
const POLL: Duration = Duration::from_millis(25);

pub fn run(settings: Settings, store: Store, clock: &dyn Clock) -> anyhow::Result<()> {
    // The worker gets its own connection: loading and searching there never
    // block the keyboard or a frame here.
    let worker_store = Store::open(&settings.db_path).map_err(|error| anyhow::anyhow!(error.explain(settings.lang)))?;
    let (result_sender, results) = mpsc::channel::<Action>();
    let jobs = start_worker(Backend::new(worker_store).with_lang(settings.lang), clock.now(), result_sender.clone());
    // What colleagues change arrives like any other result.
    let watching = crate::store::watch(&settings.db_path, move |changed| {
        result_sender.send(Action::StoreChanged(changed)).is_ok()
    });
    let read_only = store.is_read_only();
    let mut backend = Backend::new(store).with_lang(settings.lang);
    let mut session = Session::start()?;
    let size = session.terminal.size()?;
    let mut app =
        App::new(settings.lang, settings.theme, settings.keymap, clock.now(), Rect::new(0, 0, size.width, size.height));
    if let Err(error) = watching {
        app.message = Some(StatusMessage { text: error.explain(settings.lang), tone: Tone::Warning });
    }
    if read_only {
        app.read_only = true;
        app.message =
            Some(StatusMessage { text: settings.lang.strings().reg.read_only.to_owned(), tone: Tone::Warning });
    }
    // Searches go to the worker, whose answers come back through `results`;
    // the long text of one record is a quick lookup done here.
    let perform = |app: &mut App, backend: &mut Backend, action: Action| {
        dispatch_with(app, action, |effect| match effect {
            Effect::Search { .. } => {
                let _ = jobs.send(effect);
                None
            }
            // Everything else is one quick query or write on this thread.
            _ => Some(backend.perform(effect)),
        });
    };
    perform(&mut app, &mut backend, Action::Resize { width: size.width, height: size.height });
    while !app.should_quit {
        session.terminal.draw(|frame| ui::draw(frame, &app))?;
        let mut changed = false;
        while !changed {
            while let Ok(action) = results.try_recv() {
                if let Action::SearchDone { generation, hits: Err(message) } = &action {
                    // Without a catalogue there is nothing to show; a failed
                    // search (a server restarting, say) is shown and typing on retries.
                    if *generation == 0 {
                        anyhow::bail!("{message}");
                    }
                    app.message = Some(StatusMessage { text: message.clone(), tone: Tone::Failed });
                }
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
    Ok(())
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
        while let Ok(mut job) = jobs.recv() {
            // Only the newest query matters: skip those typed over meanwhile.
            while let Ok(newer) = jobs.try_recv() {
                job = newer;
            }
            if result_sender.send(backend.perform(job)).is_err() {
                return;
            }
        }
    });
    job_sender
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
