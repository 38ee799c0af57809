//! Stage 2 of the pipeline: sentences. Splits the text of one paragraph (a block from
//! `document::paragraphs`) into sentence spans: byte ranges into the paragraph, trimmed.
//! A byte scanner (`rules.rs`) finds runs of terminal punctuation followed by whitespace and
//! decides each with named rules backed by tables kept as data (`lexicon.rs`: abbreviations,
//! sentence openers, company forms). Scoring against Golden Rules style files lives
//! in `eval::golden` (it runs the whole pipeline, which this stage must not know).

use std::ops::Range;

pub mod lexicon;
mod rules;

/// Split one paragraph into trimmed sentence spans (byte ranges into `text`), in order and
/// non-overlapping. Lines that are list entries are cut first (`rules::line_cuts`), then
/// inline enumerations (`1. A 2. B`) into items, then each piece into sentences.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for cut in rules::line_cuts(text).into_iter().chain([text.len()]) {
        let lead = text[start..cut].len() - text[start..cut].trim_start().len();
        match rules::enumeration(text, start + lead, cut, rules::Opening::Paragraph) {
            Some(starts) => rules::items(text, &starts, cut, &mut out),
            None => rules::scan(text, start..cut, true, &mut out),
        }
        start = cut;
    }
    out
}

/// True when `line` is an inline enumeration (`1. The first item 2. The second item`):
/// its markers belong to the text, so layout must not strip the first one.
pub fn is_inline_enumeration(line: &str) -> bool {
    let lead = line.len() - line.trim_start().len();
    rules::enumeration(line, lead, line.len(), rules::Opening::Paragraph).is_some()
}

/// Collapse whitespace runs (including newlines and Unicode spaces such as NBSP) to one
/// space, trimming both ends. Byte scanning: only ASCII whitespace and the lead bytes
/// `C2`, `E1`, `E2`, `E3` can start a whitespace character, so only those are decoded.
pub fn collapse_ws(s: &str) -> String {
    // Most sentences are already collapsed: copied whole, not word by word.
    if is_collapsed_ascii(s.as_bytes()) {
        return s.to_string();
    }
    collapse_runs(s)
}

/// [`collapse_ws`] word by word.
fn collapse_runs(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let ws = match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => s
                .get(i..)
                .and_then(|t| t.chars().next())
                .filter(|ch| ch.is_whitespace())
                .map_or(0, char::len_utf8),
            _ => 0,
        };
        if ws == 0 {
            word.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(w) = word.take() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s[w..i]);
        }
        i += ws;
    }
    if let Some(w) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[w..]);
    }
    out
}

/// Whether `collapse_ws` would return `b` unchanged, read only from ASCII: no byte outside
/// ASCII (it could start a Unicode space), no tab, line feed, vertical tab, form feed or
/// carriage return, no space at either end or after another.
fn is_collapsed_ascii(b: &[u8]) -> bool {
    use crate::ascii::{count, count_pairs, is_space};
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return true;
    };
    let odd = count(b, |c| (c >= 0x80) | (is_space(c) & (c != b' ')));
    let double = count_pairs(b, |x, y| (x == b' ') & (y == b' '));
    first != b' ' && last != b' ' && odd == 0 && double == 0
}

#[cfg(test)]
mod tests;
