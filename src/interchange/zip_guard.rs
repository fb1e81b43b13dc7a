//! What a zip-based workbook (.xlsx, .ods) holds, checked before calamine opens it, so that a small
//! hostile file cannot make jurydesk eat the machine's memory.
//!
//! calamine reads a sheet's XML through the zip and keeps the shared strings and each sheet it reads
//! in memory, with no limit of its own on how far a part may expand; an .ods is read whole when it is
//! opened, its repeated rows and cells expanded up to 100 million cells. So every part is inflated
//! once here, counting (and dropping) the bytes, and refused past `MAX_UNZIPPED_BYTES`; the cells an
//! .ods's repeats stand for are counted from its content.xml without expanding them. Inflating twice
//! costs a little time on a sheet of a few megabytes; it is what makes the limit true whatever sizes
//! the zip's directory claims.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// All the parts of a workbook together, inflated. A FilmFreeway export of 5,000 submissions is a few
/// megabytes of XML.
pub const MAX_UNZIPPED_BYTES: u64 = 200 * 1024 * 1024;

/// The cells an .ods may stand for once its repeated rows and cells are expanded, in one sheet and in
/// all its sheets together (calamine expands them into one grid per sheet, every sheet, when it
/// opens the file).
pub const MAX_ODS_CELLS: u64 = 5_000_000;

/// What kind of document a zip is, from the names of its parts and its `mimetype`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zipped {
    Xlsx,
    Xlsb,
    Ods,
    /// Another OpenDocument (a text document, a presentation): its mimetype.
    OtherOpenDocument(String),
    Word,
    Other,
}

/// Checks every part of the zip in `bytes` and says what the zip is; `Err` says why it is refused.
pub fn inspect(bytes: &[u8]) -> Result<Zipped, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("is a damaged zip file ({e}): is the download complete?"))?;
    let names: Vec<String> = archive
        .file_names_raw()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    let mut budget = MAX_UNZIPPED_BYTES;
    let mut mimetype = String::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .map_err(|e| format!("has a part that cannot be read ({e}): is it damaged?"))?;
        if entry.encrypted() {
            return Err(
                "is encrypted: open it, remove the password, save it and import again".into(),
            );
        }
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        // The size the directory claims first (cheap), then the size the part really has.
        if entry.size() > budget {
            return Err(too_large());
        }
        let mut limited = entry.take(budget + 1);
        let read = if name == "content.xml" {
            count_ods_cells(&mut limited)?
        } else if name == "mimetype" {
            let mut text = Vec::new();
            let n = (&mut limited)
                .take(200)
                .read_to_end(&mut text)
                .map_err(|e| damaged(&name, &e))?;
            mimetype = String::from_utf8_lossy(&text).trim().to_string();
            n as u64
                + std::io::copy(&mut limited, &mut std::io::sink())
                    .map_err(|e| damaged(&name, &e))?
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).map_err(|e| damaged(&name, &e))?
        };
        if read > budget {
            return Err(too_large());
        }
        budget -= read;
    }
    let has = |part: &str| names.iter().any(|n| n == part);
    Ok(if has("xl/workbook.xml") {
        Zipped::Xlsx
    } else if has("xl/workbook.bin") {
        Zipped::Xlsb
    } else if mimetype == "application/vnd.oasis.opendocument.spreadsheet" {
        Zipped::Ods
    } else if mimetype.starts_with("application/vnd.oasis.opendocument") {
        Zipped::OtherOpenDocument(mimetype)
    } else if has("word/document.xml") {
        Zipped::Word
    } else {
        Zipped::Other
    })
}

fn too_large() -> String {
    format!(
        "unpacks to more than {} MB: larger than any sheet jurydesk reads (a zip bomb?)",
        MAX_UNZIPPED_BYTES / (1024 * 1024)
    )
}

fn damaged(part: &str, e: &dyn std::fmt::Display) -> String {
    format!("has a part ({part}) that cannot be unpacked ({e}): is it damaged?")
}

