//! The overlays: F1 help (every key, from the keymap), the step menu, and
//! the prompt for the reason a warning is marked as reviewed.

use super::app::App;
use super::keymap;
use super::messages;
use super::theme::Theme;
use super::view::{count_text, severity_style, step_name};
use crate::entry::focus;
use crate::inert;
use crate::schema::Lang;
use crate::width::{pad_right, truncate, width, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Clear, Widget};

/// Clears a box for an overlay. A wide character just left of the box would
/// cover the border's first cell, so it is blanked too.
fn open_box(buf: &mut Buffer, rect: Rect, title: &str, theme: &Theme) -> Rect {
    if rect.x > 0 {
        for y in rect.top()..rect.bottom() {
            let cell = &mut buf[(rect.x - 1, y)];
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_set(theme.border())
        .title(format!(" {title} "));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// Key hints, a heading per context.
pub fn help(buf: &mut Buffer, area: Rect, lang: Lang, theme: &Theme, scroll: usize) {
    let w = area.width.saturating_sub(4).min(90);
    let rect = Rect::new((area.width - w) / 2, 1, w, area.height.saturating_sub(2));
    let title = lang.pick(
        "帮助：按键（Esc 关闭，Up/Down 滚动）",
        "Help: keys (Esc closes, Up/Down scroll)",
    );
    let inner = open_box(buf, rect, title, theme);
    let lines = keymap::help_lines(lang);
    let keys_w = lines
        .iter()
        .filter_map(|(k, _)| k.as_ref().map(|k| width(k)))
        .max()
        .unwrap_or(0)
        + 2;
    let max_scroll = lines.len().saturating_sub(inner.height as usize);
    for (i, (keys, hint)) in lines
        .iter()
        .skip(scroll.min(max_scroll))
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + i as u16;
        match keys {
            None => {
                buf.set_string(
                    inner.x,
                    y,
                    truncate(hint, inner.width as usize),
                    theme.heading(),
                );
            }
            Some(k) => {
                let text = format!("  {}{hint}", pad_right(k, keys_w));
                buf.set_string(
                    inner.x,
                    y,
                    truncate(&text, inner.width as usize),
                    Style::new(),
                );
            }
        }
    }
}

/// The list of steps with their problem counts.
pub fn step_menu(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, selected: usize) {
    let lang = app.lang;
    let n = focus::step_count() as u16;
    let w = 56.min(area.width - 4);
    let rect = Rect::new((area.width - w) / 2, 3, w, n + 2);
    let title = lang.pick(
        "转到步骤（数字或 Enter 打开，Esc 关闭）",
        "Go to step (a digit or Enter opens it, Esc closes)",
    );
    let inner = open_box(buf, rect, title, theme);
    for step in 0..focus::step_count() {
        let y = inner.y + step as u16;
        let (errors, warnings) = if step == focus::review_step() {
            crate::problem::tally(&app.problems)
        } else {
            app.step_counts(step)
        };
        let (count, severity) = count_text(errors, warnings, lang);
        let name_w = inner.width as usize - 6;
        let style = if step == selected {
            theme.focus()
        } else {
            Style::new()
        };
        buf.set_string(
            inner.x,
            y,
            pad_right(&format!(" {step} {}", step_name(step, lang)), name_w),
            style,
        );
        buf.set_string(
            inner.x + name_w as u16 + 1,
            y,
            &count,
            severity_style(theme, severity),
        );
    }
}

/// Lines of the warning shown above the reason.
const REASON_WARNING_LINES: usize = 3;

/// The reason prompt: the warning in full (up to three lines), then
/// `理由：` and the reason being typed. Returns where the caret is.
pub fn reason(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) -> Option<Position> {
    let prompt = app.reason.as_ref()?;
    let lang = app.lang;
    let w = area.width.saturating_sub(4).min(76);
    let h = REASON_WARNING_LINES as u16 + 4;
    let rect = Rect::new(
        (area.width - w) / 2,
        area.height.saturating_sub(h + 3),
        w,
        h,
    );
    // The rows the box takes are cleared whole: no half of the page's
    // text is left beside it.
    Clear.render(Rect::new(area.x, rect.y, area.width, rect.height), buf);
    let inner = open_box(buf, rect, messages::reason_title(lang), theme);
    let warning = inert::screen(&prompt.problem.describe());
    for (i, line) in wrap(&warning, inner.width as usize)
        .iter()
        .take(REASON_WARNING_LINES)
        .enumerate()
    {
        buf.set_string(inner.x, inner.y + i as u16, line, theme.warning());
    }
    let y = inner.y + REASON_WARNING_LINES as u16 + 1;
    let label = messages::reason_label(lang);
    buf.set_string(inner.x, y, label, theme.heading());
    let x = inner.x + width(label) as u16;
    let field = Rect::new(x, y, inner.right().saturating_sub(x), 1);
    if field.width == 0 {
        return None;
    }
    prompt.area.render(field, buf);
    let caret = prompt.area.screen_cursor();
    let (_, left) = prompt.area.scroll_offset();
    let cx = field.x as usize + caret.col.saturating_sub(left as usize);
    Some(Position::new(cx.min(field.right() as usize - 1) as u16, y))
}
