//! What can stop a command, as data. Every command returns [`Outcome`]: the
//! exit code when it ran to its end (0 clean; 1 problems found, nothing
//! lost; a signal's 128+N for the wizard), or an [`Error`]. `main` prints
//! the error once, in the user's language, and exits with its code; tests
//! match the variants, not the words.

use crate::check::problem_line;
use crate::inert;
use crate::problem::Problem;
use crate::schema::Lang;
use crate::store::{self, ReadFailure};
use std::io;
use std::path::{Path, PathBuf};

/// A command's result: its exit code, or what stopped it.
pub type Outcome = Result<u8, Error>;

/// Why a command stopped before doing its work.
#[derive(Debug)]
pub enum Error {
    /// The wizard was started without a terminal on both ends.
    NeedsTerminal,
    /// A report could not be read: not there, not text, not TOML, not a
    /// report of a known format version.
    Read(ReadFailure),
    /// A report whose use would lose what it says (a syntax error, an
    /// unknown key …): its blocking problems, and what was refused.
    NotUsable {
        file: PathBuf,
        problems: Vec<Problem>,
        refused: Refused,
    },
    /// Last year's report has no year: next year's is unknown.
    NoYear { file: PathBuf },
    /// The file is open in another nianbao (`pid@host` of the holder).
    Locked {
        file: PathBuf,
        holder: String,
        /// The exit code for this front end (plain mode: 1, the wizard: 2).
        code: u8,
    },
    /// The report's folder cannot be written, so nothing could be saved.
    FolderNotWritable { folder: PathBuf },
    /// An output that exists is not replaced (`--force` replaces it, where
    /// the command has one).
    Exists { path: PathBuf, force: bool },
    /// The published report would be written over a `.toml` report file.
    OverReport { path: PathBuf },
    /// A file could not be written.
    Write { path: PathBuf, source: io::Error },
    /// Standard output could not be written.
    Output(io::Error),
    /// `render` was not told which format to write.
    NoFormat,
    /// A DOCX cannot go to the terminal.
    DocxToTerminal,
    /// `import` of many files was given an existing file as its folder.
    NotAFolder { path: PathBuf },
    /// `import` refused a document (the 2019 trial format …): why.
    ImportRefused { file: PathBuf, why: String },
    /// The terminal failed while the wizard ran.
    Terminal(io::Error),
    /// `edit --confine` refused the request: the sentence that says why
    /// (from `confine`'s messages, already in the user's language).
    Confined(String),
    /// A command was given inputs or an output it cannot use together
    /// (`compare` of a folder and a file): the sentence that says why,
    /// already in the user's language.
    Usage(String),
}

impl Error {
    /// A report that could not be read, refused for `refused`: said as a
    /// refusal that leaves the file untouched.
    pub fn not_opened(failure: ReadFailure, refused: Refused) -> Error {
        Error::NotUsable {
            file: failure.file,
            problems: vec![failure.problem.blocking()],
            refused,
        }
    }
}

/// What a [`Error::NotUsable`] report was refused for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Opening it for editing.
    Edit,
    /// Starting next year's report from it.
    NewYear,
}

