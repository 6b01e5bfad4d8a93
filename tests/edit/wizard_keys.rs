//! Key-sequence tests of the wizard's state: keys go in, the report, the
//! focus and the messages are checked. No terminal is involved.

use crate::common;

use common::wizard::*;
use nianbao::entry::focus::{self, Focus};
use nianbao::problem::Severity;
use nianbao::schema;
use nianbao::tui::app::{Action, Effect, Overlay};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn a_new_report_starts_in_the_agency_field_ready_to_type() {
    let mut app = new_app();
    assert_eq!(app.focus, Focus::Field(field("report.agency")));
    assert_eq!(press(&mut app, "示例市商务局"), Effect::Edited);
    assert_eq!(app.report.text(field("report.agency")), "示例市商务局");
    // Leaving a changed field commits it (saved at once).
    assert_eq!(press(&mut app, "<Tab>"), Effect::Committed);
    assert_eq!(app.focus, Focus::Field(field("report.year")));
}

#[test]
fn tab_alone_walks_every_field_and_input_cell_across_all_steps() {
    let mut app = new_app();
    let order = focus::reading_order();
    let mut seen = vec![app.focus];
    for _ in 1..order.len() {
        press(&mut app, "<Tab>");
        seen.push(app.focus);
    }
    assert_eq!(seen, order);
    // No computed cell is ever visited.
    assert!(
        seen.iter()
            .all(|f| !matches!(f, Focus::Cell(c) if c.is_computed()))
    );
    // After the last item: 核对; then round to the start again.
    press(&mut app, "<Tab>");
    assert_eq!(app.step, focus::review_step());
    press(&mut app, "<Tab>");
    assert_eq!(app.focus, order[0]);
    // Shift+Tab goes back across a step boundary.
    app.set_focus(focus::first_in_step(1).unwrap());
    press(&mut app, "<S-Tab>");
    assert_eq!(app.focus, Focus::Field(field("contact.website")));
    assert_eq!(app.step, 0);
}

#[test]
fn enter_moves_on_in_one_line_fields_and_breaks_lines_in_paragraphs() {
    let mut app = new_app();
    press(&mut app, "甲<Enter>");
    assert_eq!(app.focus, Focus::Field(field("report.year")));
    app.set_focus(Focus::Field(field("overview.summary")));
    press(&mut app, "第一段<Enter>第二段");
    assert_eq!(app.report.text(field("overview.summary")), "第一段\n第二段");
    assert_eq!(app.focus, Focus::Field(field("overview.summary")));
    // Tab never inserts a tab.
    press(&mut app, "<Tab>");
    assert!(!app.report.text(field("overview.summary")).contains('\t'));
    assert_eq!(app.focus, Focus::Field(field("overview.proactive")));
}

#[test]
fn the_year_takes_digits_only() {
    let mut app = new_app();
    press(&mut app, "<Tab><BS><BS><BS><BS>20２4");
    assert_eq!(app.report.text(field("report.year")), "2024");
    assert_eq!(press(&mut app, "x"), Effect::None);
    assert!(status(&app).contains("数字"), "{}", status(&app));
    press(&mut app, "5");
    assert_eq!(app.report.text(field("report.year")), "2024");
    assert!(status(&app).contains("4 位"), "{}", status(&app));
    assert_eq!(app.update(Action::Paste("2023".into())), Effect::None);
    press(&mut app, "<BS><BS><BS><BS>");
    app.update(Action::Paste(" ２０２３\r\n".into()));
    assert_eq!(app.report.text(field("report.year")), "2023");
}

#[test]
fn the_level_cycles_with_left_right_and_space() {
    let mut app = new_app();
    press(&mut app, "<Tab><Tab>");
    let level = field("report.level");
    assert_eq!(app.focus, Focus::Field(level));
    let schema::FieldKind::Choice(choices) = level.field().kind else {
        panic!("level is a choice");
    };
    assert_eq!(press(&mut app, "<Right>"), Effect::Committed);
    assert_eq!(app.report.text(level), choices[0].key);
    press(&mut app, "<Space>");
    assert_eq!(app.report.text(level), choices[1].key);
    press(&mut app, "<Left><Left>");
    assert_eq!(app.report.text(level), "", "before the first option: none");
    press(&mut app, "<Left>");
    assert_eq!(app.report.text(level), choices[choices.len() - 1].key);
    press(&mut app, "<C-z>");
    assert_eq!(app.report.text(level), "");
}

