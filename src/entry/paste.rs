//! Pasted text: spreadsheet blocks (tab/newline separated, with the quoting
//! spreadsheets use for cells that contain tabs, newlines or quotes) for the
//! tables and where each of their values lands ([`landing`]), and cleaned-up
//! text for the text fields, and the longest a text field may be
//! ([`TEXT_CHARS_MAX`]).

use crate::schema::{CellId, Lang};

/// The most characters one text field may hold, typed or pasted: ten times
/// the longest real 概述 paragraph, and small enough that every text at
/// the limit still makes a report file within `store::REPORT_BYTES_MAX`.
pub const TEXT_CHARS_MAX: usize = 20_000;

/// Why a text of `chars` characters is refused, or `None` when it fits.
pub fn too_long(chars: usize, lang: Lang) -> Option<String> {
    (chars > TEXT_CHARS_MAX).then(|| match lang {
        Lang::Zh => format!(
            "文字共 {chars} 个字符，超过一个栏目的上限 {TEXT_CHARS_MAX} 个字符，未接受。请分段精简后再输入"
        ),
        Lang::En => format!(
            "the text is {chars} characters, more than a field may hold (at most {TEXT_CHARS_MAX}), so it was not taken. Shorten it and enter it again"
        ),
    })
}

/// Turns `\r\n` and lone `\r` (how some terminals send pasted lines) into `\n`.
pub fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Splits a pasted block into rows of cells. A cell that starts with `"` is
/// quoted: it runs to the next `"` not doubled, and `""` inside stands for
/// one `"`. One trailing newline (spreadsheets add it) does not make an
/// empty last row.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let text = normalize_newlines(text);
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let mut rows = vec![Vec::new()];
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // Quoted cell: read to the closing quote.
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                rows.last_mut()
                    .expect("a row")
                    .push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\n' => {
                rows.last_mut()
                    .expect("a row")
                    .push(std::mem::take(&mut cell));
                rows.push(Vec::new());
                at_cell_start = true;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    rows.last_mut().expect("a row").push(cell);
    rows
}

/// Where a value of a pasted block lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landing {
    /// A cell that takes a value.
    Input(CellId),
    /// A total the program computes (the 总计 column, the （七）总计 row): the
    /// value is compared with it, never stored.
    Total(CellId),
    /// Beyond the table's last row or column.
    Outside,
}

/// Where the value at `line`, `column` of a block pasted at `start` lands:
/// cell for cell, as the table is drawn, totals included — so a row copied
/// from a spreadsheet with its 总计 column puts that column on the table's
/// own 总计, and a block copied with its （七）总计 row puts that row on the
/// table's.
pub fn landing(start: CellId, line: usize, column: usize) -> Landing {
    let def = start.table_def();
    let (row, col) = (start.row + line, start.col + column);
    if row >= def.rows.len() || col >= def.columns.len() {
        return Landing::Outside;
    }
    let cell = CellId { row, col, ..start };
    if cell.is_computed() {
        Landing::Total(cell)
    } else {
        Landing::Input(cell)
    }
}

/// Whether a paste is a block of several cells rather than one value.
pub fn is_block(text: &str) -> bool {
    let text = normalize_newlines(text);
    let text = text.strip_suffix('\n').unwrap_or(&text);
    text.contains(['\t', '\n'])
}

/// Text for a field: newlines normalised; control characters (escape
/// sequences included) removed; for a one-line field, lines joined with a
/// space and tabs turned into spaces. Returns the text and how many control
/// characters were removed.
pub fn clean_text(text: &str, one_line: bool) -> (String, usize) {
    let text = normalize_newlines(text);
    let mut removed = 0;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // Several line breaks (a blank line) become one space.
            '\n' if one_line && out.ends_with(' ') => {}
            '\n' if one_line => out.push(' '),
            '\t' if one_line => out.push(' '),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => removed += 1,
            c => out.push(c),
        }
    }
    if one_line {
        // A pasted trailing newline should not leave a trailing space.
        let trimmed = out.trim_end_matches(' ').len();
        if text.ends_with('\n') {
            out.truncate(trimmed);
        }
    }
    (out, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_block() {
        assert_eq!(
            parse_block("1\t2\t3\r\n4\t5\t6\r\n"),
            vec![vec!["1", "2", "3"], vec!["4", "5", "6"]]
        );
        assert_eq!(parse_block("7"), vec![vec!["7"]]);
        assert_eq!(parse_block("1\t\t3"), vec![vec!["1", "", "3"]]);
    }

    #[test]
    fn quoted_cells_keep_tabs_newlines_and_quotes() {
        assert_eq!(
            parse_block("\"a\tb\"\t\"say \"\"hi\"\"\"\n\"x\ny\"\t2"),
            vec![vec!["a\tb", "say \"hi\""], vec!["x\ny", "2"]]
        );
        // A quote inside an unquoted cell is just a character.
        assert_eq!(parse_block("5\"\t6"), vec![vec!["5\"", "6"]]);
    }

    #[test]
    fn a_block_lands_cell_for_cell_totals_included() {
        let at = |p: &str| crate::schema::find_cell(p).unwrap();
        let start = at("applications.new_received.natural");
        assert_eq!(landing(start, 0, 0), Landing::Input(start));
        // The seventh value of a row is the table's 总计 column.
        assert_eq!(
            landing(start, 0, 6),
            Landing::Total(at("applications.new_received.total"))
        );
        assert_eq!(landing(start, 0, 7), Landing::Outside);
        // Line 24 of a block from 一 is （七）总计, line 25 四.
        assert_eq!(
            landing(start, 23, 0),
            Landing::Total(at("applications.total_handled.natural"))
        );
        assert_eq!(
            landing(start, 24, 0),
            Landing::Input(at("applications.carry_forward.natural"))
        );
        assert_eq!(landing(start, 25, 0), Landing::Outside);
    }

    #[test]
    fn blocks_and_single_values() {
        assert!(is_block("1\t2"));
        assert!(is_block("1\r2"));
        assert!(!is_block("12\r\n"));
        assert!(!is_block("12"));
    }

    #[test]
    fn text_is_cleaned() {
        assert_eq!(clean_text("a\r\nb\rc", false), ("a\nb\nc".to_string(), 0));
        assert_eq!(clean_text("a\r\nb\n", true), ("a b".to_string(), 0));
        assert_eq!(clean_text("a\r\r\nb", true), ("a b".to_string(), 0));
        assert_eq!(
            clean_text("x\u{1b}[2Jy\u{7}", false),
            ("x[2Jy".to_string(), 2)
        );
        assert_eq!(clean_text("甲\t乙", true), ("甲 乙".to_string(), 0));
    }
}
