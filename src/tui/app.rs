//! The wizard's state and what each key does to it: `update(action) → effect`.
//!
//! No terminal and no drawing here, so the key-sequence tests can drive it
//! directly. The report in [`App::report`] is the truth: every keystroke
//! that changes a value changes it there at once (totals included), and the
//! caller saves it when [`Effect`] says so. Table editing lives in
//! `grid.rs`, text fields in `fields.rs`; this file routes keys and moves
//! the focus.

use super::fields::Texts;
use super::keymap::{self, Cmd, Context};
use super::reviewing::ReasonPrompt;
use crate::entry::focus::{self, Focus};
use crate::entry::{is_about, problem_step};
use crate::model::Report;
use crate::problem::{Problem, Severity, Target};
use crate::schema::{self, CellId, FieldKind, Lang};
use crate::validate::{self, Context as Rules};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rust_decimal::Decimal;

/// What the caller should do after an update, weakest first (two effects
/// combine into the stronger one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Effect {
    /// Nothing changed in the report.
    None,
    /// Text is being typed: save after a short pause.
    Edited,
    /// A value was committed: save now.
    Committed,
    /// The user asked to save now.
    Save,
    /// Save and quit.
    Quit,
}

impl Effect {
    /// What the effect means for saving, if anything.
    pub fn change(self) -> Option<crate::entry::saving::Change> {
        use crate::entry::saving::Change;
        match self {
            Effect::None => None,
            Effect::Edited => Some(Change::Edited),
            Effect::Committed | Effect::Save | Effect::Quit => Some(Change::Committed),
        }
    }
}

/// An input to the app: a key, a paste, or a command from elsewhere.
#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    Cmd(Cmd),
}

/// A line of feedback under the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub severity: Option<Severity>,
}

/// An overlay drawn over the page, taking the keys while open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    StepMenu {
        selected: usize,
    },
    /// The reason prompt of F3 (its text is in [`App::reason`]).
    Reason,
}

/// A number being typed into a cell (the report already holds its value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellEdit {
    pub cell: CellId,
    pub original: Decimal,
    pub text: String,
}

/// One undoable change.
#[derive(Debug, Clone)]
pub(super) enum Change {
    /// `(cell, before, after)`, e.g. one typed number or a whole pasted block.
    Cells(Vec<(CellId, Decimal, Decimal)>),
    /// A choice field: `(field, before, after)`.
    Choice(schema::FieldId, String, String),
}

/// Last year's report, for the cross-year warnings.
#[derive(Debug, Clone)]
pub enum Previous {
    None,
    Loaded {
        report: Box<Report>,
        name: String,
    },
    /// It is named in the report but could not be read: one warning.
    Unreadable(String),
}

/// The wizard.
pub struct App {
    pub report: Report,
    pub lang: Lang,
    /// The step on screen: a section index, or [`focus::review_step`].
    pub step: usize,
    /// The item being edited; on 核对 the item to return to.
    pub focus: Focus,
    pub edit: Option<CellEdit>,
    pub overlay: Overlay,
    /// The selected line on 核对.
    pub review_selected: usize,
    /// Validation of the current values, refreshed on every change.
    pub problems: Vec<Problem>,
    /// Keeps [`App::problems`] up to date by re-running only the checks
    /// that read what changed.
    checked: validate::incremental::Incremental,
    pub status: Option<Status>,
    pub(super) texts: Texts,
    pub(super) undo: Vec<Change>,
    pub(super) redo: Vec<Change>,
    /// First body line shown of a table taller than the page (kept by the
    /// view between frames so the table scrolls only when it must).
    pub(super) grid_scroll: std::cell::Cell<usize>,
    /// The reason prompt, while [`Overlay::Reason`] is open.
    pub(super) reason: Option<ReasonPrompt>,
    /// Today's date `(year, month, day)`, for the publication deadline on
    /// 核对 (the system clock's; the tests set it).
    pub today: (i32, u32, u32),
    step_focus: Vec<Option<Focus>>,
    previous: Previous,
    this_year: i32,
}

