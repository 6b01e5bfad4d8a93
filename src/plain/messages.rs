//! Plain mode's sentences, whole in each language. (The saving policy's
//! are in [`crate::entry::saving`], the errors that stop it in
//! [`crate::error`], the refusals of a value in [`crate::values`] and
//! [`crate::entry::answer`].)

use crate::inert;
use crate::schema::Lang;
use std::path::Path;

pub fn opening(file: &Path, lang: Lang) -> String {
    let file = inert::path(file);
    match lang {
        Lang::Zh => format!("nianbao 纯文本模式： {file}"),
        Lang::En => format!("nianbao plain mode: {file}"),
    }
}

pub fn how_to_answer(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "逐项填写。直接回车保留方括号中的当前值；输入 - 清空；:n 跳到下一部分；:q 保存并退出。每答一项即保存。"
        }
        Lang::En => {
            "Answer each item. Enter keeps the value in brackets; - clears it; :n skips to the next part; :q saves and quits. Every answer is saved at once."
        }
    }
}

pub fn line_cut_by_terminal(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "这一行达到终端每行 4095 字节的上限，后面的文字已被终端丢弃，因此未采用这一行。请分成几行重新输入（每行不超过约 1300 个汉字）："
        }
        Lang::En => {
            "that line reached the terminal's limit of 4095 bytes per line, so its end was dropped by the terminal; it was not taken. Enter it again in several shorter lines:"
        }
    }
}

pub fn not_gb18030(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "输入的不是 GB18030（GBK）文字，未采用。请确认终端的字符编码与 LANG 一致（或用 --encoding 指定）后重新输入："
        }
        Lang::En => {
            "that was not GB18030 (GBK) text and was not taken. Make the terminal's character encoding match LANG (or give --encoding) and enter it again:"
        }
    }
}

pub fn not_utf8(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "输入的不是 UTF-8 文字（终端的字符编码可能是 GBK），未采用。请把终端（Xshell、PuTTY 等）的字符编码设为 UTF-8 后重新输入："
        }
        Lang::En => {
            "that was not UTF-8 text (is the terminal set to GBK?) and was not taken. Set the terminal's character encoding (Xshell, PuTTY…) to UTF-8 and enter it again:"
        }
    }
}

/// The prompt of a choice: its number, and the current choice.
pub fn choose_number(current: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("选择编号 [{current}]: "),
        Lang::En => format!("number [{current}]: "),
    }
}

pub fn current_text_begins(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "[当前内容]",
        Lang::En => "[current text]",
    }
}

pub fn current_text_ends(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "[当前内容结束]",
        Lang::En => "[end of current text]",
    }
}

/// How a multi-line text is entered: in full the first time, after that a
/// reminder (a screen reader reads every line aloud).
pub fn text_rule(again: bool, lang: Lang) -> &'static str {
    match (again, lang) {
        (true, Lang::Zh) => "（多行文字，以“.”结束）",
        (true, Lang::En) => "(lines of text, end with “.”)",
        (false, Lang::Zh) => {
            "（输入多行文字，以单独一行“.”结束；只输入“.”或直接回车保留原内容，“-”清空）"
        }
        (false, Lang::En) => {
            "(type lines of text, end with a line holding only “.”; “.” or Enter alone keeps the current text, “-” clears it)"
        }
    }
}

pub fn controls_removed(removed: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("删除了 {removed} 个控制字符"),
        Lang::En => format!("{removed} control character(s) removed"),
    }
}

/// The columns a row's answer gives, in order.
pub fn in_order(columns: &[&str], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("依次填写：{}", columns.join("、")),
        Lang::En => format!("in order: {}", columns.join(", ")),
    }
}

/// The computed totals of a row, joined.
pub fn totals(name: &str, values: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("= {name}: {}", values.join("，")),
        Lang::En => format!("= {name}: {}", values.join(", ")),
    }
}

/// One column's 勾稽 statement and whether it balances.
pub fn column_balance(column: &str, statement: &str, ok: bool, lang: Lang) -> String {
    match (ok, lang) {
        (true, Lang::Zh) => format!("{column}列: {statement} [相符]"),
        (false, Lang::Zh) => format!("{column}列: {statement} [不符]"),
        (true, Lang::En) => format!("{column} column: {statement} [balanced]"),
        (false, Lang::En) => format!("{column} column: {statement} [UNBALANCED]"),
    }
}