impl Error {
    /// The process's exit code for this error: 2 for input or output that
    /// could not be used, 1 where the input was read but must be fixed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Locked { code, .. } => *code,
            Error::NotUsable {
                refused: Refused::NewYear,
                ..
            }
            | Error::NoYear { .. }
            | Error::Terminal(_) => 1,
            _ => 2,
        }
    }

    /// What to print: whole sentences in the user's language, control
    /// characters made inert; several lines where problems are listed.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Error::NeedsTerminal if zh => {
                "nianbao edit 需要在终端中运行（标准输入和输出都必须是终端）".into()
            }
            Error::NeedsTerminal => {
                "nianbao edit needs a terminal (standard input and output must be a terminal)"
                    .into()
            }
            Error::Read(failure) => problem_line(&failure.file, &failure.problem, lang),
            Error::NotUsable {
                file,
                problems,
                refused,
            } => {
                let mut lines: Vec<String> = problems
                    .iter()
                    .filter(|p| p.blocking)
                    .map(|p| problem_line(file, p, lang))
                    .collect();
                lines.push(
                    match (refused, zh) {
                        (Refused::Edit, true) => "文件未打开，也没有被修改：请先按上面的提示改正。",
                        (Refused::Edit, false) => {
                            "The file was not opened and is unchanged: fix the above first."
                        }
                        (Refused::NewYear, true) => {
                            "上年报告有无法读取的内容，请先改正（nianbao check 可列出问题）"
                        }
                        (Refused::NewYear, false) => {
                            "last year's report has content that cannot be read; fix it first (nianbao check lists it)"
                        }
                    }
                    .into(),
                );
                lines.join("\n")
            }
            Error::NoYear { file } => {
                let file = inert::path(file);
                if zh {
                    format!("{file}: 上年报告没有填写报告年度，无法推算本年度")
                } else {
                    format!("{file}: last year's report has no year, so the new year is unknown")
                }
            }
            Error::Locked { file, holder, .. } => {
                let (file, holder) = (inert::path(file), inert::line(holder));
                if zh {
                    format!(
                        "{file}: 正由另一个 nianbao 编辑（{holder}）。请先在那里退出（Ctrl+Q），以免两人互相覆盖。"
                    )
                } else {
                    format!(
                        "{file}: is open in another nianbao ({holder}). Quit there first (Ctrl+Q) so that nobody overwrites the other."
                    )
                }
            }
            Error::FolderNotWritable { folder } => {
                let folder = inert::path(folder);
                if zh {
                    format!(
                        "文件夹 {folder} 不可写入，无法在此保存。请把报告复制到可写的文件夹（如 cp 报告.toml ~/）后在那里填报"
                    )
                } else {
                    format!(
                        "the folder {folder} is not writable, so nothing could be saved there. Copy the report to a folder you can write (e.g. cp report.toml ~/) and edit it there"
                    )
                }
            }
            Error::Exists { path, force } => {
                let path = inert::path(path);
                match (force, zh) {
                    (true, true) => format!("{path}: 文件已存在；要替换它请加 --force"),
                    (true, false) => {
                        format!("{path}: already exists; add --force to replace it")
                    }
                    (false, true) => {
                        format!("{path}: 文件已存在；为免覆盖，请换一个文件名或先移走它")
                    }
                    (false, false) => format!(
                        "{path}: already exists; choose another name or move it away first"
                    ),
                }
            }
            Error::OverReport { path } => {
                let path = inert::path(path);
                if zh {
                    format!(
                        "{path}: 不能把生成的报告写到 .toml 报告文件上（会覆盖填报数据）；请换一个输出文件名"
                    )
                } else {
                    format!(
                        "{path}: will not write the rendered report over a .toml report file (it would destroy the data); choose another output name"
                    )
                }
            }
            Error::Write { path, source } => {
                let why = write_failure(source, lang);
                format!("{}: {why}", inert::path(path))
            }
            Error::Output(e) => {
                let e = inert::line(&e.to_string());
                if zh {
                    format!("无法输出：{e}")
                } else {
                    format!("cannot write: {e}")
                }
            }
            Error::NoFormat if zh => {
                "请用 --format html|docx|md|txt 指定格式（或用带扩展名的 -o 文件）".into()
            }
            Error::NoFormat => {
                "choose a format with --format html|docx|md|txt (or an -o file with that extension)"
                    .into()
            }
            Error::DocxToTerminal if zh => {
                "DOCX 是二进制文件，不能输出到终端：请用 -o 指定文件，如 -o 年度报告.docx".into()
            }
            Error::DocxToTerminal => {
                "DOCX is a binary file and cannot go to the terminal: name a file with -o, e.g. -o report.docx".into()
            }
            Error::NotAFolder { path } => {
                let path = inert::path(path);
                if zh {
                    format!(
                        "导入多个文件时，-o 应是一个文件夹（如 -o 导入结果/），而 {path} 是一个已有的文件。"
                    )
                } else {
                    format!(
                        "when importing several files, -o must be a folder (such as -o imported/), but {path} is an existing file."
                    )
                }
            }
            Error::ImportRefused { file, why } => {
                format!("{}: {}", inert::path(file), inert::line(why))
            }
            Error::Confined(why) => inert::line(why),
            Error::Usage(why) => inert::line(why),
            Error::Terminal(e) => {
                let e = inert::line(&e.to_string());
                if zh {
                    format!("终端出错：{e}")
                } else {
                    format!("terminal error: {e}")
                }
            }
        }
    }
}

/// Why a file could not be written, in words: read-only, a missing folder,
/// no permission, a full disk, or the system's own reason.
fn write_failure(e: &io::Error, lang: Lang) -> String {
    if e.kind() == io::ErrorKind::AlreadyExists {
        return match lang {
            Lang::Zh => "文件已存在；为免覆盖，请换一个文件名或先移走它".into(),
            Lang::En => "already exists; choose another name or move it away first".into(),
        };
    }
    if e.kind() == io::ErrorKind::NotFound {
        return match lang {
            Lang::Zh => "输出文件夹不存在".into(),
            Lang::En => "the output folder does not exist".into(),
        };
    }
    store::save_failure(e, lang)
}

/// The folder a report is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
