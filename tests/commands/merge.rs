//! `nianbao merge`, run as the real binary: sums, refusals, --skip-invalid.

use nianbao::model::Report;
use nianbao::schema::{self, Lang};
use nianbao::toml_read;
use std::path::Path;

use crate::common;
use common::{BUSY, Outcome, SEED, arg as p, run as nianbao, utf8 as s, write_file as write};

fn read(path: &Path) -> Report {
    toml_read::read(&std::fs::read_to_string(path).unwrap(), Lang::En)
        .unwrap()
        .report
}

/// `nianbao merge INPUTS… -o OUT --agency AGENCY EXTRA…`.
fn merge(inputs: &[&Path], out: &Path, agency: &str, extra: &[&str]) -> Outcome {
    let mut args = vec!["merge"];
    args.extend(inputs.iter().map(|i| p(i)));
    args.extend(["-o", p(out), "--agency", agency]);
    args.extend(extra);
    nianbao(&args)
}

/// The seed example moved to 2024, so that it merges with the busy one.
fn seed_2024() -> String {
    SEED.replacen("year = 2023 ", "year = 2024 ", 1)
}

#[test]
fn merging_the_examples_gives_their_cell_by_cell_sum() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "busy.toml", BUSY);
    let b = write(dir.path(), "kunqu.toml", seed_2024());
    let out = dir.path().join("sum.toml");
    let o = merge(&[&a, &b], &out, "示例市人民政府办公室", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", s(&o.stdout), s(&o.stderr));
    assert!(
        s(&o.stdout).contains("已汇总 2 个报告（2024 年度）"),
        "{}",
        s(&o.stdout)
    );
    let (ra, rb, sum) = (read(&a), read(&b), read(&out));
    for id in schema::all_cells() {
        assert_eq!(sum.cell(id), ra.cell(id) + rb.cell(id), "{}", id.path());
    }
    assert!(
        !sum.cell_at("applications.new_received.total")
            .unwrap()
            .is_zero()
    );
    assert_eq!(sum.year(), Some(2024));
    assert_eq!(sum.text_at("report.agency"), "示例市人民政府办公室");
    for f in schema::all_fields() {
        if !matches!(f.path().as_str(), "report.agency" | "report.year") {
            assert_eq!(sum.text(f), "", "{} should be left to the office", f.path());
        }
    }
    assert_eq!(sum.meta.merged_from, [p(&a), p(&b)]);
    // The merged file passes check.
    assert_eq!(nianbao(&["check", p(&out)]).status.code(), Some(0));
}

#[test]
fn an_invalid_input_stops_the_merge_naming_file_line_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "busy.toml", BUSY);
    let broken_text = BUSY.replacen("issued = 12 ", "issued = -12", 1);
    let line = broken_text
        .lines()
        .position(|l| l.starts_with("issued = -12"))
        .unwrap()
        + 1;
    let broken = write(dir.path(), "broken.toml", &broken_text);
    let out = dir.path().join("sum.toml");
    let o = merge(&[&good, &broken], &out, "汇总", &[]);
    let err = s(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("{}:{line}:", p(&broken))) && err.contains("件数不能为负数"),
        "{err}"
    );
    assert!(
        !err.contains(p(&good)),
        "only the broken file is named: {err}"
    );
    assert!(err.contains("未汇总：1 个文件有问题"), "{err}");
    assert!(!out.exists());
}

