//! A lost server, told and tried again on a timer: the loop sends a tick
//! each second, and this counts down to the next try, asks the runner to
//! make it, and reloads what is shown once the server answers. No I/O here.

use crate::i18n::Lang;

use super::action::Effect;
use super::state::{App, StatusMessage, Tone};

/// Seconds between two tries.
pub const RETRY_SECONDS: u32 = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostConnection {
    /// Seconds until the next try; nothing counts while one runs.
    pub retry_in: u32,
    pub checking: bool,
    /// What the status bar says meanwhile, kept in step with the count.
    pub banner: StatusMessage,
}

impl LostConnection {
    fn new(lang: Lang) -> LostConnection {
        let mut lost = LostConnection {
            retry_in: RETRY_SECONDS,
            checking: false,
            banner: StatusMessage::new(Tone::Failed, String::new()),
        };
        lost.reword(lang);
        lost
    }

    fn reword(&mut self, lang: Lang) {
        let next = if self.checking { None } else { Some(self.retry_in) };
        self.banner.text = crate::messages::connection_lost(next, lang);
    }
}

/// The store found its server gone: say so and start counting.
pub fn lost(app: &mut App) {
    if app.connection.is_none() {
        app.connection = Some(LostConnection::new(app.lang));
    }
}

/// One second further: at the end of the count, one more try.
pub fn tick(app: &mut App, effects: &mut Vec<Effect>) {
    let lang = app.lang;
    let Some(lost) = &mut app.connection else { return };
    if lost.checking {
        return;
    }
    if lost.retry_in > 1 {
        lost.retry_in -= 1;
    } else {
        lost.checking = true;
        effects.push(Effect::CheckConnection);
    }
    lost.reword(lang);
}

/// A try's answer: back, so read again what may have changed meanwhile;
/// or still gone, so count again.
pub fn checked(app: &mut App, result: Result<(), String>, effects: &mut Vec<Effect>) {
    let lang = app.lang;
    let Some(lost) = &mut app.connection else { return };
    match result {
        Ok(()) => {
            answered(app, effects);
            app.message = Some(StatusMessage::new(Tone::Done, crate::messages::connection_back(lang).to_owned()));
        }
        Err(_) => {
            lost.checking = false;
            lost.retry_in = RETRY_SECONDS;
            lost.reword(lang);
        }
    }
}

/// The server answered, to a try or to a change made meanwhile: the count
/// stops and what is shown is read again. A change's own message stays, as
/// the surest sign that the server is back.
pub fn answered(app: &mut App, effects: &mut Vec<Effect>) {
    if app.connection.take().is_none() {
        return;
    }
    effects.extend([Effect::ReloadCatalogue, Effect::LoadPersonal, Effect::LoadSeats]);
    if let Some((key, _)) = &app.detail {
        effects.push(Effect::LoadOccupancy { key: key.clone() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Keymap, Theme, update};

    fn app() -> App {
        let now = crate::clock::parse_now("2020-10-01T09:00:00+02:00").unwrap();
        App::new(Lang::De, Theme::default(), Keymap::defaults(), now, ratatui::layout::Rect::new(0, 0, 100, 30))
    }

    #[test]
    fn a_lost_server_is_tried_again_on_the_timer_and_its_return_reloads() {
        let mut app = app();
        assert!(update(&mut app, Action::Tick).is_empty(), "nothing to try while connected");
        update(&mut app, Action::ConnectionLost);
        let text = |app: &App| app.shown_message().map(|message| message.text.clone()).unwrap_or_default();
        assert!(text(&app).contains("verloren") && text(&app).contains("in 5 s"), "{}", text(&app));
        for left in (1..RETRY_SECONDS).rev() {
            assert!(!update(&mut app, Action::Tick).contains(&Effect::CheckConnection));
            assert!(text(&app).contains(&format!("in {left} s")), "{}", text(&app));
        }
        assert!(update(&mut app, Action::Tick).contains(&Effect::CheckConnection));
        assert!(update(&mut app, Action::Tick).is_empty(), "one try at a time");
        update(&mut app, Action::ConnectionChecked(Err("weg".into())));
        assert!(text(&app).contains("in 5 s"), "{}", text(&app));
        for _ in 1..RETRY_SECONDS {
            update(&mut app, Action::Tick);
        }
        assert!(update(&mut app, Action::Tick).contains(&Effect::CheckConnection));
        let effects = update(&mut app, Action::ConnectionChecked(Ok(())));
        assert!(app.connection.is_none());
        assert!(text(&app).contains("wieder da"), "{}", text(&app));
        for wanted in [Effect::ReloadCatalogue, Effect::LoadPersonal, Effect::LoadSeats] {
            assert!(effects.contains(&wanted), "{effects:?}");
        }
    }

    #[test]
    fn a_change_made_meanwhile_ends_the_count_and_keeps_its_own_message() {
        let mut app = app();
        update(&mut app, Action::ConnectionLost);
        let undone = crate::store::Undone::Interest { key: "x".into(), marked: true };
        let effects = update(&mut app, Action::UndoDone(Ok(undone)));
        assert!(app.connection.is_none(), "the server answered the change");
        let shown = app.shown_message().map(|message| message.text.clone()).unwrap_or_default();
        assert!(!shown.contains("wieder da") && !shown.contains("verloren"), "{shown}");
        assert!(effects.contains(&Effect::ReloadCatalogue), "{effects:?}");
        update(&mut app, Action::ConnectionLost);
        update(&mut app, Action::UndoDone(Err("Server weg".into())));
        assert!(app.connection.is_some(), "a failed change proves nothing");
    }
}
