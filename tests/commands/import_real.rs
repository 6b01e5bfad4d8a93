//! `nianbao import` on a report an agency really published: 淮安市洪泽区人民政府's
//! 2023 report, as its PDF and as `pdftotext -layout` prints it (poppler
//! 22.12), against the hand-made ground truth `hzq-2023.toml` — every one of
//! the 200 cells as printed (its two faulty totals included) and the start of
//! every text field.

use nianbao::import::{self, Imported};
use nianbao::model::Report;
use nianbao::problem::Severity;
use nianbao::schema::{self, Lang};
use nianbao::{toml_read, toml_write};
use rust_decimal::Decimal;
use std::str::FromStr;

use crate::common;

const PDF: &[u8] = include_bytes!("../fixtures/real/hzq2023_working.pdf");
const LAYOUT: &str = include_str!("../fixtures/real/hzq2023_working.layout.txt");
const TRUTH: &str = include_str!("../fixtures/real/hzq-2023.toml");

/// The totals the publication prints wrong, and what their parts add up to.
const FAULTY_TOTALS: [(&str, i64); 2] = [
    ("appeals.review.total", 11),
    ("appeals.suit_after_review.total", 5),
];

/// The ground truth's value at `set.row.column` or `set.field`, as written
/// (totals as printed, not recomputed as the report reader would).
fn truth(path: &str) -> Option<toml::Value> {
    let doc: toml::Table = TRUTH.parse().expect("the ground truth parses");
    let mut at: &toml::Value = doc.get(path.split('.').next()?)?;
    for key in path.split('.').skip(1) {
        at = at.get(key)?;
    }
    Some(at.clone())
}

fn truth_cell(path: &str) -> Decimal {
    match truth(path) {
        Some(toml::Value::Integer(n)) => Decimal::from(n),
        Some(toml::Value::String(s)) => Decimal::from_str(&s).expect("an amount"),
        other => panic!("the ground truth has no cell {path}: {other:?}"),
    }
}

fn from_pdf() -> Imported {
    // nianbao's own reader, so the test needs no pdftotext.
    let read = import::pdf::builtin(PDF).expect("the PDF's text layer reads");
    assert!(read.falls_short().is_none(), "{:?}", read.falls_short());
    import::from_blocks(import::layout::exact_blocks(&read.lines), Lang::Zh)
}

fn from_layout() -> Imported {
    import::from_text(LAYOUT, Lang::Zh)
}

/// Every cell, and every text field but 机关层级 (never printed), equal to
/// the ground truth; a list of what differs.
fn differences(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let mut cells = 0;
    for id in schema::all_cells() {
        cells += 1;
        let path = id.path();
        let (got, want) = (report.cell(id), truth_cell(&path));
        if got != want {
            out.push(format!("{path}: {got}, printed {want}"));
        }
    }
    assert_eq!(cells, 200, "the format has 200 cells");
    for id in schema::all_fields() {
        let path = id.path();
        if path == "report.level" {
            continue;
        }
        let want = match truth(&path) {
            Some(toml::Value::String(s)) => s,
            Some(v) => v.to_string(),
            None => panic!("the ground truth has no field {path}"),
        };
        // The first 20 characters say which field a text went to; the
        // whole text, that page breaks and page numbers cut nothing.
        let start = |s: &str| s.chars().take(20).collect::<String>();
        let got = report.text(id);
        if start(got) != start(&want) {
            out.push(format!(
                "{path}: “{}”, printed “{}”",
                start(got),
                start(&want)
            ));
        } else if got != want {
            out.push(format!("{path}: “{got}”, printed “{want}”"));
        }
    }
    out
}

