//! Greedy word wrap of one logical paragraph to a width in terminal cells.
//!
//! Lines break at ASCII spaces; the spaces at a break are consumed, spaces inside a line are
//! kept, and lines never start or end with a space. A word wider than the line is split at
//! grapheme boundaries. A single grapheme wider than the whole line (a wide CJK character or
//! emoji in a 1-cell box) cannot be shown and becomes U+FFFD, so no line ever overflows.
//! A combining mark (or other extending character) with no base before it, at the start of a
//! word, is given a dotted circle U+25CC as base, as text renderers do: otherwise reordering
//! could attach it to whatever lands next to it and change that character's width.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use super::width::{clusters, display_width, grapheme_width};

/// Shown instead of a grapheme that is wider than the whole line.
pub const TOO_WIDE: &str = "\u{FFFD}";

/// Base given to a combining mark that starts a word.
pub const ORPHAN_BASE: char = '\u{25CC}';

/// Wraps `paragraph` (no `\n`) into logical lines no wider than `width` by `measure`.
///
/// `measure` gives a word's width as it will be drawn (after shaping, for the app bidi mode) and
/// must never exceed the sum of its graphemes' widths. Returns no lines for an empty paragraph
/// or a zero width.
pub fn wrap(paragraph: &str, width: usize, measure: impl Fn(&str) -> usize) -> Vec<String> {
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    let mut line = String::new();
    let mut line_width = 0;
    for (gap, word) in words(paragraph) {
        let word = &*with_base(word);
        let word_width = measure(word);
        if !line.is_empty() && line_width + gap.len() + word_width <= width {
            line.push_str(gap);
            line.push_str(word);
            line_width += gap.len() + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if word_width <= width {
            line.push_str(word);
            line_width = word_width;
        } else {
            line_width = split_long_word(word, width, &mut lines, &mut line);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Words with the run of spaces before each.
fn words(paragraph: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = paragraph;
    std::iter::from_fn(move || {
        let word_start = rest.find(|c| c != ' ')?;
        let (gap, tail) = rest.split_at(word_start);
        let word_end = tail.find(' ').unwrap_or(tail.len());
        let (word, after) = tail.split_at(word_end);
        rest = after;
        Some((gap, word))
    })
}

/// `word` with [`ORPHAN_BASE`] in front if it starts with a character that extends the
/// grapheme before it (combining mark, ZWJ, variation selector, emoji modifier, ...).
fn with_base(word: &str) -> Cow<'_, str> {
    match word.chars().next() {
        Some(first) if !first.is_ascii() && extends_previous(first) => {
            Cow::Owned(format!("{ORPHAN_BASE}{word}"))
        }
        _ => Cow::Borrowed(word),
    }
}

/// Whether `c` joins the grapheme before it.
fn extends_previous(c: char) -> bool {
    let mut buf = [0u8; 8];
    let base_len = ORPHAN_BASE.len_utf8();
    ORPHAN_BASE.encode_utf8(&mut buf);
    let end = base_len + c.encode_utf8(&mut buf[base_len..]).len();
    std::str::from_utf8(&buf[..end]).is_ok_and(|pair| pair.graphemes(true).nth(1).is_none())
}

/// Cuts `word` into full lines pushed to `lines`; the last piece is left in `line` (empty on
/// entry) and its width returned.
fn split_long_word(word: &str, width: usize, lines: &mut Vec<String>, line: &mut String) -> usize {
    let mut line_width = 0;
    for (_, g) in clusters(word) {
        let (g, w) = match grapheme_width(g) {
            w if w > width => (TOO_WIDE, display_width(TOO_WIDE)),
            w => (g, w),
        };
        if line_width + w > width && !line.is_empty() {
            lines.push(std::mem::take(line));
            line_width = 0;
        }
        line.push_str(g);
        line_width += w;
    }
    line_width
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap_plain(text: &str, width: usize) -> Vec<String> {
        wrap(text, width, display_width)
    }

    #[test]
    fn breaks_at_spaces_and_consumes_them() {
        assert_eq!(wrap_plain("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap_plain("  aa   bb  ", 7), ["aa   bb"]);
        assert_eq!(wrap_plain("aa   bb", 4), ["aa", "bb"]);
        assert!(wrap_plain("   ", 4).is_empty());
        assert!(wrap_plain("abc", 0).is_empty());
    }

    #[test]
    fn long_words_split_at_graphemes() {
        assert_eq!(wrap_plain("abcdefg hi", 3), ["abc", "def", "g", "hi"]);
        // Harakat stay with their letter when a word is cut.
        let cut = wrap_plain("مُحَمَّد", 2);
        assert_eq!(cut, ["مُح\u{64e}", "م\u{64e}\u{651}د"]);
    }

    #[test]
    fn marks_without_a_base_get_a_dotted_circle() {
        assert_eq!(
            wrap_plain("\u{64e}ب ا \u{fe0f}0 a\u{301}", 40),
            ["\u{25cc}\u{64e}ب ا \u{25cc}\u{fe0f}0 a\u{301}"]
        );
        assert_eq!(wrap_plain("\u{200d}x", 40), ["\u{25cc}\u{200d}x"]);
        assert!(!extends_previous('ب') && !extends_previous('中') && !extends_previous('\u{200b}'));
    }

    #[test]
    fn wide_graphemes_fit_or_are_replaced() {
        assert_eq!(wrap_plain("中文字", 4), ["中文", "字"]);
        assert_eq!(wrap_plain("中a", 1), [TOO_WIDE, "a"]);
    }
}
