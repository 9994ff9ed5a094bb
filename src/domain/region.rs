use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where an offering belongs: a Kreis (by its 5-digit AGS), a whole Land
/// (by its ISO 3166-2 suffix such as `SN`), or one of the pseudo-regions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionRef {
    Kreis(String),
    Land(String),
    Bundesweit,
    Online,
    /// Not yet assigned: an imported calendar entry whose place lotse does
    /// not know. Only the unfiltered list shows it.
    Unknown,
}

impl RegionRef {
    pub fn code(&self) -> &str {
        match self {
            RegionRef::Kreis(ags) => ags,
            RegionRef::Land(code) => code,
            RegionRef::Bundesweit => "bundesweit",
            RegionRef::Online => "online",
            RegionRef::Unknown => "unbekannt",
        }
    }
}

impl fmt::Display for RegionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "„{0}“ ist kein Regionscode: erwartet wird ein Kreisschlüssel (5 Ziffern), ein Länderkürzel (z. B. HE), „bundesweit“, „online“ oder „unbekannt“"
)]
pub struct BadRegion(pub String);

impl FromStr for RegionRef {
    type Err = BadRegion;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        match text.to_lowercase().as_str() {
            "bundesweit" => return Ok(RegionRef::Bundesweit),
            "online" => return Ok(RegionRef::Online),
            "unbekannt" => return Ok(RegionRef::Unknown),
            _ => {}
        }
        if text.len() == 5 && text.bytes().all(|byte| byte.is_ascii_digit()) {
            Ok(RegionRef::Kreis(text.to_owned()))
        } else if text.len() == 2 && text.bytes().all(|byte| byte.is_ascii_alphabetic()) {
            Ok(RegionRef::Land(text.to_ascii_uppercase()))
        } else {
            Err(BadRegion(text.to_owned()))
        }
    }
}

impl Serialize for RegionRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for RegionRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_into_their_kind_of_region() {
        assert_eq!("06436".parse(), Ok(RegionRef::Kreis("06436".into())));
        assert_eq!("sn".parse(), Ok(RegionRef::Land("SN".into())));
        assert_eq!("Online".parse(), Ok(RegionRef::Online));
        assert_eq!("bundesweit".parse(), Ok(RegionRef::Bundesweit));
        assert_eq!("unbekannt".parse(), Ok(RegionRef::Unknown));
        assert!("6436".parse::<RegionRef>().is_err());
    }
}
