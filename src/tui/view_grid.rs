//! Drawing the tables of a step (二, 三, 四), laid out from the schema: the
//! caption, the header with its merged group cells, group headings between
//! rows, the values right-aligned, and for a table with a 勾稽 rule the total
//! rows pinned at the bottom with the per-column 勾稽 line under them. Column
//! headers use the schema's short forms when the full labels do not fit
//! (section 三 in English). Below the tables, the focused cell's full label
//! and its problem (`view_cell_info.rs`).
//!
//! Cheap to update by design: the cell being typed into is drawn in the plain
//! style (the terminal cursor marks it) and totals are plain too, so a digit
//! costs no style changes, only the changed characters.

use super::app::App;
use super::theme::Theme;
use super::view::put;
use crate::entry::focus::{Focus, StepPart, parts_of_step};
use crate::schema::{self, CellId, Lang, Table};
use crate::validate;
use crate::width::{center, pad_left, pad_right, truncate, width, wrap, wrap_even};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use std::rc::Rc;

/// Narrowest value column.
const MIN_COLUMN: usize = 5;
/// Narrowest label column the layout tries to keep.
const MIN_LABEL: usize = 20;

/// Column widths and header text of one table at one width.
#[derive(Clone)]
struct Geometry {
    label_w: usize,
    col_w: Vec<usize>,
    /// Each column's label, wrapped to its width.
    leaves: Vec<Vec<String>>,
    /// Levels of column groups.
    levels: usize,
    header_h: usize,
    /// Whether the header shows the short forms of the labels.
    short: bool,
    /// The corner above the row labels, wrapped to their width.
    corner: Vec<String>,
}

/// A line of the table body: a group heading or a row.
#[derive(Clone, Copy)]
enum Line {
    Heading { level: usize, label: &'static str },
    Row(usize),
}

/// Draws the step's tables; returns where the terminal cursor goes.
pub fn draw(buf: &mut Buffer, page: Rect, app: &App, theme: &Theme) -> Option<Position> {
    let tables: Vec<usize> = parts_of_step(app.step)
        .iter()
        .filter_map(|p| match p {
            StepPart::Table(t) => Some(*t),
            StepPart::Fields(_) => None,
        })
        .collect();
    let focused = match app.focus {
        Focus::Cell(c) if tables.contains(&c.table) => Some(c),
        _ => None,
    };
    let avail = super::view::info_area(page).1 as usize;
    let geos: Vec<Rc<Geometry>> = tables
        .iter()
        .map(|t| geometry(*t, page.width as usize, app))
        .collect();
    let heights: Vec<usize> = tables
        .iter()
        .zip(&geos)
        .map(|(t, g)| full_height(*t, g, app.lang))
        .collect();
    let gaps = tables.len().saturating_sub(1);
    let total: usize = heights.iter().sum::<usize>() + gaps;
    // The one table that scrolls when they do not all fit: the focused one.
    let scrolling = (total > avail).then(|| {
        focused
            .and_then(|c| tables.iter().position(|t| *t == c.table))
            .unwrap_or(0)
    });
    let mut y = page.y as usize;
    let mut cursor = None;
    for (i, (&t, geo)) in tables.iter().zip(&geos).enumerate() {
        let body_room = match scrolling {
            Some(s) if s == i => {
                let others: usize = heights
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, h)| h)
                    .sum();
                Some(
                    avail
                        .saturating_sub(others + gaps + fixed_height(t, geo, app.lang))
                        .max(1),
                )
            }
            _ => None,
        };
        let x = page.x;
        let c = draw_table(
            buf,
            Rect::new(x, y as u16, page.width, 0),
            t,
            geo,
            body_room,
            app,
            theme,
        );
        cursor = cursor.or(c.0);
        y = c.1 + 1;
    }
    if let Some(c) = focused {
        let short_header = tables
            .iter()
            .position(|t| *t == c.table)
            .is_some_and(|i| geos[i].short);
        super::view_cell_info::info(
            buf,
            super::view::info_area(page).0,
            c,
            short_header,
            app,
            theme,
        );
    }
    cursor
}

/// The display text of a value.
fn shown(v: rust_decimal::Decimal) -> String {
    v.to_string()
}

/// A value right-aligned in `w` cells: what `put(pad_left(&shown(v), w))`
/// puts, without building either string for the whole numbers of nearly
/// every cell (a frame draws some 150 of them).
fn put_value(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    w: usize,
    v: rust_decimal::Decimal,
    style: Style,
) {
    let whole = crate::values::Digits::of_whole(v);
    let owned;
    let text: &str = match &whole {
        Some(digits) => digits.as_str(),
        None => {
            owned = shown(v);
            &owned
        }
    };
    // The text is ASCII: one cell per byte.
    let text = &text[..text.len().min(w)];
    let pad = w - text.len();
    super::view::fill(buf, x, y, pad, style);
    put(buf, x + pad as u16, y, text, style);
}

