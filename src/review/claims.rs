//! Outcomes of 四 claimed in words (rule `text-appeal-outcome`,
//! docs/FORMAT.md §9): `行政复议7件，诉讼9件，均获维持`, `无一被纠错`,
//! `全部胜诉`, compared with the columns of the table that are not 结果维持.
//!
//! A claim is read only in a sentence that names what it is about (复议 for
//! 行政复议; 诉讼 or 起诉 for both 行政诉讼 blocks; 胜诉 is about 行政诉讼
//! alone), that is about the agency's own cases (获 / 被 维持: not a review
//! body's decisions, not `复议机关`, `审理`) and that is not a plan
//! (`力争全部胜诉`). Any other sentence says nothing.

use super::vocabulary::is_sentence_break;
use std::ops::Range;

/// What a claim says of the cases it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// 均获维持, 全部胜诉: every case 结果维持 (none 纠正, 其他 or 尚未审结).
    AllUpheld,
    /// 无一被纠错: no case 结果纠正.
    NoneCorrected,
}

/// The blocks of 四 a claim is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocks {
    pub reviews: bool,
    pub suits: bool,
}

/// A claim found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub claim: Claim,
    pub blocks: Blocks,
    /// Byte range of the claim's words.
    pub span: Range<usize>,
    /// Byte range of its sentence.
    pub sentence: Range<usize>,
}

/// The claim words; `true` when they speak of lawsuits alone (胜诉).
#[rustfmt::skip]
const CLAIMS: &[(&str, Claim, bool)] = &[
    ("均获维持", Claim::AllUpheld, false), ("均被维持", Claim::AllUpheld, false),
    ("全部获得维持", Claim::AllUpheld, false), ("均获得维持", Claim::AllUpheld, false),
    ("全部获维持", Claim::AllUpheld, false), ("全部被维持", Claim::AllUpheld, false),
    ("全部维持", Claim::AllUpheld, false), ("全部胜诉", Claim::AllUpheld, true),
    ("均胜诉", Claim::AllUpheld, true), ("均获胜诉", Claim::AllUpheld, true),
    ("无一被纠错", Claim::NoneCorrected, false), ("无一被纠正", Claim::NoneCorrected, false),
    ("无一败诉", Claim::NoneCorrected, true), ("均未被纠错", Claim::NoneCorrected, false),
    ("均未被纠正", Claim::NoneCorrected, false), ("未发生被纠错", Claim::NoneCorrected, false),
];

/// Words that make a sentence a plan, a goal or a review body's work.
const NOT_A_CLAIM: &[&str] = &[
    "力争",
    "确保",
    "争取",
    "努力",
    "目标",
    "以期",
    "避免",
    "防止",
    "复议机关",
    "审理",
    "办理行政复议",
    "受理行政复议",
    "作为",
];

/// Every claim of `text`, in order.
pub fn claims(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // Every claim word holds 维持, 纠 or 胜诉/败诉: most texts have none.
    if !text.contains(['维', '纠', '诉']) {
        return out;
    }
    let mut start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        if !is_sentence_break(c) {
            continue;
        }
        let sentence = &text[start..i];
        let sentence_start = start;
        start = i + c.len_utf8();
        if NOT_A_CLAIM.iter().any(|w| sentence.contains(w)) {
            continue;
        }
        let Some((at, (word, claim, suits_only))) = CLAIMS
            .iter()
            .filter_map(|entry| sentence.find(entry.0).map(|at| (at, *entry)))
            .min_by_key(|(at, _)| *at)
        else {
            continue;
        };
        let blocks = Blocks {
            reviews: !suits_only && sentence.contains("复议") && !only_suits_after_review(sentence),
            suits: suits_only || sentence.contains("诉讼") || sentence.contains("起诉"),
        };
        if !blocks.reviews && !blocks.suits {
            continue;
        }
        out.push(Found {
            claim,
            blocks,
            span: sentence_start + at..sentence_start + at + word.len(),
            sentence: sentence_start..i,
        });
    }
    out
}

/// Whether every 复议 of the sentence is in 复议后起诉 (a lawsuit block).
fn only_suits_after_review(sentence: &str) -> bool {
    sentence.matches("复议").count() == sentence.matches("复议后").count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Claim, bool, bool)> {
        claims(text)
            .into_iter()
            .map(|f| (f.claim, f.blocks.reviews, f.blocks.suits))
            .collect()
    }

    #[test]
    fn claims_and_the_blocks_they_name() {
        use Claim::*;
        assert_eq!(
            read("全年被申请行政复议7件，被提起行政诉讼9件，均获维持。"),
            [(AllUpheld, true, true)]
        );
        assert_eq!(
            read("行政复议2件，无一被纠错。"),
            [(NoneCorrected, true, false)]
        );
        assert_eq!(read("应诉案件全部胜诉。"), [(AllUpheld, false, true)]);
        assert_eq!(
            read("复议后起诉1件，全部维持。"),
            [(AllUpheld, false, true)]
        );
    }

    #[test]
    fn plans_review_bodies_and_unnamed_cases_say_nothing() {
        assert!(read("下一步，力争行政诉讼案件全部胜诉。").is_empty());
        assert!(read("作为复议机关，审理行政复议案件50件，全部维持。").is_empty());
        assert!(read("所有案件均获维持。").is_empty());
        assert!(read("行政复议7件，维持原决定5件。").is_empty());
        assert!(read("全面推进政务公开标准化规范化建设。").is_empty());
    }

    #[test]
    fn the_span_is_the_claim_words() {
        let text = "今年行政诉讼3件。行政复议2件，均获维持。";
        let found = &claims(text)[0];
        assert_eq!(&text[found.span.clone()], "均获维持");
        assert_eq!(&text[found.sentence.clone()], "行政复议2件，均获维持");
    }
}
