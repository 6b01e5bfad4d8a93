//! Crash trials of the wizard: `nianbao edit` on a pseudo-terminal, fed a
//! scripted entry of a few hundred keys, ended at a seeded random point by a
//! signal or by the terminal going away; then the file is checked against an
//! oracle.
//!
//! The oracle replays the same inputs in-process through the wizard's `App`
//! and records, after each input *k*, the file a save would write then,
//! *S(k)* (committed values only, as the autosave writes them), and the file
//! the way out writes, *E(k)* (a number still being typed included, as on a
//! signal, a hang-up or a panic).
//!
//! **Committed**, precisely: the wizard saves a confirmed value (a cell left
//! with Tab/Enter/arrows, a text field left, a choice changed, a paste)
//! before it reads another key, and text being typed after a 0.6 s pause or
//! at most 1 s after the first unsaved keystroke. The trial types in bursts
//! of whole keys, and after a burst that ends in a confirming key it waits
//! (up to 10 s) until the file is *S(k)* before typing on: that key, and
//! everything before it, is committed. Each trial may also *settle*: wait
//! until the screen (read through vt100) shows the last key's effect — the
//! row under the cursor and the cursor column as the oracle draws them —
//! and, for SIGKILL, then wait 1.5 s, so that text typed last is committed
//! too. The interruption comes after the last burst (plus a pause of 0–30
//! ms), so keys sent after the last commit may or may not have been read.
//!
//! After SIGKILL the file must be *exactly* one of *S(L)* … *S(n)*, where *L*
//! is the last committed input and *n* the inputs sent (or the starting
//! file, when nothing was committed yet); after SIGHUP, SIGTERM or a
//! hang-up, one of *E(L)* … *E(n)* — with *L = n* when settled, so a number
//! being typed is kept — and the process must have exited (129 or 143), not
//! died by the signal, leaving the terminal as it found it.
//!
//! To keep each trial short, a trial starts either from no file or from the
//! file as saved at a random commit of the script (the wizard resumes there),
//! and types on for up to [`WINDOW`] inputs; the trials between them cover
//! the whole script.

use super::session::{Ended, Session, endings};
use super::wizard::{Input, inputs};
use super::{Rng, snapshot};
use nianbao::entry::focus;
use nianbao::model::Report;
use nianbao::schema::{self, Lang};
use nianbao::tui::app::{App, Effect, Previous};
use nianbao::tui::keymap::Context;
use nianbao::tui::theme::Theme;
use nianbao::tui::view::{self, Chrome};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use std::path::Path;
use std::time::{Duration, Instant};

/// The terminal the trials use.
pub const COLS: u16 = 80;
pub const ROWS: u16 = 24;
/// The most inputs a trial types.
pub const WINDOW: usize = 80;
/// The report file's name in the trial folder (the title shows it).
pub const NAME: &str = "r.toml";

/// How long any one wait of a trial may take before the test fails.
const WAIT: Duration = Duration::from_secs(10);

/// The wizard as `nianbao edit` opens it: on the file's bytes, or a new
/// report for the year being compiled.
pub fn open_app(start: Option<&[u8]>) -> App {
    let this_year = nianbao::validate::reporting_year();
    let report = match start {
        Some(bytes) => {
            let text = std::str::from_utf8(bytes).expect("UTF-8");
            nianbao::toml_read::read(text, Lang::Zh)
                .expect("the start file loads")
                .report
        }
        None => Report::for_year(this_year),
    };
    App::new(report, Lang::Zh, Previous::None, this_year)
}

fn step_of(number: &str) -> usize {
    schema::SECTIONS
        .iter()
        .position(|s| s.number == number)
        .unwrap_or_else(|| panic!("no section {number}"))
}

/// One-line answers, by the field's shape.
const LINES: &[&str] = &[
    "示例市商务局",
    "《中华人民共和国政府信息公开条例》",
    "示例市商务局办公室",
    "示例市人民路一号",
    "王小明",
    "林业和草原局",
];

