//! The wizard's keys, declared once: `(context, keys, command, hint)`.
//!
//! Dispatch ([`lookup`]), the footer hints ([`footer`]), the F1 overlay
//! ([`help_lines`]) and the keys table in docs/KEYS.md ([`markdown_table`],
//! checked by a test) are all read from [`BINDINGS`], so they cannot drift
//! apart. Every key works in PuTTY and Xshell with default settings: no Alt
//! combinations, no Ctrl+PageUp, and every F-key has a Ctrl alternative or is
//! a convenience only.

use crate::schema::{Label, Lang};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the user is; decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, unless an overlay is open.
    Global,
    /// A table cell.
    Grid,
    /// A one-line text field.
    LineText,
    /// A multi-line text field.
    MultiText,
    /// A year field (digits only).
    Year,
    /// A field with a fixed list of options.
    Choice,
    /// The 核对 step.
    Review,
    /// The prompt for the reason a warning is right as it is.
    Reason,
    /// The F1 overlay.
    Help,
    /// The step menu.
    StepMenu,
}

impl Context {
    /// The heading of this context in the help overlay and docs/KEYS.md.
    pub fn title(self) -> Label {
        let l = |zh, en| Label {
            zh,
            en,
            en_short: "",
        };
        match self {
            Context::Global => l("任何位置", "Anywhere"),
            Context::Grid => l("表格", "Tables"),
            Context::LineText => l("单行文字", "One-line text"),
            Context::MultiText => l("多行文字", "Multi-line text"),
            Context::Year => l("年份栏", "Year field"),
            Context::Choice => l("选择栏", "Choice field"),
            Context::Review => l("核对", "Review"),
            Context::Reason => l("确认理由", "Reason prompt"),
            Context::Help => l("帮助", "Help"),
            Context::StepMenu => l("步骤菜单", "Step menu"),
        }
    }
}

/// What a key does; the app interprets it for the current context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    NextItem,
    PrevItem,
    /// Enter: commit and go on (as Tab), where Enter is not a new line.
    Commit,
    NextStep,
    PrevStep,
    StepMenu,
    Help,
    Save,
    Quit,
    Undo,
    Redo,
    Up,
    Down,
    Left,
    Right,
    /// Delete in a cell: set it to 0.
    ClearCell,
    /// Backspace in a cell: edit its value.
    EditCell,
    /// Esc in a cell: undo the edit in progress.
    CancelEdit,
    /// A digit or `.` typed into a cell.
    TypeNumber,
    /// A key handed to the text field (typing, cursor keys, a new line).
    TextInput,
    /// A digit on a choice: the option with that number (0: none).
    ChoiceNumber,
    ChoiceNext,
    ChoicePrev,
    /// Enter on 核对: go to the problem.
    Jump,
    /// Enter in the step menu.
    Pick,
    /// A digit in the step menu: open that step (0 报告信息, 1-6, 7 核对).
    PickNumber,
    /// F3: mark the warning here (or the one selected on 核对) as reviewed,
    /// or unmark it.
    MarkReviewed,
    /// Enter in the reason prompt: mark the warning with the reason typed.
    ConfirmReason,
    /// F4: insert a sentence drafted from the tables at the caret.
    Draft,
    Close,
}

/// A key, or a class of keys documented as one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Plain(KeyCode),
    Ctrl(char),
    /// `0`–`9`.
    Digits,
    /// `0`–`9` and `.`.
    Number,
    /// Any printable character (typing).
    Typing,
}

/// One row of the keymap.
#[derive(Debug)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub cmd: Cmd,
    pub hint: Label,
    /// A short form of the hint for the footer; empty: not in the footer.
    pub footer: Label,
}

const fn b(
    context: Context,
    keys: &'static [Key],
    cmd: Cmd,
    hint: (&'static str, &'static str),
    footer: (&'static str, &'static str),
) -> Binding {
    Binding {
        context,
        keys,
        cmd,
        hint: Label {
            zh: hint.0,
            en: hint.1,
            en_short: "",
        },
        footer: Label {
            zh: footer.0,
            en: footer.1,
            en_short: "",
        },
    }
}

/// Not in the footer.
const NO: (&str, &str) = ("", "");

use Context as C;
use Key::{Ctrl, Plain};

