//! The published report in each format, from the two examples: snapshots of
//! Markdown, text and HTML; the HTML tables read back by an HTML5 parser;
//! escaping of hostile field text in every format; the DOCX package unzipped
//! and its document XML parsed.

use nianbao::model::Report;
use nianbao::render::{Block, Document, Format, build};
use nianbao::schema::{self, Lang};
use nianbao::toml_read;
use rust_decimal::Decimal;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::io::Read;

const SEED: &str = include_str!("../../examples/kunqu-commerce-2023.toml");
const BUSY: &str = include_str!("../../examples/busy-city-bureau-2024.toml");

fn report(text: &str) -> Report {
    toml_read::read(text, Lang::Zh).unwrap().report
}

fn document(report: &Report, chart: bool) -> Document {
    build::document(report, build::Options { chart })
}

fn render(report: &Report, format: Format, chart: bool) -> String {
    String::from_utf8(format.write(&document(report, chart))).unwrap()
}

#[test]
fn markdown_text_and_html_snapshots() {
    for (name, text) in [("kunqu", SEED), ("busy", BUSY)] {
        let r = report(text);
        insta::assert_snapshot!(format!("{name}_md"), render(&r, Format::Markdown, false));
        insta::assert_snapshot!(format!("{name}_txt"), render(&r, Format::Text, false));
        // The busy example with the chart, the seed without.
        let chart = name == "busy";
        insta::assert_snapshot!(format!("{name}_html"), render(&r, Format::Html, chart));
    }
}

// ---------------------------------------------------------------------------
// HTML

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn span(cell: &ElementRef, name: &str) -> usize {
    cell.value()
        .attr(name)
        .map_or(1, |v| v.parse().expect("a numeric span"))
}

/// Grid columns each row of a parsed table covers, counting the cells that
/// reach down into it from rows above.
fn effective_widths(table: ElementRef) -> Vec<usize> {
    let mut reaching: Vec<usize> = Vec::new(); // per grid column: rows still covered
    let mut widths = Vec::new();
    for tr in table.select(&sel("tr")) {
        let mut next: Vec<usize> = reaching.iter().map(|r| r.saturating_sub(1)).collect();
        let mut col = 0;
        for cell in tr.select(&sel("th, td")) {
            while col < reaching.len() && reaching[col] > 0 {
                col += 1;
            }
            let (rows, cols) = (span(&cell, "rowspan"), span(&cell, "colspan"));
            for c in col..col + cols {
                if c >= next.len() {
                    next.resize(c + 1, 0);
                    reaching.resize(c + 1, 0);
                }
                next[c] = rows - 1;
            }
            col += cols;
        }
        let covered_from_above = reaching.iter().filter(|&&r| r > 0).count();
        let started: usize = tr.select(&sel("th, td")).map(|c| span(&c, "colspan")).sum();
        widths.push(covered_from_above + started);
        reaching = next;
    }
    widths
}

#[test]
fn html_tables_fill_their_grid_in_every_row() {
    for text in [SEED, BUSY] {
        let r = report(text);
        let doc = document(&r, true);
        let widths: Vec<usize> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.width),
                _ => None,
            })
            .collect();
        assert_eq!(widths, [4, 2, 2, 2, 10, 15]);
        let page = Html::parse_document(&render(&r, Format::Html, true));
        let tables: Vec<ElementRef> = page.select(&sel("table")).collect();
        assert_eq!(tables.len(), widths.len());
        for (table, width) in tables.into_iter().zip(widths) {
            assert_eq!(table.select(&sel("col")).count(), width);
            for (i, w) in effective_widths(table).into_iter().enumerate() {
                assert_eq!(w, width, "row {i} of a table {width} wide");
            }
        }
    }
}

