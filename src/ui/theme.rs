//! Semantic roles to styles: widgets ask for a meaning, never a colour.

use ratatui::style::{Color, Modifier, Style};

use crate::app::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    Text,
    Muted,
    Past,
    Brand,
    TabActive,
    TabInactive,
    Border,
    BorderFocused,
    ColumnHeader,
    Selected,
    Label,
    Heading,
    Accent,
    StatusBar,
    Warning,
    /// Something the user did worked: "Angemeldet: …".
    Success,
    /// A text field of a form.
    Input,
}

pub fn style(theme: Theme, meaning: Meaning) -> Style {
    match theme {
        Theme::Plain => plain(meaning),
        Theme::Dark => coloured(meaning, Color::Cyan, Color::Yellow, Color::DarkGray, Color::Gray),
        Theme::Light => coloured(meaning, Color::Blue, Color::Magenta, Color::Gray, Color::DarkGray),
    }
}

fn plain(meaning: Meaning) -> Style {
    let style = Style::default();
    match meaning {
        Meaning::TabActive | Meaning::Selected => style.add_modifier(Modifier::REVERSED),
        Meaning::Brand | Meaning::Heading | Meaning::ColumnHeader | Meaning::Label | Meaning::BorderFocused => {
            style.add_modifier(Modifier::BOLD)
        }
        Meaning::Past | Meaning::Muted => style.add_modifier(Modifier::DIM),
        Meaning::StatusBar => style.add_modifier(Modifier::REVERSED),
        Meaning::Warning | Meaning::Success => style.add_modifier(Modifier::BOLD),
        Meaning::Input => style.add_modifier(Modifier::UNDERLINED),
        Meaning::Text | Meaning::TabInactive | Meaning::Border | Meaning::Accent => style,
    }
}

fn coloured(meaning: Meaning, accent: Color, highlight: Color, subtle: Color, secondary: Color) -> Style {
    let style = Style::default();
    match meaning {
        Meaning::Text => style,
        Meaning::Muted => style.fg(secondary),
        Meaning::Past => style.fg(subtle),
        Meaning::Brand => style.fg(highlight).add_modifier(Modifier::BOLD),
        Meaning::TabActive => style.fg(Color::Black).bg(accent).add_modifier(Modifier::BOLD),
        Meaning::TabInactive => style.fg(secondary),
        Meaning::Border => style.fg(subtle),
        Meaning::BorderFocused => style.fg(accent),
        Meaning::ColumnHeader => style.fg(accent).add_modifier(Modifier::BOLD),
        Meaning::Selected => style.add_modifier(Modifier::REVERSED),
        Meaning::Label => style.fg(accent).add_modifier(Modifier::BOLD),
        Meaning::Heading => style.add_modifier(Modifier::BOLD),
        Meaning::Accent => style.fg(highlight),
        Meaning::StatusBar => style.fg(Color::Black).bg(secondary),
        Meaning::Warning => style.fg(Color::Red).add_modifier(Modifier::BOLD),
        Meaning::Success => style.fg(Color::Green).add_modifier(Modifier::BOLD),
        Meaning::Input => style.add_modifier(Modifier::UNDERLINED),
    }
}
