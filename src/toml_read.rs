//! TOML → [`Report`], walking the schema, with every problem located by line
//! and column.
//!
//! The reader never guesses: an unknown key (with a "did you mean"), a wrong
//! type, a number out of range, a money amount with too many places or a
//! stored total that disagrees with its inputs is reported. Problems that mean
//! the file cannot be represented as it is (so saving it back would lose what
//! it says) are marked `blocking`.

use crate::inert;
use crate::model::{Meta, Report};
use crate::problem::{Problem, Target};
use crate::review::{ids, reviewed::Reviewed};
use crate::schema::{self, CellId, CellKind, Field, FieldId, FieldKind, Lang};
use crate::values::{parse_count, parse_count_up_to, parse_money};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A report read from TOML, with what was found wrong and where each key was.
#[derive(Debug)]
pub struct Loaded {
    pub report: Report,
    pub problems: Vec<Problem>,
    pub lines: LineMap,
}

impl Loaded {
    /// Whether the file can be opened for editing without losing anything.
    pub fn is_editable(&self) -> bool {
        !self.problems.iter().any(|p| p.blocking)
    }
}

/// Schema path → (line, column) of its key in the file.
///
/// Built from the file's text on first use: most files have nothing to
/// locate, and for the thousands of files of a merge, building it up front
/// would cost about as much as reading them.
#[derive(Debug, Default, Clone)]
pub struct LineMap {
    text: Arc<str>,
    keys: OnceLock<HashMap<String, (usize, usize)>>,
}

impl LineMap {
    fn new(text: &str) -> LineMap {
        LineMap {
            text: Arc::from(text),
            keys: OnceLock::new(),
        }
    }

    /// The position of `path`, or of the nearest enclosing key that was in the file.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let keys = self.keys.get_or_init(|| key_positions(&self.text));
        let mut p = path;
        loop {
            if let Some(pos) = keys.get(p) {
                return Some(*pos);
            }
            p = &p[..p.rfind('.')?];
        }
    }
}

/// Every key path of a TOML document with the position of its key.
fn key_positions(text: &str) -> HashMap<String, (usize, usize)> {
    fn walk(
        t: &DeTable<'_>,
        prefix: &str,
        pos: &Positions<'_>,
        out: &mut HashMap<String, (usize, usize)>,
    ) {
        for (k, v) in t.iter() {
            let path = if prefix.is_empty() {
                k.get_ref().to_string()
            } else {
                format!("{prefix}.{}", k.get_ref())
            };
            if let DeValue::Table(inner) = v.get_ref() {
                walk(inner, &path, pos, out);
            }
            out.insert(path, pos.at(k.span().start));
        }
    }
    let mut out = HashMap::new();
    if let Ok(doc) = DeTable::parse(text) {
        walk(doc.get_ref(), "", &Positions::new(text), &mut out);
    }
    out
}

/// Reads a report from TOML text. Only a TOML syntax error or a missing or
/// unsupported `format` returns `Err`; everything else is in `problems`.
pub fn read(text: &str, lang: Lang) -> Result<Loaded, Problem> {
    // A file saved on Windows ends its lines with CR LF, inside multi-line
    // texts too; TOML lets a reader take those as plain newlines, so that
    // the texts hold no stray CR. An escaped `\r` is not touched.
    let unix_lines;
    let text = if text.contains("\r\n") {
        unix_lines = text.replace("\r\n", "\n");
        unix_lines.as_str()
    } else {
        text
    };
    let pos = Positions::new(text);
    let doc = DeTable::parse(text).map_err(|e| {
        let (line, col) = pos.at(e.span().map(|s| s.start).unwrap_or(0));
        let msg = first_line(e.message());
        Problem::error(
            "",
            "",
            lang.pick(
                &format!("TOML 语法错误：{msg}"),
                &format!("TOML syntax error: {msg}"),
            ),
        )
        .at(line, col)
        .blocking()
    })?;
    let mut r = Reader {
        lang,
        pos,
        problems: Vec::new(),
        lines: LineMap::new(text),
        report: Report::empty(),
    };
    r.check_format(doc.get_ref(), doc.span())?;
    r.read_document(doc.get_ref());
    let Reader {
        mut problems,
        lines,
        report,
        ..
    } = r;
    problems.sort_by_key(|p| (p.line.unwrap_or(usize::MAX), p.column));
    Ok(Loaded {
        report,
        problems,
        lines,
    })
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim()
}

