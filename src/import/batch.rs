//! `nianbao import FILE… -o DIR/`: many published reports at once. Every
//! file is read in parallel (rayon); each report is written into DIR under
//! its agency and year (`某某局-2023.toml`), never over another: a name
//! already taken on disk or by an earlier file of the same run gets `-2`,
//! `-3` …, and only `--force` replaces a file that was there before. Then
//! the problems of the files that need attention, and a summary table
//! (file, agency, year, placed, unplaced, errors, written to) aligned for
//! Chinese text. On a terminal, 50 files or more show a progress bar.

use super::{Imported, messages, read, report_text_brief};
use crate::check;
use crate::error::{self, Error};
use crate::inert;
use crate::problem::Problem;
use crate::schema::Lang;
use crate::store;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// From this many files on, a terminal shows a progress bar.
const PROGRESS_FROM: usize = 50;

/// What became of one file.
pub struct Outcome {
    pub input: PathBuf,
    pub result: Result<Imported, Problem>,
    /// Where the report was written, if it was.
    pub written: Option<PathBuf>,
    /// Why it could not be written, if it could not.
    pub write_error: Option<String>,
}

impl Outcome {
    fn needs_attention(&self) -> bool {
        self.written.is_none() || self.result.as_ref().is_ok_and(|i| !i.is_clean())
    }
}

/// Imports every file into `dir`; returns what became of each, in the
/// order given.
pub fn import_all(
    files: &[PathBuf],
    dir: &Path,
    force: bool,
    lang: Lang,
    progress: &ProgressBar,
) -> Vec<Outcome> {
    let results: Vec<Result<Imported, Problem>> = files
        .par_iter()
        .map(|f| {
            let result = std::fs::read(f)
                .map_err(|e| store::io_problem(&e, lang))
                .and_then(|bytes| read(&bytes, lang));
            progress.inc(1);
            result
        })
        .collect();
    // Names are chosen in the order given, so a run names the same way
    // every time; the files are then saved in parallel (each save syncs).
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut outcomes: Vec<(Outcome, Option<PathBuf>)> = files
        .iter()
        .zip(results)
        .map(|(input, result)| {
            let name = match &result {
                Ok(imported) if imported.refused.is_none() => {
                    let stem = output_stem(&imported.report, input);
                    (1..)
                        .map(|n| match n {
                            1 => dir.join(format!("{stem}.toml")),
                            n => dir.join(format!("{stem}-{n}.toml")),
                        })
                        .find(|path| !taken.contains(path) && (force || !path.exists()))
                }
                _ => None,
            };
            if let Some(path) = &name {
                taken.insert(path.clone());
            }
            let outcome = Outcome {
                input: input.clone(),
                result,
                written: None,
                write_error: None,
            };
            (outcome, name)
        })
        .collect();
    outcomes.par_iter_mut().for_each(|(outcome, name)| {
        let (Some(path), Ok(imported)) = (name.take(), &outcome.result) else {
            return;
        };
        // `save_new` never replaces a file made since the name was chosen.
        let saved = if force {
            store::save(&path, &imported.report)
        } else {
            store::save_new(&path, &imported.report)
        };
        match saved {
            Ok(_) => outcome.written = Some(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let line = format!("{}: {}", path.display(), messages::output_exists(lang));
                outcome.write_error = Some(line);
            }
            Err(e) => outcome.write_error = Some(store::save_failure(&e, lang)),
        }
    });
    outcomes.into_iter().map(|(o, _)| o).collect()
}

/// `agency-year`, made safe as a file name; the input's name when the
/// report has no agency.
fn output_stem(report: &crate::model::Report, input: &Path) -> String {
    let agency = report.text_at("report.agency");
    let base = if agency.trim().is_empty() {
        input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "report".into())
    } else {
        agency.trim().to_string()
    };
    let mut stem: String = base
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    if let Some(year) = report.year() {
        stem = format!("{stem}-{year}");
    }
    let stem = stem.trim_start_matches('.').trim();
    // File names are limited to 255 bytes; leave room for `-NN.toml`.
    let mut cut = stem.to_string();
    while cut.len() > 200 {
        cut.pop();
    }
    if cut.is_empty() { "report".into() } else { cut }
}

