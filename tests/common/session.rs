//! An interactive nianbao, over pipes or in a pseudo-terminal: fed a little
//! at a time (plain mode's answers, the wizard's keys as a person types
//! them), its output watched, signalled, or hung up on the way a dropped
//! SSH connection hangs up on it. Every wait has a deadline.

use super::bin;
use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How a session's process ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ended {
    pub code: Option<i32>,
    /// The signal that ended it, by its system name (`Killed`, `Hangup`…).
    pub signal: Option<String>,
}

impl Ended {
    /// How it ended in a word or two: the signal's name, else `exit CODE`.
    pub fn describe(&self) -> String {
        match (&self.signal, self.code) {
            (Some(signal), _) => signal.clone(),
            (None, Some(code)) => format!("exit {code}"),
            (None, None) => "?".into(),
        }
    }
}

/// The different ways a batch of sessions ended ([`Ended::describe`]),
/// sorted, each once, joined with commas.
pub fn endings<'a>(all: impl IntoIterator<Item = &'a Ended>) -> String {
    let mut endings: Vec<String> = all.into_iter().map(Ended::describe).collect();
    endings.sort();
    endings.dedup();
    endings.join(", ")
}

enum Process {
    Pipe(std::process::Child),
    Pty {
        child: Box<dyn portable_pty::Child + Send + Sync>,
        master: Option<Box<dyn MasterPty + Send>>,
    },
}

/// A running nianbao and everything it has printed so far.
pub struct Session {
    pid: u32,
    process: Process,
    input: Option<File>,
    output: Arc<Mutex<Vec<u8>>>,
    readers: Vec<JoinHandle<()>>,
    /// Tells a pseudo-terminal reader to let go of its descriptor.
    stop: Arc<AtomicBool>,
    /// What a terminal shows of the output (pseudo-terminal sessions).
    screen: Option<Arc<Mutex<vt100::Parser>>>,
}

impl Session {
    /// `nianbao ARGS…` in `dir` with its input and output on pipes
    /// (standard error goes to the same output).
    pub fn pipe(args: &[&str], dir: &Path) -> Session {
        Session::pipe_with(&[], args, dir, &[])
    }

    /// [`Session::pipe`] run through `wrapper` (e.g. [`super::as_ordinary_user`])
    /// with extra environment variables.
    pub fn pipe_with(
        wrapper: &[String],
        args: &[&str],
        dir: &Path,
        env: &[(&str, &Path)],
    ) -> Session {
        let mut words: Vec<&str> = wrapper.iter().map(String::as_str).collect();
        words.push(bin());
        words.extend(args);
        let mut command = Command::new(words[0]);
        // A signal the test runner ignores (SIGHUP under nohup) would stay
        // ignored in the child; the trials need the default disposition a
        // login session gives, as the pseudo-terminal sessions get it.
        // SAFETY: only signal(2), which is async-signal-safe, runs between
        // fork and exec.
        unsafe {
            command.pre_exec(|| {
                for signal in [libc::SIGHUP, libc::SIGTERM, libc::SIGINT] {
                    libc::signal(signal, libc::SIG_DFL);
                }
                Ok(())
            });
        }
        let mut child = command
            .args(&words[1..])
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting nianbao");
        let output = Arc::new(Mutex::new(Vec::new()));
        let readers = vec![
            copy_into(child.stdout.take().unwrap(), output.clone()),
            copy_into(child.stderr.take().unwrap(), output.clone()),
        ];
        let stdin = child.stdin.take().unwrap();
        Session {
            pid: child.id(),
            input: Some(File::from(OwnedFd::from(stdin))),
            process: Process::Pipe(child),
            output,
            readers,
            stop: Arc::new(AtomicBool::new(false)),
            screen: None,
        }
    }

    /// `nianbao ARGS…` in `dir` on a pseudo-terminal of `cols`×`rows`, as
    /// over SSH. `stty` settings, when given, are applied to the terminal
    /// first (e.g. `-echo -onlcr`, so the output is exactly what nianbao
    /// printed).
    pub fn pty(args: &[&str], dir: &Path, cols: u16, rows: u16, stty: Option<&str>) -> Session {
        Session::pty_with(args, dir, cols, rows, stty, &[])
    }

    /// [`Session::pty`] with `env` on top of its environment (which may
    /// replace its `TERM`).
    pub fn pty_with(
        args: &[&str],
        dir: &Path,
        cols: u16,
        rows: u16,
        stty: Option<&str>,
        env: &[(&str, &str)],
    ) -> Session {
        let mut cmd = CommandBuilder::new("/bin/sh");
        let script = format!(
            "{}exec \"$0\" \"$@\"",
            match stty {
                Some(settings) => format!("stty {settings} && "),
                None => String::new(),
            }
        );
        cmd.args(["-c", &script, bin()]);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        Session::pty_command(cmd, cols, rows)
    }

