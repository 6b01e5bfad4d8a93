//! The values a user types or a file holds, checked one by one: counts
//! (whole numbers up to `u32::MAX`) and 万元 amounts (exact decimals with at
//! most four places). The TOML reader, both front ends' entry
//! ([`crate::entry::answer`]) and the importer all parse through here, so
//! each refuses a value with the same [`ValueError`] and the same words.

use crate::inert;
use crate::schema::{Lang, MONEY_DECIMALS};
use rust_decimal::Decimal;

/// Why a value is refused. [`ValueError::message`] says it in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// A count below zero (the number as read).
    NegativeCount(i128),
    /// A count above the maximum.
    CountTooLarge { value: i128, max: u64 },
    /// Not a whole number (the text, shortened and made inert).
    NotWhole(String),
    /// An amount written with thousands separators.
    Separators(String),
    /// Not an amount at all.
    NotAmount(String),
    /// An amount below zero.
    NegativeAmount(String),
    /// More than four decimal places.
    TooManyDecimals(String),
    /// 10¹² 万元 or more.
    AmountTooLarge(String),
    /// While typing: a character that is not a digit or a point.
    NotADigit(char),
    /// While typing: a minus sign.
    MinusTyped,
    /// While typing: a point in a count.
    PointInCount,
    /// While typing: a second point in an amount.
    SecondPoint,
    /// While typing: a fifth decimal.
    FifthDecimal,
    /// While typing: an amount with too many digits before the point.
    TypedAmountTooLarge,
}

impl ValueError {
    /// The reason, as one sentence in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        use ValueError::*;
        match (self, lang) {
            (NegativeCount(n), Lang::Zh) => format!("件数不能为负数： {n}"),
            (NegativeCount(n), Lang::En) => format!("counts cannot be negative: {n}"),
            (CountTooLarge { value, max }, Lang::Zh) => format!("{value} 超出上限 {max}"),
            (CountTooLarge { value, max }, Lang::En) => {
                format!("{value} is larger than the maximum {max}")
            }
            (NotWhole(t), Lang::Zh) => format!("\"{t}\" 不是整数"),
            (NotWhole(t), Lang::En) => format!("\"{t}\" is not a whole number"),
            (Separators(t), Lang::Zh) => format!("\"{t}\" 不要使用千位分隔符（逗号）"),
            (Separators(t), Lang::En) => {
                format!("\"{t}\" must not contain thousands separators (commas)")
            }
            (NotAmount(t), Lang::Zh) => format!("\"{t}\" 不是金额，应写成如 \"26.55\""),
            (NotAmount(t), Lang::En) => format!("\"{t}\" is not an amount; write e.g. \"26.55\""),
            (NegativeAmount(t), Lang::Zh) => format!("金额不能为负数： {t}"),
            (NegativeAmount(t), Lang::En) => format!("amounts cannot be negative: {t}"),
            (TooManyDecimals(t), Lang::Zh) => {
                format!("\"{t}\" 小数位数超过 4 位（单位为万元，最多精确到元）")
            }
            (TooManyDecimals(t), Lang::En) => {
                format!("\"{t}\" has more than 4 decimal places (万元, to the yuan at most)")
            }
            (AmountTooLarge(t), Lang::Zh) => format!("\"{t}\" 金额过大"),
            (AmountTooLarge(t), Lang::En) => format!("\"{t}\" is too large"),
            (NotADigit(c), Lang::Zh) => {
                format!(
                    "“{}” 不是数字：这里只能输入数字",
                    inert::line(&c.to_string())
                )
            }
            (NotADigit(c), Lang::En) => format!(
                "“{}” is not a digit: only numbers go here",
                inert::line(&c.to_string())
            ),
            (MinusTyped, Lang::Zh) => "不能为负数".into(),
            (MinusTyped, Lang::En) => "cannot be negative".into(),
            (PointInCount, Lang::Zh) => "件数是整数，不能有小数点".into(),
            (PointInCount, Lang::En) => "counts are whole numbers: no decimal point".into(),
            (SecondPoint, Lang::Zh) => "只能有一个小数点".into(),
            (SecondPoint, Lang::En) => "only one decimal point".into(),
            (FifthDecimal, Lang::Zh) => "金额最多 4 位小数（单位：万元）".into(),
            (FifthDecimal, Lang::En) => "at most 4 decimal places (unit: 10,000 yuan)".into(),
            (TypedAmountTooLarge, Lang::Zh) => "金额过大".into(),
            (TypedAmountTooLarge, Lang::En) => "the amount is too large".into(),
        }
    }
}

/// Parses a count: a whole number from 0 to `u32::MAX`.
pub fn parse_count(digits: &str, radix: u32) -> Result<Decimal, ValueError> {
    parse_count_up_to(digits, radix, u32::MAX.into())
}

