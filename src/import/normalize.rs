//! Text clean-up for imported reports, and tolerant label matching.
//!
//! Published reports come through converters and editors: traditional
//! characters with pinyin glosses (`報(bào)告`), ASCII punctuation in Chinese
//! text, stray spaces. [`clean_text`] turns such text into the stored form
//! (simplified characters, full-width punctuation next to Chinese, ASCII kept
//! in e-mail addresses, web addresses, phone numbers and between digits).
//! [`best_match`] compares a heading or cell found in a document with the
//! schema's labels, tolerating extra words and rewording: there is no second
//! list of labels here, callers pass the schema's.

use zhconv::{Variant, zhconv};

/// Simplified characters, without glosses, with full-width punctuation next
/// to Chinese text, and spaces between Chinese characters removed.
pub fn clean_text(s: &str) -> String {
    let s = strip_glosses(s);
    let s = simplify(&s);
    let s = fullwidth_punctuation(&s);
    join_cjk_spaces(&s).trim().to_string()
}

/// Removes pinyin glosses after Chinese characters: `報(bào)告` → `報告`.
/// A gloss is a parenthesised run of lower-case letters with at least one
/// tone mark, so that `(a)` or `(以下简称…)` stay.
pub fn strip_glosses(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '(' && i > 0 && is_han(chars[i - 1]) {
            let end = chars[i + 1..]
                .iter()
                .take(8)
                .position(|&c| c == ')')
                .map(|p| i + 1 + p);
            if let Some(end) = end {
                let inner = &chars[i + 1..end];
                let letters = inner
                    .iter()
                    .all(|&c| c.is_ascii_lowercase() || is_tone_vowel(c));
                if !inner.is_empty() && letters && inner.iter().any(|&c| is_tone_vowel(c)) {
                    i = end + 1;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Traditional → simplified characters (zhconv's zh-Hans table: characters
/// only, no regional rewording).
pub fn simplify(s: &str) -> String {
    zhconv(s, Variant::ZhHans)
}

/// A Han character (CJK unified ideographs and their extensions).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Chinese text or its punctuation: what makes nearby ASCII punctuation
/// Chinese punctuation.
fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c as u32,
            0x3000..=0x303F      // 、。〈〉《》「」【】〔〕
            | 0xFF00..=0xFFEF    // full-width forms （），：；
            | 0x2018..=0x201F    // “ ” ‘ ’
            | 0x2026 | 0x2014)
}

/// Removes spaces between two Chinese characters (left by line wrapping,
/// PDF extraction or spread-out table headings like `商业 企业`).
pub fn join_cjk_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() && c != '\n' {
            let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if before.is_some_and(|&b| is_cjk(b)) && after.is_some_and(|&a| is_cjk(a)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// ASCII `,` `:` `;` `(` `)` next to Chinese text become `，` `：` `；` `（` `）`;
/// `<` `>` inside `《》` become `〈` `〉`. Punctuation with ASCII on both
/// sides (e-mail addresses, web addresses, `1,234`, `10:30`) stays ASCII.
pub fn fullwidth_punctuation(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut title_depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '《' => title_depth += 1,
            '》' => title_depth = title_depth.saturating_sub(1),
            _ => {}
        }
        let wide = match c {
            '<' if title_depth > 0 => Some('〈'),
            '>' if title_depth > 0 => Some('〉'),
            ',' | ':' | ';' | '(' | ')' => {
                let before = chars[..i].iter().rev().find(|c| *c != &' ').copied();
                let after = chars[i + 1..].iter().find(|c| *c != &' ').copied();
                let digits = before.is_some_and(|b| b.is_ascii_digit())
                    && after.is_some_and(|a| a.is_ascii_digit());
                let chinese = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
                // A line that starts with `(一)` has nothing before the `(`.
                let opens_line = c == '(' && before.is_none() && after.is_some_and(is_cjk);
                if (chinese || opens_line) && !digits {
                    Some(match c {
                        ',' => '，',
                        ':' => '：',
                        ';' => '；',
                        '(' => '（',
                        _ => '）',
                    })
                } else {
                    None
                }
            }
            _ => None,
        };
        out.push(wide.unwrap_or(c));
    }
    out
}

/// The comparison form of a label: cleaned, full-width letters and digits
/// made ASCII, lower case, without spaces or punctuation.
pub fn label_key(s: &str) -> String {
    let cleaned = simplify(&strip_glosses(s));
    cleaned
        .chars()
        .map(|c| match c as u32 {
            0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Runs `f` on the comparison form of a label, computed once per thread:
/// the schema's labels are matched again and again (every row and heading
/// of every file), and traditional-to-simplified conversion is the costly
/// part of [`label_key`].
fn with_label_key<R>(label: &str, f: impl FnOnce(&str) -> R) -> R {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static KEYS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if !keys.contains_key(label) {
            // Labels come from the schema; a bound keeps odd callers small.
            if keys.len() > 10_000 {
                keys.clear();
            }
            keys.insert(label.to_string(), label_key(label));
        }
        f(&keys[label])
    })
}

/// How well a found text matches one label.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Score {
    /// Share of the label's characters found, in order, in the text.
    recall: f64,
    /// Share of the text's characters that belong to the label.
    precision: f64,
}

impl Score {
    fn of(found: &str, label: &str) -> Option<Score> {
        let (f, l): (Vec<char>, Vec<char>) = (found.chars().collect(), label.chars().collect());
        if f.is_empty() || l.is_empty() {
            return None;
        }
        let common = lcs(&f, &l) as f64;
        Some(Score {
            recall: common / l.len() as f64,
            precision: common / f.len() as f64,
        })
    }

    /// The label with extra words around or inside it (`现行有效件数（历史累计）`),
    /// an abbreviation of it (`电话` for `联系电话`), or a rewording that keeps
    /// most of both.
    fn acceptable(self, found_len: usize) -> bool {
        self.recall >= 1.0
            || (self.precision >= 1.0 && found_len >= 2)
            || (self.recall >= 0.7 && self.precision >= 0.7)
    }

    /// Dice coefficient: ranks the acceptable candidates.
    fn rank(self) -> f64 {
        2.0 * self.recall * self.precision / (self.recall + self.precision)
    }
}

/// Length of the longest common subsequence.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The option whose label best matches `found`, if one is acceptable and
/// clearly better than the rest; `None` when nothing fits or two fit
/// equally (the caller then reports instead of guessing). Each option may
/// have several labels (e.g. Chinese and English).
pub fn best_match<'a, T: Copy>(
    found: &str,
    options: impl IntoIterator<Item = (T, &'a [&'a str])>,
) -> Option<T> {
    best_match_ranked(found, options).map(|(item, _)| item)
}

/// [`best_match`], with the rank of the match (the Dice coefficient of the
/// characters in common, 1.0 for the label itself).
pub fn best_match_ranked<'a, T: Copy>(
    found: &str,
    options: impl IntoIterator<Item = (T, &'a [&'a str])>,
) -> Option<(T, f64)> {
    let key = label_key(found);
    let n = key.chars().count();
    let mut ranked: Vec<(f64, T)> = options
        .into_iter()
        .filter_map(|(item, labels)| {
            labels
                .iter()
                .filter_map(|l| with_label_key(l, |k| Score::of(&key, k)))
                .filter(|s| s.acceptable(n))
                .map(Score::rank)
                .max_by(f64::total_cmp)
                .map(|r| (r, item))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    match ranked.as_slice() {
        [] => None,
        [(rank, only)] => Some((*only, *rank)),
        [(best, item), (second, _), ..] if best - second > 0.05 => Some((*item, *best)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_go_and_other_parentheses_stay() {
        assert_eq!(strip_glosses("本報(bào)告根據(jù)"), "本報告根據");
        assert_eq!(strip_glosses("《條例》(以下簡稱)"), "《條例》(以下簡稱)");
        assert_eq!(strip_glosses("第(a)项"), "第(a)项");
    }

    #[test]
    fn punctuation_next_to_chinese_becomes_full_width() {
        assert_eq!(
            fullwidth_punctuation("(一)主动公开情况:通过网站,发布120条;完成"),
            "（一）主动公开情况：通过网站，发布120条；完成"
        );
        assert_eq!(
            fullwidth_punctuation("电话:0472-2836709,电子邮箱:kaifangban@126.com)。"),
            "电话：0472-2836709，电子邮箱：kaifangban@126.com）。"
        );
        assert_eq!(
            fullwidth_punctuation("http://a.cn:8080/x?a=1;b=2"),
            "http://a.cn:8080/x?a=1;b=2"
        );
        assert_eq!(fullwidth_punctuation("共1,234件"), "共1,234件");
        assert_eq!(
            fullwidth_punctuation("《转发<关于…的通知>的通知》 a<b"),
            "《转发〈关于…的通知〉的通知》 a<b"
        );
    }

    #[test]
    fn clean_text_simplifies_and_joins() {
        assert_eq!(clean_text("商業(yè) 企業(yè)"), "商业企业");
        assert_eq!(clean_text(" 總計(jì) "), "总计");
        assert_eq!(clean_text("贯彻《条例》,   围绕"), "贯彻《条例》，围绕");
    }

    #[test]
    fn labels_match_with_extra_words_and_rewording() {
        let columns: [(usize, &[&str]); 3] = [
            (0, &["本年制发件数"]),
            (1, &["本年废止件数"]),
            (2, &["现行有效件数"]),
        ];
        assert_eq!(best_match("现行有效件数（历史累计）", columns), Some(2));
        assert_eq!(best_match("本年制發(fā)件數(shù)", columns), Some(0));
        assert_eq!(best_match("合计", columns), None);
        let sections: [(usize, &[&str]); 2] = [
            (3, &["收到和处理政府信息公开申请情况"]),
            (4, &["政府信息公开行政复议、行政诉讼情况"]),
        ];
        assert_eq!(
            best_match(
                "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                sections
            ),
            Some(4)
        );
        let captions: [(usize, &[&str]); 2] =
            [(1, &["第二十条第（一）项"]), (5, &["第二十条第（五）项"])];
        assert_eq!(best_match("第二十條第(一)項", captions), Some(1));
        assert_eq!(best_match("第二十条第（七）项", captions), None);
        let contact: [(usize, &[&str]); 3] = [
            (0, &["联系人"]),
            (1, &["联系电话"]),
            (2, &["电子邮箱", "E-mail"]),
        ];
        assert_eq!(best_match("电话", contact), Some(1));
        assert_eq!(best_match("Email", contact), Some(2));
    }
}
