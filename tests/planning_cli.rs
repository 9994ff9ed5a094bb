//! `lotse termine`, `lotse fristen`, `lotse search --near` and the home
//! place, run as the real binary with a pinned clock.

mod common;

use common::binary::{command, failed, stderr, succeeded};
use common::deadline_db;

fn lotse_on(db: &std::path::Path, now: &str, args: &[&str]) -> std::process::Output {
    command(db, args).env("LOTSE_NOW", now).output().unwrap()
}

const NEWSLETTER_DAY: &str = "2020-10-01";

#[test]
fn termine_groups_the_october_dates_by_week_and_day() {
    let (_dir, db) = deadline_db();
    let text = succeeded(&lotse_on(&db, NEWSLETTER_DAY, &["termine", "--tage", "30"]));
    let kw40 = text.find("KW 40").expect("KW 40");
    let kw41 = text.find("KW 41").expect("KW 41");
    let first_talk = text.find("Vitale Standorte").unwrap();
    let roundtable = text.find("Roundtable: 3. Roundtable").unwrap();
    assert!(kw40 < first_talk && first_talk < kw41 && kw41 < roundtable, "{text}");
    assert!(text.contains("  Dienstag, 06.10.2020\n    10:00 Uhr WebTalk: Die größte Zukunft aller Zeiten"), "{text}");
    assert!(text.contains("Anmeldeschluss: Herbst-Konferenz 2020"), "{text}");
    let short = succeeded(&lotse_on(&db, NEWSLETTER_DAY, &["termine", "--tage", "3"]));
    assert!(short.contains("KW 40") && !short.contains("KW 41"), "{short}");
}

#[test]
fn termine_flags_own_registrations_that_overlap() {
    let (_dir, db) = deadline_db();
    let register = |key: &str| {
        succeeded(&lotse_on(
            &db,
            "2020-09-20",
            &["register", key, "--name", "Erika Muster", "--email", "erika@hattersheim.de", "--org", "WiFö"],
        ))
    };
    // Own registrations are the profile's (#14.4), not whoever was registered.
    succeeded(&lotse_on(
        &db,
        "2020-09-20",
        &["profile", "set", "--name", "Erika Muster", "--email", "erika@hattersheim.de", "--org", "WiFö"],
    ));
    register("stadtretter-roundtable-leerstand-3");
    register("stadtretter-webtalk-willkommen-2020");
    let mine = succeeded(&lotse_on(&db, NEWSLETTER_DAY, &["termine", "--nur-meine"]));
    assert!(mine.contains("✓ 13:00 Uhr Roundtable") && mine.contains("✓ 14:30 Uhr WebTalk"), "{mine}");
    assert!(!mine.contains("Vitale Standorte"), "only own registrations: {mine}");
    assert!(!mine.contains("überschneidet"), "13:00 and 14:30 do not clash: {mine}");
    let json = succeeded(&lotse_on(&db, NEWSLETTER_DAY, &["termine", "--format", "json"]));
    let listed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let roundtable = listed.as_array().unwrap().iter().find(|entry| entry["what"] == "roundtable").unwrap();
    assert_eq!((roundtable["week"].as_u64(), roundtable["mine"].as_bool()), (Some(41), Some(true)));
}

#[test]
fn fristen_lists_deadlines_within_the_days_asked() {
    let (_dir, db) = deadline_db();
    let none = lotse_on(&db, NEWSLETTER_DAY, &["fristen"]);
    assert!(succeeded(&none).is_empty());
    assert!(String::from_utf8_lossy(&none.stderr).contains("Keine Termine in den nächsten 7 Tagen"));
    let soon = succeeded(&lotse_on(&db, "2020-10-18", &["fristen"]));
    assert!(soon.contains("Mittwoch, 21.10.2020") && soon.contains("Anmeldeschluss: Herbst-Konferenz"), "{soon}");
    assert!(!soon.contains("WebTalk"), "deadlines only: {soon}");
    let english = succeeded(&lotse_on(&db, "2020-10-18", &["--lang", "en", "deadlines"]));
    assert!(english.contains("Week 43") && english.contains("Registration closes: Herbst-Konferenz"), "{english}");
}

