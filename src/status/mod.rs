//! `nianbao status DIR|FILE…`: the office's view of many reports. One row
//! per report — agency, year, level, how complete, errors, warnings, last
//! saved, who has it open now — sorted by what needs attention first.
//!
//! Folders are searched for `*.toml` files, into subfolders, leaving out
//! hidden names (lock and temp files) and not following linked folders.
//! Each report is read once ([`store::load`]), checked as `nianbao check`
//! checks it ([`check::check_loaded`]) and its edit lock probed
//! ([`store::probe_lock`]). Output: [`table`] on a terminal, [`json`] with
//! `--format json` (documented in docs/STATUS.md). Exit code: 0 no errors,
//! 1 a report has errors or cannot be read, 2 no report could be read.

mod clock;
mod json;
mod messages;
mod sheet;
mod table;

use crate::check;
use crate::model::Report;
use crate::problem::{Problem, Severity, tally};
use crate::schema::{self, FieldKind, Lang};
use crate::store::{self, LockState};
use crate::validate::Context;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub use clock::Local;

/// How `status` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    /// The office's spreadsheet, written to the `-o` file ([`sheet`]).
    Xlsx,
}

/// What needs doing about a report, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Not a report we can read: wrong encoding, bad TOML, not nianbao/1.
    Unreadable,
    /// `check` finds errors.
    Errors,
    /// Required texts empty or tables not entered.
    Incomplete,
    /// Complete, with warnings.
    Warnings,
    /// Complete, no errors, no warnings.
    Complete,
}

/// How much of a report is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Completion {
    /// Required text fields that are not empty.
    pub texts_filled: usize,
    pub texts_required: usize,
    /// Tables with an input cell that is not 0, or that the wizard was
    /// taken past (`meta.resume_at` is in a later section): a table of
    /// zeros is entered once its department has gone on from it. A table of
    /// zeros in a file the wizard has not saved counts as not entered.
    pub tables_entered: usize,
    pub tables: usize,
}

impl Completion {
    /// Measures a report against the schema.
    pub fn of(report: &Report) -> Completion {
        let required: Vec<_> = schema::all_fields()
            .filter(|f| f.field().required)
            .collect();
        let texts_filled = required
            .iter()
            .filter(|&&f| match f.field().kind {
                FieldKind::Year => report.text(f).trim().parse::<i32>().is_ok(),
                _ => !report.text(f).trim().is_empty(),
            })
            .count();
        let resumed_in = report.meta.resume_at.as_deref().and_then(section_of_path);
        let tables_entered = schema::tables()
            .enumerate()
            .filter(|&(i, (section, def))| {
                let cols = def.columns.len();
                let has_numbers = report.table_cells(i).iter().enumerate().any(|(k, v)| {
                    let (row, col) = (k / cols, k % cols);
                    let computed =
                        !def.rows[row].sum_of.is_empty() || !def.columns[col].sum_of.is_empty();
                    !computed && !v.is_zero()
                });
                let gone_past = resumed_in.is_some_and(|at| Some(at) > section_index(section));
                has_numbers || gone_past
            })
            .count();
        Completion {
            texts_filled,
            texts_required: required.len(),
            tables_entered,
            tables: schema::tables().count(),
        }
    }

    pub fn is_complete(&self) -> bool {
        self.texts_filled == self.texts_required && self.tables_entered == self.tables
    }
}

/// The index in [`schema::SECTIONS`] of a section.
fn section_index(section: &schema::Section) -> Option<usize> {
    schema::SECTIONS
        .iter()
        .position(|s| std::ptr::eq(*s, section))
}

/// The section a field or cell path (`meta.resume_at`) is in.
fn section_of_path(path: &str) -> Option<usize> {
    let section = if let Some(f) = schema::find_field(path) {
        schema::field_sets().nth(f.set).map(|(s, _)| s)
    } else {
        let c = schema::find_cell(path)?;
        schema::tables().nth(c.table).map(|(s, _)| s)
    };
    section.and_then(section_index)
}

