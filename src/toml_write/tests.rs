//! The writer's output pinned byte for byte: the examples and a report of
//! awkward texts (tests/fixtures/toml_write/awkward-texts.toml, written by
//! the char-by-char writer this one replaced), and its fast paths — runs of
//! bytes copied unescaped, ASCII widths, integers — checked against the
//! plain ways on many generated values.

use super::*;
use crate::model::Report;
use crate::problem::Reviewed;
use crate::schema::{self, FieldKind};
use rust_decimal::Decimal;

const EXAMPLES: [(&str, &str); 3] = [
    (
        "examples/kunqu-commerce-2023.toml",
        include_str!("../../examples/kunqu-commerce-2023.toml"),
    ),
    (
        "examples/busy-city-bureau-2024.toml",
        include_str!("../../examples/busy-city-bureau-2024.toml"),
    ),
    (
        "tests/fixtures/wizard-typed-report.toml",
        include_str!("../../tests/fixtures/wizard-typed-report.toml"),
    ),
];

const AWKWARD: &str = include_str!("../../tests/fixtures/toml_write/awkward-texts.toml");

/// Texts that take every branch of quoting and of lining up comments.
const TEXTS: &[&str] = &[
    "line one\nline two\n",
    "quotes \" and \"\"\" and backslash \\ and tab\tend",
    "ends with a quote\"",
    "\n\nleading newlines",
    "control \u{1b}[31m \u{7} \u{0} \u{7f} and CRLF\r\n",
    "中文，全角标点；“引号”《书名》",
    "",
    "C1 \u{80}\u{85}\u{9b}\u{9f} beside \u{a0}nbsp, \u{a9} and \u{c2}",
    "short",
    "0123456789012345678901234",
    "01234567890123456789012345678",
    "很长的一行文字，远远超过四十列，注释不再与它对齐，也不影响其他行的对齐宽度",
    "👩\u{200d}💻 family 👨\u{200d}👩\u{200d}👧 flag 🇨🇳 keycap 1\u{fe0f}\u{20e3} ☺\u{fe0e}",
    "e\u{301} a\u{308}\u{323} a\u{200b}b\u{200d}c soft\u{ad}hyphen ±§αΩ",
    "tab only\t",
    "\u{1}\u{1f}\u{7f}",
    "第一段\r\n第二段\u{85}\n\t缩进\n",
    "back\\slash at the end\\",
    "\"\"\"\n\"\"\"\"",
    "  leading and trailing spaces  ",
    "ｱｲｳ halfwidth, \u{1100}\u{1161} jamo, مرحبا עברית नमस्ते",
    "\u{e000} private, \u{fffe} nonchar, \u{10ffff} last",
    "中文二十个字刚好四十列宽度的一行文字呀",
    "x",
];

/// A report with every text field awkward, odd numbers in every table
/// (large, with places, negative, totals that do not add up) and all of
/// `[meta]` and `[[reviewed]]`.
fn awkward_report() -> Report {
    let mut r = Report::for_year(2024);
    for (i, f) in schema::all_fields().enumerate() {
        if matches!(f.field().kind, FieldKind::Year) {
            r.set_text(f, " 2024 ");
        } else {
            r.set_text(f, TEXTS[i % TEXTS.len()]);
        }
    }
    let counts = ["0", "1", "9", "10", "99", "100", "12345", "4294967295", "7"];
    let money = ["18.8710", "5", "0.0", "123456789.1234", "0.5"];
    for (i, c) in schema::all_cells().enumerate() {
        let text = match c.column_def().kind {
            schema::CellKind::Count => counts[i % counts.len()],
            schema::CellKind::Money => money[i % money.len()],
        };
        r.set_cell_raw(c, text.parse().unwrap());
    }
    r.recompute();
    // Totals as an import keeps them: published, not adding up.
    let computed: Vec<_> = schema::all_cells().filter(|c| c.is_computed()).collect();
    let odd: [Decimal; 4] = [
        "3.50".parse().unwrap(),
        "-7".parse().unwrap(),
        Decimal::MAX,
        "1".parse().unwrap(),
    ];
    for (k, c) in computed.iter().step_by(7).enumerate() {
        r.set_cell_raw(*c, odd[k % odd.len()]);
    }
    r.meta.previous = Some("上年\"报告\"\\2023.toml".into());
    r.meta.merged_from = vec![
        "a \"b\".toml".into(),
        "c\\d.toml".into(),
        "é\u{1b}.toml".into(),
    ];
    r.meta.resume_at = Some("applications.granted.natural".into());
    r.meta.reviewed = vec![
        Reviewed {
            rule: "text-new-received".into(),
            path: "overview.on_request".into(),
            reason: "理由：\"引号\"\n换行\t制表".into(),
            values: vec![],
        },
        Reviewed {
            rule: "r\\2".into(),
            path: "applications.granted.natural".into(),
            reason: String::new(),
            values: vec![
                ("applications.granted.natural".into(), "12".into()),
                ("overview.\"x\"".into(), "含\u{85}C1".into()),
            ],
        },
    ];
    r
}

