//! One line from logical to visual order (Unicode Bidi Algorithm via `unicode-bidi`).
//!
//! Levels come from `unicode-bidi` (rules up to L1, with the paragraph level forced to the
//! paragraph's direction). Reordering (L2) is done on grapheme clusters, not characters, so
//! harakat and other combining marks stay after their base letter (L3), and characters at odd
//! (right-to-left) levels are replaced by their mirrored glyph (L4).

use unicode_bidi::{BidiInfo, Level, ParagraphBidiInfo};
use unicode_segmentation::UnicodeSegmentation;

use super::Direction;
use super::mirror_table::MIRRORS;

/// The mirrored glyph of `c` (Bidi_Mirroring_Glyph), if it has one: `(` ↔ `)`, `«` ↔ `»`, ...
pub fn mirrored(c: char) -> Option<char> {
    MIRRORS
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|i| MIRRORS[i].1)
}

/// `line` (one line, logical order, no paragraph separators) in display order.
pub fn visual(line: &str, direction: Direction) -> String {
    if line.is_empty() {
        return String::new();
    }
    let paragraph_level = match direction {
        Direction::Ltr => Level::ltr(),
        Direction::Rtl => Level::rtl(),
    };
    let info = ParagraphBidiInfo::new(line, Some(paragraph_level));
    if direction == Direction::Ltr && info.is_pure_ltr {
        return line.to_owned();
    }
    // Levels per byte after rule L1; a grapheme takes the level of its first character.
    let levels = info.reordered_levels(0..line.len());
    let clusters: Vec<(usize, &str)> = line.grapheme_indices(true).collect();
    let cluster_levels: Vec<Level> = clusters.iter().map(|&(at, _)| levels[at]).collect();
    if cluster_levels.iter().all(|l| l.is_ltr()) {
        return line.to_owned();
    }

    let mut out = String::with_capacity(line.len());
    for index in BidiInfo::reorder_visual(&cluster_levels) {
        let (_, cluster) = clusters[index];
        if cluster_levels[index].is_rtl() {
            out.extend(cluster.chars().map(|c| mirrored(c).unwrap_or(c)));
        } else {
            out.push_str(cluster);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirroring_table_pairs() {
        for (open, close) in [('(', ')'), ('[', ']'), ('{', '}'), ('<', '>'), ('«', '»')] {
            assert_eq!(mirrored(open), Some(close));
            assert_eq!(mirrored(close), Some(open));
        }
        assert_eq!(mirrored('a'), None);
        assert_eq!(mirrored('؟'), None);
        assert!(
            MIRRORS.windows(2).all(|w| w[0].0 < w[1].0),
            "table must stay sorted"
        );
    }

    #[test]
    fn rtl_run_is_reversed_and_brackets_mirrored() {
        // Logical: alef, "(", beh, ")" — all right-to-left, so reversed with brackets swapped.
        assert_eq!(visual("ا(ب)", Direction::Rtl), "(ب)ا");
        assert_eq!(visual("ا «ب»", Direction::Rtl), "«ب» ا");
    }

    #[test]
    fn numbers_and_latin_keep_their_order_inside_rtl() {
        assert_eq!(visual("رصيد 500 دج", Direction::Rtl), "جد 500 ديصر");
        assert_eq!(visual("باقة MIX500 هنا", Direction::Rtl), "انه MIX500 ةقاب");
        // Brackets around Latin text at an even level are not mirrored.
        assert_eq!(visual("abc (d) e", Direction::Ltr), "abc (d) e");
    }

    #[test]
    fn harakat_stay_after_their_base_letter() {
        // مُحَمَّد reversed by clusters: each mark still follows its own letter.
        assert_eq!(
            visual("مُحَمَّد", Direction::Rtl),
            "د\u{645}\u{64e}\u{651}\u{62d}\u{64e}\u{645}\u{64f}"
        );
    }

    #[test]
    fn ltr_paragraph_with_arabic_word() {
        assert_eq!(visual("Plan سلام ok", Direction::Ltr), "Plan مالس ok");
        assert_eq!(visual("", Direction::Rtl), "");
    }
}
