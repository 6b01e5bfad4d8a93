//! `nianbao compare`: two reports built for the purpose — the busy example
//! as this year and, as last year, the same agency with every kind of
//! change (a jump up, a fall, a new figure, money, a carry-over that does
//! not continue, 现行有效 that does not follow, texts kept, rewritten,
//! new and dropped) — in every output: text in 80 columns, Markdown, HTML
//! read back by an HTML5 parser, DOCX unzipped, xlsx read back by a reader
//! crate; two folders of agencies; hostile text; published inputs end to end
//! (a PDF against a DOCX). The files committed in
//! tests/fixtures/compare/ are the ones built here.

use crate::common::{arg, nianbao, write_file};
use calamine::{Data, DataType, Reader, Xlsx};
use nianbao::model::Report;
use nianbao::schema::{self, Lang};
use nianbao::{toml_read, toml_write};
use rust_decimal::Decimal;
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

const BUSY: &str = include_str!("../../examples/busy-city-bureau-2024.toml");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/compare");

pub(crate) fn set(r: &mut Report, path: &str, v: i64) {
    let cell = schema::find_cell(path).unwrap_or_else(|| panic!("{path}"));
    r.set_cell(cell, Decimal::from(v));
}

pub(crate) fn text(r: &mut Report, path: &str, v: &str) {
    r.set_text(schema::find_field(path).unwrap(), v);
}

/// This year: the busy example.
pub(crate) fn this_year() -> Report {
    toml_read::read(BUSY, Lang::Zh).unwrap().report
}

/// Last year: the same agency, with every kind of change to this year.
pub(crate) fn last_year() -> Report {
    let mut r = this_year();
    r.meta = Default::default();
    r.set_year(2023);
    text(
        &mut r,
        "report.basis",
        "《示例市人民政府办公室关于做好2023年政府信息公开工作年度报告编制发布工作的通知》",
    );
    // Natural persons: 60 new (380 this year: a jump), 10 carried over;
    // 40 granted, 5 not held, 25 carried forward (this year's 二 says 20).
    let def = schema::table(schema::find_table("applications").unwrap());
    for row in def.rows.iter().filter(|r| r.sum_of.is_empty()) {
        set(&mut r, &format!("applications.{}.natural", row.key), 0);
    }
    set(&mut r, "applications.new_received.natural", 60);
    set(&mut r, "applications.carried_over.natural", 10);
    set(&mut r, "applications.granted.natural", 40);
    set(&mut r, "applications.unable_not_held.natural", 5);
    set(&mut r, "applications.carry_forward.natural", 25);
    set(&mut r, "article20_5.licensing.decisions", 200);
    set(&mut r, "article20_6.penalties.decisions", 250);
    set(&mut r, "article20_1.normative_documents.in_force", 80);
    set(&mut r, "appeals.review.corrected", 0);
    r.set_cell(
        schema::find_cell("article20_8.fees.amount").unwrap(),
        Decimal::new(125_000, 4),
    );
    // 主动公开情况: its first sentence with other figures (kept), its
    // second one rewritten (removed and added).
    text(
        &mut r,
        "overview.proactive",
        "全年通过门户网站主动公开政府信息1980条，其中规划批前公示120条、批后公布133条，土地供应结果公告80条，不动产登记办事指南更新40项。\n\
         全年举办政府开放日活动2次，邀请市民代表参观规划展览馆。",
    );
    text(
        &mut r,
        "overview.on_request",
        "依申请公开工作平稳有序，所有申请均在法定期限内答复，未发生行政复议被纠错情况。",
    );
    text(&mut r, "overview.management", "");
    r
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

#[test]
fn the_committed_pair_is_the_one_built_here() {
    for (name, report) in [
        ("last-2023.toml", last_year()),
        ("this-2024.toml", this_year()),
    ] {
        let built = toml_write::write(&report);
        let committed = std::fs::read_to_string(fixture(name)).unwrap_or_default();
        if std::env::var_os("NIANBAO_WRITE_FIXTURES").is_some() {
            std::fs::write(fixture(name), &built).unwrap();
            continue;
        }
        assert_eq!(
            committed, built,
            "{name}: NIANBAO_WRITE_FIXTURES=1 writes it anew"
        );
    }
}

fn compare_to(dir: &Path, out: &str) -> (PathBuf, crate::common::Outcome) {
    let path = dir.join(out);
    let run = nianbao(&["compare", "--lang", "zh"])
        .arg(fixture("last-2023.toml"))
        .arg(fixture("this-2024.toml"))
        .args(&["-o", arg(&path)])
        .go();
    (path, run)
}

/// Every changed input cell's label parts and both values, as the
/// comparison must show them.
fn changed_cells() -> Vec<(String, Decimal, Decimal)> {
    let (last, this) = (last_year(), this_year());
    schema::all_cells()
        .filter(|&c| last.cell(c) != this.cell(c))
        .map(|c| (c.path(), last.cell(c), this.cell(c)))
        .collect()
}

#[test]
fn text_fits_80_columns_and_says_every_kind_of_change() {
    let run = nianbao(&["compare", "--lang", "zh"])
        .arg(fixture("last-2023.toml"))
        .arg(fixture("this-2024.toml"))
        .go();
    assert_eq!(run.code(), Some(0), "{}", run.both());
    let out = run.out();
    for line in out.lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= 80, "{w} columns: {line}");
    }
    // Key figures: new applications 192 → 512, a jump (natural 60 → 380).
    let new = out.lines().find(|l| l.starts_with("新收申请")).unwrap();
    assert!(
        new.contains("192") && new.contains("512") && new.contains("+320"),
        "{new}"
    );
    let licensing = out.lines().find(|l| l.starts_with("行政许可决定")).unwrap();
    assert!(licensing.contains("×7.7 ※"), "{licensing}");
    let penalties = out.lines().find(|l| l.starts_with("行政处罚决定")).unwrap();
    assert!(penalties.contains("−14.4%"), "{penalties}");
    assert!(
        out.contains("12.5000") && out.contains("18.8710"),
        "money as written"
    );
    let n = changed_cells().len();
    let unchanged = schema::all_cells().count() - n;
    assert!(
        out.contains(&format!("{n} 处变化，{unchanged} 处未变")),
        "{out}"
    );
    // Texts: the first sentence of 主动公开情况 kept, the second rewritten.
    assert!(
        out.contains("雷同：“全年通过门户网站主动公开政府信息2316条"),
        "{out}"
    );
    assert!(out.contains("删去：“全年举办政府开放日活动2次"), "{out}");
    assert!(out.contains("新增：“召开新闻发布会6场"), "{out}");
    // Findings with their rule ids.
    assert!(out.contains("[carry-over]"), "{out}");
    assert!(out.contains("[in-force]"), "{out}");
    assert!(out.contains("[year-jump]"), "{out}");
}

