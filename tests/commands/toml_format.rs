//! The TOML file format: key names pinned by a snapshot, lossless round trip,
//! parity with another TOML implementation, and the reader's errors with
//! line and column.

use crate::common;

use nianbao::model::Report;
use nianbao::problem::Severity;
use nianbao::schema::{self, Lang};
use nianbao::{toml_read, toml_write};
use std::process::Command;

const SEED: &str = include_str!("../../examples/kunqu-commerce-2023.toml");
const BUSY: &str = include_str!("../../examples/busy-city-bureau-2024.toml");

fn read(text: &str) -> toml_read::Loaded {
    toml_read::read(text, Lang::En).unwrap_or_else(|p| panic!("unreadable: {p:?}"))
}

/// The busy example with one line replaced.
fn busy_with(old: &str, new: &str) -> String {
    assert!(BUSY.contains(old), "example lacks {old:?}");
    BUSY.replacen(old, new, 1)
}

#[test]
fn empty_report_keys_are_pinned() {
    insta::assert_snapshot!(toml_write::write(&Report::for_year(2024)));
}

#[test]
fn examples_are_canonical_and_round_trip() {
    for text in [SEED, BUSY] {
        let loaded = read(text);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let written = toml_write::write(&loaded.report);
        assert_eq!(written, text, "writing the example back changes it");
        assert_eq!(read(&written).report, loaded.report);
    }
}

#[test]
fn awkward_texts_round_trip() {
    let mut r = Report::for_year(2024);
    let texts = [
        "line one\nline two\n",
        "quotes \" and \"\"\" and backslash \\ and tab\tend",
        "ends with a quote\"",
        "\n\nleading newlines",
        "control \u{1b}[31m \u{7} \u{0} \u{7f} and CRLF\r\n",
        "中文，全角标点；“引号”《书名》",
        "",
    ];
    let fields: Vec<_> = schema::all_fields()
        .filter(|f| f.path().starts_with("overview."))
        .collect();
    for (f, t) in fields.iter().zip(texts) {
        r.set_text(*f, t);
    }
    r.set_cell(
        schema::find_cell("article20_8.fees.amount").unwrap(),
        "18.8710".parse().unwrap(),
    );
    r.meta.merged_from = vec!["a \"b\".toml".into(), "c\\d.toml".into()];
    r.meta.resume_at = Some("applications.granted.natural".into());
    let back = read(&toml_write::write(&r));
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.report, r);
}

#[test]
fn another_toml_implementation_reads_the_same_values() {
    if !common::needs::have(common::needs::Need::PythonTomllib) {
        return;
    }
    // Python's standard tomllib, fed our output, must see the same values.
    for text in [SEED, BUSY] {
        let report = read(text).report;
        let script = "import sys, tomllib, json; json.dump(tomllib.loads(sys.stdin.read()), sys.stdout, ensure_ascii=False)";
        let mut child = Command::new("python3")
            .args(["-c", script])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 (3.11+, with tomllib) is needed for this test");
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "tomllib rejected the file: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["format"], schema::FORMAT_MARKER);
        for f in schema::all_fields() {
            let (set, key) = f
                .path()
                .split_once('.')
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .unwrap();
            let v = &json[&set][&key];
            let got = match v {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) => s.clone(),
                other => panic!("{}: {other:?}", f.path()),
            };
            assert_eq!(got, report.text(f), "{}", f.path());
        }
        for c in schema::all_cells() {
            let path = c.path();
            let mut parts = path.split('.');
            let (t, r, k) = (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            );
            let got = match &json[t][r][k] {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) => s.clone(),
                other => panic!("{path}: {other:?}"),
            };
            assert_eq!(got, report.cell(c).to_string(), "{path}");
        }
    }
}

