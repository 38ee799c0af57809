//! Stage 1, boilerplate: word counts and line shapes shared by the heuristics (a run of
//! Han or kana counts one word per two characters), emphasis, heading-like lines and the
//! share of capitalised words.

use crate::document::paragraphs::ends_sentence;

pub(super) fn is_emphasised(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with('*') && s.ends_with('*') && s.len() > 2)
        || (s.starts_with('_') && s.ends_with('_') && s.len() > 2)
}

/// Scripts written without spaces between words (Han, Hiragana, Katakana, and their
/// punctuation and full-width forms): a run of them is counted as one word per
/// [`CHARS_PER_WORD`] characters, so a Chinese or Japanese paragraph is not a one-word
/// heading (case `cjk-paragraph`). Hangul is written with spaces and is not here.
const NO_SPACE_SCRIPTS: &[(char, char)] = &[
    ('\u{3000}', '\u{303f}'), // CJK punctuation (`。`, `「」`)
    ('\u{3040}', '\u{30ff}'), // Hiragana, Katakana
    ('\u{3400}', '\u{4dbf}'), // Han extension A
    ('\u{4e00}', '\u{9fff}'), // Han
    ('\u{f900}', '\u{faff}'), // Han compatibility
    ('\u{ff00}', '\u{ffef}'), // full-width forms (`！？`)
];

/// Han and kana characters per word (a Chinese word is one to two characters, a Japanese
/// one two to three with its particles).
const CHARS_PER_WORD: usize = 2;

fn is_no_space_script(c: char) -> bool {
    NO_SPACE_SCRIPTS
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Words in a line; a run of Han or kana counts one word per [`CHARS_PER_WORD`] characters.
pub(super) fn word_count(s: &str) -> usize {
    // ASCII text has no no-space script, so each word counts one: counting word starts
    // byte by byte skips decoding every character twice (a block can be a whole speech).
    if s.is_ascii() {
        return ascii_word_starts(s.as_bytes());
    }
    word_weights(s).sum()
}

/// The number of whitespace-separated words of ASCII text: bytes that are not space and
/// open the text or follow a space.
fn ascii_word_starts(s: &[u8]) -> usize {
    use crate::ascii::{count_pairs, is_space};
    let Some(&first) = s.first() else {
        return 0;
    };
    usize::from(!is_space(first)) + count_pairs(s, |x, y| is_space(x) & !is_space(y))
}

/// Whether `s` has more than `n` words (as [`word_count`] counts them), reading no
/// further than word `n + 1`: most checks compare a block's length with a small bound,
/// and a block can be a whole speech.
pub(super) fn words_exceed(s: &str, n: usize) -> bool {
    let mut total = 0;
    word_weights(s).any(|w| {
        total += w;
        total > n
    })
}

/// Each whitespace-separated word counts one, a run of no-space script (CJK) one per
/// `CHARS_PER_WORD` characters.
fn word_weights(s: &str) -> impl Iterator<Item = usize> + '_ {
    s.split_whitespace().map(|w| {
        let cjk = w.chars().filter(|&c| is_no_space_script(c)).count();
        if cjk >= CHARS_PER_WORD {
            cjk.div_ceil(CHARS_PER_WORD)
        } else {
            1
        }
    })
}

/// A short line with no terminal punctuation: a title, heading or caption, not a sentence.
pub(super) fn is_heading_like(s: &str) -> bool {
    let t = s.trim().trim_matches(|c| c == '*' || c == '_');
    !t.is_empty() && !words_exceed(t, 14) && !ends_sentence(t) && !t.ends_with(',')
}

/// Share of longer words (4+ letters, after the first) that are capitalised.
pub(super) fn capitalised_share(s: &str) -> f32 {
    let words: Vec<&str> = s
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    if words.is_empty() {
        return 1.0;
    }
    let caps = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    caps as f32 / words.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::boilerplate::testing::run;

    /// Case `cjk-paragraph`: Chinese and Japanese paragraphs (no spaces, `。`) are body, not
    /// one-word headings; a short CJK heading is still a heading.
    #[test]
    fn cjk_paragraphs_are_body() {
        let a = "日米同盟は地域の安定に六十年以上貢献してきたが、費用の分担については意見が分かれている。";
        let b = "今後も同盟は重要な役割を果たすだろうと多くの専門家は考えている。";
        let (_, body) = run(&format!("同盟の将来\n\n{a}\n\n{b}\n"));
        assert_eq!(body, [a, b]);
        assert!(word_count(a) > 14, "{}", word_count(a));
        assert_eq!(word_count("同盟の将来"), 3);
        assert_eq!(word_count("the Quad at five"), 4);
        assert!(is_heading_like("同盟の将来"));
    }

    /// The ASCII count agrees with the Unicode one, on every kind of ASCII whitespace and
    /// on control characters that are not whitespace.
    #[test]
    fn ascii_word_count_agrees() {
        for s in [
            "",
            " ",
            "one",
            "  one  two\tthree\nfour\r\nfive\x0bsix\x0cseven  ",
            "a\x1cb\x1fc\x00d",
            "The Quad, at five: still here.",
        ] {
            assert_eq!(word_count(s), word_weights(s).sum::<usize>(), "{s:?}");
        }
    }
}
