//! Table rows of a published report → cells of the report.
//!
//! A row is placed by its label (the last text cell before the numbers),
//! matched against the rows of the current section's tables in the schema;
//! a row of numbers without a label is section 四's single printed row. The
//! numbers go to the columns named by the header above them when the layout
//! keeps columns aligned (HTML) and the header names every one, else in the
//! schema's column order. Blank cells and "/" read as 0 (and are counted in
//! a note); anything else that is not a number is listed, never guessed.
//! Printed totals are compared with the sums of their parts, and one that
//! disagrees is kept as printed and reported; a table seen
//! twice must repeat the same numbers.

use super::cells::{Content, classify};
use super::normalize::{best_match, best_match_ranked, label_key};
use super::{Cell, Source, Unplaced};
use crate::model::Report;
use crate::problem::{Problem, Target};
use crate::schema::{self, CellId, CellKind, Lang, Layout, Section};
use crate::validate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

/// Places table rows and keeps what is needed to check them at the end.
pub struct Placer {
    lang: Lang,
    placed: HashMap<CellId, (Decimal, Source)>,
    printed_totals: Vec<(CellId, Decimal, Source)>,
    /// Published totals that do not add up, kept as printed.
    pub kept_totals: Vec<CellId>,
    /// Groups printed as one row (`（六）其他处理`): the catch-all row
    /// their numbers went to, and the label as printed.
    unsplit: BTreeMap<CellId, String>,
    rows_seen: BTreeSet<(usize, usize)>,
    /// Tables seen again with the same numbers: table → where the repeat was.
    repeated: BTreeMap<usize, Source>,
    blanks: usize,
    not_applicable: usize,
    pub unplaced: Vec<Unplaced>,
    pub problems: Vec<Problem>,
    pub notes: Vec<String>,
}

