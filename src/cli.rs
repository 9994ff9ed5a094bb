use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::app::Theme;
use crate::domain::Kind;
use crate::i18n::Lang;

const EXIT_CODES: &str = "Rückgabewerte: 0 erledigt, 3 auf der Warteliste, 4 abgelehnt (Anmeldeschluss, schon begonnen, \
                          bereits angemeldet, ausgebucht mit --no-waitlist, keine Anmeldung), 1 Fehler, 2 falscher Aufruf.";

#[derive(Debug, Parser)]
#[command(
    name = "lotse",
    version,
    about = "Terminal-Dashboard für Wirtschaftsförderung, Stadtmarketing und Citymanagement",
    long_about = "Terminal-Dashboard für Wirtschaftsförderung, Stadtmarketing und Citymanagement.\n\nlotse zeigt Veranstaltungen, geförderte Projekte, Best Practices und \
                  Leerstands-Roundtables aus einer lokalen Datenbank. Ohne Unterbefehl startet das Dashboard.",
    after_help = "Regionaldaten: © Statistisches Bundesamt (Destatis) 2018, CC BY 4.0; \
                  Orte und Koordinaten: GeoNames (www.geonames.org), CC BY 4.0."
)]
pub struct Cli {
    /// Datenbankdatei oder PostgreSQL-URL (Voreinstellung: Datei im Datenverzeichnis des Benutzers)
    #[arg(long, global = true, env = "LOTSE_DB", value_name = "PFAD|URL")]
    pub db: Option<PathBuf>,

    /// Sprache der Oberfläche: de oder en
    #[arg(long, global = true, value_enum, value_name = "SPRACHE")]
    pub lang: Option<Lang>,

    /// Farbschema: dark, light oder plain (ohne Farben; auch mit NO_COLOR)
    #[arg(long, global = true, value_enum, value_name = "SCHEMA")]
    pub theme: Option<ThemeArg>,

    /// Einstellungsdatei (Voreinstellung: config.toml im Konfigurationsverzeichnis)
    #[arg(long, global = true, env = "LOTSE_CONFIG", value_name = "PFAD")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ThemeArg {
    Dark,
    Light,
    Plain,
}

