//! Keys are data: one table per mode, built-in defaults that the
//! `[keys.<mode>]` tables of config.toml can override per command.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Serialize};

use crate::i18n::Strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Quit,
    NextTab,
    PrevTab,
    Tab1,
    Tab2,
    Tab3,
    Tab4,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Open,
    Back,
    Help,
    ScrollDown,
    ScrollUp,
    Search,
    RegionFilter,
    ClearRegion,
    CycleTime,
    Confirm,
    Cancel,
    DeleteChar,
    DeleteWord,
    ClearInput,
    Expand,
    Collapse,
    ToggleOnline,
    Tab5,
    Register,
    ToggleInterest,
    Undo,
    EditProfile,
    Export,
    NextField,
    PrevField,
    Submit,
    CursorLeft,
    CursorRight,
    DeleteForward,
    Yes,
    No,
    ToggleChoice,
    Calendar,
    Agenda,
    Map,
    CycleSort,
}

impl Command {
    pub fn describe(self, strings: &Strings) -> String {
        match self {
            Command::Quit => strings.cmd_quit.to_owned(),
            Command::NextTab => strings.cmd_next_tab.to_owned(),
            Command::PrevTab => strings.cmd_prev_tab.to_owned(),
            Command::Tab1 => format!("{}: {}", strings.cmd_tab, strings.tab_events),
            Command::Tab2 => format!("{}: {}", strings.cmd_tab, strings.tab_projects),
            Command::Tab3 => format!("{}: {}", strings.cmd_tab, strings.tab_practices),
            Command::Tab4 => format!("{}: {}", strings.cmd_tab, strings.tab_roundtables),
            Command::Down => strings.cmd_down.to_owned(),
            Command::Up => strings.cmd_up.to_owned(),
            Command::Top => strings.cmd_top.to_owned(),
            Command::Bottom => strings.cmd_bottom.to_owned(),
            Command::PageDown => strings.cmd_page_down.to_owned(),
            Command::PageUp => strings.cmd_page_up.to_owned(),
            Command::Open => strings.cmd_open.to_owned(),
            Command::Back => strings.cmd_back.to_owned(),
            Command::Help => strings.cmd_help.to_owned(),
            Command::ScrollDown => strings.cmd_scroll_down.to_owned(),
            Command::ScrollUp => strings.cmd_scroll_up.to_owned(),
            Command::Search => strings.cmd_search.to_owned(),
            Command::RegionFilter => strings.cmd_region_filter.to_owned(),
            Command::ClearRegion => strings.cmd_clear_region.to_owned(),
            Command::CycleTime => strings.cmd_cycle_time.to_owned(),
            Command::Confirm => strings.cmd_confirm.to_owned(),
            Command::Cancel => strings.cmd_cancel.to_owned(),
            Command::DeleteChar => strings.cmd_delete_char.to_owned(),
            Command::DeleteWord => strings.cmd_delete_word.to_owned(),
            Command::ClearInput => strings.cmd_clear_input.to_owned(),
            Command::Expand => strings.cmd_expand.to_owned(),
            Command::Collapse => strings.cmd_collapse.to_owned(),
            Command::ToggleOnline => strings.cmd_toggle_online.to_owned(),
            Command::Tab5 => format!("{}: {}", strings.cmd_tab, strings.reg.tab_mine),
            Command::Register => strings.reg.cmd_register.to_owned(),
            Command::ToggleInterest => strings.reg.cmd_interest.to_owned(),
            Command::Undo => strings.reg.cmd_undo.to_owned(),
            Command::EditProfile => strings.reg.cmd_profile.to_owned(),
            Command::Export => strings.reg.cmd_export.to_owned(),
            Command::NextField => strings.reg.cmd_next_field.to_owned(),
            Command::PrevField => strings.reg.cmd_prev_field.to_owned(),
            Command::Submit => strings.reg.cmd_submit.to_owned(),
            Command::CursorLeft => strings.reg.cmd_cursor_left.to_owned(),
            Command::CursorRight => strings.reg.cmd_cursor_right.to_owned(),
            Command::DeleteForward => strings.reg.cmd_delete_forward.to_owned(),
            Command::Yes => strings.reg.cmd_yes.to_owned(),
            Command::No => strings.reg.cmd_no.to_owned(),
            Command::ToggleChoice => strings.reg.cmd_toggle_choice.to_owned(),
            Command::Calendar => strings.plan.cmd_calendar.to_owned(),
            Command::Agenda => strings.plan.cmd_agenda.to_owned(),
            Command::Map => strings.plan.cmd_map.to_owned(),
            Command::CycleSort => strings.plan.cmd_sort.to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    List,
    Detail,
    Help,
    /// The search line has the keyboard: printable keys type.
    Search,
    /// The region picker is open: printable keys narrow it.
    Picker,
    /// A profile or registration form: printable keys type into the field.
    Form,
    /// A yes/no question.
    Confirm,
    /// The month calendar: arrows move by day and week.
    Calendar,
    Agenda,
    /// The map: arrows go to the next Kreis that way.
    Map,
}

impl Mode {
    pub const ALL: [Mode; 10] = [
        Mode::List,
        Mode::Detail,
        Mode::Help,
        Mode::Search,
        Mode::Picker,
        Mode::Form,
        Mode::Confirm,
        Mode::Calendar,
        Mode::Agenda,
        Mode::Map,
    ];

    /// Modes in which unbound printable keys are text, not commands.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Search | Mode::Picker | Mode::Form)
    }
}

/// A key with its modifiers, normalised so that "J" matches whether or not
/// the terminal also reports Shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    code: KeyCode,
    modifiers: KeyModifiers,
}

