//! What changed from last year's report to this year's, as data every
//! writer prints: the key figures ([`schema::KEY_FIGURES`]), every table
//! cell that changed, every text field's sentences (kept — the reuse
//! measure of [`crate::review::reuse`] — added and removed) and the
//! cross-year findings of `check --previous` with their rule ids.

use crate::model::Report;
use crate::problem::{Problem, Severity};
use crate::review::cross_year::{JUMP_FACTOR, JUMP_FLOOR};
use crate::review::reuse::{self, LastYear};
use crate::review::similarity::{normalise, similarity};
use crate::schema::{self, CellId, FieldId, FieldKind, Label, Lang};
use crate::validate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// One figure, last year → this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub last: Decimal,
    pub this: Decimal,
}

impl Change {
    pub fn difference(self) -> Decimal {
        self.this - self.last
    }

    /// The change in percent of last year's figure, one place; `None` when
    /// last year's is 0.
    pub fn percent(self) -> Option<Decimal> {
        if self.last.is_zero() {
            return None;
        }
        Some((self.difference() * Decimal::from(100) / self.last).round_dp(1))
    }

    /// More than [`JUMP_FACTOR`] times up or down, with the larger figure at
    /// least [`JUMP_FLOOR`] — the threshold of the review rule `year-jump`.
    pub fn is_jump(self) -> bool {
        let (lo, hi) = (self.last.min(self.this), self.last.max(self.this));
        hi >= Decimal::from(JUMP_FLOOR) && hi > lo * Decimal::from(JUMP_FACTOR)
    }

    /// How many times last year's, when that is not 0: `17` or `0.2`.
    pub fn factor(self) -> Option<String> {
        if self.last.is_zero() {
            return None;
        }
        let f = (self.this / self.last).to_f64()?;
        Some(if f >= 10.0 {
            format!("{f:.0}")
        } else {
            format!("{f:.1}")
        })
    }

    /// The change in words for one line: `×17`, `+12.5%`, `−30.0%`, `新增`,
    /// `不变`.
    pub fn words(self, lang: Lang) -> String {
        if self.this == self.last {
            return lang.pick("不变", "unchanged").to_string();
        }
        if self.last.is_zero() {
            return lang.pick("新增", "new").to_string();
        }
        match (self.is_jump(), self.factor(), self.percent()) {
            (true, Some(f), _) if !self.this.is_zero() => format!("×{f}"),
            (_, _, Some(p)) => signed_percent(p),
            _ => String::new(),
        }
    }
}

/// `+12.5%` or `−30.0%` (a real minus sign).
pub fn signed_percent(p: Decimal) -> String {
    if p.is_sign_negative() {
        format!("−{:.1}%", -p)
    } else {
        format!("+{p:.1}%")
    }
}

/// `+12` or `−3` (a real minus sign); `0` unsigned.
pub fn signed(d: Decimal) -> String {
    if d.is_zero() {
        "0".into()
    } else if d.is_sign_negative() {
        format!("−{}", -d)
    } else {
        format!("+{d}")
    }
}

/// A key figure of [`schema::KEY_FIGURES`], both years.
#[derive(Debug, Clone)]
pub struct KeyRow {
    pub label: &'static Label,
    pub change: Change,
    /// The share of its whole (`share_of`) in percent, last and this year.
    pub share: Option<(Option<Decimal>, Option<Decimal>)>,
}

/// A table cell whose value changed.
#[derive(Debug, Clone, Copy)]
pub struct CellChange {
    pub cell: CellId,
    pub change: Change,
}

/// One text field, sentence by sentence.
#[derive(Debug, Clone, Default)]
pub struct TextChange {
    pub field: Option<FieldId>,
    /// This year's sentences that stand in last year's texts (与往年雷同).
    pub kept: Vec<String>,
    /// This year's sentences that do not.
    pub added: Vec<String>,
    /// Last year's sentences of this field that stand nowhere in this year's texts.
    pub removed: Vec<String>,
    /// The whole-text similarity of `text-copied` (0–1), when both texts
    /// are long enough to compare.
    pub similarity: Option<f64>,
    /// Characters of this year's text, and of its kept sentences.
    pub chars: usize,
    pub kept_chars: usize,
}

