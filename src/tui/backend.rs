//! A byte-lean terminal backend for ratatui.
//!
//! Users type over SSH, often on slow links, so every byte of a frame counts.
//! ratatui's crossterm backend resets all styles at the end of every frame,
//! hides or shows the cursor every frame, moves the cursor with absolute
//! positions only, and repositions after every wide (Chinese) character.
//! This backend instead remembers what the terminal already has:
//!
//! - the pen (colours and attributes) carries over from frame to frame and
//!   only differences are sent, in one SGR sequence;
//! - the cursor position is tracked through wide characters, and each move
//!   uses the shortest of absolute, relative and carriage-return forms; after
//!   a character whose width terminals disagree on, the next move is absolute;
//! - cursor show/hide is sent only when it changes;
//! - a frame is collected and written with one `write`; frames larger than
//!   [`SYNC_MIN_BYTES`] are wrapped in synchronized output (DEC 2026) so the
//!   terminal never shows half of one. Smaller ones — a digit and the totals
//!   it moves — arrive in one read anyway, and the 16 bytes of the wrapper
//!   would be a third of their cost.
//!
//! It never asks the terminal anything (no cursor-position or colour queries).
//!
//! On a GB18030 terminal ([`crate::wire`]) each frame is encoded as it is
//! written; positions and widths are the same in both encodings.

use crate::wire::Wire;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// Frames up to this many bytes are sent without the synchronized-output
/// wrapper (see the module comment and the measurements in docs/PERFORMANCE.md).
pub const SYNC_MIN_BYTES: usize = 256;

const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
const END_SYNC: &[u8] = b"\x1b[?2026l";

/// Colours and attributes in effect on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// The backend; `W` is the terminal (or a `Vec<u8>` in tests).
#[derive(Debug)]
pub struct LeanBackend<W: Write> {
    out: W,
    frame: Vec<u8>,
    /// Where the terminal's cursor is, when known.
    at: Option<(u16, u16)>,
    /// The terminal's pen, when known.
    pen: Option<Pen>,
    cursor_shown: Option<bool>,
    want_shown: bool,
    want_at: Option<(u16, u16)>,
    /// A fixed size (tests), else the terminal's.
    fixed_size: Option<Size>,
    /// The terminal's size as last asked; asked again only after
    /// [`LeanBackend::size_changed`]. Asking costs an open of `/dev/tty`,
    /// an ioctl and a close, and ratatui asks twice a frame.
    known_size: std::cell::Cell<Option<Size>>,
    /// Bytes written in total, for measurements.
    pub written: usize,
    /// The terminal's encoding.
    wire: Wire,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(out: W) -> Self {
        LeanBackend {
            out,
            frame: Vec::with_capacity(16 * 1024),
            at: None,
            pen: None,
            cursor_shown: None,
            want_shown: false,
            want_at: None,
            fixed_size: None,
            known_size: std::cell::Cell::new(None),
            written: 0,
            wire: Wire::Utf8,
        }
    }

    /// The backend for a terminal that speaks `wire`.
    pub fn encoded_for(mut self, wire: Wire) -> Self {
        self.wire = wire;
        self
    }

    /// A backend with a fixed size, for tests that do not run in a terminal.
    pub fn with_size(out: W, width: u16, height: u16) -> Self {
        let mut b = Self::new(out);
        b.fixed_size = Some(Size { width, height });
        b
    }

    /// A test's terminal resized.
    #[cfg(test)]
    pub fn set_fixed_size(&mut self, width: u16, height: u16) {
        self.fixed_size = Some(Size { width, height });
    }

    /// The writer (tests read what was sent).
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// The terminal was resized (SIGWINCH): the next frame asks its size.
    pub fn size_changed(&mut self) {
        self.known_size.set(None);
    }

    /// Forgets what the terminal shows, so that the next frame states
    /// everything (after something else wrote to the terminal).
    pub fn forget(&mut self) {
        self.at = None;
        self.pen = None;
        self.cursor_shown = None;
    }

