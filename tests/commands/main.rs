//! The commands — `check`, `render`, `import`, `merge`, `new` — and the TOML
//! file format, run as the real binary or through the library. One test
//! binary for all of them, so the crate is linked once.

#[path = "../common/mod.rs"]
mod common;

mod check;
mod import;
mod merge;
mod new_year;
mod render;
mod render_formats;
mod render_seed;
mod toml_format;
