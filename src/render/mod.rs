//! `nianbao render`: the published report.
//!
//! [`build`] turns the schema and a report into a small document tree —
//! title, headings, paragraphs, tables with merged cells, an optional chart —
//! and it is the only place that decides what the report says. Each writer
//! ([`html`], [`docx`], [`markdown`], [`text`]) prints that tree in its
//! format and never names a row, column or label. This file holds the tree
//! types and [`run`], the command itself.

pub mod build;
mod chart;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod text;

use crate::check::{self, FileReport};
use crate::cli::RenderFormat;
use crate::error::{Error, Outcome};
use crate::problem::Severity;
use crate::schema::Lang;
use crate::store;
use crate::validate::{self, Context};
use rust_decimal::Decimal;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The published report as a tree every writer walks.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title, e.g. `昆区商务局2023年政府信息公开工作年度报告`.
    pub title: String,
    pub blocks: Vec<Block>,
}

/// One block of the report, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading: level 1 for a section (`三、…`), level 2 for a sub-part.
    Heading {
        level: u8,
        text: String,
    },
    /// One paragraph; the strong spans are run-in sub-headings.
    Paragraph(Vec<Span>),
    Table(Table),
    /// A figure beyond the official format (HTML only).
    Chart(BarChart),
}

/// A run of text in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
}

/// A table as printed: header rows and body rows of cells with spans.
/// Every row covers exactly `width` grid columns once the row and column
/// spans of the cells above it are counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// A caption printed with the table (`第二十条第（一）项`).
    pub caption: Option<String>,
    /// Grid columns.
    pub width: usize,
    /// How many leading grid columns hold row labels rather than numbers.
    pub label_columns: usize,
    pub head: Vec<Vec<Cell>>,
    pub body: Vec<Vec<Cell>>,
}

impl Table {
    /// Whether any cell spans more than one row or column.
    pub fn has_spans(&self) -> bool {
        self.head
            .iter()
            .chain(&self.body)
            .flatten()
            .any(|c| c.rowspan > 1 || c.colspan > 1)
    }
}

/// One cell of a printed table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
    /// A column header, row label or group label (not a number).
    pub header: bool,
    /// A number (aligned as one).
    pub number: bool,
}

impl Cell {
    /// A header or label cell.
    pub fn label(text: &str, rowspan: usize, colspan: usize) -> Cell {
        Cell {
            text: clean(text),
            rowspan,
            colspan,
            header: true,
            number: false,
        }
    }

    /// A number cell.
    pub fn number(text: &str) -> Cell {
        Cell {
            text: clean(text),
            rowspan: 1,
            colspan: 1,
            header: false,
            number: true,
        }
    }
}

/// A horizontal bar chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarChart {
    pub title: String,
    /// A line under the title (what the bars add up to).
    pub note: String,
    pub bars: Vec<Bar>,
}

/// One bar: a label, its value and, when the whole is not zero, its share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: Decimal,
    /// Percent of the whole, e.g. `"94.8%"`.
    pub share: Option<String>,
}

/// Removes control characters (C0 and C1, DEL) from a text, keeping line
/// breaks and turning tabs into spaces. Every text enters the tree through
/// this, so a field holding an escape sequence (ESC, OSC 52, BEL) cannot
/// reach a terminal from the text output, and cannot make the DOCX XML
/// invalid (XML 1.0 forbids most control characters even escaped).
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Docx,
    Markdown,
    Text,
}

impl Format {
    /// The format a file name's extension suggests.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// The report in this format.
    pub fn write(self, doc: &Document) -> Vec<u8> {
        match self {
            Format::Html => html::write(doc).into_bytes(),
            Format::Docx => docx::write(doc),
            Format::Markdown => markdown::write(doc).into_bytes(),
            Format::Text => text::write(doc).into_bytes(),
        }
    }
}

impl From<RenderFormat> for Format {
    fn from(f: RenderFormat) -> Format {
        match f {
            RenderFormat::Html => Format::Html,
            RenderFormat::Docx => Format::Docx,
            RenderFormat::Md => Format::Markdown,
            RenderFormat::Txt => Format::Text,
        }
    }
}

/// What `nianbao render` was asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    pub file: PathBuf,
    /// `None`: taken from the extension of `output`.
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub chart: bool,
}

