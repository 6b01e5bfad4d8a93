//! Older word-processor files (.doc and WPS's .wps, both OLE compound
//! files, and .rtf) → DOCX through LibreOffice, when it is installed:
//! `soffice --headless --convert-to docx` in a temp folder, with a profile
//! of its own (so a running LibreOffice or the user's settings cannot get
//! in the way) and a time limit. The DOCX is then read like any other.
//! Also the helpers that find and run an outside program
//! (`soffice`, `pdftotext`) with a time limit.

use super::messages;
use crate::schema::Lang;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long LibreOffice may take for one file.
const SOFFICE_LIMIT: Duration = Duration::from_secs(180);

/// The DOCX LibreOffice makes of `bytes`.
pub fn to_docx(bytes: &[u8], lang: Lang) -> Result<Vec<u8>, String> {
    let Some(soffice) = find_program(&["soffice", "libreoffice"]) else {
        return Err(messages::legacy_needs_soffice(lang));
    };
    let failed = |detail: String| messages::legacy_conversion_failed(&detail, lang);
    let dir = tempfile::tempdir().map_err(|e| failed(e.to_string()))?;
    let name = if bytes.starts_with(b"{\\rtf") {
        "report.rtf"
    } else {
        // A WPS file is a Word binary file under another name.
        "report.doc"
    };
    let input = dir.path().join(name);
    std::fs::write(&input, bytes).map_err(|e| failed(e.to_string()))?;
    let out = dir.path().join("out");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    let mut command = Command::new(soffice);
    command
        .args([
            "--headless",
            "--norestore",
            &profile,
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&out)
        .arg(&input);
    run_with_limit(&mut command, SOFFICE_LIMIT).map_err(failed)?;
    std::fs::read(out.join("report.docx")).map_err(|e| failed(e.to_string()))
}

/// The first of `names` found on `PATH`.
pub fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Runs `command` to its end, or kills it after `limit`; returns its
/// standard output, or what went wrong (with its standard error).
pub fn run_with_limit(command: &mut Command, limit: Duration) -> Result<Vec<u8>, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    // Read the pipes on threads, so a chatty program cannot block on them.
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = std::io::Read::read_to_end(s, &mut buf);
        }
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = std::io::Read::read_to_end(s, &mut buf);
        }
        buf
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("no answer after {} s", limit.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(e.to_string()),
        }
    };
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    if status.success() {
        Ok(out)
    } else {
        let detail = String::from_utf8_lossy(&err);
        let detail = detail.lines().last().unwrap_or("").trim();
        Err(format!(
            "{status}{}{detail}",
            if detail.is_empty() { "" } else { ": " }
        ))
    }
}
