//! `nianbao new --from LAST OUT`: next year's report, started from last year's.
//!
//! What carries over is what stays true from one January to the next: the
//! front matter (agency, level, basis, contact — every field of the report
//! information step except the year), 二、上年结转 (last year's
//! 四、结转下年度继续办理, per column) and 现行有效件数 (last year's count, a
//! starting point the user adjusts). 四、结转下年度继续办理 starts equal to
//! 二: on 1 January every carried-over application is still pending, so the
//! new report balances, and handling one without lowering 四 breaks the
//! 勾稽 rule where the user will see it. Everything else starts at 0 or empty.
//! `meta.previous` records LAST so that `check` and the wizard run the
//! cross-year checks without being told.

use crate::check;
use crate::error::{Error, Outcome, Refused};
use crate::model::Report;
use crate::problem::Severity;
use crate::schema::{self, FieldKind, Lang};
use crate::store;
use crate::validate;
use std::path::{Component, Path, PathBuf};

/// Next year's report from last year's (without `meta.previous`, which
/// depends on where the files are). `None` when last year's has no year.
pub fn next_year(last: &Report) -> Option<Report> {
    let year = last.year()?;
    let mut next = Report::for_year(year + 1);
    for field in carried_fields() {
        next.set_text(field, last.text(field));
    }
    for (this, previous) in validate::carry_over_links() {
        // `previous` is the 四 cell of the same column, in either year.
        next.set_cell(this, last.cell(previous));
        next.set_cell(previous, last.cell(previous));
    }
    for cell in validate::in_force_cells() {
        next.set_cell(cell, last.cell(cell));
    }
    Some(next)
}

/// The fields copied as they are: the front matter (the section without a
/// number), except the year.
fn carried_fields() -> impl Iterator<Item = schema::FieldId> {
    let front: Vec<usize> = schema::field_sets()
        .enumerate()
        .filter(|(_, (section, _))| section.number.is_empty())
        .map(|(i, _)| i)
        .collect();
    schema::all_fields()
        .filter(move |f| front.contains(&f.set) && f.field().kind != FieldKind::Year)
}

