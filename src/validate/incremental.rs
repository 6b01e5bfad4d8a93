//! Validation in parts, so that the wizard re-runs only what a change can
//! affect: every rule of [`super::validate`] and [`super::cross_year`] is a
//! [`Check`] that declares what it [`Reads`] of the report — fields, cells,
//! rows, columns, whole tables, last year's report — in the one place where
//! it is listed ([`super::one_report_checks`], [`super::cross_year_checks`],
//! and the review rules' lists). [`Incremental`] keeps each check's
//! problems, compares the report with the one it last saw, and re-runs the
//! checks that read a field or cell that changed: a digit typed in a table
//! re-checks its cell, the totals of its table and the rules that read those
//! cells; a character typed in a text re-reads that text and the rules that
//! read it. The full functions run the same checks, all of them, so the two
//! cannot disagree unless a check reads something it did not declare — which
//! the wizard's equivalence test (`tests/edit/incremental.rs`) catches.

use crate::model::Report;
use crate::problem::Problem;
use crate::schema::{self, CellId, FieldId, Lang};

/// One part of the report that a check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    Field(FieldId),
    Cell(CellId),
    Row {
        table: usize,
        row: usize,
    },
    Column {
        table: usize,
        col: usize,
    },
    /// Every cell of a table.
    Table(usize),
    /// Last year's report (the whole of it; it does not change while
    /// editing).
    Previous,
}

impl Reads {
    /// Whether a change of this cell is a change of what is read: the
    /// definition [`CheckIndex`] lists cells by, asked directly (its test).
    #[cfg(test)]
    fn covers_cell(self, c: CellId) -> bool {
        match self {
            Reads::Cell(x) => x == c,
            Reads::Row { table, row } => c.table == table && c.row == row,
            Reads::Column { table, col } => c.table == table && c.col == col,
            Reads::Table(t) => c.table == t,
            Reads::Field(_) | Reads::Previous => false,
        }
    }
}

/// What a check is given: the report, the facts from outside it, and last
/// year's report with its name when there is one.
pub struct Inputs<'a> {
    pub report: &'a Report,
    pub lang: Lang,
    /// The year being reported on now ([`super::Context::this_year`]).
    pub this_year: i32,
    pub previous: Option<(&'a Report, &'a str)>,
}

type Run = dyn Fn(&Inputs, &mut Vec<Problem>) + Send + Sync;

/// One rule (or one rule on one field or cell): what it reads, and how it
/// finds its problems. It must read nothing of the report but `reads`.
pub struct Check {
    pub reads: Vec<Reads>,
    pub run: Box<Run>,
}

impl Check {
    pub fn new(
        reads: Vec<Reads>,
        run: impl Fn(&Inputs, &mut Vec<Problem>) + Send + Sync + 'static,
    ) -> Check {
        Check {
            reads,
            run: Box::new(run),
        }
    }

    /// Whether a change reads into this check: what [`CheckIndex`] looks up,
    /// asked directly (its test).
    #[cfg(test)]
    fn affected_by(&self, changes: &Changes) -> bool {
        self.reads.iter().any(|&r| match r {
            Reads::Field(f) => changes.fields.contains(&f),
            Reads::Previous => false,
            _ => changes.cells.iter().any(|&c| r.covers_cell(c)),
        })
    }
}

/// The fields and cells that differ between two reports.
#[derive(Debug, Default)]
struct Changes {
    fields: Vec<FieldId>,
    cells: Vec<CellId>,
}

impl Changes {
    fn between(before: &Report, after: &Report) -> Changes {
        let fields = schema::all_fields()
            .filter(|&f| before.text(f) != after.text(f))
            .collect();
        let mut cells = Vec::new();
        // Compared as stored, not as numbers (1.0 and 1 differ here): a
        // cell whose digits changed is re-checked, at a fraction of the
        // cost of comparing every cell's value on every key.
        let differ =
            |x: &rust_decimal::Decimal, y: &rust_decimal::Decimal| x.serialize() != y.serialize();
        for table in 0..schema::tables().count() {
            let (a, b) = (before.table_cells(table), after.table_cells(table));
            let cols = schema::table(table).columns.len();
            for (i, _) in a
                .iter()
                .zip(b)
                .enumerate()
                .filter(|(_, (x, y))| differ(x, y))
            {
                cells.push(CellId {
                    table,
                    row: i / cols,
                    col: i % cols,
                });
            }
        }
        Changes { fields, cells }
    }

    fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.cells.is_empty()
    }
}

