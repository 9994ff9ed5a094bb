//! The region files compiled into the binary (see assets/regions/README
//! via derive.py): read by the store when it creates a database and by
//! the gazetteer for coordinates and figures.

pub const LAENDER_CSV: &str = include_str!("../assets/regions/laender.csv");
pub const KREISE_CSV: &str = include_str!("../assets/regions/kreise.csv");
pub const ORTE_CSV: &str = include_str!("../assets/regions/orte.csv");

/// A row of kreise.csv.
#[derive(serde::Deserialize)]
pub struct KreisRow {
    pub ags: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub area_km2: f64,
    pub population: u64,
}

/// A row of orte.csv: a postal place with its Kreis and coordinates.
#[derive(serde::Deserialize)]
pub struct OrtRow {
    pub plz: String,
    pub name: String,
    pub ags: String,
    pub lat: f64,
    pub lon: f64,
}

/// The rows of a shipped file. The files are checked by the store's and
/// the gazetteer's tests, so a bad row is a build defect.
pub fn rows<T: serde::de::DeserializeOwned + 'static>(csv_text: &'static str) -> impl Iterator<Item = T> {
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv_text.as_bytes())
        .into_deserialize()
        .map(|row| row.expect("shipped region data is well-formed"))
}
