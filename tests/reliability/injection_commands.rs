//! Hostile text in a report — terminal escape sequences (ESC, CSI, a C1
//! CSI, OSC 52 clipboard writes, BEL), markup, quotes and ampersands — and
//! in file names, through the real binary: nothing reaches a terminal raw
//! (`check`, `render --format txt/md` on a terminal and on a pipe, plain
//! mode's echoes and messages), HTML escapes it, DOCX stays well-formed XML.
//! The writers themselves are tested in `tests/render_formats.rs`.

use crate::common;

use common::session::Session;
use common::{BUSY, nianbao};
use nianbao::schema::{self, FieldKind, Lang};
use nianbao::{store, toml_write};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Every kind of escape a pasted text could carry: OSC 52 (write the
/// clipboard), a clear-screen CSI, a colour set through the one-byte C1
/// CSI, a title change ended by BEL, a cursor move, markup and entities.
const NASTY: &str = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m\u{1b}]0;owned\u{7}\u{1b}[10;10H\u{7}\u{8}\u{7f}<script>alert(\"x\")</script> & 'q' &amp; ";

/// The busy example with the hostile text in front of every text field.
fn hostile_report(dir: &Path) -> PathBuf {
    let mut report = nianbao::toml_read::read(BUSY, Lang::En).unwrap().report;
    for id in schema::all_fields() {
        if matches!(id.field().kind, FieldKind::Line(_) | FieldKind::Paragraphs) {
            let text = format!("{NASTY}{}", report.text(id));
            report.set_text(id, text);
        }
    }
    let file = dir.join("hostile.toml");
    fs::write(&file, toml_write::write(&report)).unwrap();
    file
}

/// Fails when the bytes hold anything a terminal would act on other than a
/// line break: C0 controls but LF (and CR, which a terminal's own newline
/// translation adds), DEL, and C1 controls.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<(usize, char)> = text
        .char_indices()
        .filter(|&(_, c)| c.is_control() && c != '\n' && c != '\r')
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: control characters {:?} reached the output:\n{text}",
        &bad[..bad.len().min(5)]
    );
}

#[test]
fn check_prints_no_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_report(dir.path());
    // A raw escape in a string is a TOML syntax error; a hostile key and a
    // hostile choice are named in messages.
    let raw = dir.path().join("raw.toml");
    fs::write(&raw, BUSY.replacen("李明", "李\u{1b}]52;c;x\u{7}明", 1)).unwrap();
    let key = dir.path().join("key.toml");
    fs::write(
        &key,
        format!("{BUSY}\n[contact.\"\\u001b]52;c;eA==\\u0007\"]\nx = 1\n"),
    )
    .unwrap();
    let choice = dir.path().join("choice.toml");
    let level = "level = \"\\u001b[2J\\u009b31m\"";
    fs::write(
        &choice,
        BUSY.replacen("level = \"city_department\"", level, 1),
    )
    .unwrap();
    for lang in ["zh", "en"] {
        let out = nianbao(&["check", "--lang", lang])
            .arg(&file)
            .arg(&raw)
            .arg(&key)
            .arg(&choice)
            .go();
        assert_eq!(out.code(), Some(2), "{}", out.both());
        assert_inert("check", &out.stdout);
        assert!(out.out().contains("key.toml:"), "{}", out.both());
        let out = nianbao(&["check", "--format", "json"])
            .arg(&raw)
            .arg(&key)
            .arg(&choice)
            .go();
        assert_inert("check --format json", &out.stdout);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON");
    }
}

#[test]
fn text_and_markdown_on_a_terminal_carry_no_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_report(dir.path());
    for format in ["txt", "md"] {
        // On a pseudo-terminal, byte for byte what the user's terminal gets.
        let s = Session::pty(
            &["render", "--force", "--format", format, "hostile.toml"],
            dir.path(),
            120,
            40,
            None,
        );
        let (ended, printed) = s.finish(Duration::from_secs(30));
        assert_eq!(ended.code, Some(0), "{}", String::from_utf8_lossy(&printed));
        assert_inert(format, &printed);
        let printed = String::from_utf8_lossy(&printed);
        assert!(printed.contains("]52;c;ZXZpbA=="), "the visible text stays");
        // And on a pipe.
        let out = nianbao(&["render", "--force", "--format", format])
            .arg(&file)
            .go();
        assert_eq!(out.code(), Some(0), "{}", out.err());
        assert_inert(format, &out.stdout);
        assert_inert("render messages", &out.stderr);
    }
}

#[test]
fn html_escapes_markup_quotes_and_ampersands() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_report(dir.path());
    let html = dir.path().join("r.html");
    let out = nianbao(&["render", "--force", "--chart"])
        .arg(&file)
        .arg("-o")
        .arg(&html)
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.err());
    let page = fs::read_to_string(&html).unwrap();
    assert_inert("html", page.as_bytes());
    assert!(!page.contains("<script"), "raw markup reached the page");
    assert!(
        page.contains(
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &amp;amp;"
        ),
        "markup, quotes and ampersands escaped"
    );
    let parsed = scraper::Html::parse_document(&page);
    let scripts = scraper::Selector::parse("script, [onload], [onerror], iframe").unwrap();
    assert_eq!(parsed.select(&scripts).count(), 0);
    let h1 = scraper::Selector::parse("h1").unwrap();
    let title: String = parsed.select(&h1).next().unwrap().text().collect();
    let visible: String = NASTY.chars().filter(|c| !c.is_control()).collect();
    assert!(title.starts_with(&visible), "{title}");
}

