//! Fuzz target: any report that loads renders in every format without a
//! panic, and nothing typed in it becomes markup, a control character or
//! broken XML (see `checks::render`).
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::render(data));
