//! Validation of a report against the rules of the format (FORMAT.md §7):
//! totals, the 勾稽关系 of section 三, value ranges, plausibility and the
//! year-over-year checks. Shared by `check`, the wizard and `render`.
//! Every problem names its schema path and the labels a user sees. The
//! review rules of [`crate::review`] run here too, and the marks of warnings
//! the user reviewed (`[[reviewed]]`) are applied to what both functions return.
//! Each rule is listed once as a check with what it reads
//! ([`one_report_checks`], [`cross_year_checks`]): both functions run them
//! all, the wizard only those a change affects ([`incremental`]).

pub mod incremental;

use crate::model::{Report, expected_total};
use crate::problem::{Problem, Target};
use crate::schema::{self, CellId, CellKind, FieldId, FieldKind, Lang, Shape};
use incremental::{Check, Inputs, Reads};
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// Facts validation needs from outside the report.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub lang: Lang,
    /// The year whose report is being compiled now
    /// ([`crate::review::deadline::reporting_year`]): a later report year
    /// has not ended.
    pub this_year: i32,
}

impl Context {
    pub fn now(lang: Lang) -> Context {
        Context {
            lang,
            this_year: reporting_year(),
        }
    }
}

/// Every problem of one report, errors and warnings, in schema order.
pub fn validate(report: &Report, cx: Context) -> Vec<Problem> {
    let inputs = Inputs {
        report,
        lang: cx.lang,
        this_year: cx.this_year,
        previous: None,
    };
    let mut out = Vec::new();
    for check in one_report_checks() {
        (check.run)(&inputs, &mut out);
    }
    crate::review::reviewed::apply(&report.meta.reviewed, &mut out);
    out
}

/// The rules on one report, each with what it reads, in the order
/// [`validate`] reports them: the fields, the cells, the 勾稽关系, 规章,
/// then the review rules.
pub fn one_report_checks() -> &'static [Check] {
    static CHECKS: LazyLock<Vec<Check>> = LazyLock::new(|| {
        let mut checks = Vec::new();
        for id in schema::all_fields() {
            checks.push(Check::new(vec![Reads::Field(id)], move |i, out| {
                check_field(i.report, id, i.lang, i.this_year, out)
            }));
        }
        for id in schema::all_cells() {
            // A total is compared with its parts.
            let mut reads = vec![Reads::Cell(id)];
            if let Some(parts) = crate::model::total_parts(id) {
                reads.extend(parts.into_iter().map(Reads::Cell));
            }
            checks.push(Check::new(reads, move |i, out| {
                check_cell(i.report, id, i.lang, out)
            }));
        }
        for (table, (_, def)) in schema::tables().enumerate() {
            if def.balance.is_none() {
                continue;
            }
            for col in 0..def.columns.len() {
                checks.push(Check::new(
                    vec![Reads::Column { table, col }],
                    move |i, out| check_balance(i.report, table, col, i.lang, out),
                ));
            }
        }
        let (table, row) = schema::ROLES.rules();
        checks.push(Check::new(
            vec![
                Reads::Field(schema::ROLES.level()),
                Reads::Row { table, row },
            ],
            |i, out| check_rules_count(i.report, i.lang, out),
        ));
        checks.extend(crate::review::rules::checks());
        checks
    });
    &CHECKS
}

pub use crate::problem::{cell_place, field_place};

