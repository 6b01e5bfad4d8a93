//! Drawing 核对: the key figures of each step (walked from the schema), the
//! publication deadline, then every error and warning, one per line (the
//! warnings marked as reviewed last, quieter, with their reason), the
//! selected one written out in full at the bottom; with last year's report,
//! then its five largest changes and the texts with sentences kept from it
//! ([`super::last_year`]). Enter on a line jumps to its field or cell; F3
//! marks or unmarks the selected warning.

use super::app::App;
use super::messages;
use super::theme::Theme;
use super::view::{severity_style, short_step_name};
use crate::entry::focus::{StepPart, parts_of_step};
use crate::inert;
use crate::problem::{Problem, Severity, tally};
use crate::schema::{self, CellId, FieldId, FieldKind, Lang, ROLES};
use crate::validate;
use crate::width::{truncate, width as text_width, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

/// Lines at the bottom for the selected problem in full.
const DETAIL_LINES: u16 = 3;

/// Draws the review page; the cursor sits on the selected problem.
pub fn draw(buf: &mut Buffer, page: Rect, app: &App, theme: &Theme) -> Option<Position> {
    let lang = app.lang;
    let mut y = page.y;
    let summary = summary(app);
    buf.set_string(
        page.x,
        y,
        lang.pick("主要数字", "Key figures"),
        theme.heading(),
    );
    y += 1;
    for line in summary
        .iter()
        .flat_map(|l| summary_lines(l, page.width as usize))
    {
        buf.set_string(
            page.x,
            y,
            truncate(&line, page.width as usize),
            Style::new(),
        );
        y += 1;
    }
    y += 1;
    // The deadline, a note above the problems (never counted).
    if let Some(note) = app.deadline_note() {
        for line in wrap(&note, page.width as usize) {
            buf.set_string(page.x, y, line, theme.dim());
            y += 1;
        }
    }
    let items = app.review_items();
    // After the problems, last year's largest changes and kept texts.
    let extra = super::last_year::entries(app);
    let (errors, warnings) = tally(&app.problems);
    let reviewed = items.iter().filter(|p| !p.counts()).count();
    let head = if items.is_empty() {
        messages::no_problems(lang).to_string()
    } else {
        messages::review_head(errors, warnings, reviewed, lang)
    };
    let head_style = if errors > 0 {
        theme.error()
    } else {
        theme.heading()
    };
    buf.set_string(page.x, y, truncate(&head, page.width as usize), head_style);
    y += 1;
    let list_bottom = page.bottom().saturating_sub(DETAIL_LINES + 1);
    let room = list_bottom.saturating_sub(y) as usize;
    let total = items.len() + extra.len();
    if room == 0 || total == 0 {
        return None;
    }
    let text_of = |i: usize| match items.get(i) {
        Some(p) => line_text(p, lang),
        None => inert::screen(&extra[i - items.len()].text),
    };
    let selected = app.review_selected.min(total - 1);
    let start = (selected + 1).saturating_sub(room);
    let mut cursor = None;
    for i in (start..total).take(room) {
        let text = text_of(i);
        let style = match items.get(i) {
            _ if i == selected => {
                cursor = Some(Position::new(page.x, y));
                theme.focus()
            }
            Some(p) if p.reviewed.is_some() => theme.dim(),
            Some(p) => severity_style(theme, Some(p.severity)),
            None => Style::new(),
        };
        buf.set_string(page.x, y, truncate(&text, page.width as usize), style);
        y += 1;
    }
    let full = text_of(selected);
    for (i, line) in wrap(&full, page.width as usize)
        .iter()
        .take(DETAIL_LINES as usize)
        .enumerate()
    {
        buf.set_string(page.x, list_bottom + 1 + i as u16, line, Style::new());
    }
    cursor
}

/// A problem as 核对 lists it: `[警告] place: message`, or for a reviewed
/// warning `[已确认，理由：…] place: message`.
fn line_text(p: &Problem, lang: Lang) -> String {
    let text = match &p.reviewed {
        Some(reason) => messages::reviewed_warning(&p.describe(), reason, lang),
        None => format!("{} {}", severity_word(p.severity, lang), p.describe()),
    };
    inert::screen(&text)
}

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Zh) => "[错误]",
        (Severity::Warning, Lang::Zh) => "[警告]",
        (Severity::Error, Lang::En) => "[error]",
        (Severity::Warning, Lang::En) => "[warning]",
    }
}

