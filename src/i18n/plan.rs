//! Words of the planning views: calendar, agenda, deadlines, distances,
//! "Kommunen wie wir" and the map.

use super::Lang;

pub struct PlanStrings {
    pub deadline: &'static str,
    pub project_end: &'static str,
    pub overlaps_with: &'static str,
    pub calendar_title: &'static str,
    pub agenda_title: &'static str,
    pub map_title: &'static str,
    pub calendar_legend: &'static str,
    pub calendar_hint: &'static str,
    pub agenda_hint: &'static str,
    pub map_hint: &'static str,
    pub day_empty: &'static str,
    pub map_home: &'static str,
    pub map_no_kreis: &'static str,
    pub offerings: &'static str,
    pub offerings_label: &'static str,
    pub cmd_calendar: &'static str,
    pub cmd_agenda: &'static str,
    pub cmd_map: &'static str,
    pub cmd_sort: &'static str,
    pub col_distance: &'static str,
    pub sort_label: &'static str,
    pub sort_date: &'static str,
    pub sort_title: &'static str,
    pub sort_deadline: &'static str,
    pub sort_distance: &'static str,
    pub sort_relevance: &'static str,
    pub label_population: &'static str,
    pub label_density: &'static str,
    pub label_similar: &'static str,
    pub similar_high: &'static str,
    pub similar_medium: &'static str,
    pub like_us: &'static str,
    pub around_home: &'static str,
    pub no_home: &'static str,
    pub source_destatis: &'static str,
}

pub static PLAN_DE: PlanStrings = PlanStrings {
    deadline: "Anmeldeschluss",
    project_end: "Projektende",
    overlaps_with: "überschneidet sich mit",
    calendar_title: "Kalender",
    agenda_title: "Termine",
    map_title: "Karte",
    calendar_legend: "● Termin · ◆ Anmeldeschluss · ✓ angemeldet · [ ] heute",
    calendar_hint: "←/→ Tag · ↑/↓ Woche · PgUp/PgDn Monat · Enter Angebote · Esc zurück",
    agenda_hint: "↑/↓ wählen · Enter Details · Esc zurück",
    map_hint: "Pfeile: nächster Kreis · Enter als Regionsfilter · Esc zurück",
    day_empty: "An diesem Tag ist nichts geplant.",
    map_home: "Heimatort",
    map_no_kreis: "Mit den Pfeiltasten einen Kreis wählen.",
    offerings: "Angebote",
    offerings_label: "Angebote",
    cmd_calendar: "Monatskalender",
    cmd_agenda: "Termine der nächsten 30 Tage",
    cmd_map: "Karte der Angebote",
    cmd_sort: "Sortierung wechseln",
    col_distance: "Entf.",
    sort_label: "Sortierung",
    sort_date: "Datum",
    sort_title: "Titel",
    sort_deadline: "Anmeldeschluss",
    sort_distance: "Entfernung",
    sort_relevance: "Relevanz",
    label_population: "Einwohner",
    label_density: "Einwohner je km²",
    label_similar: "ähnlich",
    similar_high: "hoch",
    similar_medium: "mittel",
    like_us: "aus Kommunen wie meiner",
    around_home: "Umkreis",
    no_home: "Kein Heimatort festgelegt: lotse profile set --heimatort PLZ oder heimatort = \"…\" in config.toml.",
    source_destatis: "Kreiszahlen: © Statistisches Bundesamt (Destatis) 2018, CC BY 4.0",
};