#[test]
fn the_examples_are_written_back_byte_for_byte() {
    for (name, text) in EXAMPLES {
        let loaded = crate::toml_read::read(text, crate::schema::Lang::En)
            .unwrap_or_else(|p| panic!("{name}: {p:?}"));
        assert_eq!(write(&loaded.report), text, "{name} written back differs");
    }
}

#[test]
fn an_awkward_report_is_written_as_before_and_reads_back() {
    let report = awkward_report();
    let text = write(&report);
    assert_eq!(
        text, AWKWARD,
        "differs from tests/fixtures/toml_write/awkward-texts.toml"
    );
    let back = crate::toml_read::read(&text, crate::schema::Lang::En).unwrap();
    assert_eq!(back.report.meta, report.meta);
    // Texts read back as written (a choice or a year is read as one).
    for f in schema::all_fields() {
        if !matches!(f.field().kind, FieldKind::Year | FieldKind::Choice(_)) {
            assert_eq!(back.report.text(f), report.text(f), "{}", f.path());
        }
    }
}

/// A small deterministic generator (xorshift), for many varied inputs
/// without a dependency.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Strings made of the characters that matter to quoting and widths.
fn generated_strings() -> Vec<String> {
    const PIECES: &[&str] = &[
        "a",
        "Z",
        " ",
        "\t",
        "\n",
        "\r",
        "\"",
        "\\",
        "\u{0}",
        "\u{1b}",
        "\u{7f}",
        "\u{80}",
        "\u{85}",
        "\u{9f}",
        "\u{a0}",
        "\u{a9}",
        "\u{c2}",
        "\u{ad}",
        "é",
        "e\u{301}",
        "中",
        "，",
        "“",
        "👩\u{200d}💻",
        "🇨🇳",
        "\u{fe0f}",
        "\u{200b}",
        "ｱ",
        "\u{1100}\u{1161}",
        "\u{e000}",
        "\u{10ffff}",
        "\"\"\"",
        "abcdefghij",
    ];
    let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15);
    (0..3000)
        .map(|_| {
            let len = rng.below(24);
            (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect()
        })
        .collect()
}

/// The escaping this writer had, one character at a time: the reference
/// the run-copying fast path must agree with.
fn escaped_char_by_char(s: &str, newline_raw: bool) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if newline_raw => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[test]
fn quoting_copies_runs_and_escapes_as_char_by_char_did() {
    for s in generated_strings()
        .iter()
        .map(String::as_str)
        .chain(TEXTS.iter().copied())
    {
        assert_eq!(
            quote(s),
            format!("\"{}\"", escaped_char_by_char(s, false)),
            "{s:?}"
        );
        let mut multi = String::new();
        escape_into(&mut multi, s, true);
        assert_eq!(multi, escaped_char_by_char(s, true), "{s:?}");
    }
    // Every character below U+0100, alone and between others.
    for c in (0..0x100u32).filter_map(char::from_u32) {
        let s = format!("中{c}x");
        assert_eq!(
            quote(&s),
            format!("\"{}\"", escaped_char_by_char(&s, false))
        );
    }
}

#[test]
fn widths_are_unicode_widths() {
    for s in generated_strings().iter().chain(
        TEXTS
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .iter(),
    ) {
        let line = format!("key = {}", quote(s));
        assert_eq!(width(&line), line.width(), "{line:?}");
        assert_eq!(width(s), s.width(), "{s:?}");
    }
}

#[test]
fn numbers_are_written_as_decimal_display_writes_them() {
    let mut rng = Xorshift(42);
    let mut values: Vec<Decimal> = [
        "0",
        "-0",
        "1",
        "007",
        "10",
        "4294967295",
        "18446744073709551615",
        "18446744073709551616",
        "-7",
        "3.50",
        "0.0",
        "18.8710",
        "123456789.1234",
    ]
    .iter()
    .map(|t| t.parse().unwrap())
    .collect();
    values.extend([
        Decimal::MAX,
        Decimal::MIN,
        Decimal::from_parts(0, 0, 0, true, 0),
    ]);
    for _ in 0..2000 {
        let digits = rng.below(20) as u32;
        let n = rng.next() % 10u64.pow(digits).max(1);
        values.push(Decimal::from(n));
        values.push(Decimal::new(n as i64 & i64::MAX, rng.below(5) as u32));
    }
    for d in values {
        let mut out = String::new();
        push_decimal(&mut out, d);
        assert_eq!(out, d.to_string(), "{d:?}");
    }
}
