//! Plain mode (`nianbao edit --plain`, and automatically on a dumb or absent
//! terminal): the wizard as line-by-line prompts, for screen readers, serial
//! lines and scripts. The wizard's order (its reading order, see
//! [`questions`]), its checks and messages, the same file written the same
//! way (atomic save after every answer, and after every line of a text).
//! No escape sequences are ever printed.

mod questions;

pub use questions::{Question, questions};

use crate::check::sanitize_line;
use crate::model::Report;
use crate::problem::{Severity, tally};
use crate::schema::{self, CellId, FieldId, FieldKind, Lang, Table};
use crate::store::{self, EditLock, Fingerprint};
use crate::tui::app::is_about;
use crate::tui::focus::{self, Focus};
use crate::tui::paste;
use crate::validate::{self, Context};
use questions::{field_value, row_values};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

mod saving;
use saving::lock_failure;

/// What the user answered at a prompt.
enum Answer {
    /// Keep the current value (empty line).
    Keep,
    /// A new value, still to be validated.
    Value(String),
    /// `:n` — skip the rest of this step.
    NextStep,
    /// `:q` or end of input — save and stop.
    Quit,
}

/// A plain-mode session over any line input and text output.
pub struct Plain<R, W> {
    input: R,
    out: W,
    lang: Lang,
    path: PathBuf,
    report: Report,
    /// What the file held when we last read or wrote it.
    on_disk: Option<Fingerprint>,
    unsaved: bool,
    /// Whether the rule for multi-line texts was printed in full already.
    told_text_rule: bool,
    source: Input,
    /// The rescue copy written when saving to `path` failed, while it holds
    /// the latest answers.
    rescue: Option<PathBuf>,
}

/// Where the answers come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A terminal in line mode, whose driver keeps at most
    /// [`TERMINAL_LINE_LIMIT`] bytes of a line and drops the rest.
    Terminal,
    /// A pipe or a file: lines of any length.
    Stream,
}

/// The longest line a terminal in line mode (Linux `N_TTY`) passes on:
/// what is typed or pasted beyond it is dropped before we see it.
pub const TERMINAL_LINE_LIMIT: usize = 4095;

/// Runs plain mode on a file; returns the process exit code.
pub fn run(
    path: &Path,
    lang: Lang,
    input: impl BufRead,
    source: Input,
    mut out: impl Write,
) -> io::Result<i32> {
    let (report, on_disk) = match open(path, lang) {
        Ok(opened) => opened,
        Err(message) => {
            writeln!(out, "{}", printable(&message))?;
            return Ok(2);
        }
    };
    let lock = EditLock::acquire(path).map_err(|e| lock_failure(path, lang, e));
    let _lock = match lock? {
        Ok(lock) => lock,
        Err(holder) => {
            writeln!(
                out,
                "{} {} {}",
                shown(path),
                lang.pick(
                    "正在被另一个 nianbao 编辑：",
                    "is being edited by another nianbao:"
                ),
                sanitize_line(&holder.0)
            )?;
            return Ok(1);
        }
    };
    // We hold the lock: temp files left by an interrupted save are nobody's.
    store::remove_stale_temps(path);
    let mut session = Plain {
        input,
        out,
        lang,
        path: path.to_path_buf(),
        report,
        on_disk,
        unsaved: false,
        told_text_rule: false,
        source,
        rescue: None,
    };
    session.walk()?;
    session.finish()
}

