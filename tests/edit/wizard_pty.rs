//! The real `nianbao` binary in a pseudo-terminal, driven with the keys a
//! user would press, its screen read back through a terminal emulator
//! (vt100). Every wait is bounded: a hang fails the test instead of
//! blocking it.

use crate::common;

use common::session::Session;
use common::wizard::paste_bytes;
use std::path::{Path, PathBuf};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// The wizard, `nianbao ARGS…` in `dir` on an 80×24 terminal.
fn wizard(dir: &Path, args: &[&str]) -> Session {
    Session::wizard(args, dir, 80, 24, &[])
}

/// A new folder and the path of the report `name` in it (not written yet).
fn temp_report(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    (dir, path)
}

/// Types a whole report with the documented keys only, quits, and compares
/// the file with the expected one.
#[test]
fn a_whole_report_typed_with_the_documented_keys() {
    let (dir, path) = temp_report("report.toml");
    let mut s = wizard(dir.path(), &["edit", "report.toml"]);
    s.wait_for_screen("机关名称", WAIT);
    // No question to answer first: typing goes into 机关名称.
    s.type_keys("昆区商务局<Tab>");
    s.type_keys("<BS*4>2024<Tab>");
    s.type_keys("<Right*7><Tab>"); // 机关层级: 县级政府部门
    s.wait_for_screen("县级政府部门", WAIT);
    s.type_keys("《关于做好政府信息公开工作年度报告的通知》<Tab>");
    s.type_keys("昆区商务局办公室<Tab>包头市昆区钢铁大街<Tab>014010<Tab>张三<Tab>");
    s.type_keys("0472-2836709<Tab>kqswj@126.com<Tab>http://www.kunqu.gov.cn<Tab>");
    // 一、总体情况: multi-line text, Enter is a new line; a pasted paragraph.
    s.wait_for_screen("概述", WAIT);
    s.type_keys("2024年，我局认真贯彻落实《条例》。<Enter>全年未发生行政复议。<Tab>");
    s.send(&paste_bytes("全年主动公开信息120条。\r\n其中政策解读5篇。"));
    s.wait_for_screen("其中政策解读5篇", WAIT);
    s.type_keys(
        "<Tab>共收到申请13件。<Tab>建立审查机制。<Tab>完善门户网站专栏。<Tab>纳入考核。<Tab>",
    );
    // 二: ten cells across four tables, the fee with four decimals.
    s.wait_for_screen("第二十条第（一）项", WAIT);
    s.type_keys("0<Tab>0<Tab>0<Tab>3<Tab>1<Tab>25<Tab>120<Enter>15<Tab>2<Tab>1.2345<Tab>");
    // 三: rows 一 and 二 pasted from a spreadsheet, the rest typed.
    s.wait_for_screen("本年新收", WAIT);
    s.send(&paste_bytes("10\t2\t0\t0\t1\t0\r\n1\t0\t0\t0\t0\t0\r\n"));
    s.wait_for_screen("已粘贴 12 个值", WAIT);
    s.type_keys("<Down*2>8<Tab>1<Tab>0<Tab>0<Tab>1<Tab>0<Tab>1<Enter>");
    s.type_keys("<Down*21><Left>2<Tab>1<Tab>");
    s.wait_for_screen("相符   相符   相符   相符   相符  相符  相符", WAIT);
    // 四
    s.type_keys("<PgDn>");
    s.wait_for_screen("结果维持", WAIT);
    s.type_keys("1<Tab>0<Tab>0<Tab>1<Tab>");
    // 五、六
    s.type_keys("<PgDn>");
    s.wait_for_screen("存在的主要问题及改进情况", WAIT);
    s.type_keys("信息发布不够及时。<Enter>下一步加强审核。<Tab>");
    s.type_keys("本年度未收取信息处理费。");
    s.type_keys("<C-q>");
    assert_eq!(s.wait_for_end(WAIT).code, Some(0));
    let written = std::fs::read_to_string(&path).unwrap();
    let expected = include_str!("../fixtures/wizard-typed-report.toml");
    if written != expected {
        // Left for a diff against the fixture.
        let actual = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wizard-typed-report.toml");
        std::fs::write(&actual, &written).unwrap();
        panic!(
            "the report differs from tests/fixtures/wizard-typed-report.toml; it is in {}",
            actual.display()
        );
    }
    // What was typed is a consistent report: no errors, 勾稽 holds.
    let loaded = nianbao::toml_read::read(&written, nianbao::schema::Lang::Zh).unwrap();
    let cx = nianbao::validate::Context {
        lang: nianbao::schema::Lang::Zh,
        this_year: 2026,
    };
    let problems = nianbao::validate::validate(&loaded.report, cx);
    assert_eq!(nianbao::problem::tally(&problems).0, 0, "{problems:?}");
}

