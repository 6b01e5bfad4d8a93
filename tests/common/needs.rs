//! What some tests need from the machine — root, a private mount namespace,
//! Python's `tomllib` — checked before they start. Where it is missing the
//! test says so on the terminal, past the test harness's capture (a line
//! `skipped NAME: needs …`), and returns. `NIANBAO_SKIP_NOTHING=1` (set by
//! `.ci/run`) makes a missing need fail the test instead, so that CI cannot
//! lose a test without going red.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Something a test needs that not every machine gives.
#[derive(Debug, Clone, Copy)]
pub enum Need {
    /// Root: to give files to another user.
    Root,
    /// A private mount namespace (root, or unprivileged user namespaces)
    /// and util-linux's `unshare`: to mount a small disk that fills up.
    PrivateMounts,
    /// `python3` ≥ 3.11 with the standard `tomllib`: a second TOML reader.
    PythonTomllib,
}

impl Need {
    fn reason(self) -> &'static str {
        match self {
            Need::Root => "root (to give files and links to another user)",
            Need::PrivateMounts => {
                "a private mount namespace (root, or unprivileged user namespaces) and \
                 util-linux's unshare (to fill up a small disk)"
            }
            Need::PythonTomllib => "python3 3.11 or later, whose tomllib reads TOML",
        }
    }

    fn is_met(self) -> bool {
        static MOUNTS: OnceLock<bool> = OnceLock::new();
        static PYTHON: OnceLock<bool> = OnceLock::new();
        match self {
            Need::Root => super::is_root(),
            Need::PrivateMounts => *MOUNTS.get_or_init(|| private_mount_namespace().is_some()),
            Need::PythonTomllib => *PYTHON
                .get_or_init(|| succeeds(Command::new("python3").args(["-c", "import tomllib"]))),
        }
    }
}

/// Whether the calling test can go on: true when `need` is met. Otherwise
/// the skip is said on the terminal and false returned (or, with
/// `NIANBAO_SKIP_NOTHING=1`, the test fails).
pub fn have(need: Need) -> bool {
    if need.is_met() {
        return true;
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let line = format!("skipped {test}: needs {}", need.reason());
    assert!(
        std::env::var_os("NIANBAO_SKIP_NOTHING").is_none(),
        "{line} (NIANBAO_SKIP_NOTHING is set)"
    );
    // Straight to the terminal: the harness captures only print! and eprint!.
    let _ = writeln!(std::io::stderr(), "{line}");
    false
}

/// The `unshare` arguments that give this user a private mount namespace,
/// if any do.
pub fn private_mount_namespace() -> Option<&'static [&'static str]> {
    let candidates: [&'static [&'static str]; 2] =
        [&["--user", "--map-root-user", "--mount"], &["--mount"]];
    candidates
        .into_iter()
        .find(|args| succeeds(Command::new("unshare").args(*args).arg("true")))
}

fn succeeds(command: &mut Command) -> bool {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
