//! The two front ends of `nianbao edit`: the wizard's state driven by key
//! strings, its screens as snapshots, the real binary on a pseudo-terminal,
//! and plain mode fed answers line by line. One test binary for all of them.

#[path = "../common/mod.rs"]
mod common;

mod incremental;
mod plain_mode;
mod wizard_gb18030;
mod wizard_keys;
mod wizard_last_year;
mod wizard_pty;
mod wizard_review_keys;
mod wizard_review_pty;
mod wizard_screens;