fn assert_as_published(imported: &Imported) {
    assert!(imported.refused.is_none(), "{:?}", imported.refused);
    assert!(imported.unplaced.is_empty(), "{:?}", imported.unplaced);
    let wrong = differences(&imported.report);
    assert!(
        wrong.is_empty(),
        "{} differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    let fields = |p: &str| imported.report.text_at(p).to_string();
    assert_eq!(fields("report.agency"), "洪泽区人民政府");
    assert_eq!(imported.report.year(), Some(2023));
    assert_eq!(fields("contact.phone"), "0517-87222589");
    assert!(fields("other.fees").ends_with("全年收取政府信息公开信息处理费0元。"));
    assert_eq!(fields("other.other"), "");
    // （六）其他处理 is printed as one row of zeros: said, not called missing.
    let notes = imported.notes.join("\n");
    assert!(notes.contains("把“（六）其他处理”印作一行"), "{notes}");
    assert!(!notes.contains("发布的表格中没有"), "{notes}");
    // The publication's faults are named, each once, as the document's.
    let kept: Vec<String> = imported.kept_totals.iter().map(|c| c.path()).collect();
    let faulty: Vec<&str> = FAULTY_TOTALS.iter().map(|(p, _)| *p).collect();
    assert_eq!(kept, faulty);
    for (path, sum) in FAULTY_TOTALS {
        let said: Vec<&str> = imported
            .source_problems
            .iter()
            .filter(|p| p.path == path)
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(said.len(), 1, "{path}: {said:?}");
        assert!(
            said[0].contains(&format!("发布的合计为 0，但各项之和为 {sum}")),
            "{said:?}"
        );
    }
}

#[test]
fn the_real_pdf_imports_as_published() {
    assert_as_published(&from_pdf());
}

#[test]
fn its_pdftotext_layout_imports_as_published() {
    assert_as_published(&from_layout());
}

/// The written file keeps the faulty totals, says so beside them, and
/// `check` reports each as an error; the closing sentence names the cause.
#[test]
fn check_reports_the_published_totals_that_do_not_add_up() {
    let imported = from_layout();
    let written = toml_write::write(&imported.report);
    for (path, sum) in FAULTY_TOTALS {
        let row = path.rsplit_once('.').unwrap().0;
        let section = &written[written.find(&format!("[{row}]")).unwrap()..];
        let line = section.lines().find(|l| l.starts_with("total =")).unwrap();
        assert!(
            line.starts_with("total = 0 ") && line.contains(&format!("各项之和为 {sum}")),
            "{line}"
        );
    }
    let read = toml_read::read(&written, Lang::En).unwrap();
    let errors: Vec<&str> = read
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(errors, FAULTY_TOTALS.map(|(p, _)| p));

    let dir = tempfile::tempdir().unwrap();
    let input = common::write_file(dir.path(), "hzq.txt", LAYOUT);
    let output = dir.path().join("hzq.toml");
    let run = common::run(&[
        "import",
        "--lang",
        "zh",
        common::arg(&input),
        "-o",
        common::arg(&output),
    ]);
    assert_eq!(run.code(), Some(1), "{}", run.out());
    let last = run.out().lines().last().unwrap_or_default().to_string();
    assert!(
        last.starts_with("需要核对：发布的报告中有 2 个合计与其各项之和不符，已按发布的数字保存"),
        "{last}"
    );
    let check = common::run(&["check", "--lang", "zh", common::arg(&output)]);
    assert_eq!(check.code(), Some(1), "{}", check.out());
    for (path, sum) in FAULTY_TOTALS {
        let _ = path;
        assert!(
            check
                .out()
                .contains(&format!("文件中的合计为 0，但各项之和为 {sum}")),
            "{}",
            check.out()
        );
    }
}

/// The busy example's text render written the ways real 2021-format
/// reports vary: the year only in a Markdown title, run-in sub-headings in
/// other words (`主动公开方面。`, `依申请公开工作情况` and a space), tables
/// numbered by the agency (表一…表三), `规范性文件` without 行政, and
/// （六）其他处理 printed as one row.
fn variant_of_busy() -> String {
    let busy = crate::import::example(BUSY_TOML);
    let text = String::from_utf8(nianbao::render::Format::Text.write(
        &nianbao::render::build::document(&busy, nianbao::render::build::Options { chart: false }),
    ))
    .unwrap();
    let mut text = format!("# {text}")
        .replace(
            "报告中所列数据的统计期限为2024年1月1日到2024年12月31日止。",
            "",
        )
        .replace("（一）主动公开情况：", "（一）主动公开方面。")
        .replace("（二）依申请公开情况：", "（二）依申请公开工作情况 ")
        .replace("（三）政府信息管理情况：", "（三）政府信息管理情况。")
        .replace("\n行政规范性文件 |", "\n规范性文件 |")
        .replace("二、主动公开政府信息情况", "表一：主动公开政府信息情况")
        .replace(
            "三、收到和处理政府信息公开申请情况",
            "表二 收到和处理政府信息公开申请情况",
        )
        .replace("四、政府信息公开行政复议", "表三 政府信息公开行政复议");
    // The three rows of （六） as one, with their sums.
    let first = text.find("（六）其他处理 |").unwrap();
    let end = first + text[first..].find("（七）总计").unwrap();
    let sums: Vec<String> = (0..7)
        .map(|col| {
            ["other_no_correction", "other_fee_unpaid", "other_other"]
                .iter()
                .map(|row| busy.cell(cell(&format!("applications.{row}"), col)))
                .sum::<Decimal>()
                .to_string()
        })
        .collect();
    text.replace_range(
        first..end,
        &format!("（六）其他处理 | {} | ||\n", sums.join(" | ")),
    );
    text
}

const BUSY_TOML: &str = include_str!("../../examples/busy-city-bureau-2024.toml");

fn cell(row: &str, col: usize) -> schema::CellId {
    let mut id = schema::find_cell(&format!("{row}.natural")).unwrap();
    id.col = col;
    id
}

#[test]
fn variants_of_the_2021_format_are_read() {
    let busy = crate::import::example(BUSY_TOML);
    let text = variant_of_busy();
    assert!(
        !text.contains("统计期限") && text.starts_with("# 示例市"),
        "{text}"
    );
    let imported = import::from_text(&text, Lang::Zh);
    assert!(imported.unplaced.is_empty(), "{:?}", imported.unplaced);
    assert!(
        imported.source_problems.is_empty(),
        "{:?}",
        imported.source_problems
    );
    assert_eq!(imported.report.year(), Some(2024));
    assert_eq!(
        imported.report.text_at("report.agency"),
        "示例市自然资源和规划局"
    );
    for f in schema::all_fields().filter(|f| f.path() != "report.level") {
        assert_eq!(imported.report.text(f), busy.text(f), "{}", f.path());
    }
    let unsplit = ["other_no_correction", "other_fee_unpaid", "other_other"];
    for id in schema::all_cells() {
        let row = id.row_def().key;
        let got = imported.report.cell(id);
        let want = match unsplit.iter().position(|r| *r == row) {
            // The one printed row goes to 3.其他, the others are 0.
            Some(2) => (0..3)
                .map(|k| busy.cell(cell(&format!("applications.{}", unsplit[k]), id.col)))
                .sum(),
            Some(_) => Decimal::ZERO,
            None => busy.cell(id),
        };
        assert_eq!(got, want, "{}", id.path());
    }
    let notes = imported.notes.join("\n");
    assert!(
        notes.contains("发布的报告把“（六）其他处理”印作一行、未分各项：其数字放入“3.其他”"),
        "{notes}"
    );
    assert!(!notes.contains("发布的表格中没有"), "{notes}");
}

/// The busy example through DOCX with a page break before 六, LibreOffice's
/// PDF and `pdftotext -layout`: the page (after its form feed) starts with
/// 六's heading, and every text and cell is read back, none lost.
#[test]
fn six_starting_a_new_page_keeps_its_texts() {
    let text = include_str!("../fixtures/roundtrip/six-on-new-page.layout.txt");
    let at = text.find("六、其他需要报告的事项").unwrap();
    assert!(
        text[..at].trim_end_matches(' ').ends_with('\u{c}'),
        "no page starts with 六"
    );
    let imported = import::from_text(text, Lang::Zh);
    assert!(imported.unplaced.is_empty(), "{:?}", imported.unplaced);
    assert!(
        imported.source_problems.is_empty(),
        "{:?}",
        imported.source_problems
    );
    let busy = crate::import::example(BUSY_TOML);
    let report = crate::import::with_level_of(imported.report, &busy);
    assert_eq!(report, busy);
    let notes = imported.notes.join("\n");
    assert!(!notes.contains("不在任何小节下"), "{notes}");
}

/// Imported with others into a folder, the publication's two faulty totals
/// are two errors in the summary table, each said once above it.
#[test]
fn many_files_count_each_kept_total_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::write_file(dir.path(), "hzq.txt", LAYOUT);
    let out = dir.path().join("out/");
    let run = common::run(&[
        "import",
        "--lang",
        "zh",
        common::arg(&input),
        "tests/fixtures/seed-kunqu-commerce-2023.txt",
        "-o",
        common::arg(&out),
    ]);
    assert_eq!(run.code(), Some(1), "{}", run.out());
    let text = run.out();
    let row: Vec<&str> = text
        .lines()
        .find(|l| l.contains("洪泽区人民政府-2023.toml"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(row[5], "2", "{text}");
    for (_, sum) in FAULTY_TOTALS {
        let said = format!("各项之和为 {sum}");
        assert_eq!(text.matches(&said).count(), 1, "{text}");
    }
}
