//! Stage 5 (output), highlighting: query words (stemmed as the index stems them) and theme
//! evidence inside a sentence, rendered with [`super::style`] and wrapped by
//! [`super::wrap`] so that styles stay intact across lines.

use super::style::{Style, paint};
use super::wrap::wrap_ranges;

/// The analyzer of the index's text field ([`crate::index::schema::TEXT_TOKENIZER`]):
/// tantivy's registered `en_stem` (simple tokenizer,
/// long tokens dropped, lower-cased, English Snowball stemmer), the one the schema names,
/// so that highlighting stems words exactly as the index and the query did. (The index
/// registers `crate::index::tokenizer`'s cached copy under that name, which gives the same
/// tokens; its cache would only cost here, where each sentence gets a fresh analyzer.)
fn en_stem() -> tantivy::tokenizer::TextAnalyzer {
    use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, TokenizerManager};
    static EN_STEM: std::sync::LazyLock<TextAnalyzer> = std::sync::LazyLock::new(|| {
        // tantivy always registers `en_stem`; without it, words are still found unstemmed.
        TokenizerManager::default()
            .get(crate::index::schema::TEXT_TOKENIZER)
            .unwrap_or_else(|| TextAnalyzer::from(SimpleTokenizer::default()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_colour_by_default_and_highlight_is_plain() {
        assert!(!crate::output::style::color());
        let s = highlight_wrapped("a b c", &[(0, 1)], &[(2, 3)], "", 0, 80, 2);
        assert_eq!(s, "a b c");
    }

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
}
