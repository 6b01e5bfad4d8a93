//! Report files on disk: reading with clear errors (file, line, column),
//! atomic saving ([`save()`]: temp file in the same folder, fsync, rename),
//! the edit lock, and detecting that someone else changed the file
//! ([`Fingerprint`]).

use crate::problem::Problem;
use crate::schema::Lang;
use crate::toml_read::{self, Loaded};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

mod fingerprint;
mod lockfile;
mod save;
#[cfg(test)]
pub use fingerprint::file_reads;
pub use fingerprint::{FileState, Fingerprint, file_state};
pub use lockfile::{LockNote, LockState, probe as probe_lock};
pub use save::{
    LinkRefused, ReadOnlyFile, TooLargeToSave, is_read_only_refusal, new_report_mode,
    remove_stale_temps, resolve_target, save, save_bytes, save_new, save_new_report, save_private,
    save_text, set_umask,
};

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
    let bytes = match read_limited(path).map_err(|e| fail(io_problem(&e, lang)))? {
        Ok(bytes) => bytes,
        Err(size) => return Err(fail(too_large(size, lang))),
    };
    let text = decode(&bytes, lang).map_err(fail)?;
    let loaded = toml_read::read(text, lang).map_err(fail)?;
    Ok((loaded, Fingerprint::of_bytes(&bytes)))
}

/// The largest report file any command reads: 1 MiB. A complete report is
/// a few dozen KB even with every text long; a bigger file is a mistake or
/// an attack, and reading it whole would cost every command its memory.
pub const REPORT_BYTES_MAX: u64 = 1024 * 1024;

