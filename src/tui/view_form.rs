//! Drawing the text steps (报告信息, 一, 五, 六) from their field sets: one
//! line per one-line field (label, then the value), or for multi-line
//! fields a heading line and either the editor (focused) or the first line
//! of the text. The focused field is drawn by its `ratatui-textarea` editor
//! and the terminal cursor is put at its caret. Under the fields: a focused
//! choice's options, numbered as a digit chooses them; at the bottom the
//! field's hint and its problems.

use super::app::App;
use super::messages;
use super::theme::Theme;
use super::view::severity_style;
use crate::entry::answer::{NO_CHOICE, numbered_choices};
use crate::entry::focus::{Focus, StepPart, parts_of_step};
use crate::inert;
use crate::problem::Severity;
use crate::schema::{self, FieldId, FieldKind};
use crate::width::{pad_right, truncate, width, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Draws the step's fields; returns where the terminal cursor goes.
pub fn draw(buf: &mut Buffer, page: Rect, app: &App, theme: &Theme) -> Option<Position> {
    let fields: Vec<FieldId> = parts_of_step(app.step)
        .iter()
        .filter_map(|p| match p {
            StepPart::Fields(set) => Some(*set),
            StepPart::Table(_) => None,
        })
        .flat_map(|set| {
            (0..schema::field_set(set).fields.len()).map(move |field| FieldId { set, field })
        })
        .collect();
    let label_w = fields
        .iter()
        .filter(|f| f.field().kind != FieldKind::Paragraphs)
        .map(|f| width(f.field().label.get(app.lang)) + 2)
        .max()
        .unwrap_or(0);
    let avail = super::view::info_area(page).1;
    // Lines every field takes when not focused; the focused multi-line
    // field gets the rest.
    let base: u16 = fields.iter().map(|f| resting_height(*f)).sum();
    let mut y = page.y;
    let mut cursor = None;
    for f in &fields {
        let focused = app.focus == Focus::Field(*f);
        let field = f.field();
        let mark = field_mark(app, *f);
        let label = field.label.get(app.lang);
        let label_style = if focused {
            theme.focus()
        } else {
            theme.heading()
        };
        if field.kind == FieldKind::Paragraphs {
            buf.set_string(page.x, y, label, label_style);
            put_mark(buf, page.x + width(label) as u16 + 1, y, mark, theme);
            y += 1;
            let lines = if focused {
                (avail + 1).saturating_sub(base).max(2)
            } else {
                1
            };
            let rect = Rect::new(
                page.x + 2,
                y,
                page.width - 2,
                lines.min(page.bottom().saturating_sub(y)),
            );
            if focused {
                cursor = editor(buf, rect, app, *f);
            } else {
                preview(buf, rect, app, *f, theme);
            }
            y += rect.height;
        } else {
            buf.set_string(page.x, y, pad_right(label, label_w - 2), label_style);
            put_mark(buf, page.x + label_w as u16 - 1, y, mark, theme);
            let rect = Rect::new(page.x + label_w as u16, y, page.width - label_w as u16, 1);
            match field.kind {
                FieldKind::Choice(_) => {
                    choice(buf, rect, app, *f, focused, theme);
                    if focused {
                        // On the option, so the eye (and a screen reader) finds it.
                        cursor = Some(Position::new(rect.x + 2, rect.y));
                    }
                }
                _ if focused => cursor = editor(buf, rect, app, *f),
                _ => preview(buf, rect, app, *f, theme),
            }
            y += 1;
        }
        if y >= page.y + avail {
            break;
        }
    }
    if let Focus::Field(f) = app.focus {
        if let FieldKind::Choice(choices) = f.field().kind {
            // One blank line between the fields and the list.
            let top = y + 1;
            let bottom = page.y + avail;
            let room = Rect::new(page.x, top, page.width, bottom.saturating_sub(top));
            options(buf, room, app, f, choices, theme);
        }
        info(buf, super::view::info_area(page).0, app, f, theme);
    }
    cursor
}

/// A focused choice's options, numbered as a digit chooses them (0 none),
/// the chosen one marked: in one column when there is room, else in as
/// many as it takes.
fn options(
    buf: &mut Buffer,
    room: Rect,
    app: &App,
    f: FieldId,
    choices: &'static [schema::Choice],
    theme: &Theme,
) {
    let lang = app.lang;
    if room.height < 2 {
        return;
    }
    let value = app.report.text(f);
    let entries: Vec<(String, bool)> = std::iter::once((
        format!("{NO_CHOICE} {}", not_chosen(lang)),
        value.is_empty(),
    ))
    .chain(
        numbered_choices(choices)
            .map(|(n, c)| (format!("{n} {}", c.label.get(lang)), c.key == value)),
    )
    .collect();
    buf.set_string(
        room.x,
        room.y,
        truncate(messages::choose_by_number(lang), room.width as usize),
        theme.dim(),
    );
    let rows = (room.height - 1) as usize;
    let columns = entries.len().div_ceil(rows);
    let per_column = entries.len().div_ceil(columns);
    // Each entry: a marker, a space, the entry, two spaces to the next.
    let entry_w = entries.iter().map(|(e, _)| width(e)).max().unwrap_or(0);
    let column_w = (2 + entry_w + 2).min(room.width as usize / columns);
    for (i, (entry, chosen)) in entries.iter().enumerate() {
        let x = room.x + ((i / per_column) * column_w) as u16;
        let y = room.y + 1 + (i % per_column) as u16;
        let (marker, style) = if *chosen {
            (">", theme.focus())
        } else {
            (" ", Style::new())
        };
        buf.set_string(x, y, marker, theme.heading());
        buf.set_string(x + 2, y, truncate(entry, column_w.saturating_sub(4)), style);
    }
}

/// What an unchosen choice shows.
fn not_chosen(lang: schema::Lang) -> &'static str {
    lang.pick("（未选）", "(not chosen)")
}

