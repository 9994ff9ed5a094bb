//! Synthetic demo offerings for trying lotse with a realistic amount of
//! data (`lotse demo-data`). Pure and deterministic: the same count, seed
//! and Kreise always give the same records, so a second run upserts the
//! same keys instead of adding duplicates.
//!
//! Randomness comes from ChaCha8 seeded with `seed_from_u64`, whose output
//! is fixed across versions; ranges are drawn from its raw numbers here
//! rather than through `rand`'s distributions, which may change.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, Weekday};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::{
    Details, Event, Moment, Offering, Person, Practice, Price, Project, Record, RegionRef, Roundtable, Source,
    YearMonth,
};
use crate::i18n::Lang;
use crate::plan::weeks::{month_name, weekday_name};
use crate::store::Kreis;

/// The publisher every demo record carries, so that `--remove` finds them all.
pub const DEMO_PUBLISHER: &str = "lotse demo-data";

/// Summaries stay within this many characters (not bytes).
const SUMMARY_MIN: usize = 300;
const SUMMARY_MAX: usize = 1000;

/// `count` demo records for `seed`, placed in the given Kreise.
pub fn generate(count: usize, seed: u64, kreise: &[Kreis]) -> Vec<Record> {
    records(seed, kreise).take(count).collect()
}

/// The endless stream of demo records for `seed`; `generate` takes its
/// first `count`. Lets a caller insert in chunks without holding them all.
pub fn records(seed: u64, kreise: &[Kreis]) -> DemoRecords {
    DemoRecords {
        dice: Dice(ChaCha8Rng::seed_from_u64(seed)),
        sites: kreise.iter().map(Site::of).collect(),
        seed,
        source_title: format!("Synthetische Demo-Daten (lotse demo-data, Seed {seed})"),
        next: 0,
        series_themes: series_themes(),
    }
}

/// Demo records in order: record `i` has the key `demo-{seed}-{i}`.
pub struct DemoRecords {
    dice: Dice,
    sites: Vec<Site>,
    seed: u64,
    source_title: String,
    next: usize,
    series_themes: Vec<Vec<usize>>,
}

impl Iterator for DemoRecords {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let index = self.next;
        self.next += 1;
        Some(self.record(index))
    }
}

// ---------------------------------------------------------------------------
// Randomness

struct Dice(ChaCha8Rng);

impl Dice {
    /// A number in `0..n` (n > 0), by multiply-and-shift: fast and stable.
    fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0 && n <= u32::MAX as usize);
        ((u64::from(self.0.next_u32()) * n as u64) >> 32) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u32, high: u32) -> u32 {
        low + self.below((high - low + 1) as usize) as u32
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Up to `n` different items, in random order.
    fn distinct<T: Copy + PartialEq>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let n = n.min(items.len());
        let mut chosen: Vec<T> = Vec::with_capacity(n);
        while chosen.len() < n {
            let item = *self.pick(items);
            if !chosen.contains(&item) {
                chosen.push(item);
            }
        }
        chosen
    }
}

// ---------------------------------------------------------------------------
// Places

/// A Kreis as the generator uses it: its code, a town to name, the Kreis
/// as a body ("Landkreis Northeim") and its Land.
struct Site {
    ags: String,
    town: String,
    area: String,
    area_is_feminine: bool,
    land: usize,
    /// "Einbecker" for "Einbecker Modell", where the town's name allows it.
    adjective: Option<String>,
}

impl Site {
    fn of(kreis: &Kreis) -> Site {
        let base = expand_abbreviations(kreis.name.split(',').next().unwrap_or(&kreis.name).trim());
        let base = base.as_str();
        let town = seat(&kreis.ags).map(str::to_owned).unwrap_or_else(|| {
            ["Region ", "Städteregion ", "Regionalverband ", "Landkreis "]
                .iter()
                .find_map(|prefix| base.strip_prefix(prefix))
                .unwrap_or(base)
                .to_owned()
        });
        let names_a_kreis = base.contains("kreis")
            || base.contains("Kreis")
            || base.starts_with("Region")
            || base.starts_with("Städteregion");
        let area = match kreis.kind.as_str() {
            "Kreisfreie Stadt" | "Stadtkreis" => format!("Stadt {town}"),
            "Landkreis" if !names_a_kreis => format!("Landkreis {base}"),
            "Kreis" if !names_a_kreis => format!("Kreis {base}"),
            _ => base.to_owned(),
        };
        let area_is_feminine = area.starts_with("Stadt ") || area.starts_with("Region") || area.starts_with("Städte");
        let land = LAENDER.iter().position(|(code, _)| *code == kreis.land_code).unwrap_or(LAENDER.len());
        let adjective = town_adjective(&town);
        Site { ags: kreis.ags.clone(), town, area, area_is_feminine, land, adjective }
    }

    fn land_name(&self) -> &'static str {
        LAENDER.get(self.land).map_or("Deutschland", |(_, name)| name)
    }
}

/// "Mühldorf a.Inn" → "Mühldorf am Inn", as the official short names abbreviate.
fn expand_abbreviations(name: &str) -> String {
    name.replace("i.d.OPf.", "in der Oberpfalz")
        .replace(" a.d.", " an der ")
        .replace(" a.", " am ")
        .replace(" i.", " im ")
}

/// "Einbeck" → "Einbecker", "Heide" → "Heider"; none for names that do
/// not take the simple ending well ("Dresden", "Bad Tölz").
fn town_adjective(town: &str) -> Option<String> {
    if town.contains([' ', '(', '-', '.']) || town.ends_with("en") || town.ends_with("er") || town.ends_with('a') {
        return None;
    }
    if town.ends_with('e') { Some(format!("{town}r")) } else { Some(format!("{town}er")) }
}

/// The seat of Kreise whose name is not a town's (or is abbreviated).
fn seat(ags: &str) -> Option<&'static str> {
    Some(match ags {
        "01051" => "Heide",
        "01053" => "Ratzeburg",
        "01054" => "Husum",
        "01055" => "Eutin",
        "01058" => "Rendsburg",
        "01059" => "Schleswig",
        "01060" => "Bad Segeberg",
        "01061" => "Itzehoe",
        "01062" => "Bad Oldesloe",
        "03241" => "Hannover",
        "03252" => "Hameln",
        "03257" => "Stadthagen",
        "03353" => "Winsen (Luhe)",
        "03354" => "Lüchow",
        "03356" => "Osterholz-Scharmbeck",
        "03358" => "Bad Fallingbostel",
        "03403" => "Oldenburg",
        "03451" => "Westerstede",
        "03454" => "Meppen",
        "03455" => "Jever",
        "03456" => "Nordhorn",
        "03458" => "Wildeshausen",
        "03461" => "Brake",
        "05162" => "Neuss",
        "05334" => "Aachen",
        "05362" => "Bergheim",
        "05374" => "Gummersbach",
        "05378" => "Bergisch Gladbach",
        "05382" => "Siegburg",
        "05766" => "Detmold",
        "05770" => "Minden",
        "05954" => "Schwelm",
        "05958" => "Meschede",
        "05962" => "Lüdenscheid",
        "05970" => "Siegen",
        "06431" => "Heppenheim",
        "06432" => "Darmstadt",
        "06434" => "Bad Homburg vor der Höhe",
        "06435" => "Gelnhausen",
        "06436" => "Hofheim am Taunus",
        "06437" => "Erbach",
        "06438" => "Dietzenbach",
        "06439" => "Bad Schwalbach",
        "06440" => "Friedberg",
        "06532" => "Wetzlar",
        "06533" => "Limburg an der Lahn",
        "06534" => "Marburg",
        "06535" => "Lauterbach",
        "06632" => "Bad Hersfeld",
        "06634" => "Homberg (Efze)",
        "06635" => "Korbach",
        "06636" => "Eschwege",
        "07131" => "Bad Neuenahr-Ahrweiler",
        "07135" => "Cochem",
        "07137" => "Koblenz",
        "07140" => "Simmern",
        "07141" => "Bad Ems",
        "07143" => "Montabaur",
        "07231" => "Wittlich",
        "07232" => "Bitburg",
        "07233" => "Daun",
        "07235" => "Trier",
        "07331" => "Alzey",
        "07333" => "Kirchheimbolanden",
        "07337" => "Landau in der Pfalz",
        "07338" => "Ludwigshafen am Rhein",
        "07339" => "Ingelheim am Rhein",
        "07340" => "Pirmasens",
        "08119" => "Waiblingen",
        "08126" => "Künzelsau",
        "08128" => "Tauberbischofsheim",
        "08136" => "Aalen",
        "08225" => "Mosbach",
        "08226" => "Heidelberg",
        "08236" => "Pforzheim",
        "08315" => "Freiburg im Breisgau",
        "08317" => "Offenburg",
        "08326" => "Villingen-Schwenningen",
        "08337" => "Waldshut-Tiengen",
        "08417" => "Balingen",
        "08425" => "Ulm",
        "08426" => "Biberach an der Riß",
        "08435" => "Friedrichshafen",
        "09172" => "Bad Reichenhall",
        "09173" => "Bad Tölz",
        "09183" => "Mühldorf am Inn",
        "09185" => "Neuburg an der Donau",
        "09186" => "Pfaffenhofen an der Ilm",
        "09190" => "Weilheim in Oberbayern",
        "09272" => "Freyung",
        "09277" => "Pfarrkirchen",
        "09278" => "Straubing",
        "09279" => "Dingolfing",
        "09363" => "Weiden in der Oberpfalz",
        "09371" => "Amberg",
        "09373" => "Neumarkt in der Oberpfalz",
        "09374" => "Neustadt an der Waldnaab",
        "09479" => "Wunsiedel",
        "09572" => "Erlangen",
        "09574" => "Lauf an der Pegnitz",
        "09575" => "Neustadt an der Aisch",
        "09577" => "Weißenburg in Bayern",
        "09673" => "Bad Neustadt an der Saale",
        "09674" => "Haßfurt",
        "09677" => "Karlstadt",
        "09771" => "Aichach",
        "09773" => "Dillingen an der Donau",
        "09777" => "Marktoberdorf",
        "09778" => "Mindelheim",
        "09779" => "Donauwörth",
        "09780" => "Sonthofen",
        "10042" => "Merzig",
        "10045" => "Homburg",
        "12060" => "Eberswalde",
        "12061" => "Lübben (Spreewald)",
        "12062" => "Herzberg (Elster)",
        "12063" => "Rathenow",
        "12064" => "Seelow",
        "12065" => "Oranienburg",
        "12066" => "Senftenberg",
        "12067" => "Beeskow",
        "12068" => "Neuruppin",
        "12069" => "Bad Belzig",
        "12070" => "Perleberg",
        "12071" => "Forst (Lausitz)",
        "12072" => "Luckenwalde",
        "12073" => "Prenzlau",
        "13071" => "Neubrandenburg",
        "13072" => "Güstrow",
        "13073" => "Stralsund",
        "13074" => "Wismar",
        "13075" => "Greifswald",
        "13076" => "Parchim",
        "14521" => "Annaberg-Buchholz",
        "14522" => "Freiberg",
        "14523" => "Plauen",
        "14628" => "Pirna",
        "14729" => "Borna",
        "14730" => "Torgau",
        "15081" => "Salzwedel",
        "15082" => "Köthen (Anhalt)",
        "15083" => "Haldensleben",
        "15084" => "Naumburg (Saale)",
        "15085" => "Halberstadt",
        "15086" => "Burg",
        "15087" => "Sangerhausen",
        "15088" => "Merseburg",
        "15089" => "Bernburg (Saale)",
        "15091" => "Lutherstadt Wittenberg",
        "16061" => "Heilbad Heiligenstadt",
        "16063" => "Bad Salzungen",
        "16064" => "Mühlhausen",
        "16065" => "Sondershausen",
        "16066" => "Meiningen",
        "16070" => "Arnstadt",
        "16071" => "Apolda",
        "16073" => "Saalfeld",
        "16074" => "Eisenberg",
        "16075" => "Schleiz",
        "16077" => "Altenburg",
        _ => return None,
    })
}

