//! Sentences drafted from the current tables for the texts of 一, in the
//! register published reports use, so that the numbers a text states agree
//! with the tables by construction (the `text-*` rules find nothing in them).
//! The wizard inserts [`draft`] at the caret; plain mode offers it as an
//! answer. Drafts are in Chinese, the language of the published report.

use super::ROLES;
use crate::model::Report;
use crate::schema::{self, FieldId, Lang, REVIEW_ROLES};
use rust_decimal::Decimal;

/// The fields a draft can be made for: 依申请公开情况 and 主动公开情况.
pub fn draftable(field: FieldId) -> bool {
    draft(&Report::empty(), field).is_some()
}

/// What asking for a draft gives: the sentence, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    Sentence(String),
    /// The field is not one a draft is made for ([`draftable_labels`]).
    NotDraftable,
    /// Every table is still empty: there is nothing to draft from.
    TablesEmpty,
}

/// The draft for `field` as both front ends offer it (the wizard's F4,
/// plain mode's `:draft`); each says the refusals in its own words.
pub fn attempt(report: &Report, field: FieldId) -> Attempt {
    if !draftable(field) {
        return Attempt::NotDraftable;
    }
    if schema::all_cells().all(|c| report.cell(c).is_zero()) {
        return Attempt::TablesEmpty;
    }
    draft(report, field).map_or(Attempt::NotDraftable, Attempt::Sentence)
}

/// The labels of the fields drafts are made for (主动公开情况,
/// 依申请公开情况), for the message that says where to ask for one.
pub fn draftable_labels(lang: Lang) -> (&'static str, &'static str) {
    let label = |path: &'static str| {
        schema::find_field(path)
            .map(|f| f.field().label.get(lang))
            .unwrap_or(path)
    };
    (
        label(REVIEW_ROLES.proactive),
        label(REVIEW_ROLES.on_request),
    )
}

/// The drafted sentence for `field`, or `None` when the tables tell
/// nothing for it.
pub fn draft(report: &Report, field: FieldId) -> Option<String> {
    let path = field.path();
    if path == REVIEW_ROLES.on_request {
        Some(on_request(report))
    } else if path == REVIEW_ROLES.proactive {
        Some(proactive(report))
    } else {
        None
    }
}

fn n(v: Decimal) -> String {
    v.normalize().to_string()
}

/// `全年新收政府信息公开申请N件，上年结转M件；办结K件，结转下年度继续办理L件。`
/// and the appeals.
fn on_request(report: &Report) -> String {
    let r = &*ROLES;
    let c = |id| report.cell(id);
    let mut out = if c(r.new_received).is_zero() && c(r.carried_over).is_zero() {
        "全年未收到政府信息公开申请，无上年结转申请。".to_string()
    } else {
        format!(
            "全年新收政府信息公开申请{}件，上年结转{}件；办结{}件，结转下年度继续办理{}件。",
            n(c(r.new_received)),
            n(c(r.carried_over)),
            n(c(r.handled)),
            n(c(r.carried_forward))
        )
    };
    let reviews = c(r.reviews);
    let suits = c(r.direct_suits) + c(r.suits_after_review);
    if reviews.is_zero() && suits.is_zero() {
        out.push_str("未发生因政府信息公开引发的行政复议和行政诉讼。");
    } else {
        out.push_str(&format!(
            "因政府信息公开被申请行政复议{}件，被提起行政诉讼{}件。",
            n(reviews),
            n(suits)
        ));
    }
    out
}

/// 第二十条 in words: documents, decisions and fees.
fn proactive(report: &Report) -> String {
    let r = &*ROLES;
    let cell = |(table, row): (usize, usize), col: (usize, usize)| {
        report.cell(schema::CellId {
            table,
            row,
            col: col.1,
        })
    };
    let (issued, repealed, in_force) = (
        schema::ROLES.issued(),
        schema::ROLES.repealed(),
        schema::ROLES.in_force(),
    );
    let mut parts = Vec::new();
    for (row, name) in [(r.rules_row, "规章"), (r.normative_row, "行政规范性文件")] {
        let (i, x, f) = (cell(row, issued), cell(row, repealed), cell(row, in_force));
        if i.is_zero() && x.is_zero() && f.is_zero() && name == "规章" {
            continue;
        }
        parts.push(format!(
            "本年制发{name}{}件，废止{name}{}件，现行有效{name}{}件",
            n(i),
            n(x),
            n(f)
        ));
    }
    let mut out = parts.join("；");
    out.push_str(&format!(
        "；作出行政许可决定{}件，行政处罚决定{}件，行政强制决定{}件",
        n(report.cell(r.licensing)),
        n(report.cell(r.penalties)),
        n(report.cell(r.enforcement))
    ));
    let fees = report.cell(r.fees);
    if fees.is_zero() {
        out.push('。');
    } else {
        out.push_str(&format!("；行政事业性收费{}万元。", fees));
    }
    out
}
