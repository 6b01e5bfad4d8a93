//! Drawing 核对: the key figures of each step (walked from the schema), then
//! every error and warning, one per line, the selected one written out in
//! full at the bottom. Enter on a line jumps to its field or cell.

use super::app::App;
use super::text::{truncate, wrap};
use super::theme::Theme;
use super::view::{severity_style, short_step_name};
use crate::entry::focus::{StepPart, parts_of_step};
use crate::inert;
use crate::problem::{Severity, tally};
use crate::schema::{self, CellId, FieldId, FieldKind, Lang};
use crate::validate;
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
    for line in &summary {
        buf.set_string(page.x, y, truncate(line, page.width as usize), Style::new());
        y += 1;
    }
    y += 1;
    let items = app.review_items();
    let (errors, warnings) = tally(&app.problems);
    let head = match lang {
        Lang::Zh if items.is_empty() => "没有发现问题。".to_string(),
        Lang::En if items.is_empty() => "No problems found.".to_string(),
        Lang::Zh => format!("错误 {errors} 个，警告 {warnings} 个（Enter 转到所在处）："),
        Lang::En => format!("{errors} error(s), {warnings} warning(s) (Enter goes there):"),
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
    if room == 0 || items.is_empty() {
        return None;
    }
    let selected = app.review_selected.min(items.len() - 1);
    let start = (selected + 1).saturating_sub(room);
    let mut cursor = None;
    for (i, p) in items.iter().enumerate().skip(start).take(room) {
        let word = severity_word(p.severity, lang);
        let text = inert::screen(&format!("{word} {}", p.describe()));
        let style = if i == selected {
            cursor = Some(Position::new(page.x, y));
            theme.focus()
        } else {
            severity_style(theme, Some(p.severity))
        };
        buf.set_string(page.x, y, truncate(&text, page.width as usize), style);
        y += 1;
    }
    if let Some(p) = items.get(selected) {
        let full = inert::screen(&format!(
            "{} {}",
            severity_word(p.severity, lang),
            p.describe()
        ));
        for (i, line) in wrap(&full, page.width as usize)
            .iter()
            .take(DETAIL_LINES as usize)
            .enumerate()
        {
            buf.set_string(page.x, list_bottom + 1 + i as u16, line, Style::new());
        }
    }
    cursor
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
            let parts: Vec<String> = parts_of_step(step)
                .iter()
                .map(|p| match p {
                    StepPart::Fields(set) => fields_summary(app, *set),
                    StepPart::Table(t) => table_summary(app, *t),
                })
                .filter(|s| !s.is_empty())
                .collect();
            let name = short_step_name(step, lang);
            match lang {
                Lang::Zh => format!("{name}：{}", parts.join("；")),
                Lang::En => format!("{name}: {}", parts.join("; ")),
            }
        })
        .collect()
}

fn fields_summary(app: &App, set: usize) -> String {
    let lang = app.lang;
    let fs = schema::field_set(set);
    let ids = (0..fs.fields.len()).map(|field| FieldId { set, field });
    if fs.fields.iter().any(|f| f.kind == FieldKind::Paragraphs) {
        let filled = ids
            .clone()
            .filter(|f| !app.report.text(*f).trim().is_empty())
            .count();
        let chars: usize = ids
            .map(|f| {
                app.report
                    .text(f)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count()
            })
            .sum();
        return match lang {
            Lang::Zh => format!("已填 {filled}/{} 项，共 {chars} 字", fs.fields.len()),
            Lang::En => format!("{filled}/{} filled, {chars} characters", fs.fields.len()),
        };
    }
    ids.filter_map(|f| {
        let v = app.report.text(f).trim();
        if v.is_empty() {
            return None;
        }
        Some(match f.field().kind {
            FieldKind::Choice(choices) => choices
                .iter()
                .find(|c| c.key == v)
                .map_or(v.to_string(), |c| c.label.get(lang).to_string()),
            _ => inert::screen(v),
        })
    })
    .collect::<Vec<_>>()
    .join(lang.pick("，", ", "))
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
