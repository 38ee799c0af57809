//! Stage 5 (output), terminal styling: whether to colour (`--color auto|always|never`,
//! `NO_COLOR`, stdout a terminal), the ANSI styles, the terminal width and heat-table
//! shades. Highlighting is in [`super::highlight`], widths and wrapping in [`super::wrap`].

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    Always,
    Never,
}

// 0 = not decided yet, 1 = colour off, 2 = colour on.
static COLOR: AtomicU8 = AtomicU8::new(0);

/// Decide once, from the command line choice, whether output is coloured.
pub fn set_color(choice: ColorChoice) {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    COLOR.store(if on { 2 } else { 1 }, Ordering::Relaxed);
}

/// Is colour on? (Off unless [`set_color`] turned it on.)
pub fn color() -> bool {
    COLOR.load(Ordering::Relaxed) == 2
}

/// Width to wrap at: the terminal's, else `$COLUMNS`, else 80 (never below 40).
pub fn width() -> usize {
    let w = terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(80);
    w.clamp(40, 200)
}

/// ANSI styles used by argdex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Citations and other secondary text.
    Dim,
    /// Group headers.
    Header,
    /// Theme tags.
    Theme,
    /// Words that gave a theme.
    Evidence,
    /// Words of the query.
    Query,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Dim => "\x1b[2m",
            Style::Header => "\x1b[1;34m",
            Style::Theme => "\x1b[36m",
            Style::Evidence => "\x1b[1;33m",
            Style::Query => "\x1b[1;4;31m",
        }
    }
}

/// `s` in style `st` when colour is on, else `s` as is.
pub fn paint(s: &str, st: Style) -> String {
    if color() && !s.is_empty() {
        format!("{}{s}\x1b[0m", st.code())
    } else {
        s.to_string()
    }
}

/// Shade of a count relative to the largest: ` `, `░`, `▒`, `▓`, `█`.
pub fn shade(n: usize, max: usize) -> char {
    if n == 0 || max == 0 {
        return ' ';
    }
    let r = n as f64 / max as f64;
    if r > 0.75 {
        '█'
    } else if r > 0.5 {
        '▓'
    } else if r > 0.25 {
        '▒'
    } else {
        '░'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades() {
        assert_eq!(shade(0, 9), ' ');
        assert_eq!(shade(9, 9), '█');
        assert_eq!(shade(1, 9), '░');
    }
}