/// The problems of a report kept up to date change by change: the same
/// list, in the same order, as [`super::validate`] followed by
/// [`super::cross_year`] (when last year's report is given) would return.
pub struct Incremental {
    lang: Lang,
    this_year: i32,
    /// The report as last checked (`None`: nothing checked yet).
    seen: Option<Report>,
    /// Per check of [`super::one_report_checks`] then
    /// [`super::cross_year_checks`], its problems with the marks of
    /// `[[reviewed]]` applied.
    found: Vec<Vec<Problem>>,
    /// How many checks the last update ran.
    last_run: usize,
}

impl Incremental {
    pub fn new(cx: super::Context) -> Incremental {
        Incremental {
            lang: cx.lang,
            this_year: cx.this_year,
            seen: None,
            found: Vec::new(),
            last_run: 0,
        }
    }

    /// How many checks the last [`Incremental::update`] ran (all of them at
    /// the first).
    pub fn last_run(&self) -> usize {
        self.last_run
    }

    /// Brings the problems up to date with `report`. Last year's report must
    /// be the same at every call. Returns the whole list when it changed.
    pub fn update(
        &mut self,
        report: &Report,
        previous: Option<(&Report, &str)>,
    ) -> Option<Vec<Problem>> {
        let inputs = Inputs {
            report,
            lang: self.lang,
            this_year: self.this_year,
            previous,
        };
        let checks = all_checks(previous.is_some());
        let marks = &report.meta.reviewed;
        let Some(seen) = self.seen.as_mut() else {
            self.found = checks
                .map(|c| {
                    let mut out = Vec::new();
                    (c.run)(&inputs, &mut out);
                    crate::review::reviewed::apply(marks, &mut out);
                    out
                })
                .collect();
            self.seen = Some(report.clone());
            self.last_run = self.found.len();
            return Some(self.list());
        };
        let changes = Changes::between(seen, report);
        let marks_changed = seen.meta.reviewed != *marks;
        self.last_run = 0;
        if changes.is_empty() && !marks_changed {
            return None;
        }
        let affected = CheckIndex::of(previous.is_some()).affected_by(&changes);
        let mut changed = false;
        for ((check, found), affected) in checks.zip(self.found.iter_mut()).zip(affected) {
            if affected {
                self.last_run += 1;
                let mut out = Vec::new();
                (check.run)(&inputs, &mut out);
                crate::review::reviewed::apply(marks, &mut out);
                if out != *found {
                    *found = out;
                    changed = true;
                }
            } else if marks_changed {
                let before = found.clone();
                found.iter_mut().for_each(|p| p.reviewed = None);
                crate::review::reviewed::apply(marks, found);
                changed |= before != *found;
            }
        }
        // Only what changed is copied into the report as seen.
        for &f in &changes.fields {
            seen.set_text(f, report.text(f));
        }
        for &c in &changes.cells {
            seen.set_cell_raw(c, report.cell(c));
        }
        if marks_changed {
            seen.meta.reviewed = marks.clone();
        }
        changed.then(|| self.list())
    }

    fn list(&self) -> Vec<Problem> {
        self.found.iter().flatten().cloned().collect()
    }
}

/// Which checks read each field and each cell, worked out once from their
/// [`Reads`]: a key then looks up the few checks its change touches
/// instead of asking each of the 259 what it reads.
struct CheckIndex {
    count: usize,
    /// Per field set, per field: the checks that read it.
    by_field: Vec<Vec<Vec<usize>>>,
    /// Per table, per cell (row-major): the checks that read it.
    by_cell: Vec<Vec<Vec<usize>>>,
}

