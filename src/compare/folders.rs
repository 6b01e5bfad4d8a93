//! `nianbao compare LASTDIR/ THISDIR/`: many agencies at once. Every file
//! in each folder (subfolders too, hidden names left out) is read in
//! parallel — a report file, or a published report through `import` — and
//! the reports are paired by agency name (机关名称, spaces ignored). What has
//! no partner, could not be read or names an agency twice is said, and
//! makes the exit code 1.

use super::diff::Comparison;
use super::messages as m;
use super::{Output, document, load, render_as, sheets, text};
use crate::error::Error;
use crate::inert;
use crate::model::Report;
use crate::schema::{self, Lang};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Agencies without a partner, and the files that were not compared.
#[derive(Debug, Clone, Default)]
pub struct Unpaired {
    pub only_last: Vec<String>,
    pub only_this: Vec<String>,
    /// Sentences about files not compared (unreadable, an agency twice).
    pub problems: Vec<String>,
}

impl Unpaired {
    pub fn is_empty(&self) -> bool {
        self.only_last.is_empty() && self.only_this.is_empty() && self.problems.is_empty()
    }

    /// What to say about them, a sentence each.
    pub fn sentences(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        if !self.only_last.is_empty() {
            out.push(m::no_partner_this(&self.only_last.join("、"), lang));
        }
        if !self.only_this.is_empty() {
            out.push(m::no_partner_last(&self.only_this.join("、"), lang));
        }
        out.extend(self.problems.iter().cloned());
        out
    }
}

/// One paired agency.
pub struct Pair {
    pub last: Report,
    pub this: Report,
    pub comparison: Comparison,
}

/// Compares two folders; the output's bytes (or the xlsx writer's failure)
/// and the exit code.
pub fn compare(
    last_dir: &Path,
    this_dir: &Path,
    format: Output,
    lang: Lang,
    err: &mut dyn Write,
) -> Result<(Result<Vec<u8>, rust_xlsxwriter::XlsxError>, u8), Error> {
    let mut unpaired = Unpaired::default();
    let last = read_folder(last_dir, lang, err, &mut unpaired);
    let mut this = read_folder(this_dir, lang, err, &mut unpaired);
    let mut pairs = Vec::new();
    for (name, (last_file, last_report)) in last {
        match this.remove(&name) {
            Some((this_file, this_report)) => {
                pairs.push(((last_file, last_report), (this_file, this_report)))
            }
            None => unpaired.only_last.push(name),
        }
    }
    unpaired.only_this.extend(this.into_keys());
    if pairs.is_empty() {
        for line in unpaired.sentences(lang) {
            let _ = writeln!(err, "{}", inert::line(&line));
        }
        return Err(Error::Usage(m::no_pairs(lang)));
    }
    let pairs: Vec<Pair> = pairs
        .into_par_iter()
        .map(|((lf, last), (tf, this))| {
            let comparison = Comparison::of(
                &last,
                &this,
                &lf.display().to_string(),
                &tf.display().to_string(),
                lang,
            );
            Pair {
                last,
                this,
                comparison,
            }
        })
        .collect();
    for line in unpaired.sentences(lang) {
        let _ = writeln!(err, "{}", inert::line(&line));
    }
    let code = if unpaired.is_empty() { 0 } else { 1 };
    let cmps: Vec<Comparison> = pairs.iter().map(|p| p.comparison.clone()).collect();
    let bytes = match format {
        Output::Text => Ok(text::write(&cmps, Some(&unpaired), lang).into_bytes()),
        Output::Xlsx => sheets::many(&pairs, &unpaired, lang),
        f => Ok(render_as(f, &document::many(&cmps, &unpaired, lang))),
    };
    Ok((bytes, code))
}

/// The agency name as a pairing key: whitespace dropped.
pub fn agency_key(report: &Report) -> String {
    report
        .text(schema::ROLES.agency())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Every report of a folder by agency; what could not be used goes into
/// `unpaired.problems`.
fn read_folder(
    dir: &Path,
    lang: Lang,
    err: &mut dyn Write,
    unpaired: &mut Unpaired,
) -> BTreeMap<String, (PathBuf, Report)> {
    let mut files = Vec::new();
    find_files(dir, &mut files);
    files.sort();
    let read: Vec<(PathBuf, Vec<u8>, Result<Report, Error>)> = files
        .into_par_iter()
        .map(|f| {
            let mut said = Vec::new();
            let report = load(&f, lang, &mut said).map(|(r, _)| r);
            (f, said, report)
        })
        .collect();
    let mut by_agency = BTreeMap::new();
    for (file, said, report) in read {
        let _ = err.write_all(&said);
        let shown = inert::path(&file);
        match report {
            Err(e) => {
                unpaired
                    .problems
                    .push(m::unreadable(&e.message(lang), lang));
            }
            Ok(report) => {
                let key = agency_key(&report);
                match by_agency.entry(key) {
                    Entry::Occupied(e) => {
                        unpaired.problems.push(m::twice(e.key(), &shown, lang));
                    }
                    Entry::Vacant(e) => {
                        e.insert((file, report));
                    }
                }
            }
        }
    }
    by_agency
}

/// Files under `dir`, into subfolders; hidden names (lock and temporary
/// files) and linked folders left out.
fn find_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            find_files(&path, out);
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            out.push(path);
        }
    }
}