/// Runs the command; returns the exit code: 0 created, 1 last year's file
/// cannot serve as a start, 2 a file cannot be read or written.
pub fn run(from: &Path, out: &Path, lang: Lang) -> Outcome {
    if out.exists() {
        return Err(Error::Exists {
            path: out.to_path_buf(),
            force: false,
        });
    }
    let loaded = store::load(from, lang).map_err(Error::Read)?;
    if !loaded.is_editable() {
        return Err(Error::NotUsable {
            file: from.to_path_buf(),
            problems: loaded.problems,
            refused: Refused::NewYear,
        });
    }
    let Some(mut next) = next_year(&loaded.report) else {
        return Err(Error::NoYear {
            file: from.to_path_buf(),
        });
    };
    next.meta.previous = Some(previous_reference(from, out));
    store::save_new(out, &next).map_err(|source| Error::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let errors = check::combine(
        loaded.problems.clone(),
        validate::validate(&loaded.report, validate::Context::now(lang)),
        &loaded.lines,
    )
    .iter()
    .filter(|p| p.severity == Severity::Error)
    .count();
    print!(
        "{}",
        summary(&loaded.report, &next, from, out, errors, lang)
    );
    Ok(0)
}

/// How OUT refers to LAST in `meta.previous`: relative to OUT's folder, so
/// that the pair can be moved together, unless they share nothing but the
/// root (then absolute); as given when either cannot be resolved.
pub fn previous_reference(last: &Path, out: &Path) -> String {
    let out_dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match (last.canonicalize(), out_dir.canonicalize()) {
        (Ok(last), Ok(dir)) => relative(&last, &dir).unwrap_or(last).display().to_string(),
        _ => last.display().to_string(),
    }
}

/// `target` relative to the folder `base` (both absolute, without `..`);
/// `None` when they share only the root.
fn relative(target: &Path, base: &Path) -> Option<PathBuf> {
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common <= 1 {
        return None;
    }
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &t[common..] {
        rel.push(c);
    }
    Some(rel)
}

/// What was carried over, for the terminal.
fn summary(
    last: &Report,
    next: &Report,
    from: &Path,
    out: &Path,
    last_errors: usize,
    lang: Lang,
) -> String {
    let year = next.year().unwrap_or_default();
    let mut lines = vec![messages::created(out, year, from, lang)];
    let copied: Vec<&str> = carried_fields()
        .filter(|f| !last.text(*f).trim().is_empty())
        .map(|f| f.field().label.get(lang))
        .collect();
    if !copied.is_empty() {
        lines.push(messages::copied(&copied, lang));
    }
    let links = validate::carry_over_links();
    if let Some((first, previous)) = links.first() {
        let values: Vec<String> = links
            .iter()
            .map(|(c, _)| format!("{} {}", c.column_def().label.get(lang), next.cell(*c)))
            .collect();
        let (row, last_row) = (
            first.row_def().label.get(lang),
            previous.row_def().label.get(lang),
        );
        lines.push(messages::carried_over(row, last_row, &values, lang));
        if links.iter().any(|(c, _)| !next.cell(*c).is_zero()) {
            lines.push(messages::still_pending(last_row, lang));
        }
    }
    let in_force = validate::in_force_cells();
    if let Some(first) = in_force.first() {
        let values: Vec<String> = in_force
            .iter()
            .map(|c| format!("{} {}", c.row_def().label.get(lang), next.cell(*c)))
            .collect();
        lines.push(messages::in_force(
            first.column_def().label.get(lang),
            &values,
            lang,
        ));
    }
    lines.push(messages::everything_else_empty(lang));
    if last_errors > 0 {
        lines.push(messages::last_year_had_errors(last_errors, from, lang));
    }
    lines.push(messages::next(out, lang));
    crate::inert::block(&(lines.join("\n") + "\n"))
}

/// The summary's sentences, whole in each language.
mod messages {
    use crate::schema::Lang;
    use std::path::Path;

    pub fn created(out: &Path, year: i32, from: &Path, lang: Lang) -> String {
        let (out, from) = (out.display(), from.display());
        sentence!(
            lang,
            "已创建 {out}：{year} 年度报告，上年报告为 {from}。",
            "Created {out}: the {year} report, with {from} as last year's."
        )
    }

    pub fn copied(fields: &[&str], lang: Lang) -> String {
        let (zh, en) = (fields.join("、"), fields.join(", "));
        sentence!(lang, "沿用：{zh}", "Copied: {en}")
    }

    pub fn carried_over(row: &str, last_row: &str, values: &[String], lang: Lang) -> String {
        let (zh, en) = (values.join("，"), values.join(", "));
        sentence!(
            lang,
            "{row}（= 上年“{last_row}”）：\n  {zh}",
            "{row} (= last year's “{last_row}”):\n  {en}"
        )
    }

    pub fn still_pending(last_row: &str, lang: Lang) -> String {
        sentence!(
            lang,
            "  {last_row}暂设为同样的数（年初时上年结转的申请均未办结）；填入其办理结果时，请相应减少。",
            "  {last_row} starts at the same numbers (on 1 January they are all still pending): lower it as you enter their results."
        )
    }

    pub fn in_force(column: &str, values: &[String], lang: Lang) -> String {
        let (zh, en) = (values.join("，"), values.join(", "));
        sentence!(
            lang,
            "{column}（上年数，请按本年实际核实）：{zh}",
            "{column} (last year's figure: adjust to this year's): {en}"
        )
    }

    pub fn everything_else_empty(lang: Lang) -> String {
        sentence!(
            lang,
            "其余数字为 0，文字为空。",
            "Every other number is 0 and every text empty."
        )
    }

    pub fn last_year_had_errors(errors: usize, from: &Path, lang: Lang) -> String {
        let from = from.display();
        sentence!(
            lang,
            "注意：上年报告有 {errors} 个错误（nianbao check {from} 可列出），结转数字照录，请核实。",
            "Note: last year's report has {errors} error(s) (nianbao check {from} lists them); the carried numbers were copied as they are."
        )
    }

    pub fn next(out: &Path, lang: Lang) -> String {
        let out = out.display();
        sentence!(
            lang,
            "下一步：nianbao edit {out}",
            "Next: nianbao edit {out}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("/a/b/2023.toml"), Path::new("/a/b")),
            Some(PathBuf::from("2023.toml"))
        );
        assert_eq!(
            relative(Path::new("/a/x/2023.toml"), Path::new("/a/b/c")),
            Some(PathBuf::from("../../x/2023.toml"))
        );
        assert_eq!(relative(Path::new("/x/2023.toml"), Path::new("/a/b")), None);
    }

    #[test]
    fn carries_front_matter_carry_over_pending_and_in_force_only() {
        let text = include_str!("../examples/busy-city-bureau-2024.toml");
        let last = crate::toml_read::read(text, Lang::En).unwrap().report;
        let next = next_year(&last).unwrap();
        assert_eq!(next.year(), Some(2025));
        assert_eq!(next.text_at("report.agency"), last.text_at("report.agency"));
        assert_eq!(next.text_at("contact.email"), last.text_at("contact.email"));
        assert_eq!(next.text_at("overview.summary"), "");
        for (this, previous) in validate::carry_over_links() {
            assert_eq!(next.cell(this), last.cell(previous));
        }
        assert_eq!(
            next.cell_at("applications.carried_over.total"),
            last.cell_at("applications.carry_forward.total")
        );
        assert_eq!(
            next.cell_at("article20_1.normative_documents.in_force"),
            last.cell_at("article20_1.normative_documents.in_force")
        );
        assert_eq!(
            next.cell_at("article20_5.licensing.decisions"),
            Some(0.into())
        );
        // Still pending on 1 January: 四 equals 二, and the report balances.
        assert_eq!(
            next.cell_at("applications.carry_forward.natural"),
            last.cell_at("applications.carry_forward.natural")
        );
        assert_eq!(
            next.cell_at("applications.total_handled.total"),
            Some(0.into())
        );
        let cx = validate::Context {
            lang: Lang::En,
            this_year: 2026,
        };
        let problems = validate::validate(&next, cx);
        assert!(
            problems.iter().all(|p| p.severity == Severity::Warning),
            "{problems:?}"
        );
        let warnings = validate::cross_year(&next, &last, "last.toml", Lang::En);
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
