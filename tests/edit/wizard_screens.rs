//! Every step of the wizard drawn at 80×24 (the minimum) and 120×40, as
//! text snapshots (ratatui's `TestBackend`), with the cursor position.

use crate::common;

use common::wizard::*;
use nianbao::entry::focus::{self, Focus};
use nianbao::schema::Lang;
use nianbao::tui::app::{Action, App};
use nianbao::tui::theme::Theme;
use nianbao::tui::view::{self, Chrome};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const COLOR: Theme = Theme {
    color: true,
    ascii: false,
};

/// The screen as text, one line per row (a wide character once), then the
/// cursor.
fn screen_with(app: &App, w: u16, h: u16, theme: Theme) -> (String, Option<(u16, u16)>) {
    let chrome = Chrome {
        theme,
        file: "report.toml".into(),
        save_problem: None,
    };
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(f, app, &chrome)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += sym.width().max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let cursor = t
        .backend_mut()
        .get_cursor_position()
        .ok()
        .filter(|_| t.backend().cursor_visible())
        .map(|p| (p.x, p.y));
    out.push_str(&format!("cursor: {cursor:?}\n"));
    (out, cursor)
}

pub(crate) fn screen(app: &App, w: u16, h: u16) -> String {
    screen_with(app, w, h, COLOR).0
}

fn on_step(mut app: App, step: usize) -> App {
    app.go_step(step);
    app
}

fn each_size(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

#[test]
fn front_matter_of_a_new_report() {
    each_size("front_new", &new_app());
}

#[test]
fn front_matter_of_a_full_report() {
    each_size("front_full", &example_app("busy-city-bureau-2024"));
}

/// 机关层级 focused: its options listed under the fields with the numbers a
/// digit chooses them by, the chosen one marked; in Chinese and English.
#[test]
fn the_level_lists_its_numbered_options() {
    let mut app = example_app("busy-city-bureau-2024");
    app.set_focus(Focus::Field(field("report.level")));
    each_size("front_level", &app);
    let text = screen(&app, 80, 24);
    for (n, option) in ["0 （未选）", "1 国务院部门", "7 县级政府部门", "9 其他"]
        .iter()
        .enumerate()
    {
        assert!(text.contains(option), "{n}: {option}: {text}");
    }
    assert!(
        text.contains("> 5 市级政府部门"),
        "the chosen one is marked: {text}"
    );
    let mut app = english_app("busy-city-bureau-2024");
    app.set_focus(Focus::Field(field("report.level")));
    let text = screen(&app, 80, 24);
    assert!(text.contains("8 Township or subdistrict"), "{text}");
    insta::assert_snapshot!("front_level_en_80x24", text);
    // At 120×40 in one column, every option on a line of its own.
    let text = screen(&app, 120, 40);
    for option in ["0 (not chosen)", "> 5 City department", "9 Other"] {
        assert!(
            text.lines().any(|l| l.trim_end().ends_with(option)),
            "{option}: {text}"
        );
    }
}

#[test]
fn overview_texts() {
    each_size(
        "overview",
        &on_step(example_app("busy-city-bureau-2024"), 1),
    );
}

#[test]
fn proactive_tables() {
    each_size(
        "proactive",
        &on_step(example_app("busy-city-bureau-2024"), 2),
    );
}

#[test]
fn applications_table() {
    each_size(
        "applications",
        &on_step(example_app("busy-city-bureau-2024"), 3),
    );
}

#[test]
fn applications_table_with_a_balance_error() {
    let mut app = example_app("busy-city-bureau-2024");
    app.set_focus(Focus::Cell(cell("applications.granted.commercial")));
    press(&mut app, "25<Down>");
    // Read the rule on the （七）总计 row, where it is written out.
    app.set_focus(Focus::Cell(cell("applications.carry_forward.commercial")));
    let text = screen(&app, 80, 24);
    assert!(text.contains("不符"), "{text}");
    assert!(
        text.contains("商业企业列：一+二 = 70+4 = 74，但（七）总计+四 = 71+4 = 75"),
        "{text}"
    );
    insta::assert_snapshot!("applications_unbalanced_80x24", text);
}

#[test]
fn applications_table_while_typing() {
    let mut app = example_app("kunqu-commerce-2023");
    app.set_focus(Focus::Cell(cell("applications.partly_granted.natural")));
    press(&mut app, "12");
    let (text, cursor) = screen_with(&app, 80, 24, COLOR);
    insta::assert_snapshot!("applications_typing_80x24", text);
    // The cursor is right after the typed digits.
    let row = text
        .lines()
        .position(|l| l.contains("（二）部分公开"))
        .unwrap() as u16;
    let col = text.lines().nth(row as usize).unwrap();
    let x = col[..col.find("12").unwrap()].width() as u16 + 2;
    assert_eq!(cursor, Some((x, row)));
}

/// A spreadsheet row pasted with its 总计 column, the total not matching
/// its parts: the status line names the 总计 column and both numbers, whole
/// on its two lines, in either language.
#[test]
fn a_row_pasted_with_its_total_column() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = match lang {
            Lang::Zh => example_app("busy-city-bureau-2024"),
            Lang::En => english_app("busy-city-bureau-2024"),
        };
        app.set_focus(Focus::Cell(cell("applications.new_received.natural")));
        app.update(Action::Paste("380\t70\t6\t9\t31\t16\t513\n".into()));
        let text = screen(&app, 80, 24);
        let status: String = text.lines().skip(21).take(2).collect();
        assert!(!status.ends_with(" .."), "the message is cut: {text}");
        assert!(
            status.contains(lang.pick("“总计”列的值 513", "Total column's 513")),
            "{text}"
        );
        insta::assert_snapshot!(
            format!("applications_pasted_total_{}80x24", lang.pick("", "en_")),
            text
        );
    }
}

