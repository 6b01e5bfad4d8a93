//! Keeping the report on disk while the wizard runs.
//!
//! A committed change is saved at once, typing in a text field after a
//! short pause (never more than a second after the first unsaved keystroke).
//! Before each save the file is compared with what we last read or wrote: if
//! someone else changed it, it is left alone and our report goes to
//! `NAME.conflict-PID.toml` beside it from then on. A failed save (read-only
//! folder, full disk) is retried every second and shown on screen; when the
//! wizard must exit with unsaved data, [`rescue`] writes an emergency copy
//! to the first writable place of: the report's folder, `$HOME`, the
//! temporary folder.

use super::app::Effect;
use crate::model::Report;
use crate::schema::Lang;
use crate::store::{self, Fingerprint, conflict_path};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Typing is saved after this pause…
const IDLE: Duration = Duration::from_millis(600);
/// …or this long after the first unsaved change, whichever comes first.
const MAX_DELAY: Duration = Duration::from_secs(1);
/// A failed save is tried again after this long.
const RETRY: Duration = Duration::from_secs(1);

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
    /// Why the last save failed, until one succeeds.
    pub problem: Option<String>,
    lang: Lang,
}

/// The result of a save worth telling the user about.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Quietly,
    /// Someone else changed the file: ours went to the conflict copy.
    ToConflictCopy(PathBuf),
    Failed(String),
}

impl Saver {
    pub fn new(path: PathBuf, known: Option<Fingerprint>, lang: Lang) -> Saver {
        Saver {
            target: path.clone(),
            path,
            known,
            dirty_since: None,
            last_edit: None,
            commit_pending: false,
            failed_at: None,
            problem: None,
            lang,
        }
    }

    /// Records what an update did.
    pub fn note(&mut self, effect: Effect, now: Instant) {
        match effect {
            Effect::None => {}
            Effect::Edited => {
                self.dirty_since.get_or_insert(now);
                self.last_edit = Some(now);
            }
            Effect::Committed | Effect::Save | Effect::Quit => {
                self.dirty_since.get_or_insert(now);
                self.commit_pending = true;
            }
        }
    }

    /// Whether anything is waiting to be written.
    pub fn is_dirty(&self) -> bool {
        self.dirty_since.is_some()
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

    /// Saves the report (guarded against overwriting someone else's change).
    pub fn save(&mut self, report: &Report, now: Instant) -> Saved {
        match guarded_save(
            &self.path,
            &mut self.target,
            &mut self.known,
            report,
            self.lang,
        ) {
            Ok(outcome) => {
                self.dirty_since = None;
                self.last_edit = None;
                self.commit_pending = false;
                self.failed_at = None;
                self.problem = None;
                outcome
            }
            Err(msg) => {
                self.failed_at = Some(now);
                self.problem = Some(msg.clone());
                Saved::Failed(msg)
            }
        }
    }

    /// What [`rescue`] needs to save without this saver (in a panic hook).
    pub fn rescue_point(&self, report: Report) -> Rescue {
        Rescue {
            path: self.path.clone(),
            target: self.target.clone(),
            known: self.known,
            report,
            lang: self.lang,
        }
    }
}

/// Everything needed to save the report from a panic hook or on exit.
#[derive(Debug, Clone)]
pub struct Rescue {
    pub path: PathBuf,
    pub target: PathBuf,
    pub known: Option<Fingerprint>,
    pub report: Report,
    pub lang: Lang,
}

/// The latest report and where to save it, for the panic hook.
static FOR_PANIC: std::sync::Mutex<Option<Rescue>> = std::sync::Mutex::new(None);

/// Keeps the latest report for [`install_panic_hook`] (called after every
/// change).
pub fn keep_for_panic(r: Rescue) {
    *FOR_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
}

/// Saves the report kept by [`keep_for_panic`] (once): for a thread other
/// than the event loop's. `None` when nothing was kept or it was already
/// saved this way.
pub fn rescue_kept() -> Option<Result<PathBuf, String>> {
    let kept = FOR_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
    kept.map(|mut r| rescue(&mut r))
}

/// On a panic: `restore` the terminal, save the report kept by
/// [`keep_for_panic`] (or an emergency copy), say where, then report the
/// panic as usual.
pub fn install_panic_hook(restore: fn()) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        let kept = FOR_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(mut r) = kept {
            // The terminal may be gone: a failed write must not panic again.
            let msg = match rescue(&mut r) {
                Ok(p) => format!(
                    "{} {}",
                    r.lang
                        .pick("出错退出；报告已保存到", "crashed; the report was saved to"),
                    p.display()
                ),
                Err(e) => e,
            };
            let _ = writeln!(std::io::stderr(), "nianbao: {msg}");
        }
        default(info);
    }));
}

/// Saves as [`Saver::save`] would; if that fails, writes an emergency copy.
/// Returns where the report now is, or why nothing could be written.
pub fn rescue(r: &mut Rescue) -> Result<PathBuf, String> {
    match guarded_save(&r.path, &mut r.target, &mut r.known, &r.report, r.lang) {
        Ok(_) => Ok(r.target.clone()),
        Err(first) => emergency_copy(&r.path, &r.report).map_err(|e| format!("{first}; {e}")),
    }
}

