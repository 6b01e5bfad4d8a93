//! What must hold for any bytes given to nianbao as a report file. The fuzz
//! targets call these checks on every generated input, and
//! `tests/fuzz/regressions.rs` calls them on every input kept under
//! `fuzz/regressions/`, so an input that once broke a rule keeps being tested
//! by a plain `cargo test`. Each check panics when a rule is broken.

use nianbao::model::Report;
use nianbao::render::{Block, Document, Format, build};
use nianbao::schema::Lang;
use nianbao::toml_read::{self, Loaded};
use nianbao::{check, import, inert, store, toml_write, validate};
use std::collections::BTreeSet;
use std::io::Read;
use std::sync::OnceLock;

const SEED: &str = include_str!("../examples/kunqu-commerce-2023.toml");
const BUSY: &str = include_str!("../examples/busy-city-bureau-2024.toml");

/// The bytes as a report, when they are one at all.
fn load(data: &[u8]) -> Option<Loaded> {
    let text = store::decode(data, Lang::En).ok()?;
    toml_read::read(text, Lang::En).ok()
}

fn example(text: &str) -> Report {
    toml_read::read(text, Lang::En)
        .expect("the examples load")
        .report
}

fn assert_printable(what: &str, text: &str) {
    assert!(
        !text.chars().any(char::is_control),
        "{what} holds a control character: {text:?}"
    );
}

/// The loader: any bytes give a report or a located problem, never a panic;
/// no message carries a control character from the file; whatever is
/// editable is written back with every control character escaped and
/// survives a write/read round trip unchanged; validation, the cross-year
/// checks and both `check` outputs run on whatever loads.
pub fn loader(data: &[u8]) {
    let text = match store::decode(data, Lang::En) {
        Ok(text) => text,
        Err(problem) => return assert_printable("a decoding message", &problem.describe()),
    };
    let loaded = match toml_read::read(text, Lang::Zh) {
        Ok(loaded) => loaded,
        Err(problem) => return assert_printable("a reading message", &problem.describe()),
    };
    for p in &loaded.problems {
        assert_printable("a problem", &p.describe());
    }
    let cx = validate::Context {
        lang: Lang::Zh,
        this_year: 2026,
    };
    let mut problems = validate::validate(&loaded.report, cx);
    problems.extend(validate::cross_year(
        &loaded.report,
        &example(BUSY),
        "last.toml",
        Lang::Zh,
    ));
    problems.extend(validate::cross_year(
        &example(SEED),
        &loaded.report,
        "last.toml",
        Lang::En,
    ));
    for p in &problems {
        assert_printable("a validation problem", &p.describe());
    }
    let reports = [check::FileReport {
        file: "fuzzed.toml".into(),
        problems: check::combine(loaded.problems.clone(), problems, &loaded.lines),
        unreadable: false,
    }];
    let human = check::format_human(&reports, Lang::Zh);
    assert!(
        !human.chars().any(|c| c.is_control() && c != '\n'),
        "check output holds a control character: {human:?}"
    );
    serde_json::from_str::<serde_json::Value>(&check::format_json(&reports))
        .expect("check --format json prints JSON");
    if loaded.is_editable() {
        let written = toml_write::write(&loaded.report);
        assert!(
            !written
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "the TOML we write holds a raw control character"
        );
        let again = toml_read::read(&written, Lang::En).expect("our own output must parse");
        assert!(again.is_editable(), "our own output has blocking problems");
        assert_eq!(again.report, loaded.report, "round trip changed the report");
        assert_eq!(
            toml_write::write(&again.report),
            written,
            "writing is not stable"
        );
    }
}

/// The renderer: every report that loads (as `render --force` would take
/// it) renders in every format without a panic; HTML and Markdown contain
/// only the tags the examples use (nothing typed becomes markup) and the
/// HTML title reads back as the document's; the text formats carry no
/// control characters; the DOCX is a zip whose `word/document.xml` is
/// well-formed XML starting with the title.
pub fn render(data: &[u8]) {
    let Some(loaded) = load(data) else { return };
    let doc = build::document(&loaded.report, build::Options { chart: true });
    check_html(&doc);
    for format in [Format::Text, Format::Markdown] {
        let out = String::from_utf8(format.write(&doc)).expect("text output is UTF-8");
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{format:?} holds a control character"
        );
        if format == Format::Markdown {
            assert_tags_known("Markdown", &out, &allowed().markdown);
        }
    }
    check_docx(&doc);
}