#[test]
fn appeals_table() {
    each_size("appeals", &on_step(example_app("busy-city-bureau-2024"), 4));
}

#[test]
fn problems_text() {
    each_size(
        "problems",
        &on_step(example_app("busy-city-bureau-2024"), 5),
    );
}

#[test]
fn other_matters_texts() {
    each_size("other", &on_step(example_app("kunqu-commerce-2023"), 6));
}

#[test]
fn review_with_problems() {
    let mut app = example_app("busy-city-bureau-2024");
    app.set_focus(Focus::Cell(cell("applications.granted.commercial")));
    press(&mut app, "25<Tab>");
    app.set_focus(Focus::Field(field("contact.phone")));
    press(
        &mut app,
        "<BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>abc<Tab>",
    );
    each_size("review", &on_step(app, focus::review_step()));
}

#[test]
fn review_of_a_clean_report() {
    insta::assert_snapshot!(
        "review_clean_80x24",
        screen(
            &on_step(example_app("busy-city-bureau-2024"), focus::review_step()),
            80,
            24
        )
    );
}

/// The part of a screen line from display column `x` on.
fn from_column(line: &str, x: usize) -> &str {
    let mut at = 0;
    for (i, c) in line.char_indices() {
        if at >= x {
            return &line[i..];
        }
        at += c.width().unwrap_or(0);
    }
    ""
}

/// 核对's key figures with the busy example's numbers, in both languages at
/// both sizes: every line shown whole (wrapped where it must be), nothing
/// cut — what is drawn, read back, is the summary's full text.
#[test]
fn every_key_figure_shows_on_review() {
    for lang in [Lang::Zh, Lang::En] {
        let app = match lang {
            Lang::Zh => example_app("busy-city-bureau-2024"),
            Lang::En => english_app("busy-city-bureau-2024"),
        };
        let app = on_step(app, focus::review_step());
        let expected: String = nianbao::tui::view_review::summary(&app)
            .concat()
            .split_whitespace()
            .collect();
        assert!(expected.contains(lang.pick(
            "行政强制37；行政事业性收费18.8710",
            "Administrativefees18.8710"
        )));
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen(&app, w, h);
            let lines: Vec<&str> = text.lines().collect();
            let heading = lang.pick("主要数字", "Key figures");
            let top = lines.iter().position(|l| l.contains(heading)).unwrap();
            let x = lines[top][..lines[top].find(heading).unwrap()].width();
            let drawn: String = lines[top + 1..]
                .iter()
                .map(|l| from_column(l, x))
                .take_while(|l| !l.trim().is_empty())
                .collect::<String>()
                .split_whitespace()
                .collect();
            assert_eq!(drawn, expected, "{lang:?} {w}x{h}:\n{text}");
        }
    }
}

