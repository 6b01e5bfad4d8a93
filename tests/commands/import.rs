//! `nianbao import`: the seed text and HTML fixtures back into reports,
//! every value that cannot be placed listed with its position, the 2019
//! format refused, and the command's exit codes.

use nianbao::import::{self, Imported, Source};
use nianbao::model::Report;
use nianbao::problem::Severity;
use nianbao::schema::{self, Lang};
use nianbao::{toml_read, toml_write};
use std::path::Path;

use crate::common;
use common::{Outcome, run as nianbao, utf8 as text};

const SEED_TEXT: &str = include_str!("../fixtures/seed-kunqu-commerce-2023.txt");
const SEED_TOML: &str = include_str!("../../examples/kunqu-commerce-2023.toml");
const BUSY_HTML: &str = include_str!("../fixtures/busy-city-bureau-2024.html");
const BUSY_TOML: &str = include_str!("../../examples/busy-city-bureau-2024.toml");
const MESSY_HTML: &str = include_str!("../fixtures/messy-county-bureau-2023.html");

pub(crate) fn example(text: &str) -> Report {
    toml_read::read(text, Lang::En).unwrap().report
}

/// 机关层级 is never printed in a published report, so an import leaves it
/// empty; the examples record it by hand. Returns the report with it set
/// from the example, after checking that it was indeed empty.
pub(crate) fn with_level_of(mut imported: Report, example: &Report) -> Report {
    let level = schema::find_field("report.level").unwrap();
    assert_eq!(imported.text(level), "", "import must not invent a level");
    imported.set_text(level, example.text(level));
    imported
}

fn assert_imports_exactly(imported: Imported, example_text: &str) {
    assert!(imported.refused.is_none(), "{:?}", imported.refused);
    assert!(imported.unplaced.is_empty(), "{:?}", imported.unplaced);
    assert!(
        imported.source_problems.is_empty(),
        "{:?}",
        imported.source_problems
    );
    assert!(imported.is_clean(), "{:?}", imported.problems);
    let expected = example(example_text);
    let report = with_level_of(imported.report, &expected);
    assert_eq!(report, expected);
    assert_eq!(toml_write::write(&report), example_text);
}

#[test]
fn seed_text_gives_exactly_the_seed_example() {
    let imported = import::from_text(SEED_TEXT, Lang::Zh);
    let notes = imported.notes.join("\n");
    // What the import could not read from the publication is said, not hidden.
    assert!(notes.contains("机关层级不在发布的报告中"), "{notes}");
    assert!(
        notes.contains("没有“（七）总计”“四、结转下年度继续办理”行，按 0 处理"),
        "{notes}"
    );
    assert!(
        notes.contains("第二十条第（一）项：表格在第 26 行再次出现，数字相同"),
        "{notes}"
    );
    assert_imports_exactly(imported, SEED_TOML);
}

#[test]
fn html_in_the_official_layout_gives_exactly_the_busy_example() {
    assert_imports_exactly(import::from_html(BUSY_HTML, Lang::Zh), BUSY_TOML);
}

