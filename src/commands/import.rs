//! `lotse import FILE`: reads the whole file, checks every record, and
//! stores the new and changed ones in one transaction, or nothing at all.

use std::path::PathBuf;

use anyhow::{anyhow, bail};

use crate::domain::Record;
use crate::exchange::{self, Context, Format, Note};
use crate::i18n::Lang;
use crate::sanitize::for_terminal;
use crate::store::{ImportCounts, ImportMode, Store};

use super::files;
use super::progress::{Progress, Reading};

pub struct Request {
    pub file: PathBuf,
    pub format: Option<Format>,
    pub dry_run: bool,
}

/// `open_store` is called only once the file is known to be readable, so a
/// mistyped file name creates no database.
pub fn run(request: Request, lang: Lang, open_store: impl FnOnce() -> Result<Store, String>) -> anyhow::Result<()> {
    let shown = request.file.display().to_string();
    let format = request.format.or_else(|| Format::from_path(&request.file)).ok_or_else(|| match lang {
        Lang::De => anyhow!(
            "Das Format von {shown} ist an der Endung nicht zu erkennen; geben Sie --format json, csv oder ics an."
        ),
        Lang::En => anyhow!("Cannot tell the format of {shown} from its extension; pass --format json, csv or ics."),
    })?;
    let bytes = files::read_input(&request.file, lang)?;
    let mut store = open_store().map_err(|message| anyhow!(message))?;
    if !request.dry_run {
        store.require_writable().map_err(|error| anyhow!(error.explain(lang)))?;
    }
    let regions = store.regions()?;
    let file_name = request.file.file_name().map_or_else(|| shown.clone(), |name| name.to_string_lossy().into_owned());
    let context = Context { file_name: &file_name, regions: &regions, places: &store };
    let reading = Reading::start(&shown, bytes.len(), lang);
    let read = exchange::read(&bytes, format, &context);
    drop(reading);
    // The records own their text; the file need not stay in memory while they are written.
    drop(bytes);
    let batch = match read {
        Ok(batch) => batch,
        Err(problems) => {
            // Messages quote the file, which is untrusted: through the terminal gate.
            for problem in &problems {
                eprintln!("{}", for_terminal(&problem.explain(&shown, lang)));
            }
            let count = problems.len();
            bail!(match lang {
                Lang::De => format!(
                    "{count} Fehler in {shown}; nichts wurde gespeichert. Korrigieren Sie die Datei und importieren Sie sie erneut."
                ),
                Lang::En => format!(
                    "{count} {} in {shown}; nothing was saved. Fix the file and import it again.",
                    if count == 1 { "error" } else { "errors" }
                ),
            });
        }
    };
    let records: Vec<Record> = batch.records.into_iter().map(|incoming| incoming.record).collect();
    let mode = if request.dry_run { ImportMode::DryRun } else { ImportMode::Write };
    let mut progress = Progress::new(records.len(), lang);
    let counts = store.import_records(&records, mode, &mut |done| progress.set(done)).map_err(|error| {
        let cause = error.explain(lang);
        match lang {
            Lang::De => anyhow!("Der Import von {shown} wurde nicht gespeichert, auch nicht teilweise. {cause}"),
            Lang::En => anyhow!("The import of {shown} was not saved, not even in part. {cause}"),
        }
    })?;
    drop(progress);
    println!("{}", summary(&shown, counts, request.dry_run, lang));
    for line in notes(&shown, &batch.notes, lang) {
        println!("{}", for_terminal(&line));
    }
    Ok(())
}

fn summary(shown: &str, counts: ImportCounts, dry_run: bool, lang: Lang) -> String {
    let ImportCounts { new, changed, unchanged } = counts;
    match (lang, dry_run) {
        (Lang::De, false) => format!("{shown}: {new} neu, {changed} geändert, {unchanged} unverändert."),
        (Lang::De, true) => {
            format!("{shown} (Probelauf, nichts gespeichert): {new} neu, {changed} geändert, {unchanged} unverändert.")
        }
        (Lang::En, false) => format!("{shown}: {new} new, {changed} changed, {unchanged} unchanged."),
        (Lang::En, true) => {
            format!("{shown} (dry run, nothing saved): {new} new, {changed} changed, {unchanged} unchanged.")
        }
    }
}

/// Calendar entries that need a second look, each with its line.
fn notes(shown: &str, notes: &[Note], lang: Lang) -> Vec<String> {
    let quoted = |title: &str| match lang {
        Lang::De => format!("„{title}“"),
        Lang::En => format!("\"{title}\""),
    };
    let unplaced: Vec<String> = notes
        .iter()
        .filter_map(|note| match note {
            Note::NoRegion { line, title, location } => {
                let location = location.as_deref().map(|location| format!(" – {location}")).unwrap_or_default();
                Some(format!("  {shown}:{line}: {}{location}", quoted(title)))
            }
            Note::Recurring { .. } => None,
        })
        .collect();
    let recurring: Vec<String> = notes
        .iter()
        .filter_map(|note| match note {
            Note::Recurring { line, title } => Some(format!("  {shown}:{line}: {}", quoted(title))),
            Note::NoRegion { .. } => None,
        })
        .collect();
    let mut lines = Vec::new();
    if !unplaced.is_empty() {
        let count = unplaced.len();
        lines.push(match lang {
            Lang::De => format!(
                "{count} {} ohne Region, weil der Ort unbekannt ist (finden mit: lotse export offerings --region unbekannt):",
                if count == 1 { "Termin" } else { "Termine" }
            ),
            Lang::En => format!(
                "{count} {} without region, as the place is unknown (find with: lotse export offerings --region unbekannt):",
                if count == 1 { "event" } else { "events" }
            ),
        });
        lines.extend(unplaced);
    }
    if !recurring.is_empty() {
        let count = recurring.len();
        lines.push(match (lang, count) {
            (Lang::De, 1) => "1 Serientermin; übernommen ist nur sein erster Termin:".to_owned(),
            (Lang::De, _) => format!("{count} Serientermine; übernommen ist jeweils nur der erste Termin:"),
            (Lang::En, 1) => "1 repeating event; only its first date was taken:".to_owned(),
            (Lang::En, _) => format!("{count} repeating events; only the first date of each was taken:"),
        });
        lines.extend(recurring);
    }
    lines
}
