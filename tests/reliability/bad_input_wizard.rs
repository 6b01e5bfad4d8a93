//! The wizard (`nianbao edit` on a pseudo-terminal) given bad conditions: a
//! terminal far too small, a storm of resizes while typing, a 1 MB paste into
//! a text field and into a table, the file held by another editor, the file
//! changed by someone else, a folder made read-only, a disk that fills up,
//! and a report made read-only. In each: no crash, a clear message, and
//! nothing typed lost. (A second wizard on a held file, a file that cannot
//! be edited safely, and resizing below the minimum and back are in
//! `wizard_pty`.)

use crate::common;

use common::needs::Need;
use common::session::Session;
use common::wizard::{Input, inputs};
use common::wizard_trials::{COLS, NAME, ROWS, drawn, entry_script, wizard_oracle};
use common::{BUSY, Rng, as_ordinary_user, chmod, mode_of, snapshot};
use nianbao::schema::Lang;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(15);

fn wizard_on(dir: &Path, cols: u16, rows: u16) -> Session {
    Session::wizard(&["edit", "--lang", "zh", NAME], dir, cols, rows, &[])
}

/// The wizard on `NAME` in `dir` at 80×24, once it shows its first step.
fn wizard_ready(dir: &Path) -> Session {
    let s = wizard_on(dir, COLS, ROWS);
    s.wait_for_screen("机关名称", WAIT);
    s
}

fn send(s: &mut Session, these: &[Input]) {
    for input in these {
        s.send(&input.bytes());
    }
}