/// The cells [`shown`] takes, without writing it out (the layout measures
/// every cell of a table on every frame).
fn shown_width(v: rust_decimal::Decimal) -> usize {
    if v.is_sign_negative() {
        return width(&shown(v));
    }
    let m = v.mantissa().unsigned_abs();
    let digits = if m == 0 { 1 } else { m.ilog10() as usize + 1 };
    match v.scale() as usize {
        0 => digits,
        scale => digits.max(scale + 1) + 1,
    }
}

/// What decides a table's layout besides the schema: the width, the
/// language and each column's widest value.
#[derive(Clone, PartialEq, Eq)]
struct LayoutKey {
    table: usize,
    width: usize,
    lang: Lang,
    need: Vec<usize>,
}

thread_local! {
    /// The layouts of the last frames: a digit rarely widens a column, and
    /// laying a table out wraps every header label.
    static LAYOUTS: std::cell::RefCell<Vec<(LayoutKey, Rc<Geometry>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The table's layout at this width: with its full column labels when they
/// fit (each word whole, at most two lines, every group over its span),
/// else with the short forms the schema gives (section 三 in English at 80
/// columns), the full name then shown under the table for the focused cell.
fn geometry(table: usize, width_avail: usize, app: &App) -> Rc<Geometry> {
    let key = LayoutKey {
        table,
        width: width_avail,
        lang: app.lang,
        need: column_needs(table, app),
    };
    if let Some(geo) =
        LAYOUTS.with_borrow(|kept| kept.iter().find(|(k, _)| *k == key).map(|(_, g)| g.clone()))
    {
        return geo;
    }
    let geo = Rc::new(geometry_of(&key));
    LAYOUTS.with_borrow_mut(|kept| {
        // One per table of a step is enough; a few more cost nothing.
        if kept.len() >= 8 {
            kept.remove(0);
        }
        kept.push((key, Rc::clone(&geo)));
    });
    geo
}

fn geometry_of(key: &LayoutKey) -> Geometry {
    let (table, lang) = (key.table, key.lang);
    let full = layout(table, key.width, lang, &key.need, false);
    let def = schema::table(table);
    let has_short = def
        .columns
        .iter()
        .any(|c| c.label.has_short(lang) || c.groups.iter().any(|g| g.has_short(lang)));
    if !has_short || header_fits(def, &full, lang) {
        return full;
    }
    layout(table, key.width, lang, &key.need, true)
}

/// Each column's widest value (the number being typed with room for the
/// cursor), at least [`MIN_COLUMN`].
fn column_needs(table: usize, app: &App) -> Vec<usize> {
    let def = schema::table(table);
    (0..def.columns.len())
        .map(|col| {
            let values = (0..def.rows.len()).map(|row| {
                let id = CellId { table, row, col };
                match &app.edit {
                    Some(e) if e.cell == id => width(&e.text) + 1,
                    _ => shown_width(app.report.cell(id)),
                }
            });
            values.max().unwrap_or(1).max(MIN_COLUMN)
        })
        .collect()
}

/// A column's label or a group's as the header shows it.
fn header_text(label: &schema::Label, lang: Lang, short: bool) -> &'static str {
    if short {
        label.short(lang)
    } else {
        label.get(lang)
    }
}

/// Whether every header label is shown whole: no word cut, at most two
/// lines per column label, every group label within its span.
fn header_fits(def: &Table, geo: &Geometry, lang: Lang) -> bool {
    let leaves_fit = def.columns.iter().zip(&geo.col_w).all(|(c, w)| {
        let label = header_text(&c.label, lang, geo.short);
        wrap_even(label, *w).len() <= 2 && label.split(' ').all(|word| width(word) <= *w)
    });
    let groups_fit = (0..geo.levels).all(|level| {
        group_spans(def, level)
            .iter()
            .all(|(g, from, to)| width(header_text(g, lang, geo.short)) <= span(geo, *from, *to))
    });
    leaves_fit && groups_fit
}

/// The merged group cells of one header level: `(label, first column, end)`.
fn group_spans(def: &Table, level: usize) -> Vec<(&'static schema::Label, usize, usize)> {
    let mut out = Vec::new();
    let mut col = 0;
    while col < def.columns.len() {
        let Some(g) = def.columns[col].groups.get(level) else {
            col += 1;
            continue;
        };
        let mut end = col + 1;
        while end < def.columns.len() && def.columns[end].groups.get(level) == Some(g) {
            end += 1;
        }
        out.push((g, col, end));
        col = end;
    }
    out
}

/// Cells from the start of column `from` to the end of column `to - 1`.
fn span(geo: &Geometry, from: usize, to: usize) -> usize {
    geo.col_w[from..to].iter().sum::<usize>() + (to - from - 1)
}

fn layout(table: usize, width_avail: usize, lang: Lang, need: &[usize], short: bool) -> Geometry {
    let def = schema::table(table);
    let header_w: Vec<usize> = def
        .columns
        .iter()
        .map(|c| width(header_text(&c.label, lang, short)))
        .collect();
    let desired_label = def
        .rows
        .iter()
        .map(|r| 1 + r.groups.len() + width(r.label.get(lang)))
        .max()
        .unwrap_or(0)
        .max(width(def.corner.get(lang)).min(MIN_LABEL));
    let min_label = desired_label.min(MIN_LABEL);
    let widths = |cap: usize| -> Vec<usize> {
        need.iter()
            .zip(&header_w)
            .map(|(n, h)| (*n).max((*h).min(cap)))
            .collect()
    };
    let max_cap = header_w
        .iter()
        .copied()
        .max()
        .unwrap_or(MIN_COLUMN)
        .max(MIN_COLUMN);
    let mut col_w = widths(MIN_COLUMN);
    for cap in (MIN_COLUMN..=max_cap).rev() {
        let w = widths(cap);
        if w.iter().map(|c| c + 1).sum::<usize>() + min_label <= width_avail {
            col_w = w;
            break;
        }
    }
    let used: usize = col_w.iter().map(|c| c + 1).sum();
    let label_w = width_avail
        .saturating_sub(used)
        .min(desired_label.max(min_label));
    let leaves: Vec<Vec<String>> = def
        .columns
        .iter()
        .zip(&col_w)
        .map(|(c, w)| wrap_even(header_text(&c.label, lang, short), *w))
        .collect();
    let levels = def
        .columns
        .iter()
        .map(|c| c.groups.len())
        .max()
        .unwrap_or(0);
    let leaf_h = def
        .columns
        .iter()
        .zip(&leaves)
        .map(|(c, l)| l.len().saturating_sub(levels - c.groups.len()))
        .max()
        .unwrap_or(1)
        .max(1);
    let header_h = levels + leaf_h;
    // The corner's long form when it fits above the row labels.
    let mut corner = wrap(def.corner.get(lang), label_w);
    if corner.len() > header_h {
        corner = wrap(def.corner.short(lang), label_w);
    }
    corner.truncate(header_h);
    Geometry {
        label_w,
        col_w,
        leaves,
        levels,
        header_h,
        short,
        corner,
    }
}

/// Body lines of a table: group headings where the groups change, then
/// rows. Worked out once per table and language (every frame needs them).
fn lines(table: usize, lang: Lang) -> &'static [Line] {
    static LINES: std::sync::LazyLock<Vec<[Vec<Line>; 2]>> = std::sync::LazyLock::new(|| {
        schema::tables()
            .map(|(_, def)| [lines_of(def, Lang::Zh), lines_of(def, Lang::En)])
            .collect()
    });
    let [zh, en] = &LINES[table];
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn lines_of(def: &'static Table, lang: Lang) -> Vec<Line> {
    let mut out = Vec::new();
    let mut prev: &[schema::Label] = &[];
    for (r, row) in def.rows.iter().enumerate() {
        let first_new = row
            .groups
            .iter()
            .zip(prev.iter().chain(std::iter::repeat(&schema::Label {
                zh: "",
                en: "",
                en_short: "",
            })))
            .position(|(a, b)| a != b)
            .unwrap_or(row.groups.len());
        for (level, g) in row.groups.iter().enumerate().skip(first_new) {
            out.push(Line::Heading {
                level,
                label: g.get(lang),
            });
        }
        prev = row.groups;
        out.push(Line::Row(r));
    }
    out
}

/// Index of the first pinned line: from the first total row on, the rows
/// stay at the bottom of the table while the rest scrolls.
fn pinned_from(def: &Table, lines: &[Line]) -> usize {
    lines
        .iter()
        .position(|l| matches!(l, Line::Row(r) if !def.rows[*r].sum_of.is_empty()))
        .unwrap_or(lines.len())
}

/// Height of everything but the scrolling body.
fn fixed_height(table: usize, geo: &Geometry, lang: Lang) -> usize {
    let def = schema::table(table);
    let lines = lines(table, lang);
    let caption = usize::from(!def.caption.get(lang).is_empty());
    caption
        + geo.header_h
        + (lines.len() - pinned_from(def, lines))
        + usize::from(def.balance.is_some())
}

fn full_height(table: usize, geo: &Geometry, lang: Lang) -> usize {
    let def = schema::table(table);
    let lines = lines(table, lang);
    fixed_height(table, geo, lang) + pinned_from(def, lines)
}

/// Draws one table from `at.y`; returns the cursor and the next free line.
fn draw_table(
    buf: &mut Buffer,
    at: Rect,
    table: usize,
    geo: &Geometry,
    body_room: Option<usize>,
    app: &App,
    theme: &Theme,
) -> (Option<Position>, usize) {
    let def = schema::table(table);
    let lang = app.lang;
    let x = at.x;
    let mut y = at.y;
    let caption = def.caption.get(lang);
    if !caption.is_empty() {
        put(buf, x, y, caption, theme.heading());
        y += 1;
    }
    header(buf, x, y, def, geo, lang, theme);
    y += geo.header_h as u16;
    let all = lines(table, lang);
    let pin = pinned_from(def, all);
    let body = &all[..pin];
    // A body taller than its room scrolls; its last line then says what is
    // out of sight.
    let (shown_body, hidden) = match body_room {
        Some(room) if room < body.len() => {
            let rows = room.saturating_sub(1).max(1);
            let start = scroll_for(app, table, body, rows);
            let end = (start + rows).min(body.len());
            (&body[start..end], Some((start, body.len() - end)))
        }
        _ => (body, None),
    };
    let flags = flagged_cells(table, app);
    let mut cursor = None;
    let mut lines = |buf: &mut Buffer, y: &mut u16, lines: &[Line]| {
        for line in lines {
            let at = draw_line(buf, x, *y, (table, &flags), *line, geo, app, theme);
            cursor = cursor.or(at);
            *y += 1;
        }
    };
    lines(buf, &mut y, shown_body);
    if let Some((above, below)) = hidden {
        let note = match lang {
            Lang::Zh => format!(" （上面还有 {above} 行，下面还有 {below} 行）"),
            Lang::En => format!(" ({above} lines above, {below} below)"),
        };
        put(buf, x, y, truncate(&note, at.width as usize), theme.dim());
        y += 1;
    }
    lines(buf, &mut y, &all[pin..]);
    if def.balance.is_some() {
        balance_line(buf, x, y, table, geo, app, theme);
        y += 1;
    }
    (cursor, y as usize)
}

/// First body line to show so that the focused row stays visible. The
/// table jumps half a page at a time rather than a line at a time: each
/// scroll redraws the whole body, so fewer scrolls mean fewer bytes.
fn scroll_for(app: &App, table: usize, body: &[Line], room: usize) -> usize {
    let max = body.len().saturating_sub(room);
    let mut start = app.grid_scroll.get().min(max);
    if let Focus::Cell(c) = app.focus
        && c.table == table
        && let Some(i) = body
            .iter()
            .position(|l| matches!(l, Line::Row(r) if *r == c.row))
    {
        // Show the group headings just above the focused row too.
        let mut top = i;
        while top > 0 && matches!(body[top - 1], Line::Heading { .. }) {
            top -= 1;
        }
        if top < start {
            start = top.saturating_sub(room / 2);
        } else if i >= start + room {
            start = (i + 1 + room / 2).saturating_sub(room).min(max);
        }
        if top < start {
            start = top;
        }
    }
    app.grid_scroll.set(start);
    start
}

fn header(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    def: &Table,
    geo: &Geometry,
    lang: Lang,
    theme: &Theme,
) {
    for (i, line) in geo.corner.iter().enumerate() {
        put(buf, x, y + i as u16, line, theme.dim());
    }
    let col_x = |col: usize| -> u16 {
        x + geo.label_w as u16 + geo.col_w[..col].iter().map(|w| *w as u16 + 1).sum::<u16>() + 1
    };
    // Merged group cells, one line per level.
    for level in 0..geo.levels {
        for (g, from, to) in group_spans(def, level) {
            put(
                buf,
                col_x(from),
                y + level as u16,
                center(header_text(g, lang, geo.short), span(geo, from, to)),
                theme.heading(),
            );
        }
    }
    // Column labels, bottom-aligned so they line up over the values.
    let bottom = y + geo.header_h as u16;
    for (col, leaf) in geo.leaves.iter().enumerate() {
        let room = geo.header_h - def.columns[col].groups.len();
        let top = bottom - leaf.len().min(room) as u16;
        for (i, line) in leaf.iter().take(room).enumerate() {
            put(
                buf,
                col_x(col),
                top + i as u16,
                center(line, geo.col_w[col]),
                theme.heading(),
            );
        }
    }
}

/// Per cell of a table (row-major), whether a problem that counts is shown
/// beside it and whether the first is an error: the problems read once per
/// frame rather than once per cell.
fn flagged_cells(table: usize, app: &App) -> Vec<Option<bool>> {
    let def = schema::table(table);
    let cols = def.columns.len();
    let mut flags = vec![None; def.rows.len() * cols];
    for p in app.problems.iter().filter(|p| p.counts()) {
        if let Some(crate::problem::Target::Cell(c)) = p.target
            && c.table == table
            && crate::entry::is_about(p, Focus::Cell(c))
        {
            flags[c.row * cols + c.col]
                .get_or_insert(p.severity == crate::problem::Severity::Error);
        }
    }
    flags
}

#[allow(clippy::too_many_arguments)]
fn draw_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    (table, flags): (usize, &[Option<bool>]),
    line: Line,
    geo: &Geometry,
    app: &App,
    theme: &Theme,
) -> Option<Position> {
    let row = match line {
        Line::Heading { level, label } => {
            let text = format!(" {}{}", " ".repeat(level), label);
            put(buf, x, y, truncate(&text, geo.label_w), theme.dim());
            return None;
        }
        Line::Row(r) => r,
    };
    let def = schema::table(table);
    let r = &def.rows[row];
    let focused_row = matches!(app.focus, Focus::Cell(c) if c.table == table && c.row == row);
    // The focused row is marked with `>` in the first column rather than
    // drawn in reverse: moving to the next row then rewrites one character
    // per row instead of both labels.
    if focused_row {
        put(buf, x, y, ">", theme.heading());
    }
    let indent = 1 + r.groups.len();
    let label = truncate(r.label.get(app.lang), geo.label_w.saturating_sub(indent));
    put(buf, x + indent as u16, y, label, Style::new());
    let mut cx = x + geo.label_w as u16;
    let mut cursor = None;
    for (col, w) in geo.col_w.iter().enumerate() {
        cx += 1;
        let id = CellId { table, row, col };
        let focused = app.focus == Focus::Cell(id);
        match &app.edit {
            Some(e) if e.cell == id => {
                put(buf, cx, y, pad_right(&e.text, *w), Style::new());
                cursor = Some(Position::new(cx + width(&e.text) as u16, y));
            }
            _ => {
                let style = if focused {
                    cursor = Some(Position::new(cx, y));
                    theme.focus()
                } else if let Some(error) = flags[row * geo.col_w.len() + col] {
                    theme.flagged(error)
                } else {
                    Style::new()
                };
                put_value(buf, (cx, y), *w, app.report.cell(id), style);
            }
        }
        cx += *w as u16;
    }
    cursor
}

