//! Noticing that someone else changed a report file: what it held when we
//! last read or wrote it ([`Fingerprint`]), and — for a file we wrote —
//! its metadata right after, so that a save can tell "unchanged" from one
//! `statx` instead of reading the file back ([`Fingerprint::still_held_by`]).
//!
//! Why metadata can stand for the bytes: every write to a file sets its
//! modification time to the kernel's clock, and we set ours, just after
//! writing, to a time of our own to the nanosecond ([`Fingerprint::written`]).
//! A later write by anyone (in place, truncating, through a mapping) moves
//! it off that time (the kernel's clock would have to read our time to the
//! nanosecond), and sets the change time; a file put in its place by a
//! rename has another inode. Only a writer who then set the modification
//! time back to ours, to the nanosecond, within the same tick of the
//! kernel's clock, would go unseen. A stamp is kept only when the file, seen after
//! the rename, still has exactly our time (a file system that keeps coarser
//! times, or a change in between, leaves none), and anything but a perfect
//! match is settled by reading the file and comparing its bytes, as before:
//! a `touch` without change is still no conflict.

use std::fs::File;
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// What a file held when we last read or wrote it, to notice changes made
/// by someone else before overwriting them. Two fingerprints are equal when
/// they tell of the same bytes; the stamp is only a way to know that
/// without reading them.
#[derive(Debug, Clone, Copy)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
    /// The file as we left it, when we wrote it (see the module's header).
    stamp: Option<Stamp>,
}

impl PartialEq for Fingerprint {
    fn eq(&self, other: &Fingerprint) -> bool {
        (self.len, self.hash) == (other.len, other.hash)
    }
}

impl Eq for Fingerprint {}

/// The metadata that any change of a file's bytes alters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, u32),
    ctime: (i64, u32),
}

/// What one `statx` of a file says: its stamp (`None` when the file system
/// does not give all of it) and its owner.
#[derive(Debug, Clone, Copy)]
pub struct FileState {
    pub stamp: Option<Stamp>,
    pub uid: u32,
}

