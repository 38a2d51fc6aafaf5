//! The text layer every screen uses for server text: sanitizing, Arabic shaping, wrapping and
//! bidi layout.
//!
//! Refund messages are Arabic mixed with numbers, Latin plan codes and punctuation. Most
//! terminals neither reorder right-to-left text nor join Arabic letters, and ratatui fills cells
//! left to right, so in [`BidiMode::App`] the layer does it all itself:
//!
//! 1. [`sanitize()`]: escape sequences, controls and bidi controls go; `\n` splits paragraphs.
//! 2. Paragraph direction from its first strong character (a paragraph without one takes the
//!    previous paragraph's direction; left-to-right at the start).
//! 3. Word wrap to the width in terminal cells (widths of the shaped text); a combining mark
//!    with no base letter is shown on a dotted circle.
//! 4. Per line: Arabic shaping into presentation forms, then reordering with the Unicode Bidi
//!    Algorithm by grapheme clusters, with brackets mirrored at right-to-left levels.
//!
//! In [`BidiMode::Terminal`] steps 1–3 run and lines stay in logical order and unshaped, for
//! terminals that do bidi themselves.

mod reorder;
mod sanitize;
mod shape;
mod width;
mod wrap;

use std::borrow::Cow;

use ratatui::layout::Alignment;
use ratatui::text::{Line, Span};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub use reorder::mirrored;
pub use sanitize::is_bidi_control;
pub use shape::shape;
pub use width::{CUT, clusters, display_width, grapheme_width, truncate};
pub use wrap::{ORPHAN_BASE, TOO_WIDE};

/// Who puts right-to-left text in display order. `bidi = "app"` or `bidi = "terminal"` in
/// config.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BidiMode {
    /// The app shapes Arabic and reorders every line (works on any terminal).
    #[default]
    App,
    /// Text is left in logical order and unshaped, for terminals that do bidi themselves.
    Terminal,
}

/// Written on start in [`BidiMode::App`]: ECMA-48 `CSI 8 l` resets BDSM, putting terminals that
/// support bidi into *explicit* mode, where they draw cells exactly as given and do not reorder
/// the app's already-reordered text. Terminals without bidi support ignore it.
pub const BIDI_EXPLICIT_ON_START: &str = "\x1b[8l";

/// Written on exit after [`BIDI_EXPLICIT_ON_START`]: `CSI 8 h` sets BDSM back to *implicit*
/// mode (the terminal's default), so the shell gets the terminal's own bidi back.
pub const BIDI_IMPLICIT_ON_EXIT: &str = "\x1b[8h";

/// Base direction of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right: lines are left-aligned.
    Ltr,
    /// Right to left: lines are right-aligned.
    Rtl,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// What to draw, left to right (visual order and shaped in [`BidiMode::App`]).
    pub text: String,
    /// The same line in logical order, unshaped (for copying, tests, screen readers).
    pub logical: String,
    /// Width of `text` in terminal cells ([`display_width`]); never more than the layout width.
    pub width: usize,
    /// Direction of the paragraph the line belongs to: RTL lines are right-aligned.
    pub direction: Direction,
}

/// Text laid out for a width: paragraphs wrapped, each line ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Direction of the first paragraph that has a strong character (LTR if none has).
    pub direction: Direction,
    /// Lines top to bottom; an empty paragraph gives one empty line.
    pub lines: Vec<VisualLine>,
}

/// Server text made safe for the terminal, paragraph breaks kept as `\n`.
pub fn sanitize(text: &str) -> String {
    sanitize::sanitize(text).into_owned()
}

/// Server text for one-line fields: like [`sanitize`] with every line break turned into a space.
pub fn sanitize_line(text: &str) -> String {
    sanitize::sanitize_line(text).into_owned()
}

/// Whether `text` holds a right-to-left letter (Arabic, Hebrew…).
pub fn has_rtl(text: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, R};
    text.chars()
        .any(|c| c >= '\u{590}' && matches!(unicode_bidi::bidi_class(c), R | AL))
}

/// Direction of a paragraph from its first strong character; `None` when it has none.
pub fn direction_of(paragraph: &str) -> Option<Direction> {
    match unicode_bidi::get_base_direction(paragraph) {
        unicode_bidi::Direction::Ltr => Some(Direction::Ltr),
        unicode_bidi::Direction::Rtl => Some(Direction::Rtl),
        unicode_bidi::Direction::Mixed => None,
    }
}

