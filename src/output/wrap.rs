//! Stage 5 (output), widths and wrapping: display columns (UAX #11, `unicode-width`),
//! padding and truncation that never cut a grapheme cluster (`unicode-segmentation`), and
//! line breaks as byte ranges of the text (what highlighting needs).

/// Display width of `s` in terminal columns (UAX #11): East Asian wide and fullwidth
/// characters take 2, combining marks and other zero-width characters 0.
pub fn cols(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` padded with spaces to `width` display columns, on the right (`left_align`) or on
/// the left: `format!("{s:<w$}")` counts chars, not columns.
pub fn pad(s: &str, width: usize, left_align: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(cols(s)));
    if left_align {
        format!("{s}{fill}")
    } else {
        format!("{fill}{s}")
    }
}

/// `s` cut to at most `width` display columns, ending in `…` when cut; the cut falls
/// between grapheme clusters (never between a letter and its combining mark).
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if cols(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = cols(g);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// Line breaks for `text` at `width` display columns: byte ranges of each line (spaces at
/// breaks dropped). The first line has `first` columns fewer; a word longer than a line
/// stays whole, so a line is only ever broken at a space that is a grapheme cluster of its
/// own (never before a combining mark). Not `textwrap`: highlighting needs the lines as byte
/// ranges of `text`, which textwrap's `wrap` (owned or borrowed strings) does not give.
pub fn wrap_ranges(text: &str, width: usize, first: usize) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut line_cols = 0;
    let mut last_end = 0;
    let avail = |n: usize| {
        if n == 0 {
            width.saturating_sub(first).max(10)
        } else {
            width.max(10)
        }
    };
    for (ws, word) in words(text) {
        let wcols = cols(word);
        let cols = if line_cols == 0 {
            wcols
        } else {
            line_cols + 1 + wcols
        };
        if line_cols > 0 && cols > avail(lines.len()) {
            lines.push((line_start, last_end));
            line_start = ws;
            line_cols = wcols;
        } else {
            if line_cols == 0 {
                line_start = ws;
            }
            line_cols = cols;
        }
        last_end = ws + word.len();
    }
    if line_cols > 0 {
        lines.push((line_start, last_end));
    }
    lines
}

/// The words of `text` with their byte offsets: runs between spaces, where a space counts
/// only as a grapheme cluster of its own (a space carrying a combining mark is part of a
/// word). Empty runs (several spaces) are dropped.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    use unicode_segmentation::UnicodeSegmentation;
    text.grapheme_indices(true)
        .filter(|(_, g)| *g == " ")
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .scan(0usize, move |pos, end| {
            let start = *pos;
            *pos = end + 1;
            Some((start, &text[start..end]))
        })
        .filter(|(_, w)| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_width() {
        let text = "Allies should share the burden of defence spending because the threat is growing fast.";
        let lines = wrap_ranges(text, 30, 0);
        assert!(lines.len() > 2);
        for &(s, e) in &lines {
            assert!(text[s..e].chars().count() <= 30, "{}", &text[s..e]);
        }
        let joined: Vec<&str> = lines.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn widths_count_columns_not_chars() {
        // (text, display columns): wide CJK 2 each, combining marks and ZWSP 0.
        for (text, want) in [
            ("burden", 6),
            ("同盟", 4),
            ("日本の防衛", 10),
            ("Cafe\u{301}", 4),
            ("n\u{303}o\u{308}", 2),
            ("a\u{200b}b", 2),
            ("Ｎ", 2),
            ("░▒▓█ ┆ …", 8),
        ] {
            assert_eq!(cols(text), want, "{text:?}");
        }
        for (text, width, left, want) in [
            ("ab", 4, true, "ab  "),
            ("ab", 4, false, "  ab"),
            ("同盟", 6, true, "同盟  "),
            ("e\u{301}", 3, true, "e\u{301}  "),
            ("toolong", 3, true, "toolong"),
        ] {
            assert_eq!(pad(text, width, left), want, "{text:?}");
        }
    }

    #[test]
    fn truncation_fits_columns_and_keeps_grapheme_clusters() {
        for (text, width, want) in [
            ("short", 40, "short"),
            ("abcdefghij", 10, "abcdefghij"),
            ("abcdefghijk", 10, "abcdefghi…"),
            // A wide character that would overrun the last column is left out.
            ("日本の防衛政策", 6, "日本…"),
            ("日本の防衛政策", 7, "日本の…"),
            // The combining acute stays with its e.
            ("cafe\u{301}s and more", 5, "cafe\u{301}…"),
            ("abcde\u{301}f", 5, "abcd…"),
        ] {
            let got = truncate(text, width);
            assert_eq!(got, want, "{text:?} at {width}");
            assert!(cols(&got) <= width, "{got:?}");
        }
    }

    #[test]
    fn wrapping_counts_wide_and_combining_text_by_columns() {
        // (text, width, lines)
        for (text, width, want) in [
            (
                "日本 防衛 政策 同盟 負担",
                10,
                &["日本 防衛", "政策 同盟", "負担"][..],
            ),
            (
                "cafe\u{301} cafe\u{301} cafe\u{301}",
                10,
                &["cafe\u{301} cafe\u{301}", "cafe\u{301}"][..],
            ),
            // A space carrying a combining mark is no break: it belongs to the word.
            (
                "aaaaaa \u{301}bbbbbb cc",
                10,
                &["aaaaaa \u{301}bbbbbb", "cc"][..],
            ),
            ("one two", 10, &["one two"][..]),
        ] {
            let lines: Vec<&str> = wrap_ranges(text, width, 0)
                .iter()
                .map(|&(s, e)| &text[s..e])
                .collect();
            assert_eq!(lines, want, "{text:?} at {width}");
        }
    }
}