    /// Plain mode, `nianbao edit --plain --lang en NAME` in `folder` on
    /// pipes, run as an ordinary user ([`super::as_ordinary_user`]) with its
    /// rescue copies going to `home` (as `HOME` and `TMPDIR`), once it has
    /// asked its first question; the session and where that question ends
    /// in its output.
    pub fn plain_as_ordinary_user(
        folder: &Path,
        name: &str,
        home: &Path,
        limit: Duration,
    ) -> (Session, usize) {
        let s = Session::pipe_with(
            &super::as_ordinary_user(),
            &["edit", "--plain", "--lang", "en", name],
            folder,
            &[("HOME", home), ("TMPDIR", home)],
        );
        let at = s.wait_for("]: ", 0, limit);
        (s, at)
    }

    /// The wizard, `nianbao ARGS…` in `dir` on a pseudo-terminal of
    /// `cols`×`rows` (its own session leader, as under sshd), with a UTF-8
    /// locale, `HOME` in `dir` and `env` on top; what it draws is read back
    /// through a terminal emulator ([`Session::screen`]).
    pub fn wizard(
        args: &[&str],
        dir: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        Session::wizard_wrapped(&[], args, dir, cols, rows, env)
    }

    /// [`Session::wizard`] run through `wrapper` (e.g. [`super::as_ordinary_user`]).
    pub fn wizard_wrapped(
        wrapper: &[String],
        args: &[&str],
        dir: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let mut cmd = match wrapper.split_first() {
            Some((program, rest)) => {
                let mut cmd = CommandBuilder::new(program);
                cmd.args(rest);
                cmd.arg(bin());
                cmd
            }
            None => CommandBuilder::new(bin()),
        };
        cmd.args(args);
        cmd.cwd(dir);
        for var in ["LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "NO_COLOR"] {
            cmd.env_remove(var);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("HOME", dir);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Session::pty_command(cmd, cols, rows)
    }

    fn pty_command(cmd: CommandBuilder, cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let child = pair.slave.spawn_command(cmd).expect("starting nianbao");
        drop(pair.slave);
        let pid = child.process_id().expect("a process id");
        let master = pair.master;
        // Our own descriptors of the terminal: portable-pty's writer sends a
        // newline and an end-of-file when dropped, which a hang-up must not.
        let fd = master.as_raw_fd().expect("a master descriptor");
        let dup = || {
            // SAFETY: `fd` is open for as long as `master` lives; dup gives
            // a new descriptor that the returned File owns alone.
            let new = unsafe { libc::dup(fd) };
            assert!(new >= 0, "dup failed");
            unsafe { File::from_raw_fd(new) }
        };
        let output = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let readers = vec![poll_into(
            dup(),
            output.clone(),
            stop.clone(),
            Some(screen.clone()),
        )];
        Session {
            pid,
            input: Some(dup()),
            process: Process::Pty {
                child,
                master: Some(master),
            },
            output,
            readers,
            stop,
            screen: Some(screen),
        }
    }

    /// The screen as a terminal shows it now (pseudo-terminal sessions).
    pub fn screen(&self) -> std::sync::MutexGuard<'_, vt100::Parser> {
        self.screen
            .as_ref()
            .expect("a pseudo-terminal session")
            .lock()
            .unwrap()
    }

    /// The screen's text now.
    pub fn text(&self) -> String {
        self.screen().screen().contents()
    }

