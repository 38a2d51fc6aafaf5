//! Code page 864 (IBM PC Arabic), the Arabic table of ESC/POS printers, and the few Latin
//! letters of PC858 the French words need.
//!
//! The text layer already shapes Arabic into presentation forms (U+FE70–U+FEFF) and puts each
//! line in visual order; PC864 encodes those forms directly. It has only the forms a printer's
//! font needs: a letter's final form that PC864 lacks prints as its isolated form and a medial
//! one as its initial form (the next code point down in Unicode's layout), which is how PC864
//! text is written.
//!
//! [`PC864`] is the published table (Unicode's `VENDORS/MICSFT/PC/CP864.TXT`, the same as
//! Python's `cp864` codec), upper half only: bytes below 0x80 are ASCII, except that PC864
//! puts the Arabic percent sign at 0x25, so `%` is always printed from the Latin table.

/// Unicode → PC864 byte, the upper half, sorted by character.
pub const PC864: &[(char, u8)] = &[
    ('\u{00A0}', 0xA0),
    ('\u{00A2}', 0xC0),
    ('\u{00A3}', 0xA3),
    ('\u{00A4}', 0xA4),
    ('\u{00A6}', 0xDB),
    ('\u{00AB}', 0x97),
    ('\u{00AC}', 0xDC),
    ('\u{00AD}', 0xA1),
    ('\u{00B0}', 0x80),
    ('\u{00B1}', 0x93),
    ('\u{00B7}', 0x81),
    ('\u{00BB}', 0x98),
    ('\u{00BC}', 0x95),
    ('\u{00BD}', 0x94),
    ('\u{00D7}', 0xDE),
    ('\u{00F7}', 0xDD),
    ('\u{03B2}', 0x90),
    ('\u{03C6}', 0x92),
    ('\u{060C}', 0xAC),
    ('\u{061B}', 0xBB),
    ('\u{061F}', 0xBF),
    ('\u{0640}', 0xE0),
    ('\u{0651}', 0xF1),
    ('\u{0660}', 0xB0),
    ('\u{0661}', 0xB1),
    ('\u{0662}', 0xB2),
    ('\u{0663}', 0xB3),
    ('\u{0664}', 0xB4),
    ('\u{0665}', 0xB5),
    ('\u{0666}', 0xB6),
    ('\u{0667}', 0xB7),
    ('\u{0668}', 0xB8),
    ('\u{0669}', 0xB9),
    ('\u{2219}', 0x82),
    ('\u{221A}', 0x83),
    ('\u{221E}', 0x91),
    ('\u{2248}', 0x96),
    ('\u{2500}', 0x85),
    ('\u{2502}', 0x86),
    ('\u{250C}', 0x8D),
    ('\u{2510}', 0x8C),
    ('\u{2514}', 0x8E),
    ('\u{2518}', 0x8F),
    ('\u{251C}', 0x8A),
    ('\u{2524}', 0x88),
    ('\u{252C}', 0x89),
    ('\u{2534}', 0x8B),
    ('\u{253C}', 0x87),
    ('\u{2592}', 0x84),
    ('\u{25A0}', 0xFE),
    ('\u{FE7D}', 0xF0),
    ('\u{FE80}', 0xC1),
    ('\u{FE81}', 0xC2),
    ('\u{FE82}', 0xA2),
    ('\u{FE83}', 0xC3),
    ('\u{FE84}', 0xA5),
    ('\u{FE85}', 0xC4),
    ('\u{FE8B}', 0xC6),
    ('\u{FE8D}', 0xC7),
    ('\u{FE8E}', 0xA8),
    ('\u{FE8F}', 0xA9),
    ('\u{FE91}', 0xC8),
    ('\u{FE93}', 0xC9),
    ('\u{FE95}', 0xAA),
    ('\u{FE97}', 0xCA),
    ('\u{FE99}', 0xAB),
    ('\u{FE9B}', 0xCB),
    ('\u{FE9D}', 0xAD),
    ('\u{FE9F}', 0xCC),
    ('\u{FEA1}', 0xAE),
    ('\u{FEA3}', 0xCD),
    ('\u{FEA5}', 0xAF),
    ('\u{FEA7}', 0xCE),
    ('\u{FEA9}', 0xCF),
    ('\u{FEAB}', 0xD0),
    ('\u{FEAD}', 0xD1),
    ('\u{FEAF}', 0xD2),
    ('\u{FEB1}', 0xBC),
    ('\u{FEB3}', 0xD3),
    ('\u{FEB5}', 0xBD),
    ('\u{FEB7}', 0xD4),
    ('\u{FEB9}', 0xBE),
    ('\u{FEBB}', 0xD5),
    ('\u{FEBD}', 0xEB),
    ('\u{FEBF}', 0xD6),
    ('\u{FEC1}', 0xD7),
    ('\u{FEC5}', 0xD8),
    ('\u{FEC9}', 0xDF),
    ('\u{FECA}', 0xC5),
    ('\u{FECB}', 0xD9),
    ('\u{FECC}', 0xEC),
    ('\u{FECD}', 0xEE),
    ('\u{FECE}', 0xED),
    ('\u{FECF}', 0xDA),
    ('\u{FED0}', 0xF7),
    ('\u{FED1}', 0xBA),
    ('\u{FED3}', 0xE1),
    ('\u{FED5}', 0xF8),
    ('\u{FED7}', 0xE2),
    ('\u{FED9}', 0xFC),
    ('\u{FEDB}', 0xE3),
    ('\u{FEDD}', 0xFB),
    ('\u{FEDF}', 0xE4),
    ('\u{FEE1}', 0xEF),
    ('\u{FEE3}', 0xE5),
    ('\u{FEE5}', 0xF2),
    ('\u{FEE7}', 0xE6),
    ('\u{FEE9}', 0xF3),
    ('\u{FEEB}', 0xE7),
    ('\u{FEEC}', 0xF4),
    ('\u{FEED}', 0xE8),
    ('\u{FEEF}', 0xE9),
    ('\u{FEF0}', 0xF5),
    ('\u{FEF1}', 0xFD),
    ('\u{FEF2}', 0xF6),
    ('\u{FEF3}', 0xEA),
    ('\u{FEF5}', 0xF9),
    ('\u{FEF6}', 0xFA),
    ('\u{FEF7}', 0x99),
    ('\u{FEF8}', 0x9A),
    ('\u{FEFB}', 0x9D),
    ('\u{FEFC}', 0x9E),
];

