//! Sentences reused from last year's report, word for word (docs/FORMAT.md
//! §9.2): a text may be rewritten as a whole and still repeat whole
//! sentences of last year's, which reviewers mark 与往年雷同.
//!
//! The measure:
//!
//! 1. A text is split into sentences at `。！？；!?;` and line breaks
//!    ([`sentences`]).
//! 2. Each sentence is normalised as for the whole-text measure
//!    ([`super::similarity::normalise`]): whitespace and punctuation
//!    dropped, every run of digits one `#`, so a sentence whose only change
//!    is its figures or its year is the same sentence.
//! 3. A sentence with at least [`MIN_CHARS`] normalised characters (digits
//!    not counted) that also stands anywhere in last year's texts, as
//!    normalised ([`LastYear`]), is reused. Shorter sentences
//!    (`本年度未收取信息处理费。`) are the same every year by nature.
//!
//! The public API, kept small and stable:
//!
//! ```
//! use nianbao::review::reuse::{LastYear, Summary, reused};
//! let last = LastYear::new(["2023年，我局扎实推进依申请公开工作，全面梳理和优化工作流程。"]);
//! let found = reused("我局扎实推进依申请公开工作，全面梳理和优化工作流程。今年新增专栏。", &last);
//! assert_eq!(found[0].sentence, "我局扎实推进依申请公开工作，全面梳理和优化工作流程");
//! assert_eq!(found[0].chars, 25);
//! let summary = Summary::of(&found);
//! assert_eq!((summary.count, summary.chars), (1, 25));
//! ```
//!
//! Linear in the texts' length (a substring search per sentence): cheap
//! enough for every keystroke.

use super::similarity::normalise;
use super::vocabulary::is_sentence_break;

/// The least normalised length (digits not counted) of a sentence that can
/// be reused.
pub const MIN_CHARS: usize = 15;

/// Last year's texts, normalised once, to look sentences up in.
#[derive(Debug, Clone, Default)]
pub struct LastYear {
    /// The normalised texts, one per line: a sentence never matches across
    /// two texts.
    normalised: String,
}

impl LastYear {
    /// Last year's texts (every field's; empty ones are fine).
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> LastYear {
        let mut normalised = String::new();
        for text in texts {
            normalised.extend(normalise(text));
            normalised.push('\n');
        }
        LastYear { normalised }
    }

    /// Whether no text of last year has anything to compare.
    pub fn is_empty(&self) -> bool {
        self.normalised.chars().all(|c| c == '\n')
    }
}

/// A sentence of this year's text that stands in last year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reused<'a> {
    /// The sentence as written, trimmed, without its closing punctuation.
    pub sentence: &'a str,
    /// Its length in characters, as written.
    pub chars: usize,
}

/// How much of a text is reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary<'a> {
    /// Reused sentences.
    pub count: usize,
    /// Their characters, as written.
    pub chars: usize,
    /// The first of them.
    pub first: Option<&'a str>,
}

impl<'a> Summary<'a> {
    /// The summary of [`reused`]'s answer.
    pub fn of(reused: &[Reused<'a>]) -> Summary<'a> {
        Summary {
            count: reused.len(),
            chars: reused.iter().map(|r| r.chars).sum(),
            first: reused.first().map(|r| r.sentence),
        }
    }
}

/// The sentences of a text, in order: trimmed, without their closing
/// punctuation, empty ones left out.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_sentence_break)
        .map(|s| s.trim_matches(|c: char| c.is_whitespace()))
        .filter(|s| !s.is_empty())
}

/// The sentences of `text` that stand in last year's texts, in order.
pub fn reused<'a>(text: &'a str, last_year: &LastYear) -> Vec<Reused<'a>> {
    let mut out = Vec::new();
    if last_year.is_empty() {
        return out;
    }
    let mut key = String::new();
    for sentence in sentences(text) {
        let normalised = normalise(sentence);
        if normalised.iter().filter(|&&c| c != '#').count() < MIN_CHARS {
            continue;
        }
        key.clear();
        key.extend(normalised);
        if last_year.normalised.contains(key.as_str()) {
            out.push(Reused {
                sentence,
                chars: sentence.chars().count(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAST: &str = "2023年，我局扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制。\
        全年共受理各类政府信息公开申请95件。本年度未收取信息处理费。";

    #[test]
    fn sentences_split_at_closing_punctuation_and_lines() {
        let found: Vec<&str> = sentences("一是加强培训；二是完善制度。\n 三是强化监督！").collect();
        assert_eq!(found, ["一是加强培训", "二是完善制度", "三是强化监督"]);
        assert_eq!(sentences("。。\n ").count(), 0);
    }

    #[test]
    fn a_sentence_repeated_word_for_word_is_reused() {
        let last = LastYear::new(["背景文字。", LAST]);
        let this = "今年我局围绕重点领域推进公开。我局扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制。";
        let found = reused(this, &last);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].sentence,
            "我局扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制"
        );
        assert_eq!(found[0].chars, 32);
    }

    #[test]
    fn figures_years_and_punctuation_do_not_make_a_sentence_new() {
        let last = LastYear::new([LAST]);
        let this = "2024年,我局扎实推进依申请公开工作, 全面梳理和优化工作流程、健全工作机制。\
            全年共受理各类政府信息公开申请１２０件。";
        let found = reused(this, &last);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].sentence.contains("１２０"));
    }

    #[test]
    fn a_changed_word_makes_a_sentence_new() {
        let last = LastYear::new([LAST]);
        let this = "我局扎实推进依申请公开工作，全面梳理和优化办理流程、健全工作机制。";
        assert!(reused(this, &last).is_empty());
    }

    #[test]
    fn short_sentences_are_never_reused() {
        let last = LastYear::new([LAST]);
        // 11 characters: the same every year by nature.
        assert!(reused("本年度未收取信息处理费。", &last).is_empty());
        // Digits do not count towards the length.
        let last = LastYear::new(["共受理申请12345678901234件。"]);
        assert!(reused("共受理申请12345678901234件。", &last).is_empty());
    }

    #[test]
    fn a_sentence_never_matches_across_two_texts() {
        let last = LastYear::new(["我局扎实推进依申请公开工作", "全面梳理和优化工作流程"]);
        assert!(reused("我局扎实推进依申请公开工作全面梳理和优化工作流程。", &last).is_empty());
        assert!(
            reused(
                "我局扎实推进依申请公开工作全面梳理和优化工作流程。",
                &LastYear::default()
            )
            .is_empty()
        );
    }

    #[test]
    fn the_summary_counts_and_quotes_the_first() {
        let last = LastYear::new([LAST]);
        let this = "我局扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制。新的一句话写在这里，内容与去年完全不同。\
            全年共受理各类政府信息公开申请80件。";
        let found = reused(this, &last);
        let summary = Summary::of(&found);
        assert_eq!(summary.count, 2);
        assert_eq!(summary.chars, 32 + 18);
        assert_eq!(summary.first, Some(found[0].sentence));
        assert_eq!(Summary::of(&[]), Summary::default());
    }
}
