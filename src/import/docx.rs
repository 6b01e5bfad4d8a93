//! A published report in DOCX (Word 2007 and later, WPS, LibreOffice, and
//! what `nianbao render` writes) → blocks: each paragraph of the body is a
//! line of text (a line break inside it ends the line, as `<br>` does in
//! HTML), each `w:tbl` a grid in which a cell merged across columns
//! (`w:gridSpan`) or down rows (`w:vMerge`) fills every position it covers,
//! as [`super::html`] does for `colspan`/`rowspan`. Line breaks and
//! paragraphs inside a cell become spaces (they wrap long labels). A table
//! split over two `w:tbl` at a page break stays two blocks: the second one's
//! rows are placed by their labels like any other.
//!
//! Automatic numbering (`w:numPr`, from the paragraph or its style) is
//! written out as Word shows it (`一、`, `（一）`, `1.`), so headings numbered
//! by Word are found by their numbers like typed ones. Deleted text of
//! tracked changes, field instructions and the fallback copy of
//! alternative content are left out.

use super::numbering::Numbering;
use super::{Block, Cell, Source, collapse_spaces};
use roxmltree::{Document, Node};
use std::io::Read;

/// The main part of a DOCX is refused beyond this size (a zip bomb would
/// otherwise fill the memory).
const MAX_PART: u64 = 64 * 1024 * 1024;

/// A span larger than this is treated as this (as in HTML).
const MAX_SPAN: usize = 200;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Why a DOCX could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a readable zip archive, or `word/document.xml` missing.
    NotAZip(String),
    /// `word/document.xml` is larger than [`MAX_PART`].
    TooLarge,
    /// `word/document.xml` is not well-formed XML (or not UTF-8).
    BadXml(String),
}

/// The blocks of a DOCX file.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, DocxError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::NotAZip(e.to_string()))?;
    let document = read_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| DocxError::NotAZip("word/document.xml".into()))?;
    // Numbering is a nicety: a damaged numbering or styles part loses the
    // generated numbers, not the document.
    let numbering = read_part(&mut archive, "word/numbering.xml").ok().flatten();
    let styles = read_part(&mut archive, "word/styles.xml").ok().flatten();
    let numbering = Numbering::parse(numbering.as_deref(), styles.as_deref());
    let doc = Document::parse_with_options(
        &document,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            ..Default::default()
        },
    )
    .map_err(|e| DocxError::BadXml(e.to_string()))?;
    let body = doc
        .root_element()
        .children()
        .find(|n| is_w(n, "body"))
        .ok_or_else(|| DocxError::BadXml("w:body".into()))?;
    let mut walker = Walker {
        numbering,
        ..Walker::default()
    };
    walker.container(body);
    Ok(walker.blocks)
}

fn read_part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::NotAZip(e.to_string())),
    };
    if file.size() > MAX_PART {
        return Err(DocxError::TooLarge);
    }
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocxError::NotAZip(e.to_string()))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(DocxError::TooLarge);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| DocxError::BadXml(e.to_string()))
}

fn is_w(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn w_attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn child<'a, 'i>(node: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is_w(n, name))
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    numbering: Numbering,
    paragraphs: usize,
    tables: usize,
    origins: usize,
}

impl Walker {
    /// The body, or anything that holds paragraphs and tables in reading
    /// order (content controls, custom XML, inserted text).
    fn container(&mut self, node: Node<'_, '_>) {
        for n in node.children().filter(Node::is_element) {
            if is_w(&n, "p") {
                self.paragraph(n);
            } else if is_w(&n, "tbl") {
                self.table(n);
            } else if is_w(&n, "sdt") {
                if let Some(content) = child(&n, "sdtContent") {
                    self.container(content);
                }
            } else if is_w(&n, "customXml") || is_w(&n, "ins") || is_w(&n, "smartTag") {
                self.container(n);
            }
        }
    }

    fn paragraph(&mut self, p: Node<'_, '_>) {
        let mut lines = vec![self.numbering.label(p)];
        paragraph_text(p, &mut lines);
        for line in lines {
            let text = collapse_spaces(&line);
            if text.is_empty() {
                continue;
            }
            self.paragraphs += 1;
            self.blocks.push(Block::Text {
                text,
                at: Source::Paragraph(self.paragraphs),
            });
        }
    }