    /// Waits until `ok(screen)` holds; fails the test with the screen at the
    /// deadline.
    pub fn wait_until(&self, what: &str, limit: Duration, ok: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + limit;
        loop {
            if ok(self.screen().screen()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "waited {limit:?} for {what}; the screen:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Waits until the screen shows `needle`.
    pub fn wait_for_screen(&self, needle: &str, limit: Duration) {
        self.wait_until(&format!("{needle:?} on screen"), limit, |s| {
            s.contents().contains(needle)
        });
    }

    /// Resizes the emulator and then the terminal (the kernel sends
    /// SIGWINCH), in that order and under the lock the reader feeds the
    /// emulator with, as a real terminal does: whatever the program draws
    /// once it can see the new size lands on the new grid.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.resize_held(&mut self.screen(), cols, rows);
    }

    /// The output held back: nothing the program writes reaches the
    /// emulator, and once the terminal's buffer is full the program blocks
    /// writing, until the guard is dropped.
    pub fn hold_output(&self) -> std::sync::MutexGuard<'_, vt100::Parser> {
        self.screen()
    }

    /// [`Session::resize`] while the output is held. The emulator is
    /// cleared first: vt100 panics when a shrink cuts a wide character in
    /// half and something is later drawn over it, and a blank screen is the
    /// stricter test anyway — whatever the program does not draw again after
    /// a resize stays blank, where a real terminal might still show it.
    pub fn resize_held(&self, screen: &mut vt100::Parser, cols: u16, rows: u16) {
        screen.process(b"\x1b[2J");
        screen.screen_mut().set_size(rows, cols);
        if let Process::Pty {
            master: Some(master),
            ..
        } = &self.process
        {
            master
                .resize(PtySize {
                    rows,
                    cols,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .expect("resizing the terminal");
        }
    }

    /// The system call the program's main thread is blocked in (its number,
    /// from `/proc/PID/syscall`); `None` while it runs.
    pub fn blocked_in(&self) -> Option<i64> {
        let path = format!("/proc/{0}/task/{0}/syscall", self.pid);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        text.split_whitespace().next()?.parse().ok()
    }

    /// Whether `signal` has been sent to the process and not yet handled
    /// (its bit in `ShdPnd` of `/proc/PID/status`).
    pub fn signal_pending(&self, signal: i32) -> bool {
        let path = format!("/proc/{}/status", self.pid);
        let status = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mask = status
            .lines()
            .find_map(|l| l.strip_prefix("ShdPnd:"))
            .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
            .expect("ShdPnd in /proc/PID/status");
        mask & (1 << (signal - 1)) != 0
    }

    /// The terminal's modes now, as `stty` would read them
    /// (pseudo-terminal sessions).
    pub fn termios(&self) -> libc::termios {
        let Process::Pty {
            master: Some(master),
            ..
        } = &self.process
        else {
            panic!("no terminal");
        };
        let fd = master.as_raw_fd().expect("a master descriptor");
        // SAFETY: a zeroed termios is a valid value to be overwritten, and
        // `fd` is open while `master` lives.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(fd, &mut t), 0, "tcgetattr");
            t
        }
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Sends bytes as typed (or pasted). A child that has gone away is not
    /// an error here: the test looks at how it ended.
    pub fn send(&self, bytes: &[u8]) {
        if let Some(mut input) = self.input.as_ref() {
            let _ = input.write_all(bytes).and_then(|()| input.flush());
        }
    }

    /// Types a key string ([`super::wizard::keys`]) one key at a time, as
    /// a person would: a short pause after each key, a longer one after a
    /// lone Esc so that it does not run into the next key (which would read
    /// as Alt with that key).
    pub fn type_keys(&mut self, spec: &str) {
        for key in super::wizard::keys(spec) {
            let bytes = super::wizard::key_bytes(&key);
            self.send(&bytes);
            let pause = if bytes == b"\x1b" { 80 } else { 3 };
            std::thread::sleep(Duration::from_millis(pause));
        }
    }

    /// Answers plain mode's question with a line and waits for the next
    /// question (the next `]: ` after `at`, which it moves past).
    pub fn answer(&mut self, at: &mut usize, text: &str, limit: Duration) {
        self.send(format!("{text}\n").as_bytes());
        *at = self.wait_for("]: ", *at, limit);
    }

    /// Everything printed so far.
    pub fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    pub fn output_len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Waits until the output holds `needle` after byte `from`; returns where
    /// it ends. Fails the test with the transcript at the deadline.
    pub fn wait_for(&self, needle: &str, from: usize, limit: Duration) -> usize {
        let deadline = Instant::now() + limit;
        loop {
            let out = self.output();
            let hay = &out[from.min(out.len())..];
            if let Some(at) = find(hay, needle.as_bytes()) {
                return from + at + needle.len();
            }
            assert!(
                Instant::now() < deadline,
                "waited {limit:?} for {needle:?}; nianbao printed:\n{}",
                String::from_utf8_lossy(&out)
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Sends a signal to the process; whether it was sent (not once the
    /// process has ended and been reaped).
    pub fn signal(&self, signal: i32) -> bool {
        // SAFETY: kill has no memory effects; a gone process gives ESRCH.
        unsafe { libc::kill(self.pid as i32, signal) == 0 }
    }

    /// Whether the process has ended (it is reaped, its terminal kept).
    pub fn has_ended(&mut self) -> bool {
        self.try_wait().is_some()
    }

    /// Closes its input (end of file on a pipe).
    pub fn close_input(&mut self) {
        self.input = None;
    }

    /// Drops the terminal, as a dropped SSH connection does: the kernel
    /// sends SIGHUP to the process and its reads and writes fail from then on.
    pub fn hang_up(&mut self) {
        self.input = None;
        self.stop.store(true, Ordering::SeqCst);
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        if let Process::Pty { master, .. } = &mut self.process {
            master.take();
        }
    }

    /// Waits for the process to end (failing the test, after killing it,
    /// at the deadline) and returns how it ended and all it printed.
    pub fn finish(mut self, limit: Duration) -> (Ended, Vec<u8>) {
        let ended = self.wait_for_end(limit);
        (ended, self.output())
    }

    /// Closes its input, as a user who is done does, and [`Session::finish`]es;
    /// its exit code (none if a signal ended it) and all it printed, as text.
    pub fn close_and_finish(mut self, limit: Duration) -> (Option<i32>, String) {
        self.close_input();
        let (ended, printed) = self.finish(limit);
        (ended.code, String::from_utf8_lossy(&printed).into_owned())
    }

    /// Waits for the process to end (failing the test, after killing it,
    /// at the deadline) and for all it printed to be read; how it ended.
    /// Unlike [`Session::finish`] the session stays, so that its screen and
    /// output can still be looked at.
    pub fn wait_for_end(&mut self, limit: Duration) -> Ended {
        let deadline = Instant::now() + limit;
        let ended = loop {
            if let Some(ended) = self.try_wait() {
                break ended;
            }
            if Instant::now() > deadline {
                self.signal(libc::SIGKILL);
                let printed = String::from_utf8_lossy(&self.output()).into_owned();
                panic!("nianbao did not end within {limit:?}; it printed:\n{printed}");
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        self.input = None;
        // The process is gone: a terminal reader sees EIO or nothing more.
        self.stop.store(true, Ordering::SeqCst);
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        ended
    }

    fn try_wait(&mut self) -> Option<Ended> {
        match &mut self.process {
            Process::Pipe(child) => child.try_wait().expect("waiting").map(|status| {
                use std::os::unix::process::ExitStatusExt;
                Ended {
                    code: status.code(),
                    signal: status.signal().map(signal_name),
                }
            }),
            Process::Pty { child, .. } => child.try_wait().expect("waiting").map(|status| Ended {
                code: status.signal().is_none().then(|| status.exit_code() as i32),
                signal: status.signal().map(str::to_string),
            }),
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A test that failed half-way must not leave nianbao running.
        if self.try_wait().is_none() {
            self.signal(libc::SIGKILL);
            let _ = self.try_wait();
        }
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// The system's name of a signal, as portable-pty reports it.
pub fn signal_name(signal: i32) -> String {
    // SAFETY: strsignal returns a pointer to a static or thread-local string.
    unsafe {
        let name = libc::strsignal(signal);
        std::ffi::CStr::from_ptr(name)
            .to_string_lossy()
            .into_owned()
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len().max(1)).position(|w| w == needle)
}

fn copy_into(mut stream: impl Read + Send + 'static, into: Arc<Mutex<Vec<u8>>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    })
}

/// Reads a terminal with short polls, so that it can let go of its
/// descriptor when told (a hang-up needs every master descriptor closed).
fn poll_into(
    mut file: File,
    into: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    screen: Option<Arc<Mutex<vt100::Parser>>>,
) -> JoinHandle<()> {
    use std::os::fd::AsRawFd;
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        loop {
            let mut poll = libc::pollfd {
                fd: file.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd for the duration of the call.
            let ready = unsafe { libc::poll(&mut poll, 1, 5) };
            if ready > 0 {
                match file.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        // The screen first: whoever sees the bytes can
                        // then look at what they drew.
                        if let Some(screen) = &screen {
                            screen.lock().unwrap().process(&buf[..n]);
                        }
                        into.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                    _ => break,
                }
            } else if stop.load(Ordering::SeqCst) {
                break;
            }
        }
    })
}

/// After a hang-up the wizard must save and exit: waits until `report`
/// holds `text` and its edit lock is free (the wizard has gone). At the
/// deadline the wizard still holding the lock is killed, so that it is not
/// left spinning, and the test fails.
pub fn wait_saved_and_released(report: &Path, text: &str, wait: Duration) {
    let start = Instant::now();
    loop {
        let saved = std::fs::read_to_string(report).unwrap_or_default();
        let unlocked = matches!(nianbao::store::EditLock::acquire(report), Ok(Ok(_)));
        if saved.contains(text) && unlocked {
            return;
        }
        if start.elapsed() > wait {
            // Its pid is in the lock file.
            let lock = nianbao::store::EditLock::path_for(report);
            let holder = std::fs::read_to_string(lock).unwrap_or_default();
            if let Some(pid) = holder.split('@').next().filter(|p| !p.trim().is_empty()) {
                let _ = Command::new("sh")
                    .args(["-c", &format!("kill -9 {}", pid.trim())])
                    .status();
            }
            panic!("still running after the hang-up; saved: {saved}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