#[test]
fn html_parses_and_holds_every_changed_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (path, run) = compare_to(dir.path(), "比对.html");
    assert_eq!(run.code(), Some(0), "{}", run.both());
    let html = Html::parse_document(&std::fs::read_to_string(path).unwrap());
    let rows: Vec<Vec<String>> = html
        .select(&Selector::parse("tr").unwrap())
        .map(|tr| {
            tr.select(&Selector::parse("th, td").unwrap())
                .map(|c| c.text().collect::<String>())
                .collect()
        })
        .collect();
    for (path, last, this) in changed_cells() {
        let cell = schema::find_cell(&path).unwrap();
        let label = cell.label(Lang::Zh);
        let found = rows.iter().any(|r| {
            r.len() == 5
                && r[0].ends_with(&label)
                && r[1] == last.to_string()
                && r[2] == this.to_string()
        });
        assert!(found, "{path} ({label}: {last} → {this}) not in the HTML");
    }
    let title = html.select(&Selector::parse("h1").unwrap()).next().unwrap();
    assert_eq!(
        title.text().collect::<String>(),
        "示例市自然资源和规划局 2023 → 2024 年度报告比对"
    );
}

#[test]
fn markdown_and_docx_hold_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (md, run) = compare_to(dir.path(), "比对.md");
    assert_eq!(run.code(), Some(0), "{}", run.both());
    let md = std::fs::read_to_string(md).unwrap();
    assert!(
        md.contains("# 示例市自然资源和规划局 2023 → 2024 年度报告比对"),
        "{md}"
    );
    assert!(md.contains("行政许可决定"));

    let (docx, run) = compare_to(dir.path(), "比对.docx");
    assert_eq!(run.code(), Some(0), "{}", run.both());
    let file = std::fs::File::open(docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("the document XML parses");
    let texts: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect();
    for needle in ["行政许可决定", "1532", "×7.7 ※", "[carry-over]"] {
        assert!(texts.contains(needle), "{needle} not in the DOCX");
    }
}

