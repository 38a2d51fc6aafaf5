//! The keymap: one table of bindings ([`KEYMAP`], yazi-style). Each row names its keys, the
//! action each key maps to, the screens where it applies and its help text. Everything else
//! reads it: the key dispatch ([`action_for`]), the F1 overlay and the README table
//! ([`keymap_help`], [`keymap_markdown`]), and the tab bar and footer hints ([`hint_key`]).
//!
//! Every row and note has a stable id ([`BindingId`], [`NoteId`]) so the help texts can be
//! looked up in a message catalogue.

use crate::i18n::{Lang, Message, MsgId};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::mem::discriminant;

/// What a key asks for; the screen in front decides what it does there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Help,
    /// Switch the screen to the next language (fr → ar → en).
    SwitchLanguage,
    GoSale,
    GoPlans,
    GoHistory,
    /// The books (report screen).
    GoReport,
    /// Sale screen: into the latest-orders pane and back.
    Pane,
    /// Sale screen: repeat the offered regular's last sale (to the confirm step); on the
    /// confirm step, send the same sale again after the duplicate warning; order detail: sell
    /// a NOT_SENT or REFUSED order again (a new order, to the confirm step).
    Repeat,
    /// A new customer (from any screen): the sale screen with the number, the amount and the
    /// plan cleared.
    NewCustomer,
    /// Sale screen: the next product (mobile → Idoom ADSL → Idoom 4G).
    SwitchProduct,
    Refresh,
    /// GETMENU: ask which offers the typed number can take.
    Menu,
    /// The notices list: the last messages of the session, with their time.
    Notices,
    Quit,
    Back,
    Enter,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    ClearLine,
    /// History: open the filter line.
    EditFilter,
    /// Order detail: start a sale with suggested offer N (counted from 0).
    SellOffer(usize),
    /// Print the slip of the order on screen (the books: the day's close).
    Print,
    /// Show that slip exactly as it will print.
    Preview,
    /// A character for the field or filter line in focus.
    Char(char),
}

/// Where a key is pressed: the screen in front, or a layer over it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Sale,
    Plans,
    History,
    /// The history's filter line, while it is edited.
    Filter,
    Detail,
    /// The report screen (F7); its day line takes text.
    Report,
    /// The F1 overlay, over any screen.
    Help,
}

impl Context {
    pub const ALL: [Context; 7] = [
        Context::Sale,
        Context::Plans,
        Context::History,
        Context::Filter,
        Context::Detail,
        Context::Report,
        Context::Help,
    ];

    /// Contexts with a text field: a printable key no binding claims is typed into it.
    fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Sale | Context::Plans | Context::History | Context::Filter | Context::Report
        )
    }
}

/// Every screen, without the help overlay (which swallows what it does not list).
const SCREENS: &[Context] = &[
    Context::Sale,
    Context::Plans,
    Context::History,
    Context::Filter,
    Context::Detail,
    Context::Report,
];
const EVERYWHERE: &[Context] = &Context::ALL;
/// The lists, and the help's list of keys (which scrolls when the window is short).
const LISTS: &[Context] = &[
    Context::Sale,
    Context::Plans,
    Context::History,
    Context::Detail,
    Context::Report,
    Context::Help,
];
/// Screens with a slip to print: the sale result, an order, the books.
const PRINTABLE: &[Context] = &[
    Context::Sale,
    Context::History,
    Context::Detail,
    Context::Report,
];
const FIELDS: &[Context] = &[
    Context::Sale,
    Context::Plans,
    Context::Filter,
    Context::Report,
];

/// A key, as the table names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    /// A function key, whatever the modifiers.
    F(u8),
    /// Ctrl with a letter (either case).
    Ctrl(char),
    /// A named key (Esc, Enter, arrows…), whatever the modifiers.
    Named(KeyCode),
    /// A character key, without Ctrl or Alt.
    Char(char),
    /// A range of character keys (`1-9`), without Ctrl or Alt.
    Chars(char, char),
}

impl On {
    /// The character a key press types, if it types one.
    fn typed(key: KeyEvent) -> Option<char> {
        match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }

