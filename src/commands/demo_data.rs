//! `lotse demo-data`: fills the database with synthetic offerings for trying
//! lotse at scale, or removes them again (`--remove`).

use std::io::{IsTerminal, Write};

use anyhow::anyhow;

use crate::demo::{self, DEMO_PUBLISHER};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};

/// Records per transaction: large enough to be fast, small enough that
/// memory stays flat and progress moves.
const CHUNK: usize = 10_000;

pub fn run(
    store: &mut Store,
    count: usize,
    seed: u64,
    remove: bool,
    removal_command: &str,
    lang: Lang,
) -> anyhow::Result<()> {
    if remove {
        let removed = store.delete_by_publisher(DEMO_PUBLISHER).map_err(|error| failed(&error, lang, Step::Remove))?;
        match lang {
            Lang::De => println!("{removed} Demo-Angebote entfernt."),
            Lang::En => println!("Removed {removed} demo offerings."),
        }
        return Ok(());
    }

    let kreise = store.regions().map_err(|error| failed(&error, lang, Step::Regions))?.kreise;
    let progress = Progress::new(count, lang);
    let mut records = demo::records(seed, &kreise);
    let mut added = 0;
    while added < count {
        let chunk: Vec<_> = records.by_ref().take(CHUNK.min(count - added)).collect();
        added += store
            .put_records(&chunk)
            .map_err(|error| failed(&error, lang, Step::Insert { done: added, removal_command }))?;
        progress.show(added);
    }
    progress.finish();
    match lang {
        Lang::De => {
            println!("{added} Demo-Angebote hinzugefügt (Seed {seed}). Entfernen mit: {removal_command}")
        }
        Lang::En => println!("Added {added} demo offerings (seed {seed}). Remove them with: {removal_command}"),
    }
    Ok(())
}

enum Step<'a> {
    Regions,
    Insert { done: usize, removal_command: &'a str },
    Remove,
}

fn failed(error: &StoreError, lang: Lang, step: Step) -> anyhow::Error {
    let cause = error.explain(lang);
    match (step, lang) {
        (Step::Regions, Lang::De) => anyhow!("Die Regionaldaten konnten nicht gelesen werden. {cause}"),
        (Step::Regions, Lang::En) => anyhow!("Could not read the region data. {cause}"),
        (Step::Insert { done, removal_command }, Lang::De) => anyhow!(
            "Die Demo-Angebote konnten nicht gespeichert werden ({done} bereits gespeichert, entfernen mit: {removal_command}). {cause}"
        ),
        (Step::Insert { done, removal_command }, Lang::En) => anyhow!(
            "Could not store the demo offerings ({done} already stored; remove them with: {removal_command}). {cause}"
        ),
        (Step::Remove, Lang::De) => anyhow!("Die Demo-Angebote konnten nicht entfernt werden. {cause}"),
        (Step::Remove, Lang::En) => anyhow!("Could not remove the demo offerings. {cause}"),
    }
}

/// A one-line counter on stderr, only when stderr is a terminal and the
/// work takes more than one chunk.
struct Progress {
    total: usize,
    lang: Lang,
    enabled: bool,
}

impl Progress {
    fn new(total: usize, lang: Lang) -> Progress {
        Progress { total, lang, enabled: total > CHUNK && std::io::stderr().is_terminal() }
    }

    fn show(&self, done: usize) {
        if !self.enabled {
            return;
        }
        let mut stderr = std::io::stderr().lock();
        let _ = match self.lang {
            Lang::De => write!(stderr, "\r{done} von {} Demo-Angeboten gespeichert …", self.total),
            Lang::En => write!(stderr, "\r{done} of {} demo offerings stored …", self.total),
        };
        let _ = stderr.flush();
    }

    fn finish(&self) {
        if self.enabled {
            // Carriage return and erase the line, so the summary stands alone.
            eprint!("\r\x1b[2K");
        }
    }
}