#[test]
fn messy_html_is_read_with_blank_cells_slashes_extra_words_and_reworded_headings() {
    let imported = import::from_html(MESSY_HTML, Lang::Zh);
    assert!(imported.unplaced.is_empty(), "{:?}", imported.unplaced);
    assert!(imported.is_clean(), "{:?}", imported.problems);
    let r = &imported.report;
    let cell = |path: &str| r.cell_at(path).unwrap().to_string();
    assert_eq!(r.year(), Some(2023));
    assert_eq!(r.text_at("report.agency"), "某县市场监督管理局");
    assert_eq!(
        r.text_at("report.basis"),
        "《某市人民政府办公室关于做好政府信息公开工作年度报告编制工作的通知》"
    );
    assert_eq!(r.text_at("contact.office"), "某县市场监督管理局办公室");
    assert_eq!(r.text_at("contact.postcode"), "012345"); // 邮编
    assert_eq!(r.text_at("contact.phone"), "0471-6543210"); // 联系电话
    assert_eq!(r.text_at("contact.email"), "scjg@example.gov.cn");
    // ASCII punctuation made full-width, a wrapped line joined, the script ignored.
    assert_eq!(
        r.text_at("overview.summary"),
        "2023年，我局认真贯彻《条例》，围绕市场监管中心工作做好政府信息公开。"
    );
    assert_eq!(
        r.text_at("overview.proactive"),
        "全年主动公开信息356条，其中行政许可1,234件、行政处罚56件。"
    );
    assert_eq!(
        r.text_at("overview.platforms"),
        "用好政府网站专栏和政务新媒体。"
    );
    // 现行有效件数（历史累计）, 本年处理决定数量(件): extra header words.
    assert_eq!(cell("article20_1.normative_documents.in_force"), "15");
    assert_eq!(cell("article20_1.normative_documents.repealed"), "1");
    assert_eq!(cell("article20_1.rules.issued"), "0"); // "/"
    assert_eq!(cell("article20_5.licensing.decisions"), "1234"); // "1,234"
    assert_eq!(cell("article20_6.enforcement.decisions"), "0"); // &nbsp;
    assert_eq!(cell("article20_8.fees.amount"), "0.35");
    assert_eq!(cell("applications.new_received.natural"), "5");
    assert_eq!(cell("applications.granted.commercial"), "2");
    assert_eq!(cell("applications.unable_not_held.total"), "1");
    assert_eq!(cell("applications.carry_forward.total"), "1");
    assert_eq!(cell("applications.partly_granted.research"), "0"); // blank
    // 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况 (reworded heading).
    assert_eq!(cell("appeals.review.pending"), "1");
    assert_eq!(cell("appeals.review.total"), "2");
    assert_eq!(cell("appeals.direct_suit.total"), "0");
    // 五、政府信息公开工作存在的主要问题及改进情况 (reworded heading).
    assert_eq!(
        r.text_at("problems.text"),
        "一是公开内容不够全面；二是解读形式单一。\n下一步，我局将加强培训，丰富解读形式。"
    );
    // （一）收取信息处理费情况: a shortened sub-part heading on its own line.
    assert_eq!(r.text_at("other.fees"), "本年度未收取信息处理费。");
    assert_eq!(r.text_at("other.proposals"), "无。");
    let notes = imported.notes.join("\n");
    assert!(
        notes.contains("个空白单元格和 31 个“/”（不适用）按 0 处理"),
        "{notes}"
    );
}

#[test]
fn html_columns_follow_their_headers() {
    let html = "<p>二、主动公开政府信息情况</p><table>\
        <tr><td>信息内容</td><td>现行有效件数</td><td>本年制发件数</td><td>本年废止件数</td></tr>\
        <tr><td>行政规范性文件</td><td>30</td><td>4</td><td>2</td></tr></table>";
    let r = import::from_html(html, Lang::En).report;
    assert_eq!(
        r.cell_at("article20_1.normative_documents.in_force"),
        Some(30.into())
    );
    assert_eq!(
        r.cell_at("article20_1.normative_documents.issued"),
        Some(4.into())
    );
    assert_eq!(
        r.cell_at("article20_1.normative_documents.repealed"),
        Some(2.into())
    );
}

/// The seed with lines replaced; each replacement must apply.
fn seed_with(changes: &[(&str, &str)]) -> String {
    let mut text = SEED_TEXT.to_string();
    for (old, new) in changes {
        assert!(text.contains(old), "seed lacks {old:?}");
        text = text.replacen(old, new, 1);
    }
    text
}

