//! Numbers written in Chinese text: half- and full-width digits, thousands
//! separators (`1,234`), decimals (`18.87`, `１８．８７`), Chinese numerals
//! (`一百二十三`, `两千零五`) and the multipliers 万 and 亿 (`1.2万`, `3亿`).
//!
//! A hand-written scanner (no regular expression to compile): the review
//! rules read every text on every keystroke in the wizard. What a number is
//! about is decided by [`super::phrases`], not here.

use rust_decimal::Decimal;

/// One number found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// The value, with 万 and 亿 applied (`18.87万` is 188700).
    pub value: Decimal,
    /// Decimal places written before any multiplier (`18.87万` has 2): a
    /// figure written with fewer places than a cell holds is compared rounded.
    pub places: u32,
    /// Byte range of the numeral in the text, multiplier included.
    pub start: usize,
    pub end: usize,
    /// The multiplier written after the numeral (1, 10⁴ or 10⁸), so that a
    /// 万元 amount can be compared in 万元 without rounding.
    pub multiplier: u32,
}

/// The value of an ASCII or full-width digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_decimal_point(c: char) -> bool {
    c == '.' || c == '．'
}

fn is_group_separator(c: char) -> bool {
    c == ',' || c == '，'
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

fn multiplier(c: char) -> Option<u32> {
    match c {
        '万' => Some(10_000),
        '亿' => Some(100_000_000),
        _ => None,
    }
}

/// Every number in `text`, in order.
pub fn numbers(text: &str) -> Vec<Number> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        let found = if digit_value(c).is_some() {
            arabic(text, i)
        } else if chinese_digit(c).is_some() || chinese_unit(c) == Some(10) {
            chinese(text, i)
        } else {
            None
        };
        match found {
            Some(n) => {
                out.push(n);
                while chars.peek().is_some_and(|&(j, _)| j < n.end) {
                    chars.next();
                }
            }
            None => {
                chars.next();
            }
        }
    }
    out
}

/// An Arabic numeral starting at byte `start`.
fn arabic(text: &str, start: usize) -> Option<Number> {
    let rest = &text[start..];
    let mut digits = String::new();
    let mut end = start;
    let mut group_len = 0usize;
    let mut groups = 0usize;
    let mut iter = rest.char_indices().peekable();
    // The whole part, with thousands separators only between groups of three.
    while let Some(&(j, c)) = iter.peek() {
        if let Some(d) = digit_value(c) {
            digits.push(char::from_digit(d, 10)?);
            group_len += 1;
            end = start + j + c.len_utf8();
            iter.next();
        } else if is_group_separator(c)
            && (groups > 0 && group_len == 3 || groups == 0 && group_len <= 3)
        {
            // A separator counts only when exactly three digits follow it
            // and no fourth: `512，27件` is two numbers.
            let after = &rest[j + c.len_utf8()..];
            let three: Vec<char> = after.chars().take(4).collect();
            let ok = three.len() >= 3
                && three[..3].iter().all(|&d| digit_value(d).is_some())
                && three.get(3).is_none_or(|&d| digit_value(d).is_none());
            if !ok {
                break;
            }
            groups += 1;
            group_len = 0;
            iter.next();
        } else {
            break;
        }
    }
    if groups > 0 && group_len != 3 {
        return None;
    }
    let mut places = 0;
    let after_whole = &text[end..];
    let mut chars = after_whole.chars();
    if let (Some(p), Some(d)) = (chars.next(), chars.next())
        && is_decimal_point(p)
        && digit_value(d).is_some()
    {
        digits.push('.');
        let mut pos = end + p.len_utf8();
        for c in text[pos..].chars() {
            let Some(d) = digit_value(c) else { break };
            digits.push(char::from_digit(d, 10)?);
            places += 1;
            pos += c.len_utf8();
        }
        end = pos;
    }
    let mut value: Decimal = digits.parse().ok()?;
    let mut mult = 1;
    if let Some(c) = text[end..].chars().next()
        && let Some(m) = multiplier(c)
    {
        value = value.checked_mul(Decimal::from(m))?;
        mult = m;
        end += c.len_utf8();
    }
    Some(Number {
        value,
        places,
        start,
        end,
        multiplier: mult,
    })
}