#[test]
fn review_in_english() {
    let app = on_step(english_app("busy-city-bureau-2024"), focus::review_step());
    insta::assert_snapshot!("review_en_80x24", screen(&app, 80, 24));
}

#[test]
fn chinese_text_with_the_caret_after_wide_characters() {
    let mut app = new_app();
    press(&mut app, "昆区商务局ab");
    let (text, cursor) = screen_with(&app, 80, 24, COLOR);
    let line = text.lines().nth(1).unwrap();
    let start = line.find("昆区").unwrap();
    let x = line[..start].width() as u16 + "昆区商务局ab".width() as u16;
    assert_eq!(cursor, Some((x, 1)), "{text}");
    // Backspace moves the caret back one cell; left over a Chinese character, two.
    press(&mut app, "<BS><BS><Left>");
    let (_, cursor) = screen_with(&app, 80, 24, COLOR);
    assert_eq!(cursor, Some((x - 4, 1)));
    // Pasted text with an escape sequence is drawn without it.
    app.update(Action::Paste("\u{1b}]0;x\u{7}".into()));
    let (text, _) = screen_with(&app, 80, 24, COLOR);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    insta::assert_snapshot!("front_caret_80x24", text);
}

#[test]
fn a_long_paragraph_wraps_and_keeps_the_caret_visible() {
    let mut app = on_step(new_app(), 1);
    let long = "政府信息公开工作".repeat(40);
    app.update(Action::Paste(long));
    let (text, cursor) = screen_with(&app, 80, 24, COLOR);
    let (x, y) = cursor.expect("a caret");
    assert!(y < 20 && x < 80, "{text}");
    insta::assert_snapshot!("overview_long_80x24", text);
}

#[test]
fn too_small_a_terminal_gets_a_message() {
    let app = new_app();
    insta::assert_snapshot!("too_small_79x24", screen(&app, 79, 24));
    insta::assert_snapshot!("too_small_40x10", screen(&app, 40, 10));
}

#[test]
fn help_and_step_menu_overlays() {
    let mut app = on_step(example_app("busy-city-bureau-2024"), 3);
    press(&mut app, "<F1>");
    insta::assert_snapshot!("help_80x24", screen(&app, 80, 24));
    press(&mut app, "<Esc><F2><Down>");
    insta::assert_snapshot!("step_menu_80x24", screen(&app, 80, 24));
}

/// A wizard in English on one of the examples.
fn english_app(name: &str) -> App {
    let text = std::fs::read_to_string(format!("examples/{name}.toml")).unwrap();
    let loaded = nianbao::toml_read::read(&text, Lang::En).unwrap();
    let mut app = App::new(
        loaded.report,
        Lang::En,
        nianbao::tui::app::Previous::None,
        THIS_YEAR,
    );
    app.today = TODAY;
    app
}

/// Section 三 in English: the seven column headers in their short forms on
/// one line each (no header wraps at 80 columns), the focused cell's column
/// named in full under the table.
#[test]
fn applications_table_in_english() {
    let mut app = english_app("busy-city-bureau-2024");
    app.set_focus(Focus::Cell(cell("applications.new_received.research")));
    each_size("applications_en", &app);
    let text = screen(&app, 80, 24);
    let header: Vec<&str> = text.lines().skip(1).take(3).collect();
    // The column labels on one line, in the table's order.
    let at: Vec<usize> = [
        "Persons", "Firms", "Research", "NGOs", "Legal", "Other", "Total",
    ]
    .iter()
    .map(|short| {
        header[2]
            .find(short)
            .unwrap_or_else(|| panic!("{short}: {text}"))
    })
    .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(header[0].contains("Applicants"), "{text}");
    assert!(header[1].contains("Legal persons and other orgs"), "{text}");
    assert!(
        text.contains("I. New applications this year / Research institutions"),
        "{text}"
    );
    // On the longest row and column the row's groups give way, so that the
    // column's full name is never cut.
    app.set_focus(Focus::Cell(cell(
        "applications.other_fee_unpaid.public_interest",
    )));
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("2. Applicant did not pay the fee in time; no longer processed /"),
        "{text}"
    );
    assert!(text.contains("Public-interest organisations"), "{text}");
    insta::assert_snapshot!("applications_en_long_label_80x24", text);
}

