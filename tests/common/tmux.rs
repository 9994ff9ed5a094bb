//! The tmux driver for end-to-end tests: runs lotse in a real terminal,
//! sends keys and reads the screen back.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::binary::BINARY;

const WAIT: Duration = Duration::from_secs(15);

/// One tmux server per test, on its own socket, killed when dropped.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn start(width: u16, height: u16) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!("lotse-e2e-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        let tmux = Tmux { socket };
        let shell = "env -i PATH=/usr/bin:/bin TERM=xterm-256color HOME=/tmp PS1='prompt$ ' bash --norc --noprofile";
        let output = tmux.run(&["new-session", "-d", "-x", &width.to_string(), "-y", &height.to_string(), shell]);
        assert!(
            output.status.success(),
            "tmux is needed for the end-to-end tests (.ci/run installs it): {}",
            String::from_utf8_lossy(&output.stderr)
        );
        tmux.wait_for("prompt$");
        tmux
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux must be installed for the end-to-end tests")
    }

    pub fn type_line(&self, line: &str) {
        self.run(&["send-keys", "-l", line]);
        self.keys(&["Enter"]);
    }

    /// Types text literally, one character at a time like a person.
    pub fn type_text(&self, text: &str) {
        for ch in text.chars() {
            self.run(&["send-keys", "-l", &ch.to_string()]);
            sleep(Duration::from_millis(30));
        }
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", key]);
            // Let the app draw between keys, as a person typing would.
            sleep(Duration::from_millis(60));
        }
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p"]).stdout).into_owned()
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |screen| screen.contains(text))
    }

    pub fn wait_until(&self, what: &str, condition: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if condition(&screen) {
                return screen;
            }
            if started.elapsed() > WAIT {
                panic!("waited {WAIT:?} for {what:?}; the screen shows:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    pub fn start_lotse(&self, db: &Path, extra: &str) {
        self.type_line(&format!(
            "LOTSE_NOW=2026-11-22 LOTSE_CONFIG=/nonexistent/config.toml {extra} {BINARY} --db {}",
            db.display()
        ));
    }

    /// After lotse quits: the prompt is back and the terminal is in cooked mode again.
    pub fn assert_terminal_restored(&self) {
        self.wait_until("the shell prompt after lotse", |screen| {
            screen.lines().filter(|line| line.starts_with("prompt$")).count() >= 2 && !screen.contains("│ 2 ")
        });
        self.type_line("stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo");
        let screen =
            // The output line, not the typed command, which names both flags too.
            self.wait_until("stty output", |screen| {
                screen.lines().map(str::trim).any(|line| line.starts_with("icanon") || line.starts_with("-icanon"))
            });
        assert!(screen.contains("icanon echo"), "the terminal was left in raw mode:\n{screen}");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
