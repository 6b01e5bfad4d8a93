//! `nianbao merge FILE… -o OUT --agency NAME`: the supervising office's 汇总.
//!
//! Every input is read and validated first (in parallel); any input that is
//! unreadable, has errors, is of another year or is given twice stops the
//! merge, and all of them are listed — unless `--skip-invalid`, which merges
//! the rest and says what was left out. A sum beyond what a report holds
//! is named at the report contributing most to it and the cell; with
//! `--skip-invalid` that report is left out like an invalid one, so one
//! report never blocks the office's merge. The output sums every input cell
//! (totals recomputed), carries the supervising agency's name and the year,
//! leaves every text for that office to write, and records the merged files
//! in `meta.merged_from`.

use crate::check;
use crate::error::{self, Error};
use crate::inert;
use crate::model::Report;
use crate::problem::{Problem, Severity, Target};
use crate::schema::{self, Lang};
use crate::store;
use crate::toml_read;
use crate::toml_write;
use crate::validate::{self, Context};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

mod too_large;

/// The command's options besides the input files.
#[derive(Debug, Clone)]
pub struct Options {
    pub output: PathBuf,
    pub agency: String,
    pub year: Option<i32>,
    pub skip_invalid: bool,
    pub force: bool,
}

/// From this many inputs on, a terminal shows a progress bar.
const PROGRESS_FROM: usize = 50;

/// What reading and validating one input found.
#[derive(Debug, Default)]
struct Outcome {
    year: Option<i32>,
    /// Errors (warnings do not stop a merge), located in the file.
    errors: Vec<Problem>,
}

/// Per-year sums of the inputs without errors, and each input's outcome.
#[derive(Default)]
struct Partial {
    sums: HashMap<i32, Report>,
    outcomes: Vec<(usize, Outcome)>,
}

impl Partial {
    fn join(mut self, other: Partial) -> Partial {
        for (year, sum) in other.sums {
            match self.sums.get_mut(&year) {
                Some(mine) => mine.add_cells_raw(&sum),
                None => {
                    self.sums.insert(year, sum);
                }
            }
        }
        self.outcomes.extend(other.outcomes);
        self
    }
}

/// Reads, validates and sums the inputs; the whole decision, without output.
pub struct Merged {
    /// The year merged.
    pub year: Option<i32>,
    /// The summed report (agency, year, cells, `meta.merged_from`).
    pub report: Option<Report>,
    /// Inputs left out or in the way, each with its problems, in input order.
    pub rejected: Vec<(PathBuf, Vec<Problem>)>,
    /// How many inputs were summed.
    pub merged: usize,
}

/// Reads and validates every file, and sums those without errors that are
/// of the chosen year.
pub fn merge(files: &[PathBuf], opts: &Options, lang: Lang, progress: &ProgressBar) -> Merged {
    let cx = Context::now(lang);
    let duplicates = duplicate_inputs(files, lang);
    let partial = files
        .par_iter()
        .enumerate()
        .fold(Partial::default, |mut acc, (i, path)| {
            if !duplicates.contains_key(&i) {
                let (outcome, report) = read_one(path, cx);
                if let (Some(year), Some(report), true) =
                    (outcome.year, report, outcome.errors.is_empty())
                {
                    match acc.sums.get_mut(&year) {
                        Some(sum) => sum.add_cells_raw(&report),
                        None => {
                            acc.sums.insert(year, report);
                        }
                    }
                }
                acc.outcomes.push((i, outcome));
            }
            progress.inc(1);
            acc
        })
        .reduce(Partial::default, Partial::join);
    let mut outcomes: BTreeMap<usize, Outcome> = partial.outcomes.into_iter().collect();
    let year = opts.year.or_else(|| common_year(outcomes.values()));

    let mut rejected = Vec::new();
    let mut merged_from = Vec::new();
    for (i, path) in files.iter().enumerate() {
        if let Some(p) = duplicates.get(&i) {
            rejected.push((path.clone(), vec![p.clone()]));
            continue;
        }
        let outcome = outcomes.remove(&i).unwrap_or_default();
        let mut problems = outcome.errors;
        if problems.is_empty()
            && let (Some(target), Some(y)) = (year, outcome.year)
            && target != y
        {
            problems.push(year_mismatch(path, y, target, lang));
        }
        if problems.is_empty() {
            merged_from.push(path.display().to_string());
        } else {
            rejected.push((path.clone(), problems));
        }
    }
    let merged = merged_from.len();
    let report = year
        .filter(|_| merged > 0)
        .and_then(|y| partial.sums.get(&y).cloned())
        .map(|mut sum| {
            sum.recompute();
            let mut out = Report::for_year(year.unwrap_or_default());
            out.add_cells(&sum);
            out.set_text(schema::ROLES.agency(), opts.agency.trim());
            out.meta.merged_from = merged_from;
            out
        });
    Merged {
        year,
        report,
        rejected,
        merged,
    }
}