/// A digit chooses 机关层级 at once by the number listed beside it (the
/// numbering plain mode uses), 0 clears it; Left/Right go on from there.
#[test]
fn a_digit_chooses_the_level_at_once() {
    let mut app = new_app();
    press(&mut app, "<Tab><Tab>");
    let level = field("report.level");
    assert_eq!(app.focus, Focus::Field(level));
    let schema::FieldKind::Choice(choices) = level.field().kind else {
        panic!("level is a choice");
    };
    assert_eq!(press(&mut app, "7"), Effect::Committed);
    assert_eq!(app.report.text(level), "county_department");
    assert_eq!(choices[6].label.zh, "县级政府部门");
    assert_eq!(
        app.focus,
        Focus::Field(level),
        "a digit chooses, Tab moves on"
    );
    // The same digit again changes nothing.
    assert_eq!(press(&mut app, "7"), Effect::None);
    press(&mut app, "<Right>");
    assert_eq!(app.report.text(level), "township");
    // A full-width digit (a Chinese input method) counts the same.
    press(&mut app, "９");
    assert_eq!(app.report.text(level), "other");
    press(&mut app, "0");
    assert_eq!(app.report.text(level), "", "0 is （未选）");
    // Every number chooses what plain mode's answer with it chooses.
    for n in 0..=choices.len() {
        press(&mut app, &n.to_string());
        let plain = nianbao::entry::answer::choice_by_number(choices, n).unwrap();
        assert_eq!(app.report.text(level), plain, "{n}");
    }
    // Each choice is one undoable change.
    press(&mut app, "3<C-z>");
    assert_eq!(app.report.text(level), choices[choices.len() - 1].key);
    assert!(app.status.is_some());
}

/// 核对's key figures for 二 with the largest numbers typed into every cell:
/// the line is broken between figures, each drawn line fits the 80-column
/// page, and read back they are the whole line — 行政强制 and 收费 included.
#[test]
fn the_key_figures_of_proactive_disclosure_are_never_cut() {
    use nianbao::tui::view_review::{summary, summary_lines};
    use nianbao::width::width;
    let mut app = new_app();
    press(&mut app, "<F2>2");
    let cells = focus::reading_order()
        .iter()
        .filter(|f| f.step() == 2)
        .count();
    // Every count at its largest, the fee at 12 digits and 4 decimals.
    for _ in 0..cells - 1 {
        press(&mut app, "4294967295<Tab>");
    }
    press(&mut app, "999999999999.9999<Tab>");
    assert_eq!(app.step, 3, "Tab went on to 三");
    press(&mut app, "<F2>7");
    assert_eq!(app.step, focus::review_step());
    let line = summary(&app)
        .into_iter()
        .find(|l| l.starts_with("二："))
        .unwrap();
    assert!(line.contains("行政强制 4294967295"), "{line}");
    assert!(line.contains("行政事业性收费 999999999999.9999"), "{line}");
    // The page of 核对 at 80×24 is 69 columns wide.
    let drawn = summary_lines(&line, 69);
    assert!(drawn.len() > 1, "{drawn:?}");
    assert!(drawn.iter().all(|l| width(l) <= 69), "{drawn:?}");
    // Broken after a separator, never inside a figure; further lines indented.
    assert!(
        drawn
            .iter()
            .all(|l| l.ends_with(['，', '；']) || *l == drawn[drawn.len() - 1])
    );
    assert!(
        drawn[1..].iter().all(|l| l.starts_with("    ")),
        "{drawn:?}"
    );
    let read_back: String = drawn.iter().map(|l| l.trim_start()).collect();
    assert_eq!(read_back, line);
}

