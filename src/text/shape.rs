//! Arabic contextual shaping into presentation forms, on text in logical order.
//!
//! Most terminals draw each Arabic letter in its isolated form, so the layer picks the
//! isolated/final/initial/medial glyph itself (U+FE70–U+FEFF, and U+FB50–U+FBFF for the few
//! extra letters that only have forms there) and forms the lam-alef ligatures. Joining follows
//! the Unicode joining types (ArabicShaping.txt); transparent characters (harakat and other
//! marks) are skipped when looking for a letter's neighbours. Letters without presentation forms
//! keep their code point but still join their neighbours.

use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Joining {
    /// Joins on both sides (beh, seen, lam, ...).
    Dual,
    /// Joins only to the preceding letter (alef, dal, reh, waw, teh marbuta, ...).
    Right,
    /// Makes its neighbours join but has no forms itself (tatweel, ZWJ).
    Causing,
    /// Ignored when finding neighbours (harakat, other combining marks, most format chars).
    Transparent,
    /// Breaks joining (spaces, digits, Latin, hamza, ZWNJ, ...).
    None,
}

/// Presentation forms: isolated, final, initial, medial. Right-joining letters only use the
/// first two.
type Forms = [char; 4];

/// Joining type and forms of one character.
fn lookup(c: char) -> (Joining, Option<Forms>) {
    use Joining::{Causing, Dual, Right};
    let dual = |isolated: u32| (Dual, Some(forms(isolated)));
    let right = |isolated: u32| (Right, Some(forms(isolated)));
    match c {
        '\u{0622}' => right(0xFE81),
        '\u{0623}' => right(0xFE83),
        '\u{0624}' => right(0xFE85),
        '\u{0625}' => right(0xFE87),
        '\u{0626}' => dual(0xFE89),
        '\u{0627}' => right(0xFE8D),
        '\u{0628}' => dual(0xFE8F),
        '\u{0629}' => right(0xFE93),
        '\u{062A}'..='\u{062E}' => dual(0xFE95 + 4 * (c as u32 - 0x062A)),
        '\u{062F}'..='\u{0632}' => right(0xFEA9 + 2 * (c as u32 - 0x062F)),
        '\u{0633}'..='\u{063A}' => dual(0xFEB1 + 4 * (c as u32 - 0x0633)),
        // Keheh/yeh variants added later to the block: no presentation forms.
        '\u{063B}'..='\u{063F}' => (Dual, None),
        '\u{0640}' => (Causing, None),
        '\u{0641}'..='\u{0647}' => dual(0xFED1 + 4 * (c as u32 - 0x0641)),
        '\u{0648}' => right(0xFEED),
        // Alef maksura is dual-joining in Unicode; its initial/medial forms live in U+FBE8.
        '\u{0649}' => (Dual, Some(['\u{FEEF}', '\u{FEF0}', '\u{FBE8}', '\u{FBE9}'])),
        '\u{064A}' => dual(0xFEF1),
        '\u{0671}' => (
            Right,
            Some(['\u{FB50}', '\u{FB51}', '\u{FB50}', '\u{FB51}']),
        ),
        '\u{067E}' => (Dual, Some(forms(0xFB56))),
        '\u{0686}' => (Dual, Some(forms(0xFB7A))),
        '\u{0698}' => (
            Right,
            Some(['\u{FB8A}', '\u{FB8B}', '\u{FB8A}', '\u{FB8B}']),
        ),
        '\u{06A4}' => (Dual, Some(forms(0xFB6A))),
        '\u{06A9}' => (Dual, Some(forms(0xFB8E))),
        '\u{06AF}' => (Dual, Some(forms(0xFB92))),
        '\u{06CC}' => (Dual, Some(forms(0xFBFC))),
        '\u{200D}' => (Causing, None),
        c if is_transparent(c) => (Joining::Transparent, None),
        _ => (Joining::None, None),
    }
}

/// Four consecutive presentation forms starting at `isolated`: isolated, final, initial, medial
/// (the layout of both the FE70 and the FB50 blocks).
fn forms(isolated: u32) -> Forms {
    [0, 1, 2, 3].map(|k| char::from_u32(isolated + k).unwrap_or('\u{FFFD}'))
}

/// Marks and format characters that do not interrupt joining (joining type T).
fn is_transparent(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}'
        | '\u{00AD}'
        | '\u{200B}'
        | '\u{2060}'..='\u{2064}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
    )
}

/// The lam-alef ligature for `alef` after a lam: (isolated, final).
fn lam_alef(alef: char) -> Option<(char, char)> {
    match alef {
        '\u{0622}' => Some(('\u{FEF5}', '\u{FEF6}')),
        '\u{0623}' => Some(('\u{FEF7}', '\u{FEF8}')),
        '\u{0625}' => Some(('\u{FEF9}', '\u{FEFA}')),
        '\u{0627}' => Some(('\u{FEFB}', '\u{FEFC}')),
        _ => None,
    }
}

const LAM: char = '\u{0644}';

