//! `nianbao render`, run as a real binary: where the report goes, the
//! refusal of a report with errors and `--force`, and the files it will not
//! write over.

use crate::common;

use common::{BUSY, Outcome, run as nianbao, write_file as write};

fn stdout(o: &Outcome) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Outcome) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The busy example with one more 自然人 carried forward: 一+二 no longer
/// equals （七）+四 in the 自然人 and 总计 columns (stored totals kept
/// consistent, so only the 勾稽 rule fails).
fn unbalanced() -> String {
    let section = BUSY.find("[applications.carry_forward]").unwrap();
    let (head, tail) = BUSY.split_at(section);
    let tail = tail.replacen("natural = 21 ", "natural = 22 ", 1).replacen(
        "total = 28 ",
        "total = 29 ",
        1,
    );
    assert_ne!(
        tail,
        BUSY[section..],
        "the example changed; update this test"
    );
    format!("{head}{tail}")
}

#[test]
fn text_formats_go_to_stdout() {
    let out = nianbao(&[
        "render",
        "examples/busy-city-bureau-2024.toml",
        "--format",
        "md",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("# 示例市自然资源和规划局2024年政府信息公开工作年度报告\n"));
    let out = nianbao(&[
        "render",
        "examples/busy-city-bureau-2024.toml",
        "--format",
        "txt",
    ]);
    assert!(stdout(&out).contains("\n行政许可 | 1532 |\n"));
}

#[test]
fn docx_needs_an_output_file_and_the_extension_picks_the_format() {
    let out = nianbao(&[
        "render",
        "examples/busy-city-bureau-2024.toml",
        "--format",
        "docx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("-o"), "{}", stderr(&out));

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("年度报告.docx");
    let out = nianbao(&[
        "render",
        "examples/busy-city-bureau-2024.toml",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = std::fs::read(&target).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip archive");
    // No temp file left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_report_with_errors_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "broken.toml", unbalanced());
    let html = dir.path().join("broken.html");
    let args = [
        "render",
        file.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ];
    let out = nianbao(&args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("错误: 三、收到和处理政府信息公开申请情况 / 自然人列"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert!(!html.exists(), "nothing written");

    let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
    let out = nianbao(&forced);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"));
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("<td class=\"num\">22</td>")
    );
}

#[test]
fn messages_follow_lang() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "broken.toml", unbalanced());
    let out = nianbao(&[
        "--lang",
        "en",
        "render",
        file.to_str().unwrap(),
        "--format",
        "txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("add --force"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn bad_input_or_output_exits_2() {
    let out = nianbao(&["render", "no-such-report.toml", "--format", "txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no-such-report.toml"),
        "{}",
        stderr(&out)
    );
    let out = nianbao(&["render", "examples/busy-city-bureau-2024.toml"]);
    assert_eq!(out.status.code(), Some(2), "no format and no -o");
    assert!(stderr(&out).contains("--format"));
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("report.html");
    let out = nianbao(&[
        "render",
        "examples/busy-city-bureau-2024.toml",
        "-o",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("输出文件夹不存在"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn never_writes_over_a_report_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "report.toml", BUSY);
    for target in ["report.toml", "other.toml"] {
        let out = nianbao(&[
            "render",
            file.to_str().unwrap(),
            "--format",
            "md",
            "-o",
            dir.path().join(target).to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{target}");
        assert!(stderr(&out).contains(".toml"), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), BUSY);
    assert!(!dir.path().join("other.toml").exists());
}
