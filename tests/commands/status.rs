//! `nianbao status` on a folder of 50 reports: good, incomplete, broken
//! (a syntax error, an unknown key, totals that do not add up), one open in
//! a wizard now (a lock this test holds) and one with a stale lock file in
//! the old `pid@host` form, from a process that has exited.

use crate::common;

use common::{BUSY, SEED, nianbao, snapshot, write_file};
use nianbao::store::EditLock;
use std::fs;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// What the folder holds, by state.
const COMPLETE: usize = 32;
const INCOMPLETE: usize = 15;
const ERRORS: usize = 2;
const UNREADABLE: usize = 1;
const TOTAL: usize = COMPLETE + INCOMPLETE + ERRORS + UNREADABLE;

struct Folder {
    dir: tempfile::TempDir,
    live: PathBuf,
    stale_pid: u32,
    _lock: EditLock,
}

/// The busy example as another agency's report.
fn busy_as(agency: &str) -> String {
    BUSY.replacen("示例市自然资源和规划局", agency, 1)
}

fn fifty_reports() -> Folder {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 30 complete departments, each in its own folder.
    for i in 1..=30 {
        let sub = root.join(format!("dept-{i:02}"));
        fs::create_dir(&sub).unwrap();
        write_file(&sub, "report.toml", busy_as(&format!("示例县第{i}局")));
    }
    // 10 with the summary still empty, 5 like the seed: tables of zeros.
    for i in 1..=10 {
        let text = busy_as(&format!("未写完的第{i}局"));
        let summary = text.lines().find(|l| l.starts_with("summary = ")).unwrap();
        let text = text.replacen(summary, "summary = \"\"", 1);
        write_file(root, &format!("unfinished-{i:02}.toml"), text);
    }
    for i in 1..=5 {
        write_file(root, &format!("zeros-{i}.toml"), SEED);
    }
    // Broken three ways.
    write_file(root, "syntax.toml", "format = \"nianbao/1\"\n[report\n");
    write_file(
        root,
        "unknown-key.toml",
        BUSY.replacen("[report]\n", "[report]\nagnecy = \"拼错的键\"\n", 1),
    );
    write_file(
        root,
        "unbalanced.toml",
        BUSY.replacen("natural = 380 ", "natural = 381 ", 1),
    );
    // Open in a wizard now (this test holds the lock), and a lock file left
    // by a wizard that was killed.
    let live = write_file(root, "live.toml", busy_as("正在编辑局"));
    let lock = EditLock::acquire(&live).unwrap().unwrap();
    let stale = write_file(root, "stale.toml", busy_as("锁已失效局"));
    let exited = std::process::Command::new("true").spawn().unwrap();
    let stale_pid = exited.id();
    let mut exited = exited;
    exited.wait().unwrap();
    fs::write(EditLock::path_for(&stale), format!("{stale_pid}@oldhost\n")).unwrap();
    Folder {
        dir,
        live,
        stale_pid,
        _lock: lock,
    }
}

fn status(args: &[&str], paths: &[&Path]) -> common::Outcome {
    let mut run = nianbao(&["status"]).args(args);
    for p in paths {
        run = run.arg(p);
    }
    run.env("LANG", "C.UTF-8").go()
}

#[test]
fn fifty_reports_as_a_table() {
    let f = fifty_reports();
    let before = snapshot(f.dir.path());
    let out = status(&[], &[f.dir.path()]);
    assert_eq!(out.code(), Some(1), "{}", out.both());
    let text = out.out();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("情况"), "{text}");
    let rows = &lines[1..=TOTAL];
    // What needs attention first: the unreadable file, then errors, then
    // incomplete, then complete.
    assert!(rows[0].starts_with("无法读取  syntax.toml"), "{text}");
    assert!(rows[1..=ERRORS].iter().all(|r| r.starts_with("有错误")));
    assert!(
        rows[ERRORS + 1..=ERRORS + INCOMPLETE]
            .iter()
            .all(|r| r.starts_with("未完成"))
    );
    assert!(
        rows[TOTAL - COMPLETE..]
            .iter()
            .all(|r| r.starts_with("已完成"))
    );
    assert!(text.contains("dept-07/report.toml"), "{text}");
    // Who has it open, since when; the stale lock says so.
    let live = rows.iter().find(|r| r.contains("live.toml")).unwrap();
    let user = nianbao::account::current_user().unwrap();
    let holder = format!("{user}（{}@", std::process::id());
    assert!(live.contains(&holder) && live.ends_with(" 起）"), "{live}");
    let stale = rows.iter().find(|r| r.contains("stale.toml")).unwrap();
    assert!(
        stale.contains(&format!("的锁已失效（{}@oldhost", f.stale_pid)),
        "{stale}"
    );
    assert!(text.contains("无法读取 syntax.toml:2:8："), "{text}");
    assert!(
        text.contains(&format!(
            "共 {TOTAL} 份报告：已完成 {COMPLETE} 份，有警告 0 份，未完成 {INCOMPLETE} 份，\
             有错误 {ERRORS} 份，无法读取 {UNREADABLE} 份；正在编辑 1 份。"
        )),
        "{text}"
    );
    // Columns line up by display width: every "last saved" time starts in
    // the same terminal column as its heading.
    let column_of = |line: &str, needle: &str| line.find(needle).map(|at| line[..at].width());
    let heading = column_of(lines[0], "最后保存").unwrap();
    for row in rows.iter().filter(|r| !r.starts_with("无法读取")) {
        let year = chrono_like_year(row);
        assert_eq!(column_of(row, &year), Some(heading), "{text}");
    }
    // Looking changed nothing: no lock taken over, no file written.
    assert_eq!(snapshot(f.dir.path()), before);
    assert!(EditLock::path_for(&f.live).exists());
}

