//! Problems found in a report: by the reader (file, line, column) or by
//! validation (schema path). One type, so `check`, the wizard's 核对 step and
//! JSON output all show the same thing. A problem of a named rule (its id is
//! listed in docs/FORMAT.md, "Review rules") carries the values it depends
//! on, so that a warning the user marked as reviewed (`[[reviewed]]`, see
//! [`crate::review::reviewed`]) reopens when one of them changes.

use crate::schema::{CellId, FieldId};
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
