//! `nianbao check`: read and validate report files, print every problem as
//! `file:line:column: severity: place: message [rule]` (or JSON), and decide
//! the exit code: 0 clean (warnings allowed), 1 errors, 2 a file unreadable.
//! Warnings marked as reviewed are listed apart and not counted; each file's
//! publication deadline (rule `deadline`) is stated as a note.

use crate::inert;
use crate::problem::{Problem, Severity, Target, tally};
use crate::review::{deadline, ids};
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
    let mut problems = combine(loaded.problems.clone(), more, &loaded.lines);
    // A note is about the whole file: not located (that would read the file again).
    problems.extend(deadline_note(&loaded.report, cx.lang));
    FileReport {
        file: path.to_path_buf(),
        problems,
        unreadable: false,
    }
}

/// The publication deadline of a report, as a note about its level.
fn deadline_note(report: &crate::model::Report, lang: Lang) -> Option<Problem> {
    let sentence = deadline::note(report, deadline::today(), lang)?;
    let level = crate::schema::ROLES.level();
    Some(
        Problem::note(level.path(), validate::field_place(level, lang), sentence)
            .rule(ids::DEADLINE)
            .target(Target::Field(level)),
    )
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
    /// `error`, `warning`, or `note` (the deadline).
    severity: &'static str,
    place: &'a str,
    message: &'a str,
    /// The rule id (docs/FORMAT.md), when the rule has one.
    rule: Option<&'static str>,
    /// The user's reason, for a warning marked as reviewed (not counted).
    reviewed: Option<&'a str>,
}

/// Human-readable lines, one per problem, each file's notes, a summary, and
/// then the warnings marked as reviewed, apart.
pub fn format_human(reports: &[FileReport], lang: Lang) -> String {
    let mut out = String::new();
    for r in reports {
        for p in r.problems.iter().filter(|p| p.counts()) {
            out += &problem_line(&r.file, p, lang);
            out.push('\n');
        }
        for n in r.problems.iter().filter(|p| p.note) {
            out += &note_line(&r.file, n, lang);
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
    let reviewed: Vec<(&FileReport, &Problem)> = reports
        .iter()
        .flat_map(|r| {
            r.problems
                .iter()
                .filter(|p| p.reviewed.is_some() && !p.counts())
                .map(move |p| (r, p))
        })
        .collect();
    if !reviewed.is_empty() {
        out += &reviewed_heading(lang, reviewed.len());
        out.push('\n');
        for (r, p) in reviewed {
            out += &reviewed_line(&r.file, p, lang);
            out.push('\n');
        }
    }
    out
}

/// The heading above the warnings marked as reviewed.
fn reviewed_heading(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("已确认的警告 {n} 个（不计入上面的数目）："),
        Lang::En => format!("{n} reviewed warning(s), not counted above:"),
    }
}

/// `file:line:column: 已确认: place: message [rule]（理由：reason）`.
fn reviewed_line(file: &Path, p: &Problem, lang: Lang) -> String {
    let reason = p.reviewed.as_deref().unwrap_or_default();
    let line = match lang {
        Lang::Zh => format!(
            "{}: 已确认: {}{}（理由：{reason}）",
            location(file, p),
            p.describe(),
            rule_suffix(p)
        ),
        Lang::En => format!(
            "{}: reviewed: {}{} (reason: {reason})",
            location(file, p),
            p.describe(),
            rule_suffix(p)
        ),
    };
    inert::line(&line)
}

/// `file: 提示: sentence [deadline]`.
fn note_line(file: &Path, p: &Problem, lang: Lang) -> String {
    let line = match lang {
        Lang::Zh => format!("{}: 提示: {}{}", file.display(), p.message, rule_suffix(p)),
        Lang::En => format!("{}: note: {}{}", file.display(), p.message, rule_suffix(p)),
    };
    inert::line(&line)
}

/// ` [rule-id]`, or nothing for a problem without one.
fn rule_suffix(p: &Problem) -> String {
    p.rule.map(|r| format!(" [{r}]")).unwrap_or_default()
}

/// `file:line:column` of a problem, as far as known.
fn location(file: &Path, p: &Problem) -> String {
    let mut loc = file.display().to_string();
    if let Some(line) = p.line {
        loc += &format!(":{line}");
        if let Some(col) = p.column {
            loc += &format!(":{col}");
        }
    }
    loc
}

/// One problem as `file:line:column: severity: place: message`, safe to print.
pub fn problem_line(file: &Path, p: &Problem, lang: Lang) -> String {
    let loc = location(file, p);
    let sev = match (p.severity, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
    };
    inert::line(&format!("{loc}: {sev}: {}{}", p.describe(), rule_suffix(p)))
}

/// The JSON array of every problem: per file, the counted problems, then the
/// warnings marked as reviewed (with `reviewed` set), then the notes.
pub fn format_json(reports: &[FileReport]) -> String {
    let mut items: Vec<JsonProblem> = Vec::new();
    for r in reports {
        let counted = r.problems.iter().filter(|p| p.counts());
        let reviewed = r.problems.iter().filter(|p| !p.counts() && !p.note);
        let notes = r.problems.iter().filter(|p| p.note);
        for p in counted.chain(reviewed).chain(notes) {
            items.push(json_problem(r, p));
        }
    }
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into()) + "\n"
}

fn json_problem<'a>(r: &FileReport, p: &'a Problem) -> JsonProblem<'a> {
    JsonProblem {
        file: r.file.display().to_string(),
        path: &p.path,
        line: p.line,
        column: p.column,
        severity: match p.severity {
            _ if p.note => "note",
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        place: &p.place,
        message: &p.message,
        rule: p.rule,
        reviewed: p.reviewed.as_deref().filter(|_| !p.counts()),
    }
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
