//! The wizard with last year's report loaded: the line under a table says
//! the focused cell's value last year and the change; 核对 lists the five
//! largest changes and the texts with sentences kept from last year after
//! the problems, and Enter jumps to each. Snapshots at 80×24.

use crate::common;

use common::wizard::*;
use nianbao::entry::focus::{self, Focus};
use nianbao::schema::Lang;
use nianbao::tui::app::{App, Previous};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/compare");

fn read(name: &str) -> nianbao::model::Report {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap();
    nianbao::toml_read::read(&text, Lang::Zh).unwrap().report
}

fn app_with_last_year() -> App {
    let mut app = App::new(
        read("this-2024.toml"),
        Lang::Zh,
        Previous::Loaded {
            report: Box::new(read("last-2023.toml")),
            name: "last-2023.toml".into(),
        },
        THIS_YEAR,
    );
    app.today = TODAY;
    app
}

#[test]
fn the_line_under_a_table_says_last_years_value() {
    let mut app = app_with_last_year();
    app.set_focus(Focus::Cell(cell("article20_5.licensing.decisions")));
    let screen = super::wizard_screens::screen(&app, 80, 24);
    assert!(screen.contains("上年 200 → 本年 1532，×7.7"), "{screen}");
    insta::assert_snapshot!("last_year_cell_80x24", screen);

    // A cell of section 三, whose label takes two lines: the third line.
    app.set_focus(Focus::Cell(cell("applications.new_received.natural")));
    let screen = super::wizard_screens::screen(&app, 80, 24);
    assert!(screen.contains("上年 60 → 本年 380，×6.3"), "{screen}");

    // Without last year's report, no such line.
    let mut alone = App::new(read("this-2024.toml"), Lang::Zh, Previous::None, THIS_YEAR);
    alone.set_focus(Focus::Cell(cell("article20_5.licensing.decisions")));
    assert!(!super::wizard_screens::screen(&alone, 80, 24).contains("上年 200"));
}

#[test]
fn review_lists_the_largest_changes_and_jumps_to_them() {
    let mut app = app_with_last_year();
    app.go_step(focus::review_step());
    let problems = app.review_items().len();
    // Down past every problem to the first change: the largest.
    press(&mut app, &format!("<Down*{problems}>"));
    let screen = super::wizard_screens::screen(&app, 80, 24);
    assert!(
        screen.contains("[变化] 行政许可 / 本年处理决定数量：200 → 1532，×7.7"),
        "{screen}"
    );
    insta::assert_snapshot!("last_year_review_80x24", screen);
    // Five changes, then the texts with kept sentences.
    press(&mut app, "<Down*5>");
    let screen = super::wizard_screens::screen(&app, 80, 24);
    assert!(
        screen.contains("[雷同] 一、总体情况 / 概述：1 句与上年相同"),
        "{screen}"
    );
    press(&mut app, "<Enter>");
    assert_eq!(app.focus, Focus::Field(field("overview.summary")));

    app.go_step(focus::review_step());
    press(&mut app, &format!("<Down*{problems}>"));
    press(&mut app, "<Enter>");
    assert_eq!(
        app.focus,
        Focus::Cell(cell("article20_5.licensing.decisions"))
    );
}
