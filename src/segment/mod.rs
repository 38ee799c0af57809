//! Stage 2 of the pipeline: sentences. Splits the text of one paragraph into sentence spans
//! (byte ranges, trimmed). Candidate boundaries come from `unicode-segmentation` (UAX #29);
//! the rules below veto boundaries after abbreviations, initials and dotted acronyms.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations that never end a sentence when followed by more text (lower-cased, no dot).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "lt", "col", "maj", "adm", "amb", "pres",
    "sec", "st", "mt", "gov", "capt", "sgt", "rev", "hon", "jr", "sr", "no", "vol", "pp", "p",
    "art", "cf", "vs", "approx", "e.g", "i.e", "etc", "al", "fig", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "co", "corp",
];

/// Words that start a sentence after a dotted acronym (`in the U.S. How ...`).
const STARTERS: &[&str] = &[
    "the", "it", "this", "that", "these", "those", "he", "she", "they", "we", "i", "how", "what",
    "why", "but", "and", "however", "there", "in", "a", "an", "its", "our", "their",
];

fn last_word(s: &str) -> &str {
    let t = s.trim_end();
    let start = t
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    &t[start..]
}

fn first_word(s: &str) -> &str {
    let t = s.trim_start();
    let end = t.find(|c: char| c.is_whitespace()).unwrap_or(t.len());
    t[..end].trim_matches(|c: char| !c.is_alphanumeric())
}

/// Should the boundary between `prev` and `next` be vetoed?
fn glue(prev: &str, next: &str) -> bool {
    let next_t = next.trim_start();
    let Some(c) = next_t.chars().next() else {
        return true;
    };
    // Case: the next piece starts in lower case or with a digit ("Vol. 11", "p. 55", "co. at").
    if c.is_lowercase() || c.is_ascii_digit() {
        return !prev.trim_end().ends_with(['?', '!']) || c.is_lowercase();
    }
    let word = last_word(prev);
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    let bare = stem.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lower = bare.to_lowercase();
    // Case: single-letter initial ("Jonas E. Smith").
    if bare.chars().count() == 1 && bare.chars().all(char::is_uppercase) {
        return true;
    }
    // Case: dotted acronym ("U.S.", "M.A."): glued unless a sentence starter follows.
    if bare.contains('.') && bare.split('.').all(|p| p.chars().count() <= 2) {
        return !STARTERS.contains(&first_word(next).to_lowercase().as_str());
    }
    // Case: title or reference abbreviation ("Dr.", "No.", "Vol.").
    TITLES.contains(&lower.as_str()) && !matches!(lower.as_str(), "etc" | "co" | "inc" | "corp")
}

/// Split one paragraph into trimmed sentence spans (byte ranges into `text`).
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, piece) in text.split_sentence_bound_indices() {
        let range = i..i + piece.len();
        match out.last_mut() {
            Some(last) if glue(&text[last.clone()], piece) => last.end = range.end,
            _ => out.push(range),
        }
    }
    out.into_iter()
        .filter_map(|r| {
            let s = &text[r.clone()];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            (lead < s.len()).then(|| r.start + lead..r.end - trail)
        })
        .collect()
}

/// Collapse whitespace runs (including newlines) to one space.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "plain",
                "Hello World. My name is Jonas.",
                &["Hello World.", "My name is Jonas."],
            ),
            (
                "initial",
                "My name is Jonas E. Smith.",
                &["My name is Jonas E. Smith."],
            ),
            (
                "acronym-mid",
                "The U.S. Congress met. It voted.",
                &["The U.S. Congress met.", "It voted."],
            ),
            (
                "acronym-end",
                "I live in the U.S. How about you?",
                &["I live in the U.S.", "How about you?"],
            ),
            (
                "vol-no",
                "See Issues & Insights Vol. 11-No. 16. Next.",
                &["See Issues & Insights Vol. 11-No. 16.", "Next."],
            ),
            (
                "title",
                "Dr. Smith left. He came back.",
                &["Dr. Smith left.", "He came back."],
            ),
        ];
        for (name, input, want) in cases {
            assert_eq!(split(input), *want, "case {name}");
        }
    }

    #[test]
    fn collapse() {
        assert_eq!(collapse_ws(" a \n\n b\tc "), "a b c");
    }
}