impl Chord {
    fn new(code: KeyCode, modifiers: KeyModifiers) -> Chord {
        let mut modifiers = modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(ch) => {
                modifiers.remove(KeyModifiers::SHIFT);
                if modifiers.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(ch.to_ascii_lowercase())
                } else {
                    KeyCode::Char(ch)
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Chord { code, modifiers }
    }

    pub fn from_event(event: &KeyEvent) -> Option<Chord> {
        (event.kind != KeyEventKind::Release).then(|| Chord::new(event.code, event.modifiers))
    }
}

const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("„{0}“ ist keine bekannte Taste (Beispiele: j, G, Ctrl-c oder Strg-c, Shift-Tab, PgDn, F1)")]
pub struct BadKey(pub String);

impl FromStr for Chord {
    type Err = BadKey;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || BadKey(text.to_owned());
        if let Some((_, code)) = NAMED_KEYS.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)) {
            return Ok(Chord::new(*code, KeyModifiers::NONE));
        }
        // Other common spellings, and the names on German keyboards.
        let aliases = [
            ("PageUp", KeyCode::PageUp),
            ("PageDown", KeyCode::PageDown),
            ("BackTab", KeyCode::BackTab),
            ("Bild-auf", KeyCode::PageUp),
            ("Bild-ab", KeyCode::PageDown),
            ("Umschalt-Tab", KeyCode::BackTab),
            ("Eingabe", KeyCode::Enter),
            ("Rücktaste", KeyCode::Backspace),
            ("Entf", KeyCode::Delete),
            ("Einfg", KeyCode::Insert),
            ("Pos1", KeyCode::Home),
            ("Ende", KeyCode::End),
            ("Leertaste", KeyCode::Char(' ')),
        ];
        if let Some((_, code)) = aliases.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)) {
            return Ok(Chord::new(*code, KeyModifiers::NONE));
        }
        let mut chars = text.chars();
        if let (Some(ch), None) = (chars.next(), chars.next()) {
            return Ok(Chord::new(KeyCode::Char(ch), KeyModifiers::NONE));
        }
        if let Some(number) = text.strip_prefix(['F', 'f']).and_then(|n| n.parse::<u8>().ok()) {
            return Ok(Chord::new(KeyCode::F(number), KeyModifiers::NONE));
        }
        // "Ctrl-j" as the help shows it, "Strg-j" as the German UI writes it, "Ctrl+j" as many tools do.
        for (prefix, modifier) in
            [("Ctrl", KeyModifiers::CONTROL), ("Strg", KeyModifiers::CONTROL), ("Alt", KeyModifiers::ALT)]
        {
            let rest = text
                .get(..prefix.len())
                .filter(|head| head.eq_ignore_ascii_case(prefix))
                .and_then(|_| text[prefix.len()..].strip_prefix(['-', '+']))
                .filter(|rest| !rest.is_empty());
            if let Some(rest) = rest {
                let inner: Chord = rest.parse().map_err(|_| bad())?;
                return Ok(Chord::new(inner.code, inner.modifiers | modifier));
            }
        }
        Err(bad())
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if let Some((name, _)) = NAMED_KEYS.iter().find(|(_, code)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(ch) => write!(f, "{ch}"),
            KeyCode::F(number) => write!(f, "F{number}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub chord: Chord,
    pub command: Command,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    tables: BTreeMap<Mode, Vec<Binding>>,
}

const MOVES: &[(Command, &[&str])] = &[
    (Command::Down, &["j", "Down"]),
    (Command::Up, &["k", "Up"]),
    (Command::Top, &["g", "Home"]),
    (Command::Bottom, &["G", "End"]),
    (Command::PageDown, &["PgDn", "Ctrl-f"]),
    (Command::PageUp, &["PgUp", "Ctrl-b"]),
];

const TABS: &[(Command, &[&str])] = &[
    (Command::NextTab, &["Tab", "l", "Right"]),
    (Command::PrevTab, &["Shift-Tab", "h", "Left"]),
    (Command::Tab1, &["1"]),
    (Command::Tab2, &["2"]),
    (Command::Tab3, &["3"]),
    (Command::Tab4, &["4"]),
    (Command::Tab5, &["5"]),
];

const PERSONAL: &[(Command, &[&str])] = &[
    (Command::Register, &["r"]),
    (Command::ToggleInterest, &["i"]),
    (Command::Undo, &["u"]),
    (Command::EditProfile, &["p"]),
    (Command::Export, &["x"]),
];

const PLAN_VIEWS: &[(Command, &[&str])] =
    &[(Command::Calendar, &["c"]), (Command::Agenda, &["a"]), (Command::Map, &["m"])];

const ALWAYS: &[(Command, &[&str])] = &[(Command::Help, &["?", "F1"]), (Command::Quit, &["q", "Ctrl-c"])];

fn default_table(mode: Mode) -> Vec<(Command, &'static [&'static str])> {
    let mut table: Vec<(Command, &[&str])> = Vec::new();
    match mode {
        Mode::List => {
            table.extend_from_slice(MOVES);
            table.extend_from_slice(TABS);
            table.push((Command::Open, &["Enter"]));
            table.push((Command::Search, &["/"]));
            table.push((Command::RegionFilter, &["f"]));
            table.push((Command::ClearRegion, &["F"]));
            table.push((Command::CycleTime, &["t"]));
            table.push((Command::ScrollDown, &["J", "Ctrl-d"]));
            table.push((Command::ScrollUp, &["K", "Ctrl-u"]));
            table.push((Command::Back, &["Esc"]));
            table.extend_from_slice(PERSONAL);
            table.extend_from_slice(PLAN_VIEWS);
            table.push((Command::CycleSort, &["s"]));
        }
        Mode::Calendar => {
            table.push((Command::CursorLeft, &["Left", "h"]));
            table.push((Command::CursorRight, &["Right", "l"]));
            table.push((Command::Up, &["Up", "k"]));
            table.push((Command::Down, &["Down", "j"]));
            table.push((Command::PageUp, &["PgUp"]));
            table.push((Command::PageDown, &["PgDn"]));
            table.push((Command::Top, &["Home", "g"]));
            table.push((Command::Open, &["Enter"]));
            table.push((Command::Back, &["Esc"]));
            table.extend_from_slice(PLAN_VIEWS);
        }
        Mode::Agenda => {
            table.extend_from_slice(MOVES);
            table.push((Command::Open, &["Enter"]));
            table.push((Command::Back, &["Esc"]));
            table.extend_from_slice(PLAN_VIEWS);
        }
        Mode::Map => {
            table.push((Command::Up, &["Up", "k"]));
            table.push((Command::Down, &["Down", "j"]));
            table.push((Command::CursorLeft, &["Left", "h"]));
            table.push((Command::CursorRight, &["Right", "l"]));
            table.push((Command::Confirm, &["Enter"]));
            table.push((Command::Back, &["Esc"]));
            table.extend_from_slice(PLAN_VIEWS);
        }
        Mode::Detail => {
            table.push((Command::ScrollDown, &["j", "Down", "Space"]));
            table.push((Command::ScrollUp, &["k", "Up"]));
            table.push((Command::PageDown, &["PgDn", "Ctrl-f"]));
            table.push((Command::PageUp, &["PgUp", "Ctrl-b"]));
            table.push((Command::Top, &["g", "Home"]));
            table.push((Command::Bottom, &["G", "End"]));
            table.push((Command::Back, &["Esc", "Enter", "Backspace"]));
            table.extend_from_slice(TABS);
            table.extend_from_slice(PERSONAL);
        }
        Mode::Help => {
            table.push((Command::Back, &["Esc"]));
            table.push((Command::ScrollDown, &["j", "Down"]));
            table.push((Command::ScrollUp, &["k", "Up"]));
            table.push((Command::PageDown, &["PgDn", "Ctrl-f", "Space"]));
            table.push((Command::PageUp, &["PgUp", "Ctrl-b"]));
            table.push((Command::Top, &["g", "Home"]));
            table.push((Command::Bottom, &["G", "End"]));
        }
        Mode::Search => {
            table.push((Command::Confirm, &["Enter"]));
            table.push((Command::Cancel, &["Esc"]));
            table.push((Command::DeleteChar, &["Backspace"]));
            table.push((Command::DeleteWord, &["Ctrl-w"]));
            table.push((Command::ClearInput, &["Ctrl-u"]));
            table.push((Command::Down, &["Down"]));
            table.push((Command::Up, &["Up"]));
            table.push((Command::NextTab, &["Tab"]));
            table.push((Command::PrevTab, &["Shift-Tab"]));
            table.push((Command::Quit, &["Ctrl-c"]));
            return table;
        }
        Mode::Picker => {
            table.push((Command::Confirm, &["Enter"]));
            table.push((Command::Cancel, &["Esc"]));
            table.push((Command::Down, &["Down", "Ctrl-n"]));
            table.push((Command::Up, &["Up", "Ctrl-p"]));
            table.push((Command::PageDown, &["PgDn"]));
            table.push((Command::PageUp, &["PgUp"]));
            table.push((Command::Expand, &["Right"]));
            table.push((Command::Collapse, &["Left"]));
            table.push((Command::ToggleOnline, &["Ctrl-o"]));
            table.push((Command::DeleteChar, &["Backspace"]));
            table.push((Command::ClearInput, &["Ctrl-u"]));
            table.push((Command::Quit, &["Ctrl-c"]));
            return table;
        }
        Mode::Form => {
            table.push((Command::NextField, &["Tab", "Down"]));
            table.push((Command::PrevField, &["Shift-Tab", "Up"]));
            table.push((Command::Confirm, &["Enter"]));
            table.push((Command::Submit, &["Ctrl-s"]));
            table.push((Command::Cancel, &["Esc"]));
            table.push((Command::CursorLeft, &["Left"]));
            table.push((Command::CursorRight, &["Right"]));
            table.push((Command::Top, &["Home", "Ctrl-a"]));
            table.push((Command::Bottom, &["End", "Ctrl-e"]));
            table.push((Command::DeleteChar, &["Backspace"]));
            table.push((Command::DeleteForward, &["Delete"]));
            table.push((Command::DeleteWord, &["Ctrl-w"]));
            table.push((Command::ClearInput, &["Ctrl-u"]));
            table.push((Command::Quit, &["Ctrl-c"]));
            return table;
        }
        Mode::Confirm => {
            // Not j: it moves down in every list, and a habit must not cancel a registration.
            table.push((Command::Yes, &["y"]));
            table.push((Command::No, &["n", "Esc"]));
            table.push((Command::Confirm, &["Enter"]));
            table.push((Command::ToggleChoice, &["Left", "Right", "Tab", "Shift-Tab", "h", "l"]));
            table.push((Command::Quit, &["Ctrl-c"]));
            return table;
        }
    }
    table.extend_from_slice(ALWAYS);
    table
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    pub mode: Mode,
    pub chord: Chord,
    /// The command the key runs.
    pub acts: Command,
    /// The command that loses the key.
    pub ignored: Command,
}

