//! Fuzz target: any bytes given to `nianbao import`, read both as a plain-text
//! and as an HTML published report, must give a result or a clean refusal —
//! never a panic — with every unplaced value at a real position, and whatever
//! is imported must be written as TOML that reads back equal (see
//! `checks::import`).
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::import(data));
