//! What `nianbao edit --confine` says when it refuses, each sentence whole
//! in Chinese and in English. Each names what was asked and what to do.

use crate::schema::Lang;

/// The account this process runs as has no name.
pub fn no_account(lang: Lang) -> String {
    lang.pick(
        "无法确定当前账户的名称，不能打开报告。请联系管理员。",
        "cannot tell which account this is, so no report is opened. Please contact the administrator.",
    )
    .to_string()
}

/// The configuration file cannot be read.
pub fn config_unreadable(config: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法读取配置文件 {config}：{why}。请联系管理员。"),
        Lang::En => {
            format!(
                "cannot read the configuration file {config}: {why}. Please contact the administrator."
            )
        }
    }
}

/// The account is not in the configuration file.
pub fn not_configured(account: &str, config: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("账户 {account} 没有在 {config} 中登记报告文件夹，不能在此填报。请联系管理员。")
        }
        Lang::En => format!(
            "the account {account} has no report folder in {config}, so it cannot edit reports here. Please contact the administrator."
        ),
    }
}

/// The account's folder does not exist.
pub fn folder_missing(folder: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("本账户的报告文件夹 {folder} 不存在。请联系管理员。"),
        Lang::En => format!(
            "this account's report folder {folder} does not exist. Please contact the administrator."
        ),
    }
}

/// The client asked to run something other than the wizard.
pub fn command_refused(command: &str, lang: Lang) -> String {
    let command = crate::inert::line(command);
    match lang {
        Lang::Zh => format!(
            "此账户只能用填报向导编辑本部门的报告，不能运行“{command}”。请用 ssh -t 账户@服务器 登录，或用 ssh -t 账户@服务器 edit 文件名.toml 打开另一份报告。"
        ),
        Lang::En => format!(
            "this account can only edit its department's reports in the wizard; it cannot run \"{command}\". Log in with ssh -t ACCOUNT@SERVER, or open another report with ssh -t ACCOUNT@SERVER edit NAME.toml."
        ),
    }
}

/// The file asked for is not in the account's folder.
pub fn outside(folder: &str, file: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "此账户只能编辑文件夹 {folder} 中的报告；{file} 不在其中。请只写文件名，如 report.toml。"
        ),
        Lang::En => format!(
            "this account can only edit reports in the folder {folder}; {file} is not in it. Give just a file name, such as report.toml."
        ),
    }
}

/// The name asked for is not a report file's name.
pub fn not_a_report_name(file: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("{file} 不是报告文件名：报告文件名以 .toml 结尾、不以点开头，如 report.toml。")
        }
        Lang::En => format!(
            "{file} is not the name of a report file: a report's name ends in .toml and does not start with a dot, such as report.toml."
        ),
    }
}

/// The name asked for holds a character a report name may not have, or is
/// too long.
pub fn bad_report_name(file: &str, lang: Lang) -> String {
    let file = crate::inert::excerpt(file);
    match lang {
        Lang::Zh => format!(
            "“{file}”不能作为报告文件名：文件名只能由文字、数字和 - _ . 组成（不含空格和不可见字符），以 .toml 结尾，最多 100 个字符，如 report.toml 或 2024年报.toml。"
        ),
        Lang::En => format!(
            "\"{file}\" cannot be a report's file name: a name may hold only letters, digits and - _ . (no spaces, nothing invisible), ends in .toml and is at most 100 characters, such as report.toml or 2024-report.toml."
        ),
    }
}

/// A new report would pass the number of reports the folder may hold.
pub fn too_many_reports(folder: &str, file: &str, have: usize, max: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "文件夹 {folder} 已有 {have} 份报告，达到上限 {max} 份，不能新建 {file}。请打开已有的报告；如需更多，请联系汇总报告的办公室。"
        ),
        Lang::En => format!(
            "the folder {folder} holds {have} reports, the most it may hold ({max}), so {file} cannot be created. Open one of the reports there; to have more, ask the office that collects the reports."
        ),
    }
}

/// The folder holds more than it may.
pub fn folder_full(folder: &str, bytes: u64, max_mib: u64, lang: Lang) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    match lang {
        Lang::Zh => format!(
            "文件夹 {folder} 已占用 {mib:.1} MiB，超过上限 {max_mib} MiB，不能再打开报告。请联系汇总报告的办公室清理。"
        ),
        Lang::En => format!(
            "the folder {folder} holds {mib:.1} MiB, more than the {max_mib} MiB it may, so no report is opened. Ask the office that collects the reports to make room."
        ),
    }
}