impl Placer {
    pub fn new(lang: Lang) -> Placer {
        Placer {
            lang,
            placed: HashMap::new(),
            printed_totals: Vec::new(),
            kept_totals: Vec::new(),
            unsplit: BTreeMap::new(),
            rows_seen: BTreeSet::new(),
            repeated: BTreeMap::new(),
            blanks: 0,
            not_applicable: 0,
            unplaced: Vec::new(),
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// How many cells have been filled from the document (a repeated
    /// table's cells once).
    pub fn placed_count(&self) -> usize {
        self.placed.len()
    }

    /// Places the rows of one table block found in `section`.
    pub fn place(&mut self, rows: &[Vec<Cell>], aligned: bool, section: Option<&Section>) {
        let tables = candidates(section);
        let mut header: Option<&[Cell]> = None;
        let mut groups: Vec<String> = Vec::new();
        for row in rows {
            let cells = distinct(row);
            let contents: Vec<Content> = cells.iter().map(|c| classify(&c.raw)).collect();
            let is_number = |c: &Content| matches!(c, Content::Number(_) | Content::Garbled);
            let first_number = contents.iter().position(is_number);
            let label_without_numbers = first_number
                .is_none()
                .then(|| self.label_without_numbers(&contents, &groups, &tables))
                .flatten();
            if first_number.is_none() && label_without_numbers.is_none() {
                let labels: Vec<&str> = contents
                    .iter()
                    .filter_map(|c| match c {
                        Content::Label(l) => Some(l.as_str()),
                        _ => None,
                    })
                    .collect();
                let caption = matches!(labels.as_slice(), [one] if is_caption(one, section));
                if !labels.is_empty() && !caption {
                    header = Some(row);
                }
                continue;
            }
            let first_number = first_number.unwrap_or(contents.len());
            let last_label = label_without_numbers.or_else(|| {
                contents
                    .iter()
                    .rposition(|c| matches!(c, Content::Label(_)))
            });
            if last_label.is_some_and(|l| l > first_number) {
                self.unplace_row(
                    &cells,
                    self.t(
                        "数字之后还有文字，无法判断各数字所属的列",
                        "text after the numbers: the columns cannot be told",
                    ),
                );
                continue;
            }
            let labels: Vec<&str> = contents[..last_label.map_or(0, |l| l + 1)]
                .iter()
                .filter_map(|c| match c {
                    Content::Label(l) => Some(l.as_str()),
                    _ => None,
                })
                .collect();
            if let Some((_, outer)) = labels.split_last()
                && !outer.is_empty()
            {
                groups = outer.iter().map(|s| s.to_string()).collect();
            }
            let start = last_label.map_or(0, |l| l + 1);
            let values: Vec<(&Cell, Content)> = cells[start..]
                .iter()
                .copied()
                .zip(contents[start..].iter().cloned())
                .collect();
            match labels.last() {
                Some(label) if let Some(id) = unsplit_group(label, &tables) => {
                    self.unsplit.entry(id).or_insert(label.to_string());
                    self.place_row(id, &cells, values, header.filter(|_| aligned));
                }
                Some(label) => match self.match_row(label, &groups, &tables) {
                    Some(id) => self.place_row(id, &cells, values, header.filter(|_| aligned)),
                    None => self.unplace_row(
                        &cells,
                        &format!(
                            "{}“{label}”{}",
                            self.t("行名", "the row "),
                            self.t(
                                "不是本节表格中的行",
                                " is not a row of this section's tables"
                            )
                        ),
                    ),
                },
                None => self.place_one_line(&cells, values, &tables),
            }
        }
    }

    /// The position of the row label of a row without a plain number:
    /// `规章 | / | / | /` (blank or "/" cells), or `行政许可 | 5件` (a value
    /// with a unit, which must be reported, not taken for a header). Only a
    /// label holding a whole row label counts (a header's `总计` must not
    /// pass for `（七）总计`), and only when the cells after it fit its table.
    fn label_without_numbers(
        &self,
        contents: &[Content],
        groups: &[String],
        tables: &[usize],
    ) -> Option<usize> {
        let value_like = |c: &Content| match c {
            Content::Blank | Content::NotApplicable => true,
            Content::Label(l) => l.chars().any(|c| c.is_ascii_digit()),
            _ => false,
        };
        contents.iter().enumerate().find_map(|(i, c)| {
            let Content::Label(label) = c else {
                return None;
            };
            let after = &contents[i + 1..];
            if after.is_empty() || !after.iter().all(value_like) {
                return None;
            }
            let id = self
                .match_row(label, groups, tables)
                .filter(|id| label_key(label).contains(&label_key(id.row_def().label.zh)))?;
            let ncols = id.table_def().columns.len();
            let mut n = after.len();
            while n > ncols && after[n - 1] == Content::Blank {
                n -= 1;
            }
            (n == ncols).then_some(i)
        })
    }

    fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }

    /// The row a label names: by the label alone, else with its group
    /// headings (`（三）不予公开` + `1.属于国家秘密`).
    fn match_row(&self, label: &str, groups: &[String], tables: &[usize]) -> Option<CellId> {
        let rows: Vec<(CellId, [String; 3])> = tables
            .iter()
            .filter(|&&t| schema::table(t).layout == Layout::Grid)
            .flat_map(|&t| {
                schema::table(t)
                    .rows
                    .iter()
                    .enumerate()
                    .map(move |(row, r)| {
                        let grouped: String =
                            r.groups.iter().map(|g| g.zh).chain([r.label.zh]).collect();
                        let id = CellId {
                            table: t,
                            row,
                            col: 0,
                        };
                        (
                            id,
                            [r.label.zh.to_string(), r.label.en.to_string(), grouped],
                        )
                    })
            })
            .collect();
        let alone = rows
            .iter()
            .map(|(id, l)| (*id, [l[0].as_str(), l[1].as_str()]));
        let alone: Vec<(CellId, [&str; 2])> = alone.collect();
        if let Some(id) = best_match(label, alone.iter().map(|(id, l)| (*id, &l[..]))) {
            return Some(id);
        }
        let context = format!("{}{label}", groups.concat());
        let grouped: Vec<(CellId, [&str; 1])> =
            rows.iter().map(|(id, l)| (*id, [l[2].as_str()])).collect();
        best_match(&context, grouped.iter().map(|(id, l)| (*id, &l[..])))
    }

    fn place_row(
        &mut self,
        first: CellId,
        cells: &[&Cell],
        values: Vec<(&Cell, Content)>,
        header: Option<&[Cell]>,
    ) {
        let ncols = first.table_def().columns.len();
        // Trailing blank cells may be padding: count up to the last filled one.
        let found = values
            .iter()
            .rposition(|(_, c)| *c != Content::Blank)
            .map_or(0, |i| i + 1);
        let Some(values) = fit(values, ncols) else {
            let reason = match self.lang {
                Lang::Zh => format!(
                    "“{}”行有 {found} 个数字，应为 {ncols} 个",
                    first.row_def().label.zh
                ),
                Lang::En => format!(
                    "the row “{}” has {found} numbers, not {ncols}",
                    first.row_def().label.en
                ),
            };
            return self.unplace_row(cells, &reason);
        };
        self.rows_seen.insert((first.table, first.row));
        let columns = header
            .and_then(|h| header_columns(h, &values, first.table))
            .unwrap_or_else(|| (0..ncols).collect());
        for ((cell, content), col) in values.into_iter().zip(columns) {
            self.put(CellId { col, ..first }, cell, content);
        }
    }

    /// Section 四's one printed row: every row's cells side by side.
    fn place_one_line(&mut self, cells: &[&Cell], values: Vec<(&Cell, Content)>, tables: &[usize]) {
        let fitting = tables.iter().copied().find(|&t| {
            let def = schema::table(t);
            def.layout == Layout::OneLine
                && fit(values.clone(), def.rows.len() * def.columns.len()).is_some()
        });
        let Some(table) = fitting else {
            return self.unplace_row(
                cells,
                self.t(
                    "没有行名，且数字个数与本节表格不符",
                    "no row label, and the count of numbers fits no table of this section",
                ),
            );
        };
        let def = schema::table(table);
        let ncols = def.columns.len();
        let values = fit(values, def.rows.len() * ncols).unwrap_or_default();
        for (k, (cell, content)) in values.into_iter().enumerate() {
            self.rows_seen.insert((table, k / ncols));
            self.put(
                CellId {
                    table,
                    row: k / ncols,
                    col: k % ncols,
                },
                cell,
                content,
            );
        }
    }

    fn put(&mut self, id: CellId, cell: &Cell, content: Content) {
        let value = match content {
            Content::Number(d) => d,
            Content::Blank | Content::NotApplicable if id.is_computed() => return,
            Content::Blank => {
                self.blanks += 1;
                Decimal::ZERO
            }
            Content::NotApplicable => {
                self.not_applicable += 1;
                Decimal::ZERO
            }
            Content::Garbled | Content::Label(_) => {
                let reason = match self.lang {
                    Lang::Zh => format!("不是数字（{}）", id.label(self.lang)),
                    Lang::En => format!("not a number ({})", id.label(self.lang)),
                };
                return self.unplace(cell.at, &cell.raw, reason);
            }
        };
        // The reader's own rules, so that what is imported opens again.
        let fits = match id.column_def().kind {
            CellKind::Count if value.fract().is_zero() && value <= Decimal::from(u32::MAX) => {
                Ok(())
            }
            CellKind::Count => Err(self
                .t(
                    "件数应为 0 到 4294967295 的整数",
                    "a count must be a whole number up to 4294967295",
                )
                .to_string()),
            CellKind::Money => crate::values::parse_money(&value.to_string())
                .map(|_| ())
                .map_err(|e| e.message(self.lang)),
        };
        if let Err(rule) = fits {
            let reason = match self.lang {
                Lang::Zh => format!("{rule}（{}）", id.label(self.lang)),
                Lang::En => format!("{rule} ({})", id.label(self.lang)),
            };
            return self.unplace(cell.at, &cell.raw, reason);
        }
        if id.is_computed() {
            self.printed_totals.push((id, value, cell.at));
            return;
        }
        match self.placed.get(&id) {
            None => {
                self.placed.insert(id, (value, cell.at));
            }
            Some(&(first, _)) if first == value => {
                self.repeated.entry(id.table).or_insert(cell.at);
            }
            Some(&(first, first_at)) => {
                let msg = match self.lang {
                    Lang::Zh => format!(
                        "表格重复出现，数字不同：{}为 {first}，此处为 {value}；保留第一次的数字，请核实",
                        first_at.describe(self.lang)
                    ),
                    Lang::En => format!(
                        "the table appears twice with different numbers: {first} at {}, {value} here; the first is kept, please verify",
                        first_at.describe(self.lang)
                    ),
                };
                self.problems.push(self.located(id, cell.at, msg));
            }
        }
    }

    /// A problem about a cell of the document.
    fn located(&self, id: CellId, at: Source, message: String) -> Problem {
        let mut place = validate::cell_place(id, self.lang);
        if at.line().is_none() {
            place = format!("{}，{place}", at.describe(self.lang));
        }
        let mut p = Problem::error(id.path(), place, message).target(Target::Cell(id));
        if let Some(line) = at.line() {
            p = p.at(line, 1);
        }
        p
    }

    fn unplace(&mut self, at: Source, raw: &str, reason: String) {
        self.unplaced.push(Unplaced {
            at,
            raw: raw.trim().to_string(),
            reason,
        });
    }

    fn unplace_row(&mut self, cells: &[&Cell], reason: &str) {
        let raw: Vec<&str> = cells.iter().map(|c| c.raw.trim()).collect();
        let at = cells.first().map_or(Source::Line(0), |c| c.at);
        self.unplace(
            at,
            raw.join(" | ").trim_matches([' ', '|']),
            reason.to_string(),
        );
    }

    /// Applies the placed numbers and reports what the document lacked or
    /// got wrong: printed totals that disagree, tables or rows not found.
    pub fn finish(&mut self, report: &mut Report) {
        for (id, (value, _)) in &self.placed {
            report.set_cell_raw(*id, *value);
        }
        report.recompute();
        // What was published is kept: a total that does not add up is
        // stored as printed, so that `check` reports the publication's
        // fault instead of the import hiding it.
        let mut disagreeing = Vec::new();
        for (id, printed, at) in std::mem::take(&mut self.printed_totals) {
            let sum = report.cell(id);
            if sum != printed {
                let msg = match self.lang {
                    Lang::Zh => format!(
                        "发布的合计为 {printed}，但各项之和为 {sum}；已按发布的数字保存，请核实后更正"
                    ),
                    Lang::En => format!(
                        "the published total is {printed}, but its parts add up to {sum}; it is kept as published: verify and correct it"
                    ),
                };
                self.problems.push(self.located(id, at, msg));
                disagreeing.push((id, printed));
            }
        }
        for (id, printed) in disagreeing {
            report.set_cell_raw(id, printed);
            if !self.kept_totals.contains(&id) {
                self.kept_totals.push(id);
            }
        }
        // A group printed as one row stands for all its rows.
        for (id, printed) in std::mem::take(&mut self.unsplit) {
            let def = id.table_def();
            let group = def.rows[id.row].groups.last().copied();
            for (r, row) in def.rows.iter().enumerate() {
                if row.groups.last().copied() == group {
                    self.rows_seen.insert((id.table, r));
                }
            }
            let into = def.rows[id.row].label.get(self.lang);
            self.notes.push(match self.lang {
                Lang::Zh => format!(
                    "发布的报告把“{printed}”印作一行、未分各项：其数字放入“{into}”，其余各项按 0 处理"
                ),
                Lang::En => format!(
                    "the publication prints “{printed}” as one row, not split into its rows: its numbers went to “{into}”, the other rows read as 0"
                ),
            });
        }
        let printed_rows: BTreeSet<(usize, usize)> = self
            .placed
            .keys()
            .map(|c| (c.table, c.row))
            .chain(self.rows_seen.iter().copied())
            .collect();
        for (table, (section, def)) in schema::tables().enumerate() {
            let name = if def.caption.zh.is_empty() {
                section.heading(self.lang)
            } else {
                format!(
                    "{} {}",
                    section.heading(self.lang),
                    def.caption.get(self.lang)
                )
            };
            let missing: Vec<&str> = (0..def.rows.len())
                .filter(|&r| !printed_rows.contains(&(table, r)))
                .map(|r| def.rows[r].label.get(self.lang))
                .collect();
            if missing.len() == def.rows.len() {
                let msg = match self.lang {
                    Lang::Zh => format!("未找到表格“{name}”，其中的数字按 0 处理"),
                    Lang::En => format!("the table “{name}” was not found; its numbers read as 0"),
                };
                self.problems
                    .push(Problem::error(def.key, name.clone(), msg));
            } else if !missing.is_empty() {
                self.notes.push(match self.lang {
                    Lang::Zh => format!(
                        "{name}：发布的表格中没有“{}”行，按 0 处理（合计由程序计算）",
                        missing.join("”“")
                    ),
                    Lang::En => format!(
                        "{name}: the published table lacks the row(s) “{}”, read as 0 (totals are computed)",
                        missing.join("”, “")
                    ),
                });
            }
            if let Some(at) = self.repeated.get(&table) {
                self.notes.push(match self.lang {
                    Lang::Zh => format!(
                        "{name}：表格在{}再次出现，数字相同，已忽略",
                        at.describe(self.lang)
                    ),
                    Lang::En => format!(
                        "{name}: the table appears again at {} with the same numbers; ignored",
                        at.describe(self.lang)
                    ),
                });
            }
        }
        if self.blanks + self.not_applicable > 0 {
            self.notes.push(match self.lang {
                Lang::Zh => format!(
                    "{} 个空白单元格和 {} 个“/”（不适用）按 0 处理",
                    self.blanks, self.not_applicable
                ),
                Lang::En => format!(
                    "{} blank cell(s) and {} “/” (not applicable) read as 0",
                    self.blanks, self.not_applicable
                ),
            });
        }
    }
}

/// The catch-all row (`3.其他`) of the group a label names when a
/// publication prints the group as one row (`（六）其他处理` without its
/// three rows): only a group whose last row is its 其他 takes the numbers,
/// and only a label naming the group, not one of its rows.
fn unsplit_group(label: &str, tables: &[usize]) -> Option<CellId> {
    let key = label_key(label);
    tables
        .iter()
        .filter(|&&t| schema::table(t).layout == Layout::Grid)
        .find_map(|&t| {
            let rows = schema::table(t).rows;
            let last_of_group = (0..rows.len()).filter(|&r| {
                let group = rows[r].groups.last();
                group.is_some() && rows.get(r + 1).is_none_or(|n| n.groups.last() != group)
            });
            last_of_group
                .filter(|&r| {
                    let group = rows[r]
                        .groups
                        .last()
                        .map_or(String::new(), |g| label_key(g.zh));
                    label_key(rows[r].label.zh).contains("其他")
                        && rows
                            .iter()
                            .filter(|x| x.groups.last() == rows[r].groups.last())
                            .count()
                            > 1
                        && key == group
                })
                .map(|row| CellId {
                    table: t,
                    row,
                    col: 0,
                })
                .next()
        })
}

/// Whether `text` is the caption of one of the section's tables
/// (`第二十条第（一）项`), which carries no numbers.
pub fn is_caption(text: &str, section: Option<&Section>) -> bool {
    let options: Vec<(usize, [&str; 2])> = candidates(section)
        .into_iter()
        .map(|t| (t, schema::table(t).caption))
        .filter(|(_, c)| !c.zh.is_empty())
        .map(|(t, c)| (t, [c.zh, c.en]))
        .collect();
    best_match(text, options.iter().map(|(t, l)| (*t, &l[..]))).is_some()
}

/// Whether a line is a piece of a table's header that the reader did not
/// attach to its table (a PDF's header cells broken over lines: `结果维持`,
/// `尚未审结`, `总计总计`): every character of it, spaces and brackets
/// aside, stands in the headers of the section's tables, and it has no
/// digit. Such a line carries nothing to place and is not worth a note.
pub fn is_header_fragment(text: &str, section: Option<&Section>) -> bool {
    // The characters of each section's headers, gathered once; "" for all.
    static HEADERS: LazyLock<HashMap<&'static str, BTreeSet<char>>> = LazyLock::new(|| {
        let mut headers: HashMap<&'static str, BTreeSet<char>> = HashMap::new();
        for (section, def) in schema::tables() {
            // The section's heading names what a header groups (行政诉讼).
            let mut text = section.heading(Lang::Zh);
            text.push_str(def.corner.zh);
            for c in def.columns {
                text.push_str(c.label.zh);
                c.groups.iter().for_each(|g| text.push_str(g.zh));
            }
            if def.layout == Layout::OneLine {
                def.rows.iter().for_each(|r| text.push_str(r.label.zh));
            }
            for key in [section.key, ""] {
                headers.entry(key).or_default().extend(text.chars());
            }
        }
        headers
    });
    let Some(header) = HEADERS.get(section.map_or("", |s| s.key)) else {
        return false;
    };
    let mut chars = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"（）()：:".contains(*c))
        .peekable();
    chars.peek().is_some() && chars.all(|c| !c.is_ascii_digit() && header.contains(&c))
}