#[test]
fn near_finds_the_campus_around_hattersheim_but_not_around_berlin() {
    let (_dir, db) = deadline_db();
    let near = succeeded(&lotse_on(&db, NEWSLETTER_DAY, &["search", "campus", "--near", "65795", "--km", "20"]));
    assert!(near.contains("Taunus Innovation Campus") && near.contains(", 0 km"), "{near}");
    let far = lotse_on(&db, NEWSLETTER_DAY, &["search", "campus", "--near", "Berlin", "--km", "20"]);
    assert!(!succeeded(&far).contains("Taunus"));
    let ambiguous = failed(&lotse_on(&db, NEWSLETTER_DAY, &["search", "stadt", "--near", "Burgstaedt"]));
    assert!(ambiguous.contains("09217 Burgstädt (Mittelsachsen)") && ambiguous.contains("Postleitzahl"), "{ambiguous}");
}

#[test]
fn without_a_term_near_lists_every_offering_in_the_radius_nearest_first() {
    let (_dir, db) = deadline_db();
    let json =
        succeeded(&lotse_on(&db, NEWSLETTER_DAY, &["search", "--near", "65795", "--km", "400", "--format", "json"]));
    let found: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let km: Vec<u64> = found.iter().map(|item| item["km"].as_u64().unwrap()).collect();
    assert!(km.len() >= 3 && km.is_sorted() && km.iter().all(|&km| km <= 400), "{json}");
    assert_eq!(found[0]["key"], "taunus-innovation-campus");
    // Each one is also found, at the same distance, by its own title.
    for item in &found {
        let key = item["key"].as_str().unwrap();
        let by_title = succeeded(&lotse_on(
            &db,
            NEWSLETTER_DAY,
            &[
                "search",
                item["title"].as_str().unwrap(),
                "--near",
                "65795",
                "--km",
                "400",
                "--format",
                "json",
                "--limit",
                "50",
            ],
        ));
        let by_title: Vec<serde_json::Value> = serde_json::from_str(&by_title).unwrap();
        assert!(by_title.iter().any(|hit| hit["key"] == key && hit["km"] == item["km"]), "{key}");
    }
    let nearest =
        succeeded(&lotse_on(&db, NEWSLETTER_DAY, &["search", "--near", "65795", "--km", "400", "--limit", "1"]));
    assert_eq!(nearest.lines().count(), 1);
    assert!(nearest.contains("Taunus Innovation Campus"), "{nearest}");
    let roundtables = succeeded(&lotse_on(&db, NEWSLETTER_DAY, &["search", "--kind", "roundtable"]));
    assert!(roundtables.lines().all(|line| line.contains("[roundtable]")) && !roundtables.is_empty());
    let nothing = lotse_on(&db, NEWSLETTER_DAY, &["search"]);
    assert_eq!(nothing.status.code(), Some(2), "a usage error, as clap's");
    assert!(stderr(&nothing).contains("SUCHBEGRIFF"), "a bare search still wants a term: {}", stderr(&nothing));
}

#[test]
fn the_home_place_comes_from_the_profile_or_the_config_file() {
    let (dir, db) = deadline_db();
    let no_home = failed(&lotse_on(&db, NEWSLETTER_DAY, &["search", "campus", "--km", "30"]));
    assert!(no_home.contains("--heimatort"), "{no_home}");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "heimatort = \"Berlin\"\n").unwrap();
    let around_berlin =
        command(&db, &["search", "campus", "--km", "30"]).env("LOTSE_CONFIG", &config).output().unwrap();
    assert!(!succeeded(&around_berlin).contains("Taunus"));
    let set = succeeded(&lotse_on(&db, NEWSLETTER_DAY, &["profile", "set", "--heimatort", "Hattersheim am Main"]));
    assert!(set.contains("Heimatort: Hattersheim (Main-Taunus-Kreis)"), "{set}");
    let profile_wins = command(&db, &["search", "campus", "--km", "30"]).env("LOTSE_CONFIG", &config).output().unwrap();
    assert!(succeeded(&profile_wins).contains("Taunus Innovation Campus"));
    let unknown = failed(&lotse_on(&db, NEWSLETTER_DAY, &["profile", "set", "--heimatort", "Atlantis"]));
    assert!(unknown.contains("„Atlantis“ ist kein bekannter Ort"), "{unknown}");
    assert!(succeeded(&lotse_on(&db, NEWSLETTER_DAY, &["profile", "show"])).contains("Hattersheim"));
}