/// The column whose path row (a sheet's 4th) is `path`.
pub(crate) fn column_of(range: &calamine::Range<Data>, path: &str) -> usize {
    let header: Vec<String> = range
        .rows()
        .nth(3)
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    header
        .iter()
        .position(|h| h == path)
        .unwrap_or_else(|| panic!("{path}"))
}

pub(crate) fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn xlsx_reads_back_with_the_same_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (path, run) = compare_to(dir.path(), "比对.xlsx");
    assert_eq!(run.code(), Some(0), "{}", run.both());
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheets = book.sheet_names();
    assert_eq!(sheets.len(), 4, "{sheets:?}");
    let cells = book.worksheet_range(&sheets[1]).unwrap();
    let mut seen = 0;
    for (path, last, this) in changed_cells() {
        let row = cells
            .rows()
            .find(|r| r.get(1).and_then(|d| d.as_string()).as_deref() == Some(path.as_str()))
            .unwrap_or_else(|| panic!("{path} not in the sheet"));
        assert_eq!(
            number(&row[2]),
            last.to_string().parse::<f64>().unwrap(),
            "{path}"
        );
        assert_eq!(
            number(&row[3]),
            this.to_string().parse::<f64>().unwrap(),
            "{path}"
        );
        seen += 1;
    }
    assert!(seen > 30, "{seen}");
}

#[test]
fn two_folders_pair_agencies_and_say_who_has_no_partner() {
    let dir = tempfile::tempdir().unwrap();
    let (last, this) = (dir.path().join("2023"), dir.path().join("2024"));
    std::fs::create_dir_all(&last).unwrap();
    std::fs::create_dir_all(&this).unwrap();
    std::fs::copy(fixture("last-2023.toml"), last.join("a.toml")).unwrap();
    std::fs::copy(fixture("this-2024.toml"), this.join("b.toml")).unwrap();
    let mut other = this_year();
    other.set_text(schema::ROLES.agency(), "示例市教育局");
    write_file(&this, "c.toml", toml_write::write(&other));
    write_file(&last, "broken.toml", "format = \"nianbao/1\"\n[report\n");

    let out = dir.path().join("all.xlsx");
    let run = nianbao(&["compare", "--lang", "zh"])
        .arg(&last)
        .arg(&this)
        .args(&["-o", arg(&out)])
        .go();
    assert_eq!(run.code(), Some(1), "{}", run.both());
    let err = run.err();
    assert!(
        err.contains("只有本年报告、上年没有对应报告的机关：示例市教育局"),
        "{err}"
    );
    assert!(
        err.contains("broken.toml") && err.contains("未比对"),
        "{err}"
    );
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 1 + schema::tables().count(), "{names:?}");
    let overview = book.worksheet_range(&names[0]).unwrap();
    let row = overview
        .rows()
        .find(|r| r[0].as_string().as_deref() == Some("示例市自然资源和规划局"))
        .unwrap();
    assert_eq!((number(&row[1]), number(&row[2])), (192.0, 512.0));
    // A sheet per table, one row per agency: last, this, change per cell.
    let sheet = names.iter().find(|n| n.starts_with("三、")).unwrap();
    let apps = book.worksheet_range(sheet).unwrap();
    let at = column_of(&apps, "applications.new_received.natural 上年");
    let agency = apps.rows().nth(4).unwrap();
    assert_eq!(
        (
            number(&agency[at]),
            number(&agency[at + 1]),
            number(&agency[at + 2])
        ),
        (60.0, 380.0, 320.0)
    );

    let run = nianbao(&["compare", "--lang", "en"])
        .arg(&last)
        .arg(&this)
        .go();
    let text = run.out();
    assert!(
        text.starts_with("Annual reports of 1 agencies compared"),
        "{text}"
    );
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let existing = write_file(dir.path(), "x.html", "keep me");
    let run = nianbao(&["compare", "--lang", "en"])
        .arg(fixture("last-2023.toml"))
        .arg(fixture("this-2024.toml"))
        .args(&["-o", arg(&existing)])
        .go();
    assert_eq!(run.code(), Some(2));
    assert!(run.err().contains("already exists"), "{}", run.err());
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");

    let run = nianbao(&["compare", "--lang", "en"])
        .arg(fixture("last-2023.toml"))
        .arg(fixture("this-2024.toml"))
        .args(&["-o", arg(&dir.path().join("x.pdf"))])
        .go();
    assert_eq!(run.code(), Some(2));
    assert!(run.err().contains(".xlsx"), "{}", run.err());

    let run = nianbao(&["compare", "--lang", "en"])
        .arg(fixture("last-2023.toml"))
        .arg(dir.path())
        .go();
    assert_eq!(run.code(), Some(2));
    assert!(run.err().contains("both be files"), "{}", run.err());
}

