//! The fuzz targets' checks (`fuzz/checks.rs`) on every input kept under
//! `fuzz/regressions/<target>/` and on the seed corpus, in a plain
//! `cargo test`: an input that once broke a rule stays tested without the
//! fuzzer. `scripts/fuzz.sh` runs the fuzzer itself; `tests/fuzz/smoke.rs`
//! runs a short seeded mutation of the same seeds.

use crate::checks;
#[allow(dead_code)]
use crate::seeds;

use std::path::Path;

/// The kept inputs of a target, then its seeds, each with a name.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let kept = Path::new("fuzz/regressions").join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&kept)
        .unwrap_or_else(|e| panic!("{}: {e}", kept.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files.extend(seeds::seeds(target));
    files
}

/// Runs a check on each input, naming the input that fails.
fn each(target: &str, check: fn(&[u8])) -> usize {
    let files = inputs(target);
    for (name, bytes) in &files {
        if std::panic::catch_unwind(|| check(bytes)).is_err() {
            panic!("{name} breaks the {target} checks (see the panic above)");
        }
    }
    files.len()
}

#[test]
fn loader_regressions_stay_fixed() {
    assert!(each("toml_loader", checks::loader) >= 2);
}

#[test]
fn render_regressions_stay_fixed() {
    assert!(each("render", checks::render) >= 2);
}

#[test]
fn docx_regressions_stay_fixed() {
    assert!(each("docx", checks::docx) >= 4);
}

#[test]
fn pdf_regressions_stay_fixed() {
    assert!(each("pdf", checks::pdf) >= 3);
}

#[test]
fn import_regressions_stay_fixed() {
    assert!(each("import", checks::import) >= 8);
}

/// The import seeds reach what the checks look at: the trial format is
/// refused, and a value outside any table is left unplaced at its line.
#[test]
fn the_import_seeds_exercise_the_checks() {
    let trial = std::fs::read_to_string("tests/fixtures/trial-2019-format.txt").unwrap();
    assert!(
        nianbao::import::from_text(&trial, nianbao::schema::Lang::Zh)
            .refused
            .is_some()
    );
    let seed = std::fs::read_to_string("tests/fixtures/seed-kunqu-commerce-2023.txt").unwrap();
    // A line with a number under the heading of section 三, outside its table.
    let with_stray: String = seed
        .lines()
        .flat_map(|l| {
            let extra = l.starts_with("三、").then_some("另有 17 件。");
            std::iter::once(l).chain(extra)
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let imported = nianbao::import::from_text(&with_stray, nianbao::schema::Lang::Zh);
    assert!(
        imported.unplaced.iter().any(|u| u.raw.contains("17")),
        "{:?}",
        imported.unplaced
    );
    checks::import(with_stray.as_bytes());
}
