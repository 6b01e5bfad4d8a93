//! Plain mode (`nianbao edit --plain`, and automatically on a dumb or absent
//! terminal): the wizard as line-by-line prompts, for screen readers, serial
//! lines and scripts. The wizard's order (its reading order, see
//! [`questions`]), its checks and messages, the same file written the same
//! way (atomic save after every answer, and after every line of a text).
//! No escape sequences are ever printed. The review answers (`:ok`,
//! `:draft`) are in [`review`]. Questions and answers are in the terminal's
//! encoding ([`crate::wire`]): on a GB18030 terminal both are transcoded.

mod messages;
mod questions;
mod review;

pub use questions::{Question, questions};

use crate::entry::answer::numbered_choices;
use crate::entry::focus::{self, Focus};
use crate::entry::saving::{Change, Saver};
use crate::entry::{self, is_about, paste};
use crate::error::{Error, Outcome, folder_of};
use crate::inert;
use crate::model::Report;
use crate::problem::{Severity, tally};
use crate::schema::{self, CellId, FieldId, FieldKind, Lang, Table};
use crate::store::{self, EditLock};
use crate::validate::{self, Context};
use crate::wire::Wire;
use questions::{field_value, row_values};
use std::io::{self, BufRead, Write};
use std::path::Path;
use std::time::Instant;

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
    /// `:draft` — a sentence drafted from the tables (see [`review`]).
    Draft,
}

/// A plain-mode session over any line input and text output.
pub struct Plain<R, W> {
    input: R,
    out: W,
    lang: Lang,
    report: Report,
    /// Where and when the answers are saved (the one saving policy).
    saver: Saver,
    /// Whether the rule for multi-line texts was printed in full already.
    told_text_rule: bool,
    source: Input,
    /// The warnings shown after the last answer that `:ok` can mark, in
    /// the order shown.
    markable: Vec<crate::problem::Problem>,
    /// The encoding answers arrive in (`out` encodes for it already).
    wire: Wire,
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

/// The longest line kept in memory, in bytes: a field's limit in
/// characters of up to four bytes each, and its line ending.
const LINE_BYTES_MAX: usize = paste::TEXT_CHARS_MAX * 4 + 2;

/// What [`read_bounded_line`] found.
enum Line {
    /// A line (with its `\n`, if any) is in the buffer.
    Read,
    /// End of input.
    End,
    /// A line longer than the limit, read to its end and dropped: how many
    /// characters it had (counted as UTF-8, without decoding it).
    TooLong { chars: usize },
}

/// Reads one line into `bytes`, or reads past it without keeping it when it
/// is longer than `max` bytes.
fn read_bounded_line(
    input: &mut impl BufRead,
    bytes: &mut Vec<u8>,
    max: usize,
) -> io::Result<Line> {
    let mut chars = 0usize;
    let mut too_long = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let (piece, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(at) => (&buf[..=at], true),
            None => (buf, false),
        };
        let used = piece.len();
        if !too_long && bytes.len() + used > max {
            too_long = true;
            chars = count_chars(bytes);
            bytes.clear();
        }
        if too_long {
            chars += count_chars(piece.strip_suffix(b"\n").unwrap_or(piece));
        } else {
            bytes.extend_from_slice(piece);
        }
        input.consume(used);
        if done {
            break;
        }
    }
    Ok(match (too_long, bytes.is_empty()) {
        (true, _) => Line::TooLong { chars },
        (false, true) => Line::End,
        (false, false) => Line::Read,
    })
}

/// UTF-8 characters in `bytes`: every byte that does not continue one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count()
}

/// Runs plain mode on a file: 0 saved, 1 not saved where it belongs (the
/// last word says where the answers are).
pub fn run(
    path: &Path,
    lang: Lang,
    input: impl BufRead,
    source: Input,
    out: impl Write,
) -> Outcome {
    run_encoded(path, lang, input, source, out, Wire::Utf8)
}

