//! Spreadsheet-style entry in the tables: a digit starts a number that
//! replaces the value, Backspace edits it, Delete clears it to 0, Esc cancels,
//! arrows move (onto totals too, to read them); undo and redo. Every
//! keystroke is checked as it is typed; a rejected one leaves the value
//! alone and says why in the status line. A pasted block is in
//! `grid_paste.rs`.

use super::app::{App, CellEdit, Change, Effect};
use super::keymap::Cmd;
use crate::entry::answer::{ascii_number_char, typed_value};
use crate::entry::focus::{self, Focus, StepPart};
use crate::problem::Severity;
use crate::schema::CellId;
use crossterm::event::{KeyCode, KeyEvent};
use rust_decimal::Decimal;

impl App {
    pub(super) fn focused_cell(&self) -> Option<CellId> {
        match self.focus {
            Focus::Cell(c) => Some(c),
            Focus::Field(_) => None,
        }
    }

    fn refuse_computed(&mut self) -> Effect {
        let msg = self
            .t(
                "这是合计，由程序按各项自动计算，不能输入",
                "this is a total, computed from the other cells: it cannot be typed",
            )
            .to_string();
        self.say(Some(Severity::Warning), msg);
        Effect::None
    }

    /// The focused cell when it takes typing; a computed one is refused
    /// with a word in the status line (the effect to return then).
    fn typable_cell(&mut self) -> Result<CellId, Effect> {
        match self.focused_cell() {
            None => Err(Effect::None),
            Some(cell) if cell.is_computed() => Err(self.refuse_computed()),
            Some(cell) => Ok(cell),
        }
    }

    /// The number being typed into `cell`, and the value it had before:
    /// the edit in progress, or none yet (`start` gives the text then).
    fn edit_of(&self, cell: CellId, start: impl FnOnce(Decimal) -> String) -> (Decimal, String) {
        match &self.edit {
            Some(e) if e.cell == cell => (e.original, e.text.clone()),
            _ => {
                let v = self.report.cell(cell);
                (v, start(v))
            }
        }
    }

    /// Shows `text` (worth `value`) as the number being typed into `cell`.
    fn set_edit(
        &mut self,
        cell: CellId,
        original: Decimal,
        text: String,
        value: Decimal,
    ) -> Effect {
        self.report.set_cell(cell, value);
        self.edit = Some(CellEdit {
            cell,
            original,
            text,
        });
        Effect::Edited
    }

    /// A digit (or `.`) typed into the focused cell.
    pub(super) fn type_number(&mut self, key: KeyEvent) -> Effect {
        let KeyCode::Char(c) = key.code else {
            return Effect::None;
        };
        let cell = match self.typable_cell() {
            Ok(cell) => cell,
            Err(effect) => return effect,
        };
        let c = ascii_number_char(c);
        let (original, mut text) = self.edit_of(cell, |_| String::new());
        // A leading zero is replaced, as in a spreadsheet: 0 then 5 is 5.
        if text == "0" && c != '.' {
            text.clear();
        }
        text.push(c);
        match typed_value(cell.column_def().kind, &text) {
            Ok(value) => self.set_edit(cell, original, text, value),
            Err(e) => {
                self.say(Some(Severity::Error), e.message(self.lang));
                Effect::None
            }
        }
    }

    /// Backspace: edit the value, removing its last character.
    pub(super) fn backspace_cell(&mut self) -> Effect {
        let cell = match self.typable_cell() {
            Ok(cell) => cell,
            Err(effect) => return effect,
        };
        let (original, mut text) = self.edit_of(cell, |v| {
            if v.is_zero() {
                String::new()
            } else {
                v.to_string()
            }
        });
        text.pop();
        let value = typed_value(cell.column_def().kind, &text).unwrap_or_default();
        self.set_edit(cell, original, text, value)
    }

    /// Delete: the cell becomes 0 (one undoable change).
    pub(super) fn clear_cell(&mut self) -> Effect {
        let cell = match self.typable_cell() {
            Ok(cell) => cell,
            Err(effect) => return effect,
        };
        let before = match self.edit.take() {
            Some(e) => e.original,
            None => self.report.cell(cell),
        };
        self.report.set_cell(cell, Decimal::ZERO);
        if before.is_zero() {
            return Effect::Edited;
        }
        self.record(Change::Cells(vec![(cell, before, Decimal::ZERO)]));
        Effect::Committed
    }

    /// Esc: put back the value the cell had before typing started.
    pub(super) fn cancel_edit(&mut self) -> Effect {
        match self.edit.take() {
            Some(e) => {
                self.report.set_cell(e.cell, e.original);
                let msg = self.t("已取消输入", "typing cancelled").to_string();
                self.say(None, msg);
                Effect::Edited
            }
            None => Effect::None,
        }
    }