fn resting_height(f: FieldId) -> u16 {
    match f.field().kind {
        FieldKind::Paragraphs => 2,
        _ => 1,
    }
}

/// `*` for a required empty field, `!` for one with a problem.
fn field_mark(app: &App, f: FieldId) -> Option<(&'static str, Severity)> {
    app.problems_at(Focus::Field(f))
        .filter(|p| p.counts())
        .map(|p| p.severity)
        .min()
        .map(|s| ("!", s))
}

fn put_mark(buf: &mut Buffer, x: u16, y: u16, mark: Option<(&str, Severity)>, theme: &Theme) {
    if let Some((m, s)) = mark {
        buf.set_string(x, y, m, severity_style(theme, Some(s)));
    }
}

/// The focused field's editor; returns the caret's screen position.
fn editor(buf: &mut Buffer, rect: Rect, app: &App, f: FieldId) -> Option<Position> {
    if rect.height == 0 || rect.width == 0 {
        return None;
    }
    let area = app.texts.area(f);
    area.render(rect, buf);
    let caret = area.screen_cursor();
    let (top_row, top_col) = area.scroll_offset();
    let x = rect.x as usize + caret.col.saturating_sub(top_col as usize);
    let y = rect.y as usize + caret.row.saturating_sub(top_row as usize);
    let p = Position::new(
        x.min(rect.right() as usize - 1) as u16,
        y.min(rect.bottom() as usize - 1) as u16,
    );
    Some(p)
}

/// An unfocused field: its text on one line (or `（未填）` dimmed).
fn preview(buf: &mut Buffer, rect: Rect, app: &App, f: FieldId, theme: &Theme) {
    if rect.height == 0 {
        return;
    }
    let text = app.report.text(f);
    if text.is_empty() {
        buf.set_string(
            rect.x,
            rect.y,
            app.lang.pick("（未填）", "(empty)"),
            theme.dim(),
        );
        return;
    }
    let first = inert::screen(text.lines().next().unwrap_or(""));
    let more = text.lines().count() > 1;
    let mut shown = truncate(&first, rect.width as usize).to_string();
    if more || width(&first) > rect.width as usize {
        shown = truncate(&first, (rect.width as usize).saturating_sub(3)).to_string() + " ..";
    }
    buf.set_string(rect.x, rect.y, shown, Style::new());
}

fn choice(buf: &mut Buffer, rect: Rect, app: &App, f: FieldId, focused: bool, theme: &Theme) {
    let FieldKind::Choice(choices) = f.field().kind else {
        return;
    };
    let value = app.report.text(f);
    let label = choices
        .iter()
        .find(|c| c.key == value)
        .map(|c| c.label.get(app.lang))
        .unwrap_or_else(|| not_chosen(app.lang));
    let text = if focused {
        format!("< {label} >")
    } else {
        label.to_string()
    };
    let style = if value.is_empty() && !focused {
        theme.dim()
    } else {
        Style::new()
    };
    buf.set_string(rect.x, rect.y, truncate(&text, rect.width as usize), style);
}

/// The focused field's hint, then its problems.
fn info(buf: &mut Buffer, area: Rect, app: &App, f: FieldId, theme: &Theme) {
    let mut lines: Vec<(String, Style)> = Vec::new();
    for p in app.problems_at(Focus::Field(f)) {
        lines.push(match &p.reviewed {
            Some(reason) => (
                inert::screen(&messages::reviewed_warning(&p.message, reason, app.lang)),
                theme.dim(),
            ),
            None => (
                inert::screen(&p.message),
                severity_style(theme, Some(p.severity)),
            ),
        });
    }
    let hint = f.field().hint.get(app.lang);
    if !hint.is_empty() {
        for l in wrap(hint, area.width as usize) {
            lines.push((l, theme.dim()));
        }
    }
    for (i, (line, style)) in lines.iter().take(area.height as usize).enumerate() {
        buf.set_string(
            area.x,
            area.y + i as u16,
            truncate(line, area.width as usize),
            *style,
        );
    }
}