impl CheckIndex {
    fn of(with_previous: bool) -> &'static CheckIndex {
        static WITHOUT: std::sync::LazyLock<CheckIndex> =
            std::sync::LazyLock::new(|| CheckIndex::build(false));
        static WITH: std::sync::LazyLock<CheckIndex> =
            std::sync::LazyLock::new(|| CheckIndex::build(true));
        if with_previous { &WITH } else { &WITHOUT }
    }

    fn build(with_previous: bool) -> CheckIndex {
        let mut by_field: Vec<Vec<Vec<usize>>> = (0..schema::counts().0)
            .map(|set| vec![Vec::new(); schema::field_set(set).fields.len()])
            .collect();
        let mut by_cell: Vec<Vec<Vec<usize>>> = schema::tables()
            .map(|(_, t)| vec![Vec::new(); t.rows.len() * t.columns.len()])
            .collect();
        let mut count = 0;
        for (k, check) in all_checks(with_previous).enumerate() {
            count += 1;
            for &r in &check.reads {
                let table = match r {
                    Reads::Field(f) => {
                        by_field[f.set][f.field].push(k);
                        continue;
                    }
                    Reads::Previous => continue,
                    Reads::Cell(c) => c.table,
                    Reads::Row { table, .. }
                    | Reads::Column { table, .. }
                    | Reads::Table(table) => table,
                };
                let def = schema::table(table);
                let cols = def.columns.len();
                // The cells a read covers, listed rather than searched for.
                let covered: Vec<usize> = match r {
                    Reads::Cell(c) => vec![c.row * cols + c.col],
                    Reads::Row { row, .. } => (0..cols).map(|col| row * cols + col).collect(),
                    Reads::Column { col, .. } => {
                        (0..def.rows.len()).map(|row| row * cols + col).collect()
                    }
                    _ => (0..def.rows.len() * cols).collect(),
                };
                for i in covered {
                    by_cell[table][i].push(k);
                }
            }
        }
        CheckIndex {
            count,
            by_field,
            by_cell,
        }
    }

    /// Per check, in order, whether a change reads into it.
    fn affected_by(&self, changes: &Changes) -> Vec<bool> {
        let mut affected = vec![false; self.count];
        let fields = changes
            .fields
            .iter()
            .map(|f| &self.by_field[f.set][f.field]);
        let cells = changes.cells.iter().map(|c| {
            let cols = schema::table(c.table).columns.len();
            &self.by_cell[c.table][c.row * cols + c.col]
        });
        for &k in fields.chain(cells).flatten() {
            affected[k] = true;
        }
        affected
    }
}

/// The checks in the order the full functions run them.
fn all_checks(with_previous: bool) -> impl Iterator<Item = &'static Check> {
    let cross: &'static [Check] = if with_previous {
        super::cross_year_checks()
    } else {
        &[]
    };
    super::one_report_checks().iter().chain(cross)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::find_cell;

    /// The index gives, for every single field and cell changed, the very
    /// checks that say they read it.
    #[test]
    fn the_index_finds_the_checks_that_read_a_change() {
        for with_previous in [false, true] {
            let index = CheckIndex::of(with_previous);
            let one = |changes: Changes| {
                let asked: Vec<bool> = all_checks(with_previous)
                    .map(|c| c.affected_by(&changes))
                    .collect();
                assert_eq!(index.affected_by(&changes), asked, "{changes:?}");
            };
            for f in schema::all_fields() {
                one(Changes {
                    fields: vec![f],
                    cells: vec![],
                });
            }
            for c in schema::all_cells() {
                one(Changes {
                    fields: vec![],
                    cells: vec![c],
                });
            }
        }
    }

    /// The work follows the change: a digit in a cell of 三 runs its own
    /// check, its table's totals, its column's 勾稽 and the rules that read
    /// the totals it feeds; a character in a text its own checks.
    #[test]
    fn a_change_reruns_only_the_checks_that_read_it() {
        let cx = super::super::Context {
            lang: Lang::Zh,
            this_year: 2026,
        };
        let mut report = Report::for_year(2025);
        let on_request = schema::find_field("overview.on_request").unwrap();
        report.set_text(on_request, "全年新收政府信息公开申请12件。");
        let mut checks = Incremental::new(cx);
        assert!(checks.update(&report, None).is_some());
        let all = checks.last_run();
        assert_eq!(all, super::super::one_report_checks().len());

        let natural = find_cell("applications.new_received.natural").unwrap();
        report.set_cell(natural, 7.into());
        assert!(checks.update(&report, None).is_some());
        let for_a_digit = checks.last_run();
        eprintln!("a digit in 三 ran {for_a_digit} of {all} checks");
        assert!(
            for_a_digit > 1 && for_a_digit * 4 < all,
            "{for_a_digit} of {all}"
        );

        // A cell of a one-cell table: its own check and the texts' rules
        // that read it (12 texts).
        let licensing = find_cell("article20_5.licensing.decisions").unwrap();
        report.set_cell(licensing, 3.into());
        checks.update(&report, None);
        assert_eq!(checks.last_run(), 1 + 12);

        let mut text = report.text(on_request).to_string();
        text.push('另');
        report.set_text(on_request, text);
        checks.update(&report, None);
        assert!(checks.last_run() <= 4, "{}", checks.last_run());

        // Nothing changed: nothing runs, and the list is the same.
        assert!(checks.update(&report, None).is_none());
        assert_eq!(checks.last_run(), 0);
        assert_eq!(checks.list(), super::super::validate(&report, cx));
    }
}