#[test]
fn docx_stays_well_formed_xml_with_the_text_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_report(dir.path());
    let docx = dir.path().join("r.docx");
    let out = nianbao(&["render", "--force"])
        .arg(&file)
        .arg("-o")
        .arg(&docx)
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.err());
    let mut zip = zip::ZipArchive::new(fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(!xml.contains("<script"), "markup escaped");
    assert!(xml.contains("&lt;script&gt;"), "markup escaped");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let texts: String = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect();
    let visible: String = NASTY.chars().filter(|c| !c.is_control()).collect();
    assert!(texts.contains(&visible));
    assert!(!texts.chars().any(|c| c.is_control() && c != '\n'));
}

/// Plain mode shows each stored value back in its prompt: over a pipe and
/// on a terminal, none of the stored escapes comes out raw.
#[test]
fn plain_mode_echoes_no_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_report(dir.path());
    let before = fs::read(&file).unwrap();
    // Enter keeps every value and walks every prompt to the end.
    let keep_all = "\n".repeat(400);
    let out = nianbao(&["edit", "--plain", "--lang", "zh"])
        .arg(&file)
        .stdin(keep_all.clone())
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert_inert("plain over a pipe", &out.stdout);
    assert!(out.out().contains("== 核对 (8/8) =="), "walked to the end");
    let s = Session::pty(
        &["edit", "--plain", "--lang", "en", "hostile.toml"],
        dir.path(),
        80,
        24,
        Some("-echo"),
    );
    s.wait_for("]: ", 0, Duration::from_secs(20));
    s.send(keep_all.as_bytes());
    let (ended, printed) = s.finish(Duration::from_secs(30));
    assert_eq!(ended.code, Some(0), "{}", String::from_utf8_lossy(&printed));
    assert_inert("plain on a terminal", &printed);
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "keeping every value writes nothing"
    );

    // Typed in plain mode, control characters are removed as the wizard
    // removes them from a paste; the rest is stored as typed.
    let typed = dir.path().join("typed.toml");
    let out = nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&typed)
        .stdin(format!("{NASTY}局\n"))
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert_inert("plain", &out.stdout);
    let stored = store::load(&typed, Lang::En).unwrap().report;
    let visible: String = NASTY.chars().filter(|c| !c.is_control()).collect();
    assert_eq!(stored.text_at("report.agency"), format!("{visible}局"));
    assert_inert("the TOML file", &fs::read(&typed).unwrap());
}

/// A file name is text the user did not type either: a name carrying an
/// escape sequence is printed inert by every command.
#[test]
fn file_names_with_escapes_are_printed_inert() {
    let dir = tempfile::tempdir().unwrap();
    let name = "r\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}1m.toml";
    let file = dir.path().join(name);
    fs::write(&file, BUSY.replacen("natural = 380 ", "naturl = 380 ", 1)).unwrap();
    let out = nianbao(&["check"]).arg(&file).go();
    assert_eq!(out.code(), Some(1));
    assert_inert("check", &out.stdout);
    let out = nianbao(&["render", "--format", "txt"]).arg(&file).go();
    assert_eq!(out.code(), Some(1));
    assert_inert("render", &out.stderr);
    let out = nianbao(&["edit", "--plain"]).arg(&file).go();
    assert_eq!(out.code(), Some(2));
    assert_inert("plain", &out.stdout);
    assert_inert("plain", &out.stderr);
    // A readable one: plain mode prints its name at the start and the end.
    fs::write(&file, BUSY).unwrap();
    let out = nianbao(&["edit", "--plain"])
        .arg(&file)
        .stdin("新名称局\n")
        .go();
    assert_eq!(out.code(), Some(0), "{}", out.both());
    assert_inert("plain", &out.stdout);
    let out = nianbao(&["render", "--format", "html", "-o"])
        .arg(dir.path().join(format!("{name}.d/out.html")))
        .arg(&file)
        .go();
    assert_eq!(out.code(), Some(2), "{}", out.both());
    assert_inert("render", &out.stderr);
}

/// The lock file says who holds a report; whatever it holds is printed inert.
#[test]
fn a_lock_holder_with_escapes_is_printed_inert() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.toml");
    fs::write(&file, BUSY).unwrap();
    let lock = store::EditLock::acquire(&file).unwrap().unwrap();
    fs::write(
        store::EditLock::path_for(&file),
        "1@host\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}2J",
    )
    .unwrap();
    let out = nianbao(&["edit", "--plain", "--lang", "en"])
        .arg(&file)
        .stdin("x\n")
        .go();
    drop(lock);
    assert_eq!(out.code(), Some(1), "{}", out.both());
    assert!(
        out.err().contains("is open in another nianbao (1@host"),
        "{}",
        out.both()
    );
    assert_inert("plain", &out.stdout);
    assert_inert("plain", &out.stderr);
}
