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
use unicode_width::UnicodeWidthStr;

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

fn screen(app: &App, w: u16, h: u16) -> String {
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

#[test]
fn english_ascii_without_colour() {
    let text = std::fs::read_to_string("examples/busy-city-bureau-2024.toml").unwrap();
    let loaded = nianbao::toml_read::read(&text, Lang::En).unwrap();
    let mut app = App::new(
        loaded.report,
        Lang::En,
        nianbao::tui::app::Previous::None,
        THIS_YEAR,
    );
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