/// Shapes logical-order text; borrowed when it holds no Arabic letters.
pub fn shape(text: &str) -> Cow<'_, str> {
    if !has_arabic(text) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<(char, Joining, Option<Forms>)> = text
        .chars()
        .map(|c| {
            let (kind, forms) = lookup(c);
            (c, kind, forms)
        })
        .collect();
    // For each position, the joining type of the nearest non-transparent character after it.
    let mut after = vec![Joining::None; chars.len()];
    let mut next = Joining::None;
    for (slot, &(_, kind, _)) in after.iter_mut().zip(&chars).rev() {
        *slot = next;
        if kind != Joining::Transparent {
            next = kind;
        }
    }

    let mut out = String::with_capacity(text.len());
    let mut before = Joining::None;
    let mut i = 0;
    while let Some(&(c, kind, forms)) = chars.get(i) {
        let joins_before = matches!(kind, Joining::Dual | Joining::Right)
            && matches!(before, Joining::Dual | Joining::Causing);
        let joins_after = kind == Joining::Dual
            && matches!(after[i], Joining::Dual | Joining::Right | Joining::Causing);
        if kind != Joining::Transparent {
            before = kind;
        }
        // Lam directly followed by an alef (no mark between) becomes one ligature glyph.
        if let Some((isolated, final_)) = ligature_after(c, chars.get(i + 1).map(|n| n.0)) {
            out.push(if joins_before { final_ } else { isolated });
            // The alef is right-joining: nothing after the ligature joins to it.
            before = Joining::Right;
            i += 2;
            continue;
        }
        out.push(match (forms, joins_before, joins_after) {
            (Some(f), false, false) => f[0],
            (Some(f), true, false) => f[1],
            (Some(f), false, true) => f[2],
            (Some(f), true, true) => f[3],
            (None, ..) => c,
        });
        i += 1;
    }
    Cow::Owned(out)
}

/// How many cells shaping saves on `text`: one per lam-alef ligature (two letters, one glyph).
/// Lets the wrapper measure shaped words without shaping them.
pub fn cells_saved(text: &str) -> usize {
    if !has_arabic(text) {
        return 0;
    }
    let mut saved = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if ligature_after(c, chars.peek().copied()).is_some() {
            saved += 1;
            chars.next();
        }
    }
    saved
}

fn has_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0621}'..='\u{06FF}').contains(&c))
}

/// The (isolated, final) ligature when `c` is a lam directly followed by an alef.
fn ligature_after(c: char, next: Option<char>) -> Option<(char, char)> {
    if c == LAM {
        next.and_then(lam_alef)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn salam_gets_initial_ligature_and_final_forms() {
        // س initial, لا ligature (final, joined to seen), م isolated (alef does not join left).
        assert_eq!(hex(&shape("سلام")), vec![0xFEB3, 0xFEFC, 0xFEE1]);
    }

    #[test]
    fn isolated_medial_and_final_forms() {
        // ب alone; بيت: initial, medial, final.
        assert_eq!(hex(&shape("ب")), vec![0xFE8F]);
        assert_eq!(hex(&shape("بيت")), vec![0xFE91, 0xFEF4, 0xFE96]);
        // A right-joining letter breaks the chain on its left: دب = د isolated, ب isolated.
        assert_eq!(hex(&shape("دب")), vec![0xFEA9, 0xFE8F]);
    }

    #[test]
    fn lam_alef_ligatures() {
        assert_eq!(hex(&shape("لا")), vec![0xFEFB]);
        assert_eq!(hex(&shape("لأ")), vec![0xFEF7]);
        assert_eq!(hex(&shape("لإ")), vec![0xFEF9]);
        assert_eq!(hex(&shape("لآ")), vec![0xFEF5]);
        // الأمر: alef isolated, lam+hamza-alef ligature isolated, meem initial, reh final.
        assert_eq!(hex(&shape("الأمر")), vec![0xFE8D, 0xFEF7, 0xFEE3, 0xFEAE]);
        // إلا: hamza-alef does not join to its left, so the lam starts a new ligature.
        assert_eq!(hex(&shape("إلا")), vec![0xFE87, 0xFEFB]);
        // A haraka between lam and alef prevents the ligature (as FriBidi does).
        assert_eq!(hex(&shape("لَا")), vec![0xFEDF, 0x064E, 0xFE8E]);
    }

    #[test]
    fn harakat_are_transparent() {
        // مُحَمَّد: meem initial, haa medial, meem medial, dal final; marks untouched.
        assert_eq!(
            hex(&shape("مُحَمَّد")),
            vec![
                0xFEE3, 0x064F, 0xFEA4, 0x064E, 0xFEE4, 0x064E, 0x0651, 0xFEAA
            ]
        );
    }

    #[test]
    fn tatweel_zwj_and_zwnj() {
        assert_eq!(hex(&shape("بـ")), vec![0xFE91, 0x0640]);
        assert_eq!(hex(&shape("ـبـ")), vec![0x0640, 0xFE92, 0x0640]);
        assert_eq!(hex(&shape("ـد")), vec![0x0640, 0xFEAA]);
        assert_eq!(hex(&shape("ب\u{200D}")), vec![0xFE91, 0x200D]);
        assert_eq!(hex(&shape("ب\u{200C}ب")), vec![0xFE8F, 0x200C, 0xFE8F]);
    }

    #[test]
    fn cells_saved_counts_ligatures_only() {
        for text in ["سلام", "لا لأ لإ لآ", "لَا", "الأمر إلا", "abc", "مُحَمَّد"]
        {
            let shaped = shape(text);
            let plain: usize = text.chars().filter(|c| !is_transparent(*c)).count();
            let glyphs: usize = shaped.chars().filter(|c| !is_transparent(*c)).count();
            assert_eq!(cells_saved(text), plain - glyphs, "{text}");
        }
        assert_eq!(cells_saved("لا لأ لإ لآ"), 4);
    }

    #[test]
    fn extra_letters_and_non_arabic_untouched() {
        assert_eq!(hex(&shape("پچ")), vec![0xFB58, 0xFB7B]);
        assert_eq!(hex(&shape("بىب")), vec![0xFE91, 0xFBE9, 0xFE90]);
        assert_eq!(hex(&shape("ء")), vec![0x0621]);
        assert!(matches!(shape("PREPAID 500"), Cow::Borrowed(_)));
        assert_eq!(shape("a ب 5"), "a \u{FE8F} 5");
    }
}