/// Reads an .ods's content.xml to the end, counting the cells its sheets stand for (each sheet from
/// its first row holding a value to its last, as wide as its widest such row, repeats counted);
/// returns the bytes read. Refuses a document past `MAX_ODS_CELLS`.
fn count_ods_cells(content: &mut impl Read) -> Result<u64, String> {
    let mut counted = Counting {
        inner: content,
        bytes: 0,
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(&mut counted));
    let mut buf = Vec::new();
    let mut sheet = Sheet::default();
    let mut row = Row::default();
    // calamine expands every sheet of the document when it opens it: the limit is on them all.
    let mut workbook_cells: u64 = 0;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("has a content.xml that is not XML ({e}): is it damaged?"))?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == "table" => sheet = Sheet::default(),
            Event::Start(e) if e.local_name().as_ref() == "table-row" => {
                row = Row {
                    repeats: repeats(&e, "number-rows-repeated"),
                    ..Row::default()
                };
            }
            Event::Empty(e) if e.local_name().as_ref() == "table-row" => {
                sheet.rows = sheet
                    .rows
                    .saturating_add(repeats(&e, "number-rows-repeated"));
            }
            Event::Start(e) | Event::Empty(e)
                if matches!(e.local_name().as_ref(), "table-cell" | "covered-table-cell") =>
            {
                let n = repeats(&e, "number-columns-repeated");
                row.width = row.width.saturating_add(n);
                let typed = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.local_name().as_ref() == "value-type");
                if typed {
                    row.extent = row.width;
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "p" => row.extent = row.width,
            Event::End(e) if e.local_name().as_ref() == "table-row" => {
                let start = sheet.rows;
                sheet.rows = sheet.rows.saturating_add(row.repeats);
                if row.extent > 0 {
                    sheet.first.get_or_insert(start);
                    sheet.last = sheet.rows;
                    sheet.widest = sheet.widest.max(row.extent);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "table" => {
                let cells = sheet
                    .last
                    .saturating_sub(sheet.first.unwrap_or(sheet.last))
                    .saturating_mul(sheet.widest);
                if cells > MAX_ODS_CELLS {
                    return Err(format!(
                        "has a sheet of {cells} cells once its repeated rows and cells are counted: \
                         more than any sheet jurydesk reads ({MAX_ODS_CELLS})"
                    ));
                }
                workbook_cells = workbook_cells.saturating_add(cells);
                if workbook_cells > MAX_ODS_CELLS {
                    return Err(format!(
                        "has sheets of more than {MAX_ODS_CELLS} cells together once their repeated \
                         rows and cells are counted (each is read whole): more than jurydesk reads; \
                         keep the sheet to import and delete the others"
                    ));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    drop(reader);
    Ok(counted.bytes)
}

#[derive(Default)]
struct Sheet {
    rows: u64,
    first: Option<u64>,
    last: u64,
    widest: u64,
}

#[derive(Default)]
struct Row {
    repeats: u64,
    width: u64,
    extent: u64,
}

fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
}

/// A reader that counts what passes through it.
struct Counting<'a, R> {
    inner: &'a mut R,
    bytes: u64,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(xml: &str) -> Result<u64, String> {
        count_ods_cells(&mut xml.as_bytes())
    }

    #[test]
    fn repeats_are_counted_without_being_expanded() {
        let small = r#"<t:table><t:table-row><t:table-cell v:value-type="string"><p>a</p></t:table-cell></t:table-row>
            <t:table-row t:number-rows-repeated="1048000"><t:table-cell t:number-columns-repeated="1024"/></t:table-row></t:table>"#;
        assert!(
            cells(small).is_ok(),
            "trailing empty rows, as LibreOffice writes them"
        );
        let bomb = r#"<t:table><t:table-row t:number-rows-repeated="1048000"><t:table-cell t:number-columns-repeated="100" v:value-type="string"><p>x</p></t:table-cell></t:table-row></t:table>"#;
        let e = cells(bomb).unwrap_err();
        assert!(e.contains("104800000 cells"), "{e}");
    }

    #[test]
    fn the_limit_is_on_all_sheets_together() {
        // 3,000,000 cells: under the limit alone; calamine expands every sheet, so two are over it.
        // Before, 32 such sheets of 4.8M cells (a 1 KB .ods) took 2.18 GB.
        let sheet = r#"<t:table><t:table-row t:number-rows-repeated="30000"><t:table-cell t:number-columns-repeated="100" v:value-type="string"><p>x</p></t:table-cell></t:table-row></t:table>"#;
        assert!(cells(sheet).is_ok());
        let e = cells(&format!("<d>{sheet}{sheet}</d>")).unwrap_err();
        assert!(e.contains("together"), "{e}");
    }

    #[test]
    fn a_zip_that_is_no_zip_is_damaged() {
        assert!(
            inspect(b"PK\x03\x04nonsense")
                .unwrap_err()
                .contains("damaged")
        );
    }
}
