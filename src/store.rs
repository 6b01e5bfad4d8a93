//! Report files on disk: reading with clear errors (file, line, column),
//! atomic saving (temp file in the same folder, fsync, rename), the edit
//! lock, and detecting that someone else changed the file.

use crate::model::Report;
use crate::problem::Problem;
use crate::schema::Lang;
use crate::toml_read::{self, Loaded};
use crate::toml_write;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a file could not be read as a report at all.
#[derive(Debug)]
pub struct ReadFailure {
    pub file: PathBuf,
    pub problem: Problem,
}

impl std::fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let (Some(line), Some(col)) = (self.problem.line, self.problem.column) {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.problem.describe())
    }
}

/// Reads and parses a report file. `Err` only when it cannot be read as
/// text or as TOML, or is not a report of a supported format version.
pub fn load(path: &Path, lang: Lang) -> Result<Loaded, ReadFailure> {
    load_with_fingerprint(path, lang).map(|(loaded, _)| loaded)
}

/// [`load`], with the fingerprint of the bytes that were read, for noticing
/// later that someone else changed the file.
pub fn load_with_fingerprint(
    path: &Path,
    lang: Lang,
) -> Result<(Loaded, Fingerprint), ReadFailure> {
    let fail = |problem: Problem| ReadFailure {
        file: path.to_path_buf(),
        problem,
    };
    let bytes = fs::read(path).map_err(|e| fail(io_problem(&e, lang)))?;
    let text = decode(&bytes, lang).map_err(fail)?;
    let loaded = toml_read::read(text, lang).map_err(fail)?;
    Ok((loaded, Fingerprint::of_bytes(&bytes)))
}

/// The message for a file that cannot be opened.
pub fn io_problem(e: &io::Error, lang: Lang) -> Problem {
    let msg = match e.kind() {
        io::ErrorKind::NotFound => lang.pick("文件不存在", "no such file").to_string(),
        io::ErrorKind::PermissionDenied => {
            lang.pick("没有读取权限", "permission denied").to_string()
        }
        io::ErrorKind::IsADirectory => lang
            .pick("这是一个文件夹，不是文件", "is a folder, not a file")
            .to_string(),
        _ => format!("{}: {e}", lang.pick("无法读取", "cannot read")),
    };
    Problem::error("", "", msg).blocking()
}

/// Checks that the bytes are UTF-8 text, saying where they are not.
pub fn decode(bytes: &[u8], lang: Lang) -> Result<&str, Problem> {
    if looks_like_utf16(bytes) {
        return Err(Problem::error(
            "",
            "",
            lang.pick(
                "文件是 UTF-16 编码（Windows 记事本的“Unicode”）。请用 `iconv -f UTF-16 -t UTF-8 原文件 > 新文件` 转换后再打开",
                "the file is UTF-16 (Windows Notepad's \"Unicode\"). Convert it with `iconv -f UTF-16 -t UTF-8 OLD > NEW` and open that",
            ),
        )
        .at(1, 1)
        .blocking());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if text.contains('\0') => {
            let at = text.find('\0').unwrap_or(0);
            let (line, col) = line_col(text, at);
            Err(Problem::error(
                "",
                "",
                lang.pick(
                    "文件含有 NUL 字节，不是文本文件（是否选错了文件？）",
                    "the file contains NUL bytes: it is not a text file (wrong file?)",
                ),
            )
            .at(line, col)
            .blocking())
        }
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let good = e.valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or("");
            let (line, col) = line_col(prefix, good);
            let binary = bytes.iter().take(8192).filter(|&&b| b == 0).count() > 0;
            let msg = if binary {
                lang.pick(
                    "这是二进制文件，不是报告文件",
                    "this is a binary file, not a report",
                )
                .to_string()
            } else {
                lang.pick(
                    "文件不是 UTF-8 编码（可能是 GBK）。请用 `iconv -f GBK -t UTF-8 原文件 > 新文件` 转换后再打开",
                    "the file is not UTF-8 (GBK?). Convert it with `iconv -f GBK -t UTF-8 OLD > NEW` and open that",
                )
                .to_string()
            };
            Err(Problem::error("", "", msg).at(line, col).blocking())
        }
    }
}