    /// The character this press matched with (`None`: no match; for non-character keys the
    /// character is unused).
    fn matches(self, key: KeyEvent) -> Option<char> {
        match self {
            On::F(n) => (key.code == KeyCode::F(n)).then_some('\0'),
            On::Named(code) => (key.code == code).then_some('\0'),
            On::Ctrl(c) => match key.code {
                KeyCode::Char(x)
                    if key.modifiers.contains(KeyModifiers::CONTROL)
                        && x.to_ascii_lowercase() == c =>
                {
                    Some(c)
                }
                _ => None,
            },
            On::Char(c) => Self::typed(key).filter(|&x| x == c),
            On::Chars(lo, hi) => Self::typed(key).filter(|x| (lo..=hi).contains(x)),
        }
    }

    /// The key's name in the help and the README (`PgUp`, `Ctrl-G`).
    pub fn name(self) -> String {
        match self {
            On::F(n) => format!("F{n}"),
            On::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            On::Named(code) => match code {
                KeyCode::Esc => "Esc".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Up => "Up".into(),
                KeyCode::Down => "Down".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Backspace => "Backspace".into(),
                other => other.to_string(),
            },
            On::Char(c) => c.to_string(),
            On::Chars(lo, hi) => format!("{lo}-{hi}"),
        }
    }

    /// The key as the clerk reads it: arrows as arrows (`↑ ↓`), the named keys in the
    /// clerk's language from the catalogues (`Échap`, `Entrée`), the rest as on the key cap.
    pub fn name_in(self, lang: Lang) -> String {
        self.word()
            .map_or_else(|| self.symbol(), |id| lang.t(id).to_string())
    }

    /// The key as a message, worded in whatever language it is shown in (see [`keyed`]).
    pub fn message(self) -> Message {
        self.word()
            .map_or_else(|| Message::from(self.symbol()), Message::new)
    }

    /// The catalogue's word for a named key (`key-esc`…); `None`: a symbol or the cap's text.
    fn word(self) -> Option<MsgId> {
        Some(match self {
            On::Named(KeyCode::Esc) => MsgId::KeyEsc,
            On::Named(KeyCode::Enter) => MsgId::KeyEnter,
            On::Named(KeyCode::Backspace) => MsgId::KeyBackspace,
            On::Named(KeyCode::PageUp) => MsgId::KeyPageUp,
            On::Named(KeyCode::PageDown) => MsgId::KeyPageDown,
            On::Named(KeyCode::Home) => MsgId::KeyHome,
            On::Named(KeyCode::End) => MsgId::KeyEnd,
            On::Named(KeyCode::Tab) => MsgId::KeyTab,
            _ => return None,
        })
    }

    /// Arrows drawn as arrows, other keys by their name.
    fn symbol(self) -> String {
        match self {
            On::Named(KeyCode::Up) => "↑".into(),
            On::Named(KeyCode::Down) => "↓".into(),
            other => other.name(),
        }
    }
}

/// What a key runs: one action, or an action made from the character pressed (`1-9`).
#[derive(Clone, Copy)]
enum Run {
    Fixed(Action),
    Each(fn(char) -> Action),
}

/// One key of a binding and the action it maps to.
#[derive(Clone, Copy)]
pub struct Key {
    pub on: On,
    run: Run,
}

impl Key {
    const fn to(on: On, action: Action) -> Key {
        Key {
            on,
            run: Run::Fixed(action),
        }
    }

    const fn each(on: On, make: fn(char) -> Action) -> Key {
        Key {
            on,
            run: Run::Each(make),
        }
    }

    fn action(&self, key: KeyEvent) -> Option<Action> {
        let c = self.on.matches(key)?;
        Some(match self.run {
            Run::Fixed(a) => a,
            Run::Each(make) => make(c),
        })
    }

    /// The action of this key's first press (for a range, its first character).
    fn example(&self) -> Action {
        match (self.run, self.on) {
            (Run::Fixed(a), _) => a,
            (Run::Each(make), On::Chars(c, _) | On::Char(c)) => make(c),
            (Run::Each(make), _) => make('\0'),
        }
    }
}

/// The stable name of a binding, for the message catalogue that will translate its help.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BindingId {
    Help,
    Sale,
    Plans,
    History,
    Refresh,
    Menu,
    Language,
    Quit,
    Enter,
    Digits,
    Move,
    FirstLast,
    Delete,
    Filter,
    SellOffer,
    Report,
    Repeat,
    Pane,
    Product,
    Print,
    Notices,
}

/// The stable name of a note under a help row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoteId {
    FilterWords,
}

/// A line under a help row that is not a key (the filter syntax), worded in the catalogues.
pub struct Note {
    pub id: NoteId,
}

