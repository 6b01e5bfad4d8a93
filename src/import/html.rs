//! A published report in HTML → blocks: each heading, paragraph or line
//! break ends a line of text; each `<table>` becomes a grid in which a cell
//! with `rowspan`/`colspan` fills every position it covers (so group labels
//! and spanning headers are found on every row and column they belong to).

use super::{Block, Cell, Source, collapse_spaces};
use scraper::node::Node;
use scraper::{ElementRef, Html};

/// Elements that end a line of text before and after them.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "blockquote",
    "pre",
    "center",
    "body",
    "caption",
    "dd",
    "dt",
];

/// Elements whose content is not part of the report. An `svg` is a chart
/// (the 图解 beside the report): it repeats the tables' figures as a drawing.
const SKIPPED: &[&str] = &["head", "script", "style", "template", "noscript", "svg"];

/// A span larger than this is treated as this (a malformed page must not
/// make the grid enormous).
const MAX_SPAN: usize = 200;

/// The blocks of an HTML report.
pub fn blocks(html: &str) -> Vec<Block> {
    let doc = Html::parse_document(html);
    let mut walker = Walker::default();
    walker.walk(doc.root_element());
    walker.flush();
    walker.blocks
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    line: String,
    paragraphs: usize,
    tables: usize,
    origins: usize,
}

impl Walker {
    fn walk(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(t) => self.line.push_str(t),
                Node::Element(e) => {
                    let name = e.name();
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if SKIPPED.contains(&name) {
                        continue;
                    }
                    if name == "table" {
                        self.flush();
                        self.table(child);
                    } else if name == "br" {
                        self.flush();
                    } else if BLOCK_ELEMENTS.contains(&name) {
                        self.flush();
                        self.walk(child);
                        self.flush();
                    } else {
                        self.walk(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn flush(&mut self) {
        let text = collapse_spaces(&std::mem::take(&mut self.line));
        if !text.is_empty() {
            self.paragraphs += 1;
            self.blocks.push(Block::Text {
                text,
                at: Source::Paragraph(self.paragraphs),
            });
        }
    }

    fn table(&mut self, table: ElementRef<'_>) {
        self.tables += 1;
        let mut grid: Vec<Vec<Option<Cell>>> = Vec::new();
        for (r, tr) in own_rows(table).into_iter().enumerate() {
            if grid.len() <= r {
                grid.resize_with(r + 1, Vec::new);
            }
            let mut c = 0;
            for td in tr
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|e| matches!(e.value().name(), "td" | "th"))
            {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                let span = |name: &str| {
                    td.value()
                        .attr(name)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_SPAN)
                };
                let (rows, cols) = (span("rowspan"), span("colspan"));
                self.origins += 1;
                let raw = cell_text(td);
                let at = Source::Cell {
                    table: self.tables,
                    row: r + 1,
                    col: c + 1,
                };
                for dr in 0..rows {
                    if grid.len() <= r + dr {
                        grid.resize_with(r + dr + 1, Vec::new);
                    }
                    let row = &mut grid[r + dr];
                    if row.len() < c + cols {
                        row.resize_with(c + cols, || None);
                    }
                    for dc in 0..cols {
                        row[c + dc] = Some(Cell {
                            raw: raw.clone(),
                            at,
                            origin: self.origins,
                            col: c + dc,
                        });
                    }
                }
                c += cols;
            }
        }
        self.blocks
            .push(Block::from_grid(grid, self.tables, &mut self.origins));
    }
}

/// The `<tr>`s of a table, not of tables nested in it.
fn own_rows(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut rows = Vec::new();
    let mut stack: Vec<ElementRef<'_>> = table.children().filter_map(ElementRef::wrap).collect();
    stack.reverse();
    while let Some(e) = stack.pop() {
        match e.value().name() {
            "tr" => rows.push(e),
            "table" => {}
            _ => {
                let mut children: Vec<ElementRef<'_>> =
                    e.children().filter_map(ElementRef::wrap).collect();
                children.reverse();
                stack.extend(children);
            }
        }
    }
    rows
}

/// A cell's text: line breaks inside it become spaces (they split long
/// labels, and spaces between Chinese characters are dropped later).
fn cell_text(td: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in td.descendants() {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" || e.name() == "p" => out.push(' '),
            _ => {}
        }
    }
    collapse_spaces(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_fill_the_grid() {
        let b = blocks(
            "<p>三、标题</p><table><tr><td rowspan=2>组</td><td colspan=2>甲</td></tr>\
             <tr><td>1</td><td>2</td></tr></table><p>后<br>文</p>",
        );
        assert_eq!(b.len(), 4, "{b:?}");
        let Block::Table { rows, aligned } = &b[1] else {
            panic!("{b:?}")
        };
        assert!(aligned);
        let texts: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.raw.as_str()).collect())
            .collect();
        assert_eq!(texts, [["组", "甲", "甲"], ["组", "1", "2"]]);
        assert_eq!(rows[1][0].origin, rows[0][0].origin);
        assert_eq!(
            rows[1][2].at,
            Source::Cell {
                table: 1,
                row: 2,
                col: 3
            }
        );
    }
}
