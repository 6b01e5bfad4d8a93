//! The `nianbao` binary: parse the command line, run the command, exit with
//! its code. Each command lives in the library; this file only dispatches.

use clap::Parser;
use nianbao::cli::{CheckFormat, Cli, Command};
use nianbao::validate::Context;
use nianbao::{check, import, merge, newyear};
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
        Some(Command::New { from, out }) => newyear::run(&from, &out, lang),
        Some(Command::Merge {
            files,
            output,
            agency,
            year,
            skip_invalid,
            force,
        }) => merge::run(
            &files,
            &merge::Options {
                output,
                agency,
                year,
                skip_invalid,
                force,
            },
            lang,
        ),
        Some(Command::Import {
            input,
            output,
            force,
        }) => import::run(&input, &output, force, lang),
        Some(Command::Edit { .. }) | None => {
            eprintln!(
                "{}",
                lang.pick(
                    "填报向导尚未包含在此版本中",
                    "the wizard is not part of this build"
                )
            );
            2
        }
    };
    ExitCode::from(code as u8)
}