/// Runs the command on many files; returns the exit code: 0 every file
/// imported cleanly, 1 any needs attention, 2 the folder cannot be made.
pub fn run(files: &[PathBuf], dir: &Path, force: bool, lang: Lang) -> error::Outcome {
    if dir.is_file() {
        return Err(Error::NotAFolder {
            path: dir.to_path_buf(),
        });
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let progress = if files.len() >= PROGRESS_FROM && std::io::stderr().is_terminal() {
        let bar =
            ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
            bar.set_style(style.progress_chars("#>-"));
        }
        bar.set_message(messages::progress(lang));
        bar
    } else {
        ProgressBar::hidden()
    };
    let outcomes = import_all(files, dir, force, lang, &progress);
    progress.finish_and_clear();
    print!("{}", summary(&outcomes, lang));
    Ok(u8::from(outcomes.iter().any(Outcome::needs_attention)))
}

/// What the command prints: the problems of each file that needs
/// attention, the table, and a closing sentence.
pub fn summary(outcomes: &[Outcome], lang: Lang) -> String {
    let mut out = String::new();
    for o in outcomes.iter().filter(|o| o.needs_attention()) {
        match &o.result {
            Err(p) => {
                out += &check::problem_line(&o.input, p, lang);
                out.push('\n');
            }
            Ok(imported) => {
                if let Some(why) = &imported.refused {
                    out += &inert::line(&format!("{}: {why}", o.input.display()));
                    out.push('\n');
                }
                out += &report_text_brief(&o.input, imported, lang);
            }
        }
        if let Some(e) = &o.write_error {
            let line = format!("{}: {}", o.input.display(), messages::cannot_write(e, lang));
            out += &inert::line(&line);
            out.push('\n');
        }
    }
    let mut rows: Vec<[String; 7]> = vec![messages::summary_header(lang).map(str::to_string)];
    for o in outcomes {
        let (agency, year, placed, unplaced, errors) = match &o.result {
            Ok(i) if i.refused.is_none() => (
                i.report.text_at("report.agency").to_string(),
                i.report.year().map_or(String::new(), |y| y.to_string()),
                i.placed.to_string(),
                i.unplaced.len().to_string(),
                {
                    // A kept total is one fault, though both the document
                    // and the result name it.
                    let c = i.causes();
                    (c.kept_totals + c.document + c.result).to_string()
                },
            ),
            _ => (
                String::new(),
                String::new(),
                "-".into(),
                "-".into(),
                "1".into(),
            ),
        };
        let written = o.written.as_ref().map_or_else(
            || messages::not_written(lang).to_string(),
            |p| p.display().to_string(),
        );
        rows.push([
            o.input.display().to_string(),
            agency,
            year,
            placed,
            unplaced,
            errors,
            written,
        ]);
    }
    out += &table(&rows);
    let written = outcomes.iter().filter(|o| o.written.is_some()).count();
    let attention = outcomes.iter().filter(|o| o.needs_attention()).count();
    out += &messages::summary_end(outcomes.len(), written, attention, lang);
    out.push('\n');
    out
}

/// Rows as columns padded to their display width (a Chinese character is
/// two columns wide); numbers right-aligned.
fn table(rows: &[[String; 7]]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| inert::line(c)).collect())
        .collect();
    let widths: Vec<usize> = (0..7)
        .map(|c| cells.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &cells {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.width());
            if (3..=5).contains(&c) {
                line += &pad;
                line += cell;
            } else {
                line += cell;
                if c < 6 {
                    line += &pad;
                }
            }
            if c < 6 {
                line += "  ";
            }
        }
        out += line.trim_end();
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_chinese_by_width() {
        let rows = [
            ["文件", "机关", "年度", "已放置", "未放置", "错误", "写入"].map(str::to_string),
            [
                "a.pdf",
                "某局",
                "2023",
                "12",
                "0",
                "0",
                "out/某局-2023.toml",
            ]
            .map(str::to_string),
        ];
        let t = table(&rows);
        let lines: Vec<&str> = t.lines().collect();
        let start = |l: &str, s: &str| l.find(s).map(|i| l[..i].width());
        // "a.pdf" is the widest of the first column: 5, then two spaces.
        assert_eq!(start(lines[0], "机关"), Some(7));
        assert_eq!(start(lines[1], "某局"), Some(7));
        assert_eq!(start(lines[0], "写入"), start(lines[1], "out/"));
        // Right-aligned numbers end where their header ends.
        let end = |l: &str, s: &str| l.find(s).map(|i| l[..i].width() + s.width());
        assert_eq!(end(lines[0], "已放置"), end(lines[1], "12"));
    }

    #[test]
    fn names_are_safe() {
        let mut r = crate::model::Report::empty();
        r.set_text(
            crate::schema::find_field("report.agency").unwrap(),
            "../某/局",
        );
        assert_eq!(output_stem(&r, Path::new("x.pdf")), "_某_局");
        let empty = crate::model::Report::empty();
        assert_eq!(output_stem(&empty, Path::new("dir/上年.docx")), "上年");
    }
}
