//! `nianbao import` beyond text and HTML: DOCX (ours, one made with
//! python-docx the way a Word user lays a report out, one LibreOffice made
//! from HTML), PDF (LibreOffice's from our DOCX and from a Word-like
//! document in other fonts, and PDFs built here to pin page/line positions
//! and the scanned case), space-aligned text (`pdftotext -layout`, `w3m`
//! and `lynx` dumps, kept as fixtures by scripts/check-import-roundtrip.sh),
//! detection by content, and many files at once.

use nianbao::import::{self, Imported, Source};
use nianbao::render::{Format, build};
use nianbao::schema::{self, Lang};
use nianbao::toml_read;
use std::path::Path;

use crate::common::{run as nianbao, utf8 as text};
use crate::import::{example, with_level_of};

const BUSY_TOML: &str = include_str!("../../examples/busy-city-bureau-2024.toml");
const SEED_TOML: &str = include_str!("../../examples/kunqu-commerce-2023.toml");
const EXAMPLES: [(&str, &str); 2] = [
    ("busy-city-bureau-2024", BUSY_TOML),
    ("kunqu-commerce-2023", SEED_TOML),
];

/// Clean — nothing unplaced, no problem in the document, no error — and
/// the example's data.
fn assert_same_data(what: &str, imported: Imported, example_text: &str) {
    assert!(imported.refused.is_none(), "{what}: {:?}", imported.refused);
    assert!(
        imported.unplaced.is_empty(),
        "{what}: {:#?}",
        imported.unplaced
    );
    assert!(
        imported.source_problems.is_empty(),
        "{what}: {:#?}",
        imported.source_problems
    );
    assert!(imported.is_clean(), "{what}: {:#?}", imported.problems);
    let expected = example(example_text);
    assert_eq!(
        with_level_of(imported.report, &expected),
        expected,
        "{what}"
    );
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new("tests/fixtures").join(name)).unwrap()
}

// ---------------------------------------------------------------------------
// DOCX

#[test]
fn our_docx_imports_to_the_same_data() {
    for (name, toml) in EXAMPLES {
        let doc = build::document(&example(toml), build::Options { chart: false });
        let docx = Format::Docx.write(&doc);
        let imported = import::read(&docx, Lang::Zh).unwrap();
        assert_same_data(name, imported, toml);
    }
}

#[test]
fn a_docx_laid_out_in_word_imports_to_the_same_data() {
    // Merged group columns, captions inside one table, a table split in
    // two, breaks inside cells, blank cells and "/", Word's numbering.
    let bytes = fixture("foreign-word-busy-2024.docx");
    let imported = import::read(&bytes, Lang::Zh).unwrap();
    let notes = imported.notes.join("\n");
    assert!(notes.contains("个空白单元格和"), "{notes}");
    assert_same_data("foreign-word-busy-2024.docx", imported, BUSY_TOML);
}

#[test]
fn libreoffice_docx_of_an_html_page_imports_like_the_page() {
    let from_docx = import::read(&fixture("libreoffice-messy-county-2023.docx"), Lang::Zh).unwrap();
    let html = String::from_utf8(fixture("messy-county-bureau-2023.html")).unwrap();
    let from_html = import::from_html(&html, Lang::Zh);
    assert!(from_docx.is_clean(), "{:#?}", from_docx.unplaced);
    assert_eq!(from_docx.report, from_html.report);
}

/// A DOCX of one body, for the cases below.
fn docx(body: &str) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    write!(
        zip,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
    .unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn tr(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!("<w:tc>{}</w:tc>", p(c)))
        .collect();
    format!("<w:tr>{cells}</w:tr>")
}

#[test]
fn docx_values_not_placed_name_table_row_and_column() {
    let body = format!(
        "{}<w:tbl>{}{}{}</w:tbl>",
        p("二、主动公开政府信息情况"),
        tr(&["信息内容", "本年处理决定数量"]),
        tr(&["行政许可", "5件"]),
        tr(&["行政审批", "7"]),
    );
    let imported = import::read(&docx(&body), Lang::Zh).unwrap();
    let at: Vec<(Source, &str)> = imported
        .unplaced
        .iter()
        .map(|u| (u.at, u.raw.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            (
                Source::Cell {
                    table: 1,
                    row: 2,
                    col: 2
                },
                "5件"
            ),
            (
                Source::Cell {
                    table: 1,
                    row: 3,
                    col: 1
                },
                "行政审批 | 7"
            ),
        ],
        "{:#?}",
        imported.unplaced
    );
    assert_eq!(
        imported.unplaced[0].at.describe(Lang::Zh),
        "表 1 第 2 行第 2 列"
    );
    // Never guessed.
    assert_eq!(
        imported.report.cell_at("article20_5.licensing.decisions"),
        Some(0.into())
    );
}

