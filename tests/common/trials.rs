//! Crash trials: type a whole report into nianbao, end it abruptly at a
//! random moment (a signal, or the terminal going away), and check that the
//! file on disk is whole and holds everything nianbao had confirmed.
//!
//! The oracle is the same session run in-process without interruption,
//! recorded line by line: before reading answer *i* + 1, the file holds
//! state *i* and the output has reached length *o(i)*. Everything nianbao
//! prints while handling an answer comes after that answer's save, so once
//! the interrupted run's output is longer than *o(i − 1)*, answer *i* must
//! be on disk. After the interruption the file must therefore be exactly
//! one of the states *j* … *s*, where *j* counts the confirmed answers and
//! *s* the answers sent. The interrupted run's output must also be a prefix
//! of the oracle's, which shows the two runs took the same path.
//!
//! The wizard's trials, whose oracle replays keys through the wizard's `App`
//! and whose evidence of a commit is the file itself, are in
//! `wizard_trials.rs`.

use super::session::{Ended, Session, endings};
use super::{Rng, snapshot};
use nianbao::schema::Lang;
use nianbao::store;
use std::cell::RefCell;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

/// What the file held (`None`: no file) and how much had been printed when
/// nianbao asked for the next answer.
#[derive(Debug, Clone)]
pub struct State {
    pub file: Option<Vec<u8>>,
    pub printed: usize,
}

/// The uninterrupted session: the state before each answer, then after the last.
#[derive(Debug, Clone)]
pub struct Oracle {
    pub file: PathBuf,
    pub states: Vec<State>,
    pub output: Vec<u8>,
}

/// Runs plain mode in-process on `answers` (one per line), recording the
/// state each time it asks for another line. `file` starts as `start`.
pub fn plain_oracle(file: &Path, start: Option<&str>, answers: &[String]) -> Oracle {
    match start {
        Some(text) => std::fs::write(file, text).unwrap(),
        None => {
            let _ = std::fs::remove_file(file);
        }
    }
    let output = Rc::new(RefCell::new(Vec::new()));
    let states = Rc::new(RefCell::new(Vec::new()));
    let input = Recorder {
        lines: answers
            .iter()
            .map(|a| format!("{a}\n").into_bytes())
            .collect(),
        next: 0,
        at: 0,
        recorded: 0,
        file: file.to_path_buf(),
        output: output.clone(),
        states: states.clone(),
    };
    let out = Shared(output.clone());
    nianbao::plain::run(file, Lang::Zh, input, nianbao::plain::Input::Stream, out)
        .expect("the oracle run");
    let output = output.borrow().clone();
    let mut states = states.borrow().clone();
    states.push(State {
        file: std::fs::read(file).ok(),
        printed: output.len(),
    });
    Oracle {
        file: file.to_path_buf(),
        states,
        output,
    }
}

/// Line input that notes the state whenever a new line is first asked for.
struct Recorder {
    lines: Vec<Vec<u8>>,
    next: usize,
    at: usize,
    recorded: usize,
    file: PathBuf,
    output: Rc<RefCell<Vec<u8>>>,
    states: Rc<RefCell<Vec<State>>>,
}

impl Read for Recorder {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Recorder {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.recorded == self.next && self.at == 0 && self.next < self.lines.len() {
            self.states.borrow_mut().push(State {
                file: std::fs::read(&self.file).ok(),
                printed: self.output.borrow().len(),
            });
            self.recorded += 1;
        }
        Ok(match self.lines.get(self.next) {
            Some(line) => &line[self.at..],
            None => &[],
        })
    }

    fn consume(&mut self, n: usize) {
        self.at += n;
        if self
            .lines
            .get(self.next)
            .is_some_and(|l| self.at >= l.len())
        {
            self.next += 1;
            self.at = 0;
        }
    }
}

struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// How a trial ends the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interruption {
    /// A signal sent to the process.
    Signal(i32),
    /// The terminal closed (the SSH connection dropped).
    HangUp,
}

/// How a trial starts nianbao.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    /// `edit --plain` over pipes.
    PlainPipe,
    /// `edit --plain` on a pseudo-terminal without echo, as a screen-reader
    /// user over SSH.
    PlainPty,
}

/// One trial's plan, all drawn from its seed.
#[derive(Debug, Clone)]
pub struct Plan {
    pub seed: u64,
    /// Start from the seed example (else from no file).
    pub existing: bool,
    /// Complete answers sent before the interruption.
    pub answers_sent: usize,
    /// Bytes of the next answer typed but not yet entered.
    pub partial: usize,
    /// Pause before the interruption, in milliseconds.
    pub pause_ms: u64,
    /// Wait until the file holds every answer sent (nianbao idle at a
    /// prompt) before the pause.
    pub catch_up: bool,
}

impl Plan {
    pub fn draw(seed: u64, answers: usize) -> Plan {
        let mut rng = Rng::new(seed);
        let existing = rng.below(2) == 1;
        let answers_sent = rng.below(answers + 1);
        let partial = if rng.below(3) == 0 {
            1 + rng.below(6)
        } else {
            0
        };
        let pause_ms = [0, 0, 1, 3, 10, 30][rng.below(6)];
        let catch_up = rng.below(3) == 0;
        Plan {
            seed,
            existing,
            answers_sent,
            partial,
            pause_ms,
            catch_up,
        }
    }
}

/// What one trial found.
#[derive(Debug, Clone)]
pub struct Finding {
    pub plan: Plan,
    pub ended: Ended,
    /// Answers nianbao had confirmed (printed past) before the end.
    pub confirmed: usize,
    /// The answer count whose state the file holds.
    pub state: usize,
    /// Temp files a save interrupted half-way left beside the report.
    pub leftovers: usize,
}

