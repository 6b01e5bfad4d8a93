//! Drawing the wizard (drawing only: nothing here changes the report).
//!
//! The screen: a title line, the step list on the left with each step's
//! problem count, the page of the current step, a status line and the key
//! hints from the keymap. Every frame is drawn whole; the terminal layer
//! sends only the cells that changed, so a digit typed into a table costs the
//! digit, the totals it moves and little else.

use super::app::{App, Overlay};
use super::keymap;
use super::theme::Theme;
use super::{view_form, view_grid, view_overlay, view_review};
use crate::entry::focus::{self, StepPart};
use crate::inert;
use crate::problem::Severity;
use crate::schema::{self, Lang};
use crate::width::{pad_right, truncate, width};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

/// The smallest terminal the wizard draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Lines under a step's fields or tables for the focused item: its hint or
/// label, and its problems.
const INFO_LINES: u16 = 3;

/// The room at the bottom of a page for the focused item's information,
/// and the height left above it.
pub(super) fn info_area(page: Rect) -> (Rect, u16) {
    let info = Rect::new(
        page.x,
        page.bottom().saturating_sub(INFO_LINES),
        page.width,
        INFO_LINES.min(page.height),
    );
    (info, page.height.saturating_sub(INFO_LINES))
}

/// From this width on the step list shows whole headings.
const WIDE: u16 = 100;

/// What the page shows besides the app state.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub theme: Theme,
    /// The report file as the user named it.
    pub file: String,
    /// A standing problem with saving (shown until it is solved).
    pub save_problem: Option<String>,
}

/// Draws one frame and places the terminal cursor at the caret.
pub fn draw(frame: &mut Frame, app: &App, chrome: &Chrome) {
    let area = frame.area();
    if let Some(p) = draw_into(frame.buffer_mut(), area, app, chrome) {
        frame.set_cursor_position(p);
    }
}

/// Draws one frame into `buf`; returns where the terminal cursor goes
/// (`None`: hidden).
pub fn draw_into(buf: &mut Buffer, area: Rect, app: &App, chrome: &Chrome) -> Option<Position> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(buf, area, app.lang);
        return None;
    }
    let theme = chrome.theme;
    let side = side_width(area.width, app.lang);
    title(buf, area, app, chrome);
    step_list(buf, Rect::new(0, 1, side, area.height - 3), app, &theme);
    let page = Rect::new(side + 1, 1, area.width - side - 1, area.height - 3);
    let cursor = if app.step == focus::review_step() {
        view_review::draw(buf, page, app, &theme)
    } else if focus::parts_of_step(app.step)
        .iter()
        .any(|p| matches!(p, StepPart::Table(_)))
    {
        view_grid::draw(buf, page, app, &theme)
    } else {
        view_form::draw(buf, page, app, &theme)
    };
    status_line(
        buf,
        Rect::new(0, area.height - 2, area.width, 1),
        app,
        &theme,
    );
    footer(
        buf,
        Rect::new(0, area.height - 1, area.width, 1),
        app,
        &theme,
    );
    match app.overlay {
        Overlay::None => cursor,
        Overlay::Help { scroll } => {
            view_overlay::help(buf, area, app.lang, &theme, scroll);
            None
        }
        Overlay::StepMenu { selected } => {
            view_overlay::step_menu(buf, area, app, &theme, selected);
            None
        }
        Overlay::Reason => view_overlay::reason(buf, area, app, &theme),
    }
}

fn side_width(screen: u16, lang: Lang) -> u16 {
    match (screen >= WIDE, lang) {
        (true, _) => 28,
        (false, Lang::Zh) => 10,
        (false, Lang::En) => 12,
    }
}

/// A step's name: the section heading, or 核对.
pub fn step_name(step: usize, lang: Lang) -> String {
    match schema::SECTIONS.get(step) {
        Some(s) => s.heading(lang),
        None => lang.pick("核对", "Review").to_string(),
    }
}

/// The short name of a step for the narrow step list: its number, else the
/// start of its title.
pub(super) fn short_step_name(step: usize, lang: Lang) -> String {
    match schema::SECTIONS.get(step) {
        Some(s) if !s.number.is_empty() => match lang {
            Lang::Zh => s.number.to_string(),
            Lang::En => s
                .heading(lang)
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_string(),
        },
        Some(s) => {
            let t = s.title.get(lang);
            truncate(t, if lang == Lang::Zh { 4 } else { 6 }).to_string()
        }
        None => lang.pick("核对", "Review").to_string(),
    }
}

