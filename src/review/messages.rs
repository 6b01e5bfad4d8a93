//! Every sentence the review rules say, whole in each language: one function
//! per message, each returning the complete Chinese or English sentence.

use crate::schema::Lang;

/// One way of reading a figure in the tables: its value and where it is.
pub struct Reading {
    pub value: String,
    pub place: String,
}

/// text-*: a number in a text differs from the table.
pub fn text_against_table(lang: Lang, quote: &str, stated: &str, readings: &[Reading]) -> String {
    match (lang, readings) {
        (Lang::Zh, [one]) => format!(
            "文中“{quote}”写的是 {stated}，但{}为 {}；请核对文字或表格。",
            one.place, one.value
        ),
        (Lang::En, [one]) => format!(
            "The text “{quote}” says {stated}, but {} holds {}; please check the text or the table.",
            one.place, one.value
        ),
        (Lang::Zh, many) => format!(
            "文中“{quote}”写的是 {stated}，但表格中{}；请核对文字或表格。",
            many.iter()
                .map(|r| format!("{}为 {}", r.place, r.value))
                .collect::<Vec<_>>()
                .join("，")
        ),
        (Lang::En, many) => format!(
            "The text “{quote}” says {stated}, which is none of {}; please check the text or the table.",
            many.iter()
                .map(|r| format!("{} ({})", r.place, r.value))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The place of 一 + 二 of section 三, the other reading of 收到…申请.
pub fn received_total_place(lang: Lang, new_place: &str, carried_place: &str) -> String {
    match lang {
        Lang::Zh => format!("{new_place}与{carried_place}之和"),
        Lang::En => format!("the sum of {new_place} and {carried_place}"),
    }
}

/// The place of 直接起诉 + 复议后起诉.
pub fn suits_total_place(lang: Lang, direct: &str, after_review: &str) -> String {
    match lang {
        Lang::Zh => format!("{direct}与{after_review}之和"),
        Lang::En => format!("the sum of {direct} and {after_review}"),
    }
}

/// The place of （一）+（二）, the reading of 予以公开及部分公开.
pub fn rows_total_place(lang: Lang, granted: &str, partly: &str) -> String {
    match lang {
        Lang::Zh => format!("{granted}与{partly}之和"),
        Lang::En => format!("the sum of {granted} and {partly}"),
    }
}

/// The place of the sum of a group's rows (（三）不予公开 …).
pub fn group_total_place(lang: Lang, group: &str) -> String {
    match lang {
        Lang::Zh => format!("{group} 各项总计之和"),
        Lang::En => format!("the sum of the rows of {group}"),
    }
}

/// text-suits-part: 行政诉讼N件 matches 直接起诉 alone.
pub fn suits_part(
    lang: Lang,
    quote: &str,
    stated: &str,
    direct: &str,
    after_review: &str,
    after_value: &str,
    total: &str,
) -> String {
    match lang {
        Lang::Zh => format!(
            "提示：文中“{quote}”的 {stated} 只是{direct}；{after_review}另有 {after_value}，行政诉讼共 {total}。如指全部行政诉讼，请写 {total}。"
        ),
        Lang::En => format!(
            "Note: {stated} in the text “{quote}” is {direct} alone; {after_review} holds {after_value} more, {total} lawsuits in all. If the text means all lawsuits, write {total}."
        ),
    }
}

/// text-appeal-outcome: the text claims an outcome the table of 四 does not show.
pub fn appeal_outcome(lang: Lang, quote: &str, shown: &[Reading]) -> String {
    match lang {
        Lang::Zh => format!(
            "文中说“{quote}”，但{}；请核对文字或表格。",
            shown
                .iter()
                .map(|r| format!("{}为 {}", r.place, r.value))
                .collect::<Vec<_>>()
                .join("，")
        ),
        Lang::En => format!(
            "The text says “{quote}”, but {}; please check the text or the table.",
            shown
                .iter()
                .map(|r| format!("{} holds {}", r.place, r.value))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// text-reused: sentences of this text stand word for word in last year's report.
pub fn text_reused(
    lang: Lang,
    last_file: &str,
    last_year: &str,
    count: usize,
    chars: usize,
    first: &str,
) -> String {
    match lang {
        Lang::Zh => format!(
            "有 {count} 句（共 {chars} 字）与上年报告 {last_file}（{last_year} 年度）中的句子相同（只有数字不同也算），如“{first}”；审核中“与往年雷同”会被扣分，请按本年度情况改写。"
        ),
        Lang::En => format!(
            "{count} sentence(s) ({chars} characters) stand word for word in last year's report {last_file} ({last_year}), numbers aside, e.g. “{first}”; reviews mark texts copied from earlier years down, so please write them for this year."
        ),
    }
}

/// text-denies: words that deny what the table counts.
pub fn text_denies(lang: Lang, quote: &str, place: &str, value: &str) -> String {
    match lang {
        Lang::Zh => format!("文中说“{quote}”，但{place}为 {value}；请核对文字或表格。"),
        Lang::En => format!(
            "The text says “{quote}”, but {place} holds {value}; please check the text or the table."
        ),
    }
}

/// text-copied: this year's text is last year's.
pub fn text_copied(lang: Lang, last_file: &str, last_year: &str, percent: u32) -> String {
    match (lang, percent) {
        (Lang::Zh, 100) => format!(
            "与上年报告 {last_file}（{last_year} 年度）的同一部分相同（只有数字不同也算）；审核中“与往年雷同”会被扣分，请按本年度情况改写。"
        ),
        (Lang::En, 100) => format!(
            "This text is the same as in last year's report {last_file} ({last_year}), numbers aside; reviews mark texts copied from earlier years down, so please write it for this year."
        ),
        (Lang::Zh, p) => format!(
            "与上年报告 {last_file}（{last_year} 年度）的同一部分几乎相同（相似度 {p}%）；审核中“与往年雷同”会被扣分，请按本年度情况改写。"
        ),
        (Lang::En, p) => format!(
            "This text is nearly the same as in last year's report {last_file} ({last_year}): {p}% alike; reviews mark texts copied from earlier years down, so please write it for this year."
        ),
    }
}

/// year-jump: a key total changed more than fivefold.
pub fn year_jump(lang: Lang, this: &str, last: &str, last_file: &str, last_year: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "本年为 {this}，上年报告 {last_file}（{last_year} 年度）为 {last}，变化超过 5 倍；请核实数据（审核会将各项数据与上年对比）。"
        ),
        Lang::En => format!(
            "This year {this}, last year's report {last_file} ({last_year}) {last}: a change of more than five times; please verify (reviews compare every figure with last year's)."
        ),
    }
}

/// stale-year: a plan for a year already reported on.
pub fn stale_plan(lang: Lang, quote: &str, year: i32, report_year: i32) -> String {
    match lang {
        Lang::Zh => format!(
            "文中“{quote}”是 {year} 年的计划，但本报告是 {report_year} 年度的；计划应写下一年（{}年）。",
            report_year + 1
        ),
        Lang::En => format!(
            "The text “{quote}” plans for {year}, but this is the report for {report_year}; plans are for the next year ({}).",
            report_year + 1
        ),
    }
}

/// stale-year: a paragraph that tells of another year.
pub fn stale_narrative(lang: Lang, quote: &str, year: i32, report_year: i32) -> String {
    match lang {
        Lang::Zh => format!(
            "文中“{quote}”写的是 {year} 年，但本报告是 {report_year} 年度的；是否沿用了往年的文字？"
        ),
        Lang::En => format!(
            "The text “{quote}” tells of {year}, but this is the report for {report_year}; was it carried over from an earlier year?"
        ),
    }
}

/// fee-unit: an amount too large for 万元.
pub fn fee_unit_level(lang: Lang, amount: &str, level: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "行政事业性收费为 {amount} 万元，对{level}而言过大；本栏单位是万元，是否按元填写？"
        ),
        Lang::En => format!(
            "Administrative fees of {amount} (10,000 yuan) are implausibly large for a {level}; this cell is in 10,000 yuan: was the amount typed in yuan?"
        ),
    }
}

/// fee-unit: an amount a hundred times last year's.
pub fn fee_unit_jump(lang: Lang, amount: &str, last: &str, last_file: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "行政事业性收费为 {amount} 万元，是上年报告 {last_file} 的 {last} 万元的 100 倍以上；本栏单位是万元，是否按元填写？"
        ),
        Lang::En => format!(
            "Administrative fees of {amount} (10,000 yuan) are over 100 times last year's {last} in {last_file}; this cell is in 10,000 yuan: was the amount typed in yuan?"
        ),
    }
}

