//! How the wizard looks: styles with and without colour, and the border set.
//!
//! Colour is never the only signal: the focus is reverse video, problems are
//! underlined and named in words, totals are labelled 总计. Without colour
//! (`NO_COLOR`, `--no-color`) only those remain. `--ascii` draws borders with
//! `+ - |` for terminals that draw box characters two cells wide.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// Display options chosen on the command line and from the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// Colour unless `NO_COLOR` is set to something non-empty or `no_color`.
    pub fn from_env(no_color: bool, ascii: bool) -> Theme {
        let env_no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !(no_color || env_no_color),
            ascii,
        }
    }

    /// The focused field or cell.
    pub fn focus(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Labels and headings.
    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    fn colored(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// An error message or a value with an error: bold, red with colour.
    pub fn error(&self) -> Style {
        self.colored(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A warning: yellow with colour (the words say it is a warning).
    pub fn warning(&self) -> Style {
        self.colored(Color::Yellow)
    }

    /// A value with a problem: underlined (plus colour).
    pub fn flagged(&self, error: bool) -> Style {
        let base = if error {
            self.colored(Color::Red)
        } else {
            self.colored(Color::Yellow)
        };
        base.add_modifier(Modifier::UNDERLINED)
    }

    /// Secondary text (hints, empty placeholders).
    pub fn dim(&self) -> Style {
        self.colored(Color::DarkGray)
    }

    /// Box borders for overlays.
    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }
}