#[test]
fn counts_are_typed_spreadsheet_style() {
    let mut app = example_app("busy-city-bureau-2024");
    let c = cell("article20_1.normative_documents.issued");
    app.set_focus(Focus::Cell(c));
    assert_eq!(app.report.cell(c), dec("12"));
    // A digit replaces the value; Enter confirms and moves on.
    press(&mut app, "7<Enter>");
    assert_eq!(app.report.cell(c), dec("7"));
    assert_eq!(
        app.focus,
        Focus::Cell(cell("article20_1.normative_documents.repealed"))
    );
    // Backspace edits the value (here 3 → empty → 45); a terminal that
    // sends ^H for Backspace gives Ctrl+H, which works the same.
    press(&mut app, "<C-h>45<Tab>");
    assert_eq!(
        app.report
            .cell(cell("article20_1.normative_documents.repealed")),
        dec("45")
    );
    // Esc cancels the number being typed.
    press(&mut app, "999<Esc>");
    assert_eq!(
        app.report
            .cell(cell("article20_1.normative_documents.in_force")),
        dec("86")
    );
    // Delete clears to 0.
    press(&mut app, "<Del>");
    assert_eq!(
        app.report
            .cell(cell("article20_1.normative_documents.in_force")),
        Decimal::ZERO
    );
    // Letters, a point and a number past u32::MAX are refused, saying why.
    assert_eq!(press(&mut app, "a"), Effect::None);
    assert!(status(&app).contains("不是数字"), "{}", status(&app));
    press(&mut app, "1.");
    assert!(status(&app).contains("整数"), "{}", status(&app));
    press(&mut app, "<Esc>4294967295");
    assert_eq!(
        app.report
            .cell(cell("article20_1.normative_documents.in_force")),
        Decimal::from(u32::MAX)
    );
    press(&mut app, "0");
    assert!(status(&app).contains("4294967295"), "{}", status(&app));
    assert_eq!(app.status.as_ref().unwrap().severity, Some(Severity::Error));
}

#[test]
fn the_fee_cell_takes_up_to_four_decimals() {
    let mut app = example_app("busy-city-bureau-2024");
    let fee = cell("article20_8.fees.amount");
    app.set_focus(Focus::Cell(fee));
    press(&mut app, "２6.5501");
    assert_eq!(app.report.cell(fee).to_string(), "26.5501");
    press(&mut app, "9");
    assert!(status(&app).contains("4 位小数"), "{}", status(&app));
    press(&mut app, ".");
    assert!(status(&app).contains("小数点"), "{}", status(&app));
    press(&mut app, "<Tab>");
    assert_eq!(app.report.cell(fee).to_string(), "26.5501");
    app.set_focus(Focus::Cell(fee));
    press(&mut app, ".5<Tab>");
    assert_eq!(app.report.cell(fee).to_string(), "0.5");
}

#[test]
fn totals_and_the_balance_follow_every_keystroke() {
    let mut app = new_app();
    let granted = cell("applications.granted.natural");
    let total = cell("applications.total_handled.natural");
    let row_total = cell("applications.granted.total");
    let new = cell("applications.new_received.natural");
    let table = granted.table;
    let balanced = |app: &nianbao::tui::app::App| {
        nianbao::validate::balance_statement(&app.report, table, 0, schema::Lang::Zh)
            .unwrap()
            .0
    };
    app.set_focus(Focus::Cell(new));
    press(&mut app, "1");
    assert_eq!(
        app.report.cell(cell("applications.new_received.total")),
        dec("1")
    );
    assert!(!balanced(&app), "1 received, 0 handled");
    press(&mut app, "2<Tab>");
    app.set_focus(Focus::Cell(granted));
    press(&mut app, "1");
    // Before any confirmation, the totals already include the digit.
    assert_eq!(app.report.cell(total), dec("1"));
    assert_eq!(app.report.cell(row_total), dec("1"));
    assert!(!balanced(&app));
    press(&mut app, "2");
    assert_eq!(app.report.cell(total), dec("12"));
    assert!(balanced(&app), "12 received, 12 handled");
    assert!(
        !app.problems
            .iter()
            .any(|p| p.path == "applications.*.natural"),
        "no balance error once it holds"
    );
    press(&mut app, "<BS>");
    assert_eq!(app.report.cell(total), dec("1"));
    assert!(
        app.problems
            .iter()
            .any(|p| p.path == "applications.*.natural")
    );
    press(&mut app, "<Esc>");
    assert_eq!(app.report.cell(total), Decimal::ZERO);
}

