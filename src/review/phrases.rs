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

use super::numbers::{Number, digit_value, numbers};
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

/// What a denial denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// 未收到…申请.
    Applications,
    /// 未发生…行政复议.
    Reviews,
    /// 未发生…行政诉讼.
    Suits,
    /// 未收取行政事业性收费.
    Fees,
    /// 未发出收费通知.
    FeeNotices,
}

/// A clause that says something did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    pub denied: Denied,
    /// Byte range of the clause, from the negation to its end.
    pub span: Range<usize>,
}

/// What the words before a phrase may be, besides the fixed lists: the
/// report year (`2024年`, `2024年度`) and the agency's own name.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub year: Option<i32>,
    pub agency: &'a str,
}

/// One phrase form: `[prefix] keyword [fillers] N unit`.
struct Phrase {
    quantity: Quantity,
    keywords: Vec<String>,
    fillers: &'static [&'static str],
    /// Prefix words allowed for this form only (作出 before 行政许可决定).
    extra_prefix: &'static [&'static str],
    money: bool,
}

/// Words that may stand before any keyword: time, self-reference, "in all".
const PREFIX_WORDS: &[&str] = &[
    "全年度",
    "全年",
    "本年度内",
    "本年度",
    "本年内",
    "本年",
    "今年",
    "年内",
    "年度内",
    "当年",
    "报告期内",
    "共计",
    "累计",
    "合计",
    "总计",
    "一共",
    "总共",
    "共",
    "已",
    "另有",
    "另",
    "此外",
    "同时",
    "依法",
    "全部",
    "均",
    "我局",
    "我委",
    "我办",
    "我厅",
    "我部",
    "我署",
    "我院",
    "我中心",
    "我单位",
    "我部门",
    "我机关",
    "本局",
    "本委",
    "本办",
    "本机关",
    "本单位",
    "本部门",
    "本行政机关",
    " ",
    "\u{3000}",
];

const APPLICATION_FILLERS: &[&str] = &[
    "政府信息公开申请",
    "信息公开申请",
    "依申请公开申请",
    "政府信息公开",
    "信息公开",
    "依申请公开",
    "政府信息",
    "申请",
    "的",
    "共计",
    "合计",
    "总计",
    "累计",
    "共",
    "数量",
    "件数",
    "总数",
    "总量",
    "数",
    "为",
    "了",
    "各类",
    " ",
];

const CARRY_FORWARD_FILLERS: &[&str] = &[
    "政府信息公开申请",
    "信息公开申请",
    "申请",
    "继续办理",
    "办理",
    "继续",
    "处理",
    "的",
    "共",
    "共计",
    "数量",
    "为",
    "了",
    " ",
];

const APPEAL_FILLERS: &[&str] = &[
    "案件", "申请", "的", "共计", "合计", "共", "为", "了", "件数", "数量", "总数", " ",
];

const APPEAL_PREFIX: &[&str] = &[
    "因政府信息公开工作",
    "因政府信息公开",
    "政府信息公开",
    "涉及政府信息公开的",
    "被申请",
    "被提起",
    "被",
    "发生",
    "申请",
    "提起",
    "的",
];

const DOCUMENT_FILLERS: &[&str] = &[
    "的", "共计", "合计", "共", "为", "了", "件数", "数量", "总数", " ",
];

const DECISION_FILLERS: &[&str] = &[
    "的", "共计", "合计", "共", "为", "了", "数量", "件数", "总数", " ",
];

const DECISION_PREFIX: &[&str] = &["作出", "做出", "主动公开", "公开", "公示", "的"];

const FEE_FILLERS: &[&str] = &[
    "收费金额",
    "金额",
    "总额",
    "收入",
    "共计",
    "合计",
    "共",
    "为",
    "了",
    "的",
    " ",
];

const FEE_PREFIX: &[&str] = &["收取", "的"];

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

static PHRASES: LazyLock<Vec<Phrase>> = LazyLock::new(|| {
    let apps = |q, kw: &[&str]| Phrase {
        quantity: q,
        keywords: words(kw),
        fillers: APPLICATION_FILLERS,
        extra_prefix: &[],
        money: false,
    };
    let appeals = |q, kw: &[&str]| Phrase {
        quantity: q,
        keywords: words(kw),
        fillers: APPEAL_FILLERS,
        extra_prefix: APPEAL_PREFIX,
        money: false,
    };
    let decisions = |q, kw: &[&str]| Phrase {
        quantity: q,
        keywords: words(kw),
        fillers: DECISION_FILLERS,
        extra_prefix: DECISION_PREFIX,
        money: false,
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
        apps(Quantity::Handled, &["办结"]),
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
        },
        appeals(Quantity::Reviews, &["行政复议"]),
        appeals(Quantity::Suits, &["行政诉讼"]),
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
    list
});

/// Ends a clause: no phrase reaches across one.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '。'
            | '；'
            | ';'
            | '：'
            | ':'
            | '！'
            | '!'
            | '？'
            | '?'
            | '、'
            | '（'
            | '）'
            | '('
            | ')'
            | '“'
            | '”'
            | '"'
            | '《'
            | '》'
            | '【'
            | '】'
            | '\n'
            | '/'
            | '|'
    )
}

/// Ends a sentence.
fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n')
}

