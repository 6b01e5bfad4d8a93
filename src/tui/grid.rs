//! Spreadsheet-style entry in the tables: a digit starts a number that
//! replaces the value, Backspace edits it, Delete clears it to 0, Esc cancels,
//! arrows move (onto totals too, to read them), a pasted block fills cells
//! from the focused one. Every keystroke is checked as it is typed; a
//! rejected one leaves the value alone and says why in the status line.

use super::app::{App, CellEdit, Change, Effect};
use super::keymap::Cmd;
use crate::entry::answer::{ascii_number_char, pasted_value, typed_value};
use crate::entry::focus::{self, Focus, StepPart};
use crate::entry::paste;
use crate::problem::Severity;
use crate::schema::CellId;
use crossterm::event::{KeyCode, KeyEvent};
use rust_decimal::Decimal;

impl App {
    fn focused_cell(&self) -> Option<CellId> {
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

    /// A paste while in a table: one value replaces the cell; a block fills
    /// cells rightward and downward from the focused one.
    pub(super) fn paste_into_grid(&mut self, text: &str) -> Effect {
        let Some(start) = self.focused_cell() else {
            return Effect::None;
        };
        self.commit_edit();
        let block = paste::parse_block(text);
        let def = start.table_def();
        let rows: Vec<usize> = (start.row..def.rows.len())
            .filter(|r| def.rows[*r].sum_of.is_empty())
            .collect();
        let cols: Vec<usize> = (start.col..def.columns.len())
            .filter(|c| def.columns[*c].sum_of.is_empty())
            .collect();
        let mut changes = Vec::new();
        let mut rejected = Vec::new();
        // Every pasted value is counted once: placed (changed or not), taken
        // as 0 from "/", rejected, or outside the table, so the message adds
        // up to what the user copied.
        let (mut placed, mut outside, mut dashes) = (0, 0, 0);
        for (i, line) in block.iter().enumerate() {
            for (j, raw) in line.iter().enumerate() {
                if raw.trim().is_empty() {
                    continue;
                }
                let (Some(&row), Some(&col)) = (rows.get(i), cols.get(j)) else {
                    outside += 1;
                    continue;
                };
                let cell = CellId { row, col, ..start };
                match pasted_value(cell.column_def().kind, raw) {
                    Ok(Some(v)) => {
                        placed += 1;
                        if matches!(raw.trim(), "/" | "-" | "—" | "／") {
                            dashes += 1;
                        }
                        let before = self.report.cell(cell);
                        if before != v {
                            changes.push((cell, before, v));
                        }
                    }
                    Ok(None) => {}
                    Err(e) => rejected.push(self.where_in_paste(i, j, &e.message(self.lang))),
                }
            }
        }
        for (cell, _, v) in &changes {
            self.report.set_cell(*cell, *v);
        }
        let changed = !changes.is_empty();
        let msg = self.paste_message(placed, dashes, &rejected, outside);
        let severity = (!rejected.is_empty() || outside > 0).then_some(Severity::Error);
        if changed {
            self.record(Change::Cells(changes));
        }
        self.say(severity, msg);
        if changed {
            Effect::Committed
        } else {
            Effect::None
        }
    }

    /// `第2行第3列："x" 不是整数` (the message names the value).
    fn where_in_paste(&self, i: usize, j: usize, msg: &str) -> String {
        match self.lang {
            crate::schema::Lang::Zh => format!("第{}行第{}列：{msg}", i + 1, j + 1),
            crate::schema::Lang::En => format!("row {} column {}: {msg}", i + 1, j + 1),
        }
    }

    fn paste_message(
        &self,
        filled: usize,
        dashes: usize,
        rejected: &[String],
        outside: usize,
    ) -> String {
        let mut parts = vec![match self.lang {
            crate::schema::Lang::Zh => format!("已粘贴 {filled} 个值"),
            crate::schema::Lang::En => format!("pasted {filled} value(s)"),
        }];
        if dashes > 0 {
            parts.push(match self.lang {
                crate::schema::Lang::Zh => format!("其中 {dashes} 个“/”或“-”按 0 填入"),
                crate::schema::Lang::En => format!("{dashes} \"/\" or \"-\" taken as 0"),
            });
        }
        if !rejected.is_empty() {
            parts.push(match self.lang {
                crate::schema::Lang::Zh => {
                    format!("未粘贴 {} 个：{}", rejected.len(), rejected.join("；"))
                }
                crate::schema::Lang::En => {
                    format!("{} not pasted: {}", rejected.len(), rejected.join("; "))
                }
            });
        }
        if outside > 0 {
            parts.push(match self.lang {
                crate::schema::Lang::Zh => format!("{outside} 个值超出表格范围，未粘贴"),
                crate::schema::Lang::En => {
                    format!("{outside} value(s) fell outside the table and were not pasted")
                }
            });
        }
        parts.join(self.t("；", "; "))
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