#[test]
fn html_merges_the_official_header_and_row_groups() {
    let page = Html::parse_document(&render(&report(BUSY), Format::Html, false));
    let cells: Vec<(String, usize, usize)> = page
        .select(&sel("th"))
        .map(|c| (c.text().collect(), span(&c, "rowspan"), span(&c, "colspan")))
        .collect();
    let find = |label: &str| {
        cells
            .iter()
            .find(|(t, _, _)| t == label)
            .map(|(_, r, c)| (*r, *c))
            .unwrap_or_else(|| panic!("no header {label}"))
    };
    assert_eq!(find("申请人情况"), (1, 7));
    assert_eq!(find("法人或其他组织"), (1, 5));
    assert_eq!(find("自然人"), (2, 1));
    assert_eq!(find("三、本年度办理结果"), (22, 1));
    assert_eq!(find("（三）不予公开"), (8, 1));
    assert_eq!(find("（一）予以公开"), (1, 2));
    assert_eq!(find("一、本年新收政府信息公开申请数量"), (1, 3));
    assert_eq!(find("行政复议"), (1, 5));
    assert_eq!(find("行政诉讼"), (1, 10));
    assert_eq!(find("未经复议直接起诉"), (1, 5));
    let corner = cells
        .iter()
        .find(|(t, _, _)| t.starts_with("（本列数据的勾稽关系为"))
        .unwrap();
    assert_eq!((corner.1, corner.2), (3, 3));
    assert!(
        cells
            .iter()
            .any(|(t, _, _)| t == "本年收费金额（单位：万元）")
    );
}

#[test]
fn html_shows_every_number_and_the_chart() {
    let r = report(BUSY);
    let out = render(&r, Format::Html, true);
    let page = Html::parse_document(&out);
    let numbers: Vec<String> = page
        .select(&sel("td.num"))
        .map(|c| c.text().collect())
        .collect();
    let expected: Vec<String> = schema::all_cells().map(|c| r.cell(c).to_string()).collect();
    assert_eq!(numbers, expected, "every cell, in reading order");
    assert!(numbers.contains(&"18.8710".to_string()));
    // The chart: one bar per handling result and the carried-forward row.
    let svg = page.select(&sel("figure.chart svg")).next().expect("chart");
    assert_eq!(svg.select(&sel("rect")).count(), 7);
    let text: String = svg.text().collect();
    assert!(text.contains("（一）予以公开"), "{text}");
    assert!(text.contains("194（36.0%）"), "{text}");
    assert!(!render(&r, Format::Html, false).contains("<svg"));
}

/// A report whose texts carry markup, entities, quotes and control characters.
fn hostile() -> (Report, &'static str) {
    let mut r = report(BUSY);
    let nasty =
        "<script>alert(\"x\")</script> & 'q' &amp; \u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m|*#";
    for f in schema::all_fields() {
        if f.field().kind == schema::FieldKind::Year {
            continue;
        }
        r.set_text(f, format!("{nasty}{}", r.text(f)));
    }
    (r, nasty)
}

/// The hostile text as it should come out: control characters removed.
fn cleaned(nasty: &str) -> String {
    nasty.chars().filter(|c| !c.is_control()).collect()
}

#[test]
fn html_escapes_every_text() {
    let (r, nasty) = hostile();
    let out = render(&r, Format::Html, true);
    assert!(!out.contains("<script"), "raw markup reached the page");
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
    let page = Html::parse_document(&out);
    assert_eq!(page.select(&sel("script")).count(), 0);
    let h1: String = page.select(&sel("h1")).next().unwrap().text().collect();
    assert!(h1.starts_with(&cleaned(nasty)), "{h1}");
    let title: String = page.select(&sel("title")).next().unwrap().text().collect();
    assert_eq!(title, h1);
    // Every paragraph made of a field reads back exactly as typed.
    let paragraphs: Vec<String> = page.select(&sel("p")).map(|p| p.text().collect()).collect();
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with(&format!("（一）主动公开情况：{}", cleaned(nasty))))
    );
}

#[test]
fn text_and_markdown_carry_no_control_characters() {
    let (r, nasty) = hostile();
    for format in [Format::Text, Format::Markdown] {
        let out = render(&r, format, false);
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{format:?}: {out:?}"
        );
    }
    let txt = render(&r, Format::Text, false);
    assert!(txt.contains(&cleaned(nasty)));
    let md = render(&r, Format::Markdown, false);
    assert!(!md.contains("<script"), "markup in Markdown is escaped");
    assert!(md.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'q' &amp;amp;"));
}

// ---------------------------------------------------------------------------
// DOCX

