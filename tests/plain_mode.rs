//! Plain mode (`nianbao edit --plain`), driven by piping answers into the
//! real binary, as a screen-reader user or a script would.

mod common;

use common::Outcome;
use nianbao::schema::Lang;
use nianbao::store;
use std::path::Path;

/// Plain mode on `file` with `answers` piped in, bounded in time.
fn plain(file: &Path, answers: &str, lang: &str) -> Outcome {
    common::nianbao(&["edit", "--plain", "--lang", lang])
        .arg(file)
        .stdin(answers)
        .go()
}

#[test]
fn scripted_answers_write_the_same_report_as_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.toml");
    let answers = std::fs::read_to_string("tests/fixtures/plain-answers-busy.txt").unwrap();
    let out = plain(&file, &answers, "zh");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let written = store::load(&file, Lang::En).unwrap();
    let example = store::load(Path::new("examples/busy-city-bureau-2024.toml"), Lang::En).unwrap();
    assert_eq!(written.report, example.report);
    // Same file written the same way: byte for byte the canonical TOML.
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string("examples/busy-city-bureau-2024.toml").unwrap()
    );
    // Totals and the 勾稽 result are printed after the tables.
    assert!(stdout.contains("= （七）总计: 自然人 379"), "{stdout}");
    assert!(stdout.contains("勾稽关系：各列均相符。"), "{stdout}");
    assert!(stdout.contains("共 0 个错误"), "{stdout}");
}

#[test]
fn a_bad_answer_is_explained_and_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    // Skip 报告信息 and 一 with :n (each skips a whole step),
    // then answer the 规章 row badly twice and well once.
    let answers = ":n\n:n\n1 2\n1 -2 3\n0 0 0\n4 1 9\n:q\n";
    let out = plain(&file, answers, "en");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("expected 3 numbers, got 2"), "{stdout}");
    assert!(
        stdout.contains("Repealed this year: counts cannot be negative: -2"),
        "{stdout}"
    );
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(
        report.cell_at("article20_1.normative_documents.in_force"),
        Some(9.into())
    );
    assert_eq!(report.cell_at("article20_1.rules.issued"), Some(0.into()));
}

#[test]
fn end_of_input_saves_what_was_typed_and_nothing_escapes_raw() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    let out = plain(&file, "测试局\u{1b}]52;c;aGk=\u{7}\n2024\n", "zh");
    assert_eq!(out.status.code(), Some(0));
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(
        report.text_at("report.agency"),
        "测试局\u{1b}]52;c;aGk=\u{7}"
    );
    // Reopen: the stored value is echoed back, but never as a raw escape sequence.
    let out = plain(&file, "", "zh");
    assert!(
        !out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_file_that_cannot_be_represented_is_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    let text = include_str!("../examples/busy-city-bureau-2024.toml").replacen(
        "natural = 380",
        "naturl = 380",
        1,
    );
    std::fs::write(&file, &text).unwrap();
    let out = plain(&file, "x\n", "en");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("unknown key \"naturl\""));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

/// Each line of a multi-line text is on disk as soon as it is entered,
/// before the text is ended with ".", so a hang-up loses at most the line
/// being typed.
#[test]
fn each_line_of_a_text_is_saved_as_it_is_entered() {
    use common::session::Session;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    std::fs::write(
        &file,
        include_str!("../examples/busy-city-bureau-2024.toml"),
    )
    .unwrap();
    let mut s = Session::pipe(&["edit", "--plain", "--lang", "en", "r.toml"], dir.path());
    // Skip the report information step, keep 一's summary, then type two
    // lines of the next text without ending it.
    let limit = Duration::from_secs(20);
    let at = s.wait_for("]: ", 0, limit);
    s.send(b":n\n");
    let at = s.wait_for("Summary:", at, limit);
    s.send(b"\n");
    s.wait_for("Proactive disclosure:", at, limit);
    s.send("第一行\n第二行\n".as_bytes());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let report = store::load(&file, Lang::En).unwrap().report;
        if report.text_at("overview.proactive") == "第一行\n第二行" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the lines never reached the file"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    s.signal(libc::SIGKILL);
    let (ended, _) = s.finish(Duration::from_secs(10));
    assert_eq!(ended.signal.as_deref(), Some("Killed"));
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(report.text_at("overview.proactive"), "第一行\n第二行");
}
