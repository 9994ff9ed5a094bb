//! clap's own words ("Usage:", "Print help", argument errors) in the
//! user's language, and the English help text. The clap types in cli.rs
//! carry the German help; English replaces it here, item by item.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::cli::Cli;
use crate::i18n::Lang;

/// English for each command (`""` as argument id) and argument (its id),
/// by the path of subcommand names; `#long` and `#after` are the long
/// description and the text after the help.
const ENGLISH: &[(&str, &str, &str)] = &[
    ("", "", "Terminal dashboard for economic development, town marketing and city management"),
    (
        "",
        "#long",
        "Terminal dashboard for economic development, town marketing and city management.\n\nlotse shows events, \
         funded projects, best practices and vacancy roundtables from a local database. Without a subcommand the \
         dashboard starts.",
    ),
    (
        "",
        "#after",
        "Region data: © Statistisches Bundesamt (Destatis) 2018, CC BY 4.0; places and coordinates: GeoNames \
         (www.geonames.org), CC BY 4.0.",
    ),
    ("", "db", "Database file or PostgreSQL URL (default: a file in the user's data directory)"),
    ("", "lang", "Language of the interface: de or en"),
    ("", "theme", "Colour scheme: dark, light or plain (no colours; also with NO_COLOR)"),
    ("", "config", "Settings file (default: config.toml in the configuration directory)"),
    ("db", "", "Manage the database"),
    ("db path", "", "Print the path of the database in use (for a server its URL, without the password)"),
    ("db migrate", "", "Bring the database's schema up to this version"),
    ("db copy", "", "Copy offerings, registrations, interests and the profile into another database"),
    ("db copy", "to", "Target: a file path or a postgresql:// URL"),
    ("search", "", "Search offerings as the dashboard does (fuzzy, ä = ae, ß = ss)"),
    (
        "search",
        "query",
        "Search terms; #topic narrows to a topic. Without them, with --near, --region or --kind: every offering there",
    ),
    ("search", "kind", "Only one kind of offering"),
    (
        "search",
        "region",
        "Region: Land code (HE), Kreis code (06436), a name (hessen, Main-Taunus), online or bundesweit",
    ),
    ("search", "near", "Only offerings around a place: postcode or place name (with --km alone: the home place)"),
    ("search", "km", "Radius in kilometres around --near or the home place"),
    ("search", "limit", "At most this many hits"),
    ("search", "format", "Output format"),
    ("termine", "", "The coming days by calendar week: events, roundtables, registration deadlines, project ends"),
    ("termine", "days", "This many days from today"),
    ("termine", "only_mine", "Only your own registrations and marked interests"),
    ("termine", "format", "Output format"),
    ("fristen", "", "Registration deadlines in the coming days"),
    ("fristen", "days", "This many days from today"),
    ("fristen", "format", "Output format"),
    ("regions", "", "List the region codes (Länder, Kreise, online, bundesweit)"),
    ("regions", "format", "Output format"),
    ("register", "", "Register (event or roundtable); when it is full, join the waitlist"),
    (
        "register",
        "#after",
        "Exit codes: 0 done, 3 on the waitlist, 4 refused (deadline, already begun, already registered, full with \
         --no-waitlist, no registration), 1 error, 2 wrong usage.",
    ),
    ("register", "key", "Key of the offering (see `lotse search … --format json`)"),
    ("register", "name", "Name (default: from the profile)"),
    ("register", "email", "E-mail address (default: from the profile)"),
    ("register", "org", "Organisation, e.g. \"Wirtschaftsförderung Hattersheim\" (default: from the profile)"),
    ("register", "phone", "Phone (optional; default: from the profile)"),
    ("register", "note", "Note, e.g. dietary needs or questions for the speakers"),
    ("register", "no_waitlist", "Do not join the waitlist when full (then stop with code 4)"),
    ("cancel", "", "Cancel a registration; the first on the waitlist moves up"),
    (
        "cancel",
        "#after",
        "Exit codes: 0 done, 3 on the waitlist, 4 refused (deadline, already begun, already registered, full with \
         --no-waitlist, no registration), 1 error, 2 wrong usage.",
    ),
    ("cancel", "key", "Key of the offering"),
    ("cancel", "email", "Whose registration (default: the profile's e-mail address)"),
    ("interest", "", "Mark interest in an offering, or remove the mark"),
    ("interest", "key", "Key of the offering"),
    ("registrations", "", "List registrations (default: the profile's)"),
    ("registrations", "format", "Output format"),
    ("registrations", "all", "All registrations in this database, not only your own"),
    (
        "teilnehmer",
        "",
        "Participant list of an offering with status and number of interested (for organisers and admins)",
    ),
    ("teilnehmer", "key", "Key of the offering"),
    ("teilnehmer", "format", "Output format: text, csv (for Excel) or json"),
    ("profile", "", "Your profile: show, change, delete"),
    ("profile show", "", "Show the saved profile"),
    ("profile set", "", "Create the profile or change the given fields"),
    ("profile set", "name", "Name"),
    ("profile set", "email", "E-mail address"),
    ("profile set", "org", "Organisation, e.g. \"Wirtschaftsförderung Hattersheim\""),
    ("profile set", "phone", "Phone (optional)"),
    (
        "profile set",
        "home_place",
        "Home place for distances and \"municipalities like mine\": postcode or place name (\"\" removes it)",
    ),
    ("profile forget", "", "Delete the profile, home place, your registrations and marked interests (GDPR)"),
    ("profile forget", "yes", "Delete without asking (for scripts)"),
    ("import", "", "Read offerings from a JSON, CSV or iCalendar file: all or nothing"),
    (
        "import",
        "#long",
        "Read offerings from a JSON, CSV or iCalendar file.\n\nEvery row is checked first; only when the whole file \
         is free of errors are new and changed offerings saved in one step (same identifier = same offering). An \
         import never deletes anything. The format is described in docs/austauschformat.md.",
    ),
    ("import", "file", "File: .json or .jsonl, .csv, .ics"),
    ("import", "format", "Format, when the file name does not tell"),
    ("import", "dry_run", "Only check and count what would be new or changed; save nothing"),
    ("export", "", "Write offerings (JSON, CSV; the import's format) or your registrations (ics, csv)"),
    ("export offerings", "", "All offerings or a selection"),
    ("export offerings", "format", "json or csv; without it by the extension of -o, else json"),
    ("export offerings", "kind", "Only one kind of offering (needed for CSV: one kind per file)"),
    (
        "export offerings",
        "region",
        "Only one region: Land code (HE), Kreis code (06436), a name (hessen, Main-Taunus), online, bundesweit or \
         unbekannt",
    ),
    ("export offerings", "output", "Into this file instead of standard output"),
    ("export registrations", "", "Your registrations as a calendar (ics) or a table for the travel request (csv)"),
    ("export registrations", "format", "Output format"),
    ("export registrations", "output", "Target file (default: standard output)"),
    ("demo-data", "", "Add synthetic demo offerings (or remove them with --remove)"),
    ("demo-data", "count", "How many offerings"),
    ("demo-data", "seed", "Seed of the random generator: same value, same data"),
    ("demo-data", "remove", "Remove all demo offerings again"),
    ("quellen", "", "Sources: subscribed calendars, feeds and event pages (without a subcommand: list them)"),
    ("quellen", "format", "Output of the list: text or json"),
    (
        "quellen add",
        "",
        "Check the address at once (fetch and read) and add the source; if that fails, nothing is saved",
    ),
    ("quellen add", "url", "http(s) or webcal address of a calendar, a feed or an event page"),
    ("quellen add", "name", "Name of the source (default: the server's name)"),
    ("quellen add", "art", "Kind of the feed's items; needed for RSS/Atom (calendars and pages give events)"),
    (
        "quellen add",
        "region",
        "Region for items without a place: Kreis code, Land code, online, bundesweit or a Kreis name",
    ),
    ("quellen remove", "", "Remove a source; its offerings stay unless --mit-angeboten (registered ones always stay)"),
    ("quellen remove", "name", "Name of the source"),
    ("quellen remove", "with_offerings", "Delete the source's offerings too"),
    ("sync", "", "Fetch all sources or the named ones and bring their offerings in step (exit code 3 when one fails)"),
    ("sync", "names", "Names of the sources (default: all)"),
];