/// Loads the report, or starts an empty one for last year when the file does
/// not exist. A file that cannot be represented as it is is refused.
fn open(path: &Path, lang: Lang) -> Result<(Report, Option<Fingerprint>), String> {
    // A link to nothing, or one planted in a shared folder, is refused now
    // rather than at the first save.
    store::resolve_target(path).map_err(|e| e.to_string())?;
    if !path.exists() {
        return Ok((Report::for_year(validate::current_year() - 1), None));
    }
    let not_changed = lang.pick(
        "文件未被修改。请先改正上述问题。",
        "The file was not changed. Fix the above first.",
    );
    // The fingerprint is of the very bytes read, so a change made a moment
    // later is still noticed before our first save.
    let (loaded, fingerprint) =
        store::load_with_fingerprint(path, lang).map_err(|f| format!("{f}\n{not_changed}"))?;
    if !loaded.is_editable() {
        let blocking: Vec<String> = loaded
            .problems
            .iter()
            .filter(|p| p.blocking)
            .map(|p| {
                format!(
                    "{}:{}:{}: {}",
                    shown(path),
                    p.line.unwrap_or(0),
                    p.column.unwrap_or(0),
                    p.describe()
                )
            })
            .collect();
        return Err(format!("{}\n{not_changed}", blocking.join("\n")));
    }
    Ok((loaded.report, Some(fingerprint)))
}

