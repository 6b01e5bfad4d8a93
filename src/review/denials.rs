//! The forms that deny a quantity (`未收到政府信息公开申请`,
//! `未发生…行政复议、行政诉讼`, `未收取行政事业性收费`, `未发出收费通知`), read
//! as strictly as the statements of [`super::phrases`]: the words before the
//! negation are prefix words, and the words after it up to the clause end
//! are the subject and fillers only — `未发生行政诉讼败诉案件` denies nothing.

use super::vocabulary::{Frame, PREFIX_WORDS, made_of};
use std::ops::Range;

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
    // Every negation starts with 未, 没 or 无: most texts have none.
    if !text.contains(['未', '没', '无']) {
        return out;
    }
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
        start = i + c.len_utf8();
        // Every negation starts with 未, 没 or 无: most clauses have none.
        if !clause.contains(['未', '没', '无']) {
            continue;
        }
        for form in DENIALS {
            // The first place in the clause where one of the form's negations starts.
            let found = clause.char_indices().find_map(|(at, _)| {
                form.negations
                    .iter()
                    .find(|neg| clause[at..].starts_with(**neg))
                    .map(|neg| (at, neg.len()))
            });
            let Some((at, len)) = found else { continue };
            let (before, after) = (&clause[..at], &clause[at + len..]);
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
            let clause_start = i - clause.len();
            for d in denied {
                out.push(Denial {
                    denied: d,
                    span: clause_start + at..i,
                });
            }
        }
    }
    out
}