#[test]
fn computed_cells_can_be_read_but_not_typed() {
    let mut app = example_app("busy-city-bureau-2024");
    let last_input = cell("applications.granted.other");
    app.set_focus(Focus::Cell(last_input));
    press(&mut app, "<Right>");
    let total = cell("applications.granted.total");
    assert_eq!(app.focus, Focus::Cell(total));
    let before = app.report.cell(total);
    assert_eq!(press(&mut app, "5"), Effect::None);
    assert_eq!(app.report.cell(total), before);
    assert!(status(&app).contains("自动计算"), "{}", status(&app));
    // Tab from a total goes on to the next input cell.
    press(&mut app, "<Tab>");
    assert_eq!(
        app.focus,
        Focus::Cell(cell("applications.partly_granted.natural"))
    );
    // Down from the last row of one table of 二 goes into the next table.
    app.set_focus(Focus::Cell(cell(
        "article20_1.normative_documents.repealed",
    )));
    press(&mut app, "<Down>");
    assert_eq!(
        app.focus,
        Focus::Cell(cell("article20_5.licensing.decisions"))
    );
}

#[test]
fn undo_takes_back_committed_changes_and_moves_there() {
    let mut app = example_app("busy-city-bureau-2024");
    let a = cell("appeals.review.upheld");
    app.set_focus(Focus::Cell(a));
    press(&mut app, "7<Tab>8<Tab>");
    assert_eq!(app.report.cell(a), dec("7"));
    assert_eq!(app.report.cell(cell("appeals.review.total")), dec("19"));
    press(&mut app, "<C-z><C-z>");
    assert_eq!(app.focus, Focus::Cell(a));
    assert_eq!(app.report.cell(a), dec("9"));
    assert_eq!(app.report.cell(cell("appeals.review.corrected")), dec("2"));
    press(&mut app, "<C-y>");
    assert_eq!(app.report.cell(a), dec("7"));
    assert_eq!(app.report.cell(cell("appeals.review.total")), dec("13"));
    // Ctrl+Z while typing cancels the number, like Esc.
    press(&mut app, "55<C-z>");
    assert_eq!(app.report.cell(a), dec("7"));
}

#[test]
fn a_pasted_block_fills_cells_checks_each_and_undoes_at_once() {
    let mut app = new_app();
    let start = cell("applications.granted.research");
    app.set_focus(Focus::Cell(start));
    let effect = app.update(Action::Paste(
        "1\t2\t\"3\"\t4\r\n/\tabc\t-\t5\t6\r\n7\r\n".to_string(),
    ));
    assert_eq!(effect, Effect::Committed);
    let v = |app: &nianbao::tui::app::App, p: &str| app.report.cell(cell(p));
    // Row 1 fills research…other; in row 2 the fifth value lands on the
    // computed 总计 column: compared, not stored.
    assert_eq!(v(&app, "applications.granted.research"), dec("1"));
    assert_eq!(v(&app, "applications.granted.public_interest"), dec("2"));
    assert_eq!(v(&app, "applications.granted.legal_services"), dec("3"));
    assert_eq!(v(&app, "applications.granted.other"), dec("4"));
    assert_eq!(
        v(&app, "applications.partly_granted.research"),
        Decimal::ZERO
    );
    assert_eq!(
        v(&app, "applications.partly_granted.public_interest"),
        Decimal::ZERO
    );
    assert_eq!(v(&app, "applications.partly_granted.other"), dec("5"));
    assert_eq!(
        v(&app, "applications.denied_state_secret.research"),
        dec("7")
    );
    assert_eq!(v(&app, "applications.total_handled.total"), dec("22"));
    let msg = status(&app);
    // 10 values: 8 placed (two of them "/" and "-"), "abc" refused, one on
    // the 总计 column (6, where its row's cells make 5).
    assert!(msg.contains("已粘贴 8 个值"), "{msg}");
    assert!(msg.contains("其中 2 个"), "{msg}");
    assert!(msg.contains("按 0 填入"), "{msg}");
    assert!(msg.contains("第2行第2列：\"abc\" 不是整数"), "{msg}");
    assert!(
        msg.contains("“总计”列的值 6 与程序算出的总计 5 不符"),
        "{msg}"
    );
    assert!(!msg.contains("超出表格范围"), "{msg}");
    assert_eq!(v(&app, "applications.partly_granted.total"), dec("5"));
    assert_eq!(app.focus, Focus::Cell(start), "a paste is not Enter or Tab");
    press(&mut app, "<C-z>");
    assert_eq!(v(&app, "applications.granted.research"), Decimal::ZERO);
    assert_eq!(v(&app, "applications.total_handled.total"), Decimal::ZERO);
}

