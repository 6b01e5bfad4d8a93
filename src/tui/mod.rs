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
pub mod focus;
mod grid;
pub mod keymap;
pub mod paste;
pub mod persist;
pub mod text;
pub mod theme;
pub mod view;
mod view_form;
mod view_grid;
mod view_overlay;
pub mod view_review;

// What plain mode (`crate::plain`) shares with the wizard: the same checks
// and the same words for what is refused.
pub use fields::year_refusal;
pub use grid::{ascii_number_char, pasted_value};

use crate::check::{FileReport, format_human};
use crate::model::Report;
use crate::problem::tally;
use crate::schema::Lang;
use crate::store::{self, EditLock, Fingerprint};
use crate::validate;
use app::{App, Effect, Previous};
use backend::LeanBackend;
use crossterm::event::{self, Event};
use persist::{Saved, Saver};
use ratatui::Terminal;
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
}

/// The longest the loop sleeps without looking at signals.
const TICK: Duration = Duration::from_millis(200);

/// Runs the wizard; returns the process exit code.
pub fn run(opts: Options) -> i32 {
    let lang = opts.lang;
    let path = opts.file.clone();
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "{}",
            lang.pick(
                "nianbao edit 需要在终端中运行（标准输入和输出都必须是终端）",
                "nianbao edit needs a terminal (standard input and output must be a terminal)"
            )
        );
        return 2;
    }
    let opened = match open_report(&path, lang) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let _lock = match EditLock::acquire(&path) {
        Ok(Ok(lock)) => Some(lock),
        Ok(Err(holder)) => {
            eprintln!(
                "{}: {}{}{}",
                path.display(),
                lang.pick("正由另一个 nianbao 编辑（", "is open in another nianbao ("),
                holder.0,
                lang.pick(
                    "）。请先在那里退出（Ctrl+Q），以免两人互相覆盖。",
                    "). Quit there first (Ctrl+Q) so that nobody overwrites the other."
                )
            );
            return 2;
        }
        // No lock possible (a read-only folder): open anyway; saving will say why it fails.
        Err(_) => None,
    };
    let previous = load_previous(&path, &opened.report, lang);
    let mut app = App::new(opened.report, lang, previous, validate::current_year());
    if let Some(notice) = opened.notice {
        app.say(Some(crate::problem::Severity::Warning), notice);
    }
    if !locale_is_utf8(|k| std::env::var(k).ok()) {
        app.say(
            Some(crate::problem::Severity::Warning),
            lang.pick(
                "能正确看到这行中文吗？字符集不是 UTF-8：若是乱码，请把终端编码和 LANG 设为 UTF-8",
                "能正确看到这行中文吗？ The locale is not UTF-8: set the terminal and LANG to UTF-8",
            ),
        );
    }
    let saver = Saver::new(path.clone(), opened.fingerprint, lang);
    let chrome = Chrome {
        theme: Theme::from_env(opts.no_color, opts.ascii),
        file: path.display().to_string(),
        save_problem: None,
    };
    let outcome = run_terminal(app, saver, chrome);
    // The terminal may be gone (a hang-up): a failed write is not an error.
    match outcome {
        Ok(Exit { message, code }) => {
            if code == 0 {
                let _ = writeln!(std::io::stdout(), "{message}");
            } else {
                let _ = writeln!(std::io::stderr(), "{message}");
            }
            code
        }
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "{}: {e}",
                lang.pick("终端出错", "terminal error")
            );
            1
        }
    }
}

struct Opened {
    report: Report,
    fingerprint: Option<Fingerprint>,
    notice: Option<String>,
}

/// Reads the report, or starts a new one for last year. A file that cannot
/// be edited without losing what it says is refused (exit 2), untouched.
fn open_report(path: &Path, lang: Lang) -> Result<Opened, i32> {
    if !path.exists() {
        return Ok(Opened {
            report: Report::for_year(validate::current_year() - 1),
            fingerprint: None,
            notice: None,
        });
    }
    let loaded = match store::load(path, lang) {
        Ok(l) => l,
        Err(f) => {
            eprintln!("{f}");
            return Err(2);
        }
    };
    if !loaded.is_editable() {
        let report = FileReport {
            file: path.to_path_buf(),
            problems: loaded.problems,
            unreadable: true,
        };
        eprint!("{}", format_human(&[report], lang));
        eprintln!(
            "{}",
            lang.pick(
                "文件未打开，也没有被修改：请先按上面的提示改正。",
                "The file was not opened and is unchanged: fix the above first."
            )
        );
        return Err(2);
    }
    let fingerprint = Fingerprint::of_file(path).ok().flatten();
    let notice = loaded.problems.first().map(|p| {
        let more = loaded.problems.len() - 1;
        let tail = if more > 0 {
            format!(
                "{}{more}{}",
                lang.pick("（另有 ", " (and "),
                lang.pick(" 个）", " more)")
            )
        } else {
            String::new()
        };
        format!(
            "{}{}{tail}",
            lang.pick("打开时发现：", "found on opening: "),
            p.describe()
        )
    });
    Ok(Opened {
        report: loaded.report,
        fingerprint,
        notice,
    })
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
        Err(f) => Previous::Unreadable(format!(
            "{}{f}",
            lang.pick(
                "无法读取上年报告，跨年度核对未做：",
                "cannot read last year's report, no cross-year checks: "
            )
        )),
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
    code: i32,
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
    let mut out = std::io::stdout();
    let _ = out.write_all(b"\x1b[0m\x1b[?2004l\x1b[?25h\x1b[?1049l");
    let _ = out.flush();
    let _ = crossterm::terminal::disable_raw_mode();
}