/// Every key of the wizard. Context-specific rows come before [`Context::Global`]
/// ones in lookup, whatever their order here.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Anywhere
    b(C::Global, &[Plain(KeyCode::Tab)], Cmd::NextItem, ("下一项", "next item"), ("下一项", "next")),
    b(C::Global, &[Plain(KeyCode::BackTab)], Cmd::PrevItem, ("上一项", "previous item"), NO),
    b(C::Global, &[Plain(KeyCode::PageDown)], Cmd::NextStep, ("下一步", "next step"), ("下一步", "next step")),
    b(C::Global, &[Plain(KeyCode::PageUp)], Cmd::PrevStep, ("上一步", "previous step"), NO),
    b(C::Global, &[Plain(KeyCode::F(2)), Ctrl('g')], Cmd::StepMenu, ("步骤菜单：转到任一步", "step menu: go to any step"), ("步骤", "steps")),
    b(C::Global, &[Ctrl('s')], Cmd::Save, ("立即保存（修改也会自动保存）", "save now (changes are also saved automatically)"), NO),
    b(C::Global, &[Ctrl('z')], Cmd::Undo, ("撤销", "undo"), NO),
    b(C::Global, &[Ctrl('y')], Cmd::Redo, ("重做", "redo"), NO),
    b(C::Global, &[Plain(KeyCode::F(1))], Cmd::Help, ("帮助：全部按键", "help: every key"), ("帮助", "help")),
    b(C::Global, &[Ctrl('q'), Ctrl('c')], Cmd::Quit, ("保存并退出", "save and quit"), ("退出", "quit")),
    b(C::Global, &[Plain(KeyCode::F(3)), Ctrl('o')], Cmd::MarkReviewed, ("确认此处的警告无误（写明理由）；再按取消", "mark the warning here as reviewed; again: unmark"), NO),
    b(C::Global, &[Plain(KeyCode::F(4)), Ctrl('t')], Cmd::Draft, ("按表格草拟一句插入光标处（一、总体情况）", "insert a sentence drafted from the tables (in 一)"), NO),
    // Tables
    b(C::Grid, &[Key::Number], Cmd::TypeNumber, ("输入数字，替换原值", "type a number (replaces the value)"), NO),
    b(C::Grid, &[Plain(KeyCode::Enter)], Cmd::Commit, ("确认，到下一格（同 Tab）", "confirm, next cell (as Tab)"), NO),
    b(C::Grid, &[Plain(KeyCode::Up), Plain(KeyCode::Down), Plain(KeyCode::Left), Plain(KeyCode::Right)], Cmd::Up, ("移动（也可移到总计上查看）", "move (also onto totals, to read them)"), ("移动", "move")),
    b(C::Grid, &[Plain(KeyCode::Backspace)], Cmd::EditCell, ("修改原值（删去末位）", "edit the value (removes its last digit)"), NO),
    b(C::Grid, &[Plain(KeyCode::Delete)], Cmd::ClearCell, ("清为 0", "clear to 0"), NO),
    b(C::Grid, &[Plain(KeyCode::Esc)], Cmd::CancelEdit, ("取消正在输入的数（也可 Ctrl+Z）", "cancel the number being typed (or Ctrl+Z)"), ("取消", "cancel")),
    // Text
    b(C::LineText, &[Key::Typing], Cmd::TextInput, ("输入；Left/Right/Home/End 移动光标", "type; Left/Right/Home/End move the caret"), NO),
    b(C::LineText, &[Plain(KeyCode::Enter)], Cmd::Commit, ("下一项（同 Tab）", "next item (as Tab)"), NO),
    b(C::MultiText, &[Key::Typing], Cmd::TextInput, ("输入；方向键移动光标", "type; arrows move the caret"), NO),
    b(C::MultiText, &[Plain(KeyCode::Enter)], Cmd::TextInput, ("换行", "new line"), ("换行", "new line")),
    b(C::MultiText, &[Plain(KeyCode::F(4)), Ctrl('t')], Cmd::Draft, ("按表格数字草拟一句，插入光标处", "insert a sentence drafted from the tables at the caret"), ("草拟", "draft")),
    b(C::Year, &[Key::Digits], Cmd::TextInput, ("输入年份（只能是数字）", "type the year (digits only)"), NO),
    b(C::Year, &[Plain(KeyCode::Enter)], Cmd::Commit, ("下一项（同 Tab）", "next item (as Tab)"), NO),
    b(C::Choice, &[Key::Digits], Cmd::ChoiceNumber, ("按编号选择（列在栏下），0 为未选", "choose by number (listed below the fields); 0: none"), ("选择", "choose")),
    b(C::Choice, &[Plain(KeyCode::Right), Plain(KeyCode::Char(' '))], Cmd::ChoiceNext, ("下一个选项", "next option"), NO),
    b(C::Choice, &[Plain(KeyCode::Left)], Cmd::ChoicePrev, ("上一个选项", "previous option"), NO),
    b(C::Choice, &[Plain(KeyCode::Enter)], Cmd::Commit, ("下一项（同 Tab）", "next item (as Tab)"), NO),
    // Review
    b(C::Review, &[Plain(KeyCode::Up)], Cmd::Up, ("上一个问题", "previous problem"), NO),
    b(C::Review, &[Plain(KeyCode::Down)], Cmd::Down, ("下一个问题", "next problem"), ("下一个", "next one")),
    b(C::Review, &[Plain(KeyCode::Enter)], Cmd::Jump, ("转到该问题所在处", "go to the problem"), ("转到", "go there")),
    b(C::Review, &[Plain(KeyCode::F(3)), Ctrl('o')], Cmd::MarkReviewed, ("确认所选警告无误（写明理由）；再按取消", "mark the selected warning as reviewed; again: unmark"), ("确认", "reviewed")),
    // The reason prompt
    b(C::Reason, &[Key::Typing], Cmd::TextInput, ("输入理由（可粘贴）；Left/Right/Home/End 移动光标", "type the reason (pasting works); Left/Right/Home/End move the caret"), NO),
    b(C::Reason, &[Plain(KeyCode::Enter)], Cmd::ConfirmReason, ("确认该警告，保存理由", "mark the warning as reviewed with this reason"), ("确认", "confirm")),
    b(C::Reason, &[Plain(KeyCode::Esc)], Cmd::Close, ("取消，不作确认", "cancel: nothing is marked"), ("取消", "cancel")),
    // Overlays
    b(C::Help, &[Plain(KeyCode::Up), Plain(KeyCode::PageUp)], Cmd::Up, ("向上滚动", "scroll up"), NO),
    b(C::Help, &[Plain(KeyCode::Down), Plain(KeyCode::PageDown)], Cmd::Down, ("向下滚动", "scroll down"), ("滚动", "scroll")),
    b(C::Help, &[Plain(KeyCode::Esc), Plain(KeyCode::F(1)), Plain(KeyCode::Enter)], Cmd::Close, ("关闭帮助", "close help"), ("关闭", "close")),
    b(C::StepMenu, &[Plain(KeyCode::Up)], Cmd::Up, ("上移", "up"), NO),
    b(C::StepMenu, &[Plain(KeyCode::Down)], Cmd::Down, ("下移", "down"), NO),
    b(C::StepMenu, &[Plain(KeyCode::Enter)], Cmd::Pick, ("打开该步骤", "open the step"), ("打开", "open")),
    b(C::StepMenu, &[Key::Digits], Cmd::PickNumber, ("直接打开：0 报告信息，1-6 即一至六，7 核对", "open at once: 0 报告信息, 1-6 sections 一 to 六, 7 核对"), NO),
    b(C::StepMenu, &[Plain(KeyCode::Esc), Plain(KeyCode::F(2)), Ctrl('g')], Cmd::Close, ("关闭菜单", "close the menu"), ("关闭", "close")),
];