impl App {
    /// Opens the wizard on a report, at `meta.resume_at` if it names an item,
    /// else at the first field (机关名称).
    pub fn new(report: Report, lang: Lang, previous: Previous, this_year: i32) -> App {
        let order = focus::reading_order();
        let focus = report
            .meta
            .resume_at
            .as_deref()
            .and_then(Focus::from_path)
            .unwrap_or(order[0]);
        let texts = Texts::new(&report);
        let mut app = App {
            report,
            lang,
            step: focus.step(),
            focus,
            edit: None,
            overlay: Overlay::None,
            review_selected: 0,
            problems: Vec::new(),
            checked: validate::incremental::Incremental::new(Rules { lang, this_year }),
            status: None,
            texts,
            undo: Vec::new(),
            redo: Vec::new(),
            grid_scroll: std::cell::Cell::new(0),
            reason: None,
            today: crate::review::deadline::today(),
            step_focus: vec![None; focus::step_count()],
            previous,
            this_year,
        };
        app.refresh_problems();
        app
    }

    /// Shows a message in the status line.
    pub fn say(&mut self, severity: Option<Severity>, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            severity,
        });
    }

    /// Picks the Chinese or English text.
    pub(super) fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }

    /// Where the keys go now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Overlay::Help { .. } => return Context::Help,
            Overlay::StepMenu { .. } => return Context::StepMenu,
            Overlay::Reason => return Context::Reason,
            Overlay::None => {}
        }
        if self.step == focus::review_step() {
            return Context::Review;
        }
        match self.focus {
            Focus::Cell(_) => Context::Grid,
            Focus::Field(f) => match f.field().kind {
                FieldKind::Line(_) => Context::LineText,
                FieldKind::Paragraphs => Context::MultiText,
                FieldKind::Year => Context::Year,
                FieldKind::Choice(_) => Context::Choice,
            },
        }
    }

    /// Handles a terminal event (keys and pastes; the rest is ignored).
    pub fn handle_event(&mut self, event: Event) -> Effect {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.update(Action::Key(k)),
            Event::Paste(text) => self.update(Action::Paste(text)),
            _ => Effect::None,
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Effect {
        let effect = match action {
            Action::Key(key) => self.key(key),
            Action::Paste(text) => self.paste(&text),
            Action::Cmd(cmd) => self.command(cmd, None),
        };
        if effect != Effect::None {
            self.refresh_problems();
        }
        effect
    }

    fn key(&mut self, mut key: KeyEvent) -> Effect {
        // Terminals set to send ^H for Backspace (an option in PuTTY and
        // Xshell) deliver it as Ctrl+H.
        if key.code == KeyCode::Char('h') && key.modifiers == KeyModifiers::CONTROL {
            key = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        }
        let context = self.context();
        match keymap::lookup(context, &key) {
            Some(cmd) => self.command(cmd, Some(key)),
            None => match context {
                Context::LineText | Context::MultiText | Context::Year => self.text_key(key),
                Context::Grid
                    if matches!(key.code, KeyCode::Char(_))
                        && !key
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    self.type_number(key)
                }
                Context::Help | Context::StepMenu => {
                    self.overlay = Overlay::None;
                    Effect::None
                }
                Context::Reason => self.reason_key(key),
                _ => Effect::None,
            },
        }
    }

    fn paste(&mut self, text: &str) -> Effect {
        match self.context() {
            Context::Grid => self.paste_into_grid(text),
            Context::LineText | Context::MultiText | Context::Year => self.paste_into_text(text),
            Context::Reason => self.paste_into_reason(text),
            _ => {
                let msg = self
                    .t(
                        "这里不能粘贴：请先转到表格或文字栏",
                        "nothing to paste into here: go to a table or a text field first",
                    )
                    .to_string();
                self.say(Some(Severity::Warning), msg);
                Effect::None
            }
        }
    }

    fn command(&mut self, cmd: Cmd, key: Option<KeyEvent>) -> Effect {
        match cmd {
            Cmd::NextItem => self.next_item(),
            Cmd::PrevItem => self.prev_item(),
            Cmd::Commit => match self.context() {
                Context::Grid => {
                    let committed = self.commit_edit();
                    self.next_item().max(committed)
                }
                _ => self.next_item(),
            },
            Cmd::NextStep => self.go_step(self.step + 1),
            Cmd::PrevStep => self.go_step(self.step.saturating_sub(1)),
            Cmd::StepMenu => {
                self.overlay = Overlay::StepMenu {
                    selected: self.step,
                };
                Effect::None
            }
            Cmd::Help => {
                self.overlay = Overlay::Help { scroll: 0 };
                Effect::None
            }
            Cmd::Close => {
                self.close_reason();
                self.overlay = Overlay::None;
                Effect::None
            }
            Cmd::MarkReviewed => self.mark_reviewed(),
            Cmd::ConfirmReason => self.confirm_reason(),
            Cmd::Draft => self.insert_draft(),
            Cmd::Save => {
                self.commit_edit();
                Effect::Save
            }
            Cmd::Quit => {
                self.commit_edit();
                Effect::Quit
            }
            Cmd::Undo => self.undo(),
            Cmd::Redo => self.redo(),
            Cmd::Up | Cmd::Down | Cmd::Left | Cmd::Right => self.arrow(cmd),
            Cmd::Pick => {
                if let Overlay::StepMenu { selected } = self.overlay {
                    self.overlay = Overlay::None;
                    return self.go_step(selected);
                }
                Effect::None
            }
            Cmd::PickNumber => {
                let step = match key.map(|k| k.code) {
                    Some(KeyCode::Char(c)) => {
                        crate::entry::answer::ascii_number_char(c).to_digit(10)
                    }
                    _ => None,
                };
                match step.map(|s| s as usize) {
                    Some(step) if step < focus::step_count() => {
                        self.overlay = Overlay::None;
                        self.go_step(step)
                    }
                    _ => Effect::None,
                }
            }
            Cmd::Jump => self.jump_to_selected(),
            Cmd::TypeNumber => match key {
                Some(k) if self.context() == Context::Grid => self.type_number(k),
                _ => Effect::None,
            },
            Cmd::EditCell => self.backspace_cell(),
            Cmd::ClearCell => self.clear_cell(),
            Cmd::CancelEdit => self.cancel_edit(),
            Cmd::TextInput => match key {
                Some(k) if self.context() == Context::Reason => self.reason_key(k),
                Some(k) => self.text_key(k),
                None => Effect::None,
            },
            Cmd::ChoiceNumber => match key.map(|k| k.code) {
                Some(KeyCode::Char(c)) => self.choose_by_number(c),
                _ => Effect::None,
            },
            Cmd::ChoiceNext => self.cycle_choice(1),
            Cmd::ChoicePrev => self.cycle_choice(-1),
        }
    }

    fn arrow(&mut self, cmd: Cmd) -> Effect {
        match self.overlay {
            Overlay::Help { scroll } => {
                let scroll = match cmd {
                    Cmd::Up => scroll.saturating_sub(5),
                    _ => scroll + 5,
                };
                self.overlay = Overlay::Help { scroll };
                return Effect::None;
            }
            Overlay::StepMenu { selected } => {
                let n = focus::step_count();
                let selected = match cmd {
                    Cmd::Up => (selected + n - 1) % n,
                    _ => (selected + 1) % n,
                };
                self.overlay = Overlay::StepMenu { selected };
                return Effect::None;
            }
            Overlay::None | Overlay::Reason => {}
        }
        if self.step == focus::review_step() {
            let n = self.review_items().len() + super::last_year::entries(self).len();
            self.review_selected = match cmd {
                Cmd::Up => self.review_selected.saturating_sub(1),
                _ => (self.review_selected + 1).min(n.saturating_sub(1)),
            };
            return Effect::None;
        }
        self.move_in_grid(cmd)
    }

    /// Leaves the current item: commits a cell being edited. Returns the
    /// effect of committing.
    fn leave(&mut self) -> Effect {
        let committed = self.commit_edit();
        let text_changed = self.texts.take_changed(self.focus);
        if text_changed {
            Effect::Committed
        } else {
            committed
        }
    }

    /// Moves the focus to an item (and its step).
    pub fn set_focus(&mut self, target: Focus) -> Effect {
        let effect = self.leave();
        self.focus = target;
        self.step = target.step();
        self.step_focus[self.step] = Some(target);
        self.status = None;
        effect
    }

    fn next_item(&mut self) -> Effect {
        if self.step == focus::review_step() {
            return self.set_focus(focus::reading_order()[0]);
        }
        match focus::next(self.focus) {
            Some(f) => self.set_focus(f),
            None => self.go_step(focus::review_step()),
        }
    }

    fn prev_item(&mut self) -> Effect {
        if self.step == focus::review_step() {
            let order = focus::reading_order();
            return self.set_focus(order[order.len() - 1]);
        }
        match focus::prev(self.focus) {
            Some(f) => self.set_focus(f),
            None => Effect::None,
        }
    }

    /// Opens a step at the item last used there (or its first item).
    pub fn go_step(&mut self, step: usize) -> Effect {
        let step = step.min(focus::review_step());
        if step == focus::review_step() {
            let effect = self.leave();
            self.step = step;
            self.status = None;
            self.review_selected = 0;
            return effect;
        }
        let target = self.step_focus[step]
            .or_else(|| focus::first_in_step(step))
            .unwrap_or(self.focus);
        self.set_focus(target)
    }

    /// The problems in the order 核对 lists them: errors first, then open
    /// warnings, then the warnings marked as reviewed, each by step.
    pub fn review_items(&self) -> Vec<&Problem> {
        let mut items: Vec<&Problem> = self.problems.iter().collect();
        items.sort_by_key(|p| (p.severity, !p.counts(), problem_step(p)));
        items
    }

    /// The publication deadline's sentence for 核对, when the law sets one
    /// for the report's level.
    pub fn deadline_note(&self) -> Option<String> {
        crate::review::deadline::note(&self.report, self.today, self.lang)
    }

    fn jump_to_selected(&mut self) -> Effect {
        let items = self.review_items();
        let target = match items.get(self.review_selected) {
            Some(p) => p.target.map(|t| match t {
                Target::Field(f) => Focus::Field(f),
                Target::Cell(c) => Focus::Cell(c),
            }),
            // Past the problems: last year's largest changes and kept texts.
            None => super::last_year::entries(self)
                .get(self.review_selected - items.len())
                .map(|e| e.target),
        };
        match target {
            Some(f) => self.set_focus(f),
            None => Effect::None,
        }
    }

    /// Last year's report, when it is loaded.
    pub fn last_year(&self) -> Option<&Report> {
        match &self.previous {
            Previous::Loaded { report, .. } => Some(report),
            _ => None,
        }
    }

    /// Errors and warnings on one step (warnings marked as reviewed are
    /// not counted).
    pub fn step_counts(&self, step: usize) -> (usize, usize) {
        let on_step = self
            .problems
            .iter()
            .filter(|p| problem_step(p) == step && p.counts());
        let errors = on_step
            .clone()
            .filter(|p| p.severity == Severity::Error)
            .count();
        (errors, on_step.count() - errors)
    }

    /// The problems about one item.
    pub fn problems_at(&self, focus: Focus) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(move |p| is_about(p, focus))
    }

    /// Brings [`App::problems`] up to date with the report: only the checks
    /// that read a field or cell that changed run again.
    pub fn refresh_problems(&mut self) {
        let previous = match &self.previous {
            Previous::Loaded { report, name } => Some((&**report, name.as_str())),
            _ => None,
        };
        if let Some(mut problems) = self.checked.update(&self.report, previous) {
            if let Previous::Unreadable(msg) = &self.previous {
                problems.push(Problem::warning("meta.previous", "", msg.clone()));
            }
            self.problems = problems;
        }
    }

    /// Every problem of the report found from scratch, every rule run: what
    /// [`App::problems`] must always equal.
    pub fn problems_in_full(&self) -> Vec<Problem> {
        let mut problems = validate::validate(
            &self.report,
            Rules {
                lang: self.lang,
                this_year: self.this_year,
            },
        );
        match &self.previous {
            Previous::None => {}
            Previous::Loaded { report, name } => {
                problems.extend(validate::cross_year(&self.report, report, name, self.lang));
            }
            Previous::Unreadable(msg) => {
                problems.push(Problem::warning("meta.previous", "", msg.clone()));
            }
        }
        problems
    }

    /// The report as it should be written: committed values only (a number
    /// still being typed is left out) and the resume position.
    pub fn report_for_saving(&self) -> Report {
        let mut r = self.report.clone();
        if let Some(e) = &self.edit {
            r.set_cell(e.cell, e.original);
        }
        r.meta.resume_at = Some(self.focus.path());
        r
    }

    /// The report as it should be saved on the way out (a hang-up, a
    /// signal, a panic): the number being typed is kept, since what is typed
    /// is always a valid value.
    pub fn report_for_exit(&self) -> Report {
        let mut r = self.report.clone();
        r.meta.resume_at = Some(self.focus.path());
        r
    }

    /// Commits whatever is in progress, for a save on exit or on a signal.
    pub fn commit_all(&mut self) {
        self.commit_edit();
        self.texts.take_changed(self.focus);
        self.refresh_problems();
    }
}