// ---------------------------------------------------------------------------
// Published inputs, end to end

/// Last year as published (a real agency's PDF), this year as `new` starts
/// it and `render` publishes it as DOCX: both are imported on the way, and
/// the figures are those of the report files behind them.
#[test]
fn a_published_pdf_against_a_rendered_docx() {
    let dir = tempfile::tempdir().unwrap();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let next = dir.path().join("hzq-2024.toml");
    let run = nianbao(&["new", "--from"])
        .arg(real.join("hzq-2023.toml"))
        .arg(&next)
        .go();
    assert_eq!(run.code(), Some(0), "{}", run.both());
    let docx = dir.path().join("hzq-2024.docx");
    let run = nianbao(&["render", "--force", "-o"])
        .arg(&docx)
        .arg(&next)
        .go();
    assert_eq!(run.code(), Some(0), "{}", run.both());

    let out = dir.path().join("比对.xlsx");
    let run = nianbao(&["compare", "--lang", "zh"])
        .arg(real.join("hzq2023_working.pdf"))
        .arg(&docx)
        .args(&["-o", arg(&out)])
        .go();
    assert!(matches!(run.code(), Some(0 | 1)), "{}", run.both());
    let last = toml_read::read(
        &std::fs::read_to_string(real.join("hzq-2023.toml")).unwrap(),
        Lang::Zh,
    )
    .unwrap()
    .report;
    let this = toml_read::read(&std::fs::read_to_string(&next).unwrap(), Lang::Zh)
        .unwrap()
        .report;
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let figures = book.worksheet_range(&book.sheet_names()[0]).unwrap();
    let mut checked = 0;
    for (k, row) in schema::KEY_FIGURES.iter().zip(figures.rows().skip(1)) {
        assert_eq!(row[0].to_string(), k.label.zh);
        let sum = |r: &Report| -> f64 {
            let s: Decimal = k.cells.iter().filter_map(|p| r.cell_at(p)).sum();
            s.to_string().parse().unwrap()
        };
        assert_eq!(number(&row[2]), sum(&this), "{}", k.label.zh);
        // The PDF as published: the figures the agency's report file holds.
        assert_eq!(number(&row[1]), sum(&last), "{}", k.label.zh);
        checked += 1;
    }
    assert_eq!(checked, schema::KEY_FIGURES.len());
    assert!(
        number(&figures.rows().nth(1).unwrap()[1]) > 0.0,
        "figures were read"
    );
}

/// An agency name and a text holding markup and terminal escape sequences
/// reach neither a page as markup nor a terminal as a sequence.
#[test]
fn hostile_text_is_escaped_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "<script>alert(1)</script>\u{1b}[31m局\u{7}";
    let mut last = last_year();
    let mut this = this_year();
    for r in [&mut last, &mut this] {
        r.set_text(schema::ROLES.agency(), hostile);
    }
    text(
        &mut this,
        "overview.summary",
        &format!("{hostile}的新句子写在这里，与去年不同。"),
    );
    let last_file = write_file(dir.path(), "last.toml", toml_write::write(&last));
    let this_file = write_file(dir.path(), "this.toml", toml_write::write(&this));

    let run = nianbao(&["compare"]).arg(&last_file).arg(&this_file).go();
    assert_eq!(run.code(), Some(0), "{}", run.both());
    assert!(run.out().contains("<script>"), "the name is shown as text");
    assert!(!run.out().contains('\u{1b}') && !run.out().contains('\u{7}'));

    let html = dir.path().join("x.html");
    let run = nianbao(&["compare"])
        .arg(&last_file)
        .arg(&this_file)
        .args(&["-o", arg(&html)])
        .go();
    assert_eq!(run.code(), Some(0), "{}", run.both());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("<script>") && page.contains("&lt;script&gt;"));
    assert!(!page.contains('\u{1b}'));
    let parsed = Html::parse_document(&page);
    assert_eq!(
        parsed.select(&Selector::parse("script").unwrap()).count(),
        0
    );
}