/// The scripted entry: a whole report typed into a new file with Tab alone,
/// as docs/GUIDE.md promises — Chinese text in every text field (one of them
/// pasted with a line break, the others with Enter for a new line), the
/// year, the agency level, numbers in every table (in 三 a block pasted from
/// a spreadsheet first, then typed cells confirmed with Tab or Enter), and
/// PgDn to the next step once a step has had its share. Made by driving the
/// wizard itself, so every key lands where it is meant to.
pub fn entry_script() -> Vec<Input> {
    let mut app = open_app(None);
    let mut script: Vec<Input> = Vec::new();
    let mut rng = Rng::new(20_240_601);
    let (mut step, mut typed_in_step) = (usize::MAX, 0);
    let (mut lines, mut paragraphs) = (0, 0);
    let mut pasted_grid = false;
    let three = step_of("三");
    let press = |app: &mut App, script: &mut Vec<Input>, these: Vec<Input>| {
        for input in these {
            app.handle_event(input.event());
            script.push(input);
        }
    };
    for _ in 0..1000 {
        if app.step == focus::review_step() {
            break;
        }
        if app.step != step {
            step = app.step;
            typed_in_step = 0;
        }
        let shape = match app.focus {
            focus::Focus::Field(f) => match f.field().kind {
                schema::FieldKind::Line(shape) => Some(shape),
                _ => None,
            },
            focus::Focus::Cell(_) => None,
        };
        let these = match app.context() {
            Context::LineText => {
                lines += 1;
                let text = match shape {
                    Some(schema::Shape::Phone) => "0472-2836709".to_string(),
                    Some(schema::Shape::Email) => "shiyan@example.cn".to_string(),
                    Some(schema::Shape::Postcode) => "014010".to_string(),
                    Some(schema::Shape::Url) => "http://www.example.cn".to_string(),
                    _ => LINES[lines % LINES.len()].to_string(),
                };
                inputs(&format!("{text}<Tab>"))
            }
            Context::MultiText => {
                paragraphs += 1;
                if paragraphs == 2 {
                    let mut v = vec![Input::Paste(
                        "全年主动公开信息一百二十条。\r\n其中政策解读五篇。".into(),
                    )];
                    v.extend(inputs("<Tab>"));
                    v
                } else {
                    inputs(&format!(
                        "第{}部分：工作有序推进。<Enter>下一步继续完善。<Tab>",
                        schema::chinese_number(paragraphs)
                    ))
                }
            }
            Context::Year => inputs("<BS><BS><BS><BS>2024<Tab>"),
            Context::Choice => inputs("<Right><Right><Right><Tab>"),
            Context::Grid if app.step == three && !pasted_grid => {
                pasted_grid = true;
                vec![Input::Paste(
                    "10\t2\t0\t0\t1\t0\r\n1\t0\t0\t0\t0\t0\r\n".into(),
                )]
            }
            Context::Grid if typed_in_step >= 24 => inputs("<PgDn>"),
            Context::Grid => {
                typed_in_step += 1;
                let number = 1 + match rng.below(4) {
                    0 => rng.below(9),
                    1 | 2 => rng.below(99),
                    _ => rng.below(999),
                };
                let confirm = if rng.below(3) == 0 {
                    "<Enter>"
                } else {
                    "<Tab>"
                };
                inputs(&format!("{number}{confirm}"))
            }
            _ => inputs("<PgDn>"),
        };
        press(&mut app, &mut script, these);
    }
    assert_eq!(app.step, focus::review_step(), "the script reaches 核对");
    script
}

/// What the wizard holds after each input of a run, and what each input did.
pub struct WizardOracle {
    /// The starting file (`None`: no file).
    pub start: Option<Vec<u8>>,
    /// `saves[k]`: what a save writes after the first `k` inputs.
    pub saves: Vec<Vec<u8>>,
    /// `exits[k]`: what the way out writes after the first `k` inputs.
    pub exits: Vec<Vec<u8>>,
    /// `effects[k - 1]`: what input `k` did.
    pub effects: Vec<Effect>,
    /// `contexts[k - 1]`: where input `k` was typed.
    pub contexts: Vec<Context>,
    /// The wizard after the last input.
    pub app: App,
}

/// Replays `inputs` in-process from `start`.
pub fn wizard_oracle(start: Option<&[u8]>, inputs: &[Input]) -> WizardOracle {
    let mut app = open_app(start);
    let write = |r: &Report| nianbao::toml_write::write(r).into_bytes();
    let mut saves = vec![write(&app.report_for_saving())];
    let mut exits = vec![write(&app.report_for_exit())];
    let mut effects = Vec::new();
    let mut contexts = Vec::new();
    for input in inputs {
        contexts.push(app.context());
        effects.push(app.handle_event(input.event()));
        saves.push(write(&app.report_for_saving()));
        exits.push(write(&app.report_for_exit()));
    }
    WizardOracle {
        start: start.map(<[u8]>::to_vec),
        saves,
        exits,
        effects,
        contexts,
        app,
    }
}

