//! The real `nianbao` binary in a pseudo-terminal, driven with the keys a
//! user would press, its screen read back through a terminal emulator
//! (vt100). Every wait is bounded: a hang fails the test instead of
//! blocking it.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(15);

struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    fn start(dir: &Path, args: &[&str]) -> Session {
        Session::start_with(dir, args, &[("LANG", "C.UTF-8")])
    }

    /// Starts with these environment variables (besides TERM and HOME).
    fn start_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nianbao"));
        cmd.args(args);
        cmd.cwd(dir);
        for var in ["LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "NO_COLOR"] {
            cmd.env_remove(var);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", dir);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            child,
            master: pty.master,
            writer,
            screen,
            raw,
        }
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `what`.
    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "timed out waiting for {what:?}; the screen:\n{}",
            self.text()
        );
    }

    /// Types keys (see [`key_bytes`]), one at a time as a person would.
    fn keys(&mut self, spec: &str) {
        for k in key_bytes(spec) {
            self.writer.write_all(&k).unwrap();
            self.writer.flush().unwrap();
            // A lone Esc must not run into the next key (it would read as Alt).
            let pause = if k == b"\x1b" { 80 } else { 3 };
            std::thread::sleep(Duration::from_millis(pause));
        }
    }

    /// Pastes text with bracketed paste, as a terminal does.
    fn paste(&mut self, text: &str) {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.writer.write_all(&bytes).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }

    fn resize(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
    }

    /// Waits for the process to end; its exit code.
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        panic!("the wizard did not exit; the screen:\n{}", self.text());
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Sends a signal with the shell's own `kill` (always there, unlike /bin/kill).
    fn signal(&self, sig: &str) {
        let ok = std::process::Command::new("sh")
            .args(["-c", &format!("kill -{sig} {}", self.pid())])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{sig} failed");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The bytes a terminal sends for each key of a key string: characters as
/// UTF-8, `<Tab>`, `<S-Tab>`, `<Enter>`, `<Esc>`, `<BS>`, `<Del>`, `<Up>`,
/// `<Down>`, `<Left>`, `<Right>`, `<PgUp>`, `<PgDn>`, `<F1>`, `<F2>`,
/// `<C-x>`; `<Down*5>` repeats a key.
fn key_bytes(spec: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = spec;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let token = &rest[1..end];
            rest = &rest[end + 1..];
            let (name, times) = match token.split_once('*') {
                Some((n, t)) => (n, t.parse().unwrap()),
                None => (token, 1),
            };
            let bytes: Vec<u8> = match name {
                "Tab" => b"\t".to_vec(),
                "S-Tab" => b"\x1b[Z".to_vec(),
                "Enter" => b"\r".to_vec(),
                "Esc" => b"\x1b".to_vec(),
                "BS" => b"\x7f".to_vec(),
                "Del" => b"\x1b[3~".to_vec(),
                "Up" => b"\x1b[A".to_vec(),
                "Down" => b"\x1b[B".to_vec(),
                "Right" => b"\x1b[C".to_vec(),
                "Left" => b"\x1b[D".to_vec(),
                "PgUp" => b"\x1b[5~".to_vec(),
                "PgDn" => b"\x1b[6~".to_vec(),
                "F1" => b"\x1bOP".to_vec(),
                "F2" => b"\x1bOQ".to_vec(),
                n if n.starts_with("C-") => vec![n.as_bytes()[2] - b'a' + 1],
                n => panic!("unknown key <{n}>"),
            };
            for _ in 0..times {
                out.push(bytes.clone());
            }
            continue;
        }
        out.push(c.to_string().into_bytes());
        rest = &rest[c.len_utf8()..];
    }
    out
}

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
    let mut s = Session::start(dir.path(), &["edit", "report.toml"]);
    s.wait_for("机关名称");
    // No question to answer first: typing goes into 机关名称.
    s.keys("昆区商务局<Tab>");
    s.keys("<BS*4>2024<Tab>");
    s.keys("<Right*7><Tab>"); // 机关层级: 县级政府部门
    s.wait_for("县级政府部门");
    s.keys("《关于做好政府信息公开工作年度报告的通知》<Tab>");
    s.keys("昆区商务局办公室<Tab>包头市昆区钢铁大街<Tab>014010<Tab>张三<Tab>");
    s.keys("0472-2836709<Tab>kqswj@126.com<Tab>http://www.kunqu.gov.cn<Tab>");
    // 一、总体情况: multi-line text, Enter is a new line; a pasted paragraph.
    s.wait_for("概述");
    s.keys("2024年，我局认真贯彻落实《条例》。<Enter>全年未发生行政复议。<Tab>");
    s.paste("全年主动公开信息120条。\r\n其中政策解读5篇。");
    s.wait_for("其中政策解读5篇");
    s.keys("<Tab>共收到申请13件。<Tab>建立审查机制。<Tab>完善门户网站专栏。<Tab>纳入考核。<Tab>");
    // 二: ten cells across four tables, the fee with four decimals.
    s.wait_for("第二十条第（一）项");
    s.keys("0<Tab>0<Tab>0<Tab>3<Tab>1<Tab>25<Tab>120<Enter>15<Tab>2<Tab>1.2345<Tab>");
    // 三: rows 一 and 二 pasted from a spreadsheet, the rest typed.
    s.wait_for("本年新收");
    s.paste("10\t2\t0\t0\t1\t0\r\n1\t0\t0\t0\t0\t0\r\n");
    s.wait_for("已粘贴 4 个值");
    s.keys("<Down*2>8<Tab>1<Tab>0<Tab>0<Tab>1<Tab>0<Tab>1<Enter>");
    s.keys("<Down*21><Left>2<Tab>1<Tab>");
    s.wait_for("相符   相符   相符   相符   相符  相符  相符");
    // 四
    s.keys("<PgDn>");
    s.wait_for("结果维持");
    s.keys("1<Tab>0<Tab>0<Tab>1<Tab>");
    // 五、六
    s.keys("<PgDn>");
    s.wait_for("存在的主要问题及改进情况");
    s.keys("信息发布不够及时。<Enter>下一步加强审核。<Tab>");
    s.keys("本年度未收取信息处理费。");
    s.keys("<C-q>");
    assert_eq!(s.wait_exit(), 0);
    let written = std::fs::read_to_string(&path).unwrap();
    let expected = include_str!("fixtures/wizard-typed-report.toml");
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
    let mut s = Session::start(dir.path(), &["edit", "r.toml"]);
    s.wait_for("机关名称");
    s.keys("示例局<Tab><BS*4>2024<Tab>");
    s.keys("<PgDn*3>");
    s.wait_for("本年新收");
    s.keys("12<Tab>3<Enter>4<Tab>");
    s.keys("<PgDn>9<Tab>");
    s.keys("<PgDn>正在输入的文字");
    s.wait_for("正在输入的文字");
    // Text is saved after a pause of at most a second.
    std::thread::sleep(Duration::from_millis(1500));
    s.keys("77"); // typed but not confirmed: may be lost
    s.signal("KILL");
    s.wait_exit();
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
    let mut s = Session::start(dir.path(), &["edit", "r.toml"]);
    s.wait_for("机关名称");
    {
        let screen = s.screen.lock().unwrap();
        assert!(screen.screen().alternate_screen());
        assert!(screen.screen().bracketed_paste());
    }
    s.keys("<PgDn*4>42");
    s.wait_for("42");
    s.signal("HUP");
    assert_eq!(s.wait_exit(), 129);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("upheld = 42"), "{text}");
    std::thread::sleep(Duration::from_millis(100));
    let screen = s.screen.lock().unwrap();
    assert!(!screen.screen().alternate_screen(), "alternate screen left");
    assert!(!screen.screen().bracketed_paste(), "bracketed paste off");
    assert!(!screen.screen().hide_cursor(), "cursor shown");
}

