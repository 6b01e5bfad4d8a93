//! The seed's data renders back to the seed's structure: the text rendering
//! of `examples/kunqu-commerce-2023.toml` against the published report it
//! was taken from (`tests/fixtures/seed-kunqu-commerce-2023.txt`).
//!
//! The seed came through a converter (see the format description): it is in
//! traditional characters with pinyin glosses (`報(bào)告`), ASCII
//! punctuation, a duplicated first table and a stray `?` line; its header
//! cells hold stray spaces (`商業 企業`); its section 三 table stops before
//! （七）总计 and 四; its section 四 header shows only the first line of the
//! two-line cells (`结果` for 结果纠正). The seed is normalised for the first
//! four, and the comparison allows exactly the last three.

use nianbao::render::{Format, build};
use nianbao::schema::{self, Lang};
use nianbao::toml_read;

const SEED_TXT: &str = include_str!("../fixtures/seed-kunqu-commerce-2023.txt");
const SEED_TOML: &str = include_str!("../../examples/kunqu-commerce-2023.toml");

/// `報(bào)告` → `報告`: a bracketed run of Latin letters (with tone marks).
fn strip_pinyin(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        out += &rest[..open];
        let after = &rest[open + 1..];
        let gloss = after
            .find(|c: char| !(c.is_alphabetic() && (c as u32) < 0x2E80))
            .unwrap_or(after.len());
        if gloss > 0 && after[gloss..].starts_with(')') {
            rest = &after[gloss + 1..];
        } else {
            out.push('(');
            rest = after;
        }
    }
    out + rest
}

/// The seed as our renderer would print it: simplified, full-width
/// punctuation, without the duplicated first table and the `?` line.
fn normalised_seed() -> Vec<String> {
    let simplified = zhconv::zhconv(&strip_pinyin(SEED_TXT), zhconv::Variant::ZhHans);
    let full_width: String = simplified
        .chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '<' => '〈',
            '>' => '〉',
            c => c,
        })
        .collect();
    let mut lines: Vec<String> = full_width
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "?")
        .map(String::from)
        .collect();
    // The first table of section 二 (caption and three rows) is printed twice.
    let caption = lines
        .iter()
        .position(|l| l.starts_with("第二十条第（一）项"))
        .expect("the seed has the 第二十条第（一）项 table");
    let again = lines
        .iter()
        .skip(caption + 1)
        .position(|l| l.starts_with("第二十条第（一）项"))
        .map(|i| i + caption + 1)
        .expect("the seed repeats the first table");
    assert_eq!(lines[caption..caption + 4], lines[again..again + 4]);
    lines.drain(again..again + 4);
    lines
}

fn rendered() -> Vec<String> {
    let report = toml_read::read(SEED_TOML, Lang::Zh).unwrap().report;
    let doc = build::document(&report, build::Options::default());
    let text = String::from_utf8(Format::Text.write(&doc)).unwrap();
    text.lines().map(String::from).collect()
}

/// A line of the report, sorted by what it is.
#[derive(Debug, PartialEq)]
enum Line {
    Heading(String),
    Text(String),
    Row(Vec<String>),
}

fn classify(lines: &[String]) -> Vec<Line> {
    let headings: Vec<String> = schema::SECTIONS
        .iter()
        .filter(|s| !s.number.is_empty())
        .map(|s| s.heading(Lang::Zh))
        .collect();
    lines
        .iter()
        .map(|l| {
            if l.contains('|') {
                Line::Row(
                    l.split('|')
                        .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect())
                        .filter(|c: &String| !c.is_empty())
                        .collect(),
                )
            } else if headings.contains(l) {
                Line::Heading(l.clone())
            } else {
                Line::Text(l.clone())
            }
        })
        .collect()
}

/// Lines grouped under their section heading; the lines before the first
/// heading under "".
fn sections(lines: Vec<Line>) -> Vec<(String, Vec<Line>)> {
    let mut out: Vec<(String, Vec<Line>)> = vec![(String::new(), Vec::new())];
    for line in lines {
        match line {
            Line::Heading(h) => out.push((h, Vec::new())),
            other => out.last_mut().unwrap().1.push(other),
        }
    }
    out
}

