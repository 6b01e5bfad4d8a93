//! The one saving policy of `nianbao edit`, for the wizard and plain mode
//! alike (docs/ARCHITECTURE.md, "Saving").
//!
//! - **When.** A committed change (a confirmed cell, a finished answer) is
//!   saved at once; typing in a text field after a pause of [`IDLE`], and
//!   never more than [`MAX_DELAY`] after the first unsaved keystroke. Plain
//!   mode commits every answer, so it saves after each one.
//! - **Conflicts.** Before each save the file is compared with what was last
//!   read or written. If someone else changed it, it is left alone and the
//!   report goes to `NAME.conflict-PID.toml` beside it from then on (and to a
//!   fresh name if even that copy was changed by someone).
//! - **Failures.** A save that fails (a read-only folder or file, a full
//!   disk) writes a rescue copy at once, `NAME.unsaved-PID.toml`, in the
//!   first writable place of: the report's folder (readable by the folder's
//!   group, as the report is: under `--confine` that is the office),
//!   `$HOME`, the temporary folder (there readable by the user only). The save is retried after [`RETRY`] (the
//!   wizard) or at the next answer (plain mode); once it succeeds the rescue
//!   copy is removed. On the way out with the save still failing, the last
//!   word ([`Saver::last_word`]) says where the rescue copy is and the `cp`
//!   command that puts it back — or, with nowhere to write, prints the
//!   report itself between two marker lines, to copy from the screen.
//!   Under `--confine` the department has no shell to run `cp` in: the last
//!   word says what was kept where and to ask the office.
//! - **Looking is not editing.** A report someone else owns is not written
//!   when nothing but the wizard's position in it changed: the office
//!   opening a department's report to look leaves nothing behind.

use crate::model::Report;
use crate::schema::Lang;
use crate::store::{self, Fingerprint};
use crate::toml_write;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Typing is saved after this pause…
pub const IDLE: Duration = Duration::from_millis(600);
/// …or this long after the first unsaved change, whichever comes first.
pub const MAX_DELAY: Duration = Duration::from_secs(1);
/// A failed save is tried again after this long (while the wizard waits).
pub const RETRY: Duration = Duration::from_secs(1);

/// What the user did, as far as saving is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Typing in a text: saved after a pause.
    Edited,
    /// A confirmed value, an answer, a request to save or to quit: saved now.
    Committed,
}

/// Where the report is saved and what is waiting to be saved.
#[derive(Debug)]
pub struct Saver {
    /// The file the user opened.
    pub path: PathBuf,
    /// Where we save: `path`, or the conflict copy once someone else changed it.
    pub target: PathBuf,
    /// What the target held when we last read or wrote it (`None`: no file).
    known: Option<Fingerprint>,
    dirty_since: Option<Instant>,
    last_edit: Option<Instant>,
    commit_pending: bool,
    failed_at: Option<Instant>,
    /// The last failure, until a save succeeds.
    failure: Option<SaveFailure>,
    /// The rescue copy holding the latest report while saving fails.
    rescue: Option<PathBuf>,
}

/// What a save did that is worth telling the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Quietly,
    /// Someone else changed the file: ours went to this conflict copy.
    ToConflictCopy(PathBuf),
    /// Saved after earlier failures; the rescue copy, if any, was removed.
    Recovered {
        removed_rescue: Option<PathBuf>,
    },
    Failed(SaveFailure),
}

/// A save that failed, and where the report is meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveFailure {
    /// The file that could not be written.
    pub target: PathBuf,
    /// The reason, in the user's language ([`store::save_failure`]).
    pub reason: String,
    /// The rescue copy, when one could be written.
    pub rescue: Option<PathBuf>,
}

impl Saver {
    pub fn new(path: PathBuf, known: Option<Fingerprint>) -> Saver {
        Saver {
            target: path.clone(),
            path,
            known,
            dirty_since: None,
            last_edit: None,
            commit_pending: false,
            failed_at: None,
            failure: None,
            rescue: None,
        }
    }

    /// Records a change made at `now`.
    pub fn note(&mut self, change: Change, now: Instant) {
        self.dirty_since.get_or_insert(now);
        match change {
            Change::Edited => self.last_edit = Some(now),
            Change::Committed => self.commit_pending = true,
        }
    }