/// One row of the keymap.
pub struct Binding {
    pub id: BindingId,
    pub keys: &'static [Key],
    /// Where the keys work; elsewhere they do nothing.
    pub screens: &'static [Context],
    pub notes: &'static [Note],
}

impl Binding {
    /// A row with no tab and no notes.
    const fn new(id: BindingId, keys: &'static [Key], screens: &'static [Context]) -> Binding {
        Binding {
            id,
            keys,
            screens,
            notes: &[],
        }
    }

    const fn notes(mut self, notes: &'static [Note]) -> Binding {
        self.notes = notes;
        self
    }

    /// The keys as the help lists them in `lang`: `F6 / Ctrl-G`, `↑ / ↓ / Pg préc / Pg suiv`.
    pub fn label(&self, lang: Lang) -> String {
        let names: Vec<String> = self.keys.iter().map(|k| k.on.name_in(lang)).collect();
        names.join(" / ")
    }
}

fn sell_offer(c: char) -> Action {
    Action::SellOffer((c as usize).saturating_sub('1' as usize))
}

const fn named(code: KeyCode) -> On {
    On::Named(code)
}

/// Every key the app binds, in the order the help lists them.
pub static KEYMAP: &[Binding] = &[
    Binding::new(
        BindingId::Help,
        &[Key::to(On::F(1), Action::Help)],
        EVERYWHERE,
    ),
    Binding::new(
        BindingId::Sale,
        // A new customer: the sale screen with the number, the amount and the plan cleared.
        &[
            Key::to(On::F(2), Action::GoSale),
            Key::to(On::Ctrl('n'), Action::NewCustomer),
        ],
        SCREENS,
    ),
    Binding::new(
        BindingId::Plans,
        &[Key::to(On::F(3), Action::GoPlans)],
        SCREENS,
    ),
    Binding::new(
        BindingId::History,
        &[Key::to(On::F(4), Action::GoHistory)],
        SCREENS,
    ),
    Binding::new(
        BindingId::Refresh,
        &[Key::to(On::F(5), Action::Refresh)],
        SCREENS,
    ),
    Binding::new(
        BindingId::Menu,
        &[
            Key::to(On::F(6), Action::Menu),
            Key::to(On::Ctrl('g'), Action::Menu),
        ],
        &[Context::Sale],
    ),
    Binding::new(
        BindingId::Report,
        &[Key::to(On::F(7), Action::GoReport)],
        SCREENS,
    ),
    Binding::new(
        BindingId::Repeat,
        &[
            Key::to(On::F(8), Action::Repeat),
            Key::to(On::Ctrl('r'), Action::Repeat),
        ],
        &[Context::Sale, Context::Detail],
    ),
    Binding::new(
        BindingId::Language,
        &[Key::to(On::F(9), Action::SwitchLanguage)],
        EVERYWHERE,
    ),
    Binding::new(
        BindingId::Product,
        &[
            Key::to(On::F(12), Action::SwitchProduct),
            Key::to(On::Ctrl('t'), Action::SwitchProduct),
        ],
        &[Context::Sale],
    ),
    Binding::new(
        BindingId::Pane,
        &[Key::to(named(KeyCode::Tab), Action::Pane)],
        &[Context::Sale],
    ),
    Binding::new(
        BindingId::Print,
        &[
            Key::to(On::Ctrl('p'), Action::Print),
            Key::to(On::Ctrl('o'), Action::Preview),
        ],
        PRINTABLE,
    ),
    Binding::new(
        BindingId::Notices,
        &[Key::to(On::Ctrl('l'), Action::Notices)],
        EVERYWHERE,
    ),
    Binding::new(
        BindingId::Quit,
        // Ctrl-C quits too, as in any terminal program (one row: the help fits 80×24).
        &[
            Key::to(On::F(10), Action::Quit),
            Key::to(On::Ctrl('q'), Action::Quit),
            Key::to(On::Ctrl('c'), Action::Quit),
        ],
        EVERYWHERE,
    ),
    // Enter and Esc share a row (so the help still fits 80×24); Enter does nothing on the
    // screens that have no next step (the order detail, the help).
    Binding::new(
        BindingId::Enter,
        &[
            Key::to(named(KeyCode::Enter), Action::Enter),
            Key::to(named(KeyCode::Esc), Action::Back),
        ],
        EVERYWHERE,
    ),
    Binding::new(
        BindingId::Digits,
        &[Key::each(On::Chars('0', '9'), Action::Char)],
        &[Context::Sale],
    ),
    Binding::new(
        BindingId::Move,
        &[
            Key::to(named(KeyCode::Up), Action::Up),
            Key::to(named(KeyCode::Down), Action::Down),
            Key::to(named(KeyCode::PageUp), Action::PageUp),
            Key::to(named(KeyCode::PageDown), Action::PageDown),
        ],
        LISTS,
    ),
    Binding::new(
        BindingId::FirstLast,
        &[
            Key::to(named(KeyCode::Home), Action::Home),
            Key::to(named(KeyCode::End), Action::End),
        ],
        LISTS,
    ),
    Binding::new(
        BindingId::Delete,
        &[
            Key::to(named(KeyCode::Backspace), Action::Backspace),
            Key::to(On::Ctrl('u'), Action::ClearLine),
        ],
        FIELDS,
    ),
    Binding::new(
        BindingId::Filter,
        &[Key::to(On::Char('/'), Action::EditFilter)],
        &[Context::History],
    )
    .notes(&[Note {
        id: NoteId::FilterWords,
    }]),
    Binding::new(
        BindingId::SellOffer,
        &[Key::each(On::Chars('1', '9'), sell_offer)],
        &[Context::Detail],
    ),
];

