//! `nianbao edit`: the terminal wizard.
//!
//! This file owns the terminal: opening the report (refusing one that cannot
//! be edited safely, taking the edit lock), raw mode, the alternate screen
//! and bracketed paste, the event loop, autosave, and every way out — quit,
//! SIGHUP/SIGTERM, a terminal that hangs up, a panic — each of which saves
//! and restores the terminal. The state and its keys are in [`app`], the
//! drawing in the `view*` files.

pub mod app;
pub mod backend;
mod fields;
mod grid;
mod grid_paste;
pub mod keymap;
mod last_year;
pub mod persist;
pub mod screen;
pub mod theme;
pub mod view;
mod view_cell_info;
mod view_form;
mod view_grid;
mod view_overlay;
pub mod view_review;

mod messages;
mod reviewing;
mod wire_input;

use crate::entry::{
    self,
    saving::{Saved, Saver},
};
use crate::error::{Error, Outcome};
use crate::model::Report;
use crate::problem::{Severity, tally};
use crate::schema::Lang;
use crate::store::{self, EditLock};
use crate::validate;
use app::{App, Effect, Previous};
use backend::LeanBackend;
use crossterm::event::{self, Event};
use screen::Screen;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use theme::Theme;
use view::Chrome;

/// Command-line options of `edit`.
#[derive(Debug, Clone)]
pub struct Options {
    pub file: PathBuf,
    pub lang: Lang,
    pub no_color: bool,
    pub ascii: bool,
    /// The terminal's encoding: frames are encoded for it and keys
    /// decoded from it ([`wire_input`]).
    pub encoding: crate::wire::Wire,
}

/// The longest the loop sleeps without looking at signals.
const TICK: Duration = Duration::from_millis(200);

/// Runs the wizard; its exit code (0 saved and quit, 1 the report could
/// not be saved where it belongs, 128+N ended by signal N).
pub fn run(opts: Options) -> Outcome {
    let lang = opts.lang;
    let path = opts.file.clone();
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::NeedsTerminal);
    }
    let opened = entry::open(&path, lang)?;
    let _lock = match EditLock::acquire(&path) {
        Ok(Ok(lock)) => Some(lock),
        Ok(Err(holder)) => {
            return Err(Error::Locked {
                file: path,
                holder: holder.0,
                code: 2,
            });
        }
        // No lock possible (a read-only folder): open anyway; saving will say why it fails.
        Err(_) => None,
    };
    let previous = load_previous(&path, &opened.report, lang);
    let mut app = App::new(opened.report, lang, previous, validate::reporting_year());
    if let Some(first) = opened.problems.first() {
        let notice = messages::found_on_opening(&first.describe(), opened.problems.len() - 1, lang);
        app.say(Some(Severity::Warning), notice);
    }
    // A GB18030 terminal is spoken to in GB18030; any other locale that is
    // not UTF-8 gets the question.
    if opts.encoding == crate::wire::Wire::Utf8 && !locale_is_utf8(|k| std::env::var(k).ok()) {
        app.say(
            Some(crate::problem::Severity::Warning),
            messages::locale_not_utf8(lang),
        );
    }
    let saver = Saver::new(path.clone(), opened.fingerprint);
    let chrome = Chrome {
        theme: Theme::from_env(opts.no_color, opts.ascii),
        file: path.display().to_string(),
        save_problem: None,
    };
    let Exit { message, code } =
        run_terminal(app, saver, chrome, opts.encoding).map_err(Error::Terminal)?;
    // The terminal may be gone (a hang-up): a failed write is not an error.
    let line = opts.encoding.encode(&format!("{message}\n")).into_owned();
    let _ = if code == 0 {
        std::io::stdout().write_all(&line)
    } else {
        std::io::stderr().write_all(&line)
    };
    Ok(code)
}

/// Last year's report named in `meta.previous` (relative to the report's folder).
fn load_previous(path: &Path, report: &Report, lang: Lang) -> Previous {
    let Some(name) = report.meta.previous.as_deref() else {
        return Previous::None;
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    let file = folder.join(name);
    match store::load(&file, lang) {
        Ok(l) => Previous::Loaded {
            report: Box::new(l.report),
            name: name.to_string(),
        },
        Err(f) => Previous::Unreadable(messages::previous_unreadable(&f.to_string(), lang)),
    }
}

/// Whether the locale (LC_ALL, else LC_CTYPE, else LANG) is UTF-8.
pub fn locale_is_utf8(var: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()))
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

struct Exit {
    message: String,
    code: u8,
}

/// Raw mode, alternate screen and bracketed paste on; nothing is asked of
/// the terminal.
fn enter_terminal(out: &mut impl Write) -> std::io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    out.write_all(b"\x1b[?1049h\x1b[?2004h\x1b[H\x1b[2J")?;
    out.flush()
}

