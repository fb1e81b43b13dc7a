//! The file an import is given, read as a `Table` whatever it is: CSV text, or a sheet of an Excel
//! (.xlsx, .xls) or LibreOffice (.ods) workbook. What the file is comes from its first bytes, not its
//! name: an .xlsx renamed .csv is read as the workbook it is, and CSV text named .xlsx (a file saved
//! with the wrong name, or a half download) is refused with what it really is, rather than imported
//! from a file the secretary believes is something else.

use super::table::{Rows, Table, csv_rows, read_table};
use super::workbook::{Format, read_workbook};
use super::xls_guard::check_xls;
use super::zip_guard::{Zipped, inspect};
use crate::desk::Problem;
use crate::text::for_terminal;

/// A workbook larger than this is not a submissions sheet (an .xlsx of 5,000 submissions is well
/// under a megabyte; the limit on what it unpacks to is `zip_guard`'s).
pub const MAX_WORKBOOK_BYTES: usize = 64 * 1024 * 1024;

/// The first bytes of an OLE compound file: .xls, and the wrapper Excel puts round an encrypted
/// .xlsx.
const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads `bytes` (the contents of `file`) as a table: CSV, or the sheet `sheet` of a workbook (its
/// first by default). Returns the name problems are to use for the source (`file`, or `file:sheet`
/// for a workbook) with the table, or `None` with the reason among `problems`.
pub fn read_input(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<(String, Table)> {
    match open(file, bytes, sheet, problems)? {
        Opened::Csv(bytes) => read_table(file, bytes, problems).map(|t| (file.to_string(), t)),
        Opened::Workbook(source, table) => Some((source, table)),
    }
}

/// Like `read_input`, with the rows handed out one at a time (`Rows`) instead of all read first, for
/// a file that may be large (an import of 100,000 submissions). A CSV file's bytes are kept by the
/// rows until the last is read; a workbook's sheet is read whole (the bytes are let go then).
pub fn stream_input<B: AsRef<[u8]>>(
    file: &str,
    bytes: B,
    sheet: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<(String, Vec<String>, Rows<B>)> {
    match open(file, bytes, sheet, problems)? {
        Opened::Csv(bytes) => csv_rows(file, bytes, problems)
            .map(|(header, rows)| (file.to_string(), header, Rows::Csv(Box::new(rows)))),
        Opened::Workbook(source, table) => {
            Some((source, table.header, Rows::Read(table.rows.into_iter())))
        }
    }
}

/// What a file turned out to be: CSV text still to read, or a workbook's sheet read whole.
enum Opened<B> {
    Csv(B),
    Workbook(String, Table),
}

/// Tells what `bytes` are and reads a workbook's sheet; CSV text is handed back to be read.
fn open<B: AsRef<[u8]>>(
    file: &str,
    bytes: B,
    sheet: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<Opened<B>> {
    let whole = |problems: &mut Vec<Problem>, message: &str| {
        problems.push(Problem::new(
            0,
            for_terminal(&format!("{file}: {message}")).into_owned(),
        ));
    };
    let format = match kind(file, bytes.as_ref()) {
        Ok(Some(format)) => format,
        Ok(None) => {
            if sheet.is_some() {
                whole(
                    problems,
                    "is CSV text, which has no sheets: leave out --sheet",
                );
                return None;
            }
            return Some(Opened::Csv(bytes));
        }
        Err(message) => {
            whole(problems, &message);
            return None;
        }
    };
    let bytes = bytes.as_ref();
    if bytes.len() > MAX_WORKBOOK_BYTES {
        whole(
            problems,
            &format!(
                "is {} bytes: larger than any workbook jurydesk reads ({MAX_WORKBOOK_BYTES})",
                bytes.len()
            ),
        );
        return None;
    }
    if format == Format::Xls
        && let Err(message) = check_xls(bytes)
    {
        whole(problems, &message);
        return None;
    }
    match read_workbook(file, bytes, format, sheet, problems) {
        Ok(Some((name, table))) => Some(Opened::Workbook(format!("{file}:{name}"), table)),
        Ok(None) => None,
        Err(message) => {
            whole(problems, &message);
            None
        }
    }
}

/// What the bytes are: `Ok(None)` for text (CSV), the workbook format, or why the file is neither.
fn kind(file: &str, bytes: &[u8]) -> Result<Option<Format>, String> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if bytes.len() > MAX_WORKBOOK_BYTES {
            return Ok(Some(Format::Xlsx));
        }
        return match inspect(bytes)? {
            Zipped::Xlsx => Ok(Some(Format::Xlsx)),
            Zipped::Ods => Ok(Some(Format::Ods)),
            Zipped::Xlsb => Err(
                "is an Excel binary workbook (.xlsb): save it as an Excel workbook (.xlsx) and \
                 import that"
                    .into(),
            ),
            Zipped::Word => Err("is a Word document, not a spreadsheet".into()),
            Zipped::OtherOpenDocument(mime) => Err(format!(
                "is an OpenDocument file of another kind ({mime}), not a spreadsheet"
            )),
            Zipped::Other => {
                Err("is a zip archive, not a workbook: unpack it, or export the sheet again".into())
            }
        };
    }
    if bytes.starts_with(&COMPOUND_FILE) {
        if contains_utf16(bytes, "EncryptedPackage") {
            return Err(
                "is password-protected (encrypted): open it in Excel or LibreOffice, remove the \
                 password, save it and import again"
                    .into(),
            );
        }
        return Ok(Some(Format::Xls));
    }
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let start = start.trim_start_matches('\u{FEFF}').trim_start();
    if start.starts_with('<')
        && [
            "<html",
            "<table",
            "<!doctype html",
            "urn:schemas-microsoft-com:office",
        ]
        .iter()
        .any(|tag| start.contains(tag))
    {
        return Err(
            "is a web page or XML, not a workbook (some sites call such an export \"Excel\"): \
             open it in Excel or LibreOffice and save it as .xlsx or CSV UTF-8"
                .into(),
        );
    }
    let extension = std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if let Some(ext @ ("xlsx" | "xlsm" | "xls" | "ods")) = extension.as_deref() {
        let what = if bytes.is_empty() {
            "is empty".to_string()
        } else if std::str::from_utf8(bytes).is_ok() {
            "holds text (CSV?)".to_string()
        } else {
            "is no workbook jurydesk knows".to_string()
        };
        return Err(format!(
            "is named .{ext} but {what}, not a workbook: if it is CSV, rename it to .csv; \
             otherwise open it in a spreadsheet and save it again"
        ));
    }
    Ok(None)
}

/// Whether `needle` appears in `bytes` as UTF-16LE (how a compound file names its streams).
fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let wanted: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(wanted.len()).any(|w| w == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(file: &str, bytes: &[u8], sheet: Option<&str>) -> String {
        let mut problems = Vec::new();
        assert!(read_input(file, bytes, sheet, &mut problems).is_none());
        problems[0].text.clone()
    }

    #[test]
    fn text_is_csv_unless_its_name_says_workbook() {
        let mut problems = Vec::new();
        let (label, table) = read_input("a.csv", b"title\nA\n", None, &mut problems).unwrap();
        assert_eq!((label.as_str(), table.rows.len()), ("a.csv", 1));
        assert!(problem("a.xlsx", b"title\nA\n", None).contains("is named .xlsx but holds text"));
        assert!(problem("a.csv", b"title\nA\n", Some("S")).contains("leave out --sheet"));
        assert!(problem("a.xls", b"<html><table>", None).contains("web page"));
    }

    #[test]
    fn other_containers_say_what_they_are() {
        let mut cfb = COMPOUND_FILE.to_vec();
        cfb.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(problem("a.xlsx", &cfb, None).contains("password-protected"));
        assert!(problem("a.xls", &COMPOUND_FILE, None).contains("damaged"));
    }
}