/// A SIGKILL mid-entry loses nothing that was confirmed (and text typed a
/// second before).
#[test]
fn sigkill_mid_entry_loses_nothing_committed() {
    let (dir, path) = temp_report("r.toml");
    let mut s = wizard(dir.path(), &["edit", "r.toml"]);
    s.wait_for_screen("机关名称", WAIT);
    s.type_keys("示例局<Tab><BS*4>2024<Tab>");
    s.type_keys("<PgDn*3>");
    s.wait_for_screen("本年新收", WAIT);
    s.type_keys("12<Tab>3<Enter>4<Tab>");
    s.type_keys("<PgDn>9<Tab>");
    s.type_keys("<PgDn>正在输入的文字");
    s.wait_for_screen("正在输入的文字", WAIT);
    // Text is saved after a pause (at most a second on an idle machine).
    let deadline = std::time::Instant::now() + WAIT;
    while !std::fs::read_to_string(&path)
        .unwrap_or_default()
        .contains("正在输入的文字")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the text was never saved"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    s.type_keys("77"); // typed but not confirmed: may be lost
    assert!(s.signal(libc::SIGKILL), "kill -KILL failed");
    s.wait_for_end(WAIT);
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = nianbao::toml_read::read(&text, nianbao::schema::Lang::Zh).unwrap();
    assert!(loaded.is_editable(), "{:?}", loaded.problems);
    let r = &loaded.report;
    let at = |p: &str| r.cell_at(p).unwrap().to_string();
    assert_eq!(r.text_at("report.agency"), "示例局");
    assert_eq!(r.year(), Some(2024));
    assert_eq!(at("applications.new_received.natural"), "12");
    assert_eq!(at("applications.new_received.commercial"), "3");
    assert_eq!(at("applications.new_received.research"), "4");
    assert_eq!(at("applications.new_received.total"), "19");
    assert_eq!(at("appeals.review.upheld"), "9");
    assert_eq!(r.text_at("problems.text"), "正在输入的文字");
    // No temporary files left behind by the atomic saves.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// SIGHUP (the SSH session dropped) keeps even the number being typed, and
/// the terminal is given back as it was.
#[test]
fn sighup_saves_the_number_being_typed_and_restores_the_terminal() {
    let (dir, path) = temp_report("r.toml");
    let mut s = wizard(dir.path(), &["edit", "r.toml"]);
    s.wait_for_screen("机关名称", WAIT);
    {
        let screen = s.screen();
        assert!(screen.screen().alternate_screen());
        assert!(screen.screen().bracketed_paste());
    }
    s.type_keys("<PgDn*4>42");
    s.wait_for_screen("42", WAIT);
    assert!(s.signal(libc::SIGHUP), "kill -HUP failed");
    assert_eq!(s.wait_for_end(WAIT).code, Some(129));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("upheld = 42"), "{text}");
    let screen = s.screen();
    assert!(!screen.screen().alternate_screen(), "alternate screen left");
    assert!(!screen.screen().bracketed_paste(), "bracketed paste off");
    assert!(!screen.screen().hide_cursor(), "cursor shown");
}

/// SIGTERM saves too.
#[test]
fn sigterm_saves_and_exits() {
    let (dir, path) = temp_report("r.toml");
    let mut s = wizard(dir.path(), &["edit", "r.toml"]);
    s.wait_for_screen("机关名称", WAIT);
    s.type_keys("测试单位");
    s.wait_for_screen("测试单位", WAIT);
    assert!(s.signal(libc::SIGTERM), "kill -TERM failed");
    assert_eq!(s.wait_for_end(WAIT).code, Some(128 + 15));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("agency = \"测试单位\""), "{text}");
}