const LAENDER: [(&str, &str); 16] = [
    ("SH", "Schleswig-Holstein"),
    ("HH", "Hamburg"),
    ("NI", "Niedersachsen"),
    ("HB", "Bremen"),
    ("NW", "Nordrhein-Westfalen"),
    ("HE", "Hessen"),
    ("RP", "Rheinland-Pfalz"),
    ("BW", "Baden-Württemberg"),
    ("BY", "Bayern"),
    ("SL", "Saarland"),
    ("BE", "Berlin"),
    ("BB", "Brandenburg"),
    ("MV", "Mecklenburg-Vorpommern"),
    ("SN", "Sachsen"),
    ("ST", "Sachsen-Anhalt"),
    ("TH", "Thüringen"),
];

// ---------------------------------------------------------------------------
// Vocabulary

/// A subject of the field, with the phrases the sentence templates need.
/// `measures` read correctly both as subject and as object (no masculine
/// singular with an article).
struct Theme {
    name: &'static str,
    tag: &'static str,
    /// Accusative phrase: "geht es um …".
    about: &'static str,
    /// A main clause describing the problem.
    problem: &'static str,
    /// A zu-infinitive clause: "das Ziel, …".
    aim: &'static str,
    measures: &'static [&'static str],
    audience: &'static str,
    projects: &'static [&'static str],
    related: &'static [&'static str],
}

