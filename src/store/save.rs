//! Atomic saving: a temp file beside the target, fsync, rename; the mode,
//! owner and group of the file replaced; where a symbolic link leads (and
//! which links are refused); and the leftovers an interrupted save leaves.

use super::Fingerprint;
use crate::model::Report;
use crate::toml_write;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Writes the report's TOML atomically, as [`save_bytes`] does, except
/// that a new file gets the mode of a new report ([`new_report_mode`]).
pub fn save(path: &Path, report: &Report) -> io::Result<Fingerprint> {
    save_new_report(path, toml_write::write(report).as_bytes())
}

/// Writes a report's bytes atomically as [`save_bytes`] does; a new file
/// gets the mode of a new report ([`new_report_mode`]), not the umask's.
pub fn save_new_report(path: &Path, bytes: &[u8]) -> io::Result<Fingerprint> {
    write_atomically(path, bytes, Access::Report, true)
}

/// The mode of a new report file: what the umask gives, but never readable
/// or writable by other accounts (a report is its agency's, and on a shared
/// server every local account is "other"): 0640 under the usual umask 022,
/// 0660 under 002. Rendered output follows the umask alone: it is meant to
/// be published.
#[cfg(unix)]
pub fn new_report_mode() -> u32 {
    0o660 & !current_umask()
}

/// Like [`save`], but for a file that must not exist yet: fails with
/// `AlreadyExists` rather than replace one, even one that appeared a
/// moment ago (the final rename does not overwrite).
pub fn save_new(path: &Path, report: &Report) -> io::Result<Fingerprint> {
    write_atomically(
        path,
        toml_write::write(report).as_bytes(),
        Access::Report,
        false,
    )
}

/// Writes `text` to `path` atomically; see [`save_bytes`].
pub fn save_text(path: &Path, text: &str) -> io::Result<Fingerprint> {
    save_bytes(path, text.as_bytes())
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the
/// old file or the new one: a fresh temp file in the same folder (created
/// exclusively, so a planted symlink is never followed), fsync, rename over
/// the target, fsync the folder. The new file keeps the old file's
/// permissions, owner and group where it can, or gets the user's umask
/// default when there was none. When `path` is a symbolic link, the file it
/// points to is written (see [`resolve_target`]).
pub fn save_bytes(path: &Path, bytes: &[u8]) -> io::Result<Fingerprint> {
    write_atomically(path, bytes, Access::LikeTarget, true)
}

/// Writes a new file that only its owner can read (mode 0600), atomically
/// as [`save_bytes`] does: the rescue copy of a report that could not be
/// saved where it belongs, which may have to go to a shared folder.
pub fn save_private(path: &Path, bytes: &[u8]) -> io::Result<Fingerprint> {
    write_atomically(path, bytes, Access::Private, true)
}

/// Who may read a file we write.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// As the file being replaced, or the umask default for a new one.
    LikeTarget,
    /// As the file being replaced, or [`new_report_mode`] for a new one.
    Report,
    /// The owner only.
    Private,
}

/// How many random characters name a temp file (`.NAME.XXXXXX.tmp`).
const TEMP_RANDOM_CHARS: usize = 6;

/// `replace`: whether an existing file at `path` may be replaced.
fn write_atomically(
    path: &Path,
    bytes: &[u8],
    access: Access,
    replace: bool,
) -> io::Result<Fingerprint> {
    if access == Access::Report && bytes.len() as u64 > super::REPORT_BYTES_MAX {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            TooLargeToSave(bytes.len() as u64),
        ));
    }
    // One look at the target serves the checks and the copying of its mode.
    let (target, existing) = resolve_target_and_metadata(path)?;
    let existing = match existing {
        Ok(meta) => meta,
        Err(e) if replace => return Err(e),
        Err(_) => None,
    };
    if replace {
        refuse_read_only(&target, existing.as_ref())?;
    }
    let dir = folder_of(&target);
    let mut tmp = create_temp(&target, TEMP_RANDOM_CHARS)?;
    tmp.write_all(bytes)?;
    // Our own modification time, to the nanosecond, set while the file is
    // still ours alone (mode 0600): any later write moves it (fingerprint.rs).
    // A file system that will not set it just leaves the next save to read.
    let now = std::time::SystemTime::now();
    let written_at = tmp.as_file().set_modified(now).is_ok().then_some(now);
    match access {
        Access::LikeTarget => {
            set_access_like(tmp.as_file(), existing.as_ref(), 0o666 & !current_umask())?
        }
        Access::Report => set_access_like(tmp.as_file(), existing.as_ref(), new_report_mode())?,
        Access::Private => set_mode(tmp.as_file(), 0o600)?,
    }
    tmp.as_file().sync_all()?;
    let file = if replace {
        tmp.persist(&target).map_err(|e| e.error)?
    } else {
        tmp.persist_noclobber(&target).map_err(|e| e.error)?
    };
    let written = Fingerprint::written(bytes, &file, written_at);
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(written)
}