pub static PLAN_EN: PlanStrings = PlanStrings {
    deadline: "Registration closes",
    project_end: "Project ends",
    overlaps_with: "overlaps with",
    calendar_title: "Calendar",
    agenda_title: "Agenda",
    map_title: "Map",
    calendar_legend: "● date · ◆ registration closes · ✓ registered · [ ] today",
    calendar_hint: "←/→ day · ↑/↓ week · PgUp/PgDn month · Enter offerings · Esc back",
    agenda_hint: "↑/↓ select · Enter details · Esc back",
    map_hint: "arrows: nearest Kreis · Enter as region filter · Esc back",
    day_empty: "Nothing planned on this day.",
    map_home: "home",
    map_no_kreis: "Choose a Kreis with the arrow keys.",
    offerings: "offerings",
    offerings_label: "Offerings",
    cmd_calendar: "month calendar",
    cmd_agenda: "agenda of the next 30 days",
    cmd_map: "map of the offerings",
    cmd_sort: "change the sort order",
    col_distance: "Dist.",
    sort_label: "Sort",
    sort_date: "date",
    sort_title: "title",
    sort_deadline: "registration deadline",
    sort_distance: "distance",
    sort_relevance: "relevance",
    label_population: "Population",
    label_density: "Inhabitants per km²",
    label_similar: "similar",
    similar_high: "high",
    similar_medium: "medium",
    like_us: "from municipalities like mine",
    around_home: "radius",
    no_home: "No home place set: lotse profile set --heimatort POSTCODE, or heimatort = \"…\" in config.toml.",
    source_destatis: "Kreis figures: © Statistisches Bundesamt (Destatis) 2018, CC BY 4.0",
};

/// "Anmeldeschluss heute", "… morgen", "… in 3 Tagen".
pub fn deadline_in(days: i64, lang: Lang) -> String {
    match (lang, days) {
        (Lang::De, 0) => "Anmeldeschluss heute".to_owned(),
        (Lang::De, 1) => "Anmeldeschluss morgen".to_owned(),
        (Lang::De, days) => format!("Anmeldeschluss in {days} Tagen"),
        (Lang::En, 0) => "Registration closes today".to_owned(),
        (Lang::En, 1) => "Registration closes tomorrow".to_owned(),
        (Lang::En, days) => format!("Registration closes in {days} days"),
    }
}

/// Why a home place or `--near` could not be placed, and what to type instead.
pub fn unresolved(error: &crate::geo::Unresolved, lang: Lang) -> String {
    use crate::geo::Unresolved;
    match (error, lang) {
        (Unresolved::Empty, Lang::De) => "Kein Ort angegeben: bitte eine Postleitzahl oder einen Ortsnamen.".to_owned(),
        (Unresolved::Empty, Lang::En) => "No place given: please type a postcode or a place name.".to_owned(),
        (Unresolved::Unknown(text), Lang::De) => format!(
            "„{text}“ ist kein bekannter Ort. Geben Sie eine fünfstellige Postleitzahl oder den Ortsnamen an (z. B. 65795 oder Hattersheim)."
        ),
        (Unresolved::Unknown(text), Lang::En) => format!(
            "„{text}“ is not a known place. Give a five-digit postcode or the place name (e.g. 65795 or Hattersheim)."
        ),
        (Unresolved::Ambiguous { text, candidates }, Lang::De) => {
            format!("„{text}“ gibt es mehrmals: {}. Geben Sie die Postleitzahl an.", candidates.join(", "))
        }
        (Unresolved::Ambiguous { text, candidates }, Lang::En) => {
            format!("There is more than one „{text}“: {}. Give the postcode instead.", candidates.join(", "))
        }
    }
}

/// "Keine Termine in den nächsten 30 Tagen."
pub fn nothing_ahead(days: u32, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Keine Termine in den nächsten {days} Tagen."),
        Lang::En => format!("Nothing in the next {days} days."),
    }
}

/// "38 km"; under a kilometre still says "0 km", not "0.4".
pub fn kilometres(km: f64) -> String {
    format!("{} km", km.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_read_naturally() {
        assert_eq!(deadline_in(3, Lang::De), "Anmeldeschluss in 3 Tagen");
        assert_eq!(deadline_in(1, Lang::De), "Anmeldeschluss morgen");
        assert_eq!(deadline_in(0, Lang::En), "Registration closes today");
        assert_eq!(kilometres(37.6), "38 km");
    }
}
