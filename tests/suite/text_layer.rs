//! The Arabic text layer against GNU FriBidi, plus properties, snapshots and ratatui rendering.
//!
//! The FriBidi comparison needs the `fribidi` command (Debian `libfribidi-bin`); without it
//! (and always on Windows) that one test says so and skips, except in CI on Linux, where it
//! fails (see `common::tool_ready`). Everything else runs everywhere.

use crate::common;

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

use flexy_pos::text::{
    self, BidiMode, Direction, ORPHAN_BASE, TOO_WIDE, display_width, is_bidi_control, layout,
    mirrored, paragraph_lines,
};
use proptest::prelude::*;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The UNKNOWN_ERROR `refund_message` from the API doc (§8), verbatim.
const UNKNOWN_ERROR: &str = "هذه العملية حالتها غير معروفة، يرجى التأكد مع عميلك، ولن نتحمل أي مسؤولية عن أي خسائر. إذا فشلت العملية بالفعل، فلا تقلق، سيتم استرداد أموالك خلال 24 ساعة";

use Direction::{Ltr, Rtl};

/// Messages a customer may be shown, with the direction of their first paragraph.
const CORPUS: &[(Direction, &str)] = &[
    (Rtl, UNKNOWN_ERROR),
    (Rtl, "تم استرداد المبلغ 500 دج إلى رصيدك."),
    (Rtl, "فشلت عملية الشحن للرقم 0661234567، تم إرجاع 1000 دج."),
    (Rtl, "الرقم +213 661 23 45 67 غير صالح"),
    (Rtl, "المبلغ المسترد: 1 000,50 DA"),
    (
        Rtl,
        "العرض PREPAID_MOBILIS غير متوفر لهذا الخط، جرب MIX500_MOBILIS",
    ),
    (Rtl, "الباقة (MIX500_MOBILIS) غير متاحة"),
    (Rtl, "الرصيد [960 دج] أقل من المطلوب"),
    (Rtl, "قال العميل «لم يصلني الشحن» بعد 15 دقيقة"),
    (Rtl, "هل تريد المحاولة مرة أخرى؟"),
    (Rtl, "تنبيه: الخط مقيد! اتصل بـ 666"),
    (Rtl, "مُحَمَّد، تمّت العملية بنجاح."),
    (Rtl, "لا يمكن إتمام الأمر إلا بعد التحقق"),
    (Ltr, "Top-up of 500 DZD failed: الرقم غير صحيح"),
    (Ltr, "Plan MIX500_MOBILIS (عرض 500 دج) is not available"),
    (Ltr, "Error 403: الخدمة غير متاحة حالياً"),
    (Ltr, "Refund: 960 DA — سيتم الاسترداد خلال 24 ساعة"),
    (Rtl, "الأمر رقم 6650aa11bb22cc33dd44ee55 قيد المعالجة"),
    (Rtl, "سيتم استرداد أموالك خلال 1-12 ساعة"),
    (Rtl, "النسبة 5% من المبلغ 2,000.00 DZD"),
    (Rtl, "٠٦٦١٢٣٤٥٦٧ رقم غير مدعوم"),
    (Rtl, "تاريخ العملية 2025-11-02 09:00"),
    (Rtl, "الرجاء الاتصال على 0550 12 34 56 أو 0770123456."),
    (Rtl, "عرض {MIX1000} متوفر: 1000 دج / 30 يوم"),
    (Rtl, "خطأ <timeout> أثناء الاتصال بالمشغل"),
    (Rtl, "إلا إذا كان الرصيد كافياً، لا تعيد المحاولة!"),
    (Rtl, "لأن الخط معلق، لم تتم العملية"),
    (Rtl, "آلاف العمليات: لإتمام الشحن اضغط Enter"),
    (Ltr, "Mobilis: رصيدك غير كاف (0 DA)"),
    (Ltr, "Sent to 0661234567 – تم الإرسال"),
    (Rtl, "پیام: چند گزینه ژ ڤ برای شما"),
    (Rtl, "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ"),
    (Rtl, "فشلت العملية.\nCode: REFUNDED\nالمبلغ 500 دج"),
    (Rtl, "ـــ تنبيه ـــ الرصيد غير كاف"),
    (Rtl, "المــبلغ المسـترد ـه 500 دج"),
    (Rtl, "تم الشحن ✅ 👍 شكراً"),
    (Rtl, "رقم الطلب: #A-12/34 (انظر [التفاصيل])"),
    (Rtl, "عرض «MIX500» (500 دج) متاح، هل توافق؟ نعم/لا"),
    (Ltr, "(PREPAID_MOBILIS) [OK] «fine» الأمر"),
];

