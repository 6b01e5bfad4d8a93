//! The wizard's own sentences (what is said on opening, on the way out and
//! after a crash; about a choice's numbers; after a paste into a table),
//! whole in each language. The saving policy's sentences
//! are in [`crate::entry::saving`], the errors that stop it in
//! [`crate::error`].

use crate::inert;
use crate::schema::{CellId, Lang};
use crate::validate;
use rust_decimal::Decimal;
use std::path::Path;

pub fn locale_not_utf8(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "能正确看到这行中文吗？字符集不是 UTF-8：若是乱码，请把终端编码和 LANG 设为 UTF-8"
        }
        Lang::En => {
            "能正确看到这行中文吗？ The locale is not UTF-8: set the terminal and LANG to UTF-8"
        }
    }
}

/// The first problem found on opening, and how many more there are.
pub fn found_on_opening(first: &str, more: usize, lang: Lang) -> String {
    match (lang, more) {
        (Lang::Zh, 0) => format!("打开时发现：{first}"),
        (Lang::Zh, n) => format!("打开时发现：{first}（另有 {n} 个）"),
        (Lang::En, 0) => format!("found on opening: {first}"),
        (Lang::En, n) => format!("found on opening: {first} (and {n} more)"),
    }
}

pub fn previous_unreadable(why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法读取上年报告，跨年度核对未做：{why}"),
        Lang::En => format!("cannot read last year's report, no cross-year checks: {why}"),
    }
}

/// The last word of a wizard that saved where it should.
pub fn saved(file: &Path, errors: usize, warnings: usize, lang: Lang) -> String {
    let file = inert::path(file);
    match lang {
        Lang::Zh => format!("已保存 {file}（错误 {errors} 个，警告 {warnings} 个）"),
        Lang::En => format!("saved {file} ({errors} error(s), {warnings} warning(s))"),
    }
}

pub fn crashed_and_saved(file: &Path, lang: Lang) -> String {
    let file = inert::path(file);
    match lang {
        Lang::Zh => format!("出错退出；报告已保存到 {file}"),
        Lang::En => format!("crashed; the report was saved to {file}"),
    }
}

/// A digit on a choice that no option is listed under.
pub fn no_such_option(number: usize, count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("没有编号为 {number} 的选项：请按 1-{count} 选择，0 为未选"),
        Lang::En => format!("no option is numbered {number}: press 1-{count}, or 0 for none"),
    }
}

/// The line over a focused choice's numbered options.
pub fn choose_by_number(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "按编号选择，Left/Right 逐个切换：",
        Lang::En => "Press a number to choose, Left/Right to step through:",
    }
}

/// What became of the values of a block pasted into a table.
#[derive(Debug, Default)]
pub struct PasteReport {
    /// Values put into input cells (changed or not).
    pub placed: usize,
    /// Of those, `/` or `-` taken as 0.
    pub dashes: usize,
    /// Values refused, each named by [`where_in_paste`].
    pub rejected: Vec<String>,
    /// Values beyond the table's last row or column.
    pub outside: usize,
    /// Values that landed on a computed total.
    pub totals: Vec<TotalCheck>,
}

/// A pasted value that landed on a computed total, and the total.
#[derive(Debug, Clone, Copy)]
pub struct TotalCheck {
    pub cell: CellId,
    pub pasted: Decimal,
    pub computed: Decimal,
}

/// At most this many disagreeing totals are named in the status line.
const NAMED_TOTALS: usize = 3;

/// `第2行第3列：…` (the message names the value).
pub fn where_in_paste(line: usize, column: usize, what: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{}行第{}列：{what}", line + 1, column + 1),
        Lang::En => format!("row {} column {}: {what}", line + 1, column + 1),
    }
}