/// The inputs after which the whole script's oracle has a new file to
/// save at once: where a trial may start.
pub fn commits(oracle: &WizardOracle) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last = 0;
    for k in 1..oracle.saves.len() {
        if oracle.effects[k - 1] >= Effect::Committed && oracle.saves[k] != oracle.saves[last] {
            out.push(k);
            last = k;
        }
    }
    out
}

/// The screen the oracle's wizard draws: its rows (wide characters once,
/// trailing blanks dropped) and the cursor (column, row).
pub fn drawn(app: &App, cols: u16, rows: u16) -> (Vec<String>, (u16, u16)) {
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    let chrome = Chrome {
        theme: Theme::from_env(false, false),
        file: NAME.into(),
        save_problem: None,
    };
    terminal.draw(|f| view::draw(f, app, &chrome)).unwrap();
    let cursor = terminal.backend_mut().get_cursor_position().unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut lines = Vec::new();
    for y in 0..rows {
        let mut line = String::new();
        let mut x = 0;
        while x < cols {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        lines.push(line.trim_end().to_string());
    }
    (lines, (cursor.x, cursor.y))
}

/// Whether the terminal shows what the oracle's wizard draws where the
/// cursor is: the same cursor column and the same text on the cursor's
/// row. (Rows elsewhere may differ by where a long table is scrolled,
/// which depends on how keys were batched into frames.)
pub fn shows_caret_row(screen: &vt100::Screen, expected: &(Vec<String>, (u16, u16))) -> bool {
    let (row, col) = screen.cursor_position();
    let (lines, (x, y)) = expected;
    if col != *x {
        return false;
    }
    let real = screen
        .rows(0, screen.size().1)
        .nth(row as usize)
        .unwrap_or_default();
    real.trim_end() == lines[*y as usize]
}

/// How a wizard trial ends the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Signal(i32),
    /// The terminal closed (SSH dropped): the kernel hangs up on the wizard.
    HangUp,
}

/// One wizard trial's plan, drawn from its seed.
#[derive(Debug, Clone)]
pub struct WizardPlan {
    pub seed: u64,
    /// The input of the whole script the trial starts after (0: no file).
    pub from: usize,
    /// Inputs typed before the interruption.
    pub count: usize,
    /// The most inputs sent in one write.
    pub burst: usize,
    pub pause_ms: u64,
    /// Wait until the screen shows the last input's effect first.
    pub settle: bool,
}

impl WizardPlan {
    pub fn draw(seed: u64, commits: &[usize], script_len: usize) -> WizardPlan {
        let mut rng = Rng::new(seed);
        // A start with at least one input left to type.
        let starts: Vec<usize> = commits
            .iter()
            .copied()
            .filter(|&k| k < script_len)
            .collect();
        let from = match rng.below(4) {
            0 => 0,
            _ => starts[rng.below(starts.len())],
        };
        let count = 1 + rng.below(WINDOW.min(script_len - from));
        WizardPlan {
            seed,
            from,
            count,
            burst: [1, 2, 4, 8][rng.below(4)],
            pause_ms: [0, 0, 1, 3, 10, 30][rng.below(6)],
            settle: rng.below(4) == 0,
        }
    }
}

/// What one wizard trial found.
#[derive(Debug, Clone)]
pub struct WizardFinding {
    pub plan: WizardPlan,
    pub ended: Ended,
    /// Inputs committed before the end, counted from the trial's start.
    pub committed: usize,
    /// The input count whose state the file holds.
    pub state: usize,
    /// Whether a number was being typed at the end and was kept.
    pub kept_number_being_typed: bool,
    pub leftovers: usize,
    /// From sending each commit to seeing it on disk.
    pub commit_latencies: Vec<Duration>,
}

