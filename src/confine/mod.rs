//! `nianbao edit --confine CONFIG`: the wizard as an sshd `ForceCommand`
//! for department accounts (docs/DEPLOY.md). The account may edit reports in
//! one folder only — the folder CONFIG gives its name — and run nothing but
//! the wizard.
//!
//! What the client asked to run arrives in `SSH_ORIGINAL_COMMAND`: nothing
//! (open the folder's default report), or `edit [--plain] [--lang L]
//! [--no-color] [--ascii] [FILE]`, read with the same command-line
//! definitions as `nianbao` itself. Anything else — a shell command, scp,
//! the sftp subsystem, another nianbao command — is refused with a message.
//! FILE must name a `*.toml` file directly in the folder, with a plain name
//! and within the folder's limits ([`limits`]), also after
//! following a symbolic link. The folder's permissions are what keeps other
//! departments out (see docs/DEPLOY.md); this check makes a wrong request
//! fail with a clear message instead of "permission denied".

mod limits;
mod messages;

pub use limits::{DEFAULT_MAX_FOLDER_MIB, DEFAULT_MAX_REPORTS, NAME_CHARS_MAX, is_report_name};

use crate::cli::{Cli, Command};
use crate::schema::Lang;
use clap::Parser;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The configuration file: each department account and its folder.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The report opened when the client names none.
    #[serde(default = "default_file")]
    pub default_file: String,
    /// How many report files an account's folder may hold: a new one
    /// beyond is refused.
    #[serde(default = "default_max_reports")]
    pub max_reports: usize,
    /// How large an account's folder may grow, in MiB: beyond, no report
    /// is opened.
    #[serde(default = "default_max_folder_mib")]
    pub max_folder_mib: u64,
    /// Account name → the folder its reports are in.
    pub accounts: BTreeMap<String, PathBuf>,
    /// Account name → its terminals' encoding (`"gb18030"` for a department
    /// whose terminals speak GBK); the others' from their locale.
    #[serde(default)]
    pub encoding: BTreeMap<String, crate::wire::Wire>,
}

fn default_file() -> String {
    "report.toml".to_string()
}

fn default_max_reports() -> usize {
    DEFAULT_MAX_REPORTS
}

fn default_max_folder_mib() -> u64 {
    DEFAULT_MAX_FOLDER_MIB
}

/// What the confined wizard is to open, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub file: PathBuf,
    pub plain: bool,
    pub no_color: bool,
    pub ascii: bool,
    pub lang: Lang,
    /// The terminal's encoding: the client's `--encoding`, else the
    /// account's in the config, else `None` (the locale's).
    pub encoding: Option<crate::wire::Wire>,
}

/// Set once this process runs confined: messages then do not suggest
/// shell commands the account cannot run.
static CONFINED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this process is a confined wizard (`edit --confine`).
pub fn is_confined() -> bool {
    CONFINED.load(std::sync::atomic::Ordering::Relaxed)
}

/// The request of this process: its account, `SSH_ORIGINAL_COMMAND`, and
/// the FILE given on the forced command line itself (if any). `Err` is the
/// message to print. Sets the umask to 027: a report the wizard creates is
/// readable by the folder's group (the office) whatever umask the login
/// gave, and by nobody else.
pub fn request(config: &Path, file: Option<PathBuf>, lang: Lang) -> Result<Request, String> {
    let account = crate::account::current_user().ok_or_else(|| messages::no_account(lang))?;
    let asked = std::env::var("SSH_ORIGINAL_COMMAND").ok();
    CONFINED.store(true, std::sync::atomic::Ordering::Relaxed);
    let request = resolve(config, &account, asked.as_deref(), file, lang)?;
    // No other thread is running yet.
    #[cfg(unix)]
    crate::store::set_umask(0o027);
    Ok(request)
}

/// [`request`] with the account and the client's command given.
pub fn resolve(
    config_path: &Path,
    account: &str,
    asked: Option<&str>,
    file: Option<PathBuf>,
    lang: Lang,
) -> Result<Request, String> {
    let config = read_config(config_path, lang)?;
    let folder = config
        .accounts
        .get(account)
        .ok_or_else(|| messages::not_configured(account, &shown(config_path), lang))?;
    let mut request = Request {
        file: PathBuf::from(&config.default_file),
        plain: false,
        no_color: false,
        ascii: false,
        lang,
        encoding: config.encoding.get(account).copied(),
    };
    if let Some(f) = file {
        request.file = f;
    }
    if let Some(command) = asked.filter(|c| !c.trim().is_empty()) {
        read_command(command, &mut request)?;
    }
    request.file = inside(folder, &request.file, request.lang)?;
    limits::check(
        folder,
        &request.file,
        config.max_reports,
        config.max_folder_mib,
        request.lang,
    )?;
    Ok(request)
}

fn read_config(path: &Path, lang: Lang) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let why = crate::store::io_problem(&e, lang).message;
        messages::config_unreadable(&shown(path), &why, lang)
    })?;
    toml::from_str(&text).map_err(|e| {
        let why = e.message().to_string();
        messages::config_unreadable(&shown(path), &why, lang)
    })
}

/// Reads the client's command into `request`: only the wizard's own flags
/// and one file.
fn read_command(command: &str, request: &mut Request) -> Result<(), String> {
    let lang = request.lang;
    let refuse = || messages::command_refused(command, lang);
    let mut words = shlex::split(command).ok_or_else(refuse)?;
    // `ssh host nianbao edit …` as well as `ssh host edit …`.
    if words
        .first()
        .is_some_and(|w| w == "nianbao" || w.ends_with("/nianbao"))
    {
        words.remove(0);
    }
    words.insert(0, "nianbao".to_string());
    let cli = Cli::try_parse_from(&words).map_err(|_| refuse())?;
    let lang = cli.lang.map_or(lang, |_| cli.language());
    request.lang = lang;
    request.encoding = cli.encoding.or(request.encoding);
    match cli.command {
        None => Ok(()),
        Some(Command::Edit {
            file,
            plain,
            no_color,
            ascii,
            confine: None,
        }) => {
            if let Some(f) = file {
                request.file = f;
            }
            request.plain = plain;
            request.no_color = no_color;
            request.ascii = ascii;
            Ok(())
        }
        Some(_) => Err(messages::command_refused(command, lang)),
    }
}

/// The report `file` names inside `folder`, or why it is not allowed.
fn inside(folder: &Path, file: &Path, lang: Lang) -> Result<PathBuf, String> {
    let outside = || messages::outside(&shown(folder), &shown(file), lang);
    let real_folder = std::fs::canonicalize(folder)
        .map_err(|_| messages::folder_missing(&shown(folder), lang))?;
    if file.components().any(|c| c == Component::ParentDir) {
        return Err(outside());
    }
    let path = folder.join(file);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with('.') || !name.ends_with(".toml") || name.len() <= ".toml".len() {
        return Err(messages::not_a_report_name(&shown(file), lang));
    }
    if !is_report_name(&name) {
        return Err(messages::bad_report_name(&name, lang));
    }
    let parent = path.parent().unwrap_or(folder);
    match std::fs::canonicalize(parent) {
        Ok(p) if p == real_folder => {}
        _ => return Err(outside()),
    }
    // A link in the folder must lead to a file in the folder.
    if path.is_symlink() {
        match std::fs::canonicalize(&path) {
            Ok(real) if real.parent() == Some(real_folder.as_path()) => {}
            _ => return Err(outside()),
        }
    }
    Ok(path)
}

fn shown(path: &Path) -> String {
    crate::inert::line(&path.display().to_string())
}

#[cfg(test)]
mod tests;
