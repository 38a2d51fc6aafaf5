//! The one place the UI calls the text layer (sanitizing, shaping, bidi). Swapping
//! implementations is a change in this file only.

use crate::i18n::Lang;
use crate::text;
use ratatui::layout::Alignment;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub use crate::text::BidiMode;

/// `CSI 8 l` (BDSM explicit): the terminal stops reordering; the app lays out bidi text.
pub const BIDI_APP_SETS_ORDER: &str = text::BIDI_EXPLICIT_ON_START;
/// `CSI 8 h` (BDSM implicit, the default): the terminal reorders bidi text itself again.
pub const BIDI_TERMINAL_SETS_ORDER: &str = text::BIDI_IMPLICIT_ON_EXIT;

/// Server text made safe for the terminal (no escapes, no control or bidi-override characters);
/// paragraph breaks kept.
pub fn sanitize(s: &str) -> String {
    text::sanitize(s)
}

/// Sanitized server text on one line (messages in toasts, codes, refs, error lines).
pub fn plain(s: &str) -> String {
    text::sanitize_line(s)
}

/// A paragraph of server text wrapped to `width`, each line in display order for `mode` and
/// aligned by its direction (right-to-left paragraphs right-aligned).
pub fn paragraph(s: &str, width: u16, mode: BidiMode) -> Vec<Line<'static>> {
    text::paragraph_lines(s, width, mode)
}

/// A paragraph of the till's own words (a notice, a hint) wrapped to `width`. As in [`words`],
/// grouped digits (`3 999 DA`, `0661 23 45 67`) stay one number in right-to-left text; server
/// text goes through [`paragraph`], laid out exactly as the Unicode Bidi Algorithm says.
pub fn words_paragraph(s: &str, width: u16, mode: BidiMode) -> Vec<Line<'static>> {
    text::paragraph_lines(&text::keep_numbers_whole(s), width, mode)
}

/// A line of the till's own words made of styled pieces. In a right-to-left language it is one
/// right-to-left paragraph laid out by the text layer (shaped, reordered, numbers kept whole and
/// left to right) and right-aligned; otherwise the pieces as they are.
pub fn words(spans: Vec<Span<'static>>, lang: Lang, mode: BidiMode) -> Line<'static> {
    if !lang.is_rtl() {
        return Line::from(spans);
    }
    let has_rtl = spans.iter().any(|s| text::has_rtl(&s.content));
    if !has_rtl {
        // Digits, codes and Latin only: they read left to right, placed at the right.
        return Line::from(spans).alignment(Alignment::Right);
    }
    let key: LineKey = (
        mode,
        spans
            .iter()
            .map(|s| (s.content.to_string(), s.style))
            .collect(),
    );
    if let Some(line) = LAID_OUT.with(|c| c.borrow().get(&key).cloned()) {
        return line;
    }
    let pieces: Vec<(&str, Style)> = key.1.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    let laid = text::styled_line(&pieces, text::Direction::Rtl, mode);
    let line = Line::from(
        laid.into_iter()
            .map(|(t, s)| Span::styled(t, s))
            .collect::<Vec<_>>(),
    )
    .alignment(Alignment::Right);
    LAID_OUT.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= LAID_OUT_MAX {
            c.clear();
        }
        c.insert(key, line.clone());
    });
    line
}

/// Text in logical order cut to `width` cells, marked `…` at its logical end (the screen's
/// one truncation rule, [`text::truncate`]).
pub fn cut_text(s: &str, width: usize) -> String {
    text::truncate(s, width).into_owned()
}

/// A laid-out line cut to `width` cells, the cut marked `…` at the line's logical end: the
/// right edge of a left-to-right line, the left edge of a right-to-left one (`rtl`: the
/// line is in display order and right-aligned, its start at the right). Used on every bar
/// and row whose pieces are laid out before they are measured.
pub fn cut_line(line: Line<'static>, width: usize, rtl: bool) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let alignment = line.alignment;
    let style = line.style;
    let mut spans = line.spans;
    if rtl {
        spans.reverse();
    }
    let mut kept: Vec<Span<'static>> = Vec::new();
    let mut room = width.saturating_sub(1);
    let mut last_style = Style::new();
    for sp in spans {
        let w = text::display_width(&sp.content);
        last_style = sp.style;
        if w <= room {
            room -= w;
            kept.push(sp);
            continue;
        }
        // The part of this piece that fits, from the side the line is read from.
        let mut gs: Vec<&str> = text::clusters(&sp.content)
            .into_iter()
            .map(|(_, g)| g)
            .collect();
        if rtl {
            gs.reverse();
        }
        let mut part: Vec<&str> = Vec::new();
        for g in gs {
            let gw = text::grapheme_width(g);
            if gw > room {
                break;
            }
            room -= gw;
            part.push(g);
        }
        if rtl {
            part.reverse();
        }
        if !part.is_empty() {
            kept.push(Span::styled(part.concat(), sp.style));
        }
        break;
    }
    if width > 0 {
        kept.push(Span::styled(text::CUT, last_style));
    }
    if rtl {
        kept.reverse();
    }
    let mut out = Line::from(kept).style(style);
    out.alignment = alignment;
    out
}

