//! The values of one report, laid out by the schema.
//!
//! Text fields are strings; every cell is an exact [`Decimal`] (counts are
//! whole numbers, the fee cell is 万元 with up to four places — never a float).
//! Computed cells (totals) are derived from their inputs by [`Report::recompute`]
//! and kept current by [`Report::set_cell`]. No I/O, no terminal here.

use crate::schema::{self, CellId, FieldId, Table};
use rust_decimal::Decimal;

/// One report: contact facts, texts and every table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Per field set (in [`schema::field_sets`] order), per field.
    texts: Vec<Vec<String>>,
    /// Per table (in [`schema::tables`] order), row-major cells.
    cells: Vec<Vec<Decimal>>,
    /// Bookkeeping that is not part of the published report.
    pub meta: Meta,
}

/// File bookkeeping stored under `[meta]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Where the wizard was when the file was last saved (a schema path).
    pub resume_at: Option<String>,
    /// Last year's report, for the cross-year checks.
    pub previous: Option<String>,
    /// The files a merged report was summed from.
    pub merged_from: Vec<String>,
    /// Warnings marked as reviewed (`[[reviewed]]`), in file order.
    pub reviewed: Vec<crate::problem::Reviewed>,
}

impl Default for Report {
    fn default() -> Self {
        Self::empty()
    }
}

impl Report {
    /// A report with empty texts and every cell zero.
    pub fn empty() -> Report {
        let texts = schema::field_sets()
            .map(|(_, fs)| vec![String::new(); fs.fields.len()])
            .collect();
        let cells = schema::tables()
            .map(|(_, t)| vec![Decimal::ZERO; t.rows.len() * t.columns.len()])
            .collect();
        Report {
            texts,
            cells,
            meta: Meta::default(),
        }
    }

    /// An empty report for the given year.
    pub fn for_year(year: i32) -> Report {
        let mut r = Report::empty();
        r.set_year(year);
        r
    }

    pub fn text(&self, f: FieldId) -> &str {
        &self.texts[f.set][f.field]
    }

    pub fn set_text(&mut self, f: FieldId, value: impl Into<String>) {
        self.texts[f.set][f.field] = value.into();
    }

    /// The text of a field by path, e.g. `contact.phone` (empty when unknown).
    pub fn text_at(&self, path: &str) -> &str {
        schema::find_field(path).map(|f| self.text(f)).unwrap_or("")
    }

    pub fn cell(&self, c: CellId) -> Decimal {
        let cols = schema::table(c.table).columns.len();
        self.cells[c.table][c.row * cols + c.col]
    }

    /// Sets an input cell and recomputes the totals of its table.
    pub fn set_cell(&mut self, c: CellId, value: Decimal) {
        let def = schema::table(c.table);
        self.cells[c.table][c.row * def.columns.len() + c.col] = value;
        recompute_table(def, &mut self.cells[c.table]);
    }

    /// Sets a cell without recomputing totals; for readers that verify stored
    /// totals afterwards. Call [`Report::recompute`] when done.
    pub fn set_cell_raw(&mut self, c: CellId, value: Decimal) {
        let cols = schema::table(c.table).columns.len();
        self.cells[c.table][c.row * cols + c.col] = value;
    }

    /// The cell by path, e.g. `applications.total_handled.natural`.
    pub fn cell_at(&self, path: &str) -> Option<Decimal> {
        schema::find_cell(path).map(|c| self.cell(c))
    }

    /// A copy of a table's cells (row-major) with one value changed and
    /// the totals computed again; the report itself is left as it is.
    pub fn table_with(&self, c: CellId, value: Decimal) -> Vec<Decimal> {
        let def = schema::table(c.table);
        let mut cells = self.cells[c.table].clone();
        cells[c.row * def.columns.len() + c.col] = value;
        recompute_table(def, &mut cells);
        cells
    }

    /// All cells of a table, row-major.
    pub fn table_cells(&self, table: usize) -> &[Decimal] {
        &self.cells[table]
    }

    /// Derives every computed cell from its inputs.
    pub fn recompute(&mut self) {
        for (i, (_, def)) in schema::tables().enumerate() {
            recompute_table(def, &mut self.cells[i]);
        }
    }