/// One report's row.
#[derive(Debug, Clone)]
pub struct Row {
    /// The path as found (the argument, or the folder joined with the name).
    pub file: PathBuf,
    /// The path as shown in the table: relative to the folder searched.
    pub shown: String,
    pub state: State,
    pub agency: Option<String>,
    pub year: Option<i32>,
    /// The level's key (`county_department`) and label.
    pub level: Option<(&'static str, &'static str)>,
    pub completion: Option<Completion>,
    pub errors: usize,
    pub warnings: usize,
    /// Why the file could not be read.
    pub unreadable: Option<Problem>,
    pub saved: Option<SystemTime>,
    /// Whether it is open in a wizard, or why that cannot be told (a lock
    /// file we may not read).
    pub lock: Result<LockState, String>,
}

/// A folder that could not be searched.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub folder: PathBuf,
    pub why: String,
}

/// Counts by state, for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub reports: usize,
    pub unreadable: usize,
    pub errors: usize,
    pub incomplete: usize,
    pub warnings: usize,
    pub complete: usize,
    /// Open in a wizard now.
    pub open: usize,
}

impl Counts {
    pub fn of(rows: &[Row]) -> Counts {
        let mut c = Counts {
            reports: rows.len(),
            ..Counts::default()
        };
        for r in rows {
            match r.state {
                State::Unreadable => c.unreadable += 1,
                State::Errors => c.errors += 1,
                State::Incomplete => c.incomplete += 1,
                State::Warnings => c.warnings += 1,
                State::Complete => c.complete += 1,
            }
            if matches!(r.lock, Ok(LockState::Held(_))) {
                c.open += 1;
            }
        }
        c
    }
}

/// Everything `status` found.
#[derive(Debug, Clone)]
pub struct Overview {
    pub rows: Vec<Row>,
    pub skipped: Vec<Skipped>,
    /// Folders given that hold no report.
    pub empty: Vec<PathBuf>,
}

/// Runs `nianbao status`; returns the exit code.
pub fn run(
    paths: &[PathBuf],
    format: Format,
    output: Option<&Path>,
    lang: Lang,
) -> crate::error::Outcome {
    let overview = survey(paths, Context::now(lang));
    let text = match format {
        Format::Table => table::render(&overview, lang),
        Format::Json => json::render(&overview),
        Format::Xlsx => String::new(),
    };
    match output {
        Some(path) => write_output(path, format, &text, &overview, lang)?,
        None if format == Format::Xlsx => {
            return Err(crate::error::Error::Usage(sheet::needs_output(lang)));
        }
        None => {
            let mut out = io::stdout().lock();
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        }
    }
    let mut err = io::stderr().lock();
    for s in &overview.skipped {
        let folder = s.folder.display().to_string();
        let line = messages::folder_unreadable(&folder, &s.why, lang);
        let _ = writeln!(err, "{}", crate::inert::line(&line));
    }
    for folder in &overview.empty {
        let line = messages::folder_empty(&folder.display().to_string(), lang);
        let _ = writeln!(err, "{}", crate::inert::line(&line));
    }
    let code = exit_code(&overview.rows);
    if code == 2 {
        let _ = writeln!(err, "{}", messages::nothing_read(lang));
    }
    Ok(code)
}

/// The table, JSON or spreadsheet into a file (never over a `.toml` report).
fn write_output(
    path: &Path,
    format: Format,
    text: &str,
    overview: &Overview,
    lang: Lang,
) -> Result<(), crate::error::Error> {
    use crate::error::Error;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        return Err(Error::OverReport {
            path: path.to_path_buf(),
        });
    }
    let bytes = match format {
        Format::Xlsx => {
            sheet::render(overview, lang).map_err(|e| crate::spreadsheet::write_error(path, e))?
        }
        _ => text.as_bytes().to_vec(),
    };
    store::save_bytes(path, &bytes).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(())
}

/// 2 when no report could be read, 1 when one has errors or cannot be
/// read, else 0.
pub fn exit_code(rows: &[Row]) -> u8 {
    if rows.iter().all(|r| r.state == State::Unreadable) {
        2
    } else if rows
        .iter()
        .any(|r| matches!(r.state, State::Unreadable | State::Errors))
    {
        1
    } else {
        0
    }
}

