//! [`Report`] → TOML text, walking the schema.
//!
//! Stable English keys, the Chinese label as a comment beside each key,
//! totals stored, money as a decimal string, UTF-8. Multi-line texts are
//! written as `"""` strings with their label on the line above (a comment
//! cannot follow the opening quotes). The output parses with any TOML 1.0
//! reader to the same values.

use crate::model::Report;
use crate::schema::{self, CellId, CellKind, FieldId, FieldKind, Part};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// The TOML text of a report.
pub fn write(report: &Report) -> String {
    let mut out = String::with_capacity(12 * 1024);
    out.push_str("# 政府信息公开工作年度报告 · nianbao 数据文件（UTF-8）\n");
    out.push_str("# 各键含义见 docs/FORMAT.md；“总计”由程序按各项计算。\n");
    let _ = writeln!(out, "format = {}", quote(schema::FORMAT_MARKER));
    write_meta(&mut out, report);
    write_reviewed(&mut out, report);
    let mut set_index = 0;
    let mut table_index = 0;
    for section in schema::SECTIONS {
        let _ = write!(out, "\n# ==== {} ====", section.heading(schema::Lang::Zh));
        for part in section.parts {
            match part {
                Part::Fields(fs) => {
                    let _ = writeln!(out, "\n[{}]", fs.key);
                    let rows: Vec<(String, String)> = (0..fs.fields.len())
                        .filter_map(|field| {
                            field_line(
                                report,
                                FieldId {
                                    set: set_index,
                                    field,
                                },
                            )
                        })
                        .collect();
                    push_aligned(&mut out, &rows);
                    set_index += 1;
                }
                Part::Table(def) => {
                    write_table(&mut out, report, table_index, def);
                    table_index += 1;
                }
            }
        }
    }
    out
}

fn write_meta(out: &mut String, report: &Report) {
    let meta = &report.meta;
    if meta.resume_at.is_none() && meta.previous.is_none() && meta.merged_from.is_empty() {
        return;
    }
    out.push_str("\n[meta]\n");
    let mut rows = Vec::new();
    if let Some(p) = &meta.previous {
        rows.push((
            format!("previous = {}", quote(p)),
            "上年报告文件".to_string(),
        ));
    }
    if !meta.merged_from.is_empty() {
        let items: Vec<String> = meta.merged_from.iter().map(|m| quote(m)).collect();
        rows.push((
            format!("merged_from = [{}]", items.join(", ")),
            "汇总来源文件".to_string(),
        ));
    }
    if let Some(p) = &meta.resume_at {
        rows.push((
            format!("resume_at = {}", quote(p)),
            "上次编辑位置".to_string(),
        ));
    }
    push_aligned(out, &rows);
}

/// `[[reviewed]]` entries: warnings marked as reviewed, in their order.
fn write_reviewed(out: &mut String, report: &Report) {
    let marks = &report.meta.reviewed;
    if marks.is_empty() {
        return;
    }
    out.push_str("\n# 已确认的警告：check 不计入；所依据的数值改变后重新提示。\n");
    for m in marks {
        let _ = writeln!(out, "[[reviewed]]");
        let _ = writeln!(out, "rule = {}", quote(&m.rule));
        let _ = writeln!(out, "path = {}", quote(&m.path));
        let _ = writeln!(out, "reason = {}", quote(&m.reason));
        let values: Vec<String> = m
            .values
            .iter()
            .map(|(k, v)| format!("{} = {}", quote(k), quote(v)))
            .collect();
        if values.is_empty() {
            out.push_str("values = {}\n");
        } else {
            let _ = writeln!(out, "values = {{ {} }}", values.join(", "));
        }
    }
}

/// `(key = value, comment)` for one field; multi-line values carry their
/// comment inside the first element and an empty second.
fn field_line(report: &Report, id: FieldId) -> Option<(String, String)> {
    let field = id.field();
    let value = report.text(id);
    let mut label = field.label.zh.to_string();
    if let FieldKind::Choice(choices) = field.kind {
        let options: Vec<&str> = choices.iter().map(|c| c.key).collect();
        label = format!("{label}：{}", options.join(" | "));
    }
    match field.kind {
        FieldKind::Year => {
            let year: i64 = value.trim().parse().ok()?;
            Some((format!("{} = {year}", field.key), label))
        }
        _ if value.contains('\n') => Some((
            format!("# {label}\n{} = {}", field.key, quote_multiline(value)),
            String::new(),
        )),
        _ => Some((format!("{} = {}", field.key, quote(value)), label)),
    }
}

fn write_table(out: &mut String, report: &Report, table: usize, def: &schema::Table) {
    for (row, r) in def.rows.iter().enumerate() {
        let mut heading: Vec<&str> = Vec::new();
        if !def.caption.zh.is_empty() {
            heading.push(def.caption.zh);
        }
        heading.extend(r.groups.iter().map(|g| g.zh));
        heading.push(r.label.zh);
        let _ = writeln!(out, "\n[{}.{}]  # {}", def.key, r.key, heading.join(" / "));
        let rows: Vec<(String, String)> = def
            .columns
            .iter()
            .enumerate()
            .map(|(col, c)| {
                let id = CellId { table, row, col };
                let value = report.cell(id);
                let text = match c.kind {
                    CellKind::Count => value.to_string(),
                    CellKind::Money => quote(&value.to_string()),
                };
                let mut label: Vec<&str> = c.groups.iter().skip(1).map(|g| g.zh).collect();
                label.push(c.label.zh);
                let mut comment = label.join(" / ");
                if id.is_computed() {
                    // A total stored as published that does not add up
                    // (an import keeps it): say so where it stands.
                    match crate::model::expected_total(def, report.table_cells(table), row, col) {
                        Some(sum) if sum != value => {
                            let _ = write!(comment, "（按发布的数字保存；各项之和为 {sum}）");
                        }
                        _ => comment.push_str("（自动计算）"),
                    }
                }
                (format!("{} = {text}", c.key), comment)
            })
            .collect();
        push_aligned(out, &rows);
    }
}

/// Writes `line  # comment` rows with the comments lined up.
fn push_aligned(out: &mut String, rows: &[(String, String)]) {
    let width = rows
        .iter()
        .map(|(line, comment)| (line.width(), comment))
        .filter(|(w, comment)| !comment.is_empty() && *w <= 40)
        .map(|(w, _)| w)
        .max()
        .unwrap_or(0);
    for (line, comment) in rows {
        out.push_str(line);
        if !comment.is_empty() {
            let pad = width.saturating_sub(line.width()) + 2;
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str("# ");
            out.push_str(comment);
        }
        out.push('\n');
    }
}

/// A TOML basic string: `"…"` with `\`, `"` and control characters escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        escape_into(&mut out, c, false);
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string. The newline right after the opening
/// quotes is dropped by readers, so the value starts on its own line.
fn quote_multiline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str("\"\"\"\n");
    for c in s.chars() {
        escape_into(&mut out, c, true);
    }
    out.push_str("\"\"\"");
    out
}

fn escape_into(out: &mut String, c: char, newline_raw: bool) {
    match c {
        '\\' => out.push_str("\\\\"),
        '"' => out.push_str("\\\""),
        '\n' if newline_raw => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\t' => out.push('\t'),
        '\r' => out.push_str("\\r"),
        // C0, DEL and C1 (TOML requires only the first two escaped; C1 too
        // keeps `cat report.toml` from driving the terminal).
        c if c.is_control() => {
            let _ = write!(out, "\\u{:04X}", c as u32);
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests;
