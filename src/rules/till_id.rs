//! A till's id: the first part of every ref it sends, so it must be URL-safe and short. The
//! shop may give it (`--terminal`, `terminal_id` in config.toml) or the till makes one.

/// Longest terminal id kept in a ref (the API documents no ref limit; stay short).
pub const MAX_TERMINAL_LEN: usize = 16;

/// Keeps only URL-safe characters of a terminal id (`[a-z0-9]`, lowercased), never empty.
pub fn clean_terminal_id(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .take(MAX_TERMINAL_LEN)
        .collect();
    if cleaned.is_empty() {
        "pos".to_string()
    } else {
        cleaned
    }
}

/// Whether `text` is a terminal id as [`clean_terminal_id`] makes them: `[a-z0-9]+`.
pub fn is_clean_terminal_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// A terminal id given by the shop (`--terminal`, `terminal_id` in config.toml): used as is,
/// so it must already be what refs carry — 1 to 16 characters of `a-z` and `0-9`.
pub fn check_terminal_id(text: &str) -> Result<&str, String> {
    if is_clean_terminal_id(text) && text.len() <= MAX_TERMINAL_LEN {
        Ok(text)
    } else {
        Err(format!(
            "terminal id '{text}' must be 1 to {MAX_TERMINAL_LEN} characters of a-z and 0-9 \
             (it starts every ref this till sends)"
        ))
    }
}
