//! Which English UI words are left on a French or Arabic screen.

/// Words of the English catalogue that neither the French nor the Arabic one uses: on a French
/// or Arabic screen, any of them is an English UI word left behind.
pub fn english_only_words() -> std::collections::BTreeSet<String> {
    fn words(ftl: &str) -> std::collections::BTreeSet<String> {
        ftl.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter_map(|l| l.split_once('=').map(|(_, v)| v).or(Some(l)))
            .flat_map(|v| {
                v.split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| w.len() >= 3)
                    .map(|w| w.to_ascii_lowercase())
                    .collect::<Vec<_>>()
            })
            .collect()
    }
    let en = words(include_str!("../../../assets/i18n/en.ftl"));
    let others: std::collections::BTreeSet<String> =
        words(include_str!("../../../assets/i18n/fr.ftl"))
            .union(&words(include_str!("../../../assets/i18n/ar.ftl")))
            .cloned()
            .collect();
    // Key names (Up, Down, PgDn, Home…) are the keyboard's, shown as they are in every language.
    let keys = [
        "up",
        "down",
        "home",
        "end",
        "enter",
        "esc",
        "backspace",
        "ctrl",
        "tab",
    ];
    en.difference(&others)
        .filter(|w| !keys.contains(&w.as_str()))
        .cloned()
        .collect()
}

/// The English UI words on a screen (plan names and codes are the API's, not UI words).
pub fn english_left(screen: &str, english: &std::collections::BTreeSet<String>) -> Vec<String> {
    let mut found: Vec<String> = screen
        .split(|c: char| !c.is_ascii_alphabetic())
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| english.contains(w))
        .collect();
    found.sort();
    found.dedup();
    found
}