/// How well `label` names one row of the section's tables (its label
/// alone, extra words allowed): the rank of the one acceptable match, or
/// `None`. Readers that rebuild rows from wrapped lines use it to tell
/// which row a line of a label belongs to.
pub fn row_label_rank(label: &str, section: Option<&Section>) -> Option<f64> {
    let rows: Vec<(CellId, [&str; 2])> = candidates(section)
        .into_iter()
        .filter(|&t| schema::table(t).layout == Layout::Grid)
        .flat_map(|t| {
            schema::table(t)
                .rows
                .iter()
                .enumerate()
                .map(move |(row, r)| {
                    (
                        CellId {
                            table: t,
                            row,
                            col: 0,
                        },
                        [r.label.zh, r.label.en],
                    )
                })
        })
        .collect();
    best_match_ranked(label, rows.iter().map(|(id, l)| (*id, &l[..]))).map(|(_, rank)| rank)
}

/// The tables a row may belong to: the section's, or every table when the
/// section is unknown.
fn candidates(section: Option<&Section>) -> Vec<usize> {
    schema::tables()
        .enumerate()
        .filter(|(_, (s, _))| section.is_none_or(|sec| sec.key == s.key))
        .map(|(i, _)| i)
        .collect()
}

/// The row's cells, each spanning cell once (a `colspan` repeats it).
fn distinct(row: &[Cell]) -> Vec<&Cell> {
    let mut out: Vec<&Cell> = Vec::new();
    for cell in row {
        if out.last().is_none_or(|last| last.origin != cell.origin) {
            out.push(cell);
        }
    }
    out
}