fn rows(lines: &[Line]) -> Vec<&Vec<String>> {
    lines
        .iter()
        .filter_map(|l| match l {
            Line::Row(cells) => Some(cells),
            _ => None,
        })
        .collect()
}

fn texts(lines: &[Line]) -> Vec<&String> {
    lines
        .iter()
        .filter_map(|l| match l {
            Line::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Equal, or the seed shows the first line of a two-line header cell
/// (`结果` for `结果纠正`), as it does in section 四.
fn same_cell(seed: &str, ours: &str, first_line_allowed: bool) -> bool {
    seed == ours
        || (first_line_allowed
            && seed.chars().count() == 2
            && ours.chars().count() == 4
            && ours.starts_with(seed))
}

#[test]
fn the_seed_normalises_as_expected() {
    assert_eq!(
        strip_pinyin("本報(bào)告根據(jù)《條例》(以下簡稱)"),
        "本報告根據《條例》(以下簡稱)"
    );
    let seed = normalised_seed();
    assert!(
        seed[0].starts_with("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）")
    );
    assert!(!seed.iter().any(|l| l.contains("bào")));
}

#[test]
fn text_rendering_matches_the_seed_report() {
    let ours_lines = rendered();
    let report = toml_read::read(SEED_TOML, Lang::Zh).unwrap().report;
    assert_eq!(
        ours_lines[0], "昆区商务局2023年政府信息公开工作年度报告",
        "the title, which the seed lacks"
    );
    let seed = sections(classify(&normalised_seed()));
    let ours = sections(classify(&ours_lines[1..]));

    // The same sections in the same order.
    let names = |s: &[(String, Vec<Line>)]| s.iter().map(|(h, _)| h.clone()).collect::<Vec<_>>();
    assert_eq!(names(&seed), names(&ours));
    assert_eq!(seed.len(), 7, "the opening and sections 一 to 六");

    // The opening paragraph: the same facts (the wording may differ).
    let (seed_open, ours_open) = (texts(&seed[0].1), texts(&ours[0].1));
    assert_eq!((seed_open.len(), ours_open.len()), (1, 1));
    let mut facts: Vec<String> = [
        "report.agency",
        "report.basis",
        "contact.office",
        "contact.address",
        "contact.person",
        "contact.phone",
        "contact.email",
    ]
    .iter()
    .map(|p| report.text_at(p).to_string())
    .collect();
    facts.push("统计期限为2023年1月1日到2023年12月31日止".into());
    for fact in &facts {
        assert!(!fact.is_empty());
        assert!(seed_open[0].contains(fact.as_str()), "seed lacks {fact}");
        assert!(ours_open[0].contains(fact.as_str()), "ours lacks {fact}");
    }

    for ((heading, seed_lines), (_, our_lines)) in seed.iter().zip(&ours).skip(1) {
        // Paragraphs and sub-headings, word for word.
        assert_eq!(texts(seed_lines), texts(our_lines), "{heading}");

        let (seed_rows, our_rows) = (rows(seed_lines), rows(our_lines));
        let missing: Vec<&str> = if heading.starts_with("三、") {
            vec!["（七）总计", "四、结转下年度继续办理"]
        } else {
            vec![]
        };
        assert_eq!(our_rows.len(), seed_rows.len() + missing.len(), "{heading}");
        for (i, (s, o)) in seed_rows.iter().zip(&our_rows).enumerate() {
            assert_eq!(s.len(), o.len(), "{heading} row {i}: {s:?} vs {o:?}");
            let first_line_allowed = heading.starts_with("四、");
            for (sc, oc) in s.iter().zip(o.iter()) {
                assert!(
                    same_cell(sc, oc, first_line_allowed),
                    "{heading} row {i}: seed {sc:?}, ours {oc:?}"
                );
            }
        }
        let extra: Vec<&str> = our_rows[seed_rows.len()..]
            .iter()
            .map(|r| r[0].as_str())
            .collect();
        assert_eq!(extra, missing, "{heading}: the rows the seed lacks");
    }
}
