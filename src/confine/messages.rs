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