/// Everything `compare` says about one pair of reports.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// This year's agency name (last year's when this year's is empty).
    pub agency: String,
    pub last_year: Option<i32>,
    pub this_year: Option<i32>,
    /// The files, as given.
    pub last_name: String,
    pub this_name: String,
    pub key_figures: Vec<KeyRow>,
    pub changed: Vec<CellChange>,
    /// Cells with the same value both years: counted, not listed.
    pub unchanged: usize,
    /// The paragraph and one-line text fields that are not empty in either year.
    pub texts: Vec<TextChange>,
    /// Warnings and errors of the cross-year rules, each with its rule id.
    pub findings: Vec<Finding>,
}

/// A cross-year finding.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub place: String,
    pub message: String,
}

impl Comparison {
    /// Compares `this` with `last`; messages in `lang`.
    pub fn of(
        last: &Report,
        this: &Report,
        last_name: &str,
        this_name: &str,
        lang: Lang,
    ) -> Comparison {
        let agency_field = schema::ROLES.agency();
        let agency = [this, last]
            .iter()
            .map(|r| r.text(agency_field).trim())
            .find(|a| !a.is_empty())
            .unwrap_or_default()
            .to_string();
        let (changed, unchanged) = changed_cells(last, this);
        Comparison {
            agency,
            last_year: last.year(),
            this_year: this.year(),
            last_name: last_name.to_string(),
            this_name: this_name.to_string(),
            key_figures: key_figures(last, this),
            changed,
            unchanged,
            texts: texts(last, this),
            findings: findings(last, this, last_name, lang),
        }
    }

    /// The share of this year's text characters in kept sentences, in percent.
    pub fn reused_percent(&self) -> Option<Decimal> {
        let chars: usize = self.texts.iter().map(|t| t.chars).sum();
        let kept: usize = self.texts.iter().map(|t| t.kept_chars).sum();
        (chars > 0).then(|| (Decimal::from(kept * 100) / Decimal::from(chars)).round_dp(1))
    }

    /// The key figure of new applications (the first of [`schema::KEY_FIGURES`]).
    pub fn applications(&self) -> Option<Change> {
        self.key_figures.first().map(|k| k.change)
    }

    /// This agency's row of the overview of many, as text: the agency,
    /// applications last and this year and the change, the share of text
    /// kept from last year, the number of findings.
    pub fn overview_cells(&self, lang: Lang) -> [String; 6] {
        let apps = self.applications().unwrap_or(Change {
            last: 0.into(),
            this: 0.into(),
        });
        let reused = self
            .reused_percent()
            .map(|p| format!("{p}%"))
            .unwrap_or_else(|| "—".into());
        [
            self.agency.clone(),
            apps.last.to_string(),
            apps.this.to_string(),
            apps.words(lang),
            reused,
            self.findings.len().to_string(),
        ]
    }
}

fn sum_of(report: &Report, paths: &[&str]) -> Decimal {
    paths.iter().filter_map(|p| report.cell_at(p)).sum()
}

fn key_figures(last: &Report, this: &Report) -> Vec<KeyRow> {
    schema::KEY_FIGURES
        .iter()
        .map(|k| {
            let (l, t) = (sum_of(last, k.cells), sum_of(this, k.cells));
            let share = k.share_of.map(|whole| {
                let pct = |part: Decimal, r: &Report| {
                    let w = sum_of(r, &[whole]);
                    (!w.is_zero()).then(|| (part * Decimal::from(100) / w).round_dp(1))
                };
                (pct(l, last), pct(t, this))
            });
            KeyRow {
                label: &k.label,
                change: Change { last: l, this: t },
                share,
            }
        })
        .collect()
}

/// The input cells that changed most (by size of the difference; in
/// schema order among equals), at most `n`: what 核对 lists.
pub fn largest(last: &Report, this: &Report, n: usize) -> Vec<CellChange> {
    let (changed, _) = changed_cells(last, this);
    let mut inputs: Vec<CellChange> = changed
        .into_iter()
        .filter(|c| !c.cell.is_computed())
        .collect();
    inputs.sort_by(|a, b| {
        let size = |c: &CellChange| c.change.difference().abs();
        size(b).cmp(&size(a)).then(a.cell.cmp(&b.cell))
    });
    inputs.truncate(n);
    inputs
}

/// The cells that differ, and how many do not.
pub fn changed_cells(last: &Report, this: &Report) -> (Vec<CellChange>, usize) {
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for cell in schema::all_cells() {
        let change = Change {
            last: last.cell(cell),
            this: this.cell(cell),
        };
        if change.last == change.this {
            unchanged += 1;
        } else {
            changed.push(CellChange { cell, change });
        }
    }
    (changed, unchanged)
}

/// The text fields compared: paragraphs (the report's prose).
fn compared_fields() -> impl Iterator<Item = FieldId> {
    schema::all_fields().filter(|f| f.field().kind == FieldKind::Paragraphs)
}

