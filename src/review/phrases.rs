//! The phrase forms that tie a number in a text to a quantity of the tables
//! (`全年新收政府信息公开申请512件` → 一、本年新收 512), and the forms that deny
//! one (`未收到政府信息公开申请`).
//!
//! A number is tied only when the wording leaves no doubt. Within its clause
//! (up to the nearest `，。；：、（）` …), the words before the number must read
//! exactly as `[prefix words] KEYWORD [filler words] N 件`: the keyword names
//! the quantity (新收, 上年结转, 办结, 行政复议 …), the fillers add nothing
//! (政府信息公开申请, 共, 为 …) and the prefix words only say "this year, we,
//! in all" (全年, 本年度, the report year, 我局, 共 …). Anything else — a
//! subject (自然人, 涉及征地的), a comparison (同比增加), a time span other
//! than the report year (1-6月, 2023年), an approximation (约, 余, 以上), a
//! clause after `…中，` or `其中` — and the number is not tied. A year, a
//! date, a phone number, `3期`, `156人次` or a percentage never has a count
//! unit (件, 宗, 起) or 元 after it, so it is never tied.
//!
//! The word lists are built once ([`std::sync::LazyLock`]); matching is plain
//! suffix and prefix comparison, cheap enough for every keystroke.

pub use super::denials::{Denial, Denied, denials};
use super::numbers::{Number, numbers};
pub use super::vocabulary::Frame;
use super::vocabulary::{
    APPEAL_FILLERS, APPEAL_PREFIX, APPLICATION_FILLERS, CARRY_FORWARD_FILLERS, DECISION_FILLERS,
    DECISION_PREFIX, DOCUMENT_FILLERS, FEE_FILLERS, FEE_PREFIX, OUTCOME_FILLERS, OUTCOME_PREFIX,
    PREFIX_WORDS, is_clause_break, is_sentence_break, made_of,
};
use rust_decimal::Decimal;
use std::ops::Range;
use std::sync::LazyLock;

/// A quantity of the tables that a text can state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// 一、本年新收.
    NewReceived,
    /// 二、上年结转.
    CarriedOver,
    /// 收到 / 受理 …申请: 一 alone or 一+二 (texts use both).
    Received,
    /// 办结: （七）总计.
    Handled,
    /// 四、结转下年度继续办理.
    CarriedForward,
    /// 行政复议.
    Reviews,
    /// 行政诉讼: 直接起诉 + 复议后起诉 (or 直接起诉 alone).
    Suits,
    /// 未经复议直接起诉.
    DirectSuits,
    /// 复议后起诉.
    SuitsAfterReview,
    /// 本年制发, 本年废止, 现行有效 of 规章 or 行政规范性文件.
    Documents(DocumentColumn, DocumentRow),
    /// 行政许可, 行政处罚, 行政强制 决定.
    Licensing,
    Penalties,
    Enforcement,
    /// 行政事业性收费 (an amount).
    FeeAmount,
    /// A result of section 三 that is a row or the sum of rows.
    Outcome(Outcome),
}

/// The results of section 三 a text states (`不予公开35件` is the sum of the
/// rows of （三）).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 予以公开: （一）, or （一）+（二） (texts use both).
    Granted,
    /// 部分公开: （二）.
    PartlyGranted,
    /// 予以公开及部分公开: （一）+（二）.
    GrantedAndPartly,
    /// 不予公开: the rows of （三）.
    NotDisclosed,
    /// 无法提供: the rows of （四）.
    Unable,
    /// 不予处理: the rows of （五）.
    NotProcessed,
    /// 其他处理: the rows of （六）.
    OtherHandling,
}

/// A column of 第二十条第（一）项.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentColumn {
    Issued,
    Repealed,
    InForce,
}

/// A row of 第二十条第（一）项.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentRow {
    Rules,
    Normative,
}

/// A number a text states for a quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub quantity: Quantity,
    /// In 件, or for [`Quantity::FeeAmount`] in 万元.
    pub value: Decimal,
    /// Decimal places written (a 万元 figure with fewer places than the cell
    /// is compared rounded).
    pub places: u32,
    /// Byte range of the phrase in the text, keyword to unit.
    pub span: Range<usize>,
}

