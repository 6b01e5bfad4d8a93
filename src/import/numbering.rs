//! Word's automatic numbering, written out: a paragraph numbered by a list
//! (`w:numPr` on the paragraph or on its style, through `w:basedOn`) shows
//! a number Word computes (`一、`, `（二）`, `3.`) that is not in its text.
//! [`Numbering::label`] counts the paragraphs of each list in document order
//! and returns what Word shows, so that the importer finds numbered headings
//! and sub-parts by their numbers whether they were typed or generated.

use roxmltree::{Document, Node};
use std::collections::HashMap;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The lists of a document and where each one's counting stands.
#[derive(Debug, Default)]
pub struct Numbering {
    /// `w:num` → its abstract list.
    nums: HashMap<String, String>,
    /// (abstract list, level) → how the level is numbered.
    levels: HashMap<(String, usize), Level>,
    /// Paragraph style → its numbering and the style it is based on.
    styles: HashMap<String, StyleNumbering>,
    /// Abstract list → the current number of each level.
    counters: HashMap<String, [u32; 9]>,
}

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

#[derive(Debug, Clone, Default)]
struct StyleNumbering {
    num: Option<String>,
    level: Option<usize>,
    based_on: Option<String>,
}

fn parse(xml: Option<&str>) -> Option<Document<'_>> {
    Document::parse_with_options(
        xml?,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            ..Default::default()
        },
    )
    .ok()
}

fn is_w(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(node: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is_w(n, name))
}

/// The `w:val` of a child element.
fn val(node: &Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name)
        .and_then(|n| n.attribute((W, "val")))
        .map(str::to_string)
}

/// `w:numPr` → (list, level).
fn num_pr(ppr: &Node<'_, '_>) -> (Option<String>, Option<usize>) {
    match child(ppr, "numPr") {
        Some(pr) => (
            val(&pr, "numId"),
            val(&pr, "ilvl").and_then(|l| l.parse().ok()),
        ),
        None => (None, None),
    }
}

impl Numbering {
    /// Reads `word/numbering.xml` and `word/styles.xml`; either may be
    /// missing or damaged, which leaves paragraphs unnumbered.
    pub fn parse(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut out = Numbering::default();
        if let Some(doc) = parse(numbering) {
            for n in doc.root_element().children() {
                if is_w(&n, "abstractNum") {
                    let Some(id) = n.attribute((W, "abstractNumId")) else {
                        continue;
                    };
                    for lvl in n.children().filter(|c| is_w(c, "lvl")) {
                        let Some(level) = lvl
                            .attribute((W, "ilvl"))
                            .and_then(|l| l.parse::<usize>().ok())
                            .filter(|l| *l < 9)
                        else {
                            continue;
                        };
                        out.levels.insert(
                            (id.to_string(), level),
                            Level {
                                start: val(&lvl, "start").and_then(|s| s.parse().ok()).unwrap_or(1),
                                format: val(&lvl, "numFmt").unwrap_or_else(|| "decimal".into()),
                                text: val(&lvl, "lvlText").unwrap_or_default(),
                            },
                        );
                    }
                } else if is_w(&n, "num")
                    && let (Some(id), Some(abs)) =
                        (n.attribute((W, "numId")), val(&n, "abstractNumId"))
                {
                    out.nums.insert(id.to_string(), abs);
                }
            }
        }
        if let Some(doc) = parse(styles) {
            for s in doc.root_element().children().filter(|n| is_w(n, "style")) {
                let Some(id) = s.attribute((W, "styleId")) else {
                    continue;
                };
                let (num, level) = child(&s, "pPr").map(|p| num_pr(&p)).unwrap_or_default();
                out.styles.insert(
                    id.to_string(),
                    StyleNumbering {
                        num,
                        level,
                        based_on: val(&s, "basedOn"),
                    },
                );
            }
        }
        out
    }

