//! The queries users found wrong, typed key by key into the real dashboard
//! in tmux: every tab's count must be what `lotse search` finds.

mod common;

use common::binary;
use common::tmux::Tmux;

fn expected_header(db: &std::path::Path, query: &str) -> String {
    let output = binary::command(db, &["search", query, "--limit", "100000", "--format", "json"])
        .env("LOTSE_NOW", "2020-10-01")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", binary::stderr(&output));
    let found: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let count = |kind: &str| found.iter().filter(|hit| hit["kind"] == kind).count();
    format!(
        "1 Veranstaltungen ({}) │ 2 Projekte ({}) │ 3 Best Practices ({}) │ 4 Roundtables ({})",
        count("event"),
        count("project"),
        count("practice"),
        count("roundtable")
    )
}

#[test]
fn typed_key_by_key_the_dashboard_finds_what_lotse_search_finds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lotse.db");
    let filled = binary::lotse(&db, &["demo-data", "--count", "1000", "--seed", "7"]);
    assert!(filled.status.success(), "{}", binary::stderr(&filled));
    let tmux = Tmux::start(200, 40);
    tmux.start_lotse(&db, "LOTSE_NOW=2020-10-01");
    tmux.wait_for("1 Veranstaltungen (");
    for query in
        ["pandemie", "wirtschaftsfoerderung", "kommunen", "parkraumkonzept", "sitzgelegenheiten", "wirtschaftsförd"]
    {
        let expected = expected_header(&db, query);
        tmux.keys(&["/"]);
        tmux.type_text(query);
        let screen = tmux.wait_until(&expected, |screen| screen.contains(&expected) && screen.contains(query));
        assert!(screen.contains(&format!("Suche: {query}")), "{screen}");
        tmux.keys(&["Escape"]);
        tmux.wait_until("the search cleared", |screen| !screen.contains("Suche:"));
    }
    tmux.keys(&["q"]);
    tmux.assert_terminal_restored();
}