/// One phrase form: `[prefix] keyword [fillers] N unit`.
struct Phrase {
    quantity: Quantity,
    keywords: Vec<String>,
    fillers: &'static [&'static str],
    /// Prefix words allowed for this form only (作出 before 行政许可决定).
    extra_prefix: &'static [&'static str],
    money: bool,
    /// The last characters of the keywords and fillers: a lead ending in
    /// any other cannot match (a cheap test before the string comparisons).
    last_chars: Vec<char>,
    /// Words one of which the lead must hold, when not empty: a bare
    /// `行政复议150件` may be the cases a 复议机关 decided, not those against
    /// the agency; `被申请行政复议`, `政府信息公开行政复议` are not.
    needs: &'static [&'static str],
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| w.to_string()).collect()
}

/// Every `verb + object` and `object + verb` keyword of a documents column.
fn document_keywords(verbs: &[&str], objects: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for v in verbs {
        for o in objects {
            out.push(format!("{v}{o}"));
            out.push(format!("{v}了{o}"));
            out.push(format!("{v}的{o}"));
            out.push(format!("{o}{v}"));
        }
    }
    out
}

/// What ties a bare 行政复议 / 行政诉讼 to the agency's own 政府信息公开 cases.
const APPEAL_NEEDS: &[&str] = &["被", "政府信息公开", "信息公开"];