    /// Whether anything is waiting to be written.
    pub fn is_dirty(&self) -> bool {
        self.dirty_since.is_some()
    }

    /// The last failure, while saving fails.
    pub fn failure(&self) -> Option<&SaveFailure> {
        self.failure.as_ref()
    }

    /// Time until the next save is due (`None`: nothing to save).
    pub fn next_deadline(&self, now: Instant) -> Option<Duration> {
        let since = self.dirty_since?;
        if let Some(failed) = self.failed_at {
            return Some((failed + RETRY).saturating_duration_since(now));
        }
        if self.commit_pending {
            return Some(Duration::ZERO);
        }
        let idle = self.last_edit.map_or(now, |t| t + IDLE);
        Some(idle.min(since + MAX_DELAY).saturating_duration_since(now))
    }

    /// Whether a save is due now.
    pub fn due(&self, now: Instant) -> bool {
        self.next_deadline(now).is_some_and(|d| d.is_zero())
    }

    /// Saves the report (never over someone else's change); on failure
    /// writes the rescue copy.
    pub fn save(&mut self, report: &Report, now: Instant, lang: Lang) -> Saved {
        match guarded_save(&self.path, &mut self.target, &mut self.known, report) {
            Ok(conflict) => {
                self.dirty_since = None;
                self.last_edit = None;
                self.commit_pending = false;
                self.failed_at = None;
                let recovered = self.failure.take().is_some();
                let removed_rescue = self
                    .rescue
                    .take()
                    .filter(|p| std::fs::remove_file(p).is_ok());
                match conflict {
                    Some(copy) => Saved::ToConflictCopy(copy),
                    None if recovered => Saved::Recovered { removed_rescue },
                    None => Saved::Quietly,
                }
            }
            Err(e) => {
                self.failed_at = Some(now);
                let text = toml_write::write(report);
                self.rescue = write_rescue(&self.path, self.rescue.take(), &text);
                let failure = SaveFailure {
                    target: self.target.clone(),
                    reason: store::save_failure(&e, lang),
                    rescue: self.rescue.clone(),
                };
                self.failure = Some(failure.clone());
                Saved::Failed(failure)
            }
        }
    }

    /// What [`rescue`] needs to save without this saver (in a panic hook).
    pub fn rescue_point(&self, report: Report, lang: Lang) -> Rescue {
        Rescue {
            path: self.path.clone(),
            target: self.target.clone(),
            known: self.known,
            rescue: self.rescue.clone(),
            report,
            lang,
        }
    }

    /// The last word on the way out, when the report is not where the user
    /// opened it: in the conflict copy, in the rescue copy, or nowhere (then
    /// the report itself, between marker lines). `None` when it is saved in
    /// the file.
    pub fn last_word(&self, report: &Report, lang: Lang) -> Option<String> {
        if let Some(failure) = &self.failure {
            return Some(match &failure.rescue {
                Some(rescue) => messages::not_saved_but_rescued(
                    &self.path,
                    rescue,
                    crate::confine::is_confined(),
                    lang,
                ),
                None => messages::not_saved_anywhere(&self.path, report, lang),
            });
        }
        (self.target != self.path)
            .then(|| messages::kept_in_conflict_copy(&self.path, &self.target, lang))
    }
}

impl Saved {
    /// What to tell the user, if anything: one sentence.
    pub fn message(&self, lang: Lang) -> Option<String> {
        match self {
            Saved::Quietly => None,
            Saved::ToConflictCopy(copy) => Some(messages::went_to_conflict_copy(copy, lang)),
            Saved::Recovered { removed_rescue } => {
                Some(messages::saved_again(removed_rescue.as_deref(), lang))
            }
            Saved::Failed(failure) => Some(failure.message(lang)),
        }
    }
}

impl SaveFailure {
    /// Why it failed and where the work is meanwhile: one sentence.
    pub fn message(&self, lang: Lang) -> String {
        messages::failed(self, lang)
    }
}

/// Everything needed to save the report from a panic hook or on exit.
#[derive(Debug, Clone)]
pub struct Rescue {
    pub path: PathBuf,
    pub target: PathBuf,
    pub known: Option<Fingerprint>,
    pub rescue: Option<PathBuf>,
    pub report: Report,
    pub lang: Lang,
}

