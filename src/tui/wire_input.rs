//! The wizard's keys from a GB18030 terminal.
//!
//! crossterm's key parser reads UTF-8 from standard input and has no way
//! to be given bytes. On a GB18030 terminal a relay sits in front of it:
//! standard input becomes the far end of a private pseudo-terminal (raw,
//! no echo), and a thread reads the real terminal, decodes each read as
//! GB18030 — holding a character the terminal split between two reads
//! until its last byte comes — and writes the UTF-8 to that
//! pseudo-terminal. Escape sequences, keys and bracketed pastes are ASCII
//! in both encodings and pass unchanged, so crossterm parses exactly what
//! it parses on a UTF-8 terminal. Raw mode, the window size (crossterm
//! reads it from `/dev/tty`) and SIGWINCH stay with the real terminal.
//! Measured: no change in bytes per key and a few microseconds more
//! latency (docs/PERFORMANCE.md, "GB18030 terminals").
//!
//! An escape sequence the terminal's bytes cut between two reads (a
//! converter such as luit, or a slow link, may write it so) is held for at
//! most [`ESCAPE_WAIT`] until its rest comes, and written whole.
//!
//! When the real terminal hangs up the relay gives it back to standard
//! input, so that the wizard sees the hang-up exactly as on UTF-8;
//! [`give_back`] does the same on the way out, before raw mode is undone.

use crate::wire::{StreamDecoder, Wire};
use std::io;
use std::os::fd::RawFd;
use std::sync::atomic::{AtomicI32, Ordering};

/// A descriptor of the real terminal while the relay stands in for it.
static REAL_INPUT: AtomicI32 = AtomicI32::new(-1);

/// Puts the relay in front of standard input for `wire` (nothing for
/// UTF-8). Called after raw mode is on and before crossterm first reads.
pub fn install(wire: Wire) -> io::Result<()> {
    if wire == Wire::Utf8 {
        return Ok(());
    }
    // SAFETY: system calls on descriptors this function owns; each result
    // is checked before it is used.
    unsafe {
        let real = check(libc::fcntl(0, libc::F_DUPFD_CLOEXEC, 3))?;
        let master = check(libc::posix_openpt(
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        ))?;
        check(libc::grantpt(master))?;
        check(libc::unlockpt(master))?;
        let mut name = [0 as libc::c_char; 128];
        if libc::ptsname_r(master, name.as_mut_ptr(), name.len()) != 0 {
            return Err(io::Error::last_os_error());
        }
        let slave = check(libc::open(
            name.as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        ))?;
        let mut mode: libc::termios = std::mem::zeroed();
        check(libc::tcgetattr(slave, &mut mode))?;
        libc::cfmakeraw(&mut mode);
        check(libc::tcsetattr(slave, libc::TCSANOW, &mode))?;
        REAL_INPUT.store(real, Ordering::SeqCst);
        check(libc::dup2(slave, 0))?;
        libc::close(slave);
        std::thread::Builder::new()
            .name("gb18030-input".into())
            .spawn(move || relay(real, master, wire))?;
    }
    Ok(())
}

/// Standard input is the real terminal again (idempotent; safe from the
/// panic hook and the watchdog).
pub fn give_back() {
    let real = REAL_INPUT.swap(-1, Ordering::SeqCst);
    if real >= 0 {
        // SAFETY: `real` is the terminal's descriptor kept by `install`.
        unsafe {
            libc::dup2(real, 0);
        }
    }
}

fn relay(real: RawFd, master: RawFd, wire: Wire) {
    let mut decoder = StreamDecoder::new(wire);
    let mut buf = [0u8; 4096];
    let mut text = Vec::with_capacity(3 * buf.len());
    loop {
        // SAFETY: reads into and writes from buffers this function owns.
        let n = unsafe { libc::read(real, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        if n <= 0 {
            // End of file or an error: the terminal hung up.
            give_back();
            return;
        }
        text.clear();
        decoder.feed(&buf[..n as usize], &mut text);
        // A key's or a paste's escape sequence cut at the end of this read
        // waits a moment for its rest: the key parser, given an ESC alone,
        // takes it for the Esc key and the rest for typed text.
        let deadline = std::time::Instant::now() + ESCAPE_WAIT;
        while ends_inside_an_escape(&text) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() || !readable_within(real, left) {
                break;
            }
            // SAFETY: reads into the buffer this function owns.
            let n = unsafe { libc::read(real, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                break;
            }
            decoder.feed(&buf[..n as usize], &mut text);
        }
        let mut sent = 0;
        while sent < text.len() {
            let rest = &text[sent..];
            // SAFETY: writes from the buffer this function owns.
            let w = unsafe { libc::write(master, rest.as_ptr().cast(), rest.len()) };
            if w < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            if w <= 0 {
                return;
            }
            sent += w as usize;
        }
    }
}

/// How long an escape sequence cut between two reads is held for its rest;
/// an Esc key pressed alone reaches the wizard this much later.
const ESCAPE_WAIT: std::time::Duration = std::time::Duration::from_millis(50);

/// Whether `text` ends inside an escape sequence: an ESC alone, a CSI
/// (`ESC [`) without its final byte, or an SS3 (`ESC O`) without its key.
fn ends_inside_an_escape(text: &[u8]) -> bool {
    let Some(esc) = text.iter().rposition(|&b| b == 0x1b) else {
        return false;
    };
    match &text[esc + 1..] {
        [] | [b'O'] => true,
        [b'[', rest @ ..] => rest.iter().all(|b| (0x20..=0x3f).contains(b)),
        _ => false,
    }
}

/// Whether `fd` has something to read within `wait`.
fn readable_within(fd: RawFd, wait: std::time::Duration) -> bool {
    let mut poll = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(wait.as_millis())
        .unwrap_or(libc::c_int::MAX)
        .max(1);
    // SAFETY: one pollfd this function owns.
    unsafe { libc::poll(&mut poll, 1, ms) > 0 }
}

fn check(result: libc::c_int) -> io::Result<libc::c_int> {
    if result < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escape_cut_at_the_end_is_seen() {
        for cut in [
            &b"abc\x1b"[..],
            b"\x1b[",
            b"\x1b[200",
            b"x\x1b[1;5",
            b"\x1bO",
            b"\x1b[201~\x1b[",
        ] {
            assert!(ends_inside_an_escape(cut), "{cut:?}");
        }
        for whole in [
            &b"abc"[..],
            b"",
            b"\x1b[200~",
            b"\x1b[A",
            b"\x1bOP",
            b"\x1bx",
            b"\x1b[1;5D",
            b"\x1b[\xe7",
        ] {
            assert!(!ends_inside_an_escape(whole), "{whole:?}");
        }
    }
}
