//! One line from logical to visual order (Unicode Bidi Algorithm via `unicode-bidi`).
//!
//! Levels come from `unicode-bidi` (rules up to L1, with the paragraph level forced to the
//! paragraph's direction). Reordering (L2) is done on grapheme clusters, not characters, so
//! harakat and other combining marks stay after their base letter (L3), and characters at odd
//! (right-to-left) levels are replaced by their mirrored glyph (L4).

use unicode_bidi::{BidiInfo, Level, ParagraphBidiInfo};

use super::Direction;
use super::width::clusters;

/// The mirrored glyph of `c` (Bidi_Mirroring_Glyph, Unicode's BidiMirroring.txt via the
/// `unicode-bidi-mirroring` crate), if it has one: `(` ↔ `)`, `«` ↔ `»`, ...
pub fn mirrored(c: char) -> Option<char> {
    // Quick answer for the common case: below U+0F3A only ASCII brackets and « » mirror.
    if c < '\u{F3A}' && !matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}' | '«' | '»') {
        return None;
    }
    unicode_bidi_mirroring::get_mirrored(c)
}

/// `line` (one line, logical order, no paragraph separators) in display order.
pub fn visual(line: &str, direction: Direction) -> String {
    if direction == Direction::Rtl && all_at_level_one(line) {
        let mut out = String::with_capacity(line.len());
        for (_, cluster) in clusters(line).into_iter().rev() {
            push_mirrored(&mut out, cluster);
        }
        return out;
    }
    visual_by_levels(line, direction)
}

/// Whether every character of a right-to-left line resolves to level 1, so the line is simply
/// reversed: with no left-to-right letters, numbers or explicit embeddings, every neutral sits
/// between right-to-left neighbours (or the line's right-to-left edges). Saves most of the bidi
/// work on plain Arabic lines.
fn all_at_level_one(line: &str) -> bool {
    use unicode_bidi::BidiClass::{AN, EN, FSI, L, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO};
    line.chars().all(|c| {
        !matches!(
            unicode_bidi::bidi_class(c),
            L | EN | AN | LRE | LRO | RLE | RLO | PDF | LRI | RLI | FSI | PDI
        )
    })
}

/// The general case: levels from the Unicode Bidi Algorithm, clusters reordered by rule L2.
fn visual_by_levels(line: &str, direction: Direction) -> String {
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
    let clusters = clusters(line);
    let cluster_levels: Vec<Level> = clusters.iter().map(|&(at, _)| levels[at]).collect();
    if cluster_levels.iter().all(|l| l.is_ltr()) {
        return line.to_owned();
    }

    let mut out = String::with_capacity(line.len());
    for index in BidiInfo::reorder_visual(&cluster_levels) {
        let (_, cluster) = clusters[index];
        if cluster_levels[index].is_rtl() {
            push_mirrored(&mut out, cluster);
        } else {
            out.push_str(cluster);
        }
    }
    out
}

/// The grapheme clusters of `line` (as [`clusters`] gives them) in display order: each as
/// (index into `clusters`, whether it sits at a right-to-left level and so takes its mirror
/// glyph). The same order as [`visual`].
pub fn visual_cluster_order(
    line: &str,
    clusters: &[(usize, &str)],
    direction: Direction,
) -> Vec<(usize, bool)> {
    if line.is_empty() {
        return Vec::new();
    }
    if direction == Direction::Rtl && all_at_level_one(line) {
        // Plain right-to-left words: simply reversed (see `visual`).
        return (0..clusters.len()).rev().map(|i| (i, true)).collect();
    }
    let paragraph_level = match direction {
        Direction::Ltr => Level::ltr(),
        Direction::Rtl => Level::rtl(),
    };
    let info = ParagraphBidiInfo::new(line, Some(paragraph_level));
    if direction == Direction::Ltr && info.is_pure_ltr {
        return (0..clusters.len()).map(|i| (i, false)).collect();
    }
    let levels = info.reordered_levels(0..line.len());
    let cluster_levels: Vec<Level> = clusters.iter().map(|&(at, _)| levels[at]).collect();
    BidiInfo::reorder_visual(&cluster_levels)
        .into_iter()
        .map(|i| (i, cluster_levels[i].is_rtl()))
        .collect()
}

/// Pushes one cluster as drawn at its level.
pub(crate) fn push_cluster(out: &mut String, cluster: &str, rtl: bool) {
    if rtl {
        push_mirrored(out, cluster);
    } else {
        out.push_str(cluster);
    }
}

/// A cluster at a right-to-left level: each character replaced by its mirror glyph (rule L4).
fn push_mirrored(out: &mut String, cluster: &str) {
    out.extend(cluster.chars().map(|c| mirrored(c).unwrap_or(c)));
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
        assert_eq!(mirrored('\u{2039}'), Some('\u{203A}'), "‹ ›");
        assert_eq!(mirrored('\u{2264}'), Some('\u{2265}'), "≤ ≥");
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
    fn plain_arabic_shortcut_matches_the_full_algorithm() {
        let lines = [
            "هذه العملية حالتها غير معروفة، يرجى التأكد مع عميلك،",
            "قال «لم يصلني» (تنبيه) [هنا] {ثم} <ذلك>؟!",
            "مُحَمَّد ـ تمّ ✅ 👍 ، . : ؛ - / * & @ # \u{a0}ب",
            "\u{25cc}\u{64e}ب \u{200d}ﻻ ﺳ",
            "   ب   ",
            "",
        ];
        for line in lines {
            assert!(all_at_level_one(line), "{line:?}");
            assert_eq!(
                visual(line, Direction::Rtl),
                visual_by_levels(line, Direction::Rtl)
            );
        }
        for line in ["ب 5", "ب a", "ب ١٢", "ب \u{2066}x"] {
            assert!(!all_at_level_one(line), "{line:?}");
        }
    }

    proptest::proptest! {
        /// Any right-to-left line the shortcut accepts is laid out as the full algorithm would.
        #[test]
        fn shortcut_agrees_on_generated_lines(
            line in "[\u{621}-\u{64a}\u{64b}-\u{652} .،؟!:()\\[\\]«»{}<>\u{a0}\u{200d}👍ـ%+#/a1١]{0,40}"
        ) {
            if all_at_level_one(&line) {
                proptest::prop_assert_eq!(
                    visual(&line, Direction::Rtl),
                    visual_by_levels(&line, Direction::Rtl)
                );
            }
        }
    }

    #[test]
    fn ltr_paragraph_with_arabic_word() {
        assert_eq!(visual("Plan سلام ok", Direction::Ltr), "Plan مالس ok");
        assert_eq!(visual("", Direction::Rtl), "");
    }
}