#[test]
fn inputs_of_another_year_are_refused_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let busy = write(dir.path(), "busy.toml", BUSY);
    let kunqu = write(dir.path(), "kunqu.toml", SEED);
    let out = dir.path().join("sum.toml");
    let o = merge(&[&busy, &kunqu], &out, "汇总", &["--lang", "en"]);
    let err = s(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // Two files, one year each: the later one is the target, the other named.
    assert!(
        err.contains(&format!("{}:8:1: error: Report information / Report year: the report is for 2023, not the merged year 2024", p(&kunqu))),
        "{err}"
    );
    assert!(!out.exists());
    // --year picks the other way round.
    let o = merge(
        &[&busy, &kunqu],
        &out,
        "汇总",
        &["--year", "2023", "--skip-invalid"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", s(&o.stderr));
    assert_eq!(read(&out).year(), Some(2023));
    assert_eq!(read(&out).meta.merged_from, [p(&kunqu)]);
}

#[test]
fn skip_invalid_merges_the_rest_and_says_what_was_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "busy.toml", BUSY);
    let bad = write(
        dir.path(),
        "typo.toml",
        BUSY.replacen("natural = 380", "naturl = 380", 1),
    );
    let b = write(dir.path(), "kunqu.toml", seed_2024());
    let out = dir.path().join("sum.toml");
    let o = merge(&[&a, &bad, &b], &out, "汇总", &["--skip-invalid"]);
    let err = s(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("未知的键 \"naturl\""), "{err}");
    assert!(
        err.contains(&format!("已跳过 1 个文件：\n  {}", p(&bad))),
        "{err}"
    );
    let sum = read(&out);
    assert_eq!(sum.meta.merged_from, [p(&a), p(&b)]);
    let (ra, rb) = (read(&a), read(&b));
    for id in schema::all_cells() {
        assert_eq!(sum.cell(id), ra.cell(id) + rb.cell(id), "{}", id.path());
    }
    // Nothing valid at all: exit 1, nothing written.
    let none = dir.path().join("none.toml");
    let o = merge(&[&bad], &none, "汇总", &["--skip-invalid"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        s(&o.stderr).contains("没有可以汇总的有效报告"),
        "{}",
        s(&o.stderr)
    );
    assert!(!none.exists());
}

#[test]
fn the_same_file_twice_and_an_existing_output_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "busy.toml", BUSY);
    let out = dir.path().join("sum.toml");
    let twice = dir.path().join(".").join("busy.toml");
    let o = merge(&[&a, &twice], &out, "汇总", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        s(&o.stderr).contains("是同一文件，不能重复计入"),
        "{}",
        s(&o.stderr)
    );

    std::fs::write(&out, "keep me").unwrap();
    let o = merge(&[&a], &out, "汇总", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let o = merge(&[&a], &out, "汇总", &["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", s(&o.stderr));
    assert_eq!(
        read(&out).cell_at("article20_5.licensing.decisions"),
        Some(1532.into())
    );
}

/// One report at the largest count a report holds: alone it checks clean,
/// summed with another it passes what a report file can hold. The error
/// names that report and the cell (not the output); `--skip-invalid` leaves
/// it out, says so, and merges the rest.
#[test]
fn a_sum_beyond_what_a_report_holds_names_the_report_and_skip_invalid_merges_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let big = BUSY.replacen("decisions = 1532", "decisions = 4294967295", 1);
    let a = write(dir.path(), "a.toml", &big);
    let b = write(dir.path(), "b.toml", BUSY);
    let c = write(dir.path(), "c.toml", BUSY);
    let check = nianbao(&["check", "--lang", "en", p(&a)]);
    assert_eq!(check.status.code(), Some(0), "{}", s(&check.stdout));
    let out = dir.path().join("sum.toml");
    let o = merge(&[&b, &a, &c], &out, "汇总", &["--lang", "en"]);
    let err = s(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("a.toml:"))
        .unwrap_or_else(|| panic!("a.toml is not named: {err}"));
    assert!(
        line.contains("this cell holds 4294967295")
            && line.contains("comes to 4294970359")
            && line.contains("b.toml (1532)")
            && line.contains("c.toml (1532)"),
        "{line}"
    );
    assert!(!err.contains("sum.toml"), "the output is named: {err}");
    assert!(!out.exists());

    let o = merge(
        &[&b, &a, &c],
        &out,
        "汇总",
        &["--lang", "en", "--skip-invalid"],
    );
    let err = s(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("Skipped 1 file(s)") && err.contains("a.toml"),
        "{err}"
    );
    let merged = read(&out);
    assert_eq!(
        merged.cell_at("article20_5.licensing.decisions"),
        Some(3064.into())
    );
    assert_eq!(merged.meta.merged_from.len(), 2);
}