/// `错2`, `警1` (or `E2`, `W1`): errors win; empty when clean.
pub fn count_text(errors: usize, warnings: usize, lang: Lang) -> (String, Option<Severity>) {
    if errors > 0 {
        (
            match lang {
                Lang::Zh => format!("错{errors}"),
                Lang::En => format!("E{errors}"),
            },
            Some(Severity::Error),
        )
    } else if warnings > 0 {
        (
            match lang {
                Lang::Zh => format!("警{warnings}"),
                Lang::En => format!("W{warnings}"),
            },
            Some(Severity::Warning),
        )
    } else {
        (String::new(), None)
    }
}

pub fn severity_style(theme: &Theme, severity: Option<Severity>) -> Style {
    match severity {
        Some(Severity::Error) => theme.error(),
        Some(Severity::Warning) => theme.warning(),
        None => Style::new(),
    }
}

fn title(buf: &mut Buffer, area: Rect, app: &App, chrome: &Chrome) {
    let theme = &chrome.theme;
    let heading = step_name(app.step, app.lang);
    let room = (area.width / 3) as usize;
    let (right, style) = match &chrome.save_problem {
        Some(_) => (
            truncate(app.lang.pick("未保存！", "NOT SAVED!"), room).to_string(),
            theme.error(),
        ),
        // The file name is what tells two reports apart: a long path loses
        // its folders first.
        None => (
            crate::width::truncate_path_left(
                &inert::screen(&chrome.file),
                room,
                if theme.ascii { "..." } else { "…" },
            ),
            Style::new(),
        ),
    };
    let right_x = area.width - width(&right) as u16;
    put(
        buf,
        0,
        0,
        truncate(&heading, right_x as usize - 1),
        theme.heading(),
    );
    put(buf, right_x, 0, &right, style);
}

fn step_list(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let wide = area.width > 20;
    let count_w = 4;
    let name_w = area.width as usize - 1 - 1 - count_w;
    for step in 0..focus::step_count() {
        let y = area.y + step as u16;
        if y >= area.bottom() {
            break;
        }
        let here = step == app.step;
        let name = if wide {
            step_name(step, app.lang)
        } else {
            short_step_name(step, app.lang)
        };
        let marker = if here { ">" } else { " " };
        let style = if here { theme.focus() } else { Style::new() };
        put(buf, area.x, y, marker, style);
        put(buf, area.x + 1, y, pad_right(&name, name_w), style);
        // 核对 has no count of its own here: it would change with every
        // other step's (the title of 核对 and the step menu give the total).
        if step == focus::review_step() {
            continue;
        }
        let (errors, warnings) = app.step_counts(step);
        let (count, severity) = count_text(errors, warnings, app.lang);
        let x = area.x + area.width - count_w as u16;
        put(
            buf,
            x,
            y,
            crate::width::pad_left(&count, count_w),
            severity_style(theme, severity),
        );
    }
}

/// The status message; a long one takes the line above too, so that a
/// rejected paste can say what it rejected.
fn status_line(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let Some(status) = &app.status else {
        return;
    };
    let text = inert::screen(&status.text);
    let style = severity_style(theme, status.severity);
    let width = area.width as usize;
    let mut lines = crate::width::wrap(&text, width);
    if lines.len() > 2 {
        lines.truncate(2);
        let last = truncate(&lines[1], width - 3).to_string();
        lines[1] = last + " ..";
    }
    let top = area.y + 1 - lines.len() as u16;
    for (i, line) in lines.iter().enumerate() {
        let y = top + i as u16;
        put(buf, area.x, y, " ".repeat(width), Style::new());
        put(buf, area.x, y, line, style);
    }
}

/// Key hints; the last ones (help, quit) are kept when room runs out.
fn footer(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let hints = keymap::footer(app.context(), app.lang);
    let cost = |(k, h): &(String, &str)| width(k) + 1 + width(h) + 2;
    let mut room = area.width as usize;
    let mut keep = vec![false; hints.len()];
    // Help and quit are at the end: reserve them first.
    for i in (0..hints.len()).rev().take(2) {
        if cost(&hints[i]) <= room {
            room -= cost(&hints[i]);
            keep[i] = true;
        }
    }
    for i in 0..hints.len().saturating_sub(2) {
        if cost(&hints[i]) <= room {
            room -= cost(&hints[i]);
            keep[i] = true;
        } else {
            break;
        }
    }
    let mut x = area.x;
    for (hint, _) in hints.iter().zip(&keep).filter(|(_, k)| **k) {
        let (key, text) = hint;
        put(buf, x, area.y, key, theme.heading());
        x += width(key) as u16 + 1;
        put(buf, x, area.y, text, Style::new());
        x += width(text) as u16 + 2;
    }
}

