//! A panic in the wizard saves the report before the process ends. (Its own
//! test binary: a panic hook is process-wide.)

use nianbao::entry::saving::Rescue;
use nianbao::model::Report;
use nianbao::schema::Lang;
use nianbao::tui::persist::{install_panic_hook, keep_for_panic};
use std::sync::atomic::{AtomicBool, Ordering};

static RESTORED: AtomicBool = AtomicBool::new(false);

fn restore() {
    RESTORED.store(true, Ordering::SeqCst);
}

#[test]
fn a_panic_restores_the_terminal_and_saves_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    let mut report = Report::for_year(2024);
    report.set_text(
        nianbao::schema::find_field("report.agency").unwrap(),
        "崩溃前的单位",
    );
    keep_for_panic(Rescue {
        path: path.clone(),
        target: path.clone(),
        known: None,
        rescue: None,
        report,
        lang: Lang::Zh,
    });
    install_panic_hook(restore);
    let result = std::panic::catch_unwind(|| panic!("boom"));
    assert!(result.is_err());
    assert!(
        RESTORED.load(Ordering::SeqCst),
        "the terminal is restored first"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("崩溃前的单位"), "{text}");
}
