use std::io::Write;

use serde::Serialize;

use crate::cli::OutputFormat;
use crate::i18n::Lang;
use crate::store::Store;

#[derive(Serialize)]
struct RegionCode<'a> {
    code: &'a str,
    name: String,
    kind: &'a str,
}

/// Every code `--region` accepts, Länder first, each followed by its Kreise.
pub fn run(store: &Store, format: OutputFormat, lang: Lang) -> anyhow::Result<()> {
    let regions = store.regions()?;
    let strings = lang.strings();
    let mut codes = vec![
        RegionCode { code: "bundesweit", name: strings.nationwide.to_owned(), kind: "pseudo" },
        RegionCode { code: "online", name: strings.online.to_owned(), kind: "pseudo" },
    ];
    for land in &regions.laender {
        codes.push(RegionCode { code: &land.code, name: land.name.clone(), kind: "land" });
        for kreis in regions.kreise.iter().filter(|kreis| kreis.land_code == land.code) {
            codes.push(RegionCode {
                code: &kreis.ags,
                name: format!("{} ({})", kreis.name, lang.kreis_kind(&kreis.kind)),
                kind: "kreis",
            });
        }
    }
    let mut out = std::io::stdout().lock();
    match format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&codes)?)?,
        OutputFormat::Text => {
            for code in codes {
                let indent = if code.kind == "kreis" { "  " } else { "" };
                writeln!(out, "{indent}{:<10} {}", code.code, code.name)?;
            }
        }
    }
    Ok(())
}