/// A command's or mode's name as config.toml spells it.
pub fn config_name(value: &impl Serialize) -> String {
    // Unit variants serialise to their snake_case name: a JSON string.
    serde_json::to_string(value).map(|quoted| quoted.trim_matches('"').to_owned()).unwrap_or_default()
}

/// Config overrides: per mode, a command and the keys that replace its defaults.
pub type KeyOverrides = BTreeMap<Mode, BTreeMap<Command, Vec<String>>>;

impl Keymap {
    pub fn defaults() -> Keymap {
        Keymap::with_overrides(&KeyOverrides::new()).expect("the built-in key names are valid")
    }

    pub fn with_overrides(overrides: &KeyOverrides) -> Result<Keymap, BadKey> {
        let mut tables = BTreeMap::new();
        for mode in Mode::ALL {
            let mut bindings = Vec::new();
            let mode_overrides = overrides.get(&mode);
            let mut table: Vec<(Command, Vec<String>)> = default_table(mode)
                .into_iter()
                .map(|(command, keys)| (command, keys.iter().map(|key| key.to_string()).collect()))
                .collect();
            for (command, keys) in mode_overrides.into_iter().flatten() {
                match table.iter_mut().find(|(existing, _)| existing == command) {
                    Some(entry) => entry.1 = keys.clone(),
                    None => table.push((*command, keys.clone())),
                }
            }
            for (command, keys) in table {
                for key in keys {
                    bindings.push(Binding { chord: key.parse()?, command });
                }
            }
            tables.insert(mode, bindings);
        }
        Ok(Keymap { tables })
    }

