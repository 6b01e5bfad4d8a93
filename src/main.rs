//! The `nianbao` binary: parse the command line, run the command, exit with
//! its code. Each command lives in the library; this file only dispatches.

use clap::Parser;
use nianbao::cli::{CheckFormat, Cli, Command};
use nianbao::render;
use nianbao::validate::Context;
use nianbao::{check, import, merge, newyear};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
        Some(Command::Render {
            file,
            format,
            output,
            force,
            chart,
        }) => {
            let request = render::Request {
                file,
                format: format.map(Into::into),
                output,
                force,
                chart,
            };
            render::run(
                &request,
                lang,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            )
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
            inputs,
            output,
            force,
        }) => import::run_command(&inputs, &output, force, lang),
        Some(Command::Edit {
            file,
            plain,
            no_color,
            ascii,
        }) => edit(file, plain, no_color, ascii, lang),
        None => edit(None, false, false, false, lang),
    };
    ExitCode::from(code as u8)
}

/// The wizard, or plain mode when asked for or when there is no usable
/// terminal (`TERM=dumb`, or input or output that is not a terminal).
fn edit(
    file: Option<PathBuf>,
    plain: bool,
    no_color: bool,
    ascii: bool,
    lang: nianbao::schema::Lang,
) -> i32 {
    let path = file.unwrap_or_else(|| PathBuf::from("report.toml"));
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if plain || dumb || !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        let stdin = std::io::stdin();
        let source = if stdin.is_terminal() {
            nianbao::plain::Input::Terminal
        } else {
            nianbao::plain::Input::Stream
        };
        let out = std::io::stdout().lock();
        return match nianbao::plain::run(&path, lang, stdin.lock(), source, out) {
            Ok(code) => code,
            Err(e) => {
                let line = format!("{}: {e}", path.display());
                eprintln!("{}", nianbao::check::sanitize_line(&line));
                2
            }
        };
    }
    nianbao::tui::run(nianbao::tui::Options {
        file: path,
        lang,
        no_color,
        ascii,
    })
}