impl Fingerprint {
    pub fn of_text(text: &str) -> Fingerprint {
        Fingerprint::of_bytes(text.as_bytes())
    }

    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            len: bytes.len() as u64,
            hash: content_hash(bytes),
            stamp: None,
        }
    }

    /// The file's current fingerprint, or `None` when it does not exist.
    /// A file beyond [`super::REPORT_BYTES_MAX`] is not read: its length
    /// alone tells it from anything we wrote.
    pub fn of_file(path: &Path) -> io::Result<Option<Fingerprint>> {
        #[cfg(test)]
        FILE_READS.with(|n| n.set(n.get() + 1));
        match super::read_limited(path) {
            Ok(Ok(bytes)) => Ok(Some(Fingerprint::of_bytes(&bytes))),
            Ok(Err(len)) => Ok(Some(Fingerprint {
                len,
                hash: 0,
                stamp: None,
            })),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The fingerprint of `bytes` just written to `file` (renamed into
    /// place), whose modification time we set to `written_at` (`None`: the
    /// file system would not): with the file's stamp when it still shows
    /// exactly that time.
    pub(super) fn written(
        bytes: &[u8],
        file: &File,
        written_at: Option<SystemTime>,
    ) -> Fingerprint {
        let ours = written_at.and_then(nanoseconds);
        let stamp = state_of_open(file)
            .ok()
            .and_then(|s| s.stamp)
            .filter(|s| ours.is_some() && Some(s.mtime) == ours);
        Fingerprint {
            stamp,
            ..Fingerprint::of_bytes(bytes)
        }
    }

    /// Whether the file at `path`, of which `now` is a fresh [`FileState`],
    /// still holds the bytes this fingerprint tells of: at once when its
    /// stamp is the one we left, else by reading it.
    pub fn still_held_by(&self, path: &Path, now: &FileState) -> io::Result<bool> {
        if self.stamp.is_some() && self.stamp == now.stamp {
            return Ok(true);
        }
        Ok(Fingerprint::of_file(path)? == Some(*self))
    }
}

/// The time as `(seconds, nanoseconds)` since the epoch, as `statx` gives it.
fn nanoseconds(t: SystemTime) -> Option<(i64, u32)> {
    let d = t.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    Some((i64::try_from(d.as_secs()).ok()?, d.subsec_nanos()))
}

/// The file at `path` now (following a symbolic link), or `None` when there
/// is none. On a network file system the server is asked, not the cache
/// (reading the file did that before: a change made on another machine is
/// seen at once).
pub fn file_state(path: &Path) -> io::Result<Option<FileState>> {
    match state_at(path) {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(target_os = "linux")]
fn state_at(path: &Path) -> io::Result<FileState> {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    match statx(libc::AT_FDCWD, &name, 0) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            // statx refused (an old kernel, a sandbox): open the file instead.
            state_from(&File::open(path)?.metadata()?)
        }
        other => other,
    }
}

#[cfg(target_os = "linux")]
fn state_of_open(file: &File) -> io::Result<FileState> {
    use std::os::fd::AsRawFd;
    statx(file.as_raw_fd(), c"", libc::AT_EMPTY_PATH)
}

#[cfg(target_os = "linux")]
fn statx(dir: libc::c_int, name: &std::ffi::CStr, flags: libc::c_int) -> io::Result<FileState> {
    let mut buf = std::mem::MaybeUninit::<libc::statx>::zeroed();
    // SAFETY: a valid NUL-terminated name and a buffer of the right type;
    // statx only writes into the buffer.
    let r = unsafe {
        libc::statx(
            dir,
            name.as_ptr(),
            flags | libc::AT_STATX_FORCE_SYNC,
            libc::STATX_BASIC_STATS,
            buf.as_mut_ptr(),
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: zeroed is a valid statx (integers only), and statx filled it.
    let s = unsafe { buf.assume_init() };
    let needed = libc::STATX_INO | libc::STATX_SIZE | libc::STATX_MTIME | libc::STATX_CTIME;
    let stamp = (s.stx_mask & needed == needed).then_some(Stamp {
        dev: libc::makedev(s.stx_dev_major, s.stx_dev_minor),
        ino: s.stx_ino,
        size: s.stx_size,
        mtime: (s.stx_mtime.tv_sec, s.stx_mtime.tv_nsec),
        ctime: (s.stx_ctime.tv_sec, s.stx_ctime.tv_nsec),
    });
    Ok(FileState {
        stamp,
        uid: s.stx_uid,
    })
}

/// Elsewhere: opening the file makes a network file system ask the server.
#[cfg(not(target_os = "linux"))]
fn state_at(path: &Path) -> io::Result<FileState> {
    state_of_open(&File::open(path)?)
}

#[cfg(not(target_os = "linux"))]
fn state_of_open(file: &File) -> io::Result<FileState> {
    state_from(&file.metadata()?)
}

fn state_from(m: &std::fs::Metadata) -> io::Result<FileState> {
    use std::os::unix::fs::MetadataExt;
    let nanos = |n: i64| u32::try_from(n).ok();
    let stamp = match (nanos(m.mtime_nsec()), nanos(m.ctime_nsec())) {
        (Some(mtime_nsec), Some(ctime_nsec)) => Some(Stamp {
            dev: m.dev(),
            ino: m.ino(),
            size: m.size(),
            mtime: (m.mtime(), mtime_nsec),
            ctime: (m.ctime(), ctime_nsec),
        }),
        _ => None,
    };
    Ok(FileState {
        stamp,
        uid: m.uid(),
    })
}

/// A 64-bit hash of the bytes, eight at a time: each word is mixed in by a
/// 64×64→128-bit multiply whose halves are folded together, so every bit
/// reaches every other. Enough to tell "changed" from "unchanged"; never
/// stored.
fn content_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let fold = |a: u64| {
        let p = u128::from(a) * u128::from(K);
        (p as u64) ^ ((p >> 64) as u64)
    };
    let mut hash = 0x243f_6a88_85a3_08d3 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        hash = fold(hash ^ u64::from_le_bytes(w.try_into().unwrap_or_default()));
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    fold(hash ^ u64::from_le_bytes(last))
}

#[cfg(test)]
thread_local! {
    /// How many times this thread read a file to compare it ([`Fingerprint::of_file`]).
    static FILE_READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many files this thread has read to compare them so far.
#[cfg(test)]
pub fn file_reads() -> usize {
    FILE_READS.with(std::cell::Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stamp is kept only when the file shows exactly the modification
    /// time we set; with one, an unchanged file is not read.
    #[test]
    fn a_stamp_is_kept_only_for_our_exact_time_and_spares_the_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        std::fs::write(&path, "ours").unwrap();
        let file = File::options().write(true).open(&path).unwrap();
        let ours = SystemTime::UNIX_EPOCH + std::time::Duration::new(1_700_000_000, 123_456_789);
        file.set_modified(ours).unwrap();
        let now = file_state(&path).unwrap().unwrap();
        // Another time than the file's: no stamp; the file is read.
        let other = ours + std::time::Duration::from_nanos(1);
        let unstamped = Fingerprint::written(b"ours", &file, Some(other));
        assert!(unstamped.stamp.is_none());
        let reads = file_reads();
        assert!(unstamped.still_held_by(&path, &now).unwrap());
        assert_eq!(file_reads(), reads + 1);
        // Exactly the file's time: a stamp, and no read while it matches.
        let stamped = Fingerprint::written(b"ours", &file, Some(ours));
        assert!(stamped.stamp.is_some());
        assert!(stamped.still_held_by(&path, &now).unwrap());
        assert_eq!(file_reads(), reads + 1);
        // Different bytes behind a different stamp: read, and told apart.
        std::fs::write(&path, "else").unwrap();
        let changed = file_state(&path).unwrap().unwrap();
        assert!(!stamped.still_held_by(&path, &changed).unwrap());
        assert_eq!(file_reads(), reads + 2);
        assert!(file_state(&dir.path().join("none")).unwrap().is_none());
        // Where statx is refused, the file opened instead gives the same stamp.
        let opened = state_from(&File::open(&path).unwrap().metadata().unwrap()).unwrap();
        assert_eq!(opened.stamp, changed.stamp);
        assert!(opened.stamp.is_some());
    }

    #[test]
    fn any_one_byte_changed_changes_the_fingerprint() {
        let text = include_str!("../../examples/kunqu-commerce-2023.toml").as_bytes();
        let original = Fingerprint::of_bytes(text);
        let mut seen = std::collections::HashSet::new();
        let mut bytes = text.to_vec();
        for i in 0..bytes.len() {
            for flip in [0x01, 0x20, 0x80] {
                bytes[i] ^= flip;
                let changed = Fingerprint::of_bytes(&bytes);
                assert_ne!(changed, original, "byte {i} ^ {flip:#x}");
                assert!(seen.insert(changed.hash), "two changes, one hash");
                bytes[i] ^= flip;
            }
        }
        assert_eq!(Fingerprint::of_bytes(&bytes), original);
        // Two different bytes swapped, and one more zero at the end.
        let i = (0..bytes.len() - 1)
            .find(|&i| bytes[i] != bytes[i + 1])
            .unwrap();
        bytes.swap(i, i + 1);
        assert_ne!(Fingerprint::of_bytes(&bytes), original);
        assert_ne!(Fingerprint::of_bytes(b"ab\0"), Fingerprint::of_bytes(b"ab"));
        assert_ne!(Fingerprint::of_bytes(b""), Fingerprint::of_bytes(b"\0"));
    }
}
