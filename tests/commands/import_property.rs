//! No silent wrong value: a rendered report with one cell blanked or one
//! table row deleted, in each form `import` reads (HTML, DOCX, `|`-separated
//! rows as a PDF→Markdown conversion gives them, and `pdftotext -layout`
//! text), imports with every remaining value in its own cell or listed as
//! unplaced — never in another cell. The cases are drawn by a fixed-seed
//! generator, a few dozen in all, so the test is quick and repeatable.

use nianbao::import::{self, Imported};
use nianbao::model::{Report, expected_total};
use nianbao::render::{Format, build};
use nianbao::schema::{self, Lang};
use rust_decimal::Decimal;
use std::io::{Read, Write};

use crate::import::example;

const BUSY_TOML: &str = include_str!("../../examples/busy-city-bureau-2024.toml");
/// The busy example through DOCX, LibreOffice's PDF and `pdftotext -layout`
/// (made by scripts/check-import-roundtrip.sh --update-fixtures).
const BUSY_LAYOUT: &str = include_str!("../fixtures/roundtrip/busy-city-bureau-2024.layout.txt");

/// Cases per form and kind of change.
const CASES: usize = 6;

/// A small fixed-seed generator (xorshift): the same cases every run.
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The busy example with every input cell a different number (1, 2, 3 …),
/// so that a value in another cell cannot pass for the right one.
fn distinct_values() -> Report {
    let mut report = example(BUSY_TOML);
    let mut next = 0;
    for id in schema::all_cells().filter(|c| !c.is_computed()) {
        next += 1;
        report.set_cell_raw(id, Decimal::from(next));
    }
    report.recompute();
    report
}

