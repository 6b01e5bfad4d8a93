//! What a table step shows under its tables for the focused cell: the
//! cell's full place (caption, row groups, row label, and the column's full
//! name when the header shortens it), last year's value, and the cell's
//! problem or the 勾稽 rule of its column written out when it does not hold.

use super::app::App;
use super::theme::Theme;
use super::view::put;
use crate::entry::focus::Focus;
use crate::inert;
use crate::schema::{CellId, Lang};
use crate::validate;
use crate::width::{truncate, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The focused row's full label (its groups and, in 二, the caption: the
/// column is the one highlighted under its header; when the header shows
/// the column's short form, its full name follows), then the cell's problem
/// or, on the rows the 勾稽 rule names (一, 二, （七）总计 and 四), the rule
/// for the focused column written out when it does not hold. The statement
/// is shown there and on 核对 rather than on every row, and of committed
/// values, because rewriting it on every Tab and digit would double what a
/// keystroke costs on a slow link; the 勾稽 line above says 相符/不符 live.
pub(super) fn info(
    buf: &mut Buffer,
    area: Rect,
    c: CellId,
    short_header: bool,
    app: &App,
    theme: &Theme,
) {
    let lines = cell_label_lines(c, short_header, app.lang, area.width as usize);
    for (i, line) in lines.iter().take(2).enumerate() {
        put(buf, area.x, area.y + i as u16, line, theme.heading());
    }
    // Last year's value: on the label's second line when it has none, else
    // on the third when no problem needs it.
    let last_year = super::last_year::cell_line(app, c).map(|l| inert::screen(&l));
    if let (Some(line), 1) = (&last_year, lines.len()) {
        let line = truncate(line, area.width as usize);
        buf.set_string(area.x, area.y + 1, line, theme.dim());
    }
    // An open problem before one marked as reviewed.
    let problem = app.problems_at(Focus::Cell(c)).min_by_key(|p| !p.counts());
    let (text, style) = match problem {
        Some(p) => match &p.reviewed {
            Some(reason) => (
                super::messages::reviewed_warning(&p.message, reason, app.lang),
                theme.dim(),
            ),
            None => (
                p.message.clone(),
                super::view::severity_style(theme, Some(p.severity)),
            ),
        },
        None => match (balance_note(app, c), last_year) {
            (Some(note), _) => (note, theme.error()),
            (None, Some(line)) if lines.len() > 1 => (line, theme.dim()),
            (None, _) => return,
        },
    };
    let text = inert::screen(&text);
    put(
        buf,
        area.x,
        area.y + 2,
        truncate(&text, area.width as usize),
        style,
    );
}

/// The focused cell's place under the table, wrapped: caption, row groups
/// and row label, then the column's full name when the header shortens it.
/// When that takes more than two lines the row groups are left out (the
/// table shows them as headings), so the column's name is never cut.
fn cell_label_lines(c: CellId, short_header: bool, lang: Lang, width: usize) -> Vec<String> {
    type Key = (CellId, bool, Lang, usize);
    thread_local! {
        // The focused cell's: the same on every digit typed into it.
        static LAST: std::cell::RefCell<Option<(Key, Vec<String>)>> =
            const { std::cell::RefCell::new(None) };
    }
    let key = (c, short_header, lang, width);
    if let Some(lines) = LAST.with_borrow(|last| {
        last.as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, lines)| lines.clone())
    }) {
        return lines;
    }
    let lines = cell_label_lines_of(c, short_header, lang, width);
    LAST.set(Some((key, lines.clone())));
    lines
}

fn cell_label_lines_of(c: CellId, short_header: bool, lang: Lang, width: usize) -> Vec<String> {
    let def = c.table_def();
    let row = c.row_def();
    let column = c.column_def().label;
    let named_column = short_header && column.has_short(lang);
    let compose = |with_groups: bool| {
        let mut parts: Vec<&str> = Vec::new();
        if with_groups {
            if !def.caption.get(lang).is_empty() {
                parts.push(def.caption.get(lang));
            }
            parts.extend(row.groups.iter().map(|g| g.get(lang)));
        }
        parts.push(row.label.get(lang));
        if named_column {
            parts.push(column.get(lang));
        }
        let mut label = parts.join(" / ");
        if c.is_computed() {
            label += lang.pick("（自动计算）", " (computed)");
        }
        wrap(&label, width)
    };
    let lines = compose(true);
    if named_column && lines.len() > 2 {
        return compose(false);
    }
    lines
}

fn balance_note(app: &App, c: CellId) -> Option<String> {
    let b = c.table_def().balance.as_ref()?;
    let row = c.row_def().key;
    if !b.lhs.contains(&row) && !b.rhs.contains(&row) {
        return None;
    }
    // Of committed values: the number being typed is left out.
    let committed: std::borrow::Cow<[rust_decimal::Decimal]> = match &app.edit {
        Some(e) if e.cell.table == c.table => {
            std::borrow::Cow::Owned(app.report.table_with(e.cell, e.original))
        }
        _ => std::borrow::Cow::Borrowed(app.report.table_cells(c.table)),
    };
    let (lhs, rhs) = validate::balance_sums_of(&committed, c.table, c.col)?;
    if lhs.iter().sum::<rust_decimal::Decimal>() == rhs.iter().sum() {
        return None;
    }
    let (_, statement) = validate::balance_statement_of(&committed, c.table, c.col, app.lang)?;
    let column = c.column_def().label.get(app.lang);
    Some(match app.lang {
        Lang::Zh => format!("{column}列：{statement}"),
        Lang::En => format!("{column} column: {statement}"),
    })
}
