//! For the wizard tests: a key-string parser (`"12<Tab>3<Enter>"`), giving
//! the events the wizard handles and the bytes a terminal sends for them,
//! and apps opened on the examples.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use nianbao::model::Report;
use nianbao::schema::{self, CellId, FieldId, Lang};
use nianbao::tui::app::{App, Effect, Previous};

/// The year the tests pretend it is (the examples are for 2023 and 2024).
pub const THIS_YEAR: i32 = 2026;

/// The day the tests pretend it is, for the publication deadline on 核对.
pub const TODAY: (i32, u32, u32) = (THIS_YEAR, 1, 15);

/// Keys from a string: characters stand for themselves; `<Tab>`, `<S-Tab>`,
/// `<Enter>`, `<Esc>`, `<BS>`, `<Del>`, `<Up>`, `<Down>`, `<Left>`,
/// `<Right>`, `<PgUp>`, `<PgDn>`, `<Home>`, `<End>`, `<F1>` to `<F4>`,
/// `<Space>`, `<lt>` and `<C-x>` (Ctrl+x) are keys; `<Down*5>` is a key
/// pressed five times.
pub fn keys(spec: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = spec;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let token = &rest[1..end];
            rest = &rest[end + 1..];
            let (name, times) = match token.split_once('*') {
                Some((name, times)) => (
                    name,
                    times
                        .parse()
                        .unwrap_or_else(|_| panic!("<{token}>: not a count")),
                ),
                None => (token, 1),
            };
            let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
            let key = match name {
                "Tab" => plain(KeyCode::Tab),
                "S-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                "Enter" => plain(KeyCode::Enter),
                "Esc" => plain(KeyCode::Esc),
                "BS" => plain(KeyCode::Backspace),
                "Del" => plain(KeyCode::Delete),
                "Up" => plain(KeyCode::Up),
                "Down" => plain(KeyCode::Down),
                "Left" => plain(KeyCode::Left),
                "Right" => plain(KeyCode::Right),
                "PgUp" => plain(KeyCode::PageUp),
                "PgDn" => plain(KeyCode::PageDown),
                "Home" => plain(KeyCode::Home),
                "End" => plain(KeyCode::End),
                "F1" => plain(KeyCode::F(1)),
                "F2" => plain(KeyCode::F(2)),
                "F3" => plain(KeyCode::F(3)),
                "F4" => plain(KeyCode::F(4)),
                "Space" => plain(KeyCode::Char(' ')),
                "lt" => plain(KeyCode::Char('<')),
                n if n.starts_with("C-") && n.len() == 3 => KeyEvent::new(
                    KeyCode::Char(n.chars().nth(2).unwrap()),
                    KeyModifiers::CONTROL,
                ),
                n => panic!("unknown key <{n}>"),
            };
            out.extend(std::iter::repeat_n(key, times));
            continue;
        }
        out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The bytes a terminal (xterm, PuTTY, Xshell) sends for a key.
pub fn key_bytes(key: &KeyEvent) -> Vec<u8> {
    let csi = |s: &str| format!("\x1b[{s}").into_bytes();
    match key.code {
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::CONTROL) => {
            vec![c.to_ascii_lowercase() as u8 - b'a' + 1]
        }
        KeyCode::Char(c) => c.to_string().into_bytes(),
        KeyCode::Tab => b"\t".to_vec(),
        KeyCode::BackTab => csi("Z"),
        KeyCode::Enter => b"\r".to_vec(),
        KeyCode::Esc => b"\x1b".to_vec(),
        KeyCode::Backspace => b"\x7f".to_vec(),
        KeyCode::Delete => csi("3~"),
        KeyCode::Up => csi("A"),
        KeyCode::Down => csi("B"),
        KeyCode::Right => csi("C"),
        KeyCode::Left => csi("D"),
        KeyCode::Home => csi("H"),
        KeyCode::End => csi("F"),
        KeyCode::PageUp => csi("5~"),
        KeyCode::PageDown => csi("6~"),
        KeyCode::F(1) => b"\x1bOP".to_vec(),
        KeyCode::F(2) => b"\x1bOQ".to_vec(),
        KeyCode::F(3) => b"\x1bOR".to_vec(),
        KeyCode::F(4) => b"\x1bOS".to_vec(),
        other => panic!("no bytes for {other:?}"),
    }
}

/// The bytes a terminal sends for a paste with bracketed paste on.
pub fn paste_bytes(text: &str) -> Vec<u8> {
    [b"\x1b[200~", text.as_bytes(), b"\x1b[201~"].concat()
}

/// One thing typed into the wizard: a key or a paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Paste(String),
}

impl Input {
    /// The event the wizard reads.
    pub fn event(&self) -> Event {
        match self {
            Input::Key(k) => Event::Key(*k),
            Input::Paste(t) => Event::Paste(t.clone()),
        }
    }

    /// The bytes the terminal sends.
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            Input::Key(k) => key_bytes(k),
            Input::Paste(t) => paste_bytes(t),
        }
    }

    /// The character it types, if it is a plain character key.
    pub fn char(&self) -> Option<char> {
        match self {
            Input::Key(KeyEvent {
                code: KeyCode::Char(c),
                modifiers,
                ..
            }) if modifiers.is_empty() => Some(*c),
            _ => None,
        }
    }
}

/// The inputs of a key string.
pub fn inputs(spec: &str) -> Vec<Input> {
    keys(spec).into_iter().map(Input::Key).collect()
}

/// Presses the keys; returns the strongest effect.
pub fn press(app: &mut App, spec: &str) -> Effect {
    keys(spec)
        .into_iter()
        .map(|k| app.handle_event(Event::Key(k)))
        .max()
        .unwrap_or(Effect::None)
}

/// A wizard on a new, empty report for 2025.
pub fn new_app() -> App {
    let mut app = App::new(Report::for_year(2025), Lang::Zh, Previous::None, THIS_YEAR);
    app.today = TODAY;
    app
}

/// A wizard on one of the examples.
pub fn example_app(name: &str) -> App {
    let text = std::fs::read_to_string(format!("examples/{name}.toml")).unwrap();
    let loaded = nianbao::toml_read::read(&text, Lang::Zh).unwrap();
    let mut app = App::new(loaded.report, Lang::Zh, Previous::None, THIS_YEAR);
    app.today = TODAY;
    app
}

pub fn cell(path: &str) -> CellId {
    schema::find_cell(path).unwrap_or_else(|| panic!("no cell {path}"))
}

pub fn field(path: &str) -> FieldId {
    schema::find_field(path).unwrap_or_else(|| panic!("no field {path}"))
}

/// The status line's text, or "".
pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}
