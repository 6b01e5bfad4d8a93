//! [`Report`] → TOML text, walking the schema.
//!
//! Stable English keys, the Chinese label as a comment beside each key,
//! totals stored, money as a decimal string, UTF-8. Multi-line texts are
//! written as `"""` strings with their label on the line above (a comment
//! cannot follow the opening quotes). The output parses with any TOML 1.0
//! reader to the same values.

use crate::model::Report;
use crate::schema::{self, CellKind, FieldId, FieldKind, Part};
use crate::values::Digits;
use rust_decimal::Decimal;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// The TOML text of a report.
///
/// Written on every autosave, so it builds the text in one buffer: the rows
/// whose comments line up are gathered in one reused [`Rows`], strings are
/// copied in runs between the characters that need escaping, and whole
/// numbers are written without `Decimal`'s formatter.
pub fn write(report: &Report) -> String {
    let mut out = String::with_capacity(24 * 1024);
    let mut rows = Rows::default();
    out.push_str("# 政府信息公开工作年度报告 · nianbao 数据文件（UTF-8）\n");
    out.push_str("# 各键含义见 docs/FORMAT.md；“总计”由程序按各项计算。\n");
    out.push_str("format = ");
    quote_into(&mut out, schema::FORMAT_MARKER);
    out.push('\n');
    write_meta(&mut out, &mut rows, report);
    write_reviewed(&mut out, report);
    let mut set_index = 0;
    let mut table_index = 0;
    for section in schema::SECTIONS {
        out.push_str("\n# ==== ");
        out.push_str(&section.heading(schema::Lang::Zh));
        out.push_str(" ====");
        for part in section.parts {
            match part {
                Part::Fields(fs) => {
                    out.push_str("\n[");
                    out.push_str(fs.key);
                    out.push_str("]\n");
                    for field in 0..fs.fields.len() {
                        let id = FieldId {
                            set: set_index,
                            field,
                        };
                        field_row(&mut rows, report, id);
                    }
                    rows.flush_into(&mut out);
                    set_index += 1;
                }
                Part::Table(def) => {
                    write_table(&mut out, &mut rows, report, table_index, def);
                    table_index += 1;
                }
            }
        }
    }
    out
}

/// Rows of `key = value  # comment` whose comments are lined up: gathered
/// one after another in one string, then written out together.
#[derive(Default)]
struct Rows {
    /// Each row's line followed by its comment.
    text: String,
    spans: Vec<Span>,
}

/// Where a row ends in [`Rows::text`]: its line, then its comment.
struct Span {
    line_end: usize,
    comment_end: usize,
    /// The line's display width (0 when it has no comment to line up).
    width: usize,
}

impl Rows {
    /// Ends the row begun at `start` (what [`Rows::start`] returned), whose
    /// line ends at `line_end` and comment at the end of the text.
    fn end(&mut self, start: usize, line_end: usize) {
        let comment_end = self.text.len();
        let width = if comment_end > line_end {
            width(&self.text[start..line_end])
        } else {
            0
        };
        self.spans.push(Span {
            line_end,
            comment_end,
            width,
        });
    }

    fn start(&self) -> usize {
        self.text.len()
    }

    /// Writes the rows with their comments lined up (lines wider than 40
    /// columns do not push the others' comments out), and forgets them.
    fn flush_into(&mut self, out: &mut String) {
        let column = self
            .spans
            .iter()
            .filter(|s| s.comment_end > s.line_end && s.width <= 40)
            .map(|s| s.width)
            .max()
            .unwrap_or(0);
        let mut start = 0;
        for s in &self.spans {
            out.push_str(&self.text[start..s.line_end]);
            if s.comment_end > s.line_end {
                push_spaces(out, column.saturating_sub(s.width) + 2);
                out.push_str("# ");
                out.push_str(&self.text[s.line_end..s.comment_end]);
            }
            out.push('\n');
            start = s.comment_end;
        }
        self.text.clear();
        self.spans.clear();
    }
}

