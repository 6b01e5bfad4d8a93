//! Crash and hang-up trials of the wizard (`nianbao edit` on a
//! pseudo-terminal): the scripted entry typed in, the wizard ended at a
//! seeded random point by SIGKILL, SIGHUP, SIGTERM or the terminal closing,
//! the file checked against the oracle (see `common::wizard_trials`), and a
//! panic injected through the debug build's test hook. Seeded:
//! `NIANBAO_TRIAL_SEED` draws the same plans (the instant a signal lands
//! still depends on the machine); `NIANBAO_TRIALS` sets how many.

use crate::common;

use common::session::Session;
use common::wizard::Input;
use common::wizard_trials::{
    COLS, Ending, NAME, ROWS, TerminalModes, WizardPlan, assert_cooked, commits, entry_script,
    run_wizard_trial, terminal_modes, wizard_oracle, wizard_summary,
};
use common::{Rng, env_number};
use std::time::{Duration, Instant};

fn trials(label: &str, ending: Ending, default_count: u64) {
    let script = entry_script();
    let whole = wizard_oracle(None, &script);
    let commits = commits(&whole);
    let base = env_number("NIANBAO_TRIAL_SEED", 20_240_601);
    let count = env_number("NIANBAO_TRIALS", default_count);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut findings = Vec::new();
    for trial in 0..count {
        let seed = base
            .wrapping_mul(0x100_0000_01b3)
            .wrapping_add(label.bytes().map(u64::from).sum::<u64>() * 7919 + trial);
        let plan = WizardPlan::draw(seed, &commits, script.len());
        eprintln!("{label} trial {trial} of NIANBAO_TRIAL_SEED={base}: {plan:?}");
        findings.push(run_wizard_trial(dir.path(), &script, &whole, ending, &plan));
    }
    println!(
        "{} (script: {} inputs, {} commits; {:.1} s)",
        wizard_summary(label, &findings),
        script.len(),
        commits.len(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn the_script_is_a_few_hundred_keys_through_every_step() {
    let script = entry_script();
    assert!(
        (200..=600).contains(&script.len()),
        "{} inputs",
        script.len()
    );
    assert!(
        script
            .iter()
            .any(|i| matches!(i, Input::Paste(t) if t.contains('\t')))
    );
    assert!(
        script
            .iter()
            .any(|i| matches!(i, Input::Paste(t) if !t.contains('\t')))
    );
    assert!(
        script
            .iter()
            .any(|i| i.char().is_some_and(|c| c > '\u{4e00}'))
    );
    let whole = wizard_oracle(None, &script);
    let report = nianbao::toml_read::read(
        std::str::from_utf8(whole.saves.last().unwrap()).unwrap(),
        nianbao::schema::Lang::Zh,
    )
    .unwrap()
    .report;
    // A number typed into every table.
    for (_, table) in nianbao::schema::tables() {
        let any = nianbao::schema::all_cells()
            .filter(|c| c.table_def().key == table.key && !c.is_computed())
            .any(|c| !report.cell(c).is_zero());
        assert!(any, "no number in table {}", table.key);
    }
    assert!(commits(&whole).len() > 50);
    println!(
        "the script: {} inputs, {} commits",
        script.len(),
        commits(&whole).len()
    );
}

#[test]
fn sigkill_at_random_points_loses_nothing_committed() {
    trials("SIGKILL", Ending::Signal(libc::SIGKILL), 50);
}

#[test]
fn sigterm_at_random_points_saves_everything_and_restores_the_terminal() {
    trials("SIGTERM", Ending::Signal(libc::SIGTERM), 12);
}

#[test]
fn sighup_at_random_points_saves_everything_and_restores_the_terminal() {
    trials("SIGHUP", Ending::Signal(libc::SIGHUP), 12);
}

#[test]
fn closing_the_terminal_at_random_points_saves_everything() {
    trials("hang-up", Ending::HangUp, 12);
}

/// A panic injected at a random input (`NIANBAO_PANIC_AT_EVENT`, honoured
/// by debug builds only) on the real binary: it exits with Rust's panic
/// code, the report as of the input before is saved, including a number
/// being typed, the terminal is out of raw mode with the alternate screen
/// left, the cursor shown and bracketed paste off, and it says where the
/// report is.
#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "needs a debug build: only debug builds read NIANBAO_PANIC_AT_EVENT"
)]
fn an_injected_panic_saves_the_draft_and_restores_the_terminal() {
    let script = entry_script();
    let whole = wizard_oracle(None, &script);
    let commits = commits(&whole);
    let base = env_number("NIANBAO_TRIAL_SEED", 20_240_601);
    let count = env_number("NIANBAO_TRIALS", 6);
    let dir = tempfile::tempdir().unwrap();
    let mut numbers = 0;
    for trial in 0..count {
        let mut rng = Rng::new(base ^ 0x9a41c ^ trial);
        // From no file, or from a commit with an input left to type.
        let starts: Vec<usize> = commits
            .iter()
            .copied()
            .filter(|&k| k < script.len())
            .collect();
        let from = if trial == 0 {
            0
        } else {
            starts[rng.below(starts.len())]
        };
        let typed = &script[from..(from + 1 + rng.below(60)).min(script.len())];
        let at = 1 + rng.below(typed.len());
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        let start = (from > 0).then(|| whole.saves[from].clone());
        if let Some(bytes) = &start {
            std::fs::write(dir.path().join(NAME), bytes).unwrap();
        }
        let oracle = wizard_oracle(start.as_deref(), &typed[..at - 1]);
        let plan = format!(
            "trial {trial}: from input {from}, panic at input {at} of {}",
            typed.len()
        );
        eprintln!("{plan}");
        let at_text = at.to_string();
        let mut s = Session::wizard(
            &["edit", "--lang", "zh", NAME],
            dir.path(),
            COLS,
            ROWS,
            &[
                ("NIANBAO_PANIC_AT_EVENT", &at_text),
                ("RUST_BACKTRACE", "0"),
            ],
        );
        s.wait_for_screen("步骤", Duration::from_secs(10));
        for input in typed {
            s.send(&input.bytes());
        }
        // The end, and all it wrote on the emulator, with the terminal open.
        s.wait_for_end(Duration::from_secs(10));
        let termios = s.termios();
        let modes = terminal_modes(&s);
        let screen = s.text();
        let (ended, output) = s.finish(Duration::from_secs(10));
        let printed = String::from_utf8_lossy(&output);
        assert_eq!(ended.code, Some(101), "{plan}: {ended:?}\n{printed}");
        assert_cooked(&termios, &plan);
        assert_eq!(modes, TerminalModes::default(), "{plan}");
        assert!(
            screen.contains("出错退出；报告已保存到"),
            "{plan}: says where the report is, on the terminal as left: {screen}"
        );
        assert!(printed.contains("injected panic"), "{plan}: {printed}");
        let on_disk = std::fs::read(dir.path().join(NAME)).unwrap();
        let expected = oracle.exits.last().unwrap();
        assert!(
            on_disk == *expected,
            "{plan}: the file is not the report as of input {}:\n{}",
            at - 1,
            String::from_utf8_lossy(&on_disk)
        );
        if expected != oracle.saves.last().unwrap() {
            numbers += 1;
        }
    }
    println!(
        "injected panic: {count} trials, each saved exactly as of the input before the panic \
         ({numbers} with a number still being typed), terminal restored"
    );
}
