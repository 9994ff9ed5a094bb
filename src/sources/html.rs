//! What lotse reads from HTML, through the `scraper` crate's HTML5 parser:
//! plain text from markup, JSON-LD blocks, and autodiscovery links.

use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose end is a line break in plain text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
];

/// Markup as plain text: text only, paragraphs and list items on lines of
/// their own, scripts and styles dropped, spaces collapsed.
pub fn text_of(markup: &str) -> String {
    let fragment = Html::parse_fragment(markup);
    let mut out = String::new();
    collect_text(fragment.root_element(), &mut out);
    let lines: Vec<String> =
        out.split('\n').map(|line| line.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let mut text = String::new();
    for line in lines {
        if line.is_empty() {
            if !text.is_empty() && !text.ends_with("\n\n") {
                text.push('\n');
            }
            continue;
        }
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&line);
    }
    text.trim().to_owned()
}

fn collect_text(element: ElementRef, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(inner) => {
                let name = inner.name();
                if matches!(name, "script" | "style" | "template" | "noscript") {
                    continue;
                }
                if let Some(inner) = ElementRef::wrap(child) {
                    collect_text(inner, out);
                }
                if BLOCKS.contains(&name) {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// Whether a text looks like markup rather than plain text.
pub fn is_markup(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.contains("</")
        || trimmed.contains("/>")
        || trimmed.contains("<br")
        || trimmed.contains("&lt;")
        || trimmed.contains("&amp;")
        || trimmed.contains("&nbsp;")
}

fn selector(css: &str) -> Selector {
    // Only called with the constant selectors below, which parse.
    Selector::parse(css).expect("a constant CSS selector")
}

/// The text of every `<script type="application/ld+json">` on the page.
pub fn json_ld_blocks(page: &str) -> Vec<String> {
    let document = Html::parse_document(page);
    document
        .select(&selector("script[type]"))
        .filter(|script| {
            script.value().attr("type").is_some_and(|kind| {
                kind.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("application/ld+json")
            })
        })
        .map(|script| script.text().collect::<String>())
        .collect()
}

/// The first feed or calendar a page points to with `<link rel="alternate">`,
/// as an absolute address.
pub fn alternate(page: &str, base: &str) -> Option<String> {
    const KINDS: [&str; 4] = ["text/calendar", "application/atom+xml", "application/rss+xml", "application/feed+json"];
    let document = Html::parse_document(page);
    let base = url::Url::parse(base).ok();
    document.select(&selector("link[rel][href]")).find_map(|link| {
        let element = link.value();
        let alternate = element.attr("rel")?.split_ascii_whitespace().any(|rel| rel.eq_ignore_ascii_case("alternate"));
        let kind = element.attr("type")?.trim().to_ascii_lowercase();
        if !alternate || !KINDS.contains(&kind.as_str()) {
            return None;
        }
        let href = element.attr("href")?.trim();
        let absolute = match &base {
            Some(base) => base.join(href).ok()?,
            None => url::Url::parse(href).ok()?,
        };
        matches!(absolute.scheme(), "http" | "https" | "webcal").then(|| absolute.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_plain_text() {
        let html = "<p>Erste <b>Zeile</b></p><ul><li>eins</li><li>zwei &amp; drei</li></ul><script>alert(1)</script>";
        assert_eq!(text_of(html), "Erste Zeile\neins\nzwei & drei");
        assert_eq!(text_of("schlicht"), "schlicht");
    }

    #[test]
    fn json_ld_blocks_are_found_by_type() {
        let page = r#"<html><head><script type="application/ld+json">{"@type":"Event"}</script>
            <script type="text/javascript">var x;</script></head></html>"#;
        assert_eq!(json_ld_blocks(page), [r#"{"@type":"Event"}"#]);
    }

    #[test]
    fn autodiscovery_links_become_absolute() {
        let page = r#"<html><head><link rel="stylesheet" href="a.css">
            <link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>"#;
        assert_eq!(alternate(page, "http://127.0.0.1:9/seite/").as_deref(), Some("http://127.0.0.1:9/feed.xml"));
        assert_eq!(alternate("<html></html>", "http://127.0.0.1:9/"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panic(text in ".{0,300}") {
            let _ = text_of(&text);
            let _ = json_ld_blocks(&text);
            let _ = alternate(&text, "http://127.0.0.1/");
        }
    }
}
