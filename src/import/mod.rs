//! `nianbao import PUBLISHED… -o OUT`: published reports back into reports.
//!
//! Each reader turns its kind of document into the same sequence of
//! [`Block`]s — lines of text and tables of cells — and one interpreter
//! places them:
//! - [`detect`]: the kind of document, told by its bytes;
//! - [`text`]: the plain-text layout with `|`-separated table rows (the
//!   seed), and the opening paragraph's facts (year, agency, basis, contact);
//! - [`layout`]: space-aligned text (`pdftotext -layout`, `w3m -dump`,
//!   `lynx -dump`), rows found by their labels;
//! - [`html`]: HTML, with `rowspan`/`colspan` expanded into a grid;
//! - [`docx`]: DOCX, with `w:gridSpan`/`w:vMerge` expanded into a grid, and
//!   [`numbering`] for Word's automatic numbers;
//! - [`pdf`]: a PDF's text layer as positioned lines for [`layout`];
//! - [`convert`]: .doc, .wps and .rtf through LibreOffice into DOCX;
//! - [`sections`]: headings, numbered sub-parts and their texts;
//! - [`tables`]: table rows into cells, [`cells`]: what one cell holds;
//! - [`normalize`]: glosses, traditional characters, punctuation, and label
//!   matching against the schema;
//! - [`batch`]: many files at once, in parallel, with a summary table.
//!
//! Nothing is guessed: every value that cannot be placed is listed with its
//! position and raw text ([`Unplaced`]), and the result is validated.

pub mod batch;
pub mod cells;
pub mod convert;
pub mod detect;
pub mod docx;
pub mod html;
pub mod layout;
pub mod messages;
pub mod normalize;
pub mod numbering;
pub mod pdf;
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
    /// How many table cells were filled from the document.
    pub placed: usize,
    /// Published totals that do not add up to their parts, stored as
    /// printed (each also a source problem).
    pub kept_totals: Vec<schema::CellId>,
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

impl Imported {
    /// What is left to check, by cause: the kept totals are counted once,
    /// not again among the document's and the result's errors.
    pub fn causes(&self) -> messages::Causes {
        let kept: Vec<String> = self.kept_totals.iter().map(|c| c.path()).collect();
        let other_errors = |problems: &[Problem]| {
            problems
                .iter()
                .filter(|p| p.severity == Severity::Error && !kept.contains(&p.path))
                .count()
        };
        messages::Causes {
            kept_totals: self.kept_totals.len(),
            unplaced: self.unplaced.len(),
            document: other_errors(&self.source_problems),
            result: other_errors(&self.problems),
        }
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
    /// A cell of an HTML or DOCX table (1-based table, row and column of
    /// the grid).
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
    /// A line of a PDF page (1-based page, and line from the top).
    Page { page: usize, line: usize },
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
            (Source::Page { page, line }, Lang::Zh) => format!("第 {page} 页第 {line} 行"),
            (Source::Page { page, line }, Lang::En) => format!("page {page}, line {line}"),
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

impl Block {
    /// A table block from a grid whose spans are already expanded (HTML,
    /// DOCX): a position no cell covers becomes an empty cell of its own,
    /// at its row and column of table number `table`.
    pub fn from_grid(grid: Vec<Vec<Option<Cell>>>, table: usize, origins: &mut usize) -> Block {
        let rows = grid
            .into_iter()
            .enumerate()
            .map(|(r, row)| {
                row.into_iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        cell.unwrap_or_else(|| {
                            *origins += 1;
                            Cell {
                                raw: String::new(),
                                at: Source::Cell {
                                    table,
                                    row: r + 1,
                                    col: c + 1,
                                },
                                origin: *origins,
                                col: c,
                            }
                        })
                    })
                    .collect()
            })
            .collect();
        Block::Table {
            rows,
            aligned: true,
        }
    }
}

/// A cell's text with every run of white space (line breaks inside a cell
/// among them) made one space.
fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Imports a report published as plain text: the seed's layout with
/// `|`-separated table rows, or space-aligned text.
pub fn from_text(text: &str, lang: Lang) -> Imported {
    interpret(text_blocks(text), lang)
}

/// The blocks of plain text, by the reader its table rows call for.
pub fn text_blocks(text: &str) -> Vec<Block> {
    if text::has_table_rows(text) {
        text::blocks(text)
    } else {
        layout::blocks(&layout::text_lines(text))
    }
}

/// Imports a report published as HTML.
pub fn from_html(html: &str, lang: Lang) -> Imported {
    interpret(html::blocks(html), lang)
}

/// Imports a report published as DOCX; `Err` says why it cannot be read.
pub fn from_docx(bytes: &[u8], lang: Lang) -> Result<Imported, String> {
    match docx::blocks(bytes) {
        Ok(blocks) => Ok(interpret(blocks, lang)),
        Err(docx::DocxError::TooLarge) => Err(messages::docx_too_large(lang)),
        Err(docx::DocxError::NotAZip(why) | docx::DocxError::BadXml(why)) => {
            Err(messages::docx_damaged(&why, lang))
        }
    }
}