/// Walking a row of 三 in English with Right: under the table, each column
/// the header shortens is named in full; 其他 and 总计 need no more.
#[test]
fn english_column_names_in_full_under_the_table() {
    let mut app = english_app("busy-city-bureau-2024");
    press(&mut app, "<F2>3");
    let full = [
        Some("Natural persons"),
        Some("Businesses"),
        Some("Research institutions"),
        Some("Public-interest organisations"),
        Some("Legal service providers"),
        None,
        Some("(computed)"),
    ];
    for (col, name) in full.iter().enumerate() {
        if col > 0 {
            press(&mut app, "<Right>");
        }
        let text = screen(&app, 80, 24);
        let under = text.lines().nth(19).unwrap();
        let expected = match name {
            Some("(computed)") => "I. New applications this year (computed)".to_string(),
            Some(name) => format!("I. New applications this year / {name}"),
            None => "I. New applications this year".to_string(),
        };
        assert!(under.ends_with(&expected), "{col}: {text}");
    }
}

#[test]
fn english_ascii_without_colour() {
    let mut app = english_app("busy-city-bureau-2024");
    app.go_step(3);
    press(&mut app, "<F2>");
    let plain = Theme {
        color: false,
        ascii: true,
    };
    let (text, _) = screen_with(&app, 80, 24, plain);
    assert!(text.contains("+--"), "ASCII borders: {text}");
    assert!(!text.contains('─') && !text.contains('│'));
    insta::assert_snapshot!("applications_en_ascii_80x24", text);
}

#[test]
fn no_colour_means_no_colour_anywhere() {
    let mut app = example_app("busy-city-bureau-2024");
    app.set_focus(Focus::Cell(cell("applications.granted.commercial")));
    press(&mut app, "25<Tab>");
    let chrome = Chrome {
        theme: Theme {
            color: false,
            ascii: false,
        },
        file: "report.toml".into(),
        save_problem: Some("x".into()),
    };
    for step in 0..focus::step_count() {
        app.go_step(step);
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| view::draw(f, &app, &chrome)).unwrap();
        for cell in t.backend().buffer().content() {
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "step {step}");
            assert_eq!(cell.bg, ratatui::style::Color::Reset, "step {step}");
        }
    }
}

/// The example with 依申请公开情况 saying 500 new applications where
/// section 三 has 512, and the 联系电话 made wrong: one open warning, and
/// one more to mark.
fn app_with_review_warnings() -> App {
    let mut app = example_app("busy-city-bureau-2024");
    app.set_focus(Focus::Field(field("overview.on_request")));
    press(
        &mut app,
        "<BS*200>全年新收政府信息公开申请500件，上年结转27件；办结511件，结转下年度28件。",
    );
    app.set_focus(Focus::Field(field("contact.phone")));
    press(&mut app, "<BS*20>abc<Tab>");
    app
}

/// The reason prompt of F3 over the field: the warning in full, the reason
/// typed so far with the caret after it.
#[test]
fn the_reason_prompt() {
    let mut app = app_with_review_warnings();
    app.set_focus(Focus::Field(field("overview.on_request")));
    press(&mut app, "<F3>含代收申请");
    let (text, cursor) = screen_with(&app, 80, 24, COLOR);
    insta::assert_snapshot!("reason_prompt_80x24", text);
    // The caret is after the last character typed (two cells each).
    let line = text.lines().nth(cursor.unwrap().1 as usize).unwrap();
    let before: String = line.chars().take_while(|c| *c != '含').collect();
    assert_eq!(
        cursor.unwrap().0 as usize,
        before.width() + "含代收申请".width()
    );
}