/// Reads and validates one input. The report is returned only when it could
/// be read completely.
fn read_one(path: &Path, cx: Context) -> (Outcome, Option<Report>) {
    let loaded = match store::load(path, cx.lang) {
        Ok(l) => l,
        Err(f) => {
            return (
                Outcome {
                    errors: vec![f.problem],
                    ..Outcome::default()
                },
                None,
            );
        }
    };
    let year = loaded.report.year();
    let more: Vec<Problem> = validate::validate(&loaded.report, cx)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    let mut errors = if more.is_empty() && loaded.problems.is_empty() {
        Vec::new()
    } else {
        check::combine(loaded.problems, more, &loaded.lines)
    };
    errors.retain(|p| p.severity == Severity::Error);
    (Outcome { year, errors }, Some(loaded.report))
}

/// The year most inputs have (the latest of equally common ones).
fn common_year<'a>(outcomes: impl Iterator<Item = &'a Outcome>) -> Option<i32> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for y in outcomes.filter_map(|o| o.year) {
        *counts.entry(y).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(year, n)| (n, year))
        .map(|(year, _)| year)
}

/// The problem of an input of another year, located at its `year` key
/// (found by reading the file again: rare, so not worth keeping every
/// file's positions).
fn year_mismatch(path: &Path, year: i32, target: i32, lang: Lang) -> Problem {
    let field = schema::ROLES.year();
    let mut p = Problem::error(
        field.path(),
        validate::field_place(field, lang),
        match lang {
            Lang::Zh => {
                format!("报告年度为 {year}，与汇总年度 {target} 不同（可用 --year 指定汇总年度）")
            }
            Lang::En => format!(
                "the report is for {year}, not the merged year {target} (choose the year with --year)"
            ),
        },
    );
    let at = store::load(path, lang)
        .ok()
        .and_then(|l| l.lines.find(&field.path()));
    if let Some((line, col)) = at {
        p = p.at(line, col);
    }
    p
}

/// Inputs that name a file given earlier: summing it twice would count its
/// numbers twice. Keyed by input index.
fn duplicate_inputs(files: &[PathBuf], lang: Lang) -> HashMap<usize, Problem> {
    let mut first_seen: HashMap<PathBuf, usize> = HashMap::new();
    let mut dups = HashMap::new();
    for (i, path) in files.iter().enumerate() {
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        match first_seen.get(&key) {
            Some(&first) => {
                let msg = match lang {
                    Lang::Zh => format!(
                        "与第 {} 个输入（{}）是同一文件，不能重复计入",
                        first + 1,
                        files[first].display()
                    ),
                    Lang::En => format!(
                        "the same file as input {} ({}): it cannot be counted twice",
                        first + 1,
                        files[first].display()
                    ),
                };
                dups.insert(i, Problem::error("", "", msg));
            }
            None => {
                first_seen.insert(key, i);
            }
        }
    }
    dups
}

/// Problems that would make the merged report unwritable or unreadable
/// (a sum beyond what a count may hold): found by reading it back.
fn unwritable(report: &Report, lang: Lang) -> Vec<Problem> {
    let problems = match toml_read::read(&toml_write::write(report), lang) {
        Ok(loaded) => loaded.problems,
        Err(p) => vec![p],
    };
    problems
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|mut p| {
            // The file is not written: name the cell, not a line in it.
            (p.line, p.column) = (None, None);
            if let Some(Target::Cell(c)) = p.target {
                p.place = validate::cell_place(c, lang);
            }
            p
        })
        .collect()
}

/// Runs the command; returns the exit code: 0 merged, 1 refused because of
/// the inputs (all listed) or a sum too large, 2 the output exists or cannot
/// be written.
/// Whether the output is the office's spreadsheet rather than a report file.
fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// `-o FILE.xlsx`: a row per merged report (each read again for its
/// cells), then the sum, every cell a column ([`crate::spreadsheet`]).
fn spreadsheet(sum: &Report, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::spreadsheet::{Row, Value};
    let inputs: Vec<(String, Option<Report>)> = sum
        .meta
        .merged_from
        .par_iter()
        .map(|f| {
            (
                f.clone(),
                store::load(Path::new(f), lang).ok().map(|l| l.report),
            )
        })
        .collect();
    let row = |file: &str, r: &Report| Row {
        leading: vec![
            Value::Text(file.to_string()),
            Value::Text(r.text(schema::ROLES.agency()).to_string()),
            r.year().map_or(Value::Empty, |y| {
                Value::Number(rust_decimal::Decimal::from(y))
            }),
        ],
        report: None,
    };
    let mut rows: Vec<Row> = inputs
        .iter()
        .filter_map(|(f, r)| {
            r.as_ref().map(|r| Row {
                report: Some(r),
                ..row(f, r)
            })
        })
        .collect();
    rows.push(Row {
        report: Some(sum),
        ..row(lang.pick("合计", "Total"), sum)
    });
    let leading = match lang {
        Lang::Zh => ["文件", "机关", "年度"],
        Lang::En => ["file", "agency", "year"],
    };
    crate::spreadsheet::reports_workbook(lang.pick("汇总", "Merged"), &leading, &rows, lang)
}

