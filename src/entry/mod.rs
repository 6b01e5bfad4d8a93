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

use crate::problem::{Problem, Target};
use focus::Focus;

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
