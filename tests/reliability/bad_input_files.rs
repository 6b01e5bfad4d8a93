//! Bad input given to the real binary: each case through `check`, `render`
//! and `edit --plain`. Each must say what is wrong (file, line, what to do),
//! exit with the documented code, never panic, and leave the file byte for
//! byte as it was. The reader's messages themselves are tested closer to
//! the code in `tests/toml_format.rs` and `src/store.rs`.

use crate::common;

use common::{BUSY, nianbao, snapshot};
use nianbao::schema::Lang;
use nianbao::store;
use std::fs;
use std::time::Instant;

/// What the commands must do with one bad file.
struct Expect {
    /// `check`'s exit code: 2 unreadable, 1 errors.
    check: i32,
    /// In every command's message.
    says: &'static str,
    /// The line the message points at, when it has one.
    line: Option<usize>,
    /// `render`'s exit code: 2 unreadable, 1 refused because of errors.
    render: i32,
}

/// Runs `check`, `render` and plain mode on `bytes` as `r.toml` and checks
/// the messages, the exit codes, that plain mode refuses to open it, and
/// that the folder is byte for byte as it was.
fn refused(bytes: &[u8], expect: Expect) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, bytes).unwrap();
    let before = snapshot(dir.path());

    let out = nianbao(&["check", "--lang", "en"]).arg(&file).go();
    assert_eq!(out.code(), Some(expect.check), "check: {}", out.both());
    let place = match expect.line {
        Some(line) => format!("r.toml:{line}:"),
        None => "r.toml".into(),
    };
    let says = out
        .out()
        .lines()
        .any(|l| l.contains(&place) && l.contains(expect.says));
    assert!(
        says,
        "check does not say {place}…{}: {}",
        expect.says,
        out.both()
    );

    let out = nianbao(&["render", "--lang", "en", "--format", "txt"])
        .arg(&file)
        .go();
    assert_eq!(out.code(), Some(expect.render), "render: {}", out.both());
    assert!(out.err().contains(expect.says), "render: {}", out.both());
    assert!(
        out.stdout.is_empty(),
        "render printed a report: {}",
        out.both()
    );

    let out = nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&file)
        .stdin("新名称局\n2024\n")
        .go();
    assert_eq!(out.code(), Some(2), "plain: {}", out.both());
    assert!(out.err().contains(expect.says), "plain: {}", out.both());
    assert!(
        out.err().contains("was not opened and is unchanged"),
        "plain: {}",
        out.both()
    );

    assert_eq!(snapshot(dir.path()), before, "the folder changed");
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn busy_with(old: &str, new: &str) -> String {
    assert!(BUSY.contains(old), "{old}");
    BUSY.replacen(old, new, 1)
}

#[test]
fn gbk_text_names_the_line_and_the_iconv_command() {
    // "示例" in GBK in place of the agency's first characters.
    let text = busy_with("agency = \"示例", "agency = \"@@");
    let bytes = text.replace("@@", "\u{0}").into_bytes();
    let at = bytes.iter().position(|&b| b == 0).unwrap();
    let bytes = [&bytes[..at], b"\xca\xbe\xc0\xfd", &bytes[at + 1..]].concat();
    refused(
        &bytes,
        Expect {
            check: 2,
            says: "iconv -f GBK -t UTF-8",
            line: Some(line_of(&text, "agency =")),
            render: 2,
        },
    );
}