fn check_field(report: &Report, id: FieldId, lang: Lang, this_year: i32, out: &mut Vec<Problem>) {
    {
        let field = id.field();
        let value = report.text(id).trim();
        let problem = |msg: &str| {
            Problem::warning(id.path(), field_place(id, lang), msg).target(Target::Field(id))
        };
        if field.kind == FieldKind::Year {
            match value.parse::<i32>() {
                Err(_) => out.push(Problem {
                    severity: crate::problem::Severity::Error,
                    ..problem(lang.pick("未填写报告年度", "the report year is missing"))
                }),
                Ok(y) if y < 2021 => out.push(problem(lang.pick(
                    "2021 年格式自 2021 年度报告起适用；更早年度请使用当时的格式",
                    "the 2021 format applies from the 2021 report on",
                ))),
                Ok(y) if y > this_year => out.push(problem(&sentence!(
                    lang,
                    "报告年度 {y} 尚未结束；年度报告统计的是上一年",
                    "the report year {y} has not ended yet; the report covers a past year",
                ))),
                Ok(_) => {}
            }
            return;
        }
        if value.is_empty() {
            if field.required {
                out.push(problem(lang.pick("未填写", "is empty")));
            }
            return;
        }
        if let FieldKind::Line(shape) = field.kind
            && !shape_ok(shape, value)
        {
            let msg = match shape {
                Shape::Phone => lang.pick(
                    "电话号码格式不对，如 0472-2836709",
                    "does not look like a phone number, e.g. 0472-2836709",
                ),
                Shape::Email => lang.pick(
                    "电子邮箱格式不对，如 name@example.gov.cn",
                    "does not look like an e-mail address",
                ),
                Shape::Postcode => lang.pick("邮政编码应为 6 位数字", "a postcode has 6 digits"),
                Shape::Url => lang.pick(
                    "网址格式不对，如 http://www.example.gov.cn",
                    "does not look like a web address",
                ),
                Shape::Any => "",
            };
            out.push(problem(msg));
        }
    }
}

/// Whether a one-line value has the expected shape.
pub fn shape_ok(shape: Shape, v: &str) -> bool {
    match shape {
        Shape::Any => true,
        Shape::Phone => {
            let digits = v.chars().filter(char::is_ascii_digit).count();
            digits >= 7
                && v.chars()
                    .all(|c| c.is_ascii_digit() || " -+()（）、,，/转".contains(c))
        }
        Shape::Email => {
            let mut parts = v.split('@');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(local), Some(domain), None) => {
                    !local.is_empty()
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !v.chars().any(|c| c.is_whitespace() || !c.is_ascii())
                }
                _ => false,
            }
        }
        Shape::Postcode => v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit()),
        Shape::Url => {
            let rest = v
                .strip_prefix("https://")
                .or_else(|| v.strip_prefix("http://"))
                .unwrap_or(v);
            rest.contains('.') && !rest.starts_with('.') && !v.chars().any(char::is_whitespace)
        }
    }
}

/// Above this, an application or appeal count is a typing slip or an
/// attack, not an agency's year: the largest real yearly figures are in the
/// tens of thousands. A warning, not an error; decisions (行政处罚 of a
/// province's traffic police) may be legitimately larger and are not held
/// to it.
pub const PLAUSIBLE_CASES_MAX: u32 = 1_000_000;

fn check_cell(report: &Report, id: CellId, lang: Lang, out: &mut Vec<Problem>) {
    {
        let v = report.cell(id);
        // The place is spelt out only for a problem: this runs on every keystroke.
        let err = |msg: String| {
            Problem::error(id.path(), cell_place(id, lang), msg).target(Target::Cell(id))
        };
        if v.is_sign_negative() && !v.is_zero() {
            out.push(err(sentence!(
                lang,
                "不能为负数： {v}",
                "cannot be negative: {v}"
            )));
            return;
        }
        if id.is_computed() {
            let def = id.table_def();
            if let Some(expected) =
                expected_total(def, report.table_cells(id.table), id.row, id.col)
                && expected != v
            {
                out.push(err(sentence!(
                    lang,
                    "合计为 {v}，但各项之和为 {expected}",
                    "the total is {v}, but its parts add up to {expected}",
                )));
            }
            return;
        }
        match id.column_def().kind {
            CellKind::Count if !v.fract().is_zero() => {
                out.push(err(sentence!(
                    lang,
                    "件数应为整数： {v}",
                    "counts are whole numbers: {v}"
                )));
            }
            CellKind::Count if v > Decimal::from(u32::MAX) => {
                let max = u32::MAX;
                out.push(err(sentence!(
                    lang,
                    "{v} 超出上限 {max}",
                    "{v} is larger than the maximum {max}",
                )));
            }
            CellKind::Count
                if v > Decimal::from(PLAUSIBLE_CASES_MAX)
                    && matches!(id.table_def().key, "applications" | "appeals") =>
            {
                let max = PLAUSIBLE_CASES_MAX;
                out.push(
                    Problem::warning(
                        id.path(),
                        cell_place(id, lang),
                        sentence!(
                            lang,
                            "{v} 远超任何机关一年的申请或复议诉讼件数（超过 {max}），请核对是否多输了数位",
                            "{v} is far beyond any agency's yearly applications or appeals (more than {max}): check for extra digits",
                        ),
                    )
                    .target(Target::Cell(id)),
                );
            }
            CellKind::Money if v.scale() > schema::MONEY_DECIMALS => {
                out.push(err(sentence!(
                    lang,
                    "{v} 小数位数超过 4 位",
                    "{v} has more than 4 decimal places",
                )));
            }
            _ => {}
        }
    }
}

