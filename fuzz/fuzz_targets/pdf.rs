//! Fuzz target: any bytes given to the PDF reader of `nianbao import` (its
//! text layer through lopdf) give lines or a reason — never a panic — and what
//! is imported holds to the import rules (see `checks::pdf`).
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::pdf(data));