/// Byte offset → 1-based (line, column in characters).
struct Positions<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Positions { text, line_starts }
    }

    fn at(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }
}

struct Reader<'a> {
    lang: Lang,
    pos: Positions<'a>,
    problems: Vec<Problem>,
    lines: LineMap,
    report: Report,
}

type Entry<'i> = (
    &'i Spanned<std::borrow::Cow<'i, str>>,
    &'i Spanned<DeValue<'i>>,
);

impl Reader<'_> {
    fn t(&self, zh: &str, en: &str) -> String {
        self.lang.pick(zh, en).to_string()
    }

    fn problem_at(&self, span: Range<usize>, path: &str, message: String) -> Problem {
        let (line, col) = self.pos.at(span.start);
        Problem::error(path, path, message).at(line, col)
    }

    fn check_format(&self, doc: &DeTable, span: Range<usize>) -> Result<(), Problem> {
        let Some((key, value)) = doc.get_key_value("format") else {
            let msg = format!(
                "{} format = \"{}\"",
                self.t(
                    "不是 nianbao 报告文件：缺少",
                    "not a nianbao report: missing"
                ),
                schema::FORMAT_MARKER
            );
            return Err(self.problem_at(span, "format", msg).blocking());
        };
        match value.get_ref().as_str() {
            Some(schema::FORMAT_MARKER) => Ok(()),
            Some(other) => {
                let msg = if other.contains("2019") {
                    self.t(
                        "这是 2019 年试行格式，本工具只支持 2021 年格式；请按 2021 年格式重新填报",
                        "this is the 2019 trial format; only the 2021 format is supported — re-enter the report in the 2021 format",
                    )
                } else {
                    format!(
                        "{} \"{}\"{} \"{}\"{}",
                        self.t("不支持的格式版本", "unsupported format version"),
                        inert::excerpt(other),
                        self.t("；本程序读取", "; this nianbao reads"),
                        schema::FORMAT_MARKER,
                        self.t("，请升级 nianbao", ", upgrade nianbao to open it")
                    )
                };
                Err(self.problem_at(value.span(), key.get_ref(), msg).blocking())
            }
            None => Err(self
                .problem_at(
                    value.span(),
                    "format",
                    self.t("format 应为字符串", "format must be a string"),
                )
                .blocking()),
        }
    }

    fn read_document(&mut self, doc: &DeTable) {
        let mut seen_sets = vec![false; schema::counts().0];
        let mut seen_tables = vec![false; schema::counts().1];
        for (key, value) in sorted(doc) {
            let name = key.get_ref().as_ref();
            if name == "format" {
                continue;
            }
            if name == "meta" {
                self.read_meta(value);
            } else if name == "reviewed" {
                self.read_reviewed(value);
            } else if let Some((i, (_, fs))) = schema::field_sets()
                .enumerate()
                .find(|(_, (_, fs))| fs.key == name)
            {
                seen_sets[i] = true;
                if let Some(t) = self.expect_table(name, value) {
                    self.read_fields(i, fs, t);
                }
            } else if let Some(ti) = schema::find_table(name) {
                seen_tables[ti] = true;
                if let Some(t) = self.expect_table(name, value) {
                    self.read_table(ti, t);
                }
            } else {
                let known = top_level_keys();
                self.unknown_key(key, "", &known);
            }
        }
        for (i, (_, fs)) in schema::field_sets().enumerate() {
            if !seen_sets[i] {
                self.missing_part(fs.key);
            }
        }
        for (i, (_, t)) in schema::tables().enumerate() {
            if !seen_tables[i] {
                self.missing_part(t.key);
            }
        }
        // With a value rejected, totals cannot be compared meaningfully.
        if self.problems.iter().any(|p| p.blocking) {
            self.report.recompute();
        } else {
            self.check_stored_totals(doc);
        }
    }

    fn missing_part(&mut self, key: &str) {
        let msg = format!(
            "{} [{key}] {}",
            self.t("缺少", "missing"),
            self.t("部分，已按空白或 0 处理", "section; read as empty or zero")
        );
        self.problems.push(Problem::error(key, key, msg));
    }

    fn expect_table<'i>(
        &mut self,
        path: &str,
        value: &'i Spanned<DeValue<'i>>,
    ) -> Option<&'i DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                let msg = format!(
                    "{} {}",
                    self.t(
                        "应为表（[节]），实为",
                        "should be a table ([section]), found"
                    ),
                    type_name(other)
                );
                let p = self.problem_at(value.span(), path, msg).blocking();
                self.problems.push(p);
                None
            }
        }
    }

    fn unknown_key(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        parent: &str,
        known: &[&str],
    ) {
        let name = key.get_ref().as_ref();
        let path = if parent.is_empty() {
            name.to_string()
        } else {
            format!("{parent}.{name}")
        };
        let mut msg = format!(
            "{} \"{}\"",
            self.t("未知的键", "unknown key"),
            inert::excerpt(name)
        );
        if let Some(best) = did_you_mean(name, known) {
            msg += &format!("{} \"{best}\"?", self.t("，是否应为", "; did you mean"));
        } else {
            msg += &self.t(
                "（拼写错误会导致数据丢失，请改正或删除）",
                " (a typo would lose data: fix or remove it)",
            );
        }
        let p = self.problem_at(key.span(), &path, msg).blocking();
        self.problems.push(p);
    }

    fn read_meta(&mut self, value: &Spanned<DeValue<'_>>) {
        let Some(t) = self.expect_table("meta", value) else {
            return;
        };
        let mut meta = Meta {
            reviewed: std::mem::take(&mut self.report.meta.reviewed),
            ..Meta::default()
        };
        for (k, v) in sorted(t) {
            let path = format!("meta.{}", k.get_ref());
            match k.get_ref().as_ref() {
                "resume_at" => meta.resume_at = self.string(&path, v),
                "previous" => meta.previous = self.string(&path, v),
                "merged_from" => match v.get_ref() {
                    DeValue::Array(items) => {
                        meta.merged_from =
                            items.iter().filter_map(|i| self.string(&path, i)).collect();
                    }
                    other => {
                        let msg = format!(
                            "{} {}",
                            self.t(
                                "应为字符串数组，实为",
                                "should be an array of strings, found"
                            ),
                            type_name(other)
                        );
                        let p = self.problem_at(v.span(), &path, msg).blocking();
                        self.problems.push(p);
                    }
                },
                _ => self.unknown_key(k, "meta", &["resume_at", "previous", "merged_from"]),
            }
        }
        self.report.meta = meta;
    }

    /// `[[reviewed]]`: warnings marked as reviewed (docs/FORMAT.md).
    fn read_reviewed(&mut self, value: &Spanned<DeValue<'_>>) {
        let DeValue::Array(items) = value.get_ref() else {
            let msg = self.t(
                "reviewed 应写成 [[reviewed]] 表数组",
                "reviewed should be an array of tables, written [[reviewed]]",
            );
            let p = self.problem_at(value.span(), "reviewed", msg).blocking();
            self.problems.push(p);
            return;
        };
        for item in items.iter() {
            let Some(t) = self.expect_table("reviewed", item) else {
                continue;
            };
            let mut entry = Reviewed::default();
            let mut seen = [false; 3];
            for (k, v) in sorted(t) {
                let path = format!("reviewed.{}", k.get_ref());
                match k.get_ref().as_ref() {
                    "rule" => {
                        seen[0] = true;
                        entry.rule = self.string(&path, v).unwrap_or_default();
                        if !entry.rule.is_empty() && !ids::ALL.contains(&entry.rule.as_str()) {
                            let rule = inert::excerpt(&entry.rule);
                            let msg = match self.lang {
                                Lang::Zh => format!(
                                    "未知的规则编号 \"{rule}\"；此项保留，但不会确认任何警告"
                                ),
                                Lang::En => format!(
                                    "unknown rule id \"{rule}\"; the entry is kept but marks no warning"
                                ),
                            };
                            let (line, col) = self.pos.at(v.span().start);
                            self.problems
                                .push(Problem::warning(&path, &path, msg).at(line, col));
                        }
                    }
                    "path" => {
                        seen[1] = true;
                        entry.path = self.string(&path, v).unwrap_or_default();
                    }
                    "reason" => {
                        seen[2] = true;
                        entry.reason = self.string(&path, v).unwrap_or_default();
                    }
                    "values" => match v.get_ref() {
                        DeValue::Table(values) => {
                            for (vk, vv) in sorted(values) {
                                if let Some(s) = self.string(&path, vv) {
                                    entry.values.push((vk.get_ref().to_string(), s));
                                }
                            }
                        }
                        other => {
                            let found = type_name(other);
                            let msg = match self.lang {
                                Lang::Zh => {
                                    format!("应为表（{{ \"路径\" = \"值\" }}），实为 {found}")
                                }
                                Lang::En => format!(
                                    "should be a table ({{ \"path\" = \"value\" }}), found {found}"
                                ),
                            };
                            let p = self.problem_at(v.span(), &path, msg).blocking();
                            self.problems.push(p);
                        }
                    },
                    _ => self.unknown_key(k, "reviewed", &["rule", "path", "reason", "values"]),
                }
            }
            for (key, seen) in ["rule", "path", "reason"].iter().zip(seen) {
                if !seen {
                    let msg = match self.lang {
                        Lang::Zh => format!("[[reviewed]] 缺少 {key}"),
                        Lang::En => format!("[[reviewed]] lacks {key}"),
                    };
                    let p = self.problem_at(item.span(), "reviewed", msg).blocking();
                    self.problems.push(p);
                }
            }
            self.report.meta.reviewed.push(entry);
        }
    }

    fn string(&mut self, path: &str, v: &Spanned<DeValue<'_>>) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                let msg = format!(
                    "{} {}",
                    self.t(
                        "应为字符串（加引号），实为",
                        "should be a string (in quotes), found"
                    ),
                    type_name(other)
                );
                let p = self.problem_at(v.span(), path, msg).blocking();
                self.problems.push(p);
                None
            }
        }
    }

    fn read_fields(&mut self, set: usize, fs: &schema::FieldSet, t: &DeTable<'_>) {
        for (k, v) in sorted(t) {
            let path = format!("{}.{}", fs.key, k.get_ref());
            let Some(fi) = fs.fields.iter().position(|f| f.key == k.get_ref().as_ref()) else {
                let known: Vec<&str> = fs.fields.iter().map(|f| f.key).collect();
                self.unknown_key(k, fs.key, &known);
                continue;
            };
            let id = FieldId { set, field: fi };
            if let Some(value) = self.field_value(&path, &fs.fields[fi], v) {
                self.report.set_text(id, value);
            }
        }
    }

    fn field_value(
        &mut self,
        path: &str,
        field: &Field,
        v: &Spanned<DeValue<'_>>,
    ) -> Option<String> {
        match field.kind {
            FieldKind::Year => match v.get_ref() {
                DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                    Ok(y) if (0..=9999).contains(&y) => Some(y.to_string()),
                    _ => {
                        let msg = self.t(
                            "年度应为四位数字，如 2024",
                            "the year should have four digits, e.g. 2024",
                        );
                        let p = self.problem_at(v.span(), path, msg).blocking();
                        self.problems.push(p);
                        None
                    }
                },
                other => {
                    let msg = format!(
                        "{} {}",
                        self.t(
                            "年度应为整数（不加引号），实为",
                            "the year should be a whole number (no quotes), found"
                        ),
                        type_name(other)
                    );
                    let p = self.problem_at(v.span(), path, msg).blocking();
                    self.problems.push(p);
                    None
                }
            },
            FieldKind::Choice(choices) => {
                let s = self.string(path, v)?;
                if s.is_empty() || choices.iter().any(|c| c.key == s) {
                    Some(s)
                } else {
                    let keys: Vec<&str> = choices.iter().map(|c| c.key).collect();
                    let msg = format!(
                        "{} \"{}\"{} {}",
                        self.t("无效的选项", "invalid choice"),
                        inert::excerpt(&s),
                        self.t("；可选：", "; one of:"),
                        keys.join(", ")
                    );
                    let p = self.problem_at(v.span(), path, msg).blocking();
                    self.problems.push(p);
                    None
                }
            }
            FieldKind::Line(_) | FieldKind::Paragraphs => self.string(path, v),
        }
    }

    fn read_table(&mut self, ti: usize, t: &DeTable<'_>) {
        let def = schema::table(ti);
        let mut seen_rows = vec![false; def.rows.len()];
        for (rk, rv) in sorted(t) {
            let Some(row) = def.row_index(rk.get_ref()) else {
                let known: Vec<&str> = def.rows.iter().map(|r| r.key).collect();
                self.unknown_key(rk, def.key, &known);
                continue;
            };
            seen_rows[row] = true;
            let row_path = format!("{}.{}", def.key, rk.get_ref());
            let Some(cells) = self.expect_table(&row_path, rv) else {
                continue;
            };
            let mut seen_cols = vec![false; def.columns.len()];
            let mut misspelled = false;
            for (ck, cv) in sorted(cells) {
                let Some(col) = def.column_index(ck.get_ref()) else {
                    let known: Vec<&str> = def.columns.iter().map(|c| c.key).collect();
                    self.unknown_key(ck, &row_path, &known);
                    misspelled = true;
                    continue;
                };
                seen_cols[col] = true;
                let id = CellId {
                    table: ti,
                    row,
                    col,
                };
                if let Some(value) = self.cell_value(id, cv) {
                    self.report.set_cell_raw(id, value);
                }
            }
            // A misspelt key already explains the missing one.
            for (col, seen) in seen_cols.iter().enumerate().filter(|_| !misspelled) {
                let id = CellId {
                    table: ti,
                    row,
                    col,
                };
                if !seen && !id.is_computed() {
                    self.missing_key(id, rk.span());
                }
            }
        }
        for (row, seen) in seen_rows.iter().enumerate() {
            if !seen && def.rows[row].sum_of.is_empty() {
                let id = CellId {
                    table: ti,
                    row,
                    col: 0,
                };
                let path = format!("{}.{}", def.key, def.rows[row].key);
                let msg = format!(
                    "{} [{path}]（{}）{}",
                    self.t("缺少行", "missing row"),
                    def.rows[row].label.get(self.lang),
                    self.t("，已按 0 处理", "; read as zero")
                );
                let line = self.lines.find(def.key).unwrap_or((1, 1));
                self.problems.push(
                    Problem::warning(path, "", msg)
                        .at(line.0, line.1)
                        .target(Target::Cell(id)),
                );
            }
        }
    }

    fn missing_key(&mut self, id: CellId, row_span: Range<usize>) {
        let (line, col) = self.pos.at(row_span.start);
        let msg = format!(
            "{} {}{}",
            self.t("缺少", "missing"),
            id.column_def().key,
            self.t("，已按 0 处理", "; read as zero")
        );
        self.problems.push(
            Problem::warning(id.path(), id.label(self.lang), msg)
                .at(line, col)
                .target(Target::Cell(id)),
        );
    }

    fn cell_value(&mut self, id: CellId, v: &Spanned<DeValue<'_>>) -> Option<Decimal> {
        let kind = id.column_def().kind;
        let zh = self.lang == Lang::Zh;
        let result = match (kind, v.get_ref()) {
            // A stored total may pass the maximum of an input: its parts
            // may each be at the maximum. (It is recomputed anyway.)
            (_, DeValue::Integer(i)) if id.is_computed() => {
                parse_count_up_to(i.as_str(), i.radix(), u64::MAX).map_err(|e| e.message(self.lang))
            }
            (_, DeValue::Integer(i)) => {
                parse_count(i.as_str(), i.radix()).map_err(|e| e.message(self.lang))
            }
            (CellKind::Money, DeValue::String(s)) => {
                parse_money(s).map_err(|e| e.message(self.lang))
            }
            (CellKind::Money, DeValue::Float(f)) => Err(if zh {
                format!("金额请写成带引号的小数，如 \"{}\"", f.as_str())
            } else {
                format!("write money as a quoted decimal, e.g. \"{}\"", f.as_str())
            }),
            (CellKind::Count, DeValue::Float(f)) => Err(if zh {
                format!("件数应为整数，实为小数 {}", f.as_str())
            } else {
                format!("counts are whole numbers, found the decimal {}", f.as_str())
            }),
            (CellKind::Count, DeValue::String(s)) if parse_count(s, 10).is_ok() => Err(if zh {
                format!("件数不加引号，应写为 {}", s.trim())
            } else {
                format!("counts take no quotes: write {}", s.trim())
            }),
            (CellKind::Count, other) => Err(if zh {
                format!("应为整数，实为 {}", type_name(other))
            } else {
                format!("should be a whole number, found {}", type_name(other))
            }),
            (CellKind::Money, other) => Err(if zh {
                format!("应为金额（如 \"26.55\"），实为 {}", type_name(other))
            } else {
                format!(
                    "should be an amount (e.g. \"26.55\"), found {}",
                    type_name(other)
                )
            }),
        };
        match result {
            Ok(d) => Some(d),
            Err(msg) => {
                let (line, col) = self.pos.at(v.span().start);
                let p = Problem::error(id.path(), id.label(self.lang), msg)
                    .at(line, col)
                    .target(Target::Cell(id))
                    .blocking();
                self.problems.push(p);
                None
            }
        }
    }

    /// Recomputes every total, comparing each with what the file stored.
    fn check_stored_totals(&mut self, doc: &DeTable) {
        let stored: Vec<(CellId, Decimal)> = schema::all_cells()
            .filter(|c| c.is_computed())
            .map(|c| (c, self.report.cell(c)))
            .collect();
        self.report.recompute();
        for (id, stored) in stored {
            let expected = self.report.cell(id);
            if stored == expected {
                continue;
            }
            let def = id.table_def();
            let stored_span = doc
                .get(def.key)
                .and_then(|t| t.get_ref().get(def.rows[id.row].key))
                .and_then(|r| r.get_ref().get(def.columns[id.col].key))
                .map(|v| v.span());
            // Not in the file: nothing stored to disagree with.
            let Some(span) = stored_span else { continue };
            let (line, col) = self.pos.at(span.start);
            let msg = format!(
                "{} {stored}{} {expected}{}",
                self.t("文件中的合计为", "the file's total is"),
                self.t("，但各项之和为", ", but its parts add up to"),
                self.t("（保存时将按各项之和重算）", " (it is recomputed on save)")
            );
            self.problems.push(
                Problem::error(id.path(), id.label(self.lang), msg)
                    .at(line, col)
                    .target(Target::Cell(id)),
            );
        }
    }
}

