//! Text fields: one `ratatui-textarea` editor per field (it measures Chinese
//! text by display width and keeps its own undo history), the year (digits
//! only) and the choice field (chosen by its number, or cycled with
//! Left/Right/Space). Every change is copied into the report at once.

use super::app::{App, Change, Effect};
use super::messages;
use crate::entry::answer::{YEAR_DIGITS, ascii_number_char, choice_by_number, year_refusal};
use crate::entry::focus::Focus;
use crate::entry::paste;
use crate::model::Report;
use crate::problem::Severity;
use crate::schema::{self, FieldId, FieldKind};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// The editors of every text field, and which changed since last committed.
pub struct Texts {
    areas: Vec<Vec<TextArea<'static>>>,
    changed: Vec<Vec<bool>>,
}

impl Texts {
    /// An editor per field, holding the report's text, caret at the end.
    pub fn new(report: &Report) -> Texts {
        let areas: Vec<Vec<TextArea<'static>>> = schema::field_sets()
            .enumerate()
            .map(|(set, (_, fs))| {
                (0..fs.fields.len())
                    .map(|field| editor(report, FieldId { set, field }))
                    .collect()
            })
            .collect();
        let changed = areas.iter().map(|a| vec![false; a.len()]).collect();
        Texts { areas, changed }
    }

    /// The editor of a field.
    pub fn area(&self, f: FieldId) -> &TextArea<'static> {
        &self.areas[f.set][f.field]
    }

    fn area_mut(&mut self, f: FieldId) -> &mut TextArea<'static> {
        &mut self.areas[f.set][f.field]
    }

    /// Whether the field is typed into (not a choice).
    pub fn is_text(&self, f: FieldId) -> bool {
        !matches!(f.field().kind, FieldKind::Choice(_))
    }

    /// Whether the focused field changed since it was last committed; resets.
    pub fn take_changed(&mut self, focus: Focus) -> bool {
        match focus {
            Focus::Field(f) => std::mem::take(&mut self.changed[f.set][f.field]),
            Focus::Cell(_) => false,
        }
    }
}

