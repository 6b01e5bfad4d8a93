//! The sentences and headings of `compare`, whole in each language.

use crate::schema::Lang;

fn year(y: Option<i32>) -> String {
    y.map(|y| y.to_string()).unwrap_or_else(|| "?".into())
}

/// `某局 2023 → 2024 比对` / `某局: 2023 → 2024 compared`.
pub fn title(agency: &str, last: Option<i32>, this: Option<i32>, lang: Lang) -> String {
    let (last, this) = (year(last), year(this));
    let agency = if agency.is_empty() {
        lang.pick("（未填机关名称）", "(no agency name)")
    } else {
        agency
    };
    sentence!(
        lang,
        "{agency} {last} → {this} 年度报告比对",
        "{agency}: annual reports {last} → {this} compared"
    )
}

pub fn files(last: &str, this: &str, lang: Lang) -> String {
    sentence!(
        lang,
        "上年：{last}；本年：{this}",
        "Last year: {last}; this year: {this}"
    )
}

pub fn many_title(pairs: usize, lang: Lang) -> String {
    sentence!(
        lang,
        "{pairs} 个机关的年度报告比对",
        "Annual reports of {pairs} agencies compared"
    )
}

pub fn overview(lang: Lang) -> &'static str {
    lang.pick("总览", "Overview")
}

pub fn key_figures(lang: Lang) -> &'static str {
    lang.pick("一、主要数字", "1. Key figures")
}

pub fn changed_cells(lang: Lang) -> &'static str {
    lang.pick("二、表格中变化的数字", "2. Table cells that changed")
}

pub fn texts(lang: Lang) -> &'static str {
    lang.pick("三、文字", "3. Texts")
}

pub fn findings(lang: Lang) -> &'static str {
    lang.pick("四、跨年度核对", "4. Cross-year findings")
}

pub fn changed_count(changed: usize, unchanged: usize, lang: Lang) -> String {
    sentence!(
        lang,
        "{changed} 处变化，{unchanged} 处未变（不列出）。※ 为变化超过 5 倍。",
        "{changed} changed, {unchanged} unchanged (not listed). ※ marks a change of more than five times."
    )
}

pub fn nothing_changed(lang: Lang) -> &'static str {
    lang.pick(
        "表格中的数字与上年完全相同。",
        "Every table cell is as last year.",
    )
}

pub fn no_texts(lang: Lang) -> &'static str {
    lang.pick("两年的文字都为空。", "Both years' texts are empty.")
}

pub fn no_findings(lang: Lang) -> &'static str {
    lang.pick("没有跨年度的问题。", "No cross-year findings.")
}

/// The column headers of a figure table: item, last year, this year,
/// change, percent.
pub fn figure_header(last: Option<i32>, this: Option<i32>, lang: Lang) -> [String; 5] {
    let (last, this) = (year(last), year(this));
    [
        lang.pick("项目", "Item").to_string(),
        sentence!(lang, "上年（{last}）", "Last ({last})"),
        sentence!(lang, "本年（{this}）", "This ({this})"),
        lang.pick("增减", "Change").to_string(),
        lang.pick("变化率", "%").to_string(),
    ]
}

/// `占办结 54.3% → 61.2%`.
pub fn share(last: &str, this: &str, lang: Lang) -> String {
    sentence!(
        lang,
        "占办结 {last} → {this}",
        "share of handled {last} → {this}"
    )
}

/// A text field's summary line.
pub fn text_summary(
    kept: usize,
    kept_percent: &str,
    added: usize,
    removed: usize,
    similarity: Option<f64>,
    lang: Lang,
) -> String {
    let sim = match similarity {
        Some(s) => format!("{s:.2}"),
        None => lang.pick("—（文字太短）", "— (too short)").to_string(),
    };
    sentence!(
        lang,
        "相似度 {sim}；与往年雷同 {kept} 句（占 {kept_percent}），新增 {added} 句，删去 {removed} 句",
        "similarity {sim}; {kept} sentence(s) kept from last year ({kept_percent}), {added} added, {removed} removed"
    )
}

/// What follows a heading or label in the sentence: `：` or `: `.
pub fn colon(lang: Lang) -> &'static str {
    lang.pick("：", ": ")
}

/// A quoted sentence after its kind: `雷同：“…”`.
pub fn quoted(kind: &str, sentence: &str, lang: Lang) -> String {
    sentence!(lang, "{kind}：“{sentence}”", "{kind}: “{sentence}”")
}

pub fn kept(lang: Lang) -> &'static str {
    lang.pick("雷同", "kept")
}

pub fn added(lang: Lang) -> &'static str {
    lang.pick("新增", "added")
}

pub fn removed(lang: Lang) -> &'static str {
    lang.pick("删去", "removed")
}

pub fn severity(error: bool, lang: Lang) -> &'static str {
    match error {
        true => lang.pick("错误", "error"),
        false => lang.pick("警告", "warning"),
    }
}

/// The overview table's header.
pub fn overview_header(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Zh => [
            "机关",
            "上年新收",
            "本年新收",
            "变化",
            "文字雷同",
            "跨年度问题",
        ],
        Lang::En => [
            "Agency",
            "Applications last",
            "this",
            "change",
            "texts kept",
            "findings",
        ],
    }
}

pub fn no_partner_this(names: &str, lang: Lang) -> String {
    sentence!(
        lang,
        "只有上年报告、本年没有对应报告的机关：{names}",
        "agencies with last year's report and none this year: {names}"
    )
}

pub fn no_partner_last(names: &str, lang: Lang) -> String {
    sentence!(
        lang,
        "只有本年报告、上年没有对应报告的机关：{names}",
        "agencies with this year's report and none last year: {names}"
    )
}

/// `why` is the reading error's own line (`file: what`).
pub fn unreadable(why: &str, lang: Lang) -> String {
    sentence!(lang, "{why}（未比对）", "{why} (not compared)")
}

pub fn twice(name: &str, file: &str, lang: Lang) -> String {
    sentence!(
        lang,
        "{file}: 机关“{name}”在同一文件夹中已有报告，此文件未比对",
        "{file}: the folder has another report of “{name}”; this one was not compared"
    )
}

pub fn unknown_extension(path: &str, lang: Lang) -> String {
    sentence!(
        lang,
        "{path}: 不知道要写成什么格式；请用 .html、.docx、.md、.txt 或 .xlsx 作扩展名",
        "{path}: the format is not known; name it .html, .docx, .md, .txt or .xlsx"
    )
}

pub fn folder_and_file(lang: Lang) -> String {
    lang.pick(
        "要比对的两项必须都是文件（一对报告）或都是文件夹（多个机关）",
        "the two inputs must both be files (one pair of reports) or both folders (many agencies)",
    )
    .to_string()
}

pub fn no_pairs(lang: Lang) -> String {
    lang.pick(
        "两个文件夹中没有同一机关的报告，没有可比对的",
        "the two folders hold no reports of the same agency: nothing to compare",
    )
    .to_string()
}
