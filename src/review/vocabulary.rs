//! The words the review phrases are made of (see [`super::phrases`]): the
//! prefix words that may stand before a keyword ("this year, we, in all"),
//! the fillers that may stand between a keyword and its number, and the
//! test that a stretch of text is made of nothing else ([`made_of`]).

use super::numbers::digit_value;

/// What the words before a phrase may be, besides the fixed lists: the
/// report year (`2024年`, `2024年度`) and the agency's own name.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub year: Option<i32>,
    pub agency: &'a str,
}

/// Words that may stand before any keyword: time, self-reference, "in all".
#[rustfmt::skip]
pub(super) const PREFIX_WORDS: &[&str] = &[
    "全年度", "全年", "本年度内", "本年度", "本年内", "本年", "今年", "年内", "年度内", "当年", "报告期内", "共计", "合计",
    "总计", "一共", "总共", "共", "已", "另有", "另", "此外", "同时", "依法", "全部", "均", "我局", "我委", "我办", "我厅",
    "我部", "我署", "我院", "我中心", "我单位", "我部门", "我机关", "本局", "本委", "本办", "本机关", "本单位", "本部门",
    "本行政机关", " ", "\u{3000}",
];

#[rustfmt::skip]
pub(super) const APPLICATION_FILLERS: &[&str] = &[
    "政府信息公开申请", "信息公开申请", "依申请公开申请", "政府信息公开", "信息公开", "依申请公开", "政府信息", "申请", "的", "共计", "合计",
    "总计", "共", "数量", "件数", "总数", "总量", "数", "为", "了", "各类", " ",
];

#[rustfmt::skip]
pub(super) const CARRY_FORWARD_FILLERS: &[&str] = &[
    "政府信息公开申请", "信息公开申请", "申请", "继续办理", "办理", "继续", "处理", "的", "共", "共计", "数量", "为", "了", " ",
];

#[rustfmt::skip]
pub(super) const APPEAL_FILLERS: &[&str] = &[
    "案件", "申请", "的", "共计", "合计", "共", "为", "了", "件数", "数量", "总数", " ",
];

#[rustfmt::skip]
pub(super) const APPEAL_PREFIX: &[&str] = &[
    "因政府信息公开工作", "因政府信息公开", "政府信息公开", "涉及政府信息公开的", "被申请", "被提起", "被", "发生", "申请", "提起", "的",
];

#[rustfmt::skip]
pub(super) const DOCUMENT_FILLERS: &[&str] = &[
    "的", "共计", "合计", "共", "为", "了", "件数", "数量", "总数", " ",
];

#[rustfmt::skip]
pub(super) const DECISION_FILLERS: &[&str] = &[
    "的", "共计", "合计", "共", "为", "了", "数量", "件数", "总数", " ",
];

#[rustfmt::skip]
pub(super) const DECISION_PREFIX: &[&str] = &["作出", "做出", "主动公开", "公开", "公示", "的"];

/// Between a result of section 三 (不予公开 …) and its number.
#[rustfmt::skip]
pub(super) const OUTCOME_FILLERS: &[&str] = &[
    "政府信息公开申请", "信息公开申请", "申请", "答复", "决定", "处理", "的", "共计", "合计", "共", "为", "了", " ",
];

/// Before a result of section 三: `决定不予公开`, `作出不予处理答复`.
#[rustfmt::skip]
pub(super) const OUTCOME_PREFIX: &[&str] = &["决定", "作出", "做出", "依法", "予以", "的"];

#[rustfmt::skip]
pub(super) const FEE_FILLERS: &[&str] = &[
    "收费金额", "金额", "总额", "收入", "共计", "合计", "共", "为", "了", "的", " ",
];

#[rustfmt::skip]
pub(super) const FEE_PREFIX: &[&str] = &["收取", "的"];

/// Ends a clause: no phrase reaches across one.
pub(super) fn is_clause_break(c: char) -> bool {
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
pub(super) fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n')
}

/// Whether `s` is made entirely of the given words, the report year
/// (`2024年`, `2024年度`) and the agency's name.
pub(super) fn made_of(s: &str, lists: &[&[&str]], frame: Frame) -> bool {
    if s.is_empty() {
        return true;
    }
    let mut reachable = vec![false; s.len() + 1];
    reachable[0] = true;
    let acting = s.contains("代表");
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
        if acting {
            for len in acting_for(rest) {
                reachable[i + len] = true;
            }
        }
    }
    reachable[s.len()]
}

/// The last characters of the name of a body: `区政府办`, `区政府`, `市人民政府办公室`.
const BODY_ENDS: &[&str] = &[
    "政府",
    "办公室",
    "办",
    "局",
    "委",
    "委员会",
    "中心",
    "厅",
    "署",
    "院",
];

/// Whether `s` names a body: a few CJK characters ending as [`BODY_ENDS`].
fn is_body_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=16).contains(&n)
        && s.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        && BODY_ENDS.iter().any(|e| s.ends_with(e))
        && !s.contains("代表")
}

/// The lengths of `X代表Y` at the start of `s`, one body acting for
/// another (`区政府办代表区政府`): for every Y that names a body.
fn acting_for(s: &str) -> Vec<usize> {
    let Some(k) = s.find("代表") else {
        return Vec::new();
    };
    if !is_body_name(&s[..k]) {
        return Vec::new();
    }
    let after = k + "代表".len();
    s[after..]
        .char_indices()
        .map(|(j, c)| after + j + c.len_utf8())
        .take(16)
        .filter(|&end| is_body_name(&s[after..end]))
        .collect()
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