/// Exactly `n` values: blank cells beyond them are padding (the text layout
/// pads rows to the widest); any other count does not fit.
fn fit(mut values: Vec<(&Cell, Content)>, n: usize) -> Option<Vec<(&Cell, Content)>> {
    while values.len() > n && values.last().is_some_and(|(_, c)| *c == Content::Blank) {
        values.pop();
    }
    (values.len() == n).then_some(values)
}

/// The schema column of each value, read from the header cell above it;
/// `None` unless every value's header names a different column.
fn header_columns(
    header: &[Cell],
    values: &[(&Cell, Content)],
    table: usize,
) -> Option<Vec<usize>> {
    let def = schema::table(table);
    let options: Vec<(usize, [&str; 2])> = def
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| (i, [c.label.zh, c.label.en]))
        .collect();
    let mut columns = Vec::with_capacity(values.len());
    for (cell, _) in values {
        let above = header.iter().find(|h| h.col == cell.col)?;
        let col = best_match(&above.raw, options.iter().map(|(i, l)| (*i, &l[..])))?;
        if columns.contains(&col) {
            return None;
        }
        columns.push(col);
    }
    Some(columns)
}

#[cfg(test)]
mod header_fragment_tests {
    use super::is_header_fragment;
    use crate::schema;

    fn section(key: &str) -> &'static schema::Section {
        schema::tables()
            .map(|(s, _)| s)
            .find(|s| s.key == key)
            .expect("a section with tables")
    }

    #[test]
    fn a_header_broken_over_lines_is_a_fragment_and_prose_or_numbers_are_not() {
        let appeals = schema::tables()
            .find(|(_, t)| t.key == "appeals")
            .map(|(s, _)| s.key)
            .unwrap();
        let four = Some(section(appeals));
        // Lines of the real 洪泽区 2023 PDF's section 四 header.
        for line in [
            "行政复议行政诉讼",
            "结果结果其他尚未",
            "总计总计",
            "维持纠正结果审结",
        ] {
            assert!(is_header_fragment(line, four), "{line}");
        }
        for line in ["本机关无行政复议", "总计 11", "", "  "] {
            assert!(!is_header_fragment(line, four), "{line}");
        }
    }
}