fn is_number(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Byte ranges of the numbers between `open` and `close` (a table cell's
/// text in HTML or DOCX).
fn numbers_between(doc: &str, open: &str, close: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = doc[from..].find(open) {
        let start = from + i + open.len();
        let Some(len) = doc[start..].find(close) else {
            break;
        };
        if is_number(&doc[start..start + len]) {
            out.push((start, start + len));
        }
        from = start + len;
    }
    out
}

/// Byte ranges of the elements `<tag…>…</tag>` holding a number.
fn rows_with_numbers(doc: &str, tag: &str, numbers: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = doc[from..].find(&open) {
        let start = from + i;
        // `<w:tr>` but not `<w:trPr>`.
        let after = doc[start + open.len()..].chars().next();
        if !matches!(after, Some('>' | ' ')) {
            from = start + open.len();
            continue;
        }
        let Some(len) = doc[start..].find(&close) else {
            break;
        };
        let end = start + len + close.len();
        if numbers.iter().any(|&(a, _)| a > start && a < end) {
            out.push((start, end));
        }
        from = end;
    }
    out
}

/// One change to a document: which form, and what was done.
#[derive(Debug, Clone, Copy)]
enum Change {
    Blank,
    DeleteRow,
}

/// The markup with one number blanked or one row deleted; how many
/// values were removed, and what was done (for the failure message).
fn change_markup(
    doc: &str,
    cell: (&str, &str),
    row_tag: &str,
    change: Change,
    draw: &mut Draw,
) -> (String, usize, String) {
    let numbers = numbers_between(doc, cell.0, cell.1);
    match change {
        Change::Blank => {
            let (a, b) = numbers[draw.below(numbers.len())];
            let what = format!("blanked “{}”", &doc[a..b]);
            (format!("{}{}", &doc[..a], &doc[b..]), 1, what)
        }
        Change::DeleteRow => {
            let rows = rows_with_numbers(doc, row_tag, &numbers);
            let (a, b) = rows[draw.below(rows.len())];
            let removed = numbers.iter().filter(|&&(x, _)| x > a && x < b).count();
            let values: Vec<&str> = numbers
                .iter()
                .filter(|&&(x, _)| x > a && x < b)
                .map(|&(x, y)| &doc[x..y])
                .collect();
            let what = format!("deleted the row of {values:?}");
            (format!("{}{}", &doc[..a], &doc[b..]), removed, what)
        }
    }
}

/// `|`-separated text: one numeric cell emptied, or one row line deleted.
fn change_pipes(doc: &str, change: Change, draw: &mut Draw) -> (String, usize, String) {
    let lines: Vec<&str> = doc.lines().collect();
    let rows: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains('|') && lines[i].split('|').any(is_number))
        .collect();
    let i = rows[draw.below(rows.len())];
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let cells: Vec<&str> = lines[i].split('|').collect();
    let numeric: Vec<usize> = (0..cells.len()).filter(|&c| is_number(cells[c])).collect();
    let (removed, what) = match change {
        Change::Blank => {
            let c = numeric[draw.below(numeric.len())];
            let mut changed: Vec<&str> = cells.clone();
            changed[c] = " ";
            out[i] = changed.join("|");
            (
                1,
                format!("blanked “{}” on line {}", cells[c].trim(), i + 1),
            )
        }
        Change::DeleteRow => {
            out.remove(i);
            (
                numeric.len(),
                format!("deleted line {}: {}", i + 1, lines[i]),
            )
        }
    };
    (out.join("\n"), removed, what)
}

/// Space-aligned text: one number of a table line replaced by spaces (the
/// other numbers keep their columns), or one such line deleted.
fn change_layout(doc: &str, change: Change, draw: &mut Draw) -> (String, usize, String) {
    let lines: Vec<&str> = doc.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim().starts_with("二、"))
        .unwrap();
    let end = lines
        .iter()
        .position(|l| l.trim().starts_with("五、"))
        .unwrap();
    let rows: Vec<usize> = (start..end)
        .filter(|&i| lines[i].split_whitespace().any(is_number))
        .collect();
    let i = rows[draw.below(rows.len())];
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let numbers: Vec<(usize, &str)> = lines[i]
        .match_indices(|c: char| !c.is_whitespace())
        .fold(Vec::<(usize, String)>::new(), |mut words, (at, s)| {
            match words.last_mut() {
                Some((w_at, w)) if *w_at + w.len() == at => w.push_str(s),
                _ => words.push((at, s.to_string())),
            }
            words
        })
        .into_iter()
        .filter(|(_, w)| is_number(w))
        .map(|(at, w)| (at, &lines[i][at..at + w.len()]))
        .collect();
    let (removed, what) = match change {
        Change::Blank => {
            let (at, word) = numbers[draw.below(numbers.len())];
            out[i] = format!(
                "{}{}{}",
                &lines[i][..at],
                " ".repeat(word.len()),
                &lines[i][at + word.len()..]
            );
            (1, format!("blanked “{word}” on line {}", i + 1))
        }
        Change::DeleteRow => {
            out.remove(i);
            (
                numbers.len(),
                format!("deleted line {}: {}", i + 1, lines[i].trim()),
            )
        }
    };
    (out.join("\n"), removed, what)
}

