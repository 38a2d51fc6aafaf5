//! Digits three rows tall, so the number on the confirm step can be read from a step away.

const FONT: [[&str; 3]; 10] = [
    ["┌─┐", "│ │", "└─┘"],
    [" ╶┐", "  │", " ╶┴"],
    ["╶─┐", "┌─┘", "└─╴"],
    ["╶─┐", " ─┤", "╶─┘"],
    ["╷ ╷", "└─┤", "  ╵"],
    ["┌─╴", "└─┐", "╶─┘"],
    ["┌─╴", "├─┐", "└─┘"],
    ["╶─┐", "  │", "  ╵"],
    ["┌─┐", "├─┤", "└─┘"],
    ["┌─┐", "└─┤", "╶─┘"],
];

/// Three text rows drawing `text`: digits big, a space as a gap, anything else blank.
pub fn big_rows(text: &str) -> [String; 3] {
    let mut rows = [String::new(), String::new(), String::new()];
    for c in text.chars() {
        match c.to_digit(10) {
            Some(d) => {
                for (row, glyph) in rows.iter_mut().zip(FONT[d as usize]) {
                    row.push_str(glyph);
                    row.push(' ');
                }
            }
            None => {
                for row in rows.iter_mut() {
                    row.push_str("  ");
                }
            }
        }
    }
    rows.map(|r| r.trim_end().to_string())
}

/// Columns `big_rows(text)` needs.
pub fn big_width(text: &str) -> usize {
    text.chars()
        .map(|c| if c.is_ascii_digit() { 4 } else { 2 })
        .sum::<usize>()
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_digit_is_three_by_three() {
        for g in FONT {
            for row in g {
                assert_eq!(row.chars().count(), 3, "{row:?}");
            }
        }
        let r = big_rows("0661 23");
        assert!(r[0].starts_with("┌─┐ ┌─╴ ┌─╴  ╶┐"), "{:?}", r[0]);
        assert!(big_width("0661 23 45 67") <= 50);
    }
}