/// Waits until the file holds `text`.
fn wait_for_file(path: &Path, text: &str) {
    let deadline = Instant::now() + WAIT;
    while !fs::read_to_string(path).unwrap_or_default().contains(text) {
        assert!(Instant::now() < deadline, "the file never held {text:?}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Lines `line(1)`, `line(2)`, … each ended with CR LF, as a terminal
/// pastes them, until there is a mebibyte; the text and how many lines.
fn a_megabyte_of(line: impl Fn(usize) -> String) -> (String, usize) {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 1 << 20 {
        n += 1;
        text.push_str(&line(n));
        text.push_str("\r\n");
    }
    (text, n)
}

/// Pastes `text` and waits, a minute at the most, until the screen shows
/// `shown`; how long that took.
fn paste_until_shown(s: &mut Session, text: &str, shown: &str) -> Duration {
    let started = Instant::now();
    s.send(&common::wizard::paste_bytes(text));
    s.wait_for_screen(shown, Duration::from_secs(60));
    started.elapsed()
}

/// Quits with Ctrl+Q; how it ended and everything it printed.
fn quit(s: Session) -> (Option<i32>, String) {
    s.send(b"\x11");
    let (ended, out) = s.finish(WAIT);
    assert_eq!(ended.signal, None, "{ended:?}");
    (ended.code, String::from_utf8_lossy(&out).into_owned())
}

fn agency(path: &Path) -> String {
    nianbao::store::load(path, Lang::Zh)
        .unwrap()
        .report
        .text_at("report.agency")
        .to_string()
}

/// 20×5: the message says how small it is and what is needed; the file
/// is untouched; enlarged, the wizard is there and takes keys.
#[test]
fn a_20_by_5_terminal_gets_a_message_and_works_once_enlarged() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(NAME);
    fs::write(&file, BUSY).unwrap();
    let s = wizard_on(dir.path(), 20, 5);
    s.wait_for_screen("终端窗口太小", WAIT);
    s.wait_for_screen("20x5", WAIT);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(fs::read_to_string(&file).unwrap(), BUSY, "untouched");
    s.resize(COLS, ROWS);
    s.wait_for_screen("机关名称", WAIT);
    let mut s = s;
    send(&mut s, &inputs("<End>放大后"));
    s.wait_for_screen("放大后", WAIT);
    let (code, _) = quit(s);
    assert_eq!(code, Some(0));
    assert!(agency(&file).ends_with("放大后"), "{}", agency(&file));
}

/// Hundreds of resizes to random sizes — tiny ones included — between the
/// keys of the scripted entry: no crash, every key taken (the file is the
/// oracle's), and back at 80×24 the screen is the one the oracle draws,
/// row for row.
#[test]
fn a_storm_of_resizes_while_typing_loses_no_key() {
    // The first 300 inputs of the scripted entry (through 报告信息, 一, 二
    // and into 三), then back to 报告信息 with PgUp and a few characters
    // into a one-line field there, whose screen does not depend on how a
    // long table or text was scrolled before.
    let mut typed: Vec<Input> = entry_script()[..300].to_vec();
    let mut app = wizard_oracle(None, &typed).app;
    let mut more = inputs("<PgUp><PgUp><PgUp><PgUp><PgUp><PgUp><PgUp>");
    for input in &more {
        app.handle_event(input.event());
    }
    while app.context() != nianbao::tui::keymap::Context::LineText {
        let tab = inputs("<S-Tab>");
        app.handle_event(tab[0].event());
        more.extend(tab);
    }
    more.extend(inputs("<End>风暴后"));
    typed.extend(more);
    let oracle = wizard_oracle(None, &typed);
    let dir = tempfile::tempdir().unwrap();
    let s = wizard_ready(dir.path());
    let mut rng = Rng::new(20_240_601);
    let mut resizes = 0;
    let mut tiny = 0;
    let started = Instant::now();
    for input in &typed {
        for _ in 0..1 + rng.below(2) {
            let (cols, rows) = match rng.below(4) {
                // (The emulator, vt100, cannot take a wide character in
                // fewer than 3 columns; the wizard is never asked to.)
                0 => (3 + rng.below(30) as u16, 2 + rng.below(8) as u16),
                _ => (10 + rng.below(190) as u16, 3 + rng.below(57) as u16),
            };
            if cols < 80 || rows < 24 {
                tiny += 1;
            }
            s.resize(cols, rows);
            resizes += 1;
        }
        s.send(&input.bytes());
        if rng.below(2) == 0 {
            std::thread::sleep(Duration::from_millis(rng.below(3) as u64));
        }
    }
    s.resize(COLS, ROWS);
    let (rows, _) = drawn(&oracle.app, COLS, ROWS);
    s.wait_until("the oracle's screen", WAIT, |screen| {
        let real: Vec<String> = screen
            .rows(0, COLS)
            .map(|r| r.trim_end().to_string())
            .collect();
        real == rows
    });
    let elapsed = started.elapsed();
    let (code, printed) = quit(s);
    assert_eq!(code, Some(0), "{printed}");
    let mut with_quit = typed.clone();
    with_quit.extend(inputs("<C-q>"));
    let expected = wizard_oracle(None, &with_quit);
    assert_eq!(
        fs::read_to_string(dir.path().join(NAME)).unwrap(),
        String::from_utf8(expected.exits.last().unwrap().clone()).unwrap(),
        "a key was lost or misread"
    );
    println!(
        "resize storm: {resizes} resizes ({tiny} below 80×24) between {} inputs in {:.1} s; \
         no crash, no key lost, final screen as the oracle's",
        typed.len(),
        elapsed.as_secs_f64()
    );
}

/// A megabyte of text pasted into a multi-line field: refused at once with
/// its length and the limit, nothing of it kept; the field takes keys
/// after, and a paste within the limit is kept whole.
#[test]
fn a_megabyte_pasted_into_a_text_field_is_refused_with_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(NAME);
    let mut s = wizard_ready(dir.path());
    // 一、总体情况's first text.
    send(&mut s, &inputs("<PgDn>"));
    s.wait_for_screen("概述", WAIT);
    let line = "本年度主动公开政府信息，依法答复申请，做好复议诉讼工作。";
    let (text, n) = a_megabyte_of(|n| format!("第{n}行：{line}"));
    let chars = text.replace("\r\n", "\n").chars().count();
    let shown = paste_until_shown(&mut s, &text, "上限 20000");
    let fits = "粘贴的一段话\r\n第二行";
    s.send(&common::wizard::paste_bytes(fits));
    send(&mut s, &inputs("尾"));
    s.wait_for_screen("第二行尾", WAIT);
    let (code, printed) = quit(s);
    assert_eq!(code, Some(0), "{printed}");
    let report = nianbao::store::load(&file, Lang::Zh).unwrap().report;
    assert_eq!(report.text_at("overview.summary"), "粘贴的一段话\n第二行尾");
    println!(
        "1 MB paste into a text field ({} bytes, {n} lines, {chars} characters): refused on \
         screen after {:.2} s (debug build)",
        text.len(),
        shown.as_secs_f64(),
    );
}

/// A megabyte of spreadsheet rows pasted into a table: the cells that fit
/// are filled, the rest is counted and said, nothing hangs.
#[test]
fn a_megabyte_pasted_into_a_table_fills_what_fits_and_says_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(NAME);
    let mut s = wizard_ready(dir.path());
    send(&mut s, &inputs("<PgDn><PgDn><PgDn>"));
    s.wait_for_screen("本年新收", WAIT);
    let (block, rows) = a_megabyte_of(|row| format!("{}\t2\t3\t4\t5\t6\t7\t8", row % 10));
    let shown = paste_until_shown(&mut s, &block, "已粘贴");
    let status = s.text();
    wait_for_file(&file, "natural = 1");
    let (code, printed) = quit(s);
    assert_eq!(code, Some(0), "{printed}");
    let report = nianbao::store::load(&file, Lang::Zh).unwrap().report;
    let cell = |p: &str| report.cell_at(p).unwrap().to_string();
    assert_eq!(cell("applications.new_received.natural"), "1");
    assert_eq!(cell("applications.new_received.commercial"), "2");
    assert_eq!(cell("applications.carried_over.natural"), "2");
    assert!(
        status.contains("个值超出表格范围，未粘贴"),
        "the values that did not fit are counted: {status}"
    );
    println!(
        "1 MB paste into a table ({} bytes, {rows} rows): handled and on screen after {:.2} s \
         (debug build)",
        block.len(),
        shown.as_secs_f64()
    );
}

