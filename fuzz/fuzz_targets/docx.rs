//! Fuzz target: any bytes given to the DOCX reader of `nianbao import` give a
//! report or a printable refusal — never a panic — and what is imported holds
//! to the import rules (see `checks::docx`).
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::docx(data));