/// The short name of a row in a rule message: `一` for `一、本年新收…`.
pub fn short_row_name(label: &str) -> &str {
    for sep in ["、", ". "] {
        if let Some((head, _)) = label.split_once(sep)
            && head.chars().count() <= 4
        {
            return head;
        }
    }
    label
}

/// Per column of a balanced table: the 勾稽关系 sums, `(lhs, rhs)`.
pub fn balance_sums(
    report: &Report,
    table: usize,
    col: usize,
) -> Option<(Vec<Decimal>, Vec<Decimal>)> {
    balance_sums_of(report.table_cells(table), table, col)
}

/// [`balance_sums`] of a table's cells (row-major), such as a copy with
/// one value changed.
pub fn balance_sums_of(
    cells: &[Decimal],
    table: usize,
    col: usize,
) -> Option<(Vec<Decimal>, Vec<Decimal>)> {
    let def = schema::table(table);
    let b = def.balance.as_ref()?;
    let value = |key: &&str| {
        def.row_index(key)
            .map(|row| cells[row * def.columns.len() + col])
            .unwrap_or_default()
    };
    Some((
        b.lhs.iter().map(value).collect(),
        b.rhs.iter().map(value).collect(),
    ))
}

/// The 勾稽 statement for one column, e.g. `一+二 = 12+3 = 15，但（七）总计+四 = 13+1 = 14`,
/// and whether it holds.
pub fn balance_statement(
    report: &Report,
    table: usize,
    col: usize,
    lang: Lang,
) -> Option<(bool, String)> {
    balance_statement_of(report.table_cells(table), table, col, lang)
}

/// [`balance_statement`] of a table's cells (row-major).
pub fn balance_statement_of(
    cells: &[Decimal],
    table: usize,
    col: usize,
    lang: Lang,
) -> Option<(bool, String)> {
    let def = schema::table(table);
    let b = def.balance.as_ref()?;
    let (lhs, rhs) = balance_sums_of(cells, table, col)?;
    let names = |keys: &[&str]| -> String {
        keys.iter()
            .filter_map(|k| def.row_index(k))
            .map(|r| short_row_name(def.rows[r].label.get(lang)))
            .collect::<Vec<_>>()
            .join("+")
    };
    let side = |values: &[Decimal]| -> (String, Decimal) {
        let terms: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        (terms.join("+"), values.iter().sum())
    };
    let (lt, ls) = side(&lhs);
    let (rt, rs) = side(&rhs);
    let ok = ls == rs;
    let (ln, rn) = (names(b.lhs), names(b.rhs));
    let statement = if ok {
        sentence!(
            lang,
            "{ln} = {lt} = {ls}，等于{rn} = {rt} = {rs}",
            "{ln} = {lt} = {ls}, equals {rn} = {rt} = {rs}",
        )
    } else {
        sentence!(
            lang,
            "{ln} = {lt} = {ls}，但{rn} = {rt} = {rs}",
            "{ln} = {lt} = {ls}, but {rn} = {rt} = {rs}",
        )
    };
    Some((ok, statement))
}

