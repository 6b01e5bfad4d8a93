//! Problems found in a report: by the reader (file, line, column) or by
//! validation (schema path). One type, so `check`, the wizard's 核对 step and
//! JSON output all show the same thing. A problem of a named rule (its id is
//! listed in docs/FORMAT.md, "Review rules") carries the values it depends
//! on, so that a warning the user marked as reviewed (`[[reviewed]]`, see
//! [`crate::review::reviewed`]) reopens when one of them changes.
//!
//! Also here, below both validation and the review rules: the places a user
//! sees ([`cell_place`], [`field_place`]) and a `[[reviewed]]` entry
//! ([`Reviewed`], held by the report's meta).

use crate::schema::{self, CellId, FieldId, Lang};
use serde::Serialize;

/// How bad a problem is. Errors make `check` fail; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Where in the report a problem is, for jumping to it in the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Field(FieldId),
    Cell(CellId),
}

/// One problem, in the language it was produced in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// Schema path (`applications.granted.natural`, `contact.phone`), or the
    /// TOML key path for keys the schema does not know; empty for the file.
    pub path: String,
    /// 1-based line and column in the file, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Where a user sees it, e.g. `三、收到和处理政府信息公开申请情况 / 自然人列`.
    pub place: String,
    /// What is wrong and, where useful, what to do.
    pub message: String,
    pub target: Option<Target>,
    /// The reader could not take this file as it is: opening it in the wizard
    /// and saving would lose or change what the file says.
    pub blocking: bool,
    /// The stable id of the rule that found it (`text-new-received`), when
    /// the rule has one.
    pub rule: Option<&'static str>,
    /// What the problem depends on, as `(path, value)` pairs: a mark as
    /// reviewed holds while these stay the same.
    pub depends: Vec<(String, String)>,
    /// The user's reason, when this warning was marked as reviewed (已确认).
    pub reviewed: Option<String>,
    /// Neither an error nor a warning: something to know (the publication
    /// deadline). Never counted.
    pub note: bool,
}

impl Problem {
    pub fn error(
        path: impl Into<String>,
        place: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            place: place.into(),
            message: message.into(),
            target: None,
            blocking: false,
            rule: None,
            depends: Vec::new(),
            reviewed: None,
            note: false,
        }
    }

    pub fn warning(
        path: impl Into<String>,
        place: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, place, message)
        }
    }

    /// A note: shown, never counted (see [`Problem::note`]).
    pub fn note(
        path: impl Into<String>,
        place: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            note: true,
            ..Problem::warning(path, place, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Problem {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn target(mut self, target: Target) -> Problem {
        self.target = Some(target);
        self
    }

    pub fn blocking(mut self) -> Problem {
        self.blocking = true;
        self
    }

    /// Names the rule that found the problem.
    pub fn rule(mut self, id: &'static str) -> Problem {
        self.rule = Some(id);
        self
    }

    /// Adds a value the problem depends on (see [`Problem::depends`]).
    pub fn depends(mut self, path: impl Into<String>, value: impl ToString) -> Problem {
        self.depends.push((path.into(), value.to_string()));
        self
    }

    /// Whether the problem counts: every error, and every warning neither
    /// marked as reviewed nor a note.
    pub fn counts(&self) -> bool {
        self.severity == Severity::Error || (self.reviewed.is_none() && !self.note)
    }

    /// `place: message`, or just the message when there is no place.
    pub fn describe(&self) -> String {
        if self.place.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.place, self.message)
        }
    }
}

/// `三、收到… / 自然人` style place of a cell.
pub fn cell_place(c: CellId, lang: Lang) -> String {
    let section = schema::tables()
        .nth(c.table)
        .map(|(s, _)| s.heading(lang))
        .unwrap_or_default();
    let caption = c.table_def().caption.get(lang);
    let mut parts = vec![section];
    if !caption.is_empty() {
        parts.push(caption.to_string());
    }
    parts.push(c.label(lang));
    parts.join(" / ")
}

/// `报告信息 / 联系电话` style place of a field.
pub fn field_place(f: FieldId, lang: Lang) -> String {
    let section = schema::field_sets()
        .nth(f.set)
        .map(|(s, _)| s.heading(lang))
        .unwrap_or_default();
    let label = f.field().label.get(lang);
    if section == label {
        section
    } else {
        format!("{section} / {label}")
    }
}

/// One `[[reviewed]]` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reviewed {
    /// The rule id (`text-new-received`).
    pub rule: String,
    /// The schema path the warning is about (`overview.on_request`).
    pub path: String,
    /// Why the warning is right as it is, in the user's words.
    pub reason: String,
    /// What the warning depended on when it was marked: `(path, value)`.
    pub values: Vec<(String, String)>,
}

impl Reviewed {
    /// Whether this entry is the mark of `p`: same rule, same place, same values.
    pub fn covers(&self, p: &Problem) -> bool {
        p.severity == Severity::Warning
            && p.rule == Some(self.rule.as_str()).filter(|r| !r.is_empty())
            && p.path == self.path
            && same_values(&self.values, &keyed(&p.depends))
    }
}

/// The values as stored: one per path (a TOML table cannot repeat a key),
/// the values of a repeated path joined with `|`.
pub(crate) fn keyed(depends: &[(String, String)]) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = Vec::new();
    for (path, value) in depends {
        match values.iter_mut().find(|(k, _)| k == path) {
            Some((_, v)) => {
                v.push('|');
                v.push_str(value);
            }
            None => values.push((path.clone(), value.clone())),
        }
    }
    values
}

fn same_values(a: &[(String, String)], b: &[(String, String)]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut a: Vec<_> = a.iter().collect();
    let mut b: Vec<_> = b.iter().collect();
    a.sort();
    b.sort();
    a == b
}

/// Counts of errors and of warnings; warnings marked as reviewed are not
/// counted.
pub fn tally(problems: &[Problem]) -> (usize, usize) {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let counted = problems.iter().filter(|p| p.counts()).count();
    (errors, counted - errors)
}
