//! Server text made harmless for a terminal.
//!
//! Rules (applied in one pass, before any layout):
//! - Escape sequences are removed whole, not just their ESC byte: CSI (`ESC [` or U+009B) up to
//!   its final byte; OSC, DCS, SOS, PM, APC (`ESC ] P X ^ _` or U+009D U+0090 U+0098 U+009E
//!   U+009F) up to BEL, ST (`ESC \` or U+009C), CAN or SUB — an unterminated string swallows the
//!   rest of the text, as a terminal would; other `ESC` + intermediates + final byte sequences.
//! - Every other C0/C1 control and DEL is dropped, except line breaks (below) and TAB, which
//!   becomes a space.
//! - Line breaks (LF, CR LF, lone CR, VT, FF, NEL, U+2028, U+2029) become `\n` in [`sanitize`]
//!   (a paragraph break for layout) and a single space in [`sanitize_line`].
//! - Bidi controls (LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM ALM), the deprecated format
//!   controls U+206A–U+206F and U+FEFF are dropped: the layer decides the direction itself.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
const CAN: char = '\u{18}';
const SUB: char = '\u{1a}';
const C1_ST: char = '\u{9c}';

/// Text with paragraph breaks kept as `\n`; borrowed when nothing had to go.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    clean(text, Breaks::Keep)
}

/// Text for a one-line field: every line break becomes a space; borrowed when nothing had to go.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    clean(text, Breaks::Fold)
}

/// Whether a character is a bidi formatting control (explicit embeddings, overrides, isolates
/// and marks). They are removed because the layer orders text itself.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    Keep,
    Fold,
}

fn clean(text: &str, breaks: Breaks) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_work(c, breaks)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ESC => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\r' => {
                chars.next_if_eq(&'\n');
                push_break(&mut out, breaks);
            }
            '\n' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                push_break(&mut out, breaks)
            }
            '\t' => out.push(' '),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_work(c: char, breaks: Breaks) -> bool {
    if c == '\n' {
        return breaks == Breaks::Fold;
    }
    c.is_control() || is_dropped(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Characters removed outright (controls are handled before this in `clean`).
fn is_dropped(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{206a}'..='\u{206f}' | '\u{feff}')
}

fn push_break(out: &mut String, breaks: Breaks) {
    out.push(match breaks {
        Breaks::Keep => '\n',
        Breaks::Fold => ' ',
    });
}

/// After an ESC: drops the rest of the sequence it starts.
fn skip_escape(chars: &mut Peekable<Chars<'_>>) {
    let Some(&next) = chars.peek() else {
        return;
    };
    match next {
        '[' => {
            chars.next();
            skip_csi(chars);
        }
        ']' | 'P' | 'X' | '^' | '_' => {
            chars.next();
            skip_string(chars);
        }
        '\u{20}'..='\u{2f}' => {
            // nF sequence: intermediates, then one final byte.
            while chars
                .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
        }
        '\u{30}'..='\u{7e}' => {
            // Two-character sequence (ESC 7, ESC c, ESC M, ...).
            chars.next();
        }
        // Anything else: only the ESC goes; the next character is judged on its own.
        _ => {}
    }
}

/// After a CSI introducer: parameters and intermediates, then the final byte.
fn skip_csi(chars: &mut Peekable<Chars<'_>>) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3f}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

/// After an OSC/DCS/SOS/PM/APC introducer: everything up to and including its terminator.
fn skip_string(chars: &mut Peekable<Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            BEL | C1_ST | CAN | SUB => return,
            ESC => {
                // `ESC \` is the terminator; any other ESC aborts the string and starts anew.
                if chars.next_if_eq(&'\\').is_none() {
                    skip_escape(chars);
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        let text = "هذه العملية حالتها غير معروفة 500 دج (PREPAID_MOBILIS)\nسطر ثان";
        assert!(matches!(sanitize(text), Cow::Borrowed(t) if t == text));
        assert!(matches!(sanitize_line("abc ١٢٣"), Cow::Borrowed(_)));
        // A newline is a change for the one-line variant.
        assert!(matches!(sanitize_line("a\nb"), Cow::Owned(s) if s == "a b"));
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(sanitize("\x1b[31;1mred\x1b[0m ok"), "red ok");
        assert_eq!(sanitize("a\x1b[2Jb\x1b[10;20Hc"), "abc");
        assert_eq!(sanitize("a\x1b[?1049hb"), "ab");
        // 8-bit CSI (U+009B) too.
        assert_eq!(sanitize("a\u{9b}31mb"), "ab");
    }

    #[test]
    fn osc_dcs_and_other_strings_are_removed_whole() {
        assert_eq!(sanitize("\x1b]0;pwned title\x07سلام"), "سلام");
        assert_eq!(sanitize("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"), "link");
        assert_eq!(sanitize("a\x1bPq#0;2;0;0;0\x1b\\b"), "ab");
        assert_eq!(
            sanitize("a\x1b_apc\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d"),
            "abcd"
        );
        assert_eq!(sanitize("a\u{9d}0;t\u{9c}b"), "ab");
        // An OSC aborted by a new escape: both go.
        assert_eq!(sanitize("a\x1b]0;t\x1b[31mb"), "ab");
        // Unterminated: the rest is swallowed, as a terminal would.
        assert_eq!(sanitize("ok\x1b]0;never ends"), "ok");
    }

    #[test]
    fn short_escapes_and_lone_esc_are_removed() {
        assert_eq!(sanitize("a\x1b7b\x1b8c\x1bcd"), "abcd");
        assert_eq!(sanitize("a\x1b(Bb"), "ab");
        assert_eq!(sanitize("end\x1b"), "end");
        assert_eq!(sanitize("a\x1b\u{627}"), "a\u{627}");
    }

    #[test]
    fn c0_c1_controls_are_dropped_and_breaks_normalised() {
        assert_eq!(sanitize("a\x00b\x07c\x08d\x7fe\u{80}f\u{9c}g"), "abcdefg");
        assert_eq!(sanitize("a\tb"), "a b");
        assert_eq!(sanitize("a\r\nb\rc\u{2029}d\u{85}e"), "a\nb\nc\nd\ne");
        assert_eq!(sanitize_line("a\r\nb\rc\u{2028}d"), "a b c d");
    }

    #[test]
    fn bidi_controls_are_dropped() {
        let evil = "\u{202e}abc\u{202c} \u{2067}x\u{2069}\u{200e}\u{200f}\u{61c}\u{202a}\u{202b}\u{202d}\u{2066}\u{2068}y\u{feff}";
        assert_eq!(sanitize(evil), "abc xy");
        // Joiners are content (emoji, Persian), not controls.
        assert_eq!(
            sanitize("می\u{200c}خواهم 👨\u{200d}👩"),
            "می\u{200c}خواهم 👨\u{200d}👩"
        );
    }
}
