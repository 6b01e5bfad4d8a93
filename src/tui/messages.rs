//! The wizard's own sentences (what is said on opening, on the way out and
//! after a crash), whole in each language. The saving policy's sentences
//! are in [`crate::entry::saving`], the errors that stop it in
//! [`crate::error`].

use crate::inert;
use crate::schema::Lang;
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