/// 核对 with one warning marked as reviewed: the head counts it apart, it
/// is listed last and quieter with its reason; the deadline above the list.
#[test]
fn review_with_a_reviewed_warning_and_the_deadline() {
    let mut app = app_with_review_warnings();
    app.set_focus(Focus::Field(field("overview.on_request")));
    press(&mut app, "<F3>含代收申请12件<Enter>");
    let app = on_step(app, focus::review_step());
    let text = screen(&app, 80, 24);
    insta::assert_snapshot!("review_reviewed_80x24", text);
    assert!(text.contains("错误 0 个，警告 1 个，已确认 1 个"), "{text}");
    assert!(text.contains("2025年1月31日前"), "{text}");
}

/// At the field, a reviewed warning is shown with its reason, and the
/// field's `!` mark and its step's count are gone.
#[test]
fn a_reviewed_warning_at_its_field() {
    let mut app = app_with_review_warnings();
    app.set_focus(Focus::Field(field("overview.on_request")));
    press(&mut app, "<F3>含代收申请12件<Enter>");
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("[已确认，理由：含代收申请12件] 文中“新收"),
        "{text}"
    );
    let step_line = text.lines().nth(2).unwrap();
    assert!(step_line.starts_with(" 一") || step_line.starts_with(">一"));
    assert!(!step_line.contains("警"), "{text}");
    assert!(!text.contains("依申请公开情况 !"), "{text}");
}

/// A new file opened in December is 2026's report (the one being compiled),
/// one opened in September 2025's; 核对 of a county department's December
/// report names 2027-01-31 as a date still to come, and says nothing
/// against the year.
#[test]
fn a_new_report_is_for_the_year_being_compiled_on_both_sides_of_october() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.toml");
    let new_on = |today| {
        nianbao::entry::open_on(&path, Lang::Zh, today)
            .unwrap()
            .report
            .year()
    };
    assert_eq!(new_on((2026, 12, 6)), Some(2026));
    assert_eq!(new_on((2026, 10, 1)), Some(2026));
    assert_eq!(new_on((2026, 9, 30)), Some(2025));
    assert_eq!(new_on((2027, 1, 15)), Some(2026));

    let december = (2026, 12, 6);
    let report = nianbao::entry::open_on(&path, Lang::Zh, december)
        .unwrap()
        .report;
    let this_year = nianbao::review::deadline::reporting_year(december);
    let mut app = App::new(
        report,
        Lang::Zh,
        nianbao::tui::app::Previous::None,
        this_year,
    );
    app.today = december;
    app.report
        .set_text(field("report.level"), "county_department");
    app.refresh_problems();
    assert!(
        !app.problems.iter().any(|p| p.path == "report.year"),
        "{:#?}",
        app.problems
    );
    let app = on_step(app, focus::review_step());
    let text = screen(&app, 80, 24);
    assert!(text.contains("2027年1月31日前"), "{text}");
    assert!(
        app.deadline_note()
            .unwrap()
            .contains("2027年1月31日前公布 2026 年度报告")
    );
    assert!(!text.contains("该日期已过"), "{text}");
}

/// At 80 columns a long path loses its folders from the left, never the
/// file name; Chinese folder names are measured in cells.
#[test]
fn the_title_cuts_a_long_path_from_the_left() {
    let app = new_app();
    let title = |file: &str| {
        let chrome = Chrome {
            theme: COLOR,
            file: file.into(),
            save_problem: None,
        };
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| view::draw(f, &app, &chrome)).unwrap();
        let buf = t.backend().buffer().clone();
        let mut line = String::new();
        let mut x = 0;
        while x < 80 {
            let sym = buf[(x, 0)].symbol();
            line.push_str(sym);
            x += sym.width().max(1) as u16;
        }
        line
    };
    let line = title("/srv/nianbao/gonganju/report.toml");
    assert!(line.ends_with(" …/gonganju/report.toml"), "{line}");
    assert_eq!(line.width(), 80, "{line}");
    let line = title("/srv/年报/某县公安局/2026年度报告.toml");
    assert!(line.ends_with(" …/2026年度报告.toml"), "{line}");
    assert_eq!(line.width(), 80, "{line}");
    // A short path is shown whole.
    assert!(title("gonganju/report.toml").ends_with(" gonganju/report.toml"));
}
