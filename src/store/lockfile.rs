//! What an edit lock file says and whether its lock is still held, for
//! `nianbao status` ("who has it open now").
//!
//! The lock file `.NAME.lock` holds `pid@host` on its first line (all that
//! older versions wrote, and all that the wizard's "open elsewhere" message
//! shows), then `user=NAME` and `since=UNIX-SECONDS`. For a file without
//! those lines the file's owner and modification time stand in: the lock
//! file is written when the lock is taken.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Who holds (or held) a lock, as its lock file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockNote {
    /// The first line, `pid@host`, as written.
    pub holder: String,
    pub pid: Option<u32>,
    pub host: Option<String>,
    /// The account that took the lock.
    pub user: Option<String>,
    /// When the lock was taken.
    pub since: Option<SystemTime>,
}

/// Whether a report is open in a wizard now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockState {
    /// No lock file.
    Free,
    /// A wizard holds the lock.
    Held(LockNote),
    /// A lock file whose holder is gone (it was killed before it could
    /// remove the file). The next wizard takes it over.
    Stale(LockNote),
}

impl LockNote {
    /// The text written into a lock file by this process.
    pub fn for_this_process() -> String {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut text = format!("{}@{}\n", std::process::id(), super::hostname());
        if let Some(user) = crate::account::current_user() {
            text += &format!("user={user}\n");
        }
        text += &format!("since={since}\n");
        text
    }

    /// Reads the text of a lock file; `owner` and `modified` (the lock
    /// file's) stand in for what an older lock file does not say.
    pub fn parse(text: &str, owner: Option<String>, modified: Option<SystemTime>) -> LockNote {
        let mut lines = text.lines();
        let holder = lines.next().unwrap_or("").trim().to_string();
        let (pid, host) = match holder.split_once('@') {
            Some((pid, host)) => (pid.trim().parse().ok(), Some(host.trim().to_string())),
            None => (holder.parse().ok(), None),
        };
        let mut user = None;
        let mut since = None;
        for line in lines {
            if let Some(name) = line.strip_prefix("user=") {
                user = Some(name.trim().to_string()).filter(|n| !n.is_empty());
            } else if let Some(secs) = line.strip_prefix("since=") {
                since = secs
                    .trim()
                    .parse()
                    .ok()
                    .map(|s| UNIX_EPOCH + Duration::from_secs(s));
            }
        }
        LockNote {
            holder,
            pid,
            host,
            user: user.or(owner),
            since: since.or(modified),
        }
    }
}

/// Whether the report at `report` is open in a wizard, and by whom. The
/// OS lock is the truth: the probe takes it shared for a moment, without
/// creating, changing or removing anything (a wizard starting in that
/// moment tries again, see [`super::EditLock::acquire`]).
pub fn probe(report: &Path) -> io::Result<LockState> {
    let real = super::resolve_target(report).unwrap_or_else(|_| report.to_path_buf());
    let path = super::EditLock::path_for(&real);
    let mut file = match open_read_only(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(LockState::Free),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(LockState::Free);
    }
    let mut text = String::new();
    // At most a few lines; a larger file is not ours to read whole.
    (&mut file).take(4096).read_to_string(&mut text).ok();
    let note = LockNote::parse(&text, owner_name(&meta), meta.modified().ok());
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            Ok(LockState::Stale(note))
        }
        Err(fs::TryLockError::WouldBlock) => Ok(LockState::Held(note)),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

fn open_read_only(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(unix)]
fn owner_name(meta: &fs::Metadata) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    crate::account::user_name(meta.uid())
}

#[cfg(not(unix))]
fn owner_name(_meta: &fs::Metadata) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::EditLock;

    #[test]
    fn a_new_lock_file_says_who_and_since_when() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.toml");
        let before = SystemTime::now() - Duration::from_secs(1);
        let lock = EditLock::acquire(&report).unwrap().unwrap();
        let LockState::Held(note) = probe(&report).unwrap() else {
            panic!("the lock we hold is not seen as held");
        };
        assert_eq!(note.pid, Some(std::process::id()));
        assert_eq!(note.user, crate::account::current_user());
        assert!(note.since.unwrap() >= before);
        drop(lock);
        assert_eq!(probe(&report).unwrap(), LockState::Free);
    }

    #[test]
    fn an_old_lock_file_is_read_with_its_owner_and_time() {
        let note = LockNote::parse("4242@oldhost\n", Some("zhang".into()), Some(UNIX_EPOCH));
        assert_eq!(note.holder, "4242@oldhost");
        assert_eq!(note.pid, Some(4242));
        assert_eq!(note.host.as_deref(), Some("oldhost"));
        assert_eq!(note.user.as_deref(), Some("zhang"));
        assert_eq!(note.since, Some(UNIX_EPOCH));
    }

    #[test]
    fn a_lock_file_nobody_holds_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.toml");
        fs::write(
            EditLock::path_for(&report),
            "999999@gone\nuser=li\nsince=1700000000\n",
        )
        .unwrap();
        let LockState::Stale(note) = probe(&report).unwrap() else {
            panic!("a lock file without a lock is not stale");
        };
        assert_eq!(note.user.as_deref(), Some("li"));
        assert_eq!(
            note.since,
            Some(UNIX_EPOCH + Duration::from_secs(1_700_000_000))
        );
        // The probe left it as it was, and a wizard takes it over.
        assert!(EditLock::path_for(&report).exists());
        assert!(EditLock::acquire(&report).unwrap().is_ok());
    }
}
