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
//!   [`denials`]: the forms that deny one; [`vocabulary`]: their words.
//! - [`rules`]: the rules on one report ([`years`]: stale years);
//!   [`cross_year`]: against last year's.
//! - [`similarity`]: the "nearly identical text" measure.
//! - [`reviewed`]: warnings marked as reviewed (`[[reviewed]]`).
//! - [`draft`]: sentences drafted from the tables.
//! - [`deadline`]: the publication deadline.
//! - [`messages`]: every sentence, whole in each language.

pub mod cross_year;
pub mod deadline;
pub mod denials;
pub mod draft;
pub mod messages;
pub mod numbers;
pub mod phrases;
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
    pub const TEXT_DENIES: &str = "text-denies";
    pub const TEXT_COPIED: &str = "text-copied";
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
        TEXT_DENIES,
        TEXT_COPIED,
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
    Roles {
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
    }
}
