//! A block pasted into a table (a bracketed paste): its values land cell
//! for cell from the focused one, as the table is drawn. Each is checked as
//! a pasted value; those that land on a computed total (the 总计 column, the
//! （七）总计 row) are not stored but compared with the total the program
//! computes, so a row copied with its spreadsheet's 总计 is understood, and
//! a spreadsheet whose total disagrees with its own parts is caught. The
//! whole paste is one undoable change; the status line says what became of
//! every value.

use super::app::{App, Change, Effect};
use super::messages::{self, PasteReport, TotalCheck};
use crate::entry::answer::pasted_value;
use crate::entry::paste::{self, Landing};
use crate::problem::Severity;

impl App {
    /// A paste while in a table: one value replaces the cell; a block fills
    /// cells rightward and downward from the focused one.
    pub(super) fn paste_into_grid(&mut self, text: &str) -> Effect {
        let Some(start) = self.focused_cell() else {
            return Effect::None;
        };
        self.commit_edit();
        let block = paste::parse_block(text);
        let mut changes = Vec::new();
        let mut on_totals = Vec::new();
        // Every pasted value is counted once: placed (changed or not, "/"
        // taken as 0 among them), rejected, outside the table, or on a
        // total, so the message adds up to what the user copied.
        let mut report = PasteReport::default();
        for (i, line) in block.iter().enumerate() {
            for (j, raw) in line.iter().enumerate() {
                if raw.trim().is_empty() {
                    continue;
                }
                let (cell, total) = match paste::landing(start, i, j) {
                    Landing::Outside => {
                        report.outside += 1;
                        continue;
                    }
                    Landing::Input(cell) => (cell, false),
                    Landing::Total(cell) => (cell, true),
                };
                match pasted_value(cell.column_def().kind, raw) {
                    Ok(Some(v)) if total => on_totals.push((cell, v)),
                    Ok(Some(v)) => {
                        report.placed += 1;
                        if matches!(raw.trim(), "/" | "-" | "—" | "／") {
                            report.dashes += 1;
                        }
                        let before = self.report.cell(cell);
                        if before != v {
                            changes.push((cell, before, v));
                        }
                    }
                    Ok(None) => {}
                    Err(e) => report.rejected.push(messages::where_in_paste(
                        i,
                        j,
                        &e.message(self.lang),
                        self.lang,
                    )),
                }
            }
        }
        for (cell, _, v) in &changes {
            self.report.set_cell(*cell, *v);
        }
        // The totals as computed with the pasted values in place.
        report.totals = on_totals
            .into_iter()
            .map(|(cell, pasted)| TotalCheck {
                cell,
                pasted,
                computed: self.report.cell(cell),
            })
            .collect();
        let severity = if !report.rejected.is_empty() || report.outside > 0 {
            Some(Severity::Error)
        } else if report.totals.iter().any(|t| t.pasted != t.computed) {
            Some(Severity::Warning)
        } else {
            None
        };
        let changed = !changes.is_empty();
        if changed {
            self.record(Change::Cells(changes));
        }
        self.say(severity, messages::pasted_into_table(&report, self.lang));
        if changed {
            Effect::Committed
        } else {
            Effect::None
        }
    }
}