const THEMES: &[Theme] = &[
    Theme {
        name: "Leerstandsmanagement",
        tag: "Leerstand",
        about: "den Umgang mit leer stehenden Ladenlokalen und Gewerbeimmobilien",
        problem: "Immer mehr Ladenlokale in Haupt- und Geschäftsstraßen stehen leer, und jede Lücke schwächt die Anziehungskraft der ganzen Lage",
        aim: "leer stehende Flächen schneller und mit passenden Nutzungen wieder zu beleben",
        measures: &[
            "ein digitales Leerstandskataster",
            "Zwischennutzungen durch Pop-up-Stores",
            "die gezielte Ansprache von Eigentümerinnen und Eigentümern",
            "Mietzuschüsse für Gründungen",
            "Verfügungsfonds für die Gestaltung leerer Schaufenster",
            "qualitative Nachvermietung nach einem Branchenmix-Konzept",
        ],
        audience: "Wirtschaftsförderungen, Citymanagements, Maklerbüros und Immobilieneigentümer",
        projects: &[
            "Leerstandslotsen",
            "Ladenlokal-Börse",
            "Zwischennutzungsagentur",
            "Pop-up-Offensive",
            "Leerstandsoffensive",
        ],
        related: &["Innenstadt", "Immobilien", "Handel", "Citymanagement"],
    },
    Theme {
        name: "Innenstadtentwicklung",
        tag: "Innenstadt",
        about: "die Zukunft der Innenstädte und Ortszentren",
        problem: "Die Innenstädte verlieren ihre Rolle als reine Einkaufsorte und müssen neue Funktionen für Wohnen, Arbeiten, Kultur und Begegnung finden",
        aim: "die Innenstadt als lebendigen Ort für Handel, Wohnen, Kultur und Begegnung weiterzuentwickeln",
        measures: &[
            "ein integriertes Innenstadtkonzept",
            "die Umgestaltung von Plätzen und Straßenräumen",
            "mehr Grün und Sitzgelegenheiten in der Fußgängerzone",
            "neue Nutzungsmischungen in den Erdgeschosszonen",
            "ein Innenstadtforum mit allen Akteuren",
            "Kultur- und Bildungsangebote im Zentrum",
        ],
        audience: "Verwaltung, Politik, Handel, Gastronomie und Immobilienwirtschaft",
        projects: &[
            "Innenstadtoffensive",
            "Zukunftsstadt",
            "Innenstadt-Labor",
            "Lebendige Mitte",
            "Stadtkern-Initiative",
        ],
        related: &["Handel", "Beteiligung", "Immobilien", "Kultur"],
    },
    Theme {
        name: "Stadtmarketing",
        tag: "Stadtmarketing",
        about: "ein modernes Stadt- und Standortmarketing",
        problem: "Städte konkurrieren um Besucher, Fachkräfte und Unternehmen, und ein klares Profil wird zum entscheidenden Standortfaktor",
        aim: "den Standort mit einer klaren Marke nach innen und außen sichtbar zu machen",
        measures: &[
            "eine gemeinsame Dachmarke",
            "Kampagnen in sozialen Netzwerken",
            "ein abgestimmtes Veranstaltungsprogramm",
            "Gutscheinsysteme für den lokalen Handel",
            "Bürgerbeteiligung bei der Markenentwicklung",
            "Kooperationen mit Vereinen und Kulturträgern",
        ],
        audience: "Stadtmarketing-Gesellschaften, Werbegemeinschaften und Kommunikationsverantwortliche",
        projects: &["Markenprozess", "Heimat shoppen", "Stadtgutschein", "Standortkampagne", "Imagekampagne"],
        related: &["Handel", "Tourismus", "Kooperation", "Kultur"],
    },
    Theme {
        name: "Citymanagement",
        tag: "Citymanagement",
        about: "die Aufgaben und Werkzeuge eines professionellen Citymanagements",
        problem: "Viele Akteure gestalten die Innenstadt mit, doch ohne Koordination verpuffen ihre Aktivitäten",
        aim: "Handel, Gastronomie, Eigentümer und Verwaltung an einen Tisch zu bringen",
        measures: &[
            "regelmäßige Händlerstammtische",
            "ein gemeinsames Budget aus öffentlichen und privaten Mitteln",
            "Frequenzmessungen als Entscheidungsgrundlage",
            "Verfügungsfonds für kleine Maßnahmen",
            "abgestimmte Öffnungszeiten",
            "Aktionstage und verkaufsoffene Sonntage",
        ],
        audience: "Citymanagerinnen und Citymanager, Werbegemeinschaften und Wirtschaftsförderungen",
        projects: &["Citymanagement", "Innenstadtbüro", "Zentrenmanagement", "City-Offensive"],
        related: &["Innenstadt", "Handel", "Netzwerk", "Stadtmarketing"],
    },
    Theme {
        name: "Digitalisierung im Handel",
        tag: "Digitalisierung",
        about: "die Digitalisierung des stationären Handels",
        problem: "Der Onlinehandel wächst weiter, und viele inhabergeführte Geschäfte sind im Netz kaum sichtbar",
        aim: "lokale Händlerinnen und Händler digital sichtbar und wettbewerbsfähig zu machen",
        measures: &[
            "lokale Online-Marktplätze",
            "Digitalcoaches für den Einzelhandel",
            "Click & Collect mit Lieferung per Lastenrad",
            "kostenloses WLAN in der Fußgängerzone",
            "Workshops zu Unternehmensprofilen und sozialen Medien",
            "eine Innenstadt-App mit Bonusprogramm",
        ],
        audience: "Einzelhändlerinnen und Einzelhändler, Werbegemeinschaften und Wirtschaftsförderungen",
        projects: &["Digitale Innenstadt", "Online-Schaufenster", "Digitalcoaching Handel", "Lokaler Marktplatz"],
        related: &["Handel", "Innenstadt", "Smart City"],
    },
    Theme {
        name: "Fachkräftesicherung",
        tag: "Fachkräftesicherung",
        about: "die Sicherung von Fachkräften für kleine und mittlere Unternehmen",
        problem: "Kleine und mittlere Unternehmen finden immer schwerer qualifiziertes Personal, und der demografische Wandel verschärft die Lage",
        aim: "Fachkräfte für die Region zu gewinnen und langfristig zu halten",
        measures: &[
            "ein regionales Fachkräfteportal",
            "Welcome-Services für Zuziehende",
            "Kooperationen zwischen Schulen und Betrieben",
            "Ausbildungsmessen",
            "Angebote zur Vereinbarkeit von Familie und Beruf",
            "eine Rückkehrerkampagne für Auspendlerinnen und Auspendler",
        ],
        audience: "Personalverantwortliche, Wirtschaftsförderungen und Kammern",
        projects: &["Fachkräfteallianz", "Welcome Center", "Rückkehrer-Initiative", "Ausbildungsoffensive"],
        related: &["Demografischer Wandel", "Kooperation", "Ländlicher Raum"],
    },
    Theme {
        name: "Gewerbeflächenentwicklung",
        tag: "Gewerbeflächen",
        about: "die Entwicklung und Vermarktung von Gewerbeflächen",
        problem: "Verfügbare Gewerbeflächen werden knapp, während Brachen und untergenutzte Grundstücke ungenutzt bleiben",
        aim: "Flächen sparsam zu nutzen und dennoch Raum für Ansiedlungen und Erweiterungen zu schaffen",
        measures: &[
            "ein Gewerbeflächenmonitoring",
            "die Reaktivierung von Brachflächen",
            "interkommunale Gewerbegebiete",
            "Vergabekriterien für eine nachhaltige Nutzung",
            "ein digitales Flächenportal",
            "mehrgeschossige Gewerbebauten",
        ],
        audience: "Wirtschaftsförderungen, Stadtplanung und Projektentwicklung",
        projects: &["Flächenmanagement", "Gewerbepark", "Brachflächenoffensive", "Flächenpool"],
        related: &["Wirtschaftsförderung", "Nachhaltigkeit", "Kooperation", "Immobilien"],
    },
    Theme {
        name: "Gründungsförderung",
        tag: "Gründung",
        about: "die Förderung von Gründungen und jungen Unternehmen",
        problem: "Die Zahl der Gründungen stagniert, und gerade außerhalb der großen Städte fehlen Netzwerke und bezahlbare Räume",
        aim: "Gründerinnen und Gründern den Start vor Ort so leicht wie möglich zu machen",
        measures: &[
            "ein Gründerzentrum mit günstigen Mieten",
            "Mentoring durch erfahrene Unternehmerinnen und Unternehmer",
            "Gründungswettbewerbe",
            "Coworking-Spaces",
            "Sprechstunden zu Finanzierung und Förderung",
            "Probeläden auf Zeit",
        ],
        audience: "Gründungsinteressierte, Beratungsstellen und Wirtschaftsförderungen",
        projects: &["Gründerzentrum", "Start-up-Lotsen", "Gründungsgarage", "Probeladen"],
        related: &["Wirtschaftsförderung", "Netzwerk", "Leerstand"],
    },
    Theme {
        name: "Tourismus",
        tag: "Tourismus",
        about: "die touristische Profilierung von Städten und Regionen",
        problem: "Gäste erwarten heute mehr als Sehenswürdigkeiten – sie suchen Erlebnisse, digitale Informationen und eine gute Anbindung",
        aim: "Tourismus, Handel und Gastronomie enger miteinander zu verzahnen",
        measures: &[
            "thematische Stadtführungen",
            "ein gemeinsames Gästeticket",
            "digitale Besucherlenkung",
            "Rad- und Wanderrouten bis ins Zentrum",
            "regionale Produkte in der Gastronomie",
            "Veranstaltungen in der Nebensaison",
        ],
        audience: "Tourismusorganisationen, Gastgeberinnen und Gastgeber sowie das Stadtmarketing",
        projects: &["Erlebnisstadt", "Gästeführung digital", "Genussregion", "Tourismusoffensive"],
        related: &["Stadtmarketing", "Gastronomie", "Kultur", "Ländlicher Raum"],
    },
    Theme {
        name: "Nahversorgung",
        tag: "Nahversorgung",
        about: "die Sicherung der Nahversorgung in Quartieren und Dörfern",
        problem: "In vielen Ortsteilen schließen Lebensmittelgeschäfte, und gerade ältere Menschen verlieren damit ihre Versorgung vor Ort",
        aim: "eine wohnortnahe Versorgung mit Gütern des täglichen Bedarfs zu sichern",
        measures: &[
            "Dorfläden in Bürgerhand",
            "digitale Kleinstsupermärkte ohne Personal",
            "mobile Verkaufsstellen",
            "Bringdienste mit Ehrenamtlichen",
            "Multifunktionshäuser mit Post und Café",
            "regionale Erzeugermärkte",
        ],
        audience: "Ortsvorsteherinnen und Ortsvorsteher, Bürgerinitiativen, Händler und Wirtschaftsförderungen",
        projects: &["Dorfladen", "Nahversorgungskonzept", "Marktplatz-Treff", "Versorgungsnetz"],
        related: &["Ländlicher Raum", "Demografischer Wandel", "Handel", "Beteiligung"],
    },
    Theme {
        name: "Quartiersentwicklung",
        tag: "Quartiersentwicklung",
        about: "die Entwicklung lebendiger Stadtquartiere",
        problem: "Manche Stadtquartiere geraten ins Hintertreffen, weil Investitionen ausbleiben und Treffpunkte fehlen",
        aim: "Quartiere gemeinsam mit Bewohnerschaft und Gewerbetreibenden aufzuwerten",
        measures: &[
            "ein Quartiersbüro vor Ort",
            "Verfügungsfonds für Bewohnerinitiativen",
            "die Aufwertung von Straßen und Plätzen",
            "Begegnungsorte im Erdgeschoss",
            "Beteiligungswerkstätten",
            "ein Quartiersmanagement mit festen Sprechzeiten",
        ],
        audience: "Stadtplanung, Wohnungsunternehmen, soziale Träger und Gewerbetreibende",
        projects: &["Quartiersmanagement", "Quartierswerkstatt", "Stadtteilbüro", "Nachbarschaftsfonds"],
        related: &["Beteiligung", "Immobilien", "Innenstadt"],
    },
    Theme {
        name: "BID / ISG",
        tag: "BID / ISG",
        about: "Business Improvement Districts und Immobilien- und Standortgemeinschaften",
        problem: "Öffentliche Mittel allein reichen nicht aus, um Geschäftsstraßen dauerhaft attraktiv zu halten",
        aim: "Eigentümerinnen und Eigentümer an der Aufwertung ihres Standorts zu beteiligen",
        measures: &[
            "eine verbindliche Abgabe aller Eigentümer",
            "ein gemeinsames Maßnahmen- und Finanzierungskonzept",
            "zusätzliche Reinigung und Müllentsorgung",
            "eine einheitliche Weihnachtsbeleuchtung",
            "Standortmarketing aus einer Hand",
            "ein Lenkungsgremium aus Eigentümern und Stadt",
        ],
        audience: "Immobilieneigentümer, Citymanagements und Stadtverwaltungen",
        projects: &["BID", "ISG", "Standortgemeinschaft", "Eigentümerstandortgemeinschaft"],
        related: &["Immobilien", "Innenstadt", "Kooperation", "Citymanagement"],
    },
    Theme {
        name: "Smart City",
        tag: "Smart City",
        about: "digitale Lösungen für die Stadtentwicklung",
        problem: "Kommunen sammeln immer mehr Daten, nutzen sie aber selten für bessere Entscheidungen vor Ort",
        aim: "digitale Werkzeuge gezielt für eine lebenswerte und effiziente Stadt einzusetzen",
        measures: &[
            "Sensoren zur Messung der Passantenfrequenz",
            "eine offene Datenplattform",
            "digitale Parkleitsysteme",
            "ein digitales 3D-Modell der Innenstadt",
            "smarte Mülleimer mit Füllstandsmeldung",
            "Bürger-Apps für Anliegen und Termine",
        ],
        audience: "IT-Verantwortliche, Stadtplanung und Wirtschaftsförderungen",
        projects: &["Smart City", "Datenplattform", "Digitaler Zwilling", "Modellprojekt Smart City"],
        related: &["Digitalisierung", "Mobilität", "Innenstadt", "Nachhaltigkeit"],
    },
    Theme {
        name: "Mobilität",
        tag: "Mobilität",
        about: "die Erreichbarkeit der Innenstadt und neue Formen der Mobilität",
        problem: "Der Streit um Parkplätze, Radwege und Lieferverkehr prägt vielerorts die Debatte über die Innenstadt",
        aim: "die Innenstadt für alle Verkehrsarten gut erreichbar und zugleich aufenthaltsfreundlich zu machen",
        measures: &[
            "Mobilitätsstationen mit Leihrädern",
            "ein Lieferkonzept mit Mikro-Depots",
            "verkehrsberuhigte Geschäftsstraßen",
            "ein Parkraumkonzept",
            "kostenlose Busse an Markttagen",
            "Lastenräder zum Ausleihen für Kundinnen und Kunden",
        ],
        audience: "Verkehrsplanung, Handel, Verkehrsunternehmen und Wirtschaftsförderungen",
        projects: &["Mobilitätskonzept", "Autoarme Innenstadt", "Radoffensive", "Mobilitätswende"],
        related: &["Innenstadt", "Nachhaltigkeit", "Smart City"],
    },
    Theme {
        name: "Klimaanpassung",
        tag: "Klimaanpassung",
        about: "die Anpassung der Städte an Hitze und Starkregen",
        problem: "Hitzesommer und Starkregen treffen dicht bebaute Innenstädte besonders stark und mindern die Aufenthaltsqualität",
        aim: "Straßen und Plätze kühler, grüner und widerstandsfähiger zu gestalten",
        measures: &[
            "die Entsiegelung von Plätzen",
            "Baumpflanzungen in Einkaufsstraßen",
            "Trinkbrunnen und Schattenplätze",
            "Fassaden- und Dachbegrünung",
            "Regenwasserspeicher nach dem Schwammstadt-Prinzip",
            "Hitzeaktionspläne",
        ],
        audience: "Stadtplanung, Umweltämter, Eigentümer und Gewerbetreibende",
        projects: &["Klimaoase", "Schwammstadt", "Grüne Mitte", "Hitzeschutzprogramm"],
        related: &["Nachhaltigkeit", "Innenstadt", "Aufenthaltsqualität"],
    },
    Theme {
        name: "Ortskernbelebung",
        tag: "Ortskerne",
        about: "die Belebung von Ortskernen in Kleinstädten und Dörfern",
        problem: "In vielen Kleinstädten und Dörfern wandern Geschäfte und Dienstleistungen an den Ortsrand ab, und die Ortsmitte verödet",
        aim: "die Ortsmitte wieder zum Treffpunkt für Einwohner und Gäste zu machen",
        measures: &[
            "ein Förderprogramm für Fassadensanierung",
            "die Umnutzung leer stehender Höfe zu Wohnungen",
            "ein Dorfgemeinschaftshaus",
            "Wochenmärkte mit regionalen Produkten",
            "ein Flächenmanagement gegen Neubaugebiete am Ortsrand",
            "Beratung für Bauherren im Bestand",
        ],
        audience: "Bürgermeisterinnen und Bürgermeister, Gemeinderäte und Planungsbüros",
        projects: &["Ortskernoffensive", "Dorfentwicklung", "Innen statt außen", "Lebendiger Ortskern"],
        related: &["Kleinstädte", "Ländlicher Raum", "Leerstand", "Demografischer Wandel"],
    },
    Theme {
        name: "Zukunft des Handels",
        tag: "Handel",
        about: "die Zukunft des inhabergeführten Einzelhandels",
        problem: "Steigende Kosten, veränderte Einkaufsgewohnheiten und fehlende Nachfolger setzen den inhabergeführten Handel unter Druck",
        aim: "den lokalen Handel zu stärken und Nachfolgelösungen rechtzeitig anzustoßen",
        measures: &[
            "eine Nachfolgebörse",
            "gemeinsame Aktionswochen",
            "Beratung zu Sortiment und Ladengestaltung",
            "ein lokales Gutscheinsystem",
            "Schaufensterwettbewerbe",
            "Kooperationen mit Gastronomie und Kultur",
        ],
        audience: "Händlerinnen und Händler, Werbegemeinschaften und Kammern",
        projects: &["Handelsoffensive", "Heimat shoppen", "Händlernetzwerk", "Zukunft Handel"],
        related: &["Innenstadt", "Stadtmarketing", "Digitalisierung"],
    },
    Theme {
        name: "Wirtschaftsförderung 4.0",
        tag: "Wirtschaftsförderung",
        about: "die Neuausrichtung der kommunalen Wirtschaftsförderung",
        problem: "Die klassische Ansiedlungspolitik stößt an Grenzen, und Wirtschaftsförderungen übernehmen immer mehr Aufgaben in der Bestandspflege",
        aim: "die Wirtschaftsförderung als Netzwerkpartnerin für Unternehmen, Verwaltung und Wissenschaft aufzustellen",
        measures: &[
            "Bestandspflege mit regelmäßigen Unternehmensbesuchen",
            "eine zentrale Anlaufstelle für Unternehmen",
            "Kooperationen mit Hochschulen",
            "Kennzahlen zur Wirkungsmessung",
            "regionale Wirtschaftsdialoge",
            "eine Standortstrategie mit klaren Prioritäten",
        ],
        audience: "Leitungen und Mitarbeitende von Wirtschaftsförderungen sowie Verwaltungsspitzen",
        projects: &["Wirtschaftsdialog", "Standortstrategie", "Unternehmensservice", "Wirtschaftsförderung 4.0"],
        related: &["Kooperation", "Netzwerk", "Innovation"],
    },
    Theme {
        name: "Sauberkeit und Aufenthaltsqualität",
        tag: "Aufenthaltsqualität",
        about: "Sauberkeit, Sicherheit und Aufenthaltsqualität in Innenstädten",
        problem: "Müll, Graffiti und ungepflegte Ecken prägen das Bild mancher Einkaufsstraße stärker als ihr Angebot",
        aim: "die Innenstadt sauber, sicher und einladend zu gestalten",
        measures: &[
            "ein Reinigungsteam mit festen Touren",
            "Müllvermeidung bei Veranstaltungen",
            "eine bessere Beleuchtung von Wegen und Plätzen",
            "Patenschaften für Beete und Bänke",
            "öffentliche Toiletten in der Innenstadt",
            "Mängelmeldungen per App",
        ],
        audience: "Ordnungsämter, Stadtreinigung, Citymanagements und Gewerbetreibende",
        projects: &["Saubere Innenstadt", "Aktion Sauberkeit", "Wohlfühlstadt", "Sicherheitspartnerschaft"],
        related: &["Innenstadt", "Citymanagement", "Beteiligung"],
    },
];

