//! The wizard's screen: each frame is drawn whole into a buffer, compared
//! with the frame the terminal shows, and only the cells that differ go to
//! the backend ([`LeanBackend`]), which writes them in as few bytes as it
//! can.
//!
//! ratatui's `Terminal` does the same, but its comparison measures the
//! display width of every cell of every frame (a table lookup per Chinese
//! character) and compares each pair of cells through a library call: at
//! 80×24 that was a third of a keystroke's instructions. Here cells are
//! compared field by field and a width is measured only where ratatui's
//! rules need it (a changed cell, an unchanged non-ASCII one). The cells
//! sent, and their order, are ratatui's (`Buffer::diff`); a test holds the
//! two to each other.

use super::backend::LeanBackend;
use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

/// The terminal as the wizard draws on it.
pub struct Screen<W: Write> {
    backend: LeanBackend<W>,
    /// What the terminal shows.
    shown: Buffer,
    /// The frame being drawn.
    next: Buffer,
}

impl<W: Write> Screen<W> {
    pub fn new(backend: LeanBackend<W>) -> io::Result<Self> {
        let area = Rect::from((Position::ORIGIN, backend.size()?));
        Ok(Screen {
            backend,
            shown: Buffer::empty(area),
            next: Buffer::empty(area),
        })
    }

    pub fn backend(&self) -> &LeanBackend<W> {
        &self.backend
    }

    pub fn backend_mut(&mut self) -> &mut LeanBackend<W> {
        &mut self.backend
    }

    /// Draws one frame: `draw` fills the whole area and returns where the
    /// terminal cursor goes (`None`: hidden). A new terminal size clears
    /// the screen first and draws everything.
    pub fn draw(&mut self, draw: impl FnOnce(&mut Buffer) -> Option<Position>) -> io::Result<()> {
        let area = Rect::from((Position::ORIGIN, self.backend.size()?));
        if area != self.shown.area {
            self.shown.resize(area);
            self.next.resize(area);
            self.clear()?;
        }
        self.next.reset();
        let cursor = draw(&mut self.next);
        self.backend
            .draw(changed_cells(&self.shown, &self.next).into_iter())?;
        match cursor {
            None => self.backend.hide_cursor()?,
            Some(p) => {
                self.backend.show_cursor()?;
                self.backend.set_cursor_position(p)?;
            }
        }
        std::mem::swap(&mut self.shown, &mut self.next);
        self.backend.flush()
    }

    /// Clears the terminal; the next frame is drawn in full.
    pub fn clear(&mut self) -> io::Result<()> {
        self.backend.clear_region(ClearType::All)?;
        self.shown.reset();
        Ok(())
    }
}

/// Blank cells after a wide cell whose background or attributes would show
/// where a narrower one replaced it: ratatui's rule.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// The cells of `next` to write over `prev`, as `(x, y, cell)` in the
/// order ratatui's `Buffer::diff` gives them.
pub fn changed_cells<'a>(prev: &Buffer, next: &'a Buffer) -> Vec<(u16, u16, &'a Cell)> {
    let width = usize::from(next.area.width).max(1);
    let (before, after) = (&prev.content, &next.content);
    let len = before.len().min(after.len());
    let mut out = Vec::new();
    let mut send = |i: usize| {
        let (x, y) = (i % width, i / width);
        out.push((x as u16 + next.area.x, y as u16 + next.area.y, &after[i]));
    };
    let mut i = 0;
    while i < len {
        let (current, previous) = (&after[i], &before[i]);
        let index = i;
        i += 1;
        if plain(current) {
            // Nearly every cell: no diff option, and the same as before.
            let symbol = current.symbol();
            if same_symbol(symbol, previous.symbol()) && same_style(current, previous) {
                if symbol.len() > 1 {
                    i += cell_width(symbol).saturating_sub(1);
                }
                continue;
            }
        } else if is_skip(current) {
            continue;
        }
        match current.diff_option {
            CellDiffOption::ForcedWidth(w) => {
                i += usize::from(w.get()).saturating_sub(1);
                if !same(current, previous) {
                    send(index);
                }
                continue;
            }
            CellDiffOption::None if same(current, previous) => {
                i += cell_width(current.symbol()).saturating_sub(1);
                continue;
            }
            _ => {}
        }
        send(index);
        let w = cell_width(current.symbol());
        // The cells a wide symbol covers, sent again: all of them after a
        // wide styled cell made narrow (its background would stay), those
        // that differ under an emoji made wide by VS16.
        let trailing = if w > 1 && current.symbol().contains('\u{FE0F}') {
            Some((index + w, false))
        } else if w > 1 {
            i += w - 1;
            None
        } else {
            let previous_w = cell_width(previous.symbol());
            (previous_w > w
                && (previous.bg != Color::Reset || previous.modifier.intersects(VISIBLE_ON_BLANK)))
            .then_some((index + previous_w, true))
        };
        if let Some((end, force)) = trailing {
            let mut end = end.min(len);
            while i < end {
                let j = i;
                i += cell_width(after[j].symbol()).max(1);
                end = end.max(i).min(len);
                if !is_skip(&after[j]) && (force || before[j].symbol() != after[j].symbol()) {
                    send(j);
                }
            }
            i = end;
        }
    }
    out
}

#[allow(deprecated)] // `skip` is still honoured by ratatui's diff
fn is_skip(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

/// A cell with no diff option: compared, and sent when it differs.
#[allow(deprecated)]
#[inline(always)]
fn plain(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::None) && !cell.skip
}