impl From<ThemeArg> for Theme {
    fn from(theme: ThemeArg) -> Theme {
        match theme {
            ThemeArg::Dark => Theme::Dark,
            ThemeArg::Light => Theme::Light,
            ThemeArg::Plain => Theme::Plain,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Datenbank verwalten
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Sucht Angebote wie das Dashboard (unscharf, ä = ae, ß = ss)
    Search {
        /// Suchbegriffe; #thema schränkt auf ein Thema ein. Ohne sie mit --near, --region oder --kind: alle Angebote dort
        #[arg(required_unless_present_any = ["near", "km", "region", "kind"], num_args = 1..)]
        query: Vec<String>,
        /// Nur eine Art von Angebot
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Region: Länderkürzel (HE), Kreisschlüssel (06436), Name (hessen, Main-Taunus), online oder bundesweit
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// Nur Angebote im Umkreis eines Orts: Postleitzahl oder Ortsname (ohne Angabe bei --km: der Heimatort)
        #[arg(long, value_name = "PLZ|ORT")]
        near: Option<String>,
        /// Umkreis in Kilometern um --near oder den Heimatort
        #[arg(long, value_name = "KM")]
        km: Option<u32>,
        /// Höchstens so viele Treffer
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Termine der kommenden Tage nach Kalenderwoche: Veranstaltungen, Roundtables, Anmeldeschlüsse, Projektenden
    #[command(name = "termine", visible_alias = "agenda")]
    Agenda {
        /// So viele Tage ab heute
        #[arg(long = "tage", value_name = "N", default_value_t = 30)]
        days: u32,
        /// Nur eigene Anmeldungen und vermerkte Interessen
        #[arg(long = "nur-meine")]
        only_mine: bool,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Anmeldeschlüsse der kommenden Tage
    #[command(name = "fristen", visible_alias = "deadlines")]
    Deadlines {
        /// So viele Tage ab heute
        #[arg(long = "tage", value_name = "N", default_value_t = 7)]
        days: u32,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Listet die Regionscodes (Länder, Kreise, online, bundesweit)
    Regions {
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Meldet an (Veranstaltung oder Roundtable); ist es ausgebucht, auf die Warteliste
    #[command(after_help = EXIT_CODES)]
    Register {
        /// Schlüssel des Angebots (siehe `lotse search … --format json`)
        key: String,
        #[command(flatten)]
        applicant: ApplicantArgs,
        /// Anmerkung, z. B. Essenswünsche oder Fragen an die Referent*innen
        #[arg(long, default_value = "")]
        note: String,
        /// Nicht auf die Warteliste, wenn ausgebucht (dann Abbruch mit Code 4)
        #[arg(long)]
        no_waitlist: bool,
    },
    /// Storniert eine Anmeldung; der erste Platz der Warteliste rückt nach
    #[command(after_help = EXIT_CODES)]
    Cancel {
        key: String,
        /// Wessen Anmeldung (Voreinstellung: E-Mail-Adresse aus dem Profil)
        #[arg(long)]
        email: Option<String>,
    },
    /// Vermerkt Interesse an einem Angebot oder entfernt es wieder
    Interest { key: String },
    /// Listet Anmeldungen (Voreinstellung: die des Profils)
    Registrations {
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Alle Anmeldungen dieser Datenbank, nicht nur die eigenen
        #[arg(long)]
        all: bool,
    },
    /// Teilnehmerliste eines Angebots mit Status und Zahl der Interessierten
    /// (für das Organisationsteam und die Administration)
    #[command(name = "teilnehmer", visible_alias = "participants")]
    Participants {
        key: String,
        #[arg(long, value_enum, default_value_t = ParticipantsFormat::Text)]
        format: ParticipantsFormat,
    },
    /// Eigenes Profil: anzeigen, ändern, löschen
    Profile {
        #[command(subcommand)]
        command: ProfileCommand,
    },
    /// Liest Angebote aus einer JSON-, CSV- oder iCalendar-Datei ein: alles oder nichts
    #[command(
        long_about = "Liest Angebote aus einer JSON-, CSV- oder iCalendar-Datei ein.\n\nJede Zeile wird zuerst geprüft; \
                      nur wenn die ganze Datei fehlerfrei ist, werden neue und geänderte Angebote in einem Schritt \
                      gespeichert (gleiche Kennung = dasselbe Angebot). Ein Import löscht nie etwas. Das Format steht \
                      in docs/austauschformat.md."
    )]
    Import {
        /// Datei: .json oder .jsonl, .csv, .ics
        #[arg(value_name = "DATEI")]
        file: PathBuf,
        /// Format, wenn die Endung es nicht verrät
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// Nur prüfen und zählen, was neu oder geändert wäre; nichts speichern
        #[arg(long)]
        dry_run: bool,
    },
    /// Schreibt Angebote (JSON, CSV; das Format des Imports) oder eigene Anmeldungen (ics, csv)
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Fügt synthetische Demo-Angebote hinzu (oder entfernt sie mit --remove)
    DemoData {
        /// Wie viele Angebote
        #[arg(long, default_value_t = 1000, conflicts_with = "remove")]
        count: usize,
        /// Startwert des Zufallsgenerators: gleicher Wert, gleiche Daten
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Entfernt alle Demo-Angebote wieder
        #[arg(long)]
        remove: bool,
    },
    /// Quellen: abonnierte Kalender, Feeds und Veranstaltungsseiten (ohne Unterbefehl: auflisten)
    Quellen {
        #[command(subcommand)]
        command: Option<SourceCommand>,
        /// Ausgabe der Liste: text oder json
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Holt alle Quellen oder die genannten und gleicht ihre Angebote ab (Rückgabewert 3, wenn eine scheitert)
    Sync {
        /// Namen der Quellen (Voreinstellung: alle)
        names: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Prüft die Adresse sofort (abrufen und lesen) und legt die Quelle an; scheitert das, wird nichts gespeichert
    Add {
        /// http(s)- oder webcal-Adresse eines Kalenders, Feeds oder einer Veranstaltungsseite
        url: String,
        /// Name der Quelle (Voreinstellung: der Servername)
        #[arg(long)]
        name: Option<String>,
        /// Art der Feed-Einträge; nötig für RSS/Atom (Kalender und Seiten liefern Veranstaltungen)
        #[arg(long, value_enum)]
        art: Option<KindArg>,
        /// Region für Einträge ohne Ort: Kreisschlüssel, Länderkürzel, online, bundesweit oder ein Kreisname
        #[arg(long, value_name = "CODE|NAME")]
        region: Option<String>,
    },
    /// Entfernt eine Quelle; ihre Angebote bleiben, außer mit --mit-angeboten (angemeldete bleiben immer)
    Remove {
        /// Name der Quelle
        name: String,
        /// Auch die Angebote der Quelle löschen
        #[arg(long = "mit-angeboten")]
        with_offerings: bool,
    },
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct ApplicantArgs {
    /// Name (Voreinstellung: aus dem Profil)
    #[arg(long)]
    pub name: Option<String>,
    /// E-Mail-Adresse (Voreinstellung: aus dem Profil)
    #[arg(long)]
    pub email: Option<String>,
    /// Organisation, z. B. „Wirtschaftsförderung Hattersheim“ (Voreinstellung: aus dem Profil)
    #[arg(long)]
    pub org: Option<String>,
    /// Telefon (optional; Voreinstellung: aus dem Profil)
    #[arg(long)]
    pub phone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Zeigt das gespeicherte Profil
    Show,
    /// Legt das Profil an oder ändert die angegebenen Felder
    Set {
        #[command(flatten)]
        values: ApplicantArgs,
        /// Heimatort für Entfernungen und „Kommunen wie wir“: Postleitzahl oder Ortsname ("" löscht ihn)
        #[arg(long = "heimatort", value_name = "PLZ|ORT")]
        home_place: Option<String>,
    },
    /// Löscht Profil, Heimatort, eigene Anmeldungen und vermerkte Interessen (DSGVO)
    Forget {
        /// Ohne Rückfrage löschen (für Skripte)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RegistrationFormat {
    Ics,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Event,
    Project,
    Practice,
    Roundtable,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Kind {
        match kind {
            KindArg::Event => Kind::Event,
            KindArg::Project => Kind::Project,
            KindArg::Practice => Kind::Practice,
            KindArg::Roundtable => Kind::Roundtable,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ParticipantsFormat {
    Text,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    Json,
    Csv,
    Ics,
}

impl From<ImportFormat> for crate::exchange::Format {
    fn from(format: ImportFormat) -> crate::exchange::Format {
        match format {
            ImportFormat::Json => crate::exchange::Format::Json,
            ImportFormat::Csv => crate::exchange::Format::Csv,
            ImportFormat::Ics => crate::exchange::Format::Ics,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Alle Angebote oder eine Auswahl
    Offerings {
        /// json oder csv; ohne Angabe nach der Endung von -o, sonst json
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Nur eine Art von Angebot (für CSV nötig: eine Art je Datei)
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Nur eine Region: Länderkürzel (HE), Kreisschlüssel (06436), Name (hessen, Main-Taunus), online, bundesweit oder unbekannt
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// In diese Datei statt auf die Standardausgabe
        #[arg(short = 'o', long = "output", value_name = "DATEI")]
        output: Option<PathBuf>,
    },
    /// Eigene Anmeldungen als Kalender (ics) oder Tabelle für den Dienstreiseantrag (csv)
    Registrations {
        #[arg(long, value_enum, default_value_t = RegistrationFormat::Ics)]
        format: RegistrationFormat,
        /// Zieldatei (Voreinstellung: Standardausgabe)
        #[arg(short, long, value_name = "DATEI")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Zeigt den Pfad der verwendeten Datenbank (bei einem Server die URL, ohne Passwort)
    Path,
    /// Bringt das Schema der Datenbank auf den Stand dieser Version
    Migrate,
    /// Kopiert Angebote, Anmeldungen, Interessen und Profil in eine andere Datenbank
    Copy {
        /// Ziel: Dateipfad oder postgresql://-URL
        #[arg(long, value_name = "ZIEL")]
        to: PathBuf,
    },
}