/// Sanitizes `text` and lays it out for `width` terminal cells. Blank lines before and after
/// the text are dropped; a blank line between paragraphs stays as an empty line. Empty text or a
/// zero width gives no lines.
pub fn layout(text: &str, width: usize, mode: BidiMode) -> Layout {
    let clean = sanitize::sanitize(text);
    let paragraphs: Vec<&str> = clean.split('\n').collect();
    let blank = |p: &&str| p.bytes().all(|b| b == b' ');
    let first = paragraphs
        .iter()
        .position(|p| !blank(p))
        .unwrap_or(paragraphs.len());
    let last = paragraphs
        .iter()
        .rposition(|p| !blank(p))
        .map_or(first, |i| i + 1);
    let mut lines = Vec::new();
    let mut first_direction = None;
    let mut direction = Direction::Ltr;
    for &paragraph in &paragraphs[first..last] {
        if let Some(found) = direction_of(paragraph) {
            direction = found;
            first_direction.get_or_insert(found);
        }
        let logical = match mode {
            BidiMode::App => {
                // Shaping changes widths only by merging lam-alef pairs into one glyph.
                wrap::wrap(paragraph, width, |word| {
                    display_width(word).saturating_sub(shape::cells_saved(word))
                })
            }
            BidiMode::Terminal => wrap::wrap(paragraph, width, display_width),
        };
        if logical.is_empty() && width > 0 {
            lines.push(VisualLine {
                text: String::new(),
                logical: String::new(),
                width: 0,
                direction,
            });
        }
        lines.extend(logical.into_iter().map(|line| {
            let text = match mode {
                BidiMode::App => reorder::visual(&shape::shape(&line), direction),
                BidiMode::Terminal => line.clone(),
            };
            VisualLine {
                width: display_width(&text),
                text,
                logical: line,
                direction,
            }
        }));
    }
    Layout {
        direction: first_direction.unwrap_or(Direction::Ltr),
        lines,
    }
}

/// [`layout`] as ratatui lines for a box `width` cells wide: right-aligned for right-to-left
/// paragraphs, left-aligned otherwise. Unstyled; patch a style onto them as needed.
pub fn paragraph_lines(text: &str, width: u16, mode: BidiMode) -> Vec<Line<'static>> {
    layout(text, usize::from(width), mode)
        .lines
        .into_iter()
        .map(ratatui_line)
        .collect()
}

/// One line of the till's own words made of styled pieces (label, value, key…), laid out as a
/// single paragraph of `direction`: in [`BidiMode::App`] each piece is shaped and the whole line
/// reordered by the Unicode Bidi Algorithm, the pieces keeping their own style; numbers, phone
/// numbers and codes inside stay left to right. In [`BidiMode::Terminal`] the pieces stay in
/// logical order. Returns the pieces left to right, as drawn.
pub fn styled_line<S: Copy + PartialEq>(
    pieces: &[(&str, S)],
    direction: Direction,
    mode: BidiMode,
) -> Vec<(String, S)> {
    if mode == BidiMode::Terminal {
        return pieces.iter().map(|(t, s)| (t.to_string(), *s)).collect();
    }
    // Shape each piece (pieces meet at spaces or field edges, where letters do not join), and
    // remember which piece each byte of the whole line came from.
    let mut line = String::new();
    let mut owner: Vec<usize> = Vec::new();
    for (i, (text, _)) in pieces.iter().enumerate() {
        let clean = sanitize::sanitize_line(text);
        let clean = match direction {
            Direction::Rtl => keep_numbers_whole(&clean),
            Direction::Ltr => clean,
        };
        let shaped = shape::shape(&clean);
        line.push_str(&shaped);
        owner.resize(line.len(), i);
    }
    let clusters = width::clusters(&line);
    let mut out: Vec<(String, S)> = Vec::new();
    for (i, rtl) in reorder::visual_cluster_order(&line, &clusters, direction) {
        let (at, cluster) = clusters[i];
        let style = pieces[owner[at]].1;
        match out.last_mut() {
            Some((t, s)) if *s == style => reorder::push_cluster(t, cluster, rtl),
            _ => {
                let mut t = String::with_capacity(cluster.len());
                reorder::push_cluster(&mut t, cluster, rtl);
                out.push((t, style));
            }
        }
    }
    out
}

/// A space between two digits becomes a no-break space. In right-to-left text a plain space
/// splits `100 000 DA` or `0661 23 45 67` into separate numbers that the Unicode Bidi Algorithm
/// lays out right to left (`000 100`); a no-break space is a common separator, which joins the
/// digits into one number that stays left to right (rule W4).
pub fn keep_numbers_whole(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let splits = |i: usize| {
        b[i] == b' '
            && i > 0
            && i + 1 < b.len()
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
    };
    if !(0..b.len()).any(splits) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    for (i, c) in text.char_indices() {
        out.push(if splits(i) { '\u{a0}' } else { c });
    }
    Cow::Owned(out)
}