/// Imports a report published as PDF; `Err` says why it cannot be read
/// (no text layer, damaged, and which package would help).
pub fn from_pdf(bytes: &[u8], lang: Lang) -> Result<Imported, String> {
    let read = pdf::lines(bytes, lang)?;
    let blocks = if read.exact {
        layout::exact_blocks(&read.lines)
    } else {
        layout::blocks(&read.lines)
    };
    Ok(interpret(blocks, lang))
}

/// Imports a document of any kind, told by its bytes; `Err` is why
/// nothing could be read.
pub fn read(bytes: &[u8], lang: Lang) -> Result<Imported, Problem> {
    let refuse = |message: String| Problem::error("", "", message).blocking();
    match detect::kind(bytes) {
        detect::Kind::Docx => from_docx(bytes, lang).map_err(refuse),
        detect::Kind::Pdf => from_pdf(bytes, lang).map_err(refuse),
        detect::Kind::Legacy => convert::to_docx(bytes, lang)
            .and_then(|docx| from_docx(&docx, lang))
            .map_err(refuse),
        detect::Kind::OtherZip => Err(refuse(messages::zip_not_word(lang))),
        detect::Kind::Text => match store::decode(bytes, lang) {
            Ok(text) if detect::is_html(text) => Ok(from_html(text, lang)),
            Ok(text) => Ok(from_text(text, lang)),
            // Binary bytes that are no document: say what can be read
            // (a UTF-16 or GBK text keeps its conversion hint).
            Err(_) if detect::is_binary(bytes) => Err(refuse(messages::not_a_document(lang))),
            Err(p) => Err(p),
        },
    }
}

/// Imports what a reader made of a document (for the fuzz checks, which
/// call each reader on its own).
pub fn from_blocks(blocks: Vec<Block>, lang: Lang) -> Imported {
    interpret(blocks, lang)
}

fn interpret(blocks: Vec<Block>, lang: Lang) -> Imported {
    if let Some(marker) = trial_2019_marker(&blocks) {
        return Imported {
            report: Report::empty(),
            unplaced: Vec::new(),
            problems: Vec::new(),
            source_problems: Vec::new(),
            notes: Vec::new(),
            placed: 0,
            kept_totals: Vec::new(),
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

/// Runs the command: one file into a report file, or many (or one into a
/// folder: `-o DIR/`, or a folder that exists) with [`batch`].
pub fn run_command(
    inputs: &[std::path::PathBuf],
    output: &Path,
    force: bool,
    lang: Lang,
) -> Outcome {
    let into_folder = output.is_dir() || output.as_os_str().to_string_lossy().ends_with('/');
    match inputs {
        [one] if !into_folder => run(one, output, force, lang),
        _ => batch::run(inputs, output, force, lang),
    }
}

/// Runs the command on one file; returns the exit code: 0 imported cleanly, 1 written
/// but with values unplaced or errors (fix them in the wizard), 2 nothing
/// written (input unreadable or refused, output exists or unwritable).
pub fn run(input: &Path, output: &Path, force: bool, lang: Lang) -> Outcome {
    if output.exists() && !force {
        return Err(Error::Exists {
            path: output.to_path_buf(),
            force: true,
        });
    }
    let imported = std::fs::read(input)
        .map_err(|e| store::io_problem(&e, lang))
        .and_then(|bytes| read(&bytes, lang))
        .map_err(|problem| {
            Error::Read(store::ReadFailure {
                file: input.to_path_buf(),
                problem,
            })
        })?;
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
pub fn report_text(input: &Path, output: &Path, imported: &Imported, lang: Lang) -> String {
    let mut out = String::new();
    for note in &imported.notes {
        out += &inert::line(&sentence!(lang, "说明：{note}", "note: {note}"));
        out.push('\n');
    }
    out += &unplaced_and_source_problems(input, imported, lang);
    let checked = check::check_file(output, None, Context::now(lang));
    out += &check::format_human(std::slice::from_ref(&checked), lang);
    let output = output.display().to_string();
    out += &inert::line(&messages::import_end(imported.causes(), &output, lang));
    out.push('\n');
    out
}

/// Each unplaced value and each problem of the document, a line each.
fn unplaced_and_source_problems(input: &Path, imported: &Imported, lang: Lang) -> String {
    let mut out = String::new();
    for u in &imported.unplaced {
        let loc = match u.at.line() {
            Some(n) => format!("{}:{n}", input.display()),
            None => format!("{}: {}", input.display(), u.at.describe(lang)),
        };
        let (raw, reason) = (&u.raw, &u.reason);
        out += &inert::line(&sentence!(
            lang,
            "{loc}: 未放置 “{raw}”：{reason}",
            "{loc}: not placed “{raw}”: {reason}",
        ));
        out.push('\n');
    }
    for p in &imported.source_problems {
        out += &check::problem_line(input, p, lang);
        out.push('\n');
    }
    out
}

/// For many files at once: the unplaced values, the document's problems
/// and the errors of the result — what needs attention, without notes.
pub fn report_text_brief(input: &Path, imported: &Imported, lang: Lang) -> String {
    let mut out = unplaced_and_source_problems(input, imported, lang);
    // A kept total is said once, as the document's fault.
    let kept: Vec<String> = imported.kept_totals.iter().map(|c| c.path()).collect();
    for p in imported
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error && !kept.contains(&p.path))
    {
        out += &check::problem_line(input, p, lang);
        out.push('\n');
    }
    out
}
