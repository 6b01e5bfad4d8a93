//! Nothing typed is lost and nothing hostile gets through: crash and
//! hang-up trials, bad input, hostile text, saving under adversity, for
//! plain mode and the wizard, with the real binary. One test binary.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod crash_trials;
mod file_safety;
mod injection;
mod read_only_report;
mod wizard_bad_input;
mod wizard_crash_trials;
mod wizard_injection;