/// The action for a key press in a context, `None` for keys that do nothing there. A printable
/// key no binding claims is typed into the field in focus.
pub fn action_for(key: KeyEvent, ctx: Context) -> Option<Action> {
    KEYMAP
        .iter()
        .filter(|b| b.screens.contains(&ctx))
        .flat_map(|b| b.keys)
        .find_map(|k| k.action(key))
        .or_else(|| {
            On::typed(key)
                .filter(|_| ctx.takes_text())
                .map(Action::Char)
        })
}

/// The row with this id.
pub fn binding(id: BindingId) -> &'static Binding {
    KEYMAP
        .iter()
        .find(|b| b.id == id)
        .expect("every BindingId has a row in KEYMAP")
}

/// The first key bound to an action (of that kind, for `SellOffer` and `Char`), as a hint shows
/// it: `F6`, `↑`, `1-9`.
/// A message of the screen that names keys: their names come from this keymap, never from the
/// catalogues (`{ $enter }`, `{ $back }`, `{ $refresh }`, `{ $menu }`, `{ $help }`), so a key
/// bound anew is named anew everywhere.
pub fn keyed(id: MsgId) -> Message {
    Message::new(id)
        .msg_of("enter", key_msg(Action::Enter))
        .msg_of("back", key_msg(Action::Back))
        .msg_of("refresh", key_msg(Action::Refresh))
        .msg_of("menu", key_msg(Action::Menu))
        .msg_of("help", key_msg(Action::Help))
}

/// The first key bound to an action.
fn first_key(action: Action) -> On {
    KEYMAP
        .iter()
        .flat_map(|b| b.keys)
        .find(|k| discriminant(&k.example()) == discriminant(&action))
        .map(|k| k.on)
        .expect("every action in a hint has a key in KEYMAP")
}

/// The first key of an action as the English hint names it (`F6`, `↑`, `Enter`).
pub fn hint_key(action: Action) -> String {
    hint_key_in(Lang::En, action)
}

/// The first key of an action in `lang` (`Entrée`, `↑`, `F6`).
pub fn hint_key_in(lang: Lang, action: Action) -> String {
    first_key(action).name_in(lang)
}

/// The first key of an action as a placeable worded in the message's language.
pub fn key_msg(action: Action) -> Message {
    first_key(action).message()
}

/// Several actions' keys as one placeable worded in the message's language: arrows run
/// together (`↑↓`), names are spaced (`↑↓ Pg↑ Pg↓`).
pub fn keys_msg(actions: &[Action]) -> Message {
    let mut parts: Vec<Message> = Vec::new();
    let mut glyphs = String::new();
    for &a in actions {
        let key = first_key(a);
        match key.word() {
            None if key.symbol().chars().count() == 1 && !key.symbol().is_ascii() => {
                glyphs.push_str(&key.symbol());
            }
            _ => {
                if !glyphs.is_empty() {
                    parts.push(Message::from(std::mem::take(&mut glyphs)));
                }
                parts.push(key.message());
            }
        }
    }
    if !glyphs.is_empty() {
        parts.push(Message::from(glyphs));
    }
    let last = parts.pop().unwrap_or_else(|| Message::from(""));
    parts.into_iter().rev().fold(last, |b, a| {
        Message::new(MsgId::KeyPair).msg_of("a", a).msg_of("b", b)
    })
}

