//! How complete a report is, and the order of the rows.

use super::*;
use crate::schema::ROLES;
use rust_decimal::Decimal;

#[test]
fn a_new_report_has_its_year_and_nothing_else() {
    let c = Completion::of(&Report::for_year(2024));
    assert_eq!((c.texts_filled, c.tables_entered), (1, 0));
    assert_eq!(c.tables, schema::tables().count());
    assert!(!c.is_complete());
}

#[test]
fn a_table_counts_once_it_has_a_number_or_the_wizard_went_past_it() {
    let mut r = Report::for_year(2024);
    let cell = schema::all_cells()
        .find(|c| c.path() == "applications.new_received.natural")
        .unwrap();
    r.set_cell(cell, Decimal::from(3));
    assert_eq!(Completion::of(&r).tables_entered, 1);
    // Resuming in section 三: the four tables of 二 are behind.
    r.meta.resume_at = Some("applications.granted.natural".into());
    assert_eq!(Completion::of(&r).tables_entered, 5);
    // Resuming in 五: every table is behind.
    r.meta.resume_at = Some("problems.text".into());
    assert_eq!(Completion::of(&r).tables_entered, 6);
}

#[test]
fn rows_are_sorted_by_what_needs_attention() {
    let row = |name: &str, state, errors, filled| Row {
        file: PathBuf::from(name),
        shown: name.into(),
        state,
        agency: None,
        year: None,
        level: None,
        completion: Some(Completion {
            texts_filled: filled,
            texts_required: 14,
            tables_entered: 0,
            tables: 6,
        }),
        errors,
        warnings: 0,
        unreadable: None,
        saved: None,
        lock: Ok(LockState::Free),
    };
    let mut rows = [
        row("done", State::Complete, 0, 14),
        row("half", State::Incomplete, 0, 7),
        row("bad2", State::Errors, 2, 14),
        row("warn", State::Warnings, 0, 14),
        row("few", State::Incomplete, 0, 1),
        row("bad5", State::Errors, 5, 14),
        row("broken", State::Unreadable, 1, 0),
    ];
    rows.sort_by(|a, b| attention(a).cmp(&attention(b)).then(a.file.cmp(&b.file)));
    let order: Vec<_> = rows.iter().map(|r| r.shown.as_str()).collect();
    assert_eq!(
        order,
        ["broken", "bad5", "bad2", "few", "half", "warn", "done"]
    );
    assert_eq!(exit_code(&rows), 1);
    assert_eq!(exit_code(&rows[..1]), 2);
    assert_eq!(exit_code(&rows[3..]), 0);
    assert_eq!(exit_code(&[]), 2);
}

#[test]
fn the_level_is_read_with_its_label() {
    let mut r = Report::for_year(2024);
    r.set_text(ROLES.level(), "county_department");
    assert_eq!(
        level_of(&r, Lang::Zh),
        Some(("county_department", "县级政府部门"))
    );
    r.set_text(ROLES.level(), "");
    assert_eq!(level_of(&r, Lang::Zh), None);
}