/// Runs `fribidi` over `lines` (one paragraph per line) in `direction`; `None` if not installed.
fn fribidi(lines: &[&str], direction: Direction) -> Option<Vec<String>> {
    let dir_flag = match direction {
        Ltr => "--ltr",
        Rtl => "--rtl",
    };
    let mut child = match Command::new("fribidi")
        .args(["--nopad", "--nobreak", dir_flag])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("could not run fribidi: {e}"),
    };
    let mut input = lines.join("\n");
    input.push('\n');
    child
        .stdin
        .take()
        .expect("stdin was piped")
        .write_all(input.as_bytes())
        .expect("write to fribidi");
    let out = child.wait_with_output().expect("fribidi output");
    assert!(out.status.success(), "fribidi failed: {:?}", out.status);
    let text = String::from_utf8(out.stdout).expect("fribidi writes UTF-8");
    // FriBidi keeps string length by putting U+FEFF where a lam-alef ligature swallowed a
    // letter; the layer drops that letter instead.
    let lines: Vec<String> = text
        .trim_end_matches('\n')
        .split('\n')
        .map(|l| l.replace('\u{FEFF}', ""))
        .collect();
    Some(lines)
}

#[test]
fn corpus_matches_fribidi_line_by_line() {
    let works = || fribidi(&["a"], Ltr).is_some();
    if !common::tool_ready("fribidi", works, "libfribidi-bin") {
        return;
    }
    assert!(CORPUS.len() >= 30);
    let mut checked = 0;
    let mut failures = Vec::new();
    for width in [12, 25, 40, 1000] {
        for &(expected_direction, message) in CORPUS {
            let laid = layout(message, width, BidiMode::App);
            assert_eq!(
                laid.direction, expected_direction,
                "direction of {message:?}"
            );
            for direction in [Ltr, Rtl] {
                let lines: Vec<_> = laid
                    .lines
                    .iter()
                    .filter(|l| l.direction == direction)
                    .collect();
                if lines.is_empty() {
                    continue;
                }
                let logical: Vec<&str> = lines.iter().map(|l| l.logical.as_str()).collect();
                let reference = fribidi(&logical, direction).expect("fribidi runs");
                assert_eq!(
                    reference.len(),
                    lines.len(),
                    "fribidi line count for {message:?}"
                );
                for (ours, theirs) in lines.iter().zip(&reference) {
                    assert!(ours.width <= width, "{:?} wider than {width}", ours.text);
                    checked += 1;
                    if &ours.text != theirs {
                        failures.push(format!(
                            "width {width}, {direction:?}, logical {:?}\n  ours:    {:?}\n  fribidi: {:?}",
                            ours.logical, ours.text, theirs
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} lines differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 150, "only {checked} lines checked");
    println!("{checked} laid-out lines identical to fribidi");
}

#[test]
fn shaping_and_reordering_are_really_applied() {
    // Guards against a layer that returns text untouched (FriBidi would catch it too, but this
    // runs without it): the first line of the refund message starts with the last word, shaped.
    let laid = layout("هذه العملية حالتها غير معروفة", 80, BidiMode::App);
    let line = &laid.lines[0].text;
    assert!(
        line.starts_with('\u{FE94}'),
        "starts with final teh marbuta: {line:?}"
    );
    assert!(
        line.ends_with('\u{FEEB}'),
        "ends with initial heh: {line:?}"
    );
    assert!(!line.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)));
}

// ---------------------------------------------------------------------------------------------
// Rendering through ratatui: every row ends exactly at the box edge (RTL) or starts at 0 (LTR).

/// The row as drawn: cell symbols left to right, skipping cells hidden by wide graphemes.
fn row(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut x = buf.area.x;
    while x < buf.area.right() {
        let symbol = buf[(x, y)].symbol();
        out.push_str(symbol);
        x += symbol.cell_width().max(1);
    }
    out
}

type Rows = Vec<String>;

/// Draws `text` in a box `width` wide twice, as a `Paragraph` and as bare `Line` widgets (table
/// cells and status bars draw lines directly; ratatui aligns those by `Line::width()`).
/// Returns both sets of rows and the layout.
fn render(text: &str, width: u16, mode: BidiMode) -> (Rows, Rows, Vec<text::VisualLine>) {
    let lines = paragraph_lines(text, width, mode);
    let height = u16::try_from(lines.len()).expect("few lines");
    let area = Rect::new(0, 0, width, height);
    let mut as_paragraph = Buffer::empty(area);
    let mut as_lines = Buffer::empty(area);
    for (y, line) in (0..height).zip(&lines) {
        line.render(Rect::new(0, y, width, 1), &mut as_lines);
    }
    Paragraph::new(lines).render(area, &mut as_paragraph);
    let rows = |buf: &Buffer| (0..height).map(|y| row(buf, y)).collect();
    (
        rows(&as_paragraph),
        rows(&as_lines),
        layout(text, usize::from(width), mode).lines,
    )
}

/// What a row must look like: the line flush right (RTL) or left (LTR), padded with spaces.
fn expected_row(line: &text::VisualLine, width: u16) -> String {
    let pad = " ".repeat(usize::from(width) - line.width);
    match line.direction {
        Rtl => format!("{pad}{}", line.text),
        Ltr => format!("{}{pad}", line.text),
    }
}

#[test]
fn ratatui_rows_are_aligned_exactly() {
    let extra = [
        "لا لا لا",
        "سلام لأن الأمر لإ",
        "中文 عربي 👨\u{200d}👩\u{200d}👧 ok",
    ];
    let texts = CORPUS.iter().map(|(_, t)| *t).chain(extra);
    for text in texts {
        for width in [7u16, 20, 33, 80] {
            for mode in [BidiMode::App, BidiMode::Terminal] {
                let (paragraph_rows, line_rows, lines) = render(text, width, mode);
                assert_eq!(paragraph_rows.len(), lines.len());
                for ((para, bare), line) in paragraph_rows.iter().zip(&line_rows).zip(&lines) {
                    let expected = expected_row(line, width);
                    assert_eq!(
                        para, &expected,
                        "Paragraph, {mode:?} width {width} of {text:?}"
                    );
                    assert_eq!(bare, &expected, "Line, {mode:?} width {width} of {text:?}");
                }
            }
        }
    }
    // Half-width kana sound marks: ratatui's `Span::width()` counts them 0 but draws them in a
    // cell, so only `Paragraph` can place them; it must.
    let (paragraph_rows, _, lines) = render("ｶﾞ ﾞ سلام ﾟ", 7, BidiMode::App);
    for (para, line) in paragraph_rows.iter().zip(&lines) {
        assert_eq!(para, &expected_row(line, 7));
    }
}

// ---------------------------------------------------------------------------------------------
// Snapshots of what the customer sees.

fn boxed(text: &str, width: u16, mode: BidiMode) -> String {
    let (rows, _, _) = render(text, width, mode);
    let edge = format!("+{}+", "-".repeat(usize::from(width)));
    let mut out = vec![edge.clone()];
    out.extend(rows.iter().map(|r| format!("|{r}|")));
    out.push(edge);
    out.join("\n")
}

#[test]
fn snapshots_of_refund_messages() {
    let messages = [
        ("unknown_error", UNKNOWN_ERROR),
        (
            "refund_amount_phone",
            "فشلت عملية الشحن للرقم 0661234567، تم إرجاع 1000 دج (MIX500_MOBILIS).",
        ),
        (
            "latin_first",
            "Plan MIX500_MOBILIS (عرض 500 دج) is not available: «لا يوجد رصيد»",
        ),
        (
            "paragraphs",
            "فشلت العملية.\nCode: REFUNDED\nالمبلغ: 1 000,50 DA",
        ),
    ];
    for (name, message) in messages {
        for width in [20u16, 40, 80] {
            insta::assert_snapshot!(
                format!("{name}_w{width}"),
                boxed(message, width, BidiMode::App)
            );
        }
    }
    insta::assert_snapshot!(
        "unknown_error_terminal_w40",
        boxed(UNKNOWN_ERROR, 40, BidiMode::Terminal)
    );
}

// ---------------------------------------------------------------------------------------------
// Properties over generated text.

const HARAKAT: &[&str] = &[
    "\u{64b}", "\u{64c}", "\u{64d}", "\u{64e}", "\u{64f}", "\u{650}", "\u{651}", "\u{652}",
    "\u{670}",
];

/// Escape sequences. Their insides hold `;` or `§`, which no other clean piece produces, so a
/// leftover fragment is detectable.
const ESCAPES: &[&str] = &[
    "\u{1b}[31;1m",
    "\u{1b}[2;5J",
    "\u{1b}]0;§title\u{7}",
    "\u{1b}]8;;http://§\u{1b}\\",
    "\u{1b}P1$r§\u{1b}\\",
    "\u{1b}_§apc\u{1b}\\",
    "\u{9b}1;2H",
    "\u{9d}0;§\u{9c}",
    "\u{90}§\u{1b}\\",
    "\u{1b}7",
    "\u{1b}",
    "\u{1b}(B",
];

/// A letter with up to two harakat, or a word that forms lam-alef ligatures.
fn arabic() -> impl Strategy<Value = String> {
    let letter = prop_oneof![
        (0x0621u32..=0x064A).prop_map(|c| char::from_u32(c).expect("Arabic block")),
        prop::sample::select(vec!['ٱ', 'پ', 'چ', 'ژ', 'ڤ', 'گ', 'ی', 'ک', 'ـ']),
    ];
    prop_oneof![
        4 => (letter, prop::collection::vec(prop::sample::select(HARAKAT), 0..3))
            .prop_map(|(l, marks)| format!("{l}{}", marks.concat())),
        1 => prop::sample::select(vec!["لا", "لأ", "لإ", "لآ", "الأمر", "إلا", "سلام", "مُحَمَّد", "دج"])
            .prop_map(String::from),
    ]
}

/// Well-formed pieces: every combining mark follows a base character.
fn clean_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => arabic(),
        2 => "[a-zA-Z_]{1,9}",
        2 => "[0-9]{1,10}",
        3 => prop::sample::select(vec![" ", " ", "  ", "\n", "\t", "\r\n", "\u{a0}"]).prop_map(String::from),
        2 => prop::sample::select(vec!["(", ")", "[", "]", "{", "}", "<", ">", "«", "»", "،", "؟", ".", "!", ":", "+213", "1 000,50", "%", "/", "-"]).prop_map(String::from),
        1 => prop::sample::select(vec!["👍", "👨\u{200d}👩\u{200d}👧", "🇩🇿", "✅", "❤\u{fe0f}", "👍🏽"]).prop_map(String::from),
        1 => "[\u{4e00}-\u{4e40}\u{ac00}-\u{ac10}]{1,3}",
        1 => prop::sample::select(ESCAPES).prop_map(String::from),
        1 => prop::sample::select(vec!['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}']).prop_map(String::from),
        1 => prop_oneof![0u32..0x20, Just(0x7f), 0x80u32..0xa0]
            .prop_map(|c| char::from_u32(c).expect("control").to_string()),
    ]
}

/// Anything: also orphan marks, joiners, private use, unassigned code points.
fn any_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => clean_piece(),
        1 => any::<char>().prop_map(String::from),
        1 => prop::sample::select(HARAKAT).prop_map(String::from),
        1 => prop::sample::select(vec!["\u{200d}", "\u{200c}", "\u{301}", "\u{ff9e}", "\u{fe0f}"]).prop_map(String::from),
    ]
}

