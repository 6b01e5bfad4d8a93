//! Writes the shell completions and man pages of `nianbao` into a folder,
//! from the command-line definitions the binary itself parses with
//! (`nianbao::cli::Cli`). Run by scripts/dist.sh:
//!
//!     cargo run --example dist-docs -- OUT
//!
//! OUT/completions/: nianbao.bash, _nianbao (zsh), nianbao.fish;
//! OUT/man/: nianbao.1 and a page per command (nianbao-edit.1, …).
//! Kept out of the binary: the completions and pages are the same for every
//! server, so they are made once per release rather than shipped as code.

use clap::CommandFactory;
use clap_complete::Shell;
use nianbao::cli::Cli;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run --example dist-docs -- OUT");
        return ExitCode::from(2);
    };
    match write_all(&out) {
        Ok(written) => {
            for path in written {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dist-docs: {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}

fn write_all(out: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let completions = out.join("completions");
    std::fs::create_dir_all(&completions)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        let mut cmd = Cli::command();
        written.push(clap_complete::generate_to(
            shell,
            &mut cmd,
            "nianbao",
            &completions,
        )?);
    }
    let man = out.join("man");
    std::fs::create_dir_all(&man)?;
    clap_mangen::generate_to(Cli::command(), &man)?;
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&man)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    pages.sort();
    written.extend(pages);
    Ok(written)
}