fn editor(report: &Report, f: FieldId) -> TextArea<'static> {
    let lines: Vec<String> = report.text(f).split('\n').map(str::to_string).collect();
    let mut area = TextArea::new(lines);
    // The terminal's own cursor marks the caret (the input method's window
    // follows it), so the editor draws none, and no line highlight either.
    area.set_cursor_style(Style::default());
    area.set_cursor_line_style(Style::default());
    if f.field().kind == FieldKind::Paragraphs {
        area.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

impl App {
    fn focused_field(&self) -> Option<FieldId> {
        match self.focus {
            Focus::Field(f) => Some(f),
            Focus::Cell(_) => None,
        }
    }

    /// Copies the editor's text into the report; `Edited` if it changed.
    fn sync_text(&mut self, f: FieldId) -> Effect {
        let text = self.texts.area(f).lines().join("\n");
        if text == self.report.text(f) {
            return Effect::None;
        }
        self.report.set_text(f, text);
        self.texts.changed[f.set][f.field] = true;
        Effect::Edited
    }

    /// A key for the focused text field.
    pub(super) fn text_key(&mut self, key: KeyEvent) -> Effect {
        let Some(f) = self.focused_field() else {
            return Effect::None;
        };
        let kind = f.field().kind;
        let mut key = key;
        if kind == FieldKind::Year
            && let KeyCode::Char(c) = key.code
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            let c = ascii_number_char(c);
            let typed = format!("{}{c}", self.texts.area(f).lines().concat());
            if let Some(why) = year_refusal(&typed, false) {
                self.say(Some(Severity::Error), why.message(self.lang));
                return Effect::None;
            }
            key.code = KeyCode::Char(c);
        }
        let adds = matches!(key.code, KeyCode::Char(_) | KeyCode::Enter | KeyCode::Tab)
            && !key.modifiers.contains(KeyModifiers::CONTROL);
        if adds
            && let Some(why) = paste::too_long(self.report.text(f).chars().count() + 1, self.lang)
        {
            self.say(Some(Severity::Error), why);
            return Effect::None;
        }
        let area = self.texts.area_mut(f);
        area.input(key);
        if kind != FieldKind::Paragraphs && area.lines().len() > 1 {
            // A one-line field never holds a line break, whatever the key.
            let joined = area.lines().join(" ");
            *area = TextArea::new(vec![joined]);
            area.set_cursor_style(Style::default());
            area.set_cursor_line_style(Style::default());
            area.move_cursor(CursorMove::End);
        }
        self.sync_text(f)
    }

    /// A paste into the focused text field: inserted at the caret, never
    /// taken as Enter or Tab.
    pub(super) fn paste_into_text(&mut self, text: &str) -> Effect {
        let Some(f) = self.focused_field() else {
            return Effect::None;
        };
        let kind = f.field().kind;
        let (mut clean, removed) = paste::clean_text(text, kind != FieldKind::Paragraphs);
        if kind == FieldKind::Year {
            let digits: String = clean.trim().chars().map(ascii_number_char).collect();
            let have = self.texts.area(f).lines().concat().chars().count();
            if digits.is_empty()
                || !digits.chars().all(|c| c.is_ascii_digit())
                || have + digits.len() > YEAR_DIGITS
            {
                let msg = self
                    .t(
                        "年度只能是数字，未粘贴",
                        "the year is digits only: nothing pasted",
                    )
                    .to_string();
                self.say(Some(Severity::Error), msg);
                return Effect::None;
            }
            clean = digits;
        }
        let after = self.report.text(f).chars().count() + clean.chars().count();
        if let Some(why) = paste::too_long(after, self.lang) {
            self.say(Some(Severity::Error), why);
            return Effect::None;
        }
        self.texts.area_mut(f).insert_str(&clean);
        if removed > 0 {
            let msg = match self.lang {
                schema::Lang::Zh => format!("已粘贴；删除了 {removed} 个控制字符"),
                schema::Lang::En => format!("pasted; {removed} control character(s) removed"),
            };
            self.say(Some(Severity::Warning), msg);
        }
        self.sync_text(f)
    }

    /// Ctrl+Z / Ctrl+Y in a text field.
    pub(super) fn text_undo(&mut self, redo: bool) -> Effect {
        let Some(f) = self.focused_field() else {
            return Effect::None;
        };
        let area = self.texts.area_mut(f);
        let done = if redo { area.redo() } else { area.undo() };
        if !done {
            let msg = match redo {
                false => self.t("没有可撤销的修改", "nothing to undo"),
                true => self.t("没有可重做的修改", "nothing to redo"),
            };
            let msg = msg.to_string();
            self.say(None, msg);
        }
        self.sync_text(f)
    }

    /// A digit on a choice: the option listed under that number, 0 none
    /// (the numbering plain mode uses too). A number no option has is
    /// refused in the status line.
    pub(super) fn choose_by_number(&mut self, digit: char) -> Effect {
        let Some(f) = self.focused_field() else {
            return Effect::None;
        };
        let FieldKind::Choice(choices) = f.field().kind else {
            return Effect::None;
        };
        let Some(number) = ascii_number_char(digit).to_digit(10) else {
            return Effect::None;
        };
        let Some(after) = choice_by_number(choices, number as usize) else {
            let msg = messages::no_such_option(number as usize, choices.len(), self.lang);
            self.say(Some(Severity::Error), msg);
            return Effect::None;
        };
        self.set_choice(f, after.to_string())
    }

    /// Stores a choice as one undoable change; `None` effect when it was
    /// already chosen.
    fn set_choice(&mut self, f: FieldId, after: String) -> Effect {
        let before = self.report.text(f).to_string();
        if before == after {
            return Effect::None;
        }
        self.report.set_text(f, after.clone());
        self.record(Change::Choice(f, before, after));
        Effect::Committed
    }

    /// Left/Right/Space on a choice: the previous or next option, then none.
    pub(super) fn cycle_choice(&mut self, step: isize) -> Effect {
        let Some(f) = self.focused_field() else {
            return Effect::None;
        };
        let FieldKind::Choice(choices) = f.field().kind else {
            return Effect::None;
        };
        let before = self.report.text(f).to_string();
        // Position 0 is "not chosen"; 1… are the options.
        let n = choices.len() as isize + 1;
        let here = choices
            .iter()
            .position(|c| c.key == before)
            .map_or(0, |i| i as isize + 1);
        let next = (here + step).rem_euclid(n);
        let after = match next {
            0 => String::new(),
            i => choices[(i - 1) as usize].key.to_string(),
        };
        self.set_choice(f, after)
    }
}
