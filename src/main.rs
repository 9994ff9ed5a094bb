use std::io::IsTerminal;
use std::process::ExitCode;

use clap::FromArgMatches;

use lotse::cli::{Cli, Command, DbCommand, ExportCommand, ProfileCommand, SourceCommand};
use lotse::commands::registration::{self, Outcome};
use lotse::i18n::Lang;
use lotse::store::{Store, StoreError};
use lotse::{cli_text, clock, commands, settings};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let clap_lang = cli_text::early_lang(&args);
    let parsed =
        cli_text::command(clap_lang).try_get_matches_from(&args).and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        // --help and --version
        Err(error) if !error.use_stderr() => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            let prefix = match clap_lang {
                Lang::De => "lotse: Fehler",
                Lang::En => "lotse: error",
            };
            eprintln!("{prefix}: {}", cli_text::explain(&error, clap_lang));
            return ExitCode::from(2);
        }
    };
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
    let open_store = || {
        settings.check_db_directory().map_err(|error| error.explain(lang))?;
        Store::open(&db_path).map_err(|error| error.explain(lang))
    };
    // A query that fails on a damaged or locked file names the file.
    let explain = |error: anyhow::Error| match error.downcast_ref::<StoreError>() {
        Some(store_error) => store_error.explain_for(&db_path, lang),
        None => format!("{error:#}"),
    };
    let settle = |result: anyhow::Result<Outcome>| match result {
        // A reader that has seen enough (`| head -1`) ends the output, like any Unix tool.
        Err(error) if closed_pipe(&error) => Ok(Outcome::Done),
        other => other.map_err(explain),
    };
    let done = |result: anyhow::Result<()>| settle(result.map(|()| Outcome::Done));
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
        Some(Command::Search { query, kind, region, near, km, limit, format }) => {
            let clock = clock::from_env().map_err(|error| error.to_string())?;
            let store = open_store()?;
            let near = commands::home::radius(&store, &settings, near.as_deref(), km, lang).map_err(explain)?;
            let request = commands::search::Request { query, kind: kind.map(Into::into), region, limit, format, near };
            done(commands::search::run(&store, request, clock.now(), lang))
        }
        Some(Command::Agenda { days, only_mine, format }) => {
            let request = commands::agenda::Request { days, only_mine, only_deadlines: false, format };
            done(commands::agenda::run(&open_store()?, request, now()?, lang))
        }
        Some(Command::Deadlines { days, format }) => {
            let request = commands::agenda::Request { days, only_mine: false, only_deadlines: true, format };
            done(commands::agenda::run(&open_store()?, request, now()?, lang))
        }
        Some(Command::Regions { format }) => done(commands::regions::run(&open_store()?, format, lang)),
        Some(Command::Import { file, format, dry_run }) => {
            let request = commands::import::Request { file, format: format.map(Into::into), dry_run };
            done(commands::import::run(request, lang, open_store))
        }
        Some(Command::Export { what: ExportCommand::Offerings { format, kind, region, output } }) => {
            let request = commands::export::Request { format, kind: kind.map(Into::into), region, output };
            done(commands::export::offerings(&open_store()?, request, lang))
        }
        Some(Command::DemoData { count, seed, remove }) => {
            let removal = settings.demo_removal_command();
            done(commands::demo_data::run(&mut open_writable()?, count, seed, remove, &removal, lang))
        }
        Some(Command::Register { key, applicant, note, no_waitlist }) => {
            let now = now()?;
            settle(registration::register(&mut open_writable()?, &key, &applicant, &note, no_waitlist, now, lang))
        }
        Some(Command::Cancel { key, email }) => {
            settle(registration::cancel(&mut open_writable()?, &key, email, now()?, lang))
        }
        Some(Command::Interest { key }) => settle(registration::interest(&mut open_writable()?, &key, now()?, lang)),
        Some(Command::Registrations { format, all }) => settle(registration::list(&open_store()?, format, all, lang)),
        Some(Command::Participants { key, format }) => {
            settle(commands::participants::run(&open_store()?, &key, format, lang))
        }
        Some(Command::Profile { command }) => settle(match command {
            ProfileCommand::Show => commands::home::show(&open_store()?, lang),
            ProfileCommand::Set { values, home_place } => {
                commands::home::set(&mut open_writable()?, &values, home_place.as_deref(), lang)
            }
            ProfileCommand::Forget { yes } => registration::forget_profile(&mut open_writable()?, yes, now()?, lang),
        }),
        Some(Command::Export { what: ExportCommand::Registrations { format, output } }) => {
            settle(registration::export(&open_store()?, format, output.as_deref(), now()?, lang))
        }
        Some(Command::Quellen { command: None, format }) => done(commands::sources::list(&open_store()?, format, lang)),
        Some(Command::Quellen { command: Some(SourceCommand::Add { url, name, art, region }), .. }) => {
            let request = commands::sources::AddRequest { url, name, kind: art.map(Into::into), region };
            done(commands::sources::add(&mut open_writable()?, request, &settings.sources, now()?, lang))
        }
        Some(Command::Quellen { command: Some(SourceCommand::Remove { name, with_offerings }), .. }) => {
            done(commands::sources::remove(&mut open_writable()?, &name, with_offerings, lang))
        }
        Some(Command::Sync { names }) => {
            let now = now()?;
            match commands::sources::run_sync(&mut open_writable()?, &names, &settings.sources, now, lang) {
                Ok(true) => Ok(Outcome::Done),
                Ok(false) => Ok(Outcome::SomeFailed),
                Err(error) => Err(explain(error)),
            }
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

fn closed_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
