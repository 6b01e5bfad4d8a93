//! Plain mode (`nianbao edit --plain`), driven by piping answers into the
//! real binary, as a screen-reader user or a script would.

use crate::common;

use common::Outcome;
use nianbao::schema::Lang;
use nianbao::store;
use std::path::Path;

/// Plain mode on `file` with `answers` piped in, bounded in time.
fn plain(file: &Path, answers: &str, lang: &str) -> Outcome {
    common::plain_mode(file, lang).stdin(answers).go()
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
fn control_characters_are_removed_as_in_the_wizard_and_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    // An OSC 52 sequence (clipboard write) and a BEL typed into 机关名称;
    // end of input after the year saves.
    let out = plain(&file, "测试局\u{1b}]52;c;aGk=\u{7}\n2024\n", "zh");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("删除了 2 个控制字符"), "{stdout}");
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(report.text_at("report.agency"), "测试局]52;c;aGk=");
    assert_eq!(report.year(), Some(2024));
    // A file that holds one (written by hand) is shown, never as a raw
    // escape sequence.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("测试局]52", "测试局\\u001b]52");
    std::fs::write(&file, text).unwrap();
    assert_eq!(
        store::load(&file, Lang::En)
            .unwrap()
            .report
            .text_at("report.agency"),
        "测试局\u{1b}]52;c;aGk="
    );
    let out = plain(&file, "", "zh");
    assert!(
        !out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The words of a refusal and of a warning are the wizard's.
#[test]
fn answers_are_checked_and_warned_about_as_in_the_wizard() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    // 机关名称, a bad and a good year, keep 机关层级 … 联系人, a phone
    // number that does not look like one, then quit.
    let answers = "测试局\n24\n2024\n\n\n\n\n\n\n电话\n:q\n";
    let out = plain(&file, answers, "zh");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("  年度是 4 位数字\n"), "{stdout}");
    assert!(
        stdout.contains("  警告: 电话号码格式不对，如 0472-2836709"),
        "{stdout}"
    );
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(report.year(), Some(2024));
    assert_eq!(report.text_at("contact.phone"), "电话");
}

/// A row: `-` clears it to 0; `/` is 0 as in a pasted block.
#[test]
fn a_row_is_cleared_with_a_dash_and_slashes_are_zero() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    let answers = ":n\n:n\n1 2 3\n-\n";
    plain(&file, answers, "en");
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(report.cell_at("article20_1.rules.issued"), Some(1.into()));
    assert_eq!(
        report.cell_at("article20_1.normative_documents.issued"),
        Some(0.into())
    );
    plain(&file, ":n\n:n\n-\n4 / 6\n", "en");
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(report.cell_at("article20_1.rules.in_force"), Some(0.into()));
    assert_eq!(
        report.cell_at("article20_1.normative_documents.repealed"),
        Some(0.into())
    );
    assert_eq!(
        report.cell_at("article20_1.normative_documents.in_force"),
        Some(6.into())
    );
}

/// Plain mode starts by itself when the output or the input is not a
/// terminal.
#[test]
fn plain_mode_starts_by_itself_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    let out = common::nianbao(&["--lang", "en", "edit"])
        .arg(&file)
        .stdin("Piped Bureau\n")
        .go();
    assert!(
        out.out().starts_with("nianbao plain mode:"),
        "{}",
        out.both()
    );
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(report.text_at("report.agency"), "Piped Bureau");
}

#[test]
fn a_file_that_cannot_be_represented_is_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    let text = include_str!("../../examples/busy-city-bureau-2024.toml").replacen(
        "natural = 380",
        "naturl = 380",
        1,
    );
    std::fs::write(&file, &text).unwrap();
    let out = plain(&file, "x\n", "en");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown key \"naturl\""));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

/// On a terminal that says it is dumb (`TERM=dumb`: a serial console, an
/// Emacs shell buffer) plain mode starts by itself, and no escape sequence
/// is ever written.
#[test]
fn a_dumb_terminal_gets_plain_mode_and_no_escape_sequences() {
    use common::session::Session;
    use std::time::Duration;
    let limit = Duration::from_secs(15);
    let dir = tempfile::tempdir().unwrap();
    let s = Session::pty_with(
        &["edit", "r.toml"],
        dir.path(),
        80,
        24,
        None,
        &[("TERM", "dumb"), ("LANG", "C.UTF-8")],
    );
    let at = s.wait_for("机关名称 []: ", 0, limit);
    s.send("串口局\r".as_bytes());
    let at = s.wait_for("报告年度 [", at, limit);
    s.send(b":q\r");
    s.wait_for("已保存", at, limit);
    let (_, printed) = s.finish(limit);
    let text = String::from_utf8_lossy(&printed);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    let report = store::load(&dir.path().join("r.toml"), Lang::En)
        .unwrap()
        .report;
    assert_eq!(report.text_at("report.agency"), "串口局");
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
        include_str!("../../examples/busy-city-bureau-2024.toml"),
    )
    .unwrap();
    let s = Session::pipe(&["edit", "--plain", "--lang", "en", "r.toml"], dir.path());
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