/// The status line after a paste into a table: what was pasted, refused,
/// left outside, and how the values on totals compare with the totals.
/// Each clause is one sentence in each language; they are joined with
/// the language's semicolon.
pub fn pasted_into_table(r: &PasteReport, lang: Lang) -> String {
    let (placed, dashes) = (r.placed, r.dashes);
    let mut clauses = vec![if dashes == 0 {
        sentence!(lang, "已粘贴 {placed} 个值", "pasted {placed} value(s)")
    } else {
        sentence!(
            lang,
            "已粘贴 {placed} 个值，其中 {dashes} 个“/”或“-”按 0 填入",
            "pasted {placed} value(s), {dashes} \"/\" or \"-\" among them taken as 0"
        )
    }];
    if !r.rejected.is_empty() {
        let (n, zh, en) = (
            r.rejected.len(),
            r.rejected.join("；"),
            r.rejected.join("; "),
        );
        clauses.push(sentence!(
            lang,
            "未粘贴 {n} 个：{zh}",
            "{n} not pasted: {en}"
        ));
    }
    if r.outside > 0 {
        let n = r.outside;
        clauses.push(sentence!(
            lang,
            "{n} 个值超出表格范围，未粘贴",
            "{n} value(s) fell outside the table and were not pasted"
        ));
    }
    if !r.totals.is_empty() {
        clauses.push(totals_clause(&r.totals, lang));
    }
    clauses.join(sentence!(lang, "；", "; ").as_str())
}

/// How the values pasted on totals compare with the computed totals.
fn totals_clause(totals: &[TotalCheck], lang: Lang) -> String {
    let place = total_places(totals, lang);
    let off: Vec<&TotalCheck> = totals.iter().filter(|t| t.pasted != t.computed).collect();
    let named: Vec<String> = off
        .iter()
        .take(NAMED_TOTALS)
        .map(|t| {
            let (name, pasted, computed) = (total_name(t.cell, lang), t.pasted, t.computed);
            sentence!(
                lang,
                "{name} 原表 {pasted}，算出 {computed}",
                "{name}: {pasted} pasted, {computed} computed"
            )
        })
        .collect();
    let rest = off.len().saturating_sub(NAMED_TOTALS);
    let (named_zh, named_en) = (named.join("；"), named.join("; "));
    let (more_zh, more_en) = match rest {
        0 => ("", String::new()),
        rest => ("等", format!("; and {rest} more")),
    };
    let (all, n) = (totals.len(), off.len());
    match (totals, n) {
        ([t], 0) => {
            let pasted = t.pasted;
            sentence!(
                lang,
                "{place}的值 {pasted} 与程序算出的总计相符（总计自动计算，不粘贴）",
                "{place}'s {pasted} matches the computed total (totals are computed, not pasted)"
            )
        }
        ([t], _) => {
            let (pasted, computed) = (t.pasted, t.computed);
            sentence!(
                lang,
                "{place}的值 {pasted} 与程序算出的总计 {computed} 不符：原表格的总计与其各项之和不一致，请核对（总计自动计算，不粘贴）",
                "{place}'s {pasted} is not the computed total {computed}: the spreadsheet's total disagrees with its parts (totals are computed, not pasted)"
            )
        }
        (_, 0) => sentence!(
            lang,
            "落在{place}的 {all} 个值都与程序算出的总计相符（总计自动计算，不粘贴）",
            "all {all} values on {place} match the computed totals (totals are computed, not pasted)"
        ),
        _ => sentence!(
            lang,
            "落在{place}的 {all} 个值中有 {n} 个与程序算出的总计不符（{named_zh}{more_zh}）：原表格的总计与其各项之和不一致，请核对（总计自动计算，不粘贴）",
            "{n} of the {all} values on {place} are not the computed totals ({named_en}{more_en}): the spreadsheet's totals disagree with their parts (totals are computed, not pasted)"
        ),
    }
}

/// Where values on totals landed: `“总计”列`, `“（七）总计”行`, both
/// (`the Total column`, `the (7) Total row`). A value where the two cross
/// is on the row.
fn total_places(totals: &[TotalCheck], lang: Lang) -> String {
    let mut columns: Vec<&str> = Vec::new();
    let mut rows: Vec<&str> = Vec::new();
    for t in totals {
        let (list, label) = if t.cell.row_def().sum_of.is_empty() {
            (&mut columns, t.cell.column_def().label.get(lang))
        } else {
            (&mut rows, t.cell.row_def().label.get(lang))
        };
        if !list.contains(&label) {
            list.push(label);
        }
    }
    let named: Vec<String> = match lang {
        Lang::Zh => columns
            .iter()
            .map(|c| format!("“{c}”列"))
            .chain(rows.iter().map(|r| format!("“{r}”行")))
            .collect(),
        Lang::En => columns
            .iter()
            .map(|c| format!("the {c} column"))
            .chain(rows.iter().map(|r| format!("the {r} row")))
            .collect(),
    };
    named.join(lang.pick("和", " and "))
}