    fn table(&mut self, tbl: Node<'_, '_>) {
        self.tables += 1;
        let mut grid: Vec<Vec<Option<Cell>>> = Vec::new();
        for (r, tr) in own(tbl, "tr").into_iter().enumerate() {
            let mut row: Vec<Option<Cell>> = Vec::new();
            let skip = |name: &str| {
                child(&tr, "trPr")
                    .and_then(|pr| child(&pr, name))
                    .and_then(|g| w_attr(&g, "val"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(MAX_SPAN)
            };
            row.resize_with(skip("gridBefore"), || None);
            for tc in own(tr, "tc") {
                let c = row.len();
                let pr = child(&tc, "tcPr");
                let span = pr
                    .and_then(|pr| child(&pr, "gridSpan"))
                    .and_then(|g| w_attr(&g, "val"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPAN);
                // `<w:vMerge/>` or `w:val="continue"` continues the cell above.
                let continues = pr
                    .and_then(|pr| child(&pr, "vMerge"))
                    .is_some_and(|v| w_attr(&v, "val").is_none_or(|v| v == "continue"));
                let above = continues
                    .then(|| grid.last().and_then(|prev| prev.get(c).cloned().flatten()))
                    .flatten();
                let cell = match above {
                    Some(cell) => cell,
                    None => {
                        self.origins += 1;
                        Cell {
                            raw: cell_text(tc),
                            at: Source::Cell {
                                table: self.tables,
                                row: r + 1,
                                col: c + 1,
                            },
                            origin: self.origins,
                            col: c,
                        }
                    }
                };
                for dc in 0..span {
                    row.push(Some(Cell {
                        col: c + dc,
                        ..cell.clone()
                    }));
                }
            }
            grid.push(row);
        }
        self.blocks
            .push(Block::from_grid(grid, self.tables, &mut self.origins));
    }
}

/// The `w:tr`s of a table (or `w:tc`s of a row), also inside content
/// controls, but not those of nested tables.
fn own<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    let mut stack: Vec<Node<'a, 'i>> = node.children().filter(Node::is_element).collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if is_w(&n, name) {
            out.push(n);
        } else if is_w(&n, "sdt") || is_w(&n, "sdtContent") || is_w(&n, "customXml") {
            let mut children: Vec<Node<'a, 'i>> = n.children().filter(Node::is_element).collect();
            children.reverse();
            stack.extend(children);
        }
    }
    out
}

/// The text of a paragraph, a new line started at each line break.
fn paragraph_text(node: Node<'_, '_>, lines: &mut Vec<String>) {
    for n in node.children().filter(Node::is_element) {
        let name = n.tag_name().name();
        if n.tag_name().namespace() != Some(W) {
            // Alternative content: the first choice only (the fallback repeats it).
            if name == "AlternateContent" {
                if let Some(choice) = n.children().find(|c| c.tag_name().name() == "Choice") {
                    paragraph_text(choice, lines);
                }
            } else if name != "Fallback" {
                paragraph_text(n, lines);
            }
            continue;
        }
        let line = lines.last_mut().expect("lines start with one");
        match name {
            "t" => line.push_str(n.text().unwrap_or("")),
            "tab" | "ptab" => line.push(' '),
            "noBreakHyphen" => line.push('-'),
            "br" | "cr" => lines.push(String::new()),
            "del" | "delText" | "instrText" | "pPr" | "rPr" | "fldData" => {}
            _ => paragraph_text(n, lines),
        }
    }
}

/// A cell's text: its paragraphs and line breaks become spaces.
fn cell_text(tc: Node<'_, '_>) -> String {
    let mut lines = vec![String::new()];
    for p in tc.descendants().filter(|n| is_w(n, "p")) {
        // Paragraphs of nested tables are reached through the descendants.
        paragraph_text(p, &mut lines);
        lines.push(String::new());
    }
    collapse_spaces(&lines.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(body: &str) -> Vec<u8> {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        write!(
            zip,
            r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
        )
        .unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    fn texts(rows: &[Vec<Cell>]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.raw.as_str()).collect())
            .collect()
    }

    #[test]
    fn merges_fill_the_grid() {
        let b = blocks(&docx(
            r#"<w:p><w:r><w:t>三、标题</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>
            <w:tbl>
              <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>组</w:t></w:r></w:p></w:tc>
                    <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
                    <w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p><w:p><w:r><w:t>行</w:t></w:r></w:p></w:tc>
                    <w:tc><w:p><w:del><w:r><w:delText>9</w:delText></w:r></w:del><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
            </w:tbl>"#,
        ))
        .unwrap();
        assert_eq!(b.len(), 3, "{b:?}");
        let Block::Text { text, .. } = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(text, "下一行");
        let Block::Table { rows, .. } = &b[2] else {
            panic!("{b:?}")
        };
        assert_eq!(texts(rows), [["组", "甲", "甲"], ["组", "1 行", "2"]]);
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

    #[test]
    fn what_is_not_a_docx_says_why() {
        assert!(matches!(blocks(b"PK\x03\x04"), Err(DocxError::NotAZip(_))));
        let mut bad = docx("<w:p>");
        assert!(matches!(blocks(&bad), Err(DocxError::BadXml(_))));
        bad.truncate(10);
        assert!(blocks(&bad).is_err());
    }
}
