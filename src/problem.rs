//! Problems found in a report: by the reader (file, line, column) or by
//! validation (schema path). One type, so `check`, the wizard's 核对 step and
//! JSON output all show the same thing.

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

    /// `place: message`, or just the message when there is no place.
    pub fn describe(&self) -> String {
        if self.place.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.place, self.message)
        }
    }
}

/// Counts of errors and warnings.
pub fn tally(problems: &[Problem]) -> (usize, usize) {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    (errors, problems.len() - errors)
}