/// Plain mode on a file the wizard has open is told who has it.
#[test]
fn plain_mode_on_a_file_the_wizard_holds_is_told_who() {
    let dir = tempfile::tempdir().unwrap();
    let s = wizard_ready(dir.path());
    let out = common::nianbao(&["edit", "--plain", "--lang", "en", NAME])
        .current_dir(dir.path())
        .stdin("其他人\n")
        .go();
    assert_eq!(out.code(), Some(1), "{}", out.both());
    let holder = format!("{}@{}", s.pid(), nianbao::store::hostname());
    assert!(out.both().contains(&holder), "{holder} in {}", out.both());
    let (code, _) = quit(s);
    assert_eq!(code, Some(0));
    assert_ne!(agency(&dir.path().join(NAME)), "其他人");
}

/// Someone else rewrites the file while the wizard edits it: theirs is
/// left alone, ours goes to `r.conflict-PID.toml` beside it, and the
/// screen (status and title) and the last word say so.
#[test]
fn a_file_changed_on_disk_while_editing_is_not_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(NAME);
    fs::write(&file, BUSY).unwrap();
    let mut s = wizard_ready(dir.path());
    send(&mut s, &inputs("<End>甲<Tab>"));
    wait_for_file(&file, "甲\"");
    let theirs = BUSY.replace("示例市自然资源和规划局", "别人改过的局");
    fs::write(&file, &theirs).unwrap();
    send(&mut s, &inputs("<BS><BS><BS><BS>2023<Tab>"));
    let conflict = format!("r.conflict-{}.toml", s.pid());
    s.wait_for_screen("文件已被别人修改，未覆盖；你的修改保存到", WAIT);
    s.wait_until("the conflict copy in the title", WAIT, |screen| {
        screen
            .contents()
            .lines()
            .next()
            .unwrap_or("")
            .contains(&conflict)
    });
    send(&mut s, &inputs("乙"));
    let (code, printed) = quit(s);
    assert_eq!(code, Some(0), "{printed}");
    assert!(printed.contains("被别人修改过，没有覆盖"), "{printed}");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        theirs,
        "theirs untouched"
    );
    let ours = dir.path().join(&conflict);
    let report = nianbao::store::load(&ours, Lang::Zh).unwrap().report;
    assert!(report.text_at("report.agency").ends_with('甲'));
    assert_eq!(report.year(), Some(2023));
}

