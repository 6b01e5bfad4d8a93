//! Plain mode (`nianbao edit --plain`, and automatically on a dumb or absent
//! terminal): the wizard as line-by-line prompts, for screen readers, serial
//! lines and scripts. Same order as the wizard (the schema's reading order),
//! same validation messages, the same file written the same way (atomic save
//! after every answer). No escape sequences are ever printed.

use crate::check::sanitize_line;
use crate::model::Report;
use crate::problem::{Severity, tally};
use crate::schema::{self, CellId, CellKind, Choice, FieldId, FieldKind, Lang, Part, Table};
use crate::store::{self, EditLock, Fingerprint};
use crate::toml_read::{parse_count, parse_money};
use crate::validate::{self, Context};
use rust_decimal::Decimal;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

mod saving;
pub use saving::conflict_path;
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
        let mut set_index = 0;
        let mut table_index = 0;
        for section in schema::SECTIONS {
            writeln!(self.out, "\n== {} ==", section.heading(self.lang))?;
            let mut skip = false;
            for part in section.parts {
                match part {
                    Part::Fields(fs) => {
                        for field in 0..fs.fields.len() {
                            if skip {
                                break;
                            }
                            match self.ask_field(FieldId {
                                set: set_index,
                                field,
                            })? {
                                Flow::Go => {}
                                Flow::NextStep => skip = true,
                                Flow::Quit => return Ok(()),
                            }
                        }
                        set_index += 1;
                    }
                    Part::Table(def) => {
                        if !skip {
                            match self.ask_table(table_index, def)? {
                                Flow::Go => {}
                                Flow::NextStep => skip = true,
                                Flow::Quit => return Ok(()),
                            }
                        }
                        table_index += 1;
                    }
                }
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
            if self.input.read_until(b'\n', &mut bytes)? == 0 {
                return Ok(Answer::Quit);
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
                Answer::Value(v) => v.trim().to_string(),
            };
            match self.accept_field(field.kind, &value) {
                Ok(v) => {
                    self.set_text(id, v)?;
                    return Ok(Flow::Go);
                }
                Err(msg) => writeln!(self.out, "  {msg}")?,
            }
        }
    }

    /// Validates a one-line answer for a field of this kind.
    fn accept_field(&self, kind: FieldKind, value: &str) -> Result<String, String> {
        match kind {
            FieldKind::Year if value.is_empty() => Ok(String::new()),
            FieldKind::Year => match value.parse::<u16>() {
                Ok(y) if (1000..=9999).contains(&y) => Ok(y.to_string()),
                _ => Err(self
                    .t(
                        "年度应为四位数字，如 2024",
                        "the year should have four digits, e.g. 2024",
                    )
                    .into()),
            },
            FieldKind::Choice(choices) => choose(choices, value).ok_or_else(|| {
                format!(
                    "{} 1–{}",
                    self.t("请输入编号", "enter a number"),
                    choices.len()
                )
            }),
            FieldKind::Line(_) | FieldKind::Paragraphs => Ok(value.to_string()),
        }
    }

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
        writeln!(
            self.out,
            "{}",
            self.t(
                "（输入多行文字，以单独一行“.”结束；只输入“.”或直接回车保留原内容，“-”清空）",
                "(type lines of text, end with a line holding only “.”; “.” or Enter alone keeps the current text, “-” clears it)"
            )
        )?;
        // Each line is saved as soon as it is entered, so a hang-up in the
        // middle of a long text loses at most the line being typed.
        let mut lines: Vec<String> = Vec::new();
        loop {
            let line = match self.read_answer()? {
                Answer::Keep if lines.is_empty() => return Ok(Flow::Go),
                Answer::Keep => String::new(),
                Answer::Quit => return Ok(Flow::Quit),
                Answer::NextStep if lines.is_empty() => return Ok(Flow::NextStep),
                Answer::NextStep => ":n".into(),
                Answer::Value(v) if v.trim() == "." => return Ok(Flow::Go),
                Answer::Value(v) if v.trim() == "-" && lines.is_empty() => {
                    self.set_text(id, String::new())?;
                    return Ok(Flow::Go);
                }
                Answer::Value(v) => v,
            };
            lines.push(line);
            self.set_text(id, lines.join("\n"))?;
        }
    }

    /// Asks each row's input cells on one line, then prints the totals.
    fn ask_table(&mut self, table: usize, def: &Table) -> io::Result<Flow> {
        if !def.caption.get(self.lang).is_empty() {
            writeln!(self.out, "-- {} --", def.caption.get(self.lang))?;
        }
        let inputs: Vec<usize> = (0..def.columns.len())
            .filter(|&c| def.columns[c].sum_of.is_empty())
            .collect();
        for row in (0..def.rows.len()).filter(|&r| def.rows[r].sum_of.is_empty()) {
            match self.ask_row(table, def, row, &inputs)? {
                Flow::Go => {}
                other => return Ok(other),
            }
        }
        self.print_totals(table, def)?;
        Ok(Flow::Go)
    }

    fn ask_row(
        &mut self,
        table: usize,
        def: &Table,
        row: usize,
        inputs: &[usize],
    ) -> io::Result<Flow> {
        let r = &def.rows[row];
        let mut heading: Vec<&str> = r.groups.iter().map(|g| g.get(self.lang)).collect();
        heading.push(r.label.get(self.lang));
        writeln!(self.out, "{}", heading.join(" / "))?;
        if inputs.len() > 1 {
            let names: Vec<&str> = inputs
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
            let current: Vec<String> = inputs
                .iter()
                .map(|&col| self.report.cell(CellId { table, row, col }).to_string())
                .collect();
            let label = if inputs.len() == 1 {
                def.columns[inputs[0]].label.get(self.lang)
            } else {
                ""
            };
            write!(self.out, "  {label}[{}]: ", current.join(" "))?;
            let answer = match self.read_answer()? {
                Answer::Keep => return Ok(Flow::Go),
                Answer::Quit => return Ok(Flow::Quit),
                Answer::NextStep => return Ok(Flow::NextStep),
                Answer::Value(v) => v,
            };
            match self.parse_row(def, inputs, &answer) {
                Ok(values) => {
                    for (&col, value) in inputs.iter().zip(values) {
                        self.report.set_cell(CellId { table, row, col }, value);
                    }
                    self.unsaved = true;
                    self.save()?;
                    return Ok(Flow::Go);
                }
                Err(msg) => writeln!(self.out, "  {msg}")?,
            }
        }
    }

    /// Splits a row answer on spaces, tabs or commas and validates each value
    /// with the same rules as the file reader.
    fn parse_row(
        &self,
        def: &Table,
        inputs: &[usize],
        answer: &str,
    ) -> Result<Vec<Decimal>, String> {
        let parts: Vec<&str> = answer
            .split(|c: char| c.is_whitespace() || c == '，' || c == ';')
            .filter(|s| !s.is_empty())
            .collect();
        if parts.len() != inputs.len() {
            return Err(format!(
                "{} {}{} {}",
                self.t("需要", "expected"),
                inputs.len(),
                self.t(" 个数，实际输入了", " numbers, got"),
                parts.len()
            ));
        }
        inputs
            .iter()
            .zip(parts)
            .map(|(&col, text)| {
                let column = &def.columns[col];
                let parsed = match column.kind {
                    CellKind::Count => parse_count(text, 10, self.lang),
                    CellKind::Money => parse_money(text, self.lang),
                };
                parsed.map_err(|e| format!("{}: {e}", column.label.get(self.lang)))
            })
            .collect()
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
        writeln!(self.out, "\n== {} ==", self.t("核对", "Review"))?;
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

/// A choice by its 1-based number, its key or its label.
fn choose(choices: &[Choice], answer: &str) -> Option<String> {
    if let Ok(n) = answer.parse::<usize>() {
        return choices.get(n.checked_sub(1)?).map(|c| c.key.to_string());
    }
    choices
        .iter()
        .find(|c| c.key == answer || c.label.zh == answer || c.label.en == answer)
        .map(|c| c.key.to_string())
}

/// A path as it may be printed: control characters replaced.
fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}
