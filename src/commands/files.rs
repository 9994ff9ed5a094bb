//! Reading an input file and writing an output file, with messages that
//! name the file and say what to do.

use std::fs;
use std::io::{self, ErrorKind};
use std::path::Path;

use anyhow::anyhow;

use crate::i18n::Lang;

/// Files larger than this are refused before they are read into memory.
const MAX_INPUT_BYTES: u64 = 512 << 20;

pub fn read_input(path: &Path, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let shown = path.display();
    let failed = |error: io::Error| match lang {
        Lang::De => anyhow!("{shown} kann nicht gelesen werden: {}.", reason(&error, lang)),
        Lang::En => anyhow!("Cannot read {shown}: {}.", reason(&error, lang)),
    };
    let metadata = fs::metadata(path).map_err(failed)?;
    if metadata.is_dir() {
        return Err(match lang {
            Lang::De => anyhow!("{shown} ist ein Verzeichnis; geben Sie eine Datei an."),
            Lang::En => anyhow!("{shown} is a directory; name a file."),
        });
    }
    if metadata.len() > MAX_INPUT_BYTES {
        let (size, max) = (metadata.len() >> 20, MAX_INPUT_BYTES >> 20);
        return Err(match lang {
            Lang::De => anyhow!("{shown} ist zu groß ({size} MiB, höchstens {max} MiB); teilen Sie die Datei auf."),
            Lang::En => anyhow!("{shown} is too large ({size} MiB, at most {max} MiB); split the file."),
        });
    }
    fs::read(path).map_err(failed)
}

/// Writes the whole output next to its place first and then moves it
/// there, so a failure never leaves half a file behind.
pub fn write_output(path: &Path, bytes: &[u8], lang: Lang) -> anyhow::Result<()> {
    let shown = path.display();
    let failed = |error: io::Error| match lang {
        Lang::De => anyhow!("{shown} kann nicht geschrieben werden: {}.", reason(&error, lang)),
        Lang::En => anyhow!("Cannot write {shown}: {}.", reason(&error, lang)),
    };
    if path.is_dir() {
        return Err(failed(io::Error::from(ErrorKind::IsADirectory)));
    }
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = path.with_file_name(format!(".{name}.lotse-teil"));
    let written = fs::write(&partial, bytes).and_then(|()| fs::rename(&partial, path));
    if written.is_err() {
        let _ = fs::remove_file(&partial);
    }
    written.map_err(failed)
}

fn reason(error: &io::Error, lang: Lang) -> String {
    match (error.kind(), lang) {
        (ErrorKind::NotFound, Lang::De) => "Datei oder Verzeichnis nicht gefunden".to_owned(),
        (ErrorKind::NotFound, Lang::En) => "no such file or directory".to_owned(),
        (ErrorKind::PermissionDenied, Lang::De) => "keine Berechtigung; prüfen Sie die Rechte".to_owned(),
        (ErrorKind::PermissionDenied, Lang::En) => "permission denied; check the permissions".to_owned(),
        (ErrorKind::ReadOnlyFilesystem, Lang::De) => "das Dateisystem ist schreibgeschützt".to_owned(),
        (ErrorKind::ReadOnlyFilesystem, Lang::En) => "the file system is read-only".to_owned(),
        (ErrorKind::IsADirectory, Lang::De) => "das ist ein Verzeichnis".to_owned(),
        (ErrorKind::IsADirectory, Lang::En) => "that is a directory".to_owned(),
        (ErrorKind::StorageFull, Lang::De) => "der Datenträger ist voll".to_owned(),
        (ErrorKind::StorageFull, Lang::En) => "the disk is full".to_owned(),
        _ => error.to_string(),
    }
}