fn push_spaces(out: &mut String, n: usize) {
    const SPACES: &str = "                                                ";
    let mut left = n;
    while left > 0 {
        let take = left.min(SPACES.len());
        out.push_str(&SPACES[..take]);
        left -= take;
    }
}

/// The display width of a line: its length when it is printable ASCII.
fn width(line: &str) -> usize {
    if line.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        line.len()
    } else {
        line.width()
    }
}

fn write_meta(out: &mut String, rows: &mut Rows, report: &Report) {
    let meta = &report.meta;
    if meta.resume_at.is_none() && meta.previous.is_none() && meta.merged_from.is_empty() {
        return;
    }
    out.push_str("\n[meta]\n");
    let mut row = |key: &str, value: &dyn Fn(&mut String), comment: &str| {
        let start = rows.start();
        rows.text.push_str(key);
        rows.text.push_str(" = ");
        value(&mut rows.text);
        let line_end = rows.text.len();
        rows.text.push_str(comment);
        rows.end(start, line_end);
    };
    if let Some(p) = &meta.previous {
        row("previous", &|t| quote_into(t, p), "上年报告文件");
    }
    if !meta.merged_from.is_empty() {
        let items = |t: &mut String| {
            t.push('[');
            for (i, m) in meta.merged_from.iter().enumerate() {
                if i > 0 {
                    t.push_str(", ");
                }
                quote_into(t, m);
            }
            t.push(']');
        };
        row("merged_from", &items, "汇总来源文件");
    }
    if let Some(p) = &meta.resume_at {
        row("resume_at", &|t| quote_into(t, p), "上次编辑位置");
    }
    rows.flush_into(out);
}

/// `[[reviewed]]` entries: warnings marked as reviewed, in their order.
fn write_reviewed(out: &mut String, report: &Report) {
    let marks = &report.meta.reviewed;
    if marks.is_empty() {
        return;
    }
    out.push_str("\n# 已确认的警告：check 不计入；所依据的数值改变后重新提示。\n");
    for m in marks {
        out.push_str("[[reviewed]]\nrule = ");
        quote_into(out, &m.rule);
        out.push_str("\npath = ");
        quote_into(out, &m.path);
        out.push_str("\nreason = ");
        quote_into(out, &m.reason);
        out.push_str("\nvalues = {");
        for (i, (k, v)) in m.values.iter().enumerate() {
            out.push_str(if i == 0 { " " } else { ", " });
            quote_into(out, k);
            out.push_str(" = ");
            quote_into(out, v);
        }
        out.push_str(if m.values.is_empty() { "}\n" } else { " }\n" });
    }
}

/// One field's row: `key = value  # label`; a multi-line value has its
/// label on the line above instead (a comment cannot follow `"""`). A year
/// that is not a number is left out.
fn field_row(rows: &mut Rows, report: &Report, id: FieldId) {
    let field = id.field();
    let value = report.text(id);
    let start = rows.start();
    let t = &mut rows.text;
    let push_label = |t: &mut String| {
        t.push_str(field.label.zh);
        if let FieldKind::Choice(choices) = field.kind {
            t.push('：');
            for (i, c) in choices.iter().enumerate() {
                if i > 0 {
                    t.push_str(" | ");
                }
                t.push_str(c.key);
            }
        }
    };
    match field.kind {
        FieldKind::Year => {
            let Ok(year) = value.trim().parse::<i64>() else {
                return;
            };
            t.push_str(field.key);
            t.push_str(" = ");
            if year < 0 {
                t.push('-');
            }
            t.push_str(Digits::of(year.unsigned_abs()).as_str());
        }
        _ if value.contains('\n') => {
            t.push_str("# ");
            push_label(t);
            t.push('\n');
            t.push_str(field.key);
            t.push_str(" = \"\"\"\n");
            escape_into(t, value, true);
            t.push_str("\"\"\"");
            let line_end = t.len();
            rows.end(start, line_end);
            return;
        }
        _ => {
            t.push_str(field.key);
            t.push_str(" = ");
            quote_into(t, value);
        }
    }
    let line_end = t.len();
    push_label(t);
    rows.end(start, line_end);
}