// ---------------------------------------------------------------------------
// PDF

#[test]
fn libreoffice_pdfs_of_our_docx_import_to_the_same_data_with_the_builtin_reader() {
    for (name, toml) in EXAMPLES {
        let bytes = fixture(&format!("roundtrip/{name}.pdf"));
        let read = import::pdf::builtin(&bytes).unwrap();
        assert_eq!(read.falls_short(), None, "{name}");
        assert!(
            read.lines
                .iter()
                .all(|l| matches!(l.at, Source::Page { .. }))
        );
        assert_same_data(name, import::read(&bytes, Lang::Zh).unwrap(), toml);
    }
}

#[test]
fn a_pdf_of_a_word_document_in_other_fonts_imports_to_the_same_data() {
    // WenQuanYi Zen Hei as TrueType with ToUnicode maps, blank cells that
    // only positions can place, Word's numbered paragraphs.
    let bytes = fixture("foreign-word-busy-2024.pdf");
    assert_eq!(import::pdf::builtin(&bytes).unwrap().falls_short(), None);
    assert_same_data(
        "foreign-word-busy-2024.pdf",
        import::read(&bytes, Lang::Zh).unwrap(),
        BUSY_TOML,
    );
}

#[test]
fn dumps_of_pdf_and_html_import_to_the_same_data() {
    for (name, toml) in EXAMPLES {
        for dump in ["layout.txt", "w3m.txt", "lynx.txt"] {
            let file = format!("roundtrip/{name}.{dump}");
            let imported = import::read(&fixture(&file), Lang::Zh).unwrap();
            assert_same_data(&file, imported, toml);
        }
    }
}

#[test]
fn the_dump_before_this_reader_placed_nothing_and_now_places_every_row() {
    // The layout that the `|` reader could not read: each row of section
    // 三 is found by its label, wrapped over up to three lines.
    let text = String::from_utf8(fixture("roundtrip/busy-city-bureau-2024.layout.txt")).unwrap();
    assert!(!import::text::has_table_rows(&text));
    let imported = import::from_text(&text, Lang::Zh);
    assert_eq!(
        imported.placed,
        schema::all_cells().filter(|c| !c.is_computed()).count()
    );
}