/// Saves as [`Saver::save`] would; if that fails, writes the rescue copy.
/// Returns where the report now is, or why nothing could be written.
pub fn rescue(r: &mut Rescue) -> Result<PathBuf, String> {
    match guarded_save(&r.path, &mut r.target, &mut r.known, &r.report) {
        Ok(_) => Ok(r.target.clone()),
        Err(e) => {
            let text = toml_write::write(&r.report);
            write_rescue(&r.path, r.rescue.take(), &text).ok_or_else(|| {
                messages::failed(
                    &SaveFailure {
                        target: r.target.clone(),
                        reason: store::save_failure(&e, r.lang),
                        rescue: None,
                    },
                    r.lang,
                )
            })
        }
    }
}

/// Writes the report to `target`, unless someone else changed it since we
/// last read or wrote it: then to the conflict copy (returned).
fn guarded_save(
    path: &Path,
    target: &mut PathBuf,
    known: &mut Option<Fingerprint>,
    report: &Report,
) -> io::Result<Option<PathBuf>> {
    // One look at the file: unchanged since we wrote it when it shows the
    // stamp we left, else read and compared (store/fingerprint.rs).
    let on_disk = store::file_state(target)?;
    if *target == path
        && let Some(state) = &on_disk
        && only_the_position_moved(target, state, report)
    {
        return Ok(None);
    }
    // A file we never wrote, or one that changed since: not ours to overwrite.
    // (A file that disappeared is simply written again.)
    let changed = match (&on_disk, &*known) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(state), Some(known)) => !known.still_held_by(target, state)?,
    };
    let mut conflict = None;
    if changed {
        *target = conflict_path(path);
        *known = Fingerprint::of_file(target)?;
        if known.is_some() {
            // Even the conflict copy was changed by someone: use a fresh name.
            let n = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            *target = target.with_extension(format!("{n}.toml"));
            *known = None;
        }
        conflict = Some(target.clone());
    }
    *known = Some(store::save(target, report)?);
    Ok(conflict)
}

/// Whether `report` differs from the file only in the wizard's resume
/// position, the file being someone else's: then saving would only move
/// that position in another account's report (and, in a folder we may not
/// write, leave a rescue copy behind for nothing).
fn only_the_position_moved(file: &Path, state: &store::FileState, report: &Report) -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if state.uid == unsafe { libc::geteuid() } {
        return false;
    }
    let Ok(loaded) = store::load(file, Lang::En) else {
        return false;
    };
    let mut on_disk = loaded.report;
    on_disk.meta.resume_at.clone_from(&report.meta.resume_at);
    on_disk == *report
}

/// `NAME.conflict-PID.toml` beside the report: where our report goes when
/// someone else changed the file.
pub fn conflict_path(path: &Path) -> PathBuf {
    path.with_file_name(format!(
        "{}.conflict-{}.toml",
        stem(path),
        std::process::id()
    ))
}

/// Where the rescue copy may go, in order: beside the report, `$HOME`, the
/// temporary folder; always named `NAME.unsaved-PID.toml`.
pub fn rescue_paths(path: &Path) -> Vec<PathBuf> {
    let folder = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = format!("{}.unsaved-{}.toml", stem(path), std::process::id());
    [Some(folder), std::env::var_os("HOME").map(PathBuf::from)]
        .into_iter()
        .flatten()
        .chain([std::env::temp_dir()])
        .map(|d| d.join(&name))
        .collect()
}

/// Writes the rescue copy: to `known` when there is one already, else to
/// the first place of [`rescue_paths`] that takes it. Where it went.
fn write_rescue(path: &Path, known: Option<PathBuf>, text: &str) -> Option<PathBuf> {
    let candidates = match known {
        Some(known) => vec![known],
        None => rescue_paths(path),
    };
    let beside = rescue_paths(path).into_iter().next();
    candidates.into_iter().find(|p| {
        let saved = if Some(p) == beside.as_ref() {
            store::save_new_report(p, text.as_bytes())
        } else {
            store::save_private(p, text.as_bytes())
        };
        saved.is_ok()
    })
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into())
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

/// The saving policy's sentences, whole in each language.
mod messages {
    use super::{SaveFailure, shell_word};
    use crate::inert;
    use crate::model::Report;
    use crate::schema::Lang;
    use std::path::Path;