/// Parses a whole number from 0 to `max`.
pub(crate) fn parse_count_up_to(digits: &str, radix: u32, max: u64) -> Result<Decimal, ValueError> {
    let digits = digits.trim();
    match i128::from_str_radix(digits, radix) {
        Ok(n) if n < 0 => Err(ValueError::NegativeCount(n)),
        Ok(n) if n > max as i128 => Err(ValueError::CountTooLarge { value: n, max }),
        Ok(n) => Ok(Decimal::from(n as u64)),
        Err(_) => Err(ValueError::NotWhole(inert::excerpt(digits))),
    }
}

/// Parses a 万元 amount: a plain non-negative decimal with at most four places.
pub fn parse_money(text: &str) -> Result<Decimal, ValueError> {
    let s = text.trim();
    let shown = || inert::excerpt(s);
    if s.contains(',') || s.contains('，') {
        return Err(ValueError::Separators(shown()));
    }
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && s.matches('.').count() <= 1
        && s.chars().any(|c| c.is_ascii_digit());
    if !plain {
        return Err(ValueError::NotAmount(shown()));
    }
    let d: Decimal = s.parse().map_err(|_| ValueError::NotAmount(shown()))?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(ValueError::NegativeAmount(shown()));
    }
    if d.scale() > MONEY_DECIMALS {
        return Err(ValueError::TooManyDecimals(shown()));
    }
    if d >= Decimal::from(1_000_000_000_000u64) {
        return Err(ValueError::AmountTooLarge(shown()));
    }
    Ok(d.abs())
}

/// A whole number's decimal digits, written without the formatting
/// machinery: counts are written on every frame and every save.
pub struct Digits {
    buf: [u8; 20],
    start: usize,
}

impl Digits {
    pub fn of(mut n: u64) -> Digits {
        let mut buf = [0u8; 20];
        let mut start = buf.len();
        loop {
            start -= 1;
            buf[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        Digits { buf, start }
    }

    /// The digits of a value that is a whole non-negative number as
    /// stored (no decimal places), as its `Display` writes them; `None`
    /// for any other value.
    pub fn of_whole(d: Decimal) -> Option<Digits> {
        if d.scale() != 0 || d.is_sign_negative() {
            return None;
        }
        u64::try_from(d.mantissa()).ok().map(Digits::of)
    }

    pub fn as_str(&self) -> &str {
        // ASCII digits only.
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_displays_own() {
        for n in [0u64, 7, 10, 99, 4_294_967_295, u64::MAX] {
            assert_eq!(Digits::of(n).as_str(), n.to_string());
        }
        for s in [
            "0",
            "512",
            "18446744073709551615",
            "1.0",
            "0.5",
            "-3",
            "-0",
            "18446744073709551616",
        ] {
            let d: Decimal = s.parse().unwrap();
            let whole = d.scale() == 0 && !d.is_sign_negative() && d <= Decimal::from(u64::MAX);
            match Digits::of_whole(d) {
                Some(digits) => assert_eq!(digits.as_str(), d.to_string(), "{s}"),
                None => assert!(!whole, "{s}"),
            }
        }
    }

    #[test]
    fn money_rules() {
        assert_eq!(parse_money("26.55").unwrap().to_string(), "26.55");
        assert_eq!(parse_money("18.8710").unwrap().to_string(), "18.8710");
        assert!(matches!(
            parse_money("1.23456"),
            Err(ValueError::TooManyDecimals(_))
        ));
        assert!(matches!(
            parse_money("1,234.5"),
            Err(ValueError::Separators(_))
        ));
        assert!(matches!(
            parse_money("-1"),
            Err(ValueError::NegativeAmount(_))
        ));
        assert!(matches!(parse_money("1e3"), Err(ValueError::NotAmount(_))));
        assert!(matches!(parse_money(""), Err(ValueError::NotAmount(_))));
        assert_eq!(parse_money("-0").unwrap(), Decimal::ZERO);
        assert!(matches!(
            parse_money("1000000000000"),
            Err(ValueError::AmountTooLarge(_))
        ));
    }

    #[test]
    fn count_rules() {
        assert_eq!(
            parse_count("4294967295", 10).unwrap(),
            Decimal::from(u32::MAX)
        );
        assert_eq!(
            parse_count("4294967296", 10),
            Err(ValueError::CountTooLarge {
                value: 4294967296,
                max: u32::MAX.into()
            })
        );
        assert_eq!(parse_count("-1", 10), Err(ValueError::NegativeCount(-1)));
        assert!(matches!(
            parse_count("1.5", 10),
            Err(ValueError::NotWhole(_))
        ));
    }

    #[test]
    fn a_refused_value_is_quoted_inert() {
        let e = parse_money("a\u{1b}]52;c;x\u{7}b").unwrap_err();
        for lang in [Lang::Zh, Lang::En] {
            assert!(!e.message(lang).chars().any(char::is_control));
        }
    }
}