/// Everything [`enter_terminal`] turned on, off again; errors are ignored
/// (the terminal may be gone).
fn leave_terminal() {
    wire_input::give_back();
    let mut out = std::io::stdout();
    let _ = out.write_all(b"\x1b[0m\x1b[?2004l\x1b[?25h\x1b[?1049l");
    let _ = out.flush();
    let _ = crossterm::terminal::disable_raw_mode();
}

fn run_terminal(
    mut app: App,
    mut saver: Saver,
    mut chrome: Chrome,
    encoding: crate::wire::Wire,
) -> std::io::Result<Exit> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    persist::keep_for_panic(saver.rescue_point(app.report_for_exit(), app.lang));
    persist::install_panic_hook(leave_terminal);
    let done = Arc::new(AtomicBool::new(false));
    watch_for_hang_up(Arc::clone(&signal), Arc::clone(&done));
    // Our own descriptor for output, so that each frame is one `write`.
    let out =
        std::fs::File::from(std::os::fd::AsFd::as_fd(&std::io::stdout()).try_clone_to_owned()?);
    let mut out_for_setup = &out;
    enter_terminal(&mut out_for_setup)?;
    wire_input::install(encoding)?;
    // crossterm starts its event reader, and with it the SIGWINCH handler,
    // at the first poll: start it before the terminal's size is first
    // asked, since the backend asks again only after a resize event.
    event::poll(Duration::ZERO)?;
    let mut terminal = Screen::new(LeanBackend::new(out).encoded_for(encoding))?;
    let result = event_loop(&mut terminal, &mut app, &mut saver, &mut chrome, &signal);
    if done.swap(true, Ordering::SeqCst) {
        // The watchdog is already saving and exiting.
        loop {
            std::thread::park();
        }
    }
    // Whatever happened, the last word is a save.
    app.commit_all();
    let report = app.report_for_saving();
    // Always saved on the way out: the resume position changes even when
    // no value did.
    let lang = app.lang;
    saver.save(&report, Instant::now(), lang);
    leave_terminal();
    let mut code = match &result {
        Ok(LoopEnd::Quit) => 0,
        Ok(LoopEnd::Signal(sig)) => 128 + *sig as u8,
        Ok(LoopEnd::HangUp) => 129,
        Err(_) => 1,
    };
    let message = match saver.last_word(&report, lang) {
        Some(word) => {
            if saver.failure().is_some() {
                code = code.max(1);
            }
            word
        }
        None => {
            let (errors, warnings) = tally(&app.problems);
            messages::saved(&saver.target, errors, warnings, lang)
        }
    };
    result?;
    Ok(Exit { message, code })
}

enum LoopEnd {
    Quit,
    Signal(usize),
    HangUp,
}

fn event_loop(
    terminal: &mut Screen<std::fs::File>,
    app: &mut App,
    saver: &mut Saver,
    chrome: &mut Chrome,
    signal: &AtomicUsize,
) -> std::io::Result<LoopEnd> {
    let mut redraw = true;
    // Whether the report kept for the panic hook is older than the state
    // (after a save, whose outcome it carries).
    let mut keep_again = true;
    let panic_at = injected_panic_after();
    let mut events = 0usize;
    loop {
        if redraw {
            if terminal
                .draw(|buf| view::draw_into(buf, buf.area, app, chrome))
                .is_err()
            {
                return Ok(LoopEnd::HangUp);
            }
            redraw = false;
        }
        // Saved after the frame is out, so a slow disk never delays the screen.
        if saver.due(Instant::now()) {
            // The kernel hands the frame to the terminal from a worker
            // queued on this CPU: let it run before the save takes the CPU,
            // or the frame waits for the save (docs/PERFORMANCE.md).
            std::thread::yield_now();
            keep_again = true;
            if save(app, saver, chrome) {
                redraw = true;
                continue;
            }
        }
        if keep_again {
            persist::keep_for_panic(saver.rescue_point(app.report_for_exit(), app.lang));
            keep_again = false;
        }
        let wait = saver
            .next_deadline(Instant::now())
            .map_or(TICK, |d| d.min(TICK));
        let mut quit = false;
        match event::poll(wait) {
            Ok(true) => {
                // Take every event already waiting before drawing again, so
                // keys that arrive together cost one frame.
                loop {
                    let ev = match event::read() {
                        Ok(ev) => ev,
                        Err(_) => return Ok(LoopEnd::HangUp),
                    };
                    if let Event::Resize(..) = ev {
                        // The terminal may have cut off or moved what it
                        // showed (shrunk and grown back before this frame,
                        // the cursor clamped): draw everything again, at
                        // the size the terminal has now.
                        terminal.backend_mut().size_changed();
                        if terminal.clear().is_err() {
                            return Ok(LoopEnd::HangUp);
                        }
                    }
                    events += 1;
                    if panic_at == Some(events) {
                        panic!("injected panic at event {events} (NIANBAO_PANIC_AT_EVENT)");
                    }
                    let effect = app.handle_event(ev);
                    if let Some(change) = effect.change() {
                        saver.note(change, Instant::now());
                    }
                    // Kept after every event, so that a panic in the next
                    // one loses nothing before it.
                    persist::keep_for_panic(saver.rescue_point(app.report_for_exit(), app.lang));
                    redraw = true;
                    if effect == Effect::Quit {
                        quit = true;
                        break;
                    }
                    if !matches!(event::poll(Duration::ZERO), Ok(true)) {
                        break;
                    }
                }
            }
            // Nothing came: make sure the terminal is still there. After a
            // hang-up that sent no SIGHUP (the session leader was a shell
            // that died first) reads only return end-of-file, which the
            // event reader does not report; the terminal then stops being
            // one.
            Ok(false) if !std::io::stdin().is_terminal() => return Ok(LoopEnd::HangUp),
            Ok(false) => {}
            Err(_) => return Ok(LoopEnd::HangUp),
        }
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(LoopEnd::Signal(sig));
        }
        if quit {
            return Ok(LoopEnd::Quit);
        }
    }
}

