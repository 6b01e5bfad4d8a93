//! The review keys of the wizard, key by key: F3 (Ctrl+O) marks a warning
//! as reviewed after the reason prompt, or unmarks it; errors are refused;
//! the mark is saved, survives reopening and lapses when a value it depends
//! on changes; F4 (Ctrl+T) drafts a sentence from the tables at the caret.

use crate::common;

use common::wizard::*;
use nianbao::entry::focus::{self, Focus};
use nianbao::problem::{Problem, Severity, tally};
use nianbao::schema::Lang;
use nianbao::tui::app::{Action, App, Effect, Overlay, Previous};

const ON_REQUEST: &str = "overview.on_request";

/// The example with 依申请公开情况 retyped to say 500 new applications
/// where section 三 has 512: one `text-new-received` warning.
fn app_with_a_text_warning() -> App {
    let mut app = example_app("busy-city-bureau-2024");
    app.set_focus(Focus::Field(field(ON_REQUEST)));
    press(
        &mut app,
        "<BS*200>全年新收政府信息公开申请500件，上年结转27件；办结511件，结转下年度28件。",
    );
    app
}

fn text_warning(app: &App) -> &Problem {
    app.problems
        .iter()
        .find(|p| p.rule == Some("text-new-received"))
        .unwrap_or_else(|| panic!("no text-new-received warning: {:#?}", app.problems))
}

fn reopen(app: &App) -> App {
    let text = nianbao::toml_write::write(&app.report_for_saving());
    let loaded = nianbao::toml_read::read(&text, Lang::Zh).unwrap();
    let mut again = App::new(loaded.report, Lang::Zh, Previous::None, THIS_YEAR);
    again.today = TODAY;
    again
}

#[test]
fn f3_at_the_field_asks_a_reason_marks_the_warning_and_it_stops_counting() {
    let mut app = app_with_a_text_warning();
    let step = focus::first_in_step(1).unwrap().step();
    assert_eq!(app.step_counts(step), (0, 1));
    assert_eq!(text_warning(&app).reviewed, None);

    assert_eq!(press(&mut app, "<F3>"), Effect::None);
    assert_eq!(app.overlay, Overlay::Reason);
    // Chinese typed and pasted; a pasted line break stays on one line.
    press(&mut app, "含");
    assert_eq!(
        app.update(Action::Paste("代收的\n申请12件".into())),
        Effect::None
    );
    // The text field is untouched by what goes into the prompt.
    assert!(app.report.text(field(ON_REQUEST)).contains("500件"));
    assert_eq!(press(&mut app, "<Enter>"), Effect::Committed);
    assert_eq!(app.overlay, Overlay::None);

    let w = text_warning(&app);
    assert_eq!(w.reviewed.as_deref(), Some("含代收的 申请12件"));
    assert!(!w.counts());
    assert_eq!(app.step_counts(step), (0, 0));
    assert_eq!(tally(&app.problems), (0, 0));
    assert_eq!(app.report.meta.reviewed.len(), 1);
    assert_eq!(app.report.meta.reviewed[0].rule, "text-new-received");
    assert!(status(&app).contains("已确认"), "{}", status(&app));

    // On 核对 it is listed last, as reviewed, and the head counts it apart.
    app.go_step(focus::review_step());
    let items = app.review_items();
    assert_eq!(
        items.last().unwrap().reviewed.as_deref(),
        Some("含代收的 申请12件")
    );
}

#[test]
fn a_mark_is_saved_survives_reopening_and_lapses_when_its_number_changes() {
    let mut app = app_with_a_text_warning();
    press(&mut app, "<C-o>核实无误<Enter>");
    assert!(text_warning(&app).reviewed.is_some());

    let saved = nianbao::toml_write::write(&app.report_for_saving());
    assert!(saved.contains("[[reviewed]]"), "{saved}");
    assert!(saved.contains("核实无误"), "{saved}");

    let mut again = reopen(&app);
    assert_eq!(text_warning(&again).reviewed.as_deref(), Some("核实无误"));
    assert_eq!(tally(&again.problems).1, 0);

    // 新收 of 自然人 from its value to 1 more: the table no longer says
    // what the mark was given for, so the warning counts again.
    let natural = cell("applications.new_received.natural");
    let before = again.report.cell(natural);
    again.set_focus(Focus::Cell(natural));
    press(
        &mut again,
        &format!("{}<Enter>", before + rust_decimal::Decimal::ONE),
    );
    let w = text_warning(&again);
    assert_eq!(w.reviewed, None, "{w:#?}");
    assert!(w.counts());
    // The mark stays in the file (it would hold again if the value went back).
    assert_eq!(again.report.meta.reviewed.len(), 1);
}

#[test]
fn f3_on_a_reviewed_warning_unmarks_it() {
    let mut app = app_with_a_text_warning();
    press(&mut app, "<F3>理由<Enter>");
    assert_eq!(tally(&app.problems).1, 0);
    // From 核对 this time: the reviewed warning is the last line.
    app.go_step(focus::review_step());
    let last = app.review_items().len() - 1;
    press(&mut app, &format!("<Down*{last}>"));
    assert_eq!(press(&mut app, "<F3>"), Effect::Committed);
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.report.meta.reviewed.is_empty());
    assert_eq!(text_warning(&app).reviewed, None);
    assert_eq!(tally(&app.problems).1, 1);
    assert!(status(&app).contains("取消确认"), "{}", status(&app));
}