/// A spreadsheet row copied with its 总计 column (7 numbers from 自然人):
/// six fill the row, the seventh is the table's own 总计 — said so, and
/// compared with the total the program computes.
#[test]
fn a_row_pasted_with_its_total_column_names_the_total() {
    let mut app = new_app();
    let start = cell("applications.new_received.natural");
    app.set_focus(Focus::Cell(start));
    let effect = app.update(Action::Paste("1\t2\t3\t4\t5\t6\t21\r\n".into()));
    assert_eq!(effect, Effect::Committed);
    assert_eq!(
        app.report.cell(cell("applications.new_received.other")),
        dec("6")
    );
    assert_eq!(
        app.report.cell(cell("applications.new_received.total")),
        dec("21")
    );
    assert_eq!(
        status(&app),
        "已粘贴 6 个值；“总计”列的值 21 与程序算出的总计相符（总计自动计算，不粘贴）"
    );
    assert_eq!(app.status.as_ref().unwrap().severity, None);
    // A spreadsheet whose total disagrees with its own parts: a warning.
    press(&mut app, "<Down>");
    app.update(Action::Paste("1\t2\t3\t4\t5\t6\t22".into()));
    assert_eq!(
        app.report.cell(cell("applications.carried_over.total")),
        dec("21")
    );
    let msg = status(&app);
    assert!(
        msg.contains("“总计”列的值 22 与程序算出的总计 21 不符：原表格的总计与其各项之和不一致"),
        "{msg}"
    );
    assert!(!msg.contains("超出表格范围"), "{msg}");
    assert_eq!(
        app.status.as_ref().unwrap().severity,
        Some(Severity::Warning)
    );
    // A value past the 总计 column is still outside the table.
    app.update(Action::Paste("1\t2\t3\t4\t5\t6\t21\t9".into()));
    let msg = status(&app);
    assert!(msg.contains("1 个值超出表格范围，未粘贴"), "{msg}");
    assert!(
        msg.contains("“总计”列的值 21 与程序算出的总计相符"),
        "{msg}"
    );
    assert_eq!(app.status.as_ref().unwrap().severity, Some(Severity::Error));
}

/// The same in English: one whole sentence naming the Total column.
#[test]
fn a_row_pasted_with_its_total_column_in_english() {
    let mut app = new_app();
    app.lang = nianbao::schema::Lang::En;
    app.set_focus(Focus::Cell(cell("applications.new_received.natural")));
    app.update(Action::Paste("1\t2\t3\t4\t5\t6\t22".into()));
    assert_eq!(
        status(&app),
        "pasted 6 value(s); the Total column's 22 is not the computed total 21: the \
         spreadsheet's total disagrees with its parts (totals are computed, not pasted)"
    );
}