const VALUE_NAMES_EN: &[(&str, &str)] = &[
    ("PFAD|URL", "PATH|URL"),
    ("PFAD", "PATH"),
    ("SPRACHE", "LANGUAGE"),
    ("SCHEMA", "SCHEME"),
    ("DATEI", "FILE"),
    ("ZIEL", "TARGET"),
];

/// German placeholders for the values clap would name after the argument
/// (QUERY, KEY), by argument id.
const VALUE_NAMES_DE: &[(&str, &str)] = &[
    ("query", "SUCHBEGRIFF"),
    ("key", "SCHLÜSSEL"),
    ("kind", "ART"),
    ("limit", "ANZAHL"),
    ("count", "ANZAHL"),
    ("seed", "STARTWERT"),
    ("name", "NAME"),
    ("email", "E-MAIL"),
    ("org", "ORGANISATION"),
    ("phone", "TELEFON"),
    ("note", "ANMERKUNG"),
];

struct Words {
    usage: &'static str,
    options: &'static str,
    options_placeholder: &'static str,
    command: &'static str,
    environment: &'static str,
    arguments: &'static str,
    commands: &'static str,
    help: &'static str,
    version: &'static str,
    help_command: &'static str,
    default: &'static str,
    possible: &'static str,
    output_format: &'static str,
}

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::De => &Words {
            usage: "Aufruf:",
            options: "Optionen",
            options_placeholder: "[OPTIONEN]",
            command: "BEFEHL",
            environment: "Umgebungsvariable",
            arguments: "Argumente",
            commands: "Befehle",
            help: "Hilfe anzeigen",
            version: "Version anzeigen",
            help_command: "Zeigt diese Hilfe oder die eines Befehls",
            default: "Voreinstellung",
            possible: "mögliche Werte",
            output_format: "Ausgabeformat",
        },
        Lang::En => &Words {
            usage: "Usage:",
            options: "Options",
            options_placeholder: "[OPTIONS]",
            command: "COMMAND",
            environment: "environment variable",
            arguments: "Arguments",
            commands: "Commands",
            help: "Print help",
            version: "Print version",
            help_command: "Print this help or the help of a command",
            default: "default",
            possible: "possible values",
            output_format: "Output format",
        },
    }
}

