//! The table `nianbao status` prints: one row per report, columns aligned
//! by display width (a Chinese character takes two cells), numbers on the
//! right, then why unreadable files could not be read and a summary line.
//! Every cell is made printable, so a name planted with escape sequences
//! reaches the terminal inert.

use super::{Counts, Local, Overview, Row, State, messages};
use crate::inert::screen as printable;
use crate::schema::Lang;
use crate::store::{LockNote, LockState};
use crate::width::{pad_left, pad_right, truncate, width};

/// The widest an agency name is shown; longer ones end in `…`.
const AGENCY_CELLS: usize = 24;
/// Between two columns.
const GAP: &str = "  ";
/// The columns whose cells are numbers, right-aligned.
const NUMERIC: [bool; 11] = [
    false, false, false, true, false, true, true, true, true, false, false,
];
/// Stands for a value a row does not have.
const NONE: &str = "—";

/// The whole output for a terminal.
pub fn render(overview: &Overview, lang: Lang) -> String {
    let mut out = String::new();
    if !overview.rows.is_empty() {
        let mut lines = vec![messages::headings(lang).map(str::to_string)];
        lines.extend(overview.rows.iter().map(|r| cells(r, lang)));
        out += &align(&lines);
        out.push('\n');
    }
    for r in overview
        .rows
        .iter()
        .filter(|r| r.state == State::Unreadable)
    {
        if let Some(p) = &r.unreadable {
            let mut place = r.shown.clone();
            if let Some(line) = p.line {
                place += &format!(":{line}");
                if let Some(col) = p.column {
                    place += &format!(":{col}");
                }
            }
            let line = messages::unreadable_line(&place, &p.describe(), lang);
            out += &printable(&line);
            out.push('\n');
        }
    }
    let counts = Counts::of(&overview.rows);
    if counts.reports > 0 {
        out += &messages::summary(&counts, lang);
        out.push('\n');
    }
    if overview.rows.iter().any(|r| r.errors + r.warnings > 0) {
        out += messages::errors_hint(lang);
        out.push('\n');
    }
    out
}

/// The cells of one row, in the order of the headings.
fn cells(r: &Row, lang: Lang) -> [String; 11] {
    let none = || NONE.to_string();
    let readable = r.state != State::Unreadable;
    let count = |n: usize| if readable { n.to_string() } else { none() };
    let (texts, tables) = match r.completion {
        Some(c) => (
            format!("{}/{}", c.texts_filled, c.texts_required),
            format!("{}/{}", c.tables_entered, c.tables),
        ),
        None => (none(), none()),
    };
    [
        messages::state(r.state, lang).to_string(),
        printable(&r.shown),
        r.agency
            .as_deref()
            .map_or_else(none, |a| shorten(&printable(a))),
        r.year.map_or_else(none, |y| y.to_string()),
        r.level.map_or_else(none, |(_, label)| label.to_string()),
        texts,
        tables,
        count(r.errors),
        count(r.warnings),
        r.saved
            .and_then(Local::of)
            .map_or_else(none, |t| t.minutes()),
        open_now(&r.lock, lang),
    ]
}

/// The "open now" cell.
fn open_now(lock: &Result<LockState, String>, lang: Lang) -> String {
    let parts = |n: &LockNote| {
        let user = n.user.as_deref().unwrap_or(messages::unknown(lang));
        let since = n
            .since
            .and_then(Local::of)
            .map_or_else(|| messages::unknown(lang).to_string(), |t| t.minutes());
        (printable(user), printable(&n.holder), since)
    };
    match lock {
        Ok(LockState::Free) => NONE.to_string(),
        Ok(LockState::Held(n)) => {
            let (user, holder, since) = parts(n);
            messages::open_by(&user, &holder, &since, lang)
        }
        Ok(LockState::Stale(n)) => {
            let (user, holder, since) = parts(n);
            messages::stale_lock(&user, &holder, &since, lang)
        }
        Err(why) => messages::lock_unreadable(&printable(why), lang),
    }
}

/// An agency name cut to [`AGENCY_CELLS`], marked with `…` when cut.
fn shorten(name: &str) -> String {
    if width(name) <= AGENCY_CELLS {
        return name.to_string();
    }
    format!("{}…", truncate(name, AGENCY_CELLS - 1))
}

/// Lines of cells, each column as wide as its widest cell; the last
/// column is not padded, so no line ends in spaces.
fn align(lines: &[[String; 11]]) -> String {
    let mut widths = [0usize; 11];
    for line in lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(width(cell));
        }
    }
    let mut out = String::new();
    for line in lines {
        let mut text = String::new();
        for (i, cell) in line.iter().enumerate() {
            if i > 0 {
                text += GAP;
            }
            if i == line.len() - 1 {
                text += cell;
            } else if NUMERIC[i] {
                text += &pad_left(cell, widths[i]);
            } else {
                text += &pad_right(cell, widths[i]);
            }
        }
        out += text.trim_end();
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_ascii_columns_line_up() {
        let lines = [
            ["机关", "x", "", "", "", "", "", "", "", "", "end"].map(String::from),
            ["ab", "教育局", "", "", "", "", "", "", "", "", "end"].map(String::from),
        ];
        let text = align(&lines);
        let ends: Vec<usize> = text
            .lines()
            .map(|l| width(&l[..l.rfind("end").unwrap()]))
            .collect();
        assert_eq!(ends[0], ends[1], "{text}");
    }

    #[test]
    fn a_long_agency_is_cut_to_its_column() {
        let long = "内蒙古自治区包头市昆都仑区人民政府办公室政务公开科";
        let short = shorten(long);
        assert!(short.ends_with('…'));
        assert!(width(&short) <= AGENCY_CELLS);
        assert_eq!(shorten("教育局"), "教育局");
    }
}