/// Finds, reads and checks every report under `paths`, sorted by what
/// needs attention: unreadable, then errors (most first), then incomplete
/// (least complete first), then warnings, then complete; by file within.
pub fn survey(paths: &[PathBuf], cx: Context) -> Overview {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut empty = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = found.len();
            find_reports(path, path, &mut found, &mut skipped, cx.lang);
            if found.len() == before {
                empty.push(path.clone());
            }
        } else {
            found.push((path.clone(), path.display().to_string()));
        }
    }
    let mut rows: Vec<Row> = found
        .par_iter()
        .map(|(file, shown)| row_of(file, shown.clone(), cx))
        .collect();
    rows.sort_by(|a, b| attention(a).cmp(&attention(b)).then(a.file.cmp(&b.file)));
    Overview {
        rows,
        skipped,
        empty,
    }
}

/// The sort key: state, then more errors first, then less filled first.
fn attention(r: &Row) -> (State, std::cmp::Reverse<usize>, usize) {
    let filled = r
        .completion
        .map_or(0, |c| c.texts_filled + c.tables_entered);
    (r.state, std::cmp::Reverse(r.errors), filled)
}

/// Every `*.toml` below `folder`, sorted by name; `root` is the folder
/// named on the command line, which shown paths are relative to.
fn find_reports(
    folder: &Path,
    root: &Path,
    found: &mut Vec<(PathBuf, String)>,
    skipped: &mut Vec<Skipped>,
    lang: Lang,
) {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) => {
            skipped.push(Skipped {
                folder: folder.to_path_buf(),
                why: store::io_problem(&e, lang).message,
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name_text = name.to_string_lossy();
        if name_text.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // A linked folder is not followed (it could lead back up); a
        // linked file is read.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            find_reports(&path, root, found, skipped, lang);
        } else if name_text.ends_with(".toml") && !path.is_dir() {
            let shown = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            found.push((path, shown));
        }
    }
}

/// Reads, checks and probes one report.
fn row_of(file: &Path, shown: String, cx: Context) -> Row {
    let saved = std::fs::metadata(file).and_then(|m| m.modified()).ok();
    let lock = store::probe_lock(file).map_err(|e| store::io_problem(&e, cx.lang).message);
    let mut row = Row {
        file: file.to_path_buf(),
        shown,
        state: State::Unreadable,
        agency: None,
        year: None,
        level: None,
        completion: None,
        errors: 1,
        warnings: 0,
        unreadable: None,
        saved,
        lock,
    };
    let loaded = match store::load(file, cx.lang) {
        Ok(l) => l,
        Err(failure) => {
            row.unreadable = Some(failure.problem);
            return row;
        }
    };
    let checked = check::check_loaded(file, &loaded, None, cx);
    let (errors, warnings) = tally(&checked.problems);
    let report = &loaded.report;
    let completion = Completion::of(report);
    row.state = if checked.unreadable {
        State::Unreadable
    } else if errors > 0 {
        State::Errors
    } else if !completion.is_complete() {
        State::Incomplete
    } else if warnings > 0 {
        State::Warnings
    } else {
        State::Complete
    };
    if checked.unreadable {
        row.unreadable = checked
            .problems
            .iter()
            .find(|p| p.severity == Severity::Error)
            .cloned();
    }
    let agency = report.text(schema::ROLES.agency()).trim();
    row.agency = (!agency.is_empty()).then(|| agency.to_string());
    row.year = report.year();
    row.level = level_of(report, cx.lang);
    row.completion = Some(completion);
    row.errors = errors;
    row.warnings = warnings;
    row
}

/// The level's key and its label in `lang`.
fn level_of(report: &Report, lang: Lang) -> Option<(&'static str, &'static str)> {
    let id = schema::ROLES.level();
    let FieldKind::Choice(choices) = id.field().kind else {
        return None;
    };
    let key = report.text(id).trim();
    choices
        .iter()
        .find(|c| c.key == key)
        .map(|c| (c.key, c.label.get(lang)))
}

#[cfg(test)]
mod tests;