/// old-basis: the 2019 trial format cited for a 2021-format report.
pub fn old_basis(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!(
            "编制依据引用了 2019 年的试行格式（国办公开办函〔2019〕60号）；{year} 年度报告适用 2021 年格式（国办公开办函〔2021〕30号），请引用本年度的通知。"
        ),
        Lang::En => format!(
            "The basis cites the 2019 trial format (国办公开办函〔2019〕60号); a report for {year} follows the 2021 format (国办公开办函〔2021〕30号): please cite this year's notice."
        ),
    }
}

/// government-oversight: a government's 监督保障 lacks results.
pub fn government_oversight(lang: Lang, level: &str, missing_zh: &str, missing_en: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "{level}应在监督保障情况中报告工作考核、社会评议和责任追究结果（《政府信息公开条例》第五十条第（四）项），文中未见：{missing_zh}。"
        ),
        Lang::En => format!(
            "A {level} reports the results of assessment, public appraisal and accountability under supervision (Regulations Article 50(4)); the text does not mention: {missing_en}."
        ),
    }
}

/// fee-text: fees in the tables, nothing said in 六.
pub fn fee_text_unpaid(lang: Lang, place: &str, value: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "{place}为 {value}，说明发出过收费通知，但“收取政府信息公开信息处理费的情况”未填写；请写明收费通知和收费金额。"
        ),
        Lang::En => format!(
            "{place} holds {value}, so fee notices were sent, but the information processing fees text is empty; please state the notices and the amount."
        ),
    }
}

