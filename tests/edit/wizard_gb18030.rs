//! A GB18030 terminal (`LANG=zh_CN.GB18030`, as SecureCRT or Xshell set to
//! GBK): the real binary in a pseudo-terminal, keys and pastes sent as
//! GB18030 bytes, its output decoded as GB18030 before the terminal
//! emulator; the same session typed on a UTF-8 terminal must show the same
//! screen and write the same file. Plain mode and `check` the same way.

use crate::common;

use common::session::Session;
use common::wizard::{key_bytes, keys, paste_bytes};
use encoding_rs::GB18030;
use std::path::Path;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(15);

/// How the test terminal speaks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Terminal {
    Utf8,
    Gb18030,
}

impl Terminal {
    fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Terminal::Utf8 => text.as_bytes().to_vec(),
            Terminal::Gb18030 => GB18030.encode(text).0.into_owned(),
        }
    }

    /// What the terminal shows after everything `s` printed.
    fn screen(self, s: &Session) -> vt100::Parser {
        let bytes = s.output();
        let text = match self {
            Terminal::Utf8 => String::from_utf8_lossy(&bytes).into_owned(),
            Terminal::Gb18030 => GB18030.decode_without_bom_handling(&bytes).0.into_owned(),
        };
        let mut p = vt100::Parser::new(24, 80, 0);
        p.process(text.as_bytes());
        p
    }

    fn wait_for(self, s: &Session, needle: &str) {
        let end = Instant::now() + WAIT;
        loop {
            let shown = self.screen(s).screen().contents();
            if shown.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < end,
                "{self:?}: waited for {needle:?}; the screen:\n{shown}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Types keys one at a time, each in this terminal's encoding.
    fn type_keys(self, s: &Session, spec: &str) {
        for key in keys(spec) {
            let bytes = key_bytes(&key);
            s.send(&self.encode(std::str::from_utf8(&bytes).unwrap()));
            std::thread::sleep(Duration::from_millis(3));
        }
    }

    fn paste(self, s: &Session, text: &str) {
        let bytes = paste_bytes(text);
        s.send(&self.encode(std::str::from_utf8(&bytes).unwrap()));
    }

    fn locale(self) -> &'static str {
        match self {
            Terminal::Utf8 => "zh_CN.UTF-8",
            Terminal::Gb18030 => "zh_CN.GB18030",
        }
    }
}

/// One session of Chinese text, a character split between two reads, a
/// pasted paragraph, numbers and a pasted block of a table; returns the
/// last screen's text and the file written.
fn session(terminal: Terminal, dir: &Path) -> (String, String) {
    let s = Session::wizard(
        &["edit", "report.toml"],
        dir,
        80,
        24,
        &[("LANG", terminal.locale())],
    );
    terminal.wait_for(&s, "报告信息");
    terminal.wait_for(&s, "机关名称");
    terminal.type_keys(&s, "abc机关");
    // 甲 with its bytes in two reads.
    let split = terminal.encode("甲");
    s.send(&split[..1]);
    std::thread::sleep(Duration::from_millis(60));
    s.send(&split[1..]);
    terminal.wait_for(&s, "abc机关甲");
    terminal.type_keys(&s, "<Tab><BS*4>2024<Tab><Right*7><Tab>");
    terminal.wait_for(&s, "县级政府部门");
    terminal.type_keys(
        &s,
        "《关于做好政府信息公开工作年度报告的通知》<Tab>某县交通运输局办公室<Tab>\
         某县人民路1号<Tab>014010<Tab>张三<Tab>0472-2836709<Tab>a@b.cn<Tab>http://x.gov.cn<Tab>",
    );
    terminal.wait_for(&s, "概述");
    terminal.type_keys(
        &s,
        "2024年，我局认真贯彻落实《条例》。<Enter>全年未发生行政复议。<Tab>",
    );
    terminal.paste(&s, "全年主动公开信息120条。\r\n其中政策解读5篇。");
    terminal.wait_for(&s, "其中政策解读5篇");
    terminal.type_keys(
        &s,
        "<Tab>共收到申请13件。<Tab>建立审查机制。<Tab>完善门户网站专栏。<Tab>纳入考核。<Tab>",
    );
    terminal.wait_for(&s, "第二十条第（一）项");
    terminal.type_keys(
        &s,
        "0<Tab>0<Tab>0<Tab>3<Tab>1<Tab>25<Tab>120<Enter>15<Tab>2<Tab>1.2345<Tab>",
    );
    terminal.wait_for(&s, "本年新收");
    terminal.paste(&s, "10\t2\t0\t0\t1\t0\r\n1\t0\t0\t0\t0\t0\r\n");
    terminal.wait_for(&s, "已粘贴 12 个值");
    // Frames after the message (the cursor) have arrived when two looks
    // 50 ms apart agree.
    let mut last = terminal.screen(&s).screen().contents();
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let now = terminal.screen(&s).screen().contents();
        if now == last {
            break;
        }
        last = now;
    }
    let mut s = s;
    terminal.type_keys(&s, "<C-q>");
    assert_eq!(s.wait_for_end(WAIT).code, Some(0), "{terminal:?}");
    let file = std::fs::read_to_string(dir.join("report.toml")).unwrap();
    (last, file)
}