/// Several actions' keys in one hint: arrows run together (`↑↓`), words are spaced
/// (`PgUp PgDn`).
pub fn hint_keys(actions: &[Action]) -> String {
    hint_keys_in(Lang::En, actions)
}

/// [`hint_keys`] in `lang` (`Pg préc Pg suiv`).
pub fn hint_keys_in(lang: Lang, actions: &[Action]) -> String {
    let mut out = String::new();
    for key in actions.iter().map(|&a| hint_key_in(lang, a)) {
        let glyph = |s: &str| s.chars().count() == 1 && !s.is_ascii();
        let last = out.chars().last().map(String::from).unwrap_or_default();
        let glued = glyph(&key) && glyph(&last);
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(&key);
    }
    out
}

impl BindingId {
    /// The row's help text in the catalogues (English: the row's `help`, checked by a test).
    pub fn help_msg(self) -> MsgId {
        match self {
            BindingId::Help => MsgId::HelpF1,
            BindingId::Sale => MsgId::HelpF2,
            BindingId::Plans => MsgId::HelpF3,
            BindingId::History => MsgId::HelpF4,
            BindingId::Refresh => MsgId::HelpF5,
            BindingId::Menu => MsgId::HelpF6,
            BindingId::Language => MsgId::HelpLanguage,
            BindingId::Quit => MsgId::HelpQuit,
            BindingId::Enter => MsgId::HelpEnter,
            BindingId::Digits => MsgId::HelpDigits,
            BindingId::Move => MsgId::HelpMove,
            BindingId::FirstLast => MsgId::HelpHomeEnd,
            BindingId::Delete => MsgId::HelpBackspace,
            BindingId::Filter => MsgId::HelpSlash,
            BindingId::SellOffer => MsgId::HelpOfferN,
            BindingId::Report => MsgId::HelpBooks,
            BindingId::Repeat => MsgId::HelpRepeat,
            BindingId::Pane => MsgId::HelpPane,
            BindingId::Product => MsgId::HelpProduct,
            BindingId::Print => MsgId::HelpPrint,
            BindingId::Notices => MsgId::HelpNotices,
        }
    }

    /// The word after the key in the tab bar, for the rows shown there.
    pub fn tab_msg(self) -> Option<MsgId> {
        Some(match self {
            BindingId::Help => MsgId::TabHelp,
            BindingId::Sale => MsgId::TabSale,
            BindingId::Plans => MsgId::TabPlans,
            BindingId::History => MsgId::TabHistory,
            BindingId::Refresh => MsgId::TabRefresh,
            BindingId::Menu => MsgId::TabOffers,
            BindingId::Language => MsgId::TabLanguage,
            BindingId::Report => MsgId::TabBooks,
            BindingId::Quit => MsgId::TabQuit,
            _ => return None,
        })
    }
}

impl NoteId {
    /// The note's label and text in the catalogues (the examples in each language's words).
    pub fn msgs(self) -> (MsgId, MsgId) {
        match self {
            NoteId::FilterWords => (MsgId::HelpFilterWords, MsgId::HelpFilterWordsText),
        }
    }
}

/// The help rows in `lang`: each binding's keys and help, then its notes indented.
pub fn keymap_help_in(lang: Lang) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    for b in KEYMAP {
        rows.push((b.label(lang), lang.f(&keyed(b.id.help_msg()))));
        for n in b.notes {
            let (label, text) = n.id.msgs();
            rows.push((format!("  {}", lang.t(label)), lang.t(text).to_string()));
        }
    }
    rows
}

/// The help rows in English (the README's table): each binding's keys and help, then its
/// notes indented.
pub fn keymap_help() -> Vec<(String, String)> {
    keymap_help_in(Lang::En)
}