/// The command line as clap sees it, in the given language.
pub fn command(lang: Lang) -> Command {
    let mut command = localise(Cli::command(), "", lang, true);
    // clap adds its `help` subcommand while building; only then can it be reworded.
    command.build();
    after_build(command, lang)
}

/// Words clap only puts in while building: its `help` subcommand and the
/// `[OPTIONS]` of each usage line.
fn after_build(mut command: Command, lang: Lang) -> Command {
    let words = words(lang);
    let usage = command.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim().replace("[OPTIONS]", words.options_placeholder);
    command = command.override_usage(usage);
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    names.into_iter().fold(command, |command, name| {
        command.mut_subcommand(&name, |sub| {
            if name == "help" { sub.about(words.help_command) } else { after_build(sub, lang) }
        })
    })
}

fn localise(mut command: Command, path: &str, lang: Lang, root: bool) -> Command {
    let words = words(lang);
    let english = |id: &str| ENGLISH.iter().find(|(at, item, _)| *at == path && *item == id).map(|(_, _, text)| *text);
    if lang == Lang::En {
        if let Some(about) = english("") {
            command = command.about(about);
        }
        if let Some(long) = english("#long") {
            command = command.long_about(long);
        }
        if let Some(after) = english("#after") {
            command = command.after_help(after);
        }
    }
    command = command
        .help_template(format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", words.usage))
        .subcommand_help_heading(words.commands)
        .subcommand_value_name(words.command)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(words.help)
                .help_heading(words.options)
                .display_order(usize::MAX - 1),
        );
    if root {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(words.version)
                .help_heading(words.options)
                .display_order(usize::MAX),
        );
    }
    let ids: Vec<String> = command.get_arguments().map(|arg| arg.get_id().to_string()).collect();
    for id in ids {
        let translated = english(&id);
        command = command.mut_arg(&id, |arg| localise_arg(arg, translated, lang));
    }
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        command = command.mut_subcommand(&name, |sub| localise(sub, &sub_path, lang, false));
    }
    command
}

