//! The shipped sample offerings, which every new store starts with.

use serde::Deserialize;

use crate::domain::Record;

/// The shipped sample offerings, one file per kind (see assets/seed/).
const SEED_FILES: [(&str, &str); 4] = [
    ("veranstaltungen.toml", include_str!("../../assets/seed/veranstaltungen.toml")),
    ("projekte.toml", include_str!("../../assets/seed/projekte.toml")),
    ("best_practices.toml", include_str!("../../assets/seed/best_practices.toml")),
    ("roundtables.toml", include_str!("../../assets/seed/roundtables.toml")),
];

#[derive(Deserialize)]
struct SeedFile {
    offering: Vec<Record>,
}

pub fn sample_records() -> Vec<Record> {
    SEED_FILES
        .iter()
        .flat_map(|(name, text)| {
            let file: SeedFile = toml::from_str(text)
                // The seed files are parsed by the tests, so this cannot fail in a release.
                .unwrap_or_else(|error| panic!("shipped seed file {name} is invalid: {error}"));
            file.offering
        })
        .collect()
}

/// The meta row that says a store has its reference and sample data.
pub(crate) const SEEDED_MARKER: &str = "sample_data_loaded_at";
