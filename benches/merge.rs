//! The merge benchmark: `cargo bench --bench merge` (or `scripts/bench-merge.sh`).
//!
//! Generates 10,000 valid, varied reports (every one passes `nianbao check`),
//! then times `nianbao merge` on them against `scripts/sum_tomllib.py`, a
//! plain Python script that sums the same files with the standard `tomllib`,
//! checks that both give the same sums, and prints the medians and their
//! ratio. Uses hyperfine when it is installed, else repeated runs.
//!
//! Options (after `--`): `--files N` (default 10000), `--dir DIR` (keep the
//! generated files there instead of a temporary folder), `--runs N` (merge
//! runs, default 10; the script gets 3).

use nianbao::model::Report;
use nianbao::schema::{self, AGENCY_LEVELS, CellId, CellKind, FieldKind, Shape};
use nianbao::validate;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const NIANBAO: &str = env!("CARGO_BIN_EXE_nianbao");
const YEAR: i32 = 2024;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let count: usize = opt("--files").map_or(10_000, |n| n.parse().expect("--files N"));
    let runs: usize = opt("--runs").map_or(10, |n| n.parse().expect("--runs N"));
    let temp = tempfile::tempdir().expect("temporary folder");
    let dir = opt("--dir").map_or(temp.path().to_path_buf(), PathBuf::from);
    std::fs::create_dir_all(&dir).expect("output folder");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = manifest.join("scripts/sum_tomllib.py");

    let started = Instant::now();
    let files = generate(&dir, count);
    eprintln!(
        "generated {count} reports in {} in {:.1} s",
        dir.display(),
        started.elapsed().as_secs_f64()
    );

    // Every generated file must pass `nianbao check`.
    let check = Command::new(NIANBAO)
        .arg("check")
        .args(&files)
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run nianbao check");
    assert_eq!(
        check.status.code(),
        Some(0),
        "generated files fail check:\n{}",
        String::from_utf8_lossy(&check.stdout)
    );
    eprintln!("nianbao check: all {count} files pass");

    let out = dir.join("merged.toml");
    let merge_cmd = format!(
        "{NIANBAO} merge --force -o {} --agency 汇总 {}/r*.toml",
        out.display(),
        dir.display()
    );
    let python_cmd = format!("python3 {} {}/r*.toml", script.display(), dir.display());

    // Both must agree before their times mean anything.
    let python_sums = shell(&python_cmd);
    let _ = shell(&merge_cmd);
    compare(&out, &python_sums);
    eprintln!("nianbao merge and the tomllib script give the same sums");

    let (merge, python) = if has_hyperfine() {
        (
            hyperfine(&merge_cmd, runs, &dir.join("merge.json")),
            hyperfine(&python_cmd, 3, &dir.join("python.json")),
        )
    } else {
        (median(&merge_cmd, runs), median(&python_cmd, 3))
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!();
    println!("{count} reports, {threads} cores, median wall-clock time:");
    println!("| command | median |");
    println!("|---|---|");
    println!(
        "| `nianbao merge` (release) | {:.2} s |",
        merge.as_secs_f64()
    );
    println!(
        "| `python3 scripts/sum_tomllib.py` | {:.2} s |",
        python.as_secs_f64()
    );
    println!(
        "nianbao merge is {:.1}× faster than the tomllib script",
        python.as_secs_f64() / merge.as_secs_f64()
    );
}

/// Writes `count` valid reports `r00000.toml`… into `dir`.
fn generate(dir: &Path, count: usize) -> Vec<PathBuf> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..count)
        .map(|i| {
            let report = random_report(&mut rng, i);
            let path = dir.join(format!("r{i:05}.toml"));
            // Plain writes: the atomic save's fsync per file would only slow the setup.
            std::fs::write(&path, nianbao::toml_write::write(&report)).expect("write report");
            path
        })
        .collect()
}