/// [`keymap_help`] as the README's Markdown table.
pub fn keymap_markdown() -> String {
    let mut out = String::from("| key | action |\n|---|---|\n");
    for (key, action) in keymap_help() {
        let cell = |s: &str| s.trim().replace('|', "\\|");
        out.push_str(&format!("| {} | {} |\n", cell(&key), cell(&action)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No catalogue names a key itself: a key's name comes from this keymap (see [`keyed`]),
    /// so rebinding a key cannot leave a message naming the old one. The API layer's two
    /// messages about F5 are the exception (the API knows no keymap); the last assert keeps
    /// them true.
    #[test]
    fn the_catalogues_name_no_key_themselves() {
        const API_WORDS: [&str; 2] = ["api-key-refused", "api-access-latched"];
        let names = [
            "Esc", "Échap", "Enter", "Entrée", "Ctrl", "PgUp", "PgDn", "Tab", "Home", "End",
        ];
        let is_key = |word: &str| {
            names.contains(&word)
                || word
                    .strip_prefix('F')
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        };
        for (lang, ftl) in [
            ("en", include_str!("../../assets/i18n/en.ftl")),
            ("fr", include_str!("../../assets/i18n/fr.ftl")),
            ("ar", include_str!("../../assets/i18n/ar.ftl")),
        ] {
            let mut id = "";
            for line in ftl.lines() {
                if line.starts_with('#') {
                    continue;
                }
                if let Some((name, _)) = line.split_once(" =")
                    && !name.starts_with(' ')
                {
                    id = name;
                }
                // The keys' own names (`key-esc = Échap`) are where keys are named.
                if API_WORDS.contains(&id) || id.starts_with("key-") {
                    continue;
                }
                let named: Vec<&str> = line
                    .split(|c: char| !(c.is_alphanumeric() || c == '$'))
                    .filter(|w| is_key(w))
                    .collect();
                assert!(
                    named.is_empty(),
                    "{lang} {id}: names {named:?} itself: {line}"
                );
            }
        }
        assert_eq!(hint_key(Action::Refresh), "F5", "the API's words say F5");
    }

    /// A row's help and tab words live in the catalogues only: every row has them, whole (no
    /// key name left unfilled), in every language.
    #[test]
    fn every_row_is_worded_in_every_language() {
        for lang in [Lang::En, Lang::Fr, Lang::Ar] {
            for b in KEYMAP {
                let help = lang.f(&keyed(b.id.help_msg()));
                assert!(
                    !help.trim().is_empty() && !help.contains('{'),
                    "{lang:?} {:?}: {help:?}",
                    b.id
                );
                if let Some(tab) = b.id.tab_msg() {
                    assert!(!lang.t(tab).trim().is_empty(), "{lang:?} {:?}", b.id);
                }
                for n in b.notes {
                    let (label, _) = n.id.msgs();
                    assert!(!lang.t(label).trim().is_empty());
                }
            }
        }
        assert_eq!(keymap_help(), keymap_help_in(Lang::En));
        assert_eq!(
            keymap_help()[2],
            (
                "F3".to_string(),
                "plan browser: type to filter, Enter sells the plan".into()
            ),
            "the English help names the key from the keymap"
        );
    }

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    fn press(code: KeyCode, ctx: Context) -> Option<Action> {
        action_for(key(code, KeyModifiers::NONE), ctx)
    }

    #[test]
    fn same_global_keys_everywhere() {
        for ctx in Context::ALL {
            assert_eq!(
                action_for(key(KeyCode::F(10), KeyModifiers::NONE), ctx),
                Some(Action::Quit)
            );
            assert_eq!(
                action_for(key(KeyCode::Char('q'), KeyModifiers::CONTROL), ctx),
                Some(Action::Quit)
            );
            assert_eq!(
                action_for(key(KeyCode::Char('c'), KeyModifiers::CONTROL), ctx),
                Some(Action::Quit)
            );
            assert_eq!(press(KeyCode::F(1), ctx), Some(Action::Help));
            assert_eq!(press(KeyCode::Esc, ctx), Some(Action::Back));
        }
        let ctx = Context::Sale;
        assert_eq!(
            action_for(key(KeyCode::Char('g'), KeyModifiers::CONTROL), ctx),
            Some(Action::Menu)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('A'), KeyModifiers::SHIFT), ctx),
            Some(Action::Char('A'))
        );
        assert_eq!(
            action_for(key(KeyCode::Char('x'), KeyModifiers::ALT), ctx),
            None
        );
        assert_eq!(
            action_for(key(KeyCode::Insert, KeyModifiers::NONE), ctx),
            None
        );
        assert_eq!(
            action_for(key(KeyCode::Char('x'), KeyModifiers::CONTROL), ctx),
            None
        );
    }

    #[test]
    fn the_same_key_means_what_the_screen_says() {
        let c = |ch| KeyCode::Char(ch);
        assert_eq!(press(c('/'), Context::History), Some(Action::EditFilter));
        assert_eq!(press(c('/'), Context::Filter), Some(Action::Char('/')));
        assert_eq!(press(c('/'), Context::Plans), Some(Action::Char('/')));
        assert_eq!(press(c('3'), Context::Detail), Some(Action::SellOffer(2)));
        assert_eq!(press(c('3'), Context::Sale), Some(Action::Char('3')));
        assert_eq!(press(c('0'), Context::Detail), None);
        assert_eq!(press(c('x'), Context::Detail), None);
        // The help overlay lets through only what closes it or quits.
        assert_eq!(press(KeyCode::F(2), Context::Help), None);
        assert_eq!(press(c('5'), Context::Help), None);
        assert_eq!(press(KeyCode::Up, Context::Filter), None);
        assert_eq!(press(KeyCode::F(6), Context::History), None);
        assert_eq!(press(KeyCode::F(6), Context::Sale), Some(Action::Menu));
    }

    /// Whether one press could match both keys.
    fn overlaps(a: On, b: On) -> bool {
        let range = |o: On| match o {
            On::Char(c) => Some((c, c)),
            On::Chars(lo, hi) => Some((lo, hi)),
            _ => None,
        };
        match (range(a), range(b)) {
            (Some((a, b)), Some((c, d))) => a <= d && c <= b,
            (None, None) => a == b,
            _ => false,
        }
    }

    #[test]
    fn no_two_bindings_claim_one_key_in_one_context() {
        for ctx in Context::ALL {
            let keys: Vec<(BindingId, On)> = KEYMAP
                .iter()
                .filter(|b| b.screens.contains(&ctx))
                .flat_map(|b| b.keys.iter().map(|k| (b.id, k.on)))
                .collect();
            for (i, (a, ka)) in keys.iter().enumerate() {
                for (b, kb) in &keys[i + 1..] {
                    assert!(
                        !overlaps(*ka, *kb),
                        "{ctx:?}: {a:?} and {b:?} both bind {ka:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_binding_has_one_id_and_a_key() {
        for (i, b) in KEYMAP.iter().enumerate() {
            assert!(!b.keys.is_empty() && !b.screens.is_empty(), "{:?}", b.id);
            assert!(KEYMAP[i + 1..].iter().all(|o| o.id != b.id), "{:?}", b.id);
            assert!(std::ptr::eq(binding(b.id), b));
        }
    }

    #[test]
    fn hints_name_the_keys_of_the_table() {
        assert_eq!(hint_key(Action::Menu), "F6");
        assert_eq!(hint_key(Action::ClearLine), "Ctrl-U");
        assert_eq!(hint_key(Action::SellOffer(4)), "1-9");
        assert_eq!(hint_keys(&[Action::Up, Action::Down]), "↑↓");
        let moves = keys_msg(&[Action::Up, Action::Down, Action::PageUp, Action::PageDown]);
        assert_eq!(moves.in_lang(Lang::En), "↑↓ PgUp PgDn");
        assert_eq!(moves.in_lang(Lang::Fr), "↑↓ Pg↑ Pg↓");
        assert_eq!(
            keyed(MsgId::HelpTitle).in_lang(Lang::Fr),
            "Touches — F1 ou Échap pour fermer"
        );
        assert_eq!(
            hint_keys(&[Action::Up, Action::Down, Action::PageUp, Action::PageDown]),
            "↑↓ PgUp PgDn"
        );
    }

    #[test]
    fn the_readme_table_has_one_row_per_key() {
        let md = keymap_markdown();
        assert_eq!(md.lines().count(), keymap_help().len() + 2);
        assert!(md.contains("| F6 / Ctrl-G | offers this number can take (GETMENU) |"));
    }

    #[test]
    fn help_names_every_function_key() {
        let help = keymap_help();
        let keys: Vec<&str> = help.iter().map(|(k, _)| k.as_str()).collect();
        for k in [
            "F1",
            "F2 / Ctrl-N",
            "F3",
            "F4",
            "F5",
            "F6 / Ctrl-G",
            "F10 / Ctrl-Q / Ctrl-C",
            "F12 / Ctrl-T",
            "Enter / Esc",
            "Ctrl-P / Ctrl-O",
            "/",
        ] {
            assert!(keys.contains(&k), "{k} missing from help");
        }
    }
}
