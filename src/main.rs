use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use lotse::cli::{Cli, Command, DbCommand, ExportCommand, ProfileCommand};
use lotse::commands::registration::{self, Outcome};
use lotse::i18n::Lang;
use lotse::store::{Store, StoreError};
use lotse::{clock, commands, settings};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = settings::early_lang(&cli);
    match run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(message) => {
            lotse::terminal::restore();
            let prefix = match lang {
                Lang::De => "lotse: Fehler",
                Lang::En => "lotse: error",
            };
            eprintln!("{prefix}: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the chosen command; errors come back as the text to show the user.
fn run(cli: Cli) -> Result<Outcome, String> {
    let early = settings::early_lang(&cli);
    let settings = settings::resolve(&cli).map_err(|error| error.explain(early))?;
    let lang = settings.lang;
    let db_path = settings.db_path.clone();
    let open_store = || Store::open(&db_path).map_err(|error| error.explain(lang));
    // A query that fails on a damaged or locked file names the file.
    let failed = |error: anyhow::Error| match error.downcast_ref::<StoreError>() {
        Some(store_error) => store_error.explain_for(&db_path, lang),
        None => format!("{error:#}"),
    };
    let done = |result: anyhow::Result<()>| result.map(|()| Outcome::Done).map_err(failed);
    let now = || clock::from_env().map(|clock| clock.now()).map_err(|error| error.to_string());
    // Commands that write refuse a read-only database up front, naming it.
    let open_writable = || {
        let store = open_store()?;
        store.require_writable().map_err(|error| error.explain(lang))?;
        Ok::<Store, String>(store)
    };
    match cli.command {
        Some(Command::Db { command: DbCommand::Path }) => done(commands::db::path(&settings)),
        Some(Command::Db { command: DbCommand::Migrate }) => {
            commands::db::migrate(&settings).map(|()| Outcome::Done).map_err(|error| error.explain(lang))
        }
        Some(Command::Db { command: DbCommand::Copy { to } }) => {
            commands::db::copy(&open_store()?, &to, lang).map(|()| Outcome::Done).map_err(|error| error.explain(lang))
        }
        Some(Command::Search { query, kind, region, limit, format }) => {
            let clock = clock::from_env().map_err(|error| error.to_string())?;
            let request = commands::search::Request { query, kind: kind.map(Into::into), region, limit, format };
            done(commands::search::run(&open_store()?, request, clock.now(), lang))
        }
        Some(Command::Regions { format }) => done(commands::regions::run(&open_store()?, format)),
        Some(Command::Import { file, format, dry_run }) => {
            let request = commands::import::Request { file, format: format.map(Into::into), dry_run };
            done(commands::import::run(request, lang, open_store))
        }
        Some(Command::Export { what: ExportCommand::Offerings { format, kind, region, output } }) => {
            let request = commands::export::Request { format, kind: kind.map(Into::into), region, output };
            done(commands::export::offerings(&open_store()?, request, lang))
        }
        Some(Command::DemoData { count, seed, remove }) => {
            done(commands::demo_data::run(&mut open_writable()?, count, seed, remove, lang))
        }
        Some(Command::Register { key, applicant, note, no_waitlist }) => {
            let now = now()?;
            registration::register(&mut open_writable()?, &key, &applicant, &note, no_waitlist, now, lang)
                .map_err(failed)
        }
        Some(Command::Cancel { key, email }) => {
            registration::cancel(&mut open_writable()?, &key, email, now()?, lang).map_err(failed)
        }
        Some(Command::Interest { key }) => {
            registration::interest(&mut open_writable()?, &key, now()?, lang).map_err(failed)
        }
        Some(Command::Registrations { format, all }) => {
            registration::list(&open_store()?, format, all, lang).map_err(failed)
        }
        Some(Command::Participants { key, format }) => {
            commands::participants::run(&open_store()?, &key, format, lang).map_err(failed)
        }
        Some(Command::Profile { command }) => match command {
            ProfileCommand::Show => registration::show_profile(&open_store()?, lang),
            ProfileCommand::Set { values } => registration::set_profile(&mut open_writable()?, &values, lang),
            ProfileCommand::Forget { yes } => registration::forget_profile(&mut open_writable()?, yes, now()?, lang),
        }
        .map_err(failed),
        Some(Command::Export { what: ExportCommand::Registrations { format, output } }) => {
            registration::export(&open_store()?, format, output.as_deref(), now()?, lang).map_err(failed)
        }
        None => {
            let clock = clock::from_env().map_err(|error| error.to_string())?;
            let store = open_store()?;
            if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
                return Err(match lang {
                    Lang::De => "Das Dashboard braucht ein Terminal. Für Skripte gibt es `lotse search`, `lotse regions` und `lotse --help`.".to_owned(),
                    Lang::En => "The dashboard needs a terminal. For scripts use `lotse search`, `lotse regions` or `lotse --help`.".to_owned(),
                });
            }
            done(commands::tui::run(settings, store, clock.as_ref()))
        }
    }
}