/// Unicode → PC858 byte for the French letters and signs a slip may hold (PC850's layout; PC858
/// only adds the euro sign). Sorted by character.
pub const PC858: &[(char, u8)] = &[
    ('\u{A0}', 0xFF),
    ('«', 0xAE),
    ('°', 0xF8),
    ('·', 0xFA),
    ('»', 0xAF),
    ('À', 0xB7),
    ('Â', 0xB6),
    ('Ç', 0x80),
    ('È', 0xD4),
    ('É', 0x90),
    ('Ê', 0xD2),
    ('Î', 0xD7),
    ('Ô', 0xE2),
    ('Ù', 0xEB),
    ('Û', 0xEA),
    ('à', 0x85),
    ('â', 0x83),
    ('ç', 0x87),
    ('è', 0x8A),
    ('é', 0x82),
    ('ê', 0x88),
    ('ë', 0x89),
    ('î', 0x8C),
    ('ï', 0x8B),
    ('ô', 0x93),
    ('ù', 0x97),
    ('û', 0x96),
    ('ü', 0x81),
    ('€', 0xD5),
];

/// Which table of the printer a byte belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Latin,
    Arabic,
}

fn find(table: &[(char, u8)], c: char) -> Option<u8> {
    table
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

/// Whether a character is Arabic (letters, presentation forms, Arabic punctuation and digits).
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// How one character prints: the table it needs and its byte there; `None` for a character
/// no table has (printed as `?`) or a mark the printer's font cannot place (harakat: left out).
pub fn encode_char(c: char) -> Option<(Option<Table>, u8)> {
    match c {
        '%' => Some((Some(Table::Latin), b'%')),
        ' '..='~' => Some((None, c as u8)),
        // Harakat and other marks: PC864 has only the shadda's medial form; a slip has none.
        '\u{064B}'..='\u{065F}' | '\u{0670}' => None,
        c if is_arabic(c) => {
            let byte = find(PC864, c).or_else(|| {
                // A final form PC864 lacks prints as the isolated form, a medial as the initial.
                let down = char::from_u32(u32::from(c) - 1)?;
                ('\u{FE80}'..='\u{FEFC}')
                    .contains(&c)
                    .then(|| find(PC864, down))
                    .flatten()
            });
            Some((Some(Table::Arabic), byte.unwrap_or(b'?')))
        }
        c => Some((Some(Table::Latin), find(PC858, c).unwrap_or(b'?'))),
    }
}

/// A PC864 byte back to its character (tests, and the preview of what a byte stream holds).
pub fn decode_arabic(b: u8) -> char {
    if b < 0x80 {
        return if b == 0x25 { '\u{066A}' } else { char::from(b) };
    }
    PC864
        .iter()
        .find(|&&(_, v)| v == b)
        .map_or('\u{FFFD}', |&(c, _)| c)
}

/// A PC858 byte back to its character (ASCII, and the letters of [`PC858`]).
pub fn decode_latin(b: u8) -> char {
    if b < 0x80 {
        return char::from(b);
    }
    PC858
        .iter()
        .find(|&&(_, v)| v == b)
        .map_or('\u{FFFD}', |&(c, _)| c)
}

/// `text` without what no table of the printer has and nothing could stand for (emoji,
/// pictographs, box drawing), so that the slip, its preview and the paper agree; a letter no
/// table has stays (it prints as `?`). Spaces left doubled by a removal are merged.
pub fn printable(text: &str) -> String {
    let keep = |c: char| {
        c.is_ascii()
            || is_arabic(c)
            || c.is_alphanumeric()
            || c.is_whitespace()
            || find(PC858, c).is_some()
    };
    let mut out = String::with_capacity(text.len());
    let mut dropped = false;
    for c in text.chars() {
        // Dashes print as the hyphen (PC858 has none).
        let c = if matches!(c, '\u{2010}'..='\u{2015}') {
            '-'
        } else {
            c
        };
        if keep(c) {
            if !(dropped && c == ' ' && (out.is_empty() || out.ends_with(' '))) {
                out.push(c);
            }
            dropped = false;
        } else {
            dropped = true;
        }
    }
    out
}

/// `text` as the printer shows it: each character through its table and back (a final form
/// PC864 lacks comes back as the isolated one, a mark is left out, an unknown character is
/// `?`). What a test compares a decoded slip with.
pub fn as_printed(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = if matches!(c, '\u{A0}' | '\u{2009}' | '\u{202F}') {
                ' '
            } else {
                c
            };
            encode_char(c).map(|(table, b)| match table {
                Some(Table::Arabic) => decode_arabic(b),
                Some(Table::Latin) => decode_latin(b),
                None => char::from(b),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_hold_published_bytes() {
        assert!(PC864.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(PC858.windows(2).all(|w| w[0].0 < w[1].0));
        // From the published CP864 table: alef isolated, lam initial, lam-alef isolated,
        // teh marbuta isolated, Arabic-Indic zero, Arabic comma.
        assert_eq!(encode_char('\u{FE8D}'), Some((Some(Table::Arabic), 0xC7)));
        assert_eq!(encode_char('\u{FEDF}'), Some((Some(Table::Arabic), 0xE4)));
        assert_eq!(encode_char('\u{FEFB}'), Some((Some(Table::Arabic), 0x9D)));
        assert_eq!(encode_char('\u{FE93}'), Some((Some(Table::Arabic), 0xC9)));
        assert_eq!(encode_char('\u{0660}'), Some((Some(Table::Arabic), 0xB0)));
        assert_eq!(encode_char('\u{060C}'), Some((Some(Table::Arabic), 0xAC)));
        // PC850/858: é, à, ç.
        assert_eq!(encode_char('é'), Some((Some(Table::Latin), 0x82)));
        assert_eq!(encode_char('à'), Some((Some(Table::Latin), 0x85)));
        assert_eq!(encode_char('ç'), Some((Some(Table::Latin), 0x87)));
    }

    #[test]
    fn missing_forms_fall_back_to_their_neighbour() {
        // Beh final (U+FE90) is not in PC864: it prints as beh isolated (0xA9); beh medial
        // (U+FE92) as beh initial (0xC8).
        assert_eq!(encode_char('\u{FE90}'), Some((Some(Table::Arabic), 0xA9)));
        assert_eq!(encode_char('\u{FE92}'), Some((Some(Table::Arabic), 0xC8)));
        assert_eq!(encode_char('\u{064E}'), None, "a fatha is left out");
        assert_eq!(encode_char('A'), Some((None, b'A')));
        assert_eq!(encode_char('%'), Some((Some(Table::Latin), b'%')));
        assert_eq!(encode_char('\u{4E2D}'), Some((Some(Table::Latin), b'?')));
        assert_eq!(decode_arabic(0xC7), '\u{FE8D}');
        assert_eq!(decode_latin(0x82), 'é');
        assert_eq!(printable("📱 PREPAID | عادي"), "PREPAID | عادي");
        assert_eq!(printable("Reçu 📱 500 DA"), "Reçu 500 DA");
        assert_eq!(
            printable("2025-03-01 – 2025-03-31"),
            "2025-03-01 - 2025-03-31"
        );
    }
}