/// Topics added beside a theme's own ones.
const GENERAL_TOPICS: &[&str] = &[
    "Kooperation",
    "Netzwerk",
    "Beteiligung",
    "Förderprogramme",
    "Kleinstädte",
    "Ländlicher Raum",
    "Demografischer Wandel",
    "Immobilien",
    "Erfahrungsaustausch",
    "Kultur",
    "Gastronomie",
    "Nachhaltigkeit",
    "Innovation",
    "Innenstadt",
];

const SLOGANS: &[&str] = &[
    "Wege aus der Krise",
    "Chancen für kleine und mittlere Städte",
    "Was Kommunen jetzt tun können",
    "Vom Konzept zur Umsetzung",
    "Gemeinsam mehr erreichen",
    "Neue Wege für lebendige Zentren",
    "Erfolgsfaktoren und Stolpersteine",
    "Größe ist nicht alles",
    "Praxisbeispiele aus Städten und Gemeinden",
    "Strategien für die nächsten zehn Jahre",
    "Mut zu neuen Wegen",
    "Was funktioniert – und was nicht",
    "Förderung richtig nutzen",
    "Von anderen Städten lernen",
    "Aus der Praxis für die Praxis",
    "Zwischen Anspruch und Wirklichkeit",
    "Kooperation statt Konkurrenz",
    "Lösungen für den ländlichen Raum",
    "Jetzt handeln!",
    "Wer macht was?",
];

const PROJECT_SLOGANS: &[&str] = &[
    "gemeinsam für eine lebendige Mitte",
    "Zukunft gestalten",
    "Stadt neu denken",
    "Räume für Ideen",
    "Wir für unsere Stadt",
    "Stärken stärken",
];

struct Format {
    name: &'static str,
    /// "im Seminar", "bei der Fachtagung".
    dative: &'static str,
    /// "ein Seminar", "eine Fachtagung", "einen Workshop".
    accusative: &'static str,
}

const ON_SITE_FORMATS: &[Format] = &[
    Format { name: "Seminar", dative: "im Seminar", accusative: "ein Seminar" },
    Format { name: "Tagesseminar", dative: "im Tagesseminar", accusative: "ein Tagesseminar" },
    Format { name: "Workshop", dative: "im Workshop", accusative: "einen Workshop" },
    Format { name: "Fachtagung", dative: "bei der Fachtagung", accusative: "eine Fachtagung" },
    Format { name: "Konferenz", dative: "bei der Konferenz", accusative: "eine Konferenz" },
    Format { name: "Exkursion", dative: "bei der Exkursion", accusative: "eine Exkursion" },
    Format { name: "Netzwerktreffen", dative: "beim Netzwerktreffen", accusative: "ein Netzwerktreffen" },
    Format { name: "Zukunftswerkstatt", dative: "in der Zukunftswerkstatt", accusative: "eine Zukunftswerkstatt" },
    Format {
        name: "Vortrag mit Diskussion",
        dative: "bei Vortrag und Diskussion",
        accusative: "einen Vortrag mit Diskussion",
    },
];

const ONLINE_FORMATS: &[Format] = &[
    Format { name: "WebTalk", dative: "im WebTalk", accusative: "einen WebTalk" },
    Format { name: "Webinar", dative: "im Webinar", accusative: "ein Webinar" },
    Format { name: "Online-Seminar", dative: "im Online-Seminar", accusative: "ein Online-Seminar" },
    Format { name: "Online-Konferenz", dative: "bei der Online-Konferenz", accusative: "eine Online-Konferenz" },
];

/// Start and end time of day, as (hour, minute) pairs.
type Slot = ((u32, u32), (u32, u32));

const ON_SITE_SLOTS: &[Slot] = &[
    ((9, 0), (17, 0)),
    ((10, 0), (16, 0)),
    ((9, 30), (15, 30)),
    ((10, 0), (12, 0)),
    ((14, 30), (16, 0)),
    ((14, 0), (17, 30)),
    ((18, 0), (20, 0)),
    ((16, 0), (18, 0)),
];

const ONLINE_SLOTS: &[Slot] =
    &[((10, 0), (11, 30)), ((14, 30), (16, 0)), ((11, 0), (12, 0)), ((16, 0), (17, 0)), ((9, 0), (10, 30))];

const ROUNDTABLE_SLOTS: &[Slot] = &[((13, 0), (16, 0)), ((10, 0), (12, 30)), ((14, 0), (17, 0)), ((9, 30), (12, 0))];

const FEES_CENTS: &[u64] =
    &[4900, 7900, 9900, 12900, 14900, 19500, 24900, 29000, 34900, 39500, 49000, 54900, 69000, 89000];

const FEMALE_NAMES: &[&str] = &[
    "Anna",
    "Julia",
    "Katrin",
    "Sabine",
    "Christiane",
    "Miriam",
    "Lena",
    "Jana",
    "Sophie",
    "Claudia",
    "Birgit",
    "Heike",
    "Nadine",
    "Sandra",
    "Ute",
    "Dörte",
    "Maren",
    "Friederike",
    "Bärbel",
    "Ilka",
    "Annika",
    "Jördis",
];

const MALE_NAMES: &[&str] = &[
    "Thomas",
    "Michael",
    "Stefan",
    "Jörg",
    "Jürgen",
    "Andreas",
    "Markus",
    "Sebastian",
    "Tobias",
    "Frank",
    "Matthias",
    "Björn",
    "Sören",
    "Uwe",
    "Carsten",
    "Jens",
    "Felix",
    "Lukas",
    "Hendrik",
    "Günter",
    "Klaus",
];

const SURNAMES: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Krause",
    "Meier",
    "Lehmann",
    "Köhler",
    "Weiß",
    "Jäger",
    "Groß",
    "Böhm",
    "Günther",
    "Vogel",
    "Friedrich",
    "Keller",
    "Möller",
    "Sommer",
    "Fuchs",
    "Peters",
    "Voß",
    "Brückner",
    "Thießen",
    "Özdemir",
    "Nowak",
    "Kowalski",
    "Yılmaz",
];

/// Roles in the field, female and male.
const ROLES: &[(&str, &str)] = &[
    ("Leiterin der Wirtschaftsförderung", "Leiter der Wirtschaftsförderung"),
    ("Citymanagerin", "Citymanager"),
    ("Geschäftsführerin", "Geschäftsführer"),
    ("Projektleiterin", "Projektleiter"),
    ("Referentin für Handel und Stadtentwicklung", "Referent für Handel und Stadtentwicklung"),
    ("Leerstandsmanagerin", "Leerstandsmanager"),
    ("Beraterin für Handel und Innenstadt", "Berater für Handel und Innenstadt"),
];

const BUILDINGS: &[&str] = &[
    "Rathaus, Großer Sitzungssaal",
    "Stadthalle",
    "Bürgerhaus am Markt",
    "IHK-Bildungszentrum",
    "Kulturzentrum Alte Mühle",
    "Technologie- und Gründerzentrum",
    "Kreishaus, Sitzungssaal",
    "Hotel am Schlossgarten",
    "Alte Brauerei",
    "Stadtbibliothek, Veranstaltungsraum",
    "Volkshochschule, Raum 1.04",
];

const STREETS: &[&str] = &[
    "Hauptstraße",
    "Bahnhofstraße",
    "Marktplatz",
    "Schloßstraße",
    "Lange Straße",
    "Kirchplatz",
    "Mühlenstraße",
    "Am Rathaus",
    "Große Straße",
    "Poststraße",
    "Gartenstraße",
    "Friedrich-Ebert-Straße",
    "Königstraße",
];

const REGISTRATION_NOTES: &[&str] = &[
    "Anmeldung bis eine Woche vor Beginn über das Online-Formular",
    "Anmeldung per E-Mail beim Veranstalter",
    "Teilnahme nur nach Anmeldung; die Plätze werden nach Eingang vergeben",
    "Für Mitglieder kostenfrei, Anmeldung erforderlich",
];

const GOALS: &[&str] = &[
    "Innenstadt als Erlebnisort stärken",
    "Leerstand dauerhaft senken",
    "Lokale Wirtschaft stärken",
    "Aufenthaltsqualität verbessern",
    "Akteure vernetzen",
    "Fachkräfte gewinnen und halten",
    "Digitale Kompetenzen im Handel aufbauen",
    "Flächen effizient nutzen",
    "Klimaresilienz erhöhen",
    "Nahversorgung sichern",
    "Gründungen erleichtern",
    "Beteiligung der Bürgerschaft stärken",
    "Strukturen verstetigen",
];

const PROJECT_TYPES: &[&str] = &[
    "Strategien, Szenarien, Konzepte",
    "Netzwerkarbeit",
    "Beteiligungsprozess",
    "Reallabor",
    "Investive Maßnahmen",
    "Beratung und Coaching",
    "Wissenschaftliche Begleitung",
    "Öffentlichkeitsarbeit",
    "Modellvorhaben",
];

const LOCAL_SCOPES: &[&str] = &["kommunal", "interkommunal", "regional", "Innenstadt", "Quartier", "Ortskern"];

const PERIOD_NOTES: &[&str] = &["drei Jahre", "zwei Jahre", "18 Monate", "vier Jahre"];

const PRACTICE_RESULTS: &[&str] = &[
    "Die Zusammenarbeit der Akteure hat sich deutlich verbessert",
    "Die Passantenfrequenz im Zentrum ist spürbar gestiegen",
    "Mehrere Betriebe haben sich neu angesiedelt",
    "Das Echo in der Bürgerschaft ist durchweg positiv",
    "Weitere Städte der Region haben den Ansatz übernommen",
];