/// Runs one trial in `dir` (emptied first) and checks it; panics with the
/// plan and the reason when anything was lost or the file is not whole.
pub fn run_wizard_trial(
    dir: &Path,
    script: &[Input],
    whole: &WizardOracle,
    ending: Ending,
    plan: &WizardPlan,
) -> WizardFinding {
    let file = dir.join(NAME);
    for entry in std::fs::read_dir(dir).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let start = (plan.from > 0).then(|| whole.saves[plan.from].clone());
    if let Some(bytes) = &start {
        std::fs::write(&file, bytes).unwrap();
    }
    let typed = &script[plan.from..plan.from + plan.count];
    let oracle = wizard_oracle(start.as_deref(), typed);
    let mut session = Session::wizard(&["edit", "--lang", "zh", NAME], dir, COLS, ROWS, &[]);
    session.wait_for_screen("步骤", WAIT);
    let why = |msg: &str, session: &Session| -> String {
        format!(
            "{msg}\n{ending:?} {plan:?}\nthe screen:\n{}",
            session.text()
        )
    };

    // Type in bursts of whole keys; a burst ends at each commit, which is
    // waited for before typing on (except in the last burst).
    let mut rng = Rng::new(plan.seed ^ 0x5eed);
    let mut committed = 0;
    let mut last_commit_state = oracle.saves[0].clone();
    let mut sent = 0;
    let mut latencies = Vec::new();
    while sent < typed.len() {
        let mut end = (sent + 1 + rng.below(plan.burst)).min(typed.len());
        let commit_in_burst = (sent + 1..=end).find(|&k| {
            oracle.effects[k - 1] >= Effect::Committed && oracle.saves[k] != last_commit_state
        });
        if let Some(k) = commit_in_burst {
            end = k;
        }
        let bytes: Vec<u8> = typed[sent..end].iter().flat_map(Input::bytes).collect();
        let sent_at = Instant::now();
        session.send(&bytes);
        sent = end;
        if commit_in_burst.is_some() && sent < typed.len() {
            let deadline = Instant::now() + WAIT;
            while std::fs::read(&file).ok().as_deref() != Some(&oracle.saves[sent][..]) {
                assert!(
                    Instant::now() < deadline,
                    "{}",
                    why(&format!("input {sent} was not saved"), &session)
                );
                std::thread::sleep(Duration::from_millis(1));
            }
            latencies.push(sent_at.elapsed());
            committed = sent;
            last_commit_state = oracle.saves[sent].clone();
        }
    }
    if plan.settle {
        let expected = drawn(&oracle.app, COLS, ROWS);
        session.wait_until("the last input on screen", WAIT, |s| {
            shows_caret_row(s, &expected)
        });
        if ending == Ending::Signal(libc::SIGKILL) {
            // What the wizard saves once typing pauses: everything up to
            // the last input that changed anything (later ones only moved
            // the focus). Waited for on disk, however long the machine takes.
            committed = (1..=sent)
                .rev()
                .find(|&k| oracle.effects[k - 1] != Effect::None)
                .unwrap_or(0)
                .max(committed);
            // (The focus saved with it may be that of any later input.)
            let deadline = Instant::now() + WAIT;
            let saved = |on_disk: Option<Vec<u8>>| {
                (committed..=sent).any(|k| on_disk.as_deref() == Some(&oracle.saves[k][..]))
                    || (committed == 0 && on_disk == oracle.start)
            };
            while !saved(std::fs::read(&file).ok()) {
                assert!(
                    Instant::now() < deadline,
                    "{}",
                    why(
                        &format!("the pause did not save input {committed}"),
                        &session
                    )
                );
                std::thread::sleep(Duration::from_millis(2));
            }
        } else {
            committed = sent;
        }
    }
    std::thread::sleep(Duration::from_millis(plan.pause_ms));
    match ending {
        Ending::Signal(signal) => {
            session.signal(signal);
        }
        Ending::HangUp => session.hang_up(),
    }
    // SIGKILL leaves the terminal as it was (nothing can run), and a
    // hang-up leaves none: only SIGHUP and SIGTERM can and must restore it.
    let restored = if matches!(ending, Ending::HangUp | Ending::Signal(libc::SIGKILL)) {
        None
    } else {
        // Wait for the end, and for all it wrote to reach the emulator,
        // with the terminal still open, to read its modes.
        session.wait_for_end(WAIT);
        Some((session.termios(), terminal_modes(&session)))
    };
    let screen_text = session.text();
    let (ended, _) = session.finish(WAIT);
    let on_disk = std::fs::read(&file).ok();
    let why = |msg: &str| -> String {
        format!("{msg}\n{ending:?} {plan:?}, ended {ended:?}\nthe screen:\n{screen_text}")
    };
    let states = if ending == Ending::Signal(libc::SIGKILL) {
        &oracle.saves
    } else {
        &oracle.exits
    };
    let state = (committed..=sent)
        .find(|&k| on_disk.as_deref() == Some(&states[k][..]))
        .or_else(|| (committed == 0 && on_disk == oracle.start).then_some(0))
        .unwrap_or_else(|| {
            panic!(
                "{}",
                why(&format!(
                    "the file is none of the states {committed}..={sent} (committed..sent): lost or corrupted"
                ))
            )
        });
    if let Some(text) = &on_disk {
        let loaded = nianbao::toml_read::read(std::str::from_utf8(text).unwrap(), Lang::En)
            .unwrap_or_else(|e| panic!("{}", why(&e.describe())));
        assert!(loaded.is_editable(), "{}", why("not editable"));
    }
    // The way out writes more than a save only when a number was being typed.
    let kept_number_being_typed =
        ending != Ending::Signal(libc::SIGKILL) && states[state] != oracle.saves[state];
    match ending {
        Ending::Signal(libc::SIGKILL) => {
            assert_eq!(
                ended.signal.as_deref(),
                Some("Killed"),
                "{}",
                why("how it ended")
            );
        }
        Ending::Signal(signal) => {
            assert_eq!(ended.signal, None, "{}", why("died by the signal"));
            assert_eq!(ended.code, Some(128 + signal), "{}", why("exit code"));
        }
        Ending::HangUp => {
            assert_eq!(ended.signal, None, "{}", why("died by the hang-up"));
            assert_eq!(ended.code, Some(129), "{}", why("exit code"));
        }
    }
    if let Some((termios, modes)) = restored {
        assert_cooked(&termios, &why("terminal modes"));
        assert_eq!(modes, TerminalModes::default(), "{}", why("terminal modes"));
    }
    let mut leftovers = 0;
    for other in snapshot(dir).keys().filter(|n| **n != NAME) {
        if other.starts_with(&format!(".{NAME}.")) && other.ends_with(".tmp") {
            leftovers += 1;
        } else {
            assert_eq!(
                other,
                &format!(".{NAME}.lock"),
                "{}",
                why(&format!("stray file {other}"))
            );
        }
    }
    if ending != Ending::Signal(libc::SIGKILL) {
        assert_eq!(leftovers, 0, "{}", why("a save left its temp file"));
    }
    // The lock is free and reopening changes nothing.
    let next = super::nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&file)
        .go();
    assert_eq!(next.code(), Some(0), "{}", why(&next.both()));
    assert_eq!(
        std::fs::read(&file).ok(),
        on_disk,
        "{}",
        why("changed by reopening")
    );
    WizardFinding {
        plan: plan.clone(),
        ended,
        committed,
        state,
        kept_number_being_typed,
        leftovers,
        commit_latencies: latencies,
    }
}

