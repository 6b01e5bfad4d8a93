//! The review rules: what reviewers of published reports find beyond the
//! table arithmetic — texts that state other numbers than the tables, words
//! that deny them, last year's texts and figures, stale years, 收费 in the
//! wrong unit, an outdated basis, a government's missing 考核/评议/追究
//! results, fees without a word in 六, and the publication deadline.
//!
//! Each rule has a stable id ([`ids`]), listed with its severity, what it
//! checks and its source in docs/FORMAT.md §9. The rules run
//! inside [`crate::validate::validate`] and [`crate::validate::cross_year`],
//! so `check`, the wizard (at the field and in 核对), plain mode and `merge`
//! all see them; they are cheap enough for every keystroke (no regular
//! expression; word lists built once). Each rule is a check listed with what
//! it reads — fields, cells, tables, last year's report — in
//! [`rules::checks`] or [`cross_year::checks`]; the wizard re-runs a check
//! only when something it reads changed, so a new rule goes there with its
//! reads, and `tests/edit/incremental.rs` fails when a rule reads more than
//! it declares.
//!
//! - [`numbers`]: numbers in Chinese text.
//! - [`phrases`]: the phrase forms that tie a number to a quantity;
//!   [`denials`]: the forms that deny one; [`claims`]: outcomes of 四
//!   claimed in words (均获维持); [`vocabulary`]: their words.
//! - [`rules`]: the rules on one report ([`years`]: stale years);
//!   [`cross_year`]: against last year's.
//! - [`similarity`]: the "nearly identical text" measure; [`reuse`]:
//!   sentences reused word for word.
//! - [`reviewed`]: warnings marked as reviewed (`[[reviewed]]`).
//! - [`draft`]: sentences drafted from the tables.
//! - [`deadline`]: the publication deadline.
//! - [`messages`]: every sentence, whole in each language.

pub mod claims;
pub mod cross_year;
pub mod deadline;
pub mod denials;
pub mod draft;
pub mod messages;
pub mod numbers;
pub mod phrases;
pub mod reuse;
pub mod reviewed;
pub mod rules;
pub mod similarity;
pub mod vocabulary;
pub mod years;

use crate::schema::{self, CellId, FieldId, REVIEW_ROLES};
use std::sync::LazyLock;

/// The stable rule ids (docs/FORMAT.md §9).
pub mod ids {
    pub const TEXT_NEW_RECEIVED: &str = "text-new-received";
    pub const TEXT_CARRIED_OVER: &str = "text-carried-over";
    pub const TEXT_RECEIVED: &str = "text-received";
    pub const TEXT_HANDLED: &str = "text-handled";
    pub const TEXT_CARRIED_FORWARD: &str = "text-carried-forward";
    pub const TEXT_REVIEWS: &str = "text-reviews";
    pub const TEXT_SUITS: &str = "text-suits";
    pub const TEXT_DOCUMENTS: &str = "text-documents";
    pub const TEXT_DECISIONS: &str = "text-decisions";
    pub const TEXT_FEE_AMOUNT: &str = "text-fee-amount";
    pub const TEXT_OUTCOMES: &str = "text-outcomes";
    pub const TEXT_SUITS_PART: &str = "text-suits-part";
    pub const TEXT_APPEAL_OUTCOME: &str = "text-appeal-outcome";
    pub const TEXT_DENIES: &str = "text-denies";
    pub const TEXT_COPIED: &str = "text-copied";
    pub const TEXT_REUSED: &str = "text-reused";
    pub const YEAR_JUMP: &str = "year-jump";
    pub const STALE_YEAR: &str = "stale-year";
    pub const FEE_UNIT: &str = "fee-unit";
    pub const OLD_BASIS: &str = "old-basis";
    pub const GOVERNMENT_OVERSIGHT: &str = "government-oversight";
    pub const FEE_TEXT: &str = "fee-text";
    pub const DEADLINE: &str = "deadline";

    /// Every id, in the order docs/FORMAT.md lists them.
    pub const ALL: &[&str] = &[
        TEXT_NEW_RECEIVED,
        TEXT_CARRIED_OVER,
        TEXT_RECEIVED,
        TEXT_HANDLED,
        TEXT_CARRIED_FORWARD,
        TEXT_REVIEWS,
        TEXT_SUITS,
        TEXT_DOCUMENTS,
        TEXT_DECISIONS,
        TEXT_FEE_AMOUNT,
        TEXT_OUTCOMES,
        TEXT_SUITS_PART,
        TEXT_APPEAL_OUTCOME,
        TEXT_DENIES,
        TEXT_COPIED,
        TEXT_REUSED,
        YEAR_JUMP,
        STALE_YEAR,
        FEE_UNIT,
        OLD_BASIS,
        GOVERNMENT_OVERSIGHT,
        FEE_TEXT,
        DEADLINE,
    ];
}