fn check_html(doc: &Document) {
    let html = String::from_utf8(Format::Html.write(doc)).expect("HTML is UTF-8");
    assert!(
        !html.chars().any(|c| c.is_control() && c != '\n'),
        "HTML holds a control character"
    );
    assert_tags_known("HTML", &html, &allowed().html);
    let page = scraper::Html::parse_document(&html);
    let h1 = scraper::Selector::parse("h1").unwrap();
    let titles: Vec<String> = page.select(&h1).map(|e| e.text().collect()).collect();
    assert_eq!(titles, vec![doc.title.clone()], "the HTML title differs");
}

fn check_docx(doc: &Document) {
    let bytes = Format::Docx.write(doc);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("DOCX has word/document.xml")
        .read_to_string(&mut xml)
        .expect("document.xml is UTF-8");
    let parsed = roxmltree::Document::parse(&xml).expect("document.xml is well-formed");
    let first: String = parsed
        .descendants()
        .find(|n| n.tag_name().name() == "p")
        .map(|p| {
            p.descendants()
                .filter(|n| n.tag_name().name() == "t")
                .filter_map(|t| t.text())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(first, doc.title, "the DOCX title differs");
    let paragraphs = doc
        .blocks
        .iter()
        .filter(|b| !matches!(b, Block::Chart(_)))
        .count();
    assert!(
        parsed
            .descendants()
            .filter(|n| n.tag_name().name() == "p")
            .count()
            > paragraphs,
        "the DOCX lost blocks"
    );
}

/// The tag names the examples' renderings use, with the chart.
struct Allowed {
    html: BTreeSet<String>,
    markdown: BTreeSet<String>,
}

fn allowed() -> &'static Allowed {
    static ALLOWED: OnceLock<Allowed> = OnceLock::new();
    ALLOWED.get_or_init(|| {
        let mut html = BTreeSet::new();
        let mut markdown = BTreeSet::new();
        for text in [SEED, BUSY] {
            let doc = build::document(&example(text), build::Options { chart: true });
            html.extend(tags(&String::from_utf8(Format::Html.write(&doc)).unwrap()));
            markdown.extend(tags(
                &String::from_utf8(Format::Markdown.write(&doc)).unwrap(),
            ));
        }
        Allowed { html, markdown }
    })
}

/// Every `<name` and `</name` in markup, lower-cased.
fn tags(markup: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = markup.as_bytes();
    for (i, _) in markup.match_indices('<') {
        let start = if bytes.get(i + 1) == Some(&b'/') {
            i + 2
        } else {
            i + 1
        };
        let name: String = markup[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '!')
            .collect();
        if !name.is_empty() {
            out.insert(name.to_ascii_lowercase());
        }
    }
    out
}

fn assert_tags_known(what: &str, markup: &str, known: &BTreeSet<String>) {
    let unknown: Vec<String> = tags(markup).difference(known).cloned().collect();
    assert!(
        unknown.is_empty(),
        "{what} holds unexpected tags {unknown:?}"
    );
}

/// The importer (`nianbao import`): any bytes read as a published report —
/// as plain text and as HTML — give a result or a clean refusal, never a
/// panic. Every value left unplaced is reported at a real position of the
/// document (a line, paragraph or table cell its reader produced; in text,
/// the line holds what is quoted), as is every problem found in it; a
/// refusal happens only for the 2019 trial format, and a document naming
/// that format is always refused; whatever is imported is written as TOML
/// that holds no raw control character and reads back equal.
pub fn import(data: &[u8]) {
    let Ok(text) = store::decode(data, Lang::En) else {
        return;
    };
    let as_text = import::from_text(text, Lang::Zh);
    let plain = import::text::has_table_rows(text);
    check_imported(text, &import::text_blocks(text), &as_text, plain);
    let as_html = import::from_html(text, Lang::En);
    check_imported(text, &import::html::blocks(text), &as_html, false);
}

/// The DOCX reader: any bytes read as a DOCX give blocks or a refusal that
/// says why in a printable sentence — never a panic — and what is imported
/// from them holds to the same rules as text and HTML.
pub fn docx(data: &[u8]) {
    match import::docx::blocks(data) {
        Ok(blocks) => {
            let imported = import::from_blocks(blocks.clone(), Lang::Zh);
            check_imported(&block_text(&blocks), &blocks, &imported, false);
        }
        Err(_) => {
            let why = import::from_docx(data, Lang::Zh).expect_err("the reader refused it");
            assert_printable("a DOCX refusal", &inert::line(&why));
        }
    }
}

/// The PDF reader (lopdf's text layer; `pdftotext` is not run here): any
/// bytes give lines or a reason — never a panic, whatever the objects,
/// streams, fonts and content operators hold — every line is at a page
/// and line, and what is imported from them holds to the same rules.
pub fn pdf(data: &[u8]) {
    let Ok(read) = import::pdf::builtin(data) else {
        return;
    };
    for line in &read.lines {
        assert!(
            matches!(line.at, import::Source::Page { page, line } if page >= 1 && line >= 1),
            "a PDF line at {:?}",
            line.at
        );
        for t in &line.tokens {
            assert!(
                t.x0.is_finite() && t.x1.is_finite() && !t.text.is_empty(),
                "{t:?}"
            );
        }
    }
    let blocks = import::layout::exact_blocks(&read.lines);
    let imported = import::from_blocks(blocks.clone(), Lang::Zh);
    check_imported(&block_text(&blocks), &blocks, &imported, false);
}

/// The text of every block, for the 2019 check.
fn block_text(blocks: &[import::Block]) -> String {
    let mut all = String::new();
    for b in blocks {
        match b {
            import::Block::Text { text, .. } => all += text,
            import::Block::Table { rows, .. } => {
                for cell in rows.iter().flatten() {
                    all += &cell.raw;
                }
            }
        }
    }
    all
}

fn check_imported(text: &str, blocks: &[import::Block], imported: &import::Imported, plain: bool) {
    let mut positions = BTreeSet::new();
    for block in blocks {
        match block {
            import::Block::Text { at, .. } => positions.insert(format!("{at:?}")),
            import::Block::Table { rows, .. } => {
                for cell in rows.iter().flatten() {
                    positions.insert(format!("{:?}", cell.at));
                }
                true
            }
        };
    }
    let names_2019 = nianbao::schema::TRIAL_2019_MARKERS
        .iter()
        .any(|m| text.contains(m));
    if let Some(why) = &imported.refused {
        assert!(
            imported.unplaced.is_empty() && imported.report == Report::empty(),
            "a refused import still produced something"
        );
        assert_printable("the refusal", why);
        assert!(
            why.contains("2019"),
            "refused for another reason than the 2019 format: {why}"
        );
        return;
    }
    if plain {
        assert!(
            !names_2019,
            "a text naming the 2019 trial format was imported"
        );
    }
    let lines: Vec<&str> = text.lines().collect();
    for u in &imported.unplaced {
        assert!(
            positions.contains(&format!("{:?}", u.at)),
            "unplaced “{}” at {:?}, which is no position of the document",
            u.raw,
            u.at
        );
        assert_printable(
            "an unplaced value, as printed",
            &nianbao::inert::line(&format!("{} {}", u.raw, u.reason)),
        );
        if let (true, Some(n)) = (plain, u.at.line()) {
            let line = lines[n - 1];
            for part in u.raw.split(" | ") {
                assert!(
                    line.contains(part),
                    "unplaced “{part}” is not on line {n}: {line:?}"
                );
            }
        }
    }
    for p in &imported.source_problems {
        if let Some(n) = p.line {
            assert!(
                (1..=lines.len().max(1)).contains(&n),
                "a problem at line {n} of {} lines: {}",
                lines.len(),
                p.describe()
            );
        }
    }
    let written = toml_write::write(&imported.report);
    assert!(
        !written
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "the imported TOML holds a raw control character"
    );
    let again = toml_read::read(&written, Lang::En).expect("the imported TOML must parse");
    assert!(
        again.is_editable(),
        "the imported TOML has blocking problems: {:?}",
        again.problems
    );
    // A published total that does not add up is written as printed and
    // recomputed on reading (with an error); everything else is equal.
    let mut expected = imported.report.clone();
    expected.recompute();
    assert_eq!(
        again.report, expected,
        "the import does not read back equal"
    );
}