/// The order contexts are listed in help and docs/KEYS.md.
pub const CONTEXTS: &[Context] = &[
    C::Global,
    C::Grid,
    C::LineText,
    C::MultiText,
    C::Year,
    C::Choice,
    C::Review,
    C::Reason,
    C::StepMenu,
    C::Help,
];

impl Key {
    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Plain(code) => !ctrl && !alt && code == key.code,
            Ctrl(c) => {
                ctrl && !alt && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
            }
            Key::Digits => {
                !ctrl
                    && !alt
                    && matches!(key.code, KeyCode::Char(c) if is_number_char(c) && c != '.' && c != '．')
            }
            Key::Number => {
                !ctrl && !alt && matches!(key.code, KeyCode::Char(c) if is_number_char(c))
            }
            Key::Typing => !ctrl && !alt && matches!(key.code, KeyCode::Char(_)),
        }
    }

    /// How the key is written in hints, help and docs/KEYS.md.
    pub fn name(self, lang: Lang) -> String {
        match self {
            Plain(code) => code_name(code, lang),
            Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Digits => "0-9".to_string(),
            Key::Number => "0-9 .".to_string(),
            Key::Typing => lang.pick("文字", "text").to_string(),
        }
    }
}

/// Digits and the decimal point, ASCII or full width (a Chinese input method
/// in full-width mode sends `１２．５`).
pub fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || ('０'..='９').contains(&c) || c == '．'
}

fn code_name(code: KeyCode, lang: Lang) -> String {
    match code {
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::Char(' ') => lang.pick("空格", "Space").into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    }
}