/// Why a report was not written: it would be larger (bytes) than any
/// command reads back (`store::REPORT_BYTES_MAX`). Reached only through
/// texts no front end lets in (the wizard and plain mode hold each text to
/// 20,000 characters); a published report read by `import`, say.
#[derive(Debug)]
pub struct TooLargeToSave(pub u64);

impl TooLargeToSave {
    pub fn message(&self, lang: crate::schema::Lang) -> String {
        let mib = self.0 as f64 / (1024.0 * 1024.0);
        match lang {
            crate::schema::Lang::Zh => format!(
                "报告将有 {mib:.1} MiB，超过报告文件的上限 1 MiB，未写入（请缩短过长的文字）"
            ),
            crate::schema::Lang::En => format!(
                "the report would be {mib:.1} MiB, more than a report file may be (1 MiB), so it was not written (shorten the longest texts)"
            ),
        }
    }
}

impl std::fmt::Display for TooLargeToSave {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::schema::Lang::En))
    }
}

impl std::error::Error for TooLargeToSave {}

/// Why a save refused to replace a file: the file is read-only. Whoever
/// made a report read-only (`chmod a-w`) meant it, so it is not replaced
/// even where the folder would allow it — nor by root.
#[derive(Debug)]
pub struct ReadOnlyFile;

impl std::fmt::Display for ReadOnlyFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("文件是只读的 / the file is read-only")
    }
}

impl std::error::Error for ReadOnlyFile {}

/// Whether a save failed because the file is read-only.
pub fn is_read_only_refusal(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<ReadOnlyFile>())
}

/// Refuses to replace a file that has no write permission at all, or none
/// for us.
/// `meta`: the target's, `None` when there is none.
#[cfg(unix)]
fn refuse_read_only(target: &Path, meta: Option<&fs::Metadata>) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;
    let Some(meta) = meta else {
        return Ok(());
    };
    let no_write_bit = meta.permissions().mode() & 0o222 == 0;
    let name = std::ffi::CString::new(target.as_os_str().as_bytes())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    // SAFETY: a valid NUL-terminated path; faccessat only reads it.
    let not_ours =
        unsafe { libc::faccessat(libc::AT_FDCWD, name.as_ptr(), libc::W_OK, libc::AT_EACCESS) }
            != 0;
    if no_write_bit || not_ours {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            ReadOnlyFile,
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_read_only(_target: &Path, meta: Option<&fs::Metadata>) -> io::Result<()> {
    match meta {
        Some(m) if m.permissions().readonly() => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            ReadOnlyFile,
        )),
        _ => Ok(()),
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Creates the temp file `.NAME.XXXXXX.tmp` beside `target`. `tempfile`
/// opens it with `O_CREAT | O_EXCL`: an existing name, a symbolic link
/// included, is never opened, and another random name is tried instead.
fn create_temp(target: &Path, random_chars: usize) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&temp_prefix(target))
        .suffix(TEMP_SUFFIX)
        .rand_bytes(random_chars)
        .tempfile_in(folder_of(target))
}

const TEMP_SUFFIX: &str = ".tmp";

fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

/// Where a save to `path` really goes. A symbolic link is written through
/// to the file it points to, so a report kept behind a link (or in a linked
/// folder) stays where the link points and the link stays a link. Refused,
/// with the reason: a link to nothing (no file is ever created through a
/// link), a link to something that is not a regular file, and a link that
/// the kernel's `fs.protected_symlinks` rule would not follow — one planted
/// by another user in a shared sticky folder such as /tmp.
pub fn resolve_target(path: &Path) -> io::Result<PathBuf> {
    resolve_target_and_metadata(path).map(|(target, _)| target)
}