    /// The number Word shows before paragraph `p` (empty when it has none),
    /// counting it.
    pub fn label(&mut self, p: Node<'_, '_>) -> String {
        let ppr = child(&p, "pPr");
        let (mut num, mut level) = ppr.map(|p| num_pr(&p)).unwrap_or_default();
        let mut style = ppr.and_then(|p| val(&p, "pStyle"));
        // Through the style and the styles it is based on (a cycle ends it).
        for _ in 0..10 {
            if num.is_some() && level.is_some() {
                break;
            }
            let Some(s) = style.as_ref().and_then(|s| self.styles.get(s)) else {
                break;
            };
            num = num.or_else(|| s.num.clone());
            level = level.or(s.level);
            style = s.based_on.clone();
        }
        let Some(abs) = num.and_then(|n| self.nums.get(&n)).cloned() else {
            return String::new();
        };
        let level = level.unwrap_or(0).min(8);
        let Some(this) = self.levels.get(&(abs.clone(), level)).cloned() else {
            return String::new();
        };
        let starts: Vec<u32> = (0..9)
            .map(|l| self.levels.get(&(abs.clone(), l)).map_or(1, |lv| lv.start))
            .collect();
        let counters = self
            .counters
            .entry(abs.clone())
            .or_insert_with(|| std::array::from_fn(|l| starts[l].saturating_sub(1)));
        counters[level] = counters[level].saturating_add(1);
        for (deeper, start) in starts.iter().enumerate().skip(level + 1) {
            counters[deeper] = start.saturating_sub(1);
        }
        let counters = *counters;
        if this.format == "bullet" {
            return String::new();
        }
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let l = d as usize - 1;
                    let format = self
                        .levels
                        .get(&(abs.clone(), l))
                        .map_or("decimal", |lv| lv.format.as_str());
                    // Word shows a lower level's number at its start when
                    // it was never counted.
                    out += &format_number(counters[l].max(1), format);
                }
                _ => out.push(c),
            }
        }
        out
    }
}

/// A number in one of Word's formats.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => chinese(n),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
            .collect(),
        "decimalZero" => format!("{n:02}"),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = (base + ((n.max(1) - 1) % 26) as u8) as char;
            letter
                .to_string()
                .repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n >= 1000 {
        return n.to_string();
    }
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut out = String::new();
    if h > 0 {
        out.push(DIGITS[h as usize]);
        out.push('百');
        if t == 0 && u > 0 {
            out.push('零');
        }
    }
    if t > 0 {
        if !(t == 1 && h == 0) {
            out.push(DIGITS[t as usize]);
        }
        out.push('十');
    }
    if u > 0 || n == 0 {
        out.push(DIGITS[u as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 100, 105, 110].map(chinese).to_vec();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十"
            ]
        );
        assert_eq!(format_number(3, "decimalFullWidth"), "３");
    }

    #[test]
    fn lists_count_and_restart_lower_levels() {
        let numbering = format!(
            r#"<w:numbering xmlns:w="{W}">
              <w:abstractNum w:abstractNumId="7">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
              </w:abstractNum>
              <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
            </w:numbering>"#
        );
        let styles = format!(
            r#"<w:styles xmlns:w="{W}"><w:style w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="3"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>
               <w:style w:styleId="H1b"><w:basedOn w:val="H1"/></w:style></w:styles>"#
        );
        let mut n = Numbering::parse(Some(&numbering), Some(&styles));
        let paragraphs = format!(
            r#"<w:body xmlns:w="{W}">
              <w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr></w:p>
              <w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr></w:p>
              <w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr></w:p>
              <w:p><w:pPr><w:pStyle w:val="H1b"/></w:pPr></w:p>
              <w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr></w:p>
              <w:p/>
            </w:body>"#
        );
        let doc = Document::parse(&paragraphs).unwrap();
        let labels: Vec<String> = doc
            .root_element()
            .children()
            .filter(|c| c.is_element())
            .map(|p| n.label(p))
            .collect();
        assert_eq!(labels, ["一、", "（一）", "（二）", "二、", "（一）", ""]);
    }
}
