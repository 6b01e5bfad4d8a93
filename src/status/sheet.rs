//! `nianbao status --format xlsx -o FILE`: the office's spreadsheet, one row
//! per report — its state, file, agency, year, level, errors and warnings,
//! then every table cell as a column ([`crate::spreadsheet`]). A report
//! that cannot be read has its row without cells.

use super::{Overview, State, messages};
use crate::schema::Lang;
use crate::spreadsheet::{self, Row, Value};
use crate::store;
use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_xlsxwriter::XlsxError;

/// The columns of the table kept in the sheet: state, file, agency, year,
/// level, errors, warnings.
const KEPT: [usize; 7] = [0, 1, 2, 3, 4, 7, 8];

/// The workbook's bytes.
pub fn render(overview: &Overview, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let headings = messages::headings(lang);
    let leading: Vec<&str> = KEPT.iter().map(|&i| headings[i]).collect();
    // Each report read once more for its cells (status keeps none).
    let reports: Vec<_> = overview
        .rows
        .par_iter()
        .map(|r| match r.state {
            State::Unreadable => None,
            _ => store::load(&r.file, lang).ok().map(|l| l.report),
        })
        .collect();
    let text = |s: &str| Value::Text(s.to_string());
    let rows: Vec<Row> = overview
        .rows
        .iter()
        .zip(&reports)
        .map(|(r, report)| Row {
            leading: vec![
                text(messages::state(r.state, lang)),
                text(&r.shown),
                r.agency.as_deref().map_or(Value::Empty, text),
                r.year
                    .map_or(Value::Empty, |y| Value::Number(Decimal::from(y))),
                r.level.map_or(Value::Empty, |(_, label)| text(label)),
                Value::Number(Decimal::from(r.errors)),
                Value::Number(Decimal::from(r.warnings)),
            ],
            report: report.as_ref(),
        })
        .collect();
    let sheet = lang.pick("填报情况", "Status");
    spreadsheet::reports_workbook(sheet, &leading, &rows, lang)
}

/// `--format xlsx` without `-o`: a workbook is no text for a terminal.
pub fn needs_output(lang: Lang) -> String {
    lang.pick(
        "xlsx 格式需要用 -o 指定输出文件，例如 -o 填报情况.xlsx",
        "the xlsx format needs an output file: add -o, e.g. -o status.xlsx",
    )
    .to_string()
}