fn only_problem(text: &str) -> nianbao::problem::Problem {
    let loaded = read(text);
    assert_eq!(loaded.problems.len(), 1, "{:#?}", loaded.problems);
    loaded.problems.into_iter().next().unwrap()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn unknown_key_is_named_with_line_and_suggestion() {
    let text = busy_with("natural = 380 ", "naturl = 380 ");
    let p = only_problem(&text);
    assert_eq!(p.line, Some(line_of(&text, "naturl = 380")));
    assert_eq!(p.column, Some(1));
    assert!(
        p.message.contains("\"naturl\"") && p.message.contains("did you mean \"natural\""),
        "{}",
        p.message
    );
    assert!(p.blocking);
}

#[test]
fn unknown_section_is_named() {
    let text = format!("{BUSY}\n[aplications.granted]\nnatural = 1\n");
    let p = only_problem(&text);
    assert!(
        p.message.contains("did you mean \"applications\""),
        "{}",
        p.message
    );
}

#[test]
fn wrong_types_are_explained() {
    let text = busy_with("natural = 380 ", "natural = \"三百八\" ");
    let p = only_problem(&text);
    assert!(p.message.contains("whole number"), "{}", p.message);
    assert_eq!(p.column, Some(11));

    let p = only_problem(&busy_with("natural = 380 ", "natural = \"380\" "));
    assert!(p.message.contains("no quotes"), "{}", p.message);

    let p = only_problem(&busy_with("amount = \"18.8710\"", "amount = 18.871"));
    assert!(p.message.contains("quoted decimal"), "{}", p.message);

    let p = only_problem(&busy_with("year = 2024", "year = \"2024\""));
    assert!(p.message.contains("whole number"), "{}", p.message);
}

#[test]
fn out_of_range_numbers() {
    let p = only_problem(&busy_with("natural = 380 ", "natural = -380 "));
    assert!(p.message.contains("negative"), "{}", p.message);
    let p = only_problem(&busy_with("natural = 380 ", "natural = 4294967296 "));
    assert!(p.message.contains("4294967295"), "{}", p.message);
    let p = only_problem(&busy_with("amount = \"18.8710\"", "amount = \"18.87101\""));
    assert!(p.message.contains("4 decimal"), "{}", p.message);
    let p = only_problem(&busy_with("amount = \"18.8710\"", "amount = \"1,018.87\""));
    assert!(p.message.contains("comma"), "{}", p.message);
}

#[test]
fn stored_total_that_disagrees_is_an_error_at_its_line() {
    let text = busy_with("total = 512 ", "total = 513 ");
    let p = only_problem(&text);
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.line, Some(line_of(&text, "total = 513")));
    assert!(
        p.message.contains("513") && p.message.contains("512"),
        "{}",
        p.message
    );
    assert!(!p.blocking, "a wrong total can be recomputed");
}

#[test]
fn format_versions() {
    let future = BUSY.replace("format = \"nianbao/1\"", "format = \"nianbao/2\"");
    let p = toml_read::read(&future, Lang::En).unwrap_err();
    assert!(
        p.message.contains("nianbao/2") && p.message.contains("upgrade"),
        "{}",
        p.message
    );
    let old = BUSY.replace("format = \"nianbao/1\"", "format = \"gov-2019\"");
    let p = toml_read::read(&old, Lang::En).unwrap_err();
    assert!(p.message.contains("2019"), "{}", p.message);
    let none = BUSY.replace("format = \"nianbao/1\"", "");
    let p = toml_read::read(&none, Lang::En).unwrap_err();
    assert!(p.message.contains("missing format"), "{}", p.message);
}

#[test]
fn syntax_errors_and_duplicates_are_located() {
    let text = busy_with("natural = 380 ", "natural = 380 \nnatural = 1");
    let p = toml_read::read(&text, Lang::En).unwrap_err();
    assert!(p.message.contains("syntax"), "{}", p.message);
    assert_eq!(p.line, Some(line_of(&text, "natural = 1")));
}

#[test]
fn missing_section_is_reported_and_read_as_zero() {
    let start = BUSY.find("[appeals.review]").unwrap();
    let end = BUSY.find("# ==== 五").unwrap();
    let text = format!("{}{}", &BUSY[..start], &BUSY[end..]);
    let loaded = read(&text);
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(loaded.problems[0].message.contains("[appeals]"));
    assert_eq!(
        loaded.report.cell_at("appeals.review.upheld"),
        Some(0.into())
    );
}

#[test]
fn every_key_is_documented() {
    let doc = std::fs::read_to_string("docs/FORMAT.md").unwrap();
    for f in schema::all_fields() {
        assert!(
            doc.contains(&format!("`{}`", f.path())),
            "docs/FORMAT.md lacks {}",
            f.path()
        );
    }
    for (_, t) in schema::tables() {
        for r in t.rows {
            assert!(
                doc.contains(&format!("`{}.{}`", t.key, r.key)),
                "docs/FORMAT.md lacks {}.{}",
                t.key,
                r.key
            );
        }
        for c in t.columns {
            assert!(
                doc.contains(&format!("| `{}` |", c.key)),
                "docs/FORMAT.md lacks column {}",
                c.key
            );
        }
    }
    for key in ["meta.previous", "meta.merged_from", "meta.resume_at"] {
        assert!(doc.contains(key));
    }
}