fn text_from(piece: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

fn mode() -> impl Strategy<Value = BidiMode> {
    prop_oneof![Just(BidiMode::App), Just(BidiMode::Terminal)]
}

/// One of a mirrored pair stands for both, so mirroring does not count as a change.
fn unmirror(c: char) -> char {
    mirrored(c).map_or(c, |m| m.min(c))
}

/// Compatibility-decomposed, unmirrored text: presentation forms and ligatures become the
/// letters they were shaped from.
fn normalized(grapheme: &str) -> String {
    grapheme.chars().map(unmirror).nfkd().collect()
}

/// The input's graphemes as the layer must show them: word by word (spaces and line breaks are
/// layout, not content), a mark starting a word on a dotted circle, a grapheme wider than the
/// whole line replaced by U+FFFD.
fn input_graphemes(input: &str, width: usize) -> Vec<String> {
    let clean = text::sanitize(input);
    let mut out = Vec::new();
    for word in clean.split(['\n', ' ']).filter(|w| !w.is_empty()) {
        let based = format!("{ORPHAN_BASE}{word}");
        let starts_with_mark =
            based.graphemes(true).next() != Some(&based[..ORPHAN_BASE.len_utf8()]);
        let word = if starts_with_mark {
            based.as_str()
        } else {
            word
        };
        for g in word.graphemes(true) {
            let g = if display_width(g) > width {
                TOO_WIDE
            } else {
                g
            };
            out.push(normalized(g));
        }
    }
    out
}

fn output_graphemes(lines: &[text::VisualLine]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|l| l.text.graphemes(true))
        .filter(|g| !g.chars().all(|c| c == ' '))
        .map(normalized)
        .collect()
}