fn localise_arg(arg: Arg, english: Option<&'static str>, lang: Lang) -> Arg {
    let words = words(lang);
    if matches!(arg.get_id().as_str(), "help" | "version") {
        return arg;
    }
    let mut help = match (lang, english) {
        (Lang::En, Some(text)) => text.to_owned(),
        _ => arg.get_help().map(ToString::to_string).unwrap_or_else(|| {
            // `--format` is the one option cli.rs leaves without words.
            if arg.get_id() == "format" { words.output_format.to_owned() } else { String::new() }
        }),
    };
    // clap would add "[default: …]" and "[possible values: …]" in English;
    // a flag's true/false and an empty default say nothing.
    if arg.get_action().takes_values() {
        let possible: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|value| !value.is_hide_set())
            .map(|value| value.get_name().to_owned())
            .collect();
        if !possible.is_empty() {
            help.push_str(&format!(" [{}: {}]", words.possible, possible.join(", ")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|value| value.to_string_lossy().into_owned())
            .filter(|value| !value.is_empty())
            .collect();
        if !defaults.is_empty() {
            help.push_str(&format!(" [{}: {}]", words.default, defaults.join(", ")));
        }
    }
    let arg = match arg.get_env().map(|name| name.to_string_lossy().into_owned()) {
        Some(name) => {
            help.push_str(&format!(" [{}: {name}]", words.environment));
            arg.hide_env(true)
        }
        None => arg,
    };
    let mut arg = arg;
    if lang == Lang::En {
        // Value names cli.rs gives in German; clap's own (QUERY, KEY) stay.
        let renamed: Option<Vec<&'static str>> = arg.get_value_names().map(|names| {
            names
                .iter()
                .filter_map(|name| VALUE_NAMES_EN.iter().find(|(de, _)| name == de).map(|(_, en)| *en))
                .collect()
        });
        if let Some(renamed) = renamed.filter(|renamed| !renamed.is_empty()) {
            arg = arg.value_names(renamed);
        }
    }
    let german_name = VALUE_NAMES_DE.iter().find(|(id, _)| arg.get_id() == *id).map(|(_, name)| *name);
    // clap's derive names a value after its argument (KEY for `key`): that is English.
    let derived = arg
        .get_value_names()
        .is_some_and(|names| names.len() == 1 && names[0].as_str() == arg.get_id().as_str().to_uppercase());
    if let (Lang::De, true, Some(name)) = (lang, derived, german_name) {
        arg = arg.value_name(name);
    }
    let heading = if arg.is_positional() { words.arguments } else { words.options };
    let arg = arg.help(help).help_heading(heading);
    if arg.get_action().takes_values() { arg.hide_default_value(true).hide_possible_values(true) } else { arg }
}

/// The language of clap's texts, known before the arguments are parsed:
/// `--lang`, then the config file's `lang`, then the locale.
pub fn early_lang(args: &[OsString]) -> Lang {
    let args: Vec<String> = args.iter().map(|arg| arg.to_string_lossy().into_owned()).collect();
    let flag = |name: &str| {
        args.iter().enumerate().find_map(|(at, arg)| match arg.strip_prefix(&format!("--{name}=")) {
            Some(value) => Some(value.to_owned()),
            None if *arg == format!("--{name}") => args.get(at + 1).cloned(),
            None => None,
        })
    };
    let from_flag = flag("lang").and_then(|value| match value.as_str() {
        "de" => Some(Lang::De),
        "en" => Some(Lang::En),
        _ => None,
    });
    let config = flag("config").map(Into::into).or_else(|| std::env::var_os("LOTSE_CONFIG").map(Into::into));
    from_flag.or_else(|| crate::settings::configured_lang(config)).unwrap_or_else(crate::settings::locale_or_default)
}