#[test]
fn a_second_wizard_on_the_same_file_says_who_has_it() {
    let (dir, _) = temp_report("r.toml");
    let first = wizard(dir.path(), &["edit", "r.toml"]);
    first.wait_for_screen("机关名称", WAIT);
    let second = wizard(dir.path(), &["edit", "r.toml"]);
    let (ended, out) = second.finish(WAIT);
    assert_eq!(ended.code, Some(2));
    let out = String::from_utf8_lossy(&out);
    assert!(
        out.contains(&format!("{}@", first.pid())),
        "names the holder: {out}"
    );
}

#[test]
fn a_file_that_cannot_be_edited_safely_is_refused_untouched() {
    let (dir, path) = temp_report("r.toml");
    let text =
        "format = \"nianbao/1\"\n\n[report]\nagency = \"x\"\nyear = 2024\nagnecy = \"typo\"\n";
    std::fs::write(&path, text).unwrap();
    let s = wizard(dir.path(), &["edit", "r.toml"]);
    let (ended, out) = s.finish(WAIT);
    assert_eq!(ended.code, Some(2));
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("r.toml:6:1"), "{out}");
    assert!(out.contains("agency"), "did you mean: {out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn resizing_below_the_minimum_shows_a_message_and_back_redraws() {
    let (dir, _) = temp_report("r.toml");
    let mut s = wizard(dir.path(), &["edit", "r.toml"]);
    s.wait_for_screen("机关名称", WAIT);
    s.resize(60, 20);
    s.wait_for_screen("终端窗口太小", WAIT);
    s.wait_for_screen("60x20", WAIT);
    s.resize(100, 30);
    s.wait_for_screen("报告下载网址", WAIT);
    s.type_keys("<C-q>");
    assert_eq!(s.wait_for_end(WAIT).code, Some(0));
}

#[test]
fn nothing_is_asked_of_the_terminal_at_start() {
    let (dir, _) = temp_report("r.toml");
    let mut s = wizard(dir.path(), &["edit", "r.toml"]);
    s.wait_for_screen("机关名称", WAIT);
    std::thread::sleep(Duration::from_millis(200));
    let out = s.output();
    let out = String::from_utf8_lossy(&out);
    for query in [
        "\x1b[6n",
        "\x1b[c",
        "\x1b[>c",
        "\x1b]11;?",
        "\x1b]10;?",
        "\x1b[?u",
        "$p",
    ] {
        assert!(!out.contains(query), "sent the query {query:?}");
    }
    assert!(!out.contains("\x1b[?1000h"), "no mouse capture");
    assert!(
        out.contains("\x1b[?2026h"),
        "the first frame is synchronized"
    );
    s.type_keys("<C-q>");
    s.wait_for_end(WAIT);
}

/// A locale that is neither UTF-8 nor GB18030 (whose terminals are
/// spoken to in their encoding, see wizard_gb18030.rs) gets the question.
#[test]
fn a_locale_that_is_not_utf8_is_pointed_out() {
    let (dir, _) = temp_report("r.toml");
    let mut s = Session::wizard(
        &["edit", "r.toml"],
        dir.path(),
        80,
        24,
        &[("LANG", "zh_TW.BIG5")],
    );
    s.wait_for_screen("能正确看到这行中文吗", WAIT);
    s.type_keys("<C-q>");
    assert_eq!(s.wait_for_end(WAIT).code, Some(0));
}

/// With NO_COLOR no colour is ever sent, even for errors; `--lang en`
/// speaks English.
#[test]
fn no_color_sends_no_colour_and_lang_en_speaks_english() {
    let (dir, _) = temp_report("r.toml");
    let mut s = Session::wizard(
        &["--lang", "en", "edit", "r.toml"],
        dir.path(),
        80,
        24,
        &[("NO_COLOR", "1")],
    );
    s.wait_for_screen("Agency", WAIT);
    s.type_keys("<PgDn*3>12<Tab>x");
    s.wait_for_screen("is not a digit", WAIT);
    s.wait_for_screen("OFF", WAIT);
    s.type_keys("<C-q>");
    let (ended, out) = s.finish(WAIT);
    assert_eq!(ended.code, Some(0));
    let out = String::from_utf8_lossy(&out);
    let sgrs = sgr_parameters(&out);
    assert!(
        sgrs.iter().any(|p| p.split(';').any(|x| x == "7")),
        "reverse video still marks the focus: {sgrs:?}"
    );
    for sgr in sgrs {
        let colour = sgr.split(';').any(|p| {
            matches!(
                p.parse::<u32>(),
                Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
            )
        });
        assert!(!colour, "colour sent: ESC[{sgr}m");
    }
}

