//! A slip as ESC/POS bytes, and those bytes read back (the tests read what the printer gets).
//!
//! Only the few commands every ESC/POS printer has: `ESC @` (initialise), `ESC t n` (character
//! table), `ESC E n` (bold), `LF`, `ESC d n` (feed n lines) and `GS V 1` (partial cut). Each
//! character is sent in the table that has it: PC864 for Arabic, PC858 for French letters,
//! ASCII in whichever is selected; the table is switched only when a character needs the other.

use super::codepage::{self, Table};
use super::slip::{Emphasis, Slip};

pub const ESC: u8 = 0x1B;
pub const GS: u8 = 0x1D;
pub const LF: u8 = 0x0A;

/// Blank lines fed before the cut, so the last line clears the cutter.
pub const FEED_BEFORE_CUT: u8 = 4;

/// The printer's numbers (`ESC t n`) for its two tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tables {
    pub arabic: u8,
    pub latin: u8,
}

impl Tables {
    fn number(self, t: Table) -> u8 {
        match t {
            Table::Arabic => self.arabic,
            Table::Latin => self.latin,
        }
    }
}

/// The whole print job of a slip: initialise, the lines, feed, cut.
pub fn encode(slip: &Slip, tables: Tables) -> Vec<u8> {
    let mut out = vec![ESC, b'@', ESC, b't', tables.latin];
    let mut table = Table::Latin;
    for line in &slip.lines {
        let bold = line.emphasis == Emphasis::Bold;
        if bold {
            out.extend([ESC, b'E', 1]);
        }
        for c in line.text.chars() {
            // Spaces of every kind print as a space (the money's and numbers' no-break ones).
            let c = if matches!(c, '\u{A0}' | '\u{2009}' | '\u{202F}') {
                ' '
            } else {
                c
            };
            let Some((needs, byte)) = codepage::encode_char(c) else {
                continue;
            };
            if let Some(t) = needs.filter(|t| *t != table) {
                out.extend([ESC, b't', tables.number(t)]);
                table = t;
            }
            out.push(byte);
        }
        if bold {
            out.extend([ESC, b'E', 0]);
        }
        out.push(LF);
    }
    out.extend([ESC, b'd', FEED_BEFORE_CUT, GS, b'V', 1]);
    out
}

/// A print job read back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    /// Started with `ESC @`.
    pub initialised: bool,
    /// Each printed line (decoded through the table selected for each byte) and whether it was
    /// bold.
    pub lines: Vec<(String, bool)>,
    /// Ends with a cut (`GS V`).
    pub cut: bool,
    /// How many jobs (`ESC @`) the stream holds.
    pub jobs: usize,
}

impl Decoded {
    /// The lines' text, trailing spaces dropped.
    pub fn texts(&self) -> Vec<String> {
        self.lines
            .iter()
            .map(|(t, _)| t.trim_end().to_string())
            .collect()
    }
}

/// Reads an ESC/POS stream as [`encode`] writes it; `Err` names the first byte it does not
/// know (at its offset).
pub fn decode(bytes: &[u8], tables: Tables) -> Result<Decoded, String> {
    let mut d = Decoded::default();
    let mut line = String::new();
    let mut bold = false;
    let mut line_bold = false;
    let mut arabic = false;
    let mut i = 0;
    let arg = |i: usize| {
        bytes
            .get(i)
            .copied()
            .ok_or_else(|| format!("a command cut short at {i}"))
    };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            ESC => {
                let cmd = arg(i + 1)?;
                let n = arg(i + 2);
                match cmd {
                    b'@' => {
                        d.initialised |= i == 0;
                        d.jobs += 1;
                        d.cut = false;
                        i += 2;
                        continue;
                    }
                    b't' => arabic = n? == tables.arabic,
                    b'E' => {
                        bold = n? != 0;
                        line_bold |= bold;
                    }
                    b'd' => {
                        for _ in 0..n? {
                            d.lines.push((String::new(), false));
                        }
                    }
                    other => return Err(format!("unknown ESC {other:#04x} at {i}")),
                }
                i += 3;
            }
            GS => {
                if arg(i + 1)? != b'V' {
                    return Err(format!("unknown GS command at {i}"));
                }
                d.cut = true;
                i += 3;
            }
            LF => {
                d.lines.push((std::mem::take(&mut line), line_bold || bold));
                line_bold = bold;
                i += 1;
            }
            _ => {
                line.push(if arabic {
                    codepage::decode_arabic(b)
                } else {
                    codepage::decode_latin(b)
                });
                i += 1;
            }
        }
    }
    if !line.is_empty() {
        d.lines.push((line, line_bold));
    }
    // The feed before the cut is paper, not lines of the slip.
    while d.lines.last().is_some_and(|(t, _)| t.is_empty()) && d.cut {
        d.lines.pop();
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::receipt::slip::SlipLine;

    const TABLES: Tables = Tables {
        arabic: 37,
        latin: 19,
    };

    fn slip(lines: &[(&str, Emphasis)]) -> Slip {
        Slip {
            columns: 32,
            lines: lines
                .iter()
                .map(|(t, e)| SlipLine {
                    text: t.to_string(),
                    emphasis: *e,
                })
                .collect(),
        }
    }

    #[test]
    fn a_job_initialises_prints_and_cuts() {
        let bytes = encode(
            &slip(&[("Reçu", Emphasis::Bold), ("500 DA", Emphasis::Normal)]),
            TABLES,
        );
        assert_eq!(&bytes[..5], &[ESC, b'@', ESC, b't', 19]);
        assert_eq!(&bytes[bytes.len() - 6..], &[ESC, b'd', 4, GS, b'V', 1]);
        // `ç` is 0x87 in PC858; bold around the first line.
        assert_eq!(&bytes[5..13], &[ESC, b'E', 1, b'R', b'e', 0x87, b'u', ESC]);
        let d = decode(&bytes, TABLES).unwrap();
        assert!(d.initialised && d.cut);
        assert_eq!(d.lines, [("Reçu".into(), true), ("500 DA".into(), false)]);
    }

    #[test]
    fn arabic_switches_to_pc864_and_back() {
        // Shaped, visual order: "سلام" is ﻡﻼﺳ (meem isolated, lam-alef final, seen initial).
        let shaped = crate::text::layout("سلام 500 %", 32, BidiMode::App).lines[0]
            .text
            .clone();
        let bytes = encode(&slip(&[(&shaped, Emphasis::Normal)]), TABLES);
        let d = decode(&bytes, TABLES).unwrap();
        assert_eq!(d.texts(), [shaped]);
        // Seen initial is 0xD3 in PC864, selected by ESC t 37 before it.
        let at = bytes.iter().position(|&b| b == 0xD3).unwrap();
        assert!(bytes[..at].windows(3).any(|w| w == [ESC, b't', 37]));
        // `%` is printed from the Latin table (PC864 has the Arabic percent sign there).
        // (37, the Arabic table's number, is also the byte of `%`: look for the sign itself.)
        assert!(
            bytes.windows(4).any(|w| w == [ESC, b't', 19, b'%']),
            "{bytes:?}"
        );
    }

    use crate::text::BidiMode;
}