    pub fn went_to_conflict_copy(copy: &Path, lang: Lang) -> String {
        let copy = inert::path(copy);
        match lang {
            Lang::Zh => format!("文件已被别人修改，未覆盖；你的修改保存到 {copy}"),
            Lang::En => format!(
                "the file was changed by someone else and was not overwritten; your changes go to {copy}"
            ),
        }
    }

    pub fn saved_again(removed_rescue: Option<&Path>, lang: Lang) -> String {
        match (removed_rescue.map(inert::path), lang) {
            (Some(r), Lang::Zh) => format!("已重新保存到原文件；已删除备份 {r}"),
            (Some(r), Lang::En) => {
                format!("saved to the file again; removed the rescue copy {r}")
            }
            (None, Lang::Zh) => "已重新保存到原文件".into(),
            (None, Lang::En) => "saved to the file again".into(),
        }
    }

    pub fn failed(f: &SaveFailure, lang: Lang) -> String {
        let target = inert::path(&f.target);
        let reason = inert::line(&f.reason);
        match (f.rescue.as_deref().map(inert::path), lang) {
            (Some(rescue), Lang::Zh) => {
                format!("未能保存到 {target}：{reason}；内容已另存到 {rescue}，稍后自动重试")
            }
            (Some(rescue), Lang::En) => format!(
                "could not save to {target}: {reason}; your work is safe in {rescue}, and saving will be tried again"
            ),
            (None, Lang::Zh) => {
                format!("未能保存到 {target}：{reason}；内容仍在内存中，稍后自动重试")
            }
            (None, Lang::En) => format!(
                "could not save to {target}: {reason}; kept in memory, and saving will be tried again"
            ),
        }
    }

    /// `confined`: the account has no shell (`edit --confine`), so the
    /// office puts the copy back, not a `cp` the user runs.
    pub fn not_saved_but_rescued(file: &Path, rescue: &Path, confined: bool, lang: Lang) -> String {
        if confined {
            let (file, rescue) = (inert::path(file), inert::path(rescue));
            return match lang {
                Lang::Zh => format!(
                    "未能保存到 {file}！全部内容已保存在 {rescue}。请联系汇总报告的办公室，请他们把它放回 {file}。"
                ),
                Lang::En => format!(
                    "NOT SAVED to {file}! Everything you entered is kept in {rescue}. Please contact the office that collects the reports and ask them to put it back as {file}."
                ),
            };
        }
        let command = format!("cp {} {}", shell_word(rescue), shell_word(file));
        let (file, rescue) = (inert::path(file), inert::path(rescue));
        match lang {
            Lang::Zh => format!(
                "未能保存到 {file}！全部内容已保存在 {rescue}\n能写入后，用下面的命令放回原处：\n  {command}"
            ),
            Lang::En => format!(
                "NOT SAVED to {file}! Everything you entered is in {rescue}\nOnce it can be written, put it back with:\n  {command}"
            ),
        }
    }

    pub fn not_saved_anywhere(file: &Path, report: &Report, lang: Lang) -> String {
        let file = inert::path(file);
        let text = inert::block(&crate::toml_write::write(report));
        match lang {
            Lang::Zh => format!(
                "未能保存到 {file}，也无法另存备份。请把下面两行标记之间的全部内容复制保存为 .toml 文件：\n-----BEGIN NIANBAO REPORT-----\n{text}-----END NIANBAO REPORT-----"
            ),
            Lang::En => format!(
                "NOT SAVED to {file}, and no rescue copy could be written. Copy everything between the two marker lines into a .toml file:\n-----BEGIN NIANBAO REPORT-----\n{text}-----END NIANBAO REPORT-----"
            ),
        }
    }

