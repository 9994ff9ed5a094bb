use std::time::Duration;

use ratatui::crossterm::event::{self, Event, MouseEventKind};
use ratatui::layout::Rect;

use crate::app::{Action, App, Chord, MouseInput};
use crate::clock::Clock;
use crate::runner::dispatch;
use crate::settings::Settings;
use crate::store::Store;
use crate::terminal::Session;
use crate::ui;

pub fn run(settings: Settings, store: Store, clock: &dyn Clock) -> anyhow::Result<()> {
    let regions = store.regions()?;
    let offerings = store.offerings()?;
    let mut session = Session::start()?;
    let size = session.terminal.size()?;
    let mut app = App::new(
        settings.lang,
        settings.theme,
        settings.keymap,
        clock.now(),
        regions,
        offerings,
        Rect::new(0, 0, size.width, size.height),
    );
    dispatch(&mut app, &store, Action::Resize { width: size.width, height: size.height });
    while !app.should_quit {
        session.terminal.draw(|frame| ui::draw(frame, &app))?;
        // Drain everything that is waiting before drawing again, so fast
        // key repeat or wheel bursts never queue up frames.
        let mut next = Some(event::read()?);
        while let Some(event) = next {
            if let Some(action) = to_action(&app, event) {
                dispatch(&mut app, &store, action);
            }
            next = if event::poll(Duration::ZERO)? { Some(event::read()?) } else { None };
        }
    }
    Ok(())
}

fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => {
            let chord = Chord::from_event(&key)?;
            app.keymap.command(app.mode(), chord).map(Action::User)
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
