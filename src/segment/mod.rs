//! Stage 2 of the pipeline: sentences. Splits the text of one paragraph (a block from
//! `document::paragraphs`) into sentence spans: byte ranges into the paragraph, trimmed.
//! A byte scanner (`rules.rs`) finds runs of terminal punctuation followed by whitespace and
//! decides each with rules backed by an abbreviation lexicon kept as data (`lexicon.rs`).
//! `golden.rs` scores the pipeline against Golden Rules files.

use std::ops::Range;

pub mod golden;
pub mod lexicon;
mod rules;

/// Split one paragraph into trimmed sentence spans (byte ranges into `text`), in order and
/// non-overlapping. Inline enumerations (`1. A 2. B`) are cut into items first.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    match rules::enumeration(text) {
        Some(starts) => {
            for (k, &s) in starts.iter().enumerate() {
                let e = starts.get(k + 1).copied().unwrap_or(text.len());
                rules::scan(text, s..e, &mut out);
            }
        }
        None => rules::scan(text, 0..text.len(), &mut out),
    }
    out
}

/// True when `line` is an inline enumeration (`1. The first item 2. The second item`):
/// its markers belong to the text, so layout must not strip the first one.
pub fn is_inline_enumeration(line: &str) -> bool {
    rules::enumeration(line).is_some()
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
mod tests;
