//! The "nearly identical text" measure of `text-copied` (docs/FORMAT.md
//! §9.2):
//!
//! 1. Each text is normalised: whitespace and punctuation are dropped (ASCII
//!    and the punctuation blocks of Unicode; letters, digits and CJK
//!    characters are kept), half- and full-width
//!    digits are the same, and every run of digits becomes one `#` — a text
//!    whose only change is its figures and years is still the same text.
//! 2. The similarity is the Dice coefficient of the two texts' multisets of
//!    character bigrams: 2·|A∩B| / (|A|+|B|), from 0 (nothing shared) to 1.
//! 3. Two texts are nearly identical when both normalised texts have at
//!    least [`MIN_CHARS`] characters and the similarity is at least
//!    [`NEARLY_IDENTICAL`]. Short stock sentences (`本年度未收取信息处理费。`)
//!    are the same every year by nature and are never compared.
//!
//! Linear in the texts' length plus a sort: cheap enough for every keystroke.

use super::numbers::digit_value;

/// The least similarity that counts as "nearly identical".
pub const NEARLY_IDENTICAL: f64 = 0.9;

/// Texts shorter than this (normalised, in characters) are not compared.
pub const MIN_CHARS: usize = 40;

/// The normalised characters of a text (step 1).
pub fn normalise(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 3);
    let mut in_digits = false;
    for c in text.chars() {
        if digit_value(c).is_some() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        if kept(c) {
            out.push(c);
        }
    }
    out
}

/// Whether a character counts in the comparison: ASCII letters, and every
/// other character but whitespace and punctuation (a table lookup such as
/// `char::is_alphanumeric` costs more than the rest of the measure).
fn kept(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let u = c as u32;
    let punctuation = (0x2000..=0x206F).contains(&u) // General Punctuation
        || (0x3000..=0x303F).contains(&u) // CJK Symbols and Punctuation
        || (0xFE30..=0xFE4F).contains(&u) // CJK Compatibility Forms
        || (0xFF00..=0xFF0F).contains(&u) // Full-width ！＂＃…／
        || (0xFF1A..=0xFF20).contains(&u) // ：；＜＝＞？＠
        || (0xFF3B..=0xFF40).contains(&u)
        || (0xFF5B..=0xFF65).contains(&u)
        || u == 0x00B7 // ·
        || u == 0x00A0;
    !punctuation && !c.is_whitespace()
}

/// How alike two texts are, as normalised (step 2): `None` when either is
/// too short to compare.
pub fn similarity(a: &[char], b: &[char]) -> Option<f64> {
    if a.len() < MIN_CHARS || b.len() < MIN_CHARS {
        return None;
    }
    if a == b {
        return Some(1.0);
    }
    // Dice can reach NEARLY_IDENTICAL only when the lengths are close.
    let (short, long) = (a.len().min(b.len()) as f64, a.len().max(b.len()) as f64);
    if 2.0 * short / (short + long) < NEARLY_IDENTICAL {
        return Some(2.0 * short / (short + long));
    }
    let mut x = bigrams(a);
    let mut y = bigrams(b);
    x.sort_unstable();
    y.sort_unstable();
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Some(2.0 * shared as f64 / (x.len() + y.len()) as f64)
}

fn bigrams(s: &[char]) -> Vec<u64> {
    s.windows(2)
        .map(|w| (u64::from(w[0] as u32) << 32) | u64::from(w[1] as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str) -> Option<f64> {
        similarity(&normalise(a), &normalise(b))
    }

    const LAST: &str = "2023年，我局按照政府信息公开各项工作要求，按照“应公开、尽公开”的原则，明确工作任务，细化责任分工，充分运用政府门户网站、公众号、新闻发布会等多种平台进行信息公开。";

    #[test]
    fn only_figures_changed_is_identical() {
        let this = LAST.replace("2023", "2024");
        assert_eq!(sim(LAST, &this), Some(1.0));
        let punctuated = this.replace('，', ",");
        assert_eq!(sim(LAST, &punctuated), Some(1.0));
    }

    #[test]
    fn a_few_words_changed_is_nearly_identical() {
        let this = LAST.replace("新闻发布会", "政务新媒体");
        let s = sim(LAST, &this).unwrap();
        assert!((NEARLY_IDENTICAL..1.0).contains(&s), "{s}");
    }

    #[test]
    fn a_rewritten_text_is_not() {
        let this = "2024年，我局围绕优化营商环境，推进重点领域信息公开，新增“惠企政策”专栏，政策解读与文件同步发布，全年回应社会关切事项较上年明显增加。";
        let s = sim(LAST, this).unwrap();
        assert!(s < NEARLY_IDENTICAL, "{s}");
    }

    #[test]
    fn short_texts_are_not_compared() {
        assert_eq!(
            sim("本年度未收取信息处理费。", "本年度未收取信息处理费。"),
            None
        );
    }
}