#[test]
fn utf16_from_windows_notepad_names_the_iconv_command() {
    let bytes: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(BUSY.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    refused(
        &bytes,
        Expect {
            check: 2,
            says: "iconv -f UTF-16 -t UTF-8",
            line: Some(1),
            render: 2,
        },
    );
}

/// What every command says of a file that is not text.
const A_BINARY_FILE: Expect = Expect {
    check: 2,
    says: "binary file",
    line: Some(1),
    render: 2,
};

#[test]
fn a_png_image_is_called_a_binary_file() {
    refused(
        &fs::read("docs/images/render-html.png").unwrap(),
        A_BINARY_FILE,
    );
}

#[test]
fn an_executable_is_called_a_binary_file() {
    let elf = fs::read(common::bin()).unwrap();
    refused(&elf[..65536], A_BINARY_FILE);
}

#[test]
fn nul_bytes_in_text_are_refused() {
    let text = busy_with("李明", "李\u{0}明");
    refused(
        text.as_bytes(),
        Expect {
            check: 2,
            says: "NUL bytes",
            line: Some(line_of(&text, "person =")),
            render: 2,
        },
    );
}

#[test]
fn a_quoted_count_is_a_wrong_type() {
    let text = busy_with("natural = 380 ", "natural = \"380\" ");
    refused(
        text.as_bytes(),
        Expect {
            check: 1,
            says: "counts take no quotes: write 380",
            line: Some(line_of(&text, "natural = \"380\"")),
            render: 1,
        },
    );
}

#[test]
fn a_float_amount_is_a_wrong_type() {
    let text = busy_with("amount = \"18.8710\"", "amount = 18.871");
    refused(
        text.as_bytes(),
        Expect {
            check: 1,
            says: "write money as a quoted decimal",
            line: Some(line_of(&text, "amount = 18.871")),
            render: 1,
        },
    );
}

#[test]
fn a_table_where_a_text_belongs_is_a_wrong_type() {
    let text = busy_with("person = \"李明\"", "person = { name = \"李明\" }");
    refused(
        text.as_bytes(),
        Expect {
            check: 1,
            says: "should be a string (in quotes), found table",
            line: Some(line_of(&text, "person =")),
            render: 1,
        },
    );
}

#[test]
fn a_negative_count_is_refused() {
    let text = busy_with("natural = 380 ", "natural = -380 ");
    refused(
        text.as_bytes(),
        Expect {
            check: 1,
            says: "counts cannot be negative: -380",
            line: Some(line_of(&text, "natural = -380")),
            render: 1,
        },
    );
}

#[test]
fn a_count_beyond_u32_is_refused() {
    let text = busy_with("natural = 380 ", "natural = 4294967296 ");
    refused(
        text.as_bytes(),
        Expect {
            check: 1,
            says: "4294967296 is larger than the maximum 4294967295",
            line: Some(line_of(&text, "natural = 4294967296")),
            render: 1,
        },
    );
}

#[test]
fn a_count_beyond_64_bits_is_refused() {
    let text = busy_with("natural = 380 ", "natural = 99999999999999999999 ");
    refused(
        text.as_bytes(),
        Expect {
            check: 1,
            says: "99999999999999999999 is larger than the maximum 4294967295",
            line: Some(line_of(&text, "natural = 9999")),
            render: 1,
        },
    );
}

#[test]
fn money_with_five_decimals_is_refused() {
    let text = busy_with("amount = \"18.8710\"", "amount = \"18.87101\"");
    refused(
        text.as_bytes(),
        Expect {
            check: 1,
            says: "has more than 4 decimal places",
            line: Some(line_of(&text, "amount = \"18.87101\"")),
            render: 1,
        },
    );
}

#[test]
fn money_with_a_comma_is_refused() {
    let text = busy_with("amount = \"18.8710\"", "amount = \"1,018.87\"");
    refused(
        text.as_bytes(),
        Expect {
            check: 1,
            says: "must not contain thousands separators (commas)",
            line: Some(line_of(&text, "amount = \"1,018.87\"")),
            render: 1,
        },
    );
}

#[test]
fn negative_money_is_refused() {
    let text = busy_with("amount = \"18.8710\"", "amount = \"-18.87\"");
    refused(
        text.as_bytes(),
        Expect {
            check: 1,
            says: "amounts cannot be negative",
            line: Some(line_of(&text, "amount = \"-18.87\"")),
            render: 1,
        },
    );
}

#[test]
fn an_unknown_key_is_named_with_a_suggestion() {
    let text = busy_with("postcode = ", "postcod = ");
    refused(
        text.as_bytes(),
        Expect {
            check: 1,
            says: "unknown key \"postcod\"; did you mean \"postcode\"?",
            line: Some(line_of(&text, "postcod = ")),
            render: 1,
        },
    );
}

#[test]
fn a_duplicate_key_is_located() {
    let text = busy_with("natural = 380 ", "natural = 380\nnatural = 381 ");
    refused(
        text.as_bytes(),
        Expect {
            check: 2,
            says: "duplicate key",
            line: Some(line_of(&text, "natural = 381")),
            render: 2,
        },
    );
}

#[test]
fn a_duplicate_section_is_located() {
    let text = format!("{BUSY}\n[contact]\nphone = \"110\"\n");
    refused(
        text.as_bytes(),
        Expect {
            check: 2,
            says: "duplicate key",
            line: Some(text.lines().count() - 1),
            render: 2,
        },
    );
}

#[test]
fn a_2019_format_file_is_named() {
    let text = busy_with("format = \"nianbao/1\"", "format = \"gov-2019\"");
    refused(
        text.as_bytes(),
        Expect {
            check: 2,
            says: "this is the 2019 trial format",
            line: Some(3),
            render: 2,
        },
    );
}

#[test]
fn a_future_format_file_asks_for_an_upgrade() {
    let text = busy_with("format = \"nianbao/1\"", "format = \"nianbao/2\"");
    refused(
        text.as_bytes(),
        Expect {
            check: 2,
            says: "unsupported format version \"nianbao/2\"; this nianbao reads \"nianbao/1\", upgrade nianbao to open it",
            line: Some(3),
            render: 2,
        },
    );
}

#[test]
fn a_toml_file_that_is_not_a_report_is_named() {
    refused(
        &fs::read("Cargo.toml").unwrap(),
        Expect {
            check: 2,
            says: "not a nianbao report: missing format = \"nianbao/1\"",
            line: Some(1),
            render: 2,
        },
    );
}

#[test]
fn an_empty_file_is_not_a_report() {
    refused(
        b"",
        Expect {
            check: 2,
            says: "not a nianbao report",
            line: Some(1),
            render: 2,
        },
    );
}

#[test]
fn deep_nesting_is_a_located_syntax_error() {
    let text = format!(
        "format = \"nianbao/1\"\nx = {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    refused(
        text.as_bytes(),
        Expect {
            check: 2,
            says: "TOML syntax error",
            line: Some(2),
            render: 2,
        },
    );
}

/// A missing section is not blocking: it reads as empty or zero, so plain
/// mode opens the file. Without an answer nothing is written; an answer
/// saves the whole report, the missing section included.
#[test]
fn a_missing_section_opens_and_is_written_only_by_an_answer() {
    let start = BUSY.find("[appeals.review]").unwrap();
    let end = BUSY.find("# ==== 五").unwrap();
    let text = format!("{}{}", &BUSY[..start], &BUSY[end..]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, &text).unwrap();

    let out = nianbao(&["check", "--lang", "en"]).arg(&file).go();
    assert_eq!(out.code(), Some(1), "{}", out.both());
    assert!(
        out.out()
            .contains("missing [appeals] section; read as empty or zero"),
        "{}",
        out.both()
    );
    let out = nianbao(&["render", "--lang", "en", "--format", "txt"])
        .arg(&file)
        .go();
    assert_eq!(out.code(), Some(1), "{}", out.both());

    let out = nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&file)
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        text,
        "no answer, no write"
    );

    let out = nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&file)
        .stdin("新名称局\n")
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    let report = store::load(&file, Lang::En).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.report.text_at("report.agency"), "新名称局");
    assert_eq!(
        report.report.cell_at("appeals.review.upheld"),
        Some(0.into())
    );
}

