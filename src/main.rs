use std::process::ExitCode;

use clap::Parser;

use lotse::cli::{Cli, Command, DbCommand};
use lotse::i18n::Lang;
use lotse::store::Store;
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
    match cli.command {
        Some(Command::Db { command: DbCommand::Path }) => {
            commands::db::path(&settings).map_err(|error| error.to_string())
        }
        None => {
            let clock = clock::from_env().map_err(|error| error.to_string())?;
            let store = Store::open(&settings.db_path).map_err(|error| error.explain(lang))?;
            commands::tui::run(settings, store, clock.as_ref()).map_err(|error| error.to_string())
        }
    }
}