    /// Keys bound to two commands in one mode (a config's `down = ["r"]`
    /// against the built-in `r`): the first in the table is what the key does.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut conflicts = Vec::new();
        for (mode, bindings) in &self.tables {
            for (at, binding) in bindings.iter().enumerate() {
                let earlier = bindings[..at].iter().find(|other| other.chord == binding.chord);
                if let Some(earlier) = earlier.filter(|earlier| earlier.command != binding.command) {
                    conflicts.push(Conflict {
                        mode: *mode,
                        chord: binding.chord,
                        acts: earlier.command,
                        ignored: binding.command,
                    });
                }
            }
        }
        conflicts
    }

    pub fn command(&self, mode: Mode, chord: Chord) -> Option<Command> {
        self.tables[&mode].iter().find(|binding| binding.chord == chord).map(|binding| binding.command)
    }

    /// Every command of a mode with all its keys, in table order, for the help overlay.
    pub fn describe(&self, mode: Mode) -> Vec<(Command, Vec<Chord>)> {
        let mut described: Vec<(Command, Vec<Chord>)> = Vec::new();
        for binding in &self.tables[&mode] {
            match described.iter_mut().find(|(command, _)| *command == binding.command) {
                Some((_, chords)) => chords.push(binding.chord),
                None => described.push((binding.command, vec![binding.chord])),
            }
        }
        described
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Chord {
        Chord::from_event(&KeyEvent::new(code, modifiers)).unwrap()
    }

    #[test]
    fn default_keys_reach_their_commands() {
        let keymap = Keymap::defaults();
        assert_eq!(keymap.command(Mode::List, press(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Command::Down));
        assert_eq!(keymap.command(Mode::List, press(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Command::Bottom));
        assert_eq!(keymap.command(Mode::List, press(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Command::PrevTab));
        assert_eq!(keymap.command(Mode::List, press(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Command::Quit));
        assert_eq!(keymap.command(Mode::Detail, press(KeyCode::Esc, KeyModifiers::NONE)), Some(Command::Back));
        assert_eq!(keymap.command(Mode::List, press(KeyCode::Char('z'), KeyModifiers::NONE)), None);
        assert_eq!(keymap.command(Mode::List, press(KeyCode::Char('r'), KeyModifiers::NONE)), Some(Command::Register));
        assert_eq!(keymap.command(Mode::Form, press(KeyCode::Char('s'), KeyModifiers::CONTROL)), Some(Command::Submit));
        assert_eq!(
            keymap.command(Mode::Form, press(KeyCode::Char('r'), KeyModifiers::NONE)),
            None,
            "r types in a form"
        );
        assert_eq!(keymap.command(Mode::Confirm, press(KeyCode::Enter, KeyModifiers::NONE)), Some(Command::Confirm));
        for navigation in ['j', 'k', 'g', 'G'] {
            let command = keymap.command(Mode::Confirm, press(KeyCode::Char(navigation), KeyModifiers::NONE));
            assert_ne!(command, Some(Command::Yes), "{navigation} confirms nothing");
        }
    }

    #[test]
    fn overrides_replace_the_keys_of_one_command() {
        let mut list = BTreeMap::new();
        list.insert(Command::Down, vec!["n".to_owned()]);
        let overrides = KeyOverrides::from([(Mode::List, list)]);
        let keymap = Keymap::with_overrides(&overrides).unwrap();
        assert_eq!(keymap.command(Mode::List, press(KeyCode::Char('n'), KeyModifiers::NONE)), Some(Command::Down));
        assert_eq!(keymap.command(Mode::List, press(KeyCode::Char('j'), KeyModifiers::NONE)), None);
        assert_eq!(keymap.command(Mode::List, press(KeyCode::Char('k'), KeyModifiers::NONE)), Some(Command::Up));
    }

    #[test]
    fn key_names_as_the_ui_writes_them_are_accepted() {
        let ctrl_j = press(KeyCode::Char('j'), KeyModifiers::CONTROL);
        for name in ["Ctrl-j", "ctrl-J", "Strg-j", "STRG-j", "Ctrl+j", "Strg+j"] {
            assert_eq!(name.parse::<Chord>(), Ok(ctrl_j), "{name}");
        }
        assert_eq!("Bild-ab".parse::<Chord>(), Ok(press(KeyCode::PageDown, KeyModifiers::NONE)));
        assert_eq!("Pos1".parse::<Chord>(), Ok(press(KeyCode::Home, KeyModifiers::NONE)));
        assert!("Strg-".parse::<Chord>().is_err() && "Strgx".parse::<Chord>().is_err());
    }

    #[test]
    fn the_built_in_keys_do_not_clash() {
        assert_eq!(Keymap::defaults().conflicts(), []);
    }

    #[test]
    fn a_key_bound_twice_in_one_mode_is_reported_with_both_commands() {
        let overrides = KeyOverrides::from([(Mode::List, BTreeMap::from([(Command::Down, vec!["r".to_owned()])]))]);
        let keymap = Keymap::with_overrides(&overrides).unwrap();
        let conflicts = keymap.conflicts();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        let conflict = conflicts[0];
        assert_eq!((conflict.mode, conflict.acts, conflict.ignored), (Mode::List, Command::Down, Command::Register));
        assert_eq!(conflict.chord.to_string(), "r");
        assert_eq!((config_name(&conflict.acts), config_name(&conflict.mode)), ("down".into(), "list".into()));
    }

    #[test]
    fn key_names_parse_and_print_alike() {
        for name in ["j", "G", "?", "Ctrl-c", "Shift-Tab", "PgDn", "F1", "Enter", "Esc", "Alt-x"] {
            let chord: Chord = name.parse().unwrap();
            assert_eq!(chord.to_string(), name);
        }
        assert!("Hyper-q".parse::<Chord>().is_err());
    }
}