#[test]
fn a_gb18030_terminal_shows_and_saves_what_a_utf8_one_does() {
    let utf8_dir = tempfile::tempdir().unwrap();
    let gb_dir = tempfile::tempdir().unwrap();
    let (utf8_screen, utf8_file) = session(Terminal::Utf8, utf8_dir.path());
    let (gb_screen, gb_file) = session(Terminal::Gb18030, gb_dir.path());
    // Same labels and values in the same columns: widths are unchanged.
    assert_eq!(gb_screen, utf8_screen);
    // The file is UTF-8 and the same, whatever the terminal.
    assert_eq!(gb_file, utf8_file);
    for value in [
        "agency = \"abc机关甲\"",
        "year = 2024",
        "其中政策解读5篇。",
        "某县交通运输局办公室",
    ] {
        assert!(gb_file.contains(value), "{value} not in\n{gb_file}");
    }
}

/// Plain mode asks in GB18030 and takes GB18030 answers (once refused as
/// "not UTF-8").
#[test]
fn plain_mode_speaks_gb18030_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    let answers = GB18030.encode("abc机关甲\n2024\n:q\n").0.into_owned();
    let out = common::plain_mode(&file, "zh")
        .env("LANG", "zh_CN.GB18030")
        .stdin(answers)
        .go();
    assert_eq!(out.status.code(), Some(0));
    assert!(std::str::from_utf8(&out.stdout).is_err(), "GB18030 output");
    let (shown, _, bad) = GB18030.decode(&out.stdout);
    assert!(!bad);
    assert!(shown.contains("机关名称"), "{shown}");
    assert!(!shown.contains("不是 UTF-8"), "{shown}");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("agency = \"abc机关甲\""), "{saved}");
    assert!(saved.contains("year = 2024"), "{saved}");
    // `--encoding utf-8` overrides the locale: then GB18030 is refused.
    let out = common::plain_mode(&dir.path().join("u.toml"), "zh")
        .env("LANG", "zh_CN.GB18030")
        .arg("--encoding")
        .arg("utf-8")
        .stdin(GB18030.encode("机关\n:q\n").0.into_owned())
        .go();
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("不是 UTF-8"), "{shown}");
}

/// `check`'s messages to a GB18030 terminal are in GB18030; to a file they
/// stay UTF-8.
#[test]
fn check_speaks_gb18030_to_a_gb18030_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.toml");
    std::fs::write(&report, "[meta]\nagency = \"某县交通运输局\"\n").unwrap();
    let (bytes, shown) = run_on_gb18030_terminal(&["check", "r.toml"], dir.path());
    assert!(std::str::from_utf8(&bytes).is_err(), "{shown}");
    assert!(shown.contains("错误"), "{shown}");
    let piped = common::nianbao(&["check", "r.toml"])
        .current_dir(dir.path())
        .env("LANG", "zh_CN.GB18030")
        .go();
    let text = String::from_utf8(piped.stdout).expect("UTF-8 into a pipe");
    assert!(text.contains("错误"), "{text}");
    // The help too.
    let (_, shown) = run_on_gb18030_terminal(&["--help"], dir.path());
    assert!(shown.contains("填报向导"), "{shown}");
}

/// Runs the binary with `args` on a GB18030 terminal (a pseudo-terminal,
/// LANG=zh_CN.GB18030) to its end: what it wrote, and that decoded as
/// GB18030, which it must be.
fn run_on_gb18030_terminal(args: &[&str], dir: &std::path::Path) -> (Vec<u8>, String) {
    let mut s = Session::pty_with(
        args,
        dir,
        80,
        24,
        Some("-onlcr"),
        &[("LANG", "zh_CN.GB18030")],
    );
    s.wait_for_end(WAIT);
    let bytes = s.output();
    let (shown, _, bad) = GB18030.decode(&bytes);
    assert!(!bad, "{bytes:?}");
    let shown = shown.into_owned();
    (bytes, shown)
}