/// Runs `nianbao render`: 0 written, 1 refused because of errors in the
/// report; the errors of bad arguments, unreadable input or unwritable
/// output. Notes and the report's problems go to `err`, the report to `out`
/// when there is no `-o`.
pub fn run(req: &Request, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let format = choose_format(req, lang, err)?;
    if format == Format::Docx && req.output.is_none() {
        return Err(Error::DocxToTerminal);
    }
    if let Some(output) = &req.output {
        refuse_to_overwrite_report(&req.file, output)?;
    }
    if req.chart && format != Format::Html {
        let _ = writeln!(err, "{}", messages::chart_is_html_only(lang));
    }

    let loaded = store::load(&req.file, lang).map_err(Error::Read)?;
    let more = validate::validate(&loaded.report, Context::now(lang));
    let problems = check::combine(loaded.problems, more, &loaded.lines);
    let has_errors = problems.iter().any(|p| p.severity == Severity::Error);
    if !problems.is_empty() {
        let listing = check::format_human(
            &[FileReport {
                file: req.file.clone(),
                problems,
                unreadable: false,
            }],
            lang,
        );
        let _ = err.write_all(listing.as_bytes());
    }
    if has_errors && !req.force {
        let _ = writeln!(err, "{}", messages::not_rendered_because_of_errors(lang));
        return Ok(1);
    }
    if has_errors {
        let _ = writeln!(err, "{}", messages::rendered_despite_errors(lang));
    }

    let doc = build::document(&loaded.report, build::Options { chart: req.chart });
    let bytes = format.write(&doc);
    deliver(req.output.as_deref(), &bytes, out)?;
    Ok(0)
}

/// Writes a document to its file (atomically), or to
/// `out` when there is none; a reader that stopped early (`| head`) is no
/// error.
pub fn deliver(output: Option<&Path>, bytes: &[u8], out: &mut dyn Write) -> Result<(), Error> {
    match output {
        Some(path) => match store::save_bytes(path, bytes) {
            Ok(_) => Ok(()),
            Err(source) => Err(Error::Write {
                path: path.to_path_buf(),
                source,
            }),
        },
        None => match out.write_all(bytes).and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e)),
            _ => Ok(()),
        },
    }
}

/// `--format`, else the output file's extension; a note when both are given
/// and disagree.
fn choose_format(req: &Request, lang: Lang, err: &mut dyn Write) -> Result<Format, Error> {
    let implied = req.output.as_deref().and_then(Format::from_extension);
    match (req.format, implied) {
        (Some(f), Some(i)) if f != i => {
            let _ = writeln!(err, "{}", messages::extension_disagrees(lang));
            Ok(f)
        }
        (Some(f), _) => Ok(f),
        (None, Some(i)) => Ok(i),
        (None, None) => Err(Error::NoFormat),
    }
}

/// Never write the published report over a report file: not over the input,
/// and not over any `.toml` file (a slip of the keyboard in `-o`).
fn refuse_to_overwrite_report(input: &Path, output: &Path) -> Result<(), Error> {
    let is_toml = output
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let same_file = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if is_toml || same_file {
        return Err(Error::OverReport {
            path: output.to_path_buf(),
        });
    }
    Ok(())
}

/// The command's notes, whole in each language.
mod messages {
    use crate::schema::Lang;

    pub fn chart_is_html_only(lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => "提示：--chart 只用于 HTML，其他格式不含图解",
            Lang::En => "note: --chart applies to HTML only; other formats have no chart",
        }
    }

    pub fn not_rendered_because_of_errors(lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => "报告有错误，未生成。请先修正（nianbao edit），或加 --force 照样生成",
            Lang::En => {
                "the report has errors and was not rendered. Fix them (nianbao edit), or add --force to render it anyway"
            }
        }
    }

    pub fn rendered_despite_errors(lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => "警告：报告有错误，已按 --force 照样生成",
            Lang::En => "warning: the report has errors; rendered anyway because of --force",
        }
    }

    pub fn extension_disagrees(lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => "提示：输出文件的扩展名与 --format 不一致，按 --format 生成",
            Lang::En => {
                "note: the output file's extension does not match --format; following --format"
            }
        }
    }
}