    pub fn kept_in_conflict_copy(file: &Path, copy: &Path, lang: Lang) -> String {
        let (file, copy) = (inert::path(file), inert::path(copy));
        match lang {
            Lang::Zh => format!("{file} 被别人修改过，没有覆盖；你的报告保存在 {copy}"),
            Lang::En => format!(
                "{file} was changed by someone else and was not overwritten; your report is in {copy}"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(s: &mut Saver, year: i32) -> Saved {
        let now = Instant::now();
        s.note(Change::Committed, now);
        s.save(&Report::for_year(year), now, Lang::En)
    }

    #[test]
    fn saves_once_due_and_not_before() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        let mut s = Saver::new(path.clone(), None);
        let t0 = Instant::now();
        assert!(!s.due(t0));
        s.note(Change::Edited, t0);
        assert!(!s.due(t0));
        assert!(s.due(t0 + IDLE));
        s.note(Change::Committed, t0);
        assert!(s.due(t0));
        assert_eq!(
            s.save(&Report::for_year(2024), t0, Lang::En),
            Saved::Quietly
        );
        assert!(!s.is_dirty());
        assert!(path.exists());
        assert_eq!(s.last_word(&Report::for_year(2024), Lang::En), None);
    }

    #[test]
    fn steady_typing_is_saved_within_a_second() {
        let mut s = Saver::new(PathBuf::from("x.toml"), None);
        let t0 = Instant::now();
        for i in 0..20 {
            s.note(Change::Edited, t0 + Duration::from_millis(100 * i));
        }
        assert!(s.due(t0 + MAX_DELAY));
    }

    #[test]
    fn someone_elses_change_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        let mut s = Saver::new(path.clone(), None);
        assert_eq!(saved(&mut s, 2024), Saved::Quietly);
        std::fs::write(&path, "edited elsewhere").unwrap();
        assert_eq!(
            saved(&mut s, 2023),
            Saved::ToConflictCopy(conflict_path(&path))
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited elsewhere");
        let copy = || std::fs::read_to_string(conflict_path(&path)).unwrap();
        assert!(copy().contains("2023"));
        // Later saves keep going to the copy.
        assert_eq!(saved(&mut s, 2022), Saved::Quietly);
        assert!(copy().contains("2022"));
        assert!(
            s.last_word(&Report::for_year(2022), Lang::En)
                .unwrap()
                .contains("was not overwritten")
        );
        // The copy itself changed by someone: a fresh name, never over it.
        std::fs::write(conflict_path(&path), "theirs too").unwrap();
        let Saved::ToConflictCopy(fresh) = saved(&mut s, 2021) else {
            panic!("not a conflict")
        };
        assert_ne!(fresh, conflict_path(&path));
        assert_eq!(copy(), "theirs too");
        assert!(std::fs::read_to_string(fresh).unwrap().contains("2021"));
    }

    /// After our own save the file is not read back before the next one
    /// while it shows the stamp we left; a `touch` is read, and is no
    /// conflict.
    #[test]
    fn an_unchanged_file_is_not_read_back_before_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        let mut s = Saver::new(path.clone(), None);
        assert_eq!(saved(&mut s, 2024), Saved::Quietly);
        let reads = store::file_reads();
        for year in [2023, 2022, 2021] {
            assert_eq!(saved(&mut s, year), Saved::Quietly);
        }
        assert_eq!(store::file_reads(), reads, "read back though unchanged");
        assert!(std::fs::read_to_string(&path).unwrap().contains("2021"));
        let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        assert_eq!(saved(&mut s, 2020), Saved::Quietly);
        assert_eq!(store::file_reads(), reads + 1, "a touched file is read");
        assert_eq!(saved(&mut s, 2019), Saved::Quietly);
        assert_eq!(store::file_reads(), reads + 1);
    }

    /// Someone else's change right after our save, of the same size, within
    /// the same second (and clock tick): written in place, or put in place
    /// by a rename. Either is caught, and kept.
    #[test]
    fn a_change_of_the_same_size_at_once_is_still_caught() {
        use std::io::Write;
        for by_rename in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("r.toml");
            let mut s = Saver::new(path.clone(), None);
            assert_eq!(saved(&mut s, 2024), Saved::Quietly);
            let ours = std::fs::read_to_string(&path).unwrap();
            let theirs = ours.replacen("year = 2024", "year = 2025", 1);
            assert_ne!(theirs, ours);
            if by_rename {
                let beside = dir.path().join("theirs.tmp");
                std::fs::write(&beside, &theirs).unwrap();
                std::fs::rename(&beside, &path).unwrap();
            } else {
                let mut file = std::fs::File::options().write(true).open(&path).unwrap();
                file.write_all(theirs.as_bytes()).unwrap();
            }
            assert_eq!(std::fs::metadata(&path).unwrap().len(), ours.len() as u64);
            assert_eq!(
                saved(&mut s, 2023),
                Saved::ToConflictCopy(conflict_path(&path)),
                "by rename: {by_rename}"
            );
            assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
        }
    }

