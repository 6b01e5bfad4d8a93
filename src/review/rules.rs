//! The review rules on one report: its texts against its tables
//! (`text-*`), words that deny the tables (`text-denies`), stale years
//! (`stale-year`, in [`super::years`]), 收费 in 元 (`fee-unit`), the 2019 basis (`old-basis`), a
//! government's 考核/评议/追究 results (`government-oversight`) and fees
//! without a word in 六 (`fee-text`). See docs/FORMAT.md §9.

use super::claims::{self, Claim, claims};
use super::messages::{self, Reading};
use super::phrases::{
    Denial, Denied, DocumentColumn, DocumentRow, Frame, Outcome, Quantity, Statement, denials,
    statements,
};
use super::{ROLES, ids, level_in, level_label};
use crate::model::Report;
use crate::problem::{Problem, Target};
use crate::problem::{cell_place, field_place};
use crate::schema::{self, CellId, FieldId, Lang, REVIEW_ROLES};
use crate::validate::incremental::{Check, Reads};
use rust_decimal::Decimal;

/// The review rules on one report, each with what it reads
/// ([`crate::validate::incremental`]), in the order they report: per text
/// of 一, 五 and 六 its numbers, denials and stale years; then `fee-unit`,
/// `old-basis`, `government-oversight` and `fee-text`.
pub fn checks() -> Vec<Check> {
    let year = Reads::Field(schema::ROLES.year());
    let agency = Reads::Field(schema::ROLES.agency());
    let level = Reads::Field(schema::ROLES.level());
    let mut checks = Vec::new();
    for &f in &ROLES.narrative {
        let mut reads = vec![Reads::Field(f), year, agency];
        reads.extend(text_rule_cells().into_iter().map(Reads::Cell));
        // Results of 三 as sums of rows and outcomes of 四 claimed in words
        // read any row of those two tables.
        reads.push(Reads::Table(ROLES.handled.table));
        reads.push(Reads::Table(ROLES.reviews.table));
        checks.push(Check::new(reads, move |i, out| {
            text_against_the_tables(i.report, f, i.lang, out)
        }));
        checks.push(Check::new(
            vec![Reads::Field(f), year, agency],
            move |i, out| text_stale_years(i.report, f, i.lang, out),
        ));
    }
    let r = &*ROLES;
    checks.push(Check::new(vec![Reads::Cell(r.fees), level], |i, out| {
        fee_unit(i.report, i.lang, out)
    }));
    checks.push(Check::new(vec![Reads::Field(r.basis), year], |i, out| {
        old_basis(i.report, i.lang, out)
    }));
    let mut oversight = vec![level, Reads::Field(r.supervision)];
    oversight.extend(r.overview.iter().map(|&f| Reads::Field(f)));
    checks.push(Check::new(oversight, |i, out| {
        government_oversight(i.report, i.lang, out)
    }));
    checks.push(Check::new(
        vec![
            Reads::Field(r.fee_text),
            Reads::Cell(r.fee_unpaid),
            Reads::Cell(r.fees),
        ],
        |i, out| fee_text(i.report, i.lang, out),
    ));
    checks
}

/// Every cell a text's numbers or denials are compared with ([`readings`],
/// [`text_denies`]).
fn text_rule_cells() -> Vec<CellId> {
    let r = &*ROLES;
    let mut cells = vec![
        r.new_received,
        r.carried_over,
        r.handled,
        r.carried_forward,
        r.reviews,
        r.direct_suits,
        r.suits_after_review,
        r.licensing,
        r.penalties,
        r.enforcement,
        r.fees,
        r.fee_unpaid,
    ];
    for row in [DocumentRow::Rules, DocumentRow::Normative] {
        for column in [
            DocumentColumn::Issued,
            DocumentColumn::Repealed,
            DocumentColumn::InForce,
        ] {
            cells.push(document_cell(column, row));
        }
    }
    cells
}

/// What one text states and denies, as last read: a digit typed into a
/// table compares the same statements with the new figures.
struct Parsed {
    field: FieldId,
    text: String,
    year: Option<i32>,
    agency: String,
    statements: Vec<Statement>,
    denials: Vec<Denial>,
    claims: Vec<claims::Found>,
}