/// The command for a key in `context`: the context's own rows first, then
/// [`Context::Global`] (overlays have no global keys).
pub fn lookup(context: Context, key: &KeyEvent) -> Option<Cmd> {
    let find = |ctx: Context| {
        BINDINGS
            .iter()
            .filter(|b| b.context == ctx)
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| match (b.cmd, key.code) {
                // The four arrows share one row; tell them apart here.
                (Cmd::Up, KeyCode::Down) => Cmd::Down,
                (Cmd::Up, KeyCode::Left) => Cmd::Left,
                (Cmd::Up, KeyCode::Right) => Cmd::Right,
                (cmd, _) => cmd,
            })
    };
    match context {
        C::Help | C::StepMenu | C::Reason => find(context),
        _ => find(context).or_else(|| find(C::Global)),
    }
}

/// Names of a binding's keys, `F2 / Ctrl+G`.
pub fn keys_name(binding: &Binding, lang: Lang) -> String {
    if binding.keys.len() == 4 && binding.cmd == Cmd::Up {
        return lang.pick("方向键", "Arrows").to_string();
    }
    binding
        .keys
        .iter()
        .map(|k| k.name(lang))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The footer hints for a context: its own, then the global ones; help and
/// quit come last so a caller that runs out of room can keep them by
/// drawing from both ends.
pub fn footer(context: Context, lang: Lang) -> Vec<(String, &'static str)> {
    let own = BINDINGS.iter().filter(|b| b.context == context);
    let global = BINDINGS
        .iter()
        .filter(|b| b.context == C::Global)
        .filter(|_| !matches!(context, C::Help | C::StepMenu | C::Reason | C::Global));
    let (last, first): (Vec<&Binding>, Vec<&Binding>) = own
        .chain(global)
        .filter(|b| !b.footer.zh.is_empty())
        .partition(|b| matches!(b.cmd, Cmd::Help | Cmd::Quit));
    first
        .into_iter()
        .chain(last)
        .map(|b| {
            let name = if b.keys.len() == 4 && b.cmd == Cmd::Up {
                keys_name(b, lang)
            } else {
                b.keys.first().map(|k| k.name(lang)).unwrap_or_default()
            };
            (name, b.footer.get(lang))
        })
        .collect()
}

/// The help overlay: a heading per context, then `keys  hint` lines.
pub fn help_lines(lang: Lang) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    for ctx in CONTEXTS {
        out.push((None, ctx.title().get(lang).to_string()));
        for b in BINDINGS.iter().filter(|b| b.context == *ctx) {
            out.push((Some(keys_name(b, lang)), b.hint.get(lang).to_string()));
        }
    }
    out
}