fn check_balance(report: &Report, table: usize, col: usize, lang: Lang, out: &mut Vec<Problem>) {
    let def = schema::table(table);
    let Some(b) = &def.balance else { return };
    let Some(section) = schema::tables().nth(table).map(|(s, _)| s) else {
        return;
    };
    let c = &def.columns[col];
    // Compare first: the statement is only worth writing when it fails.
    let Some((lhs, rhs)) = balance_sums(report, table, col) else {
        return;
    };
    if lhs.iter().sum::<Decimal>() == rhs.iter().sum::<Decimal>() {
        return;
    }
    let Some((_, statement)) = balance_statement(report, table, col, lang) else {
        return;
    };
    let (heading, column) = (section.heading(lang), c.label.get(lang));
    let place = sentence!(
        lang,
        "{heading} / {column}列",
        "{heading} / {column} column"
    );
    let row = def.row_index(b.lhs[0]).unwrap_or(0);
    out.push(
        Problem::error(format!("{}.*.{}", def.key, c.key), place, statement)
            .target(Target::Cell(CellId { table, row, col })),
    );
}

/// FORMAT.md §7.12 `rules-count`: a non-zero 规章 count from an agency that cannot make 规章.
fn check_rules_count(report: &Report, lang: Lang, out: &mut Vec<Problem>) {
    let level_field = schema::ROLES.level();
    let FieldKind::Choice(levels) = level_field.field().kind else {
        return;
    };
    let Some(level) = levels.iter().find(|c| c.key == report.text(level_field)) else {
        return;
    };
    if level.makes_rules {
        return;
    }
    let (table, row) = schema::ROLES.rules();
    let rules = CellId { table, row, col: 0 };
    for col in 0..rules.table_def().columns.len() {
        let id = CellId { col, ..rules };
        if !report.cell(id).is_zero() {
            out.push(
                Problem::warning(
                    id.path(),
                    cell_place(id, lang),
                    {
                        let level = level.label.get(lang);
                        sentence!(
                            lang,
                            "{level}无权制定规章，此处通常为 0（行政规范性文件请填在下一行）",
                            "{level} cannot make 规章; this is normally 0 (normative documents go on the next row)",
                        )
                    },
                )
                .target(Target::Cell(id)),
            );
        }
    }
}

/// FORMAT.md §7.13–§7.15: warnings comparing this year's report with last year's.
pub fn cross_year(
    report: &Report,
    previous: &Report,
    previous_name: &str,
    lang: Lang,
) -> Vec<Problem> {
    let inputs = Inputs {
        report,
        lang,
        this_year: 0,
        previous: Some((previous, previous_name)),
    };
    let mut out = Vec::new();
    for check in cross_year_checks() {
        (check.run)(&inputs, &mut out);
    }
    crate::review::reviewed::apply(&report.meta.reviewed, &mut out);
    out
}

/// The rules against last year's report, each with what it reads, in the
/// order [`cross_year`] reports them. Each reads [`Reads::Previous`] and
/// does nothing without it.
pub fn cross_year_checks() -> &'static [Check] {
    static CHECKS: LazyLock<Vec<Check>> = LazyLock::new(|| {
        let mut checks = vec![Check::new(
            vec![Reads::Field(schema::ROLES.year()), Reads::Previous],
            |i, out| {
                if let Some((previous, name)) = i.previous {
                    consecutive_years(i.report, previous, name, i.lang, out);
                }
            },
        )];
        for (this, last) in carry_over_links() {
            checks.push(Check::new(
                vec![Reads::Cell(this), Reads::Previous],
                move |i, out| {
                    if let Some((previous, name)) = i.previous {
                        carry_over(i.report, previous, name, (this, last), i.lang, out);
                    }
                },
            ));
        }
        let (_, issued) = schema::ROLES.issued();
        let (_, repealed) = schema::ROLES.repealed();
        for in_force in in_force_cells() {
            let at = |col| Reads::Cell(CellId { col, ..in_force });
            checks.push(Check::new(
                vec![
                    Reads::Cell(in_force),
                    at(issued),
                    at(repealed),
                    Reads::Previous,
                ],
                move |i, out| {
                    if let Some((previous, name)) = i.previous {
                        in_force_count(i.report, previous, name, in_force, i.lang, out);
                    }
                },
            ));
        }
        checks.extend(crate::review::cross_year::checks());
        checks
    });
    &CHECKS
}