fn run_terminal(mut app: App, mut saver: Saver, mut chrome: Chrome) -> std::io::Result<Exit> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    persist::keep_for_panic(saver.rescue_point(app.report_for_exit()));
    persist::install_panic_hook(leave_terminal);
    let done = Arc::new(AtomicBool::new(false));
    watch_for_hang_up(Arc::clone(&signal), Arc::clone(&done));
    // Our own descriptor for output, so that each frame is one `write`.
    let out =
        std::fs::File::from(std::os::fd::AsFd::as_fd(&std::io::stdout()).try_clone_to_owned()?);
    let mut out_for_setup = &out;
    enter_terminal(&mut out_for_setup)?;
    let mut terminal = Terminal::new(LeanBackend::new(out))?;
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
    let saved = saver.save(&report, Instant::now());
    leave_terminal();
    let lang = app.lang;
    let (errors, warnings) = tally(&app.problems);
    let mut code = match &result {
        Ok(LoopEnd::Quit) => 0,
        Ok(LoopEnd::Signal(sig)) => 128 + *sig as i32,
        Ok(LoopEnd::HangUp) => 129,
        Err(_) => 1,
    };
    let message = match saved {
        Saved::Failed(why) => {
            code = code.max(1);
            match persist::emergency_copy(&saver.path, &report) {
                Ok(p) => format!(
                    "{why}\n{} {}",
                    lang.pick("你的报告已另存到", "your report was saved instead to"),
                    p.display()
                ),
                Err(e) => format!(
                    "{why}; {e}\n{}\n{}",
                    lang.pick(
                        "无处可写，报告内容如下：",
                        "nowhere to write; here is the report:"
                    ),
                    crate::toml_write::write(&report)
                ),
            }
        }
        _ if saver.target != saver.path => format!(
            "{} {} {}",
            saver.path.display(),
            lang.pick(
                "被别人修改过，没有覆盖；你的报告保存在",
                "was changed by someone else and was not overwritten; your report is in"
            ),
            saver.target.display()
        ),
        _ => match lang {
            Lang::Zh => format!(
                "已保存 {}（错误 {errors} 个，警告 {warnings} 个）",
                saver.target.display()
            ),
            Lang::En => format!(
                "saved {} ({errors} error(s), {warnings} warning(s))",
                saver.target.display()
            ),
        },
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
    terminal: &mut Terminal<LeanBackend<std::fs::File>>,
    app: &mut App,
    saver: &mut Saver,
    chrome: &mut Chrome,
    signal: &AtomicUsize,
) -> std::io::Result<LoopEnd> {
    let mut redraw = true;
    let panic_at = injected_panic_after();
    let mut events = 0usize;
    loop {
        if redraw {
            if terminal.draw(|f| view::draw(f, app, chrome)).is_err() {
                return Ok(LoopEnd::HangUp);
            }
            redraw = false;
        }
        // Saved after the frame is out, so a slow disk never delays the screen.
        if saver.due(Instant::now()) && save(app, saver, chrome) {
            redraw = true;
            continue;
        }
        persist::keep_for_panic(saver.rescue_point(app.report_for_exit()));
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
                        // the cursor clamped): draw everything again.
                        if terminal.clear().is_err() {
                            return Ok(LoopEnd::HangUp);
                        }
                    }
                    events += 1;
                    if panic_at == Some(events) {
                        panic!("injected panic at event {events} (NIANBAO_PANIC_AT_EVENT)");
                    }
                    let effect = app.handle_event(ev);
                    saver.note(effect, Instant::now());
                    // Kept after every event, so that a panic in the next
                    // one loses nothing before it.
                    persist::keep_for_panic(saver.rescue_point(app.report_for_exit()));
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

/// One autosave; says what went wrong on screen. Returns whether the
/// screen changed.
fn save(app: &mut App, saver: &mut Saver, chrome: &mut Chrome) -> bool {
    let before = chrome.save_problem.clone();
    match saver.save(&app.report_for_saving(), Instant::now()) {
        Saved::Quietly => chrome.save_problem = None,
        Saved::ToConflictCopy(p) => {
            chrome.save_problem = None;
            chrome.file = p.display().to_string();
            let msg = format!(
                "{} {}",
                app.lang.pick(
                    "文件已被别人修改，未覆盖；你的修改保存到",
                    "the file was changed by someone else and was not overwritten; your changes go to"
                ),
                p.display()
            );
            app.say(Some(crate::problem::Severity::Error), msg);
            return true;
        }
        Saved::Failed(why) => {
            if before.as_deref() == Some(why.as_str()) {
                return false;
            }
            let msg = format!(
                "{why}{}",
                app.lang.pick(
                    "（数据仍在内存中，每秒重试）",
                    " (kept in memory, retrying every second)"
                )
            );
            app.say(Some(crate::problem::Severity::Error), msg);
            chrome.save_problem = Some(why);
            return true;
        }
    }
    before.is_some()
}

/// How often the watchdog looks, and how long a signal may wait for the
/// event loop before the watchdog acts on it.
const WATCH: Duration = Duration::from_millis(250);
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
                    let _ = writeln!(std::io::stderr(), "nianbao: {e}");
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