/// The keys table of docs/KEYS.md, one row per binding, in both languages.
pub fn markdown_table() -> String {
    let mut out =
        String::from("| 场合 / where | 键 / keys | 作用 | what it does |\n|---|---|---|---|\n");
    for ctx in CONTEXTS {
        for b in BINDINGS.iter().filter(|b| b.context == *ctx) {
            let where_ = format!("{} / {}", ctx.title().zh, ctx.title().en);
            out += &format!(
                "| {where_} | {} | {} | {} |\n",
                keys_name(b, Lang::En).replace('|', "\\|"),
                b.hint.zh,
                b.hint.en
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn context_rows_win_over_global_ones() {
        assert_eq!(lookup(C::Grid, &key(KeyCode::Enter)), Some(Cmd::Commit));
        assert_eq!(
            lookup(C::MultiText, &key(KeyCode::Enter)),
            Some(Cmd::TextInput)
        );
        assert_eq!(lookup(C::Grid, &key(KeyCode::Tab)), Some(Cmd::NextItem));
        assert_eq!(
            lookup(C::MultiText, &key(KeyCode::Tab)),
            Some(Cmd::NextItem)
        );
        assert_eq!(lookup(C::Grid, &key(KeyCode::Left)), Some(Cmd::Left));
        assert_eq!(
            lookup(C::Grid, &key(KeyCode::Char('7'))),
            Some(Cmd::TypeNumber)
        );
        assert_eq!(lookup(C::Grid, &ctrl('c')), Some(Cmd::Quit));
        assert_eq!(lookup(C::Grid, &ctrl('G')), Some(Cmd::StepMenu));
        // Overlays take no global keys: Tab does nothing in help.
        assert_eq!(lookup(C::Help, &key(KeyCode::Tab)), None);
        assert_eq!(lookup(C::Help, &key(KeyCode::Esc)), Some(Cmd::Close));
        // A digit on a choice chooses; full-width digits too.
        assert_eq!(
            lookup(C::Choice, &key(KeyCode::Char('7'))),
            Some(Cmd::ChoiceNumber)
        );
        assert_eq!(
            lookup(C::Choice, &key(KeyCode::Char('７'))),
            Some(Cmd::ChoiceNumber)
        );
        assert_eq!(lookup(C::Choice, &key(KeyCode::Char('x'))), None);
        // The footer of a choice shows the digits first, the help lists them.
        assert_eq!(footer(C::Choice, Lang::Zh)[0], ("0-9".to_string(), "选择"));
        assert!(
            help_lines(Lang::En)
                .iter()
                .any(|(k, h)| k.as_deref() == Some("0-9") && h.starts_with("choose by number"))
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for ctx in CONTEXTS {
            let rows: Vec<&Binding> = BINDINGS.iter().filter(|b| b.context == *ctx).collect();
            for (i, a) in rows.iter().enumerate() {
                for b in &rows[i + 1..] {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k)
                                || matches!(k, Key::Typing | Key::Digits | Key::Number),
                            "{ctx:?}: {k:?} bound twice"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_f_key_but_help_has_a_ctrl_alternative() {
        // PuTTY and Xshell users may have F-keys taken by the terminal.
        for b in BINDINGS {
            let f_key = b
                .keys
                .iter()
                .any(|k| matches!(k, Plain(KeyCode::F(n)) if *n != 1));
            if f_key {
                assert!(
                    b.keys.iter().any(|k| matches!(k, Ctrl(_))),
                    "{:?} {:?} has no Ctrl alternative",
                    b.context,
                    b.cmd
                );
            }
        }
    }

    #[test]
    fn the_review_keys_win_over_text_editing() {
        // Ctrl+O and Ctrl+T are no editing keys of the text editor, and
        // the keymap is asked first in every text context.
        for ctx in [C::MultiText, C::LineText, C::Year, C::Choice, C::Grid] {
            assert_eq!(lookup(ctx, &ctrl('o')), Some(Cmd::MarkReviewed), "{ctx:?}");
            assert_eq!(lookup(ctx, &key(KeyCode::F(3))), Some(Cmd::MarkReviewed));
            assert_eq!(lookup(ctx, &ctrl('t')), Some(Cmd::Draft), "{ctx:?}");
            assert_eq!(lookup(ctx, &key(KeyCode::F(4))), Some(Cmd::Draft));
        }
        assert_eq!(lookup(C::Review, &ctrl('o')), Some(Cmd::MarkReviewed));
        // The reason prompt takes no global keys: Tab, F3 and Ctrl+Q are
        // not acted on there, Enter confirms and Esc cancels.
        assert_eq!(lookup(C::Reason, &key(KeyCode::Tab)), None);
        assert_eq!(lookup(C::Reason, &ctrl('q')), None);
        assert_eq!(lookup(C::Reason, &key(KeyCode::F(3))), None);
        assert_eq!(
            lookup(C::Reason, &key(KeyCode::Enter)),
            Some(Cmd::ConfirmReason)
        );
        assert_eq!(lookup(C::Reason, &key(KeyCode::Esc)), Some(Cmd::Close));
    }

    #[test]
    fn no_alt_and_no_ctrl_page_keys() {
        // Keys that PuTTY/Xshell do not send by default are not used at all.
        for b in BINDINGS {
            for k in b.keys {
                if let Ctrl(c) = k {
                    assert!(c.is_ascii_lowercase(), "{k:?}");
                    assert!(
                        !"ijm[".contains(*c),
                        "Ctrl+{c} is Tab/Enter/Esc on a terminal"
                    );
                }
            }
        }
    }

    #[test]
    fn every_binding_is_in_the_keys_doc() {
        let doc = include_str!("../../docs/KEYS.md");
        let table = markdown_table();
        // The doc's table, from its header row to the first line that is not
        // a table row: exactly the generated one, no row more or less.
        let in_doc: String = doc
            .lines()
            .skip_while(|l| !l.starts_with("| 场合 / where |"))
            .take_while(|l| l.starts_with('|'))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(
            in_doc, table,
            "docs/KEYS.md's keys table is out of date; it should be:\n{table}"
        );
    }

    #[test]
    fn chrome_text_has_no_ambiguous_width_glyphs() {
        for (keys, hint) in help_lines(Lang::Zh).into_iter().chain(help_lines(Lang::En)) {
            for c in keys.unwrap_or_default().chars().chain(hint.chars()) {
                assert!(
                    c.is_ascii() || unicode_width::UnicodeWidthChar::width(c) == Some(2),
                    "{c:?} may be drawn 1 or 2 cells wide"
                );
            }
        }
    }
}