/// Table entries in file order, so problems come out line by line.
fn sorted<'i>(t: &'i DeTable<'i>) -> Vec<Entry<'i>> {
    let mut v: Vec<Entry<'i>> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

fn top_level_keys() -> Vec<&'static str> {
    let mut keys = vec!["format", "meta", "reviewed"];
    keys.extend(schema::field_sets().map(|(_, fs)| fs.key));
    keys.extend(schema::tables().map(|(_, t)| t.key));
    keys
}

fn did_you_mean<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let p = Positions::new("ab\n中文x\n");
        assert_eq!(p.at(0), (1, 1));
        assert_eq!(p.at(3), (2, 1));
        assert_eq!(p.at(9), (2, 3));
    }

    #[test]
    fn totals_of_inputs_at_the_maximum_read_back() {
        let mut report = Report::for_year(2024);
        for col in ["natural", "commercial"] {
            let id = crate::schema::find_cell(&format!("applications.new_received.{col}")).unwrap();
            report.set_cell(id, Decimal::from(u32::MAX));
        }
        let written = crate::toml_write::write(&report);
        let loaded = read(&written, Lang::En).unwrap();
        assert!(loaded.is_editable(), "{:?}", loaded.problems);
        assert_eq!(loaded.report, report);
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("naturl", &["natural", "commercial"]),
            Some("natural")
        );
        assert_eq!(did_you_mean("zzz", &["natural", "commercial"]), None);
    }
}