fn consecutive_years(
    report: &Report,
    previous: &Report,
    previous_name: &str,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    if let (Some(y), Some(py)) = (report.year(), previous.year())
        && y != py + 1
    {
        let f = schema::ROLES.year();
        out.push(
            Problem::warning(
                f.path(),
                field_place(f, lang),
                sentence!(
                    lang,
                    "上年报告的年度为 {py}（{previous_name}），本报告为 {y}，不是相邻年度",
                    "last year's report ({previous_name}) is for {py}, this one for {y}; not consecutive years",
                ),
            )
            .target(Target::Field(f)),
        );
    }
}

fn carry_over(
    report: &Report,
    previous: &Report,
    previous_name: &str,
    (this, last): (CellId, CellId),
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let (a, b) = (report.cell(this), previous.cell(last));
    if a != b {
        out.push(
            Problem::warning(
                this.path(),
                cell_place(this, lang),
                sentence!(
                    lang,
                    "{a}，但上年报告 {previous_name} 的“四、结转下年度继续办理”为 {b}",
                    "{a}, but last year's report {previous_name} carried forward {b}",
                ),
            )
            .target(Target::Cell(this)),
        );
    }
}

/// 现行有效件数 this year ≈ last year's + 本年制发 − 本年废止 (documents can lapse: a hint only).
fn in_force_count(
    report: &Report,
    previous: &Report,
    previous_name: &str,
    in_force: CellId,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let (_, ci) = schema::ROLES.issued();
    let (_, cr) = schema::ROLES.repealed();
    let at = |col| CellId { col, ..in_force };
    let last_count = previous.cell(in_force);
    let (issued, repealed) = (report.cell(at(ci)), report.cell(at(cr)));
    let expected = last_count + issued - repealed;
    let actual = report.cell(in_force);
    if actual != expected && expected >= Decimal::ZERO {
        out.push(
            Problem::warning(
                in_force.path(),
                cell_place(in_force, lang),
                sentence!(
                    lang,
                    "{actual}；按上年报告 {previous_name} 的现行有效件数推算为 {last_count} + {issued} − {repealed} = {expected}（文件失效时可以不同，请核实）",
                    "{actual}; from last year's report {previous_name} one would expect {last_count} + {issued} − {repealed} = {expected} (can differ when documents lapse: please verify)",
                ),
            )
            .target(Target::Cell(in_force)),
        );
    }
}

/// The year-to-year link of section 三 (FORMAT.md §7.14 `carry-over`): per input column,
/// this year's 二、上年结转 cell and last year's 四、结转下年度继续办理 cell.
pub fn carry_over_links() -> Vec<(CellId, CellId)> {
    let (table, this_row) = schema::ROLES.carried_over();
    let (_, last_row) = schema::ROLES.carried_forward();
    (0..schema::table(table).columns.len())
        .map(|col| {
            let this = CellId {
                table,
                row: this_row,
                col,
            };
            (
                this,
                CellId {
                    row: last_row,
                    ..this
                },
            )
        })
        .filter(|(this, _)| !this.is_computed())
        .collect()
}

/// The 现行有效件数 cells of 第二十条第（一）项, one per row: each year starts
/// from last year's count.
pub fn in_force_cells() -> Vec<CellId> {
    let (table, col) = schema::ROLES.in_force();
    (0..schema::table(table).rows.len())
        .map(|row| CellId { table, row, col })
        .collect()
}