/// One line per step with its key figures.
pub fn summary(app: &App) -> Vec<String> {
    let lang = app.lang;
    (0..schema::SECTIONS.len())
        .map(|step| {
            let step_parts = parts_of_step(step);
            let sets: Vec<usize> = step_parts
                .iter()
                .filter_map(|p| match p {
                    StepPart::Fields(set) => Some(*set),
                    StepPart::Table(_) => None,
                })
                .collect();
            let fields = (!sets.is_empty()).then(|| fields_summary(app, &sets));
            let tables = step_parts.iter().filter_map(|p| match p {
                StepPart::Table(t) => Some(table_summary(app, *t)),
                StepPart::Fields(_) => None,
            });
            let parts: Vec<String> = fields
                .into_iter()
                .chain(tables)
                .filter(|s| !s.is_empty())
                .collect();
            // `II: …` rather than `II.: …`.
            let name = short_step_name(step, lang);
            let name = name.trim_end_matches('.');
            match lang {
                Lang::Zh => format!("{name}：{}", parts.join("；")),
                Lang::En => format!("{name}: {}", parts.join("; ")),
            }
        })
        .collect()
}

/// A key-figures line as drawn at `width`: whole, or broken after a `，`,
/// `；`, `, ` or `; ` so that no figure is split, each further line indented
/// under the first figure (past `二：`). A part longer than a line (a long
/// name) is wrapped as text.
pub fn summary_lines(line: &str, width: usize) -> Vec<String> {
    if text_width(line) <= width {
        return vec![line.to_string()];
    }
    let indent = line
        .find(['：', ':'])
        .map(|i| {
            let head = &line[..i];
            let colon = if line[i..].starts_with('：') {
                "："
            } else {
                ": "
            };
            text_width(head) + text_width(colon)
        })
        .unwrap_or(0)
        .min(width / 2);
    let pad = " ".repeat(indent);
    let mut out: Vec<String> = vec![String::new()];
    for piece in pieces(line) {
        let room = |lines: &Vec<String>| width - if lines.len() > 1 { indent } else { 0 };
        let used = text_width(out.last().expect("a line"));
        if used > 0 && used + text_width(piece.trim_end()) > room(&out) {
            out.push(String::new());
        }
        let room = room(&out);
        let line = out.last_mut().expect("a line");
        if line.is_empty() && text_width(piece.trim_end()) > room {
            // Longer than a line by itself (a long name): wrapped as text,
            // to the width of the indented lines it goes on to.
            let mut wrapped = wrap(piece.trim_end(), width - indent);
            if piece.ends_with(' ') {
                wrapped.last_mut().expect("a line").push(' ');
            }
            line.push_str(&wrapped[0]);
            out.extend(wrapped.into_iter().skip(1));
        } else {
            line.push_str(if line.is_empty() {
                piece.trim_start()
            } else {
                piece
            });
        }
    }
    out.into_iter()
        .enumerate()
        .map(|(i, l)| match (i, l.trim_end()) {
            (0, l) => l.to_string(),
            (_, l) => format!("{pad}{l}"),
        })
        .collect()
}

/// The line cut after each separator, the separator (and its space) kept
/// with the piece before it.
fn pieces(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            '：' | '，' | '；' => i + c.len_utf8(),
            ':' | ',' | ';' if chars.next_if(|(_, n)| *n == ' ').is_some() => i + 2,
            _ => continue,
        };
        out.push(&line[start..end]);
        start = end;
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