static PHRASES: LazyLock<Vec<Phrase>> = LazyLock::new(|| {
    let apps = |q, kw: &[&str]| Phrase {
        quantity: q,
        keywords: words(kw),
        fillers: APPLICATION_FILLERS,
        extra_prefix: &[],
        money: false,
        last_chars: Vec::new(),
        needs: &[],
    };
    let appeals = |q, kw: &[&str]| Phrase {
        quantity: q,
        keywords: words(kw),
        fillers: APPEAL_FILLERS,
        extra_prefix: APPEAL_PREFIX,
        money: false,
        last_chars: Vec::new(),
        needs: &[],
    };
    let decisions = |q, kw: &[&str]| Phrase {
        quantity: q,
        keywords: words(kw),
        fillers: DECISION_FILLERS,
        extra_prefix: DECISION_PREFIX,
        money: false,
        last_chars: Vec::new(),
        needs: &[],
    };
    let outcome = |o, kw: &[&str]| Phrase {
        quantity: Quantity::Outcome(o),
        keywords: words(kw),
        fillers: OUTCOME_FILLERS,
        extra_prefix: OUTCOME_PREFIX,
        money: false,
        last_chars: Vec::new(),
        needs: &[],
    };
    let documents = |column, row, verbs: &[&str]| {
        let objects: &[&str] = match row {
            DocumentRow::Rules => &["规章", "政府规章", "部门规章"],
            DocumentRow::Normative => &["规范性文件", "行政规范性文件"],
        };
        Phrase {
            quantity: Quantity::Documents(column, row),
            keywords: document_keywords(verbs, objects),
            fillers: DOCUMENT_FILLERS,
            extra_prefix: &["新"],
            money: false,
            last_chars: Vec::new(),
            needs: &[],
        }
    };
    let mut list = vec![
        apps(
            Quantity::NewReceived,
            &["新收到", "新收", "新受理", "新接收"],
        ),
        apps(
            Quantity::CarriedOver,
            &["上年结转", "上年度结转", "上一年度结转", "上一年结转"],
        ),
        apps(Quantity::Received, &["收到", "受理", "接收", "接到"]),
        apps(Quantity::Handled, &["办结", "答复"]),
        // The combined form before its parts: each phrase is tried in turn.
        outcome(
            Outcome::GrantedAndPartly,
            &[
                "予以公开及部分公开",
                "予以公开和部分公开",
                "予以公开或部分公开",
                "予以公开及予以部分公开",
                "全部公开及部分公开",
                "全部公开和部分公开",
                "公开及部分公开",
                "公开和部分公开",
            ],
        ),
        outcome(Outcome::Granted, &["予以公开", "全部公开"]),
        outcome(Outcome::PartlyGranted, &["部分公开", "予以部分公开"]),
        outcome(Outcome::NotDisclosed, &["不予公开"]),
        outcome(Outcome::Unable, &["无法提供"]),
        outcome(Outcome::NotProcessed, &["不予处理"]),
        outcome(Outcome::OtherHandling, &["其他处理"]),
        Phrase {
            quantity: Quantity::CarriedForward,
            keywords: words(&[
                "结转下年度",
                "结转下一年度",
                "结转至下年度",
                "结转至下一年度",
                "结转到下年度",
                "结转到下一年度",
                "结转下年",
                "结转至下年",
                "转入下年度",
            ]),
            fillers: CARRY_FORWARD_FILLERS,
            extra_prefix: &[],
            money: false,
            last_chars: Vec::new(),
            needs: &[],
        },
        Phrase {
            needs: APPEAL_NEEDS,
            ..appeals(Quantity::Reviews, &["行政复议"])
        },
        Phrase {
            needs: APPEAL_NEEDS,
            ..appeals(Quantity::Suits, &["行政诉讼"])
        },
        appeals(
            Quantity::DirectSuits,
            &["未经复议直接起诉", "直接起诉", "直接提起行政诉讼"],
        ),
        appeals(
            Quantity::SuitsAfterReview,
            &["行政复议后起诉", "复议后起诉", "复议后提起行政诉讼"],
        ),
        decisions(Quantity::Licensing, &["行政许可决定", "行政许可处理决定"]),
        decisions(Quantity::Penalties, &["行政处罚决定", "行政处罚处理决定"]),
        decisions(Quantity::Enforcement, &["行政强制决定", "行政强制处理决定"]),
        Phrase {
            quantity: Quantity::FeeAmount,
            keywords: words(&["行政事业性收费"]),
            fillers: FEE_FILLERS,
            extra_prefix: FEE_PREFIX,
            money: true,
            last_chars: Vec::new(),
            needs: &[],
        },
    ];
    for row in [DocumentRow::Rules, DocumentRow::Normative] {
        list.push(documents(
            DocumentColumn::Issued,
            row,
            &["制发", "印发", "制定", "出台"],
        ));
        list.push(documents(DocumentColumn::Repealed, row, &["废止"]));
        list.push(documents(DocumentColumn::InForce, row, &["现行有效"]));
    }
    for p in &mut list {
        let mut last: Vec<char> = p
            .keywords
            .iter()
            .map(String::as_str)
            .chain(p.fillers.iter().copied())
            .filter_map(|w| w.chars().next_back())
            .collect();
        last.sort_unstable();
        last.dedup();
        p.last_chars = last;
    }
    list
});

impl Phrase {
    /// Where the keyword starts in `lead` when `lead` reads as
    /// `[prefix] keyword [fillers]`.
    fn keyword_start(&self, lead: &str, end: usize, frame: Frame, depth: usize) -> Option<usize> {
        let head = &lead[..end];
        match head.chars().next_back() {
            Some(c) if self.last_chars.binary_search(&c).is_ok() => {}
            _ => return None,
        }
        for kw in &self.keywords {
            if let Some(prefix) = head.strip_suffix(kw.as_str())
                && made_of(prefix, &[PREFIX_WORDS, self.extra_prefix], frame)
            {
                return Some(prefix.len());
            }
        }
        if depth == 0 {
            return None;
        }
        for f in self.fillers {
            if head.ends_with(f)
                && let Some(k) = self.keyword_start(lead, end - f.len(), frame, depth - 1)
            {
                return Some(k);
            }
        }
        None
    }
}