thread_local! {
    static PARSED: std::cell::RefCell<Vec<Parsed>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// One text against the tables: its numbers and its denials.
fn text_against_the_tables(report: &Report, f: FieldId, lang: Lang, out: &mut Vec<Problem>) {
    let frame = Frame {
        year: report.year(),
        agency: report.text(schema::ROLES.agency()).trim(),
    };
    let text = report.text(f);
    if text.trim().is_empty() {
        return;
    }
    PARSED.with_borrow_mut(|parsed| {
        let at = parsed.iter().position(|p| p.field == f);
        let fresh = at.filter(|&i| {
            let p = &parsed[i];
            p.text == text && p.year == frame.year && p.agency == frame.agency
        });
        let i = match (fresh, at) {
            (Some(i), _) => i,
            (None, at) => {
                let p = Parsed {
                    field: f,
                    text: text.to_string(),
                    year: frame.year,
                    agency: frame.agency.to_string(),
                    statements: statements(text, frame),
                    denials: denials(text, frame),
                    claims: claims(text),
                };
                match at {
                    Some(i) => parsed[i] = p,
                    None => parsed.push(p),
                }
                at.unwrap_or(parsed.len() - 1)
            }
        };
        let p = &parsed[i];
        for st in &p.statements {
            text_against_tables(report, f, text, st, lang, out);
        }
        for d in &p.denials {
            text_denies(report, f, &text[d.span.clone()], d.denied, lang, out);
        }
        for c in &p.claims {
            appeal_outcome(report, f, text, c, lang, out);
        }
    });
}

/// One text's years that are not the report's ([`super::years`]).
fn text_stale_years(report: &Report, f: FieldId, lang: Lang, out: &mut Vec<Problem>) {
    let text = report.text(f);
    if text.trim().is_empty() {
        return;
    }
    if let Some(year) = report.year() {
        let agency = report.text(schema::ROLES.agency()).trim();
        super::years::stale_years(f, text, year, agency, lang, out);
    }
}

/// At most 40 characters of a phrase, on one line, for quoting in a message.
pub(crate) fn quote(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut chars = one_line.trim().chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

pub(crate) fn field_problem(
    f: FieldId,
    lang: Lang,
    rule: &'static str,
    message: String,
) -> Problem {
    Problem::warning(f.path(), field_place(f, lang), message)
        .target(Target::Field(f))
        .rule(rule)
}

/// The figure of the tables a statement is compared with: one reading, or
/// several when the wording allows more than one (收到 is 一 or 一+二).
fn readings(
    report: &Report,
    q: Quantity,
    lang: Lang,
) -> (Vec<(Decimal, String)>, Vec<CellId>, &'static str) {
    let r = &*ROLES;
    let one = |c: CellId| (vec![(report.cell(c), cell_place(c, lang))], vec![c]);
    let ((list, cells), id) = match q {
        Quantity::NewReceived => (one(r.new_received), ids::TEXT_NEW_RECEIVED),
        Quantity::CarriedOver => (one(r.carried_over), ids::TEXT_CARRIED_OVER),
        Quantity::Handled => (one(r.handled), ids::TEXT_HANDLED),
        Quantity::CarriedForward => (one(r.carried_forward), ids::TEXT_CARRIED_FORWARD),
        Quantity::Reviews => (one(r.reviews), ids::TEXT_REVIEWS),
        Quantity::DirectSuits => (one(r.direct_suits), ids::TEXT_SUITS),
        Quantity::SuitsAfterReview => (one(r.suits_after_review), ids::TEXT_SUITS),
        Quantity::Licensing => (one(r.licensing), ids::TEXT_DECISIONS),
        Quantity::Penalties => (one(r.penalties), ids::TEXT_DECISIONS),
        Quantity::Enforcement => (one(r.enforcement), ids::TEXT_DECISIONS),
        Quantity::FeeAmount => (one(r.fees), ids::TEXT_FEE_AMOUNT),
        Quantity::Documents(column, row) => (one(document_cell(column, row)), ids::TEXT_DOCUMENTS),
        Quantity::Received => {
            let (a, b) = (r.new_received, r.carried_over);
            let (pa, pb) = (cell_place(a, lang), cell_place(b, lang));
            let sum = messages::received_total_place(lang, &pa, &pb);
            (
                (
                    vec![(report.cell(a), pa), (report.cell(a) + report.cell(b), sum)],
                    vec![a, b],
                ),
                ids::TEXT_RECEIVED,
            )
        }
        Quantity::Outcome(o) => (outcome_readings(report, o, lang), ids::TEXT_OUTCOMES),
        Quantity::Suits => {
            let (a, b) = (r.direct_suits, r.suits_after_review);
            let (pa, pb) = (cell_place(a, lang), cell_place(b, lang));
            let sum = messages::suits_total_place(lang, &pa, &pb);
            (
                (
                    vec![(report.cell(a) + report.cell(b), sum), (report.cell(a), pa)],
                    vec![a, b],
                ),
                ids::TEXT_SUITS,
            )
        }
    };
    (list, cells, id)
}

/// The readings of a result of section 三: a row, or the sum of rows.
fn outcome_readings(
    report: &Report,
    o: Outcome,
    lang: Lang,
) -> (Vec<(Decimal, String)>, Vec<CellId>) {
    let r = &*ROLES;
    let (a, b) = (r.granted, r.partly_granted);
    let both = || {
        let place = messages::rows_total_place(lang, &cell_place(a, lang), &cell_place(b, lang));
        (report.cell(a) + report.cell(b), place)
    };
    let rows = |cells: &[CellId]| {
        let sum: Decimal = cells.iter().map(|&c| report.cell(c)).sum();
        let place = messages::group_total_place(lang, &group_place(cells[0], lang));
        (vec![(sum, place)], cells.to_vec())
    };
    match o {
        Outcome::Granted => (
            vec![(report.cell(a), cell_place(a, lang)), both()],
            vec![a, b],
        ),
        Outcome::PartlyGranted => (vec![(report.cell(b), cell_place(b, lang))], vec![b]),
        Outcome::GrantedAndPartly => (vec![both()], vec![a, b]),
        Outcome::NotDisclosed => rows(&r.denied),
        Outcome::Unable => rows(&r.unable),
        Outcome::NotProcessed => rows(&r.not_processed),
        Outcome::OtherHandling => rows(&r.other_handling),
    }
}

/// `三、… / （三）不予公开`: the section and the row group of a cell.
fn group_place(c: CellId, lang: Lang) -> String {
    let section = schema::tables()
        .nth(c.table)
        .map(|(s, _)| s.heading(lang))
        .unwrap_or_default();
    match c.row_def().groups.last() {
        Some(g) => format!("{section} / {}", g.get(lang)),
        None => section,
    }
}

/// The cell of 第二十条第（一）项 for a documents column and row.
fn document_cell(column: DocumentColumn, row: DocumentRow) -> CellId {
    let (table, row) = match row {
        DocumentRow::Rules => ROLES.rules_row,
        DocumentRow::Normative => ROLES.normative_row,
    };
    let (_, col) = match column {
        DocumentColumn::Issued => schema::ROLES.issued(),
        DocumentColumn::Repealed => schema::ROLES.repealed(),
        DocumentColumn::InForce => schema::ROLES.in_force(),
    };
    CellId { table, row, col }
}

/// Whether a stated figure is the table's: equal, or for an amount written
/// with fewer places, equal to the cell rounded to them (18.87 for 18.8710).
fn agrees(st: &Statement, table: Decimal) -> bool {
    if st.value == table {
        return true;
    }
    st.quantity == Quantity::FeeAmount && table.round_dp(st.places) == st.value
}

fn text_against_tables(
    report: &Report,
    f: FieldId,
    text: &str,
    st: &Statement,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let (list, cells, rule) = readings(report, st.quantity, lang);
    if list.iter().any(|(v, _)| agrees(st, *v)) {
        if st.quantity == Quantity::Suits && !agrees(st, list[0].0) {
            suits_part(report, f, text, st, lang, out);
        }
        return;
    }
    let shown: Vec<Reading> = list
        .iter()
        .map(|(v, place)| Reading {
            value: v.normalize().to_string(),
            place: place.clone(),
        })
        .collect();
    let message = messages::text_against_table(
        lang,
        &quote(&text[st.span.clone()]),
        &st.value.to_string(),
        &shown,
    );
    let mut p = field_problem(f, lang, rule, message).depends(f.path(), st.value);
    for c in cells {
        p = p.depends(c.path(), report.cell(c).normalize());
    }
    out.push(p);
}

/// text-suits-part (a note): 行政诉讼N件 is 直接起诉 alone while 复议后起诉
/// counts some — accepted, but the reader should know what N is.
fn suits_part(
    report: &Report,
    f: FieldId,
    text: &str,
    st: &Statement,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let r = &*ROLES;
    let (direct, after) = (r.direct_suits, r.suits_after_review);
    let total = report.cell(direct) + report.cell(after);
    let message = messages::suits_part(
        lang,
        &quote(&text[st.span.clone()]),
        &st.value.to_string(),
        &cell_place(direct, lang),
        &cell_place(after, lang),
        &report.cell(after).normalize().to_string(),
        &total.normalize().to_string(),
    );
    out.push(
        Problem::note(f.path(), field_place(f, lang), message)
            .target(Target::Field(f))
            .rule(ids::TEXT_SUITS_PART)
            .depends(f.path(), st.value)
            .depends(direct.path(), report.cell(direct).normalize())
            .depends(after.path(), report.cell(after).normalize()),
    );
}

/// text-appeal-outcome: 均获维持 / 无一被纠错 / 全部胜诉 while 四 shows
/// cases 纠正, 其他 or 尚未审结 (for 无一被纠错: 纠正 only).
fn appeal_outcome(
    report: &Report,
    f: FieldId,
    text: &str,
    found: &claims::Found,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let r = &*ROLES;
    // 行政复议, 直接起诉, 复议后起诉: the blocks the claim names.
    let named = [found.blocks.reviews, found.blocks.suits, found.blocks.suits];
    let mut cells: Vec<CellId> = Vec::new();
    for (block, &on) in named.iter().enumerate() {
        if !on {
            continue;
        }
        match found.claim {
            Claim::AllUpheld => cells.extend(&r.not_upheld[block]),
            Claim::NoneCorrected => cells.push(r.corrected[block]),
        }
    }
    let shown: Vec<Reading> = cells
        .iter()
        .filter(|&&c| !report.cell(c).is_zero())
        .map(|&c| Reading {
            value: report.cell(c).normalize().to_string(),
            place: cell_place(c, lang),
        })
        .collect();
    if shown.is_empty() {
        return;
    }
    let quoted = quote(&text[found.sentence.clone()]);
    let message = messages::appeal_outcome(lang, &quoted, &shown);
    let mut p =
        field_problem(f, lang, ids::TEXT_APPEAL_OUTCOME, message).depends(f.path(), &quoted);
    for c in cells {
        p = p.depends(c.path(), report.cell(c).normalize());
    }
    out.push(p);
}

fn text_denies(
    report: &Report,
    f: FieldId,
    clause: &str,
    denied: Denied,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let r = &*ROLES;
    let (cells, place): (Vec<CellId>, String) = match denied {
        Denied::Applications => (vec![r.new_received], cell_place(r.new_received, lang)),
        Denied::Reviews => (vec![r.reviews], cell_place(r.reviews, lang)),
        Denied::Suits => (
            vec![r.direct_suits, r.suits_after_review],
            messages::suits_total_place(
                lang,
                &cell_place(r.direct_suits, lang),
                &cell_place(r.suits_after_review, lang),
            ),
        ),
        Denied::Fees => (vec![r.fees], cell_place(r.fees, lang)),
        Denied::FeeNotices => (vec![r.fee_unpaid], cell_place(r.fee_unpaid, lang)),
    };
    let value: Decimal = cells.iter().map(|&c| report.cell(c)).sum();
    if value.is_zero() {
        return;
    }
    let quoted = quote(clause);
    let message = messages::text_denies(lang, &quoted, &place, &value.normalize().to_string());
    let mut p = field_problem(f, lang, ids::TEXT_DENIES, message).depends(f.path(), quoted);
    for c in cells {
        p = p.depends(c.path(), report.cell(c).normalize());
    }
    out.push(p);
}

/// Whether the 收费 amount is 10,000 万元 or more for an agency below
/// provincial level.
pub(crate) fn fee_too_large_for_level(report: &Report) -> bool {
    report.cell(ROLES.fees) >= Decimal::from(10_000)
        && level_in(report, REVIEW_ROLES.below_provincial)
}

/// fee-unit: 10,000 万元 or more below provincial level is 元 typed into 万元.
fn fee_unit(report: &Report, lang: Lang, out: &mut Vec<Problem>) {
    let fees = ROLES.fees;
    let amount = report.cell(fees);
    let level = report.text(schema::ROLES.level());
    if !fee_too_large_for_level(report) {
        return;
    }
    let label = level_label(report, lang).unwrap_or(level);
    let message = messages::fee_unit_level(lang, &amount.to_string(), label);
    out.push(
        Problem::warning(fees.path(), cell_place(fees, lang), message)
            .target(Target::Cell(fees))
            .rule(ids::FEE_UNIT)
            .depends(fees.path(), amount)
            .depends(schema::ROLES.level().path(), level),
    );
}

/// old-basis: the 2019 trial format cited in a report of 2021 or later.
fn old_basis(report: &Report, lang: Lang, out: &mut Vec<Problem>) {
    let f = ROLES.basis;
    let basis = report.text(f);
    let Some(year) = report.year().filter(|y| *y >= 2021) else {
        return;
    };
    let trial_notice = basis.contains("2019") && basis.contains("60号");
    let trial_format = basis.contains("试行") && basis.contains("格式");
    if trial_notice || trial_format {
        out.push(
            field_problem(f, lang, ids::OLD_BASIS, messages::old_basis(lang, year))
                .depends(f.path(), basis.trim()),
        );
    }
}

/// government-oversight: a government's texts of 一 should state the results
/// of 考核, 评议 and 责任追究 (《条例》第五十条(四)).
fn government_oversight(report: &Report, lang: Lang, out: &mut Vec<Problem>) {
    let f = ROLES.supervision;
    if !level_in(report, REVIEW_ROLES.governments) || report.text(f).trim().is_empty() {
        return;
    }
    let says = |words: &[&str]| {
        ROLES
            .overview
            .iter()
            .any(|&o| words.iter().any(|w| report.text(o).contains(w)))
    };
    let mut missing_zh = Vec::new();
    let mut missing_en = Vec::new();
    if !says(&["考核", "考评"]) {
        missing_zh.push("工作考核");
        missing_en.push("assessment");
    }
    if !says(&["评议"]) {
        missing_zh.push("社会评议");
        missing_en.push("public appraisal");
    }
    if !says(&["责任追究", "追究责任", "追责", "问责"]) {
        missing_zh.push("责任追究");
        missing_en.push("accountability");
    }
    if missing_zh.is_empty() {
        return;
    }
    let label = level_label(report, lang).unwrap_or_default();
    let message =
        messages::government_oversight(lang, label, &missing_zh.join("、"), &missing_en.join(", "));
    out.push(
        field_problem(f, lang, ids::GOVERNMENT_OVERSIGHT, message)
            .depends(
                schema::ROLES.level().path(),
                report.text(schema::ROLES.level()),
            )
            .depends(f.path(), missing_en.join(",")),
    );
}

/// fee-text: fees in the tables while 六's fee text is empty.
fn fee_text(report: &Report, lang: Lang, out: &mut Vec<Problem>) {
    let f = ROLES.fee_text;
    if !report.text(f).trim().is_empty() {
        return;
    }
    let unpaid = ROLES.fee_unpaid;
    let fees = ROLES.fees;
    let (u, a) = (report.cell(unpaid), report.cell(fees));
    let message = if !u.is_zero() {
        messages::fee_text_unpaid(lang, &cell_place(unpaid, lang), &u.to_string())
    } else if !a.is_zero() {
        messages::fee_text_fees(lang, &a.to_string())
    } else {
        return;
    };
    out.push(
        field_problem(f, lang, ids::FEE_TEXT, message)
            .depends(unpaid.path(), u)
            .depends(fees.path(), a),
    );
}