    /// Ends the edit in progress, keeping the typed value. `Committed` when
    /// the value changed.
    pub(super) fn commit_edit(&mut self) -> Effect {
        let Some(e) = self.edit.take() else {
            return Effect::None;
        };
        let value = self.report.cell(e.cell);
        if value == e.original {
            return Effect::None;
        }
        self.record(Change::Cells(vec![(e.cell, e.original, value)]));
        Effect::Committed
    }

    pub(super) fn record(&mut self, change: Change) {
        self.undo.push(change);
        self.redo.clear();
    }

    /// Arrows: move within the table, and between the tables of a step.
    pub(super) fn move_in_grid(&mut self, cmd: Cmd) -> Effect {
        let Some(c) = self.focused_cell() else {
            return Effect::None;
        };
        let def = c.table_def();
        let tables: Vec<usize> = focus::parts_of_step(self.step)
            .iter()
            .filter_map(|p| match p {
                StepPart::Table(t) => Some(*t),
                StepPart::Fields(_) => None,
            })
            .collect();
        let here = tables.iter().position(|t| *t == c.table).unwrap_or(0);
        let clamp =
            |table: usize, col: usize| col.min(crate::schema::table(table).columns.len() - 1);
        let target = match cmd {
            Cmd::Left if c.col > 0 => Some(CellId {
                col: c.col - 1,
                ..c
            }),
            Cmd::Right if c.col + 1 < def.columns.len() => Some(CellId {
                col: c.col + 1,
                ..c
            }),
            Cmd::Up if c.row > 0 => Some(CellId {
                row: c.row - 1,
                ..c
            }),
            Cmd::Down if c.row + 1 < def.rows.len() => Some(CellId {
                row: c.row + 1,
                ..c
            }),
            Cmd::Up if here > 0 => {
                let table = tables[here - 1];
                Some(CellId {
                    table,
                    row: crate::schema::table(table).rows.len() - 1,
                    col: clamp(table, c.col),
                })
            }
            Cmd::Down if here + 1 < tables.len() => {
                let table = tables[here + 1];
                Some(CellId {
                    table,
                    row: 0,
                    col: clamp(table, c.col),
                })
            }
            _ => None,
        };
        match target {
            Some(t) => self.set_focus(Focus::Cell(t)),
            None => self.commit_edit(),
        }
    }

    /// Ctrl+Z: in a text field the field's own undo; elsewhere the cell being
    /// typed is cancelled, or the last committed change is undone (a whole
    /// pasted block at once) and the focus goes to it.
    pub(super) fn undo(&mut self) -> Effect {
        if let Focus::Field(f) = self.focus
            && self.step == self.focus.step()
            && self.texts.is_text(f)
        {
            return self.text_undo(false);
        }
        if self.edit.is_some() {
            return self.cancel_edit();
        }
        match self.undo.pop() {
            Some(change) => {
                self.apply(&change, false);
                self.redo.push(change);
                Effect::Committed
            }
            None => {
                let msg = self.t("没有可撤销的修改", "nothing to undo").to_string();
                self.say(None, msg);
                Effect::None
            }
        }
    }

    /// Ctrl+Y: redo what Ctrl+Z undid.
    pub(super) fn redo(&mut self) -> Effect {
        if let Focus::Field(f) = self.focus
            && self.step == self.focus.step()
            && self.texts.is_text(f)
        {
            return self.text_undo(true);
        }
        self.commit_edit();
        match self.redo.pop() {
            Some(change) => {
                self.apply(&change, true);
                self.undo.push(change);
                Effect::Committed
            }
            None => {
                let msg = self.t("没有可重做的修改", "nothing to redo").to_string();
                self.say(None, msg);
                Effect::None
            }
        }
    }

    fn apply(&mut self, change: &Change, forward: bool) {
        match change {
            Change::Cells(cells) => {
                for (cell, before, after) in cells {
                    self.report
                        .set_cell(*cell, if forward { *after } else { *before });
                }
                if let Some((first, _, _)) = cells.first() {
                    self.set_focus(Focus::Cell(*first));
                }
            }
            Change::Choice(f, before, after) => {
                self.report.set_text(
                    *f,
                    if forward {
                        after.clone()
                    } else {
                        before.clone()
                    },
                );
                self.set_focus(Focus::Field(*f));
            }
        }
        let msg = match (forward, self.lang) {
            (false, crate::schema::Lang::Zh) => "已撤销",
            (false, crate::schema::Lang::En) => "undone",
            (true, crate::schema::Lang::Zh) => "已重做",
            (true, crate::schema::Lang::En) => "redone",
        };
        self.say(None, msg);
    }
}
