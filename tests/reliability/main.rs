//! Nothing typed is lost and nothing hostile gets through: crash and
//! hang-up trials, bad input, hostile text, saving under adversity, for
//! plain mode and the wizard, with the real binary. One test binary; each
//! module's name is a filter (`cargo test --test reliability trials_wizard`).

#[path = "../common/mod.rs"]
mod common;

mod bad_input_files;
mod bad_input_wizard;
mod file_safety;
mod injection_commands;
mod injection_wizard;
mod read_only_report;
mod trials_plain;
mod trials_wizard;