/// The unit after a number: `Some(false)` a count (件, 宗, 起), `Some(true)`
/// 元; with the byte length of the unit and anything skipped before it.
fn unit_after(rest: &str) -> Option<(bool, usize)> {
    let skipped = rest.len() - rest.trim_start_matches([' ', '\u{3000}']).len();
    let rest = &rest[skipped..];
    let unit = rest.chars().next()?;
    let money = match unit {
        '件' | '宗' | '起' => false,
        '元' => true,
        _ => return None,
    };
    let after = &rest[unit.len_utf8()..];
    // 件次 counts visits, 一件事 is a slogan; 以上, 左右 … approximate.
    const NOT_EXACT: &[&str] = &[
        "次", "事", "以上", "以下", "以内", "左右", "上下", "多", "余",
    ];
    if NOT_EXACT.iter().any(|w| after.starts_with(w)) {
        return None;
    }
    Some((money, skipped + unit.len_utf8()))
}

/// Whether the number stands alone: not part of a code, an ordinal (第3),
/// a range (1-6) or a phone number.
fn stands_alone(text: &str, n: &Number) -> bool {
    match text[..n.start].chars().next_back() {
        Some(c) => {
            !(c.is_ascii_alphanumeric()
                || matches!(c, '第' | '-' | '－' | '—' | '~' | '～' | '.' | '．' | '_'))
        }
        None => true,
    }
}

/// Every number in `text` tied to a quantity of the tables.
pub fn statements(text: &str, frame: Frame) -> Vec<Statement> {
    let mut out = Vec::new();
    // The sentence (by its start) where a whole (收到, 新收, 办结) was
    // stated, and where a count was not tied: the results of section 三 are
    // read after `其中` only as parts of such a whole, and not at all in a
    // sentence about something else (`涉及征地的申请50件，予以公开20件`).
    let mut whole_in: Option<usize> = None;
    let mut untied_in: Option<usize> = None;
    for n in numbers(text) {
        if !stands_alone(text, &n) {
            continue;
        }
        let Some((money, unit_len)) = unit_after(&text[n.end..]) else {
            continue;
        };
        let clause_start = text[..n.start]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_clause_break(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let lead = &text[clause_start..n.start];
        let sentence_start = text[..clause_start]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_sentence_break(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let before = &text[sentence_start..clause_start];
        // 其中 may open 新收 and 上年结转 (the parts of 收到); any other
        // figure after it, or after a clause ending in 中, is a part.
        let (lead_body, under_qizhong) = match lead.strip_prefix("其中") {
            Some(rest) => (rest, true),
            None => (lead, false),
        };
        if before.trim_end_matches(is_clause_break).ends_with('中') || before.contains("中，") {
            continue;
        }
        let parts_only = under_qizhong || before.contains("其中");
        let mut tied = false;
        for phrase in PHRASES.iter().filter(|p| p.money == money) {
            let part_of_whole = matches!(
                phrase.quantity,
                Quantity::NewReceived | Quantity::CarriedOver
            );
            let outcome = matches!(phrase.quantity, Quantity::Outcome(_));
            if outcome
                && (untied_in == Some(sentence_start)
                    || parts_only && whole_in != Some(sentence_start))
            {
                continue;
            }
            if parts_only && !part_of_whole && !outcome {
                continue;
            }
            if !phrase.needs.is_empty() && !phrase.needs.iter().any(|w| lead_body.contains(w)) {
                continue;
            }
            let Some(k) = phrase.keyword_start(lead_body, lead_body.len(), frame, 6) else {
                continue;
            };
            if !money && !n.value.fract().is_zero() {
                break;
            }
            let value = if money {
                n.value / Decimal::from(10_000)
            } else {
                n.value
            };
            let start = clause_start + (lead.len() - lead_body.len()) + k;
            out.push(Statement {
                quantity: phrase.quantity,
                value: value.normalize(),
                places: if money { money_places(&n) } else { 0 },
                span: start..n.end + unit_len,
            });
            if matches!(
                phrase.quantity,
                Quantity::Received | Quantity::NewReceived | Quantity::Handled
            ) {
                whole_in = Some(sentence_start);
            }
            tied = true;
            break;
        }
        if !tied && !money {
            untied_in = Some(sentence_start);
        }
    }
    out
}

/// The places of a 元 or 万元 figure, counted in 万元 (`188710元` has 4).
fn money_places(n: &Number) -> u32 {
    match n.multiplier {
        10_000 => n.places,
        100_000_000 => n.places.saturating_sub(4),
        _ => n.places + 4,
    }
}