/// [`run`] with questions and answers in `wire`'s encoding.
pub fn run_encoded(
    path: &Path,
    lang: Lang,
    input: impl BufRead,
    source: Input,
    out: impl Write,
    wire: Wire,
) -> Outcome {
    let out = crate::wire::Encoded::new(out, wire);
    let opened = entry::open(path, lang)?;
    let lock = match EditLock::acquire(path) {
        Ok(lock) => lock,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            return Err(Error::FolderNotWritable {
                folder: folder_of(path),
            });
        }
        Err(source) => {
            return Err(Error::Write {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let _lock = lock.map_err(|holder| Error::Locked {
        file: path.to_path_buf(),
        holder: holder.0,
        code: 1,
    })?;
    // We hold the lock: temp files left by an interrupted save are nobody's.
    store::remove_stale_temps(path);
    let mut session = Plain {
        input,
        out,
        lang,
        report: opened.report,
        saver: Saver::new(path.to_path_buf(), opened.fingerprint),
        told_text_rule: false,
        source,
        markable: Vec::new(),
        wire,
    };
    session.walk().map_err(Error::Output)?;
    session.finish().map_err(Error::Output)
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// Saves the answers (after every answer, and every line of a text) and
    /// says what is worth saying: a conflict, a failure, a recovery.
    fn save(&mut self) -> io::Result<()> {
        let now = Instant::now();
        self.saver.note(Change::Committed, now);
        let saved = self.saver.save(&self.report, now, self.lang);
        if let Some(message) = saved.message(self.lang) {
            writeln!(self.out, "  {message}")?;
        }
        Ok(())
    }

    /// Asks every question in the wizard's order; totals and the 勾稽
    /// check after each table.
    fn walk(&mut self) -> io::Result<()> {
        let help = messages::how_to_answer(self.lang);
        writeln!(
            self.out,
            "{}",
            messages::opening(&self.saver.path, self.lang)
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

    /// Reads one answer. A line that is not in the terminal's encoding (a
    /// terminal set to GBK under a UTF-8 locale) or that a terminal may
    /// have cut is refused with the reason, and the next line is read
    /// instead.
    fn read_answer(&mut self) -> io::Result<Answer> {
        loop {
            self.out.flush()?;
            let mut bytes = Vec::new();
            // End of input, or a terminal that went away, is `:q`: what
            // was answered is saved. A line longer than any field may be is
            // not kept in memory: counted, refused, the next one read.
            match read_bounded_line(&mut self.input, &mut bytes, LINE_BYTES_MAX) {
                Ok(Line::End) | Err(_) => return Ok(Answer::Quit),
                Ok(Line::TooLong { chars }) => {
                    if let Some(msg) = paste::too_long(chars, self.lang) {
                        writeln!(self.out, "  {msg}")?;
                    }
                    continue;
                }
                Ok(Line::Read) => {}
            }
            // The terminal's cut can fall inside a character, so the length
            // is checked before the encoding.
            let line_len = bytes.len() - usize::from(bytes.ends_with(b"\n"));
            if self.source == Input::Terminal && line_len >= TERMINAL_LINE_LIMIT {
                let msg = messages::line_cut_by_terminal(self.lang);
                writeln!(self.out, "  {msg}")?;
                continue;
            }
            let Some(text) = self.wire.decode(&bytes).map(|t| t.into_owned()) else {
                let msg = match self.wire {
                    Wire::Utf8 => messages::not_utf8(self.lang),
                    Wire::Gb18030 => messages::not_gb18030(self.lang),
                };
                writeln!(self.out, "  {msg}")?;
                continue;
            };
            let line = text.trim_end_matches(['\n', '\r']);
            if let Some(msg) = paste::too_long(line.chars().count(), self.lang) {
                writeln!(self.out, "  {msg}")?;
                continue;
            }
            if let Some(reason) = review::ok_command(line) {
                self.mark_reviewed(reason)?;
                continue;
            }
            // Any other answer moves on: `:ok` is for the warnings of the
            // answer just given.
            self.markable.clear();
            return Ok(match line.trim() {
                "" => Answer::Keep,
                ":q" => Answer::Quit,
                ":n" => Answer::NextStep,
                review::DRAFT => Answer::Draft,
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
                    for (n, c) in numbered_choices(choices) {
                        writeln!(self.out, "  {n} {}", c.label.get(self.lang))?;
                    }
                    let shown = choices
                        .iter()
                        .find(|c| c.key == current)
                        .map_or("", |c| c.label.get(self.lang));
                    write!(self.out, "{}", messages::choose_number(shown, self.lang))?;
                }
                _ => write!(self.out, "{label} [{}]: ", inert::block(&current))?,
            }
            let value = match self.read_answer()? {
                Answer::Keep => return Ok(Flow::Go),
                Answer::Quit => return Ok(Flow::Quit),
                Answer::NextStep => return Ok(Flow::NextStep),
                Answer::Draft => {
                    self.refuse_draft()?;
                    continue;
                }
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
            writeln!(self.out, "{}", messages::current_text_begins(self.lang))?;
            writeln!(self.out, "{}", inert::block(&current))?;
            writeln!(self.out, "{}", messages::current_text_ends(self.lang))?;
        }
        // The whole rule once; after that a reminder (a screen reader reads
        // every line aloud).
        let rule = messages::text_rule(self.told_text_rule, self.lang);
        self.told_text_rule = true;
        writeln!(self.out, "{rule}")?;
        if crate::review::draft::draftable(id) {
            writeln!(self.out, "{}", messages::draft_offer(self.lang))?;
        }
        let mut lines: Vec<String> = Vec::new();
        loop {
            let line = match self.read_answer()? {
                Answer::Keep if lines.is_empty() => return Ok(Flow::Go),
                Answer::Keep => String::new(),
                Answer::Quit => return Ok(Flow::Quit),
                Answer::NextStep if lines.is_empty() => return Ok(Flow::NextStep),
                Answer::NextStep => ":n".to_string(),
                Answer::Draft => match self.draft_line(id)? {
                    Some(sentence) => sentence,
                    None => continue,
                },
                Answer::Value(v) if v.trim() == "." && lines.is_empty() => return Ok(Flow::Go),
                Answer::Value(v) if v.trim() == "." => break,
                Answer::Value(v) if v.trim() == "-" && lines.is_empty() => {
                    self.set_text(id, String::new())?;
                    self.say_problems(Focus::Field(id))?;
                    return Ok(Flow::Go);
                }
                Answer::Value(v) => self.clean(&v, false),
            };
            let joined = lines.iter().map(|l| l.chars().count() + 1).sum::<usize>();
            if let Some(msg) = paste::too_long(joined + line.chars().count(), self.lang) {
                writeln!(self.out, "  {msg}")?;
                continue;
            }
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
            let msg = messages::controls_removed(removed, self.lang);
            let _ = writeln!(self.out, "  {msg}");
        }
        clean
    }

    /// The problems the wizard would show beside this item; under each
    /// warning `:ok` can mark, how.
    fn say_problems(&mut self, item: Focus) -> io::Result<()> {
        let problems = validate::validate(&self.report, Context::now(self.lang));
        for p in problems.into_iter().filter(|p| is_about(p, item)) {
            if let Some(reason) = &p.reviewed {
                let line = messages::reviewed_warning(&p.message, reason, self.lang);
                writeln!(self.out, "  {line}")?;
                continue;
            }
            writeln!(self.out, "  {}: {}", self.severity(p.severity), p.message)?;
            let shown = self
                .markable
                .iter()
                .any(|m| m.rule == p.rule && m.path == p.path);
            if review::can_mark(&p) && !shown {
                writeln!(self.out, "  {}", messages::how_to_mark(self.lang))?;
                self.markable.push(p);
            }
        }
        Ok(())
    }

    fn severity(&self, severity: Severity) -> &'static str {
        messages::severity(severity == Severity::Error, self.lang)
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
            writeln!(self.out, "  {}", messages::in_order(&names, self.lang))?;
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
                Answer::Draft => {
                    self.refuse_draft()?;
                    continue;
                }
                // `-` clears the row to 0, as Delete clears a cell.
                Answer::Value(v) if v.trim() == "-" => vec!["0"; cols.len()].join(" "),
                Answer::Value(v) => v,
            };
            match row_values(def, cols, &answer, self.lang) {
                Ok(values) => {
                    for (&col, value) in cols.iter().zip(values) {
                        self.report.set_cell(CellId { table, row, col }, value);
                    }
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
            writeln!(self.out, "  {}", messages::totals(&name, &values, lang))?;
        }
        if def.balance.is_some() {
            let mut all_ok = true;
            for (col, c) in def.columns.iter().enumerate() {
                if let Some((ok, statement)) =
                    validate::balance_statement(&self.report, table, col, lang)
                {
                    all_ok &= ok;
                    let line = messages::column_balance(c.label.get(lang), &statement, ok, lang);
                    writeln!(self.out, "  {line}")?;
                }
            }
            let summary = messages::balance_summary(all_ok, lang);
            writeln!(self.out, "  {summary}")?;
        }
        Ok(())
    }

    fn set_text(&mut self, id: FieldId, value: String) -> io::Result<()> {
        if self.report.text(id) != value {
            self.report.set_text(id, value);
            self.save()?;
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<u8> {
        if self.saver.is_dirty() {
            self.save()?;
        }
        let problems = validate::validate(&self.report, Context::now(self.lang));
        let (errors, warnings) = tally(&problems);
        writeln!(
            self.out,
            "\n== {} ({}/{}) ==",
            messages::review_heading(self.lang),
            focus::step_count(),
            focus::step_count()
        )?;
        for p in &problems {
            let line = match &p.reviewed {
                Some(reason) => messages::reviewed_warning(&p.describe(), reason, self.lang),
                None => format!("{}: {}", self.severity(p.severity), p.describe()),
            };
            writeln!(self.out, "{}", inert::block(&line))?;
        }
        writeln!(self.out, "{}", messages::tally(errors, warnings, self.lang))?;
        match self.saver.last_word(&self.report, self.lang) {
            Some(word) => {
                writeln!(self.out, "{word}")?;
                Ok(u8::from(self.saver.failure().is_some()))
            }
            None => {
                writeln!(self.out, "{}", messages::saved(&self.saver.path, self.lang))?;
                Ok(0)
            }
        }
    }
}

enum Flow {
    Go,
    NextStep,
    Quit,
}
