//! nianbao: compile, check and publish the 政府信息公开工作年度报告.
//!
//! Module map:
//! - [`schema`]: the one description of the report format; everything walks it.
//! - [`model`]: the values of one report; totals derived from inputs.
//! - [`values`]: one count or 万元 amount parsed, and why it was refused.
//! - [`inert`]: text made safe for a terminal (control characters replaced).
//! - [`width`]: display widths of mixed Chinese and ASCII text (terminal cells).
//! - [`error`]: what can stop a command; `main` prints it and exits with its code.
//! - [`toml_read`], [`toml_write`]: the TOML file format, both ways.
//! - [`store`]: files on disk: reading with clear errors, atomic save, the edit lock.
//! - [`validate`]: the format's rules → [`problem::Problem`]s.
//! - [`review`]: the review rules (texts against tables, last year, units,
//!   required statements), reviewed warnings, drafts and the deadline.
//! - [`check`]: the `check` command's output and exit code.
//! - [`entry`]: what both front ends of `edit` share: reading order, answers,
//!   pasted blocks, the saving policy.
//! - [`plain`]: the line-by-line plain mode of the wizard.
//! - [`newyear`]: the `new` command: next year's report from last year's.
//! - [`merge`]: the `merge` command: sum many agencies' reports (汇总).
//! - [`import`]: the `import` command: a published report (text or HTML) back into a report.
//! - [`cli`]: command-line parsing and language selection.
//! - [`render`]: the published report (HTML, DOCX, Markdown, text) from a document tree.
//! - [`tui`]: `nianbao edit`, the terminal wizard.
//! - [`status`]: the `status` command: the office's view of many reports.
//! - [`compare`]: the `compare` command: this year against last year (比对).
//! - [`spreadsheet`]: the office's xlsx: one row per report, every cell a column.
//! - [`confine`]: `nianbao edit --confine`: the wizard as an sshd forced command.
//! - [`account`]: account names (who runs this, whose a file is).
//! - [`wire`]: the terminal's character encoding (UTF-8 or GB18030), both ways.

/// One sentence, written whole in each language: `sentence!(lang, "现在 {w}x{h}",
/// "now {w}x{h}")` formats the Chinese or the English text (inline arguments
/// only, so both sides name the same values).
macro_rules! sentence {
    ($lang:expr, $zh:literal, $en:literal $(,)?) => {
        match $lang {
            $crate::schema::Lang::Zh => format!($zh),
            $crate::schema::Lang::En => format!($en),
        }
    };
}

pub mod account;
pub mod check;
pub mod cli;
pub mod compare;
pub mod confine;
#[cfg(test)]
mod doc_links;
pub mod entry;
pub mod error;
pub mod import;
pub mod inert;
pub mod merge;
pub mod model;
pub mod newyear;
pub mod plain;
pub mod problem;
pub mod render;
pub mod review;
pub mod schema;
pub mod spreadsheet;
pub mod status;
pub mod store;
pub mod toml_read;
pub mod toml_write;
pub mod tui;
pub mod validate;
pub mod values;
pub mod width;
pub mod wire;
