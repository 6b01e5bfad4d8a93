//! What one department account may put in its folder under `--confine`:
//! how many report files, what they may be called, and how large the folder
//! may grow. Each limit is a key of the configuration file with a safe
//! default; a department that reaches one is told so and whom to ask.
//! Disk quotas (docs/DEPLOY.md) are what bounds the disk itself; these make
//! the usual mistakes and the obvious abuse fail with a clear message first.

use super::messages;
use crate::schema::Lang;
use std::path::Path;

/// How many report files (`*.toml`) a folder may hold, by default.
pub const DEFAULT_MAX_REPORTS: usize = 5;

/// How large a folder may grow, in MiB, by default: five reports at the
/// 1 MiB limit of a report file, their copies, and room to spare.
pub const DEFAULT_MAX_FOLDER_MIB: u64 = 20;

/// The longest report file name, in characters.
pub const NAME_CHARS_MAX: usize = 100;

/// Whether `name` may be a department's report file name: letters and
/// digits of any script (CJK included), `-`, `_` and `.`, ending `.toml`,
/// not starting with a dot, at most [`NAME_CHARS_MAX`] characters. Nothing
/// invisible, no space, no control character: the office lists these names.
pub fn is_report_name(name: &str) -> bool {
    let stem_len = name.len().saturating_sub(".toml".len());
    name.ends_with(".toml")
        && stem_len > 0
        && !name.starts_with('.')
        && name.chars().count() <= NAME_CHARS_MAX
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Refuses a new report beyond `max_reports` and any report once the folder
/// holds more than `max_folder_mib`. `file` is the report asked for, inside
/// `folder` (already checked).
pub fn check(
    folder: &Path,
    file: &Path,
    max_reports: usize,
    max_folder_mib: u64,
    lang: Lang,
) -> Result<(), String> {
    let shown = crate::inert::path(folder);
    let mut reports = 0usize;
    let mut bytes = 0u64;
    let entries = std::fs::read_dir(folder).map_err(|_| messages::folder_missing(&shown, lang))?;
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        bytes += meta.len();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if meta.is_file() && name.ends_with(".toml") && !name.starts_with('.') {
            reports += 1;
        }
    }
    if bytes > max_folder_mib.saturating_mul(1024 * 1024) {
        return Err(messages::folder_full(&shown, bytes, max_folder_mib, lang));
    }
    let is_new = std::fs::symlink_metadata(file).is_err();
    if is_new && reports >= max_reports {
        let name = crate::inert::line(&file.file_name().unwrap_or_default().to_string_lossy());
        return Err(messages::too_many_reports(
            &shown,
            &name,
            reports,
            max_reports,
            lang,
        ));
    }
    Ok(())
}