/// SIGTERM saves too.
#[test]
fn sigterm_saves_and_exits() {
    let (dir, path) = temp_report("r.toml");
    let mut s = Session::start(dir.path(), &["edit", "r.toml"]);
    s.wait_for("机关名称");
    s.keys("测试单位");
    s.wait_for("测试单位");
    s.signal("TERM");
    assert_eq!(s.wait_exit(), 128 + 15);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("agency = \"测试单位\""), "{text}");
}

#[test]
fn a_second_wizard_on_the_same_file_says_who_has_it() {
    let (dir, _) = temp_report("r.toml");
    let first = Session::start(dir.path(), &["edit", "r.toml"]);
    first.wait_for("机关名称");
    let mut second = Session::start(dir.path(), &["edit", "r.toml"]);
    assert_eq!(second.wait_exit(), 2);
    std::thread::sleep(Duration::from_millis(100));
    let out = String::from_utf8_lossy(&second.raw.lock().unwrap()).into_owned();
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
    let mut s = Session::start(dir.path(), &["edit", "r.toml"]);
    assert_eq!(s.wait_exit(), 2);
    std::thread::sleep(Duration::from_millis(100));
    let out = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(out.contains("r.toml:6:1"), "{out}");
    assert!(out.contains("agency"), "did you mean: {out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn resizing_below_the_minimum_shows_a_message_and_back_redraws() {
    let (dir, _) = temp_report("r.toml");
    let mut s = Session::start(dir.path(), &["edit", "r.toml"]);
    s.wait_for("机关名称");
    s.resize(60, 20);
    s.wait_for("终端窗口太小");
    s.wait_for("60x20");
    s.resize(100, 30);
    s.wait_for("报告下载网址");
    s.keys("<C-q>");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn nothing_is_asked_of_the_terminal_at_start() {
    let (dir, _) = temp_report("r.toml");
    let mut s = Session::start(dir.path(), &["edit", "r.toml"]);
    s.wait_for("机关名称");
    std::thread::sleep(Duration::from_millis(200));
    let out = s.raw.lock().unwrap().clone();
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
    s.keys("<C-q>");
    s.wait_exit();
}

#[test]
fn a_locale_that_is_not_utf8_is_pointed_out() {
    let (dir, _) = temp_report("r.toml");
    let mut s = Session::start_with(dir.path(), &["edit", "r.toml"], &[("LANG", "zh_CN.GBK")]);
    s.wait_for("能正确看到这行中文吗");
    s.keys("<C-q>");
    assert_eq!(s.wait_exit(), 0);
}

/// With NO_COLOR no colour is ever sent, even for errors; `--lang en`
/// speaks English.
#[test]
fn no_color_sends_no_colour_and_lang_en_speaks_english() {
    let (dir, _) = temp_report("r.toml");
    let mut s = Session::start_with(
        dir.path(),
        &["--lang", "en", "edit", "r.toml"],
        &[("LANG", "C.UTF-8"), ("NO_COLOR", "1")],
    );
    s.wait_for("Agency");
    s.keys("<PgDn*3>12<Tab>x");
    s.wait_for("is not a digit");
    s.wait_for("OFF");
    s.keys("<C-q>");
    assert_eq!(s.wait_exit(), 0);
    let out = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
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
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        "\"$0\" edit r.toml; sleep 30",
        env!("CARGO_BIN_EXE_nianbao"),
    ]);
    cmd.cwd(dir.path());
    cmd.env("LANG", "C.UTF-8");
    cmd.env("TERM", "xterm-256color");
    let mut shell = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut writer = pty.master.take_writer().unwrap();
    // No reader: the master must close completely for the hang-up. The
    // first frame fits in the terminal's buffer.
    std::thread::sleep(Duration::from_millis(800));
    for key in key_bytes("挂断前的单位<Tab>") {
        writer.write_all(&key).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(500));
    drop(writer);
    drop(pty.master);
    // The wizard saves, exits and so lets go of its lock.
    let start = Instant::now();
    loop {
        let saved = std::fs::read_to_string(&path).unwrap_or_default();
        let unlocked = matches!(nianbao::store::EditLock::acquire(&path), Ok(Ok(_)));
        if saved.contains("挂断前的单位") && unlocked {
            break;
        }
        if start.elapsed() > WAIT {
            // Do not leave it spinning: its pid is in the lock file.
            let lock = nianbao::store::EditLock::path_for(&path);
            let holder = std::fs::read_to_string(lock).unwrap_or_default();
            if let Some(pid) = holder.split('@').next().filter(|p| !p.trim().is_empty()) {
                let _ = std::process::Command::new("sh")
                    .args(["-c", &format!("kill -9 {}", pid.trim())])
                    .status();
            }
            panic!("still running after the hang-up; saved: {saved}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = shell.kill();
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
    nianbao::store::save(&dir.path().join("2023.toml"), &last_report).unwrap();
    let this = busy.replace(
        "format = \"nianbao/1\"\n",
        "format = \"nianbao/1\"\n\n[meta]\nprevious = \"2023.toml\"\n",
    );
    std::fs::write(dir.path().join("2024.toml"), &this).unwrap();
    let mut s = Session::start(dir.path(), &["edit", "2024.toml"]);
    s.wait_for("机关名称");
    s.keys("<F2><Up><Enter>");
    s.wait_for("警告 2 个");
    s.keys("<Down>");
    s.wait_for("但上年报告 2023.toml");
    s.keys("<C-q>");
    assert_eq!(s.wait_exit(), 0);

    std::fs::write(dir.path().join("2023.toml"), "not toml at all [").unwrap();
    let mut s = Session::start(dir.path(), &["edit", "2024.toml"]);
    s.wait_for("机关名称");
    s.keys("<F2><Up><Enter>");
    s.wait_for("无法读取上年报告");
    s.keys("<C-q>");
    assert_eq!(s.wait_exit(), 0);
}
