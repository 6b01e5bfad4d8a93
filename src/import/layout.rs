//! Space-aligned text → blocks: what `pdftotext -layout`, `w3m -dump` and
//! `lynx -dump` print, what a table copied out of a PDF viewer looks like,
//! and the lines [`super::pdf`] rebuilds from a PDF's text layer. A line is
//! a row of positioned tokens (words separated by spaces); positions are in
//! text columns.
//!
//! Outside the table sections (二, 三, 四) lines are joined into paragraphs:
//! a blank line or a line indented past the text's margin starts one, a
//! section heading stands alone, and the spaces a justified or dumped line
//! puts next to Chinese text are dropped. In a table section each run of
//! lines between blank lines is a table: a line ending in numbers is a row,
//! and the lines around it without numbers hold its label, which may wrap
//! over two or three lines with the numbers on any of them. Which row such a
//! line belongs to is decided by the labels: every way of sharing the lines
//! between the two rows around them is tried, and the one whose labels name
//! rows of the section's tables wins. The lines before the first row are the
//! header. When the numbers of the rows line up in columns, each number
//! keeps its column (a blank cell stays blank) and the header words above
//! each column name it; otherwise the numbers are taken in order, and
//! [`super::tables`] checks their count.

use super::cells::{Content, classify};
use super::normalize::{clean_text, is_han};
use super::{Block, Cell, Source, sections, tables};
use crate::schema::Section;
use unicode_width::UnicodeWidthChar;

/// A word of a line and the columns it covers (`x1` exclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
}

/// A line of positioned words; a blank line has none.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub tokens: Vec<Token>,
    pub at: Source,
    /// The page (1-based) the line is on.
    pub page: usize,
}

impl Line {
    fn indent(&self) -> f32 {
        self.tokens.first().map_or(0.0, |t| t.x0)
    }

    fn text(&self) -> String {
        let words: Vec<&str> = self.tokens.iter().map(|t| t.text.as_str()).collect();
        words.join(" ")
    }
}

/// The lines of a text dump. Form feeds (`pdftotext` ends each page with
/// one) start a new page. Columns count characters where the text has form
/// feeds (`pdftotext` places each character in one column) and display
/// width elsewhere (`w3m` and `lynx` align Chinese text by its width).
pub fn text_lines(text: &str) -> Vec<Line> {
    let by_chars = text.contains('\u{c}');
    let mut page = 1;
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let mut line = raw;
        while let Some(rest) = line.strip_prefix('\u{c}') {
            page += 1;
            line = rest;
        }
        let mut tokens: Vec<Token> = Vec::new();
        let mut col = 0.0f32;
        let mut current: Option<Token> = None;
        for c in line.chars() {
            let width = if by_chars {
                1.0
            } else {
                c.width().unwrap_or(0) as f32
            };
            if c.is_whitespace() || c == '\u{c}' {
                tokens.extend(current.take());
            } else {
                let t = current.get_or_insert_with(|| Token {
                    text: String::new(),
                    x0: col,
                    x1: col,
                });
                t.text.push(c);
                t.x1 = col + width;
            }
            col += if c == '\t' { 8.0 - col % 8.0 } else { width };
        }
        tokens.extend(current.take());
        out.push(Line {
            tokens,
            at: Source::Line(i + 1),
            page,
        });
    }
    out
}

/// The blocks of positioned lines of a text dump.
pub fn blocks(lines: &[Line]) -> Vec<Block> {
    blocks_with(lines, false)
}

/// The blocks of lines whose positions are exact (a PDF's text layer):
/// there a line that stops well short of the right margin and ends a
/// sentence ends its paragraph too (list paragraphs, numbered by Word with
/// a hanging indent, start at the margin). A dump's columns are too rough
/// for that: `pdftotext` counts characters, not widths.
pub fn exact_blocks(lines: &[Line]) -> Vec<Block> {
    blocks_with(lines, true)
}