fn guarded_save(
    path: &Path,
    target: &mut PathBuf,
    known: &mut Option<Fingerprint>,
    report: &Report,
    lang: Lang,
) -> Result<Saved, String> {
    let now_on_disk = Fingerprint::of_file(target).map_err(|e| describe(target, &e, lang))?;
    let mut outcome = Saved::Quietly;
    // A file we never wrote, or one that changed since: not ours to overwrite.
    // (A file that disappeared is simply written again.)
    if now_on_disk.is_some() && now_on_disk != *known {
        *target = conflict_path(path);
        *known = Fingerprint::of_file(target).map_err(|e| describe(target, &e, lang))?;
        outcome = Saved::ToConflictCopy(target.clone());
        if known.is_some() {
            // Even the conflict copy was changed by someone: use a fresh name.
            let n = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            *target = target.with_extension(format!("{n}.toml"));
            *known = None;
            outcome = Saved::ToConflictCopy(target.clone());
        }
    }
    let fp = store::save(target, report).map_err(|e| describe(target, &e, lang))?;
    *known = Some(fp);
    Ok(outcome)
}

fn describe(path: &Path, e: &std::io::Error, lang: Lang) -> String {
    format!(
        "{} {}: {}",
        lang.pick("无法保存到", "cannot save to"),
        path.display(),
        store::save_failure(e, lang)
    )
}

/// Writes the report where it can: beside the file, in `$HOME`, in the
/// temporary folder.
pub fn emergency_copy(path: &Path, report: &Report) -> Result<PathBuf, String> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(d) = path.parent() {
        dirs.push(if d.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            d.to_path_buf()
        });
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home));
    }
    dirs.push(std::env::temp_dir());
    copy_into_first_writable(path, &dirs, report)
}

fn copy_into_first_writable(
    path: &Path,
    dirs: &[PathBuf],
    report: &Report,
) -> Result<PathBuf, String> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let name = format!("{stem}.unsaved-{}.toml", std::process::id());
    let mut errors = Vec::new();
    for d in dirs {
        let p = d.join(&name);
        match store::save(&p, report) {
            Ok(_) => return Ok(p),
            Err(e) => errors.push(format!("{}: {e}", p.display())),
        }
    }
    Err(errors.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_once_due_and_not_before() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        let mut s = Saver::new(path.clone(), None, Lang::En);
        let t0 = Instant::now();
        assert!(!s.due(t0));
        s.note(Effect::Edited, t0);
        assert!(!s.due(t0));
        assert!(s.due(t0 + IDLE));
        s.note(Effect::Committed, t0);
        assert!(s.due(t0));
        assert_eq!(s.save(&Report::for_year(2024), t0), Saved::Quietly);
        assert!(!s.is_dirty());
        assert!(path.exists());
    }

    #[test]
    fn steady_typing_is_saved_within_a_second() {
        let mut s = Saver::new(PathBuf::from("x.toml"), None, Lang::En);
        let t0 = Instant::now();
        for i in 0..20 {
            s.note(Effect::Edited, t0 + Duration::from_millis(100 * i));
        }
        assert!(s.due(t0 + MAX_DELAY));
    }

    #[test]
    fn someone_elses_change_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        let mut s = Saver::new(path.clone(), None, Lang::En);
        let now = Instant::now();
        s.note(Effect::Committed, now);
        assert_eq!(s.save(&Report::for_year(2024), now), Saved::Quietly);
        std::fs::write(&path, "edited elsewhere").unwrap();
        s.note(Effect::Committed, now);
        let outcome = s.save(&Report::for_year(2023), now);
        assert_eq!(outcome, Saved::ToConflictCopy(conflict_path(&path)));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited elsewhere");
        assert!(
            std::fs::read_to_string(conflict_path(&path))
                .unwrap()
                .contains("2023")
        );
        // Later saves keep going to the copy.
        s.note(Effect::Committed, now);
        assert_eq!(s.save(&Report::for_year(2022), now), Saved::Quietly);
        assert!(
            std::fs::read_to_string(conflict_path(&path))
                .unwrap()
                .contains("2022")
        );
    }

    #[test]
    fn a_failed_save_is_kept_and_retried() {
        let dir = tempfile::tempdir().unwrap();
        // A folder that is really a file: saving fails, even for root.
        let not_a_folder = dir.path().join("file");
        std::fs::write(&not_a_folder, "").unwrap();
        let path = not_a_folder.join("r.toml");
        let mut s = Saver::new(path.clone(), None, Lang::En);
        let now = Instant::now();
        s.note(Effect::Committed, now);
        assert!(matches!(
            s.save(&Report::for_year(2024), now),
            Saved::Failed(_)
        ));
        assert!(s.problem.as_deref().unwrap().contains("cannot save"));
        assert!(s.is_dirty());
        assert!(!s.due(now));
        assert!(s.due(now + RETRY));
        let spare = dir.path().join("spare");
        std::fs::create_dir(&spare).unwrap();
        let copy = copy_into_first_writable(
            &path,
            &[not_a_folder.clone(), spare.clone()],
            &Report::for_year(2024),
        )
        .unwrap();
        assert_eq!(copy.parent(), Some(spare.as_path()));
        assert!(std::fs::read_to_string(copy).unwrap().contains("2024"));
    }
}