/// The year whose report is being compiled today (UTC, the system clock):
/// this year's from October on, else last year's.
pub fn reporting_year() -> i32 {
    crate::review::deadline::reporting_year(crate::review::deadline::today())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str) -> CellId {
        schema::find_cell(path).unwrap()
    }

    fn cx() -> Context {
        Context {
            lang: Lang::Zh,
            this_year: 2026,
        }
    }

    #[test]
    fn calendar() {
        let year_of_day = |days| crate::review::deadline::civil_date(days).0;
        assert_eq!(year_of_day(0), 1970);
        assert_eq!(year_of_day(20_454), 2026); // 2026-01-01
        assert_eq!(year_of_day(20_453), 2025);
    }

    #[test]
    fn balance_message_names_column_and_both_sums() {
        let mut r = Report::for_year(2024);
        r.set_cell(at("applications.new_received.natural"), 12.into());
        r.set_cell(at("applications.carried_over.natural"), 3.into());
        r.set_cell(at("applications.granted.natural"), 13.into());
        r.set_cell(at("applications.carry_forward.natural"), 1.into());
        let problems = validate(&r, cx());
        let p = problems
            .iter()
            .find(|p| p.path == "applications.*.natural")
            .expect("balance error");
        assert_eq!(p.place, "三、收到和处理政府信息公开申请情况 / 自然人列");
        assert_eq!(p.message, "一+二 = 12+3 = 15，但（七）总计+四 = 13+1 = 14");
        let en = validate(
            &r,
            Context {
                lang: Lang::En,
                ..cx()
            },
        );
        let p = en
            .iter()
            .find(|p| p.path == "applications.*.natural")
            .unwrap();
        assert_eq!(p.message, "I+II = 12+3 = 15, but (7) Total+IV = 13+1 = 14");
        // The total column is unbalanced the same way; other columns are fine.
        assert!(problems.iter().any(|p| p.path == "applications.*.total"));
        assert!(
            !problems
                .iter()
                .any(|p| p.path == "applications.*.commercial")
        );
    }

    #[test]
    fn shapes() {
        assert!(shape_ok(Shape::Phone, "0472-2836709"));
        assert!(!shape_ok(Shape::Phone, "call me"));
        assert!(shape_ok(Shape::Email, "kaifangban@126.com"));
        assert!(!shape_ok(Shape::Email, "kaifangban@126"));
        assert!(shape_ok(Shape::Postcode, "014010"));
        assert!(!shape_ok(Shape::Postcode, "01401"));
        assert!(shape_ok(Shape::Url, "http://www.baotou.gov.cn"));
    }

    #[test]
    fn year_rules() {
        let has = |r: &Report, text: &str| {
            validate(r, cx())
                .iter()
                .any(|p| p.path == "report.year" && p.message.contains(text))
        };
        assert!(has(&Report::empty(), "未填写"));
        assert!(has(&Report::for_year(2020), "2021"));
        // cx() compiles 2026's report (as from October 2026 on): 2027 has
        // not ended, 2026 is the one being compiled.
        assert!(has(&Report::for_year(2027), "尚未结束"));
        for year in [2025, 2026] {
            assert!(
                !validate(&Report::for_year(year), cx())
                    .iter()
                    .any(|p| p.path == "report.year"),
                "{year}"
            );
        }
        // Before October 2026 the report being compiled is 2025's.
        let september = Context {
            this_year: crate::review::deadline::reporting_year((2026, 9, 30)),
            ..cx()
        };
        assert!(
            validate(&Report::for_year(2026), september)
                .iter()
                .any(|p| p.path == "report.year" && p.message.contains("尚未结束"))
        );
    }

    #[test]
    fn rules_count_for_county_department() {
        let mut r = Report::for_year(2024);
        r.set_text(
            schema::find_field("report.level").unwrap(),
            "county_department",
        );
        r.set_cell(at("article20_1.rules.issued"), 1.into());
        let problems = validate(&r, cx());
        assert!(
            problems
                .iter()
                .any(|p| p.path == "article20_1.rules.issued" && p.message.contains("规章"))
        );
    }

    #[test]
    fn cross_year_carry_over() {
        let mut last = Report::for_year(2023);
        last.set_cell(at("applications.carry_forward.natural"), 2.into());
        let mut this = Report::for_year(2024);
        this.set_cell(at("applications.carried_over.natural"), 2.into());
        assert!(cross_year(&this, &last, "2023.toml", Lang::Zh).is_empty());
        this.set_cell(at("applications.carried_over.natural"), 3.into());
        let w = cross_year(&this, &last, "2023.toml", Lang::Zh);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("2023.toml"), "{}", w[0].message);
    }
}