    fn move_to(&mut self, x: u16, y: u16) {
        if self.at == Some((x, y)) {
            return;
        }
        let mut absolute = Seq::default();
        match (x, y) {
            (0, 0) => absolute.push(b"\x1b[H"),
            (0, y) => {
                absolute.push(b"\x1b[");
                absolute.number(u32::from(y) + 1);
                absolute.push(b"H");
            }
            (x, y) => {
                absolute.push(b"\x1b[");
                absolute.number(u32::from(y) + 1);
                absolute.push(b";");
                absolute.number(u32::from(x) + 1);
                absolute.push(b"H");
            }
        }
        let best = match self.at {
            None => absolute,
            Some((cx, cy)) => {
                let vertical = relative(i32::from(y) - i32::from(cy), b'B', b'A');
                let mut both = vertical;
                both.append(&relative(i32::from(x) - i32::from(cx), b'C', b'D'));
                let mut via_cr = vertical;
                via_cr.push(b"\r");
                if x != 0 {
                    via_cr.append(&relative(i32::from(x), b'C', b'D'));
                }
                let mut column = vertical;
                column.push(b"\x1b[");
                column.number(u32::from(x) + 1);
                column.push(b"G");
                [absolute, both, via_cr, column]
                    .into_iter()
                    .min_by_key(|s| s.len)
                    .expect("candidates")
            }
        };
        self.frame.extend_from_slice(best.bytes());
        self.at = Some((x, y));
    }

    fn set_pen(&mut self, to: Pen) {
        if self.pen == Some(to) {
            return;
        }
        let sgr = match self.pen {
            Some(from) => {
                let reset = reset_sgr(to);
                let delta = delta_sgr(from, to);
                if delta.len() < reset.len() {
                    delta
                } else {
                    reset
                }
            }
            None => reset_sgr(to),
        };
        self.frame.extend_from_slice(b"\x1b[");
        self.frame.extend_from_slice(sgr.join(";").as_bytes());
        self.frame.push(b'm');
        self.pen = Some(to);
    }
}

/// `ESC [ n C` style move by `d` (empty for 0, no number for 1).
fn relative(d: i32, forward: u8, back: u8) -> Seq {
    let mut s = Seq::default();
    if d != 0 {
        s.push(b"\x1b[");
        if d.unsigned_abs() > 1 {
            s.number(d.unsigned_abs());
        }
        s.push(&[if d > 0 { forward } else { back }]);
    }
    s
}

/// A short escape sequence built without allocating: a cursor move is
/// chosen among four on every changed run of cells.
#[derive(Clone, Copy)]
struct Seq {
    buf: [u8; 40],
    len: usize,
}

impl Default for Seq {
    fn default() -> Self {
        Seq {
            buf: [0; 40],
            len: 0,
        }
    }
}