impl<R: BufRead, W: Write> Plain<R, W> {
    fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }

    /// Asks every question in the wizard's order; totals and the 勾稽
    /// check after each table.
    fn walk(&mut self) -> io::Result<()> {
        let help = self.t(
            "逐项填写。直接回车保留方括号中的当前值；输入 - 清空；:n 跳到下一部分；:q 保存并退出。每答一项即保存。",
            "Answer each item. Enter keeps the value in brackets; - clears it; :n skips to the next part; :q saves and quits. Every answer is saved at once.",
        );
        writeln!(
            self.out,
            "nianbao {} {}",
            self.t("纯文本模式：", "plain mode:"),
            shown(&self.path)
        )?;
        writeln!(self.out, "{help}")?;
        let questions = questions();
        let mut i = 0;
        while let Some(q) = questions.get(i) {
            let step = q.step();
            if i == 0 || questions[i - 1].step() != step {
                writeln!(
                    self.out,
                    "\n== {} ({}/{}) ==",
                    schema::SECTIONS[step].heading(self.lang),
                    step + 1,
                    focus::step_count()
                )?;
            }
            let table = q.table();
            if table.is_some() && (i == 0 || questions[i - 1].table() != table) {
                let caption = schema::table(table.unwrap_or(0)).caption.get(self.lang);
                if !caption.is_empty() {
                    writeln!(self.out, "-- {caption} --")?;
                }
            }
            let flow = match q {
                Question::Field(f) => self.ask_field(*f)?,
                Question::Row { table, row, cols } => self.ask_row(*table, *row, cols)?,
            };
            match flow {
                Flow::Go => {
                    if let Some(t) = table
                        && questions.get(i + 1).and_then(Question::table) != Some(t)
                    {
                        self.print_totals(t, schema::table(t))?;
                    }
                    i += 1;
                }
                Flow::NextStep => {
                    while questions.get(i).is_some_and(|q| q.step() == step) {
                        i += 1;
                    }
                }
                Flow::Quit => return Ok(()),
            }
        }
        Ok(())
    }

    /// Reads one answer. A line that is not UTF-8 (a terminal set to GBK)
    /// or that a terminal may have cut is refused with the reason, and the
    /// next line is read instead.
    fn read_answer(&mut self) -> io::Result<Answer> {
        loop {
            self.out.flush()?;
            let mut bytes = Vec::new();
            // End of input, or a terminal that went away, is `:q`: what
            // was answered is saved.
            match self.input.read_until(b'\n', &mut bytes) {
                Ok(0) | Err(_) => return Ok(Answer::Quit),
                Ok(_) => {}
            }
            // The terminal's cut can fall inside a character, so the length
            // is checked before the encoding.
            let line_len = bytes.len() - usize::from(bytes.ends_with(b"\n"));
            if self.source == Input::Terminal && line_len >= TERMINAL_LINE_LIMIT {
                let msg = self.t(
                    "这一行达到终端每行 4095 字节的上限，后面的文字已被终端丢弃，因此未采用这一行。请分成几行重新输入（每行不超过约 1300 个汉字）：",
                    "that line reached the terminal's limit of 4095 bytes per line, so its end was dropped by the terminal; it was not taken. Enter it again in several shorter lines:",
                );
                writeln!(self.out, "  {msg}")?;
                continue;
            }
            let Ok(text) = String::from_utf8(bytes) else {
                let msg = self.t(
                    "输入的不是 UTF-8 文字（终端的字符编码可能是 GBK），未采用。请把终端（Xshell、PuTTY 等）的字符编码设为 UTF-8 后重新输入：",
                    "that was not UTF-8 text (is the terminal set to GBK?) and was not taken. Set the terminal's character encoding (Xshell, PuTTY…) to UTF-8 and enter it again:",
                );
                writeln!(self.out, "  {msg}")?;
                continue;
            };
            let line = text.trim_end_matches(['\n', '\r']);
            return Ok(match line.trim() {
                "" => Answer::Keep,
                ":q" => Answer::Quit,
                ":n" => Answer::NextStep,
                _ => Answer::Value(line.to_string()),
            });
        }
    }

    fn ask_field(&mut self, id: FieldId) -> io::Result<Flow> {
        let field = id.field();
        let label = field.label.get(self.lang);
        let hint = field.hint.get(self.lang);
        if !hint.is_empty() {
            writeln!(self.out, "({hint})")?;
        }
        if field.kind == FieldKind::Paragraphs {
            return self.ask_paragraphs(id, label);
        }
        loop {
            let current = self.report.text(id).to_string();
            match field.kind {
                FieldKind::Choice(choices) => {
                    writeln!(self.out, "{label}:")?;
                    for (i, c) in choices.iter().enumerate() {
                        writeln!(self.out, "  {} {}", i + 1, c.label.get(self.lang))?;
                    }
                    let shown = choices
                        .iter()
                        .find(|c| c.key == current)
                        .map_or("", |c| c.label.get(self.lang));
                    write!(self.out, "{} [{shown}]: ", self.t("选择编号", "number"))?;
                }
                _ => write!(self.out, "{label} [{}]: ", printable(&current))?,
            }
            let value = match self.read_answer()? {
                Answer::Keep => return Ok(Flow::Go),
                Answer::Quit => return Ok(Flow::Quit),
                Answer::NextStep => return Ok(Flow::NextStep),
                Answer::Value(v) if v.trim() == "-" => String::new(),
                Answer::Value(v) => self.clean(&v, true).trim().to_string(),
            };
            match field_value(field.kind, &value, self.lang) {
                Ok(v) => {
                    self.set_text(id, v)?;
                    self.say_problems(Focus::Field(id))?;
                    return Ok(Flow::Go);
                }
                Err(msg) => writeln!(self.out, "  {msg}")?,
            }
        }
    }

    /// A multi-line text: lines up to one holding only `.`. Each line is
    /// saved as it comes, so a line that drops loses nothing.
    fn ask_paragraphs(&mut self, id: FieldId, label: &str) -> io::Result<Flow> {
        writeln!(self.out, "{label}:")?;
        let current = self.report.text(id).to_string();
        if !current.is_empty() {
            writeln!(self.out, "{}", self.t("[当前内容]", "[current text]"))?;
            writeln!(self.out, "{}", printable(&current))?;
            writeln!(
                self.out,
                "{}",
                self.t("[当前内容结束]", "[end of current text]")
            )?;
        }
        // The whole rule once; after that a reminder (a screen reader reads
        // every line aloud).
        let rule = if self.told_text_rule {
            self.t("（多行文字，以“.”结束）", "(lines of text, end with “.”)")
        } else {
            self.t(
                "（输入多行文字，以单独一行“.”结束；只输入“.”或直接回车保留原内容，“-”清空）",
                "(type lines of text, end with a line holding only “.”; “.” or Enter alone keeps the current text, “-” clears it)",
            )
        };
        self.told_text_rule = true;
        writeln!(self.out, "{rule}")?;
        let mut lines: Vec<String> = Vec::new();
        loop {
            let line = match self.read_answer()? {
                Answer::Keep if lines.is_empty() => return Ok(Flow::Go),
                Answer::Keep => String::new(),
                Answer::Quit => return Ok(Flow::Quit),
                Answer::NextStep if lines.is_empty() => return Ok(Flow::NextStep),
                Answer::NextStep => ":n".to_string(),
                Answer::Value(v) if v.trim() == "." && lines.is_empty() => return Ok(Flow::Go),
                Answer::Value(v) if v.trim() == "." => break,
                Answer::Value(v) if v.trim() == "-" && lines.is_empty() => {
                    self.set_text(id, String::new())?;
                    self.say_problems(Focus::Field(id))?;
                    return Ok(Flow::Go);
                }
                Answer::Value(v) => self.clean(&v, false),
            };
            lines.push(line);
            self.set_text(id, lines.join("\n"))?;
        }
        self.say_problems(Focus::Field(id))?;
        Ok(Flow::Go)
    }

    /// Text as the wizard keeps a pasted text: control characters (an
    /// escape sequence, a stray arrow key) removed, and said so.
    fn clean(&mut self, text: &str, one_line: bool) -> String {
        let (clean, removed) = paste::clean_text(text, one_line);
        if removed > 0 {
            let msg = match self.lang {
                Lang::Zh => format!("  删除了 {removed} 个控制字符"),
                Lang::En => format!("  {removed} control character(s) removed"),
            };
            let _ = writeln!(self.out, "{msg}");
        }
        clean
    }

    /// The problems the wizard would show beside this item.
    fn say_problems(&mut self, item: Focus) -> io::Result<()> {
        let problems = validate::validate(&self.report, Context::now(self.lang));
        for p in problems.iter().filter(|p| is_about(p, item)) {
            writeln!(self.out, "  {}: {}", self.severity(p.severity), p.message)?;
        }
        Ok(())
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Error => self.lang.pick("错误", "error"),
            Severity::Warning => self.lang.pick("警告", "warning"),
        }
    }

    /// Asks a row's input cells on one line.
    fn ask_row(&mut self, table: usize, row: usize, cols: &[usize]) -> io::Result<Flow> {
        let def = schema::table(table);
        let r = &def.rows[row];
        let mut heading: Vec<&str> = r.groups.iter().map(|g| g.get(self.lang)).collect();
        heading.push(r.label.get(self.lang));
        writeln!(self.out, "{}", heading.join(" / "))?;
        if cols.len() > 1 {
            let names: Vec<&str> = cols
                .iter()
                .map(|&c| def.columns[c].label.get(self.lang))
                .collect();
            writeln!(
                self.out,
                "  {}{}",
                self.t("依次填写：", "in order: "),
                names.join(self.t("、", ", "))
            )?;
        }
        loop {
            let current: Vec<String> = cols
                .iter()
                .map(|&col| self.report.cell(CellId { table, row, col }).to_string())
                .collect();
            let label = if cols.len() == 1 {
                def.columns[cols[0]].label.get(self.lang)
            } else {
                ""
            };
            write!(self.out, "  {label}[{}]: ", current.join(" "))?;
            let answer = match self.read_answer()? {
                Answer::Keep => return Ok(Flow::Go),
                Answer::Quit => return Ok(Flow::Quit),
                Answer::NextStep => return Ok(Flow::NextStep),
                // `-` clears the row to 0, as Delete clears a cell.
                Answer::Value(v) if v.trim() == "-" => vec!["0"; cols.len()].join(" "),
                Answer::Value(v) => v,
            };
            match row_values(def, cols, &answer, self.lang) {
                Ok(values) => {
                    for (&col, value) in cols.iter().zip(values) {
                        self.report.set_cell(CellId { table, row, col }, value);
                    }
                    self.unsaved = true;
                    self.save()?;
                    for &col in cols {
                        self.say_problems(Focus::Cell(CellId { table, row, col }))?;
                    }
                    return Ok(Flow::Go);
                }
                Err(msg) => writeln!(self.out, "  {msg}")?,
            }
        }
    }

    fn print_totals(&mut self, table: usize, def: &Table) -> io::Result<()> {
        let lang = self.lang;
        for (row, r) in def.rows.iter().enumerate() {
            let computed: Vec<usize> = (0..def.columns.len())
                .filter(|&col| !r.sum_of.is_empty() || !def.columns[col].sum_of.is_empty())
                .collect();
            if computed.is_empty() {
                continue;
            }
            let values: Vec<String> = computed
                .iter()
                .map(|&col| {
                    let v = self.report.cell(CellId { table, row, col });
                    if computed.len() == 1 {
                        v.to_string()
                    } else {
                        format!("{} {v}", def.columns[col].label.get(lang))
                    }
                })
                .collect();
            let name = if r.sum_of.is_empty() {
                format!(
                    "{} {}",
                    r.label.get(lang),
                    def.columns[computed[0]].label.get(lang)
                )
            } else {
                r.label.get(lang).to_string()
            };
            writeln!(
                self.out,
                "  = {name}: {}",
                values.join(lang.pick("，", ", "))
            )?;
        }
        if def.balance.is_some() {
            let mut all_ok = true;
            for (col, c) in def.columns.iter().enumerate() {
                if let Some((ok, statement)) =
                    validate::balance_statement(&self.report, table, col, lang)
                {
                    all_ok &= ok;
                    let verdict = if ok {
                        lang.pick("相符", "balanced")
                    } else {
                        lang.pick("不符", "UNBALANCED")
                    };
                    writeln!(
                        self.out,
                        "  {}{}: {statement} [{verdict}]",
                        c.label.get(lang),
                        lang.pick("列", " column")
                    )?;
                }
            }
            let summary = if all_ok {
                lang.pick(
                    "勾稽关系：各列均相符。",
                    "Balance check: every column balances.",
                )
            } else {
                lang.pick(
                    "勾稽关系：有列不符，请核对上面标为“不符”的列。",
                    "Balance check: some columns do not balance (marked above).",
                )
            };
            writeln!(self.out, "  {summary}")?;
        }
        Ok(())
    }

    fn set_text(&mut self, id: FieldId, value: String) -> io::Result<()> {
        if self.report.text(id) != value {
            self.report.set_text(id, value);
            self.unsaved = true;
            self.save()?;
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<i32> {
        if self.unsaved {
            self.save()?;
        }
        let problems = validate::validate(&self.report, Context::now(self.lang));
        let (errors, warnings) = tally(&problems);
        writeln!(
            self.out,
            "\n== {} ({}/{}) ==",
            self.t("核对", "Review"),
            focus::step_count(),
            focus::step_count()
        )?;
        for p in &problems {
            let sev = match p.severity {
                Severity::Error => self.t("错误", "error"),
                Severity::Warning => self.t("警告", "warning"),
            };
            writeln!(self.out, "{sev}: {}", printable(&p.describe()))?;
        }
        writeln!(
            self.out,
            "{} {errors} {}{warnings} {}",
            self.t("共", "In all"),
            self.t("个错误，", "error(s), "),
            self.t("个警告。", "warning(s).")
        )?;
        if self.unsaved {
            self.report_not_saved()?;
            return Ok(1);
        }
        writeln!(
            self.out,
            "{} {}",
            self.t("已保存：", "Saved:"),
            shown(&self.path)
        )?;
        Ok(0)
    }
}

enum Flow {
    Go,
    NextStep,
    Quit,
}

/// User text made safe to print: control characters (escape sequences, BEL)
/// become U+FFFD so they never reach the terminal raw; newlines stay.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect()
}

/// A path as it may be printed: control characters replaced.
fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}
