//! Stage 5 (output), terminal styling: whether to colour (`--color auto|always|never`,
//! `NO_COLOR`, stdout a terminal), ANSI styles, the terminal width, highlighting of query
//! words and theme evidence inside a sentence, and word wrapping that keeps styles intact.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    Always,
    Never,
}

// 0 = not decided yet, 1 = colour off, 2 = colour on.
static COLOR: AtomicU8 = AtomicU8::new(0);

/// Decide once, from the command line choice, whether output is coloured.
pub fn set_color(choice: ColorChoice) {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    COLOR.store(if on { 2 } else { 1 }, Ordering::Relaxed);
}

/// Is colour on? (Off unless [`set_color`] turned it on.)
pub fn color() -> bool {
    COLOR.load(Ordering::Relaxed) == 2
}

/// Width to wrap at: the terminal's, else `$COLUMNS`, else 80 (never below 40).
pub fn width() -> usize {
    let w = terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(80);
    w.clamp(40, 200)
}

/// ANSI styles used by argdex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Citations and other secondary text.
    Dim,
    /// Group headers.
    Header,
    /// Theme tags.
    Theme,
    /// Words that gave a theme.
    Evidence,
    /// Words of the query.
    Query,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Dim => "\x1b[2m",
            Style::Header => "\x1b[1;34m",
            Style::Theme => "\x1b[36m",
            Style::Evidence => "\x1b[1;33m",
            Style::Query => "\x1b[1;4;31m",
        }
    }
}

/// `s` in style `st` when colour is on, else `s` as is.
pub fn paint(s: &str, st: Style) -> String {
    if color() && !s.is_empty() {
        format!("{}{s}\x1b[0m", st.code())
    } else {
        s.to_string()
    }
}

/// The analyzer of the index's text field (`en_stem`: tantivy's simple tokenizer, long
/// tokens dropped, lower-cased, English Snowball stemmer), so that highlighting stems words
/// exactly as the index and the query did. A test checks it against tantivy's `en_stem`.
fn en_stem() -> tantivy::tokenizer::TextAnalyzer {
    use tantivy::tokenizer::{
        Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    };
    static EN_STEM: std::sync::LazyLock<TextAnalyzer> = std::sync::LazyLock::new(|| {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build()
    });
    EN_STEM.clone()
}

/// `(start, end, term)` of each token of `text` as the index sees it.
fn terms(text: &str) -> Vec<(usize, usize, String)> {
    let mut analyzer = en_stem();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.offset_from, t.offset_to, t.text.clone()));
    }
    out
}

