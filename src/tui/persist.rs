//! The wizard's part of saving: the report kept after every event for the
//! panic hook, which restores the terminal and saves it (through the one
//! saving policy, [`crate::entry::saving`]) before the process ends; and
//! the same rescue for the hang-up watchdog's thread.

use crate::entry::saving::{self, Rescue};
use std::io::Write;
use std::path::PathBuf;

/// The latest report and where to save it, for the panic hook.
static FOR_PANIC: std::sync::Mutex<Option<Rescue>> = std::sync::Mutex::new(None);

/// Keeps the latest report for [`install_panic_hook`] (called after every
/// change).
pub fn keep_for_panic(r: Rescue) {
    *FOR_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
}

/// Saves the report kept by [`keep_for_panic`] (once): for a thread other
/// than the event loop's. `None` when nothing was kept or it was already
/// saved this way.
pub fn rescue_kept() -> Option<Result<PathBuf, String>> {
    let kept = FOR_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
    kept.map(|mut r| saving::rescue(&mut r))
}

/// On a panic: `restore` the terminal, save the report kept by
/// [`keep_for_panic`] (or an emergency copy), say where, then report the
/// panic as usual.
pub fn install_panic_hook(restore: fn()) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        let kept = FOR_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(mut r) = kept {
            // The terminal may be gone: a failed write must not panic again.
            let msg = match saving::rescue(&mut r) {
                Ok(p) => super::messages::crashed_and_saved(&p, r.lang),
                Err(e) => e,
            };
            let line = crate::wire::current()
                .encode(&format!("nianbao: {msg}\n"))
                .into_owned();
            let _ = std::io::stderr().write_all(&line);
        }
        default(info);
    }));
}