    /// The report year, when the field holds a number.
    pub fn year(&self) -> Option<i32> {
        self.text(schema::ROLES.year()).trim().parse().ok()
    }

    pub fn set_year(&mut self, year: i32) {
        self.set_text(schema::ROLES.year(), year.to_string());
    }

    /// Adds every input cell of `other` into this report and recomputes totals.
    pub fn add_cells(&mut self, other: &Report) {
        self.add_cells_raw(other);
        self.recompute();
    }

    /// Adds every cell of `other`, totals included, without recomputing: for
    /// summing many reports, with one [`Report::recompute`] at the end.
    pub fn add_cells_raw(&mut self, other: &Report) {
        for (mine, theirs) in self.cells.iter_mut().zip(&other.cells) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += *b;
            }
        }
    }

    /// Whether every text is empty and every cell zero.
    pub fn is_blank(&self) -> bool {
        self.texts.iter().flatten().all(String::is_empty)
            && self.cells.iter().flatten().all(Decimal::is_zero)
    }
}

/// What a computed cell should hold given the current inputs, or `None` for
/// an input cell.
pub fn expected_total(def: &Table, cells: &[Decimal], row: usize, col: usize) -> Option<Decimal> {
    let parts = sums_of(def).cells[row * def.columns.len() + col].as_ref()?;
    Some(sum_of_cells(cells, parts))
}

/// The cells a computed cell adds up (what [`expected_total`] reads), or
/// `None` for an input cell.
pub fn total_parts(c: CellId) -> Option<Vec<CellId>> {
    let def = schema::table(c.table);
    let cols = def.columns.len();
    let parts = sums_of(def).cells[c.row * cols + c.col].as_ref()?;
    Some(
        parts
            .iter()
            .map(|&i| CellId {
                table: c.table,
                row: i / cols,
                col: i % cols,
            })
            .collect(),
    )
}

/// The sum of some cells. Whole non-negative numbers, nearly every count,
/// are added as integers, without `Decimal`'s scaling on every addition;
/// anything else, or a sum beyond `Decimal`, takes `Decimal`'s own sum.
fn sum_of_cells(cells: &[Decimal], parts: &[usize]) -> Decimal {
    let mut whole: i128 = 0;
    for &p in parts {
        let v = cells[p];
        if v.scale() != 0 || v.is_sign_negative() {
            return parts.iter().map(|&p| cells[p]).sum();
        }
        // At most 2^96 each: no overflow before 2^31 parts.
        whole += v.mantissa();
    }
    Decimal::try_from_i128_with_scale(whole, 0)
        .unwrap_or_else(|_| parts.iter().map(|&p| cells[p]).sum())
}

/// Which cells each computed cell of a table adds up, by their place in
/// the table's row-major cells: worked out once from the schema's row and
/// column keys, since totals are recomputed on every digit typed.
struct Sums {
    /// Per cell, the cells it sums; `None` for an input cell.
    cells: Vec<Option<Vec<usize>>>,
}

fn sums_of(def: &Table) -> &'static Sums {
    static SUMS: std::sync::LazyLock<Vec<(&'static Table, Sums)>> =
        std::sync::LazyLock::new(|| schema::tables().map(|(_, t)| (t, Sums::of(t))).collect());
    &SUMS
        .iter()
        .find(|(t, _)| std::ptr::eq(*t, def))
        .expect("a table of the schema")
        .1
}

