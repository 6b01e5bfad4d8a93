//! Last year's report in the wizard, when it is loaded (`meta.previous`):
//! the focused cell's value last year and the change, for the line under a
//! table, and on 核对 the five largest changes and the texts with sentences
//! kept from last year — each an entry Enter jumps from. The figures are
//! `compare`'s ([`crate::compare::diff`]).

use super::app::App;
use crate::compare::diff::{self, Change};
use crate::entry::focus::Focus;
use crate::model::Report;
use crate::schema::{CellId, Lang};

/// How many of the largest changes 核对 lists.
pub const LARGEST: usize = 5;

/// `上年 550 → 本年 9487，×17` for a cell, when last year's report is loaded.
pub fn cell_line(app: &App, cell: CellId) -> Option<String> {
    let last = app.last_year()?;
    let change = Change {
        last: last.cell(cell),
        this: app.report.cell(cell),
    };
    let (l, t, words) = (change.last, change.this, change.words(app.lang));
    Some(sentence!(
        app.lang,
        "上年 {l} → 本年 {t}，{words}",
        "last year {l} → this year {t}, {words}"
    ))
}

/// One entry of 核对 after the problems: what it says and where Enter goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub target: Focus,
}

/// The five largest changes of input cells, then each text with sentences
/// kept from last year; none without last year's report.
pub fn entries(app: &App) -> Vec<Entry> {
    let Some(last) = app.last_year() else {
        return Vec::new();
    };
    let mut out = largest(last, &app.report, app.lang);
    out.extend(reused(last, &app.report, app.lang));
    out
}

fn largest(last: &Report, this: &Report, lang: Lang) -> Vec<Entry> {
    let (changed, _) = diff::changed_cells(last, this);
    let mut inputs: Vec<_> = changed
        .into_iter()
        .filter(|c| !c.cell.is_computed())
        .collect();
    inputs.sort_by(|a, b| {
        let size = |c: &diff::CellChange| c.change.difference().abs();
        size(b).cmp(&size(a)).then(a.cell.cmp(&b.cell))
    });
    inputs
        .into_iter()
        .take(LARGEST)
        .map(|c| {
            let label = c.cell.label(lang);
            let (l, t, words) = (c.change.last, c.change.this, c.change.words(lang));
            Entry {
                text: sentence!(
                    lang,
                    "[变化] {label}：{l} → {t}，{words}",
                    "[change] {label}: {l} → {t}, {words}"
                ),
                target: Focus::Cell(c.cell),
            }
        })
        .collect()
}

fn reused(last: &Report, this: &Report, lang: Lang) -> Vec<Entry> {
    diff::texts(last, this)
        .into_iter()
        .filter(|t| !t.kept.is_empty())
        .filter_map(|t| {
            let field = t.field?;
            let label = crate::compare::text::field_label(field, lang);
            let n = t.kept.len();
            let first = &t.kept[0];
            Some(Entry {
                text: sentence!(
                    lang,
                    "[雷同] {label}：{n} 句与上年相同：“{first}”",
                    "[kept] {label}: {n} sentence(s) as last year, e.g. “{first}”"
                ),
                target: Focus::Field(field),
            })
        })
        .collect()
}
