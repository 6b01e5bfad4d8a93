//! Text from files, pastes and the command line made inert before it reaches
//! a terminal: every control character (ESC, CSI, BEL, the one-byte C1 CSI …)
//! is replaced, so no escape sequence planted in a report, a paste or a file
//! name can act on the user's terminal; and so is every invisible or
//! direction character ([`is_invisible`]: zero-width spaces and joiners,
//! the direction marks, embeddings, overrides and isolates, the byte-order
//! mark), so an agency name cannot hide text or print a line backwards.
//! One function per policy, named for where the text goes; every printed or
//! drawn piece of user text passes through one of them.

use std::path::Path;

/// How long an [`excerpt`] may be, in characters.
const EXCERPT_CHARS: usize = 60;

/// One line of output (a message, a `file:line:` row): control characters,
/// line breaks included, become U+FFFD.
pub fn line(s: &str) -> String {
    replace_controls(s, false)
}

/// Several lines (a report printed for copying, a multi-line answer): as
/// [`line`], but line breaks stay.
pub fn block(s: &str) -> String {
    replace_controls(s, true)
}

/// A value quoted inside a one-line message: as [`line`], cut to 60
/// characters with `…`.
pub fn excerpt(s: &str) -> String {
    let mut out = line(&s.chars().take(EXCERPT_CHARS).collect::<String>());
    if s.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// A path shown in a message.
pub fn path(p: &Path) -> String {
    line(&p.display().to_string())
}

/// Text drawn on the wizard's screen: line breaks and tabs become spaces and
/// other control characters and invisible characters `?`, each one cell
/// wide, so widths add up.
pub fn screen(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\t' => ' ',
            c if c.is_control() || is_invisible(c) => '?',
            c => c,
        })
        .collect()
}

/// A format character that draws nothing but changes what the terminal
/// shows around it: U+200B–U+200F (zero-width space, non-joiner, joiner,
/// the left-to-right and right-to-left marks), U+202A–U+202E (embeddings
/// and overrides), U+2066–U+2069 (isolates) and U+FEFF (byte-order mark,
/// zero-width no-break space).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

fn replace_controls(s: &str, keep_newlines: bool) -> String {
    s.chars()
        .map(|c| {
            if (c.is_control() && !(keep_newlines && c == '\n')) || is_invisible(c) {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]52;c;x\u{7}\u{9b}2J\nb\tc";

    #[test]
    fn no_policy_lets_a_control_character_through() {
        for (name, out) in [
            ("line", line(HOSTILE)),
            ("excerpt", excerpt(HOSTILE)),
            ("path", path(Path::new(HOSTILE))),
            ("screen", screen(HOSTILE)),
        ] {
            assert!(!out.chars().any(char::is_control), "{name}: {out:?}");
        }
        let kept = block(HOSTILE);
        assert!(kept.contains('\n'));
        assert!(!kept.chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn each_policy_replaces_as_documented() {
        assert_eq!(line("a\u{1b}b\nc"), "a\u{fffd}b\u{fffd}c");
        assert_eq!(block("a\u{1b}b\nc"), "a\u{fffd}b\nc");
        assert_eq!(screen("a\u{1b}b\nc\td"), "a?b c d");
        assert_eq!(excerpt(&"长".repeat(61)), format!("{}…", "长".repeat(60)));
        assert_eq!(excerpt("短"), "短");
    }

    #[test]
    fn no_policy_lets_an_invisible_or_direction_character_through() {
        let hostile = "某局\u{202e}txt.exe\u{200b}\u{200f}\u{2066}x\u{2069}\u{feff}";
        for (name, out) in [
            ("line", line(hostile)),
            ("block", block(hostile)),
            ("excerpt", excerpt(hostile)),
            ("path", path(Path::new(hostile))),
            ("screen", screen(hostile)),
        ] {
            assert!(!out.chars().any(is_invisible), "{name}: {out:?}");
            assert!(
                out.starts_with("某局") && out.contains("txt.exe"),
                "{name}: {out:?}"
            );
        }
        assert_eq!(line("a\u{202e}b"), "a\u{fffd}b");
        assert_eq!(screen("a\u{200b}b"), "a?b");
        // Ordinary CJK punctuation and the ideographic space stay.
        assert_eq!(line("（一）　、"), "（一）　、");
    }
}
