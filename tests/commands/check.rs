//! `nianbao check`, run as a real binary: exit codes and messages.

use crate::common;

use common::{BUSY, Outcome, run as nianbao, write_file as write};

fn stdout(o: &Outcome) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn examples_are_clean() {
    let examples: Vec<String> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    assert!(examples.len() >= 2);
    let args: Vec<&str> = std::iter::once("check")
        .chain(examples.iter().map(String::as_str))
        .collect();
    let out = nianbao(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 个错误"), "{}", stdout(&out));
}

#[test]
fn broken_balance_names_the_column_and_both_sums() {
    let dir = tempfile::tempdir().unwrap();
    // One more 自然人 granted: （七）总计 grows by one, so 一+二 no longer equals （七）+四.
    let header = BUSY
        .lines()
        .position(|l| l.starts_with("[applications.granted]"))
        .unwrap();
    let natural = BUSY.lines().nth(header + 1).unwrap();
    let n: u32 = natural
        .split('=')
        .nth(1)
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let text = BUSY.replacen(
        natural,
        &natural.replacen(&n.to_string(), &(n + 1).to_string(), 1),
        1,
    );
    let text = fix_totals(&text);
    let f = write(dir.path(), "broken.toml", text.as_bytes());
    let out = nianbao(&["check", f.to_str().unwrap()]);
    let s = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{s}");
    assert!(
        s.contains("三、收到和处理政府信息公开申请情况 / 自然人列"),
        "{s}"
    );
    assert!(
        s.contains("一+二 = 380+20 = 400，但（七）总计+四 = 380+21 = 401"),
        "{s}"
    );

    let out = nianbao(&[
        "check",
        "--lang",
        "en",
        "--format",
        "json",
        f.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = json.as_array().unwrap();
    let p = items
        .iter()
        .find(|p| p["path"] == "applications.*.natural")
        .expect("balance problem");
    assert_eq!(p["severity"], "error");
    assert_eq!(p["file"], f.to_str().unwrap());
    assert!(p["line"].as_u64().unwrap() > 0);
    assert_eq!(
        p["message"],
        "I+II = 380+20 = 400, but (7) Total+IV = 380+21 = 401"
    );
}

/// Rewrites the stored totals so that only the balance is wrong.
fn fix_totals(text: &str) -> String {
    let loaded = nianbao::toml_read::read(text, nianbao::schema::Lang::En).unwrap();
    nianbao::toml_write::write(&loaded.report)
}

#[test]
fn unknown_key_exits_1_naming_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = BUSY.replacen("commercial = 70 ", "comercial = 70 ", 1);
    let line = text
        .lines()
        .position(|l| l.starts_with("comercial"))
        .unwrap()
        + 1;
    let f = write(dir.path(), "typo.toml", text.as_bytes());
    let out = nianbao(&["check", "--lang", "en", f.to_str().unwrap()]);
    let s = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{s}");
    assert!(s.contains(&format!("typo.toml:{line}:1: error:")), "{s}");
    assert!(
        s.contains("unknown key \"comercial\"; did you mean \"commercial\"?"),
        "{s}"
    );
}

#[test]
fn non_utf8_file_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    // "中文" in GBK.
    let f = write(
        dir.path(),
        "gbk.toml",
        b"format = \"nianbao/1\"\n[report]\nagency = \"\xd6\xd0\xce\xc4\"\n",
    );
    let out = nianbao(&["check", f.to_str().unwrap()]);
    let s = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{s}");
    assert!(
        s.contains("gbk.toml:3:11: 错误: 文件不是 UTF-8 编码"),
        "{s}"
    );
    assert!(s.contains("iconv"), "{s}");
}

#[test]
fn missing_file_exits_2() {
    let out = nianbao(&["check", "--lang", "en", "no/such/file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("no/such/file.toml: error: no such file"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn previous_year_carry_over_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let last = write(
        dir.path(),
        "2023.toml",
        BUSY.replacen("year = 2024", "year = 2023", 1).as_bytes(),
    );
    let this = write(dir.path(), "2024.toml", BUSY.as_bytes());
    let out = nianbao(&[
        "check",
        "--lang",
        "en",
        "--previous",
        last.to_str().unwrap(),
        this.to_str().unwrap(),
    ]);
    let s = stdout(&out);
    // Warnings only: exit 0, but each differing column is named with both files.
    assert_eq!(out.status.code(), Some(0), "{s}");
    assert!(
        s.contains("II. Carried over from last year / Natural persons: 20, but last year's report"),
        "{s}"
    );
    assert!(s.contains("2023.toml carried forward 21"), "{s}");
}

/// An application count no agency reaches in a year is a warning at its
/// cell (the balance errors it causes are the usual ones); a decision count
/// as large is not questioned, and neither is the limit itself.
#[test]
fn an_application_count_beyond_a_million_is_a_warning_at_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let warning = "far beyond any agency's yearly applications or appeals";
    let at = |n: u64| {
        let text = BUSY.replacen("natural = 380 ", &format!("natural = {n} "), 1);
        let f = write(dir.path(), &format!("r{n}.toml"), &text);
        stdout(&nianbao(&["check", "--lang", "en", common::arg(&f)]))
    };
    let out = at(1_000_001);
    let line = out
        .lines()
        .find(|l| l.contains(warning))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains(":58:") && line.contains("warning: ") && line.contains("1000001"),
        "{line}"
    );
    assert!(!at(1_000_000).contains(warning));
    let big = BUSY.replacen("decisions = 1532", "decisions = 4294967295", 1);
    let f = write(dir.path(), "decisions.toml", &big);
    let out = stdout(&nianbao(&["check", "--lang", "en", common::arg(&f)]));
    assert!(!out.contains(warning), "{out}");
}
