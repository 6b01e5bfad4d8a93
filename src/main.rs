//! The `nianbao` binary: parse the command line, run the command, exit with
//! its code. Each command lives in the library; this file only dispatches.

use clap::Parser;
use nianbao::check;
use nianbao::cli::{CheckFormat, Cli, Command};
use nianbao::validate::Context;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.language();
    let code = match cli.command {
        Some(Command::Check {
            files,
            previous,
            format,
        }) => {
            let cx = Context::now(lang);
            let reports: Vec<_> = files
                .iter()
                .map(|f| check::check_file(f, previous.as_deref(), cx))
                .collect();
            let out = match format {
                CheckFormat::Text => check::format_human(&reports, lang),
                CheckFormat::Json => check::format_json(&reports),
            };
            let _ = std::io::stdout().write_all(out.as_bytes());
            check::exit_code(&reports)
        }
        Some(Command::Edit {
            file,
            no_color,
            ascii,
        }) => nianbao::tui::run(nianbao::tui::Options {
            file: file.unwrap_or_else(|| "report.toml".into()),
            lang,
            no_color,
            ascii,
        }),
        None => nianbao::tui::run(nianbao::tui::Options {
            file: "report.toml".into(),
            lang,
            no_color: false,
            ascii: false,
        }),
    };
    ExitCode::from(code as u8)
}
