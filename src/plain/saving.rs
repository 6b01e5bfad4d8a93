//! Saving in plain mode: after every answer, beside the file when someone
//! else changed it, to a private rescue copy when the file cannot be
//! written, and the last word when nothing could be saved where it belongs.

use super::{Plain, printable, shown};
use crate::check::sanitize_line;
use crate::schema::Lang;
use crate::store::{self, Fingerprint, conflict_path};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

impl<R: BufRead, W: Write> Plain<R, W> {
    /// Saves atomically, unless someone else changed the file since we read
    /// it: then our version goes beside it and theirs is left alone. When the
    /// save fails (a read-only folder, a full disk), the answers go to a
    /// rescue copy at once, and the next answer tries the file again.
    pub(super) fn save(&mut self) -> io::Result<()> {
        let target = match Fingerprint::of_file(&self.path) {
            Ok(now) if now.is_some() && now != self.on_disk => {
                let beside = conflict_path(&self.path);
                writeln!(
                    self.out,
                    "  {} {}",
                    self.t(
                        "文件已被他人修改，未覆盖；本次内容另存为",
                        "the file was changed by someone else; not overwritten. Saved to"
                    ),
                    shown(&beside)
                )?;
                beside
            }
            _ => self.path.clone(),
        };
        match store::save(&target, &self.report) {
            Ok(fp) => {
                // After a conflict, later answers keep going to our own copy.
                self.path = target;
                self.on_disk = Some(fp);
                self.unsaved = false;
                if let Some(rescue) = self.rescue.take() {
                    let _ = std::fs::remove_file(&rescue);
                    writeln!(
                        self.out,
                        "  {} {}",
                        self.t(
                            "已重新保存到原文件；已删除备份",
                            "saved to the file again; removed the rescue copy"
                        ),
                        shown(&rescue)
                    )?;
                }
            }
            Err(e) => {
                self.unsaved = true;
                let why = sanitize_line(
                    &store::read_only_message(&e, self.lang).unwrap_or_else(|| e.to_string()),
                );
                let msg = match self.write_rescue() {
                    Some(rescue) => format!(
                        "{} {} ({why}); {} {}",
                        self.t("未能保存到", "could not save to"),
                        shown(&target),
                        self.t("内容已另存到", "your answers are safe in"),
                        shown(&rescue)
                    ),
                    None => format!(
                        "{} {} ({why}); {}",
                        self.t("未能保存到", "could not save to"),
                        shown(&target),
                        self.t(
                            "内容仍在内存中，下次回答时重试",
                            "kept in memory, retried after the next answer"
                        )
                    ),
                };
                writeln!(self.out, "  {msg}")?;
            }
        }
        Ok(())
    }

    /// Writes the answers to a private rescue copy in the home folder, else
    /// in the temp folder; `None` when neither can be written.
    fn write_rescue(&mut self) -> Option<PathBuf> {
        let text = crate::toml_write::write(&self.report);
        let candidates = match self.rescue.take() {
            Some(known) => vec![known],
            None => rescue_paths(&self.path),
        };
        let written = candidates
            .into_iter()
            .find(|p| store::save_private(p, text.as_bytes()).is_ok());
        self.rescue = written.clone();
        written
    }

    /// The last word when the file could not be saved: where the answers
    /// are, and how to put them back; or, when not even a rescue copy could
    /// be written, the report itself, to copy from the screen.
    pub(super) fn report_not_saved(&mut self) -> io::Result<()> {
        let file = shown(&self.path);
        match self.rescue.clone() {
            Some(rescue_path) => {
                let rescue = shown(&rescue_path);
                let command = format!("cp {} {}", shell_word(&rescue_path), shell_word(&self.path));
                writeln!(
                    self.out,
                    "{} {file}{} {rescue}\n{}\n  {command}",
                    self.t("未能保存到", "NOT SAVED to"),
                    self.t("！全部内容已保存在", "! Everything you entered is in"),
                    self.t(
                        "文件夹可写入后，用下面的命令放回原处：",
                        "Once the folder is writable, put it back with:"
                    ),
                )?;
            }
            None => {
                writeln!(
                    self.out,
                    "{} {file}{}\n-----BEGIN NIANBAO REPORT-----",
                    self.t("未能保存到", "NOT SAVED to"),
                    self.t(
                        "，也无法另存备份。请把下面两行标记之间的全部内容复制保存为 .toml 文件：",
                        ", and no rescue copy could be written. Copy everything between the two marker lines into a .toml file:"
                    ),
                )?;
                let text = crate::toml_write::write(&self.report);
                write!(self.out, "{}", printable(&text))?;
                writeln!(self.out, "-----END NIANBAO REPORT-----")?;
            }
        }
        Ok(())
    }
}

/// A path as one word of a POSIX shell command: in single quotes (a quote
/// inside as `'\''`), or, when it holds control characters that must not
/// reach the terminal raw, as `"$(printf '…')"` with those bytes written as
/// octal escapes, so that the command still names the very file.
pub fn shell_word(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let printable = std::str::from_utf8(bytes).is_ok_and(|s| !s.chars().any(char::is_control));
    if printable {
        let text = String::from_utf8_lossy(bytes);
        return format!("'{}'", text.replace('\'', "'\\''"));
    }
    let mut format = String::new();
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\'' => format.push_str("'\\''"),
                '\\' => format.push_str("\\\\"),
                '%' => format.push_str("%%"),
                c if c.is_control() => {
                    let mut buf = [0; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        format.push_str(&format!("\\{b:03o}"));
                    }
                }
                c => format.push(c),
            }
        }
        for b in chunk.invalid() {
            format.push_str(&format!("\\{b:03o}"));
        }
    }
    format!("\"$(printf '{format}')\"")
}

/// Why the edit lock could not be taken, in words: usually a folder the
/// user cannot write, where no save could succeed either.
pub(super) fn lock_failure(path: &Path, lang: Lang, e: io::Error) -> io::Error {
    if e.kind() != io::ErrorKind::PermissionDenied {
        return e;
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    io::Error::new(
        e.kind(),
        format!(
            "{} {} {}",
            lang.pick("文件夹", "the folder"),
            shown(folder),
            lang.pick(
                "不可写入，无法在此保存。请把报告复制到可写的文件夹（如 cp 报告.toml ~/）后在那里填报",
                "is not writable, so nothing could be saved there. Copy the report to a folder you can write (e.g. cp report.toml ~/) and edit it there"
            )
        ),
    )
}

/// Where the rescue copy may go: the home folder, then the temp folder.
fn rescue_paths(report: &Path) -> Vec<PathBuf> {
    let stem = report
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = format!("nianbao-rescue-{stem}-{}.toml", std::process::id());
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .into_iter()
        .chain([std::env::temp_dir()])
        .map(|folder| folder.join(&name))
        .collect()
}
