//! `nianbao status --format json`: the same rows as the table, for scripts.
//! The shape is documented in docs/STATUS.md; a change to it is a change to
//! that page and to `"format"`.

use super::{Completion, Counts, Local, Overview, Row, State};
use crate::problem::Problem;
use crate::store::{LockNote, LockState};
use serde::Serialize;

/// The value of `"format"`: which shape this is.
pub const FORMAT: &str = "nianbao-status/1";

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    reports: Vec<Report<'a>>,
    summary: Counts,
    /// Folders that could not be searched, with why.
    skipped: Vec<SkippedFolder>,
}

#[derive(Serialize)]
struct Report<'a> {
    file: String,
    state: State,
    agency: Option<&'a str>,
    year: Option<i32>,
    level: Option<&'static str>,
    level_label: Option<&'static str>,
    completion: Option<Completion>,
    /// `null` when the file cannot be read.
    errors: Option<usize>,
    warnings: Option<usize>,
    unreadable: Option<Unreadable<'a>>,
    saved: Option<String>,
    lock: Option<Lock<'a>>,
}

#[derive(Serialize)]
struct Unreadable<'a> {
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

#[derive(Serialize, Default)]
struct Lock<'a> {
    /// `held`: open in a wizard now; `stale`: the wizard is gone;
    /// `unknown`: the lock file could not be read (`message` says why).
    state: &'static str,
    user: Option<&'a str>,
    pid: Option<u32>,
    host: Option<&'a str>,
    since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

#[derive(Serialize)]
struct SkippedFolder {
    folder: String,
    message: String,
}

/// The JSON document, pretty-printed, with a final newline.
pub fn render(overview: &Overview) -> String {
    let doc = Document {
        format: FORMAT,
        reports: overview.rows.iter().map(report).collect(),
        summary: Counts::of(&overview.rows),
        skipped: overview
            .skipped
            .iter()
            .map(|s| SkippedFolder {
                folder: s.folder.display().to_string(),
                message: s.why.clone(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into()) + "\n"
}

fn report(r: &Row) -> Report<'_> {
    let readable = r.state != State::Unreadable;
    Report {
        file: r.file.display().to_string(),
        state: r.state,
        agency: r.agency.as_deref(),
        year: r.year,
        level: r.level.map(|(key, _)| key),
        level_label: r.level.map(|(_, label)| label),
        completion: r.completion,
        errors: readable.then_some(r.errors),
        warnings: readable.then_some(r.warnings),
        unreadable: r.unreadable.as_ref().map(unreadable),
        saved: r.saved.and_then(Local::of).map(|t| t.rfc3339()),
        lock: match &r.lock {
            Ok(LockState::Free) => None,
            Ok(LockState::Held(n)) => Some(lock("held", n)),
            Ok(LockState::Stale(n)) => Some(lock("stale", n)),
            Err(why) => Some(Lock {
                state: "unknown",
                message: Some(why),
                ..Lock::default()
            }),
        },
    }
}

fn unreadable(p: &Problem) -> Unreadable<'_> {
    Unreadable {
        line: p.line,
        column: p.column,
        message: &p.message,
    }
}

fn lock<'a>(state: &'static str, n: &'a LockNote) -> Lock<'a> {
    Lock {
        state,
        user: n.user.as_deref(),
        pid: n.pid,
        host: n.host.as_deref(),
        since: n.since.and_then(Local::of).map(|t| t.rfc3339()),
        message: None,
    }
}
