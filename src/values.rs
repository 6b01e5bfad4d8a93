//! The values a user types or a file holds, checked one by one: counts
//! (whole numbers up to `u32::MAX`), 万元 amounts (exact decimals with at most
//! four places), and any value shown back in a one-line message with its
//! control characters replaced. The TOML reader, the wizard's grid and the
//! importer all parse through here, so each gives the same message.

use crate::schema::{Lang, MONEY_DECIMALS};
use rust_decimal::Decimal;

/// Parses a count: a whole number from 0 to `u32::MAX`.
pub fn parse_count(digits: &str, radix: u32, lang: Lang) -> Result<Decimal, String> {
    parse_count_up_to(digits, radix, u32::MAX.into(), lang)
}

/// Parses a whole number from 0 to `max`.
pub(crate) fn parse_count_up_to(
    digits: &str,
    radix: u32,
    max: u64,
    lang: Lang,
) -> Result<Decimal, String> {
    let digits = digits.trim();
    match i128::from_str_radix(digits, radix) {
        Ok(n) if n < 0 => Err(format!(
            "{} {n}",
            lang.pick("件数不能为负数：", "counts cannot be negative:")
        )),
        Ok(n) if n > max as i128 => Err(format!(
            "{n} {} {max}",
            lang.pick("超出上限", "is larger than the maximum"),
        )),
        Ok(n) => Ok(Decimal::from(n as u64)),
        Err(_) => Err(format!(
            "\"{}\" {}",
            sanitize_inline(digits),
            lang.pick("不是整数", "is not a whole number")
        )),
    }
}

/// Parses a 万元 amount: a plain non-negative decimal with at most four places.
pub fn parse_money(text: &str, lang: Lang) -> Result<Decimal, String> {
    let s = text.trim();
    let shown = sanitize_inline(s);
    if s.contains(',') || s.contains('，') {
        return Err(format!(
            "\"{shown}\" {}",
            lang.pick(
                "不要使用千位分隔符（逗号）",
                "must not contain thousands separators (commas)"
            )
        ));
    }
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && s.matches('.').count() <= 1
        && s.chars().any(|c| c.is_ascii_digit());
    if !plain {
        return Err(format!(
            "\"{shown}\" {}",
            lang.pick(
                "不是金额，应写成如 \"26.55\"",
                "is not an amount; write e.g. \"26.55\""
            )
        ));
    }
    let d: Decimal = s.parse().map_err(|_| {
        format!(
            "\"{shown}\" {}",
            lang.pick(
                "不是金额，应写成如 \"26.55\"",
                "is not an amount; write e.g. \"26.55\""
            )
        )
    })?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(format!(
            "{} {shown}",
            lang.pick("金额不能为负数：", "amounts cannot be negative:")
        ));
    }
    if d.scale() > MONEY_DECIMALS {
        return Err(format!(
            "\"{shown}\" {}",
            lang.pick(
                "小数位数超过 4 位（单位为万元，最多精确到元）",
                "has more than 4 decimal places (万元, to the yuan at most)"
            )
        ));
    }
    if d >= Decimal::from(1_000_000_000_000u64) {
        return Err(format!(
            "\"{shown}\" {}",
            lang.pick("金额过大", "is too large")
        ));
    }
    Ok(d.abs())
}

/// Replaces control characters so that a value from a file can be shown in a
/// one-line message without reaching the terminal raw.
pub fn sanitize_inline(s: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = s
        .chars()
        .take(MAX)
        .map(|c| {
            if c.is_control() {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect();
    if s.chars().count() > MAX {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_rules() {
        let en = Lang::En;
        assert_eq!(parse_money("26.55", en).unwrap().to_string(), "26.55");
        assert_eq!(parse_money("18.8710", en).unwrap().to_string(), "18.8710");
        assert!(
            parse_money("1.23456", en)
                .unwrap_err()
                .contains("4 decimal")
        );
        assert!(parse_money("1,234.5", en).unwrap_err().contains("comma"));
        assert!(parse_money("-1", en).unwrap_err().contains("negative"));
        assert!(parse_money("1e3", en).is_err());
        assert!(parse_money("", en).is_err());
        assert_eq!(parse_money("-0", en).unwrap(), Decimal::ZERO);
    }

    #[test]
    fn count_rules() {
        let en = Lang::En;
        assert_eq!(
            parse_count("4294967295", 10, en).unwrap(),
            Decimal::from(u32::MAX)
        );
        assert!(
            parse_count("4294967296", 10, en)
                .unwrap_err()
                .contains("maximum")
        );
        assert!(parse_count("-1", 10, en).unwrap_err().contains("negative"));
    }

    /// Two inputs at the maximum give a total beyond it: the file we write
    /// then must still open (it used to be refused as a blocking problem).
    #[test]
    fn sanitize_strips_escape_sequences() {
        assert_eq!(
            sanitize_inline("a\u{1b}]52;c;x\u{7}b"),
            "a\u{fffd}]52;c;x\u{fffd}b"
        );
    }
}