/// A block that covers the （七）总计 row lands on it line for line: that
/// line is compared with the computed totals, the next goes into 四.
#[test]
fn a_block_covering_the_total_row_is_compared_with_it() {
    let mut app = new_app();
    app.set_focus(Focus::Cell(cell("applications.other_other.natural")));
    let block = "1\t1\t1\t1\t1\t1\t6\n5\t1\t1\t1\t1\t1\t6\n2\t0\t0\t0\t0\t0\t2\n";
    assert_eq!(app.update(Action::Paste(block.into())), Effect::Committed);
    let v = |app: &nianbao::tui::app::App, p: &str| app.report.cell(cell(p));
    assert_eq!(v(&app, "applications.other_other.natural"), dec("1"));
    assert_eq!(v(&app, "applications.total_handled.natural"), dec("1"));
    assert_eq!(v(&app, "applications.carry_forward.natural"), dec("2"));
    let msg = status(&app);
    // 9 values on totals: the 总计 column of 3 lines, and 6 + 1 on the row.
    assert!(msg.starts_with("已粘贴 12 个值；"), "{msg}");
    assert!(
        msg.contains("落在“总计”列和“（七）总计”行的 9 个值中有 1 个与程序算出的总计不符（自然人 原表 5，算出 1）"),
        "{msg}"
    );
    assert_eq!(
        app.status.as_ref().unwrap().severity,
        Some(Severity::Warning)
    );
    // When every total agrees, it says so.
    press(&mut app, "<C-z>");
    let block = block.replacen("5\t", "1\t", 1);
    app.set_focus(Focus::Cell(cell("applications.other_other.natural")));
    app.update(Action::Paste(block));
    assert!(
        status(&app).contains("落在“总计”列和“（七）总计”行的 9 个值都与程序算出的总计相符"),
        "{}",
        status(&app)
    );
    assert_eq!(app.status.as_ref().unwrap().severity, None);
}

#[test]
fn a_paste_into_text_is_inserted_never_submitted() {
    let mut app = new_app();
    app.update(Action::Paste("昆区\r\n商务局\u{1b}[2J".to_string()));
    assert_eq!(app.report.text(field("report.agency")), "昆区 商务局[2J");
    assert_eq!(app.focus, Focus::Field(field("report.agency")));
    assert!(status(&app).contains("控制字符"), "{}", status(&app));
    app.set_focus(Focus::Field(field("problems.text")));
    app.update(Action::Paste("一、问题\r二、措施\n".to_string()));
    assert_eq!(
        app.report.text(field("problems.text")),
        "一、问题\n二、措施\n"
    );
    assert_eq!(app.focus, Focus::Field(field("problems.text")));
    // The field's own undo takes the paste back.
    press(&mut app, "<C-z>");
    assert_eq!(app.report.text(field("problems.text")), "");
}

/// F2 then a digit opens that step at once; a digit with no step does nothing.
#[test]
fn a_digit_in_the_step_menu_opens_that_step() {
    let mut app = new_app();
    press(&mut app, "<F2>9");
    assert!(matches!(app.overlay, Overlay::StepMenu { .. }), "no step 9");
    press(&mut app, "3");
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(app.step, 3);
    // A full-width digit, as a Chinese input method in full-width mode sends.
    press(&mut app, "<F2>７");
    assert_eq!(app.step, focus::review_step());
    press(&mut app, "<F2>0");
    assert_eq!(app.step, 0);
}

#[test]
fn review_lists_problems_and_enter_jumps_to_the_cell() {
    let mut app = example_app("busy-city-bureau-2024");
    app.set_focus(Focus::Cell(cell("applications.granted.commercial")));
    press(&mut app, "99<Tab>");
    press(&mut app, "<F2>");
    assert!(matches!(app.overlay, Overlay::StepMenu { .. }));
    for _ in 0..(focus::review_step() - 3) {
        press(&mut app, "<Down>");
    }
    press(&mut app, "<Enter>");
    assert_eq!(app.step, focus::review_step());
    let items = app.review_items();
    let i = items
        .iter()
        .position(|p| p.path == "applications.*.commercial")
        .expect("the balance error is listed");
    assert_eq!(items[0].severity, Severity::Error, "errors first");
    for _ in 0..i {
        press(&mut app, "<Down>");
    }
    press(&mut app, "<Enter>");
    assert_eq!(app.step, 3);
    assert_eq!(
        app.focus,
        Focus::Cell(cell("applications.new_received.commercial"))
    );
    assert_eq!(app.step_counts(3).0, 2, "commercial and total columns");
}