/// A total named in a list: its row on the 总计 column (`一`, `（一）予以公开`),
/// its column on the （七）总计 row (`自然人`).
fn total_name(cell: CellId, lang: Lang) -> &'static str {
    if cell.row_def().sum_of.is_empty() {
        validate::short_row_name(cell.row_def().label.get(lang))
    } else {
        cell.column_def().label.get(lang)
    }
}

/// The heading of 核对's list: the counts (reviewed warnings apart).
pub fn review_head(errors: usize, warnings: usize, reviewed: usize, lang: Lang) -> String {
    match (lang, reviewed) {
        (Lang::Zh, 0) => format!("错误 {errors} 个，警告 {warnings} 个（Enter 转到所在处）："),
        (Lang::En, 0) => format!("{errors} error(s), {warnings} warning(s) (Enter goes there):"),
        (Lang::Zh, r) => {
            format!("错误 {errors} 个，警告 {warnings} 个，已确认 {r} 个（Enter 转到所在处）：")
        }
        (Lang::En, r) => {
            format!("{errors} error(s), {warnings} warning(s), {r} reviewed (Enter goes there):")
        }
    }
}

/// 核对's heading when nothing is listed.
pub fn no_problems(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "没有发现问题。",
        Lang::En => "No problems found.",
    }
}

/// A warning marked as reviewed, tagged with the user's reason, as 核对
/// (`text`: place and message) and the field (`text`: the message) show it.
pub fn reviewed_warning(text: &str, reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("[已确认，理由：{reason}] {text}"),
        Lang::En => format!("[reviewed: {reason}] {text}"),
    }
}

/// F3 where there is no warning to mark.
pub fn nothing_to_mark(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "这里没有可以确认的警告：请在核对中选中一条警告，或转到有警告的栏，再按 F3。",
        Lang::En => {
            "There is no warning here to mark as reviewed: select one on Review, or go to a field with one, then press F3."
        }
    }
}

/// The reason prompt's title.
pub fn reason_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "确认警告无误（Enter 确认，Esc 取消）",
        Lang::En => "Mark as reviewed (Enter confirms, Esc cancels)",
    }
}

/// The label before the reason being typed.
pub fn reason_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "理由：",
        Lang::En => "Reason: ",
    }
}

/// After a warning was marked as reviewed.
pub fn marked(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "已确认这条警告，它不再计入警告数；所依据的数字或文字一改，它会重新出现。再按 F3 可取消确认。"
        }
        Lang::En => {
            "Marked as reviewed: the warning is no longer counted, and comes back if a value it depends on changes. Press F3 again to unmark it."
        }
    }
}

/// After a mark was taken back.
pub fn unmarked(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "已取消确认，这条警告重新计入警告数。",
        Lang::En => "No longer marked as reviewed: the warning counts again.",
    }
}

/// F4 on a field no sentence can be drafted for.
pub fn not_draftable(proactive: &str, on_request: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "这里不能按表格草拟：草拟只用于一、总体情况中的“{proactive}”和“{on_request}”两栏，请转到那里再按 F4。"
        ),
        Lang::En => format!(
            "Nothing can be drafted here: drafts are for “{proactive}” and “{on_request}” in section 一 only; go there and press F4."
        ),
    }
}

/// F4 while every table is still empty.
pub fn tables_empty(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "表格里还没有数字，无从草拟：请先填写二至四的表格，再按 F4。",
        Lang::En => {
            "The tables hold no numbers yet, so there is nothing to draft from: fill in the tables of 二 to 四 first, then press F4."
        }
    }
}

/// After a draft was inserted.
pub fn drafted(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "已按表格数字草拟一句插入光标处；请通读后按需修改（Ctrl+Z 撤销）。",
        Lang::En => {
            "A sentence drafted from the tables was inserted at the caret; read it through and adjust it (Ctrl+Z undoes it)."
        }
    }
}
