//! The DOCX writer (docx-rs), for the signed and stamped paper copy: A4 with
//! the margins of official documents (GB/T 9704), 仿宋 body at 16 pt on a
//! 28 pt line, 黑体 section headings, 楷体 sub-headings, a 小标宋 title, and
//! real Word tables: a column span is `w:gridSpan`, a row span is a
//! `w:vMerge` restart cell continued in each covered row. docx-rs escapes
//! the XML; the tree holds no control characters (see [`super::clean`]).
//! Charts are left out.

use super::{Block, Cell, Document, Span, Table};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, TableAlignmentType, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};

/// A4 in twips (1/20 pt).
const PAGE: (u32, u32) = (11906, 16838);
/// GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
const MARGIN: (i32, i32, i32, i32) = (2098, 1984, 1588, 1474);
const TEXT_WIDTH: usize = 11906 - 1588 - 1474;
/// Font sizes in half-points: 二号 title, 三号 text, 五号 tables.
const TITLE_SIZE: usize = 44;
const TEXT_SIZE: usize = 32;
const TABLE_SIZE: usize = 21;
/// Twips.
const LINE: i32 = 560;
const INDENT: i32 = 640;

const BODY_FONT: &str = "仿宋";
const TITLE_FONT: &str = "方正小标宋简体";
const HEADING_FONT: &str = "黑体";
const SUBHEADING_FONT: &str = "楷体";
const TABLE_FONT: &str = "宋体";
const LATIN_FONT: &str = "Times New Roman";

/// The report as the bytes of a .docx file.
pub fn write(doc: &Document) -> Vec<u8> {
    let mut docx = Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_margin(
            PageMargin::new()
                .top(MARGIN.0)
                .bottom(MARGIN.1)
                .left(MARGIN.2)
                .right(MARGIN.3),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(TEXT_SIZE)
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(spacing(LINE, 0, 320))
                .add_run(text_run(&doc.title, TITLE_FONT, TITLE_SIZE)),
        );
    for block in &doc.blocks {
        docx = match block {
            Block::Heading { level, text } => {
                let font = if *level <= 1 {
                    HEADING_FONT
                } else {
                    SUBHEADING_FONT
                };
                docx.add_paragraph(
                    body_paragraph()
                        .keep_next(true)
                        .add_run(text_run(text, font, TEXT_SIZE)),
                )
            }
            Block::Paragraph(spans) => docx.add_paragraph(paragraph(spans)),
            Block::Table(t) => docx
                .add_table(table(t))
                // Word needs a paragraph between two tables, or it joins them.
                .add_paragraph(Paragraph::new().line_spacing(spacing(240, 0, 0))),
            Block::Chart(_) => docx,
        };
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .expect("writing a zip archive to memory cannot fail");
    bytes.into_inner()
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
}

fn text_run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn spacing(line: i32, before: u32, after: u32) -> LineSpacing {
    let rule = if line == 240 {
        LineSpacingType::Auto
    } else {
        LineSpacingType::Exact
    };
    LineSpacing::new()
        .line_rule(rule)
        .line(line)
        .before(before)
        .after(after)
}

/// A body paragraph: justified, first line indented two characters.
fn body_paragraph() -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .line_spacing(spacing(LINE, 0, 0))
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
}

fn paragraph(spans: &[Span]) -> Paragraph {
    spans.iter().fold(body_paragraph(), |p, s| {
        p.add_run(if s.strong {
            text_run(&s.text, SUBHEADING_FONT, TEXT_SIZE).bold()
        } else {
            text_run(&s.text, BODY_FONT, TEXT_SIZE)
        })
    })
}

/// Grid column widths in twips. Numbers share 65% of the text width unless
/// that leaves the row-label column narrower than `MIN_LABEL`; then they
/// shrink (to two characters at least) and the label column takes the rest.
/// Row-group columns are narrow.
fn grid(t: &Table) -> Vec<usize> {
    const GROUP: usize = 800;
    const MIN_LABEL: usize = 3600;
    const MIN_VALUE: usize = 600;
    let values = t.width - t.label_columns;
    let groups = t.label_columns.saturating_sub(1) * GROUP;
    let mut value = if t.label_columns == 0 {
        TEXT_WIDTH / values.max(1)
    } else {
        TEXT_WIDTH * 65 / 100 / values.max(1)
    };
    if t.label_columns > 0 && TEXT_WIDTH < groups + value * values + MIN_LABEL {
        value = (TEXT_WIDTH.saturating_sub(groups + MIN_LABEL) / values.max(1)).max(MIN_VALUE);
    }
    let label = TEXT_WIDTH.saturating_sub(groups + value * values);
    (0..t.width)
        .map(|col| {
            if col + 1 < t.label_columns {
                GROUP
            } else if col < t.label_columns {
                label
            } else {
                value
            }
        })
        .collect()
}

fn table(t: &Table) -> docx_rs::Table {
    let grid = grid(t);
    let span_width =
        |start: usize, span: usize| grid[start..(start + span).min(t.width)].iter().sum();
    let mut rows = Vec::new();
    if let Some(caption) = &t.caption {
        let cell = table_cell(caption, true, false, span_width(0, t.width)).grid_span(t.width);
        rows.push(TableRow::new(vec![cell]));
    }
    // Per grid column: rows still covered by a row span from above, and that span's width.
    let mut covered: Vec<(usize, usize)> = vec![(0, 1); t.width];
    for (r, cells) in t.head.iter().chain(&t.body).enumerate() {
        let in_head = r < t.head.len();
        let mut out = Vec::new();
        let mut cells = cells.iter();
        let mut col = 0;
        while col < t.width {
            let (left, span) = covered[col];
            if left > 0 {
                covered[col].0 -= 1;
                out.push(
                    TableCell::new()
                        .vertical_merge(VMergeType::Continue)
                        .grid_span(span)
                        .width(span_width(col, span), WidthType::Dxa)
                        .add_paragraph(Paragraph::new()),
                );
                col += span;
                continue;
            }
            let Some(c) = cells.next() else { break };
            let mut cell = data_cell(c, in_head, span_width(col, c.colspan));
            if c.colspan > 1 {
                cell = cell.grid_span(c.colspan);
            }
            if c.rowspan > 1 {
                cell = cell.vertical_merge(VMergeType::Restart);
                covered[col] = (c.rowspan - 1, c.colspan);
            }
            out.push(cell);
            col += c.colspan;
        }
        rows.push(TableRow::new(out).cant_split());
    }
    docx_rs::Table::new(rows)
        .set_grid(grid)
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .align(TableAlignmentType::Center)
        // Narrow side margins: a column of 四 must hold two characters.
        .margins(TableCellMargins::new().margin(0, 45, 0, 45))
}

fn data_cell(c: &Cell, in_head: bool, width: usize) -> TableCell {
    // Row labels read left to right; group labels and numbers are centred.
    let left = c.header && !in_head && c.rowspan == 1;
    table_cell(&c.text, in_head, left, width)
}

fn table_cell(text: &str, bold: bool, left: bool, width: usize) -> TableCell {
    let mut run = text_run(text, TABLE_FONT, TABLE_SIZE);
    if bold {
        run = run.bold();
    }
    let align = if left {
        AlignmentType::Left
    } else {
        AlignmentType::Center
    };
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
        .add_paragraph(
            Paragraph::new()
                .align(align)
                .line_spacing(spacing(240, 0, 0))
                .add_run(run),
        )
}