/// Where each value that could not be placed was, with its text.
fn unplaced_at(imported: &Imported) -> Vec<(Source, &str)> {
    imported
        .unplaced
        .iter()
        .map(|u| (u.at, u.raw.as_str()))
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn values_that_cannot_be_placed_are_listed_with_their_line() {
    let text = seed_with(&[
        ("行政許可 | 0 |", "行政許可 | 1 2 |"),
        ("行政處罰 | 0 | ||", "行政處罰 | 0 | 5 |"),
        ("規(guī)章 | 0 | 0 | 0 |", "其他文件 | 3 | 0 | 0 |"),
    ]);
    let imported = import::from_text(&text, Lang::En);
    assert_eq!(
        unplaced_at(&imported),
        [
            (
                Source::Line(line_of(&text, "其他文件")),
                "其他文件 | 3 | 0 | 0"
            ),
            (Source::Line(line_of(&text, "行政許")), "1 2"),
            (Source::Line(line_of(&text, "行政處")), "行政處罰 | 0 | 5"),
        ],
        "{:?}",
        imported.unplaced
    );
    let reasons: Vec<&str> = imported
        .unplaced
        .iter()
        .map(|u| u.reason.as_str())
        .collect();
    assert!(
        reasons[0].contains("not a row of this section"),
        "{reasons:?}"
    );
    assert!(reasons[1].contains("not a number"), "{reasons:?}");
    assert!(reasons[2].contains("has 2 numbers, not 1"), "{reasons:?}");
    assert!(!imported.is_clean());
    // Never guessed: the cells stay 0.
    assert_eq!(
        imported.report.cell_at("article20_5.licensing.decisions"),
        Some(0.into())
    );
    assert_eq!(
        imported.report.cell_at("article20_6.penalties.decisions"),
        Some(0.into())
    );
}

#[test]
fn printed_totals_and_repeated_tables_are_checked() {
    let first_row = "一、本年新收政府信息公開申請(qǐng)數(shù)量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";
    let repeat = "行政規(guī)范性文件 | 0 | 0 | 0 |";
    let text = seed_with(&[
        (
            first_row,
            "一、本年新收政府信息公開申請(qǐng)數(shù)量 | 0 | 0 | 0 | 0 | 0 | 0 | 3 |",
        ),
        // The second 行政规范性文件 row is the repeated table's.
        (
            &format!("{repeat}\n?"),
            "行政規(guī)范性文件 | 0 | 0 | 4 |\n?",
        ),
    ]);
    let imported = import::from_text(&text, Lang::En);
    assert!(imported.unplaced.is_empty(), "{:?}", imported.unplaced);
    let problems: Vec<String> = imported
        .source_problems
        .iter()
        .map(|p| format!("{}:{}", p.line.unwrap(), p.message))
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems.iter().any(|p| p.starts_with(&format!(
            "{}:the published total is 3, but its parts add up to 0",
            line_of(&text, "一、本年新收")
        ))),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("appears twice with different numbers: 0 at line 13, 4 here")),
        "{problems:?}"
    );
    assert!(
        imported
            .source_problems
            .iter()
            .all(|p| p.severity == Severity::Error)
    );
    assert!(!imported.is_clean());
}

#[test]
fn html_positions_name_table_row_and_column() {
    let html = "<h2>三、收到和处理政府信息公开申请情况</h2><table>\
        <tr><td>一、本年新收政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\
        <tr><td>本年办结数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\
        </table>";
    let imported = import::from_html(html, Lang::Zh);
    assert_eq!(imported.unplaced.len(), 1, "{:?}", imported.unplaced);
    let u = &imported.unplaced[0];
    assert_eq!(
        u.at,
        Source::Cell {
            table: 1,
            row: 2,
            col: 1
        }
    );
    assert_eq!(u.at.describe(Lang::Zh), "表 1 第 2 行第 1 列");
    assert!(u.raw.starts_with("本年办结数量 | 1"), "{}", u.raw);
    assert_eq!(
        imported.report.cell_at("applications.new_received.natural"),
        Some(1.into())
    );
}

#[test]
fn a_value_with_a_unit_is_listed_not_dropped() {
    let html = "<p>二、主动公开政府信息情况</p><table>\
        <tr><td>信息内容</td><td>本年处理决定数量</td></tr>\
        <tr><td>行政许可</td><td>5件</td></tr></table>";
    let imported = import::from_html(html, Lang::En);
    assert_eq!(
        unplaced_at(&imported),
        [(
            Source::Cell {
                table: 1,
                row: 2,
                col: 2
            },
            "5件"
        )],
        "{:?}",
        imported.unplaced
    );
    assert!(imported.unplaced[0].reason.starts_with("not a number"));
}