/// Whether `s` is made entirely of the given words, the report year
/// (`2024年`, `2024年度`) and the agency's name.
fn made_of(s: &str, lists: &[&[&str]], frame: Frame) -> bool {
    if s.is_empty() {
        return true;
    }
    let mut reachable = vec![false; s.len() + 1];
    reachable[0] = true;
    for i in 0..s.len() {
        if !reachable[i] || !s.is_char_boundary(i) {
            continue;
        }
        let rest = &s[i..];
        for w in lists.iter().flat_map(|l| l.iter()) {
            if rest.starts_with(w) {
                reachable[i + w.len()] = true;
            }
        }
        if !frame.agency.is_empty() && rest.starts_with(frame.agency) {
            reachable[i + frame.agency.len()] = true;
        }
        if let Some(len) = year_prefix(rest, frame.year) {
            reachable[i + len] = true;
        }
    }
    reachable[s.len()]
}

/// The length of `2024年` or `2024年度` at the start of `s` when it is the
/// report year.
fn year_prefix(s: &str, year: Option<i32>) -> Option<usize> {
    let year = year?;
    let mut value = 0i32;
    let mut len = 0;
    let mut chars = s.chars();
    for _ in 0..4 {
        let c = chars.next()?;
        value = value * 10 + digit_value(c)? as i32;
        len += c.len_utf8();
    }
    if value != year || !s[len..].starts_with('年') {
        return None;
    }
    len += '年'.len_utf8();
    if s[len..].starts_with('度') {
        len += '度'.len_utf8();
    }
    Some(len)
}

impl Phrase {
    /// Where the keyword starts in `lead` when `lead` reads as
    /// `[prefix] keyword [fillers]`.
    fn keyword_start(&self, lead: &str, end: usize, frame: Frame, depth: usize) -> Option<usize> {
        let head = &lead[..end];
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
        for phrase in PHRASES.iter().filter(|p| p.money == money) {
            let part_of_whole = matches!(
                phrase.quantity,
                Quantity::NewReceived | Quantity::CarriedOver
            );
            if parts_only && !part_of_whole {
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
            break;
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

/// The negations a denial starts with, and what may follow up to the clause
/// end for it to deny the quantity.
struct DenialForm {
    negations: &'static [&'static str],
    /// What the clause must name, and what it then denies.
    subjects: &'static [(&'static str, Denied)],
    fillers: &'static [&'static str],
}

static DENIALS: &[DenialForm] = &[
    DenialForm {
        negations: &["未收到", "没有收到", "未接到", "未受理", "未接收"],
        subjects: &[
            ("政府信息公开申请", Denied::Applications),
            ("信息公开申请", Denied::Applications),
            ("依申请公开申请", Denied::Applications),
            ("申请", Denied::Applications),
        ],
        fillers: &[
            "相关",
            "任何",
            "新的",
            "新",
            "的",
            "公民",
            "法人",
            "和",
            "或",
            "及",
            "其他组织",
            "提出",
            "情况",
            "、",
            " ",
        ],
    },
    DenialForm {
        negations: &["未发生", "没有发生", "未出现", "未有", "无"],
        subjects: &[("行政复议", Denied::Reviews), ("行政诉讼", Denied::Suits)],
        fillers: &[
            "因政府信息公开工作",
            "因政府信息公开",
            "政府信息公开",
            "信息公开",
            "被申请",
            "被提起",
            "申请",
            "提起",
            "引发",
            "引起",
            "而",
            "的",
            "、",
            "和",
            "及",
            "或",
            "与",
            "案件",
            "情况",
            "事项",
            "工作",
            "因",
            " ",
        ],
    },
    DenialForm {
        negations: &["未收取", "没有收取", "未收", "无", "未产生"],
        subjects: &[("行政事业性收费", Denied::Fees)],
        fillers: &["任何", "的", "收入", "金额", "情况", " "],
    },
    DenialForm {
        negations: &[
            "未发出",
            "没有发出",
            "未出具",
            "未开具",
            "未向申请人发出",
            "未发放",
        ],
        subjects: &[
            ("收费通知", Denied::FeeNotices),
            ("缴费通知", Denied::FeeNotices),
        ],
        fillers: &["任何", "的", "信息处理费", "书", "情况", " "],
    },
];

/// Every clause of `text` that denies a quantity, read as strictly as
/// [`statements`]: the words before the negation are prefix words, and the
/// words after it up to the clause end are the subject and fillers only.
pub fn denials(text: &str, frame: Frame) -> Vec<Denial> {
    let mut out = Vec::new();
    // Clauses here end at ，。； only: `行政复议、行政诉讼` is one subject list.
    let mut start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        if !matches!(
            c,
            '，' | ',' | '。' | '；' | ';' | '！' | '？' | '\n' | '：' | ':'
        ) {
            continue;
        }
        let clause = &text[start..i];
        for form in DENIALS {
            for neg in form.negations {
                let Some(at) = clause.find(neg) else { continue };
                let (before, after) = (&clause[..at], &clause[at + neg.len()..]);
                if !made_of(before, &[PREFIX_WORDS], frame) {
                    continue;
                }
                let subjects: Vec<&str> = form.subjects.iter().map(|(s, _)| *s).collect();
                if !made_of(after, &[&subjects, form.fillers], frame) {
                    continue;
                }
                let mut denied: Vec<Denied> = Vec::new();
                for (s, d) in form.subjects {
                    if after.contains(s) && !denied.contains(d) {
                        denied.push(*d);
                    }
                }
                for d in denied {
                    out.push(Denial {
                        denied: d,
                        span: start + at..i,
                    });
                }
                break;
            }
        }
        start = i + c.len_utf8();
    }
    out
}