fn blocks_with(lines: &[Line], exact: bool) -> Vec<Block> {
    let lines = without_page_numbers(lines);
    let mut reader = Reader {
        margin: margin(&lines),
        right: exact.then(|| right_edge(&lines)),
        ..Reader::default()
    };
    for (i, line) in lines.iter().enumerate() {
        let new_page = i > 0 && lines[i - 1].page != line.page;
        reader.line(line, new_page);
    }
    reader.flush_paragraph();
    reader.flush_table();
    reader.blocks
}

/// Drops page numbers (`- 3 -`, `— 3 —`, `第 3 页`, `3/12`): a line that
/// is only that, first or last on its page.
fn without_page_numbers(lines: &[Line]) -> Vec<Line> {
    let is_number = |l: &Line| {
        let text: String = l.text().chars().filter(|c| !c.is_whitespace()).collect();
        let core = text
            .trim_matches(['-', '—', '–', '－'])
            .trim_start_matches('第')
            .trim_end_matches('页');
        let core = core.split_once(['/', '共']).map_or(core, |(a, _)| a);
        !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) && text.len() <= 16
    };
    let mut keep = vec![true; lines.len()];
    for i in 0..lines.len() {
        if lines[i].tokens.is_empty() || !is_number(&lines[i]) {
            continue;
        }
        let first = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.tokens.is_empty())
            .is_none_or(|l| l.page != lines[i].page);
        let last = lines[i + 1..]
            .iter()
            .find(|l| !l.tokens.is_empty())
            .is_none_or(|l| l.page != lines[i].page);
        // A lone page's single line is no page number.
        if (first || last) && lines.len() > 1 {
            keep[i] = false;
        }
    }
    drop_running_headers(lines, &mut keep);
    lines
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(l, _)| l.clone())
        .collect()
}

/// Drops running headers and footers: the same short line first or last on
/// three pages or more (on both of a two-page document), such as the
/// report's title or the agency's name over every page. A table's header
/// repeated over a page or two stays, and so does the first page's first
/// line (the title).
fn drop_running_headers(lines: &[Line], keep: &mut [bool]) {
    let pages = lines.iter().map(|l| l.page).max().unwrap_or(1);
    if pages < 2 {
        return;
    }
    // The first and last kept line of each page: (text, index).
    let mut edges: Vec<(String, usize)> = Vec::new();
    for page in 1..=pages {
        let on_page: Vec<usize> = (0..lines.len())
            .filter(|&i| keep[i] && lines[i].page == page && !lines[i].tokens.is_empty())
            .collect();
        for i in [on_page.first(), on_page.last()].into_iter().flatten() {
            if edges.last().is_none_or(|(_, j)| j != i) {
                edges.push((lines[*i].text().split_whitespace().collect(), *i));
            }
        }
    }
    let needed = if pages == 2 { 2 } else { 3 };
    for (text, _) in edges.clone() {
        let at: Vec<usize> = edges
            .iter()
            .filter(|(t, _)| *t == text)
            .map(|(_, i)| *i)
            .collect();
        let on_pages: std::collections::BTreeSet<usize> =
            at.iter().map(|&i| lines[i].page).collect();
        if on_pages.len() >= needed && text.chars().count() <= 60 {
            // Over the first page it is the title, which names the agency.
            let title = edges.first().map(|(_, i)| *i);
            for i in at.into_iter().filter(|&i| Some(i) != title) {
                keep[i] = false;
            }
        }
    }
}

/// Where full lines end: the end of the line nine in ten lines end before.
fn right_edge(lines: &[Line]) -> f32 {
    let mut ends: Vec<f32> = lines
        .iter()
        .filter_map(|l| l.tokens.last().map(|t| t.x1))
        .collect();
    ends.sort_by(f32::total_cmp);
    ends.get(ends.len() * 9 / 10).copied().unwrap_or(f32::MAX)
}

