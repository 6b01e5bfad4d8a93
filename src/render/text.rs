//! The plain-text writer, in the layout of published text versions (the
//! seed): one line per title, heading or paragraph, no blank lines; a table
//! row is its cells each followed by ` |`, then one `|` for every grid
//! column the row does not start a cell in (covered by a span) — so a
//! rowspan'd cell is printed only in its first row, and the row still shows
//! the grid's width. A caption is a row of its own. Charts are left out.

use super::{Block, Cell, Document, Table};

/// The report as plain text.
pub fn write(doc: &Document) -> String {
    let mut lines = vec![doc.title.clone()];
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } => lines.push(text.clone()),
            Block::Paragraph(spans) => lines.push(spans.iter().map(|s| s.text.as_str()).collect()),
            Block::Table(t) => lines.extend(table(t)),
            Block::Chart(_) => {}
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn table(t: &Table) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(caption) = &t.caption {
        lines.push(row(&[caption.as_str()], t.width));
    }
    for cells in t.head.iter().chain(&t.body) {
        let texts: Vec<&str> = cells.iter().map(|c: &Cell| c.text.as_str()).collect();
        lines.push(row(&texts, t.width));
    }
    lines
}

/// `a | b | c |`, then ` ||` for two grid columns under spans.
fn row(cells: &[&str], width: usize) -> String {
    let mut line: String = cells
        .iter()
        .map(|c| format!("{} |", one_line(c)))
        .collect::<Vec<_>>()
        .join(" ");
    let covered = width.saturating_sub(cells.len());
    if covered > 0 {
        line.push(' ');
        line.push_str(&"|".repeat(covered));
    }
    line
}

/// A cell on one line: line breaks become spaces.
fn one_line(text: &str) -> String {
    text.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_pad_the_columns_under_spans() {
        assert_eq!(row(&["第二十条第（一）项"], 4), "第二十条第（一）项 | |||");
        assert_eq!(row(&["规章", "0", "0", "0"], 4), "规章 | 0 | 0 | 0 |");
    }
}