fn balance_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    table: usize,
    geo: &Geometry,
    app: &App,
    theme: &Theme,
) {
    let lang = app.lang;
    put(
        buf,
        x,
        y,
        truncate(lang.pick("勾稽关系", "Balance"), geo.label_w),
        theme.heading(),
    );
    let mut cx = x + geo.label_w as u16;
    for (col, w) in geo.col_w.iter().enumerate() {
        cx += 1;
        // Compared only: the statement is written where it is shown.
        if let Some((lhs, rhs)) = validate::balance_sums(&app.report, table, col) {
            let ok = lhs.iter().sum::<rust_decimal::Decimal>() == rhs.iter().sum();
            let (text, style) = if ok {
                (lang.pick("相符", "ok"), Style::new())
            } else {
                (lang.pick("不符", "OFF"), theme.error())
            };
            put(buf, cx, y, pad_left(text, *w), style);
        }
        cx += *w as u16;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn a_value_is_measured_as_it_is_written() {
        let mut values: Vec<Decimal> = [0u64, 1, 9, 10, 99, 100, 12_345, 4_294_967_295]
            .into_iter()
            .map(Decimal::from)
            .collect();
        for s in [
            "0.5", "0.05", "0.0001", "18.8710", "1.50", "100.0", "-3", "-0.5", "0.0",
        ] {
            values.push(s.parse().unwrap());
        }
        values.push(Decimal::new(5, 4));
        values.push(Decimal::from(u32::MAX) * Decimal::from(1000));
        for v in values {
            assert_eq!(shown_width(v), width(&shown(v)), "{v}");
        }
    }
}