/// The `YYYY-` that starts a row's "last saved" time (this year's files).
fn chrono_like_year(row: &str) -> String {
    let at = row
        .char_indices()
        .find(|&(i, _)| {
            let rest = &row[i..];
            rest.len() >= 16
                && rest.as_bytes()[4] == b'-'
                && rest.as_bytes()[13] == b':'
                && rest[..4].bytes().all(|b| b.is_ascii_digit())
        })
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("no time in {row}"));
    row[at..at + 16].to_string()
}

#[test]
fn fifty_reports_as_json() {
    let f = fifty_reports();
    let out = status(&["--format", "json"], &[f.dir.path()]);
    assert_eq!(out.code(), Some(1), "{}", out.both());
    let doc: serde_json::Value = serde_json::from_str(&out.out()).unwrap();
    assert_eq!(doc["format"], "nianbao-status/1");
    let reports = doc["reports"].as_array().unwrap();
    assert_eq!(reports.len(), TOTAL);
    let summary = &doc["summary"];
    for (key, n) in [
        ("reports", TOTAL),
        ("complete", COMPLETE),
        ("incomplete", INCOMPLETE),
        ("errors", ERRORS),
        ("unreadable", UNREADABLE),
        ("warnings", 0),
        ("open", 1),
    ] {
        assert_eq!(summary[key], n, "{key}");
    }
    let by_file = |name: &str| {
        reports
            .iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let live = by_file("live.toml");
    assert_eq!(live["lock"]["state"], "held");
    assert_eq!(live["lock"]["pid"], std::process::id());
    assert_eq!(
        live["lock"]["user"],
        nianbao::account::current_user().unwrap()
    );
    assert!(live["lock"]["since"].as_str().unwrap().contains('T'));
    let stale = by_file("stale.toml");
    assert_eq!(stale["lock"]["state"], "stale");
    assert_eq!(stale["lock"]["pid"], f.stale_pid);
    assert_eq!(stale["lock"]["host"], "oldhost");
    // An old lock file: its owner and time stand in for what it does not say.
    assert!(stale["lock"]["user"].is_string() && stale["lock"]["since"].is_string());
    let syntax = by_file("syntax.toml");
    assert_eq!(syntax["state"], "unreadable");
    assert_eq!(syntax["errors"], serde_json::Value::Null);
    assert_eq!(syntax["unreadable"]["line"], 2);
    let unknown = by_file("unknown-key.toml");
    assert_eq!(unknown["state"], "errors");
    let unbalanced = by_file("unbalanced.toml");
    assert_eq!(unbalanced["state"], "errors");
    assert!(unbalanced["errors"].as_u64().unwrap() >= 1);
    let zeros = by_file("zeros-1.toml");
    assert_eq!(zeros["state"], "incomplete");
    assert_eq!(zeros["completion"]["tables_entered"], 0);
    assert_eq!(zeros["level"], "county_department");
    let done = by_file("dept-01/report.toml");
    assert_eq!(done["state"], "complete");
    assert_eq!(done["agency"], "示例县第1局");
    assert_eq!(done["year"], 2024);
    assert_eq!(
        done["completion"],
        serde_json::json!({"texts_filled": 14, "texts_required": 14, "tables_entered": 6, "tables": 6})
    );
    // Sorted by what needs attention: states in order.
    let order = ["unreadable", "errors", "incomplete", "warnings", "complete"];
    let ranks: Vec<usize> = reports
        .iter()
        .map(|r| order.iter().position(|s| r["state"] == *s).unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
}

#[test]
fn exit_codes_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let good = write_file(dir.path(), "good.toml", BUSY);
    let out = status(&["--lang", "en"], &[&good]);
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert!(out.out().starts_with("state "), "{}", out.out());
    assert!(out.out().contains("1 reports: 1 complete"), "{}", out.out());
    let broken = write_file(dir.path(), "broken.toml", "not = [toml");
    let out = status(&["--lang", "en"], &[&broken]);
    assert_eq!(out.code(), Some(2), "{}", out.both());
    assert!(
        out.err().contains("no report could be read"),
        "{}",
        out.both()
    );
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let out = status(&["--lang", "en"], &[&empty]);
    assert_eq!(out.code(), Some(2), "{}", out.both());
    assert!(out.err().contains("holds no report file"), "{}", out.both());
    let out = status(&["--lang", "en"], &[&good, &broken]);
    assert_eq!(out.code(), Some(1), "{}", out.both());
}

/// A lock file that cannot be read (here a symbolic link, which the lock
/// never follows) is said, not taken for "nobody".
#[test]
fn a_lock_file_that_cannot_be_read_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let report = write_file(dir.path(), "r.toml", BUSY);
    std::os::unix::fs::symlink("/etc/hostname", EditLock::path_for(&report)).unwrap();
    let out = status(&[], &[dir.path()]);
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert!(out.out().contains("不详（锁文件："), "{}", out.out());
    let out = status(&["--format", "json"], &[dir.path()]);
    let doc: serde_json::Value = serde_json::from_str(&out.out()).unwrap();
    let lock = &doc["reports"][0]["lock"];
    assert_eq!(lock["state"], "unknown");
    assert!(lock["message"].is_string(), "{lock}");
    assert_eq!(doc["summary"]["open"], 0);
}
