//! Plain mode's review answers: `:ok 理由` marks the next warning shown
//! after the last answer as reviewed (已确认, kept in the report's
//! `[[reviewed]]`, see [`crate::review::reviewed`]); `:draft` at 主动公开情况
//! or 依申请公开情况 adds a sentence drafted from the tables
//! ([`crate::review::draft`]) as the next line of the text.

use super::{Plain, messages};
use crate::inert;
use crate::problem::{Problem, Severity};
use crate::review::{draft, reviewed};
use crate::schema::FieldId;
use std::io::{self, BufRead, Write};

/// The answer that drafts a sentence.
pub const DRAFT: &str = ":draft";

/// The reason of an `:ok` answer (`:ok`, then a space or nothing), or
/// `None` for any other answer.
pub fn ok_command(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix(":ok")?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim())
}

/// Whether `:ok` can mark the problem: an open warning of a named rule.
pub fn can_mark(p: &Problem) -> bool {
    p.severity == Severity::Warning && p.rule.is_some() && p.counts()
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// `:ok 理由`: marks the first warning still unmarked of those shown
    /// after the last answer, and saves. A missing reason is refused with
    /// the reason why, and the warning stays to be marked.
    pub(super) fn mark_reviewed(&mut self, reason: &str) -> io::Result<()> {
        let Some(p) = self.markable.first().cloned() else {
            writeln!(self.out, "  {}", messages::nothing_to_mark(self.lang))?;
            return Ok(());
        };
        match reviewed::mark(&mut self.report, &p, reason, self.lang) {
            Ok(()) => {
                self.markable.remove(0);
                self.save()?;
                let kept = self
                    .report
                    .meta
                    .reviewed
                    .last()
                    .map(|m| m.reason.clone())
                    .unwrap_or_default();
                let line = messages::marked(&p.message, &kept, self.lang);
                writeln!(self.out, "  {}", inert::block(&line))?;
            }
            Err(why) => writeln!(self.out, "  {why}")?,
        }
        Ok(())
    }

    /// `:draft` in a multi-line text: the drafted sentence, said and
    /// returned to be taken as the next line; `None` (and why) where
    /// nothing can be drafted.
    pub(super) fn draft_line(&mut self, id: FieldId) -> io::Result<Option<String>> {
        match draft::attempt(&self.report, id) {
            draft::Attempt::Sentence(sentence) => {
                writeln!(self.out, "  {}", messages::drafted(&sentence, self.lang))?;
                Ok(Some(sentence))
            }
            draft::Attempt::NotDraftable => {
                self.refuse_draft()?;
                Ok(None)
            }
            draft::Attempt::TablesEmpty => {
                writeln!(self.out, "  {}", messages::tables_empty(self.lang))?;
                Ok(None)
            }
        }
    }

    /// Says that `:draft` is for 主动公开情况 and 依申请公开情况 only.
    pub(super) fn refuse_draft(&mut self) -> io::Result<()> {
        let (proactive, on_request) = draft::draftable_labels(self.lang);
        let msg = messages::not_draftable(proactive, on_request, self.lang);
        writeln!(self.out, "  {msg}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_takes_the_rest_of_the_line_as_the_reason() {
        assert_eq!(ok_command(":ok 含代收申请12件"), Some("含代收申请12件"));
        assert_eq!(ok_command("  :ok   two words  "), Some("two words"));
        assert_eq!(ok_command(":ok"), Some(""));
        assert_eq!(ok_command(":okay"), None);
        assert_eq!(ok_command("ok 理由"), None);
        assert_eq!(ok_command(":n"), None);
    }
}
