//! Sums beyond what a report file can hold: a cell whose merged value
//! passes the largest count a report stores (`u32::MAX`), and the reports
//! that make it up. Summing itself never overflows (cells are 96-bit
//! decimals; even thousands of reports at the maximum stay far below), so
//! this is found after summing, and named by report and cell rather than by
//! the output that was not written.

use crate::model::Report;
use crate::problem::{Problem, Target};
use crate::schema::{self, CellId, CellKind, Lang};
use crate::store;
use crate::validate;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// The largest count a report file holds in an input cell.
fn count_max() -> Decimal {
    Decimal::from(u32::MAX)
}

/// For every input cell of `sum` beyond what a report holds, the report
/// contributing the most to it (the first of equals) and the problem to
/// show there: located at the cell in that report, naming the sum and the
/// other contributors. Reads the inputs again: rare, so not worth keeping
/// every report while summing.
pub(super) fn find(sum: &Report, inputs: &[&Path], lang: Lang) -> Vec<(PathBuf, Problem)> {
    let over: Vec<CellId> = schema::all_cells()
        .filter(|c| !c.is_computed() && c.column_def().kind == CellKind::Count)
        .filter(|&c| sum.cell(c) > count_max())
        .collect();
    if over.is_empty() {
        return Vec::new();
    }
    let loaded: Vec<_> = inputs
        .iter()
        .filter_map(|p| store::load(p, lang).ok().map(|l| (p.to_path_buf(), l)))
        .collect();
    let mut found = Vec::new();
    for c in over {
        let mut parts: Vec<(&PathBuf, Decimal)> = loaded
            .iter()
            .map(|(p, l)| (p, l.report.cell(c)))
            .filter(|(_, v)| !v.is_zero())
            .collect();
        // Largest first; equal values keep the input order.
        parts.sort_by_key(|part| std::cmp::Reverse(part.1));
        let Some(&(first, value)) = parts.first() else {
            continue;
        };
        let others: Vec<String> = parts[1..]
            .iter()
            .map(|(p, v)| format!("{} ({v})", p.display()))
            .collect();
        let total = sum.cell(c);
        let max = u32::MAX;
        let others = others.join(", ");
        let message = match lang {
            Lang::Zh => format!(
                "此格为 {value}，与其他报告相加后为 {total}，超出报告能保存的上限 {max}；其他报告：{others}。请核对此数"
            ),
            Lang::En => format!(
                "this cell holds {value}; summed with the other reports it comes to {total}, more than a report can hold ({max}). The others: {others}. Check this number"
            ),
        };
        let mut p = Problem::error(c.path(), validate::cell_place(c, lang), message)
            .target(Target::Cell(c));
        let at = loaded
            .iter()
            .find(|(path, _)| path == first)
            .and_then(|(_, l)| l.lines.find(&c.path()));
        if let Some((line, col)) = at {
            p = p.at(line, col);
        }
        found.push((first.clone(), p));
    }
    found
}