/// The busy example copied to a temporary folder.
fn busy_copy(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("r.toml");
    std::fs::copy("examples/busy-city-bureau-2024.toml", &file).unwrap();
    file
}

#[test]
fn ok_marks_the_warning_just_shown_as_reviewed_and_it_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = busy_copy(dir.path());
    // 报告信息 skipped; in 一 概述 and 主动公开情况 kept; 依申请公开情况
    // retyped with 500 new applications where 三 has 512; then `:ok` with
    // no reason (refused), with one (marked), once more (nothing left).
    let answers = ":n\n\n\n全年新收政府信息公开申请500件，上年结转27件；办结511件，结转下年度28件。\n.\n:ok\n:ok 含代收申请12件\n:ok 再一次\n:q\n";
    let out = plain(&file, answers, "zh");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("警告: 文中“新收政府信息公开申请500件”"),
        "{stdout}"
    );
    assert!(stdout.contains("输入“:ok 理由”确认这条警告"), "{stdout}");
    assert!(stdout.contains("请写一句确认的理由。"), "{stdout}");
    assert!(
        stdout.contains("已确认这条警告（理由：含代收申请12件）"),
        "{stdout}"
    );
    assert!(stdout.contains("现在没有可以确认的警告"), "{stdout}");
    // 核对 at the end lists it as reviewed, not counted.
    assert!(
        stdout.contains("已确认（理由：含代收申请12件）: 一、总体情况"),
        "{stdout}"
    );
    assert!(stdout.contains("共 0 个错误，0 个警告。"), "{stdout}");
    let report = store::load(&file, Lang::Zh).unwrap().report;
    assert_eq!(report.meta.reviewed.len(), 1);
    assert_eq!(report.meta.reviewed[0].rule, "text-new-received");
    assert_eq!(report.meta.reviewed[0].reason, "含代收申请12件");
    // The next session, the same text answered again: shown as reviewed.
    let again = plain(
        &file,
        ":n\n\n\n全年新收政府信息公开申请500件，上年结转27件；办结511件，结转下年度28件。\n.\n:q\n",
        "zh",
    );
    let stdout = String::from_utf8(again.stdout).unwrap();
    assert!(
        stdout.contains("已确认（理由：含代收申请12件）: 文中"),
        "{stdout}"
    );
}

#[test]
fn draft_adds_the_sentence_from_the_tables_as_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = busy_copy(dir.path());
    // At 概述 :draft is refused (asked again, kept with "."); at
    // 主动公开情况 kept; at 依申请公开情况 drafted, then a line of our own.
    let answers = ":n\n:draft\n.\n\n:draft\n申请主要集中于征地补偿领域。\n.\n:q\n";
    let out = plain(&file, answers, "zh");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("这一项不能按表格草拟"), "{stdout}");
    assert!(
        stdout.contains("输入 :draft 可按表格数字草拟一句"),
        "{stdout}"
    );
    let report = store::load(&file, Lang::Zh).unwrap().report;
    let text = report.text_at("overview.on_request");
    let field = nianbao::schema::find_field("overview.on_request").unwrap();
    let drafted = nianbao::review::draft::draft(&report, field).unwrap();
    assert_eq!(text, format!("{drafted}\n申请主要集中于征地补偿领域。"));
    assert!(
        stdout.contains(&format!("已按表格草拟并作为一行加入：{drafted}")),
        "{stdout}"
    );
    // The numbers agree with the tables: no warning about the text.
    assert!(!stdout.contains("警告: 文中"), "{stdout}");
    let summary = store::load(Path::new("examples/busy-city-bureau-2024.toml"), Lang::Zh)
        .unwrap()
        .report;
    assert_eq!(
        report.text_at("overview.summary"),
        summary.text_at("overview.summary")
    );
}

#[test]
fn draft_says_why_while_the_tables_are_empty() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.toml");
    // 机关名称 answered (the file is written), the rest of 报告信息 skipped.
    let out = plain(&file, "Test bureau\n:n\n\n\n:draft\n:q\n", "en");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("The tables hold no numbers yet"),
        "{stdout}"
    );
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(report.text_at("overview.on_request"), "");
}
