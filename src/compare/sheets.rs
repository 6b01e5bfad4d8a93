//! The comparison as an xlsx workbook. One pair: a sheet each for the key
//! figures, the changed cells, the texts and the findings. Many agencies:
//! an overview sheet (one row per agency), then a sheet per table with one
//! row per agency and, per cell, last year, this year and the change.

use super::diff::{Change, Comparison};
use super::document::cell_label;
use super::folders::{Pair, Unpaired};
use super::messages as m;
use super::text::field_label;
use crate::schema::{self, CellId, Lang};
use crate::spreadsheet::{HEADER_ROWS, cell_header, col, number, sheet_name};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// One pair of reports.
pub fn one(cmp: &Comparison, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let head = m::figure_header(cmp.last_year, cmp.this_year, lang);

    let ws = named(&mut wb, m::key_figures(lang))?;
    strings(ws, 0, &head, &bold)?;
    for (i, k) in cmp.key_figures.iter().enumerate() {
        figure_row(ws, i as u32 + 1, k.label.get(lang), None, k.change)?;
    }

    let ws = named(&mut wb, m::changed_cells(lang))?;
    let mut head2 = head.to_vec();
    head2.insert(1, lang.pick("路径", "Path").to_string());
    strings(ws, 0, &head2, &bold)?;
    for (i, c) in cmp.changed.iter().enumerate() {
        let path = c.cell.path();
        figure_row(
            ws,
            i as u32 + 1,
            &cell_label(c.cell, lang),
            Some(&path),
            c.change,
        )?;
    }

    let ws = named(&mut wb, m::texts(lang))?;
    let text_head = [
        lang.pick("文字", "Text"),
        lang.pick("相似度", "Similarity"),
        m::kept(lang),
        m::added(lang),
        m::removed(lang),
        lang.pick("句子", "Sentence"),
    ]
    .map(String::from);
    strings(ws, 0, &text_head, &bold)?;
    let mut r = 1;
    for t in &cmp.texts {
        let label = t.field.map(|f| field_label(f, lang)).unwrap_or_default();
        ws.write_string(r, 0, &label)?;
        if let Some(s) = t.similarity {
            ws.write_number(r, 1, (s * 100.0).round() / 100.0)?;
        }
        ws.write_number(r, 2, t.kept.len() as f64)?;
        ws.write_number(r, 3, t.added.len() as f64)?;
        ws.write_number(r, 4, t.removed.len() as f64)?;
        r += 1;
        for (c, sentences) in [(2u16, &t.kept), (3, &t.added), (4, &t.removed)] {
            for s in sentences {
                ws.write_string(r, 0, &label)?;
                ws.write_string(r, c, "✓")?;
                ws.write_string(r, 5, s)?;
                r += 1;
            }
        }
    }

    let ws = named(&mut wb, m::findings(lang))?;
    let find_head = [
        lang.pick("规则", "Rule"),
        lang.pick("程度", "Severity"),
        lang.pick("位置", "Where"),
        lang.pick("说明", "What"),
    ]
    .map(String::from);
    strings(ws, 0, &find_head, &bold)?;
    for (i, f) in cmp.findings.iter().enumerate() {
        let row = [
            f.rule.to_string(),
            m::severity(f.severity == crate::problem::Severity::Error, lang).to_string(),
            f.place.clone(),
            f.message.clone(),
        ];
        strings(ws, i as u32 + 1, &row, &Format::new())?;
    }
    wb.save_to_buffer()
}

/// Many agencies: the overview, then a sheet per table.
pub fn many(pairs: &[Pair], unpaired: &Unpaired, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = named(&mut wb, m::overview(lang))?;
    strings(ws, 0, &m::overview_header(lang).map(String::from), &bold)?;
    for (i, p) in pairs.iter().enumerate() {
        let c = &p.comparison;
        let r = i as u32 + 1;
        ws.write_string(r, 0, &c.agency)?;
        let apps = c.applications().unwrap_or(Change {
            last: Decimal::ZERO,
            this: Decimal::ZERO,
        });
        number(ws, r, 1, apps.last)?;
        number(ws, r, 2, apps.this)?;
        number(ws, r, 3, apps.difference())?;
        if let Some(p) = c.reused_percent() {
            number(ws, r, 4, p)?;
        }
        ws.write_number(r, 5, c.findings.len() as f64)?;
    }
    for (r, line) in (pairs.len() as u32 + 2..).zip(unpaired.sentences(lang)) {
        ws.write_string(r, 0, &line)?;
    }

    let agency = lang.pick("机关", "Agency");
    let subs = [
        lang.pick("上年", "last"),
        lang.pick("本年", "this"),
        lang.pick("增减", "change"),
    ];
    for (t, (section, def)) in schema::tables().enumerate() {
        let caption = def.caption.get(lang);
        let name = if caption.is_empty() {
            section.heading(lang)
        } else {
            format!("{}{caption}", section.number)
        };
        let ws = named(&mut wb, &name)?;
        ws.write_string_with_format(HEADER_ROWS - 1, 0, agency, &bold)?;
        let cells: Vec<CellId> = schema::all_cells().filter(|c| c.table == t).collect();
        for (j, &cell) in cells.iter().enumerate() {
            let header = cell_header(cell, lang);
            for (k, sub) in subs.iter().enumerate() {
                let c = col(1 + j * subs.len() + k)?;
                for (row, label) in header.iter().take(3).enumerate() {
                    ws.write_string_with_format(row as u32, c, label, &bold)?;
                }
                let last = format!("{} {sub}", header[3]);
                ws.write_string_with_format(HEADER_ROWS - 1, c, &last, &bold)?;
            }
        }
        for (i, p) in pairs.iter().enumerate() {
            let r = HEADER_ROWS + i as u32;
            ws.write_string(r, 0, &p.comparison.agency)?;
            for (j, &cell) in cells.iter().enumerate() {
                let (l, n) = (p.last.cell(cell), p.this.cell(cell));
                let c = 1 + j * subs.len();
                number(ws, r, col(c)?, l)?;
                number(ws, r, col(c + 1)?, n)?;
                number(ws, r, col(c + 2)?, n - l)?;
            }
        }
        ws.set_freeze_panes(HEADER_ROWS, 1)?;
    }
    wb.save_to_buffer()
}

fn named<'a>(wb: &'a mut Workbook, name: &str) -> Result<&'a mut Worksheet, XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(name))?;
    Ok(ws)
}

fn strings(ws: &mut Worksheet, row: u32, cells: &[String], f: &Format) -> Result<(), XlsxError> {
    for (i, s) in cells.iter().enumerate() {
        ws.write_string_with_format(row, col(i)?, s, f)?;
    }
    Ok(())
}

/// Label, [path,] last, this, change, percent (empty when last year's is 0).
fn figure_row(
    ws: &mut Worksheet,
    r: u32,
    label: &str,
    path: Option<&str>,
    c: Change,
) -> Result<(), XlsxError> {
    ws.write_string(r, 0, label)?;
    let mut k = 1;
    if let Some(path) = path {
        ws.write_string(r, 1, path)?;
        k = 2;
    }
    number(ws, r, k, c.last)?;
    number(ws, r, k + 1, c.this)?;
    number(ws, r, k + 2, c.difference())?;
    if let Some(p) = c.percent() {
        number(ws, r, k + 3, p)?;
    }
    Ok(())
}
