//! `nianbao check`: read and validate report files, print every problem as
//! `file:line:column: severity: place: message` (or JSON), and decide the
//! exit code: 0 clean (warnings allowed), 1 errors, 2 a file unreadable.

use crate::inert;
use crate::problem::{Problem, Severity, Target, tally};
use crate::schema::Lang;
use crate::store;
use crate::toml_read::{LineMap, Loaded};
use crate::validate::{self, Context};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The problems of one file.
#[derive(Debug)]
pub struct FileReport {
    pub file: PathBuf,
    pub problems: Vec<Problem>,
    /// The file could not be read as a report at all.
    pub unreadable: bool,
}

/// Reads and validates one file, with the cross-year checks against
/// `previous`, or else against the file's own `meta.previous`.
pub fn check_file(path: &Path, previous: Option<&Path>, cx: Context) -> FileReport {
    match store::load(path, cx.lang) {
        Ok(loaded) => check_loaded(path, &loaded, previous, cx),
        Err(f) => FileReport {
            file: path.to_path_buf(),
            problems: vec![f.problem],
            unreadable: true,
        },
    }
}

/// [`check_file`] for a report already read (`nianbao status` reads it
/// once for its facts and its problems).
pub fn check_loaded(
    path: &Path,
    loaded: &Loaded,
    previous: Option<&Path>,
    cx: Context,
) -> FileReport {
    let mut more = validate::validate(&loaded.report, cx);
    // An explicit --previous must be readable; a recorded one may have moved.
    let recorded = loaded.report.meta.previous.as_deref();
    let last_year = match (previous, recorded) {
        (Some(p), _) => Some((p.to_path_buf(), true)),
        (None, Some(r)) => Some((previous_path(path, r), false)),
        (None, None) => None,
    };
    if let Some((prev, explicit)) = last_year {
        match store::load(&prev, cx.lang) {
            Ok(last) => {
                let name = prev.display().to_string();
                more.extend(validate::cross_year(
                    &loaded.report,
                    &last.report,
                    &name,
                    cx.lang,
                ));
            }
            Err(f) if explicit => {
                let msg = match cx.lang {
                    Lang::Zh => format!("无法读取上年报告： {f}"),
                    Lang::En => format!("cannot read last year's report: {f}"),
                };
                return FileReport {
                    file: path.to_path_buf(),
                    problems: vec![Problem::error("", "", msg).blocking()],
                    unreadable: true,
                };
            }
            Err(f) => more.push(Problem::warning(
                "meta.previous",
                "meta.previous",
                match cx.lang {
                    Lang::Zh => {
                        format!("无法读取记录的上年报告 {f}；未做跨年度核对（可用 --previous 指定）")
                    }
                    Lang::En => format!(
                        "cannot read the recorded last year's report {f}; the cross-year checks were skipped (name it with --previous)"
                    ),
                },
            )),
        }
    }
    FileReport {
        file: path.to_path_buf(),
        problems: combine(loaded.problems.clone(), more, &loaded.lines),
        unreadable: false,
    }
}

/// The reader's problems followed by validation's, located by line, without
/// repeating what the reader already said (a stored total that disagrees).
pub fn combine(
    mut problems: Vec<Problem>,
    mut more: Vec<Problem>,
    lines: &LineMap,
) -> Vec<Problem> {
    locate(&mut more, lines);
    // The reader already reported stored totals that disagree; do not repeat them.
    more.retain(|m| {
        !problems
            .iter()
            .any(|p| p.path == m.path && p.severity == m.severity)
    });
    problems.extend(more);
    problems
}

/// Where `meta.previous` points: relative paths are relative to the folder
/// of the report that records them.
pub fn previous_path(report: &Path, recorded: &str) -> PathBuf {
    let recorded = Path::new(recorded);
    if recorded.is_absolute() {
        return recorded.to_path_buf();
    }
    match report.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(recorded),
        _ => recorded.to_path_buf(),
    }
}

/// Gives validation problems the line of their key in the file.
pub fn locate(problems: &mut [Problem], lines: &LineMap) {
    for p in problems.iter_mut().filter(|p| p.line.is_none()) {
        let path = match p.target {
            Some(Target::Cell(c)) => c.path(),
            Some(Target::Field(f)) => f.path(),
            None => p.path.clone(),
        };
        if let Some((line, col)) = lines.find(&path) {
            p.line = Some(line);
            p.column = Some(col);
        }
    }
}

/// One problem in the JSON output.
#[derive(Serialize)]
struct JsonProblem<'a> {
    file: String,
    path: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    place: &'a str,
    message: &'a str,
}

/// Human-readable lines, one per problem, then a summary.
pub fn format_human(reports: &[FileReport], lang: Lang) -> String {
    let mut out = String::new();
    for r in reports {
        for p in &r.problems {
            out += &problem_line(&r.file, p, lang);
            out.push('\n');
        }
    }
    let all: Vec<Problem> = reports.iter().flat_map(|r| r.problems.clone()).collect();
    let (errors, warnings) = tally(&all);
    out += &match lang {
        Lang::Zh => format!(
            "{} 个文件：{errors} 个错误，{warnings} 个警告\n",
            reports.len()
        ),
        Lang::En => format!(
            "{} file(s): {errors} error(s), {warnings} warning(s)\n",
            reports.len()
        ),
    };
    out
}

/// One problem as `file:line:column: severity: place: message`, safe to print.
pub fn problem_line(file: &Path, p: &Problem, lang: Lang) -> String {
    let mut loc = file.display().to_string();
    if let Some(line) = p.line {
        loc += &format!(":{line}");
        if let Some(col) = p.column {
            loc += &format!(":{col}");
        }
    }
    let sev = match (p.severity, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
    };
    inert::line(&format!("{loc}: {sev}: {}", p.describe()))
}

/// The JSON array of every problem.
pub fn format_json(reports: &[FileReport]) -> String {
    let items: Vec<JsonProblem> = reports
        .iter()
        .flat_map(|r| {
            r.problems.iter().map(move |p| JsonProblem {
                file: r.file.display().to_string(),
                path: &p.path,
                line: p.line,
                column: p.column,
                severity: p.severity,
                place: &p.place,
                message: &p.message,
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into()) + "\n"
}

/// 0 clean, 1 errors, 2 a file unreadable.
pub fn exit_code(reports: &[FileReport]) -> u8 {
    if reports.iter().any(|r| r.unreadable) {
        2
    } else if reports
        .iter()
        .flat_map(|r| &r.problems)
        .any(|p| p.severity == Severity::Error)
    {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let r = FileReport {
            file: PathBuf::from("a\u{1b}[2Jb.toml"),
            problems: vec![Problem::error("x", "p\u{9b}q", "m\u{7}")],
            unreadable: false,
        };
        let out = format_human(&[r], Lang::En);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }
}