/// A UTF-16 byte order mark, or text whose every other byte is NUL (ASCII
/// in UTF-16 without a mark).
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    let nul_in_one_half = |odd: usize| {
        head.iter()
            .skip(odd)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    pairs >= 8 && (nul_in_one_half(0) * 10 >= pairs * 9 || nul_in_one_half(1) * 10 >= pairs * 9)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Writes the report's TOML atomically; see [`save_text`].
pub fn save(path: &Path, report: &Report) -> io::Result<Fingerprint> {
    save_text(path, &toml_write::write(report))
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
    write_atomically(path, bytes, Access::LikeTarget)
}

/// Writes a new file that only its owner can read (mode 0600), atomically
/// as [`save_bytes`] does: the rescue copy of a report that could not be
/// saved where it belongs, which may have to go to a shared folder.
pub fn save_private(path: &Path, bytes: &[u8]) -> io::Result<Fingerprint> {
    write_atomically(path, bytes, Access::Private)
}

/// Who may read a file we write.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// As the file being replaced, or the umask default for a new one.
    LikeTarget,
    /// The owner only.
    Private,
}

/// How many random characters name a temp file (`.NAME.XXXXXX.tmp`).
const TEMP_RANDOM_CHARS: usize = 6;

fn write_atomically(path: &Path, bytes: &[u8], access: Access) -> io::Result<Fingerprint> {
    let target = resolve_target(path)?;
    let dir = folder_of(&target);
    let mut tmp = create_temp(&target, TEMP_RANDOM_CHARS)?;
    tmp.write_all(bytes)?;
    match access {
        Access::LikeTarget => set_access_like(tmp.as_file(), &target)?,
        Access::Private => set_mode(tmp.as_file(), 0o600)?,
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(Fingerprint::of_bytes(bytes))
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
    let link = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => m,
        _ => return Ok(path.to_path_buf()),
    };
    let refuse = |why: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: {why}", path.display()),
        )
    };
    if planted_link(path, &link) {
        return Err(refuse(
            "是他人在共享文件夹中放置的符号链接，不会经它写入 / a symbolic link another user placed in a shared folder; not followed",
        ));
    }
    let real = fs::canonicalize(path).map_err(|_| {
        refuse("是指向不存在文件的符号链接；不会经链接新建文件 / a symbolic link to a file that does not exist; no file is created through a link")
    })?;
    if !fs::metadata(&real)?.is_file() {
        return Err(refuse(
            "是指向非普通文件的符号链接 / a symbolic link to something that is not a regular file",
        ));
    }
    Ok(real)
}

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
/// Call it only while holding the report's [`EditLock`]. Returns how many
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
#[cfg(unix)]
fn set_access_like(file: &File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, fchown};
    let mode = match fs::metadata(target) {
        Ok(old) => {
            let new = file.metadata()?;
            if (old.uid(), old.gid()) != (new.uid(), new.gid())
                && fchown(file, Some(old.uid()), Some(old.gid())).is_err()
            {
                let _ = fchown(file, None, Some(old.gid()));
            }
            old.mode() & 0o7777
        }
        Err(_) => 0o666 & !current_umask(),
    };
    set_mode(file, mode)
}