pub fn run(files: &[PathBuf], opts: &Options, lang: Lang) -> error::Outcome {
    if opts.output.exists() && !opts.force {
        return Err(Error::Exists {
            path: opts.output.clone(),
            force: true,
        });
    }
    let progress = if files.len() >= PROGRESS_FROM && std::io::stderr().is_terminal() {
        let bar =
            ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
            bar.set_style(style.progress_chars("#>-"));
        }
        bar.set_message(lang.pick("读取并检查", "reading and checking"));
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut result = merge(files, opts, lang, &progress);
    progress.finish_and_clear();
    // A report whose numbers make a sum too large: named and, with
    // --skip-invalid, left out and the rest summed again.
    let mut overflows = Vec::new();
    let mut inputs: Vec<PathBuf> = files.to_vec();
    let mut too_large_skipped: Vec<(PathBuf, Vec<Problem>)> = Vec::new();
    while let Some(sum) = &result.report {
        let summed: Vec<&Path> = inputs
            .iter()
            .filter(|p| !result.rejected.iter().any(|(r, _)| r == *p))
            .map(PathBuf::as_path)
            .collect();
        overflows = too_large::find(sum, &summed, lang);
        if overflows.is_empty() || !opts.skip_invalid {
            break;
        }
        for (path, problem) in overflows.drain(..) {
            inputs.retain(|p| *p != path);
            match too_large_skipped.iter_mut().find(|(p, _)| *p == path) {
                Some((_, problems)) => problems.push(problem),
                None => too_large_skipped.push((path, vec![problem])),
            }
        }
        result = merge(&inputs, opts, lang, &ProgressBar::hidden());
    }
    result.rejected.extend(too_large_skipped);

    for (path, problems) in &result.rejected {
        for p in problems {
            eprintln!("{}", check::problem_line(path, p, lang));
        }
    }
    if !result.rejected.is_empty() && !opts.skip_invalid {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "未汇总：{} 个文件有问题（见上）。请改正后重试，或加 --skip-invalid 跳过这些文件。",
                    result.rejected.len()
                ),
                Lang::En => format!(
                    "Nothing merged: {} file(s) have problems (listed above). Fix them, or add --skip-invalid to leave them out.",
                    result.rejected.len()
                ),
            }
        );
        return Ok(1);
    }
    if !result.rejected.is_empty() {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!("已跳过 {} 个文件：", result.rejected.len()),
                Lang::En => format!("Skipped {} file(s):", result.rejected.len()),
            }
        );
        for (path, _) in &result.rejected {
            eprintln!("  {}", inert::line(&path.display().to_string()));
        }
    }
    let Some(report) = result.report else {
        eprintln!(
            "{}",
            lang.pick(
                "没有可以汇总的有效报告",
                "there is no valid report to merge"
            )
        );
        return Ok(1);
    };
    if !overflows.is_empty() {
        for (path, p) in &overflows {
            eprintln!("{}", check::problem_line(path, p, lang));
        }
        eprintln!(
            "{}",
            lang.pick(
                "未汇总：上述报告的数与其他报告相加后超出报告能保存的范围（见上）。请核对后重试，或加 --skip-invalid 跳过这些报告。",
                "Nothing merged: the numbers of the reports above, summed with the others, exceed what a report can hold. Check them, or add --skip-invalid to leave them out."
            )
        );
        return Ok(1);
    }
    let too_large = unwritable(&report, lang);
    if !too_large.is_empty() {
        for p in &too_large {
            eprintln!("{}", check::problem_line(&opts.output, p, lang));
        }
        eprintln!(
            "{}",
            lang.pick(
                "汇总结果超出报告文件能保存的范围，未写入",
                "the sums exceed what a report file can hold; nothing was written"
            )
        );
        return Ok(1);
    }
    let saved = if is_xlsx(&opts.output) {
        let bytes = spreadsheet(&report, lang)
            .map_err(|e| crate::spreadsheet::write_error(&opts.output, e))?;
        store::save_bytes(&opts.output, &bytes)
    } else if opts.force {
        store::save(&opts.output, &report)
    } else {
        store::save_new(&opts.output, &report)
    };
    saved.map_err(|source| Error::Write {
        path: opts.output.clone(),
        source,
    })?;
    let year = result.year.unwrap_or_default();
    println!(
        "{}",
        inert::line(&match lang {
            Lang::Zh => format!(
                "已汇总 {} 个报告（{year} 年度）到 {}。文字部分为空，请汇总机关填写。",
                result.merged,
                opts.output.display()
            ),
            Lang::En => format!(
                "Merged {} report(s) for {year} into {}. The texts are empty for the supervising office to write.",
                result.merged,
                opts.output.display()
            ),
        })
    );
    Ok(0)
}