/// ratatui places a bare `Line` by `Span::width()` (unicode-width of each span's whole text) but
/// draws grapheme by grapheme. The two disagree for a few sequences that straddle graphemes (an
/// unshaped lam-alef counts 1 as a string, 2 when drawn), which would push a right-aligned line
/// past the box edge; one span per grapheme makes them agree again. (Half-width kana sound marks
/// U+FF9E/U+FF9F still count 0 in `Span::width()` but take a cell: bare lines holding them are
/// misplaced by ratatui itself; `Paragraph` draws them right.)
fn ratatui_line(line: VisualLine) -> Line<'static> {
    let alignment = match line.direction {
        Direction::Rtl => Alignment::Right,
        Direction::Ltr => Alignment::Left,
    };
    if line.text.width() == line.width {
        return Line::from(line.text).alignment(alignment);
    }
    let spans: Vec<Span<'static>> = line
        .text
        .graphemes(true)
        .map(|g| Span::raw(g.to_owned()))
        .collect();
    Line::from(spans).alignment(alignment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_mode_reads_lowercase_from_config() {
        #[derive(Deserialize)]
        struct Config {
            bidi: BidiMode,
        }
        let app: Config = toml::from_str("bidi = \"app\"").expect("valid toml");
        let term: Config = toml::from_str("bidi = \"terminal\"").expect("valid toml");
        assert_eq!((app.bidi, term.bidi), (BidiMode::App, BidiMode::Terminal));
        assert!(toml::from_str::<Config>("bidi = \"App\"").is_err());
        assert_eq!(BidiMode::default(), BidiMode::App);
    }

    #[test]
    fn escape_constants() {
        assert_eq!(BIDI_EXPLICIT_ON_START.as_bytes(), b"\x1b[8l");
        assert_eq!(BIDI_IMPLICIT_ON_EXIT.as_bytes(), b"\x1b[8h");
    }

    #[test]
    fn paragraphs_keep_their_own_direction() {
        let laid = layout("رصيد غير كاف\nPlan MIX500_MOBILIS\n500", 40, BidiMode::App);
        let dirs: Vec<Direction> = laid.lines.iter().map(|l| l.direction).collect();
        assert_eq!(dirs, [Direction::Rtl, Direction::Ltr, Direction::Ltr]);
        assert_eq!(laid.direction, Direction::Rtl);
        assert_eq!(laid.lines[1].text, "Plan MIX500_MOBILIS");
    }

    #[test]
    fn blank_lines_only_between_paragraphs() {
        let laid = layout("\n  \nسطر\n\n \nline\n \n", 40, BidiMode::App);
        let widths: Vec<usize> = laid.lines.iter().map(|l| l.width).collect();
        assert_eq!(widths, [3, 0, 0, 4]);
        // The blank lines between keep the direction of the paragraph before them.
        assert_eq!(laid.lines[1].direction, Direction::Rtl);
        assert!(layout(" \n \x1b[0m ", 40, BidiMode::App).lines.is_empty());
        assert!(layout("", 40, BidiMode::App).lines.is_empty());
    }

    #[test]
    fn terminal_mode_keeps_logical_order_unshaped() {
        let laid = layout("سلام 500", 40, BidiMode::Terminal);
        assert_eq!(laid.lines[0].text, "سلام 500");
        assert_eq!(laid.lines[0].width, 8);
    }

    #[test]
    fn styled_pieces_keep_their_style_and_match_the_whole_line_layout() {
        let pieces = [
            ("الرصيد ", 1),
            ("100 000 DA", 2),
            (" · ", 3),
            ("F5 تحديث", 4),
        ];
        let out = styled_line(&pieces, Direction::Rtl, BidiMode::App);
        let drawn: String = out.iter().map(|(t, _)| t.as_str()).collect();
        let whole: String = pieces.iter().map(|(t, _)| *t).collect();
        let whole = keep_numbers_whole(&whole);
        assert_eq!(
            drawn,
            reorder::visual(&shape::shape(&whole), Direction::Rtl)
        );
        // The amount stays whole, left to right, in its own style.
        assert!(
            out.iter()
                .any(|(t, s)| t.contains("100\u{a0}000") && *s == 2),
            "{out:?}"
        );
        assert_eq!(
            out.last().map(|(_, s)| *s),
            Some(1),
            "the label is at the right edge"
        );
        let phone = styled_line(&[("رقم 0661 23 45 67", 0)], Direction::Rtl, BidiMode::App);
        assert!(
            phone[0].0.starts_with("0661\u{a0}23\u{a0}45\u{a0}67 "),
            "{phone:?}"
        );
        assert_eq!(keep_numbers_whole("a 1 2 b"), "a 1\u{a0}2 b");
        let term = styled_line(&pieces, Direction::Rtl, BidiMode::Terminal);
        assert_eq!(term[0].0, "الرصيد ");
    }

    #[test]
    fn ratatui_lines_align_by_direction() {
        let lines = paragraph_lines("سلام\nhello", 20, BidiMode::App);
        assert_eq!(lines[0].alignment, Some(Alignment::Right));
        assert_eq!(lines[1].alignment, Some(Alignment::Left));
        assert!(paragraph_lines("سلام", 0, BidiMode::App).is_empty());
    }
}
