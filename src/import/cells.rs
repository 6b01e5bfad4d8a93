//! What a table cell of a published report holds: a number (plain,
//! with thousands separators or full-width digits), a blank, "/" (not
//! applicable), a label, or digits that make no number.

use super::normalize::{clean_text, is_han};
use rust_decimal::Decimal;

/// What one cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Number(Decimal),
    Blank,
    /// "/" or a dash: not applicable, read as 0.
    NotApplicable,
    Label(String),
    /// Digits that do not make a number (`1 2`, `3.5.1`).
    Garbled,
}

pub fn classify(raw: &str) -> Content {
    let t = clean_text(raw);
    if t.is_empty() {
        return Content::Blank;
    }
    if ["/", "／", "-", "－", "—", "——", "–", "\\"].contains(&t.as_str()) {
        return Content::NotApplicable;
    }
    if t.chars().any(is_han) {
        return Content::Label(t);
    }
    match parse_number(&t) {
        Some(d) => Content::Number(d),
        None if t.chars().any(|c| c.is_ascii_digit()) => Content::Garbled,
        None => Content::Label(t),
    }
}

/// A plain decimal, with full-width digits and correct thousands groups
/// (`1,532`) allowed.
fn parse_number(t: &str) -> Option<Decimal> {
    let ascii: String = t
        .chars()
        .map(|c| match c as u32 {
            0xFF10..=0xFF19 => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0xFF0E => '.',
            _ => c,
        })
        .collect();
    let (whole, fraction) = match ascii.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (ascii.as_str(), None),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !grouped_ok || !groups.iter().all(|g| digits(g)) || !fraction.is_none_or(digits) {
        return None;
    }
    whole
        .replace(',', "")
        .parse::<Decimal>()
        .ok()
        .map(|w| match fraction {
            Some(f) => format!("{w}.{f}").parse().unwrap_or(w),
            None => w,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(classify(" 12 "), Content::Number(12.into()));
        assert_eq!(classify("1,532"), Content::Number(1532.into()));
        assert_eq!(
            classify("18.8710"),
            Content::Number("18.8710".parse().unwrap())
        );
        assert_eq!(classify("１２"), Content::Number(12.into()));
        assert_eq!(classify(""), Content::Blank);
        assert_eq!(classify("/"), Content::NotApplicable);
        assert_eq!(classify("12,34"), Content::Garbled);
        assert_eq!(classify("1 2"), Content::Garbled);
        assert!(matches!(classify("規(guī)章"), Content::Label(l) if l == "规章"));
    }
}
