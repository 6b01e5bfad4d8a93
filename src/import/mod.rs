//! `nianbao import PUBLISHED -o OUT`: a published report back into a report.
//!
//! Two readers turn a document into the same sequence of [`Block`]s — lines
//! of text and tables of cells — and one interpreter places them:
//! - [`text`]: the plain-text layout (the seed: `|`-separated table rows), and
//!   the opening paragraph's facts (year, agency, basis, contact);
//! - [`html`]: HTML, with `rowspan`/`colspan` expanded into a grid;
//! - [`sections`]: headings, numbered sub-parts and their texts;
//! - [`tables`]: table rows into cells, [`cells`]: what one cell holds;
//! - [`normalize`]: glosses, traditional characters, punctuation, and label
//!   matching against the schema.
//!
//! Nothing is guessed: every value that cannot be placed is listed with its
//! position and raw text ([`Unplaced`]), and the result is validated.

pub mod cells;
pub mod html;
pub mod normalize;
pub mod sections;
pub mod tables;
pub mod text;

use crate::check;
use crate::error::{Error, Outcome};
use crate::inert;
use crate::model::Report;
use crate::problem::{Problem, Severity};
use crate::schema::{self, Lang};
use crate::store;
use crate::validate::{self, Context};
use std::path::Path;

/// What an import produced.
#[derive(Debug)]
pub struct Imported {
    pub report: Report,
    /// Values found in the document that could not be placed.
    pub unplaced: Vec<Unplaced>,
    /// Validation of the result, as `check` reports it.
    pub problems: Vec<Problem>,
    /// What is wrong in the document itself (conflicting repeated tables,
    /// printed totals that disagree with their parts, a table not found),
    /// located in the document.
    pub source_problems: Vec<Problem>,
    /// What the import did that the user should know.
    pub notes: Vec<String>,
    /// Why the document was not imported at all (e.g. the 2019 format).
    pub refused: Option<String>,
}

impl Imported {
    /// Nothing unplaced, and no errors in the document or the result.
    pub fn is_clean(&self) -> bool {
        self.refused.is_none()
            && self.unplaced.is_empty()
            && !self
                .problems
                .iter()
                .chain(&self.source_problems)
                .any(|p| p.severity == Severity::Error)
    }
}

/// A value found in the document and left out, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    pub at: Source,
    /// The text as it appears in the document.
    pub raw: String,
    pub reason: String,
}

/// A position in the imported document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A line of a text file (1-based).
    Line(usize),
    /// A paragraph or heading of an HTML document (1-based, in order).
    Paragraph(usize),
    /// A cell of an HTML table (1-based table, row and column of the grid).
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
}

impl Source {
    /// The line number, for `file:line:` prefixes.
    pub fn line(self) -> Option<usize> {
        match self {
            Source::Line(n) => Some(n),
            _ => None,
        }
    }

    /// Where it is, in words: `第 12 行`, `表 3 第 5 行第 2 列`.
    pub fn describe(self, lang: Lang) -> String {
        match (self, lang) {
            (Source::Line(n), Lang::Zh) => format!("第 {n} 行"),
            (Source::Line(n), Lang::En) => format!("line {n}"),
            (Source::Paragraph(n), Lang::Zh) => format!("第 {n} 段"),
            (Source::Paragraph(n), Lang::En) => format!("paragraph {n}"),
            (Source::Cell { table, row, col }, Lang::Zh) => {
                format!("表 {table} 第 {row} 行第 {col} 列")
            }
            (Source::Cell { table, row, col }, Lang::En) => {
                format!("table {table}, row {row}, column {col}")
            }
        }
    }
}

/// One piece of a document, in reading order.
#[derive(Debug, Clone)]
pub enum Block {
    /// A line of text, or an HTML paragraph or heading (raw, not cleaned).
    Text { text: String, at: Source },
    /// A table as a grid of cells; `aligned` when cell positions line up
    /// with the columns above them (HTML), not when a layout lost its spans
    /// (the text layout).
    Table { rows: Vec<Vec<Cell>>, aligned: bool },
}

/// One cell of a table block.
#[derive(Debug, Clone)]
pub struct Cell {
    /// The text as in the document.
    pub raw: String,
    pub at: Source,
    /// The same for every grid position a spanning cell covers.
    pub origin: usize,
    /// The grid column (0-based).
    pub col: usize,
}

/// Imports a report published as plain text (the seed's layout).
pub fn from_text(text: &str, lang: Lang) -> Imported {
    interpret(text::blocks(text), lang)
}

/// Imports a report published as HTML.
pub fn from_html(html: &str, lang: Lang) -> Imported {
    interpret(html::blocks(html), lang)
}