/// The folder turns read-only mid-session: the title says 未保存！ and the
/// status line why; once writable again the retry saves it; read-only to
/// the end, the wizard writes an emergency copy to `$HOME` and says where.
#[test]
fn a_folder_made_read_only_while_editing_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("reports");
    let home = dir.path().join("home");
    fs::create_dir(&folder).unwrap();
    fs::create_dir(&home).unwrap();
    let file = folder.join(NAME);
    fs::write(&file, BUSY).unwrap();
    let home_text = home.to_str().unwrap();
    let mut s = Session::wizard_wrapped(
        &as_ordinary_user(),
        &["edit", "--lang", "zh", NAME],
        &folder,
        COLS,
        ROWS,
        &[("HOME", home_text), ("TMPDIR", home_text)],
    );
    s.wait_for_screen("机关名称", WAIT);
    send(&mut s, &inputs("<End>甲<Tab>"));
    wait_for_file(&file, "甲\"");
    chmod(&folder, 0o555);
    send(&mut s, &inputs("<BS><BS><BS><BS>2023<Tab>"));
    s.wait_for_screen("未保存！", WAIT);
    s.wait_for_screen("未能保存到", WAIT);
    assert!(!fs::read_to_string(&file).unwrap().contains("year = 2023"));
    chmod(&folder, 0o755);
    wait_for_file(&file, "year = 2023");
    s.wait_until("the title back to the file", WAIT, |screen| {
        !screen.contents().contains("未保存！")
    });
    let saved = fs::read_to_string(&file).unwrap();
    chmod(&folder, 0o555);
    send(&mut s, &inputs("<Right>"));
    s.wait_for_screen("未保存！", WAIT);
    let (code, printed) = quit(s);
    chmod(&folder, 0o755);
    assert_eq!(code, Some(1), "{printed}");
    assert_eq!(fs::read_to_string(&file).unwrap(), saved, "untouched since");
    let copy = home.join(format!(
        "r.unsaved-{}.toml",
        printed
            .split("r.unsaved-")
            .nth(1)
            .and_then(|t| t.split('.').next())
            .unwrap_or_else(|| panic!("no emergency copy named in {printed}"))
    ));
    assert!(printed.contains("全部内容已保存在"), "{printed}");
    let report = nianbao::store::load(&copy, Lang::Zh).unwrap().report;
    assert!(report.text_at("report.agency").ends_with('甲'));
    assert_eq!(report.year(), Some(2023));
    assert_ne!(
        report.text_at("report.level"),
        nianbao::store::load(&file, Lang::Zh)
            .unwrap()
            .report
            .text_at("report.level"),
        "the last change is in the copy"
    );
}