fn char_multiset(graphemes: &[String]) -> HashMap<char, usize> {
    let mut counts = HashMap::new();
    for c in graphemes
        .iter()
        .flat_map(|g| g.chars())
        .filter(|&c| c != ' ')
    {
        *counts.entry(c).or_insert(0) += 1;
    }
    counts
}

/// Graphemes of normalized text, split again (a ligature stands for two letters).
fn grapheme_multiset(graphemes: &[String]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for g in graphemes
        .iter()
        .flat_map(|g| g.graphemes(true).map(str::to_owned).collect::<Vec<_>>())
    {
        *counts.entry(g).or_insert(0) += 1;
    }
    counts
}

fn assert_lines_safe_and_fit(
    lines: &[text::VisualLine],
    width: usize,
) -> Result<(), TestCaseError> {
    for line in lines {
        prop_assert_eq!(line.width, display_width(&line.text));
        prop_assert!(
            line.width <= width,
            "{:?} is {} wide, box {}",
            line.text,
            line.width,
            width
        );
        for c in line.text.chars().chain(line.logical.chars()) {
            prop_assert!(!c.is_control(), "control {:?} in {:?}", c, line.text);
            prop_assert!(
                !is_bidi_control(c),
                "bidi control {:?} in {:?}",
                c,
                line.text
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any text: lines fit, nothing dangerous survives, no character is lost or invented.
    #[test]
    fn any_text_fits_is_safe_and_keeps_every_character(
        input in text_from(any_piece()), width in 1usize..=120, mode in mode()
    ) {
        let laid = layout(&input, width, mode);
        assert_lines_safe_and_fit(&laid.lines, width)?;
        prop_assert_eq!(
            char_multiset(&output_graphemes(&laid.lines)),
            char_multiset(&input_graphemes(&input, width))
        );
    }

    /// Well-formed text (marks follow a base): whole graphemes survive, marks on their letter,
    /// and nothing of an escape sequence is left.
    #[test]
    fn graphemes_stay_whole(
        input in text_from(clean_piece()), width in 1usize..=120, mode in mode()
    ) {
        let laid = layout(&input, width, mode);
        assert_lines_safe_and_fit(&laid.lines, width)?;
        for line in &laid.lines {
            prop_assert!(!line.text.contains([';', '§']), "escape leftovers in {:?}", line.text);
        }
        prop_assert_eq!(
            grapheme_multiset(&output_graphemes(&laid.lines)),
            grapheme_multiset(&input_graphemes(&input, width))
        );
    }

    /// The ratatui helper draws every line inside the box, RTL lines flush right.
    #[test]
    fn ratatui_lines_stay_in_the_box(
        input in text_from(clean_piece()), width in 1u16..=60, mode in mode()
    ) {
        let (paragraph_rows, line_rows, lines) = render(&input, width, mode);
        for ((para, bare), line) in paragraph_rows.iter().zip(&line_rows).zip(&lines) {
            let expected = expected_row(line, width);
            prop_assert_eq!(para, &expected);
            prop_assert_eq!(bare, &expected);
        }
    }
}
