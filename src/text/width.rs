//! Widths in terminal cells and grapheme clusters, with a fast path for plain Arabic/Latin text.
//!
//! Widths are what ratatui draws: the sum of each grapheme's cell width. Grapheme segmentation is
//! the costly part of laying out a message, so text made only of "simple" characters (ASCII,
//! Latin, Arabic and its presentation forms, common punctuation) skips it: there a grapheme is a
//! base character plus the combining marks after it, and widths simply add up.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Width of `text` in terminal cells, as ratatui draws it: the sum of its graphemes' widths.
/// Graphemes holding control characters count 0 (ratatui skips them).
pub fn display_width(text: &str) -> usize {
    if text.chars().all(is_simple) {
        return text.chars().map(|c| c.width().unwrap_or(0)).sum();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// Width of one grapheme in terminal cells.
pub fn grapheme_width(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else {
        usize::from(g.cell_width())
    }
}

/// The mark of a cut: whatever was too long for its room ends with it.
pub const CUT: &str = "…";

/// The screen's one truncation rule, on text in logical order: `text` whole when it fits in
/// `width` cells, else its logical start up to `width − 1` cells (whole graphemes) and `…`.
/// The start is what is read first in every direction, so an Arabic text keeps its beginning
/// (the layer that reorders it puts the `…` on its left, where it ends).
pub fn truncate(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    if display_width(text) <= width {
        return std::borrow::Cow::Borrowed(text);
    }
    if width == 0 {
        return std::borrow::Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for (_, g) in clusters(text) {
        let w = grapheme_width(g);
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push_str(CUT);
    std::borrow::Cow::Owned(out)
}

/// Extended grapheme clusters of `text` with their byte offsets.
pub fn clusters(text: &str) -> Vec<(usize, &str)> {
    if !text.chars().all(is_simple) {
        return text.grapheme_indices(true).collect();
    }
    let mut out: Vec<(usize, &str)> = Vec::with_capacity(text.len());
    let mut start = 0;
    for (at, c) in text.char_indices() {
        // Marks extend the cluster before them (a leading run of marks is a cluster of its own).
        if at > start && !is_simple_mark(c) {
            out.push((start, &text[start..at]));
            start = at;
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// Characters whose grapheme clusters are "base + combining marks" and whose widths add up:
/// no controls, joiners, variation selectors, emoji, Hangul jamo or prepended marks.
fn is_simple(c: char) -> bool {
    matches!(c,
        '\u{20}'..='\u{7E}'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{36F}'
        | '\u{606}'..='\u{61B}'
        | '\u{61D}'..='\u{6DC}'
        | '\u{6DE}'..='\u{6FF}'
        | '\u{2010}'..='\u{2027}'
        | '\u{25CC}'
        | '\u{FB50}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFC}'
    )
}

/// The combining marks (grapheme Extend) among the simple characters.
fn is_simple_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}'
        | '\u{610}'..='\u{61A}'
        | '\u{64B}'..='\u{65F}'
        | '\u{670}'
        | '\u{6D6}'..='\u{6DC}'
        | '\u{6DF}'..='\u{6E4}'
        | '\u{6E7}'..='\u{6E8}'
        | '\u{6EA}'..='\u{6ED}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slow_width(text: &str) -> usize {
        text.graphemes(true).map(grapheme_width).sum()
    }

    /// Every simple character, and every pair and triple from a spread of them: the fast paths
    /// agree with full grapheme segmentation.
    #[test]
    fn fast_paths_agree_with_segmentation() {
        let simple: Vec<char> = (0u32..0x10000)
            .filter_map(char::from_u32)
            .filter(|&c| is_simple(c))
            .collect();
        let sample: Vec<char> = simple
            .iter()
            .copied()
            .filter(|&c| is_simple_mark(c) || (c as u32).is_multiple_of(7) || c.is_ascii())
            .collect();
        let check = |s: &str| {
            assert_eq!(display_width(s), slow_width(s), "{s:?}");
            let fast: Vec<(usize, &str)> = clusters(s);
            let slow: Vec<(usize, &str)> = s.grapheme_indices(true).collect();
            assert_eq!(fast, slow, "{s:?}");
        };
        for &a in &simple {
            check(&a.to_string());
        }
        for (i, &a) in sample.iter().enumerate() {
            for &b in &sample {
                check(&format!("{a}{b}"));
            }
            let c = sample[(i * 31) % sample.len()];
            check(&format!("{a}{c}{a}"));
        }
    }

    #[test]
    fn other_text_uses_full_segmentation() {
        assert_eq!(display_width("👨\u{200d}👩\u{200d}👧"), 2);
        assert_eq!(display_width("❤\u{fe0f}"), 2);
        assert_eq!(display_width("中a"), 3);
        assert_eq!(clusters("a👍🏽b").len(), 3);
        assert_eq!(display_width("مُحَمَّد"), 4);
        assert_eq!(
            clusters("\u{64e}مُ ا"),
            [(0, "\u{64e}"), (2, "مُ"), (6, " "), (7, "ا")]
        );
    }
}