/// A roundtable series: its name, the themes (by tag) it takes up, and
/// who hosts it in a Land (`{}` being the Land) or nationwide.
struct Series {
    name: &'static str,
    tags: &'static [&'static str],
    land_host: (&'static str, Article),
    national_host: (&'static str, Article),
}

const SERIES: &[Series] = &[
    Series {
        name: "Leerstandsmanagement und qualitative Nachvermietung",
        tags: &["Leerstand", "BID / ISG", "Innenstadt", "Gründung", "Handel"],
        land_host: ("Handelsverband {}", Article::Der),
        national_host: ("Initiative Handel im Wandel", Article::Die),
    },
    Series {
        name: "Lebendige Innenstadt",
        tags: &["Innenstadt", "Citymanagement", "Aufenthaltsqualität", "Mobilität", "Klimaanpassung", "Stadtmarketing"],
        land_host: ("Netzwerk Innenstadt {}", Article::Das),
        national_host: ("Forum Lebendige Zentren", Article::Das),
    },
    Series {
        name: "Gewerbeflächen und Ansiedlung",
        tags: &["Gewerbeflächen", "Wirtschaftsförderung", "Fachkräftesicherung"],
        land_host: ("IHK-Arbeitsgemeinschaft {}", Article::Die),
        national_host: ("Forum Wirtschaftsförderung Deutschland", Article::Das),
    },
    Series {
        name: "Digitale Stadt",
        tags: &["Digitalisierung", "Smart City", "Mobilität"],
        land_host: ("Kompetenzzentrum Digitale Stadt {}", Article::Das),
        national_host: ("Netzwerk Innenstadt Deutschland", Article::Das),
    },
    Series {
        name: "Ortskerne und Nahversorgung",
        tags: &["Ortskerne", "Nahversorgung", "Quartiersentwicklung", "Tourismus"],
        land_host: ("Landesinitiative Ortskerne {}", Article::Die),
        national_host: ("Kompetenzzentrum Ortskerne und Nahversorgung", Article::Das),
    },
];

/// Organisers acting across Germany, with their article.
const NATIONAL_ORGANISERS: &[(&str, Article)] = &[
    ("Forum Lebendige Zentren", Article::Das),
    ("Akademie für Stadt- und Standortentwicklung", Article::Die),
    ("Netzwerk Innenstadt Deutschland", Article::Das),
    ("Initiative Handel im Wandel", Article::Die),
    ("Kompetenzzentrum Ortskerne und Nahversorgung", Article::Das),
    ("Forum Wirtschaftsförderung Deutschland", Article::Das),
    ("Verbund Zukunftsfähige Kommunen", Article::Der),
];

/// For each roundtable series, the indices of its themes in `THEMES`.
fn series_themes() -> Vec<Vec<usize>> {
    SERIES
        .iter()
        .map(|series| series.tags.iter().filter_map(|tag| THEMES.iter().position(|theme| theme.tag == *tag)).collect())
        .collect()
}

// ---------------------------------------------------------------------------
// Organisers and people

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Article {
    Der,
    Die,
    Das,
}

struct Org {
    name: String,
    article: Article,
}

impl Org {
    fn new(name: String, article: Article) -> Org {
        Org { name, article }
    }

    /// "die Stadt Einbeck".
    fn nominative(&self) -> String {
        let article = match self.article {
            Article::Der => "der",
            Article::Die => "die",
            Article::Das => "das",
        };
        format!("{article} {}", self.name)
    }

    /// "Die Stadt Einbeck", to open a sentence.
    fn nominative_cap(&self) -> String {
        capitalise(&self.nominative())
    }

    /// "der Stadt Einbeck", "dem Handelsverband Hessen".
    fn dative(&self) -> String {
        let article = match self.article {
            Article::Der | Article::Das => "dem",
            Article::Die => "der",
        };
        format!("{article} {}", self.name)
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Zwischennutzungen durch Pop-up-Stores" from "ein digitales …" etc.:
/// a measure as a list item, without its article.
fn key_element(measure: &str) -> String {
    let bare = ["ein ", "eine ", "die ", "der ", "das "]
        .iter()
        .find_map(|article| measure.strip_prefix(article))
        .unwrap_or(measure);
    capitalise(bare)
}

struct Contact {
    person: Person,
    role: &'static str,
    /// Where the person works; set by the caller when it knows better.
    employer: String,
}

impl Contact {
    /// "Anna Krause (Citymanagerin, Citymanagement Lüneburg e. V.)".
    fn introduced(&self) -> String {
        format!("{} ({}, {})", self.person.name, self.role, self.employer)
    }

    fn into_person(self) -> Person {
        Person { affiliation: Some(format!("{}, {}", self.role, self.employer)), ..self.person }
    }
}

/// "A", "A und B", "A, B und C".
fn german_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} und {last}", init.join(", ")),
    }
}

/// Ends a sentence with a full stop unless it already ends with one ("e. V.").
fn full_stop(mut sentence: String) -> String {
    if !sentence.ends_with('.') {
        sentence.push('.');
    }
    sentence
}

/// „Title“ in quotation marks, unless it quotes something itself.
fn quoted(title: &str) -> String {
    if title.contains('„') { title.to_owned() } else { format!("„{title}“") }
}

// ---------------------------------------------------------------------------
// Dates and money in German words

/// "21. März 2019".
fn long_date(day: NaiveDate) -> String {
    format!("{}. {} {}", day.day(), month_name(day, Lang::De), day.year())
}

/// "Juni 2018".
fn month_year(month: YearMonth) -> String {
    format!("{} {}", month_name(month.first_moment().date(), Lang::De), month.year())
}

fn clock_time(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// "549,00 €" (plus " zzgl. MwSt." for net prices).
fn price_text(cents: u64, plus_vat: bool) -> String {
    let vat = if plus_vat { " zzgl. MwSt." } else { "" };
    format!("{},{:02} €{vat}", cents / 100, cents % 100)
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 1, 1).expect("a valid date")
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2030, 12, 31).expect("a valid date")
}

/// Moves a weekend day to the Friday before or the Monday after.
fn weekday_of(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day - Days::new(1),
        Weekday::Sun => day + Days::new(1),
        _ => day,
    }
}

fn at(day: NaiveDate, (hour, minute): (u32, u32)) -> Moment {
    Moment::At(day.and_hms_opt(hour, minute, 0).expect("slot times are valid"))
}

// ---------------------------------------------------------------------------
// Texts

/// Joins sentences into a text of at least `SUMMARY_MIN` and at most
/// `SUMMARY_MAX` characters, stopping once `target` is reached. The first
/// sentence is always taken; later ones only while they fit.
fn assemble(sentences: &[String], fillers: &[String], target: usize) -> String {
    let mut text = String::with_capacity(target + 200);
    let mut length = 0;
    for sentence in sentences.iter().chain(fillers) {
        if length >= target && length >= SUMMARY_MIN {
            break;
        }
        let added = sentence.chars().count() + usize::from(length > 0);
        if length + added > SUMMARY_MAX {
            continue;
        }
        if length > 0 {
            text.push(' ');
        }
        text.push_str(sentence);
        length += added;
    }
    text
}

/// Sentences that fit any offering, used when the specific ones run short.
fn fillers(theme: &Theme) -> Vec<String> {
    vec![
        format!("Das Thema „{}“ gewinnt für Städte und Gemeinden jeder Größe an Bedeutung.", theme.name),
        "Erfahrungen aus anderen Kommunen fließen ausdrücklich mit ein.".to_owned(),
        "Weitere Informationen stellt der Anbieter auf Anfrage gern zur Verfügung.".to_owned(),
        "Fragen und Anregungen aus der Praxis sind ausdrücklich erwünscht.".to_owned(),
    ]
}

const DEMO_NOTE: &str = "Hinweis: Dieser Eintrag ist ein synthetisches Beispiel (lotse demo-data) und beschreibt kein tatsächliches Angebot.";

// ---------------------------------------------------------------------------
// The generator

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Local,
    Online,
    Nationwide,
}

impl DemoRecords {
    fn record(&mut self, index: usize) -> Record {
        let mut generator = Generator {
            dice: &mut self.dice,
            sites: &self.sites,
            series_themes: &self.series_themes,
            source_title: &self.source_title,
        };
        let roll = generator.dice.below(100);
        let (mut offering, summary, description) = if roll < 45 {
            generator.event()
        } else if roll < 65 {
            generator.project()
        } else if roll < 85 {
            generator.practice()
        } else {
            generator.roundtable()
        };
        offering.key = format!("demo-{}-{index}", self.seed);
        if self.dice.chance(40) {
            offering.url = Some(format!("https://example.org/lotse-demo/{}/{index}", self.seed));
        }
        Record { offering, summary, description }
    }
}

/// One record's worth of drawing: the dice, and the data they draw from.
struct Generator<'a> {
    dice: &'a mut Dice,
    sites: &'a [Site],
    series_themes: &'a [Vec<usize>],
    source_title: &'a str,
}

impl<'a> Generator<'a> {
    fn source(&self) -> Source {
        Source { title: self.source_title.to_owned(), publisher: DEMO_PUBLISHER.to_owned(), date: None }
    }

