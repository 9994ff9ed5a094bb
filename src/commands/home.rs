//! The home place: setting and showing it, and turning it (or `--near`)
//! into a radius for the distance filter.

use crate::cli::ApplicantArgs;
use crate::geo::{Gazetteer, Home, Radius};
use crate::i18n::{Lang, plan::unresolved};
use crate::settings::Settings;
use crate::store::Store;

use super::registration::{self, Outcome};

/// Without `--km`, `--near` looks this far.
pub const DEFAULT_KM: u32 = 50;

/// The home place as typed: the profile's, else the config file's.
pub fn home_text(store: &Store, settings: &Settings) -> anyhow::Result<Option<String>> {
    Ok(store.home_place()?.or_else(|| settings.home_place.clone()))
}

/// The resolved home place, or the sentence that says why there is none usable.
pub fn home(store: &Store, settings: &Settings, lang: Lang) -> anyhow::Result<Option<Home>> {
    match home_text(store, settings)? {
        Some(text) => {
            Ok(Some(Gazetteer::shipped().resolve(&text).map_err(|error| anyhow::anyhow!(unresolved(&error, lang)))?))
        }
        None => Ok(None),
    }
}

/// `--near PLACE --km N`; `--km` alone means around the home place.
pub fn radius(
    store: &Store,
    settings: &Settings,
    near: Option<&str>,
    km: Option<u32>,
    lang: Lang,
) -> anyhow::Result<Option<Radius>> {
    let centre = match (near, km) {
        (None, None) => return Ok(None),
        (Some(place), _) => {
            Gazetteer::shipped().resolve(place).map_err(|error| anyhow::anyhow!(unresolved(&error, lang)))?
        }
        (None, Some(_)) => home(store, settings, lang)?.ok_or_else(|| anyhow::anyhow!(lang.strings().plan.no_home))?,
    };
    Ok(Some(Radius::new(centre.at, km.unwrap_or(DEFAULT_KM))))
}

/// `lotse profile set`: the applicant fields go to the profile, the home
/// place to its own row, so either can be set without the other.
pub fn set(store: &mut Store, values: &ApplicantArgs, home_place: Option<&str>, lang: Lang) -> anyhow::Result<Outcome> {
    if let Some(text) = home_place {
        let text = text.trim();
        if text.is_empty() {
            store.set_home_place(None)?;
        } else {
            Gazetteer::shipped().resolve(text).map_err(|error| anyhow::anyhow!(unresolved(&error, lang)))?;
            store.set_home_place(Some(text))?;
        }
    }
    let touches_profile =
        values.name.is_some() || values.email.is_some() || values.org.is_some() || values.phone.is_some();
    if touches_profile || home_place.is_none() {
        registration::set_profile(store, values, lang)?;
    }
    show_home(store, lang)?;
    Ok(Outcome::Done)
}

/// `lotse profile show` ends with the home place and its Kreis.
pub fn show(store: &Store, lang: Lang) -> anyhow::Result<Outcome> {
    let outcome = registration::show_profile(store, lang)?;
    show_home(store, lang)?;
    Ok(outcome)
}

fn show_home(store: &Store, lang: Lang) -> anyhow::Result<()> {
    let Some(text) = store.home_place()? else { return Ok(()) };
    let gazetteer = Gazetteer::shipped();
    let label = match lang {
        Lang::De => "Heimatort",
        Lang::En => "Home place",
    };
    match gazetteer.resolve(&text) {
        Ok(home) => {
            let kreis = gazetteer.kreis(&home.kreis).map_or(home.kreis.as_str(), |kreis| kreis.name.as_str());
            println!("{label}: {} ({kreis})", home.label);
        }
        Err(error) => println!("{label}: {text} – {}", unresolved(&error, lang)),
    }
    Ok(())
}