/// An argument error in the user's language, as clap's own would read.
pub fn explain(error: &clap::Error, lang: Lang) -> String {
    let context = |kind: ContextKind| error.get(kind).map(plain);
    let de = lang == Lang::De;
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = vec![match error.kind() {
        ErrorKind::InvalidValue if de => format!("„{value}“ ist kein gültiger Wert für {arg}"),
        ErrorKind::InvalidValue => format!("invalid value '{value}' for {arg}"),
        ErrorKind::ValueValidation if de => format!("„{value}“ ist kein gültiger Wert für {arg}: {}", cause(error)),
        ErrorKind::ValueValidation => format!("invalid value '{value}' for {arg}: {}", cause(error)),
        ErrorKind::UnknownArgument if de => format!("unbekanntes Argument „{arg}“"),
        ErrorKind::UnknownArgument => format!("unexpected argument '{arg}'"),
        ErrorKind::InvalidSubcommand if de => {
            format!("unbekannter Befehl „{}“", context(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::InvalidSubcommand => {
            format!("unrecognized subcommand '{}'", context(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::MissingRequiredArgument if de => format!("es fehlt: {arg}"),
        ErrorKind::MissingRequiredArgument => format!("missing: {arg}"),
        ErrorKind::MissingSubcommand if de => "es fehlt ein Befehl".to_owned(),
        ErrorKind::MissingSubcommand => "a subcommand is missing".to_owned(),
        ErrorKind::ArgumentConflict if de => {
            format!("{arg} lässt sich nicht mit {} verbinden", context(ContextKind::PriorArg).unwrap_or_default())
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} cannot be used with {}", context(ContextKind::PriorArg).unwrap_or_default())
        }
        ErrorKind::NoEquals if de => format!("{arg} braucht ein = vor dem Wert"),
        ErrorKind::NoEquals => format!("{arg} needs = before its value"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues if de => {
            format!("falsche Anzahl von Werten für {arg}")
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("wrong number of values for {arg}")
        }
        ErrorKind::InvalidUtf8 if de => "ein Argument ist kein gültiges UTF-8".to_owned(),
        ErrorKind::InvalidUtf8 => "an argument is not valid UTF-8".to_owned(),
        _ if de => "falscher Aufruf".to_owned(),
        _ => "wrong usage".to_owned(),
    }];
    if let Some(valid) = context(ContextKind::ValidValue) {
        lines.push(if de { format!("  mögliche Werte: {valid}") } else { format!("  possible values: {valid}") });
    }
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue] {
        if let Some(suggested) = context(kind) {
            lines.push(if de {
                format!("  meinten Sie „{suggested}“?")
            } else {
                format!("  did you mean '{suggested}'?")
            });
        }
    }
    if let Some(usage) = context(ContextKind::Usage) {
        let usage = usage.trim_start_matches("Usage:").trim();
        lines.push(String::new());
        lines.push(format!("{} {usage}", words(lang).usage));
    }
    lines.push(String::new());
    lines.push(if de { "Mehr mit --help".to_owned() } else { "For more, try --help".to_owned() });
    lines.join("\n")
}

fn cause(error: &clap::Error) -> String {
    std::error::Error::source(error).map(ToString::to_string).unwrap_or_default()
}

fn plain(value: &ContextValue) -> String {
    match value {
        ContextValue::String(text) => text.clone(),
        ContextValue::Strings(texts) => texts.join(", "),
        ContextValue::StyledStr(styled) => styled.to_string(),
        ContextValue::StyledStrs(styled) => styled.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
        ContextValue::Number(number) => number.to_string(),
        ContextValue::Bool(flag) => flag.to_string(),
        ContextValue::None => String::new(),
        // ContextValue is non-exhaustive; a future kind shows as clap prints it.
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_command(command: &Command, path: String, out: &mut Vec<(String, Command)>) {
        out.push((path.clone(), command.clone()));
        for sub in command.get_subcommands().filter(|sub| sub.get_name() != "help") {
            let sub_path =
                if path.is_empty() { sub.get_name().to_owned() } else { format!("{path} {}", sub.get_name()) };
            every_command(sub, sub_path, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_english_words() {
        let mut commands = Vec::new();
        every_command(&Cli::command(), String::new(), &mut commands);
        let mut missing = Vec::new();
        for (path, command) in &commands {
            if !ENGLISH.iter().any(|(at, item, _)| at == path && item.is_empty()) {
                missing.push(format!("{path:?}: about"));
            }
            for arg in command.get_arguments().filter(|arg| !arg.is_global_set() || path.is_empty()) {
                let id = arg.get_id().as_str();
                if !ENGLISH.iter().any(|(at, item, _)| at == path && *item == id) {
                    missing.push(format!("{path:?}: {id}"));
                }
            }
        }
        assert!(missing.is_empty(), "no English for {missing:?}");
    }

    #[test]
    fn no_entry_names_a_command_or_argument_that_is_gone() {
        let mut commands = Vec::new();
        every_command(&Cli::command(), String::new(), &mut commands);
        for (path, id, _) in ENGLISH {
            let command = commands.iter().find(|(at, _)| at == path).map(|(_, command)| command);
            let command = command.unwrap_or_else(|| panic!("no command {path:?}"));
            assert!(
                id.is_empty() || id.starts_with('#') || command.get_arguments().any(|arg| arg.get_id() == *id),
                "{path:?} has no argument {id}"
            );
        }
    }

    fn help(lang: Lang, args: &[&str]) -> String {
        let error = command(lang).try_get_matches_from(args).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::DisplayHelp);
        error.render().to_string()
    }

    #[test]
    fn help_speaks_the_chosen_language_throughout() {
        let german = help(Lang::De, &["lotse", "--help"]);
        for expected in ["Aufruf:", "Befehle:", "Optionen:", "Hilfe anzeigen", "Version anzeigen", "Zeigt diese Hilfe"]
        {
            assert!(german.contains(expected), "{expected} in {german}");
        }
        let english = help(Lang::En, &["lotse", "--help"]);
        for expected in ["Usage:", "Commands:", "Options:", "Print help", "Database file", "Region data"] {
            assert!(english.contains(expected), "{expected} in {english}");
        }
        for german_word in ["Datenbank", "Sprache", "Befehl", "Aufruf", "Voreinstellung", "PFAD"] {
            assert!(!english.contains(german_word), "{german_word} in {english}");
        }
        let search = help(Lang::De, &["lotse", "search", "--help"]);
        assert!(search.contains("[Voreinstellung: 20]") && search.contains("mögliche Werte: event"), "{search}");
        assert!(search.contains("[SUCHBEGRIFF]...") && search.contains("--kind <ART>"), "{search}");
        let register = help(Lang::De, &["lotse", "register", "--help"]);
        assert!(register.contains("<SCHLÜSSEL>") && register.contains("--email <E-MAIL>"), "{register}");
        assert!(!register.contains("true, false") && !register.contains("Voreinstellung: ]"), "{register}");
        assert!(!search.contains("default") && !search.contains("possible"), "{search}");
        let search = help(Lang::En, &["lotse", "search", "--help"]);
        assert!(search.contains("[default: 20]") && search.contains("At most"), "{search}");
    }

    #[test]
    fn argument_errors_are_explained_in_the_chosen_language() {
        let error = command(Lang::De).try_get_matches_from(["lotse", "search", "x", "--kind", "kurs"]).unwrap_err();
        let text = explain(&error, Lang::De);
        assert!(text.starts_with("„kurs“ ist kein gültiger Wert für --kind"), "{text}");
        assert!(text.contains("mögliche Werte: event, project, practice, roundtable"), "{text}");
        let error = command(Lang::En).try_get_matches_from(["lotse", "serch"]).unwrap_err();
        let text = explain(&error, Lang::En);
        assert!(text.contains("unrecognized subcommand 'serch'") && text.contains("'search'"), "{text}");
        let error = command(Lang::De).try_get_matches_from(["lotse", "search", "--limt", "3"]).unwrap_err();
        let text = explain(&error, Lang::De);
        assert!(text.contains("meinten Sie „--limit“?") && text.contains("Aufruf: lotse search [OPTIONEN]"), "{text}");
    }
}