    /// A Kreis to place an offering in, when there are any.
    fn site(&mut self) -> Option<&'a Site> {
        let sites = self.sites;
        (!sites.is_empty()).then(|| &sites[self.dice.below(sites.len())])
    }

    fn scope(&mut self, online_percent: usize, nationwide_percent: usize) -> Scope {
        let roll = self.dice.below(100);
        if roll < online_percent {
            Scope::Online
        } else if roll < online_percent + nationwide_percent || self.sites.is_empty() {
            Scope::Nationwide
        } else {
            Scope::Local
        }
    }

    fn theme(&mut self) -> &'static Theme {
        self.dice.pick(THEMES)
    }

    fn topics(&mut self, theme: &Theme) -> Vec<String> {
        let extra = self.dice.between(1, 3) as usize;
        let mut topics = vec![theme.tag.to_owned()];
        while topics.len() < 1 + extra {
            let candidate =
                if self.dice.chance(65) { *self.dice.pick(theme.related) } else { *self.dice.pick(GENERAL_TOPICS) };
            if !topics.iter().any(|topic| topic == candidate) {
                topics.push(candidate.to_owned());
            }
        }
        topics
    }

    /// Someone from the field in one of the given roles (indices into
    /// `ROLES`), working at `employer` or, without one, at a body that fits
    /// the role somewhere in the given Kreise.
    fn person(&mut self, roles: &[usize], employer: Option<&str>) -> Contact {
        let female = self.dice.chance(50);
        let first = if female { self.dice.pick(FEMALE_NAMES) } else { self.dice.pick(MALE_NAMES) };
        let last = self.dice.pick(SURNAMES);
        let title = if self.dice.chance(12) { "Dr. " } else { "" };
        let role_index = *self.dice.pick(roles);
        let (female_role, male_role) = ROLES[role_index];
        let role = if female { female_role } else { male_role };
        let site = if employer.is_none() { self.site() } else { None };
        let employer = match (employer, site) {
            (Some(employer), _) => employer.to_owned(),
            (None, Some(site)) => {
                let town = &site.town;
                match role_index {
                    0 | 5 => format!("Stadt {town}"),
                    1 => format!("Citymanagement {town} e. V."),
                    2 => format!("Stadtmarketing {town} GmbH"),
                    3 => format!("Wirtschaftsförderung {town}"),
                    4 => format!("IHK {town}"),
                    _ => format!("Handelsverband {}", site.land_name()),
                }
            }
            (None, None) => self.dice.pick(NATIONAL_ORGANISERS).0.to_owned(),
        };
        Contact { person: Person { name: format!("{title}{first} {last}"), affiliation: None }, role, employer }
    }

    /// A speaker from anywhere in the field.
    fn speaker(&mut self) -> Contact {
        self.person(&[0, 1, 2, 3, 4, 5, 6], None)
    }

    /// A contact person at `employer`, in a role such a body has.
    fn contact_at(&mut self, employer: &str) -> Contact {
        let roles: &[usize] = if employer.ends_with("GmbH") || employer.ends_with("mbH") {
            &[2, 3, 6]
        } else if employer.ends_with("e. V.") {
            &[1, 3]
        } else if employer.starts_with("Wirtschaftsförderung") {
            &[0, 3, 4, 6]
        } else {
            &[0, 3, 4, 5]
        };
        self.person(roles, Some(employer))
    }

    fn national_organiser(&mut self) -> Org {
        let (name, article) = *self.dice.pick(NATIONAL_ORGANISERS);
        Org::new(name.to_owned(), article)
    }

    /// A local organiser for events: the usual bodies of the field.
    fn event_organiser(&mut self, site: &Site) -> Org {
        let town = &site.town;
        match self.dice.below(9) {
            0 | 1 => Org::new(format!("Wirtschaftsförderung {town}"), Article::Die),
            2 => Org::new(format!("Stadtmarketing {town} GmbH"), Article::Die),
            3 => Org::new(format!("IHK {town}"), Article::Die),
            4 => Org::new(format!("Handelsverband {}", site.land_name()), Article::Der),
            5 => Org::new(format!("Citymanagement {town} e. V."), Article::Das),
            6 => Org::new(format!("Handwerkskammer {town}"), Article::Die),
            7 => Org::new(format!("{town} Marketing GmbH"), Article::Die),
            _ if site.area.starts_with("Stadt ") => Org::new(format!("Wirtschaftsförderung {town}"), Article::Die),
            _ => Org::new(format!("Wirtschaftsförderung {}", site.area), Article::Die),
        }
    }

    fn project_organiser(&mut self, site: &Site) -> Org {
        match self.dice.below(5) {
            0 | 1 => Org::new(format!("Stadt {}", site.town), Article::Die),
            2 => {
                let article = if site.area_is_feminine { Article::Die } else { Article::Der };
                Org::new(site.area.clone(), article)
            }
            3 => Org::new(format!("Wirtschaftsförderung {}", site.town), Article::Die),
            _ => Org::new(format!("{} Marketing GmbH", site.town), Article::Die),
        }
    }

    fn practice_organiser(&mut self, site: &Site) -> Org {
        let town = &site.town;
        match self.dice.below(6) {
            0 => Org::new(format!("Stadtmarketing {town} GmbH"), Article::Die),
            1 => Org::new(format!("Citymanagement {town} e. V."), Article::Das),
            2 => Org::new(format!("Wirtschaftsförderungsgesellschaft {town} mbH"), Article::Die),
            3 => Org::new(format!("Werbegemeinschaft {town} e. V."), Article::Die),
            4 => Org::new(format!("{town} Marketing GmbH"), Article::Die),
            _ => Org::new(format!("Stadt {town}"), Article::Die),
        }
    }

    fn partners(&mut self, site: Option<&Site>, organiser: &Org) -> Vec<String> {
        let count = self.dice.between(1, 3) as usize;
        let mut partners: Vec<String> = Vec::with_capacity(count);
        let mut attempts = 0;
        while partners.len() < count && attempts < 12 {
            attempts += 1;
            let partner = match site {
                Some(site) => {
                    let town = &site.town;
                    match self.dice.below(7) {
                        0 => format!("IHK {town}"),
                        1 => format!("Handelsverband {}", site.land_name()),
                        2 => format!("Werbegemeinschaft {town} e. V."),
                        3 => format!("Sparkasse {town}"),
                        4 => format!("Volkshochschule {town}"),
                        5 => format!("Stadtwerke {town}"),
                        _ => format!("Tourismusverein {town} e. V."),
                    }
                }
                None => self.dice.pick(NATIONAL_ORGANISERS).0.to_owned(),
            };
            if partner != organiser.name && !partners.contains(&partner) {
                partners.push(partner);
            }
        }
        partners
    }

    /// Funding: (name for the record, phrase for "Gefördert wird das Vorhaben …").
    fn funder(&mut self, site: Option<&Site>) -> Option<(String, String)> {
        let land = site.map_or("Bayern", Site::land_name);
        let (name, phrase) = match self.dice.below(9) {
            0 => (
                "Bundesprogramm „Zukunftsfähige Innenstädte und Zentren“".to_owned(),
                "aus dem Bundesprogramm „Zukunftsfähige Innenstädte und Zentren“".to_owned(),
            ),
            1 => (
                "Städtebauförderung von Bund und Ländern".to_owned(),
                "aus Mitteln der Städtebauförderung von Bund und Ländern".to_owned(),
            ),
            2 => (
                "Europäischer Fonds für regionale Entwicklung (EFRE)".to_owned(),
                "aus dem Europäischen Fonds für regionale Entwicklung (EFRE)".to_owned(),
            ),
            3 => (
                "LEADER-Programm der Europäischen Union".to_owned(),
                "über das LEADER-Programm der Europäischen Union".to_owned(),
            ),
            4 => (format!("Land {land}"), format!("vom Land {land}")),
            5 => (
                "Bundesministerium für Bildung und Forschung (BMBF)".to_owned(),
                "vom Bundesministerium für Bildung und Forschung (BMBF)".to_owned(),
            ),
            6 => (
                "Gemeinschaftsaufgabe „Verbesserung der regionalen Wirtschaftsstruktur“ (GRW)".to_owned(),
                "aus der Gemeinschaftsaufgabe „Verbesserung der regionalen Wirtschaftsstruktur“ (GRW)".to_owned(),
            ),
            _ => return None,
        };
        Some((name, phrase))
    }

    fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0) as usize + 1;
        weekday_of(from + Days::new(self.dice.below(span) as u64))
    }

    fn deadline(&mut self, starts: NaiveDate, percent: usize) -> Option<Moment> {
        self.dice.chance(percent).then(|| Moment::Day(starts - Days::new(u64::from(self.dice.between(3, 14)))))
    }

    fn price(&mut self, free_percent: usize) -> Price {
        let roll = self.dice.below(100);
        if roll < free_percent {
            Price::Free
        } else if roll < 85 {
            Price::Fee { cents: *self.dice.pick(FEES_CENTS), plus_vat: self.dice.chance(60) }
        } else {
            Price::Unknown
        }
    }

    fn event(&mut self) -> (Offering, String, String) {
        let theme = self.theme();
        let scope = self.scope(15, 5);
        let site = match scope {
            Scope::Online => None,
            _ => self.site(),
        };
        let online = scope == Scope::Online || (scope == Scope::Local && self.dice.chance(10));
        let format = if online { self.dice.pick(ONLINE_FORMATS) } else { self.dice.pick(ON_SITE_FORMATS) };
        let organiser = match (scope, site) {
            (Scope::Local, Some(site)) => self.event_organiser(site),
            _ => self.national_organiser(),
        };
        let place = site.map(|site| site.town.clone());
        let region = match (scope, site) {
            (Scope::Local, Some(site)) => RegionRef::Kreis(site.ags.clone()),
            (Scope::Online, _) => RegionRef::Online,
            _ => RegionRef::Bundesweit,
        };

        let day = self.day_between(first_day(), last_day());
        let slots = if online { ONLINE_SLOTS } else { ON_SITE_SLOTS };
        let (start_time, end_time) = *self.dice.pick(slots);
        // Two-day conferences start Monday to Thursday, so they end on a weekday.
        let two_days = !online
            && matches!(format.name, "Konferenz" | "Fachtagung")
            && day.weekday().num_days_from_monday() < 4
            && self.dice.chance(30);
        let (starts, ends) = if self.dice.chance(8) {
            (Moment::Day(day), None)
        } else if two_days {
            (at(day, start_time), Some(at(day + Days::new(1), (16, 0))))
        } else {
            (at(day, start_time), Some(at(day, end_time)))
        };
        let venue = (!online && place.is_some()).then(|| {
            format!("{}, {} {}", self.dice.pick(BUILDINGS), self.dice.pick(STREETS), self.dice.between(1, 48))
        });
        let price = self.price(if online { 60 } else { 35 });
        let capacity = self.dice.chance(50).then(|| self.dice.between(4, 40) * 5);
        let registration_deadline = self.deadline(day, 45);
        let registration_note = self.dice.chance(20).then(|| (*self.dice.pick(REGISTRATION_NOTES)).to_owned());
        let code = self.dice.chance(25).then(|| {
            if self.dice.chance(50) {
                format!("E {}", self.dice.between(100, 999))
            } else {
                format!("WT {:02}/{:02}", day.year() % 100, self.dice.between(1, 40))
            }
        });
        let speakers: Vec<Contact> = (0..self.dice.below(4)).map(|_| self.speaker()).collect();

        let slogan = self.dice.pick(SLOGANS);
        let title = match (self.dice.below(6), &place) {
            (0, _) => format!("{} in der Praxis: {slogan}", theme.name),
            (1, _) => format!("{} {}+ | {slogan}", theme.name, (day.year() + 10) / 5 * 5),
            (2, _) => format!("{slogan} – {} für Klein- und Mittelstädte", theme.name),
            (3, _) => format!("{}: {} – {slogan}", format.name, theme.name),
            (4, Some(town)) if !online => format!("{} in {town}: {slogan}", theme.name),
            _ => format!("{} kompakt: {slogan}", theme.name),
        };
        let measures = self.dice.distinct(theme.measures, 4);
        let topics = self.topics(theme);

        // Sentences.
        let when = match starts.time() {
            Some(time) => {
                format!("am {}, {}, um {} Uhr", weekday_name(day, Lang::De), long_date(day), clock_time(time))
            }
            None => format!("am {}, {}", weekday_name(day, Lang::De), long_date(day)),
        };
        let where_ = match (&place, online) {
            (Some(town), false) => format!(" in {town}"),
            _ => String::new(),
        };
        let opener_kind = match self.dice.below(3) {
            1 if title.starts_with(format.name) => 2,
            kind => kind,
        };
        let opener = match opener_kind {
            0 => format!(
                "{}{where_} {when}: {} lädt Fachleute aus Kommunen, Handel und Immobilienwirtschaft ein, sich über {} auszutauschen.",
                format.name,
                organiser.nominative_cap(),
                theme.about
            ),
            1 => format!(
                "{} {} geht es um {} – mit Beispielen aus Städten und Gemeinden unterschiedlicher Größe.",
                capitalise(format.dative),
                quoted(&title),
                theme.about
            ),
            _ => format!(
                "{} veranstaltet {when}{where_} {} zum Thema „{}“.",
                organiser.nominative_cap(),
                format.accusative,
                theme.name
            ),
        };
        let problem = self.problem(theme);
        let content = match self.dice.below(3) {
            0 => format!("Vorgestellt werden unter anderem {}, {} und {}.", measures[0], measures[1], measures[2]),
            1 => format!("Im Mittelpunkt stehen erprobte Ansätze wie {} und {}.", measures[0], measures[1]),
            _ => format!("Anhand konkreter Beispiele geht es unter anderem um {} und {}.", measures[0], measures[1]),
        };
        let aim = format!("Referentinnen und Referenten aus der Praxis zeigen, wie es gelingen kann, {}.", theme.aim);
        let audience = match self.dice.below(3) {
            0 => format!("Die Veranstaltung richtet sich an {}.", theme.audience),
            1 => format!("Angesprochen sind vor allem {}.", theme.audience),
            _ => format!("Eingeladen sind {} – Vorkenntnisse sind nicht erforderlich.", theme.audience),
        };
        let mut practical = match price {
            Price::Free => "Die Teilnahme ist kostenfrei.".to_owned(),
            Price::Fee { cents, plus_vat } => {
                full_stop(format!("Der Teilnahmebeitrag beträgt {}", price_text(cents, plus_vat)))
            }
            Price::Unknown => "Informationen zu Kosten und Anmeldung gibt der Veranstalter bekannt.".to_owned(),
        };
        if let Some(places) = capacity {
            practical.push_str(&format!(" Die Zahl der Plätze ist auf {places} begrenzt."));
        }
        if let Some(deadline) = registration_deadline {
            practical.push_str(&format!(" Anmeldeschluss ist der {}.", long_date(deadline.date())));
        }
        if online {
            practical.push_str(" Den Zugangslink erhalten Angemeldete einige Tage vor dem Termin per E-Mail.");
        }
        let closing = match (self.dice.below(4), online) {
            (0, false) => "Im Anschluss besteht Gelegenheit zum Netzwerken bei einem kleinen Imbiss.",
            (1, _) => "Die Teilnehmenden erhalten im Nachgang die Präsentationen sowie eine kurze Dokumentation.",
            (2, _) => "Eigene Fragen und Fälle aus der Praxis sind willkommen und werden gemeinsam besprochen.",
            _ => "Ausreichend Zeit für Fragen und den Austausch unter Kolleginnen und Kollegen ist eingeplant.",
        }
        .to_owned();
        let speakers_sentence = match speakers.as_slice() {
            [] => None,
            [only] => Some(format!("Es spricht {}.", only.introduced())),
            many => {
                Some(format!("Es sprechen {}.", german_list(&many.iter().map(Contact::introduced).collect::<Vec<_>>())))
            }
        };

        let target = self.dice.between(380, 760) as usize;
        let summary_sentences = if self.dice.chance(50) {
            [opener.clone(), problem.clone(), content.clone(), audience.clone(), practical.clone(), closing.clone()]
        } else {
            [opener.clone(), content.clone(), problem.clone(), practical.clone(), audience.clone(), closing.clone()]
        };
        let summary = assemble(&summary_sentences, &fillers(theme), target);
        let mut description = vec![problem, opener, aim, content, audience];
        description.extend(speakers_sentence);
        description.extend([practical, closing, DEMO_NOTE.to_owned()]);
        let description = description.join(" ");

        let offering = Offering {
            key: String::new(),
            title,
            organiser: organiser.name,
            place,
            region,
            topics,
            source: self.source(),
            url: None,
            details: Details::Event(Event {
                format: format.name.to_owned(),
                starts,
                ends,
                venue,
                online,
                price,
                speakers: speakers.into_iter().map(Contact::into_person).collect(),
                code,
                capacity,
                registration_deadline,
                registration_note,
            }),
        };
        (offering, summary, description)
    }

    fn problem(&mut self, theme: &Theme) -> String {
        match self.dice.below(4) {
            0 => format!("Vielerorts zeigt sich: {}.", theme.problem),
            1 => format!("Die Ausgangslage ist bekannt: {}.", theme.problem),
            2 => format!("Hintergrund: {}.", theme.problem),
            _ => format!("{}.", theme.problem),
        }
    }

    fn project(&mut self) -> (Offering, String, String) {
        let theme = self.theme();
        let scope = self.scope(0, 8);
        let site = if scope == Scope::Local { self.site() } else { None };
        let organiser = match site {
            Some(site) => self.project_organiser(site),
            None => self.national_organiser(),
        };
        let place = site.map(|site| site.town.clone());
        let region = match site {
            Some(site) => RegionRef::Kreis(site.ags.clone()),
            None => RegionRef::Bundesweit,
        };

        let start_year = self.dice.between(2016, 2029) as i32;
        let start = YearMonth::new(start_year, self.dice.between(1, 12)).expect("months 1 to 12 exist");
        let months = self.dice.between(6, 48);
        let end_day = NaiveDate::from_ymd_opt(start.year(), start.month(), 1)
            .and_then(|first| first.checked_add_months(Months::new(months - 1)))
            .expect("project ends lie within chrono's range");
        let end = YearMonth::new(end_day.year(), end_day.month()).expect("a real month");
        let (period_from, period_to, period_note) = if self.dice.chance(8) {
            (None, None, Some((*self.dice.pick(PERIOD_NOTES)).to_owned()))
        } else {
            (Some(start), Some(end), None)
        };
        let measures = self.dice.distinct(theme.measures, 4);
        let goal_count = self.dice.between(2, 3) as usize;
        let goals: Vec<String> = self.dice.distinct(GOALS, goal_count).into_iter().map(str::to_owned).collect();
        let type_count = self.dice.between(1, 2) as usize;
        let project_types: Vec<String> =
            self.dice.distinct(PROJECT_TYPES, type_count).into_iter().map(str::to_owned).collect();
        let area_scope = vec![match site {
            Some(_) => (*self.dice.pick(LOCAL_SCOPES)).to_owned(),
            None => "bundesweit".to_owned(),
        }];
        let partners = self.partners(site, &organiser);
        let funder = self.funder(site);
        let contact = self.dice.chance(60).then(|| self.contact_at(&organiser.name));
        let topics = self.topics(theme);

        let name = self.dice.pick(theme.projects);
        let title = match (&place, self.dice.below(5)) {
            (Some(town), 0) => format!("{name} {town}"),
            (Some(town), 1) => format!("{town} {}plus – {}", start_year + self.dice.between(2, 6) as i32, theme.name),
            (Some(town), 2) => format!("Modellvorhaben „{name}“ in {town}"),
            (Some(town), 3) => format!("{name} {town}: {}", self.dice.pick(PROJECT_SLOGANS)),
            (Some(town), _) => format!("{}: {name} in {town}", theme.name),
            (None, _) => format!("Verbundprojekt „{name}“ – {}", theme.name),
        };
        // How sentences name the project: the title, or its quoted name where the title quotes.
        let label = if title.contains('„') { format!("„{name}“") } else { format!("„{title}“") };

        let opener_kind = match self.dice.below(3) {
            0 if title.contains(':') => 1,
            kind => kind,
        };
        let opener = match (opener_kind, &place) {
            (0, _) => {
                format!("{}: {} verfolgt mit dem Vorhaben das Ziel, {}.", title, organiser.nominative_cap(), theme.aim)
            }
            (1, _) => {
                format!("Mit dem Projekt {} setzt sich {} zum Ziel, {}.", label, organiser.nominative(), theme.aim)
            }
            (_, Some(town)) if !title.contains(town.as_str()) => {
                format!("Das Vorhaben {} in {town} soll helfen, {}.", label, theme.aim)
            }
            (_, Some(_)) => format!("Das Vorhaben {} soll helfen, {}.", label, theme.aim),
            (_, None) => format!("Das bundesweite Vorhaben {} soll helfen, {}.", label, theme.aim),
        };
        let problem = self.problem(theme);
        let period = match (period_from, period_to, &period_note) {
            (Some(from), Some(to), _) => format!("Das Projekt läuft von {} bis {}.", month_year(from), month_year(to)),
            (_, _, Some(note)) => format!("Die Laufzeit beträgt {note}."),
            _ => String::new(),
        };
        let content = match self.dice.below(2) {
            0 => format!("Geplant sind unter anderem {}, {} und {}.", measures[0], measures[1], measures[2]),
            _ => format!("Zu den Bausteinen gehören {} und {}.", measures[0], measures[1]),
        };
        let funding = match &funder {
            Some((_, phrase)) => format!("Gefördert wird das Vorhaben {phrase}."),
            None => format!("Finanziert wird das Vorhaben aus Eigenmitteln {}.", organiser.dative()),
        };
        let partners_sentence = match partners.as_slice() {
            [] => String::new(),
            [only] => full_stop(format!("Partner ist {only}")),
            many => full_stop(format!("Partner sind {}", german_list(many))),
        };
        let learning = match self.dice.below(3) {
            0 => "Die Erfahrungen sollen in einem Leitfaden festgehalten werden, damit auch andere Städte davon profitieren.",
            1 => "Eine wissenschaftliche Begleitung wertet aus, welche Maßnahmen tatsächlich wirken.",
            _ => "Zwischenergebnisse werden regelmäßig öffentlich vorgestellt und mit der Bürgerschaft diskutiert.",
        }
        .to_owned();
        let contact_sentence = contact.as_ref().map(|contact| format!("Ansprechperson ist {}.", contact.introduced()));

        let target = self.dice.between(380, 760) as usize;
        let summary = assemble(
            &[opener.clone(), period.clone(), content.clone(), funding.clone(), problem.clone(), learning.clone()],
            &fillers(theme),
            target,
        );
        let mut description = vec![problem, opener, content, period, funding, partners_sentence, learning];
        description.extend(contact_sentence);
        description.push(DEMO_NOTE.to_owned());
        description.retain(|sentence| !sentence.is_empty());
        let description = description.join(" ");

        let offering = Offering {
            key: String::new(),
            title,
            organiser: organiser.name.clone(),
            place,
            region,
            topics,
            source: self.source(),
            url: None,
            details: Details::Project(Project {
                period_from,
                period_to,
                period_note,
                goals,
                project_types,
                area_scope,
                partners,
                funder: funder.map(|(name, _)| name),
                contact: contact.map(Contact::into_person),
            }),
        };
        (offering, summary, description)
    }

    fn practice(&mut self) -> (Offering, String, String) {
        let theme = self.theme();
        let site = self.site();
        let organiser = match site {
            Some(site) => self.practice_organiser(site),
            None => self.national_organiser(),
        };
        let place = site.map(|site| site.town.clone());
        let region = match site {
            Some(site) => RegionRef::Kreis(site.ags.clone()),
            None => RegionRef::Bundesweit,
        };
        let measures = self.dice.distinct(theme.measures, 4);
        let key_elements: Vec<String> =
            measures.iter().take(self.dice.between(2, 4) as usize).map(|measure| key_element(measure)).collect();
        let contact = self.dice.chance(70).then(|| self.contact_at(&organiser.name));
        let topics = self.topics(theme);
        let name = self.dice.pick(theme.projects);
        let town = place.as_deref().unwrap_or("Deutschland");
        // The title, and how sentences name the approach.
        let (title, label) = match (self.dice.below(4), site.and_then(|site| site.adjective.as_deref())) {
            (0, Some(adjective)) => (format!("{adjective} Modell – {}", theme.name), format!("„{adjective} Modell“")),
            (1, _) => {
                (format!("{name} {town} – ein Beispiel für gelungene Zusammenarbeit"), format!("„{name} {town}“"))
            }
            (2, _) => (format!("{town}: {} als Erfolgsrezept", key_element(measures[0])), format!("„{name}“")),
            _ => (format!("Gute Praxis aus {town}: {}", theme.name), format!("„{name}“")),
        };
        let years = self.dice.between(2, 8);

        let opener = match self.dice.below(3) {
            0 => format!("{} zeigt, wie es gelingen kann, {}.", organiser.nominative_cap(), theme.aim),
            1 => format!("In {town} ist es gelungen, {}.", theme.aim),
            _ => format!("Mit dem Ansatz {} hat {} einen Weg gefunden, {}.", label, organiser.nominative(), theme.aim),
        };
        let problem = self.problem(theme);
        let content = match self.dice.below(2) {
            0 => format!("Kernelemente sind {}, {} und {}.", measures[0], measures[1], measures[2]),
            _ => format!("Den Erfolg tragen vor allem {} und {}.", measures[0], measures[1]),
        };
        let transfer = match self.dice.below(3) {
            0 => "Der Ansatz lässt sich mit überschaubarem Aufwand auf Städte ähnlicher Größe übertragen.",
            1 => "Besonders für Klein- und Mittelstädte ist das Beispiel interessant, weil es ohne große Budgets auskommt.",
            _ => "Wichtig war von Anfang an die enge Abstimmung mit Handel, Eigentümern und Verwaltung.",
        }
        .to_owned();
        let result = format!(
            "Nach {years} Jahren zieht {} eine positive Bilanz: {}.",
            organiser.nominative(),
            self.dice.pick(PRACTICE_RESULTS)
        );
        let contact_sentence =
            contact.as_ref().map(|contact| format!("Für Rückfragen steht {} zur Verfügung.", contact.introduced()));

        let target = self.dice.between(380, 760) as usize;
        let summary = assemble(
            &[opener.clone(), content.clone(), result.clone(), transfer.clone(), problem.clone()],
            &fillers(theme),
            target,
        );
        let mut description = vec![opener, problem, content, result, transfer];
        description.extend(contact_sentence);
        description.push(DEMO_NOTE.to_owned());
        let description = description.join(" ");

        let offering = Offering {
            key: String::new(),
            title,
            organiser: organiser.name.clone(),
            place: place.clone(),
            region,
            topics,
            source: self.source(),
            url: None,
            details: Details::Practice(Practice {
                organisation: organiser.name.clone(),
                municipality: place,
                key_elements,
                contact: contact.map(Contact::into_person),
            }),
        };
        (offering, summary, description)
    }

    fn roundtable(&mut self) -> (Offering, String, String) {
        let series_index = self.dice.below(SERIES.len());
        let series_name = SERIES[series_index].name;
        let series_themes = self.series_themes;
        let theme_index = *self.dice.pick(&series_themes[series_index]);
        let theme = &THEMES[theme_index];
        let scope = self.scope(10, 10);
        let site = if scope == Scope::Local { self.site() } else { None };
        let land = site.map_or(LAENDER.len(), |site| site.land);
        let (series, series_ref) = match site {
            Some(site) => (
                format!("Roundtable „{series_name}“ {}", site.land_name()),
                format!("„{series_name}“ in {}", site.land_name()),
            ),
            None => (format!("Roundtable „{series_name}“"), format!("„{series_name}“")),
        };
        let organiser = match site {
            Some(site) => {
                let (pattern, article) = SERIES[series_index].land_host;
                Org::new(pattern.replace("{}", site.land_name()), article)
            }
            None => {
                let (name, article) = SERIES[series_index].national_host;
                Org::new(name.to_owned(), article)
            }
        };
        let online = scope == Scope::Online;
        let place = site.map(|site| site.town.clone());
        let region = match (site, scope) {
            (Some(site), _) => RegionRef::Kreis(site.ags.clone()),
            (None, Scope::Online) => RegionRef::Online,
            (None, _) => RegionRef::Bundesweit,
        };

        // Numbering follows the calendar within each series: every series
        // (per Land) starts on its own date and meets every few weeks.
        let offset_months = ((series_index * 5 + land * 7) % 48) as u32;
        let epoch = first_day().checked_add_months(Months::new(offset_months)).expect("within range");
        let interval = 61 + 15 * ((series_index + land) % 5) as u64;
        let meetings = ((last_day() - epoch).num_days() as u64 / interval).clamp(1, 36);
        let number = self.dice.below(meetings as usize) as u32 + 1;
        let day = weekday_of(epoch + Days::new(u64::from(number - 1) * interval + self.dice.below(5) as u64));
        let (start_time, end_time) = *self.dice.pick(ROUNDTABLE_SLOTS);
        let starts = at(day, start_time);
        let ends = Some(at(day, end_time));
        let capacity = self.dice.chance(60).then(|| self.dice.between(12, 40));
        let registration_deadline = self.deadline(day, 50);
        let format =
            if online { "Online-Roundtable" } else { *self.dice.pick(&["Roundtable", "Roundtable mit Ortsbegehung"]) };
        let measures = self.dice.distinct(theme.measures, 3);
        let mut topics = self.topics(theme);
        if !topics.iter().any(|topic| topic == "Erfahrungsaustausch") && topics.len() < 4 {
            topics.push("Erfahrungsaustausch".to_owned());
        }
        let title = format!("{number}. {series} – Schwerpunktthema {}", theme.name);

        let opener = match self.dice.below(3) {
            0 => format!(
                "{number}. Termin der Roundtable-Reihe {series_ref}: Im Fokus steht das Thema „{}“.",
                theme.name
            ),
            1 => format!(
                "Beim {number}. Treffen der Roundtable-Reihe {series_ref} am {} geht es um {}.",
                long_date(day),
                theme.about
            ),
            _ => format!(
                "Die Roundtable-Reihe {series_ref} geht in die {number}. Runde – diesmal mit dem Schwerpunkt „{}“.",
                theme.name
            ),
        };
        let frame = match self.dice.below(2) {
            0 => "Die Reihe bietet Wirtschaftsförderungen, Stadtmarketing-Gesellschaften und Citymanagements einen vertraulichen Rahmen für Erfahrungsaustausch und Wissenstransfer.",
            _ => "In kleiner Runde berichten die Teilnehmenden aus ihrer Praxis und entwickeln gemeinsam Lösungsansätze.",
        }
        .to_owned();
        let problem = self.problem(theme);
        let content = format!("Impulsvorträge beleuchten unter anderem {} und {}.", measures[0], measures[1]);
        let location = match (&place, online) {
            (_, true) => " online".to_owned(),
            (Some(town), false) => format!(" in {town}"),
            (None, false) => String::new(),
        };
        let mut practical = format!(
            "Das Treffen findet am {}, {}, von {} bis {} Uhr{location} statt.",
            weekday_name(day, Lang::De),
            long_date(day),
            clock_time(starts.time().expect("roundtables have a time")),
            clock_time(ends.and_then(Moment::time).expect("roundtables have an end time")),
        );
        if let Some(places) = capacity {
            practical.push_str(&format!(" Die Teilnehmerzahl ist auf {places} begrenzt."));
        }
        if let Some(deadline) = registration_deadline {
            practical.push_str(&format!(" Anmeldungen sind bis zum {} möglich.", long_date(deadline.date())));
        }
        let host = format!("Gastgeber ist {}.", organiser.nominative());

        let target = self.dice.between(380, 760) as usize;
        let summary = assemble(
            &[opener.clone(), frame.clone(), content.clone(), problem.clone(), practical.clone()],
            &fillers(theme),
            target,
        );
        let description = [problem, opener, frame, content, host, practical, DEMO_NOTE.to_owned()].join(" ");

        let offering = Offering {
            key: String::new(),
            title,
            organiser: organiser.name,
            place,
            region,
            topics,
            source: self.source(),
            url: None,
            details: Details::Roundtable(Roundtable {
                series,
                number,
                focus: theme.name.to_owned(),
                format: format.to_owned(),
                starts,
                ends,
                online,
                capacity,
                registration_deadline,
            }),
        };
        (offering, summary, description)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::Kind;
    use crate::store::Store;

    fn kreise() -> Vec<Kreis> {
        Store::open_in_memory().unwrap().regions().unwrap().kreise
    }

    #[test]
    fn the_same_seed_gives_the_same_records() {
        let kreise = kreise();
        assert_eq!(generate(300, 5, &kreise), generate(300, 5, &kreise));
        assert_ne!(generate(300, 5, &kreise), generate(300, 6, &kreise));
    }

    #[test]
    fn fewer_records_are_a_prefix_of_more() {
        let kreise = kreise();
        let more = generate(200, 9, &kreise);
        assert_eq!(generate(50, 9, &kreise), more[..50]);
    }

    #[test]
    fn all_four_kinds_occur_in_a_realistic_mix() {
        let records = generate(1000, 1, &kreise());
        let count = |kind: Kind| records.iter().filter(|record| record.offering.kind() == kind).count();
        for kind in Kind::ALL {
            assert!(count(kind) > 0, "{kind:?} missing");
        }
        assert!((380..=520).contains(&count(Kind::Event)), "events: {}", count(Kind::Event));
        assert!((100..=220).contains(&count(Kind::Roundtable)), "roundtables: {}", count(Kind::Roundtable));
        let online = records.iter().filter(|record| record.offering.region == RegionRef::Online).count();
        let nationwide = records.iter().filter(|record| record.offering.region == RegionRef::Bundesweit).count();
        assert!((40..=130).contains(&online), "online: {online}");
        assert!((20..=100).contains(&nationwide), "bundesweit: {nationwide}");
    }

    #[test]
    fn summaries_have_300_to_1000_characters() {
        for kreise in [kreise(), Vec::new()] {
            for record in generate(3000, 11, &kreise) {
                let length = record.summary.chars().count();
                assert!((300..=1000).contains(&length), "{length} characters: {}", record.summary);
                assert!(record.description.chars().count() >= 300, "{}", record.description);
            }
        }
    }

    #[test]
    fn kreis_regions_come_from_the_given_list() {
        let kreise: Vec<Kreis> = kreise().into_iter().step_by(7).collect();
        let known: HashSet<&str> = kreise.iter().map(|kreis| kreis.ags.as_str()).collect();
        for record in generate(2000, 3, &kreise) {
            if let RegionRef::Kreis(ags) = &record.offering.region {
                assert!(known.contains(ags.as_str()), "{ags}");
                assert!(record.offering.place.is_some());
            }
        }
        let without = generate(500, 3, &[]);
        assert!(without.iter().all(|record| !matches!(record.offering.region, RegionRef::Kreis(_))));
    }

    #[test]
    fn keys_are_unique_and_records_marked_as_demo() {
        let records = generate(5000, 42, &kreise());
        let keys: HashSet<&str> = records.iter().map(|record| record.offering.key.as_str()).collect();
        assert_eq!(keys.len(), records.len());
        assert_eq!(records[17].offering.key, "demo-42-17");
        for record in &records {
            assert_eq!(record.offering.source.publisher, DEMO_PUBLISHER);
            assert!(record.offering.source.title.contains("Seed 42"));
            assert!((2..=4).contains(&record.offering.topics.len()), "{:?}", record.offering.topics);
        }
    }

    #[test]
    fn dates_and_prices_stay_in_range() {
        let first = first_day().and_time(NaiveTime::MIN);
        let last = NaiveDate::from_ymd_opt(2031, 12, 31).unwrap().and_time(NaiveTime::MIN);
        for record in generate(3000, 8, &kreise()) {
            let offering = &record.offering;
            if let Some(starts) = offering.starts() {
                assert!(starts.earliest() >= first && starts.earliest() <= last, "{starts}");
            }
            match &offering.details {
                Details::Event(event) => {
                    if let Price::Fee { cents, .. } = event.price {
                        assert!((4900..=89000).contains(&cents));
                    }
                    if let Some(deadline) = event.registration_deadline {
                        assert!(deadline.date() < event.starts.date());
                    }
                    assert!(event.ends.is_none_or(|ends| ends.earliest() > event.starts.earliest()));
                }
                Details::Project(project) => {
                    if let (Some(from), Some(to)) = (project.period_from, project.period_to) {
                        assert!(from < to);
                    }
                }
                Details::Roundtable(roundtable) => assert!(roundtable.number >= 1),
                Details::Practice(practice) => assert!(!practice.key_elements.is_empty()),
            }
        }
    }

    #[test]
    fn places_are_towns_not_kreis_names() {
        let kreise = kreise();
        let town = |ags: &str| Site::of(kreise.iter().find(|kreis| kreis.ags == ags).unwrap()).town;
        assert_eq!(town("01002"), "Kiel");
        assert_eq!(town("03155"), "Northeim");
        assert_eq!(town("06436"), "Hofheim am Taunus");
        assert_eq!(town("03241"), "Hannover");
        assert_eq!(town("15002"), "Halle (Saale)");
        for kreis in &kreise {
            let site = Site::of(kreis);
            assert!(!site.town.contains(',') && !site.town.contains("kreis"), "{}", site.town);
            assert!(site.land < LAENDER.len(), "{}", kreis.land_code);
        }
        assert_eq!(town_adjective("Einbeck").as_deref(), Some("Einbecker"));
        assert_eq!(town_adjective("Heide").as_deref(), Some("Heider"));
        assert_eq!(town_adjective("Dresden"), None);
    }

    #[test]
    #[ignore = "prints samples for a human to read"]
    fn print_samples() {
        for record in generate(12, 1, &kreise()) {
            println!("{}\n", serde_json::to_string_pretty(&record).unwrap());
        }
    }
}
