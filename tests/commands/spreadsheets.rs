//! The office's spreadsheet: `status --format xlsx -o FILE` and `merge -o
//! FILE.xlsx` — a row per report, every table cell a column — read back
//! with a reader crate.

use super::compare::{column_of, number, set, this_year};
use crate::common::{nianbao, write_file};
use calamine::{Data, Reader, Xlsx};
use nianbao::schema;
use nianbao::toml_write;

/// Row `r`'s number under the header whose path row (the 4th) is `path`.
fn under(range: &calamine::Range<Data>, path: &str, r: usize) -> f64 {
    number(&range.rows().nth(r).unwrap()[column_of(range, path)])
}

#[test]
fn status_and_merge_write_a_row_per_report_with_every_cell() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    let mut other = this_year();
    other.set_text(schema::ROLES.agency(), "示例市教育局");
    set(&mut other, "article20_5.licensing.decisions", 7);
    write_file(&reports, "a.toml", toml_write::write(&this_year()));
    write_file(&reports, "b.toml", toml_write::write(&other));

    let out = dir.path().join("status.xlsx");
    let run = nianbao(&["status", "--lang", "zh", "--format", "xlsx", "-o"])
        .arg(&out)
        .arg(&reports)
        .go();
    assert!(matches!(run.code(), Some(0 | 1)), "{}", run.both());
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let sheet = book.worksheet_range(&book.sheet_names()[0]).unwrap();
    let cells = schema::all_cells().count();
    assert_eq!(sheet.width(), 7 + cells);
    assert_eq!(sheet.height(), 4 + 2);
    let licensing: Vec<f64> = (4..6)
        .map(|r| under(&sheet, "article20_5.licensing.decisions", r))
        .collect();
    assert!(
        licensing.contains(&1532.0) && licensing.contains(&7.0),
        "{licensing:?}"
    );
    assert_eq!(under(&sheet, "article20_8.fees.amount", 4), 18.871);
    // A workbook needs -o; an existing file is kept without --force.
    let run = nianbao(&["status", "--lang", "en", "--format", "xlsx"])
        .arg(&reports)
        .go();
    assert_eq!(run.code(), Some(2));
    assert!(run.err().contains("needs an output file"), "{}", run.err());
    let again = nianbao(&["status", "--format", "xlsx", "-o"])
        .arg(&out)
        .arg(&reports)
        .go();
    assert_eq!(again.code(), Some(2), "{}", again.both());

    let merged = dir.path().join("汇总.xlsx");
    let run = nianbao(&[
        "merge",
        "--lang",
        "zh",
        "--agency",
        "示例市人民政府办公室",
        "-o",
    ])
    .arg(&merged)
    .arg(reports.join("a.toml"))
    .arg(reports.join("b.toml"))
    .go();
    assert_eq!(run.code(), Some(0), "{}", run.both());
    let mut book: Xlsx<_> = calamine::open_workbook(&merged).unwrap();
    let sheet = book.worksheet_range(&book.sheet_names()[0]).unwrap();
    assert_eq!(sheet.height(), 4 + 3, "two reports and their sum");
    assert_eq!(under(&sheet, "article20_5.licensing.decisions", 6), 1539.0);
    assert_eq!(under(&sheet, "applications.new_received.total", 6), 1024.0);
    let total = sheet.rows().nth(6).unwrap();
    assert_eq!(total[0].to_string(), "合计");
}
