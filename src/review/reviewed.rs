//! Warnings the user marked as reviewed (已确认), stored in the report file as
//! `[[reviewed]]` entries (docs/FORMAT.md §2.1): the rule id,
//! the path the warning is about, the user's reason, and the values the
//! warning depended on. A mark holds only while those values are the same:
//! change a number it named and the warning is open again.
//!
//! The wizard and plain mode mark and unmark with [`mark`] and [`unmark`];
//! validation applies the marks with [`apply`]; `check` lists reviewed
//! warnings apart and does not count them.

use super::messages::{self, MarkRefusal};
use crate::model::Report;
pub use crate::problem::Reviewed;
use crate::problem::{Problem, Severity, keyed};
use crate::schema::Lang;

/// Longest reason kept, in characters.
pub const MAX_REASON_CHARS: usize = 200;

/// Marks each warning of `problems` that an entry covers as reviewed, with
/// the entry's reason.
pub fn apply(marks: &[Reviewed], problems: &mut [Problem]) {
    if marks.is_empty() {
        return;
    }
    for p in problems.iter_mut() {
        if let Some(m) = marks.iter().find(|m| m.covers(p)) {
            p.reviewed = Some(m.reason.clone());
        }
    }
}

/// Marks the warning `p` as reviewed with `reason` (trimmed, on one line, at
/// most [`MAX_REASON_CHARS`] characters), replacing an earlier mark of the
/// same rule and place. Refused, with the sentence to show, for an error, a
/// warning without a rule id, or an empty reason.
pub fn mark(report: &mut Report, p: &Problem, reason: &str, lang: Lang) -> Result<(), String> {
    let refuse = |why| Err(messages::cannot_mark(lang, why));
    if p.severity != Severity::Warning {
        return refuse(MarkRefusal::NotAWarning);
    }
    let Some(rule) = p.rule else {
        return refuse(MarkRefusal::NoRule);
    };
    let reason: String = reason
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_REASON_CHARS)
        .collect();
    if reason.is_empty() {
        return refuse(MarkRefusal::NoReason);
    }
    let values = keyed(&p.depends);
    let marks = &mut report.meta.reviewed;
    marks.retain(|m| !(m.rule == rule && m.path == p.path));
    marks.push(Reviewed {
        rule: rule.to_string(),
        path: p.path.clone(),
        reason,
        values,
    });
    Ok(())
}

/// Removes the mark of `p` (and any stale mark of the same rule and place);
/// whether there was one.
pub fn unmark(report: &mut Report, p: &Problem) -> bool {
    let Some(rule) = p.rule else { return false };
    let before = report.meta.reviewed.len();
    report
        .meta
        .reviewed
        .retain(|m| !(m.rule == rule && m.path == p.path));
    report.meta.reviewed.len() != before
}