/// fee-text: 行政事业性收费 in 二, nothing said in 六.
pub fn fee_text_fees(lang: Lang, amount: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "二、行政事业性收费为 {amount} 万元，但“收取政府信息公开信息处理费的情况”未填写；请写明本年度是否收取信息处理费（两者不是同一项费用）。"
        ),
        Lang::En => format!(
            "Section II shows administrative fees of {amount} (10,000 yuan), but the information processing fees text is empty; please state whether processing fees were charged this year (they are not the same fee)."
        ),
    }
}

/// deadline: when the report must be published.
pub fn deadline(
    lang: Lang,
    level: &str,
    report_year: i32,
    y: i32,
    m: u32,
    d: u32,
    past: bool,
) -> String {
    match (lang, past) {
        (Lang::Zh, false) => format!(
            "按《政府信息公开条例》第四十九条，{level}应于 {y}年{m}月{d}日前公布 {report_year} 年度报告。"
        ),
        (Lang::Zh, true) => format!(
            "按《政府信息公开条例》第四十九条，{level}应于 {y}年{m}月{d}日前公布 {report_year} 年度报告；该日期已过，尚未公布的请尽快公布。"
        ),
        (Lang::En, false) => format!(
            "Under Article 49 of the Regulations, a {level} publishes the report for {report_year} by {y}-{m:02}-{d:02}."
        ),
        (Lang::En, true) => format!(
            "Under Article 49 of the Regulations, a {level} publishes the report for {report_year} by {y}-{m:02}-{d:02}; that date has passed: publish it now if it is not out yet."
        ),
    }
}

/// Why a warning cannot be marked as reviewed.
pub fn cannot_mark(lang: Lang, why: MarkRefusal) -> String {
    match (lang, why) {
        (Lang::Zh, MarkRefusal::NotAWarning) => "只有警告可以确认；错误必须改正。".to_string(),
        (Lang::En, MarkRefusal::NotAWarning) => {
            "Only warnings can be marked as reviewed; errors must be fixed.".to_string()
        }
        (Lang::Zh, MarkRefusal::NoRule) => "这条警告不能确认（它没有规则编号）。".to_string(),
        (Lang::En, MarkRefusal::NoRule) => {
            "This warning cannot be marked as reviewed (it has no rule id).".to_string()
        }
        (Lang::Zh, MarkRefusal::NoReason) => "请写一句确认的理由。".to_string(),
        (Lang::En, MarkRefusal::NoReason) => "Please give a short reason.".to_string(),
    }
}

/// Why [`cannot_mark`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkRefusal {
    NotAWarning,
    NoRule,
    NoReason,
}
