//! Escape sequences in a report never reach the terminal through the
//! wizard. A report whose every text field holds OSC 52, CSI, C1 CSI, an
//! OSC title ended by BEL, BEL, backspace and DEL is opened in the real
//! binary on a pseudo-terminal; every item of every step is visited (so
//! each text is drawn in its editor as well as in the page), 核对 is walked
//! problem by problem, help and the step menu are opened, and the same text
//! is pasted into a text field and into a table. Everything the terminal
//! receives is then parsed: each ESC must begin one of the sequences the
//! wizard's own backend writes (listed in [`allowed_csi`]); no OSC, DCS or
//! other escape, no C0 control but CR and LF, no DEL, no C1 control.

use crate::common;

use common::session::Session;
use common::wizard::{inputs, paste_bytes};
use common::wizard_trials::NAME;
use nianbao::schema::{self, FieldKind, Lang};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// Every kind of escape a text could carry (as in `tests/injection.rs`).
const NASTY: &str = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m\u{1b}]0;owned\u{7}\u{1b}[10;10H\u{7}\u{8}\u{7f}\u{1b}P1$r\u{1b}\\\u{90}q\u{9c}";

/// Whether `ESC [ params final` is one the backend writes: cursor
/// position (`H`), relative moves (`A`–`D`), column (`G`), colours and
/// attributes (`m`), erasing (`J`, `K`), and the private modes it turns on
/// and off: the alternate screen (1049), bracketed paste (2004), the cursor
/// (25) and synchronized output (2026).
fn allowed_csi(params: &str, last: u8) -> bool {
    if let Some(mode) = params.strip_prefix('?') {
        return matches!(last, b'h' | b'l') && matches!(mode, "25" | "1049" | "2004" | "2026");
    }
    params.bytes().all(|b| b.is_ascii_digit() || b == b';')
        && matches!(
            last,
            b'H' | b'A' | b'B' | b'C' | b'D' | b'G' | b'm' | b'J' | b'K'
        )
}

/// Fails at the first byte of `out` a terminal would act on that the
/// wizard's backend does not write itself.
fn assert_only_own_sequences(out: &[u8]) {
    let context = |at: usize| {
        let from = at.saturating_sub(40);
        String::from_utf8_lossy(&out[from..(at + 40).min(out.len())]).into_owned()
    };
    let mut sequences = 0;
    let mut i = 0;
    while i < out.len() {
        match out[i] {
            0x1b => {
                assert_eq!(
                    out.get(i + 1),
                    Some(&b'['),
                    "an escape that is not CSI at byte {i}: {:?}",
                    context(i)
                );
                let start = i + 2;
                let mut j = start;
                while j < out.len() && (0x30..=0x3f).contains(&out[j]) {
                    j += 1;
                }
                let params = std::str::from_utf8(&out[start..j]).unwrap();
                let last = *out.get(j).expect("a sequence cut short at the end");
                assert!(
                    allowed_csi(params, last),
                    "ESC [{params}{} at byte {i} is not one the wizard writes: {:?}",
                    last as char,
                    context(i)
                );
                sequences += 1;
                i = j + 1;
            }
            b'\r' | b'\n' => i += 1,
            b if b < 0x20 || b == 0x7f => {
                panic!("control byte {b:#04x} at byte {i}: {:?}", context(i))
            }
            _ => {
                let rest = &out[i..];
                let len = match std::str::from_utf8(rest) {
                    Ok(s) => s.chars().next().unwrap().len_utf8(),
                    Err(e) if e.valid_up_to() > 0 => std::str::from_utf8(&rest[..e.valid_up_to()])
                        .unwrap()
                        .chars()
                        .next()
                        .unwrap()
                        .len_utf8(),
                    Err(_) => panic!("bytes that are not UTF-8 at byte {i}: {:?}", context(i)),
                };
                let c = std::str::from_utf8(&rest[..len])
                    .unwrap()
                    .chars()
                    .next()
                    .unwrap();
                assert!(
                    !('\u{80}'..='\u{9f}').contains(&c),
                    "C1 control {c:?} at byte {i}: {:?}",
                    context(i)
                );
                i += len;
            }
        }
    }
    assert!(sequences > 100, "the wizard drew something");
}

/// The busy example with the hostile text in front of every text field.
fn hostile_report() -> String {
    let mut report = nianbao::toml_read::read(common::BUSY, Lang::En)
        .unwrap()
        .report;
    for id in schema::all_fields() {
        if matches!(id.field().kind, FieldKind::Line(_) | FieldKind::Paragraphs) {
            let text = format!("{NASTY}{}", report.text(id));
            report.set_text(id, text);
        }
    }
    nianbao::toml_write::write(&report)
}

#[test]
fn escapes_in_the_report_never_reach_the_terminal() {
    for (cols, rows) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(NAME), hostile_report()).unwrap();
        let s = Session::wizard(&["edit", "--lang", "zh", NAME], dir.path(), cols, rows, &[]);
        s.wait_for_screen("机关名称", WAIT);
        let steps = nianbao::entry::focus::reading_order().len();
        // Every item, in reading order, one key at a time.
        for _ in 0..steps + 2 {
            s.send(b"\t");
            std::thread::sleep(Duration::from_millis(2));
        }
        // 核对, problem by problem, and back up.
        for key in inputs("<F2><Up><Enter>") {
            s.send(&key.bytes());
        }
        s.wait_for_screen("核对", WAIT);
        for _ in 0..40 {
            s.send(b"\x1b[B");
            std::thread::sleep(Duration::from_millis(2));
        }
        // Help and the step menu (the step list names every text's step),
        // each closed with a lone Esc once it is on screen, and gone before
        // the next key, so that Esc never runs into it.
        for key in inputs("<F1><PgDn><PgDn>") {
            s.send(&key.bytes());
        }
        s.wait_for_screen("帮助：按键", WAIT);
        s.send(b"\x1b");
        s.wait_until("help closed", WAIT, |screen| {
            !screen.contents().contains("帮助：按键")
        });
        s.send(&inputs("<F2>")[0].bytes());
        s.wait_for_screen("转到步骤", WAIT);
        s.send(b"\x1b");
        s.wait_until("the step menu closed", WAIT, |screen| {
            !screen.contents().contains("转到步骤")
        });
        // Pasted into a one-line field, a multi-line field and a table.
        for step in [
            "<PgUp><PgUp><PgUp><PgUp><PgUp><PgUp><PgUp><PgUp>",
            "<PgDn>",
            "<PgDn><PgDn>",
        ] {
            for key in inputs(step) {
                s.send(&key.bytes());
            }
            s.send(&paste_bytes(&format!("{NASTY}粘贴\r\n{NASTY}")));
        }
        s.send(b"\x11");
        let (ended, out) = s.finish(WAIT);
        assert_eq!(ended.code, Some(0), "{ended:?}");
        assert_only_own_sequences(&out);
        // What was pasted is kept without its control characters.
        let saved = std::fs::read_to_string(dir.path().join(NAME)).unwrap();
        assert!(saved.contains("粘贴"), "the paste went in");
        let loaded = nianbao::toml_read::read(&saved, Lang::En).unwrap();
        assert!(loaded.is_editable());
        println!(
            "{cols}×{rows}: {} bytes from the wizard, every escape its own",
            out.len()
        );
    }
}

/// The check itself catches what it must: an OSC, a C1 control, a BEL, an
/// unknown CSI.
#[test]
fn the_output_check_catches_foreign_sequences() {
    let own = b"\x1b[?1049h\x1b[H\x1b[1;31m\xe4\xb8\xad\x1b[2K\r\n".repeat(30);
    assert_only_own_sequences(&own);
    for bad in [
        &b"\x1b]52;c;aGk=\x07"[..],
        "\u{9b}31m".as_bytes(),
        b"\x07",
        b"\x08",
        b"\x1b[6n",
        b"\x1b[?1000h",
        b"\x1bP1$r\x1b\\",
    ] {
        let mut out = own.clone();
        out.extend_from_slice(bad);
        let caught = std::panic::catch_unwind(|| assert_only_own_sequences(&out)).is_err();
        assert!(caught, "{bad:?} not caught");
    }
}