#[test]
fn errors_and_warnings_without_a_rule_cannot_be_marked() {
    let mut app = example_app("busy-city-bureau-2024");
    // 商业企业 of 予以公开 25: section 三 no longer balances (errors).
    app.set_focus(Focus::Cell(cell("applications.granted.commercial")));
    press(&mut app, "25<Tab>");
    // 联系电话 "abc": a warning of the field checks, without a rule id.
    app.set_focus(Focus::Field(field("contact.phone")));
    press(&mut app, "<BS*20>abc<Tab>");
    app.go_step(focus::review_step());
    assert_eq!(app.review_items()[0].severity, Severity::Error);
    assert_eq!(press(&mut app, "<F3>"), Effect::None);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(status(&app), "只有警告可以确认；错误必须改正。");
    let phone = app
        .review_items()
        .iter()
        .position(|p| p.path == "contact.phone")
        .unwrap();
    press(&mut app, &format!("<Down*{phone}><F3>"));
    assert_eq!(app.overlay, Overlay::None);
    assert!(status(&app).contains("没有规则编号"), "{}", status(&app));
    assert!(app.report.meta.reviewed.is_empty());
}

#[test]
fn the_reason_prompt_cancels_with_esc_and_refuses_an_empty_reason() {
    let mut app = app_with_a_text_warning();
    let text = app.report.text(field(ON_REQUEST)).to_string();
    press(&mut app, "<F3>");
    assert_eq!(press(&mut app, "<Enter>"), Effect::None);
    assert_eq!(
        app.overlay,
        Overlay::Reason,
        "an empty reason keeps the prompt"
    );
    assert_eq!(status(&app), "请写一句确认的理由。");
    // Tab and PgDn do nothing while the prompt is open.
    press(&mut app, "半句<Tab><PgDn>");
    assert_eq!(app.overlay, Overlay::Reason);
    assert_eq!(app.focus, Focus::Field(field(ON_REQUEST)));
    assert_eq!(press(&mut app, "<Esc>"), Effect::None);
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.report.meta.reviewed.is_empty());
    assert_eq!(app.report.text(field(ON_REQUEST)), text);
    // Where there is no warning at all, F3 says so.
    app.set_focus(Focus::Field(field("overview.summary")));
    press(&mut app, "<F3>");
    assert_eq!(app.overlay, Overlay::None);
    assert!(
        status(&app).contains("没有可以确认的警告"),
        "{}",
        status(&app)
    );
}

#[test]
fn f4_inserts_the_draft_at_the_caret_as_one_undoable_edit() {
    let mut app = app_with_a_text_warning();
    press(&mut app, "<BS*200>");
    assert_eq!(app.report.text(field(ON_REQUEST)), "");
    assert_eq!(press(&mut app, "<F4>"), Effect::Edited);
    let drafted = nianbao::review::draft::draft(&app.report, field(ON_REQUEST)).unwrap();
    assert_eq!(app.report.text(field(ON_REQUEST)), drafted);
    assert!(
        drafted.contains("全年新收政府信息公开申请512件"),
        "{drafted}"
    );
    assert!(
        !app.problems.iter().any(|p| p.path == ON_REQUEST),
        "{:#?}",
        app.problems
    );
    // At the caret: text typed before stays before it.
    press(&mut app, "<C-z>");
    assert_eq!(app.report.text(field(ON_REQUEST)), "");
    press(&mut app, "本年度，<C-t>");
    assert_eq!(
        app.report.text(field(ON_REQUEST)),
        format!("本年度，{drafted}")
    );
    press(&mut app, "<C-z>");
    assert_eq!(app.report.text(field(ON_REQUEST)), "本年度，");
}

#[test]
fn f4_says_why_where_nothing_can_be_drafted() {
    let mut app = example_app("busy-city-bureau-2024");
    app.set_focus(Focus::Field(field("overview.summary")));
    let before = app.report.text(field("overview.summary")).to_string();
    assert_eq!(press(&mut app, "<F4>"), Effect::None);
    assert!(status(&app).contains("不能按表格草拟"), "{}", status(&app));
    assert!(status(&app).contains("依申请公开情况"), "{}", status(&app));
    assert_eq!(app.report.text(field("overview.summary")), before);
    app.set_focus(Focus::Cell(cell("applications.granted.natural")));
    press(&mut app, "<F4>");
    assert!(status(&app).contains("不能按表格草拟"), "{}", status(&app));

    let mut empty = new_app();
    empty.set_focus(Focus::Field(field(ON_REQUEST)));
    assert_eq!(press(&mut empty, "<F4>"), Effect::None);
    assert!(
        status(&empty).contains("表格里还没有数字"),
        "{}",
        status(&empty)
    );
    assert_eq!(empty.report.text(field(ON_REQUEST)), "");
}

#[test]
fn review_keys_speak_english_with_lang_en() {
    let mut app = app_with_a_text_warning();
    app.lang = Lang::En;
    app.refresh_problems();
    press(&mut app, "<F3><Enter>");
    assert_eq!(status(&app), "Please give a short reason.");
    press(&mut app, "checked<Enter>");
    assert!(
        status(&app).starts_with("Marked as reviewed"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_reason_pasted_beyond_a_fields_limit_is_refused_with_the_count() {
    let limit = nianbao::entry::paste::TEXT_CHARS_MAX;
    let mut app = app_with_a_text_warning();
    press(&mut app, "<F3>");
    assert_eq!(app.overlay, Overlay::Reason);
    app.update(Action::Paste("理".repeat(limit + 1)));
    assert!(
        status(&app).contains(&format!("{}", limit + 1)),
        "{}",
        status(&app)
    );
    press(&mut app, "含代收");
    assert_eq!(press(&mut app, "<Enter>"), Effect::Committed);
    assert_eq!(text_warning(&app).reviewed.as_deref(), Some("含代收"));
}