/// Where a save goes, and the metadata of the file there (`None` when there
/// is none yet; the error when it could not be looked at).
type Looked = (PathBuf, io::Result<Option<fs::Metadata>>);

/// [`resolve_target`], with the metadata of the file it leads to from the
/// same look.
fn resolve_target_and_metadata(path: &Path) -> io::Result<Looked> {
    let link = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => m,
        Ok(m) => return Ok((path.to_path_buf(), Ok(Some(m)))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((path.to_path_buf(), Ok(None))),
        Err(e) => return Ok((path.to_path_buf(), Err(e))),
    };
    let refuse = |why: LinkRefused| io::Error::new(io::ErrorKind::InvalidInput, why);
    if planted_link(path, &link) {
        return Err(refuse(LinkRefused::Planted));
    }
    let real = fs::canonicalize(path).map_err(|_| refuse(LinkRefused::Dangling))?;
    let meta = fs::metadata(&real)?;
    if !meta.is_file() {
        return Err(refuse(LinkRefused::NotAFile));
    }
    Ok((real, Ok(Some(meta))))
}

/// Why a symbolic link is not followed (carried inside an [`io::Error`];
/// [`super::save_failure`] says it in the user's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefused {
    /// Placed by another user in a shared sticky folder.
    Planted,
    /// Points to nothing: no file is ever created through a link.
    Dangling,
    /// Points to something that is not a regular file.
    NotAFile,
}

impl LinkRefused {
    pub fn message(self, lang: crate::schema::Lang) -> &'static str {
        use crate::schema::Lang::{En, Zh};
        match (self, lang) {
            (LinkRefused::Planted, Zh) => "是他人在共享文件夹中放置的符号链接，不会经它写入",
            (LinkRefused::Planted, En) => {
                "a symbolic link another user placed in a shared folder; not followed"
            }
            (LinkRefused::Dangling, Zh) => "是指向不存在文件的符号链接；不会经链接新建文件",
            (LinkRefused::Dangling, En) => {
                "a symbolic link to a file that does not exist; no file is created through a link"
            }
            (LinkRefused::NotAFile, Zh) => "是指向非普通文件的符号链接",
            (LinkRefused::NotAFile, En) => {
                "a symbolic link to something that is not a regular file"
            }
        }
    }
}

impl std::fmt::Display for LinkRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message(crate::schema::Lang::En))
    }
}

impl std::error::Error for LinkRefused {}

/// The kernel's `protected_symlinks` rule, applied whatever the sysctl says:
/// in a sticky, world-writable folder, only follow a link owned by us or by
/// the folder's owner.
#[cfg(unix)]
fn planted_link(path: &Path, link: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(folder) = fs::metadata(folder_of(path)) else {
        return false;
    };
    let shared = folder.mode() & 0o1002 == 0o1002;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    shared && link.uid() != me && link.uid() != folder.uid()
}

#[cfg(not(unix))]
fn planted_link(_path: &Path, _link: &fs::Metadata) -> bool {
    false
}

/// Removes what an interrupted save left beside `report`: temp files named
/// `.NAME.XXXXXX.tmp` more than a minute old (a save takes milliseconds).
/// Call it only while holding the report's [`EditLock`](super::EditLock). Returns how many
/// were removed.
pub fn remove_stale_temps(report: &Path) -> usize {
    let Ok(target) = resolve_target(report) else {
        return 0;
    };
    let prefix = temp_prefix(&target);
    let Ok(entries) = fs::read_dir(folder_of(&target)) else {
        return 0;
    };
    let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(random) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let ours =
            random.len() == TEMP_RANDOM_CHARS && random.bytes().all(|b| b.is_ascii_alphanumeric());
        let stale = entry
            .metadata()
            .is_ok_and(|m| !m.is_dir() && m.modified().is_ok_and(|t| t < minute_ago));
        if ours && stale && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Gives the new file the mode of the file it replaces (or the umask
/// default), and its owner and group where we may: root keeps both, anyone
/// keeps the group when they belong to it, so colleagues sharing a report
/// through its group keep their access.
/// `old`: the replaced file's metadata, `None` when there is none.
#[cfg(unix)]
fn set_access_like(file: &File, old: Option<&fs::Metadata>, new_mode: u32) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, fchown};
    let mode = match old {
        Some(old) => {
            let new = file.metadata()?;
            if (old.uid(), old.gid()) != (new.uid(), new.gid())
                && fchown(file, Some(old.uid()), Some(old.gid())).is_err()
            {
                let _ = fchown(file, None, Some(old.gid()));
            }
            old.mode() & 0o7777
        }
        None => new_mode,
    };
    set_mode(file, mode)
}

