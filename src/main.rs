use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use lotse::cli::{Cli, Command, DbCommand, ExportCommand};
use lotse::i18n::Lang;
use lotse::store::{Store, StoreError};
use lotse::{clock, commands, settings};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = settings::early_lang(&cli);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
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
fn run(cli: Cli) -> Result<(), String> {
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
    match cli.command {
        Some(Command::Db { command: DbCommand::Path }) => commands::db::path(&settings).map_err(failed),
        Some(Command::Search { query, kind, region, limit, format }) => {
            let clock = clock::from_env().map_err(|error| error.to_string())?;
            let request = commands::search::Request { query, kind: kind.map(Into::into), region, limit, format };
            commands::search::run(&open_store()?, request, clock.now(), lang).map_err(failed)
        }
        Some(Command::Regions { format }) => commands::regions::run(&open_store()?, format).map_err(failed),
        Some(Command::Import { file, format, dry_run }) => {
            let request = commands::import::Request { file, format: format.map(Into::into), dry_run };
            commands::import::run(request, lang, open_store).map_err(failed)
        }
        Some(Command::Export { what: ExportCommand::Offerings { format, kind, region, output } }) => {
            let request = commands::export::Request { format, kind: kind.map(Into::into), region, output };
            commands::export::offerings(&open_store()?, request, lang).map_err(failed)
        }
        Some(Command::DemoData { count, seed, remove }) => {
            let mut store = open_store()?;
            store.require_writable().map_err(|error| error.explain(lang))?;
            commands::demo_data::run(&mut store, count, seed, remove, lang).map_err(failed)
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
            commands::tui::run(settings, store, clock.as_ref()).map_err(failed)
        }
    }
}
