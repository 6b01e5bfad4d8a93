//! `nianbao new --from LAST OUT` and the cross-year checks of `check`, run
//! as the real binary.

use nianbao::schema::{self, Lang};
use nianbao::{toml_read, toml_write};

use crate::common;
use common::{BUSY, SEED, arg as p, run as nianbao, utf8 as s, write_file as write};

#[test]
fn new_then_check_is_clean_and_a_changed_carry_over_is_named_with_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let last = write(dir.path(), "2023.toml", SEED);
    let this = dir.path().join("2024.toml");
    let o = nianbao(&["new", "--from", p(&last), p(&this)]);
    let out = s(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", s(&o.stderr));
    assert!(out.contains("2024 年度报告"), "{out}");
    assert!(out.contains("沿用：机关名称、机关层级"), "{out}");

    let text = std::fs::read_to_string(&this).unwrap();
    let report = toml_read::read(&text, Lang::En).unwrap().report;
    assert_eq!(report.year(), Some(2024));
    assert_eq!(report.meta.previous.as_deref(), Some("2023.toml"));
    assert_eq!(report.text_at("contact.phone"), "0472-2836709");
    assert_eq!(report.text_at("overview.summary"), "");

    // With --previous, and from meta.previous alone: no error, and no cross-year warning.
    for args in [
        vec!["check", "--previous", p(&last), p(&this)],
        vec!["check", p(&this)],
    ] {
        let o = nianbao(&args);
        let out = s(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{out}");
        assert!(out.contains("0 个错误"), "{out}");
        assert!(!out.contains("上年"), "{out}");
    }

    // One more application carried over (and still pending, so the year balances).
    let mut changed = report.clone();
    let carried = schema::find_cell("applications.carried_over.natural").unwrap();
    let forward = schema::find_cell("applications.carry_forward.natural").unwrap();
    changed.set_cell(carried, 1.into());
    changed.set_cell(forward, 1.into());
    let text = toml_write::write(&changed);
    std::fs::write(&this, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("[applications.carried_over]"))
        .unwrap()
        + 2;
    for args in [
        vec!["check", "--previous", p(&last), p(&this)],
        vec!["check", p(&this)],
    ] {
        let o = nianbao(&args);
        let out = s(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "warnings only: {out}");
        let expected = format!(
            "{}:{line}:1: 警告: 三、收到和处理政府信息公开申请情况 / 二、上年结转政府信息公开申请数量 / 自然人: 1，但上年报告 {} 的“四、结转下年度继续办理”为 0",
            p(&this),
            p(&last)
        );
        assert!(out.contains(&expected), "{out}\nexpected: {expected}");
        assert!(out.contains("0 个错误，8 个警告"), "{out}");
    }
}

#[test]
fn new_carries_over_last_years_pending_applications_and_documents_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let last = write(dir.path(), "2024.toml", BUSY);
    let this = dir.path().join("2025.toml");
    let o = nianbao(&["--lang", "en", "new", "--from", p(&last), p(&this)]);
    let out = s(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("Natural persons 21, Businesses 4, Research institutions 0"),
        "{out}"
    );
    assert!(out.contains("Normative documents 86"), "{out}");
    assert!(
        out.contains("IV. Carried forward to next year starts at the same numbers"),
        "{out}"
    );
    let last_report = toml_read::read(BUSY, Lang::En).unwrap().report;
    let next = toml_read::read(&std::fs::read_to_string(&this).unwrap(), Lang::En)
        .unwrap()
        .report;
    for id in schema::all_cells() {
        let path = id.path();
        let expected = if path.starts_with("applications.carried_over.") {
            last_report
                .cell_at(&path.replace("carried_over", "carry_forward"))
                .unwrap()
        } else if path.starts_with("applications.carry_forward.") {
            // Still pending on 1 January: 四 starts equal to 二.
            last_report.cell(id)
        } else if path.ends_with(".in_force") {
            last_report.cell(id)
        } else {
            0.into()
        };
        assert_eq!(next.cell(id), expected, "{path}");
    }
    // The new report balances and has no cross-year warning: `check
    // --previous` is clean (warnings only for the texts still to write).
    for args in [
        vec![
            "check",
            "--format",
            "json",
            "--previous",
            p(&last),
            p(&this),
        ],
        vec!["check", "--format", "json", p(&this)],
    ] {
        let o = nianbao(&args);
        assert_eq!(o.status.code(), Some(0), "{}", s(&o.stdout));
        let problems: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        // Notes (the publication deadline) are neither errors nor warnings.
        for problem in problems.as_array().unwrap() {
            if problem["severity"] == "note" {
                continue;
            }
            assert_eq!(problem["severity"], "warning", "{problem}");
            assert_eq!(problem["message"], "未填写", "{problem}");
        }
    }
    // Handling a carried-over application without lowering 四 breaks the 勾稽 rule.
    let mut next = next;
    let granted = schema::find_cell("applications.granted.natural").unwrap();
    next.set_cell(granted, 1.into());
    std::fs::write(&this, toml_write::write(&next)).unwrap();
    let o = nianbao(&["check", p(&this)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        s(&o.stdout).contains("自然人列: 一+二 = 0+21 = 21，但（七）总计+四 = 1+21 = 22"),
        "{}",
        s(&o.stdout)
    );
}

#[test]
fn new_refuses_to_overwrite_and_reports_unreadable_input() {
    let dir = tempfile::tempdir().unwrap();
    let last = write(dir.path(), "2023.toml", SEED);
    let this = write(dir.path(), "2024.toml", "mine");
    let o = nianbao(&["new", "--from", p(&last), p(&this)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(s(&o.stderr).contains("文件已存在"), "{}", s(&o.stderr));
    assert_eq!(std::fs::read_to_string(&this).unwrap(), "mine");

    let o = nianbao(&[
        "new",
        "--from",
        p(&dir.path().join("missing.toml")),
        p(&dir.path().join("x.toml")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(s(&o.stderr).contains("文件不存在"), "{}", s(&o.stderr));
    assert!(!dir.path().join("x.toml").exists());
}

#[test]
fn a_recorded_previous_file_that_is_gone_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let last = write(dir.path(), "2023.toml", SEED);
    let this = dir.path().join("2024.toml");
    assert_eq!(
        nianbao(&["new", "--from", p(&last), p(&this)])
            .status
            .code(),
        Some(0)
    );
    std::fs::rename(&last, dir.path().join("moved.toml")).unwrap();
    let o = nianbao(&["--lang", "en", "check", p(&this)]);
    let out = s(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("warning: meta.previous: cannot read the recorded last year's report"),
        "{out}"
    );
    assert!(out.contains("2023.toml: no such file"), "{out}");
    // Named explicitly, it must be readable.
    let o = nianbao(&["check", "--previous", p(&last), p(&this)]);
    assert_eq!(o.status.code(), Some(2));
}