#[test]
fn the_2019_format_is_refused() {
    let text = std::fs::read_to_string("tests/fixtures/trial-2019-format.txt").unwrap();
    let imported = import::from_text(&text, Lang::Zh);
    let why = imported.refused.expect("refused");
    assert!(why.contains("2019 年试行格式"), "{why}");
    assert!(why.contains("本年新制作数量"), "{why}");
}

// ---------------------------------------------------------------------------
// The command

/// `nianbao import ARGS… -o OUT`.
fn import_into(args: &[&str], out: &Path) -> Outcome {
    let mut all = vec!["import"];
    all.extend(args);
    all.extend(["-o", out.to_str().unwrap()]);
    nianbao(&all)
}

/// Fails unless the run was refused (exit 2) saying `why` on standard error.
fn assert_refused(o: &Outcome, why: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", o.both());
    assert!(text(&o.stderr).contains(why), "{}", text(&o.stderr));
}

#[test]
fn import_command_writes_the_report_and_exits_0_when_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed.toml");
    let o = import_into(&["tests/fixtures/seed-kunqu-commerce-2023.txt"], &out);
    let stdout = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{stdout}{}", text(&o.stderr));
    assert!(
        stdout.contains("说明：机关层级不在发布的报告中"),
        "{stdout}"
    );
    assert!(stdout.contains("1 个文件：0 个错误"), "{stdout}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        toml_read::read(&written, Lang::En).unwrap().report,
        with_level_cleared(example(SEED_TOML))
    );
    // An existing output is not replaced without --force.
    let again = import_into(&["tests/fixtures/busy-city-bureau-2024.html"], &out);
    assert_refused(&again, "--force");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);
    let forced = import_into(
        &["--force", "tests/fixtures/busy-city-bureau-2024.html"],
        &out,
    );
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stdout));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("示例市自然资源和规划局")
    );
}

fn with_level_cleared(mut r: Report) -> Report {
    r.set_text(schema::find_field("report.level").unwrap(), "");
    r
}

#[test]
fn import_command_lists_unplaced_values_writes_the_file_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("published.txt");
    let text_in = seed_with(&[("行政許可 | 0 |", "行政許可 | 1 2 |")]);
    std::fs::write(&input, &text_in).unwrap();
    let out = dir.path().join("out.toml");
    let o = import_into(&["--lang", "en", input.to_str().unwrap()], &out);
    let stdout = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    let line = line_of(&text_in, "行政許");
    assert!(
        stdout.contains(&format!(
            "published.txt:{line}: not placed “1 2”: not a number"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("nianbao edit"), "{stdout}");
    assert!(
        out.exists(),
        "the file is written so that it can be completed"
    );
}

#[test]
fn import_command_refuses_the_2019_format_and_unreadable_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.toml");
    let o = import_into(&["tests/fixtures/trial-2019-format.txt"], &out);
    assert_refused(&o, "2019 年试行格式");
    assert!(!out.exists());
    let gbk = dir.path().join("gbk.txt");
    std::fs::write(&gbk, b"\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xc7\xe9\xbf\xf6\n").unwrap();
    let o = import_into(&[gbk.to_str().unwrap()], &out);
    assert_refused(&o, "iconv");
    assert!(!Path::new(&out).exists());
}

/// What `nianbao render` publishes, read back by `nianbao import`.
fn rendered(report: &Report, format: nianbao::render::Format, chart: bool) -> String {
    use nianbao::render::build::{Options, document};
    String::from_utf8(format.write(&document(report, Options { chart }))).unwrap()
}

#[test]
fn the_html_render_writes_imports_back_to_the_same_report() {
    use nianbao::render::Format;
    for text in [SEED_TOML, BUSY_TOML] {
        let expected = example(text);
        for chart in [false, true] {
            let html = rendered(&expected, Format::Html, chart);
            assert_imports_exactly(import::from_html(&html, Lang::Zh), text);
        }
    }
}

#[test]
fn the_text_render_writes_imports_back_to_the_same_report() {
    use nianbao::render::Format;
    for text in [SEED_TOML, BUSY_TOML] {
        let expected = example(text);
        let txt = rendered(&expected, Format::Text, false);
        assert_imports_exactly(import::from_text(&txt, Lang::Zh), text);
    }
}
