//! What a fetched document is and how its text is encoded: from the
//! Content-Type and the content itself, never from the URL's ending.

use std::borrow::Cow;

use encoding_rs::Encoding;

use crate::exchange::{Problem, What};

use super::model::SourceFormat;

/// The format the content shows, else the one the Content-Type names.
pub fn format(content_type: Option<&str>, bytes: &[u8]) -> Option<SourceFormat> {
    sniff(bytes).or_else(|| declared(content_type?))
}

fn declared(content_type: &str) -> Option<SourceFormat> {
    let mime = content_type.split(';').next()?.trim().to_ascii_lowercase();
    match mime.as_str() {
        "text/calendar" | "application/ics" => Some(SourceFormat::Calendar),
        "application/rss+xml"
        | "application/atom+xml"
        | "application/feed+json"
        | "application/xml"
        | "text/xml"
        | "application/rdf+xml" => Some(SourceFormat::Feed),
        "text/html" | "application/xhtml+xml" => Some(SourceFormat::Page),
        _ => None,
    }
}

fn sniff(bytes: &[u8]) -> Option<SourceFormat> {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head: String =
        String::from_utf8_lossy(&start[..start.len().min(1024)]).trim_start().chars().take(512).collect();
    let lowered = head.to_ascii_lowercase();
    if lowered.starts_with("begin:vcalendar") {
        return Some(SourceFormat::Calendar);
    }
    if lowered.starts_with("<!doctype html") || lowered.starts_with("<html") {
        return Some(SourceFormat::Page);
    }
    if lowered.starts_with('{') && lowered.contains("jsonfeed.org") {
        return Some(SourceFormat::Feed);
    }
    if lowered.starts_with('<') {
        let rest = after_prolog(&lowered);
        if ["<rss", "<feed", "<rdf:rdf"].iter().any(|root| rest.starts_with(root)) {
            return Some(SourceFormat::Feed);
        }
        if rest.starts_with("<html") {
            return Some(SourceFormat::Page);
        }
        // Some other XML: the feed reader says what is wrong with it.
        if lowered.starts_with("<?xml") {
            return Some(SourceFormat::Feed);
        }
    }
    None
}

/// The text after an XML declaration, comments, processing instructions and a doctype.
fn after_prolog(text: &str) -> &str {
    let mut rest = text.trim_start();
    loop {
        let end = if rest.starts_with("<?") {
            rest.find("?>").map(|end| end + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|end| end + 3)
        } else if rest.starts_with("<!doctype") {
            // A doctype with an internal subset ends at "]>", not at its first ">".
            match (rest.find('['), rest.find('>')) {
                (Some(open), Some(close)) if open < close => rest.find("]>").map(|end| end + 2),
                (_, close) => close.map(|end| end + 1),
            }
        } else {
            return rest;
        };
        match end {
            Some(end) => rest = rest[end..].trim_start(),
            None => return rest,
        }
    }
}

/// The document as text, in the charset the server declares, else the
/// one the document declares, else UTF-8. Bytes that are not valid in
/// that charset make the document unreadable rather than garbled.
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Result<Cow<'a, str>, Problem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::new(What::Empty));
    }
    let (bom_encoding, without_bom) = match Encoding::for_bom(bytes) {
        Some((encoding, length)) => (Some(encoding), &bytes[length..]),
        None => (None, bytes),
    };
    let label = content_type.and_then(charset_parameter).or_else(|| declared_in_document(without_bom));
    let encoding = bom_encoding
        .or_else(|| label.as_deref().and_then(|label| Encoding::for_label(label.as_bytes())))
        .unwrap_or(encoding_rs::UTF_8);
    match encoding.decode_without_bom_handling_and_without_replacement(without_bom) {
        Some(text) => Ok(text),
        None => {
            let valid = match std::str::from_utf8(without_bom) {
                Ok(_) => without_bom.len(),
                Err(error) => error.valid_up_to(),
            };
            let line = without_bom[..valid].iter().filter(|&&byte| byte == b'\n').count() + 1;
            Err(Problem::at_line(line, What::NotInCharset(encoding.name().to_owned())))
        }
    }
}

fn charset_parameter(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// `<?xml … encoding="ISO-8859-1"?>` or `<meta charset="windows-1252">` in
/// the document's first kilobyte, which is ASCII in every charset lotse reads.
fn declared_in_document(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    for marker in ["encoding=", "charset="] {
        if let Some(position) = head.find(marker) {
            let rest = head[position + marker.len()..].trim_start_matches(['"', '\'']);
            let label: String =
                rest.chars().take_while(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | ':')).collect();
            if !label.is_empty() {
                return Some(label);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_decides_before_the_content_type() {
        let ics = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
        assert_eq!(format(Some("text/plain"), ics), Some(SourceFormat::Calendar));
        assert_eq!(
            format(Some("application/octet-stream"), b"<?xml version=\"1.0\"?>\n<rss>"),
            Some(SourceFormat::Feed)
        );
        assert_eq!(format(None, b"<?xml version='1.0'?><!-- x --><feed xmlns=''>"), Some(SourceFormat::Feed));
        assert_eq!(format(Some("text/html; charset=utf-8"), b"<!DOCTYPE html><html>"), Some(SourceFormat::Page));
        assert_eq!(format(Some("text/calendar"), b"garbage"), Some(SourceFormat::Calendar));
        assert_eq!(format(Some("image/png"), b"\x89PNG"), None);
    }

    #[test]
    fn the_declared_charset_is_honoured() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>Gr\xf6\xdfe</rss>";
        assert!(decode(latin1, Some("application/rss+xml")).unwrap().contains("Größe"));
        assert!(decode(b"Gr\xf6\xdfe", Some("text/html; charset=windows-1252")).unwrap().contains("Größe"));
        assert!(decode(b"<meta charset=\"iso-8859-1\">Gr\xf6\xdfe", None).unwrap().contains("Größe"));
        assert_eq!(decode("Größe".as_bytes(), None).unwrap(), "Größe");
    }

    #[test]
    fn invalid_utf8_is_refused_with_its_line() {
        let problem = decode(b"eins\nzwei\xff\n", Some("text/calendar; charset=utf-8")).unwrap_err();
        assert_eq!(problem.line, Some(2));
        assert_eq!(problem.what, What::NotInCharset("UTF-8".into()));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_decoded_or_refused(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
                                            charset in "(utf-8|iso-8859-1|windows-1252|klingonisch)?") {
            let content_type = format!("text/html; charset={charset}");
            let _ = decode(&bytes, Some(&content_type));
            let _ = format(Some(&content_type), &bytes);
        }
    }
}
