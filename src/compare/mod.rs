//! `nianbao compare LAST THIS [-o OUT]` (比对): this year's report against
//! last year's, for reviewers and the supervising office.
//!
//! - [`diff`]: what changed — key figures, cells, texts, cross-year findings.
//! - [`document`]: that as a document tree, printed by the render writers
//!   (HTML, DOCX, Markdown); [`text`]: as text in 80 columns.
//! - [`sheets`]: as an xlsx workbook.
//! - [`folders`]: two folders of many agencies, paired by agency name.
//! - [`messages`]: its sentences, whole in each language.
//!
//! An input is a report file (`.toml`) or a published report of any kind
//! `import` reads; an imported one's notes go to standard error, as
//! `import` says them.

pub mod diff;
pub mod document;
pub mod folders;
pub mod messages;
pub mod sheets;
pub mod text;

use crate::error::{Error, Outcome};
use crate::import;
use crate::inert;
use crate::model::Report;
use crate::schema::Lang;
use crate::store;
use diff::Comparison;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `compare` writes, told by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Html,
    Docx,
    Markdown,
    Text,
    Xlsx,
}

impl Output {
    /// The format of `path`'s extension; `None` when it is none of them.
    pub fn of(path: &Path) -> Option<Output> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "html" | "htm" => Output::Html,
            "docx" => Output::Docx,
            "md" | "markdown" => Output::Markdown,
            "txt" | "text" => Output::Text,
            "xlsx" => Output::Xlsx,
            _ => return None,
        })
    }
}

/// What `nianbao compare` was asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    pub last: PathBuf,
    pub this: PathBuf,
    pub output: Option<PathBuf>,
    pub force: bool,
}

/// Runs the command: 0 compared, 1 compared with inputs that had
/// something to check (an import's unplaced values, a folder's report
/// without a partner or unreadable), errors for what stopped it.
pub fn run(req: &Request, lang: Lang, err: &mut dyn Write) -> Outcome {
    let format = match &req.output {
        None => Output::Text,
        Some(path) => {
            let format = Output::of(path).ok_or_else(|| {
                Error::Usage(messages::unknown_extension(&inert::path(path), lang))
            })?;
            check_output(path, req.force)?;
            format
        }
    };
    let (bytes, code) = match (req.last.is_dir(), req.this.is_dir()) {
        (true, true) => {
            let (bytes, code) = folders::compare(&req.last, &req.this, format, lang, err)?;
            (bytes.map_err(|e| xlsx_error(req, e))?, code)
        }
        (false, false) => {
            let (last, last_clean) = load(&req.last, lang, err)?;
            let (this, this_clean) = load(&req.this, lang, err)?;
            let cmp = Comparison::of(
                &last,
                &this,
                &req.last.display().to_string(),
                &req.this.display().to_string(),
                lang,
            );
            let code = if last_clean && this_clean { 0 } else { 1 };
            (
                write_one(&cmp, format, lang).map_err(|e| xlsx_error(req, e))?,
                code,
            )
        }
        _ => return Err(Error::Usage(messages::folder_and_file(lang))),
    };
    crate::render::deliver(req.output.as_deref(), &bytes, &mut std::io::stdout().lock())?;
    Ok(code)
}

/// A failure of the xlsx writer as a file that could not be written.
fn xlsx_error(req: &Request, e: rust_xlsxwriter::XlsxError) -> Error {
    let path = req.output.clone().unwrap_or_default();
    crate::spreadsheet::write_error(&path, e)
}

/// One comparison in the format asked for.
pub fn write_one(
    cmp: &Comparison,
    format: Output,
    lang: Lang,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    Ok(match format {
        Output::Text => text::write(std::slice::from_ref(cmp), None, lang).into_bytes(),
        Output::Xlsx => sheets::one(cmp, lang)?,
        f => render_as(f, &document::document(cmp, lang)),
    })
}

/// A document tree in one of the render writers' formats.
fn render_as(format: Output, doc: &crate::render::Document) -> Vec<u8> {
    use crate::render::Format;
    let f = match format {
        Output::Html => Format::Html,
        Output::Docx => Format::Docx,
        Output::Markdown => Format::Markdown,
        Output::Text | Output::Xlsx => Format::Text,
    };
    f.write(doc)
}

/// An existing output is replaced only with `--force`, and never a `.toml`
/// report file.
fn check_output(path: &Path, force: bool) -> Result<(), Error> {
    let is_toml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if is_toml {
        return Err(Error::OverReport {
            path: path.to_path_buf(),
        });
    }
    if path.exists() && !force {
        return Err(Error::Exists {
            path: path.to_path_buf(),
            force: true,
        });
    }
    Ok(())
}

/// Reads one input: a report file by its `.toml` extension, else a
/// published report through `import` (its notes and unplaced values to
/// `err`). The flag: nothing to check (an import placed every value and every
/// published total adds up).
pub fn load(path: &Path, lang: Lang, err: &mut dyn Write) -> Result<(Report, bool), Error> {
    let is_toml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if is_toml {
        let loaded = store::load(path, lang).map_err(Error::Read)?;
        return Ok((loaded.report, true));
    }
    let imported = std::fs::read(path)
        .map_err(|e| store::io_problem(&e, lang))
        .and_then(|bytes| import::read(&bytes, lang))
        .map_err(|problem| {
            Error::Read(store::ReadFailure {
                file: path.to_path_buf(),
                problem,
            })
        })?;
    if let Some(why) = &imported.refused {
        return Err(Error::ImportRefused {
            file: path.to_path_buf(),
            why: why.clone(),
        });
    }
    let said = import::report_text_brief(path, &imported, lang);
    let _ = err.write_all(said.as_bytes());
    // A total printed unlike its parts is said above; the figures compared
    // are those a report file holds once read, the parts' sums.
    let clean = imported.unplaced.is_empty() && imported.kept_totals.is_empty();
    let mut report = imported.report;
    report.recompute();
    Ok((report, clean))
}
