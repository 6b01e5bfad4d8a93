//! The entry core: what both front ends of `nianbao edit` — the wizard
//! ([`crate::tui`]) and plain mode ([`crate::plain`]) — need and neither
//! owns. The steps and the reading order of every field and input cell
//! ([`focus`]), what a typed or pasted answer means ([`answer`]),
//! spreadsheet blocks and pasted text ([`paste`]), which problems belong
//! to which item (here), and the one saving policy ([`saving`]).

pub mod answer;
pub mod focus;
pub mod paste;
pub mod saving;

use crate::error::{Error, Refused};
use crate::model::Report;
use crate::problem::{Problem, Target};
use crate::schema::Lang;
use crate::store::{self, Fingerprint};
use focus::Focus;
use std::path::Path;

/// A report opened for editing.
pub struct Opened {
    pub report: Report,
    /// What the file held (`None`: a new report, no file yet).
    pub fingerprint: Option<Fingerprint>,
    /// Problems found in the file that editing fixes (a stored total that
    /// did not add up), to say once.
    pub problems: Vec<Problem>,
}

/// Opens a report for editing, or starts an empty one when the file does
/// not exist. Refused, untouched: a link that must not be followed, a file
/// that cannot be read, and one whose editing would lose what it says (a
/// syntax error, an unknown key …).
pub fn open(path: &Path, lang: Lang) -> Result<Opened, Error> {
    open_on(path, lang, crate::review::deadline::today())
}

/// [`open`] on a given day: a new report is for the year being compiled
/// then ([`crate::review::deadline::reporting_year`]: this year's from
/// October on, else last year's).
pub fn open_on(path: &Path, lang: Lang, today: (i32, u32, u32)) -> Result<Opened, Error> {
    // A link to nothing, or one planted in a shared folder, is refused now
    // rather than at the first save.
    store::resolve_target(path).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    if !path.exists() {
        return Ok(Opened {
            report: Report::for_year(crate::review::deadline::reporting_year(today)),
            fingerprint: None,
            problems: Vec::new(),
        });
    }
    // The fingerprint is of the very bytes read, so a change made a moment
    // later is still noticed before the first save.
    let (loaded, fingerprint) = store::load_with_fingerprint(path, lang)
        .map_err(|f| Error::not_opened(f, Refused::Edit))?;
    if !loaded.is_editable() {
        return Err(Error::NotUsable {
            file: path.to_path_buf(),
            problems: loaded.problems,
            refused: Refused::Edit,
        });
    }
    Ok(Opened {
        report: loaded.report,
        fingerprint: Some(fingerprint),
        problems: loaded.problems,
    })
}

/// Whether a problem is shown beside this item. A whole-column rule (a
/// `*` in its path, the 勾稽 check) is shown under the table instead.
pub fn is_about(p: &Problem, focus: Focus) -> bool {
    match (p.target, focus) {
        (Some(Target::Field(a)), Focus::Field(b)) => a == b,
        (Some(Target::Cell(a)), Focus::Cell(b)) => a == b && !p.path.contains('*'),
        _ => false,
    }
}

/// The step a problem belongs to (核对 when it has no place).
pub fn problem_step(p: &Problem) -> usize {
    match p.target {
        Some(Target::Field(f)) => Focus::Field(f).step(),
        Some(Target::Cell(c)) => focus::section_of_table(c.table),
        None => focus::review_step(),
    }
}
