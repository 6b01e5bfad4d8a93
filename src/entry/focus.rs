//! The wizard's steps and the reading order of everything a user fills in.
//!
//! Steps are the schema's sections followed by 核对 (review). The reading
//! order lists every field and every input cell (computed cells are left
//! out), section by section, table by table, row by row — the order Tab
//! follows and the order any other front end (a line-by-line mode, say)
//! should ask in. It is derived from [`schema::SECTIONS`] and nothing else.

use crate::schema::{self, CellId, FieldId, Part};
use std::sync::OnceLock;

/// Something the user can type into: a text field or an input cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    Field(FieldId),
    Cell(CellId),
}

impl Focus {
    /// The schema path (`contact.phone`, `applications.granted.natural`),
    /// stored as `meta.resume_at`.
    pub fn path(self) -> String {
        match self {
            Focus::Field(f) => f.path(),
            Focus::Cell(c) => c.path(),
        }
    }

    /// The focus for a schema path, when it names a field or an input cell.
    pub fn from_path(path: &str) -> Option<Focus> {
        if let Some(f) = schema::find_field(path) {
            return Some(Focus::Field(f));
        }
        schema::find_cell(path)
            .filter(|c| !c.is_computed())
            .map(Focus::Cell)
    }

    /// The step (section index in [`schema::SECTIONS`]) this item is on.
    pub fn step(self) -> usize {
        match self {
            Focus::Field(f) => section_of_field_set(f.set),
            Focus::Cell(c) => section_of_table(c.table),
        }
    }
}

/// Number of steps: every section, then 核对.
pub fn step_count() -> usize {
    schema::SECTIONS.len() + 1
}

/// The index of the 核对 (review) step, the last one.
pub fn review_step() -> usize {
    schema::SECTIONS.len()
}

/// Section index of a field set (by its index in [`schema::field_sets`]).
pub fn section_of_field_set(set: usize) -> usize {
    layout().field_set_sections[set]
}

/// Section index of a table (by its index in [`schema::tables`]).
pub fn section_of_table(table: usize) -> usize {
    layout().table_sections[table]
}

/// What a step is made of, in order: field sets and tables by index.
pub fn parts_of_step(step: usize) -> &'static [StepPart] {
    layout()
        .step_parts
        .get(step)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// One part of a step, by index into [`schema::field_sets`] or [`schema::tables`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepPart {
    Fields(usize),
    Table(usize),
}

/// Every field and input cell, in reading order.
pub fn reading_order() -> &'static [Focus] {
    &layout().order
}

/// Position of an item in the reading order (`None` for a computed cell).
pub fn position(focus: Focus) -> Option<usize> {
    reading_order().iter().position(|f| *f == focus)
}

/// Where an item sits on the page: step, part of the step, then field, or
/// row and column. Computed cells have a place too, so moving on from one
/// (reached with the arrows) finds the right next item.
fn place(focus: Focus) -> (usize, usize, usize, usize) {
    let step = focus.step();
    let part = |p: StepPart| {
        parts_of_step(step)
            .iter()
            .position(|x| *x == p)
            .unwrap_or(0)
    };
    match focus {
        Focus::Field(f) => (step, part(StepPart::Fields(f.set)), f.field, 0),
        Focus::Cell(c) => (step, part(StepPart::Table(c.table)), c.row, c.col),
    }
}

/// The item after `focus` in reading order (`None` after the last).
pub fn next(focus: Focus) -> Option<Focus> {
    let here = place(focus);
    reading_order().iter().copied().find(|f| place(*f) > here)
}

/// The item before `focus` in reading order (`None` before the first).
pub fn prev(focus: Focus) -> Option<Focus> {
    let here = place(focus);
    reading_order().iter().copied().rfind(|f| place(*f) < here)
}

/// The first item of a step, if it has any.
pub fn first_in_step(step: usize) -> Option<Focus> {
    reading_order().iter().copied().find(|f| f.step() == step)
}

/// The last item of a step, if it has any.
pub fn last_in_step(step: usize) -> Option<Focus> {
    reading_order().iter().copied().rfind(|f| f.step() == step)
}

struct Layout {
    order: Vec<Focus>,
    field_set_sections: Vec<usize>,
    table_sections: Vec<usize>,
    step_parts: Vec<Vec<StepPart>>,
}

fn layout() -> &'static Layout {
    static LAYOUT: OnceLock<Layout> = OnceLock::new();
    LAYOUT.get_or_init(|| {
        let mut l = Layout {
            order: Vec::new(),
            field_set_sections: Vec::new(),
            table_sections: Vec::new(),
            step_parts: Vec::new(),
        };
        for (section_index, section) in schema::SECTIONS.iter().enumerate() {
            let mut parts = Vec::new();
            for part in section.parts {
                match part {
                    Part::Fields(fs) => {
                        let set = l.field_set_sections.len();
                        l.field_set_sections.push(section_index);
                        parts.push(StepPart::Fields(set));
                        l.order.extend(
                            (0..fs.fields.len()).map(|field| Focus::Field(FieldId { set, field })),
                        );
                    }
                    Part::Table(def) => {
                        let table = l.table_sections.len();
                        l.table_sections.push(section_index);
                        parts.push(StepPart::Table(table));
                        for row in 0..def.rows.len() {
                            for col in 0..def.columns.len() {
                                let c = CellId { table, row, col };
                                if !c.is_computed() {
                                    l.order.push(Focus::Cell(c));
                                }
                            }
                        }
                    }
                }
            }
            l.step_parts.push(parts);
        }
        l
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_order_covers_every_field_and_input_cell_once() {
        let fields = schema::all_fields().count();
        let inputs = schema::all_cells().filter(|c| !c.is_computed()).count();
        assert_eq!(reading_order().len(), fields + inputs);
        let unique: std::collections::HashSet<_> = reading_order().iter().collect();
        assert_eq!(unique.len(), reading_order().len());
    }

    #[test]
    fn steps_follow_the_sections_in_order() {
        let steps: Vec<usize> = reading_order().iter().map(|f| f.step()).collect();
        assert!(steps.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(steps.first(), Some(&0));
        assert_eq!(steps.last(), Some(&(schema::SECTIONS.len() - 1)));
        for step in 0..schema::SECTIONS.len() {
            assert!(first_in_step(step).is_some(), "step {step} has no items");
        }
        assert_eq!(first_in_step(review_step()), None);
    }

    #[test]
    fn paths_round_trip() {
        for f in reading_order() {
            assert_eq!(Focus::from_path(&f.path()), Some(*f));
        }
        assert_eq!(Focus::from_path("applications.total_handled.natural"), None);
        assert_eq!(Focus::from_path("nope"), None);
    }

    #[test]
    fn next_and_prev_are_inverse() {
        let order = reading_order();
        for w in order.windows(2) {
            assert_eq!(next(w[0]), Some(w[1]));
            assert_eq!(prev(w[1]), Some(w[0]));
        }
        assert_eq!(prev(order[0]), None);
        assert_eq!(next(order[order.len() - 1]), None);
    }

    #[test]
    fn a_computed_cell_has_neighbours_in_reading_order() {
        let total = schema::find_cell("applications.granted.total").unwrap();
        let next_row = schema::find_cell("applications.partly_granted.natural").unwrap();
        let last_input = schema::find_cell("applications.granted.other").unwrap();
        assert_eq!(next(Focus::Cell(total)), Some(Focus::Cell(next_row)));
        assert_eq!(prev(Focus::Cell(total)), Some(Focus::Cell(last_input)));
    }
}
