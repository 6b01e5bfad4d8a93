//! The commands — `check`, `compare`, `render`, `import` (every kind of
//! document), `merge`, `new`, `status` and their xlsx —, the review rules,
//! the TOML file format and the deployment files, run as the real binary or
//! through the library. One test binary for all of them, so the crate is
//! linked once.

#[path = "../common/mod.rs"]
mod common;

mod check;
mod compare;
mod deploy_docs;
mod import;
mod import_formats;
mod import_property;
mod import_real;
mod merge;
mod new_year;
mod render;
mod render_formats;
mod render_seed;
mod review_phrases;
mod review_prose;
mod review_rules;
mod spreadsheets;
mod status;
mod toml_format;
