//! The fuzz targets' checks (`fuzz/checks.rs`) without the fuzzer: every
//! input kept under `fuzz/regressions/`, and a seeded mutation smoke of
//! each target's seeds. One test binary.

#[allow(dead_code)]
#[path = "../../fuzz/checks.rs"]
mod checks;
#[path = "../common/mod.rs"]
mod common;
mod seeds;

mod regressions;
mod smoke;
