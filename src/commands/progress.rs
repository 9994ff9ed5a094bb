//! Progress of long work on stderr: an indicatif bar on a terminal, a plain
//! line per tenth when stderr goes to a file or pipe, and nothing for work
//! that is over in a moment.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use crate::i18n::Lang;

/// Below this many records an import is done before a bar would be read.
const WORTH_SHOWING: usize = 2_000;
/// Files smaller than this are read and checked in a blink.
const WORTH_SAYING_BYTES: usize = 1 << 20;

/// A spinner (or one plain line) while a large file is read and checked,
/// which takes seconds before the first record can be counted.
pub struct Reading(Option<ProgressBar>);

impl Reading {
    pub fn start(shown: &str, bytes: usize, lang: Lang) -> Reading {
        if bytes < WORTH_SAYING_BYTES {
            return Reading(None);
        }
        let message = match lang {
            Lang::De => format!("{shown} wird gelesen und geprüft …"),
            Lang::En => format!("Reading and checking {shown} …"),
        };
        if !std::io::stderr().is_terminal() {
            eprintln!("lotse: {message}");
            return Reading(None);
        }
        let spinner = ProgressBar::new_spinner().with_message(message);
        spinner.enable_steady_tick(std::time::Duration::from_millis(120));
        Reading(Some(spinner))
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        if let Some(spinner) = &self.0 {
            spinner.finish_and_clear();
        }
    }
}

pub struct Progress {
    total: usize,
    lang: Lang,
    shown: Shown,
    tenths_shown: usize,
}

enum Shown {
    Nothing,
    Bar(ProgressBar),
    Lines,
}

impl Progress {
    pub fn new(total: usize, lang: Lang) -> Progress {
        let shown = if total < WORTH_SHOWING {
            Shown::Nothing
        } else if std::io::stderr().is_terminal() {
            let style = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            let bar = ProgressBar::new(total as u64).with_style(style);
            bar.set_message(match lang {
                Lang::De => "Angebote vergleichen und speichern",
                Lang::En => "Comparing and storing offerings",
            });
            Shown::Bar(bar)
        } else {
            Shown::Lines
        };
        Progress { total, lang, shown, tenths_shown: 0 }
    }

    pub fn set(&mut self, done: usize) {
        match &self.shown {
            Shown::Nothing => {}
            Shown::Bar(bar) => bar.set_position(done as u64),
            Shown::Lines => {
                let tenths = done * 10 / self.total.max(1);
                if tenths > self.tenths_shown {
                    self.tenths_shown = tenths;
                    let total = self.total;
                    match self.lang {
                        Lang::De => eprintln!("lotse: {done} von {total} Angeboten verarbeitet ({}0 %)", tenths),
                        Lang::En => eprintln!("lotse: {done} of {total} offerings processed ({}0 %)", tenths),
                    }
                }
            }
        }
    }
}

/// The bar leaves no trace, whether the work succeeded or not.
impl Drop for Progress {
    fn drop(&mut self) {
        if let Shown::Bar(bar) = &self.shown {
            bar.finish_and_clear();
        }
    }
}
