//! The commands' messages (`check`, `status`, `merge`, `import`, `new`, and
//! `render`'s complaints) to a GB18030 terminal. Those commands print from
//! many places with `println!` and `writeln!`; instead of each learning the
//! encoding, standard output and standard error — only where they are a
//! terminal — become a pipe whose other end a thread transcodes to the
//! terminal. Files and pipes (`check --format json > out.json`, `render`'s
//! document) keep UTF-8. When both streams are the same terminal they share
//! one pipe, so their lines keep their order.
//!
//! Progress bars (`merge`, `import` of many files) draw only on a terminal
//! and so are not shown through the pipe; the final lines are.

use super::{Encoded, Wire};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{FromRawFd, RawFd};
use std::thread::JoinHandle;

/// The streams being transcoded; dropping it flushes them, gives the
/// terminal back to them and waits for the last byte to be written.
pub struct Transcoding {
    /// Each stream replaced, with a descriptor of the terminal it had.
    replaced: Vec<(RawFd, RawFd)>,
    relays: Vec<JoinHandle<()>>,
}

/// Starts transcoding standard output (when `stdout`) and standard error
/// to `wire`, each only when it is a terminal. `None` when there is nothing
/// to do (UTF-8, no terminal) or the pipe could not be made (then output
/// stays UTF-8 rather than being lost).
pub fn transcode(wire: Wire, stdout: bool) -> Option<Transcoding> {
    if wire == Wire::Utf8 {
        return None;
    }
    let fds: Vec<RawFd> = [(1, stdout), (2, true)]
        .into_iter()
        .filter(|&(fd, wanted)| wanted && is_terminal(fd))
        .map(|(fd, _)| fd)
        .collect();
    if fds.is_empty() {
        return None;
    }
    let mut groups: Vec<Vec<RawFd>> = Vec::new();
    if fds.len() == 2 && same_file(1, 2) {
        groups.push(fds);
    } else {
        groups.extend(fds.into_iter().map(|fd| vec![fd]));
    }
    let mut t = Transcoding {
        replaced: Vec::new(),
        relays: Vec::new(),
    };
    for group in groups {
        if relay_group(wire, &group, &mut t).is_err() {
            // Whatever was set up is undone by the drop.
            return Some(t);
        }
    }
    Some(t)
}

fn relay_group(wire: Wire, group: &[RawFd], t: &mut Transcoding) -> io::Result<()> {
    let mut ends = [0; 2];
    // SAFETY: plain system calls on descriptors this process owns.
    unsafe {
        if libc::pipe2(ends.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            return Err(io::Error::last_os_error());
        }
        let terminal = libc::fcntl(group[0], libc::F_DUPFD_CLOEXEC, 3);
        if terminal < 0 {
            libc::close(ends[0]);
            libc::close(ends[1]);
            return Err(io::Error::last_os_error());
        }
        for &fd in group {
            let kept = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3);
            libc::dup2(ends[1], fd);
            t.replaced.push((fd, kept));
        }
        libc::close(ends[1]);
        let mut from = File::from_raw_fd(ends[0]);
        let to = File::from_raw_fd(terminal);
        t.relays.push(std::thread::spawn(move || {
            let mut to = Encoded::new(to, wire);
            let mut buf = [0u8; 8192];
            loop {
                match from.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => {
                        if to.write_all(&buf[..n]).is_err() {
                            return;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => return,
                }
            }
        }));
    }
    Ok(())
}

impl Drop for Transcoding {
    fn drop(&mut self) {
        let _ = io::stdout().flush();
        let _ = io::stderr().flush();
        for &(fd, kept) in &self.replaced {
            // SAFETY: puts back the descriptor taken in `relay_group`;
            // this closes the pipe's last writer, so the relay ends.
            unsafe {
                libc::dup2(kept, fd);
                libc::close(kept);
            }
        }
        // A program started meanwhile that kept a copy of the pipe would
        // keep a relay waiting: wait for the last bytes, but not forever.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        for relay in self.relays.drain(..) {
            while !relay.is_finished() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            if relay.is_finished() {
                let _ = relay.join();
            }
        }
    }
}

fn is_terminal(fd: RawFd) -> bool {
    // SAFETY: isatty only inspects the descriptor.
    unsafe { libc::isatty(fd) == 1 }
}

/// Whether two descriptors are the same terminal.
fn same_file(a: RawFd, b: RawFd) -> bool {
    // SAFETY: fstat writes into the zeroed structs.
    unsafe {
        let mut sa: libc::stat = std::mem::zeroed();
        let mut sb: libc::stat = std::mem::zeroed();
        libc::fstat(a, &mut sa) == 0
            && libc::fstat(b, &mut sb) == 0
            && sa.st_rdev == sb.st_rdev
            && sa.st_ino == sb.st_ino
    }
}
