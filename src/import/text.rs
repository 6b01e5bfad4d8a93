//! The plain-text layout of a published report (the seed's), and the facts
//! of its opening paragraph.
//!
//! Lines with `|` (or `｜`, or tabs) are table rows; consecutive ones form a
//! table. Every other non-blank line is a paragraph. The opening paragraph
//! says, in set phrases, for which year (统计期限为2023年1月1日…), by whom
//! (由…编写), on what basis (《条例》…及《…》要求) and whom to ask (请与…联系,
//! then `地址：…，联系人：…` pairs, whose names are matched against the
//! schema's labels of the front matter).

use super::normalize::{best_match, clean_text};
use super::{Block, Cell, Source};
use crate::model::Report;
use crate::schema::{self, FieldId, FieldKind, Lang};

/// Whether the text is in this layout: two lines or more with `|`, `｜` or
/// tabs between cells (else its tables, if any, are aligned with spaces).
pub fn has_table_rows(text: &str) -> bool {
    text.lines()
        .filter(|l| l.contains(['|', '｜', '\t']))
        .nth(1)
        .is_some()
}

/// The blocks of a plain-text report.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut origin = 0;
    for (i, line) in text.lines().enumerate() {
        let at = Source::Line(i + 1);
        if line.contains(['|', '｜', '\t']) {
            if is_markdown_rule(line) {
                continue;
            }
            // A Markdown row opens with `|`: nothing stands before it, so
            // the first cell is the one after it (an empty cell between
            // two bars is a blank cell, kept at its index).
            let opened = line.trim_start().starts_with(['|', '｜']);
            let row = line
                .split(['|', '｜', '\t'])
                .skip(usize::from(opened))
                .enumerate()
                .map(|(col, raw)| {
                    origin += 1;
                    Cell {
                        raw: raw.trim().to_string(),
                        at,
                        origin,
                        col,
                    }
                })
                .collect();
            rows.push(row);
            continue;
        }
        if !rows.is_empty() {
            out.push(Block::Table {
                rows: std::mem::take(&mut rows),
                aligned: false,
            });
        }
        if !line.trim().is_empty() {
            out.push(Block::Text {
                text: line.to_string(),
                at,
            });
        }
    }
    if !rows.is_empty() {
        out.push(Block::Table {
            rows,
            aligned: false,
        });
    }
    out
}

/// A Markdown table's rule under its header: `|---|:---:|---:|`.
fn is_markdown_rule(line: &str) -> bool {
    line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '｜' | '-' | ':' | ' ' | '\t'))
}

/// Fills the front matter from the lines before the first section heading
/// (cleaned); returns notes on what was not found.
pub fn front_matter(lines: &[String], report: &mut Report, lang: Lang) -> Vec<String> {
    let all = lines.join("\n");
    let field = |path: &str| schema::find_field(path);
    let mut found: Vec<(FieldId, String)> = Vec::new();
    if let Some(f) = field("report.year") {
        let year = title_of(lines)
            .map(|t| t.1)
            .or_else(|| after(&all, "统计期限").and_then(first_year))
            .or_else(|| first_year(&all));
        if let Some(y) = year {
            found.push((f, y.to_string()));
        }
    }
    if let Some(f) = field("report.agency") {
        let agency = title_of(lines)
            .map(|t| t.0)
            .filter(|a| !a.is_empty())
            .or_else(|| compiled_by(&all));
        if let Some(a) = agency {
            found.push((f, a));
        }
    }
    if let (Some(f), Some(b)) = (field("report.basis"), basis(&all)) {
        found.push((f, b));
    }
    if let (Some(f), Some(o)) = (field("contact.office"), between(&all, "请与", "联系")) {
        found.push((f, o));
    }

    for (f, value) in labelled_values(&all) {
        if !found.iter().any(|(g, _)| *g == f) {
            found.push((f, value));
        }
    }
    // `本报告电子版可在http://…下载。`, when no `网址：` said it.
    if let Some(f) = field("contact.website")
        && !found.iter().any(|(g, _)| *g == f)
        && let Some(w) = between(&all, "可在", "下载").filter(|w| w.contains('.') && w.is_ascii())
    {
        found.push((f, w));
    }
    for (f, value) in &found {
        report.set_text(*f, value.as_str());
    }
    let mut notes = Vec::new();
    let missing: Vec<&str> = front_fields()
        .filter(|f| !matches!(f.field().kind, FieldKind::Choice(_)))
        .filter(|f| !found.iter().any(|(g, _)| g == f))
        .map(|f| f.field().label.get(lang))
        .collect();
    if !missing.is_empty() {
        notes.push(format!(
            "{}{}",
            lang.pick("开头段落中没有：", "not in the opening paragraph: "),
            missing.join(lang.pick("、", ", "))
        ));
    }
    for f in front_fields().filter(|f| matches!(f.field().kind, FieldKind::Choice(_))) {
        notes.push(match lang {
            Lang::Zh => format!("{}不在发布的报告中，请在填报向导中选择", f.field().label.zh),
            Lang::En => format!(
                "{} is not in published reports: choose it in the wizard",
                f.field().label.en
            ),
        });
    }
    notes
}

/// The fields of the front matter (the section without a number).
fn front_fields() -> impl Iterator<Item = FieldId> {
    schema::all_fields().filter(|f| {
        schema::field_sets()
            .nth(f.set)
            .is_some_and(|(section, _)| section.number.is_empty())
    })
}

fn after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    text.find(marker).map(|i| &text[i + marker.len()..])
}

/// The text between `start` and the next `end`, within one sentence.
fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let rest = after(text, start)?;
    let value = &rest[..rest.find(end)?];
    let value = value.trim();
    (!value.is_empty() && !value.contains(['。', '\n'])).then(|| value.to_string())
}

