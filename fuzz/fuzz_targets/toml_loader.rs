//! Fuzz target: any bytes given to the report loader must produce a report or
//! a located problem — never a panic — with printable messages, and whatever
//! loads must survive a write/read round trip unchanged (see `checks::loader`).
#![no_main]

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::loader(data));