/// A CRLF file (saved on Windows) with a UTF-8 byte order mark reads as
/// the same report, with no stray CR in its multi-line texts.
#[test]
fn windows_line_ends_and_a_byte_order_mark_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, format!("\u{feff}{}", BUSY.replace('\n', "\r\n"))).unwrap();
    let out = nianbao(&["check", "--lang", "en"]).arg(&file).go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    let loaded = store::load(&file, Lang::En).unwrap();
    let busy = nianbao::toml_read::read(BUSY, Lang::En).unwrap();
    assert_eq!(loaded.report, busy.report);
}

#[test]
fn a_folder_or_a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = nianbao(&["check", "--lang", "en"]).arg(dir.path()).go();
    assert_eq!(out.code(), Some(2));
    assert!(
        out.out().contains("is a folder, not a file"),
        "{}",
        out.both()
    );
    let out = nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(dir.path())
        .go();
    assert_eq!(out.code(), Some(2), "{}", out.both());
    assert!(
        out.err().contains("is a folder, not a file"),
        "{}",
        out.both()
    );
    let out = nianbao(&["render", "--lang", "en", "--format", "md"])
        .arg(dir.path().join("none.toml"))
        .go();
    assert_eq!(out.code(), Some(2));
    assert!(out.err().contains("no such file"), "{}", out.both());
}