/// The first `2023年`-style year.
fn first_year(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(5).find_map(|w| {
        let digits: String = w[..4].iter().collect();
        (w[4] == '年' && w[..4].iter().all(char::is_ascii_digit))
            .then(|| digits.parse().ok())
            .flatten()
    })
}

/// The title → (agency, year): on one line (`昆区商务局2023年政府信息公开
/// 工作年度报告`, also as a Markdown heading), or the agency on the line
/// above the year's (`洪泽区人民政府` / `2023 年政府信息公开工作年度报告`).
/// The agency is empty when the title names none.
fn title_of(lines: &[String]) -> Option<(String, i32)> {
    lines.iter().enumerate().find_map(|(i, line)| {
        let (agency, year) = title(line)?;
        let above = i
            .checked_sub(1)
            .map(|j| lines[j].trim_start_matches(['#', ' ']).trim())
            .filter(|a| agency.is_empty() && is_agency_line(a));
        Some((above.map_or(agency, str::to_string), year))
    })
}

/// A line that can be an agency's name above the title: short, one phrase.
fn is_agency_line(line: &str) -> bool {
    let n = line.chars().count();
    (2..=40).contains(&n) && !line.contains(['。', '，', '：', '；']) && first_year(line).is_none()
}

/// A title line `昆区商务局2023年政府信息公开工作年度报告` → (agency, year).
fn title(line: &str) -> Option<(String, i32)> {
    let line = line.trim().trim_start_matches(['#', ' ']);
    let stem = line.trim().strip_suffix("政府信息公开工作年度报告")?;
    let stem = stem.strip_suffix('度').unwrap_or(stem);
    let stem = stem.strip_suffix('年')?;
    let digits_at = stem.len().checked_sub(4)?;
    let year: i32 = stem.get(digits_at..)?.parse().ok()?;
    let agency = stem[..digits_at].trim();
    let agency = agency.strip_suffix("关于").unwrap_or(agency).trim();
    Some((agency.to_string(), year))
}

/// `由昆区商务局编写` → `昆区商务局`.
fn compiled_by(text: &str) -> Option<String> {
    ["编写", "编制"].iter().find_map(|verb| {
        let end = text.find(verb)?;
        let before = &text[..end];
        let start = before.rfind('由')? + '由'.len_utf8();
        let agency = before[start..].trim();
        // `由某办公室根据《条例》要求编制`: the compiler ends at its verb.
        let agency = ["根据", "按照", "依据", "依照"]
            .iter()
            .filter_map(|w| agency.find(w))
            .min()
            .map_or(agency, |i| agency[..i].trim());
        (!agency.is_empty() && !agency.contains(['，', '。', '\n'])).then(|| agency.to_string())
    })
}

/// The notices cited after the 条例: `…条例》（以下简称《条例》）及《…》要求` → `《…》`.
fn basis(text: &str) -> Option<String> {
    let rest = after(text, "条例》")?;
    let rest = match rest.strip_prefix('（') {
        Some(r) => &r[r.find('）')? + '）'.len_utf8()..],
        None => rest,
    };
    let rest = ["及", "以及", "和", "、"]
        .iter()
        .find_map(|c| rest.strip_prefix(c))?;
    let end = ["要求", "规定", "精神"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()?;
    let cited = rest[..end].trim().trim_end_matches('的').trim();
    (cited.starts_with('《') && !cited.contains(['。', '\n'])).then(|| cited.to_string())
}

/// `地址：…，联系人：…` pairs whose names match a front-matter field.
fn labelled_values(text: &str) -> Vec<(FieldId, String)> {
    let options: Vec<(FieldId, [&str; 2])> = front_fields()
        .filter(|f| matches!(f.field().kind, FieldKind::Line(_)))
        .map(|f| (f, [f.field().label.zh, f.field().label.en]))
        .collect();
    let mut out = Vec::new();
    for (i, _) in text.match_indices('：') {
        let name_start = text[..i]
            .rfind(['，', '。', '；', '（', '(', '、', '\n', ' '])
            .map_or(0, |p| {
                p + text[p..].chars().next().map_or(1, char::len_utf8)
            });
        let name = &text[name_start..i];
        let rest = &text[i + '：'.len_utf8()..];
        let value = &rest[..rest
            .find(['，', '；', '。', '）', ')', '\n'])
            .unwrap_or(rest.len())];
        if name.chars().count() > 8 || value.trim().is_empty() {
            continue;
        }
        if let Some(f) = best_match(name, options.iter().map(|(f, l)| (*f, &l[..])))
            && !out.iter().any(|(g, _)| *g == f)
        {
            out.push((f, clean_text(value)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_phrases() {
        assert_eq!(
            title("昆区商务局2023年度政府信息公开工作年度报告"),
            Some(("昆区商务局".to_string(), 2023))
        );
        assert_eq!(title("政府信息公开工作年度报告"), None);
        assert_eq!(
            compiled_by("要求，由昆区商务局编写。全文"),
            Some("昆区商务局".to_string())
        );
        assert_eq!(
            basis("根据《条例》和《某市关于…的通知》要求，"),
            Some("《某市关于…的通知》".to_string())
        );
        assert_eq!(first_year("期限为2023年1月1日"), Some(2023));
    }

    #[test]
    fn table_lines_become_rows() {
        let b = blocks("一、总体情况\n规章 | 0 | 1 |\n行政 | 2\n\n五、问题");
        assert_eq!(b.len(), 3);
        let Block::Table { rows, .. } = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][2].raw, "1");
        assert_eq!(rows[1][0].at, Source::Line(3));
    }
}