    #[test]
    fn a_failed_save_is_rescued_retried_and_the_rescue_removed_once_saved() {
        let dir = tempfile::tempdir().unwrap();
        // A folder that is really a file: saving fails, even for root.
        let not_a_folder = dir.path().join("file");
        std::fs::write(&not_a_folder, "").unwrap();
        let path = not_a_folder.join("r.toml");
        let mut s = Saver::new(path.clone(), None);
        let now = Instant::now();
        s.note(Change::Committed, now);
        let Saved::Failed(failure) = s.save(&Report::for_year(2024), now, Lang::En) else {
            panic!("saving into a file should fail")
        };
        assert!(s.is_dirty());
        assert!(!s.due(now));
        assert!(s.due(now + RETRY));
        // The rescue copy went to $HOME or the temporary folder.
        let rescue = failure.rescue.clone().expect("a rescue copy");
        assert!(
            rescue
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("r.unsaved-")
        );
        assert!(std::fs::read_to_string(&rescue).unwrap().contains("2024"));
        let word = s.last_word(&Report::for_year(2024), Lang::En).unwrap();
        assert!(
            word.contains(&format!("cp {}", shell_word(&rescue))),
            "{word}"
        );
        // The folder becomes a folder: the next save succeeds and cleans up.
        std::fs::remove_file(&not_a_folder).unwrap();
        std::fs::create_dir(&not_a_folder).unwrap();
        assert_eq!(
            s.save(&Report::for_year(2024), now + RETRY, Lang::En),
            Saved::Recovered {
                removed_rescue: Some(rescue.clone())
            }
        );
        assert!(!rescue.exists());
        assert_eq!(s.last_word(&Report::for_year(2024), Lang::En), None);
    }

    /// A read-only report (even root does not replace it): the rescue copy
    /// goes beside it, readable by the folder's group as a new report is
    /// (the office, under `--confine`), and the confined last word asks the
    /// office instead of printing a `cp` command.
    #[test]
    fn a_rescue_copy_beside_the_report_is_the_groups_to_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        std::fs::write(&path, "").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let mut s = Saver::new(path.clone(), store::Fingerprint::of_file(&path).unwrap());
        let now = Instant::now();
        s.note(Change::Committed, now);
        let Saved::Failed(failure) = s.save(&Report::for_year(2024), now, Lang::En) else {
            panic!("a read-only report should not be replaced")
        };
        let rescue = failure.rescue.expect("a rescue copy");
        assert_eq!(rescue, rescue_paths(&path)[0]);
        let mode = std::fs::metadata(&rescue).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, store::new_report_mode());
        assert_eq!(mode & 0o040, 0o040, "the group cannot read {mode:o}");
        assert_eq!(mode & 0o007, 0, "others can reach {mode:o}");
        let confined = messages::not_saved_but_rescued(&path, &rescue, true, Lang::En);
        assert!(confined.contains("contact the office"), "{confined}");
        assert!(!confined.contains("cp "), "{confined}");
        let zh = messages::not_saved_but_rescued(&path, &rescue, true, Lang::Zh);
        assert!(zh.contains("请联系汇总报告的办公室"), "{zh}");
    }

    #[test]
    fn rescue_copies_go_beside_the_report_first() {
        let paths = rescue_paths(Path::new("/srv/reports/局.toml"));
        let name = format!("局.unsaved-{}.toml", std::process::id());
        assert_eq!(paths[0], Path::new("/srv/reports").join(&name));
        assert_eq!(paths.last().unwrap(), &std::env::temp_dir().join(&name));
        assert_eq!(
            rescue_paths(Path::new("r.toml"))[0],
            Path::new(".").join("r.unsaved-".to_string() + &format!("{}.toml", std::process::id()))
        );
    }

    #[test]
    fn shell_words_name_the_very_file() {
        assert_eq!(shell_word(Path::new("a b.toml")), "'a b.toml'");
        assert_eq!(shell_word(Path::new("it's.toml")), "'it'\\''s.toml'");
        assert_eq!(
            shell_word(Path::new("a\u{1b}b.toml")),
            "\"$(printf 'a\\033b.toml')\""
        );
    }
}