/// Every free text at the longest a field may be (20,000 characters) still
/// makes a report file within the 1 MiB a report may be: read, checked,
/// rendered and saved back unchanged. The times are printed
/// (`--nocapture`), not asserted.
#[test]
fn every_text_at_the_field_limit_round_trips_within_the_file_limit() {
    use nianbao::schema::{FieldKind, Shape};
    let limit = nianbao::entry::paste::TEXT_CHARS_MAX;
    let mut report = nianbao::toml_read::read(BUSY, Lang::En).unwrap().report;
    let mut filled = 0;
    for f in nianbao::schema::all_fields() {
        let text = match f.field().kind {
            FieldKind::Paragraphs => "公开政府信息\n".repeat(limit / 7) + &"政".repeat(limit % 7),
            FieldKind::Line(Shape::Any) => "局".repeat(limit),
            _ => continue,
        };
        assert_eq!(text.chars().count(), limit);
        report.set_text(f, text);
        filled += 1;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    let started = Instant::now();
    store::save(&file, &report).unwrap();
    let saved = started.elapsed();
    let size = fs::metadata(&file).unwrap().len();
    assert!(
        size <= store::REPORT_BYTES_MAX,
        "{filled} texts: {size} bytes"
    );
    let started = Instant::now();
    let loaded = store::load(&file, Lang::En).unwrap();
    let read = started.elapsed();
    assert!(loaded.is_editable());
    assert_eq!(loaded.report, report);

    let out = nianbao(&["check", "--lang", "en"]).arg(&file).go();
    assert_ne!(out.code(), Some(2), "{}", out.both());
    let check = out.elapsed;
    let out = nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&file)
        .stdin("新名称局\n")
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    let plain = out.elapsed;
    let again = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(again.text_at("report.agency"), "新名称局");
    println!(
        "{filled} texts of {limit} characters ({size} bytes on disk, debug build): save {:.2} s, \
         load {:.2} s, check {:.2} s, plain mode open + answer + save {:.2} s",
        saved.as_secs_f64(),
        read.as_secs_f64(),
        check.as_secs_f64(),
        plain.as_secs_f64()
    );
}

/// A line as long as a field may be, pasted into plain mode (a script, or
/// a screen reader's paste through a pipe), is taken whole; one character
/// more is refused with the count, and the session goes on.
#[test]
fn a_line_up_to_the_field_limit_is_kept_and_a_longer_one_refused() {
    let limit = nianbao::entry::paste::TEXT_CHARS_MAX;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    let longest = "很长的机关名".repeat(limit / 6) + &"称".repeat(limit % 6);
    let out = nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&file)
        .stdin(format!("{longest}称\n{longest}\n"))
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.err());
    assert!(
        out.out().contains(&format!("{} characters", limit + 1))
            && out.out().contains(&format!("at most {limit}")),
        "{}",
        out.out()
    );
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(report.text_at("report.agency"), longest);
}