pub fn balance_summary(all_ok: bool, lang: Lang) -> &'static str {
    match (all_ok, lang) {
        (true, Lang::Zh) => "勾稽关系：各列均相符。",
        (true, Lang::En) => "Balance check: every column balances.",
        (false, Lang::Zh) => "勾稽关系：有列不符，请核对上面标为“不符”的列。",
        (false, Lang::En) => "Balance check: some columns do not balance (marked above).",
    }
}

pub fn review_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "核对",
        Lang::En => "Review",
    }
}

pub fn severity(error: bool, lang: Lang) -> &'static str {
    match (error, lang) {
        (true, Lang::Zh) => "错误",
        (false, Lang::Zh) => "警告",
        (true, Lang::En) => "error",
        (false, Lang::En) => "warning",
    }
}

pub fn tally(errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("共 {errors} 个错误，{warnings} 个警告。"),
        Lang::En => format!("In all {errors} error(s), {warnings} warning(s)."),
    }
}

pub fn saved(file: &Path, lang: Lang) -> String {
    let file = inert::path(file);
    match lang {
        Lang::Zh => format!("已保存： {file}"),
        Lang::En => format!("Saved: {file}"),
    }
}

/// A choice answered with no option's number or name.
pub fn enter_a_number(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("请输入编号 1–{count}（0 或 - 为不选）"),
        Lang::En => format!("enter a number 1–{count} (0 or - for none)"),
    }
}

pub fn numbers_expected(expected: usize, got: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("需要 {expected} 个数，实际输入了 {got}"),
        Lang::En => format!("expected {expected} numbers, got {got}"),
    }
}

/// A warning marked as reviewed, as plain mode lists it.
pub fn reviewed_warning(message: &str, reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已确认（理由：{reason}）: {message}"),
        Lang::En => format!("reviewed (reason: {reason}): {message}"),
    }
}

/// Under a warning that can be marked as reviewed: how.
pub fn how_to_mark(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "（核实无误的话，可在下一问输入“:ok 理由”确认这条警告，此后不再计数，例如 :ok 含代收申请12件）"
        }
        Lang::En => {
            "(if it is right as it is, answer the next prompt with “:ok reason” to mark this warning as reviewed; it is then no longer counted, e.g. :ok includes 12 forwarded requests)"
        }
    }
}

/// After `:ok`: the warning is marked.
pub fn marked(message: &str, reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "已确认这条警告（理由：{reason}），不再计数；所依据的数字或文字一改，它会重新出现：{message}"
        ),
        Lang::En => format!(
            "Marked as reviewed (reason: {reason}); it is no longer counted, and comes back if a value it depends on changes: {message}"
        ),
    }
}

/// `:ok` with no warning just shown.
pub fn nothing_to_mark(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "现在没有可以确认的警告：“:ok 理由”用在回答之后出现的警告上。请继续作答：",
        Lang::En => {
            "There is no warning to mark now: “:ok reason” is for a warning shown after an answer. Go on answering:"
        }
    }
}

/// At 主动公开情况 and 依申请公开情况: `:draft` is offered.
pub fn draft_offer(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（输入 :draft 可按表格数字草拟一句，数字与表格一致）",
        Lang::En => {
            "(answer :draft for a sentence drafted from the tables, its numbers as they are there)"
        }
    }
}

/// After `:draft`: the sentence, taken as the next line of the text.
pub fn drafted(sentence: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("已按表格草拟并作为一行加入：{sentence}\n（可继续输入，或以单独一行“.”结束）")
        }
        Lang::En => format!(
            "Drafted from the tables and added as a line: {sentence}\n(go on typing, or end with a line holding only “.”)"
        ),
    }
}

/// `:draft` where no sentence can be drafted.
pub fn not_draftable(proactive: &str, on_request: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "这一项不能按表格草拟：:draft 只用于一、总体情况中的“{proactive}”和“{on_request}”。请继续作答："
        ),
        Lang::En => format!(
            "Nothing can be drafted for this item: :draft is for “{proactive}” and “{on_request}” in section 一 only. Go on answering:"
        ),
    }
}

/// `:draft` while every table is still empty.
pub fn tables_empty(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "表格里还没有数字，无从草拟：请先填写二至四的表格（可用 :n 跳过这一部分，之后再回来）。请继续作答："
        }
        Lang::En => {
            "The tables hold no numbers yet, so there is nothing to draft from: fill in the tables of 二 to 四 first (:n skips this part for now). Go on answering:"
        }
    }
}