/// A report made read-only (0444) is not replaced, even by root: the
/// screen says why, and on the way out the report goes to an emergency
/// copy beside it, whose path is printed.
#[test]
fn a_read_only_report_is_not_replaced_and_the_work_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(NAME);
    fs::write(&file, BUSY).unwrap();
    chmod(&file, 0o444);
    let mut s = wizard_ready(dir.path());
    send(&mut s, &inputs("<End>甲<Tab>"));
    s.wait_for_screen("未保存！", WAIT);
    s.wait_for_screen("文件是只读的", WAIT);
    let (code, printed) = quit(s);
    assert_eq!(code, Some(1), "{printed}");
    assert!(printed.contains("文件是只读的"), "{printed}");
    assert_eq!(fs::read_to_string(&file).unwrap(), BUSY);
    assert_eq!(mode_of(&file), 0o444);
    let copies: Vec<String> = snapshot(dir.path())
        .into_keys()
        .filter(|n| n.starts_with("r.unsaved-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(printed.contains(&copies[0]), "{printed}");
    assert!(agency(&dir.path().join(&copies[0])).ends_with('甲'));
}

/// The disk fills up mid-session (a 64 KiB tmpfs in a private mount
/// namespace): the same as a read-only folder, with the system's reason.
/// The test runs itself again inside `unshare`, where it may mount.
#[test]
fn a_disk_that_fills_up_while_editing_loses_nothing() {
    if std::env::var_os("NIANBAO_IN_PRIVATE_MOUNTS").is_some() {
        return full_disk_inside_the_namespace();
    }
    if !common::needs::have(Need::PrivateMounts) {
        return;
    }
    let unshare = common::needs::private_mount_namespace().expect("checked above");
    // This very test, by its full name, in the namespace.
    let name = std::thread::current().name().unwrap().to_string();
    let out = std::process::Command::new("timeout")
        .arg("120")
        .arg("unshare")
        .args(unshare)
        .arg(std::env::current_exe().unwrap())
        .args([&name, "--exact", "--nocapture", "--test-threads=1"])
        .env("NIANBAO_IN_PRIVATE_MOUNTS", "1")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && text.contains("1 passed"),
        "the scenario failed in its namespace (unshare {}):\n{text}",
        unshare.join(" ")
    );
}

fn full_disk_inside_the_namespace() {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    let home = dir.path().join("home");
    fs::create_dir(&disk).unwrap();
    fs::create_dir(&home).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&disk)
        .status()
        .unwrap();
    assert!(mounted.success(), "mount failed");
    println!("mounted a 64 KiB disk");
    let file = disk.join(NAME);
    fs::write(&file, BUSY).unwrap();
    let home_text = home.to_str().unwrap();
    let mut s = Session::wizard(
        &["edit", "--lang", "zh", NAME],
        &disk,
        COLS,
        ROWS,
        &[("HOME", home_text), ("TMPDIR", home_text)],
    );
    s.wait_for_screen("机关名称", WAIT);
    send(&mut s, &inputs("<End>甲<Tab>"));
    wait_for_file(&file, "甲\"");
    let fill = |name: &str| {
        let mut f = fs::File::create(disk.join(name)).unwrap();
        let chunk = [0u8; 1024];
        while std::io::Write::write_all(&mut f, &chunk).is_ok() {}
        let _ = f.sync_all();
    };
    fill("filler");
    send(&mut s, &inputs("<BS><BS><BS><BS>2023<Tab>"));
    s.wait_for_screen("未保存！", WAIT);
    s.wait_for_screen("磁盘空间不足", WAIT);
    assert!(!fs::read_to_string(&file).unwrap().contains("year = 2023"));
    fs::remove_file(disk.join("filler")).unwrap();
    wait_for_file(&file, "year = 2023");
    let saved = fs::read_to_string(&file).unwrap();
    fill("filler");
    send(&mut s, &inputs("<Right>"));
    s.wait_for_screen("未保存！", WAIT);
    let (code, printed) = quit(s);
    assert_eq!(code, Some(1), "{printed}");
    assert_eq!(fs::read_to_string(&file).unwrap(), saved, "untouched since");
    assert!(printed.contains("全部内容已保存在"), "{printed}");
    let copies: Vec<String> = snapshot(&home)
        .into_keys()
        .filter(|n| n.starts_with("r.unsaved-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?} {printed}");
    let report = nianbao::store::load(&home.join(&copies[0]), Lang::Zh)
        .unwrap()
        .report;
    assert_eq!(report.year(), Some(2023));
    assert!(report.text_at("report.agency").ends_with('甲'));
    let no_temp = snapshot(&disk).keys().all(|n| !n.ends_with(".tmp"));
    assert!(no_temp, "a failed save left a temp file");
}

