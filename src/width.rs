//! Display-width functions for mixed Chinese and ASCII text: every measure is
//! in terminal cells (a Chinese character is two), never in chars or bytes.
//! (Text is made inert for the screen by [`crate::inert::screen`] first.)

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cells the text takes.
pub fn width(s: &str) -> usize {
    s.width()
}

/// The longest prefix that fits in `max` cells.
pub fn truncate(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// A file's path in at most `max` cells, cut from the left so that the file
/// name stays: `…/gonganju/report.toml`. The cut falls after a `/` when one
/// is left in what fits; a name longer than `max` keeps its end.
pub fn truncate_path_left(path: &str, max: usize, ellipsis: &str) -> String {
    if width(path) <= max {
        return path.to_string();
    }
    let room = max.saturating_sub(width(ellipsis));
    // The longest suffix that fits in `room` cells.
    let mut used = 0;
    let mut start = path.len();
    for (i, c) in path.char_indices().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        start = i;
    }
    let tail = &path[start..];
    let tail = match tail.find('/') {
        Some(slash) if slash > 0 => &tail[slash..],
        _ => tail,
    };
    format!("{ellipsis}{tail}")
}

/// Pads (or cuts) to exactly `cells` cells, text on the left.
pub fn pad_right(s: &str, cells: usize) -> String {
    let cut = truncate(s, cells);
    let mut out = cut.to_string();
    out.extend(std::iter::repeat_n(' ', cells - width(cut)));
    out
}

/// Pads (or cuts) to exactly `cells` cells, text on the right.
pub fn pad_left(s: &str, cells: usize) -> String {
    let cut = truncate(s, cells);
    let mut out: String = std::iter::repeat_n(' ', cells - width(cut)).collect();
    out.push_str(cut);
    out
}

/// Centres (or cuts) in exactly `cells` cells.
pub fn center(s: &str, cells: usize) -> String {
    let cut = truncate(s, cells);
    let room = cells - width(cut);
    let left = room / 2;
    let mut out: String = std::iter::repeat_n(' ', left).collect();
    out.push_str(cut);
    out.extend(std::iter::repeat_n(' ', room - left));
    out
}

/// Wraps into lines of at most `max` cells: Chinese between any two
/// characters, other text at spaces when a word fits on a line. Closing
/// punctuation (，。）…) never starts a line: the character before it moves
/// down with it, as Chinese typesetting does.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines: Vec<String> = vec![String::new()];
    let mut used = 0;
    for token in tokens(s) {
        let w = width(token);
        if used + w <= max {
            lines.last_mut().expect("a line").push_str(token);
            used += w;
            continue;
        }
        if token == " " {
            // A space at a break disappears.
            lines.push(String::new());
            used = 0;
            continue;
        }
        if w <= max {
            let mut next = token.to_string();
            if is_closing(token) {
                let line = lines.last_mut().expect("a line");
                if let Some(last) = line.pop() {
                    next.insert(0, last);
                }
            }
            used = width(&next);
            lines.push(next);
            continue;
        }
        // A word longer than a line: break it anywhere.
        for c in token.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > max {
                lines.push(String::new());
                used = 0;
            }
            lines.last_mut().expect("a line").push(c);
            used += cw;
        }
    }
    for l in &mut lines {
        let trimmed = l.trim_end().len();
        l.truncate(trimmed);
    }
    lines.retain(|l| !l.is_empty());
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Wraps into as few lines as [`wrap`] needs, but of even length: a column
/// label of four characters becomes two and two, not three and one.
pub fn wrap_even(s: &str, max: usize) -> Vec<String> {
    let n = wrap(s, max).len();
    if n <= 1 {
        return wrap(s, max);
    }
    let target = width(s).div_ceil(n);
    (target..=max)
        .map(|w| wrap(s, w))
        .find(|lines| lines.len() <= n)
        .unwrap_or_else(|| wrap(s, max))
}

fn is_closing(token: &str) -> bool {
    token.chars().count() == 1 && "，。、：；）」』”’！？》〉】…".contains(token)
}

/// Words of ASCII letters and digits, single spaces, and single characters
/// of everything else (each Chinese character may end a line).
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let wordy = c.is_ascii_alphanumeric() || "-_./:@()'\",;".contains(c);
        match (wordy, start) {
            (true, None) => start = Some(i),
            (true, Some(_)) => {}
            (false, st) => {
                if let Some(st) = st {
                    out.push(&s[st..i]);
                    start = None;
                }
                out.push(&s[i..i + c.len_utf8()]);
            }
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_path_is_cut_from_the_left_and_keeps_the_file_name() {
        let path = "/srv/nianbao/gonganju/report.toml";
        assert_eq!(truncate_path_left(path, 26, "…"), "…/gonganju/report.toml");
        assert_eq!(truncate_path_left(path, 40, "…"), path);
        assert_eq!(
            truncate_path_left(path, 26, "..."),
            ".../gonganju/report.toml"
        );
        // Chinese folder names are two cells each: the result still fits.
        let zh = "/srv/年报/某县公安局/2026年度报告.toml";
        let cut = truncate_path_left(zh, 32, "…");
        assert_eq!(cut, "…/某县公安局/2026年度报告.toml");
        assert!(width(&cut) <= 32, "{cut}");
        let cut = truncate_path_left(zh, 20, "…");
        assert_eq!(cut, "…/2026年度报告.toml");
        // A name longer than the room keeps its end.
        let cut = truncate_path_left("/a/很长很长很长的文件名.toml", 12, "…");
        assert_eq!(cut, "…文件名.toml");
        assert!(width(&cut) <= 12);
    }

    #[test]
    fn widths_count_cells() {
        assert_eq!(width("自然人"), 6);
        assert_eq!(truncate("自然人", 5), "自然");
        assert_eq!(pad_left("12", 5), "   12");
        assert_eq!(pad_right("总计", 5), "总计 ");
        assert_eq!(center("ab", 6), "  ab  ");
    }

    #[test]
    fn chinese_wraps_anywhere_english_at_spaces() {
        assert_eq!(wrap("社会公益组织", 6), vec!["社会公", "益组织"]);
        assert_eq!(
            wrap("Public-interest organisations", 16),
            vec!["Public-interest", "organisations"]
        );
        assert_eq!(wrap("商业企业", 5), vec!["商业", "企业"]);
    }

    #[test]
    fn punctuation_never_starts_a_line() {
        assert_eq!(wrap("数据为：第一", 6), vec!["数据", "为：第", "一"]);
        assert_eq!(wrap_even("商业企业", 7), vec!["商业", "企业"]);
        assert_eq!(wrap_even("社会公益组织", 7), vec!["社会公", "益组织"]);
        assert_eq!(wrap_even("自然人", 7), vec!["自然人"]);
    }
}