/// Every paragraph field not empty in either year, sentence by sentence.
pub fn texts(last: &Report, this: &Report) -> Vec<TextChange> {
    let last_all = LastYear::new(compared_fields().map(|f| last.text(f)));
    let this_all = LastYear::new(compared_fields().map(|f| this.text(f)));
    compared_fields()
        .filter(|&f| !this.text(f).trim().is_empty() || !last.text(f).trim().is_empty())
        .map(|f| text_change(f, last.text(f), this.text(f), &last_all, &this_all))
        .collect()
}

/// One field: kept are the sentences the reuse measure finds in last year's
/// texts; a sentence too short for the measure that stands word for word in
/// last year's field is neither added nor removed.
fn text_change(
    field: FieldId,
    last: &str,
    this: &str,
    last_all: &LastYear,
    this_all: &LastYear,
) -> TextChange {
    let kept: Vec<&str> = reuse::reused(this, last_all)
        .iter()
        .map(|r| r.sentence)
        .collect();
    let still_there: Vec<&str> = reuse::reused(last, this_all)
        .iter()
        .map(|r| r.sentence)
        .collect();
    let last_sentences: Vec<&str> = reuse::sentences(last).collect();
    let this_sentences: Vec<&str> = reuse::sentences(this).collect();
    let added = this_sentences
        .iter()
        .filter(|s| !kept.contains(s) && !last_sentences.contains(s))
        .map(|s| s.to_string())
        .collect();
    let removed = last_sentences
        .iter()
        .filter(|s| !still_there.contains(s) && !this_sentences.contains(s))
        .map(|s| s.to_string())
        .collect();
    TextChange {
        field: Some(field),
        similarity: similarity(&normalise(this), &normalise(last)),
        chars: this_sentences.iter().map(|s| s.chars().count()).sum(),
        kept_chars: kept.iter().map(|s| s.chars().count()).sum(),
        kept: kept.into_iter().map(str::to_string).collect(),
        added,
        removed,
    }
}

/// The cross-year rules (`check --previous`), with their ids: those of the
/// review rules, and the format's own (FORMAT.md §7.13–§7.15) told by the
/// path they are about.
fn findings(last: &Report, this: &Report, last_name: &str, lang: Lang) -> Vec<Finding> {
    validate::cross_year(this, last, last_name, lang)
        .into_iter()
        .filter(|p| !p.note)
        .map(|p| Finding {
            rule: rule_id(&p),
            severity: p.severity,
            place: p.place,
            message: p.message,
        })
        .collect()
}

fn rule_id(p: &Problem) -> &'static str {
    if let Some(rule) = p.rule {
        return rule;
    }
    let year = schema::ROLES.year().path();
    let (carried_table, carried_row) = schema::ROLES.carried_over();
    let (force_table, force_col) = schema::ROLES.in_force();
    match schema::find_cell(&p.path) {
        Some(c) if (c.table, c.row) == (carried_table, carried_row) => "carry-over",
        Some(c) if (c.table, c.col) == (force_table, force_col) => "in-force",
        _ if p.path == year => "consecutive-years",
        _ => "cross-year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(last: i64, this: i64) -> Change {
        Change {
            last: Decimal::from(last),
            this: Decimal::from(this),
        }
    }

    #[test]
    fn percent_factor_and_jump() {
        assert_eq!(change(200, 250).percent(), Some(Decimal::new(250, 1)));
        assert_eq!(change(0, 5).percent(), None);
        assert!(change(550, 9487).is_jump());
        assert_eq!(change(550, 9487).words(Lang::Zh), "×17");
        assert!(!change(3, 20).is_jump(), "below the floor");
        assert!(change(300, 40).is_jump(), "down too");
        assert_eq!(change(300, 40).words(Lang::En), "×0.1");
        assert_eq!(change(200, 150).words(Lang::Zh), "−25.0%");
        assert_eq!(change(6, 42).words(Lang::Zh), "+600.0%");
        assert_eq!(change(0, 7).words(Lang::Zh), "新增");
        assert_eq!(change(550, 0).words(Lang::Zh), "−100.0%");
        assert_eq!(change(7, 7).words(Lang::En), "unchanged");
    }

    #[test]
    fn every_key_figure_names_cells() {
        for k in schema::KEY_FIGURES {
            for p in k.cells.iter().chain(k.share_of.iter()) {
                assert!(schema::find_cell(p).is_some(), "{p}");
            }
        }
    }
}
