//! The fuzz targets' checks (`fuzz/checks.rs`) on every input kept under
//! `fuzz/regressions/<target>/` and on the examples, in a plain
//! `cargo test`: an input that once broke a rule stays tested without the
//! fuzzer. `scripts/fuzz.sh` runs the fuzzer itself.

#[allow(dead_code)]
#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

/// The kept inputs of a target, then the examples.
fn inputs(target: &str) -> Vec<PathBuf> {
    let kept = Path::new("fuzz/regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&kept)
        .unwrap_or_else(|e| panic!("{}: {e}", kept.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files.extend(
        [
            "examples/kunqu-commerce-2023.toml",
            "examples/busy-city-bureau-2024.toml",
        ]
        .map(PathBuf::from),
    );
    files
}

/// Runs a check on each input, naming the input that fails.
fn each(target: &str, check: fn(&[u8])) -> usize {
    let files = inputs(target);
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        if std::panic::catch_unwind(|| check(&bytes)).is_err() {
            panic!(
                "{} breaks the {target} checks (see the panic above)",
                file.display()
            );
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