/// Whether two cells look the same (ratatui's `Cell` equality).
#[inline(always)]
fn same(a: &Cell, b: &Cell) -> bool {
    same_symbol(a.symbol(), b.symbol()) && same_style(a, b)
}

/// Symbol equality without a library call for the one-to-four-byte
/// symbols of nearly every cell.
#[inline(always)]
fn same_symbol(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    x.len() == y.len()
        && if x.len() <= 4 {
            x.iter().zip(y).all(|(p, q)| p == q)
        } else {
            x == y
        }
}

/// The rest of ratatui's `Cell` equality: colours, attributes, options.
#[allow(deprecated)]
#[inline(always)]
fn same_style(a: &Cell, b: &Cell) -> bool {
    same_color(a.fg, b.fg)
        && same_color(a.bg, b.bg)
        && same_color(a.underline_color, b.underline_color)
        && a.modifier == b.modifier
        && a.diff_option == b.diff_option
        && a.skip == b.skip
}

/// Colour equality with the colour of nearly every cell, the terminal's
/// own, settled without the derived comparison's match on both.
#[inline(always)]
fn same_color(a: Color, b: Color) -> bool {
    (matches!(a, Color::Reset) && matches!(b, Color::Reset)) || a == b
}

/// How many columns a cell's symbol takes, as ratatui counts it: one for a
/// one-byte symbol, two for the CJK ideographs and fullwidth forms of most
/// Chinese text, else the Unicode width (with ratatui's halfwidth sound
/// marks counted).
fn cell_width(symbol: &str) -> usize {
    if symbol.len() == 1 {
        return 1;
    }
    // A CJK ideograph, U+4E00..=U+9FFF, read from its UTF-8 bytes.
    if let [first @ 0xE4..=0xE9, second, _] = *symbol.as_bytes()
        && (first > 0xE4 || second >= 0xB8)
    {
        return 2;
    }
    let mut chars = symbol.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3001}'..='\u{3003}' | '\u{FF01}'..='\u{FF5E}')
    {
        return 2;
    }
    use ratatui::buffer::CellWidth as _;
    usize::from(symbol.cell_width())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    /// A small random buffer: spaces, ASCII, Chinese, a few emoji with VS16,
    /// wide characters with their covered cell reset, some styled.
    fn random_buffer(seed: &mut u64, area: Rect) -> Buffer {
        let mut next = || {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed
        };
        let mut buf = Buffer::empty(area);
        for y in 0..area.height {
            let mut x = 0;
            while x < area.width {
                let r = next();
                let style = match r % 7 {
                    0 => Style::new().bg(Color::Blue),
                    1 => Style::new().add_modifier(Modifier::REVERSED),
                    2 => Style::new().fg(Color::Red),
                    _ => Style::new(),
                };
                let symbol = match (r >> 8) % 9 {
                    0 | 1 => " ",
                    2 => "a",
                    3 => "b",
                    4 => "政",
                    5 => "府",
                    6 => "❤\u{FE0F}",
                    7 => "，",
                    _ => "1",
                };
                buf.set_string(x, y, symbol, style);
                x += cell_width(symbol) as u16;
            }
        }
        buf
    }

    #[test]
    fn the_cells_sent_are_ratatuis() {
        let area = Rect::new(0, 0, 13, 4);
        let mut seed = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let prev = random_buffer(&mut seed, area);
            let mut next = random_buffer(&mut seed, area);
            // Often only a little changes, as after a keystroke.
            if seed % 2 == 0 {
                next = prev.clone();
                let x = (seed % 13) as u16;
                next.set_string(x, (seed % 4) as u16, "7", Style::new());
            }
            let ours = changed_cells(&prev, &next);
            let theirs = prev.diff(&next);
            assert_eq!(ours, theirs, "\n{prev:?}\n{next:?}");
        }
    }

    #[test]
    fn widths_are_ratatuis() {
        use ratatui::buffer::CellWidth as _;
        for s in [
            " ",
            "a",
            "政",
            "一",
            "龥",
            "\u{9FFF}",
            "\u{4DFF}",
            "\u{A000}",
            "，",
            "。",
            "（",
            "！",
            "❤\u{FE0F}",
            "é",
            "\u{FF9E}",
            "ｱ\u{FF9E}",
            "🙂",
            "ꀀ",
        ] {
            assert_eq!(cell_width(s), usize::from(s.cell_width()), "{s:?}");
        }
    }

    #[test]
    fn a_frame_writes_only_what_changed_and_a_new_size_clears() {
        let mut screen = Screen::new(LeanBackend::with_size(Vec::new(), 10, 2)).unwrap();
        screen
            .draw(|b| {
                b.set_string(0, 0, "政府 12", Style::new());
                Some(Position::new(5, 0))
            })
            .unwrap();
        let first = screen.backend().written;
        screen
            .draw(|b| {
                b.set_string(0, 0, "政府 13", Style::new());
                Some(Position::new(6, 0))
            })
            .unwrap();
        let bytes = &screen.backend().writer()[first..];
        assert_eq!(String::from_utf8_lossy(bytes), "\x1b[C3\x1b[D");
        screen.backend_mut().set_fixed_size(12, 2);
        screen.draw(|_| None).unwrap();
        let bytes = String::from_utf8_lossy(&screen.backend().writer()[first + 6..]).into_owned();
        assert!(bytes.contains("\x1b[2J"), "{bytes:?}");
    }
}
