//! The `nianbao` binary: parse the command line, run the command, and — in
//! this one place — print what stopped it and exit with its code. Each
//! command lives in the library; this file only dispatches. It also
//! chooses the terminal's encoding ([`wire`]) and, on a GB18030 terminal,
//! has the commands' messages transcoded for it.

use clap::Parser;
use nianbao::cli::{CheckFormat, Cli, Command, StatusFormat};
use nianbao::error::{Error, Outcome};
use nianbao::schema::Lang;
use nianbao::validate::Context;
use nianbao::wire::{self, Wire, std_streams};
use nianbao::{check, compare, import, inert, merge, newyear, plain, render, tui};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let from_locale = Wire::from_locale(|k| std::env::var(k).ok());
    wire::set(from_locale);
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if from_locale == Wire::Utf8 => e.exit(),
        Err(e) => {
            // Help and usage errors in the terminal's encoding too.
            let text = e.to_string();
            if e.use_stderr() {
                to_terminal(&mut std::io::stderr(), &text);
            } else {
                to_terminal(&mut std::io::stdout(), &text);
            }
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let lang = cli.language();
    if let Some(encoding) = cli.encoding {
        wire::set(encoding);
    }
    // The wizard encodes its own output; `render`'s document stays UTF-8.
    let transcoding = match &cli.command {
        None | Some(Command::Edit { .. }) => None,
        Some(Command::Render { .. }) => std_streams::transcode(wire::current(), false),
        Some(_) => std_streams::transcode(wire::current(), true),
    };
    let code = match run(cli.command, lang) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let text = format!("{}\n", inert::block(&e.message(lang)));
            to_terminal(&mut std::io::stderr(), &text);
            ExitCode::from(e.exit_code())
        }
    };
    // Every message out before the exit.
    drop(transcoding);
    code
}

/// Writes `text` encoded for the terminal when `out` is one (else UTF-8).
/// The terminal may be gone (a hang-up): nothing to do about it.
fn to_terminal(out: &mut (impl Write + IsTerminal), text: &str) {
    let wire = if out.is_terminal() {
        wire::current()
    } else {
        Wire::Utf8
    };
    let _ = out.write_all(&wire.encode(text)).and_then(|()| out.flush());
}

fn run(command: Option<Command>, lang: Lang) -> Outcome {
    match command {
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
            write_stdout(out.as_bytes())?;
            Ok(check::exit_code(&reports))
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
            confine: None,
        }) => edit(file, plain, no_color, ascii, lang),
        Some(Command::Edit {
            file,
            plain,
            no_color,
            ascii,
            confine: Some(config),
        }) => match nianbao::confine::request(&config, file, lang) {
            Ok(r) => {
                if let Some(encoding) = r.encoding {
                    wire::set(encoding);
                }
                edit(
                    Some(r.file),
                    plain || r.plain,
                    no_color || r.no_color,
                    ascii || r.ascii,
                    r.lang,
                )
            }
            Err(why) => Err(Error::Confined(why)),
        },
        Some(Command::Compare {
            last,
            this,
            output,
            force,
        }) => compare::run(
            &compare::Request {
                last,
                this,
                output,
                force,
            },
            lang,
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Status {
            paths,
            format,
            output,
            force,
        }) => {
            if let Some(path) = output.as_ref().filter(|p| p.exists() && !force) {
                return Err(Error::Exists {
                    path: path.clone(),
                    force: true,
                });
            }
            let format = match format {
                StatusFormat::Text => nianbao::status::Format::Table,
                StatusFormat::Json => nianbao::status::Format::Json,
                StatusFormat::Xlsx => nianbao::status::Format::Xlsx,
            };
            nianbao::status::run(&paths, format, output.as_deref(), lang)
        }
        None => edit(None, false, false, false, lang),
    }
}

/// The wizard, or plain mode when asked for or when there is no usable
/// terminal (`TERM=dumb`, or input or output that is not a terminal).
fn edit(file: Option<PathBuf>, plain: bool, no_color: bool, ascii: bool, lang: Lang) -> Outcome {
    let path = file.unwrap_or_else(|| PathBuf::from("report.toml"));
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if plain || dumb || !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        let stdin = std::io::stdin();
        let source = if stdin.is_terminal() {
            plain::Input::Terminal
        } else {
            plain::Input::Stream
        };
        let out = std::io::stdout().lock();
        return plain::run_encoded(&path, lang, stdin.lock(), source, out, wire::current());
    }
    tui::run(tui::Options {
        file: path,
        lang,
        no_color,
        ascii,
        encoding: wire::current(),
    })
}

/// Writes to standard output; a reader that went away (`| head`) is not an
/// error.
fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e)),
        _ => Ok(()),
    }
}
