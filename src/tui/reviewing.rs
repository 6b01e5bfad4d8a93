//! The review keys of the wizard: F3 marks a warning as reviewed (已确认)
//! after asking for a reason in a one-line prompt, or takes the mark back;
//! F4 inserts a sentence drafted from the tables at the caret. The marks
//! themselves are kept by [`crate::review::reviewed`] in the report
//! (`[[reviewed]]`), so they are saved like any other change.

use super::app::{App, Effect, Overlay};
use super::messages;
use crate::entry::focus::{self, Focus};
use crate::entry::paste;
use crate::problem::{Problem, Severity};
use crate::review::messages::{MarkRefusal, cannot_mark};
use crate::review::{draft, reviewed};
use crate::schema::FieldKind;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea};

/// The reason prompt: the warning it is about and the reason being typed.
pub struct ReasonPrompt {
    /// The warning as it was when the prompt opened (its values are what
    /// the mark records; nothing else can change while the prompt is open).
    pub problem: Problem,
    /// The reason, in the same editor the text fields use (Chinese input
    /// methods, pastes and the caret work as there).
    pub area: TextArea<'static>,
}

impl ReasonPrompt {
    fn new(problem: Problem) -> ReasonPrompt {
        let mut area = TextArea::new(vec![String::new()]);
        area.set_cursor_style(Style::default());
        area.set_cursor_line_style(Style::default());
        ReasonPrompt { problem, area }
    }

    /// The reason as typed, on one line.
    pub fn reason(&self) -> String {
        self.area.lines().join(" ")
    }

    /// Keeps the editor on one line, whatever a key did.
    fn keep_one_line(&mut self) {
        if self.area.lines().len() > 1 {
            let joined = self.area.lines().join(" ");
            let mut area = TextArea::new(vec![joined]);
            area.set_cursor_style(Style::default());
            area.set_cursor_line_style(Style::default());
            area.move_cursor(CursorMove::End);
            self.area = area;
        }
    }
}

impl App {
    /// The warning F3 is about: on 核对 the selected line; elsewhere the
    /// first open warning of the focused item with a rule id, else its
    /// first reviewed one (to unmark), else its first problem (to say why
    /// it cannot be marked).
    fn warning_to_mark(&self) -> Option<Problem> {
        if self.step == focus::review_step() {
            return self
                .review_items()
                .get(self.review_selected)
                .map(|p| (*p).clone());
        }
        let here: Vec<&Problem> = self.problems_at(self.focus).collect();
        let open = here
            .iter()
            .find(|p| p.severity == Severity::Warning && p.rule.is_some() && p.counts());
        let marked = here.iter().find(|p| p.reviewed.is_some());
        open.or(marked).or(here.first()).map(|p| (*p).clone())
    }

    /// F3 / Ctrl+O: opens the reason prompt for an open warning, or takes
    /// the mark off a reviewed one; an error or a warning without a rule id
    /// is refused in the status line.
    pub(super) fn mark_reviewed(&mut self) -> Effect {
        self.commit_edit();
        let Some(p) = self.warning_to_mark() else {
            self.say(None, messages::nothing_to_mark(self.lang));
            return Effect::None;
        };
        if p.reviewed.is_some() {
            reviewed::unmark(&mut self.report, &p);
            self.say(None, messages::unmarked(self.lang));
            return Effect::Committed;
        }
        let refusal = if p.severity != Severity::Warning {
            Some(MarkRefusal::NotAWarning)
        } else if p.rule.is_none() {
            Some(MarkRefusal::NoRule)
        } else {
            None
        };
        if let Some(why) = refusal {
            self.say(Some(Severity::Error), cannot_mark(self.lang, why));
            return Effect::None;
        }
        self.reason = Some(ReasonPrompt::new(p));
        self.overlay = Overlay::Reason;
        self.status = None;
        Effect::None
    }

    /// Enter in the reason prompt: marks the warning. A refusal (no reason)
    /// is said in the status line and the prompt stays open.
    pub(super) fn confirm_reason(&mut self) -> Effect {
        let Some(prompt) = &self.reason else {
            return Effect::None;
        };
        let reason = prompt.reason();
        let problem = prompt.problem.clone();
        match reviewed::mark(&mut self.report, &problem, &reason, self.lang) {
            Ok(()) => {
                self.close_reason();
                self.say(None, messages::marked(self.lang));
                Effect::Committed
            }
            Err(why) => {
                self.say(Some(Severity::Error), why);
                Effect::None
            }
        }
    }

    /// Closes the reason prompt; nothing is marked.
    pub(super) fn close_reason(&mut self) {
        self.reason = None;
        if self.overlay == Overlay::Reason {
            self.overlay = Overlay::None;
        }
    }

    /// A key typed into the reason prompt.
    pub(super) fn reason_key(&mut self, key: KeyEvent) -> Effect {
        // The reason is one line: Tab inserts nothing.
        if matches!(key.code, KeyCode::Tab | KeyCode::BackTab) {
            return Effect::None;
        }
        if let Some(prompt) = &mut self.reason {
            prompt.area.input(key);
            prompt.keep_one_line();
        }
        Effect::None
    }

    /// A paste into the reason prompt: on one line, control characters
    /// removed; refused beyond the length of a text field.
    pub(super) fn paste_into_reason(&mut self, text: &str) -> Effect {
        let lang = self.lang;
        if let Some(prompt) = &mut self.reason {
            let (clean, _) = paste::clean_text(text, true);
            let have: usize = prompt.area.lines().iter().map(|l| l.chars().count()).sum();
            if let Some(why) = paste::too_long(have + clean.chars().count(), lang) {
                self.say(Some(Severity::Error), why);
                return Effect::None;
            }
            prompt.area.insert_str(&clean);
            prompt.keep_one_line();
        }
        Effect::None
    }

    /// F4 / Ctrl+T: inserts the sentence drafted from the tables at the
    /// caret of 主动公开情况 or 依申请公开情况, as one undoable edit (as a
    /// paste is); elsewhere, or while the tables are empty, says why not.
    pub(super) fn insert_draft(&mut self) -> Effect {
        let field = match self.focus {
            Focus::Field(f)
                if self.step != focus::review_step() && f.field().kind == FieldKind::Paragraphs =>
            {
                Some(f)
            }
            _ => None,
        };
        let attempt = field.map_or(draft::Attempt::NotDraftable, |f| {
            draft::attempt(&self.report, f)
        });
        let sentence = match attempt {
            draft::Attempt::Sentence(sentence) => sentence,
            draft::Attempt::NotDraftable => {
                let (proactive, on_request) = draft::draftable_labels(self.lang);
                let msg = messages::not_draftable(proactive, on_request, self.lang);
                self.say(Some(Severity::Warning), msg);
                return Effect::None;
            }
            draft::Attempt::TablesEmpty => {
                self.say(Some(Severity::Warning), messages::tables_empty(self.lang));
                return Effect::None;
            }
        };
        let effect = self.paste_into_text(&sentence);
        self.say(None, messages::drafted(self.lang));
        effect
    }
}