fn too_small(buf: &mut Buffer, area: Rect, lang: Lang) {
    let (w, h) = (area.width, area.height);
    let lines = [
        lang.pick("终端窗口太小", "The terminal is too small")
            .to_string(),
        sentence!(
            lang,
            "现在 {w}x{h}，至少需要 {MIN_WIDTH}x{MIN_HEIGHT}",
            "now {w}x{h}; needs at least {MIN_WIDTH}x{MIN_HEIGHT}"
        ),
        lang.pick(
            "请放大窗口；Ctrl+Q 保存并退出",
            "Enlarge it; Ctrl+Q saves and quits",
        )
        .to_string(),
    ];
    for (i, line) in lines.iter().enumerate() {
        let y = area.height / 2 + i as u16;
        if y >= area.height {
            break;
        }
        let w = width(line).min(area.width as usize) as u16;
        let x = (area.width - w) / 2;
        put(
            buf,
            x,
            y.saturating_sub(1),
            truncate(line, area.width as usize),
            Style::new(),
        );
    }
}

/// `buf.set_string`, the same cells, without its grapheme segmentation and
/// width tables for the text the wizard draws on every frame — ASCII and
/// Chinese characters, each its own grapheme — which made it a quarter of a
/// keystroke's work. Any other text goes to `set_string`.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, s: impl AsRef<str>, style: impl Into<Style>) {
    let (s, style) = (s.as_ref(), style.into());
    let area = buf.area;
    if !area.contains(Position::new(x, y)) {
        buf.set_string(x, y, s, style);
        return;
    }
    let right = area.right();
    let row = usize::from(y - area.y) * usize::from(area.width);
    // Setting no style changes nothing.
    let plain = style == Style::new();
    let mut at = x;
    for (i, c) in s.char_indices() {
        let Some(w) = one_grapheme_width(c) else {
            buf.set_string(x, y, s, style);
            return;
        };
        if at + w > right {
            // What is cut off could still join the last character shown
            // into one grapheme: then it is set_string's to draw.
            if !s[i..].chars().all(|c| one_grapheme_width(c).is_some()) {
                buf.set_string(x, y, s, style);
            }
            return;
        }
        let cell = &mut buf.content[row + usize::from(at - area.x)];
        // A space in no style over a blank cell changes nothing: pads and
        // gaps are most of what a frame puts.
        if !(plain && c == ' ' && cell.symbol() == " ") {
            cell.set_char(c);
            if !plain {
                cell.set_style(style);
            }
        }
        if w == 2 {
            // The cell a wide character covers is reset, as set_string does.
            buf.content[row + usize::from(at - area.x) + 1].reset();
        }
        at += w;
    }
}

/// `n` blank cells in exactly `style` from `(x, y)`: `put` of `n` spaces
/// on cells nothing was drawn on yet in this frame.
pub(super) fn fill(buf: &mut Buffer, x: u16, y: u16, n: usize, style: Style) {
    let area = buf.area;
    if !area.contains(Position::new(x, y)) {
        return;
    }
    let row = usize::from(y - area.y) * usize::from(area.width);
    let end = usize::from(right_of(x, n).min(area.right()));
    for cell in &mut buf.content[row + usize::from(x - area.x)..row + end - usize::from(area.x)] {
        cell.reset();
        cell.set_style(style);
    }
}

fn right_of(x: u16, n: usize) -> u16 {
    u16::try_from(usize::from(x) + n).unwrap_or(u16::MAX)
}

/// The width of a character that is a grapheme by itself and one or two
/// cells wide — printable ASCII, CJK ideographs, CJK and fullwidth
/// punctuation — else `None`.
fn one_grapheme_width(c: char) -> Option<u16> {
    match c {
        ' '..='~' => Some(1),
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{FF01}'..='\u{FF5E}' => Some(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_draws_the_same_cells_as_set_string() {
        let texts = [
            "三、收到和处理政府信息公开申请情况",
            "（七）总计 512 abc",
            "报告：2026，县级政府部门、其余《已填》【0/8】项！",
            "e\u{301}combining",
            "tab\there",
            "",
            "一二三四五六七八九十",
            "abcdefghij政府e\u{301}",
            "abcdefghijklmnopqrst\u{301}",
        ];
        for style in [Style::new().fg(ratatui::style::Color::Red), Style::new()] {
            for text in texts {
                for x in [0u16, 5, 15, 18, 19] {
                    let area = Rect::new(0, 0, 20, 1);
                    let (mut ours, mut theirs) = (Buffer::empty(area), Buffer::empty(area));
                    // Something to overwrite, as on a frame after another.
                    for b in [&mut ours, &mut theirs] {
                        b.set_string(0, 0, "xxxxxxxxxxxxxxxxxxxx", Style::new());
                    }
                    put(&mut ours, x, 0, text, style);
                    theirs.set_string(x, 0, text, style);
                    assert_eq!(ours, theirs, "{text:?} at {x}");
                }
            }
        }
    }
}