/// Whether the terminal shows `expected` (the oracle's rows at 80×24).
fn screen_is(screen: &vt100::Screen, expected: &[String]) -> bool {
    let real: Vec<String> = screen
        .rows(0, COLS)
        .map(|r| r.trim_end().to_string())
        .collect();
    real == expected
}

/// A key that reaches the wizard together with a resize — both waiting
/// when it next looks for input — is read at once, not held until the
/// next key. The wizard is kept from looking by holding its output back
/// until it blocks writing a frame; then the terminal is resized, and once
/// the resize's signal has been handled, a key is typed.
#[test]
fn a_key_that_comes_with_a_resize_is_read_at_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(NAME), BUSY).unwrap();
    let s = wizard_on(dir.path(), COLS, ROWS);
    s.wait_for_screen("机关名称", WAIT);
    for input in inputs("<PgDn><PgDn><PgDn>") {
        s.send(&input.bytes());
    }
    s.wait_for_screen("本年新收", WAIT);
    let deadline = Instant::now() + WAIT;
    let mut held = s.hold_output();
    // Whole frames at alternating sizes, until the terminal's buffer is
    // full and the wizard waits to write the rest.
    for round in 0.. {
        let (cols, rows) = if round % 2 == 0 { (200, 60) } else { (190, 55) };
        s.resize_held(&mut held, cols, rows);
        loop {
            match s.blocked_in() {
                Some(libc::SYS_write | libc::SYS_writev) => break,
                Some(_) if !s.signal_pending(libc::SIGWINCH) => break,
                _ => {}
            }
            assert!(
                Instant::now() < deadline,
                "the wizard never blocked writing"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        if matches!(s.blocked_in(), Some(libc::SYS_write | libc::SYS_writev)) {
            break;
        }
    }
    s.resize_held(&mut held, COLS, ROWS);
    while s.signal_pending(libc::SIGWINCH) {
        assert!(Instant::now() < deadline, "SIGWINCH was never handled");
        std::thread::sleep(Duration::from_millis(1));
    }
    s.send(b"98765");
    drop(held);
    s.wait_for_screen("98765", WAIT);
    let (code, printed) = quit(s);
    assert_eq!(code, Some(0), "{printed}");
}

/// Shrunk and grown back before the wizard has looked (a window dragged
/// small and back in one movement): the terminal lost what the shrink cut
/// off, and the wizard draws all of it again.
#[test]
fn shrunk_and_grown_back_at_once_the_screen_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(NAME), BUSY).unwrap();
    let s = wizard_on(dir.path(), COLS, ROWS);
    s.wait_for_screen("机关名称", WAIT);
    let app = common::wizard_trials::open_app(Some(BUSY.as_bytes()));
    let (expected, _) = drawn(&app, COLS, ROWS);
    s.wait_until("the oracle's screen", WAIT, |screen| {
        screen_is(screen, &expected)
    });
    assert!(s.signal(libc::SIGSTOP));
    s.resize(30, 8);
    s.resize(COLS, ROWS);
    assert!(s.signal(libc::SIGCONT));
    s.wait_until("the whole screen drawn again", WAIT, |screen| {
        screen_is(screen, &expected)
    });
    let (code, printed) = quit(s);
    assert_eq!(code, Some(0), "{printed}");
}
