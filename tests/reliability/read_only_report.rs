//! A report made read-only (`chmod a-w`, mode 0444) was made so on purpose:
//! plain mode, `render -o` and `import --force` refuse to replace it, say
//! why, and keep what was typed (plain mode in its rescue copy). The wizard's
//! side is in `bad_input_wizard`. Also: the `cp` command plain mode prints to
//! put a rescue copy back works for any file name.

use crate::common;

use common::session::Session;
use common::{BUSY, chmod, mode_of, nianbao, run_printed_cp, snapshot};
use nianbao::schema::Lang;
use nianbao::store;
use std::fs;
use std::path::Path;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

/// Plain mode on `name` in `folder`, as an ordinary user, its rescue copies
/// going to `home`; once it asks the first question runs `meanwhile`, then
/// answers and ends the input.
fn plain_session_answering(
    folder: &Path,
    name: &str,
    home: &Path,
    answer: &str,
    meanwhile: impl FnOnce(),
) -> (i32, String) {
    let (mut s, mut at) = Session::plain_as_ordinary_user(folder, name, home, WAIT);
    meanwhile();
    s.answer(&mut at, answer, WAIT);
    let (code, printed) = s.close_and_finish(WAIT);
    (code.unwrap_or(-1), printed)
}

#[test]
fn plain_mode_does_not_replace_a_read_only_report_and_keeps_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    chmod(&file, 0o444);
    let (code, printed) =
        plain_session_answering(dir.path(), "r.toml", home.path(), "只读局", || ());
    assert_eq!(code, 1, "{printed}");
    assert!(
        printed.contains("the file is read-only and was not replaced"),
        "{printed}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), BUSY, "byte for byte");
    assert_eq!(mode_of(&file), 0o444);
    // The answer is in the rescue copy, and the printed command puts it
    // back once the user makes the file writable again.
    chmod(&file, 0o644);
    run_printed_cp(&printed, dir.path());
    let report = store::load(&file, Lang::En).unwrap().report;
    assert_eq!(report.text_at("report.agency"), "只读局");
}

#[test]
fn render_does_not_replace_a_read_only_output() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.toml");
    fs::write(&report, BUSY).unwrap();
    let html = dir.path().join("r.html");
    fs::write(&html, "kept").unwrap();
    chmod(&html, 0o444);
    let before = snapshot(dir.path());
    let out = nianbao(&["render", "--lang", "en"])
        .arg(&report)
        .arg("-o")
        .arg(&html)
        .go();
    assert_eq!(out.code(), Some(2), "{}", out.both());
    assert!(
        out.err().contains("r.html: the file is read-only"),
        "{}",
        out.both()
    );
    assert_eq!(snapshot(dir.path()), before, "folder unchanged");
}

#[test]
fn import_force_does_not_replace_a_read_only_report() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("r.toml");
    fs::write(&out_file, BUSY).unwrap();
    chmod(&out_file, 0o444);
    let before = snapshot(dir.path());
    let out = nianbao(&["import", "--lang", "en", "--force"])
        .arg("tests/fixtures/busy-city-bureau-2024.html")
        .arg("-o")
        .arg(&out_file)
        .go();
    assert_eq!(out.code(), Some(2), "{}", out.both());
    assert_eq!(snapshot(dir.path()), before, "folder unchanged");
}

/// A file name with a quote, a space, `$`, a backslash and escape
/// sequences: the printed `cp` command names the very files (and prints no
/// control character), in a folder read-only to the end.
#[test]
fn the_printed_cp_command_works_for_any_file_name() {
    for name in [
        "it's \"r\" $HOME \\n.toml",
        "r\u{1b}]52;c;aGk=\u{7}\u{9b}1m'.toml",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        fs::write(&file, BUSY).unwrap();
        let (code, printed) =
            plain_session_answering(dir.path(), name, home.path(), "引号局", || {
                chmod(dir.path(), 0o555)
            });
        chmod(dir.path(), 0o755);
        assert_eq!(code, 1, "{printed}");
        assert!(
            !printed.chars().any(|c| c.is_control() && c != '\n'),
            "{printed:?}"
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), BUSY);
        run_printed_cp(&printed, dir.path());
        let report = store::load(&file, Lang::En).unwrap().report;
        assert_eq!(report.text_at("report.agency"), "引号局", "{name:?}");
    }
}