fn write_table(
    out: &mut String,
    rows: &mut Rows,
    report: &Report,
    table: usize,
    def: &schema::Table,
) {
    let cells = report.table_cells(table);
    let cols = def.columns.len();
    for (row, r) in def.rows.iter().enumerate() {
        out.push_str("\n[");
        out.push_str(def.key);
        out.push('.');
        out.push_str(r.key);
        out.push_str("]  # ");
        let mut first = true;
        let heading = (!def.caption.zh.is_empty())
            .then_some(def.caption.zh)
            .into_iter()
            .chain(r.groups.iter().map(|g| g.zh))
            .chain([r.label.zh]);
        for part in heading {
            if !first {
                out.push_str(" / ");
            }
            out.push_str(part);
            first = false;
        }
        out.push('\n');
        for (col, c) in def.columns.iter().enumerate() {
            let value = cells[row * cols + col];
            let start = rows.start();
            let t = &mut rows.text;
            t.push_str(c.key);
            t.push_str(" = ");
            match c.kind {
                CellKind::Count => push_decimal(t, value),
                CellKind::Money => {
                    t.push('"');
                    push_decimal(t, value);
                    t.push('"');
                }
            }
            let line_end = t.len();
            for (i, g) in c.groups.iter().skip(1).enumerate() {
                if i > 0 {
                    t.push_str(" / ");
                }
                t.push_str(g.zh);
            }
            if c.groups.len() > 1 {
                t.push_str(" / ");
            }
            t.push_str(c.label.zh);
            if !r.sum_of.is_empty() || !c.sum_of.is_empty() {
                // A total stored as published that does not add up
                // (an import keeps it): say so where it stands.
                match crate::model::expected_total(def, cells, row, col) {
                    Some(sum) if sum != value => {
                        t.push_str("（按发布的数字保存；各项之和为 ");
                        push_decimal(t, sum);
                        t.push('）');
                    }
                    _ => t.push_str("（自动计算）"),
                }
            }
            rows.end(start, line_end);
        }
        rows.flush_into(out);
    }
}

/// A decimal as its `Display` writes it; a whole number that fits in a
/// `u64` (every count) without the formatter.
fn push_decimal(out: &mut String, d: Decimal) {
    match Digits::of_whole(d) {
        Some(digits) => out.push_str(digits.as_str()),
        None => {
            let _ = write!(out, "{d}");
        }
    }
}

/// A TOML basic string: `"…"` with `\`, `"` and control characters escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    quote_into(&mut out, s);
    out
}

fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    escape_into(out, s, false);
    out.push('"');
}

/// Which bytes may start something to escape: C0 controls, `"`, `\`, DEL,
/// and 0xC2, the first byte of the C1 controls (U+0080–U+009F) — and of
/// other characters, told apart by the byte after it.
const MAY_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[0x7f] = true;
    table[0xc2] = true;
    table
};

/// Appends `s` escaped for a basic string (`newline_raw`: a multi-line one,
/// where newlines stay as they are), copying the runs between the
/// characters that need escaping whole.
fn escape_into(out: &mut String, s: &str, newline_raw: bool) {
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // The length of the character to escape at `i`; 0: none there.
        let len = match b {
            _ if !MAY_ESCAPE[usize::from(b)] => 0,
            b'\t' => 0,
            b'\n' if newline_raw => 0,
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => 2,
            0xc2 => 0,
            _ => 1,
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out.push_str(&s[copied..i]);
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            // C1 (TOML requires only C0 and DEL escaped; C1 too keeps
            // `cat report.toml` from driving the terminal).
            0xc2 => push_unicode_escape(out, bytes[i + 1]),
            _ => push_unicode_escape(out, b),
        }
        i += len;
        copied = i;
    }
    out.push_str(&s[copied..]);
}

/// `\u00XX` for a control character below U+0100.
fn push_unicode_escape(out: &mut String, code: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push_str("\\u00");
    out.push(char::from(HEX[usize::from(code >> 4)]));
    out.push(char::from(HEX[usize::from(code & 0xf)]));
}

#[cfg(test)]
mod tests;
