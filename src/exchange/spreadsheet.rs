//! What every CSV lotse writes for people (not for re-import) shares so
//! that German Excel opens it: a UTF-8 byte order mark, semicolons, CRLF,
//! and no cell that a spreadsheet would run as a formula.

use crate::sanitize::for_terminal;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Spreadsheets run cells that start like a formula; imported titles or
/// typed names must never become one (CSV injection).
pub fn cell(text: &str) -> String {
    let text = for_terminal(text);
    if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text }
}

/// The file `write_rows` fills, with Excel's conventions around it.
pub fn for_excel(write_rows: impl FnOnce(&mut csv::Writer<&mut Vec<u8>>) -> csv::Result<()>) -> csv::Result<Vec<u8>> {
    let mut out = BOM.to_vec();
    {
        let mut writer =
            csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(&mut out);
        write_rows(&mut writer)?;
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_the_file_starts_with_a_bom() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("Erika"), "Erika");
        let file = for_excel(|writer| writer.write_record(["a;b", "c"])).unwrap();
        assert_eq!(file, b"\xEF\xBB\xBF\"a;b\";c\r\n");
    }
}
