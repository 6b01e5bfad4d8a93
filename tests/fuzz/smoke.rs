//! A short, seeded mutation smoke test of the fuzz targets' checks, run by
//! `cargo test` (so by CI, which cannot afford to build and run cargo-fuzz;
//! see docs/PERFORMANCE.md). It is not coverage-guided fuzzing: each target's seed
//! corpus (`tests/fuzz/seeds.rs`) is mutated at random — bytes flipped, deleted or
//! inserted, lines duplicated, dropped or swapped, values swapped between
//! keys, numbers replaced by edge cases, escape sequences and markup
//! inserted, two inputs spliced — and every mutant goes through the same
//! checks as the fuzzer (`fuzz/checks.rs`) for a few seconds per target.
//!
//! Seeded: `NIANBAO_SMOKE_SEED` (default 20240601) draws the same mutants in
//! the same order; `NIANBAO_SMOKE_SECONDS` (default 3) sets the time per
//! target, so how many mutants are tried depends on the machine. A mutant
//! that breaks a rule is written to the test's temp folder and named, ready
//! to be kept under `fuzz/regressions/<target>/`.

use crate::checks;
use crate::common;
use crate::seeds;

use common::{Rng, env_number};
use std::time::{Duration, Instant};

/// Pieces worth inserting: what breaks parsers, escapes and layouts.
const PIECES: &[&str] = &[
    "\x1b]52;c;aGk=\x07",
    "\x1b[2J",
    "\u{9b}31m",
    "\u{85}",
    "\x07",
    "\x08",
    "\0",
    "\r\n",
    "\"",
    "'''",
    "\"\"\"",
    "\\u001b",
    "[",
    "]",
    "[[x]]",
    "=",
    "<table>",
    "</td>",
    "<td rowspan=\"99\">",
    "<td colspan=\"0\">",
    "<tr>",
    "<p>",
    "&amp;",
    "&#0;",
    "|",
    "｜",
    "\t",
    "（一）",
    "（七）总计",
    "本年新收政府信息公开申请数量",
    "政府信息公开工作年度报告",
    "2019",
    "0",
    "-1",
    "4294967296",
    "99999999999999999999",
    "1e9",
    "0.00001",
    "18.8710",
    "/",
    "-",
    "一",
    "年",
    "\u{feff}",
    "\u{202e}",
];

/// Edge values a number may be replaced by.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "999999999999.9999",
    "1000000000000",
    "1.5",
    "0.00001",
    "1e3",
    "nan",
    "inf",
    "\"12\"",
    "１２",
    "",
];

fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        data = match rng.below(10) {
            0 => flip_bytes(rng, data),
            1 => delete_span(rng, data),
            2 => insert_piece(rng, data),
            3 => line_edit(rng, data, LineEdit::Duplicate),
            4 => line_edit(rng, data, LineEdit::Drop),
            5 => line_edit(rng, data, LineEdit::Swap),
            6 => swap_values(rng, data),
            7 => replace_number(rng, data),
            8 => splice(rng, data, other),
            _ => truncate(rng, data),
        };
    }
    data
}

fn flip_bytes(rng: &mut Rng, mut data: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(8) {
        if data.is_empty() {
            break;
        }
        let i = rng.below(data.len());
        data[i] ^= 1 << rng.below(8);
    }
    data
}

fn delete_span(rng: &mut Rng, mut data: Vec<u8>) -> Vec<u8> {
    if data.is_empty() {
        return data;
    }
    let at = rng.below(data.len());
    let len = (1 + rng.below(64)).min(data.len() - at);
    data.drain(at..at + len);
    data
}

fn insert_piece(rng: &mut Rng, mut data: Vec<u8>) -> Vec<u8> {
    let piece = PIECES[rng.below(PIECES.len())].as_bytes();
    let at = rng.below(data.len() + 1);
    data.splice(at..at, piece.iter().copied());
    data
}

enum LineEdit {
    Duplicate,
    Drop,
    Swap,
}