/// [`REVIEW_ROLES`] resolved to cells and fields once.
pub(crate) struct Roles {
    pub new_received: CellId,
    pub carried_over: CellId,
    pub handled: CellId,
    pub carried_forward: CellId,
    pub fee_unpaid: CellId,
    pub reviews: CellId,
    pub direct_suits: CellId,
    pub suits_after_review: CellId,
    /// （一）予以公开 and （二）部分公开 / 总计.
    pub granted: CellId,
    pub partly_granted: CellId,
    /// The 总计 cells of the rows of （三）不予公开, （四）无法提供,
    /// （五）不予处理 and （六）其他处理.
    pub denied: Vec<CellId>,
    pub unable: Vec<CellId>,
    pub not_processed: Vec<CellId>,
    pub other_handling: Vec<CellId>,
    /// For 行政复议, 直接起诉 and 复议后起诉 (in that order): the cells that
    /// are not 结果维持, and the 结果纠正 cell.
    pub not_upheld: [Vec<CellId>; 3],
    pub corrected: [CellId; 3],
    /// `(table, row)` of the 规章 and 行政规范性文件 rows.
    pub rules_row: (usize, usize),
    pub normative_row: (usize, usize),
    pub licensing: CellId,
    pub penalties: CellId,
    pub enforcement: CellId,
    pub fees: CellId,
    pub basis: FieldId,
    pub supervision: FieldId,
    pub fee_text: FieldId,
    /// The paragraph fields of 一, 五 and 六, in order.
    pub narrative: Vec<FieldId>,
    /// Those of them in 一.
    pub overview: Vec<FieldId>,
}

pub(crate) static ROLES: LazyLock<Roles> = LazyLock::new(|| {
    let r = &REVIEW_ROLES;
    let cell =
        |p: &str| schema::find_cell(p).unwrap_or_else(|| panic!("REVIEW_ROLES names no cell {p}"));
    let field = |p: &str| {
        schema::find_field(p).unwrap_or_else(|| panic!("REVIEW_ROLES names no field {p}"))
    };
    let row = |p: &str| {
        let (t, k) = p.split_once('.').expect("a row is table.row");
        let table =
            schema::find_table(t).unwrap_or_else(|| panic!("REVIEW_ROLES names no table {t}"));
        let row = schema::table(table)
            .row_index(k)
            .unwrap_or_else(|| panic!("REVIEW_ROLES names no row {p}"));
        (table, row)
    };
    let fields_of = |sets: &[&str]| -> Vec<FieldId> {
        schema::all_fields()
            .filter(|f| {
                let set = schema::field_set(f.set).key;
                sets.contains(&set) && f.field().kind == schema::FieldKind::Paragraphs
            })
            .collect()
    };
    // The 总计 cells of rows of section 三: the column of （七）总计 / 总计.
    let totals = |rows: &[&str]| -> Vec<CellId> {
        let col = cell(r.handled).col;
        rows.iter()
            .map(|&p| {
                let (table, row) = row(p);
                CellId { table, row, col }
            })
            .collect()
    };
    let appeals = [
        cell(r.reviews),
        cell(r.direct_suits),
        cell(r.suits_after_review),
    ];
    let column = |c: CellId, key: &str| CellId {
        col: c
            .table_def()
            .column_index(key)
            .unwrap_or_else(|| panic!("REVIEW_ROLES names no column {key}")),
        ..c
    };
    let not_upheld = appeals.map(|c| {
        r.appeal_not_upheld
            .iter()
            .map(|k| column(c, k))
            .collect::<Vec<_>>()
    });
    Roles {
        granted: cell(r.granted),
        partly_granted: cell(r.partly_granted),
        denied: totals(r.denied_rows),
        unable: totals(r.unable_rows),
        not_processed: totals(r.not_processed_rows),
        other_handling: totals(r.other_handling_rows),
        not_upheld,
        corrected: appeals.map(|c| column(c, r.appeal_corrected)),
        new_received: cell(r.new_received),
        carried_over: cell(r.carried_over),
        handled: cell(r.handled),
        carried_forward: cell(r.carried_forward),
        fee_unpaid: cell(r.fee_unpaid),
        reviews: cell(r.reviews),
        direct_suits: cell(r.direct_suits),
        suits_after_review: cell(r.suits_after_review),
        rules_row: row(r.rules_row),
        normative_row: row(r.normative_row),
        licensing: cell(r.licensing),
        penalties: cell(r.penalties),
        enforcement: cell(r.enforcement),
        fees: cell(r.fees),
        basis: field(r.basis),
        supervision: field(r.supervision),
        fee_text: field(r.fee_text),
        narrative: fields_of(r.narrative_sets),
        overview: fields_of(&[r.overview_set]),
    }
});

/// The agency level's key when it is one of `keys`.
pub(crate) fn level_in(report: &crate::model::Report, keys: &[&str]) -> bool {
    let level = report.text(schema::ROLES.level());
    !level.is_empty() && keys.contains(&level)
}

/// The label of the report's agency level, in the language.
pub(crate) fn level_label(
    report: &crate::model::Report,
    lang: schema::Lang,
) -> Option<&'static str> {
    let key = report.text(schema::ROLES.level());
    schema::AGENCY_LEVELS
        .iter()
        .find(|c| c.key == key)
        .map(|c| c.label.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_resolves() {
        let r = &*ROLES;
        assert_eq!(r.narrative.len(), 6 + 1 + 5);
        assert_eq!(r.overview.len(), 6);
        assert!(r.fees.column_def().kind == schema::CellKind::Money);
        // （七）总计 is （一）…（六）: the groups cover every result row once.
        let parts = 2 + r.denied.len() + r.unable.len() + r.not_processed.len();
        assert_eq!(parts + r.other_handling.len(), 21);
        assert_eq!(r.not_upheld[2].len(), 3);
        assert_eq!(r.corrected[0].path(), "appeals.review.corrected");
        assert_eq!(r.unable[0].path(), "applications.unable_not_held.total");
    }
}