/// Index terms of the plain words of a query (operators and negated words dropped; one-
/// letter words too, which would light up every "a").
pub fn query_stems(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| !w.starts_with('-') && !matches!(*w, "AND" | "OR" | "NOT"))
        .flat_map(|w| {
            w.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 2)
                .flat_map(terms)
                .map(|(_, _, term)| term)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Byte ranges of the words of `text` whose index term is one of `stems`: the words the
/// query matched.
pub fn query_ranges(text: &str, stems: &[String]) -> Vec<(usize, usize)> {
    if stems.is_empty() {
        return Vec::new();
    }
    terms(text)
        .into_iter()
        .filter(|(_, _, term)| stems.contains(term))
        .map(|(s, e, _)| (s, e))
        .collect()
}

/// Style of every byte of `text`: query words win over evidence.
fn byte_styles(
    text: &str,
    evidence: &[(usize, usize)],
    query: &[(usize, usize)],
) -> Vec<Option<Style>> {
    let mut st = vec![None; text.len()];
    for (ranges, style) in [(evidence, Style::Evidence), (query, Style::Query)] {
        for &(s, e) in ranges {
            let e = e.min(text.len());
            if s < e && text.is_char_boundary(s) && text.is_char_boundary(e) {
                for b in &mut st[s..e] {
                    *b = Some(style);
                }
            }
        }
    }
    st
}

/// Render `text[from..to]` with the styles of its bytes.
fn render(text: &str, styles: &[Option<Style>], from: usize, to: usize) -> String {
    let mut out = String::new();
    let mut i = from;
    while i < to {
        let st = styles.get(i).copied().flatten();
        let mut j = i;
        while j < to && styles.get(j).copied().flatten() == st {
            j += 1;
        }
        while j < to && !text.is_char_boundary(j) {
            j += 1;
        }
        let piece = &text[i..j];
        match st {
            Some(s) => out.push_str(&paint(piece, s)),
            None => out.push_str(piece),
        }
        i = j;
    }
    out
}

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

/// A sentence wrapped to `width` with highlights: `prefix` (already styled, `prefix_cols`
/// wide) starts the first line, later lines are indented by `indent` spaces.
pub fn highlight_wrapped(
    text: &str,
    evidence: &[(usize, usize)],
    query: &[(usize, usize)],
    prefix: &str,
    prefix_cols: usize,
    width: usize,
    indent: usize,
) -> String {
    let styles = byte_styles(text, evidence, query);
    let lines = wrap_ranges(
        text,
        width.saturating_sub(indent),
        prefix_cols.saturating_sub(indent),
    );
    let mut out = String::from(prefix);
    for (n, (s, e)) in lines.iter().enumerate() {
        if n > 0 {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&render(text, &styles, *s, *e));
    }
    out
}

/// Shade of a count relative to the largest: ` `, `░`, `▒`, `▓`, `█`.
pub fn shade(n: usize, max: usize) -> char {
    if n == 0 || max == 0 {
        return ' ';
    }
    let r = n as f64 / max as f64;
    if r > 0.75 {
        '█'
    } else if r > 0.5 {
        '▓'
    } else if r > 0.25 {
        '▒'
    } else {
        '░'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_match_inflections() {
        let stems = query_stems("alliances \"burden sharing\" -china OR costs");
        assert_eq!(stems, ["allianc", "burden", "share", "cost"]);
        let text = "The alliance shares the burden; costly costs.";
        let r = query_ranges(text, &stems);
        let words: Vec<&str> = r.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(words, ["alliance", "shares", "burden", "costly", "costs"]);
    }

    #[test]
    fn highlighting_stems_as_the_index_does() {
        // The analyzer here is tantivy's en_stem, token for token.
        let text = "Allies' burden-sharing: Japan’s DEFENCE spending, generously 2.5% — \
                    argued, arguing, argues; organisations organised universally.";
        let mut theirs = tantivy::tokenizer::TokenizerManager::default()
            .get("en_stem")
            .unwrap();
        let mut stream = theirs.token_stream(text);
        let mut want = Vec::new();
        while stream.advance() {
            let t = stream.token();
            want.push((t.offset_from, t.offset_to, t.text.clone()));
        }
        assert_eq!(terms(text), want);
        // (query, sentence, highlighted words): a word lights up exactly when its index
        // term is a query term, not when it merely starts with a rough stem.
        // The old hand stemmer (suffixes off, then a prefix match) lit "costume" for "cost",
        // "students" for "studies", "New" for "news", and missed "policies" for "policy".
        for (query, sentence, lit) in [
            ("cost", "Costs and costume.", &["Costs"][..]),
            ("studies", "A study of students.", &["study"][..]),
            ("news", "New news.", &["news"][..]),
            ("policy", "Their policies.", &["policies"][..]),
            (
                "argue",
                "They argued and argues.",
                &["argued", "argues"][..],
            ),
        ] {
            let stems = query_stems(query);
            let got: Vec<&str> = query_ranges(sentence, &stems)
                .iter()
                .map(|&(s, e)| &sentence[s..e])
                .collect();
            assert_eq!(got, lit, "{query:?} in {sentence:?} (terms {stems:?})");
        }
    }

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

    #[test]
    fn no_colour_by_default_and_highlight_is_plain() {
        assert!(!color());
        let s = highlight_wrapped("a b c", &[(0, 1)], &[(2, 3)], "", 0, 80, 2);
        assert_eq!(s, "a b c");
    }

    #[test]
    fn shades() {
        assert_eq!(shade(0, 9), ' ');
        assert_eq!(shade(9, 9), '█');
        assert_eq!(shade(1, 9), '░');
    }
}
