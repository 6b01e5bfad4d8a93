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
    let fail = |problem: Problem| ReadFailure {
        file: path.to_path_buf(),
        problem,
    };
    let bytes = fs::read(path).map_err(|e| fail(io_problem(&e, lang)))?;
    let text = decode(&bytes, lang).map_err(fail)?;
    toml_read::read(text, lang).map_err(fail)
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

/// Like [`save`], but for a file that must not exist yet: fails with
/// `AlreadyExists` rather than replace one, even one that appeared a
/// moment ago (the final rename does not overwrite).
pub fn save_new(path: &Path, report: &Report) -> io::Result<Fingerprint> {
    write_atomically(path, toml_write::write(report).as_bytes(), false)
}

/// Writes `text` to `path` atomically; see [`save_bytes`].
pub fn save_text(path: &Path, text: &str) -> io::Result<Fingerprint> {
    save_bytes(path, text.as_bytes())
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the
/// old file or the new one: a fresh temp file in the same folder (created
/// exclusively, so a planted symlink is never followed), fsync, rename over
/// the target, fsync the folder. The new file keeps the old file's
/// permissions, or gets the user's umask default when there was none.
pub fn save_bytes(path: &Path, bytes: &[u8]) -> io::Result<Fingerprint> {
    write_atomically(path, bytes, true)
}

fn write_atomically(path: &Path, bytes: &[u8], replace: bool) -> io::Result<Fingerprint> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    set_permissions_like(tmp.as_file(), path)?;
    if replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(Fingerprint::of_bytes(bytes))
}

#[cfg(unix)]
fn set_permissions_like(file: &File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = match fs::metadata(target) {
        Ok(m) => m.permissions().mode() & 0o7777,
        Err(_) => 0o666 & !current_umask(),
    };
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_permissions_like(_file: &File, _target: &Path) -> io::Result<()> {
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

    /// Takes the lock, or says who has it.
    pub fn acquire(report: &Path) -> io::Result<Result<EditLock, LockHolder>> {
        let path = Self::path_for(report);
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {
                file.set_len(0)?;
                // Not synced: the holder's name only informs a second editor,
                // and after a crash the lock is free whatever the file says.
                // An fsync here cost 1–8 ms of every start.
                writeln!(file, "{}@{}", std::process::id(), hostname())?;
                Ok(Ok(EditLock { file, path }))
            }
            Err(fs::TryLockError::WouldBlock) => {
                let holder = fs::read_to_string(&path)
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                Ok(Err(LockHolder(holder)))
            }
            Err(fs::TryLockError::Error(e)) => Err(e),
        }
    }
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
}
