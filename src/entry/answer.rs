//! What a typed or pasted answer means, the same for every front end: a
//! cell's value as it is typed key by key ([`typed_value`]) or given whole —
//! pasted from a spreadsheet or answered on a line ([`pasted_value`]) — the
//! report year ([`year_refusal`]) and a choice by its number
//! ([`choice_by_number`], [`numbered_choices`]). Full-width digits count as
//! digits.

use crate::schema::{CellKind, Choice, Lang, MONEY_DECIMALS};
use crate::values::{ValueError, parse_count, parse_money};
use rust_decimal::Decimal;

/// Digits of a report year.
pub const YEAR_DIGITS: usize = 4;

/// Digits of the largest money amount accepted (below 10¹² 万元).
const MONEY_INTEGER_DIGITS: usize = 12;

/// An ASCII digit or `.` for a full-width one; other characters unchanged.
pub fn ascii_number_char(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' => '.',
        c => c,
    }
}

/// Whether `text` (what has been typed so far) may stand in a cell of this
/// kind, and its value. Counts: digits, at most `u32::MAX`. Money: digits
/// and one point, at most four decimals.
pub fn typed_value(kind: CellKind, text: &str) -> Result<Decimal, ValueError> {
    if let Some(c) = text.chars().find(|c| !c.is_ascii_digit() && *c != '.') {
        return Err(match c {
            '-' => ValueError::MinusTyped,
            c => ValueError::NotADigit(c),
        });
    }
    match kind {
        CellKind::Count => {
            if text.contains('.') {
                return Err(ValueError::PointInCount);
            }
            if text.is_empty() {
                return Ok(Decimal::ZERO);
            }
            parse_count(text, 10)
        }
        CellKind::Money => {
            let (int, frac) = text.split_once('.').unwrap_or((text, ""));
            if frac.contains('.') {
                return Err(ValueError::SecondPoint);
            }
            if frac.len() > MONEY_DECIMALS as usize {
                return Err(ValueError::FifthDecimal);
            }
            if int.trim_start_matches('0').len() > MONEY_INTEGER_DIGITS {
                return Err(ValueError::TypedAmountTooLarge);
            }
            let int = if int.is_empty() { "0" } else { int };
            let canonical = if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            };
            parse_money(&canonical)
        }
    }
}

/// A pasted value: blank leaves the cell (`None`), `/` or `-` (how published
/// tables write "none") is 0, anything else must be a valid number.
pub fn pasted_value(kind: CellKind, text: &str) -> Result<Option<Decimal>, ValueError> {
    let t: String = text.trim().chars().map(ascii_number_char).collect();
    match t.as_str() {
        "" => Ok(None),
        "/" | "-" | "—" | "／" => Ok(Some(Decimal::ZERO)),
        _ => match kind {
            CellKind::Count => parse_count(&t, 10).map(Some),
            CellKind::Money => parse_money(&t).map(Some),
        },
    }
}

/// The number that stands for "none chosen" (（未选）).
pub const NO_CHOICE: usize = 0;

/// The options of a choice with the numbers they are listed and chosen by,
/// the same in the wizard and in plain mode: 1 … N in the schema's order
/// ([`NO_CHOICE`], 0, is none).
pub fn numbered_choices(
    choices: &'static [Choice],
) -> impl Iterator<Item = (usize, &'static Choice)> {
    choices.iter().enumerate().map(|(i, c)| (i + 1, c))
}

/// The value a choice's number stands for: an option's key, or "" for
/// [`NO_CHOICE`]; `None` when no option has that number.
pub fn choice_by_number(choices: &'static [Choice], number: usize) -> Option<&'static str> {
    if number == NO_CHOICE {
        return Some("");
    }
    numbered_choices(choices)
        .find(|(n, _)| *n == number)
        .map(|(_, c)| c.key)
}

/// Why a text cannot be a report year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearError {
    NotDigits,
    NotFourDigits,
}

impl YearError {
    /// The words the wizard uses when it refuses a key, and plain mode when
    /// it refuses an answer.
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (YearError::NotDigits, Lang::Zh) => "年度只能输入数字",
            (YearError::NotDigits, Lang::En) => "the year is digits only",
            (YearError::NotFourDigits, Lang::Zh) => "年度是 4 位数字",
            (YearError::NotFourDigits, Lang::En) => "the year has 4 digits",
        }
    }
}

/// Why `text` cannot be a report year — or, while it is being typed
/// (`complete` false), the start of one.
pub fn year_refusal(text: &str, complete: bool) -> Option<YearError> {
    let digits = text.chars().count();
    if !text.chars().all(|c| c.is_ascii_digit()) {
        Some(YearError::NotDigits)
    } else if digits > YEAR_DIGITS || (complete && digits != YEAR_DIGITS) {
        Some(YearError::NotFourDigits)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_counts() {
        let v = |t| typed_value(CellKind::Count, t);
        assert_eq!(v("4294967295").unwrap(), Decimal::from(u32::MAX));
        assert!(matches!(
            v("4294967296"),
            Err(ValueError::CountTooLarge { .. })
        ));
        assert_eq!(v("1."), Err(ValueError::PointInCount));
        assert_eq!(v("1a"), Err(ValueError::NotADigit('a')));
        assert_eq!(v("-"), Err(ValueError::MinusTyped));
        assert_eq!(v("").unwrap(), Decimal::ZERO);
    }

    #[test]
    fn typed_money() {
        let v = |t| typed_value(CellKind::Money, t);
        assert_eq!(v("18.8710").unwrap().to_string(), "18.8710");
        assert_eq!(v("12.").unwrap().to_string(), "12");
        assert_eq!(v(".5").unwrap().to_string(), "0.5");
        assert_eq!(v("1.23456"), Err(ValueError::FifthDecimal));
        assert_eq!(v("1.2.3"), Err(ValueError::SecondPoint));
        assert_eq!(v("1234567890123"), Err(ValueError::TypedAmountTooLarge));
    }

    #[test]
    fn pasted_values() {
        let v = |t| pasted_value(CellKind::Count, t);
        assert_eq!(v(" 12 ").unwrap(), Some(Decimal::from(12)));
        assert_eq!(v("１２").unwrap(), Some(Decimal::from(12)));
        assert_eq!(v("/").unwrap(), Some(Decimal::ZERO));
        assert_eq!(v("").unwrap(), None);
        assert!(matches!(v("abc"), Err(ValueError::NotWhole(_))));
        assert!(matches!(v("1,234"), Err(ValueError::NotWhole(_))));
    }

    #[test]
    fn choices_are_numbered_from_one_and_zero_is_none() {
        let levels = crate::schema::AGENCY_LEVELS;
        assert_eq!(choice_by_number(levels, 0), Some(""));
        assert_eq!(choice_by_number(levels, 1), Some(levels[0].key));
        assert_eq!(
            choice_by_number(levels, levels.len()),
            Some(levels[levels.len() - 1].key)
        );
        assert_eq!(choice_by_number(levels, levels.len() + 1), None);
        // One digit reaches every option: the wizard chooses with one key.
        assert!(numbered_choices(levels).all(|(n, _)| n <= 9));
    }

    #[test]
    fn years() {
        assert_eq!(year_refusal("2024", true), None);
        assert_eq!(year_refusal("20", false), None);
        assert_eq!(year_refusal("20", true), Some(YearError::NotFourDigits));
        assert_eq!(year_refusal("20a", false), Some(YearError::NotDigits));
        assert_eq!(year_refusal("20245", false), Some(YearError::NotFourDigits));
    }
}