impl Seq {
    fn push(&mut self, bytes: &[u8]) {
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn append(&mut self, other: &Seq) {
        self.push(other.bytes());
    }

    fn number(&mut self, n: u32) {
        self.push(crate::values::Digits::of(u64::from(n)).as_str().as_bytes());
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

const ATTRIBUTES: [(Modifier, &str, &str); 7] = [
    (Modifier::BOLD, "1", "22"),
    (Modifier::DIM, "2", "22"),
    (Modifier::ITALIC, "3", "23"),
    (Modifier::UNDERLINED, "4", "24"),
    (Modifier::SLOW_BLINK, "5", "25"),
    (Modifier::REVERSED, "7", "27"),
    (Modifier::CROSSED_OUT, "9", "29"),
];

/// SGR parameters that reset everything, then set `to`.
fn reset_sgr(to: Pen) -> Vec<String> {
    let mut p = vec![String::new()];
    for (m, on, _) in ATTRIBUTES {
        if to.modifier.contains(m) {
            p.push(on.into());
        }
    }
    if to.fg != Color::Reset {
        p.push(color(to.fg, false));
    }
    if to.bg != Color::Reset {
        p.push(color(to.bg, true));
    }
    if p.len() == 1 {
        // `ESC [ m` alone is a reset.
        p.clear();
        p.push(String::new());
    }
    p
}

/// SGR parameters that change `from` into `to`.
fn delta_sgr(from: Pen, to: Pen) -> Vec<String> {
    let mut p = Vec::new();
    let removed = from.modifier - to.modifier;
    let added = to.modifier - from.modifier;
    let bold_dim = Modifier::BOLD | Modifier::DIM;
    for (m, on, off) in ATTRIBUTES {
        if removed.contains(m) && !(m == Modifier::DIM && removed.contains(Modifier::BOLD)) {
            p.push(off.into());
        }
        // 22 turns off bold and dim together: put back the one that stays.
        let readd = removed.intersects(bold_dim) && bold_dim.contains(m) && to.modifier.contains(m);
        if added.contains(m) || readd {
            p.push(on.into());
        }
    }
    if from.fg != to.fg {
        p.push(color(to.fg, false));
    }
    if from.bg != to.bg {
        p.push(color(to.bg, true));
    }
    p
}

fn color(c: Color, background: bool) -> String {
    let base = |n: u8| (if background { n + 10 } else { n }).to_string();
    match c {
        Color::Reset => base(39),
        Color::Black => base(30),
        Color::Red => base(31),
        Color::Green => base(32),
        Color::Yellow => base(33),
        Color::Blue => base(34),
        Color::Magenta => base(35),
        Color::Cyan => base(36),
        Color::Gray => base(37),
        Color::DarkGray => base(90),
        Color::LightRed => base(91),
        Color::LightGreen => base(92),
        Color::LightYellow => base(93),
        Color::LightBlue => base(94),
        Color::LightMagenta => base(95),
        Color::LightCyan => base(96),
        Color::White => base(97),
        Color::Indexed(i) => format!("{};5;{i}", if background { 48 } else { 38 }),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", if background { 48 } else { 38 }),
    }
}

/// The last guard before the terminal: whatever a widget drew (the text
/// editor draws a field's raw text), no control, invisible or direction
/// character is written — dropped from the cell, `?` if nothing is left.
fn inert_symbol(symbol: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() || crate::inert::is_invisible(c);
    if !symbol.chars().any(bad) {
        return std::borrow::Cow::Borrowed(symbol);
    }
    let kept: String = symbol.chars().filter(|&c| !bad(c)).collect();
    std::borrow::Cow::Owned(if kept.is_empty() { "?".into() } else { kept })
}

/// How far the cursor moves after printing `symbol`, or `None` when
/// terminals disagree (East Asian ambiguous width, emoji sequences).
fn advance(symbol: &str) -> Option<u16> {
    let mut chars = symbol.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii() => Some(1),
        (Some(c), None) => match (c.width(), c.width_cjk()) {
            (Some(w), Some(cjk)) if w == cjk && w > 0 => Some(w as u16),
            _ => None,
        },
        _ => None,
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let width = self.size()?.width;
        for (x, y, cell) in content {
            self.move_to(x, y);
            self.set_pen(Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            });
            let symbol = inert_symbol(cell.symbol());
            let symbol = symbol.as_ref();
            self.frame.extend_from_slice(symbol.as_bytes());
            self.at = match advance(symbol) {
                // At the right margin the terminal's next position is unclear.
                Some(w) if x + w < width => Some((x + w, y)),
                _ => None,
            };
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.want_shown = false;
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.want_shown = true;
        Ok(())
    }

    /// Where the cursor is believed to be; never asks the terminal.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = self.want_at.or(self.at).unwrap_or((0, 0));
        Ok(Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.want_at = Some((p.x, p.y));
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        if clear_type == ClearType::All {
            // A whole clear follows a resize, which may have moved the
            // cursor and reset the pen: state them again.
            self.forget();
        }
        // Erasing fills with the current background: go back to plain first.
        self.set_pen(PLAIN);
        let seq: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.frame.extend_from_slice(seq);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed_size {
            Some(s) => Ok(s),
            None => match self.known_size.get() {
                Some(s) => Ok(s),
                None => {
                    let (width, height) = crossterm::terminal::size()?;
                    let s = Size { width, height };
                    self.known_size.set(Some(s));
                    Ok(s)
                }
            },
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size()?,
            pixels: Size {
                width: 0,
                height: 0,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.want_shown {
            if let Some((x, y)) = self.want_at {
                self.move_to(x, y);
            }
            if self.cursor_shown != Some(true) {
                self.frame.extend_from_slice(b"\x1b[?25h");
                self.cursor_shown = Some(true);
            }
        } else if self.cursor_shown != Some(false) {
            self.frame.extend_from_slice(b"\x1b[?25l");
            self.cursor_shown = Some(false);
        }
        if self.frame.is_empty() {
            return Ok(());
        }
        let wrap = self.frame.len() > SYNC_MIN_BYTES;
        let mut bytes = Vec::with_capacity(self.frame.len() + 16);
        if wrap {
            bytes.extend_from_slice(BEGIN_SYNC);
        }
        bytes.append(&mut self.frame);
        if wrap {
            bytes.extend_from_slice(END_SYNC);
        }
        if self.wire != Wire::Utf8 {
            // Only whole symbols and ASCII sequences go into a frame.
            let text = String::from_utf8_lossy(&bytes);
            bytes = self.wire.encode(&text).into_owned();
        }
        self.written += bytes.len();
        self.out.write_all(&bytes)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::style::Style;
    use ratatui::text::Span;

    fn term(w: u16, h: u16) -> Terminal<LeanBackend<Vec<u8>>> {
        Terminal::new(LeanBackend::with_size(Vec::new(), w, h)).unwrap()
    }

    /// What a real terminal shows after the bytes, cell by cell.
    fn screen(bytes: &[u8], w: u16, h: u16) -> vt100::Parser {
        let mut p = vt100::Parser::new(h, w, 0);
        p.process(bytes);
        p
    }

    #[test]
    fn no_invisible_or_direction_character_reaches_the_terminal() {
        let mut t = term(30, 2);
        t.draw(|f| {
            f.render_widget(
                Span::raw("甲局\u{202e}局乙\u{200b}x\u{2066}"),
                ratatui::layout::Rect::new(0, 0, 30, 1),
            );
        })
        .unwrap();
        let out = String::from_utf8_lossy(t.backend().writer()).into_owned();
        assert!(!out.chars().any(crate::inert::is_invisible), "{out:?}");
        let p = screen(t.backend().writer(), 30, 2);
        assert!(
            p.screen().contents().starts_with("甲局"),
            "{:?}",
            p.screen().contents()
        );
        assert_eq!(inert_symbol("\u{202e}"), "?");
        assert_eq!(inert_symbol("局"), "局");
    }

    #[test]
    fn frames_end_on_the_terminal_exactly_as_drawn() {
        let mut t = term(30, 4);
        let frames: [&[(&str, Style)]; 3] = [
            &[
                ("总计 12", Style::new()),
                ("自然人", Style::new().reversed()),
            ],
            &[
                ("总计 123", Style::new().bold()),
                ("社会 x", Style::new().red()),
            ],
            &[("ab", Style::new()), ("“引号”中文", Style::new())],
        ];
        for spans in frames {
            t.draw(|f| {
                for (i, (s, st)) in spans.iter().enumerate() {
                    f.render_widget(
                        Span::styled(*s, *st),
                        ratatui::layout::Rect::new(2, i as u16, 20, 1),
                    );
                }
                f.set_cursor_position((5, 3));
            })
            .unwrap();
            let p = screen(t.backend().writer(), 30, 4);
            let s = p.screen();
            for (i, (text, style)) in spans.iter().enumerate() {
                let row = s.contents_between(i as u16, 2, i as u16, 22);
                assert!(row.starts_with(text), "row {i}: {row:?}");
                let cell = s.cell(i as u16, 2).unwrap();
                assert_eq!(
                    cell.inverse(),
                    style.add_modifier.contains(Modifier::REVERSED)
                );
                assert_eq!(cell.bold(), style.add_modifier.contains(Modifier::BOLD));
            }
            assert_eq!(s.cursor_position(), (3, 5));
            assert!(!s.hide_cursor());
        }
    }

    #[test]
    fn a_one_digit_change_costs_a_few_bytes() {
        let mut t = term(80, 24);
        let draw = |t: &mut Terminal<LeanBackend<Vec<u8>>>, v: &str| {
            t.draw(|f| {
                f.render_widget(
                    Span::raw("一、本年新收政府信息公开申请数量"),
                    ratatui::layout::Rect::new(0, 5, 40, 1),
                );
                f.render_widget(
                    Span::raw(v.to_string()),
                    ratatui::layout::Rect::new(40, 5, 6, 1),
                );
                f.set_cursor_position((40 + v.len() as u16, 5));
            })
            .unwrap();
        };
        draw(&mut t, "1");
        let before = t.backend().written;
        draw(&mut t, "12");
        let cost = t.backend().written - before;
        // The digit, nothing else: the cursor is already there.
        assert_eq!(cost, 1, "{:?}", &t.backend().writer()[before..]);
        assert_eq!(
            screen(t.backend().writer(), 80, 24)
                .screen()
                .contents_between(5, 40, 5, 42),
            "12"
        );
    }

    #[test]
    fn big_frames_are_synchronized_small_ones_not() {
        let mut t = term(80, 24);
        let page = |t: &mut Terminal<LeanBackend<Vec<u8>>>, first: &str| {
            t.draw(|f| {
                for y in 0..24 {
                    let text = if y == 0 {
                        first.to_string()
                    } else {
                        "x".repeat(80)
                    };
                    f.render_widget(Span::raw(text), ratatui::layout::Rect::new(0, y, 80, 1));
                }
            })
            .unwrap();
        };
        page(&mut t, "x");
        let out = t.backend().writer().clone();
        assert!(out.starts_with(BEGIN_SYNC) && out.ends_with(END_SYNC));
        let n = out.len();
        page(&mut t, "y");
        let small = &t.backend().writer()[n..];
        assert!(
            !small.windows(BEGIN_SYNC.len()).any(|w| w == BEGIN_SYNC),
            "{small:?}"
        );
    }

    #[test]
    fn shortest_moves_and_pens() {
        assert_eq!(relative(3, b'C', b'D').bytes(), b"\x1b[3C");
        assert_eq!(relative(-1, b'C', b'D').bytes(), b"\x1b[D");
        assert_eq!(relative(0, b'C', b'D').bytes(), b"");
        assert_eq!(relative(-12, b'B', b'A').bytes(), b"\x1b[12A");
        let bold_red = Pen {
            fg: Color::Red,
            modifier: Modifier::BOLD,
            ..PLAIN
        };
        assert_eq!(reset_sgr(PLAIN), vec![""]);
        assert_eq!(delta_sgr(PLAIN, bold_red), vec!["1", "31"]);
        let dim = Pen {
            modifier: Modifier::DIM,
            ..PLAIN
        };
        let bold_dim = Pen {
            modifier: Modifier::BOLD | Modifier::DIM,
            ..PLAIN
        };
        assert_eq!(delta_sgr(bold_dim, dim), vec!["22", "2"]);
        assert_eq!(advance("中"), Some(2));
        assert_eq!(advance("a"), Some(1));
        assert_eq!(advance("“"), None, "ambiguous width");
    }
}
