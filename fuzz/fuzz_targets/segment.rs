//! Fuzz target: arbitrary text → `pipeline::segment_text`. Spans are in bounds, on char
//! boundaries, ordered and non-overlapping; each sentence text is its collapsed span; the
//! only non-whitespace characters left out are line-start list or heading markers.

#![no_main]

use argdex::pipeline;
use argdex::segment::collapse_ws;
use libfuzzer_sys::fuzz_target;

/// Is `c` part of a line-start list or heading marker (`## `, `- `, `• `, `12. `, `3) `)?
fn marker_char(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_digit() || "#-*+•–.)".contains(c)
}

fuzz_target!(|t: &str| {
    let sents = pipeline::segment_text(t);
    let mut covered = vec![false; t.len()];
    let mut prev = 0;
    for s in &sents {
        assert!(s.start < s.end && s.end <= t.len(), "bad span {s:?}");
        assert!(s.start >= prev, "overlap at {s:?}");
        assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
        assert_eq!(s.text, collapse_ws(&t[s.start..s.end]));
        assert!(!s.text.is_empty(), "empty sentence {s:?}");
        covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
        prev = s.end;
    }
    for (i, c) in t.char_indices() {
        if c.is_whitespace() || covered[i] {
            continue;
        }
        let line_start = t[..i].rfind(['\n', '\r']).map_or(0, |p| p + 1);
        let prefix = &t[line_start..i + c.len_utf8()];
        assert!(
            prefix.chars().all(marker_char),
            "lost {c:?} at byte {i} (line prefix {prefix:?})"
        );
    }
});