#[cfg(not(unix))]
fn set_access_like(_file: &File, _old: Option<&fs::Metadata>, _new_mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_file: &File, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// The process umask as [`current_umask`] knows it; `UNKNOWN` until read.
static UMASK: AtomicU32 = AtomicU32::new(UNKNOWN);
const UNKNOWN: u32 = u32::MAX;

/// The process umask, read from /proc once (reading it with umask(2) would
/// briefly change it for other threads). It changes only through
/// [`set_umask`], which keeps this copy current.
#[cfg(unix)]
fn current_umask() -> u32 {
    match UMASK.load(Ordering::Relaxed) {
        UNKNOWN => {
            let mask = fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("Umask:"))
                        .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
                })
                .unwrap_or(0o022);
            UMASK.store(mask, Ordering::Relaxed);
            mask
        }
        mask => mask,
    }
}

/// Sets the process umask (the one way this program changes it, so that
/// [`current_umask`] need not read it again). Call it before other threads
/// start: umask(2) is process-wide.
#[cfg(unix)]
pub fn set_umask(mask: u32) {
    // SAFETY: umask cannot fail.
    unsafe {
        libc::umask(mask as libc::mode_t);
    }
    UMASK.store(mask, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::EditLock;

    #[test]
    fn atomic_save_replaces_and_keeps_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let fp = save_text(&path, "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(Fingerprint::of_file(&path).unwrap(), Some(fp));
        // No temp files left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_temp_file_is_created_exclusively_never_through_a_link() {
        // With no random characters the temp name is fixed, so a link can be
        // planted at exactly the name the save will use.
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("r.toml");
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let fixed = dir.path().join(".r.toml..tmp");
        std::os::unix::fs::symlink(&victim, &fixed).unwrap();
        let e = create_temp(&target, 0).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        // A dangling link is not followed either (O_EXCL also refuses it).
        fs::remove_file(&fixed).unwrap();
        std::os::unix::fs::symlink(dir.path().join("created-through-link"), &fixed).unwrap();
        assert!(create_temp(&target, 0).is_err());
        assert!(!dir.path().join("created-through-link").exists());
    }

    #[test]
    fn a_linked_report_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/r.toml");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("r.toml");
        std::os::unix::fs::symlink("real/r.toml", &link).unwrap();
        save_text(&link, "new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        // The lock of the link is the lock of the file it points to.
        let by_link = EditLock::acquire(&link).unwrap().unwrap();
        assert!(EditLock::acquire(&real).unwrap().is_err());
        drop(by_link);
    }

    #[test]
    fn no_file_is_created_through_a_dangling_link() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("r.toml");
        let nowhere = dir.path().join("nowhere.toml");
        std::os::unix::fs::symlink(&nowhere, &link).unwrap();
        let e = save_text(&link, "new").unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        assert!(!nowhere.exists());
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn stale_temp_files_are_removed_and_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.toml");
        fs::write(&report, "report").unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let stale = dir.path().join(".r.toml.aB3dE9.tmp");
        let fresh = dir.path().join(".r.toml.Zx81Qq.tmp");
        let other = dir.path().join(".other.toml.aB3dE9.tmp");
        let odd = dir.path().join(".r.toml.notours-at-all.tmp");
        for f in [&stale, &fresh, &other, &odd] {
            fs::write(f, "partial").unwrap();
        }
        for f in [&stale, &other, &odd] {
            File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
        assert_eq!(remove_stale_temps(&report), 1);
        assert!(!stale.exists());
        assert!(fresh.exists() && other.exists() && odd.exists() && report.exists());
    }
}