/// The terminal modes the wizard turns on, as the emulator sees them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TerminalModes {
    pub alternate_screen: bool,
    pub cursor_hidden: bool,
    pub bracketed_paste: bool,
}

pub fn terminal_modes(session: &Session) -> TerminalModes {
    let parser = session.screen();
    let s = parser.screen();
    TerminalModes {
        alternate_screen: s.alternate_screen(),
        cursor_hidden: s.hide_cursor(),
        bracketed_paste: s.bracketed_paste(),
    }
}

/// Fails unless the terminal is out of raw mode: line editing, echo,
/// signals from keys, CR→NL on input and output processing on again.
pub fn assert_cooked(now: &libc::termios, why: &str) {
    let lflags = libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN;
    assert_eq!(
        now.c_lflag & lflags,
        lflags,
        "raw mode still on (lflag): {why}"
    );
    assert_eq!(
        now.c_iflag & libc::ICRNL,
        libc::ICRNL,
        "raw mode still on (iflag): {why}"
    );
    assert_eq!(
        now.c_oflag & libc::OPOST,
        libc::OPOST,
        "raw mode still on (oflag): {why}"
    );
}

/// A one-line summary of a batch of wizard trials, for the test's output.
pub fn wizard_summary(label: &str, findings: &[WizardFinding]) -> String {
    let committed: usize = findings.iter().map(|f| f.committed).sum();
    let typed: usize = findings.iter().map(|f| f.plan.count).sum();
    let beyond = findings.iter().filter(|f| f.state > f.committed).count();
    let numbers = findings
        .iter()
        .filter(|f| f.kept_number_being_typed)
        .count();
    let leftovers: usize = findings.iter().map(|f| f.leftovers).sum();
    let mut latencies: Vec<Duration> = findings
        .iter()
        .flat_map(|f| f.commit_latencies.iter().copied())
        .collect();
    latencies.sort();
    let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    format!(
        "{label}: {} trials, {typed} inputs typed, 0 lost, 0 corrupt (every file whole and \
         holding all {committed} committed inputs); {beyond} also held inputs sent after the \
         last commit; {numbers} kept a number still being typed; {leftovers} temp file(s) \
         left by a save cut short; ended by {}; a commit was on disk {:.1} ms after its key \
         was sent (median of {}; slowest {:.1} ms)",
        findings.len(),
        endings(findings.iter().map(|f| &f.ended)),
        ms(latencies.get(latencies.len() / 2)),
        latencies.len(),
        ms(latencies.last()),
    )
}
