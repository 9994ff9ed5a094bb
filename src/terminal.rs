//! Entering and leaving the full-screen terminal mode. Whatever happens
//! (quit, error, panic), the user's terminal comes back as it was.

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Whether this process switched the terminal to full-screen mode, so that
/// restoring never writes escape sequences to a terminal (or pipe) it never touched.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Restores the terminal when dropped, so early returns and `?` are safe.
pub struct Session {
    pub terminal: Tui,
}

impl Session {
    pub fn start() -> io::Result<Session> {
        install_panic_hook();
        ACTIVE.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(error) = execute!(stdout, EnterAlternateScreen, EnableMouseCapture) {
            restore();
            return Err(error);
        }
        match Terminal::new(CrosstermBackend::new(stdout)) {
            Ok(terminal) => Ok(Session { terminal }),
            Err(error) => {
                restore();
                Err(error)
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
        let _ = self.terminal.show_cursor();
    }
}

/// Best effort: each step is tried even if an earlier one fails.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen);
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, or the panic message lands in the alternate screen and vanishes.
        restore();
        previous(info);
    }));
}