fn interpret(blocks: Vec<Block>, lang: Lang) -> Imported {
    if let Some(marker) = trial_2019_marker(&blocks) {
        return Imported {
            report: Report::empty(),
            unplaced: Vec::new(),
            problems: Vec::new(),
            source_problems: Vec::new(),
            notes: Vec::new(),
            refused: Some(match lang {
                Lang::Zh => format!(
                    "这是 2019 年试行格式的报告（含“{marker}”），本工具只支持 2021 年格式；请按 2021 年格式重新填报"
                ),
                Lang::En => format!(
                    "this is a report in the 2019 trial format (it has “{marker}”); only the 2021 format is supported: re-enter it in the 2021 format"
                ),
            }),
        };
    }
    let mut imported = sections::Importer::new(lang).run(&blocks);
    imported.problems = validate::validate(&imported.report, Context::now(lang));
    imported
}

/// The first phrase only the 2019 trial format printed, if the document has one.
fn trial_2019_marker(blocks: &[Block]) -> Option<&'static str> {
    let mut all = String::new();
    for b in blocks {
        match b {
            Block::Text { text, .. } => all += &normalize::label_key(text),
            Block::Table { rows, .. } => {
                for cell in rows.iter().flatten() {
                    all += &normalize::label_key(&cell.raw);
                }
            }
        }
    }
    schema::TRIAL_2019_MARKERS
        .iter()
        .find(|m| all.contains(&normalize::label_key(m)))
        .copied()
}

/// Whether the bytes look like HTML rather than plain text.
fn looks_like_html(path: &Path, text: &str) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("html" | "htm" | "xhtml")) {
        return true;
    }
    let head: String = text.trim_start().chars().take(512).collect();
    let head = head.to_ascii_lowercase();
    head.starts_with('<') || head.contains("<table") || head.contains("<html")
}

/// Runs the command; returns the exit code: 0 imported cleanly, 1 written
/// but with values unplaced or errors (fix them in the wizard), 2 nothing
/// written (input unreadable or refused, output exists or unwritable).
pub fn run(input: &Path, output: &Path, force: bool, lang: Lang) -> Outcome {
    if output.exists() && !force {
        return Err(Error::Exists {
            path: output.to_path_buf(),
            force: true,
        });
    }
    let fail = |problem| {
        Error::Read(store::ReadFailure {
            file: input.to_path_buf(),
            problem,
        })
    };
    let bytes = std::fs::read(input).map_err(|e| fail(store::io_problem(&e, lang)))?;
    let text = store::decode(&bytes, lang).map_err(fail)?;
    let imported = if looks_like_html(input, text) {
        from_html(text, lang)
    } else {
        from_text(text, lang)
    };
    if let Some(why) = &imported.refused {
        return Err(Error::ImportRefused {
            file: input.to_path_buf(),
            why: why.clone(),
        });
    }
    let saved = if force {
        store::save(output, &imported.report)
    } else {
        store::save_new(output, &imported.report)
    };
    saved.map_err(|source| Error::Write {
        path: output.to_path_buf(),
        source,
    })?;
    print!("{}", report_text(input, output, &imported, lang));
    Ok(if imported.is_clean() { 0 } else { 1 })
}

/// What the command prints: notes, unplaced values, the document's
/// problems, then `check`'s view of the written file.
fn report_text(input: &Path, output: &Path, imported: &Imported, lang: Lang) -> String {
    let mut out = String::new();
    for note in &imported.notes {
        out += &inert::line(&format!("{}{note}", lang.pick("说明：", "note: ")));
        out.push('\n');
    }
    for u in &imported.unplaced {
        let loc = match u.at.line() {
            Some(n) => format!("{}:{n}", input.display()),
            None => format!("{}: {}", input.display(), u.at.describe(lang)),
        };
        out += &inert::line(&format!(
            "{loc}: {} “{}”{}{}",
            lang.pick("未放置", "not placed"),
            u.raw,
            lang.pick("：", ": "),
            u.reason
        ));
        out.push('\n');
    }
    for p in &imported.source_problems {
        out += &check::problem_line(input, p, lang);
        out.push('\n');
    }
    let checked = check::check_file(output, None, Context::now(lang));
    out += &check::format_human(std::slice::from_ref(&checked), lang);
    out += &inert::line(&match (imported.is_clean(), lang) {
        (true, Lang::Zh) => format!("已导入到 {}。", output.display()),
        (true, Lang::En) => format!("Imported into {}.", output.display()),
        (false, Lang::Zh) => format!(
            "已导入到 {}，但有 {} 个数字未能放置或有错误（见上）；请用 nianbao edit {} 核对补正。",
            output.display(),
            imported.unplaced.len(),
            output.display()
        ),
        (false, Lang::En) => format!(
            "Imported into {}, but {} value(s) could not be placed or there are errors (above); check and complete it with nianbao edit {}.",
            output.display(),
            imported.unplaced.len(),
            output.display()
        ),
    });
    out.push('\n');
    out
}
