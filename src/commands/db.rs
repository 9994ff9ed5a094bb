use std::io::Write;
use std::path::Path;

use crate::i18n::Lang;
use crate::settings::Settings;
use crate::store::{Location, Store, StoreError};

/// The database in use; a server's URL without its password.
pub fn path(settings: &Settings) -> anyhow::Result<()> {
    writeln!(std::io::stdout(), "{}", Location::parse(&settings.db_path).masked())?;
    Ok(())
}

pub fn migrate(settings: &Settings) -> Result<(), StoreError> {
    let (from, to) = Store::migrate(&settings.db_path)?;
    let location = Location::parse(&settings.db_path);
    match settings.lang {
        Lang::De if from == to => println!("{location}: Schema {to} ist aktuell, nichts zu tun."),
        Lang::De => println!("{location}: Schema von {from} auf {to} gebracht."),
        Lang::En if from == to => println!("{location}: schema {to} is up to date, nothing to do."),
        Lang::En => println!("{location}: schema migrated from {from} to {to}."),
    }
    Ok(())
}

/// Copies the whole store into `target`, in one transaction there.
pub fn copy(source: &Store, target: &Path, lang: Lang) -> Result<(), StoreError> {
    let mut target_store = Store::open(target)?;
    target_store.require_writable()?;
    let copied = source.copy_to(&mut target_store)?;
    let target = Location::parse(target);
    match lang {
        Lang::De => println!(
            "Nach {target} kopiert: {} Angebote ({} neu oder geändert), {} Anmeldungen neu, {} Interessen neu, {} Quellen neu, Profil {}, Heimatort {}.",
            copied.offerings,
            copied.offerings_written,
            copied.registrations_added,
            copied.interests_added,
            copied.sources_added,
            if copied.profile { "übernommen" } else { "keins vorhanden" },
            if copied.home_place { "übernommen" } else { "keiner vorhanden" }
        ),
        Lang::En => println!(
            "Copied to {target}: {} offerings ({} new or changed), {} registrations added, {} interests added, {} sources added, profile {}, home place {}.",
            copied.offerings,
            copied.offerings_written,
            copied.registrations_added,
            copied.interests_added,
            copied.sources_added,
            if copied.profile { "copied" } else { "none" },
            if copied.home_place { "copied" } else { "none" }
        ),
    }
    Ok(())
}
