//! Every word `nianbao status` prints, each sentence or cell whole in
//! Chinese and in English.

use super::{Counts, State};
use crate::schema::Lang;

/// The column headings of the table, in order.
pub fn headings(lang: Lang) -> [&'static str; 11] {
    match lang {
        Lang::Zh => [
            "情况",
            "文件",
            "机关",
            "年度",
            "层级",
            "必填文字",
            "表格",
            "错误",
            "警告",
            "最后保存",
            "正在编辑",
        ],
        Lang::En => [
            "state",
            "file",
            "agency",
            "year",
            "level",
            "texts",
            "tables",
            "errors",
            "warnings",
            "last saved",
            "open now",
        ],
    }
}

/// The word for a report's state.
pub fn state(state: State, lang: Lang) -> &'static str {
    match (state, lang) {
        (State::Unreadable, Lang::Zh) => "无法读取",
        (State::Errors, Lang::Zh) => "有错误",
        (State::Incomplete, Lang::Zh) => "未完成",
        (State::Warnings, Lang::Zh) => "有警告",
        (State::Complete, Lang::Zh) => "已完成",
        (State::Unreadable, Lang::En) => "unreadable",
        (State::Errors, Lang::En) => "errors",
        (State::Incomplete, Lang::En) => "incomplete",
        (State::Warnings, Lang::En) => "warnings",
        (State::Complete, Lang::En) => "complete",
    }
}

/// The "open now" cell of a report open in a wizard.
pub fn open_by(user: &str, holder: &str, since: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{user}（{holder}，{since} 起）"),
        Lang::En => format!("{user} ({holder}, since {since})"),
    }
}

/// The "open now" cell of a lock file whose wizard is gone.
pub fn stale_lock(user: &str, holder: &str, since: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{user} 的锁已失效（{holder}，{since}）"),
        Lang::En => format!("{user}'s lock is stale ({holder}, {since})"),
    }
}

/// The "open now" cell when the lock file cannot be read.
pub fn lock_unreadable(why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("不详（锁文件：{why}）"),
        Lang::En => format!("unknown (the lock file: {why})"),
    }
}

/// Stands for an account or a time the lock file does not give.
pub fn unknown(lang: Lang) -> &'static str {
    lang.pick("不详", "unknown")
}

/// The line under the table that counts the reports by state.
pub fn summary(c: &Counts, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "共 {} 份报告：已完成 {} 份，有警告 {} 份，未完成 {} 份，有错误 {} 份，无法读取 {} 份；正在编辑 {} 份。",
            c.reports, c.complete, c.warnings, c.incomplete, c.errors, c.unreadable, c.open
        ),
        Lang::En => format!(
            "{} reports: {} complete, {} with warnings, {} incomplete, {} with errors, {} unreadable; {} open in a wizard now.",
            c.reports, c.complete, c.warnings, c.incomplete, c.errors, c.unreadable, c.open
        ),
    }
}

/// Why a file could not be read, under the table.
pub fn unreadable_line(place: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法读取 {place}：{why}"),
        Lang::En => format!("cannot read {place}: {why}"),
    }
}

/// Where to read what the errors are.
pub fn errors_hint(lang: Lang) -> &'static str {
    lang.pick(
        "错误和警告的详情请用 nianbao check 文件 查看。",
        "For what the errors and warnings are, run nianbao check FILE.",
    )
}

/// A folder that could not be searched for reports.
pub fn folder_unreadable(folder: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法查看文件夹 {folder} 中的文件：{why}。其中的报告没有列出。"),
        Lang::En => format!(
            "cannot list the files in the folder {folder}: {why}. Its reports are not shown."
        ),
    }
}

/// A folder with no report file in it.
pub fn folder_empty(folder: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("文件夹 {folder} 中没有报告文件（*.toml）。"),
        Lang::En => format!("the folder {folder} holds no report file (*.toml)."),
    }
}

/// Nothing was given that holds a report.
pub fn nothing_read(lang: Lang) -> &'static str {
    lang.pick("没有读到任何报告。", "no report could be read.")
}