/// The texts of a step: how many are filled and how long they are; for a
/// step of one-line fields (报告信息), the agency, the year and the level
/// (the fields the rules name by role), and how many of the rest are filled.
fn fields_summary(app: &App, sets: &[usize]) -> String {
    let lang = app.lang;
    let ids: Vec<FieldId> = sets
        .iter()
        .flat_map(|&set| {
            (0..schema::field_set(set).fields.len()).map(move |field| FieldId { set, field })
        })
        .collect();
    let filled = |ids: &[FieldId]| {
        ids.iter()
            .filter(|f| !app.report.text(**f).trim().is_empty())
            .count()
    };
    if ids.iter().any(|f| f.field().kind == FieldKind::Paragraphs) {
        let chars: usize = ids
            .iter()
            .map(|f| {
                app.report
                    .text(*f)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count()
            })
            .sum();
        let (filled, total) = (filled(&ids), ids.len());
        return match lang {
            Lang::Zh => format!("已填 {filled}/{total} 项，共 {chars} 字"),
            Lang::En => format!("{filled}/{total} filled, {chars} characters"),
        };
    }
    let roles = [ROLES.agency(), ROLES.year(), ROLES.level()];
    let (named, rest): (Vec<FieldId>, Vec<FieldId>) = ids.iter().partition(|f| roles.contains(f));
    let mut parts: Vec<String> = named
        .iter()
        .filter_map(|f| {
            let v = app.report.text(*f).trim();
            if v.is_empty() {
                return None;
            }
            Some(match f.field().kind {
                FieldKind::Choice(choices) => choices
                    .iter()
                    .find(|c| c.key == v)
                    .map_or(inert::screen(v), |c| c.label.get(lang).to_string()),
                _ => inert::screen(v),
            })
        })
        .collect();
    if !rest.is_empty() {
        let (filled, total) = (filled(&rest), rest.len());
        parts.push(match lang {
            Lang::Zh => format!("其余已填 {filled}/{total} 项"),
            Lang::En => format!("{filled}/{total} other fields filled"),
        });
    }
    parts.join(lang.pick("，", ", "))
}

fn table_summary(app: &App, table: usize) -> String {
    let lang = app.lang;
    let def = schema::table(table);
    let total_col = def.columns.iter().position(|c| !c.sum_of.is_empty());
    let value = |row: usize, col: usize| app.report.cell(CellId { table, row, col }).to_string();
    if let (Some(b), Some(col)) = (&def.balance, total_col) {
        let mut parts: Vec<String> = b
            .lhs
            .iter()
            .chain(b.rhs)
            .filter_map(|k| def.row_index(k))
            .map(|r| {
                format!(
                    "{} {}",
                    validate::short_row_name(def.rows[r].label.get(lang)),
                    value(r, col)
                )
            })
            .collect();
        let off = (0..def.columns.len())
            .filter(|c| {
                matches!(
                    validate::balance_statement(&app.report, table, *c, lang),
                    Some((false, _))
                )
            })
            .count();
        parts.push(match (off, lang) {
            (0, Lang::Zh) => "勾稽相符".to_string(),
            (0, Lang::En) => "balanced".to_string(),
            (n, Lang::Zh) => format!("勾稽不符 {n} 列"),
            (n, Lang::En) => format!("{n} column(s) out of balance"),
        });
        return match lang {
            Lang::Zh => parts.join("，"),
            Lang::En => parts.join(", "),
        };
    }
    def.rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let values: Vec<String> = match total_col {
                Some(col) => vec![value(r, col)],
                None => (0..def.columns.len()).map(|c| value(r, c)).collect(),
            };
            format!("{} {}", row.label.get(lang), values.join("/"))
        })
        .collect::<Vec<_>>()
        .join(lang.pick("，", ", "))
}
