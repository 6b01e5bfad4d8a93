//! Command-line interface: the commands, their flags, and how the language
//! is chosen (`--lang`, else the locale, else Chinese). The terminal's
//! encoding (`--encoding`) is chosen in [`crate::wire`].

use crate::schema::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// 政府信息公开工作年度报告：填报、检查、生成、汇总。
/// Compile, check, publish and sum government information disclosure annual reports.
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about, long_about = None)]
pub struct Cli {
    /// 界面语言 / interface language (default: from the locale, else Chinese)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    /// 终端的字符编码（默认按 LC_ALL、LC_CTYPE、LANG；GBK 终端用 gb18030）/ the terminal's
    /// character encoding (default: from the locale; gb18030 for a GBK terminal)
    #[arg(long, global = true, value_enum, value_name = "ENCODING")]
    pub encoding: Option<crate::wire::Wire>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 填报向导（默认命令）/ the wizard (the default command)
    Edit {
        /// 报告文件 / report file (default: report.toml)
        file: Option<PathBuf>,
        /// 逐行问答的纯文本模式（读屏软件、串口）/ line-by-line prompts (screen readers, serial lines);
        /// automatic when TERM=dumb or the output is not a terminal
        #[arg(long)]
        plain: bool,
        /// 不用颜色（也可设环境变量 NO_COLOR）/ no colours (also NO_COLOR)
        #[arg(long)]
        no_color: bool,
        /// 用 ASCII 字符画边框 / ASCII borders, for terminals that draw box characters wide
        #[arg(long)]
        ascii: bool,
        /// 只编辑配置文件为本账户指定的文件夹中的报告（sshd ForceCommand 用，见 docs/DEPLOY.md）/
        /// edit only in the folder CONFIG gives this account (an sshd ForceCommand; see docs/DEPLOY.md)
        #[arg(long, value_name = "CONFIG")]
        confine: Option<PathBuf>,
    },
    /// 各报告的填报情况 / the state of many reports: exit 0 no errors, 1 errors, 2 none readable
    Status {
        /// 报告文件或文件夹（含子文件夹中的 *.toml）/ report files or folders (their *.toml, subfolders too)
        #[arg(required = true, value_name = "DIR|FILE")]
        paths: Vec<PathBuf>,
        /// 输出格式（json 见 docs/STATUS.md；xlsx：每个报告一行、每个表格单元格一列，需 -o）/
        /// output format (json: see docs/STATUS.md; xlsx: a row per report, a column per
        /// table cell, needs -o)
        #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
        format: StatusFormat,
        /// 输出文件（省略时输出到终端）/ output file (default: the terminal)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// 覆盖已有的输出文件 / replace an existing output file
        #[arg(long)]
        force: bool,
    },
    /// 检查报告 / validate reports: exit 0 clean, 1 errors, 2 unreadable
    Check {
        /// 报告文件 / report files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 上年报告，用于跨年度核对（默认取文件中的 meta.previous）/ last year's
        /// report, for the cross-year checks (default: the file's meta.previous)
        #[arg(long, value_name = "LAST.toml")]
        previous: Option<PathBuf>,
        /// 输出格式 / output format
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// 生成公开发布的年度报告 / render the published report: exit 0 written,
    /// 1 the report has errors (see --force), 2 bad input or output
    Render {
        /// 报告文件 / report file
        file: PathBuf,
        /// 格式（省略时按 -o 的扩展名）/ format (default: from the -o extension)
        #[arg(long, value_enum)]
        format: Option<RenderFormat>,
        /// 输出文件（省略时输出到终端；DOCX 必须指定）/ output file (default: stdout; required for DOCX)
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// 报告有错误时照样生成 / render even when the report has errors
        #[arg(long)]
        force: bool,
        /// 在 HTML 中加入申请办理情况图解（SVG）/ add an SVG chart of how applications were handled (HTML)
        #[arg(long)]
        chart: bool,
    },
    /// 以上年报告为起点新建本年报告 / start next year's report from last year's
    New {
        /// 上年报告 / last year's report
        #[arg(long, value_name = "LAST.toml")]
        from: PathBuf,
        /// 新报告文件（不得已存在）/ the new report file (must not exist)
        #[arg(value_name = "OUT.toml")]
        out: PathBuf,
    },
    /// 汇总多个机关的报告 / sum many agencies' reports into one
    Merge {
        /// 要汇总的报告 / the reports to sum
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// 汇总报告文件 / the summed report
        #[arg(short, long, value_name = "OUT.toml")]
        output: PathBuf,
        /// 汇总机关名称 / the supervising agency's name
        #[arg(long, value_name = "NAME")]
        agency: String,
        /// 报告年度（默认：各文件共同的年度）/ report year (default: the files' common year)
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        /// 跳过有错误或年度不同的文件 / leave out files with errors or another year
        #[arg(long)]
        skip_invalid: bool,
        /// 覆盖已有的输出文件 / replace an existing output file
        #[arg(long)]
        force: bool,
    },
    /// 本年报告与上年报告比对 / compare this year's report with last year's: exit 0
    /// compared, 1 compared with something to check, 2 nothing compared
    Compare {
        /// 上年报告（报告文件或已发布的报告），或多个机关的文件夹 / last year's report (a
        /// report file or a published one), or a folder of many agencies'
        #[arg(value_name = "LAST")]
        last: PathBuf,
        /// 本年报告，或文件夹 / this year's report, or a folder
        #[arg(value_name = "THIS")]
        this: PathBuf,
        /// 输出文件，格式按扩展名：.html .docx .md .txt .xlsx（省略时输出到终端）/ output
        /// file, its format by extension (default: text to the terminal)
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// 覆盖已有的输出文件 / replace an existing output file
        #[arg(long)]
        force: bool,
    },
    /// 把已发布的报告（网页、文本、DOCX、PDF 等）读回为报告文件 / read published reports
    /// (web page, text, DOCX, PDF …) back: exit 0 clean, 1 something to check, 2 nothing written
    Import {
        /// 已发布的报告（按内容识别格式）/ the published reports (the format is told by content)
        #[arg(required = true, value_name = "PUBLISHED")]
        inputs: Vec<PathBuf>,
        /// 报告文件；导入多个文件时为文件夹（按机关和年度命名）/ the report file to write; a
        /// folder for several files (each named by agency and year)
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// 覆盖已有的输出文件 / replace existing output files
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Html,
    Docx,
    Md,
    Txt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Text,
    Json,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

impl Cli {
    /// The language: `--lang`, else an English locale gives English, else Chinese.
    pub fn language(&self) -> Lang {
        match self.lang {
            Some(LangArg::Zh) => Lang::Zh,
            Some(LangArg::En) => Lang::En,
            None => locale_language(|k| std::env::var(k).ok()),
        }
    }
}

/// Chinese unless the first set locale variable names English.
pub fn locale_language(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()));
    match locale {
        Some(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(locale_language(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(locale_language(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            locale_language(env(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")])),
            Lang::Zh
        );
        assert_eq!(locale_language(env(&[])), Lang::Zh);
    }
}
