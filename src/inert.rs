//! Text from files, pastes and the command line made inert before it reaches
//! a terminal: every control character (ESC, CSI, BEL, the one-byte C1 CSI …)
//! is replaced, so no escape sequence planted in a report, a paste or a file
//! name can act on the user's terminal. One function per policy, named for
//! where the text goes; every printed or drawn piece of user text passes
//! through one of them.

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
/// other control characters `?`, each one cell wide, so widths add up.
pub fn screen(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\t' => ' ',
            c if c.is_control() => '?',
            c => c,
        })
        .collect()
}

fn replace_controls(s: &str, keep_newlines: bool) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && !(keep_newlines && c == '\n') {
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
}