/// Quitting gives the real terminal back as it was (raw mode off, echo on),
/// not the relay's private one; a hang-up with no SIGHUP (the shell was the
/// session leader) still saves and exits.
#[test]
fn a_gb18030_terminal_is_given_back_and_a_hang_up_saves() {
    let dir = tempfile::tempdir().unwrap();
    let gb = [("LANG", "zh_CN.GB18030")];
    let mut s = Session::wizard(&["edit", "r.toml"], dir.path(), 80, 24, &gb);
    Terminal::Gb18030.wait_for(&s, "机关名称");
    let before = s.termios();
    assert_eq!(before.c_lflag & libc::ECHO, 0, "raw mode while running");
    Terminal::Gb18030.type_keys(&s, "<C-q>");
    assert_eq!(s.wait_for_end(WAIT).code, Some(0));
    let after = s.termios();
    assert_ne!(after.c_lflag & libc::ECHO, 0, "echo back on");
    assert_ne!(after.c_lflag & libc::ICANON, 0, "line mode back on");

    let shell = ["sh", "-c", "\"$0\" \"$@\"; sleep 30"].map(String::from);
    let s = Session::wizard_wrapped(&shell, &["edit", "h.toml"], dir.path(), 80, 24, &gb);
    Terminal::Gb18030.wait_for(&s, "机关名称");
    Terminal::Gb18030.type_keys(&s, "挂断前的单位<Tab>");
    Terminal::Gb18030.wait_for(&s, "挂断前的单位");
    let mut s = s;
    s.hang_up();
    common::session::wait_saved_and_released(&dir.path().join("h.toml"), "挂断前的单位", WAIT);
    drop(s);
}

/// An internal error (a panic, injected; debug builds only) on a GB18030
/// terminal: the report is saved and where is said in GB18030.
#[test]
fn a_crash_on_a_gb18030_terminal_is_explained_in_gb18030() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("LANG", "zh_CN.GB18030"), ("NIANBAO_PANIC_AT_EVENT", "4")];
    let mut s = Session::wizard(&["edit", "r.toml"], dir.path(), 80, 24, &env);
    Terminal::Gb18030.wait_for(&s, "机关名称");
    Terminal::Gb18030.type_keys(&s, "机关甲乙");
    s.wait_for_end(WAIT);
    let out = s.output();
    let (shown, _, _) = GB18030.decode(&out);
    assert!(shown.contains("出错退出；报告已保存到"), "{shown}");
    let saved = std::fs::read_to_string(dir.path().join("r.toml")).unwrap();
    // The fourth key is the one that panics: the three before it are kept.
    assert!(saved.contains("agency = \"机关甲\""), "{saved}");
}

/// A bracketed paste whose escape sequences arrive cut in two (a terminal
/// converter or a slow link may write them so) is still one paste: the
/// relay holds a sequence cut at the end of a read until its rest comes, so
/// the key parser never takes its ESC for the Esc key.
#[test]
fn a_paste_whose_escapes_arrive_in_pieces_is_still_a_paste() {
    let dir = tempfile::tempdir().unwrap();
    let terminal = Terminal::Gb18030;
    let s = Session::wizard(
        &["edit", "report.toml"],
        dir.path(),
        80,
        24,
        &[("LANG", terminal.locale())],
    );
    terminal.wait_for(&s, "机关名称");
    terminal.type_keys(&s, "abc");
    terminal.wait_for(&s, "abc");
    let paste = terminal.encode("\x1b[200~机关甲\x1b[201~");
    let end = paste.len() - 3;
    for piece in [&paste[..1], &paste[1..4], &paste[4..end], &paste[end..]] {
        s.send(piece);
        // Long enough for the relay to read each piece apart, well within
        // the time it holds a cut sequence (50 ms).
        std::thread::sleep(Duration::from_millis(5));
    }
    terminal.type_keys(&s, "乙");
    terminal.wait_for(&s, "abc机关甲乙");
    let shown = terminal.screen(&s).screen().contents();
    assert!(
        !shown.contains("200~") && !shown.contains("201~"),
        "{shown}"
    );
}