/// For the tests only: `NIANBAO_PANIC_AT_EVENT=N` makes a debug build panic
/// when it reads its Nth terminal event, so that the tests can check, on the
/// real binary in a real terminal, that a panic saves the report and gives
/// the terminal back. Release builds ignore the variable.
#[cfg(debug_assertions)]
fn injected_panic_after() -> Option<usize> {
    std::env::var("NIANBAO_PANIC_AT_EVENT").ok()?.parse().ok()
}

#[cfg(not(debug_assertions))]
fn injected_panic_after() -> Option<usize> {
    None
}

/// One autosave; says on screen what is worth saying. Returns whether the
/// screen changed.
fn save(app: &mut App, saver: &mut Saver, chrome: &mut Chrome) -> bool {
    let before = chrome.save_problem.clone();
    let saved = saver.save(&app.report_for_saving(), Instant::now(), app.lang);
    let message = saved.message(app.lang);
    match saved {
        Saved::Quietly => {
            chrome.save_problem = None;
            before.is_some()
        }
        Saved::ToConflictCopy(p) => {
            chrome.save_problem = None;
            chrome.file = p.display().to_string();
            app.say(Some(Severity::Error), message.unwrap_or_default());
            true
        }
        Saved::Recovered { .. } => {
            chrome.save_problem = None;
            app.say(None, message.unwrap_or_default());
            true
        }
        Saved::Failed(_) => {
            // The same failure again (a retry): nothing new to say.
            if before == message {
                return false;
            }
            app.say(Some(Severity::Error), message.clone().unwrap_or_default());
            chrome.save_problem = message;
            true
        }
    }
}

/// How often the watchdog looks, and how long a signal may wait for the
/// event loop before the watchdog acts on it. Once a second: each look
/// wakes a thread and costs the key it falls on (docs/PERFORMANCE.md).
const WATCH: Duration = Duration::from_millis(1000);
const SIGNAL_GRACE: Duration = Duration::from_secs(1);

/// A second thread that saves and exits when the event loop cannot: when
/// the terminal hangs up without a SIGHUP reaching us (the session leader
/// was a shell), the terminal reader spins on end-of-file and never
/// returns; a signal the loop does not take within a second is handled the
/// same way. It saves the report kept after every event.
fn watch_for_hang_up(signal: Arc<AtomicUsize>, done: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut signalled: Option<Instant> = None;
        loop {
            std::thread::sleep(WATCH);
            if done.load(Ordering::SeqCst) {
                return;
            }
            let hung_up = !std::io::stdin().is_terminal();
            let sig = signal.load(Ordering::Relaxed);
            if sig != 0 {
                signalled.get_or_insert_with(Instant::now);
            }
            let ignored = signalled.is_some_and(|t| t.elapsed() > SIGNAL_GRACE);
            if (hung_up || ignored) && !done.swap(true, Ordering::SeqCst) {
                let saved = persist::rescue_kept();
                leave_terminal();
                if let Some(Err(e)) = saved {
                    let text = format!("nianbao: {e}\n");
                    let line = crate::wire::current().encode(&text);
                    let _ = std::io::stderr().write_all(&line);
                }
                std::process::exit(if hung_up { 129 } else { 128 + sig as i32 });
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_locales() {
        let env = |v: &'static str| move |k: &str| (k == "LANG").then(|| v.to_string());
        assert!(locale_is_utf8(env("zh_CN.UTF-8")));
        assert!(locale_is_utf8(env("en_US.utf8")));
        assert!(!locale_is_utf8(env("zh_CN.GBK")));
        assert!(!locale_is_utf8(|_| None));
    }
}