/// A Chinese numeral starting at byte `start` (`一百二十三`, `十二`, `两万`,
/// or digit by digit, `二〇二四`).
fn chinese(text: &str, start: usize) -> Option<Number> {
    // 亿 and above, 万 to 亿, and below 万: 一亿二千万 is 1·10⁸ + 2000·10⁴.
    let mut total: u64 = 0;
    let mut wan: u64 = 0;
    let mut section: u64 = 0;
    let mut digit: Option<u64> = None;
    let mut digits_only = String::new();
    let mut units_seen = false;
    let mut end = start;
    let mut mult = 1;
    for (j, c) in text[start..].char_indices() {
        if let Some(d) = chinese_digit(c) {
            // Two non-zero digits in a row after a unit end the numeral
            // (十四五 is 14 and 五); before any unit they are digit by digit.
            if units_seen && digit.is_some_and(|p| p != 0) && d != 0 {
                break;
            }
            digits_only.push(char::from_digit(d as u32, 10)?);
            digit = Some(d);
        } else if let Some(u) = chinese_unit(c) {
            if digits_only.len() > 1 && !units_seen {
                break;
            }
            units_seen = true;
            section += digit.unwrap_or(1) * u;
            digit = None;
            digits_only.clear();
        } else if let Some(m) = multiplier(c) {
            let below = section + digit.unwrap_or(0);
            if below == 0 && wan == 0 && total == 0 {
                break;
            }
            units_seen = true;
            if m == 10_000 {
                wan = below.checked_mul(10_000)?;
            } else {
                total = (total + wan + below).checked_mul(100_000_000)?;
                wan = 0;
            }
            section = 0;
            digit = None;
            digits_only.clear();
            mult = m;
        } else {
            break;
        }
        end = start + j + c.len_utf8();
    }
    if end == start {
        return None;
    }
    let value = if units_seen {
        total + wan + section + digit.unwrap_or(0)
    } else {
        digits_only.parse().ok()?
    };
    Some(Number {
        value: Decimal::from(value),
        places: 0,
        start,
        end,
        multiplier: mult,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        numbers(text).iter().map(|n| n.value.to_string()).collect()
    }

    #[test]
    fn arabic_digits_half_and_full_width() {
        assert_eq!(values("新收512件，结转２８件"), ["512", "28"]);
        assert_eq!(values("收费18.8710万元"), ["188710.0000"]);
        assert_eq!(values("收费１８．８７万元"), ["188700.00"]);
        assert_eq!(numbers("18.87万元")[0].places, 2);
    }

    #[test]
    fn thousands_separators_only_between_groups_of_three() {
        assert_eq!(values("行政许可1,234件"), ["1234"]);
        assert_eq!(values("共12,345,678元"), ["12345678"]);
        assert_eq!(values("新收512，27件"), ["512", "27"]);
        assert_eq!(values("1,2345"), ["1", "2345"]);
        assert_eq!(values("512，上年结转27件"), ["512", "27"]);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(values("一百二十三件"), ["123"]);
        assert_eq!(values("十二件"), ["12"]);
        assert_eq!(values("三千零五件"), ["3005"]);
        assert_eq!(values("两件"), ["2"]);
        assert_eq!(values("两万件"), ["20000"]);
        assert_eq!(values("1.2万件"), ["12000.0"]);
        assert_eq!(values("二〇二四年"), ["2024"]);
        assert_eq!(values("一亿二千万元"), ["120000000"]);
    }

    #[test]
    fn spans_cover_the_numeral_and_its_multiplier() {
        let text = "收费18.87万元";
        let n = numbers(text)[0];
        assert_eq!(&text[n.start..n.end], "18.87万");
        assert_eq!(n.multiplier, 10_000);
        assert_eq!(&text[n.end..], "元");
    }
}