/// Runs one trial in `dir` (emptied first) and checks it; panics with the
/// plan and the reason when anything was lost or the file is not whole.
pub fn run_trial(
    dir: &Path,
    driver: Driver,
    interruption: Interruption,
    answers: &[String],
    oracle: &Oracle,
    start: Option<&str>,
    plan: &Plan,
) -> Finding {
    let file = dir.join("r.toml");
    for entry in std::fs::read_dir(dir).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    if let Some(text) = start {
        std::fs::write(&file, text).unwrap();
    }
    let args = ["edit", "--plain", "--lang", "zh", file.to_str().unwrap()];
    let mut session = match driver {
        Driver::PlainPipe => Session::pipe(&args, dir),
        Driver::PlainPty => {
            let session = Session::pty(&args, dir, 80, 24, Some("-echo -onlcr"));
            // Typing before `stty` has run would be echoed back.
            session.wait_for("nianbao", 0, Duration::from_secs(10));
            session
        }
    };
    let mut rng = Rng::new(plan.seed ^ 0x5eed);
    let typed: Vec<u8> = answers[..plan.answers_sent]
        .iter()
        .flat_map(|a| format!("{a}\n").into_bytes())
        .chain(
            answers
                .get(plan.answers_sent)
                .map(|a| {
                    a.as_bytes()
                        .iter()
                        .copied()
                        .take(plan.partial)
                        .collect::<Vec<u8>>()
                })
                .unwrap_or_default(),
        )
        .collect();
    // Typed in bursts of 1–32 bytes, as keys and network packets arrive.
    let mut sent = 0;
    while sent < typed.len() {
        let n = (1 + rng.below(32)).min(typed.len() - sent);
        session.send(&typed[sent..sent + n]);
        sent += n;
        if rng.below(8) == 0 {
            std::thread::sleep(Duration::from_micros(rng.below(2000) as u64));
        }
    }
    if plan.catch_up {
        let want = oracle.states[plan.answers_sent].file.clone();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::fs::read(&file).ok() != want {
            assert!(
                std::time::Instant::now() < deadline,
                "nianbao did not catch up with {plan:?}"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    std::thread::sleep(Duration::from_millis(plan.pause_ms));
    match interruption {
        Interruption::Signal(signal) => {
            session.signal(signal);
        }
        Interruption::HangUp => session.hang_up(),
    }
    let (ended, mut printed) = session.finish(Duration::from_secs(10));
    // The oracle ran on a file of its own, whose name has the same length.
    let (ours, theirs) = (file.to_str().unwrap(), oracle.file.to_str().unwrap());
    assert_eq!(ours.len(), theirs.len(), "paths of different lengths");
    printed = String::from_utf8_lossy(&printed)
        .replace(ours, theirs)
        .into_bytes();
    let why = |msg: String| -> String {
        format!(
            "{msg}\n{driver:?} {interruption:?} {plan:?}, ended {ended:?}\nprinted:\n{}",
            String::from_utf8_lossy(&printed)
        )
    };
    assert!(
        oracle.output.starts_with(&printed),
        "{}",
        why("the interrupted run printed something the oracle did not".into())
    );
    let confirmed = (1..oracle.states.len())
        .filter(|&i| oracle.states[i - 1].printed < printed.len())
        .count();
    let on_disk = std::fs::read(&file).ok();
    let state = (confirmed..=plan.answers_sent)
        .find(|&k| oracle.states.get(k).is_some_and(|s| s.file == on_disk))
        .unwrap_or_else(|| {
            panic!(
                "{}",
                why(format!(
                    "the file is none of the states {confirmed}..={} (confirmed..sent): lost or corrupted",
                    plan.answers_sent
                ))
            )
        });
    if on_disk.is_some() {
        let loaded =
            store::load(&file, Lang::En).unwrap_or_else(|e| panic!("{}", why(e.to_string())));
        assert!(loaded.is_editable(), "{}", why("not editable".into()));
    }
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let mut leftovers = 0;
    for other in snapshot(dir).keys().filter(|n| **n != name) {
        if other.starts_with(&format!(".{name}.")) && other.ends_with(".tmp") {
            leftovers += 1;
        } else {
            assert_eq!(
                other,
                &format!(".{name}.lock"),
                "{}",
                why(format!("stray file {other}"))
            );
        }
    }
    // The next session opens it as it is: no stale lock, no trouble from
    // a leftover temp file, and nothing changed without an answer.
    let next = super::nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&file)
        .go();
    assert_eq!(next.code(), Some(0), "{}", why(next.both()));
    assert_eq!(
        std::fs::read(&file).ok(),
        on_disk,
        "{}",
        why("changed by reopening".into())
    );
    Finding {
        plan: plan.clone(),
        ended,
        confirmed,
        state,
        leftovers,
    }
}

/// A one-line summary of a batch of trials, for the test's output.
pub fn summary(label: &str, findings: &[Finding]) -> String {
    let behind = findings
        .iter()
        .filter(|f| f.state < f.plan.answers_sent)
        .count();
    let confirmed: usize = findings.iter().map(|f| f.confirmed).sum();
    let kept: usize = findings.iter().map(|f| f.state).sum();
    let leftovers: usize = findings.iter().map(|f| f.leftovers).sum();
    format!(
        "{label}: {} trials, 0 lost, 0 corrupt (every file whole, holding all {confirmed} \
         confirmed answers; {kept} answers on disk in all); {behind} interrupted while \
         answers sent were still unread; {leftovers} temp file(s) left by an interrupted \
         save; ended by {}",
        findings.len(),
        endings(findings.iter().map(|f| &f.ended))
    )
}