/// The parameters of every SGR sequence (`ESC [ … m`) in the output.
fn sgr_parameters(out: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = out;
    while let Some(i) = rest.find("\x1b[") {
        rest = &rest[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('m') {
            found.push(rest[..end].to_string());
        }
    }
    found
}

/// The terminal goes away without a SIGHUP reaching the wizard (its session
/// leader is a shell, as under tmux or `ssh host 'sh -c …'`): it must still
/// save and exit, not spin on a dead terminal.
#[test]
fn a_hang_up_without_sighup_still_saves_and_exits() {
    let (dir, path) = temp_report("r.toml");
    // The shell, not the wizard, is the terminal's session leader.
    let shell = ["sh", "-c", "\"$0\" \"$@\"; sleep 30"].map(String::from);
    let mut s = Session::wizard_wrapped(&shell, &["edit", "r.toml"], dir.path(), 80, 24, &[]);
    s.wait_for_screen("机关名称", WAIT);
    s.type_keys("挂断前的单位<Tab>");
    // Keys still unread when the terminal goes are gone with it.
    s.wait_for_screen("挂断前的单位", WAIT);
    s.hang_up();
    // The wizard saves, exits and so lets go of its lock.
    common::session::wait_saved_and_released(&path, "挂断前的单位", WAIT);
    // Ends the shell's sleep.
    drop(s);
}

/// `meta.previous` names last year's report: its cross-year warnings are
/// counted and listed on 核对; an unreadable one is one warning, not a failure.
#[test]
fn last_years_report_is_read_for_the_cross_year_checks() {
    let dir = tempfile::tempdir().unwrap();
    let busy = std::fs::read_to_string("examples/busy-city-bureau-2024.toml").unwrap();
    // Last year carried 99 forward for natural persons; this year says 20 came over.
    let last =
        busy.replace("year = 2024", "year = 2023")
            .replacen("natural = 21 ", "natural = 99 ", 1);
    assert_ne!(last, busy.replace("year = 2024", "year = 2023"));
    let mut last_report = nianbao::toml_read::read(&last, nianbao::schema::Lang::Zh)
        .unwrap()
        .report;
    last_report.recompute();
    // Last year's texts were in other words (the same texts would be warned
    // about as copied): only the figures are compared here.
    for f in nianbao::schema::all_fields() {
        if f.field().kind == nianbao::schema::FieldKind::Paragraphs {
            last_report.set_text(f, "");
        }
    }
    nianbao::store::save(&dir.path().join("2023.toml"), &last_report).unwrap();
    let this = busy.replace(
        "format = \"nianbao/1\"\n",
        "format = \"nianbao/1\"\n\n[meta]\nprevious = \"2023.toml\"\n",
    );
    std::fs::write(dir.path().join("2024.toml"), &this).unwrap();
    let mut s = wizard(dir.path(), &["edit", "2024.toml"]);
    s.wait_for_screen("机关名称", WAIT);
    s.type_keys("<F2><Up><Enter>");
    s.wait_for_screen("警告 2 个", WAIT);
    s.type_keys("<Down>");
    s.wait_for_screen("但上年报告 2023.toml", WAIT);
    s.type_keys("<C-q>");
    assert_eq!(s.wait_for_end(WAIT).code, Some(0));

    std::fs::write(dir.path().join("2023.toml"), "not toml at all [").unwrap();
    let mut s = wizard(dir.path(), &["edit", "2024.toml"]);
    s.wait_for_screen("机关名称", WAIT);
    s.type_keys("<F2><Up><Enter>");
    s.wait_for_screen("无法读取上年报告", WAIT);
    s.type_keys("<C-q>");
    assert_eq!(s.wait_for_end(WAIT).code, Some(0));
}