#[test]
fn steps_open_with_page_keys_and_remember_where_you_were() {
    let mut app = new_app();
    press(&mut app, "<PgDn><PgDn><PgDn>");
    assert_eq!(app.step, 3);
    assert_eq!(
        app.focus,
        Focus::Cell(cell("applications.new_received.natural"))
    );
    press(&mut app, "<Down><Down>");
    press(&mut app, "<PgUp><PgDn>");
    assert_eq!(app.focus, Focus::Cell(cell("applications.granted.natural")));
    press(&mut app, "<F1>");
    assert!(matches!(app.overlay, Overlay::Help { .. }));
    press(&mut app, "<Tab>");
    assert_eq!(app.step, 3, "keys other than the help's own close it");
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn quitting_keeps_the_number_being_typed_and_saving_leaves_it_out() {
    let mut app = new_app();
    let c = cell("appeals.review.upheld");
    app.set_focus(Focus::Cell(c));
    press(&mut app, "4");
    let saved = app.report_for_saving();
    assert_eq!(saved.cell(c), Decimal::ZERO, "not confirmed yet");
    assert_eq!(
        saved.meta.resume_at.as_deref(),
        Some("appeals.review.upheld")
    );
    assert_eq!(press(&mut app, "<C-q>"), Effect::Quit);
    assert_eq!(app.report_for_saving().cell(c), dec("4"));
    assert_eq!(press(&mut app, "<C-s>"), Effect::Save);
}

#[test]
fn reopening_resumes_where_the_user_was() {
    let mut report = nianbao::model::Report::for_year(2024);
    report.meta.resume_at = Some("applications.partly_granted.research".into());
    let app = nianbao::tui::app::App::new(
        report,
        schema::Lang::Zh,
        nianbao::tui::app::Previous::None,
        THIS_YEAR,
    );
    assert_eq!(
        app.focus,
        Focus::Cell(cell("applications.partly_granted.research"))
    );
    assert_eq!(app.step, 3);
}

#[test]
fn last_years_report_adds_cross_year_warnings() {
    let mut last = nianbao::model::Report::for_year(2023);
    last.set_cell(cell("applications.carry_forward.natural"), dec("3"));
    let this = nianbao::model::Report::for_year(2024);
    let app = nianbao::tui::app::App::new(
        this,
        schema::Lang::Zh,
        nianbao::tui::app::Previous::Loaded {
            report: Box::new(last),
            name: "2023.toml".into(),
        },
        THIS_YEAR,
    );
    assert!(
        app.problems
            .iter()
            .any(|p| p.path == "applications.carried_over.natural"
                && p.message.contains("2023.toml"))
    );
    let unreadable = nianbao::tui::app::App::new(
        nianbao::model::Report::for_year(2024),
        schema::Lang::Zh,
        nianbao::tui::app::Previous::Unreadable("无法读取上年报告".into()),
        THIS_YEAR,
    );
    let (_, warnings) = nianbao::problem::tally(&unreadable.problems);
    assert!(warnings >= 1);
    assert!(
        unreadable
            .review_items()
            .iter()
            .any(|p| p.message.contains("无法读取"))
    );
}

#[test]
fn a_text_field_takes_up_to_its_limit_and_refuses_more_with_the_count() {
    use crossterm::event::Event;
    let limit = nianbao::entry::paste::TEXT_CHARS_MAX;
    let mut app = new_app();
    let agency = field("report.agency");
    assert_eq!(app.focus, Focus::Field(agency));
    app.handle_event(Event::Paste("局".repeat(limit + 1)));
    assert_eq!(app.report.text(agency), "");
    assert!(
        status(&app).contains(&format!("{}", limit + 1)),
        "{}",
        status(&app)
    );
    app.handle_event(Event::Paste("局".repeat(limit - 1)));
    press(&mut app, "甲");
    assert_eq!(app.report.text(agency).chars().count(), limit);
    press(&mut app, "乙");
    assert_eq!(app.report.text(agency).chars().count(), limit);
    assert!(
        status(&app).contains(&format!("{limit}")),
        "{}",
        status(&app)
    );
    assert!(app.report.text(agency).ends_with("局甲"));
}