fn document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    for part in ["[Content_Types].xml", "word/styles.xml", "_rels/.rels"] {
        assert!(zip.by_name(part).is_ok(), "missing {part}");
    }
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn is(node: &roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| is(n, "t"))
        .filter_map(|n| n.text())
        .collect()
}

fn attr<'a>(node: &roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

#[test]
fn docx_holds_every_label_and_number_with_merged_cells() {
    let r = report(BUSY);
    let doc = document(&r, false);
    let xml = document_xml(&Format::Docx.write(&doc));
    let parsed = roxmltree::Document::parse(&xml).expect("well-formed document.xml");
    let root = parsed.root();

    // A4 portrait.
    let size = root.descendants().find(|n| is(n, "pgSz")).unwrap();
    assert_eq!(
        (attr(&size, "w"), attr(&size, "h")),
        (Some("11906"), Some("16838"))
    );
    assert!(
        root.descendants()
            .any(|n| is(&n, "rFonts") && attr(&n, "eastAsia") == Some("仿宋"))
    );

    let paragraphs: Vec<String> = root
        .descendants()
        .filter(|n| is(n, "p"))
        .map(text_of)
        .collect();
    for (section, t) in schema::tables() {
        assert!(paragraphs.contains(&section.heading(Lang::Zh)));
        let mut labels: Vec<&str> = vec![t.caption.zh, t.corner.zh];
        for row in t.rows {
            labels.push(row.label.zh);
            labels.extend(row.groups.iter().map(|g| g.zh));
        }
        for col in t.columns {
            labels.push(col.label.zh);
            labels.extend(col.groups.iter().map(|g| g.zh));
        }
        for label in labels.into_iter().filter(|l| !l.is_empty()) {
            assert!(paragraphs.iter().any(|p| p == label), "DOCX lacks {label}");
        }
    }

    // Every number exactly as many times as the report has it.
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for c in schema::all_cells() {
        *expected.entry(r.cell(c).to_string()).or_default() += 1;
    }
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    for cell in root.descendants().filter(|n| is(n, "tc")) {
        let text = text_of(cell);
        if text.parse::<Decimal>().is_ok() {
            *found.entry(text).or_default() += 1;
        }
    }
    assert_eq!(found, expected);

    // Merges: one vMerge restart per cell spanning rows, one continue per
    // covered row, and every row of a table covers its whole grid.
    let spanning: Vec<usize> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| t.head.iter().chain(&t.body).flatten())
        .filter(|c| c.rowspan > 1)
        .map(|c| c.rowspan)
        .collect();
    let merges: Vec<Option<&str>> = root
        .descendants()
        .filter(|n| is(n, "vMerge"))
        .map(|n| attr(&n, "val"))
        .collect();
    let restarts = merges.iter().filter(|v| *v == &Some("restart")).count();
    assert_eq!(restarts, spanning.len());
    assert_eq!(
        merges.len() - restarts,
        spanning.iter().map(|r| r - 1).sum::<usize>()
    );
    assert!(root.descendants().any(|n| is(&n, "gridSpan")));
    for table in root.descendants().filter(|n| is(n, "tbl")) {
        let grid = table.descendants().filter(|n| is(n, "gridCol")).count();
        for tr in table.children().filter(|n| is(n, "tr")) {
            let covered: usize = tr
                .children()
                .filter(|n| is(n, "tc"))
                .map(|tc| {
                    tc.descendants()
                        .find(|n| is(n, "gridSpan"))
                        .and_then(|g| attr(&g, "val"))
                        .map_or(1, |v| v.parse().unwrap())
                })
                .sum();
            assert_eq!(covered, grid);
        }
    }
}

#[test]
fn docx_escapes_markup_and_drops_control_characters() {
    let (r, nasty) = hostile();
    let xml = document_xml(&Format::Docx.write(&document(&r, false)));
    assert!(
        !xml.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    );
    let parsed = roxmltree::Document::parse(&xml).expect("well-formed despite the field text");
    let title = parsed
        .root()
        .descendants()
        .find(|n| is(n, "p"))
        .map(text_of)
        .unwrap();
    assert!(title.starts_with(&cleaned(nasty)), "{title}");
}