/// 110 MB in one line (a hostile or mistaken paste through a pipe) is
/// refused without being held in memory, and the session goes on.
#[test]
fn a_hundred_megabyte_line_is_refused_and_the_next_answer_taken() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    let mut input = "大".repeat(35 * 1024 * 1024).into_bytes();
    input.extend_from_slice("\n短名称局\n:q\n".as_bytes());
    let out = nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&file)
        .stdin(input)
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.err());
    assert!(out.out().contains("more than"), "{}", out.out());
    let report = store::load(&file, Lang::En).unwrap().report;
    assert!(fs::metadata(&file).unwrap().len() < 100_000);
    assert_eq!(report.text_at("report.agency"), "短名称局");
}

/// On a terminal a line longer than 4095 bytes is cut by the terminal
/// driver before nianbao sees it: plain mode refuses the cut line and says
/// so, rather than saving a text whose end is silently missing.
#[test]
fn a_line_cut_by_the_terminal_is_refused_not_saved() {
    use common::session::Session;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    let s = Session::pty(
        &["edit", "--plain", "--lang", "en", "r.toml"],
        dir.path(),
        80,
        24,
        Some("-echo"),
    );
    let limit = std::time::Duration::from_secs(20);
    let at = s.wait_for("]: ", 0, limit);
    // The cut falls inside a character: still named as a cut, not as GBK.
    s.send(format!("a{}\n", "长".repeat(3000)).as_bytes());
    let at = s.wait_for("limit of 4095 bytes", at, limit);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        BUSY,
        "nothing cut was saved"
    );
    s.send("短名称局\n".as_bytes());
    s.wait_for("]: ", at, limit);
    assert_eq!(
        store::load(&file, Lang::En)
            .unwrap()
            .report
            .text_at("report.agency"),
        "短名称局"
    );
    s.send(b":q\n");
    let (ended, _) = s.finish(limit);
    assert_eq!(ended.code, Some(0));
}

/// Text that is not UTF-8 typed into plain mode (a terminal set to GBK) is
/// refused with the reason, and the session goes on.
#[test]
fn gbk_typed_into_plain_mode_is_refused_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    let out = nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&file)
        .stdin(&b"\xca\xbe\xc0\xfd\xbe\xd6\n\xe7\xa4\xba\xe4\xbe\x8b\xe5\xb1\x80\n"[..])
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert!(
        out.out().contains("that was not UTF-8 text"),
        "{}",
        out.both()
    );
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(report.text_at("report.agency"), "示例局");
}

/// A report padded past 1 MiB (a valid TOML file: the padding is a
/// comment) is refused by every command at once, named, without reading it.
#[test]
fn a_file_beyond_one_mib_is_refused_by_every_command() {
    let padding = "# ".to_string() + &"大".repeat(350_000) + "\n";
    let text = format!("{BUSY}{padding}");
    assert!(text.len() as u64 > store::REPORT_BYTES_MAX);
    refused(
        text.as_bytes(),
        Expect {
            check: 2,
            says: "larger than a report file may be (1 MiB)",
            line: None,
            render: 2,
        },
    );
    // status names it among the others; merge leaves it out when asked.
    let dir = tempfile::tempdir().unwrap();
    common::write_file(dir.path(), "big.toml", &text);
    common::write_file(dir.path(), "ok.toml", BUSY);
    let out = nianbao(&["status", "--lang", "en"]).arg(dir.path()).go();
    assert!(
        out.out().lines().any(|l| l.contains("big.toml")),
        "status: {}",
        out.both()
    );
    assert!(out.both().contains("1 MiB"), "status: {}", out.both());
    let merged = dir.path().join("sum.toml");
    let out = nianbao(&[
        "merge",
        "--lang",
        "en",
        "--skip-invalid",
        "--agency",
        "某县",
    ])
    .arg(dir.path().join("big.toml"))
    .arg(dir.path().join("ok.toml"))
    .arg("-o")
    .arg(&merged)
    .go();
    assert_eq!(out.code(), Some(0), "merge: {}", out.both());
    assert!(out.err().contains("big.toml") && out.err().contains("1 MiB"));
}
