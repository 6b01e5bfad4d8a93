//! The office's spreadsheet (xlsx), for forwarding to the level above: one
//! row per report, every table cell a column, numbers as numbers. The
//! labels are in the first [`HEADER_ROWS`] rows — the table, the row, the
//! column, and the cell's schema path (`applications.granted.total`) —
//! so the sheet reads by eye and by program. `status --format xlsx`,
//! `merge -o FILE.xlsx` and `compare` write through here.

use crate::error::Error;
use crate::model::Report;
use crate::schema::{self, CellId, Lang};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Rows of labels above the data.
pub const HEADER_ROWS: u32 = 4;

/// A value of a leading column (file, agency, state …).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(Decimal),
    Empty,
}

/// One row: its leading values, then every cell of the report (empty
/// cells when there is no report, e.g. an unreadable file).
pub struct Row<'a> {
    pub leading: Vec<Value>,
    pub report: Option<&'a Report>,
}

/// The header labels of one cell: table, row, column, path.
pub fn cell_header(cell: CellId, lang: Lang) -> [String; 4] {
    let (section, def) = schema::tables()
        .nth(cell.table)
        .expect("a table of the schema");
    let caption = def.caption.get(lang);
    let table = if caption.is_empty() {
        section.heading(lang)
    } else {
        format!("{} {caption}", section.heading(lang))
    };
    let row = cell.row_def();
    let mut row_label: Vec<&str> = row.groups.iter().map(|g| g.get(lang)).collect();
    row_label.push(row.label.get(lang));
    let col = cell.column_def();
    let mut col_label: Vec<&str> = col.groups.iter().map(|g| g.get(lang)).collect();
    col_label.push(col.label.get(lang));
    [
        table,
        row_label.join(" / "),
        col_label.join(" / "),
        cell.path(),
    ]
}

/// Writes a sheet: the leading columns' names (in the bottom header row),
/// then one column per cell of every table; then the rows.
pub fn write_report_rows(
    ws: &mut Worksheet,
    leading: &[&str],
    rows: &[Row],
    lang: Lang,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (i, name) in leading.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROWS - 1, col(i)?, *name, &bold)?;
    }
    let cells: Vec<CellId> = schema::all_cells().collect();
    for (j, &cell) in cells.iter().enumerate() {
        let c = col(leading.len() + j)?;
        for (r, label) in cell_header(cell, lang).iter().enumerate() {
            ws.write_string_with_format(r as u32, c, label, &bold)?;
        }
    }
    for (i, row) in rows.iter().enumerate() {
        let r = HEADER_ROWS + i as u32;
        for (k, v) in row.leading.iter().enumerate() {
            write_value(ws, r, col(k)?, v)?;
        }
        if let Some(report) = row.report {
            for (j, &cell) in cells.iter().enumerate() {
                number(ws, r, col(leading.len() + j)?, report.cell(cell))?;
            }
        }
    }
    ws.set_freeze_panes(HEADER_ROWS, col(leading.len().min(2))?)?;
    Ok(())
}

/// A workbook of one sheet of reports.
pub fn reports_workbook(
    sheet: &str,
    leading: &[&str],
    rows: &[Row],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    write_report_rows(ws, leading, rows, lang)?;
    wb.save_to_buffer()
}

/// A column index, as the writer counts them.
pub fn col(i: usize) -> Result<u16, XlsxError> {
    u16::try_from(i).map_err(|_| XlsxError::ParameterError("too many columns".into()))
}

/// A number cell (money keeps its decimals).
pub fn number(ws: &mut Worksheet, row: u32, col: u16, v: Decimal) -> Result<(), XlsxError> {
    ws.write_number(row, col, v.to_f64().unwrap_or(0.0))?;
    Ok(())
}

pub fn write_value(ws: &mut Worksheet, row: u32, col: u16, v: &Value) -> Result<(), XlsxError> {
    match v {
        Value::Text(s) => {
            ws.write_string(row, col, s)?;
        }
        Value::Number(d) => number(ws, row, col, *d)?,
        Value::Empty => {}
    }
    Ok(())
}

/// A sheet name the format accepts: at most 31 characters, none of
/// `[]:*?/\`.
pub fn sheet_name(name: &str) -> String {
    name.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

/// A writer's failure as the command's error: the file could not be written.
pub fn write_error(path: &Path, e: XlsxError) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_header_names_its_path() {
        let c = schema::find_cell("applications.granted.natural").unwrap();
        let [table, row, col, path] = cell_header(c, Lang::Zh);
        assert!(table.starts_with("三、"), "{table}");
        assert!(row.ends_with("（一）予以公开"), "{row}");
        assert_eq!(col, "申请人情况 / 自然人");
        assert_eq!(path, "applications.granted.natural");
        assert_eq!(sheet_name("a/b:c[d]"), "a_b_c_d_");
    }
}