#[cfg(not(unix))]
fn set_access_like(_file: &File, _target: &Path) -> io::Result<()> {
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

/// The process umask, read from /proc (reading it with umask(2) would
/// briefly change it for other threads).
#[cfg(unix)]
fn current_umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// What a file held when we last read or wrote it, to notice changes made
/// by someone else before overwriting them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    pub fn of_text(text: &str) -> Fingerprint {
        Fingerprint::of_bytes(text.as_bytes())
    }

    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        // FNV-1a: enough to tell "changed" from "unchanged".
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Fingerprint {
            len: bytes.len() as u64,
            hash,
        }
    }

    /// The file's current fingerprint, or `None` when it does not exist.
    pub fn of_file(path: &Path) -> io::Result<Option<Fingerprint>> {
        match fs::read(path) {
            Ok(bytes) => Ok(Some(Fingerprint::of_bytes(&bytes))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// An advisory lock on a report while it is open in the wizard. The lock
/// file `.NAME.lock` beside the report holds `pid@host`; the OS lock on it
/// disappears with the process, even after SIGKILL, so it never goes stale.
#[derive(Debug)]
pub struct EditLock {
    file: File,
    path: PathBuf,
}

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockHolder(pub String);

impl EditLock {
    /// The lock file path for a report.
    pub fn path_for(report: &Path) -> PathBuf {
        let name = report
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        report.with_file_name(format!(".{name}.lock"))
    }

    /// Takes the lock, or says who has it. The lock belongs to the file a
    /// link points to, so two people reaching one report by different paths
    /// share it. The lock file is never opened through a symbolic link.
    pub fn acquire(report: &Path) -> io::Result<Result<EditLock, LockHolder>> {
        let real = resolve_target(report).unwrap_or_else(|_| report.to_path_buf());
        let path = Self::path_for(&real);
        // A holder that quits removes the lock file; whoever opened it just
        // before then locks a file nobody else can see, and must try again.
        for _ in 0..100 {
            let mut file = open_lock_file(&path)?;
            match file.try_lock() {
                Ok(()) if !same_file(&file, &path) => continue,
                Ok(()) => {
                    // Who holds it is only for messages: on a full disk
                    // the lock holds without it.
                    let _ = file
                        .set_len(0)
                        .and_then(|()| writeln!(file, "{}@{}", std::process::id(), hostname()))
                        .and_then(|()| file.sync_all());
                    return Ok(Ok(EditLock { file, path }));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = io::Read::read_to_string(&mut file, &mut holder);
                    return Ok(Err(LockHolder(holder.trim().to_string())));
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
        }
        Err(io::Error::other(format!(
            "{}: the lock file keeps being replaced",
            path.display()
        )))
    }
}

/// Opens (or creates) a lock file, refusing a symbolic link planted at its
/// name (which would make us truncate the file it points to) and anything
/// that is not a regular file.
fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let refuse = || {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{}: 锁文件不是普通文件（可能是他人放置的符号链接），请删除后重试 / the lock file is not a regular file (a planted symbolic link?); remove it and try again",
                path.display()
            ),
        )
    };
    let file = match options.open(path) {
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(refuse()),
        other => other?,
    };
    if !file.metadata()?.is_file() {
        return Err(refuse());
    }
    Ok(file)
}

/// Whether the open file is still the one at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, _path: &Path) -> bool {
    true
}

impl Drop for EditLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// This machine's host name, for lock messages.
pub fn hostname() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "localhost".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let bytes = b"format = \"nianbao/1\"\n# \xd6\xd0\xce\xc4\n";
        let p = decode(bytes, Lang::En).unwrap_err();
        assert_eq!((p.line, p.column), (Some(2), Some(3)));
        assert!(p.message.contains("UTF-8"));
    }

    #[test]
    fn utf16_is_named_with_the_command_to_convert_it() {
        let text = "format = \"nianbao/1\"\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [[&[0xff, 0xfe][..], &le].concat(), le, be] {
            let p = decode(&bytes, Lang::En).unwrap_err();
            assert!(
                p.message.contains("UTF-16") && p.message.contains("iconv"),
                "{}",
                p.message
            );
        }
        // Text with a few NUL bytes is still called a binary file.
        assert!(
            decode(b"format = 1\n\0\0", Lang::En)
                .unwrap_err()
                .message
                .contains("NUL")
        );
    }

    #[test]
    fn nul_bytes_are_refused() {
        let p = decode(b"format = 1\n\0", Lang::En).unwrap_err();
        assert!(p.message.contains("NUL"));
    }

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
    fn second_lock_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        let first = EditLock::acquire(&path).unwrap().unwrap();
        let second = EditLock::acquire(&path).unwrap().unwrap_err();
        assert!(second.0.starts_with(&format!("{}@", std::process::id())));
        drop(first);
        assert!(EditLock::acquire(&path).unwrap().is_ok());
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
    fn a_symbolic_link_at_the_lock_name_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.toml");
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, EditLock::path_for(&report)).unwrap();
        let e = EditLock::acquire(&report).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    }

    #[test]
    fn a_lock_file_replaced_under_us_is_noticed() {
        // What a waiter sees when the holder quits between the waiter's
        // open and its lock: the open file is no longer the one at the path.
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.toml");
        let lock_path = EditLock::path_for(&report);
        let first = open_lock_file(&lock_path).unwrap();
        assert!(same_file(&first, &lock_path));
        fs::remove_file(&lock_path).unwrap();
        assert!(!same_file(&first, &lock_path));
        let _second = open_lock_file(&lock_path).unwrap();
        assert!(!same_file(&first, &lock_path));
        assert!(EditLock::acquire(&report).unwrap().is_ok());
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