impl Sums {
    fn of(def: &Table) -> Sums {
        let cols = def.columns.len();
        // A cell of an input row, or the row's own total for a total column.
        let row_value = |row: usize, col: usize| -> Vec<usize> {
            let c = &def.columns[col];
            if c.sum_of.is_empty() {
                vec![row * cols + col]
            } else {
                c.sum_of
                    .iter()
                    .filter_map(|k| def.column_index(k))
                    .map(|ci| row * cols + ci)
                    .collect()
            }
        };
        let mut cells = Vec::with_capacity(def.rows.len() * cols);
        for (row, r) in def.rows.iter().enumerate() {
            for (col, c) in def.columns.iter().enumerate() {
                cells.push(if !r.sum_of.is_empty() {
                    // A total row: the parts in this column (for a total
                    // column, the parts' row totals, which equals summing
                    // across too).
                    Some(
                        r.sum_of
                            .iter()
                            .filter_map(|k| def.row_index(k))
                            .flat_map(|ri| row_value(ri, col))
                            .collect(),
                    )
                } else if !c.sum_of.is_empty() {
                    Some(
                        c.sum_of
                            .iter()
                            .filter_map(|k| def.column_index(k))
                            .map(|ci| row * cols + ci)
                            .collect(),
                    )
                } else {
                    None
                });
            }
        }
        Sums { cells }
    }
}

fn recompute_table(def: &Table, cells: &mut [Decimal]) {
    for (i, parts) in sums_of(def).cells.iter().enumerate() {
        if let Some(parts) = parts {
            cells[i] = sum_of_cells(cells, parts);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_decimals_own() {
        let cells: Vec<Decimal> = [
            "0",
            "7",
            "4294967295",
            "79228162514264337593543950335",
            "1.5",
            "-0",
            "-3",
            "0.10",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        for parts in [
            vec![0, 1],
            vec![1, 2, 2],
            vec![4, 1],
            vec![5, 0],
            vec![6, 1],
            vec![7, 4],
            vec![],
            vec![1, 1, 1, 1],
        ] {
            let ours = sum_of_cells(&cells, &parts);
            let theirs: Decimal = parts.iter().map(|&p| cells[p]).sum();
            assert_eq!(ours, theirs, "{parts:?}");
            assert_eq!(ours.to_string(), theirs.to_string(), "{parts:?}");
        }
        // Beyond Decimal: its own sum is the one that answers.
        let big = std::panic::catch_unwind(|| sum_of_cells(&cells, &[3, 3]));
        let theirs = std::panic::catch_unwind(|| cells[3] + cells[3]);
        assert_eq!(big.is_err(), theirs.is_err());
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn at(path: &str) -> CellId {
        schema::find_cell(path).unwrap()
    }

    #[test]
    fn totals_follow_inputs() {
        let mut r = Report::empty();
        r.set_cell(at("applications.granted.natural"), dec("3"));
        r.set_cell(at("applications.granted.commercial"), dec("2"));
        r.set_cell(at("applications.other_other.natural"), dec("4"));
        assert_eq!(r.cell_at("applications.granted.total"), Some(dec("5")));
        assert_eq!(
            r.cell_at("applications.total_handled.natural"),
            Some(dec("7"))
        );
        assert_eq!(
            r.cell_at("applications.total_handled.commercial"),
            Some(dec("2"))
        );
        assert_eq!(
            r.cell_at("applications.total_handled.total"),
            Some(dec("9"))
        );
        // Rows outside （七）总计 are not summed into it.
        r.set_cell(at("applications.new_received.natural"), dec("100"));
        assert_eq!(
            r.cell_at("applications.total_handled.total"),
            Some(dec("9"))
        );
    }

    #[test]
    fn appeals_block_totals() {
        let mut r = Report::empty();
        r.set_cell(at("appeals.direct_suit.upheld"), dec("1"));
        r.set_cell(at("appeals.direct_suit.pending"), dec("2"));
        assert_eq!(r.cell_at("appeals.direct_suit.total"), Some(dec("3")));
        assert_eq!(r.cell_at("appeals.review.total"), Some(dec("0")));
    }

    #[test]
    fn money_is_exact() {
        let mut r = Report::empty();
        let fee = at("article20_8.fees.amount");
        r.set_cell(fee, dec("0.1"));
        let mut other = Report::empty();
        other.set_cell(fee, dec("0.2"));
        r.add_cells(&other);
        assert_eq!(r.cell(fee), dec("0.3"));
        assert_eq!(r.cell(fee).to_string(), "0.3");
    }

    #[test]
    fn year_round_trips_through_its_field() {
        let r = Report::for_year(2024);
        assert_eq!(r.year(), Some(2024));
        assert!(!r.is_blank());
        assert!(Report::empty().is_blank());
    }
}