/// The DOCX with its `word/document.xml` changed by `f`.
fn change_docx(docx: &[u8], f: impl FnOnce(&str) -> String) -> Vec<u8> {
    let mut f = Some(f);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "word/document.xml"
            && let Some(f) = f.take()
        {
            bytes = f(std::str::from_utf8(&bytes).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Every value of `original` is in its own cell of the import, or listed
/// unplaced, or one of the `removed` values; no cell holds another's value.
/// Totals are as printed, or the sum of what was imported.
fn assert_nothing_misplaced(original: &Report, imported: &Imported, removed: usize, case: &str) {
    let report = &imported.report;
    let unplaced: Vec<String> = imported
        .unplaced
        .iter()
        .flat_map(|u| {
            u.raw
                .split(['|', ' '])
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut lost = 0;
    for id in schema::all_cells() {
        let (got, want) = (report.cell(id), original.cell(id));
        if got == want {
            continue;
        }
        if id.is_computed() {
            let sum = expected_total(id.table_def(), report.table_cells(id.table), id.row, id.col);
            assert_eq!(
                Some(got),
                sum,
                "{case}: the total {} is {got}, printed {want}",
                id.path()
            );
            continue;
        }
        assert!(
            got.is_zero(),
            "{case}: {} holds {got}, another cell's value (its own is {want})\nunplaced: {:?}",
            id.path(),
            imported.unplaced
        );
        if !unplaced.contains(&want.to_string()) {
            lost += 1;
        }
    }
    assert!(
        lost <= removed,
        "{case}: {lost} values are neither in their cells nor listed unplaced ({removed} removed)\nunplaced: {:?}",
        imported.unplaced
    );
}

fn each_change(mut run: impl FnMut(Change, &mut Draw)) {
    let mut draw = Draw(0x9e37_79b9_7f4a_7c15);
    for change in [Change::Blank, Change::DeleteRow] {
        for _ in 0..CASES {
            run(change, &mut draw);
        }
    }
}

fn rendered(report: &Report, format: Format) -> Vec<u8> {
    format.write(&build::document(report, build::Options { chart: false }))
}

#[test]
fn html_with_a_cell_blanked_or_a_row_deleted_misplaces_nothing() {
    let original = distinct_values();
    let html = String::from_utf8(rendered(&original, Format::Html)).unwrap();
    each_change(|change, draw| {
        let (doc, removed, what) =
            change_markup(&html, ("<td class=\"num\">", "</td>"), "tr", change, draw);
        let case = format!("HTML, {what}");
        assert_nothing_misplaced(
            &original,
            &import::from_html(&doc, Lang::En),
            removed,
            &case,
        );
    });
}

#[test]
fn docx_with_a_cell_blanked_or_a_row_deleted_misplaces_nothing() {
    let original = distinct_values();
    let docx = rendered(&original, Format::Docx);
    each_change(|change, draw| {
        let mut found = (0, String::new());
        let changed = change_docx(&docx, |xml| {
            let (doc, removed, what) = change_markup(
                xml,
                ("<w:t xml:space=\"preserve\">", "</w:t>"),
                "w:tr",
                change,
                draw,
            );
            found = (removed, what);
            doc
        });
        let case = format!("DOCX, {}", found.1);
        let imported = import::from_docx(&changed, Lang::En).unwrap();
        assert_nothing_misplaced(&original, &imported, found.0, &case);
    });
}

/// The text render's `|` rows as a Markdown pipe table: `| a | b |`, with
/// the `|---|` line under each table's first row.
fn as_markdown(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if !line.contains('|') {
            in_table = false;
            out.push(line.to_string());
            continue;
        }
        let cells: Vec<&str> = line
            .trim_end()
            .trim_end_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        out.push(format!("| {} |", cells.join(" | ")));
        if !in_table {
            out.push(format!("|{}", "---|".repeat(cells.len())));
        }
        in_table = true;
    }
    out.join("\n")
}

#[test]
fn pipe_rows_with_a_cell_blanked_or_a_row_deleted_misplace_nothing() {
    let original = distinct_values();
    let text = String::from_utf8(rendered(&original, Format::Text)).unwrap();
    for (form, doc) in [("| rows", text.clone()), ("Markdown", as_markdown(&text))] {
        let clean = import::from_text(&doc, Lang::En);
        assert!(clean.unplaced.is_empty(), "{form}: {:?}", clean.unplaced);
        assert_nothing_misplaced(&original, &clean, 0, form);
        each_change(|change, draw| {
            let (doc, removed, what) = change_pipes(&doc, change, draw);
            let case = format!("{form}, {what}");
            assert_nothing_misplaced(
                &original,
                &import::from_text(&doc, Lang::En),
                removed,
                &case,
            );
        });
    }
}

#[test]
fn layout_text_with_a_cell_blanked_or_a_row_deleted_misplaces_nothing() {
    let original = example(include_str!("../../examples/busy-city-bureau-2024.toml"));
    each_change(|change, draw| {
        let (doc, removed, what) = change_layout(BUSY_LAYOUT, change, draw);
        let case = format!("layout text, {what}");
        assert_nothing_misplaced(
            &original,
            &import::from_text(&doc, Lang::En),
            removed,
            &case,
        );
    });
}