/// The indent of continued lines: the commonest indent of a line that
/// follows another. A line indented past it starts a paragraph.
fn margin(lines: &[Line]) -> f32 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for pair in lines.windows(2) {
        if pair[0].tokens.is_empty() || pair[1].tokens.is_empty() {
            continue;
        }
        let indent = pair[1].indent().round() as i64;
        match counts.iter_mut().find(|(i, _)| *i == indent) {
            Some((_, n)) => *n += 1,
            None => counts.push((indent, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(indent, n)| (n, -indent))
        .map_or(0.0, |(indent, _)| indent as f32)
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    margin: f32,
    /// Where full lines end, when positions are exact.
    right: Option<f32>,
    section: Option<&'static Section>,
    paragraph: Option<(String, Source)>,
    /// The end of the paragraph's last line, when positions are exact.
    last_end: f32,
    table: Vec<Line>,
    /// A blank line was seen: what follows starts anew unless it is on
    /// the next page (a page break inside a paragraph or a table).
    blank: bool,
    origins: usize,
}

impl Reader {
    fn line(&mut self, line: &Line, new_page: bool) {
        if line.tokens.is_empty() {
            self.blank = true;
            return;
        }
        if std::mem::take(&mut self.blank) && !new_page {
            self.flush_paragraph();
            self.flush_table();
        }
        let text = line.text();
        let table_mode = self.section.is_some_and(sections::is_table_section);
        if !table_mode || split_values(line).1.is_empty() {
            let cleaned = clean_text(&text);
            if let Some(section) = sections::heading(&cleaned, self.section) {
                self.flush_paragraph();
                self.flush_table();
                self.push_text(text, line.at);
                self.section = Some(section);
                return;
            }
        }
        if table_mode {
            if self.table.iter().any(|l| !split_values(l).1.is_empty())
                && tables::is_caption(&clean_text(&text), self.section)
            {
                self.flush_table();
            }
            self.table.push(line.clone());
            return;
        }
        let ended = self.right.is_some_and(|right| {
            self.last_end < right - 3.0
                && self
                    .paragraph
                    .as_ref()
                    .and_then(|(p, _)| p.chars().last())
                    .is_some_and(|c| "。！？".contains(c))
        });
        self.last_end = line.tokens.last().map_or(0.0, |t| t.x1);
        match &mut self.paragraph {
            Some((so_far, _)) if line.indent() <= self.margin + 1.0 && !ended => {
                join_line(so_far, &text)
            }
            _ => {
                self.flush_paragraph();
                self.paragraph = Some((text, line.at));
            }
        }
    }

    fn push_text(&mut self, text: String, at: Source) {
        let text = drop_layout_spaces(&text);
        if !text.is_empty() {
            self.blocks.push(Block::Text { text, at });
        }
    }

    fn flush_paragraph(&mut self) {
        if let Some((text, at)) = self.paragraph.take() {
            self.push_text(text, at);
        }
    }

    fn flush_table(&mut self) {
        let lines = std::mem::take(&mut self.table);
        if lines.is_empty() {
            return;
        }
        if lines.iter().all(|l| split_values(l).1.is_empty()) {
            for l in lines {
                self.push_text(l.text(), l.at);
            }
            return;
        }
        let rows = assemble_rows(&lines, self.section);
        let block = self.grid(&lines, rows);
        self.blocks.push(block);
    }

    fn cell(&mut self, raw: String, at: Source, col: usize) -> Cell {
        self.origins += 1;
        Cell {
            raw,
            at,
            origin: self.origins,
            col,
        }
    }

    /// A row's label as its first cell; none when it has no label (section
    /// 四's one row of numbers).
    fn label_cell(&mut self, row: &Row) -> Vec<Cell> {
        if row.label.is_empty() {
            Vec::new()
        } else {
            vec![self.cell(row.label.clone(), row.at, 0)]
        }
    }

    /// The table block: header rows, then each row's label and numbers,
    /// in their columns when the numbers line up.
    fn grid(&mut self, lines: &[Line], rows: Assembled) -> Block {
        let all_values: Vec<&Token> = rows.rows.iter().flat_map(|r| r.values.iter()).collect();
        let widest = rows.rows.iter().map(|r| r.values.len()).max().unwrap_or(0);
        let slots = columns(&all_values).filter(|slots| {
            // As many columns as the fullest row has numbers, each number
            // in a column of its own.
            slots.len() == widest
                && rows.rows.iter().all(|r| {
                    let s: Vec<usize> = r.values.iter().map(|t| slot_of(slots, t)).collect();
                    s.windows(2).all(|w| w[0] < w[1])
                })
        });
        let mut out: Vec<Vec<Cell>> = Vec::new();
        match &slots {
            Some(slots) => {
                // One header row: the words above each column, stacked.
                let mut names = vec![String::new(); slots.len() + 1];
                let at = rows
                    .header
                    .first()
                    .map_or(Source::Line(0), |&i| lines[i].at);
                for &i in &rows.header {
                    for t in &lines[i].tokens {
                        if let Some(k) = header_slot(slots, t) {
                            let name = &mut names[k];
                            if !name.is_empty() {
                                name.push(' ');
                            }
                            name.push_str(&t.text);
                        }
                    }
                }
                if !rows.header.is_empty() {
                    let header: Vec<Cell> = names
                        .into_iter()
                        .enumerate()
                        .map(|(c, raw)| self.cell(raw, at, c))
                        .collect();
                    out.push(header);
                }
                for row in &rows.rows {
                    let mut cells = self.label_cell(row);
                    for k in 0..slots.len() {
                        let value = row.values.iter().find(|t| slot_of(slots, t) == k);
                        let raw = value.map_or(String::new(), |t| t.text.clone());
                        cells.push(self.cell(raw, row.at, k + 1));
                    }
                    out.push(cells);
                }
            }
            None => {
                for &i in &rows.header {
                    let cells = lines[i]
                        .tokens
                        .iter()
                        .enumerate()
                        .map(|(c, t)| self.cell(t.text.clone(), lines[i].at, c))
                        .collect();
                    out.push(cells);
                }
                for row in &rows.rows {
                    let mut cells = self.label_cell(row);
                    for (c, t) in row.values.iter().enumerate() {
                        cells.push(self.cell(t.text.clone(), row.at, c + 1));
                    }
                    out.push(cells);
                }
            }
        }
        Block::Table {
            rows: out,
            aligned: slots.is_some(),
        }
    }
}

/// Joins a wrapped line to the paragraph so far: without a space where
/// Chinese text or a web or e-mail address was cut, with one elsewhere.
fn join_line(so_far: &mut String, next: &str) {
    let last = so_far.chars().last();
    let first = next.chars().next();
    let cjk = |c: Option<char>| c.is_some_and(|c| is_han(c) || !c.is_ascii());
    let cut_address = last.is_some_and(|c| "/.-_@:~?=&%#".contains(c));
    if !(cjk(last) || cjk(first) || cut_address) {
        so_far.push(' ');
    }
    so_far.push_str(next);
}

/// Spaces next to Chinese text are the layout's (justification, a dump's
/// cell padding, a PDF's gaps around Latin words), not the author's.
fn drop_layout_spaces(text: &str) -> String {
    let chars: Vec<char> = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let wide = |c: &char| is_han(*c) || (!c.is_ascii() && !c.is_whitespace());
    let mut out = String::with_capacity(text.len());
    for (i, c) in chars.iter().enumerate() {
        if *c == ' '
            && (chars.get(i.wrapping_sub(1)).is_some_and(wide)
                || chars.get(i + 1).is_some_and(wide))
        {
            continue;
        }
        out.push(*c);
    }
    out
}

/// A line's label words and its trailing numbers (and "/" or dashes). A
/// number run into the label before it (`行政许可0`, as some PDFs give it)
/// is split off.
fn split_values(line: &Line) -> (Vec<Token>, Vec<Token>) {
    let mut tokens: Vec<Token> = Vec::new();
    for t in &line.tokens {
        tokens.extend(split_run_in(t));
    }
    let is_value = |t: &Token| {
        matches!(
            classify(&t.text),
            Content::Number(_) | Content::NotApplicable
        )
    };
    let first_value = tokens
        .iter()
        .rposition(|t| !is_value(t))
        .map_or(0, |i| i + 1);
    let values = tokens.split_off(first_value);
    // A line of dashes alone is a rule, not a row.
    if values
        .iter()
        .all(|t| classify(&t.text) == Content::NotApplicable)
        && tokens.is_empty()
    {
        tokens.extend(values);
        return (tokens, Vec::new());
    }
    (tokens, values)
}

/// `行政许可0` → `行政许可`, `0`; any other token unchanged.
fn split_run_in(t: &Token) -> Vec<Token> {
    let chars: Vec<char> = t.text.chars().collect();
    let digits = chars
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit() || **c == '.' || **c == ',')
        .count();
    let before = chars.len().wrapping_sub(digits + 1);
    let run_in = digits > 0
        && digits < chars.len()
        && chars
            .get(before)
            .is_some_and(|c| is_han(*c) || "）)".contains(*c))
        && chars[chars.len() - digits].is_ascii_digit();
    if !run_in {
        return vec![t.clone()];
    }
    let width = (t.x1 - t.x0) / chars.len() as f32;
    let cut = t.x0 + width * (chars.len() - digits) as f32;
    vec![
        Token {
            text: chars[..chars.len() - digits].iter().collect(),
            x0: t.x0,
            x1: cut,
        },
        Token {
            text: chars[chars.len() - digits..].iter().collect(),
            x0: cut,
            x1: t.x1,
        },
    ]
}

/// A table's rows, each with its label gathered from the lines around it.
struct Assembled {
    /// Lines (indices) of the header, before the first row.
    header: Vec<usize>,
    rows: Vec<Row>,
}

struct Row {
    label: String,
    values: Vec<Token>,
    at: Source,
}

/// Shares the lines without numbers between the rows around them, so that
/// as many labels as possible name rows of the section's tables.
fn assemble_rows(lines: &[Line], section: Option<&Section>) -> Assembled {
    let split: Vec<(Vec<Token>, Vec<Token>)> = lines.iter().map(split_values).collect();
    let data: Vec<usize> = (0..lines.len())
        .filter(|&i| !split[i].1.is_empty())
        .collect();
    let words = |i: usize| -> Vec<String> { split[i].0.iter().map(|t| t.text.clone()).collect() };
    let mut labels: Vec<Vec<String>> = data.iter().map(|&i| words(i)).collect();
    let score = |label: &[String]| tables::row_label_rank(&label.join(" "), section);
    // Before the first row: the header, then perhaps the start of its label.
    let first = data[0];
    let before: Vec<usize> = (0..first).collect();
    // All of it the header unless a label needs some of it.
    let start_score = |s: usize| {
        let mut l: Vec<String> = before[s..].iter().flat_map(|&i| words(i)).collect();
        l.extend(labels[0].iter().cloned());
        one(score(&l))
    };
    let mut best_start = before.len();
    for s in (0..before.len()).rev() {
        if compare(start_score(s), start_score(best_start)) == std::cmp::Ordering::Greater {
            best_start = s;
        }
    }
    let header: Vec<usize> = before[..best_start].to_vec();
    let mut prefix: Vec<String> = before[best_start..]
        .iter()
        .flat_map(|&i| words(i))
        .collect();
    prefix.append(&mut labels[0]);
    labels[0] = prefix;
    for k in 0..data.len() {
        let gap: Vec<usize> = match data.get(k + 1) {
            Some(&next) => (data[k] + 1..next).collect(),
            // After the last row: the rest of its label.
            None => (data[k] + 1..lines.len()).collect(),
        };
        if k + 1 == data.len() {
            let rest: Vec<String> = gap.iter().flat_map(|&i| words(i)).collect();
            labels[k].extend(rest);
            break;
        }
        let own_next = !labels[k + 1].is_empty();
        let candidates: Vec<usize> = if own_next {
            (0..=gap.len()).rev().collect()
        } else {
            (0..=gap.len()).collect()
        };
        let at = |s: usize| {
            let mut a = labels[k].clone();
            a.extend(gap[..s].iter().flat_map(|&i| words(i)));
            let mut b: Vec<String> = gap[s..].iter().flat_map(|&i| words(i)).collect();
            b.extend(labels[k + 1].iter().cloned());
            add(score(&a), score(&b))
        };
        // The first of the best, in the preferred order (ties keep it).
        let mut best = candidates[0];
        for &s in &candidates[1..] {
            if compare(at(s), at(best)) == std::cmp::Ordering::Greater {
                best = s;
            }
        }
        let to_this: Vec<String> = gap[..best].iter().flat_map(|&i| words(i)).collect();
        let mut to_next: Vec<String> = gap[best..].iter().flat_map(|&i| words(i)).collect();
        labels[k].extend(to_this);
        to_next.append(&mut labels[k + 1]);
        labels[k + 1] = to_next;
    }
    let rows = data
        .iter()
        .zip(labels)
        .map(|(&i, label)| Row {
            label: label.join(" "),
            values: split[i].1.clone(),
            at: lines[i].at,
        })
        .collect();
    Assembled { header, rows }
}

/// (labels that name a row, sum of their ranks).
type Score = (usize, f64);

fn one(rank: Option<f64>) -> Score {
    (usize::from(rank.is_some()), rank.unwrap_or(0.0))
}

fn add(a: Option<f64>, b: Option<f64>) -> Score {
    let (a, b) = (one(a), one(b));
    (a.0 + b.0, a.1 + b.1)
}

fn compare(a: Score, b: Score) -> std::cmp::Ordering {
    a.0.cmp(&b.0).then(a.1.total_cmp(&b.1))
}

/// The columns the numbers stand in: numbers whose extents overlap (or
/// nearly touch) share a column. `None` when there are none.
fn columns(values: &[&Token]) -> Option<Vec<(f32, f32)>> {
    let mut spans: Vec<(f32, f32)> = values.iter().map(|t| (t.x0, t.x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f32, f32)> = Vec::new();
    for (x0, x1) in spans {
        match out.last_mut() {
            Some(last) if x0 < last.1 + 0.5 => last.1 = last.1.max(x1),
            _ => out.push((x0, x1)),
        }
    }
    (!out.is_empty()).then_some(out)
}

fn slot_of(slots: &[(f32, f32)], t: &Token) -> usize {
    slots
        .iter()
        .position(|&(x0, x1)| t.x0 < x1 + 0.5 && t.x1 > x0 - 0.5)
        .unwrap_or(usize::MAX)
}

/// The grid column (0 = the labels) a header word stands over: a word over
/// one column only, or left of every column. A word that spans several
/// columns (`法人或其他组织`) names none.
fn header_slot(slots: &[(f32, f32)], t: &Token) -> Option<usize> {
    let first = slots.first()?;
    if t.x1 <= first.0 {
        return Some(0);
    }
    // Each column reaches halfway to its neighbours.
    let bounds: Vec<(f32, f32)> = slots
        .iter()
        .enumerate()
        .map(|(k, &(x0, x1))| {
            let left = if k == 0 {
                f32::MIN
            } else {
                (slots[k - 1].1 + x0) / 2.0
            };
            let right = slots.get(k + 1).map_or(f32::MAX, |n| (x1 + n.0) / 2.0);
            (left, right)
        })
        .collect();
    let hits: Vec<usize> = bounds
        .iter()
        .enumerate()
        .filter(|(_, (l, r))| t.x0 < *r && t.x1 > *l)
        .map(|(k, _)| k)
        .collect();
    match hits.as_slice() {
        [k] => Some(k + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Text { text, .. } => text.clone(),
                Block::Table { rows, .. } => rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| c.raw.as_str())
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .collect()
    }

    #[test]
    fn paragraphs_join_by_indent_and_blank_lines() {
        let text = "    本报告根据《条例》，统计期限为 2024 年 1\n月 1 日止。可在 http://\na.cn 下载。\n    一、总体情况\n    2024 年，我局\n开展工作。\n\nlast one\n";
        let got = texts(&blocks(&text_lines(text)));
        assert_eq!(
            got,
            [
                "本报告根据《条例》，统计期限为2024年1月1日止。可在http://a.cn下载。",
                "一、总体情况",
                "2024年，我局开展工作。",
                "last one"
            ]
        );
    }

    #[test]
    fn wrapped_labels_go_to_the_row_they_name() {
        let text = "三、收到和处理政府信息公开申请情况\n\
            自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n\
            三、本 （一）予以公开               132 24  5   6  16 11 194\n\
            年度办 （二）部分公开（区分处理的，只计这\n\
            \x20                         40   12   0     1   3   1   57\n\
            理结果 一情形，不计其他情形）\n\
            \x20       1.属于国家秘密          1     0   0     0   0   0    1\n";
        let got = texts(&blocks(&text_lines(text)));
        let table = &got[1];
        let rows: Vec<&str> = table.lines().collect();
        assert_eq!(rows.len(), 4, "{table}");
        assert!(
            rows[2].starts_with(
                "年度办 （二）部分公开（区分处理的，只计这 理结果 一情形，不计其他情形）|40"
            ),
            "{table}"
        );
        assert!(rows[3].starts_with("1.属于国家秘密|1"), "{table}");
    }

    #[test]
    fn aligned_numbers_keep_their_columns_and_headers() {
        let text = "二、主动公开政府信息情况\n\
            信息内容     现行有效件数  本年制发件数 本年废止件数\n\
            规章              5             1\n\
            行政规范性文件    30            4            2\n";
        let blocks = blocks(&text_lines(text));
        let Block::Table { rows, aligned } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert!(aligned);
        let raw: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.raw.as_str()).collect())
            .collect();
        assert_eq!(
            raw,
            [
                vec!["信息内容", "现行有效件数", "本年制发件数", "本年废止件数"],
                vec!["规章", "5", "1", ""],
                vec!["行政规范性文件", "30", "4", "2"],
            ]
        );
    }

    #[test]
    fn running_headers_and_page_numbers_end_no_section() {
        let page = |n: usize, body: &str| {
            format!(
                "  洪泽区人民政府2023年政府信息公开工作年度报告\n{body}\n                  -{n}-\n\u{c}"
            )
        };
        let text = [
            page(1, "一、总体情况\n   第一段开头，\n接着写。"),
            page(2, "五、存在的主要问题及改进情况\n   问题的文字，\n跨页"),
            page(
                3,
                "继续写完。\n六、其他需要报告的事项\n   全年收取信息处理费 0 元。",
            ),
        ]
        .concat();
        let got = texts(&blocks(&text_lines(&text)));
        assert_eq!(
            got,
            [
                "洪泽区人民政府2023年政府信息公开工作年度报告",
                "一、总体情况",
                "第一段开头，接着写。",
                "五、存在的主要问题及改进情况",
                "问题的文字，跨页继续写完。",
                "六、其他需要报告的事项",
                "全年收取信息处理费0元。"
            ]
        );
    }

    #[test]
    fn page_numbers_and_run_in_numbers() {
        let text = "一、总体情况\n正文。\n- 1 -\n\u{c}二、主动公开政府信息情况\n行政许可0\n";
        let got = texts(&blocks(&text_lines(text)));
        assert_eq!(got[..2], ["一、总体情况", "正文。"]);
        assert_eq!(got[3], "行政许可|0");
    }
}