/// A report with every text filled and numbers that satisfy every rule.
fn random_report(rng: &mut Rng, i: usize) -> Report {
    let mut r = Report::for_year(YEAR);
    let level = &AGENCY_LEVELS[rng.below(AGENCY_LEVELS.len() as u64) as usize];
    for f in schema::all_fields() {
        let text = match f.field().kind {
            FieldKind::Year => continue,
            FieldKind::Choice(_) => level.key.to_string(),
            FieldKind::Line(Shape::Phone) => format!("0472-{:07}", rng.below(10_000_000)),
            FieldKind::Line(Shape::Email) => format!("gk{i}@example.gov.cn"),
            FieldKind::Line(Shape::Postcode) => format!("{:06}", rng.below(1_000_000)),
            FieldKind::Line(Shape::Url) => format!("http://gk{i}.example.gov.cn"),
            FieldKind::Line(Shape::Any) => format!("第{i}号示例机关{}", f.field().label.zh),
            FieldKind::Paragraphs => format!(
                "{}：本年度共办理相关事项{}件，做到应公开尽公开。",
                f.field().label.zh,
                rng.below(500)
            ),
        };
        r.set_text(f, text);
    }
    let carried: Vec<(CellId, CellId)> = validate::carry_over_links();
    for id in schema::all_cells().filter(|c| !c.is_computed()) {
        let def = id.table_def();
        if def.balance.is_some() {
            continue; // section 三 is filled per column below
        }
        let rules_row = def.row_index("rules") == Some(id.row) && def.key == "article20_1";
        let value = match id.column_def().kind {
            CellKind::Money => Decimal::new(rng.below(1_000_000) as i64, 4),
            CellKind::Count if rules_row && !level.makes_rules => Decimal::ZERO,
            CellKind::Count => Decimal::from(rng.below(200)),
        };
        r.set_cell_raw(id, value);
    }
    // Section 三, per column: results plus carry-forward use up exactly the
    // new and carried-over applications.
    let table = carried[0].0.table;
    let def = carried[0].0.table_def();
    let balance = def.balance.as_ref().expect("section 三 balances");
    let new_row = def.row_index(balance.lhs[0]).expect("row");
    let results: Vec<usize> = def
        .rows
        .iter()
        .find(|row| !row.sum_of.is_empty())
        .expect("（七）总计")
        .sum_of
        .iter()
        .map(|key| def.row_index(key).expect("row"))
        .collect();
    for &(carried_over, carry_forward) in &carried {
        let col = carried_over.col;
        let new_received = rng.below(60);
        let from_last_year = rng.below(10);
        let forward = rng.below(new_received + from_last_year + 1);
        let mut left = new_received + from_last_year - forward;
        r.set_cell_raw(
            CellId {
                table,
                row: new_row,
                col,
            },
            Decimal::from(new_received),
        );
        r.set_cell_raw(carried_over, Decimal::from(from_last_year));
        r.set_cell_raw(carry_forward, Decimal::from(forward));
        for (k, &row) in results.iter().enumerate() {
            let n = if k + 1 == results.len() {
                left
            } else {
                rng.below(left.min(8) + 1)
            };
            left -= n;
            r.set_cell_raw(CellId { table, row, col }, Decimal::from(n));
        }
    }
    // Totals once at the end: set_cell would recompute the table per cell.
    r.recompute();
    r
}

/// xorshift64*: a small deterministic generator, so every run sees the same files.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

fn shell(cmd: &str) -> String {
    let out = Command::new("sh")
        .args(["-c", cmd])
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run command");
    assert!(
        out.status.success(),
        "{cmd} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Every cell of the merged file equals the script's sum for its path.
fn compare(merged: &Path, python_json: &str) {
    let sums: serde_json::Value = serde_json::from_str(python_json).expect("script prints JSON");
    let report = nianbao::store::load(merged, schema::Lang::En)
        .expect("merged file readable")
        .report;
    for id in schema::all_cells() {
        let expected: Decimal = sums[id.path()]
            .as_str()
            .unwrap_or_else(|| panic!("script has no sum for {}", id.path()))
            .parse()
            .expect("decimal");
        assert_eq!(report.cell(id), expected, "{}", id.path());
    }
}

fn has_hyperfine() -> bool {
    Command::new("hyperfine")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn hyperfine(cmd: &str, runs: usize, json: &Path) -> Duration {
    let status = Command::new("hyperfine")
        .args([
            "--warmup",
            "1",
            "--runs",
            &runs.to_string(),
            "--export-json",
        ])
        .arg(json)
        .arg(cmd)
        .status()
        .expect("run hyperfine");
    assert!(status.success(), "hyperfine failed");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).expect("hyperfine JSON"))
            .expect("hyperfine JSON");
    Duration::from_secs_f64(report["results"][0]["median"].as_f64().expect("median"))
}

fn median(cmd: &str, runs: usize) -> Duration {
    let _ = shell(cmd); // warm-up
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let _ = shell(cmd);
            t.elapsed()
        })
        .collect();
    times.sort();
    eprintln!("{cmd}: {times:?}");
    times[runs / 2]
}
