//! Crash and hang-up trials of plain mode (`nianbao edit --plain`): a whole
//! report typed in, the process ended at a random moment, the file checked
//! against an uninterrupted run (see `common::trials`). Seeded: the same
//! `NIANBAO_TRIAL_SEED` draws the same plans (the exact instant a signal
//! lands still depends on the machine). `NIANBAO_TRIALS` sets how many.

use crate::common;

use common::trials::{Driver, Interruption, Plan, plain_oracle, run_trial, summary};
use common::{SEED, env_number};

/// The busy example's answers, as a screen-reader user would type them.
fn answers() -> Vec<String> {
    include_str!("../fixtures/plain-answers-busy.txt")
        .lines()
        .map(str::to_string)
        .collect()
}

fn trials(label: &str, driver: Driver, interruption: Interruption, default_count: u64) {
    let answers = answers();
    let base = env_number("NIANBAO_TRIAL_SEED", 20_240_601);
    let count = env_number("NIANBAO_TRIALS", default_count);
    let oracle_dir = tempfile::tempdir().unwrap();
    let oracle_file = oracle_dir.path().join("r.toml");
    let oracles = [
        plain_oracle(&oracle_file, None, &answers),
        plain_oracle(&oracle_file, Some(SEED), &answers),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut findings = Vec::new();
    for trial in 0..count {
        let seed = base
            .wrapping_mul(0x100_0000_01b3)
            .wrapping_add(label.len() as u64 * 7919 + trial);
        let plan = Plan::draw(seed, answers.len());
        let start = plan.existing.then_some(SEED);
        let oracle = &oracles[usize::from(plan.existing)];
        eprintln!("{label} trial {trial} of NIANBAO_TRIAL_SEED={base}: {plan:?}");
        findings.push(run_trial(
            dir.path(),
            driver,
            interruption,
            &answers,
            oracle,
            start,
            &plan,
        ));
    }
    println!("{}", summary(label, &findings));
}

#[test]
fn sigkill_at_random_moments_loses_nothing_confirmed() {
    trials(
        "SIGKILL",
        Driver::PlainPipe,
        Interruption::Signal(libc::SIGKILL),
        60,
    );
}

#[test]
fn sigterm_at_random_moments_loses_nothing_confirmed() {
    trials(
        "SIGTERM",
        Driver::PlainPipe,
        Interruption::Signal(libc::SIGTERM),
        30,
    );
}

#[test]
fn sighup_at_random_moments_loses_nothing_confirmed() {
    trials(
        "SIGHUP",
        Driver::PlainPipe,
        Interruption::Signal(libc::SIGHUP),
        30,
    );
}

#[test]
fn terminal_hang_up_at_random_moments_loses_nothing_confirmed() {
    trials("hang-up", Driver::PlainPty, Interruption::HangUp, 30);
}