fn line_edit(rng: &mut Rng, data: Vec<u8>, edit: LineEdit) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = data.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let i = rng.below(lines.len());
    let j = rng.below(lines.len());
    match edit {
        LineEdit::Duplicate => {
            let line = lines[i].clone();
            lines.insert(j, line);
        }
        LineEdit::Drop => {
            lines.remove(i);
        }
        LineEdit::Swap => lines.swap(i, j),
    }
    lines.join(&b'\n')
}

/// Two `key = value` lines exchange their values (a number where a text
/// belongs, a table where a number belongs …).
fn swap_values(rng: &mut Rng, data: Vec<u8>) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = data.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let with_value: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].windows(3).any(|w| w == b" = "))
        .collect();
    if with_value.len() < 2 {
        return lines.join(&b'\n');
    }
    let a = with_value[rng.below(with_value.len())];
    let b = with_value[rng.below(with_value.len())];
    let split = |l: &[u8]| {
        let at = l.windows(3).position(|w| w == b" = ").unwrap() + 3;
        (l[..at].to_vec(), l[at..].to_vec())
    };
    let (ka, va) = split(&lines[a]);
    let (kb, vb) = split(&lines[b]);
    lines[a] = [ka, vb].concat();
    lines[b] = [kb, va].concat();
    lines.join(&b'\n')
}

fn replace_number(rng: &mut Rng, data: Vec<u8>) -> Vec<u8> {
    let starts: Vec<usize> = (0..data.len())
        .filter(|&i| data[i].is_ascii_digit() && (i == 0 || !data[i - 1].is_ascii_digit()))
        .collect();
    if starts.is_empty() {
        return data;
    }
    let at = starts[rng.below(starts.len())];
    let end = (at..data.len())
        .find(|&i| !(data[i].is_ascii_digit() || data[i] == b'.'))
        .unwrap_or(data.len());
    let number = NUMBERS[rng.below(NUMBERS.len())].as_bytes();
    [&data[..at], number, &data[end..]].concat()
}

fn splice(rng: &mut Rng, data: Vec<u8>, other: &[u8]) -> Vec<u8> {
    let a = rng.below(data.len() + 1);
    let b = rng.below(other.len() + 1);
    [&data[..a], &other[b..]].concat()
}

fn truncate(rng: &mut Rng, mut data: Vec<u8>) -> Vec<u8> {
    let at = rng.below(data.len() + 1);
    data.truncate(at);
    data
}

fn smoke(target: &str, check: fn(&[u8])) {
    let seed = env_number("NIANBAO_SMOKE_SEED", 20_240_601);
    let seconds = env_number("NIANBAO_SMOKE_SECONDS", 3);
    let corpus: Vec<Vec<u8>> = seeds::seeds(target).into_iter().map(|(_, b)| b).collect();
    let mut rng = Rng::new(seed ^ target.len() as u64);
    let start = Instant::now();
    let mut tried = 0u64;
    // The hook's message would be printed for every caught panic; the
    // mutant's file and the seed say all that is needed.
    while start.elapsed() < Duration::from_secs(seconds) {
        let input = &corpus[rng.below(corpus.len())];
        let other = &corpus[rng.below(corpus.len())];
        let mutant = mutate(&mut rng, input, other);
        tried += 1;
        if std::panic::catch_unwind(|| check(&mutant)).is_err() {
            let kept = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("{target}-smoke-{seed}-{tried}"));
            std::fs::write(&kept, &mutant).unwrap();
            panic!(
                "mutant {tried} of NIANBAO_SMOKE_SEED={seed} breaks the {target} checks (see the \
                 panic above); it is in {}",
                kept.display()
            );
        }
    }
    println!("{target}: {tried} mutants in {seconds} s, 0 failures (NIANBAO_SMOKE_SEED={seed})");
}

#[test]
fn toml_loader_smoke() {
    smoke("toml_loader", checks::loader);
}

#[test]
fn render_smoke() {
    smoke("render", checks::render);
}

#[test]
fn import_smoke() {
    smoke("import", checks::import);
}

#[test]
fn docx_smoke() {
    smoke("docx", checks::docx);
}

#[test]
fn pdf_smoke() {
    smoke("pdf", checks::pdf);
}