/// A line of words as given to [`words`]: the bidi mode and the styled pieces.
type LineKey = (BidiMode, Vec<(String, Style)>);

/// How many laid-out lines are kept: a screen's worth many times over (the same status words,
/// headers and hints are drawn every frame), cleared when full.
const LAID_OUT_MAX: usize = 4096;

thread_local! {
    /// Right-to-left lines already laid out: a frame redraws the same words, so the bidi work
    /// is done once per distinct line, not once per frame.
    static LAID_OUT: std::cell::RefCell<std::collections::HashMap<LineKey, Line<'static>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Server text for one cell (plan names: emoji, Latin and Arabic mixed): sanitized, shaped and
/// ordered for `mode`, at most `width` cells, left-aligned. Too long, it keeps its logical
/// start (an Arabic name loses its end, not its beginning) and shows `…` where it was cut.
pub fn one_line(s: &str, width: usize, mode: BidiMode) -> Line<'static> {
    let flat = text::sanitize_line(s);
    let flat = flat.trim();
    if width < 3 {
        // No room for a readable name: a marker that something is there.
        return Line::raw(if flat.is_empty() || width == 0 {
            ""
        } else {
            "…"
        });
    }
    let Ok(w) = u16::try_from(width) else {
        return Line::raw(flat.to_string());
    };
    let mut lines = text::paragraph_lines(flat, w, mode);
    if lines.len() <= 1 {
        return lines.pop().unwrap_or_default().alignment(Alignment::Left);
    }
    let rtl = text::direction_of(flat) == Some(text::Direction::Rtl);
    let mut first = text::paragraph_lines(flat, w.saturating_sub(1), mode)
        .into_iter()
        .next()
        .unwrap_or_default();
    // A grapheme too wide for the cut comes back as U+FFFD: drop it rather than show it.
    let trimmed: Vec<Span<'static>> = first
        .spans
        .drain(..)
        .map(|sp| Span::styled(sp.content.replace(text::TOO_WIDE, ""), sp.style))
        .skip_while(|sp| sp.content.trim().is_empty())
        .collect();
    first.spans = trimmed;
    if rtl && mode == BidiMode::App {
        // Visual order: the logical end of a right-to-left line is its left edge.
        first.spans.insert(0, Span::raw("…"));
    } else {
        first.spans.push(Span::raw("…"));
    }
    first.alignment(Alignment::Left)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn one_line_never_exceeds_its_width_and_marks_the_cut() {
        for mode in [BidiMode::App, BidiMode::Terminal] {
            for w in [4, 8, 13, 30] {
                let l = one_line("📱 GROS MOBILIS | جملة\n\x1b[31m", w, mode);
                assert!(l.width() <= w, "{mode:?} {w}: {:?}", text_of(&l));
                assert!(!text_of(&l).contains('\x1b'));
            }
        }
        assert_eq!(text_of(&one_line("🧾 FACTURE", 2, BidiMode::App)), "…");
        assert!(!text_of(&one_line("🧾 FACTURE", 3, BidiMode::App)).contains('\u{FFFD}'));
        let l = one_line("Pixx 500 DA", 30, BidiMode::App);
        assert_eq!(text_of(&l), "Pixx 500 DA");
        let l = one_line("GROS MOBILIS jumla", 13, BidiMode::Terminal);
        assert_eq!(text_of(&l), "GROS MOBILIS…");
    }

    /// The one truncation rule: a cut is marked `…`, at the right of a left-to-right line and
    /// at the left of a right-to-left one (its logical end), so the line's start stays.
    #[test]
    fn a_cut_line_keeps_its_start_and_says_so() {
        let l = Line::from(vec![
            Span::raw("PRACTICE "),
            Span::raw("balance 12 345.50 DA"),
        ]);
        let cut = cut_line(l.clone(), 12, false);
        assert_eq!(text_of(&cut), "PRACTICE ba…");
        assert_eq!(cut.width(), 12);
        // Display order, start at the right: the left part goes.
        let r = Line::from(vec![Span::raw("DA 12 345.50 "), Span::raw("ﺐﻳﺭﺪﺗ")]).right_aligned();
        let cut = cut_line(r, 8, true);
        assert_eq!(text_of(&cut), "…0 ﺐﻳﺭﺪﺗ");
        assert_eq!(cut.width(), 8);
        assert_eq!(cut.alignment, Some(Alignment::Right));
        assert_eq!(
            text_of(&cut_line(l, 40, false)),
            "PRACTICE balance 12 345.50 DA"
        );
        assert_eq!(cut_text("0661 23 45 67", 8), "0661 23…");
        assert_eq!(cut_text("short", 8), "short");
    }

    #[test]
    fn a_cut_arabic_name_keeps_its_start() {
        // Terminal mode keeps logical order, so the start is readable in the string.
        let l = one_line("عرض خاص جدا للمشتركين", 10, BidiMode::Terminal);
        let t = text_of(&l);
        assert!(t.contains("عرض"), "{t}");
        assert!(t.ends_with('…'), "{t}");
        let l = one_line("عرض خاص جدا للمشتركين", 10, BidiMode::App);
        assert!(text_of(&l).starts_with('…'), "{}", text_of(&l));
    }
}
