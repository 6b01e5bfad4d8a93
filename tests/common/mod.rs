//! What the tests that run the real binary share: bounded runs (a test can
//! never hang: every wait has a deadline, after which the child is killed
//! and the test fails with what it printed), folder snapshots for "nothing
//! else changed", a seeded random generator for reproducible trials, and
//! the ways to run nianbao as an ordinary user. Interactive sessions over a
//! pipe or a pseudo-terminal are in [`session`]; the crash trials built on
//! them in [`trials`] (plain mode) and [`wizard_trials`] (the wizard); the
//! wizard's key strings and apps in [`wizard`]; what a test needs from the
//! machine (root, …) in [`needs`].
#![allow(dead_code)]

pub mod needs;
pub mod session;
pub mod trials;
pub mod wizard;
pub mod wizard_trials;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The busy example: a complete report with non-zero numbers everywhere.
pub const BUSY: &str = include_str!("../../examples/busy-city-bureau-2024.toml");
/// The seed example.
pub const SEED: &str = include_str!("../../examples/kunqu-commerce-2023.toml");

/// The longest any single run of the binary may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_nianbao")
}

/// A run of the binary, built up and then started with [`Run::go`].
pub struct Run {
    args: Vec<String>,
    stdin: Vec<u8>,
    env: Vec<(String, String)>,
    dir: Option<PathBuf>,
    wrapper: Vec<String>,
    limit: Duration,
}

/// `nianbao ARGS…`, with empty input and [`PATIENCE`].
pub fn nianbao<S: AsRef<str>>(args: &[S]) -> Run {
    Run {
        args: args.iter().map(|a| a.as_ref().to_string()).collect(),
        stdin: Vec::new(),
        env: Vec::new(),
        dir: None,
        wrapper: Vec::new(),
        limit: PATIENCE,
    }
}

impl Run {
    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Run {
        self.args.push(arg.as_ref().to_string_lossy().into_owned());
        self
    }

    pub fn args<S: AsRef<std::ffi::OsStr>>(mut self, args: &[S]) -> Run {
        for a in args {
            self = self.arg(a);
        }
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Run {
        self.stdin = bytes.into();
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Run {
        self.env
            .push((key.into(), value.as_ref().to_string_lossy().into_owned()));
        self
    }

    pub fn current_dir(mut self, dir: &Path) -> Run {
        self.dir = Some(dir.to_path_buf());
        self
    }

    /// Runs the binary through another program, e.g. `sh -c 'umask 077; exec "$0" "$@"'`.
    pub fn wrapped<S: AsRef<str>>(mut self, wrapper: &[S]) -> Run {
        self.wrapper = wrapper.iter().map(|w| w.as_ref().to_string()).collect();
        self
    }

    pub fn limit(mut self, limit: Duration) -> Run {
        self.limit = limit;
        self
    }

    /// The command line, for messages.
    pub fn describe(&self) -> String {
        let mut words = self.wrapper.clone();
        words.push("nianbao".into());
        words.extend(self.args.iter().cloned());
        words.join(" ")
    }

    /// Runs it to the end, or kills it and fails the test at the deadline.
    pub fn go(self) -> Outcome {
        let describe = self.describe();
        let mut words: Vec<String> = self.wrapper.clone();
        words.push(bin().into());
        words.extend(self.args.iter().cloned());
        let mut cmd = Command::new(&words[0]);
        cmd.args(&words[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        if let Some(dir) = &self.dir {
            cmd.current_dir(dir);
        }
        let started = Instant::now();
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {describe}: {e}"));
        let stdin = child.stdin.take().unwrap();
        let input = self.stdin;
        // The child may exit without reading everything: a broken pipe is
        // its answer, not ours to fail on.
        let feeder = std::thread::spawn(move || {
            let mut stdin = stdin;
            let _ = stdin.write_all(&input);
        });
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let Some(status) = wait_or_kill(&mut child, self.limit) else {
            panic!(
                "{describe} did not finish within {:?}; it printed:\n{}",
                self.limit,
                String::from_utf8_lossy(&stdout.join().unwrap_or_default())
            )
        };
        let _ = feeder.join();
        Outcome {
            status,
            stdout: stdout.join().unwrap(),
            stderr: stderr.join().unwrap(),
            elapsed: started.elapsed(),
        }
    }
}

/// `nianbao edit --plain --lang LANG FILE`, to be given its answers with
/// [`Run::stdin`].
pub fn plain_mode(file: &Path, lang: &str) -> Run {
    nianbao(&["edit", "--plain", "--lang", lang]).arg(file)
}

/// `nianbao ARGS…` under `LANG=C.UTF-8`, run to the end within [`PATIENCE`]
/// (for the tests that only look at the exit code and what was printed).
pub fn run(args: &[&str]) -> Outcome {
    nianbao(args).env("LANG", "C.UTF-8").go()
}

/// Writes `contents` to `dir/name` and returns the path.
pub fn write_file(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("writing a test file");
    path
}

/// A path as a command-line argument (the tests' paths are UTF-8).
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// Runs the `cp` command that plain mode printed to put a rescue copy back,
/// with a POSIX shell in `folder`; fails the test if none was printed or
/// it fails.
pub fn run_printed_cp(printed: &str, folder: &Path) {
    let cp = printed
        .lines()
        .find(|l| l.trim_start().starts_with("cp "))
        .unwrap_or_else(|| panic!("no cp command in {printed}"));
    let status = Command::new("sh")
        .args(["-c", cp])
        .current_dir(folder)
        .status()
        .unwrap();
    assert!(status.success(), "{cp}");
}

/// Output bytes that must be UTF-8.
pub fn utf8(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Reads a stream to its end on a thread.
fn collect(mut stream: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        bytes
    })
}

/// Waits for the child until `limit`; past it, kills it and returns `None`.
pub fn wait_or_kill(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("waiting for a child") {
            return Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// How a run ended and what it printed.
#[derive(Debug)]
pub struct Outcome {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub elapsed: Duration,
}

impl Outcome {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Everything printed, for assertion messages.
    pub fn both(&self) -> String {
        format!("stdout:\n{}\nstderr:\n{}", self.out(), self.err())
    }
}

/// Every file in a folder (not in subfolders) by name, with its bytes; a
/// symbolic link as `-> TARGET`.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            let to = std::fs::read_link(entry.path()).unwrap();
            files.insert(name, format!("-> {}", to.display()).into_bytes());
        } else if kind.is_file() {
            files.insert(name, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Whether this process runs as root (which ignores file permissions).
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A wrapper that runs the binary without the capabilities that let root
/// write into read-only folders, so permission tests mean the same as root
/// as for an ordinary user (nothing when not root).
pub fn as_ordinary_user() -> Vec<String> {
    if is_root() {
        ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--"]
            .map(String::from)
            .to_vec()
    } else {
        Vec::new()
    }
}

/// Sets a file's or folder's permission bits.
pub fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The permission bits of a file.
pub fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// A small seeded generator (SplitMix64): the same seed gives the same trials.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A number from the environment, else the default: how the trials take a
/// seed or a count from the command line.
pub fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}
