//! The one gate between stored text and the terminal: control characters,
//! escape sequences and bidi overrides never reach the screen. Imports use
//! the same rules to clean text before it is stored.

/// Removes escape sequences (CSI, OSC, DCS and the like), C0/C1 control
/// characters and the Unicode bidi controls that can disguise text.
/// Tabs and line breaks become single spaces.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            // C1 introducers (CSI, OSC, DCS, ...) as single code points.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{9d}' | '\u{9e}' | '\u{9f}' | '\u{98}' => skip_string(&mut chars),
            '\t' | '\n' | '\r' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            ch if ch.is_control() || is_bidi_control(ch) => {}
            ch => out.push(ch),
        }
    }
    out
}

/// Like [`for_terminal`] but keeps paragraph breaks, for long texts that are wrapped.
pub fn paragraphs_for_terminal(text: &str) -> Vec<String> {
    text.split('\n').map(|line| for_terminal(line).trim_end().to_owned()).collect()
}

/// A one-line field as it is stored: what [`for_terminal`] keeps, without
/// surrounding spaces. Applying it twice changes nothing.
pub fn clean_line(text: &str) -> String {
    for_terminal(text).trim().to_owned()
}

/// A long text as it is stored: line breaks (`\r\n`, `\r`) become `\n`,
/// everything else as in [`clean_line`]; no trailing spaces on a line, no
/// blank lines at either end. Applying it twice changes nothing.
pub fn clean_text(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    paragraphs_for_terminal(&unified).join("\n").trim().to_owned()
}

fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape_sequence(chars: &mut Chars) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // Two-character sequences such as ESC c (reset) or ESC 7.
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

/// CSI: parameter and intermediate bytes up to one final byte in @..~.
fn skip_csi(chars: &mut Chars) {
    for ch in chars.by_ref() {
        if ('@'..='~').contains(&ch) {
            break;
        }
        if !(' '..='?').contains(&ch) {
            break;
        }
    }
}

/// OSC, DCS and friends: up to BEL or the string terminator ESC \.
fn skip_string(chars: &mut Chars) {
    while let Some(ch) = chars.next() {
        match ch {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_german_text_passes_unchanged() {
        let text = "Zukunft der Städte – Straße, Größe, 549,00 € 🚀";
        assert_eq!(for_terminal(text), text);
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(for_terminal("A\u{1b}[2JB"), "AB");
        assert_eq!(for_terminal("A\u{1b}[1;31mrot\u{1b}[0m"), "Arot");
        assert_eq!(for_terminal("x\u{1b}]52;c;ZXZpbA==\u{7}y"), "xy", "OSC 52 clipboard write");
        assert_eq!(for_terminal("x\u{1b}]0;title\u{1b}\\y"), "xy");
        assert_eq!(for_terminal("x\u{9b}31my"), "xy");
        assert_eq!(for_terminal("reset\u{1b}c"), "reset");
    }

    #[test]
    fn controls_and_bidi_overrides_are_dropped() {
        assert_eq!(for_terminal("a\u{0}b\u{7}c\u{7f}d"), "abcd");
        assert_eq!(for_terminal("evil\u{202e}txt.exe"), "eviltxt.exe");
        assert_eq!(for_terminal("eins\tzwei\r\ndrei"), "eins zwei drei");
    }

    #[test]
    fn stored_text_keeps_lines_but_no_controls() {
        assert_eq!(clean_line("  Titel\u{1b}[2J mit\tTab \n"), "Titel mit Tab");
        assert_eq!(clean_text("Absatz eins\r\n\r\nzwei\u{202e}  \rdrei\n\n"), "Absatz eins\n\nzwei\ndrei");
    }

    #[test]
    fn paragraphs_keep_their_breaks() {
        assert_eq!(paragraphs_for_terminal("eins\n\nzwei\u{1b}[2J"), vec!["eins", "", "zwei"]);
    }
}
