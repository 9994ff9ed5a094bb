//! `lotse export offerings`: all offerings or a selection, as JSON or CSV,
//! in the format `lotse import` reads.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, bail};

use crate::cli::ExportFormat;
use crate::domain::{Kind, Record};
use crate::exchange;
use crate::filter::RegionFilter;
use crate::i18n::Lang;
use crate::sources::model::ItemStatus;
use crate::store::Store;

use super::files;

pub struct Request {
    pub format: Option<ExportFormat>,
    pub kind: Option<Kind>,
    pub region: Option<String>,
    pub output: Option<PathBuf>,
}

pub fn offerings(store: &Store, request: Request, lang: Lang) -> anyhow::Result<()> {
    let by_extension = request
        .output
        .as_deref()
        .and_then(exchange::Format::from_path)
        .filter(|format| *format == exchange::Format::Csv)
        .map(|_| ExportFormat::Csv);
    let format = request.format.or(by_extension).unwrap_or(ExportFormat::Json);
    let regions = store.regions()?;
    let region = request.region.as_deref().map(|code| RegionFilter::parse(code, &regions)).transpose()?;
    let records: Vec<Record> = store
        .records(request.kind)?
        .into_iter()
        .filter(|record| region.as_ref().is_none_or(|region| region.admits(&record.offering, &regions, false)))
        .collect();
    let mut bytes = Vec::new();
    match (format, request.kind) {
        (ExportFormat::Json, _) => {
            let provenance = store.provenance()?;
            let source_of = |record: &Record| {
                provenance.get(&record.offering.key).map(|found| exchange::json::SourceFields {
                    source_url: found.document_url.clone(),
                    fetched_at: found.fetched_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    status: match found.status {
                        ItemStatus::Cancelled => "cancelled",
                        ItemStatus::Gone => "gone",
                        ItemStatus::Active | ItemStatus::Postponed | ItemStatus::Rescheduled => "active",
                    },
                })
            };
            exchange::json::write_with_sources(&records, &source_of, &mut bytes)?
        }
        (ExportFormat::Csv, Some(kind)) => exchange::csv::write(&records, kind, &mut bytes)?,
        (ExportFormat::Csv, None) => bail!(match lang {
            Lang::De =>
                "Eine CSV-Datei enthält eine Angebotsart: geben Sie --kind event, project, practice oder roundtable an, oder exportieren Sie alles mit --format json.",
            Lang::En =>
                "A CSV file holds one kind of offering: pass --kind event, project, practice or roundtable, or export everything with --format json.",
        }),
    }
    match &request.output {
        Some(path) => {
            files::write_output(path, &bytes, lang)?;
            let count = records.len();
            match lang {
                Lang::De => eprintln!("{count} Angebote nach {} geschrieben.", path.display()),
                Lang::En => eprintln!("Wrote {count} offerings to {}.", path.display()),
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
                // A reader that has seen enough (`| head`) is no failure.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
                written => written.map_err(|error| anyhow!(error))?,
            }
        }
    }
    Ok(())
}