/// A one-page PDF whose lines are Chinese text at (x, y), in a composite
/// font with a ToUnicode map (as LibreOffice and Word write Chinese).
fn pdf_with_lines(pages: &[Vec<(f32, f32, &str)>]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Object, Stream, dictionary};
    let mut chars: Vec<char> = pages
        .iter()
        .flatten()
        .flat_map(|(_, _, t)| t.chars())
        .collect();
    chars.sort();
    chars.dedup();
    let code = |c: char| chars.iter().position(|&d| d == c).unwrap() as u16 + 1;
    let mut doc = lopdf::Document::with_version("1.7");
    let mut cmap = String::from(
        "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo<<\n/Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n\
         /CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in chars.chunks(100) {
        cmap += &format!("{} beginbfchar\n", block.len());
        for &c in block {
            cmap += &format!("<{:04X}> <{:04X}>\n", code(c), c as u32);
        }
        cmap += "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Test",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 1000,
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Test", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()], "ToUnicode" => to_unicode,
    });
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for lines in pages {
        let mut ops = Vec::new();
        for (x, y, t) in lines {
            let bytes: Vec<u8> = t
                .chars()
                .filter(|c| *c != ' ')
                .flat_map(|c| code(c).to_be_bytes())
                .collect();
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), 10.into()]));
            ops.push(Operation::new("Td", vec![(*x).into(), (*y).into()]));
            ops.push(Operation::new(
                "Tj",
                vec![Object::String(bytes, lopdf::StringFormat::Hexadecimal)],
            ));
            ops.push(Operation::new("ET", vec![]));
        }
        let content = doc.add_object(Stream::new(
            dictionary! {},
            Content { operations: ops }.encode().unwrap(),
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn pdf_rows_are_rebuilt_by_y_and_cells_by_x_and_unplaced_values_say_page_and_line() {
    // Glyphs written in no particular order: a cell's text is placed by
    // its position. The header names the columns in its own order, and
    // 行政规范性文件 leaves 本年废止件数 blank: each number keeps its column.
    let page1 = vec![(72.0, 760.0, "一、总体情况"), (92.0, 740.0, "本年工作。")];
    let page2 = vec![
        (300.0, 700.0, "本年制发件数"),
        (72.0, 760.0, "二、主动公开政府信息情况"),
        (72.0, 700.0, "信息内容"),
        (200.0, 700.0, "现行有效件数"),
        (400.0, 700.0, "本年废止件数"),
        (72.0, 680.0, "规章"),
        (420.0, 680.0, "2"),
        (220.0, 680.0, "3"),
        (320.0, 680.0, "1"),
        (72.0, 660.0, "行政规范性文件"),
        (320.0, 660.0, "4"),
        (220.0, 660.0, "30"),
        (72.0, 620.0, "本年处理决定数量"),
        (72.0, 600.0, "行政审批"),
        (220.0, 600.0, "9"),
    ];
    let pdf = pdf_with_lines(&[page1, page2]);
    let imported = import::read(&pdf, Lang::Zh).unwrap();
    let cell = |path: &str| imported.report.cell_at(path).unwrap().to_string();
    assert_eq!(cell("article20_1.rules.issued"), "1");
    assert_eq!(cell("article20_1.rules.repealed"), "2");
    assert_eq!(cell("article20_1.rules.in_force"), "3");
    assert_eq!(cell("article20_1.normative_documents.issued"), "4");
    assert_eq!(cell("article20_1.normative_documents.repealed"), "0");
    assert_eq!(cell("article20_1.normative_documents.in_force"), "30");
    assert_eq!(imported.report.text_at("overview.summary"), "本年工作。");
    let unplaced: Vec<(Source, &str)> = imported
        .unplaced
        .iter()
        .map(|u| (u.at, u.raw.as_str()))
        .collect();
    assert_eq!(
        unplaced,
        [(Source::Page { page: 2, line: 6 }, "行政审批 | 9")],
        "{:#?}",
        imported.unplaced
    );
    assert_eq!(unplaced[0].0.describe(Lang::Zh), "第 2 页第 6 行");
}

#[test]
fn a_pdf_without_text_is_said_to_be_a_scan() {
    let pdf = pdf_with_lines(&[vec![], vec![]]);
    let why = import::read(&pdf, Lang::Zh).unwrap_err().describe();
    assert!(why.contains("2 页") && why.contains("没有文字层"), "{why}");
    assert!(why.contains("OCR"), "{why}");
}

#[test]
fn a_damaged_pdf_says_what_would_help() {
    let mut pdf = fixture("roundtrip/kunqu-commerce-2023.pdf");
    pdf.truncate(400);
    let why = import::read(&pdf, Lang::En).unwrap_err().describe();
    let have_pdftotext = import::convert::find_program(&["pdftotext"]).is_some();
    if have_pdftotext {
        assert!(why.contains("pdftotext could not read it either"), "{why}");
    } else {
        assert!(why.contains("apt-get install poppler-utils"), "{why}");
    }
}

// ---------------------------------------------------------------------------
// Detection by content

#[test]
fn kinds_are_told_by_content_and_the_rest_refused_with_what_can_be_read() {
    let html = fixture("busy-city-bureau-2024.html");
    // HTML and text whatever their names: only bytes are passed.
    assert!(import::read(&html, Lang::Zh).unwrap().is_clean());
    let zip_of_other = {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"<workbook/>").unwrap();
        zip.finish().unwrap();
        out.into_inner()
    };
    let why = import::read(&zip_of_other, Lang::Zh)
        .unwrap_err()
        .describe();
    assert!(
        why.contains("不是 Word 文档") && why.contains("DOCX"),
        "{why}"
    );
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    let why = import::read(png, Lang::En).unwrap_err().describe();
    assert!(
        why.contains("what can be imported") && why.contains("PDF"),
        "{why}"
    );
    let damaged = {
        let mut d = docx(&p("一、总体情况"));
        let n = d.len();
        d.truncate(n - 30);
        d
    };
    let why = import::read(&damaged, Lang::En).unwrap_err().describe();
    assert!(why.contains("the DOCX file is damaged"), "{why}");
    // GBK text keeps its conversion hint.
    let why = import::read(b"\xd2\xbb\xa1\xa2\xd7\xdc", Lang::Zh)
        .unwrap_err()
        .describe();
    assert!(why.contains("iconv"), "{why}");
}

#[test]
fn a_word_97_file_needs_libreoffice() {
    let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not really a document";
    let result = import::read(ole, Lang::En);
    if import::convert::find_program(&["soffice", "libreoffice"]).is_some() {
        // LibreOffice is there: it refuses these bytes or finds no report
        // in them, and either is said, not hidden.
        match result {
            Err(p) => assert!(
                p.describe().contains("LibreOffice could not convert"),
                "{}",
                p.describe()
            ),
            Ok(imported) => assert!(!imported.is_clean() && imported.placed == 0),
        }
    } else {
        let why = result.unwrap_err().describe();
        assert!(
            why.contains("apt-get install libreoffice-writer-nogui"),
            "{why}"
        );
    }
}

// ---------------------------------------------------------------------------
// Many files at once

#[test]
fn many_files_go_into_a_folder_named_by_agency_and_year_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imported");
    let broken = dir.path().join("broken.docx");
    std::fs::write(&broken, b"PK\x03\x04word/document.xml truncated").unwrap();
    let busy = "tests/fixtures/busy-city-bureau-2024.html";
    let foreign = "tests/fixtures/foreign-word-busy-2024.docx";
    let seed = "tests/fixtures/seed-kunqu-commerce-2023.txt";
    let args = [
        "import",
        busy,
        foreign,
        seed,
        broken.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    let o = nianbao(&args);
    let stdout = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stdout}{}", text(&o.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // The same agency and year twice: the second gets a suffix.
    assert_eq!(
        names,
        [
            "昆区商务局-2023.toml",
            "示例市自然资源和规划局-2024-2.toml",
            "示例市自然资源和规划局-2024.toml",
        ]
    );
    assert!(
        stdout.contains("broken.docx: 错误: DOCX 文件已损坏"),
        "{stdout}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    let header = lines.iter().position(|l| l.starts_with("文件")).unwrap();
    assert!(lines[header].contains("机关") && lines[header].contains("未放置"));
    let row = lines.iter().find(|l| l.starts_with(seed)).unwrap();
    assert!(row.contains("昆区商务局") && row.contains("2023"), "{row}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("broken.docx") && l.contains("（未写入）"))
    );
    // Columns line up for Chinese text: 机关 starts at the same width in
    // every row.
    use unicode_width::UnicodeWidthStr;
    let agency_col = |l: &str, agency: &str| l.find(agency).map(|i| l[..i].width());
    assert_eq!(
        agency_col(lines[header], "机关"),
        agency_col(row, "昆区商务局")
    );
    assert!(
        stdout.contains("4 个文件中写入了 3 个；1 个需要核对"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(out.join("昆区商务局-2023.toml")).unwrap();
    assert_eq!(
        toml_read::read(&written, Lang::En).unwrap().report.year(),
        Some(2023)
    );

    // Again: nothing is overwritten without --force …
    let before = std::fs::read(out.join("昆区商务局-2023.toml")).unwrap();
    let again = nianbao(&["import", seed, "-o", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stdout));
    assert!(out.join("昆区商务局-2023-2.toml").exists());
    assert_eq!(
        std::fs::read(out.join("昆区商务局-2023.toml")).unwrap(),
        before
    );
    // … and --force replaces it.
    let forced = nianbao(&["import", "--force", seed, "-o", out.to_str().unwrap()]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stdout));
    assert!(!out.join("昆区商务局-2023-3.toml").exists());
}

#[test]
fn many_files_need_a_folder_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("taken.toml");
    std::fs::write(&file, "x").unwrap();
    let o = nianbao(&[
        "import",
        "--lang",
        "en",
        "tests/fixtures/busy-city-bureau-2024.html",
        "tests/fixtures/seed-kunqu-commerce-2023.txt",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("-o must be a folder"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn the_single_file_form_reads_a_docx_and_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for input in [
        "tests/fixtures/foreign-word-busy-2024.docx",
        "tests/fixtures/roundtrip/busy-city-bureau-2024.pdf",
    ] {
        let out = dir.path().join("one.toml");
        let o = nianbao(&["import", input, "-o", out.to_str().unwrap(), "--force"]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        let written = std::fs::read_to_string(&out).unwrap();
        assert_eq!(
            toml_read::read(&written, Lang::En)
                .unwrap()
                .report
                .cell_at("article20_5.licensing.decisions"),
            Some(1532.into())
        );
    }
}