/// The file's bytes, or `Err(size)` when it is larger than
/// [`REPORT_BYTES_MAX`] — found from its length, or by reading one byte
/// past the limit when it grows while being read; never read whole.
pub fn read_limited(path: &Path) -> io::Result<Result<Vec<u8>, u64>> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    if size > REPORT_BYTES_MAX {
        return Ok(Err(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    io::Read::read_to_end(&mut io::Read::take(file, REPORT_BYTES_MAX + 1), &mut bytes)?;
    if bytes.len() as u64 > REPORT_BYTES_MAX {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

/// The message for a report file larger than [`REPORT_BYTES_MAX`].
pub fn too_large(size: u64, lang: Lang) -> Problem {
    let mib = size as f64 / (1024.0 * 1024.0);
    let msg = match lang {
        Lang::Zh => format!(
            "文件大小为 {mib:.1} MiB，超过报告文件的上限 1 MiB，未读取。一份完整的报告只有几十 KB：请确认是否选错了文件"
        ),
        Lang::En => format!(
            "the file is {mib:.1} MiB, larger than a report file may be (1 MiB), so it was not read. A whole report is a few dozen KB: check that this is the right file"
        ),
    };
    Problem::error("", "", msg).blocking()
}

/// The message for a file that cannot be opened.
pub fn io_problem(e: &io::Error, lang: Lang) -> Problem {
    if let Some(why) = read_only_message(e, lang) {
        return Problem::error("", "", why).blocking();
    }
    let msg = match e.kind() {
        io::ErrorKind::NotFound => lang.pick("文件不存在", "no such file").to_string(),
        io::ErrorKind::PermissionDenied => {
            lang.pick("没有读取权限", "permission denied").to_string()
        }
        io::ErrorKind::IsADirectory => lang
            .pick("这是一个文件夹，不是文件", "is a folder, not a file")
            .to_string(),
        _ => match lang {
            Lang::Zh => format!("无法读取：{}", crate::inert::line(&e.to_string())),
            Lang::En => format!("cannot read: {}", crate::inert::line(&e.to_string())),
        },
    };
    Problem::error("", "", msg).blocking()
}

/// What to tell the user when a save refused to replace a read-only file
/// (`None` for any other error).
pub fn read_only_message(e: &io::Error, lang: Lang) -> Option<String> {
    is_read_only_refusal(e).then(|| {
        lang.pick(
            "文件是只读的，没有替换它（若要允许保存，请先执行 chmod u+w 该文件）",
            "the file is read-only and was not replaced (to allow saving, chmod u+w it first)",
        )
        .to_string()
    })
}

/// Why a save failed, in words: a read-only file, no permission to write
/// (a read-only folder), a full disk, or the system's own reason.
pub fn save_failure(e: &io::Error, lang: Lang) -> String {
    if let Some(why) = read_only_message(e, lang) {
        return why;
    }
    if let Some(link) = e.get_ref().and_then(|i| i.downcast_ref::<LinkRefused>()) {
        return link.message(lang).to_string();
    }
    if let Some(big) = e.get_ref().and_then(|i| i.downcast_ref::<TooLargeToSave>()) {
        return big.message(lang);
    }
    match e.kind() {
        io::ErrorKind::PermissionDenied => lang
            .pick(
                "没有写入权限（文件夹是只读的？）",
                "permission denied (is the folder read-only?)",
            )
            .to_string(),
        io::ErrorKind::StorageFull => lang
            .pick(
                "磁盘空间不足（No space left on device）",
                "the disk is full (No space left on device)",
            )
            .to_string(),
        _ => crate::inert::line(&e.to_string()),
    }
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
    // One half nearly all NUL and the other nearly none: a binary file
    // (an executable's header, say) has NULs in both halves.
    let (even, odd) = (nul_in_one_half(0), nul_in_one_half(1));
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let hardly = |n: usize| n * 10 <= pairs;
    pairs >= 8 && ((mostly(even) && hardly(odd)) || (mostly(odd) && hardly(even)))
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Where our version goes when the file was changed by someone else since we
/// read it: `report.conflict-1234.toml` (our process id) beside `report.toml`.
/// Used by the wizard and plain mode alike.
pub fn conflict_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.conflict-{}.toml", std::process::id()))
}

/// An advisory lock on a report while it is open in the wizard. The lock
/// file `.NAME.lock` beside the report holds `pid@host`, then the account
/// and since when (see [`LockNote`]); the OS lock on it disappears with the
/// process, even after SIGKILL, so it never goes stale.
#[derive(Debug)]
pub struct EditLock {
    file: File,
    path: PathBuf,
}

/// Who holds a lock: the lock file's first line, `pid@host`.
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
        // `nianbao status` holds a lock shared for a moment to see whether
        // it is held: a few short waits outlast it.
        let mut probes_outlasted = 0;
        for _ in 0..100 {
            let mut file = open_lock_file(&path)?;
            match file.try_lock() {
                Ok(()) if !same_file(&file, &path) => continue,
                Ok(()) => {
                    // Who holds it is only for messages: on a full disk
                    // the lock holds without it. Not synced: after a crash
                    // the lock is free whatever the file says, and an fsync
                    // here cost 1–8 ms of every start.
                    let _ = file
                        .set_len(0)
                        .and_then(|()| file.write_all(LockNote::for_this_process().as_bytes()));
                    return Ok(Ok(EditLock { file, path }));
                }
                Err(fs::TryLockError::WouldBlock) if probes_outlasted < 3 => {
                    probes_outlasted += 1;
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = io::Read::read_to_string(&mut file, &mut holder);
                    let first = holder.lines().next().unwrap_or("").trim();
                    return Ok(Err(LockHolder(first.to_string())));
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
    use crate::model::Report;

    #[test]
    fn a_report_beyond_the_file_limit_is_not_written_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        let mut report = Report::for_year(2024);
        report.set_text(crate::schema::ROLES.agency(), "局".repeat(400_000));
        let e = save(&path, &report).unwrap_err();
        assert!(!path.exists());
        assert!(save_failure(&e, Lang::En).contains("more than a report file may be (1 MiB)"));
        assert!(save_failure(&e, Lang::Zh).contains("超过报告文件的上限 1 MiB"));
        // Output that is not a report (render) has no such limit.
        save_bytes(&path, "x".repeat(2 << 20).as_bytes()).unwrap();
    }

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
    fn save_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        fs::write(&path, "mine").unwrap();
        let err = save_new(&path, &Report::for_year(2024)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let fresh = dir.path().join("new.toml");
        save_new(&fresh, &Report::for_year(2024)).unwrap();
        assert!(fs::read_to_string(&fresh).unwrap().contains("year = 2024"));
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
}
