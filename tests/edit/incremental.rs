//! The wizard re-runs only the checks that read what a key changed
//! (`src/validate/incremental.rs`). Long seeded random sessions, typed
//! in-process through `App::update`, compare after every input the
//! problems the wizard holds with a full validation of the same report
//! (`App::problems_in_full`): a rule that reads something it did not
//! declare shows as a difference here.

use crate::common;

use common::wizard::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nianbao::schema::Lang;
use nianbao::tui::app::{Action, App, Previous};

/// A small, seeded generator (xorshift64*), so that a failure can be
/// replayed from its seed.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Text the review rules read: statements of the tables' numbers, denials,
/// years, fees, the words of 考核/评议/追究.
const PHRASES: &[&str] = &[
    "全年收到申请539件",
    "全年新收政府信息公开申请512件，上年结转27件",
    "办结511件，结转下年度28件",
    "被申请行政复议15件，提起行政诉讼3件",
    "本年度未收到行政复议申请",
    "未发生行政诉讼",
    "未收取任何费用",
    "收取信息处理费0.5万元",
    "制发规章2件，废止1件，现行有效12件",
    "行政许可1200件，行政处罚30件",
    "2019年",
    "2023年",
    "按照国办公开办函〔2019〕60号",
    "政府信息公开工作年度报告格式（试行）",
    "开展工作考核和社会评议，未发生责任追究",
    "某市某局",
];

/// Keys a user presses, with digits and moves most often.
fn random_input(dice: &mut Dice) -> Action {
    let plain = |code| Action::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let ctrl = |c| Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    match dice.below(100) {
        0..30 => plain(KeyCode::Char(char::from(b'0' + dice.below(10) as u8))),
        30..42 => plain(KeyCode::Tab),
        42..46 => plain(KeyCode::Enter),
        46..49 => plain(KeyCode::BackTab),
        49..53 => plain(KeyCode::Backspace),
        53..55 => plain(KeyCode::Delete),
        55..58 => plain(KeyCode::PageDown),
        58..60 => plain(KeyCode::PageUp),
        60..64 => plain([KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right][dice.below(4)]),
        64..66 => plain(KeyCode::Esc),
        66..72 => {
            let c = "件申请收到办结无未年，。.元万 a"
                .chars()
                .nth(dice.below(16));
            plain(KeyCode::Char(c.unwrap_or('件')))
        }
        72..80 => Action::Paste(dice.pick(PHRASES).to_string()),
        80..83 => {
            Action::Paste(["12\t3\t0\n4\t5\t6", "100", "7\t8", "0.5"][dice.below(4)].to_string())
        }
        83..86 => plain(KeyCode::F(3)),
        86..88 => plain(KeyCode::F(4)),
        88..91 => ctrl('z'),
        91..93 => ctrl('y'),
        93..95 => plain(KeyCode::Home),
        95..97 => plain(KeyCode::End),
        _ => plain(KeyCode::Right),
    }
}

/// Types `count` random inputs into `app`, comparing after each.
fn session(mut app: App, seed: u64, count: usize) {
    let mut dice = Dice(seed);
    assert_eq!(
        app.problems,
        app.problems_in_full(),
        "seed {seed}: at the start"
    );
    let mut compared = 0;
    for n in 0..count {
        let input = random_input(&mut dice);
        let shown = format!("{input:?}");
        app.update(input);
        let full = app.problems_in_full();
        if app.problems != full {
            let only_kept: Vec<_> = app.problems.iter().filter(|p| !full.contains(p)).collect();
            let only_full: Vec<_> = full.iter().filter(|p| !app.problems.contains(p)).collect();
            panic!(
                "seed {seed}, input {n} ({shown}): the wizard's problems differ from a full \
                 validation\nkept only: {only_kept:#?}\nfull only: {only_full:#?}"
            );
        }
        compared += 1;
    }
    assert_eq!(compared, count);
}

/// Last year's report for the busy example (2024): the kunqu example
/// (2023), so that the cross-year rules run too.
fn with_last_year(name: &str) -> App {
    let text = std::fs::read_to_string(format!("examples/{name}.toml")).unwrap();
    let loaded = nianbao::toml_read::read(&text, Lang::Zh).unwrap();
    let last = std::fs::read_to_string("examples/kunqu-commerce-2023.toml").unwrap();
    let last = nianbao::toml_read::read(&last, Lang::Zh).unwrap();
    let previous = Previous::Loaded {
        report: Box::new(last.report),
        name: "kunqu-commerce-2023.toml".into(),
    };
    let mut app = App::new(loaded.report, Lang::Zh, previous, THIS_YEAR);
    app.today = TODAY;
    app
}

#[test]
fn incremental_checks_equal_a_full_validation_after_every_key_of_a_busy_report() {
    session(with_last_year("busy-city-bureau-2024"), 20_261_206, 2500);
}

#[test]
fn incremental_checks_equal_a_full_validation_after_every_key_of_a_new_report() {
    session(new_app(), 7, 1500);
}

#[test]
fn incremental_checks_equal_a_full_validation_in_section_three_with_last_year() {
    let mut app = with_last_year("busy-city-bureau-2024");
    // Straight to 三, where digits feed totals, the 勾稽 check, the texts'
    // numbers and last year's figures.
    press(&mut app, "<PgDn*3>");
    session(app, 42, 1500);
}
